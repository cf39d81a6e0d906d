// Minimal W3C WebDriver client for geckodriver + headless Firefox, over plain HTTP
// (node's fetch). No selenium. Every process it starts is tracked by pid and killed
// in stop(), and, as a last resort, in a synchronous process 'exit' handler.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, homedir } from "node:os";
import { dirname, join } from "node:path";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const SHADOW = "shadow-6066-11e4-a52e-4f735466cecf";

export const KEY = {
  Escape: "\uE00C", Tab: "\uE004", Enter: "\uE007",
  Shift: "\uE008", Control: "\uE009", Alt: "\uE00A", Meta: "\uE03D",
};

/** A free TCP port on 127.0.0.1 (bound then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function findGeckodriver() {
  const candidates = [
    process.env.GECKODRIVER,
    join(homedir(), ".cargo/bin/geckodriver"),
    "/usr/local/bin/geckodriver",
    "/usr/bin/geckodriver",
  ].filter(Boolean);
  return candidates.find((p) => existsSync(p));
}

export function findFirefox() {
  const candidates = [
    process.env.FIREFOX_BIN,
    "/usr/bin/firefox-esr",
    "/usr/lib/firefox-esr/firefox-esr",
    "/usr/bin/firefox",
  ].filter(Boolean);
  return candidates.find((p) => existsSync(p));
}

// Keep Firefox off the network (only 127.0.0.1 is reachable here) and quiet.
// Marionette's "recommended prefs" already cover much of this; these are belt and braces.
export const QUIET_PREFS = {
  "app.update.auto": false,
  "app.update.enabled": false,
  "app.update.disabledForTesting": true,
  "app.update.checkInstallTime": false,
  "browser.shell.checkDefaultBrowser": false,
  "browser.startup.page": 0,
  "browser.startup.homepage": "about:blank",
  "browser.startup.homepage_override.mstone": "ignore",
  "startup.homepage_welcome_url": "about:blank",
  "startup.homepage_welcome_url.additional": "",
  "browser.newtabpage.enabled": false,
  "browser.newtabpage.activity-stream.feeds.topsites": false,
  "browser.newtabpage.activity-stream.feeds.system.topsites": false,
  "browser.newtabpage.activity-stream.feeds.telemetry": false,
  "browser.newtabpage.activity-stream.telemetry": false,
  "browser.ping-centre.telemetry": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.safebrowsing.blockedURIs.enabled": false,
  "browser.safebrowsing.downloads.enabled": false,
  "browser.safebrowsing.downloads.remote.enabled": false,
  "browser.safebrowsing.provider.mozilla.updateURL": "",
  "browser.safebrowsing.provider.google.updateURL": "",
  "browser.safebrowsing.provider.google4.updateURL": "",
  "browser.search.update": false,
  "browser.search.geoip.url": "",
  "browser.region.network.url": "",
  "browser.region.update.enabled": false,
  "browser.discovery.enabled": false,
  "browser.aboutwelcome.enabled": false,
  "browser.uitour.enabled": false,
  "browser.tabs.warnOnClose": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "datareporting.healthreport.uploadEnabled": false,
  "toolkit.telemetry.enabled": false,
  "toolkit.telemetry.unified": false,
  "toolkit.telemetry.archive.enabled": false,
  "toolkit.telemetry.server": "",
  "toolkit.telemetry.reportingpolicy.firstRun": false,
  "toolkit.telemetry.shutdownPingSender.enabled": false,
  "toolkit.telemetry.newProfilePing.enabled": false,
  "toolkit.telemetry.firstShutdownPing.enabled": false,
  "toolkit.telemetry.bhrPing.enabled": false,
  "toolkit.telemetry.updatePing.enabled": false,
  "extensions.update.enabled": false,
  "extensions.update.autoUpdateDefault": false,
  "extensions.getAddons.cache.enabled": false,
  "extensions.blocklist.enabled": false,
  "extensions.systemAddon.update.enabled": false,
  "extensions.systemAddon.update.url": "",
  "extensions.webservice.discoverURL": "",
  "extensions.htmlaboutaddons.recommendations.enabled": false,
  "extensions.getAddons.showPane": false,
  "media.gmp-manager.updateEnabled": false,
  "media.gmp-manager.url": "",
  "media.gmp-gmpopenh264.enabled": false,
  "media.gmp-widevinecdm.enabled": false,
  "geo.provider.network.url": "",
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "network.dns.disablePrefetch": true,
  "network.prefetch-next": false,
  "network.http.speculative-parallel-limit": 0,
  "network.proxy.type": 0,
  "services.settings.server": "http://127.0.0.1:9/v1",
  "services.sync.enabled": false,
  "identity.fxaccounts.enabled": false,
  "security.OCSP.enabled": 0,
  "security.remote_settings.crlite_filters.enabled": false,
  "browser.topsites.contile.enabled": false,
  "browser.urlbar.suggest.quicksuggest.sponsored": false,
  "browser.urlbar.suggest.quicksuggest.nonsponsored": false,
  "browser.translations.enable": false,
  "browser.ml.enable": false,
  "privacy.sanitize.sanitizeOnShutdown": false,
  "ui.prefersReducedMotion": 1,
};

export class WebDriverError extends Error {
  constructor(method, path, status, value) {
    super(`${method} ${path} -> ${status} ${value?.error ?? ""}: ${value?.message ?? JSON.stringify(value)}`);
    this.status = status;
    this.error = value?.error;
  }
}

export class Gecko {
  constructor() {
    this.proc = null;
    this.base = null;
    this.sessionId = null;
    this.profileRoot = null;
    this.log = [];
    this._exitHook = () => this._killSync();
    // Ctrl-C / kill of the test process: clean up, then die by the same signal.
    this._signalHook = (sig) => {
      this._killSync();
      process.off("SIGINT", this._signalHook).off("SIGTERM", this._signalHook).off("SIGHUP", this._signalHook);
      process.kill(process.pid, sig);
    };
  }

  /**
   * Start geckodriver (with --allow-system-access so chrome context works) and a
   * headless Firefox session on a fresh temporary profile.
   */
  async start({ prefs = {}, width = 1000, height = 700, args = [] } = {}) {
    const gd = findGeckodriver();
    const ff = findFirefox();
    if (!gd) throw new Error("geckodriver not found (run scripts/setup-firefox.sh)");
    if (!ff) throw new Error("firefox not found (run scripts/setup-firefox.sh)");
    const port = await freePort();
    const wsPort = await freePort(); // default 9222 would clash with a Chromium debugger
    this.profileRoot = mkdtempSync(join(tmpdir(), "baca-ff-"));
    this.proc = spawn(
      gd,
      [
        "--host", "127.0.0.1",
        "--port", String(port),
        "--websocket-port", String(wsPort),
        "--allow-system-access",
        "--profile-root", this.profileRoot,
      ],
      // Own process group, so Firefox (a child of geckodriver) can be killed with it.
      { detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    const keep = (d) => {
      this.log.push(d.toString());
      if (this.log.length > 2000) this.log.splice(0, 1000);
    };
    this.proc.stdout.on("data", keep);
    this.proc.stderr.on("data", keep);
    process.on("exit", this._exitHook);
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, this._signalHook);
    this.base = `http://127.0.0.1:${port}`;

    // Wait for geckodriver to listen.
    const t0 = Date.now();
    for (;;) {
      try {
        const r = await fetch(`${this.base}/status`);
        if (r.ok) break;
      } catch {}
      if (this.proc.exitCode !== null) throw new Error(`geckodriver exited: ${this.log.join("")}`);
      if (Date.now() - t0 > 15000) throw new Error(`geckodriver did not start: ${this.log.join("")}`);
      await sleep(100);
    }

    const caps = {
      capabilities: {
        alwaysMatch: {
          browserName: "firefox",
          acceptInsecureCerts: true,
          pageLoadStrategy: "normal",
          timeouts: { script: 30000, pageLoad: 30000, implicit: 0 },
          "moz:firefoxOptions": {
            binary: ff,
            // extra args, e.g. ["-profile", dir] to reuse a profile across sessions
            args: ["-headless", `--width=${width}`, `--height=${height}`, ...args],
            prefs: { ...QUIET_PREFS, ...prefs },
            log: { level: "warn" },
          },
        },
      },
    };
    const v = await this.cmd("POST", "/session", caps, { noSession: true });
    this.sessionId = v.sessionId;
    this.capabilities = v.capabilities;
    await this.cmd("POST", "/window/rect", { width, height }).catch(() => {});
    return this;
  }

  async cmd(method, path, body, { noSession = false } = {}) {
    const url = noSession ? `${this.base}${path}` : `${this.base}/session/${this.sessionId}${path}`;
    const init = { method, headers: { "content-type": "application/json; charset=utf-8" } };
    if (body !== undefined) init.body = JSON.stringify(body);
    else if (method === "POST") init.body = "{}";
    const r = await fetch(url, init);
    const text = await r.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${path} -> ${r.status}: ${text.slice(0, 500)}`);
    }
    if (!r.ok) throw new WebDriverError(method, path, r.status, json.value);
    return json.value;
  }

  // --- navigation, contexts, scripts ---------------------------------------------------

  navigate(url) {
    return this.cmd("POST", "/url", { url });
  }

  /** "content" or "chrome" (chrome needs geckodriver --allow-system-access). */
  async setContext(context) {
    await this.cmd("POST", "/moz/context", { context });
    this.context = context;
  }

  async inChrome(fn) {
    await this.setContext("chrome");
    try {
      return await fn();
    } finally {
      await this.setContext("content");
    }
  }

  /** Synchronous script; `fn` is a function or a function-body string. */
  exec(fn, ...args) {
    const script = typeof fn === "function" ? `return (${fn}).apply(null, arguments);` : fn;
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Async script: `fn` may return a promise; its result is returned. */
  execAsync(fn, ...args) {
    const script =
      `const done = arguments[arguments.length - 1];` +
      `Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))` +
      `.then(v => done({ ok: true, v }), e => done({ ok: false, e: String(e && e.stack || e) }));`;
    return this.cmd("POST", "/execute/async", { script, args }).then((r) => {
      if (!r?.ok) throw new Error(`script failed: ${r?.e}`);
      return r.v;
    });
  }

  // --- elements and shadow roots -------------------------------------------------------

  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return v.map((e) => e[ELEMENT]);
  }

  /**
   * W3C "Get Element Shadow Root". Firefox returns the root for CLOSED shadow roots
   * too (Marionette uses element.openOrClosedShadowRoot, remote/content/shared/DOM.sys.mjs).
   */
  async shadowRoot(elementId) {
    const v = await this.cmd("GET", `/element/${elementId}/shadow`);
    return v[SHADOW];
  }

  async findInShadow(shadowId, css) {
    const v = await this.cmd("POST", `/shadow/${shadowId}/element`, { using: "css selector", value: css });
    return v[ELEMENT];
  }

  text(elementId) {
    return this.cmd("GET", `/element/${elementId}/text`);
  }

  click(elementId) {
    return this.cmd("POST", `/element/${elementId}/click`);
  }

  static elementRef(id) {
    return { [ELEMENT]: id };
  }

  static shadowRef(id) {
    return { [SHADOW]: id };
  }

  // --- input, screenshots, add-ons -----------------------------------------------------

  async pressKey(key) {
    await this.cmd("POST", "/actions", {
      actions: [
        {
          type: "key",
          id: "keyboard",
          actions: [
            { type: "keyDown", value: key },
            { type: "keyUp", value: key },
          ],
        },
      ],
    });
    await this.cmd("DELETE", "/actions");
  }

  /** Press keys together (modifiers first), release in reverse order. In the chrome
   *  context this reaches the browser window's <keyset>, e.g. extension commands. */
  async pressChord(keys) {
    await this.cmd("POST", "/actions", {
      actions: [
        {
          type: "key",
          id: "keyboard",
          actions: [
            ...keys.map((value) => ({ type: "keyDown", value })),
            ...[...keys].reverse().map((value) => ({ type: "keyUp", value })),
          ],
        },
      ],
    });
    await this.cmd("DELETE", "/actions");
  }

  async screenshot(file) {
    const b64 = await this.cmd("GET", "/screenshot");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(b64, "base64"));
    return file;
  }

  /** Install an unpacked folder or a zip/xpi as a temporary add-on. Returns the add-on id. */
  installAddon(path) {
    return this.cmd("POST", "/moz/addon/install", { path, temporary: true });
  }

  // --- teardown ------------------------------------------------------------------------

  async stop() {
    try {
      if (this.sessionId) {
        await Promise.race([this.cmd("DELETE", ""), sleep(10000)]);
      }
    } catch {}
    this.sessionId = null;
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) {
      const exited = new Promise((r) => this.proc.once("exit", r));
      this._signal("SIGTERM");
      await Promise.race([exited, sleep(5000)]);
      if (this.proc.exitCode === null && this.proc.signalCode === null) this._signal("SIGKILL");
    }
    // Anything left in the group (Firefox content processes) goes too.
    this._signal("SIGKILL");
    process.off("exit", this._exitHook);
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.off(sig, this._signalHook);
    this._removeProfiles();
  }

  _signal(sig) {
    if (!this.proc?.pid) return;
    try {
      process.kill(-this.proc.pid, sig); // the process group we created (detached: true)
    } catch {}
  }

  _killSync() {
    this._signal("SIGKILL");
    this._removeProfiles();
  }

  _removeProfiles() {
    if (this.profileRoot) {
      try {
        rmSync(this.profileRoot, { recursive: true, force: true });
      } catch {}
    }
  }
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Poll `fn` until it returns a truthy value, or throw after `timeout` ms. */
export async function waitFor(fn, { timeout = 10000, interval = 100, what = "condition" } = {}) {
  const t0 = Date.now();
  let last, lastErr;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() - t0 > timeout) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}` + (lastErr ? ` (last error: ${lastErr.message})` : ""));
    }
    await sleep(interval);
  }
}
