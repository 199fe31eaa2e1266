//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a subset of the helpers")]

/// Decodes lowercase or uppercase hex.
pub fn hex(text: &str) -> Vec<u8> {
    assert!(text.len().is_multiple_of(2), "odd hex length");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// Decodes hex of exactly `N` bytes.
pub fn hex_array<const N: usize>(text: &str) -> [u8; N] {
    hex(text).try_into().expect("length")
}

/// Encodes lowercase hex.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
