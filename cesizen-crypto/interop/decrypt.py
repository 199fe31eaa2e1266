"""Opens what cesizen-crypto wrote, from the published layout alone.

Usage: python3 decrypt.py ARTEFACTS.json RESULTS.json

ARTEFACTS.json (written by the crate's `interop_python` test) holds keys, contexts and sealed values but no
plaintext; this program writes the plaintexts it recovers to RESULTS.json and the Rust test compares them with
what it sealed.
"""

import json
import sys

import cesizen_layout as layout


def main(artefacts_path: str, results_path: str) -> None:
    with open(artefacts_path) as f:
        artefacts = json.load(f)
    results = {}

    # A journal field: envelope v1 under a user's data key, bound to user, record and field.
    env = artefacts["envelope"]
    ctx = layout.context(env["context"]["kind"], *env["context"]["parts"])
    envelope = layout.from_b64url(env["envelope"])
    assert layout.envelope_key_id(envelope) == env["keyId"], "the header names the data key"
    results["envelope"] = layout.open_envelope(bytes.fromhex(env["key"]), ctx, envelope).hex()
    # The same envelope under another field's context must not open.
    other = layout.context("field", *env["context"]["parts"][:2], "another-field")
    try:
        layout.open_envelope(bytes.fromhex(env["key"]), other, envelope)
        results["envelopeElsewhere"] = "opened"
    except layout.DecryptFailed:
        results["envelopeElsewhere"] = "crypto.decrypt.failed"

    # The keyring file, opened with the root secret's text form; then a wrapped data key with its KEK.
    ring = artefacts["keyring"]
    opened = layout.open_keyring(layout.from_b64url(ring["rootSecret"]), bytes.fromhex(ring["sealed"]))
    keks = {k["id"]: k["key"] for k in opened["keys"] if k["status"] == "enabled"}
    results["keyring"] = {
        "primary": opened["primary"],
        "messageLimit": opened["messageLimit"],
        "keys": [{"id": k["id"], "status": k["status"], "messagesSealed": k["messagesSealed"]} for k in opened["keys"]],
    }
    wrapped = layout.from_b64url(ring["wrappedDataKey"])
    dek_id, dek = layout.unwrap_data_key(keks[layout.envelope_key_id(wrapped)], ring["user"], wrapped)
    results["dataKey"] = {"id": dek_id, "key": dek.hex()}
    dek_env = layout.from_b64url(ring["envelope"])
    dek_ctx = layout.context(ring["context"]["kind"], *ring["context"]["parts"])
    results["envelopeUnderUnwrappedKey"] = layout.open_envelope(dek, dek_ctx, dek_env).hex()

    # A backup stream of several segments under the keyring's primary.
    with open(artefacts["stream"]["path"], "rb") as f:
        stream = f.read()
    plain = layout.open_stream(lambda key_id: keks[key_id], stream)
    import hashlib

    results["stream"] = {"length": len(plain), "sha256": hashlib.sha256(plain).hexdigest()}

    # A pseudonym.
    ps = artefacts["pseudonym"]
    results["pseudonym"] = layout.b64url(
        layout.pseudonym(bytes.fromhex(ps["secret"]), ps["domain"], bytes.fromhex(ps["value"]))
    )

    with open(results_path, "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
