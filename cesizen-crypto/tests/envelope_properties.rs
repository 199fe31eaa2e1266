//! Properties of envelopes and wrapped data keys, for any input: round trip; any bit flip, any context change,
//! any other key fails; arbitrary bytes never panic.

use cesizen_crypto::hazmat::import_data_key;
use cesizen_crypto::{Context, DEFAULT_MESSAGE_LIMIT, DataKey, Envelope, KeyId, Keyring, WrappedDataKey};
use proptest::prelude::*;

fn key(user: &str, id: u32, material: [u8; 32]) -> DataKey {
    import_data_key(user, KeyId::new(id), material, DEFAULT_MESSAGE_LIMIT).expect("key")
}

/// A context of any kind for `user`, from up to two more parts.
fn context(kind: u8, user: &str, record: &str, field: &str) -> Context {
    match kind % 3 {
        0 => Context::user(user),
        1 => Context::record(user, record),
        _ => Context::field(user, record, field),
    }
    .expect("short parts")
}

proptest! {
    #[test]
    fn seal_then_open_round_trips(
        plaintext in proptest::collection::vec(any::<u8>(), 0..2048),
        user in ".{0,40}", record in ".{0,40}", field in ".{0,20}", kind in any::<u8>(),
        material in any::<[u8; 32]>(), id in any::<u32>(),
    ) {
        let key = key(&user, id, material);
        let ctx = context(kind, &user, &record, &field);
        let envelope = key.seal(&ctx, &plaintext).expect("seal");
        prop_assert_eq!(envelope.plaintext_len(), plaintext.len());
        prop_assert_eq!(envelope.key_id(), KeyId::new(id));
        let opened = key.open(&ctx, &envelope).expect("open");
        prop_assert_eq!(opened.as_slice(), &plaintext[..]);
        let text = envelope.to_text();
        prop_assert_eq!(Envelope::from_text(&text).expect("text"), envelope);
    }

    #[test]
    fn any_bit_flip_fails(
        plaintext in proptest::collection::vec(any::<u8>(), 0..300),
        at in any::<prop::sample::Index>(), bit in 0u8..8, material in any::<[u8; 32]>(),
    ) {
        let key = key("u", 9, material);
        let ctx = Context::field("u", "r", "note").expect("ctx");
        let mut bytes = key.seal(&ctx, &plaintext).expect("seal").into_bytes();
        let at = at.index(bytes.len());
        bytes[at] ^= 1 << bit;
        let result = Envelope::from_bytes(bytes).and_then(|env| key.open(&ctx, &env));
        let code = result.map(|_| ()).map_err(|e| e.code()).expect_err("a flipped bit must fail");
        let expected = match at {
            0 => "crypto.version.unsupported",
            1..=4 => "crypto.key.not_found",
            _ => "crypto.decrypt.failed",
        };
        prop_assert_eq!(code, expected);
    }

    #[test]
    fn any_context_change_fails(
        user in "[a-z0-9-]{1,12}", record in ".{0,12}", field in ".{0,12}", other in ".{0,12}",
        which in 0u8..4, material in any::<[u8; 32]>(),
    ) {
        let key = key(&user, 1, material);
        let ctx = Context::field(&user, &record, &field).expect("ctx");
        let envelope = key.seal(&ctx, b"an entry").expect("seal");
        let changed = match which {
            0 => Context::field(&user, &other, &field),
            1 => Context::field(&user, &record, &other),
            2 => Context::record(&user, &record),
            _ => Context::user(&user),
        }
        .expect("ctx");
        prop_assume!(changed != ctx);
        prop_assert_eq!(key.open(&changed, &envelope).map(|_| ()).map_err(|e| e.code()), Err("crypto.decrypt.failed"));
        // Another user's context is refused before any decryption.
        let elsewhere = Context::field(&format!("{user}x"), &record, &field).expect("ctx");
        prop_assert_eq!(
            key.open(&elsewhere, &envelope).map(|_| ()).map_err(|e| e.code()),
            Err("crypto.context.user_mismatch")
        );
    }

    #[test]
    fn any_other_key_fails(a in any::<[u8; 32]>(), b in any::<[u8; 32]>(), id in any::<u32>()) {
        prop_assume!(a != b);
        let ctx = Context::user("u").expect("ctx");
        let envelope = key("u", id, a).seal(&ctx, b"an entry").expect("seal");
        let same_id = key("u", id, b);
        prop_assert_eq!(same_id.open(&ctx, &envelope).map(|_| ()).map_err(|e| e.code()), Err("crypto.decrypt.failed"));
        let other_id = key("u", id ^ 1, a);
        prop_assert_eq!(other_id.open(&ctx, &envelope).map(|_| ()).map_err(|e| e.code()), Err("crypto.key.not_found"));
    }

    #[test]
    fn arbitrary_bytes_and_text_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..120), text in ".{0,120}") {
        let key = key("u", u32::from_be_bytes([1, 2, 3, 4]), [7; 32]);
        let ctx = Context::user("u").expect("ctx");
        for envelope in [Envelope::from_bytes(bytes.clone()), Envelope::from_text(&text)].into_iter().flatten() {
            prop_assert!(key.open(&ctx, &envelope).is_err());
        }
        let keyring = Keyring::generate().expect("keyring");
        for wrapped in [WrappedDataKey::from_bytes(bytes), WrappedDataKey::from_text(&text)].into_iter().flatten() {
            prop_assert!(keyring.unwrap_data_key("u", &wrapped).is_err());
        }
    }

    #[test]
    fn any_bit_flip_in_a_wrapped_key_fails(at in any::<prop::sample::Index>(), bit in 0u8..8) {
        let keyring = Keyring::generate().expect("keyring");
        let (_, wrapped) = keyring.generate_data_key("u").expect("dek");
        let mut bytes = wrapped.as_bytes().to_vec();
        let at = at.index(bytes.len());
        bytes[at] ^= 1 << bit;
        let result = WrappedDataKey::from_bytes(bytes).and_then(|w| keyring.unwrap_data_key("u", &w));
        prop_assert!(result.is_err());
    }
}
