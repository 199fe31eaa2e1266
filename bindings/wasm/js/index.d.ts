// The public types of @cesizen/sdk: the functions and classes generated from the Rust crate, the error class,
// and `init`.
import type { InitInput } from './cesizen_wasm.js';

export * from './surface.js';
export { CesizenError } from './errors.js';
export type { CesizenErrorCode } from './codes.js';

/**
 * Loads and instantiates the WebAssembly module. Await it once before calling anything else; later calls return
 * the same promise. `source` overrides where the module comes from (a URL, a `Response`, bytes or a compiled
 * `WebAssembly.Module`). By default the browser entry fetches the `.wasm` beside the package's JavaScript (bundlers
 * ship it as an asset), the edge entry (Next.js edge routes, Cloudflare Workers) uses the module its bundler
 * precompiled, and on Node (servers, Next.js Server Components and Route Handlers) the module is ready as soon as
 * the package is imported, so there `init()` resolves at once.
 */
export declare function init(source?: InitInput | Promise<InitInput>): Promise<void>;
