// One instantiation per realm, whoever calls `init()` first; a failed attempt can be retried.
import initWasm from './cesizen_wasm.js';

/**
 * Makes the package's `init(source?)`: `defaultSource()` gives the module's bytes or URL when the caller passes
 * none (the browser entry fetches the `.wasm` beside this file, the Node entry reads it from disk).
 * @param {() => Promise<unknown>} defaultSource
 */
export function makeInit(defaultSource) {
  let ready;
  return function init(source) {
    ready ??= (async () => {
      await initWasm({ module_or_path: source ?? (await defaultSource()) });
    })().catch((error) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
}
