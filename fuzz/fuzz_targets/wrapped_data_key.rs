//! Wrapped data keys, binary and text form: any input parses or is refused and unwraps under a fixed keyring
//! without panicking; a data key wrapped by the keyring unwraps from its text form to the same key.
#![no_main]

use cesizen_crypto::{Context, WrappedDataKey};
use cesizen_fuzz::{USER, data_key, keyring};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let keyring = keyring();
    let user = String::from_utf8_lossy(data);
    if let Ok(wrapped) = WrappedDataKey::from_bytes(data.to_vec()) {
        let _ = keyring.unwrap_data_key(USER, &wrapped);
        let _ = keyring.rewrap_data_key(&user, &wrapped);
    }
    if let Ok(Ok(wrapped)) = std::str::from_utf8(data).map(WrappedDataKey::from_text) {
        let _ = keyring.unwrap_data_key(&user, &wrapped);
    }

    // Round trip: wrap → text → parse → unwrap; the unwrapped key opens what the original sealed.
    let key = data_key();
    let wrapped = keyring.wrap_data_key(&key).expect("a fixed keyring wraps");
    let read = WrappedDataKey::from_text(&wrapped.to_text()).expect("the writer's text parses");
    let unwrapped = keyring.unwrap_data_key(USER, &read).expect("what was wrapped unwraps");
    let context = Context::user(USER).expect("a user context");
    let sealed = key.seal(&context, data).expect("seal");
    assert_eq!(unwrapped.open(&context, &sealed).expect("open").as_slice(), data);
    assert!(keyring.unwrap_data_key(&user, &read).is_err() || user == USER);
});
