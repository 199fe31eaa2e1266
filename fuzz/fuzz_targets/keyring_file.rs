//! Keyring files: any bytes open under a fixed root secret or are refused; any plaintext behind the AEAD (reached
//! through the crate's `cfg(fuzzing)` hook) parses or is refused, and a keyring it accepts, sealed again, opens
//! to the same keys (ids, statuses, primary, counts).
#![no_main]

use cesizen_crypto::Keyring;
use cesizen_crypto::fuzzing::parse_keyring;
use cesizen_fuzz::root;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let root = root();
    let _ = Keyring::open(data, &root);
    if let Ok(keyring) = parse_keyring(data) {
        let sealed = keyring.seal(&root).expect("an accepted keyring seals");
        let opened = Keyring::open(&sealed, &root).expect("what was sealed opens");
        assert_eq!(opened.keys(), keyring.keys());
    }
});
