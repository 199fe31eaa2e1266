//! The JSON inputs of the bindings and of the reference server's request bodies, through the SDK types they are
//! read into: the wasm package reads every argument with `serde_json` into the SDK's own type
//! (`bindings/wasm/src/convert.rs`), UniFFI does the same for its JSON entry points, and the server's bodies
//! (`ApiJson<T>`, a binary crate, not reachable from here) are server-side structs around these same types. The
//! first byte picks the type, the rest is the JSON text; a value accepted must write back and read the same.
#![no_main]

use cesizen_core::alerting::{AlertLifecycleEvent, EscalationPolicySpec, OpsSnapshot, RaisedAlert, SecuritySignals};
use cesizen_core::emotion::{JournalEntry, JournalEntryInput};
use cesizen_core::incident::TicketRecord;
use cesizen_core::practice::PracticeSession;
use cesizen_core::stress::LifeEventAnswerInput;
use cesizen_core::user::User;
use cesizen_fuzz::json_round_trip;
use cesizen_gdpr::breach::BreachFacts;
use cesizen_gdpr::consent::ConsentRecord;
use cesizen_gdpr::request::RequestRecord;
use cesizen_sla::{ServiceCatalog, TimerEvent, WorkCalendar};
use libfuzzer_sys::fuzz_target;

/// Reads `text` as the type the selector names: the first list through `json_round_trip` (types the SDK also
/// writes), the second only read (input-only types, which have no JSON writer).
macro_rules! by_selector {
    ($selector:expr, $text:expr, [$($both:ty),+ $(,)?], [$($read:ty),+ $(,)?]) => {{
        let types: &[fn(&[u8])] = &[
            $(|text| { json_round_trip::<$both>(text); },)+
            $(|text| { let _ = serde_json::from_slice::<$read>(text); },)+
        ];
        types[usize::from($selector) % types.len()]($text);
    }};
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    by_selector!(
        selector,
        text,
        [
            JournalEntry,
            PracticeSession,
            User,
            TicketRecord,
            RaisedAlert,
            Vec<AlertLifecycleEvent>,
            EscalationPolicySpec,
            SecuritySignals,
            OpsSnapshot,
            RequestRecord,
            ConsentRecord,
            BreachFacts,
            ServiceCatalog,
            WorkCalendar,
            Vec<TimerEvent>,
        ],
        [JournalEntryInput, Vec<LifeEventAnswerInput>]
    );
});
