//! What `cargo xtask test` needs beyond Rust, Node, a JDK with Maven and Python: installed by the command
//! itself, so that a bare machine runs every suite with the README's one command (and CI runs only that).
//!
//! Each requirement is checked first and installed only when missing, one line per thing installed, every
//! network step retried three times; nothing happens when everything is there. Only the requirements of the
//! suites selected (`--only`, `--skip`) are checked. Debian packages (Chromium, PostgreSQL, python3-venv, a JDK and
//! Maven, Prometheus and Alertmanager) need root: without it the command says exactly what to run and stops.

use std::path::Path;
use std::process::Command;

use crate::cmd::{Failure, StepResult, command, root, run_retrying};

/// A thing some suites need.
struct Requirement {
    /// What it is, for the line announcing its installation.
    what: &'static str,
    /// The suites that need it.
    suites: &'static [&'static str],
    /// Whether it is already there.
    present: fn() -> bool,
    /// Installs it.
    install: fn() -> StepResult,
}

const WASM_SUITES: &[&str] = &[
    "wasm32",
    "wasm-pkg",
    "wasm-node",
    "wasm-browser",
    "wasm-apps",
    "wasm-types",
    "wasm-size",
    "release",
];

/// The cargo-fuzz release the `fuzz` suite runs.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

const REQUIREMENTS: &[Requirement] = &[
    Requirement {
        what: "rustfmt and clippy (rustup components)",
        suites: &["fmt", "clippy", "crypto-portable"],
        present: || succeeds("cargo", &["fmt", "--version"]) && succeeds("cargo", &["clippy", "--version"]),
        install: || run_retrying(&mut command("rustup", &["component", "add", "rustfmt", "clippy"]), 3),
    },
    Requirement {
        what: "the wasm32-unknown-unknown target (rustup)",
        suites: WASM_SUITES,
        present: || {
            output("rustup", &["target", "list", "--installed"]).is_some_and(|o| o.contains("wasm32-unknown-unknown"))
        },
        install: || run_retrying(&mut command("rustup", &["target", "add", "wasm32-unknown-unknown"]), 3),
    },
    Requirement {
        what: "wasm-bindgen-cli at the version Cargo.lock pins (cargo install, about 2.5 minutes)",
        suites: WASM_SUITES,
        present: || {
            let wanted = wasm_bindgen_version();
            wanted.is_some() && output("wasm-bindgen", &["--version"]) == wanted.map(|v| format!("wasm-bindgen {v}\n"))
        },
        install: || {
            let version = wasm_bindgen_version().ok_or_else(|| Failure("no wasm-bindgen in Cargo.lock".to_owned()))?;
            // Without --locked: the CLI's own lock file does not build on the workspace's toolchain.
            run_retrying(&mut cargo_install(&["wasm-bindgen-cli", "--version", &version]), 3)
        },
    },
    Requirement {
        what: "Chromium (Debian package chromium)",
        suites: &["wasm-browser", "wasm-apps", "test"],
        present: || Path::new("/usr/bin/chromium").exists() || succeeds("chromium", &["--version"]),
        install: || apt(&["chromium"]),
    },
    Requirement {
        what: "a JDK 17 and Maven (Debian packages openjdk-17-jdk-headless, maven)",
        suites: &["kotlin", "release"],
        present: || succeeds("mvn", &["--version"]) && succeeds("javac", &["-version"]),
        install: || apt(&["openjdk-17-jdk-headless", "maven"]),
    },
    Requirement {
        what: "the Kotlin build's Maven plugins and dependencies (mvn dependency:go-offline)",
        suites: &["kotlin", "release"],
        present: || crate::kotlin::maven_repository().join("org/jetbrains/kotlin").is_dir(),
        install: || {
            run_retrying(
                &mut crate::kotlin::maven(&["--quiet", "-f", crate::kotlin::POM, "dependency:go-offline"]),
                3,
            )
        },
    },
    Requirement {
        what: "pytest and cryptography (pip)",
        suites: &["python", "crypto-interop"],
        present: || succeeds("python3", &["-c", "import pytest, cryptography"]),
        install: || {
            run_retrying(
                &mut command(
                    "python3",
                    &["-m", "pip", "install", "--quiet", "pytest", "cryptography"],
                ),
                3,
            )
        },
    },
    Requirement {
        what: "Python's venv module (Debian package python3-venv)",
        suites: &["python"],
        present: || succeeds("python3", &["-c", "import venv, ensurepip"]),
        install: || apt(&["python3-venv"]),
    },
    Requirement {
        what: "maturin and twine (pip, into a virtual environment under the target directory)",
        suites: &["python"],
        present: || succeeds(&tool_path("maturin"), &["--version"]) && succeeds(&tool_path("twine"), &["--version"]),
        install: || {
            crate::python::create_tools_env()?;
            run_retrying(
                &mut command(
                    &tool_path("pip"),
                    &["install", "--quiet", "maturin>=1.9,<2", "twine>=6"],
                ),
                3,
            )
        },
    },
    Requirement {
        what: "PostgreSQL (Debian package postgresql)",
        suites: &["server-postgres"],
        present: || {
            std::fs::read_dir("/usr/lib/postgresql").is_ok_and(|dirs| {
                dirs.filter_map(Result::ok)
                    .any(|d| d.path().join("bin/initdb").exists())
            }) || succeeds("initdb", &["--version"])
        },
        install: || apt(&["postgresql"]),
    },
    Requirement {
        what: "promtool and amtool (Debian packages prometheus, prometheus-alertmanager)",
        suites: &["prometheus"],
        present: || succeeds("promtool", &["--version"]) && succeeds("amtool", &["--version"]),
        install: || apt(&["prometheus", "prometheus-alertmanager"]),
    },
    Requirement {
        what: "the pinned nightly toolchain (rustup, minimal profile): cargo fuzz builds with it",
        suites: &["fuzz"],
        present: || succeeds("rustc", &[&format!("+{}", crate::libfuzzer::NIGHTLY), "--version"]),
        install: || {
            run_retrying(
                &mut command(
                    "rustup",
                    &[
                        "toolchain",
                        "install",
                        crate::libfuzzer::NIGHTLY,
                        "--profile",
                        "minimal",
                    ],
                ),
                3,
            )
        },
    },
    Requirement {
        what: "cargo-fuzz at the version the fuzz suite pins (cargo install --locked, about 2 minutes)",
        suites: &["fuzz"],
        present: || output("cargo", &["fuzz", "--version"]) == Some(format!("cargo-fuzz {CARGO_FUZZ_VERSION}\n")),
        install: || {
            run_retrying(
                &mut cargo_install(&["--locked", "cargo-fuzz", "--version", CARGO_FUZZ_VERSION]),
                3,
            )
        },
    },
    Requirement {
        what: "cargo-deny at the version the policy pins (cargo install --locked, about 3 minutes)",
        suites: &["deny"],
        present: || {
            output("cargo", &["deny", "--version"]) == Some(format!("cargo-deny {}\n", crate::deny::CARGO_DENY_VERSION))
        },
        install: || {
            run_retrying(
                &mut cargo_install(&["--locked", "cargo-deny", "--version", crate::deny::CARGO_DENY_VERSION]),
                3,
            )
        },
    },
];

/// Installs what the suites named in `selected` need and is missing.
pub fn install_missing(selected: &[&str]) -> StepResult {
    for requirement in REQUIREMENTS {
        if !requirement.suites.iter().any(|s| selected.contains(s)) || (requirement.present)() {
            continue;
        }
        eprintln!("setup: installing {}", requirement.what);
        (requirement.install)()?;
        if !(requirement.present)() {
            return Err(Failure(format!(
                "setup: {} is still missing after its installation",
                requirement.what
            )));
        }
    }
    Ok(())
}

/// Whether a RustSec snapshot is there for the `deny` suite (see `deny::snapshot_dir`); without one the suite
/// is skipped with a warning: it has nothing to check against, and no network to fetch one.
pub fn advisory_snapshot() -> bool {
    crate::deny::snapshot_dir().join("crates").is_dir()
}

/// Installs Debian packages, as root; otherwise says the exact command to run and fails.
fn apt(packages: &[&str]) -> StepResult {
    let list = packages.join(" ");
    if !is_root() {
        return Err(Failure(format!(
            "setup needs root to install {list}: run `sudo apt-get update && sudo apt-get install -y \
             --no-install-recommends {list}`, then `cargo xtask test` again"
        )));
    }
    run_retrying(Command::new("apt-get").arg("update").current_dir(root()), 3)?;
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive");
    run_retrying(&mut install, 3)
}

/// `cargo install args…` with a quick release profile: the tools run for seconds on this workspace's small inputs,
/// so their build (most of a fresh machine's set-up: cargo-deny took 8 minutes with its own fat-LTO profile, 2.7 at
/// opt-level 1 without LTO on two cores) matters more than their speed.
fn cargo_install(args: &[&str]) -> Command {
    let mut install = command("cargo", &["install"]);
    install.args(args).envs([
        ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1"),
        ("CARGO_PROFILE_RELEASE_LTO", "false"),
        ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
        ("CARGO_PROFILE_RELEASE_DEBUG", "false"),
        ("CARGO_PROFILE_RELEASE_INCREMENTAL", "false"),
    ]);
    install
}

fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

/// A program of the Python tools' virtual environment, as a string for [`command`].
fn tool_path(name: &str) -> String {
    crate::python::tool(name).to_string_lossy().into_owned()
}

/// Whether `program args…` runs and exits 0 (its output discarded).
fn succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The standard output of `program args…` when it exits 0.
fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The `wasm-bindgen` crate's version in `Cargo.lock`.
fn wasm_bindgen_version() -> Option<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).ok()?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            return lines
                .next()?
                .strip_prefix("version = \"")?
                .strip_suffix('"')
                .map(str::to_owned);
        }
    }
    None
}
