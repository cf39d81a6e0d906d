// The one place that knows browsers differ: Firefox has the promise-based `browser`
// namespace, Chromium the `chrome` one (promise-based too in MV3). Everything else uses
// `bacaApi`. Loaded in the background and in the content script (classic script, no modules).
"use strict";
globalThis.bacaApi = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
