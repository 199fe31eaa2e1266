//! NIST CAVP AES-256-GCM known-answer vectors with 96-bit IVs and 128-bit tags (`gcmEncryptExtIV256.rsp`,
//! `gcmDecrypt256.rsp`): a committed subset covering every plaintext and associated-data length of those files
//! (provenance in the file's `source`). They run against the primitive every format goes through.

mod common;

use cesizen_crypto::hazmat::DangerousRawAesGcm;
use common::{hex, hex_array};
use serde_json::Value;

const VECTORS: &str = include_str!("data/nist_cavp_aes256_gcm96.json");

fn field<'a>(case: &'a Value, name: &str) -> &'a str {
    case[name].as_str().expect("string")
}

#[test]
fn encrypt_vectors_reproduce_ciphertext_and_tag() {
    let root: Value = serde_json::from_str(VECTORS).expect("json");
    let cases = root["encrypt"].as_array().expect("encrypt");
    for (i, case) in cases.iter().enumerate() {
        let cipher = DangerousRawAesGcm::new(&hex_array(field(case, "key")));
        let nonce = hex_array(field(case, "iv"));
        let sealed = cipher
            .seal(&nonce, &hex(field(case, "aad")), &hex(field(case, "pt")))
            .expect("seal");
        let expected = [hex(field(case, "ct")), hex(field(case, "tag"))].concat();
        assert_eq!(sealed, expected, "encrypt case {i}");
    }
    assert_eq!(cases.len(), 50);
}

#[test]
fn decrypt_vectors_open_or_fail_as_recorded() {
    let root: Value = serde_json::from_str(VECTORS).expect("json");
    let cases = root["decrypt"].as_array().expect("decrypt");
    let mut failures = 0;
    for (i, case) in cases.iter().enumerate() {
        let cipher = DangerousRawAesGcm::new(&hex_array(field(case, "key")));
        let sealed = [hex(field(case, "ct")), hex(field(case, "tag"))].concat();
        let opened = cipher.open(&hex_array(field(case, "iv")), &hex(field(case, "aad")), &sealed);
        if case.get("result").is_some() {
            failures += 1;
            assert_eq!(
                opened.map(|_| ()).map_err(|e| e.code()),
                Err("crypto.decrypt.failed"),
                "decrypt case {i}"
            );
        } else {
            assert_eq!(
                opened.expect("opens").as_slice(),
                hex(field(case, "pt")),
                "decrypt case {i}"
            );
        }
    }
    assert_eq!((cases.len(), failures), (50, 25));
}
