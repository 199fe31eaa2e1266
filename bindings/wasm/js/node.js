// Entry for servers on Node.js (the `node` condition): plain Node, Next.js Server Components and Route Handlers,
// Vite SSR. The module's bytes come from a JavaScript file beside this one (base64) rather than from
// `new URL('./cesizen_wasm_bg.wasm', import.meta.url)`, which server bundlers rewrite into a browser path
// (`/_next/static/media/…`): so the entry works bundled or not, with no configuration. The module is compiled
// and instantiated when this file is imported; `init()` is kept for code shared with the browser.
import { initSync } from './cesizen_wasm.js';
import wasmBase64 from './cesizen_wasm_bg.wasm.base64.js';
import { markLoaded } from './ready.js';

export * from './surface.js';
export { CesizenError } from './errors.js';

initSync({ module: Buffer.from(wasmBase64, 'base64') });
markLoaded();

/** Resolves at once: on Node the module is ready when the package is imported. */
export async function init() {}
