// Entry for browsers and bundlers (Next.js, webpack 5, Vite): the `.wasm` is fetched beside this file; bundlers
// see `new URL(…, import.meta.url)` and ship it as an asset.
import { makeInit } from './loader.js';

export * from './surface.js';
export { CesizenError } from './errors.js';

/** Loads the WebAssembly module; await it once before calling anything else. */
export const init = makeInit(async () => new URL('./cesizen_wasm_bg.wasm', import.meta.url));
