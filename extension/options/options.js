// The options page: the same settings as the overlay's panel (shared/settings.js defines them),
// stored at once; an open reader view follows through storage.onChanged.
"use strict";
(() => {
  const S = globalThis.bacaSettings;
  const t = globalThis.bacaLocalize(document);
  const THEME_KEYS = { auto: "themeAuto", light: "themeLight", sepia: "themeSepia", dark: "themeDark", contrast: "themeContrast" };
  const FONT_KEYS = { serif: "fontSerif", sans: "fontSans", mono: "fontMono", legible: "fontLegible" };
  const FAMILIES = {
    serif: 'Georgia, "Iowan Old Style", "Noto Serif", "DejaVu Serif", serif',
    sans: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif',
    mono: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace',
    legible: '"Atkinson Hyperlegible Next", "Atkinson Hyperlegible", Verdana, Tahoma, "DejaVu Sans", sans-serif',
  };
  let current = { ...S.DEFAULTS };

  function radios(name, values, keys) {
    const box = document.getElementById(name);
    for (const value of values) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = value;
      input.id = `${name}-${value}`;
      input.addEventListener("change", () => { if (input.checked) update({ [name]: value }); });
      label.append(input, document.createTextNode(t(keys[value])));
      box.append(label);
    }
  }
  radios("theme", S.THEMES, THEME_KEYS);
  radios("font", S.FONTS, FONT_KEYS);
  for (const [key, [min, max, step]] of Object.entries(S.RANGES)) {
    const input = document.getElementById(key);
    Object.assign(input, { min, max, step });
    input.addEventListener("input", () => update({ [key]: Number(input.value) }));
  }
  const describe = (key, value) => key === "lineHeight" ? String(value) : t("valuePx", [String(value)]);

  function show(s) {
    current = s;
    for (const name of ["theme", "font"]) {
      const r = document.getElementById(`${name}-${s[name]}`);
      if (r) r.checked = true;
    }
    for (const key of Object.keys(S.RANGES)) {
      const input = document.getElementById(key);
      if (Number(input.value) !== s[key]) input.value = String(s[key]);
      document.getElementById(`${key}-value`).textContent = describe(key, s[key]);
    }
    const preview = document.getElementById("preview");
    preview.style.fontFamily = FAMILIES[s.font];
    preview.style.fontSize = `${s.size}px`;
    preview.style.lineHeight = String(s.lineHeight);
  }

  async function update(patch) {
    const next = S.normalize({ ...current, ...patch });
    show(next);
    await S.save(next);
    document.getElementById("status").textContent = t("optionsSaved");
  }

  document.getElementById("reset").addEventListener("click", () => update({ ...S.DEFAULTS }));
  document.getElementById("form").addEventListener("submit", (e) => e.preventDefault());
  S.onChange(show);
  S.load().then(show);
})();
