//! `cargo xtask`: the one entry for builds and tests in every language.
//!
//! ```text
//! cargo xtask test                 install what the suites lack, then run every suite, in order
//! cargo xtask test --only wasm32   run the named suites only (repeatable)
//! cargo xtask test --skip clippy   run every suite but the named ones (repeatable)
//! cargo xtask list                 list the suites
//! cargo xtask version              the SDK's version in every manifest (fails on a mismatch)
//! cargo xtask version --set 0.2.0  set it everywhere, from the root Cargo.toml
//! cargo xtask public-api [--bless]  the public Rust API against the last release (or write the snapshots)
//! cargo xtask release-check        every release check, then what the maintainer does next
//! ```

mod cmd;
mod deny;
mod fuzz;
mod kotlin;
mod libfuzzer;
mod metadata;
mod msrv;
mod pom;
mod prometheus;
mod public_api;
mod python;
mod readme;
mod release;
mod server;
mod setup;
mod suites;
mod swift;
mod uniffi;
mod version;
mod wasm;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("test") => test(&args[1..]),
        Some("version") => version::main(&args[1..]),
        Some("release-check") => release::main(&args[1..]),
        Some("public-api") => public_api::main(&args[1..]),
        Some("list") => {
            for suite in suites::ALL {
                println!("{:<12} {}", suite.name, suite.about);
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!(
                "usage: cargo xtask test [--only SUITE]… [--skip SUITE]… | cargo xtask list \
                 | cargo xtask version [--set X.Y.Z] | cargo xtask public-api [--bless] | cargo xtask release-check"
            );
            ExitCode::from(2)
        }
    }
}

fn test(args: &[String]) -> ExitCode {
    let mut only = Vec::new();
    let mut skip = Vec::new();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let target = match flag.as_str() {
            "--only" => &mut only,
            "--skip" => &mut skip,
            other => {
                eprintln!("unknown argument `{other}`; see `cargo xtask` for usage");
                return ExitCode::from(2);
            }
        };
        match it.next() {
            Some(name) if suites::ALL.iter().any(|s| s.name == name) => target.push(name.clone()),
            Some(name) => {
                eprintln!("no suite named `{name}`; `cargo xtask list` shows them");
                return ExitCode::from(2);
            }
            None => {
                eprintln!("`{flag}` needs a suite name");
                return ExitCode::from(2);
            }
        }
    }
    if !setup::advisory_snapshot() && !skip.iter().any(|n| n == "deny") {
        eprintln!(
            "WARNING: no RustSec advisory snapshot (../shared/advisory-db, or CESIZEN_ADVISORY_DB): the deny suite is skipped"
        );
        skip.push("deny".to_owned());
    }
    let selected: Vec<&str> = suites::ALL
        .iter()
        .map(|s| s.name)
        .filter(|name| (only.is_empty() || only.iter().any(|n| n == name)) && !skip.iter().any(|n| n == name))
        .collect();
    // What the selected suites need beyond Rust, Node, a JDK and Python, installed when missing.
    if let Err(failure) = setup::install_missing(&selected) {
        eprintln!("{failure}");
        return ExitCode::FAILURE;
    }
    let mut report = Vec::new();
    for suite in suites::ALL {
        if !selected.contains(&suite.name) {
            continue;
        }
        let (line, passed) = suite.run_reported("xtask");
        report.push(line);
        if !passed {
            eprintln!("\n{}", report.join("\n"));
            return ExitCode::FAILURE;
        }
    }
    eprintln!("\n{}", report.join("\n"));
    ExitCode::SUCCESS
}
