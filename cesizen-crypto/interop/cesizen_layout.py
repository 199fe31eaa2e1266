"""The Cesizen crypto formats, written from their published layout alone (ARCHITECTURE.md section 3 and the
cesizen-crypto crate documentation), with nothing but Python's `cryptography` package.

This module shares no code with the Rust crate. The interop test has the crate write envelopes, wrapped data keys,
keyring files and backup streams and this module open them; `make_vectors.py` uses it to write the pinned vectors
that the crate must reproduce byte for byte. Two independent implementations agreeing is the proof that the layout
is complete.
"""

import struct

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

ENVELOPE_VERSION = 0x01
STREAM_VERSION = 0x01
TAG_LEN = 16
STREAM_HEADER_LEN = 44
SEGMENT_LEN = 64 * 1024
SEGMENT_CIPHERTEXT_LEN = SEGMENT_LEN + TAG_LEN


class DecryptFailed(Exception):
    """Authentication failed (the crate's `crypto.decrypt.failed`)."""


def lp(part: bytes) -> bytes:
    """A length-prefixed part: u32 big-endian length, then the bytes."""
    return struct.pack(">I", len(part)) + part


def context(kind: str, *parts: str) -> bytes:
    """The encoded context: the kind's label, then the parts, each length-prefixed (UTF-8)."""
    return lp(kind.encode()) + b"".join(lp(p.encode()) for p in parts)


def hkdf(ikm: bytes, salt, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def seal_envelope(key: bytes, key_id: int, nonce: bytes, ctx: bytes, plaintext: bytes) -> bytes:
    header = bytes([ENVELOPE_VERSION]) + struct.pack(">I", key_id)
    return header + nonce + AESGCM(key).encrypt(nonce, plaintext, header + ctx)


def envelope_aad(envelope: bytes, ctx: bytes) -> bytes:
    return envelope[:5] + ctx


def open_envelope(key: bytes, ctx: bytes, envelope: bytes) -> bytes:
    if len(envelope) < 33 or envelope[0] != ENVELOPE_VERSION:
        raise ValueError("not an envelope v1")
    try:
        return AESGCM(key).decrypt(envelope[5:17], envelope[17:], envelope_aad(envelope, ctx))
    except Exception as err:  # cryptography raises InvalidTag
        raise DecryptFailed() from err


def envelope_key_id(envelope: bytes) -> int:
    return struct.unpack(">I", envelope[1:5])[0]


def kek_wrap_key(kek: bytes) -> bytes:
    return hkdf(kek, None, b"cesizen.kek-wrap.v1")


def wrap_data_key(kek: bytes, kek_id: int, nonce: bytes, user: str, dek_id: int, dek: bytes) -> bytes:
    return seal_envelope(kek_wrap_key(kek), kek_id, nonce, context("data-key", user), struct.pack(">I", dek_id) + dek)


def unwrap_data_key(kek: bytes, user: str, wrapped: bytes):
    plain = open_envelope(kek_wrap_key(kek), context("data-key", user), wrapped)
    return struct.unpack(">I", plain[:4])[0], plain[4:]


KEYRING_CONTEXT = lp(b"keyring")
STATUS_CODES = {"enabled": 1, "disabled": 2, "destroyed": 3}
STATUS_NAMES = {v: k for k, v in STATUS_CODES.items()}


def keyring_file_key(root: bytes) -> bytes:
    return hkdf(root, None, b"cesizen.keyring-file.v1")


def seal_keyring(root: bytes, nonce: bytes, primary: int, message_limit: int, keys) -> bytes:
    """`keys`: (id, status name, messages sealed, 32-byte key or None) by increasing id."""
    plain = b"CZKR" + bytes([1]) + struct.pack(">QII", message_limit, primary, len(keys))
    for key_id, status, sealed, material in keys:
        plain += struct.pack(">IBQ", key_id, STATUS_CODES[status], sealed)
        if status != "destroyed":
            plain += material
    return seal_envelope(keyring_file_key(root), 0, nonce, KEYRING_CONTEXT, plain)


KEK_CUSTODY_CONTEXT = lp(b"kek-custody")


def kek_custody_key(root: bytes) -> bytes:
    return hkdf(root, None, b"cesizen.kek-custody.v1")


def seal_kek_custody(root: bytes, kek_id: int, nonce: bytes, created_at: int, kek: bytes) -> bytes:
    """One key custody record: a KEK version and its creation time (Unix seconds), sealed under the root secret."""
    plain = b"CZKV" + bytes([1]) + struct.pack(">Q", created_at) + kek
    return seal_envelope(kek_custody_key(root), kek_id, nonce, KEK_CUSTODY_CONTEXT, plain)


def open_keyring(root: bytes, sealed: bytes) -> dict:
    if envelope_key_id(sealed) != 0:
        raise ValueError("a keyring file is sealed under key id 0")
    plain = open_envelope(keyring_file_key(root), KEYRING_CONTEXT, sealed)
    if plain[:5] != b"CZKR\x01":
        raise ValueError("bad magic or layout version")
    limit, primary, count = struct.unpack(">QII", plain[5:21])
    at, keys = 21, []
    for _ in range(count):
        key_id, status, sealed_count = struct.unpack(">IBQ", plain[at:at + 13])
        at += 13
        material = None
        if STATUS_NAMES[status] != "destroyed":
            material, at = plain[at:at + 32], at + 32
        keys.append({"id": key_id, "status": STATUS_NAMES[status], "messagesSealed": sealed_count, "key": material})
    if at != len(plain):
        raise ValueError("trailing bytes")
    return {"primary": primary, "messageLimit": limit, "keys": keys}


def stream_header(key_id: int, salt: bytes, prefix: bytes) -> bytes:
    return bytes([STREAM_VERSION]) + struct.pack(">I", key_id) + salt + prefix


def stream_key(kek: bytes, header: bytes) -> bytes:
    return hkdf(kek, header[5:37], b"cesizen.stream.v1" + header)


def segment_nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


def seal_stream(kek: bytes, key_id: int, salt: bytes, prefix: bytes, plaintext: bytes) -> bytes:
    header = stream_header(key_id, salt, prefix)
    aead = AESGCM(stream_key(kek, header))
    pieces = [plaintext[i:i + SEGMENT_LEN] for i in range(0, len(plaintext), SEGMENT_LEN)] or [b""]
    out = [header]
    for index, piece in enumerate(pieces):
        out.append(aead.encrypt(segment_nonce(prefix, index, index == len(pieces) - 1), piece, b""))
    return b"".join(out)


def stream_segments(body: bytes):
    return [body[i:i + SEGMENT_CIPHERTEXT_LEN] for i in range(0, len(body), SEGMENT_CIPHERTEXT_LEN)]


def open_stream(kek_for_id, stream: bytes) -> bytes:
    """`kek_for_id(key_id)` returns the keyring key named by the header."""
    if len(stream) < STREAM_HEADER_LEN or stream[0] != STREAM_VERSION:
        raise ValueError("not a stream v1")
    header = stream[:STREAM_HEADER_LEN]
    aead = AESGCM(stream_key(kek_for_id(struct.unpack(">I", header[1:5])[0]), header))
    segments = stream_segments(stream[STREAM_HEADER_LEN:])
    if not segments:
        raise DecryptFailed()  # a stream has at least its last segment
    out = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        try:
            out.append(aead.decrypt(segment_nonce(header[37:44], index, last), segment, b""))
        except Exception as err:
            raise DecryptFailed() from err
    return b"".join(out)


def pseudonym(secret: bytes, domain: str, value: bytes) -> bytes:
    mac = hmac.HMAC(secret, hashes.SHA256())
    mac.update(lp(b"cesizen.pseudonym.v1") + lp(domain.encode()) + lp(value))
    return mac.finalize()


def b64url(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def from_b64url(text: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
