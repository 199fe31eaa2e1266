// The public types of @cesizen/sdk/ops: the operations and administration surface (SLA, alerting, incidents,
// KPIs, GDPR administration, accounts, keyrings, the plan), a second WebAssembly module that only the pages
// importing it download. Its classes are its own: a `UserKey` given to a `Keyring` comes from this module too.
import type { InitInput } from './cesizen_wasm.js';

export * from './surface.js';
export { CesizenError } from '../errors.js';
export type { CesizenErrorCode } from '../codes.js';

/**
 * Loads and instantiates the ops module (independently of the root's `init()`). Await it once before calling
 * anything else; later calls return the same promise. `source` overrides where the module comes from, as for
 * the root's `init()`. On Node the module is ready as soon as it is imported, so there `init()` resolves at once.
 */
export declare function init(source?: InitInput | Promise<InitInput>): Promise<void>;
