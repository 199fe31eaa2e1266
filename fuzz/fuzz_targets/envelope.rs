//! Envelopes, binary and text form: any bytes or text parse or are refused, open under a fixed key without
//! panicking, and an envelope sealed over fuzzed plaintext and context opens back to it from its text form.
#![no_main]

use cesizen_crypto::{Context, Envelope};
use cesizen_fuzz::{USER, data_key, pieces};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let key = data_key();
    let parts = pieces(data);
    let record = String::from_utf8_lossy(parts.first().copied().unwrap_or_default());
    let field = String::from_utf8_lossy(parts.get(1).copied().unwrap_or_default());
    let context = Context::field(USER, &record, &field)
        .or_else(|_| Context::user(USER))
        .expect("a user context");

    // Outside bytes: the binary form, then the same bytes as text.
    if let Ok(envelope) = Envelope::from_bytes(data.to_vec()) {
        assert_eq!(Envelope::from_text(&envelope.to_text()).ok(), Some(envelope.clone()));
        let _ = key.open(&context, &envelope);
    }
    if let Ok(Ok(envelope)) = std::str::from_utf8(data).map(Envelope::from_text) {
        assert_eq!(
            Envelope::from_bytes(envelope.as_bytes().to_vec()).ok(),
            Some(envelope.clone())
        );
        let _ = key.open(&context, &envelope);
    }

    // Round trip: seal → text → parse → open.
    let sealed = key.seal(&context, data).expect("a fixed key seals");
    let read = Envelope::from_text(&sealed.to_text()).expect("the writer's text parses");
    let opened = key.open(&context, &read).expect("what was sealed opens");
    assert_eq!(opened.as_slice(), data);
});
