// Entry for Node.js (selected by the `node` export condition): the `.wasm` is read from disk, since Node's
// `fetch` does not read `file:` URLs.
import { readFile } from 'node:fs/promises';
import { makeInit } from './loader.js';

export * from './surface.js';
export { CesizenError } from './errors.js';

/** Loads the WebAssembly module; await it once before calling anything else. */
export const init = makeInit(() => readFile(new URL('./cesizen_wasm_bg.wasm', import.meta.url)));
