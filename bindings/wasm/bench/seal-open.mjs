// Sealing and opening 256-byte journal fields: the package (AES-256-GCM in WebAssembly, envelope v1) against
// WebCrypto's `crypto.subtle` AES-GCM (native, asynchronous) in the same run, each reading the other's output.
//
//   node bench/seal-open.mjs [seconds per measurement, default 2]
//
// Both sides do the same work per call: one AES-256-GCM operation on 256 bytes with the envelope's associated
// data (header + encoded context). The package also builds the envelope and its base64url text; WebCrypto is
// given the raw bytes, and each call is awaited, as a front end sealing one field at a time would.
import * as sdk from '../pkg/node.js';
import { aesKey, b64url, encodeContext, openEnvelope, sealEnvelope } from '../tests/support/webcrypto.mjs';

await sdk.init();

const SECONDS = Number(process.argv[2] ?? 2);
const USER = '0190c0de-7e57-7000-8000-000000000001';
const CONTEXT = { kind: 'field', user: USER, record: '0190c0de-7e57-7000-8000-0000000000aa', field: 'note' };
const KEY_ID = 0x1234abcd;
const raw = crypto.getRandomValues(new Uint8Array(32));
const plaintext = crypto.getRandomValues(new Uint8Array(256));
const context = encodeContext(CONTEXT);
const header = new Uint8Array([1, 0x12, 0x34, 0xab, 0xcd]);
const aad = new Uint8Array([...header, ...context]);
const webKey = await aesKey(raw);
const key = sdk.UserKey.importRaw(USER, KEY_ID, raw);

/** Calls per second of `fn` (awaited) over about `SECONDS`, after a warm-up. */
async function rate(fn) {
  for (let i = 0; i < 200; i += 1) await fn();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < SECONDS * 1000) {
    for (let i = 0; i < 100; i += 1) await fn();
    calls += 100;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}

// Interop first: each side opens the other's envelopes.
const ours = b64url.decode(key.seal(CONTEXT, plaintext));
const opened = await openEnvelope(raw, ours, context);
const theirs = await sealEnvelope(raw, KEY_ID, crypto.getRandomValues(new Uint8Array(12)), context, plaintext);
const reopened = key.open(CONTEXT, b64url.encode(theirs));
if (Buffer.compare(opened, plaintext) !== 0 || Buffer.compare(reopened, plaintext) !== 0) {
  throw new Error('interop failed: the package and WebCrypto disagree');
}

const envelopeText = key.seal(CONTEXT, plaintext);
const nonce = theirs.subarray(5, 17);
const sealedBody = theirs.subarray(17);

const results = {
  'package seal (256 B → envelope text)': await rate(() => key.seal(CONTEXT, plaintext)),
  'WebCrypto encrypt (256 B)': await rate(() =>
    crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)), additionalData: aad }, webKey, plaintext),
  ),
  'package open (envelope text → 256 B)': await rate(() => key.open(CONTEXT, envelopeText)),
  'WebCrypto decrypt (256 B)': await rate(() =>
    crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad }, webKey, sealedBody),
  ),
};
key.free();

const [seal, webSeal, open, webOpen] = Object.values(results);
console.log(`node ${process.version}, ${SECONDS} s per measurement, 256-byte plaintexts, interop checked both ways`);
for (const [name, perSecond] of Object.entries(results)) {
  console.log(`${name.padEnd(40)} ${Math.round(perSecond).toLocaleString('en').padStart(10)} ops/s`);
}
console.log(`package / WebCrypto: seal ×${(seal / webSeal).toFixed(2)}, open ×${(open / webOpen).toFixed(2)}`);
