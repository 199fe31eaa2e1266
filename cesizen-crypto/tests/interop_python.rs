//! A program in another language opens what this crate writes, from the published layout alone.
//!
//! The crate writes an envelope, a sealed keyring file, a wrapped data key, a multi-segment backup stream and a
//! pseudonym secret with random keys; `interop/decrypt.py` (Python, `cryptography` only, no code shared with
//! the crate) recovers the plaintexts, which this test compares with what it sealed.
//!
//! Needs `python3` with the `cryptography` package, so it is ignored by a plain `cargo test`; `cargo xtask test`
//! runs it in the `crypto-interop` suite (and CI installs the package). `PYTHON` overrides the interpreter.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use cesizen_crypto::hazmat::import_keyring_key;
use cesizen_crypto::{Context, KeyId, Keyring, PseudonymSecret, Pseudonymiser, RootSecret};
use common::to_hex;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const USER: &str = "0190c0de-7e57-7000-8000-000000000001";

/// Deterministic filler bytes (xorshift), different every run through `seed`.
fn filler(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cesizen-crypto-interop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
#[ignore = "needs python3 with `cryptography`; run by `cargo xtask test --only crypto-interop`"]
fn python_opens_what_the_crate_writes() {
    let dir = scratch_dir();
    let root = RootSecret::generate().expect("root");

    // A keyring with history: a destroyed key, a disabled one, and a fresh primary.
    let mut keyring = Keyring::generate().expect("keyring");
    let first = keyring.primary_id();
    let second = keyring.add_key().expect("add");
    import_keyring_key(&mut keyring, KeyId::new(40), filler(32, 4).try_into().expect("32")).expect("import");
    keyring.promote(KeyId::new(40)).expect("promote");
    keyring.disable(first).expect("disable");
    keyring.disable(second).expect("disable");
    keyring.destroy(second).expect("destroy");
    keyring.set_message_limit(5_000_000).expect("limit");

    // A user's data key, a journal field, and the keyring sealed after the wrap (so it records the count).
    let (key, wrapped) = keyring.generate_data_key(USER).expect("data key");
    let note = "anxious before the exam — calmer after the breathing exercise 🌿".as_bytes();
    let ctx = Context::field(USER, "0190c0de-7e57-7000-8000-0000000000aa", "note").expect("ctx");
    let envelope = key.seal(&ctx, note).expect("seal");
    let sealed_keyring = keyring.seal(&root).expect("seal keyring");

    // A backup stream of three and a bit segments.
    let backup = filler(
        3 * cesizen_crypto::stream::SEGMENT_LEN + 12_345,
        u64::from(std::process::id()) | 1,
    );
    let stream_path = dir.join("backup.czb");
    let mut writer = keyring
        .stream_writer(std::fs::File::create(&stream_path).expect("file"))
        .expect("writer");
    writer.write_all(&backup).expect("write");
    writer.finish().expect("finish").sync_all().expect("sync");

    let secret_bytes: [u8; 32] = filler(32, 99).try_into().expect("32");
    let pseudonym = Pseudonymiser::new(&PseudonymSecret::from_bytes(secret_bytes))
        .pseudonym("user.email", b"camille@example.org")
        .expect("pseudonym");

    let artefacts = json!({
        "envelope": {
            "key": to_hex(&cesizen_crypto::hazmat::dangerous_data_key_bytes(&key)[..]),
            "keyId": key.id().get(),
            "context": { "kind": "field", "parts": [USER, "0190c0de-7e57-7000-8000-0000000000aa", "note"] },
            "envelope": envelope.to_text(),
        },
        "keyring": {
            "rootSecret": root.to_text().as_str(),
            "sealed": to_hex(&sealed_keyring),
            "user": USER,
            "wrappedDataKey": wrapped.to_text(),
            "envelope": envelope.to_text(),
            "context": { "kind": "field", "parts": [USER, "0190c0de-7e57-7000-8000-0000000000aa", "note"] },
        },
        "stream": { "path": stream_path },
        "pseudonym": { "secret": to_hex(&secret_bytes), "domain": "user.email", "value": to_hex(b"camille@example.org") },
    });
    let artefacts_path = dir.join("artefacts.json");
    let results_path = dir.join("results.json");
    std::fs::write(&artefacts_path, artefacts.to_string()).expect("write artefacts");

    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let script_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("interop");
    let status = Command::new(&python)
        .arg(script_dir.join("decrypt.py"))
        .arg(&artefacts_path)
        .arg(&results_path)
        .current_dir(&script_dir)
        .status()
        .unwrap_or_else(|err| panic!("could not run {python}: {err}"));
    assert!(status.success(), "decrypt.py failed: {status}");
    let results: Value = serde_json::from_str(&std::fs::read_to_string(&results_path).expect("results")).expect("json");

    assert_eq!(results["envelope"], json!(to_hex(note)));
    assert_eq!(results["envelopeElsewhere"], json!("crypto.decrypt.failed"));
    assert_eq!(results["envelopeUnderUnwrappedKey"], json!(to_hex(note)));
    let key_bytes = cesizen_crypto::hazmat::dangerous_data_key_bytes(&key);
    assert_eq!(
        results["dataKey"],
        json!({ "id": key.id().get(), "key": to_hex(&key_bytes[..]) })
    );
    let expected_keys: Vec<Value> = keyring
        .keys()
        .iter()
        .map(|k| json!({ "id": k.id.get(), "status": k.status.as_str(), "messagesSealed": k.messages_sealed }))
        .collect();
    assert_eq!(
        results["keyring"],
        json!({ "primary": 40, "messageLimit": 5_000_000, "keys": expected_keys })
    );
    assert_eq!(
        results["keyring"]["keys"][2]["messagesSealed"],
        json!(1),
        "the wrap was counted"
    );
    assert_eq!(
        results["stream"],
        json!({ "length": backup.len(), "sha256": to_hex(&Sha256::digest(&backup)) })
    );
    assert_eq!(results["pseudonym"], json!(pseudonym.to_text()));
    std::fs::remove_dir_all(&dir).expect("clean up");
}
