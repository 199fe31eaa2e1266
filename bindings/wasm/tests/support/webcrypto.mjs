// WebCrypto (the platform's own AES-GCM and HKDF) for the interoperability checks: an independent
// implementation that must read what the package writes, and write what the package reads.
const { subtle } = globalThis.crypto;

/** Unpadded base64url, as the SDK's text forms. */
export const b64url = {
  encode: (bytes) => Buffer.from(bytes).toString('base64url'),
  decode: (text) => new Uint8Array(Buffer.from(text, 'base64url')),
};

export const hex = {
  decode: (text) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16)),
  encode: (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''),
};

export const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/** An AES-256-GCM key from raw bytes. */
export const aesKey = (raw) => subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);

/** `ciphertext || tag`. */
export async function aesGcmSeal(key, nonce, aad, plaintext) {
  return new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad }, key, plaintext));
}

/** The plaintext of `ciphertext || tag`; rejects on any authentication failure. */
export async function aesGcmOpen(key, nonce, aad, sealed) {
  return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad }, key, sealed));
}

/** HKDF-SHA-256 of `ikm` with `salt` (empty for none) and `info`, 32 bytes. */
export async function hkdf(ikm, salt, info) {
  const key = await subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, 256));
}

/** Envelope v1 with WebCrypto: `0x01 | key id (u32 BE) | nonce | AES-GCM(ciphertext || tag)`, AAD = header || context. */
export async function sealEnvelope(rawKey, keyId, nonce, context, plaintext) {
  const header = new Uint8Array([1, keyId >>> 24, (keyId >>> 16) & 255, (keyId >>> 8) & 255, keyId & 255]);
  const sealed = await aesGcmSeal(await aesKey(rawKey), nonce, concat(header, context), plaintext);
  return concat(header, nonce, sealed);
}

/** Opens envelope v1 bytes with WebCrypto given the key and the encoded context. */
export async function openEnvelope(rawKey, envelope, context) {
  const header = envelope.subarray(0, 5);
  return aesGcmOpen(await aesKey(rawKey), envelope.subarray(5, 17), concat(header, context), envelope.subarray(17));
}

/** The encoded context (length-prefixed UTF-8 parts, u32 BE lengths), as ARCHITECTURE.md §3 defines it. */
export function encodeContext(context) {
  const parts = [context.kind, context.user];
  if (context.kind !== 'user') parts.push(context.record);
  if (context.kind === 'field') parts.push(context.field);
  return concat(
    ...parts.flatMap((part) => {
      const bytes = new TextEncoder().encode(part);
      const length = new Uint8Array(4);
      new DataView(length.buffer).setUint32(0, bytes.length);
      return [length, bytes];
    }),
  );
}

/** Length-prefixed bytes (u32 BE length), the SDK's framing for labels and context parts. */
export function lengthPrefixed(text) {
  const bytes = new TextEncoder().encode(text);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, bytes.length);
  return concat(length, bytes);
}

const SEGMENT = 64 * 1024;
const TAG = 16;
const HEADER = 44;

/** The nonce of segment `index`: the 7-byte prefix, the index (u32 BE) and the last-segment flag. */
function segmentNonce(prefix, index, last) {
  const nonce = new Uint8Array(12);
  nonce.set(prefix);
  new DataView(nonce.buffer).setUint32(7, index);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

async function streamKey(kekMaterial, header) {
  return hkdf(kekMaterial, header.subarray(5, 37), concat(new TextEncoder().encode('cesizen.stream.v1'), header));
}

/** Backup stream v1 written with WebCrypto (see stream_v1.json's description). */
export async function sealStreamWithWebCrypto(kekId, kekMaterial, salt, prefix, plaintext) {
  const header = concat(new Uint8Array([1]), u32be(kekId), salt, prefix);
  const key = await aesKey(await streamKey(kekMaterial, header));
  const count = Math.max(1, Math.ceil(plaintext.length / SEGMENT));
  const parts = [header];
  for (let index = 0; index < count; index += 1) {
    const chunk = plaintext.subarray(index * SEGMENT, (index + 1) * SEGMENT);
    parts.push(await aesGcmSeal(key, segmentNonce(prefix, index, index === count - 1), new Uint8Array(0), chunk));
  }
  return concat(...parts);
}

/** Backup stream v1 read with WebCrypto. */
export async function openStreamWithWebCrypto(kekMaterial, stream) {
  const header = stream.subarray(0, HEADER);
  const key = await aesKey(await streamKey(kekMaterial, header));
  const body = stream.subarray(HEADER);
  const count = Math.max(1, Math.ceil(body.length / (SEGMENT + TAG)));
  const parts = [];
  for (let index = 0; index < count; index += 1) {
    const chunk = body.subarray(index * (SEGMENT + TAG), (index + 1) * (SEGMENT + TAG));
    parts.push(await aesGcmOpen(key, segmentNonce(header.subarray(37, 44), index, index === count - 1), new Uint8Array(0), chunk));
  }
  return concat(...parts);
}

export function u32be(value) {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

export async function sha256(bytes) {
  return new Uint8Array(await subtle.digest('SHA-256', bytes));
}
