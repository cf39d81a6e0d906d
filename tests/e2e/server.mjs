// A tiny static server for the end-to-end suites (Chromium and Firefox), on 127.0.0.1 at a
// free port. Serves `root` (normally tests/fixtures); a path prefix can add response headers:
//   /csp-self/<path>  the same file + Content-Security-Policy: script-src 'self'
//   /csp-none/<path>  the same file + Content-Security-Policy: default-src 'none'
// `prefixes` adds or replaces such prefixes ({name: {header: value}}); `files` maps extra
// absolute URL paths to files outside root (e.g. a generated benchmark page).
//
//   const srv = await startServer({ root });  srv.url → "http://127.0.0.1:PORT";  await srv.close();
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

export const DEFAULT_PREFIXES = Object.freeze({
  "csp-self": { "content-security-policy": "script-src 'self'" },
  "csp-none": { "content-security-policy": "default-src 'none'" },
});

const TYPES = {
  ".html": "text/html; charset=utf-8", ".json": "application/json; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg",
  ".svg": "image/svg+xml", ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8",
};

export function startServer({ root, prefixes = {}, files = {} } = {}) {
  const base = normalize(root);
  const allPrefixes = { ...DEFAULT_PREFIXES, ...prefixes };
  const server = createServer(async (req, res) => {
    const headers = { "cache-control": "no-store" };
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    } catch {
      res.writeHead(400, headers);
      return res.end("bad request");
    }
    const m = /^\/([^/]+)(\/.*)$/.exec(path);
    if (m && Object.hasOwn(allPrefixes, m[1])) {
      Object.assign(headers, allPrefixes[m[1]]);
      path = m[2];
    }
    if (path.endsWith("/")) path += "source.html";
    let file = Object.hasOwn(files, path) ? files[path] : normalize(join(base, path));
    if (!Object.hasOwn(files, path) && !file.startsWith(base + sep)) {
      res.writeHead(403, headers);
      return res.end("forbidden");
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, "content-type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { ...headers, "content-type": "text/plain" });
      res.end("not found");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}
