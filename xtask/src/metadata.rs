//! What the release checks read about the workspace: `cargo metadata` and the root manifest.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::cmd::{Failure, root};

/// The root `Cargo.toml`, parsed.
pub fn root_manifest() -> Result<toml::Table, Failure> {
    let path = root().join("Cargo.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    text.parse()
        .map_err(|e| Failure(format!("{} is not valid TOML: {e}", path.display())))
}

/// A string of the root manifest's `[workspace.package]`: the one place for `version` and `rust-version`.
pub fn workspace_package_field(manifest: &toml::Table, key: &str) -> Result<String, Failure> {
    manifest
        .get("workspace")
        .and_then(|w| w.get("package"))
        .and_then(|p| p.get(key))
        .and_then(toml::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| Failure(format!("the root Cargo.toml has no [workspace.package] {key}")))
}

/// `cargo metadata` of the whole workspace with every feature enabled, as JSON.
pub fn cargo_metadata() -> Result<Value, Failure> {
    let output = Command::new("cargo")
        .args(["metadata", "--format-version", "1", "--all-features"])
        .current_dir(root())
        .output()
        .map_err(|e| Failure(format!("`cargo metadata` could not start: {e}")))?;
    if !output.status.success() {
        return Err(Failure(format!(
            "`cargo metadata` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| Failure(format!("`cargo metadata` printed bad JSON: {e}")))
}

/// The workspace members, in `cargo metadata`'s order.
pub fn members(metadata: &Value) -> Vec<&Value> {
    let ids: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .map(|ids| ids.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    packages(metadata)
        .filter(|package| package["id"].as_str().is_some_and(|id| ids.contains(&id)))
        .collect()
}

/// Every package of the resolved graph.
pub fn packages(metadata: &Value) -> impl Iterator<Item = &Value> {
    metadata["packages"].as_array().into_iter().flatten()
}

/// Whether a package may be published to crates.io (`publish = false` gives an empty registry list).
pub fn is_published(package: &Value) -> bool {
    !package["publish"].as_array().is_some_and(Vec::is_empty)
}

/// A string field of a package, or `""`.
pub fn field<'a>(package: &'a Value, key: &str) -> &'a str {
    package[key].as_str().unwrap_or("")
}

/// `path` shown relative to the workspace root when it is inside it.
pub fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(root()).unwrap_or(path).to_path_buf()
}

/// The output of a git command in the workspace root, or `None` when it fails.
pub fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).current_dir(root()).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}
