//! Key custody records: any set of byte strings is refused or rebuilds a keyring without panicking; records that
//! the keyring sealed for fuzzed ids and creation times rebuild a keyring holding exactly those ids, the newest
//! one primary, or are refused with the custody rules' error (an id twice, times going back).
#![no_main]

use std::time::{Duration, SystemTime};

use cesizen_crypto::hazmat::import_keyring_key;
use cesizen_crypto::{KeyId, Keyring};
use cesizen_fuzz::{keyring, pieces, root};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let root = root();
    let records = pieces(data);
    let _ = Keyring::from_custody(&records, &root);

    // Round trip: each piece names a key (2 bytes of id) and its creation day (1 byte).
    let mut source = keyring();
    let mut sealed = Vec::new();
    let mut ids = Vec::new();
    for piece in records.iter().filter(|p| p.len() >= 3) {
        let id = KeyId::new(u32::from(u16::from_be_bytes([piece[0], piece[1]])));
        let _ = import_keyring_key(&mut source, id, [piece[2]; 32]);
        let created_at = SystemTime::UNIX_EPOCH + Duration::from_secs(86_400 * u64::from(piece[2]));
        if let Ok(record) = source.seal_for_custody(id, created_at, &root) {
            sealed.push(record);
            ids.push(id);
        }
    }
    if let Ok((rebuilt, history)) = Keyring::from_custody(&sealed, &root) {
        let newest = ids.iter().max().copied().expect("at least one record was accepted");
        assert_eq!(rebuilt.primary_id(), newest);
        for id in &ids {
            assert!(history.versions().iter().any(|v| v.id == *id));
        }
        assert_eq!(history.versions().len(), ids.len());
    }
});
