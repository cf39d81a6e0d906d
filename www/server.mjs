// A tiny static file server for the try-it page: 127.0.0.1 only, GET/HEAD only, no directory
// listings, nothing outside the root. Used by scripts/www.sh and by tests/e2e/www.mjs.
//   node www/server.mjs --root target/www [--port 8417]     (port 0: any free port)
//   import { serve } from "../../www/server.mjs"; const s = await serve({ root, port: 0 }); s.url; await s.close();
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".wasm": "application/wasm", ".png": "image/png",
  ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8", ".md": "text/markdown; charset=utf-8",
};

// The same policy as the page's <meta>, sent as a header too (a header also covers the
// samples and every other file). The samples are served as plain text: they are data for the
// page, never pages of this origin.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; " +
  "style-src 'self' 'unsafe-inline'; frame-src 'self' about:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export function serve({ root, port = 0, host = "127.0.0.1" } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const headers = {
      "cache-control": "no-store", "x-content-type-options": "nosniff",
      "content-security-policy": CSP, "referrer-policy": "no-referrer",
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...headers, allow: "GET, HEAD" });
      return res.end();
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    } catch {
      res.writeHead(400, headers);
      return res.end("bad request");
    }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(base, path));
    if (!file.startsWith(base + sep) || path.includes("\0")) {
      res.writeHead(403, headers);
      return res.end("forbidden");
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      const body = await readFile(file);
      let type = TYPES[extname(file)] || "application/octet-stream";
      if (path.startsWith("/samples/") && extname(file) === ".html") type = "text/plain; charset=utf-8";
      res.writeHead(200, { ...headers, "content-type": type, "content-length": body.length });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { ...headers, "content-type": "text/plain; charset=utf-8" });
      res.end("not found");
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const a = server.address();
      ok({
        url: `http://${host}:${a.port}/`,
        port: a.port,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
  };
  const root = opt("--root", "target/www");
  const port = Number(opt("--port", process.env.BACA_WWW_PORT ?? 8417));
  serve({ root, port }).then(
    (s) => {
      console.log(`Baca try-it page: ${s.url}  (serving ${root}; Ctrl-C to stop)`);
      const stop = () => s.close().then(() => process.exit(0));
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    },
    (e) => {
      console.error(`[www] cannot listen on 127.0.0.1:${port}: ${e.message}` +
        (e.code === "EADDRINUSE" ? " (try --port 0 for any free port)" : ""));
      process.exit(1);
    },
  );
}
