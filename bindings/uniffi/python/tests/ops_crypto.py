"""The seal operations of envelope_v1.json, keyring_v1.json and stream_v1.json.

The vectors pin fixed nonces, so the library seals through its test-vector functions (``dangerous_*``, working
only in the runners' build); Python's ``cryptography`` AES-GCM and the standard library's HMAC then open what it
sealed with keys and associated data derived here, independently, so the derived values the vectors show
(``wrapKey``, ``fileKey``, ``streamKey``, ``context``) are proven, not copied.
"""

import base64
import hashlib
import hmac

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

import cesizen
from conftest import VECTORS_DIR
from ops_support import context, user_key

HEADER = 44
SEGMENT = 64 * 1024 + 16


def b64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64_text(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def length_prefixed(part):
    data = part.encode()
    return len(data).to_bytes(4, "big") + data


def stream_plaintext(length):
    """``plaintextLength`` bytes, byte i = i % 251, as stream_v1.json defines them."""
    return bytes(i % 251 for i in range(length))


def hkdf(ikm, salt, info):
    """HKDF-SHA-256 (RFC 5869), one 32-byte output block."""
    prk = hmac.new(salt or bytes(32), ikm, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()


def aesgcm_open(key, envelope, context_bytes):
    """Opens an envelope v1 (``version | key id | nonce | ciphertext+tag``) with ``cryptography``."""
    return AESGCM(key).decrypt(envelope[5:17], envelope[17:], envelope[:5] + context_bytes)


def kek_keyring(kek):
    return cesizen.Keyring.import_raw(kek["id"], bytes.fromhex(kek["material"]))


def envelope_seal(i, _expected):
    key = user_key(i["key"])
    ctx = context(i["context"])
    plaintext = bytes.fromhex(i["plaintext"])
    envelope = cesizen.dangerous_seal_envelope_with_nonce(key, ctx, plaintext, bytes.fromhex(i["nonce"]))
    assert key.open(ctx, envelope) == plaintext, "what is sealed must open"
    context_bytes = cesizen.encryption_context_bytes(ctx)
    assert aesgcm_open(bytes.fromhex(i["key"]["material"]), b64(envelope), context_bytes) == plaintext
    return {"context": context_bytes.hex(), "aad": (b64(envelope)[:5] + context_bytes).hex(), "envelope": envelope}


def data_key_wrap(i, _expected):
    keyring = kek_keyring(i["kek"])
    data_key = i["dataKey"]
    key = cesizen.UserKey.import_raw(i["user"], data_key["id"], bytes.fromhex(data_key["material"]))
    wrapped = cesizen.dangerous_wrap_data_key_with_nonce(keyring, key, bytes.fromhex(i["nonce"]))
    ctx = length_prefixed("data-key") + length_prefixed(i["user"])
    wrap_key = hkdf(bytes.fromhex(i["kek"]["material"]), b"", b"cesizen.kek-wrap.v1")
    plaintext = data_key["id"].to_bytes(4, "big") + bytes.fromhex(data_key["material"])
    assert aesgcm_open(wrap_key, b64(wrapped), ctx) == plaintext, "cryptography unwraps it"
    assert keyring.unwrap_data_key(i["user"], wrapped).key_id() == data_key["id"]
    return {"context": ctx.hex(), "wrapKey": wrap_key.hex(), "wrapped": wrapped}


def keyring_seal(i, _expected):
    root = cesizen.RootSecret.parse(i["rootSecret"])
    keys = i["keys"]
    primary = next(k for k in keys if k["id"] == i["primary"])
    keyring = cesizen.Keyring.import_raw(primary["id"], bytes.fromhex(primary["material"]))
    for k in keys:
        if k is primary:
            continue
        keyring.add_raw_key(k["id"], bytes.fromhex(k["material"]) if "material" in k else bytes(32))
        if k["status"] != "enabled":
            keyring.disable(k["id"])
        if k["status"] == "destroyed":
            keyring.destroy(k["id"])
    keyring.set_message_limit(i["messageLimit"])
    sealed = cesizen.dangerous_seal_keyring_with_nonce(keyring, root, bytes.fromhex(i["nonce"]))
    file_key = hkdf(b64(root.to_text()), b"", b"cesizen.keyring-file.v1")
    aesgcm_open(file_key, sealed, length_prefixed("keyring"))
    assert cesizen.Keyring.open(sealed, root).keys() == keyring.keys(), "the file opens to the same keys"
    return {"fileKey": file_key.hex(), "sealed": b64_text(sealed)}


def keyring_open(i, _expected):
    keyring = cesizen.Keyring.open(b64(i["sealed"]), cesizen.RootSecret.parse(i["rootSecret"]))
    return {"primary": keyring.primary_id(), "messageLimit": keyring.message_limit(), "keys": keyring.keys()}


def stream_seal(i, expected):
    keyring = kek_keyring(i["kek"])
    plaintext = stream_plaintext(i["plaintextLength"])
    salt = bytes.fromhex(i["salt"])
    stream = cesizen.dangerous_seal_stream_with(keyring, plaintext, salt, bytes.fromhex(i["noncePrefix"]))
    assert keyring.open_stream(stream) == plaintext, "what is sealed must open"
    header = stream[:HEADER]
    result = {
        "header": header.hex(),
        "streamKey": hkdf(bytes.fromhex(i["kek"]["material"]), salt, b"cesizen.stream.v1" + header).hex(),
        "length": len(stream),
        "sha256": hashlib.sha256(stream).hexdigest(),
    }
    if "stream" in (expected or {}):
        result["stream"] = stream.hex()
    return result


def sealed_base(keyring, name):
    """The stream of the seal case named ``name`` in stream_v1.json, sealed again by the library."""
    import json

    cases = json.loads((VECTORS_DIR / "stream_v1.json").read_text(encoding="utf-8"))["cases"]
    seal = next(c["input"] for c in cases if c["name"] == name)
    return cesizen.dangerous_seal_stream_with(
        keyring,
        stream_plaintext(seal["plaintextLength"]),
        bytes.fromhex(seal["salt"]),
        bytes.fromhex(seal["noncePrefix"]),
    )


def mutate(stream, m):
    """One mutation of stream_v1.json (segments are counted after the 44-byte header)."""
    op = m["op"]
    if op == "truncate":
        return stream[: m["length"]]
    if op == "append":
        return stream + bytes.fromhex(m["hex"])
    if op == "flipBit":
        out = bytearray(stream)
        out[m["offset"]] ^= 1 << m["bit"]
        return bytes(out)
    segments = [stream[at : at + SEGMENT] for at in range(HEADER, len(stream), SEGMENT)]
    if op == "dropSegment":
        del segments[m["index"]]
    elif op == "swapSegments":
        segments[m["a"]], segments[m["b"]] = segments[m["b"]], segments[m["a"]]
    elif op == "duplicateSegment":
        segments.insert(m["index"], segments[m["index"]])
    else:
        raise ValueError(f"unknown mutation {op}")
    return stream[:HEADER] + b"".join(segments)


def stream_open(i, expected):
    keyring = kek_keyring(i["kek"])
    stream = sealed_base(keyring, i["base"]) if "base" in i else bytes.fromhex(i["stream"])
    for m in i.get("mutations", []):
        stream = mutate(stream, m)
    plaintext = keyring.open_stream(stream)
    if "plaintextLength" in (expected or {}):
        assert plaintext == stream_plaintext(len(plaintext))
        return {"plaintextLength": len(plaintext)}
    return {"plaintext": plaintext.hex()}


CRYPTO_OPS = {
    "envelope.seal": envelope_seal,
    "dataKey.wrap": data_key_wrap,
    "keyring.seal": keyring_seal,
    "keyring.open": keyring_open,
    "stream.seal": stream_seal,
    "stream.open": stream_open,
}
