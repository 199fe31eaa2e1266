//! The public Rust API of the published crates, as text, and the semantic-versioning check built on it.
//!
//! Rustdoc describes a crate as JSON (`--output-format json`, unstable: enabled on the stable toolchain with
//! `RUSTC_BOOTSTRAP=1`, as cargo-semver-checks does). This module turns it into one line per public item — every
//! path an item is reachable at, function signatures, fields, variants, trait impls — sorted, so that two
//! snapshots compare line by line. `public-api/<crate>.txt` holds the committed snapshot.
//!
//! What a difference means:
//!
//! - a **removed or changed** line breaks users;
//! - an **added** line is compatible, except the ones marked `(exhaustive)` (a field of a struct users can
//!   build with a literal, a variant of an enum they can match exhaustively) and `(required)` (a trait method
//!   without a default): those break too.
//!
//! The `public-api` suite compares the API with the one recorded at the last release tag (`vX.Y.Z`): a breaking
//! change needs a new major version (a new minor one before 1.0), an addition a new minor one (a new patch one
//! before 1.0); a version that does not follow fails. Before the first tag nothing is promised yet, so the
//! suite only reports the drift from the committed snapshot. `cargo xtask public-api --bless` rewrites the
//! snapshots; `cargo xtask release-check` requires them to be current, so that each tag records its API.
//!
//! The text is a review aid, not a proof: it sees what the signatures say, not behaviour, and generic bounds
//! are compared as written.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::Value;

use crate::cmd::{Failure, StepResult, command, root, run, target_dir};
use crate::metadata::git;
use crate::suites::LIBRARY_CRATES;

mod render;
pub use render::render;

/// Where the committed snapshots live, relative to the workspace root.
const SNAPSHOT_DIR: &str = "public-api";

/// `cargo xtask public-api [--bless]`.
pub fn main(args: &[String]) -> ExitCode {
    let outcome = match args {
        [] => public_api(),
        [flag] if flag == "--bless" => bless(),
        _ => Err(Failure("usage: cargo xtask public-api [--bless]".to_owned())),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}

/// The committed snapshot of `krate`.
fn snapshot_path(krate: &str) -> PathBuf {
    root().join(SNAPSHOT_DIR).join(format!("{krate}.txt"))
}

/// The current public API of `krate`, one line per item, sorted.
pub fn current(krate: &str) -> Result<Vec<String>, Failure> {
    let mut cmd = command("cargo", &["doc", "--no-deps", "--quiet", "-p", krate]);
    cmd.env("RUSTC_BOOTSTRAP", "1")
        .env("RUSTDOCFLAGS", "-Z unstable-options --output-format json");
    run(&mut cmd)?;
    let json_path = target_dir()
        .join("doc")
        .join(format!("{}.json", krate.replace('-', "_")));
    let text = std::fs::read_to_string(&json_path)
        .map_err(|e| Failure(format!("rustdoc wrote no {}: {e}", json_path.display())))?;
    let doc: Value =
        serde_json::from_str(&text).map_err(|e| Failure(format!("{} is not JSON: {e}", json_path.display())))?;
    Ok(render(&doc))
}

/// The header of a snapshot file: what it is and how it is made (no version: it would change every line's file).
fn header(krate: &str) -> String {
    format!("# The public API of {krate}: `cargo xtask public-api --bless` writes this file; do not edit it.\n")
}

/// The lines of a snapshot file, without its header.
fn parse_snapshot(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `--bless`: writes every snapshot.
fn bless() -> StepResult {
    std::fs::create_dir_all(root().join(SNAPSHOT_DIR))
        .map_err(|e| Failure(format!("cannot create {SNAPSHOT_DIR}/: {e}")))?;
    for krate in LIBRARY_CRATES {
        let lines = current(krate)?;
        let text = format!("{}{}\n", header(krate), lines.join("\n"));
        let path = snapshot_path(krate);
        std::fs::write(&path, text).map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
        eprintln!("wrote {SNAPSHOT_DIR}/{krate}.txt ({} items)", lines.len());
    }
    Ok(())
}

/// The `public-api` suite: the version follows the API's changes since the last release.
pub fn public_api() -> StepResult {
    let version = crate::version::workspace_version()?;
    let baseline = last_release_tag(&version);
    let mut needed = Bump::None;
    for krate in LIBRARY_CRATES {
        let now = current(krate)?;
        let committed = std::fs::read_to_string(snapshot_path(krate))
            .map(|text| parse_snapshot(&text))
            .ok();
        match &committed {
            Some(lines) => {
                let diff = Diff::between(lines, &now);
                eprintln!(
                    "{krate}: {} items; since the committed snapshot: {}",
                    now.len(),
                    diff.summary()
                );
            }
            None => eprintln!(
                "{krate}: {} items; no committed snapshot ({SNAPSHOT_DIR}/{krate}.txt)",
                now.len()
            ),
        }
        if let Some(tag) = &baseline {
            let Some(released) = git_show(tag, &format!("{SNAPSHOT_DIR}/{krate}.txt")) else {
                eprintln!("  {tag} has no snapshot of {krate}: new since then");
                needed = needed.max(Bump::Additive);
                continue;
            };
            let diff = Diff::between(&parse_snapshot(&released), &now);
            eprintln!("  since {tag}: {}", diff.summary());
            for line in diff.breaking.iter().take(20) {
                eprintln!("    breaking: {line}");
            }
            needed = needed.max(diff.bump());
        }
    }
    let Some(tag) = baseline else {
        eprintln!("no release tag yet: nothing is promised before the first release, which records the baseline");
        return Ok(());
    };
    let released = tag.trim_start_matches('v');
    match bump_between(released, &version) {
        Some(actual) if actual >= required(needed, released) => Ok(()),
        Some(_) => Err(Failure(format!(
            "the public API changed since {tag} ({needed:?}) but the version is {version}; \
             `cargo xtask version --set X.Y.Z` with the bump that change needs"
        ))),
        None => Err(Failure(format!(
            "version {version} is not after the last release {tag}"
        ))),
    }
}

/// Whether every committed snapshot matches the current API (release-check requires it).
pub fn snapshots_current() -> StepResult {
    let mut stale = Vec::new();
    for krate in LIBRARY_CRATES {
        let committed = std::fs::read_to_string(snapshot_path(krate))
            .map(|text| parse_snapshot(&text))
            .unwrap_or_default();
        let diff = Diff::between(&committed, &current(krate)?);
        if !diff.is_empty() {
            stale.push(format!("{krate} ({})", diff.summary()));
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(Failure(format!(
            "the committed public API differs from the code for {}: review with `cargo xtask public-api`, then \
             `cargo xtask public-api --bless` and commit, so that the release tag records its API",
            stale.join(", ")
        )))
    }
}

/// A semantic-version bump, smallest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Only compatible additions.
    Additive,
    /// Something users rely on changed or went away.
    Breaking,
}

/// The version part a change of kind `change` needs from `released`: before 1.0 Cargo treats the minor
/// version as the major one.
fn required(change: Bump, released: &str) -> u8 {
    let pre_one = released.starts_with("0.");
    match change {
        Bump::None => 0,
        Bump::Additive if pre_one => 1,
        Bump::Additive | Bump::Breaking if pre_one => 2,
        Bump::Additive => 2,
        Bump::Breaking => 3,
    }
}

/// Which part went up from `old` to `new`: 3 major, 2 minor, 1 patch (or pre-release), 0 none; `None` when
/// `new` is not after `old`.
fn bump_between(old: &str, new: &str) -> Option<u8> {
    let parse = |v: &str| -> Option<(u64, u64, u64, bool)> {
        let (core, pre) = v.split_once('-').map_or((v, false), |(c, _)| (c, true));
        let mut parts = core.split('.').map(str::parse::<u64>);
        Some((parts.next()?.ok()?, parts.next()?.ok()?, parts.next()?.ok()?, pre))
    };
    let (a, b) = (parse(old)?, parse(new)?);
    let part = if b.0 != a.0 {
        3
    } else if b.1 != a.1 {
        2
    } else if b.2 != a.2 || a.3 != b.3 {
        1
    } else {
        0
    };
    ((b.0, b.1, b.2) >= (a.0, a.1, a.2)).then_some(part)
}

/// The newest `vX.Y.Z` tag that is not after `version`, if any.
fn last_release_tag(version: &str) -> Option<String> {
    let tags = git(&["tag", "--list", "v*"])?;
    let key = |v: &str| -> Option<(u64, u64, u64)> {
        let core = v.split('-').next()?;
        let mut parts = core.split('.').map(str::parse::<u64>);
        Some((parts.next()?.ok()?, parts.next()?.ok()?, parts.next()?.ok()?))
    };
    let ours = key(version)?;
    tags.lines()
        .filter_map(|tag| key(tag.trim_start_matches('v')).map(|k| (k, tag.to_owned())))
        .filter(|(k, _)| *k <= ours)
        .max()
        .map(|(_, tag)| tag)
}

/// `git show <rev>:<path>`, if that file exists at that revision.
fn git_show(rev: &str, path: &str) -> Option<String> {
    git(&["show", &format!("{rev}:{path}")])
}

/// The difference between two snapshots.
#[derive(Debug, Default)]
pub struct Diff {
    /// Lines whose change breaks users.
    pub breaking: Vec<String>,
    /// Lines added compatibly.
    pub added: Vec<String>,
}

impl Diff {
    /// Compares `old` with `new`.
    pub fn between(old: &[String], new: &[String]) -> Diff {
        let (old, new): (BTreeSet<&String>, BTreeSet<&String>) = (old.iter().collect(), new.iter().collect());
        let mut diff = Diff::default();
        for line in old.difference(&new) {
            diff.breaking.push(format!("- {line}"));
        }
        for line in new.difference(&old) {
            if line.ends_with("(exhaustive)") || line.ends_with("(required)") {
                diff.breaking.push(format!("+ {line}"));
            } else {
                diff.added.push(format!("+ {line}"));
            }
        }
        diff
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.breaking.is_empty() && self.added.is_empty()
    }

    /// The bump the difference needs.
    pub fn bump(&self) -> Bump {
        if !self.breaking.is_empty() {
            Bump::Breaking
        } else if !self.added.is_empty() {
            Bump::Additive
        } else {
            Bump::None
        }
    }

    /// "3 breaking, 5 added" or "unchanged".
    pub fn summary(&self) -> String {
        if self.is_empty() {
            "unchanged".to_owned()
        } else {
            format!("{} breaking, {} added", self.breaking.len(), self.added.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Bump, Diff, bump_between, required};

    fn lines(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn removals_and_exhaustive_additions_break_other_additions_do_not() {
        let old = lines(&["pub fn a::f()", "pub enum a::E", "pub variant a::E::X (exhaustive)"]);
        let added = lines(&[
            "pub fn a::f()",
            "pub fn a::g()",
            "pub enum a::E",
            "pub variant a::E::X (exhaustive)",
        ]);
        assert_eq!(Diff::between(&old, &added).bump(), Bump::Additive);
        let variant = lines(&[
            "pub fn a::f()",
            "pub enum a::E",
            "pub variant a::E::X (exhaustive)",
            "pub variant a::E::Y (exhaustive)",
        ]);
        assert_eq!(Diff::between(&old, &variant).bump(), Bump::Breaking);
        let removed = lines(&["pub enum a::E", "pub variant a::E::X (exhaustive)"]);
        assert_eq!(Diff::between(&old, &removed).bump(), Bump::Breaking);
        assert_eq!(Diff::between(&old, &old).bump(), Bump::None);
    }

    #[test]
    fn the_bump_needed_follows_cargo_semver() {
        assert_eq!(required(Bump::Breaking, "0.1.0"), 2, "0.x: minor is major");
        assert_eq!(required(Bump::Additive, "0.1.0"), 1);
        assert_eq!(required(Bump::Breaking, "1.2.0"), 3);
        assert_eq!(required(Bump::Additive, "1.2.0"), 2);
        assert_eq!(required(Bump::None, "1.2.0"), 0);
        assert_eq!(bump_between("0.1.0", "0.2.0"), Some(2));
        assert_eq!(bump_between("0.1.0", "0.1.1"), Some(1));
        assert_eq!(bump_between("0.1.0", "1.0.0"), Some(3));
        assert_eq!(bump_between("0.1.0", "0.1.0"), Some(0));
        assert_eq!(bump_between("0.2.0", "0.1.9"), None);
    }
}
