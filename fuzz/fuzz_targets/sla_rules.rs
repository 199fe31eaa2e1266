//! SLA rules files (JSON): any text is valid rules or `config.*` with a path, never a panic; rules accepted,
//! written back with `Rules::to_json`, read the same.
#![no_main]

use cesizen_sla::Rules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(rules) = Rules::from_json(text) {
        let written = rules.to_json();
        assert_eq!(Rules::from_json(&written).ok(), Some(rules), "{written}");
    }
});
