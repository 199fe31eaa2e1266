//! The UniFFI suites: generated bindings kept in sync with the library, then Kotlin (JUnit 5 on the desktop JVM)
//! and Python (pytest) run against the host build of `libcesizen_uniffi`.
//!
//! The bindings are generated in library mode (`--metadata-no-deps --no-format`) from the debug cdylib by the
//! pinned `uniffi-bindgen` of `bindings/uniffi-bindgen`, and committed. `uniffi-generate` regenerates them into a
//! temporary directory and fails when the committed files differ (drift); with `UNIFFI_UPDATE=1` it writes them
//! instead. Swift cannot be compiled on Linux, so its generated sources are checked here and nowhere else.

use std::path::{Path, PathBuf};

use crate::cmd::{Failure, StepResult, command, root, run, run_in_root};

/// The UniFFI crate and its library file name on this host.
const CRATE: &str = "cesizen-uniffi";
const BINDGEN_CRATE: &str = "cesizen-uniffi-bindgen";

/// Set to `1` to rewrite the committed bindings instead of checking them.
const UPDATE_VAR: &str = "UNIFFI_UPDATE";

/// One generated file: where the generator writes it (relative to its output directory) and where it is
/// committed (relative to the workspace root).
struct Generated {
    produced: &'static str,
    committed: &'static str,
}

const KOTLIN: &[Generated] = &[Generated {
    produced: "org/cesizen/sdk/cesizen.kt",
    committed: "bindings/uniffi/kotlin/src/main/kotlin/org/cesizen/sdk/cesizen.kt",
}];

const PYTHON: &[Generated] = &[Generated {
    produced: "cesizen.py",
    committed: "bindings/uniffi/python/cesizen/cesizen.py",
}];

const SWIFT: &[Generated] = &[
    Generated {
        produced: "Cesizen.swift",
        committed: "bindings/uniffi/swift/Sources/Cesizen/Cesizen.swift",
    },
    Generated {
        produced: "CesizenFFI.h",
        committed: "bindings/uniffi/swift/Headers/CesizenFFI.h",
    },
    Generated {
        produced: "module.modulemap",
        committed: "bindings/uniffi/swift/Headers/module.modulemap",
    },
];

/// The cargo target directory (`CARGO_TARGET_DIR` or `target/` at the root).
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() { dir } else { root().join(dir) }
        }
        None => root().join("target"),
    }
}

/// The directory holding the debug host build of the library.
fn library_dir() -> PathBuf {
    target_dir().join("debug")
}

/// The host's file name of the cdylib.
fn library_file() -> PathBuf {
    let name = if cfg!(target_os = "macos") {
        "libcesizen_uniffi.dylib"
    } else if cfg!(windows) {
        "cesizen_uniffi.dll"
    } else {
        "libcesizen_uniffi.so"
    };
    library_dir().join(name)
}

/// Builds the debug cdylib: tests need no optimisation and CI time is small. With the `test-vectors` feature, so
/// that the runners reproduce the pinned vectors' fixed-nonce seals (see `bindings/uniffi/src/test_vectors.rs`:
/// the exported surface, hence the generated bindings, is the same with or without it).
fn build_library() -> StepResult {
    run_in_root("cargo", &["build", "-p", CRATE, "--features", "test-vectors"])
}

/// Runs one of the pinned generators (`uniffi-bindgen` or `uniffi-bindgen-swift`).
///
/// On a developer's machine the generator is built in a target directory of its own, so that its heavy
/// dependencies (clap, askama, goblin) are not rebuilt each time other builds of the workspace (with other
/// features or flags) replace shared artifacts. CI (`CI` set) runs one build after another and shares the
/// workspace's target directory, where `cargo test --workspace` has already built it.
fn bindgen(bin: &str, args: &[&str]) -> StepResult {
    let mut all = vec!["run", "-q", "-p", BINDGEN_CRATE, "--bin", bin, "--"];
    all.extend_from_slice(args);
    let mut cmd = command("cargo", &all);
    if std::env::var_os("CI").is_none() {
        cmd.env("CARGO_TARGET_DIR", target_dir().join("uniffi-bindgen"));
    }
    run(&mut cmd)
}

/// Generates the three languages from the built library into `out` (one sub-directory per language).
fn generate_into(out: &Path) -> StepResult {
    let library = library_file();
    let library = library
        .to_str()
        .ok_or_else(|| Failure("library path is not UTF-8".into()))?;
    for language in ["kotlin", "python"] {
        let dir = out.join(language);
        let dir = dir
            .to_str()
            .ok_or_else(|| Failure("temporary path is not UTF-8".into()))?;
        bindgen(
            "uniffi-bindgen",
            &[
                "generate",
                "--language",
                language,
                "--out-dir",
                dir,
                "--metadata-no-deps",
                "--no-format",
                library,
            ],
        )?;
    }
    let swift = out.join("swift");
    let swift = swift
        .to_str()
        .ok_or_else(|| Failure("temporary path is not UTF-8".into()))?;
    bindgen(
        "uniffi-bindgen-swift",
        &[
            "--swift-sources",
            "--headers",
            "--modulemap",
            "--module-name",
            "CesizenFFI",
            "--modulemap-filename",
            "module.modulemap",
            "--metadata-no-deps",
            library,
            swift,
        ],
    )
}

/// `uniffi-generate`: regenerate, then compare with (or, with `UNIFFI_UPDATE=1`, write) the committed files.
pub fn generate() -> StepResult {
    build_library()?;
    let out = std::env::temp_dir().join(format!("cesizen-uniffi-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let outcome = generate_into(&out).and_then(|()| compare_or_update(&out));
    let _ = std::fs::remove_dir_all(&out);
    outcome.and_then(|()| marked_generated())
}

/// Every generated binding file is marked `linguist-generated` in `.gitattributes`, so that reviews and line
/// counts show the hand-written code; a file added to the lists above and not marked there fails the suite.
fn marked_generated() -> StepResult {
    let files: Vec<&str> = [KOTLIN, PYTHON, SWIFT]
        .iter()
        .flat_map(|files| files.iter().map(|f| f.committed))
        .collect();
    let mut args = vec!["check-attr", "linguist-generated", "--"];
    args.extend(&files);
    let output = command("git", &args)
        .output()
        .map_err(|e| Failure(format!("running git check-attr: {e}")))?;
    if !output.status.success() {
        eprintln!("not a git checkout: the linguist-generated marks are not checked");
        return Ok(());
    }
    let report = String::from_utf8_lossy(&output.stdout);
    let unmarked: Vec<&str> = report
        .lines()
        .filter(|line| !line.ends_with(": set"))
        .filter_map(|line| line.split(": ").next())
        .collect();
    if unmarked.is_empty() {
        return Ok(());
    }
    Err(Failure(format!(
        "generated file(s) not marked linguist-generated in .gitattributes: {}",
        unmarked.join(", ")
    )))
}

fn compare_or_update(out: &Path) -> StepResult {
    let update = std::env::var(UPDATE_VAR).is_ok_and(|v| v == "1");
    let mut drifted = Vec::new();
    for (language, files) in [("kotlin", KOTLIN), ("python", PYTHON), ("swift", SWIFT)] {
        for file in files {
            let produced_path = out.join(language).join(file.produced);
            let produced = std::fs::read(&produced_path)
                .map_err(|e| Failure(format!("the generator wrote no {}: {e}", produced_path.display())))?;
            let committed_path = root().join(file.committed);
            let committed = std::fs::read(&committed_path).unwrap_or_default();
            if produced == committed {
                continue;
            }
            if update {
                if let Some(parent) = committed_path.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| Failure(format!("creating {}: {e}", parent.display())))?;
                }
                std::fs::write(&committed_path, &produced)
                    .map_err(|e| Failure(format!("writing {}: {e}", committed_path.display())))?;
                eprintln!("updated {}", file.committed);
            } else {
                drifted.push(file.committed);
            }
        }
    }
    if drifted.is_empty() {
        if !update {
            eprintln!("generated Kotlin, Python and Swift bindings match the committed files");
        }
        return Ok(());
    }
    for file in &drifted {
        eprintln!("drift: {file} differs from what the library generates");
    }
    Err(Failure(format!(
        "{} generated binding file(s) drifted; run `{UPDATE_VAR}=1 cargo xtask test --only uniffi-generate` and commit",
        drifted.len()
    )))
}

/// `kotlin`: JUnit 5 tests of the generated Kotlin on the desktop JVM, loading the host library through JNA.
pub fn kotlin() -> StepResult {
    build_library()?;
    let lib_dir = format!("-Dcesizen.lib.dir={}", library_dir().display());
    run_in_root(
        "mvn",
        &[
            "--batch-mode",
            "--no-transfer-progress",
            "-f",
            "bindings/uniffi/kotlin/pom.xml",
            "test",
            &lib_dir,
        ],
    )
}

/// `python`: pytest over the generated Python module and the host library.
pub fn python() -> StepResult {
    build_library()?;
    let mut cmd = command("python3", &["-m", "pytest", "bindings/uniffi/python/tests", "-q"]);
    cmd.env("CESIZEN_UNIFFI_LIB", library_file());
    run(&mut cmd)
}
