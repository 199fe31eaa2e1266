// Bad input from JavaScript — wrong types, null, huge strings — gives typed errors, never a crash or a leak:
// thousands of bad calls, then a good one, with the module's memory and handle table unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import initGlue from '../../pkg/cesizen_wasm.js';
import sdk from '../support/sdk.mjs';
import { GOOD_CALLS, badCalls, functionsOf } from '../support/bad-calls.mjs';

// The glue's own init returns the already-instantiated exports: the memory and the handle table.
const wasm = await initGlue();

const BAD_CALLS = badCalls(sdk);

/** Makes every bad call once; each must throw a CesizenError. Returns the codes seen. */
function round() {
  const codes = new Set();
  for (const [name, call] of BAD_CALLS) {
    try {
      call();
      assert.fail(`${name} did not throw`);
    } catch (error) {
      if (error instanceof assert.AssertionError) throw error;
      assert.ok(error instanceof sdk.CesizenError, `${name} threw ${error}`);
      codes.add(error.code);
    }
  }
  return codes;
}

test('every bad call throws a CesizenError with a code', (t) => {
  t.diagnostic(`${functionsOf(sdk).length} functions, ${BAD_CALLS.length} bad calls per round`);
  const codes = round();
  assert.ok(codes.has('input.argument.invalid'));
});

test('thousands of bad calls leave memory and handles as they were, then a good call works', () => {
  round(); // warm-up: the allocator grows once to the largest argument
  const memoryBefore = wasm.memory.buffer.byteLength;
  const handlesBefore = wasm.__wbindgen_externrefs.length;
  const rounds = Math.ceil(5000 / BAD_CALLS.length);
  for (let i = 0; i < rounds; i += 1) round();
  assert.equal(wasm.memory.buffer.byteLength, memoryBefore, 'the module memory grew: something leaks');
  assert.equal(wasm.__wbindgen_externrefs.length, handlesBefore, 'the handle table grew: a JS value leaks');
  for (const [name, call, check] of GOOD_CALLS) {
    assert.ok(check(call(sdk)), `${name} gave a wrong result after the bad calls`);
  }
});
