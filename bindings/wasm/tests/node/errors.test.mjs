// Every failure is a CesizenError (an Error subclass) carrying the SDK's stable code.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CODES } from '../support/codes.mjs';
import sdk from '../support/sdk.mjs';

const { CesizenError } = sdk;

/** Runs `fn`, expects a CesizenError with `code`, and returns it. */
export function expectCode(fn, code) {
  let caught;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof CesizenError, `expected a CesizenError with code ${code}, got ${caught}`);
  assert.ok(caught instanceof Error);
  assert.equal(caught.code, code);
  assert.ok(CODES.has(code), `${code} is not in the CesizenErrorCode union`);
  assert.equal(caught.name, 'CesizenError');
  assert.equal(typeof caught.message, 'string');
  assert.ok(caught.message.length > 0);
  return caught;
}

test('CesizenError is an Error subclass with a code', () => {
  const error = new CesizenError('validation.email.invalid', 'the e-mail address is not valid');
  assert.ok(error instanceof Error);
  assert.equal(error.code, 'validation.email.invalid');
  assert.equal(error.name, 'CesizenError');
  assert.match(String(error), /^CesizenError: the e-mail address is not valid$/);
  assert.ok(error.stack.includes('CesizenError'));
});

test('an error of an SDK crate reaches JavaScript with its stable code', () => {
  expectCode(() => sdk.newJournalEntryId('1969-12-31T23:59:59Z'), 'validation.id.timestamp_out_of_range');
});

test('an argument of the wrong type is refused with input.argument.invalid', () => {
  for (const bad of [null, undefined, 42, {}, [], true, 'yesterday', new Date(Number.NaN)]) {
    expectCode(() => sdk.newJournalEntryId(bad), 'input.argument.invalid');
  }
});

test('the message never repeats the argument', () => {
  const secret = 'my-secret-diary-text';
  const error = expectCode(() => sdk.newJournalEntryId(secret), 'input.argument.invalid');
  assert.equal(error.message.includes(secret), false);
});

test('a code renamed since its release reads as the current one; a current code as itself', () => {
  assert.equal(sdk.canonicalCode('binding.input.invalid'), 'input.argument.invalid');
  assert.equal(sdk.canonicalCode('gdpr.config.malformed'), 'config.syntax.invalid');
  assert.equal(sdk.canonicalCode('validation.email.invalid'), 'validation.email.invalid');
});

test('random bytes of the wrong length have the code of every binding', () => {
  expectCode(() => sdk.idFromParts('2025-01-01T00:00:00Z', new Uint8Array(9)), 'input.random.invalid_length');
});

test('canonicalCode refuses anything but a string', () => {
  for (const bad of [null, undefined, 42, {}]) {
    expectCode(() => sdk.canonicalCode(bad), 'input.argument.invalid');
  }
});
