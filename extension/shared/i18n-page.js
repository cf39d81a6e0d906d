// Localizes an extension page (options, notice): every element with data-i18n gets the
// message as its text, data-i18n-label as its aria-label; <html lang> and dir are those of the
// translation shown. Classic script: globalThis.bacaLocalize(document).
"use strict";
globalThis.bacaLocalize = (doc) => {
  const i18n = globalThis.bacaApi.i18n;
  const t = (key, subs) => i18n.getMessage(key, subs) || key;
  // the language and direction of the translation shown (see _locales: localeTag, localeDir)
  doc.documentElement.lang = t("localeTag");
  doc.documentElement.dir = t("localeDir") === "rtl" ? "rtl" : "ltr";
  for (const e of doc.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  for (const e of doc.querySelectorAll("[data-i18n-label]")) e.setAttribute("aria-label", t(e.dataset.i18nLabel));
  return t;
};
