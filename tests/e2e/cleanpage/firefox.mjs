// Clean-page mode in Firefox ESR (dist/firefox, geckodriver): the `clean-page` keyboard command
// pressed for real on a fresh tab (so the background must inject the content script: activeTab
// from the command) on the kompas-style fixture: every ad slot, promo copy and teaser hidden,
// every expected paragraph visible; the same command again restores outerHTML exactly; then
// the overlay's Clean page button (WebDriver click, a trusted event) and the floating
// "Show page as it was" button.
//   scripts/build.sh && node --test tests/e2e/cleanpage/firefox.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../server.mjs";
import { Gecko, KEY, waitFor } from "../firefox/geckodriver.mjs";
import { clickToolbarButton, waitForAction } from "../firefox/toolbar.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const EXT = join(ROOT, "dist/firefox");
const gecko = new Gecko();
let server;
let addonId;

before(async () => {
  server = await startServer({ root: join(ROOT, "tests/fixtures") });
  await gecko.start({ width: 1024, height: 700 });
  addonId = await gecko.installAddon(EXT);
  await gecko.navigate(`${server.url}/plain-article/source.html`);
  await waitForAction(gecko, addonId);
});

after(async () => {
  await gecko.stop();
  await server?.close();
});

/** kompas-style: every element of its clutter_blocks that is an ad slot, promo copy or teaser
 *  (same list as cleanpage.mjs) must be hidden, every expected paragraph visible. */
const KOMPAS = JSON.parse(readFileSync(join(ROOT, "tests/fixtures/kompas-style/expected.json"), "utf8"));
const MUST_HIDE = KOMPAS.clutter_blocks.filter((sel) => /gpt-ad|ads-|promo|baca-juga/.test(sel));
const kompasCheck = () => gecko.exec((sels, paras) => {
  const norm = (s) => s.replace(/\s+/g, " ").trim();
  const visibleText = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = w.nextNode());) if (n.parentElement.checkVisibility({ visibilityProperty: true })) visibleText.push(n.data);
  const text = norm(visibleText.join(" "));
  return {
    notHidden: sels.flatMap((sel) => [...document.querySelectorAll(sel)].filter((e) => e.checkVisibility()).map(() => sel)),
    checked: sels.reduce((n, sel) => n + document.querySelectorAll(sel).length, 0),
    paragraphsNotVisible: paras.filter((p) => !text.includes(norm(p))).map((p) => p.slice(0, 60)),
  };
}, MUST_HIDE, KOMPAS.paragraphs);

const state = () => gecko.exec(() => ({
  passes: document.querySelector("baca-restore")?.getAttribute("data-passes") ?? null,
  marked: document.querySelectorAll("[data-baca-hide]").length,
  adHidden: !document.querySelector("#div-gpt-ad-1234567-0").checkVisibility(),
  styleElement: !!document.querySelector("style[data-baca=clean-page]"),
  overlay: !!document.querySelector("baca-reader"),
}));

test("Firefox: the clean-page command on a fresh tab, then the overlay button", async () => {
  const chord = JSON.parse(readFileSync(join(EXT, "manifest.json"), "utf8")).commands["clean-page"].suggested_key.default;
  const keys = chord.split("+").map((k) => ({ Alt: KEY.Alt, Shift: KEY.Shift, Ctrl: KEY.Control })[k] ?? k);
  await gecko.navigate(`${server.url}/kompas-style/source.html`);
  await waitFor(() => gecko.exec(() => document.readyState === "complete"), { what: "page load" });
  const html0 = await gecko.exec(() => document.documentElement.outerHTML);

  await gecko.inChrome(() => gecko.pressChord(keys));
  await waitFor(async () => (await state()).passes, { timeout: 15000, what: `clean mode after ${chord}` });
  const on = await state();
  console.log(`# firefox after ${chord}: ${JSON.stringify(on)}`);
  assert.ok(on.marked > 0 && on.adHidden, "ads hidden");
  const k = await kompasCheck();
  console.log(`# firefox kompas-style: ${k.checked} ad slots / promo copies / teasers checked; not hidden: ${JSON.stringify(k.notHidden)}; article paragraphs not visible: ${k.paragraphsNotVisible.length}`);
  assert.ok(k.checked >= 10, "kompas clutter present");
  assert.deepEqual(k.notHidden, [], "every ad slot, promo copy and teaser hidden");
  assert.deepEqual(k.paragraphsNotVisible, [], "every article paragraph visible");
  await gecko.inChrome(() => gecko.pressChord(keys));
  await waitFor(async () => (await state()).passes === null, { timeout: 5000, what: "clean mode off" });
  assert.equal(await gecko.exec(() => document.documentElement.outerHTML), html0, "outerHTML restored");

  await clickToolbarButton(gecko, addonId);
  await waitFor(() => gecko.exec(() => document.querySelector("baca-reader")?.getAttribute("data-state") === "ready"), { timeout: 15000, what: "overlay" });
  const shadow = await gecko.shadowRoot(await gecko.find("baca-reader"));
  await gecko.click(await gecko.findInShadow(shadow, "button[data-baca=clean-page]"));
  await waitFor(async () => { const s = await state(); return s.passes && !s.overlay; }, { timeout: 15000, what: "clean mode from the button" });
  assert.ok((await state()).adHidden);
  const k2 = await kompasCheck();
  assert.deepEqual([k2.notHidden, k2.paragraphsNotVisible], [[], []], "from the overlay button: clutter hidden, article visible");
  const host = await gecko.shadowRoot(await gecko.find("baca-restore"));
  await gecko.click(await gecko.findInShadow(host, "button[data-baca=restore]"));
  await waitFor(async () => (await state()).passes === null, { timeout: 5000, what: "restored by the floating button" });
  assert.equal(await gecko.exec(() => document.documentElement.outerHTML), html0, "outerHTML restored");
});
