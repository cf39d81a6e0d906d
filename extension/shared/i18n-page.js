// Localizes an extension page (options, notice): every element with data-i18n gets the
// message as its text, data-i18n-label as its aria-label; <html lang> and dir follow the UI
// language. Classic script: globalThis.bacaLocalize(document).
"use strict";
globalThis.bacaLocalize = (doc) => {
  const i18n = globalThis.bacaApi.i18n;
  const t = (key, subs) => i18n.getMessage(key, subs) || key;
  doc.documentElement.lang = i18n.getUILanguage?.() || i18n.getMessage("@@ui_locale").replace("_", "-");
  doc.documentElement.dir = i18n.getMessage("@@bidi_dir") || "ltr";
  for (const e of doc.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  for (const e of doc.querySelectorAll("[data-i18n-label]")) e.setAttribute("aria-label", t(e.dataset.i18nLabel));
  return t;
};
