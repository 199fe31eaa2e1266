//! GDPR rules files, JSON and TOML (the first byte picks the syntax): any text is a valid configuration or an
//! error naming the field, never a panic; a configuration accepted passes its own validation.
#![no_main]

use cesizen_gdpr::GdprConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&syntax, text)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else { return };
    let config = if syntax % 2 == 0 {
        GdprConfig::from_json_str(text)
    } else {
        GdprConfig::from_toml_str(text)
    };
    if let Ok(config) = config {
        assert!(config.validate().is_ok(), "an accepted configuration validates");
    }
});
