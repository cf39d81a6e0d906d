// The extension's toolbar button, driven from Firefox's chrome (parent-process) context.
//
// Mechanism (Firefox source, browser/components/extensions/parent/ext-browserAction.js):
//   global.browserActionFor = this.browserAction.for;          // line ~1132
//   triggerAction(window) { ... this.action.triggerClickOrPopup(window.gBrowser.selectedTab,
//                                   { button: 0, modifiers: [] }) ... }
// triggerClickOrPopup (toolkit/components/extensions/ExtensionActions.sys.mjs) grants
// activeTab, then dispatches action.onClicked: the same path as a user click (and as the
// `_execute_action` keyboard command in ExtensionShortcuts.sys.mjs, which calls
// `lazy.global.browserActionFor(extension).triggerAction(win)`).
// `global` is ExtensionParent.apiManager.global; browser-addons.js exposes the same thing
// as gUnifiedExtensions.browserActionFor(policy).

import { waitFor } from "./geckodriver.mjs";

/** Chrome-context script: wait until the action for `id` exists in the browser window. */
function probeAction(id) {
  const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
  const policy = WebExtensionPolicy.getByID(id);
  if (!policy || !policy.extension) return { ready: false, why: "no WebExtensionPolicy for " + id };
  const forFn = ExtensionParent.apiManager.global.browserActionFor;
  if (!forFn) return { ready: false, why: "ext-browserAction not loaded yet" };
  const action = forFn(policy.extension);
  if (!action) return { ready: false, why: "no browser action for extension" };
  const win = Services.wm.getMostRecentWindow("navigator:browser");
  const tab = win.gBrowser.selectedTab;
  return {
    ready: true,
    enabled: action.action.isShownForTab ? action.action.isShownForTab(tab) : null,
    url: win.gBrowser.selectedBrowser.currentURI.spec,
  };
}

/** Chrome-context script: trigger the action for the current window / selected tab. */
function trigger(id) {
  const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
  const policy = WebExtensionPolicy.getByID(id);
  const action = ExtensionParent.apiManager.global.browserActionFor(policy.extension);
  const win = Services.wm.getMostRecentWindow("navigator:browser");
  action.triggerAction(win);
  return win.gBrowser.selectedBrowser.currentURI.spec;
}

export async function waitForAction(gecko, id, timeout = 15000) {
  return gecko.inChrome(() =>
    waitFor(async () => {
      const r = await gecko.exec(probeAction, id);
      return r.ready ? r : null;
    }, { timeout, what: `browser action of ${id}` }),
  );
}

/** A real toolbar-button activation (not a synthetic page event). */
export async function clickToolbarButton(gecko, id) {
  return gecko.inChrome(() => gecko.exec(trigger, id));
}

/**
 * Recent browser-console messages (errors from the extension's background/content
 * scripts land here): useful evidence when a scenario fails.
 */
export async function consoleMessages(gecko, { sinceMs = 0, limit = 40 } = {}) {
  return gecko.inChrome(() =>
    gecko.exec(
      (sinceMs, limit) => {
        const out = [];
        for (const m of Services.console.getMessageArray() || []) {
          const t = m.timeStamp || 0;
          if (t < sinceMs) continue;
          let s;
          if (m instanceof Ci.nsIScriptError) {
            s = `[${m.flags & 1 ? "warn" : "error"}] ${m.errorMessage} (${m.sourceName}:${m.lineNumber})`;
          } else {
            s = `[msg] ${m.message}`;
          }
          if (/baca|moz-extension|wasm|Content-Security|CSP|extension/i.test(s)) out.push(s);
        }
        return out.slice(-limit);
      },
      sinceMs,
      limit,
    ),
  );
}
