// Baca's background: the toolbar button / keyboard command, and the message router.
// Chromium runs it as a classic service worker (importScripts below); Firefox as an event page
// with the same files listed in manifest.json `background.scripts`.
"use strict";
if (typeof importScripts === "function" && typeof BACA_MSG === "undefined") {
  // eslint-disable-next-line no-undef
  importScripts("shared/browser.js", "shared/messages.js", "wasm/baca.js", "wasm/baca_wasm_bytes.js", "shared/engine.js");
}

const api = globalThis.bacaApi;
const MSG = globalThis.BACA_MSG;

/** Toggles the reader view (type TOGGLE) or clean-page mode (type CLEAN) in `tab`: the content
 *  script answers once injected; until then there is no receiver and we inject it (which opens
 *  the view, or turns clean-page mode on when __bacaStart says so). */
const injecting = new Set();
async function toggle(tab, type = MSG.TOGGLE) {
  if (!tab || tab.id === undefined || injecting.has(tab.id)) return;
  try {
    await api.tabs.sendMessage(tab.id, { type }, { frameId: 0 });
    return;
  } catch {
    // no receiver yet: inject below
  }
  injecting.add(tab.id);
  try {
    if (restricted(tab.url)) throw new Error(`restricted page ${tab.url}`);
    if (type === MSG.CLEAN) {
      await api.scripting.executeScript({ target: { tabId: tab.id }, func: () => { globalThis.__bacaStart = "clean"; } });
    }
    const injection = api.scripting.executeScript({ target: { tabId: tab.id }, files: [...globalThis.BACA_CONTENT_FILES] });
    try {
      await withTimeout(injection, INJECT_TIMEOUT_MS);
    } catch (e) {
      if (e !== TIMED_OUT) throw e;
      // Firefox never settles executeScript on some privileged pages. A very slow page may
      // still answer: then the reader opens and the (quiet: no popup) notice goes away.
      injection.then(() => { globalThis.bacaStats.injected++; clearNotice(tab.id); }, () => {});
      await notice(tab.id, { popup: false });
      return;
    }
    globalThis.bacaStats.injected++;
    clearNotice(tab.id);
  } catch (e) {
    console.warn("Baca: cannot run on this page:", e?.message ?? e);
    await notice(tab.id);
  } finally {
    injecting.delete(tab.id);
  }
}

/** Pages no extension may script, known from their URL (the click's activeTab grant gives us
 *  the URL): browser and extension pages, and the extension stores. Anything else is tried,
 *  and a failed or hanging injection (e.g. the built-in PDF viewer) gets the same notice. */
const RESTRICTED_SCHEMES = /^(about|chrome|chrome-extension|chrome-untrusted|edge|brave|opera|vivaldi|devtools|view-source|moz-extension|resource|jar):/i;
const STORES = [/^https:\/\/chromewebstore\.google\.com\//i, /^https:\/\/chrome\.google\.com\/webstore/i,
  /^https:\/\/addons\.mozilla\.org\//i, /^https:\/\/microsoftedge\.microsoft\.com\/addons/i];
function restricted(url) {
  if (!url) return false; // unknown: try
  return RESTRICTED_SCHEMES.test(url) || STORES.some((re) => re.test(url));
}
const INJECT_TIMEOUT_MS = 8000;
const TIMED_OUT = new Error("the injection did not answer in time");
function withTimeout(promise, ms) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(TIMED_OUT), ms);
  })]).finally(() => clearTimeout(timer));
}

/** Pages an extension cannot touch (browser pages, the web stores, the built-in PDF viewer):
 *  the injection fails. Say so rather than nothing: a "!" badge and a localized title on the
 *  button for that tab, and the notice page as the button's popup, opened now where the browser
 *  allows it (action.openPopup) and on the next click otherwise. All of it is per tab and
 *  cleared when the tab loads another page. */
const NOTICE_POPUP = "notice/notice.html";
const noticed = new Set();
async function notice(tabId, { popup = true } = {}) {
  globalThis.bacaStats.notices++;
  noticed.add(tabId);
  const a = api.action;
  await Promise.allSettled([
    a.setBadgeText({ tabId, text: "!" }),
    a.setBadgeBackgroundColor?.({ tabId, color: "#b42318" }),
    a.setTitle({ tabId, title: api.i18n.getMessage("restrictedTitle") }),
    a.setPopup({ tabId, popup: NOTICE_POPUP }),
  ]);
  if (!popup) return;
  try {
    await a.openPopup?.();
  } catch {
    // not allowed here (no user gesture left, or no focused window): the badge and the
    // next click show it
  }
}
function clearNotice(tabId) {
  if (!noticed.delete(tabId)) return;
  const a = api.action;
  return Promise.allSettled([
    a.setBadgeText({ tabId, text: "" }),
    a.setTitle({ tabId, title: api.i18n.getMessage("actionTitle") }),
    a.setPopup({ tabId, popup: "" }),
  ]);
}
api.tabs.onUpdated.addListener((tabId, info) => {
  if (info.status === "loading") clearNotice(tabId);
});

/** Counters, read by the end-to-end tests (which path served a page). */
globalThis.bacaStats = { injected: 0, backgroundExtractions: 0, backgroundRenders: 0, backgroundClassifications: 0,
  notices: 0 };

/** The message router: one handler per message name; only our own content scripts. */
const handlers = {
  /** The extraction, for a page whose CSP forbids wasm in the content script. */
  async [MSG.EXTRACT](msg) {
    globalThis.bacaStats.backgroundExtractions++;
    const engine = await globalThis.bacaEngine.load();
    const options = { ...JSON.parse(engine.defaults()), ...(msg.options || {}) };
    return { json: engine.extract(String(msg.snapshot ?? ""), JSON.stringify(options)) };
  },
  /** Save / copy / print: the article as Markdown, text or HTML, for the same kind of page. */
  async [MSG.RENDER](msg) {
    globalThis.bacaStats.backgroundRenders++;
    const engine = await globalThis.bacaEngine.load();
    const options = { ...JSON.parse(engine.defaults()), ...(msg.options || {}) };
    return { json: engine.render(String(msg.snapshot ?? ""), JSON.stringify(options), String(msg.format ?? ""), String(msg.saved ?? "")) };
  },
  /** Clean-page labels and the article they protect (one extraction), for the same kind of page. */
  async [MSG.CLASSIFY](msg) {
    globalThis.bacaStats.backgroundClassifications++;
    const engine = await globalThis.bacaEngine.load();
    return { json: engine.classify(String(msg.snapshot ?? ""), true) };
  },
};

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = msg && Object.hasOwn(handlers, msg.type) ? handlers[msg.type] : null;
  if (!handler || sender.id !== api.runtime.id) return false;
  Promise.resolve()
    .then(() => handler(msg, sender))
    .then(sendResponse, (e) => sendResponse({ error: String(e?.message ?? e) }));
  return true; // answer asynchronously
});

api.action.onClicked.addListener((tab) => {
  toggle(tab);
});

/** Keyboard commands other than _execute_action (which is the toolbar click above). Chromium's
 *  activeTab documentation lists "executing a keyboard shortcut from the commands API" among the
 *  gestures that grant it, and MDN lists an extension's keyboard shortcut for Firefox, so the
 *  injection works as for the click: verified in Firefox (tests/e2e/cleanpage/firefox.mjs, on a
 *  fresh tab), not in Chromium (CDP cannot press an extension shortcut). Without a tab argument,
 *  ask for the active tab. */
api.commands?.onCommand.addListener(async (command, tab) => {
  if (command !== "clean-page") return;
  if (!tab) [tab] = await api.tabs.query({ active: true, currentWindow: true });
  toggle(tab, MSG.CLEAN);
});

/** The page's context menu: "Open in Baca" opens the reader the way the toolbar button does
 *  (the click grants activeTab in both browsers). Created at install and at browser start
 *  (removeAll first: Chromium keeps menus across restarts, Firefox event pages may not). */
const MENU_ID = "baca-open";
function createMenu() {
  const menus = api.contextMenus;
  if (!menus) return;
  // removeAll() returns a promise in both browsers (MV3); create()'s callback reads
  // lastError, so a duplicate after a racing start is not reported as unchecked.
  Promise.resolve(menus.removeAll()).catch(() => {}).then(() => {
    menus.create({ id: MENU_ID, title: api.i18n.getMessage("menuOpen"), contexts: ["page"] }, () => {
      void api.runtime.lastError;
    });
  });
}
api.runtime.onInstalled.addListener(createMenu);
api.runtime.onStartup?.addListener(createMenu);
api.contextMenus?.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID) toggle(tab, MSG.OPEN);
});
