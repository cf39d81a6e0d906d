// Clean-page mode in Firefox ESR (dist/firefox, geckodriver): the `clean-page` keyboard command
// pressed for real on a fresh tab (so the background must inject the content script: activeTab
// from the command), the ads hidden, the same command again restores outerHTML exactly; then
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
  await gecko.inChrome(() => gecko.pressChord(keys));
  await waitFor(async () => (await state()).passes === null, { timeout: 5000, what: "clean mode off" });
  assert.equal(await gecko.exec(() => document.documentElement.outerHTML), html0, "outerHTML restored");

  await clickToolbarButton(gecko, addonId);
  await waitFor(() => gecko.exec(() => document.querySelector("baca-reader")?.getAttribute("data-state") === "ready"), { timeout: 15000, what: "overlay" });
  const shadow = await gecko.shadowRoot(await gecko.find("baca-reader"));
  await gecko.click(await gecko.findInShadow(shadow, "button[data-baca=clean-page]"));
  await waitFor(async () => { const s = await state(); return s.passes && !s.overlay; }, { timeout: 15000, what: "clean mode from the button" });
  assert.ok((await state()).adHidden);
  const host = await gecko.shadowRoot(await gecko.find("baca-restore"));
  await gecko.click(await gecko.findInShadow(host, "button[data-baca=restore]"));
  await waitFor(async () => (await state()).passes === null, { timeout: 5000, what: "restored by the floating button" });
  assert.equal(await gecko.exec(() => document.documentElement.outerHTML), html0, "outerHTML restored");
});
