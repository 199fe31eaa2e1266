//! Alerting rules files (JSON, `AlertingRulesSpec` validated into `AlertingRules`): any text is valid rules or
//! refused, never a panic; rules accepted write back and read the same.
#![no_main]

use cesizen_core::alerting::AlertingRules;
use cesizen_fuzz::json_round_trip;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    json_round_trip::<AlertingRules>(data);
});
