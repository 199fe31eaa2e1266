// Entry for edge runtimes (the `edge-light` and `workerd` conditions: Next.js edge routes, Vercel Edge,
// Cloudflare Workers). They refuse to compile WebAssembly from bytes at run time, so the module comes precompiled
// by the bundler, through the `?module` import they all understand; `init(module)` takes another one.
import wasm from './cesizen_wasm_bg.wasm?module';
import { makeInit } from './loader.js';

export * from './surface.js';
export { CesizenError } from './errors.js';

/** Instantiates the precompiled module; await it once before calling anything else. */
export const init = makeInit(async () => wasm);
