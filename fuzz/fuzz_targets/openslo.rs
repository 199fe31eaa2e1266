//! OpenSLO documents (JSON: one document or an array): any text gives SLO definitions or `sla.openslo.*` with a
//! path, never a panic.
#![no_main]

use cesizen_sla::import_openslo;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(slos) = import_openslo(text) {
        assert!(
            slos.iter().all(|slo| !slo.objectives.is_empty()),
            "an SLO without objectives was accepted"
        );
    }
});
