// The notice shown when Baca cannot run on a page (background.js sets it as the tab's popup).
"use strict";
globalThis.bacaLocalize(document);
const close = document.getElementById("close");
close.addEventListener("click", () => window.close());
close.focus();
