// Client-side encryption: objects holding secrets are freed (by hand or by the garbage collector), envelopes
// stay bound to their place, and WebCrypto's AES-GCM and the package read each other's envelopes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';

import initGlue from '../../pkg/cesizen_wasm.js';
import sdk from '../support/sdk.mjs';
import { b64url, encodeContext, openEnvelope, sealEnvelope } from '../support/webcrypto.mjs';

const wasm = await initGlue();
const USER = '0190c0de-7e57-7000-8000-000000000001';
const ENTRY = '0190c0de-7e57-7000-8000-0000000000aa';
const NOTE = { kind: 'field', user: USER, record: ENTRY, field: 'note' };
const material = () => crypto.getRandomValues(new Uint8Array(32));

test('the generated glue registers secret-holding objects with a FinalizationRegistry', () => {
  const glue = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
  const classes = {
    '../../pkg/cesizen_wasm.js': ['UserKey'],
    '../../pkg/ops/cesizen_wasm.js': ['UserKey', 'Keyring', 'RootSecret', 'Pseudonymiser'],
  };
  for (const [path, names] of Object.entries(classes)) {
    for (const name of names) {
      assert.match(glue(path), new RegExp(`const ${name}Finalization = \\(typeof FinalizationRegistry === 'undefined'`));
    }
  }
});

test('a freed key is gone: using or freeing it again throws instead of touching freed memory', () => {
  const key = sdk.UserKey.importRaw(USER, 7, material());
  const envelope = key.sealText(NOTE, 'calmer after the breathing exercise');
  assert.equal(key.openText(NOTE, envelope), 'calmer after the breathing exercise');
  key.free();
  assert.throws(() => key.openText(NOTE, envelope), /null pointer/);
  assert.throws(() => key.free(), /null pointer/);
  const next = sdk.UserKey.importRaw(USER, 8, material());
  assert.equal(next.openText(NOTE, next.sealText(NOTE, 'still fine')), 'still fine');
  next.free();
});

test('thousands of keys made and freed leave the module memory as it was', () => {
  const round = () => {
    for (let i = 0; i < 500; i += 1) {
      const key = sdk.UserKey.importRaw(USER, i, material());
      key.openText(NOTE, key.sealText(NOTE, 'x'.repeat(256)));
      key.free();
    }
  };
  round();
  const before = wasm.memory.buffer.byteLength;
  for (let i = 0; i < 10; i += 1) round();
  assert.equal(wasm.memory.buffer.byteLength, before);
});

test('keys that are never freed are released by the garbage collector', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const collect = async () => {
    for (let i = 0; i < 5; i += 1) {
      gc();
      await sleep(10);
    }
  };
  const round = () => {
    for (let i = 0; i < 5000; i += 1) sdk.UserKey.importRaw(USER, i, material()).sealText(NOTE, 'x');
  };
  round();
  await collect();
  const before = wasm.memory.buffer.byteLength;
  for (let i = 0; i < 5; i += 1) {
    round();
    await collect();
  }
  assert.equal(wasm.memory.buffer.byteLength, before, 'unreleased keys kept memory');
});

test('an envelope opens only for its own user, record and field', () => {
  const key = sdk.UserKey.importRaw(USER, 7, material());
  try {
    const envelope = key.sealText(NOTE, 'anxious before the exam');
    for (const [elsewhere, code] of [
      [{ ...NOTE, field: 'title' }, 'crypto.decrypt.failed'],
      [{ ...NOTE, record: '0190c0de-7e57-7000-8000-0000000000ab' }, 'crypto.decrypt.failed'],
      [{ kind: 'record', user: USER, record: ENTRY }, 'crypto.decrypt.failed'],
      [{ ...NOTE, user: '0190c0de-7e57-7000-8000-000000000002' }, 'crypto.context.user_mismatch'],
    ]) {
      assert.throws(() => key.openText(elsewhere, envelope), (e) => e instanceof sdk.CesizenError && e.code === code);
    }
    const other = sdk.UserKey.importRaw(USER, 8, material());
    assert.throws(() => other.openText(NOTE, envelope), (e) => e.code === 'crypto.key.not_found');
    other.free();
  } finally {
    key.free();
  }
});

test('openText refuses a plaintext that is not text; open returns the bytes', () => {
  const key = sdk.UserKey.importRaw(USER, 7, material());
  try {
    const bytes = new Uint8Array([0xff, 0xfe, 0x00]);
    const envelope = key.seal(NOTE, bytes);
    assert.deepEqual(key.open(NOTE, envelope), bytes);
    assert.throws(() => key.openText(NOTE, envelope), (e) => e.code === 'input.plaintext.not_utf8');
  } finally {
    key.free();
  }
});

test('WebCrypto opens what the package seals, and the package opens what WebCrypto seals', async () => {
  const raw = material();
  const key = sdk.UserKey.importRaw(USER, 0x1234abcd, raw);
  try {
    const context = encodeContext(NOTE);
    for (const size of [0, 1, 255, 256, 4096]) {
      const plaintext = crypto.getRandomValues(new Uint8Array(size));
      const ours = b64url.decode(key.seal(NOTE, plaintext));
      assert.deepEqual(await openEnvelope(raw, ours, context), plaintext);
      const theirs = await sealEnvelope(raw, 0x1234abcd, crypto.getRandomValues(new Uint8Array(12)), context, plaintext);
      assert.deepEqual(key.open(NOTE, b64url.encode(theirs)), plaintext);
    }
  } finally {
    key.free();
  }
});

test('class methods refuse arguments of the wrong type with input.argument.invalid', () => {
  const key = sdk.UserKey.importRaw(USER, 7, material());
  try {
    for (const bad of [null, undefined, 42, {}, 'text', [1, 2], 10n]) {
      assert.throws(() => key.seal(bad, new Uint8Array(1)), (e) => e instanceof sdk.CesizenError);
      assert.throws(() => key.seal(NOTE, bad === 'text' ? 42 : bad), (e) => e.code === 'input.argument.invalid');
      assert.throws(() => sdk.UserKey.importRaw(USER, 7, bad), (e) => e.code === 'input.argument.invalid');
    }
    assert.throws(() => sdk.UserKey.importRaw(USER, -1, material()), (e) => e.code === 'input.argument.invalid');
    assert.throws(() => sdk.UserKey.importRaw(USER, 7, new Uint8Array(31)), (e) => e.code === 'input.key.invalid_length');
    assert.throws(() => new sdk.Pseudonymiser(null), (e) => e.code === 'input.argument.invalid');
  } finally {
    key.free();
  }
});

test('a keyring wraps, unwraps and rotates data keys; a backup stream round-trips', () => {
  const root = sdk.RootSecret.generate();
  const keyring = sdk.Keyring.generate();
  try {
    const key = keyring.generateDataKey(USER);
    const wrapped = keyring.wrapDataKey(key);
    const envelope = key.sealText(NOTE, 'a note');
    const reopened = sdk.Keyring.open(keyring.seal(root), root);
    const unwrapped = reopened.unwrapDataKey(USER, wrapped);
    assert.equal(unwrapped.openText(NOTE, envelope), 'a note');
    const next = reopened.addKey();
    reopened.promote(next);
    const rewrapped = reopened.rewrapDataKey(USER, wrapped);
    assert.notEqual(rewrapped, wrapped);
    assert.equal(reopened.keys().find((k) => k.primary).id, next);
    assert.throws(() => reopened.unwrapDataKey('0190c0de-7e57-7000-8000-000000000002', wrapped), (e) => e.code === 'crypto.decrypt.failed');
    const backup = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256);
    assert.deepEqual(reopened.openStream(reopened.sealStream(backup)), backup);
    for (const o of [key, unwrapped, reopened]) o.free();
  } finally {
    keyring.free();
    root.free();
  }
});

test('a keyring and a user key tell their message limit and how much of it is used', () => {
  const keyring = sdk.Keyring.generate();
  try {
    assert.equal(keyring.primaryId, 1);
    assert.equal(keyring.messageLimit, 2 ** 30);
    assert.deepEqual(keyring.keys().map((k) => k.messagesSealed), [0]);
    keyring.setMessageLimit(2);
    assert.equal(keyring.messageLimit, 2);
    const first = keyring.generateDataKey(USER);
    keyring.generateDataKey(USER).free();
    assert.deepEqual(keyring.keys().map((k) => k.messagesSealed), [2]);
    assert.throws(() => keyring.generateDataKey(USER), (e) => e.code === 'crypto.key.limit_reached');
    assert.equal(first.messageLimit, 2);
    assert.equal(first.messagesSealed, 0);
    first.sealText(NOTE, 'one');
    assert.equal(first.messagesSealed, 1);
    first.sealText(NOTE, 'two');
    assert.throws(() => first.sealText(NOTE, 'three'), (e) => e.code === 'crypto.key.limit_reached');
    assert.equal(first.messagesSealed, 2);
    first.free();
  } finally {
    keyring.free();
  }
});
