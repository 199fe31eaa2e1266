// The built package, loaded once through its Node entries (what `import '@cesizen/sdk'` and
// `import '@cesizen/sdk/ops'` select in Node): the root module (`core`) and the operations module (`ops`).
import * as core from '../../pkg/node.js';
import * as ops from '../../pkg/ops/node.js';

await core.init();
await ops.init();

export { core, ops };

/**
 * Both modules as one namespace, for the tests that exercise the whole surface: a name both export (the error
 * class, `init`, `UserKey`, `canonicalCode`) is the root's. Objects do not cross between modules: a test that
 * gives a `UserKey` to a `Keyring` takes both from `ops`.
 */
export default { ...ops, ...core };
