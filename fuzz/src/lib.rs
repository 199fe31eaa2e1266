//! What the fuzz targets share: fixed keys (a target explores the bytes, not the keys), a way to cut one input
//! into several byte strings, and the JSON round trip every serde door must pass.
//!
//! Each target in `fuzz_targets/` is one door of the SDK where outside bytes come in. The properties are: no
//! panic on any input; no unbounded allocation (the `fuzz` suite runs libFuzzer with `-malloc_limit_mb` and
//! `-rss_limit_mb`); and where the format has a writer, what the writer wrote reads back the same.
#![forbid(unsafe_code)]

use std::fmt::Debug;

use cesizen_crypto::hazmat::{import_data_key, import_keyring};
use cesizen_crypto::{DataKey, KeyId, Keyring, MAX_MESSAGE_LIMIT, RootSecret};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The user every crypto target works for (a UUID, as the SDK's contexts expect).
pub const USER: &str = "0190c0de-7e57-7000-8000-000000000001";
/// The id of the fixed keyring key.
pub const KEK_ID: KeyId = KeyId::new(3);

/// A keyring with one fixed key, [`KEK_ID`].
pub fn keyring() -> Keyring {
    import_keyring(KEK_ID, [0x42; 32]).expect("a fixed key imports")
}

/// A fixed data key of [`USER`].
pub fn data_key() -> DataKey {
    import_data_key(USER, KeyId::new(0x1234_abcd), [0x17; 32], MAX_MESSAGE_LIMIT).expect("a fixed data key imports")
}

/// A fixed root secret.
pub fn root() -> RootSecret {
    RootSecret::from_bytes([0x5a; 32])
}

/// Cuts `data` into byte strings, each preceded by its length on one byte (a short last one takes what is left):
/// a way for one fuzz input to carry several values.
pub fn pieces(mut data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while let Some((&len, rest)) = data.split_first() {
        let len = usize::from(len).min(rest.len());
        let (piece, tail) = rest.split_at(len);
        out.push(piece);
        data = tail;
    }
    out
}

/// Reads `text` as `T`; when it is accepted, writes it back and reads that again: the same value must come back.
/// Returns the value read, if any.
pub fn json_round_trip<T: DeserializeOwned + Serialize + PartialEq + Debug>(text: &[u8]) -> Option<T> {
    let value: T = serde_json::from_slice(text).ok()?;
    let written = serde_json::to_vec(&value).expect("a value read from JSON writes back");
    let again: T = serde_json::from_slice(&written).expect("what the SDK writes, it reads");
    assert_eq!(value, again, "JSON round trip of {}", String::from_utf8_lossy(&written));
    Some(value)
}
