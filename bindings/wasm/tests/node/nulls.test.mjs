// Absent values are `null` at run time and typed so. Results cross the boundary as JSON, which has `null` and
// absent keys but no `undefined`: a property the declarations type `T | undefined` without `?` is a lie (code
// written to the type, `x !== undefined`, lets a `null` through), so none may exist; and a value that can be
// absent is `null` where the declarations say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { core } from '../support/sdk.mjs';

const DECLARATIONS = ['../../pkg/cesizen_wasm.d.ts', '../../pkg/ops/cesizen_wasm.d.ts'];

/** Every `name: … | undefined` property (required, yet typed with `undefined`) of a declaration file. */
function requiredUndefined(text) {
  return [...text.matchAll(/(?<![?\w])(\w+): ([^;{}()]*\| undefined)\s*[;}]/g)].map((m) => `${m[1]}: ${m[2]}`);
}

test('the check finds a required property typed with undefined, and passes optional ones', () => {
  assert.deepEqual(requiredUndefined('interface A { x: number | undefined; y?: string | undefined; z: number | null; }'), [
    'x: number | undefined',
  ]);
  assert.deepEqual(requiredUndefined('type D = { kind: "n"; from: Severity | undefined } | { kind: "r" };'), [
    'from: Severity | undefined',
  ]);
});

for (const path of DECLARATIONS) {
  test(`${path.slice(6)}: no required property is typed with undefined`, () => {
    assert.deepEqual(requiredUndefined(readFileSync(new URL(path, import.meta.url), 'utf8')), []);
  });
}

test("a report of a week without entries has null means, as its type says", () => {
  const user = '0195c5f2-3ec0-7707-8707-070707070707';
  const request = { userId: user, period: { type: 'week', containing: '2025-03-26' }, timeZone: 'Europe/Paris' };
  const report = core.emotionReport([], request, '2025-03-31T10:00:00Z');
  assert.equal(report.meanValence, null);
  assert.equal(report.meanIntensity, null);
  const declarations = readFileSync(new URL(DECLARATIONS[0], import.meta.url), 'utf8');
  assert.match(declarations, /meanValence: number \| null;/);
});
