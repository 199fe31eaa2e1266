// Sealing and opening 256-byte journal fields: the package (AES-256-GCM in WebAssembly, envelope v1) against
// WebCrypto's `crypto.subtle` AES-GCM (native, asynchronous) in the same run, each reading the other's output.
//
//   node bench/seal-open.mjs [seconds per contender, default 2]
//
// Both sides do the same work per call: one AES-256-GCM operation on 256 bytes with the envelope's associated
// data (header + encoded context). The package also builds the envelope and its base64url text; WebCrypto is
// given the raw bytes, and each call is awaited, as a front end sealing one field at a time would. The
// contenders run in alternating 100 ms slices and each reports its median slice, so that a change of machine
// load during the run (a shared CI machine) weighs on all of them alike.
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

/** Calls per second of each contender (awaited), measured in alternating slices; the median slice of each. */
async function rates(contenders) {
  const names = Object.keys(contenders);
  for (const name of names) for (let i = 0; i < 200; i += 1) await contenders[name]();
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  const slices = Math.max(1, Math.round((SECONDS * 1000) / 100));
  for (let slice = 0; slice < slices; slice += 1) {
    for (const name of names) {
      let calls = 0;
      const start = performance.now();
      while (performance.now() - start < 100) {
        for (let i = 0; i < 20; i += 1) await contenders[name]();
        calls += 20;
      }
      samples[name].push((calls * 1000) / (performance.now() - start));
    }
  }
  const median = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return Object.fromEntries(names.map((name) => [name, median(samples[name])]));
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

const results = await rates({
  'package seal (256 B → envelope text)': () => key.seal(CONTEXT, plaintext),
  'WebCrypto encrypt (256 B)': () =>
    crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)), additionalData: aad }, webKey, plaintext),
  'package open (envelope text → 256 B)': () => key.open(CONTEXT, envelopeText),
  'WebCrypto decrypt (256 B)': () =>
    crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad }, webKey, sealedBody),
});
key.free();

const [seal, webSeal, open, webOpen] = Object.values(results);
console.log(`node ${process.version}, ${SECONDS} s per contender in 100 ms slices (median), 256-byte plaintexts, interop checked both ways`);
for (const [name, perSecond] of Object.entries(results)) {
  console.log(`${name.padEnd(40)} ${Math.round(perSecond).toLocaleString('en').padStart(10)} ops/s`);
}
console.log(`package / WebCrypto: seal ×${(seal / webSeal).toFixed(2)}, open ×${(open / webOpen).toFixed(2)}`);
