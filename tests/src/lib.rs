//! Helpers for the cross-crate tests: loading the shared test vectors of `tests/vectors/`.
//!
//! A vector file is JSON: `{ "topic": "...", "description": "...", "cases": [ { "name": "...", "op": "...",
//! "input": {...}, "expected": {...} } ] }`; a case that must fail has `"error": "<stable code>"` instead of
//! `"expected"`. Every language binding runs every case byte for byte.

use std::path::{Path, PathBuf};

/// One case of a vector file.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Case {
    /// Unique name within the file.
    pub name: String,
    /// The operation, named after the binding surface's function.
    pub op: String,
    /// The operation's input.
    pub input: serde_json::Value,
    /// The expected output, when the case succeeds.
    #[serde(default)]
    pub expected: Option<serde_json::Value>,
    /// The expected stable error code, when the case fails.
    #[serde(default)]
    pub error: Option<String>,
}

/// A vector file.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct VectorFile {
    /// What the file covers.
    pub topic: String,
    /// A sentence on the format it pins.
    #[serde(default)]
    pub description: String,
    /// The cases.
    pub cases: Vec<Case>,
}

/// The directory of the shared vectors.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// Loads `tests/vectors/<name>.json`.
///
/// # Panics
/// When the file is missing or malformed: vectors are part of the repository.
pub fn load(name: &str) -> VectorFile {
    let path = vectors_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}
