// Every case of every shared vector file (tests/vectors/*.json), byte for byte, through the package.
//
// A case names its operation (`op`), gives its `input` object and either the `expected` output or the stable
// `error` code. support/ops.mjs maps each operation onto the package's public API; an operation with no
// mapping yet must be listed in UNBOUND, which the run prints and which must end empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { core, ops } from '../support/sdk.mjs';
import { CODES } from '../support/codes.mjs';
import { OPS } from '../support/ops.mjs';
import { canonicalJson, loadVectorFiles } from '../support/vectors.mjs';

/** Operations the package does not bind yet. Printed by the run; it must end empty. */
const UNBOUND = new Set([
]);

const files = loadVectorFiles();

/**
 * The vector files of the operations module (`@cesizen/sdk/ops`): their operations, and the objects they pass
 * to one another (a `UserKey` given to a `Keyring`), are that module's. The others run on the root module, and
 * their few operations that only `ops` has (an account's life cycle, throttling, token hashes) on `ops`.
 */
const OPS_FILES = new Set([
  'alerting.json',
  'gdpr.json',
  'incidents.json',
  'keyring_v1.json',
  'kpi.json',
  'plan.json',
  'pseudonym.json',
  'sla.json',
  'stream_v1.json',
]);

/** Operations on data keys and keyrings, in any file: a keyring is the ops module's, and so is the key it takes. */
const KEYRING_OP = /^(dataKey|keyring)\./;

/** The namespace a case runs on: its module's names first, the other module's for the rest. */
const moduleFor = (file, c) =>
  OPS_FILES.has(file.file) || KEYRING_OP.test(c.op) ? { ...core, ...ops } : { ...ops, ...core };

test('the unbound list names only operations the vectors use and the package lacks', (t) => {
  const ops = new Set(files.flatMap((file) => file.cases.map((c) => c.op)));
  const cases = files.reduce((n, file) => n + file.cases.length, 0);
  t.diagnostic(`${files.length} vector files, ${cases} cases`);
  t.diagnostic(`unbound operations (${UNBOUND.size}): ${[...UNBOUND].sort().join(', ') || 'none'}`);
  for (const op of UNBOUND) {
    assert.ok(ops.has(op), `${op} is listed as unbound but no vector uses it`);
    assert.equal(op in OPS, false, `${op} is bound now: remove it from UNBOUND`);
  }
  for (const op of ops) {
    assert.ok(op in OPS || UNBOUND.has(op), `${op} is used by a vector but neither bound nor listed in UNBOUND`);
  }
});

for (const file of files) {
  test(`${file.file}: ${file.topic}`, async (t) => {
    for (const c of file.cases) {
      const name = `${c.name} (${c.op})`;
      if (UNBOUND.has(c.op)) {
        await t.test(name, { skip: `${c.op} is not bound yet` }, () => {});
        continue;
      }
      await t.test(name, async () => {
        const sdk = moduleFor(file, c);
        const run = OPS[c.op];
        if (c.error !== undefined) {
          await assert.rejects(
            async () => run(sdk, c.input, c, file),
            (error) => error instanceof sdk.CesizenError && error.code === c.error,
            `expected error ${c.error}`,
          );
          assert.ok(CODES.has(c.error), `${c.error} is not in the CesizenErrorCode union`);
        } else {
          const actual = await run(sdk, c.input, c, file);
          // Byte for byte: the canonical JSON text of the result is that of `expected` (keys sorted, since
          // the order of an object's keys carries no meaning).
          assert.equal(canonicalJson(actual), canonicalJson(c.expected));
        }
      });
    }
  });
}
