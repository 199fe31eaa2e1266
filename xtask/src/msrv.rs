//! The `msrv` suite: the minimum supported Rust version stated in the root `Cargo.toml` is one users can rely on.
//!
//! Building with that toolchain is the complete check, but CI machines cannot install a second toolchain. What
//! runs everywhere instead:
//!
//! - every published crate inherits the workspace `rust-version`;
//! - every crate those crates need to build (normal and build dependencies, all features, every target) declares
//!   a `rust-version` no newer than ours; a crate that declares none is listed, since it promises nothing;
//! - what only contributors build (dev-dependencies, bindgen, benches, xtask) may need a newer Rust: that is
//!   reported, not refused;
//! - clippy's `incompatible_msrv` lint (in the `clippy` suite) rejects standard-library items newer than it.
//!
//! Language features newer than the MSRV are not seen by these checks: `cargo xtask release-check` builds the
//! library crates with the MSRV toolchain when rustup has it and otherwise tells the maintainer to.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::cmd::{Failure, StepResult};
use crate::metadata::{self, field, is_published};

/// A Rust version as `(major, minor, patch)`; `"1.85"` is `(1, 85, 0)`.
pub type RustVersion = (u64, u64, u64);

/// Parses `"1.85"` or `"1.85.0"`.
pub fn parse_rust_version(text: &str) -> Option<RustVersion> {
    let mut parts = text.trim().split('.').map(str::parse::<u64>);
    let major = parts.next()?.ok()?;
    let minor = parts.next().unwrap_or(Ok(0)).ok()?;
    let patch = parts.next().unwrap_or(Ok(0)).ok()?;
    parts.next().is_none().then_some((major, minor, patch))
}

/// `"1.86.0"` and `"1.86"` both shown as `1.86`.
fn display_version(text: &str) -> String {
    match parse_rust_version(text) {
        Some((major, minor, 0)) => format!("{major}.{minor}"),
        Some((major, minor, patch)) => format!("{major}.{minor}.{patch}"),
        None => text.to_owned(),
    }
}

/// The workspace MSRV, from `[workspace.package] rust-version`.
pub fn workspace_msrv() -> Result<String, Failure> {
    metadata::workspace_package_field(&metadata::root_manifest()?, "rust-version")
}

/// The suite.
pub fn msrv() -> StepResult {
    let stated = workspace_msrv()?;
    let msrv = parse_rust_version(&stated).ok_or_else(|| {
        Failure(format!(
            "[workspace.package] rust-version `{stated}` is not a Rust version"
        ))
    })?;
    let metadata = metadata::cargo_metadata()?;
    let report = audit(&metadata, msrv);
    eprintln!(
        "msrv: Rust {stated}; {} crates in the published crates' build graph, {} without a rust-version",
        report.checked,
        report.undeclared.len()
    );
    if !report.undeclared.is_empty() {
        eprintln!("  no rust-version declared: {}", report.undeclared.join(", "));
    }
    for (tool_need, crates) in &report.tools_need {
        eprintln!(
            "  contributors' builds (tests, tools) need Rust {tool_need} for: {}",
            crates.join(", ")
        );
    }
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(Failure(format!(
            "the stated MSRV {stated} does not hold:\n  {}",
            report.problems.join("\n  ")
        )))
    }
}

/// What [`audit`] found.
#[derive(Debug, Default)]
pub struct Report {
    /// Registry crates checked.
    pub checked: usize,
    /// Violations: a published crate without the workspace MSRV, or a dependency needing a newer Rust.
    pub problems: Vec<String>,
    /// Dependencies of the published crates that declare no `rust-version`.
    pub undeclared: Vec<String>,
    /// Rust versions above the MSRV needed only by contributors' builds (dev-dependencies, unpublished members),
    /// with the crates needing them.
    pub tools_need: BTreeMap<String, Vec<String>>,
}

/// Checks the resolved graph of `metadata` against `msrv`.
pub fn audit(metadata: &Value, msrv: RustVersion) -> Report {
    let mut report = Report::default();
    let members = metadata::members(metadata);
    let published: Vec<&str> = members
        .iter()
        .filter(|p| is_published(p))
        .map(|p| field(p, "id"))
        .collect();
    let member_ids: BTreeSet<&str> = members.iter().map(|p| field(p, "id")).collect();
    let by_id: BTreeMap<&str, &Value> = metadata::packages(metadata).map(|p| (field(p, "id"), p)).collect();

    for id in &published {
        let Some(package) = by_id.get(id) else { continue };
        let declared = field(package, "rust_version");
        if parse_rust_version(declared) != Some(msrv) {
            report.problems.push(format!(
                "{} declares rust-version `{declared}`; published crates inherit the workspace's \
                 (`rust-version.workspace = true`)",
                field(package, "name")
            ));
        }
    }

    let needed = reachable(metadata, &published, false);
    for id in needed.iter().filter(|id| !member_ids.contains(*id)) {
        let Some(package) = by_id.get(id) else { continue };
        report.checked += 1;
        let label = format!("{} {}", field(package, "name"), field(package, "version"));
        match parse_rust_version(field(package, "rust_version")) {
            None => report.undeclared.push(label),
            Some(needs) if needs > msrv => report.problems.push(format!(
                "{label} needs Rust {} (a dependency of a published crate); raise the MSRV or pin an older version",
                field(package, "rust_version")
            )),
            Some(_) => {}
        }
    }

    let all: Vec<&str> = member_ids.iter().copied().collect();
    let tools = reachable(metadata, &all, true);
    for id in tools
        .iter()
        .filter(|id| !needed.contains(*id) && !member_ids.contains(*id))
    {
        let Some(package) = by_id.get(id) else { continue };
        let declared = field(package, "rust_version");
        if parse_rust_version(declared).is_some_and(|needs| needs > msrv) {
            report
                .tools_need
                .entry(display_version(declared))
                .or_default()
                .push(field(package, "name").to_owned());
        }
    }
    report
}

/// The package ids reachable from `roots` in the resolve graph: normal and build edges, and dev edges of the
/// roots themselves when `with_dev` (a dev-dependency is built for the root's tests, never for its users).
fn reachable<'m>(metadata: &'m Value, roots: &[&'m str], with_dev: bool) -> BTreeSet<&'m str> {
    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|node| (field(node, "id"), node))
        .collect();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut stack: Vec<&str> = roots
        .iter()
        .filter_map(|id| nodes.get_key_value(id).map(|(key, _)| *key))
        .collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Some(node) = nodes.get(id) else { continue };
        let follow_dev = with_dev && roots.contains(&id);
        for dep in node["deps"].as_array().into_iter().flatten() {
            let counts =
                dep["dep_kinds"].as_array().into_iter().flatten().any(|kind| {
                    kind["kind"].is_null() || kind["kind"] == "build" || (follow_dev && kind["kind"] == "dev")
                });
            if counts {
                stack.push(field(dep, "pkg"));
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{audit, parse_rust_version};

    #[test]
    fn rust_versions_parse_with_an_implied_patch() {
        assert_eq!(parse_rust_version("1.85"), Some((1, 85, 0)));
        assert_eq!(parse_rust_version("1.85.1"), Some((1, 85, 1)));
        assert_eq!(parse_rust_version("2"), Some((2, 0, 0)));
        assert!(parse_rust_version("1.88") > parse_rust_version("1.85.9"));
        for bad in ["", "1.x", "1.85.0.1", "stable"] {
            assert_eq!(parse_rust_version(bad), None, "{bad}");
        }
    }

    fn package(id: &str, rust_version: Option<&str>, published: bool) -> serde_json::Value {
        json!({
            "id": id, "name": id, "version": "1.0.0", "rust_version": rust_version,
            "publish": if published { serde_json::Value::Null } else { json!([]) },
        })
    }

    fn edge(pkg: &str, kind: Option<&str>) -> serde_json::Value {
        json!({ "pkg": pkg, "dep_kinds": [{ "kind": kind, "target": null }] })
    }

    /// lib (published) -> fine, newer (normal), undeclared; lib -dev-> devonly; tool (unpublished) -> toolonly.
    fn graph(lib_msrv: &str) -> serde_json::Value {
        json!({
            "workspace_members": ["lib", "tool"],
            "packages": [
                package("lib", Some(lib_msrv), true),
                package("tool", Some("1.85"), false),
                package("fine", Some("1.80"), true),
                package("newer", Some("1.88"), true),
                package("undeclared", None, true),
                package("devonly", Some("1.90"), true),
                package("toolonly", Some("1.91"), true),
            ],
            "resolve": { "nodes": [
                { "id": "lib", "deps": [
                    edge("fine", None), edge("newer", Some("build")), edge("undeclared", None),
                    edge("devonly", Some("dev")),
                ] },
                { "id": "tool", "deps": [edge("toolonly", None), edge("lib", None)] },
                { "id": "fine", "deps": [] }, { "id": "newer", "deps": [] }, { "id": "undeclared", "deps": [] },
                { "id": "devonly", "deps": [] }, { "id": "toolonly", "deps": [] },
            ] },
        })
    }

    #[test]
    fn a_dependency_newer_than_the_msrv_is_a_problem_and_dev_dependencies_do_not_count() {
        let report = audit(&graph("1.85"), (1, 85, 0));
        assert_eq!(report.checked, 3);
        assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
        assert!(report.problems[0].starts_with("newer 1.0.0 needs Rust 1.88"));
        assert_eq!(report.undeclared, ["undeclared 1.0.0"]);
        assert_eq!(
            report.tools_need.get("1.90").map(Vec::as_slice),
            Some(&["devonly".to_owned()][..])
        );
        assert_eq!(
            report.tools_need.get("1.91").map(Vec::as_slice),
            Some(&["toolonly".to_owned()][..])
        );
    }

    #[test]
    fn a_high_enough_msrv_passes_and_a_published_crate_must_inherit_it() {
        assert!(audit(&graph("1.88"), (1, 88, 0)).problems.is_empty());
        let drifted = audit(&graph("1.85"), (1, 88, 0));
        assert_eq!(drifted.problems.len(), 1);
        assert!(drifted.problems[0].starts_with("lib declares rust-version `1.85`"));
    }
}
