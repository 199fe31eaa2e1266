//! The UniFFI suites' shared part: the host build of `libcesizen_uniffi` and the generated Kotlin and Swift
//! bindings kept in sync with it (the Python module is generated into the wheel by maturin: `python.rs`).
//!
//! The bindings are generated in library mode (`--metadata-no-deps --no-format`) from the debug cdylib by the
//! pinned `uniffi-bindgen` (the bins of `cesizen-uniffi`, feature `bindgen`), and committed. `uniffi-generate`
//! regenerates them into a temporary directory and fails when the committed files differ (drift); with
//! `UNIFFI_UPDATE=1` it writes them instead. Swift cannot be compiled on Linux, so its generated sources are
//! checked here and nowhere else.

use std::path::{Path, PathBuf};

use crate::cmd::{Failure, StepResult, command, root, run_in_root, target_dir};

/// The UniFFI crate and its library file name on this host.
const CRATE: &str = "cesizen-uniffi";

/// Set to `1` to rewrite the committed bindings instead of checking them.
const UPDATE_VAR: &str = "UNIFFI_UPDATE";

/// One generated file: where the generator writes it (relative to its output directory) and where it is
/// committed (relative to the workspace root).
struct Generated {
    produced: &'static str,
    committed: &'static str,
}

/// One file per UniFFI namespace: `cesizen` (the entry points of `cesizen-uniffi`) and each domain crate whose
/// types derive their records behind its `uniffi` feature (package from that crate's `uniffi.toml`).
const KOTLIN: &[Generated] = &[
    Generated {
        produced: "org/cesizen/sdk/cesizen.kt",
        committed: "bindings/uniffi/kotlin/src/main/kotlin/org/cesizen/sdk/cesizen.kt",
    },
    Generated {
        produced: "org/cesizen/sdk/core/cesizen_core.kt",
        committed: "bindings/uniffi/kotlin/src/main/kotlin/org/cesizen/sdk/core/cesizen_core.kt",
    },
    Generated {
        produced: "org/cesizen/sdk/gdpr/cesizen_gdpr.kt",
        committed: "bindings/uniffi/kotlin/src/main/kotlin/org/cesizen/sdk/gdpr/cesizen_gdpr.kt",
    },
    Generated {
        produced: "org/cesizen/sdk/sla/cesizen_sla.kt",
        committed: "bindings/uniffi/kotlin/src/main/kotlin/org/cesizen/sdk/sla/cesizen_sla.kt",
    },
];

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
        produced: "cesizen_core.swift",
        committed: "bindings/uniffi/swift/Sources/Cesizen/cesizen_core.swift",
    },
    Generated {
        produced: "cesizen_coreFFI.h",
        committed: "bindings/uniffi/swift/Headers/cesizen_coreFFI.h",
    },
    Generated {
        produced: "cesizen_gdpr.swift",
        committed: "bindings/uniffi/swift/Sources/Cesizen/cesizen_gdpr.swift",
    },
    Generated {
        produced: "cesizen_gdprFFI.h",
        committed: "bindings/uniffi/swift/Headers/cesizen_gdprFFI.h",
    },
    Generated {
        produced: "cesizen_sla.swift",
        committed: "bindings/uniffi/swift/Sources/Cesizen/cesizen_sla.swift",
    },
    Generated {
        produced: "cesizen_slaFFI.h",
        committed: "bindings/uniffi/swift/Headers/cesizen_slaFFI.h",
    },
    Generated {
        produced: "module.modulemap",
        committed: "bindings/uniffi/swift/Headers/module.modulemap",
    },
];

/// The directory holding the debug host build of the library.
pub fn library_dir() -> PathBuf {
    target_dir().join("debug")
}

/// The host build of the cdylib.
pub fn library_file() -> PathBuf {
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
pub fn build_library() -> StepResult {
    run_in_root("cargo", &["build", "-p", CRATE, "--features", "test-vectors"])
}

/// Runs one of the pinned generators (`uniffi-bindgen` or `uniffi-bindgen-swift`), built in the workspace's
/// target directory, where maturin's build of the Python wheel finds it built too.
fn bindgen(bin: &str, args: &[&str]) -> StepResult {
    let mut all = vec!["run", "-q", "-p", CRATE, "--features", "bindgen", "--bin", bin, "--"];
    all.extend_from_slice(args);
    run_in_root("cargo", &all)
}

/// Generates Kotlin and Swift from the built library into `out` (one sub-directory per language).
fn generate_into(out: &Path) -> StepResult {
    let library = library_file();
    let library = library
        .to_str()
        .ok_or_else(|| Failure("library path is not UTF-8".into()))?;
    let kotlin = out.join("kotlin");
    let kotlin = kotlin
        .to_str()
        .ok_or_else(|| Failure("temporary path is not UTF-8".into()))?;
    bindgen(
        "uniffi-bindgen",
        &[
            "generate",
            "--language",
            "kotlin",
            "--out-dir",
            kotlin,
            "--metadata-no-deps",
            "--no-format",
            library,
        ],
    )?;
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
    let files: Vec<&str> = [KOTLIN, SWIFT]
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
    for (language, files) in [("kotlin", KOTLIN), ("swift", SWIFT)] {
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
            eprintln!("generated Kotlin and Swift bindings match the committed files");
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
