"""Writes the pinned crypto vectors of tests/vectors/ from the published layout alone.

Usage: python3 make_vectors.py [OUTPUT_DIR]   (default: ../../tests/vectors next to this file)

The values are computed here, with `cryptography`, not by the Rust crate: the crate's vector test must reproduce
them byte for byte (sealing with the fixed nonces and salts of its `hazmat` test constructors) and open them.
Rerunning this program must leave the files unchanged; a diff means the format moved.
"""

import hashlib
import json
import os
import sys

import cesizen_layout as layout

USER = "0190c0de-7e57-7000-8000-000000000001"
RECORD = "0190c0de-7e57-7000-8000-0000000000aa"
OTHER_USER = "0190c0de-7e57-7000-8000-000000000002"


def key(label: str) -> bytes:
    """A fixed, documented test key: SHA-256 of a label."""
    return hashlib.sha256(label.encode()).digest()


DEK = key("cesizen test data key")
DEK_ID = 0x1234ABCD
KEK = key("cesizen test keyring key 3")
KEK_ID = 3
NONCE = bytes(range(12))


def ctx_json(kind, *parts):
    names = {"user": ["user"], "record": ["user", "record"], "field": ["user", "record", "field"]}[kind]
    return dict({"kind": kind}, **dict(zip(names, parts)))


def seal_case(name, kind, parts, plaintext: bytes, key_id=DEK_ID, nonce=NONCE):
    ctx = layout.context(kind, *parts)
    env = layout.seal_envelope(DEK, key_id, nonce, ctx, plaintext)
    return {
        "name": name,
        "op": "envelope.seal",
        "input": {
            "key": {"user": parts[0], "id": key_id, "material": DEK.hex()},
            "nonce": nonce.hex(),
            "context": ctx_json(kind, *parts),
            "plaintext": plaintext.hex(),
        },
        "expected": {"context": ctx.hex(), "aad": layout.envelope_aad(env, ctx).hex(), "envelope": layout.b64url(env)},
    }


def open_case(name, kind, parts, envelope: str, plaintext=None, error=None, key_user=USER):
    case = {
        "name": name,
        "op": "envelope.open",
        "input": {
            "key": {"user": key_user, "id": DEK_ID, "material": DEK.hex()},
            "context": ctx_json(kind, *parts),
            "envelope": envelope,
        },
    }
    if error:
        case["error"] = error
    else:
        assert layout.open_envelope(DEK, layout.context(kind, *parts), layout.from_b64url(envelope)) == plaintext
        case["expected"] = {"plaintext": plaintext.hex()}
    return case


def envelope_vectors():
    note = "anxious before the exam, calmer after the breathing exercise".encode()
    field = [USER, RECORD, "note"]
    cases = [
        seal_case("field-note", "field", field, note),
        seal_case("user-empty-plaintext", "user", [USER], b""),
        seal_case("record-unicode-ids", "record", ["élodie", "entrée-1"], "très calme 🌿".encode()),
        seal_case("field-1kib", "field", field, bytes(i % 251 for i in range(1024)), nonce=bytes([0xFF] * 12)),
        seal_case("field-max-key-id", "field", [USER, RECORD, "intensity"], b"\x07", key_id=0xFFFFFFFF),
    ]
    env = cases[0]["expected"]["envelope"]
    raw = layout.from_b64url(env)
    cases += [
        open_case("open-field-note", "field", field, env, plaintext=note),
        open_case("open-other-field", "field", [USER, RECORD, "title"], env, error="crypto.decrypt.failed"),
        open_case("open-other-record", "field", [USER, "another-record", "note"], env, error="crypto.decrypt.failed"),
        open_case("open-record-context-for-a-field", "record", [USER, RECORD], env, error="crypto.decrypt.failed"),
        open_case(
            "open-flipped-tag-bit", "field", field, layout.b64url(raw[:-1] + bytes([raw[-1] ^ 1])),
            error="crypto.decrypt.failed",
        ),
        open_case(
            "open-flipped-ciphertext-bit", "field", field, layout.b64url(raw[:20] + bytes([raw[20] ^ 0x80]) + raw[21:]),
            error="crypto.decrypt.failed",
        ),
        open_case(
            "open-flipped-nonce-bit", "field", field, layout.b64url(raw[:5] + bytes([raw[5] ^ 1]) + raw[6:]),
            error="crypto.decrypt.failed",
        ),
        open_case(
            "open-other-key-id", "field", field, layout.b64url(raw[:4] + bytes([raw[4] ^ 1]) + raw[5:]),
            error="crypto.key.not_found",
        ),
        open_case("open-version-2", "field", field, layout.b64url(b"\x02" + raw[1:]), error="crypto.version.unsupported"),
        open_case("open-too-short", "field", field, layout.b64url(raw[:32]), error="crypto.envelope.malformed"),
        open_case("open-not-base64url", "field", field, env[:-1] + "+", error="crypto.envelope.malformed"),
        open_case("open-padded-base64", "field", field, env + "=", error="crypto.envelope.malformed"),
        open_case(
            "open-context-of-another-user", "field", [OTHER_USER, RECORD, "note"], env,
            error="crypto.context.user_mismatch",
        ),
        open_case("open-context-part-too-long", "field", [USER, RECORD, "x" * 1025], env, error="crypto.context.too_long"),
    ]
    wrap_nonce = bytes([0xA5] * 12)
    wrapped = layout.wrap_data_key(KEK, KEK_ID, wrap_nonce, USER, DEK_ID, DEK)
    kek_json = {"id": KEK_ID, "material": KEK.hex()}
    cases += [
        {
            "name": "wrap-data-key",
            "op": "dataKey.wrap",
            "input": {"kek": kek_json, "nonce": wrap_nonce.hex(), "user": USER, "dataKey": {"id": DEK_ID, "material": DEK.hex()}},
            "expected": {
                "context": layout.context("data-key", USER).hex(),
                "wrapKey": layout.kek_wrap_key(KEK).hex(),
                "wrapped": layout.b64url(wrapped),
            },
        },
        {
            "name": "unwrap-data-key",
            "op": "dataKey.unwrap",
            "input": {"kek": kek_json, "user": USER, "wrapped": layout.b64url(wrapped)},
            "expected": {"id": DEK_ID, "material": DEK.hex()},
        },
        {
            "name": "unwrap-data-key-for-another-user",
            "op": "dataKey.unwrap",
            "input": {"kek": kek_json, "user": OTHER_USER, "wrapped": layout.b64url(wrapped)},
            "error": "crypto.decrypt.failed",
        },
        {
            "name": "unwrap-truncated-wrapped-key",
            "op": "dataKey.unwrap",
            "input": {"kek": kek_json, "user": USER, "wrapped": layout.b64url(wrapped[:-1])},
            "error": "crypto.envelope.malformed",
        },
    ]
    return {
        "topic": "envelope_v1",
        "description": (
            "Envelope v1 (ARCHITECTURE.md section 3): 0x01 | key id u32 BE | 96-bit nonce | AES-256-GCM ciphertext | "
            "16-byte tag; associated data = the first 5 bytes then the context, length-prefixed parts (u32 BE length, "
            "UTF-8) starting with the kind: user|record|field|data-key. Text form: unpadded base64url. Keys are "
            "SHA-256 of a label; bytes are hex. envelope.seal uses the fixed nonce given (test constructors only). "
            "Wrapped data keys: envelope under HKDF-SHA-256(kek, no salt, 'cesizen.kek-wrap.v1'), context data-key + "
            "user, plaintext = data key id u32 BE || 32-byte key. Generated by cesizen-crypto/interop/make_vectors.py."
        ),
        "cases": cases,
    }


def pattern(length: int) -> bytes:
    return bytes(i % 251 for i in range(length))


STREAM_KEK = key("cesizen test backup key 7")
STREAM_KEY_ID = 7
SALT = bytes(range(100, 132))
PREFIX = bytes([0xC0, 0xDE, 0xC0, 0xDE, 0xC0, 0xDE, 0x01])


def stream_vectors():
    kek_json = {"id": STREAM_KEY_ID, "material": STREAM_KEK.hex()}
    cases = []
    sealed = {}
    for length in [0, 1, 1000, layout.SEGMENT_LEN, layout.SEGMENT_LEN + 1, 150_000]:
        name = f"seal-{length}-bytes"
        stream = layout.seal_stream(STREAM_KEK, STREAM_KEY_ID, SALT, PREFIX, pattern(length))
        sealed[name] = stream
        expected = {
            "header": stream[:layout.STREAM_HEADER_LEN].hex(),
            "streamKey": layout.stream_key(STREAM_KEK, stream[:layout.STREAM_HEADER_LEN]).hex(),
            "length": len(stream),
            "sha256": hashlib.sha256(stream).hexdigest(),
        }
        if len(stream) <= 2048:
            expected["stream"] = stream.hex()
        cases.append({
            "name": name,
            "op": "stream.seal",
            "input": {"kek": kek_json, "salt": SALT.hex(), "noncePrefix": PREFIX.hex(), "plaintextLength": length},
            "expected": expected,
        })
    base = "seal-150000-bytes"
    cases.append({
        "name": "open-150000-bytes",
        "op": "stream.open",
        "input": {"kek": kek_json, "base": base, "mutations": []},
        "expected": {"plaintextLength": 150_000},
    })

    def attack(name, mutations, error):
        stream = sealed[base]
        for m in mutations:
            stream = mutate(stream, m)
        try:
            layout.open_stream(lambda _: STREAM_KEK, stream)
            raise AssertionError(f"{name} opened")
        except (layout.DecryptFailed, ValueError, KeyError):
            pass
        cases.append({"name": name, "op": "stream.open", "input": {"kek": kek_json, "base": base, "mutations": mutations}, "error": error})

    attack("truncate-inside-header", [{"op": "truncate", "length": 20}], "crypto.stream.malformed")
    attack("truncate-to-header", [{"op": "truncate", "length": layout.STREAM_HEADER_LEN}], "crypto.decrypt.failed")
    attack("drop-last-segment", [{"op": "dropSegment", "index": 2}], "crypto.decrypt.failed")
    attack("drop-middle-segment", [{"op": "dropSegment", "index": 1}], "crypto.decrypt.failed")
    attack("cut-last-byte", [{"op": "truncate", "length": len(sealed[base]) - 1}], "crypto.decrypt.failed")
    attack("swap-first-two-segments", [{"op": "swapSegments", "a": 0, "b": 1}], "crypto.decrypt.failed")
    attack("duplicate-first-segment", [{"op": "duplicateSegment", "index": 0}], "crypto.decrypt.failed")
    attack("append-a-byte", [{"op": "append", "hex": "00"}], "crypto.decrypt.failed")
    attack("flip-salt-bit", [{"op": "flipBit", "offset": 10, "bit": 0}], "crypto.decrypt.failed")
    attack("flip-prefix-bit", [{"op": "flipBit", "offset": 40, "bit": 3}], "crypto.decrypt.failed")
    attack("flip-body-bit", [{"op": "flipBit", "offset": 70_000, "bit": 7}], "crypto.decrypt.failed")
    attack("flip-last-tag-bit", [{"op": "flipBit", "offset": len(sealed[base]) - 1, "bit": 0}], "crypto.decrypt.failed")
    attack("version-2", [{"op": "flipBit", "offset": 0, "bit": 0}, {"op": "flipBit", "offset": 0, "bit": 1}], "crypto.version.unsupported")
    attack("unknown-key-id", [{"op": "flipBit", "offset": 4, "bit": 6}], "crypto.key.not_found")

    # The heart of truncation safety: a stream whose final segment was sealed as not-last.
    header = layout.stream_header(STREAM_KEY_ID, SALT, PREFIX)
    aead = layout.AESGCM(layout.stream_key(STREAM_KEK, header))
    not_last = header + aead.encrypt(layout.segment_nonce(PREFIX, 0, False), b"cut here", b"")
    cases.append({
        "name": "final-segment-not-flagged-last",
        "op": "stream.open",
        "input": {"kek": kek_json, "stream": not_last.hex(), "mutations": []},
        "error": "crypto.decrypt.failed",
    })
    flagged = header + aead.encrypt(layout.segment_nonce(PREFIX, 0, True), b"cut here", b"")
    cases.append({
        "name": "single-segment-flagged-last",
        "op": "stream.open",
        "input": {"kek": kek_json, "stream": flagged.hex(), "mutations": []},
        "expected": {"plaintext": b"cut here".hex()},
    })
    return {
        "topic": "stream_v1",
        "description": (
            "Backup stream v1: header = 0x01 | key id u32 BE | 32-byte salt | 7-byte nonce prefix; stream key = "
            "HKDF-SHA-256(ikm = keyring key, salt, info = 'cesizen.stream.v1' || header); 64 KiB plaintext segments "
            "sealed with AES-256-GCM, no associated data, nonce = prefix || u32 BE segment index || 0x01 if last else "
            "0x00. plaintextLength n means bytes i % 251 for i in 0..n. stream.open takes `stream` (hex) or `base` (the "
            "named seal case's output) transformed by `mutations` in order: truncate{length}, dropSegment{index}, "
            "swapSegments{a,b}, duplicateSegment{index} (inserted after itself), append{hex}, flipBit{offset,bit}; "
            "segments are the 65552-byte chunks after the header. Generated by cesizen-crypto/interop/make_vectors.py."
        ),
        "cases": cases,
    }


def mutate(stream: bytes, m: dict) -> bytes:
    header, body = stream[:layout.STREAM_HEADER_LEN], stream[layout.STREAM_HEADER_LEN:]
    segs = layout.stream_segments(body)
    op = m["op"]
    if op == "truncate":
        return stream[:m["length"]]
    if op == "dropSegment":
        del segs[m["index"]]
    elif op == "swapSegments":
        segs[m["a"]], segs[m["b"]] = segs[m["b"]], segs[m["a"]]
    elif op == "duplicateSegment":
        segs.insert(m["index"], segs[m["index"]])
    elif op == "append":
        return stream + bytes.fromhex(m["hex"])
    elif op == "flipBit":
        out = bytearray(stream)
        out[m["offset"]] ^= 1 << m["bit"]
        return bytes(out)
    return header + b"".join(segs)


def pseudonym_vectors():
    secret = key("cesizen test pseudonymisation secret, export 2025-01")
    other = key("cesizen test pseudonymisation secret, export 2025-02")
    cases = []

    def case(name, secret_bytes, domain, value: bytes):
        p = layout.pseudonym(secret_bytes, domain, value)
        cases.append({
            "name": name,
            "op": "pseudonym",
            "input": {"secret": secret_bytes.hex(), "domain": domain, "value": value.hex()},
            "expected": {"pseudonym": layout.b64url(p), "hex": p.hex()},
        })

    case("email", secret, "user.email", b"camille.martin@example.org")
    case("same-email-other-domain", secret, "user.id", b"camille.martin@example.org")
    case("same-email-next-export", other, "user.email", b"camille.martin@example.org")
    case("user-id", secret, "user.id", USER.encode())
    case("empty-value", secret, "kpi.cohort", b"")
    case("binary-value", secret, "device.id", bytes(range(256)))
    case("longest-domain", secret, "a" * 64, b"v")
    for name, domain in [("empty-domain", ""), ("uppercase-domain", "User.Email"), ("domain-too-long", "a" * 65), ("space-in-domain", "user email")]:
        cases.append({
            "name": name,
            "op": "pseudonym",
            "input": {"secret": secret.hex(), "domain": domain, "value": b"v".hex()},
            "error": "crypto.pseudonym.domain_invalid",
        })
    return {
        "topic": "pseudonym",
        "description": (
            "Pseudonyms: HMAC-SHA-256(secret, lp('cesizen.pseudonym.v1') || lp(domain) || lp(value)), lp = u32 BE "
            "length prefix; text form unpadded base64url. Domains: 1 to 64 bytes of a-z 0-9 . _ -. A new secret per "
            "analytics export makes exports unjoinable. Generated by cesizen-crypto/interop/make_vectors.py."
        ),
        "cases": cases,
    }


def keyring_vectors():
    root = key("cesizen test root secret")
    k1, k2, k3 = key("cesizen test keyring key 1"), key("cesizen test keyring key 2"), KEK
    nonce = bytes([0x5A] * 12)
    fresh = layout.seal_keyring(root, nonce, 3, 1_000_000, [(1, "destroyed", 0, None), (2, "disabled", 0, k2), (3, "enabled", 0, k3)])
    used = layout.seal_keyring(root, nonce, 2, 1 << 30, [(1, "enabled", 17, k1), (2, "enabled", 5, k2)])
    no_primary = layout.seal_keyring(root, nonce, 9, 1 << 30, [(1, "enabled", 0, k1)])
    disabled_primary = layout.seal_keyring(root, nonce, 1, 1 << 30, [(1, "disabled", 0, k1)])
    root_text = layout.b64url(root)
    keys_in = [
        {"id": 1, "status": "destroyed"},
        {"id": 2, "status": "disabled", "material": k2.hex()},
        {"id": 3, "status": "enabled", "material": k3.hex()},
    ]
    cases = [
        {
            "name": "seal-three-keys",
            "op": "keyring.seal",
            "input": {"rootSecret": root_text, "nonce": nonce.hex(), "primary": 3, "messageLimit": 1_000_000, "keys": keys_in},
            "expected": {"fileKey": layout.keyring_file_key(root).hex(), "sealed": layout.b64url(fresh)},
        },
        {
            "name": "open-counters",
            "op": "keyring.open",
            "input": {"rootSecret": root_text, "sealed": layout.b64url(used)},
            "expected": {
                "primary": 2,
                "messageLimit": 1 << 30,
                "keys": [
                    {"id": 1, "status": "enabled", "primary": False, "messagesSealed": 17},
                    {"id": 2, "status": "enabled", "primary": True, "messagesSealed": 5},
                ],
            },
        },
        {
            "name": "open-with-another-root-secret",
            "op": "keyring.open",
            "input": {"rootSecret": layout.b64url(key("another root")), "sealed": layout.b64url(used)},
            "error": "crypto.decrypt.failed",
        },
        {
            "name": "open-primary-missing",
            "op": "keyring.open",
            "input": {"rootSecret": root_text, "sealed": layout.b64url(no_primary)},
            "error": "crypto.keyring.malformed",
        },
        {
            "name": "open-primary-disabled",
            "op": "keyring.open",
            "input": {"rootSecret": root_text, "sealed": layout.b64url(disabled_primary)},
            "error": "crypto.keyring.malformed",
        },
        {
            "name": "root-secret-with-trailing-newline",
            "op": "rootSecret.parse",
            "input": {"text": root_text + "\n"},
            "expected": {"material": root.hex()},
        },
    ]
    for name, text in [
        ("root-secret-too-short", root_text[:-1]),
        ("root-secret-padded", root_text + "="),
        ("root-secret-standard-base64", root_text.replace("-", "+").replace("_", "/") + ("+" if "-" not in root_text and "_" not in root_text else "")),
        ("root-secret-empty", ""),
    ]:
        cases.append({"name": name, "op": "rootSecret.parse", "input": {"text": text}, "error": "crypto.root_secret.invalid"})
    return {
        "topic": "keyring_v1",
        "description": (
            "Sealed keyring file: envelope v1, key id 0, key HKDF-SHA-256(ikm = root secret, no salt, "
            "'cesizen.keyring-file.v1'), context lp('keyring'); plaintext 'CZKR' | 0x01 | message limit u64 | primary "
            "u32 | key count u32 | per key by increasing id: id u32, status u8 (1 enabled, 2 disabled, 3 destroyed), "
            "messages sealed u64, 32-byte key unless destroyed (all big-endian). Root secret text form: unpadded "
            "base64url of 32 bytes, surrounding whitespace ignored. Generated by cesizen-crypto/interop/make_vectors.py."
        ),
        "cases": cases,
    }


def kek_custody_vectors():
    root = key("cesizen test root secret")
    root_text = layout.b64url(root)
    k1, k2 = key("cesizen test keyring key 1"), key("cesizen test keyring key 2")
    nonce = bytes([0x6B] * 12)
    t1, t2 = 1_735_689_600, 1_735_776_000  # 2025-01-01 and 2025-01-02, 00:00 UTC
    r1 = layout.seal_kek_custody(root, 1, nonce, t1, k1)
    r2 = layout.seal_kek_custody(root, 2, nonce, t2, k2)
    renamed = r2[:1] + (7).to_bytes(4, "big") + r2[5:]
    flipped = r2[:-1] + bytes([r2[-1] ^ 1])
    bad_magic = layout.seal_envelope(layout.kek_custody_key(root), 2, nonce, layout.KEK_CUSTODY_CONTEXT,
                                     b"CZKR" + bytes([1]) + t2.to_bytes(8, "big") + k2)
    short = layout.seal_envelope(layout.kek_custody_key(root), 2, nonce, layout.KEK_CUSTODY_CONTEXT,
                                 b"CZKV" + bytes([1]) + t2.to_bytes(8, "big") + k2[:31])
    older = layout.seal_kek_custody(root, 2, nonce, t1 - 1, k2)
    wrapped = layout.wrap_data_key(k1, 1, NONCE, USER, DEK_ID, DEK)

    def open_case(name, records, expected=None, error=None, rootsecret=root_text):
        case = {"name": name, "op": "kekCustody.open",
                "input": {"rootSecret": rootsecret, "records": [layout.b64url(r) for r in records]}}
        if error:
            case["error"] = error
        else:
            case["expected"] = expected
        return case

    both = {"primary": 2, "versions": [{"id": 1, "createdAt": t1}, {"id": 2, "createdAt": t2}],
            "materials": [k1.hex(), k2.hex()]}
    return {
        "topic": "kek_custody_v1",
        "description": (
            "Key custody record: one key-encryption key version sealed under the root secret, kept outside the data. "
            "Envelope v1, key id = the KEK's id, key HKDF-SHA-256(ikm = root secret, no salt, 'cesizen.kek-custody.v1'), "
            "context lp('kek-custody'); plaintext 'CZKV' | 0x01 | creation time u64 (Unix seconds) | 32-byte key "
            "(big-endian). The newest version is the primary. Generated by cesizen-crypto/interop/make_vectors.py."
        ),
        "cases": [
            {"name": "seal-version-1", "op": "kekCustody.seal",
             "input": {"rootSecret": root_text, "id": 1, "createdAt": t1, "material": k1.hex(), "nonce": nonce.hex()},
             "expected": {"recordKey": layout.kek_custody_key(root).hex(), "record": layout.b64url(r1)}},
            {"name": "seal-version-2", "op": "kekCustody.seal",
             "input": {"rootSecret": root_text, "id": 2, "createdAt": t2, "material": k2.hex(), "nonce": nonce.hex()},
             "expected": {"recordKey": layout.kek_custody_key(root).hex(), "record": layout.b64url(r2)}},
            open_case("open-two-versions-any-order", [r2, r1], both),
            open_case("open-after-version-1-destroyed", [r2],
                      {"primary": 2, "versions": [{"id": 2, "createdAt": t2}], "materials": [k2.hex()],
                       "unwrap": {"user": USER, "wrapped": layout.b64url(wrapped), "error": "crypto.key.destroyed"}}),
            open_case("open-with-another-root-secret", [r1], error="crypto.decrypt.failed",
                      rootsecret=layout.b64url(key("another root"))),
            open_case("open-renamed-record", [renamed], error="crypto.decrypt.failed"),
            open_case("open-flipped-bit", [flipped], error="crypto.decrypt.failed"),
            open_case("open-wrong-magic", [bad_magic], error="crypto.custody.invalid"),
            open_case("open-short-key", [short], error="crypto.custody.invalid"),
            open_case("open-duplicate-id", [r2, r2], error="crypto.custody.invalid"),
            open_case("open-later-version-older", [r1, older], error="crypto.custody.invalid"),
            open_case("open-nothing", [], error="crypto.custody.invalid"),
        ],
    }


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "tests", "vectors")
    os.makedirs(out_dir, exist_ok=True)
    for name, build in [
        ("envelope_v1", envelope_vectors),
        ("stream_v1", stream_vectors),
        ("pseudonym", pseudonym_vectors),
        ("keyring_v1", keyring_vectors),
    ]:
        write(os.path.join(out_dir, f"{name}.json"), build())
    # Key custody is the server side's (never bound for the browser or the phones): its vectors stay with the crate.
    write(os.path.join(here, "..", "tests", "vectors", "kek_custody_v1.json"), kek_custody_vectors())


def write(path: str, vectors: dict) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(vectors, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
