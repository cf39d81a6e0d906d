// Drives Debian's Chromium with the built extension (dist/chromium) through playwright-core:
// no browser download, ever. Shared by chromium.mjs (the test suite) and the measurement
// scripts in this folder.
//
// A real toolbar click is the CDP browser-level command Extensions.triggerAction({id,
// targetId}), which needs the TAB target (not the page target) and a browser session.
// launchPersistentContext gives no Browser object, so Chromium also gets
// --remote-debugging-port=0 and we connect a second client over CDP to the port it writes in
// <profile>/DevToolsActivePort.
import { chromium } from "playwright-core";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = join(ROOT, "dist/chromium");
export const CHROMIUM = process.env.BACA_CHROMIUM || "/usr/bin/chromium";

/** Launches Chromium with the extension; returns helpers bound to it. */
/** Thrown by `inShadow` when the page has no overlay. */
export const NO_OVERLAY = new Error("no <baca-reader> overlay on the page");

/** Runs in the overlay's shadow root: what the tests assert about the open overlay. */
const READ_OVERLAY = `function () {
          const q = (sel) => this.querySelector(sel);
          const text = (sel) => (q(sel)?.textContent ?? null);
          const content = q("[data-baca=content]");
          const BLOCK = "p, li, dd, dt, blockquote, h2, h3, h4, h5, h6, pre, figcaption";
          const blocks = content ? [...content.querySelectorAll(BLOCK)]
            .filter((b) => !b.querySelector(BLOCK))
            .map((b) => ({ tag: b.localName, text: b.textContent })) : [];
          const dialog = q("[role=dialog]");
          return {
            mode: this.mode,
            title: text("[data-baca=title]"),
            titleId: q("[data-baca=title]")?.id ?? null,
            site: text("[data-baca=site]"),
            byline: text("[data-baca=byline]"),
            date: text("[data-baca=date]"),
            datetime: q("[data-baca=date]")?.getAttribute("datetime") ?? null,
            message: text("[data-baca=message]"),
            code: q("[data-baca=message]")?.getAttribute("data-code") ?? null,
            hasClose: !!q("button[data-baca=close]"),
            dialog: dialog ? { modal: dialog.getAttribute("aria-modal"), labelledby: dialog.getAttribute("aria-labelledby") } : null,
            focusInside: document.activeElement === this.host && !!this.activeElement,
            blocks,
            scripts: content ? content.querySelectorAll("script, style, form, input, button").length : 0,
          };
        }`;

/** `profile`: a user-data dir to use and keep (a browser restart with the same profile);
 *  by default a fresh one, deleted on close. `args`: extra Chromium switches (e.g. --lang). */
export async function launch({ dist = DIST, profile: keep = null, args: extraArgs = [], env } = {}) {
  if (!existsSync(join(dist, "manifest.json")) || !existsSync(join(dist, "wasm/baca.js"))) {
    throw new Error(`${dist} is not built: run scripts/build.sh`);
  }
  const profile = keep || mkdtempSync(join(tmpdir(), "baca-chromium-"));
  if (keep) rmSync(join(profile, "DevToolsActivePort"), { force: true }); // the previous run's
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 720 },
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      "--enable-unsafe-extension-debugging",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--remote-debugging-port=0",
      ...extraArgs,
    ],
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
  let worker = context.serviceWorkers().find((w) => w.url().startsWith("chrome-extension://"));
  if (!worker) worker = await context.waitForEvent("serviceworker", { timeout: 15000 });
  const extensionId = new URL(worker.url()).host;
  // The worker target exists before its script has run: a toolbar click dispatched in that
  // window was lost about one time in three (the listeners are not registered yet). An
  // evaluate only runs once the top-level script has finished; wait for its last globals.
  for (let i = 0; i < 200; i++) {
    if (await worker.evaluate(() => typeof globalThis.bacaStats === "object" && typeof BACA_CONTENT_FILES !== "undefined").catch(() => false)) break;
    await sleep(25);
  }

  let port = null;
  for (let i = 0; i < 100 && !port; i++) {
    try {
      port = readFileSync(join(profile, "DevToolsActivePort"), "utf8").split("\n")[0].trim();
    } catch {
      await sleep(50);
    }
  }
  if (!port) throw new Error("Chromium wrote no DevToolsActivePort");
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const browserSession = await browser.newBrowserCDPSession();
  const page = context.pages()[0] || (await context.newPage());

  /** The tab target that shows `page` (tab targets carry the page's URL). */
  async function tabTargetId(p) {
    const { targetInfos } = await browserSession.send("Target.getTargets", { filter: [{ type: "tab" }] });
    const url = p.url();
    const tabs = targetInfos.filter((t) => t.type === "tab" && t.url === url);
    if (tabs.length !== 1) throw new Error(`expected one tab showing ${url}, found ${tabs.length}`);
    return tabs[0].targetId;
  }

  /** Clicks the extension's toolbar button for the tab showing `p`. */
  async function clickAction(p = page) {
    await browserSession.send("Extensions.triggerAction", { id: extensionId, targetId: await tabTargetId(p) });
  }

  /** The overlay host's data-state (null: no overlay). */
  const hostState = (p = page) =>
    p.evaluate(() => document.querySelector("baca-reader")?.getAttribute("data-state") ?? null);

  /** Waits until the overlay has finished (data-state ready or error); returns the state. */
  async function waitSettled(p = page, timeout = 15000) {
    const h = await p.waitForFunction(
      () => {
        const s = document.querySelector("baca-reader")?.getAttribute("data-state");
        return s === "ready" || s === "error" ? s : false;
      },
      null,
      { polling: "raf", timeout },
    );
    return h.jsonValue();
  }

  async function waitClosed(p = page, timeout = 5000) {
    await p.waitForFunction(() => !document.querySelector("baca-reader"), null, { polling: "raf", timeout });
  }

  /** The CLOSED shadow root of the first `<hostName>` of the page, as a CDP DOM node
   *  (DOM.getDocument({pierce}) exposes closed roots). Throws `NO_OVERLAY` when the overlay is absent. */
  async function shadowRootNode(s, hostName) {
    const { root } = await s.send("DOM.getDocument", { depth: -1, pierce: true });
    const stack = [root];
    let host = null;
    while (stack.length && !host) {
      const n = stack.pop();
      if (n.localName === hostName) host = n;
      for (const c of n.children || []) stack.push(c);
    }
    if (!host) throw hostName === "baca-reader" ? NO_OVERLAY : new Error(`no <${hostName}>`);
    const shadow = host.shadowRoots?.[0];
    if (!shadow) throw new Error(`<${hostName}> has no shadow root`);
    return shadow;
  }

  /** Runs `fn` with `this` = the overlay's CLOSED shadow root, returning its value (CDP:
   *  DOM.resolveNode gives a handle, Runtime.callFunctionOn runs `fn`). Throws `NO_OVERLAY`
   *  when there is no overlay. */
  async function inShadow(p, fn, ...args) {
    const s = await context.newCDPSession(p);
    try {
      const shadow = await shadowRootNode(s, "baca-reader");
      const { object } = await s.send("DOM.resolveNode", { backendNodeId: shadow.backendNodeId });
      const { result, exceptionDetails } = await s.send("Runtime.callFunctionOn", {
        objectId: object.objectId, returnByValue: true, awaitPromise: true,
        functionDeclaration: `function (...args) { return (${fn}).call(this, ...args); }`,
        arguments: args.map((value) => ({ value })),
      });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value;
    } finally {
      await s.detach().catch(() => {});
    }
  }

  /** Clicks (real mouse) the element `selector` inside the closed shadow root of the first
   *  `<hostName>` (the overlay by default; clean-page mode's `baca-restore` button too). */
  async function clickInShadow(p, selector, hostName = "baca-reader") {
    const s = await context.newCDPSession(p);
    try {
      const shadow = await shadowRootNode(s, hostName);
      const { nodeId } = await s.send("DOM.querySelector", { nodeId: shadow.nodeId, selector });
      if (!nodeId) throw new Error(`no ${selector} in <${hostName}>`);
      await s.send("DOM.scrollIntoViewIfNeeded", { nodeId });
      const { quads } = await s.send("DOM.getContentQuads", { nodeId });
      const q = quads[0];
      await p.mouse.click((q[0] + q[2] + q[4] + q[6]) / 4, (q[1] + q[3] + q[5] + q[7]) / 4);
    } finally {
      await s.detach().catch(() => {});
    }
  }

  /** Reads the overlay (title, metadata, blocks, dialog state); null when it is not open. */
  async function readOverlay(p = page) {
    try {
      return await inShadow(p, READ_OVERLAY);
    } catch (e) {
      if (e === NO_OVERLAY) return null;
      throw e;
    }
  }

  /** The service worker's counters (which path served the extraction). */
  async function stats() {
    const w = context.serviceWorkers().find((x) => x.url().startsWith(`chrome-extension://${extensionId}/`));
    return w ? w.evaluate(() => ({ ...globalThis.bacaStats })) : null;
  }

  async function close() {
    await browser.close().catch(() => {});
    await context.close().catch(() => {});
    if (!keep) rmSync(profile, { recursive: true, force: true });
  }

  return { context, page, extensionId, browserSession, clickAction, hostState, waitSettled, waitClosed, readOverlay, inShadow, clickInShadow, stats, close };
}
