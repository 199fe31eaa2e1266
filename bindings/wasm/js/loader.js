// One instantiation per realm, whoever calls `init()` first; a failed attempt can be retried.
import initWasm from './cesizen_wasm.js';
import { markLoaded } from './ready.js';

/**
 * Makes the package's `init(source?)`: `defaultSource()` gives the module's bytes or URL when the caller passes
 * none (the browser entry fetches the `.wasm` beside this file, the edge entry takes the precompiled module).
 * @param {() => Promise<unknown>} defaultSource
 */
export function makeInit(defaultSource) {
  let ready;
  return function init(source) {
    ready ??= (async () => {
      await initWasm({ module_or_path: source ?? (await defaultSource()) });
      markLoaded();
    })().catch((error) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
}
