//! Publishable artifacts, tried without publishing, and `cargo xtask release-check`.
//!
//! The `release` suite (run by `cargo xtask test`, so CI tries it on every change) builds what would be
//! published and checks what goes into it:
//!
//! - **crates.io**: `cargo package` of every published crate, with verification (each `.crate` is unpacked and
//!   built on its own, as crates.io users will), and the metadata crates.io shows;
//! - **npm**: `npm pack --dry-run` of `@cesizen/sdk` (built by the `wasm-pkg` suite): the declaration files
//!   are there, nothing that should stay home (source maps, Rust sources, keys, `.env`) is, and the tarball
//!   stays within its size budget;
//! - **Maven**: `mvn package` of the Kotlin bindings with the host library built as it ships (without the
//!   `test-vectors` feature) under JNA's resource path, and a look at the jar and the POM;
//! - **SwiftPM**: `Package.swift`'s binary target against the recorded xcframework (`swift.rs`).
//!
//! `cargo xtask release-check` runs every check a release needs (versions, public API and its committed
//! snapshot, dependency audit, MSRV, the artifacts above, the MSRV build when that toolchain is installed), then
//! prints what a maintainer must do next, in order.

use std::path::Path;
use std::process::{Command, ExitCode};

use serde_json::Value;

use crate::cmd::{Failure, StepResult, command, root, run, run_keeping_tail, run_retrying};
use crate::metadata::{self, field, git, is_published, relative};
use crate::suites::Suite;

/// The npm package's manifest (the package itself is assembled in `bindings/wasm/pkg/`).
const NPM_MANIFEST: &str = "bindings/wasm/js/package.json";

/// The assembled npm package.
const NPM_PACKAGE_DIR: &str = "bindings/wasm/pkg";

/// The recorded sizes of the package's WebAssembly modules, owned by the `wasm-size` suite.
const WASM_SIZE: &str = "bindings/wasm/size.json";

/// What the tarball may add, per module, to the module's bytes: its glue, entries and declarations.
const NPM_GLUE_ALLOWANCE: u64 = 64 * 1024;

/// How many times its gzipped `.wasm` a module weighs in the tarball, in tenths: the `.wasm` itself, and its
/// base64 copy for the Node entry, which gzips to about 1.4 times as much (measured: 1.41 and 1.40).
const NPM_MODULE_WEIGHT_TENTHS: u64 = 24;

/// The Kotlin bindings' POM.
const POM: &str = crate::kotlin::POM;

/// What Maven Central requires of a POM besides coordinates.
const CENTRAL_POM_ELEMENTS: &[&str] = &["name", "description", "url", "licenses", "developers", "scm"];

/// The `release` suite: every artifact that exists is built and inspected.
pub fn artifacts() -> StepResult {
    let mut failures = Vec::new();
    let checks = [
        ("crates", crates as fn() -> StepResult),
        ("npm", npm),
        ("maven", maven),
        ("swift", crate::swift::check),
    ];
    for (what, check) in checks {
        eprintln!("--- release: {what}");
        if let Err(failure) = check() {
            failures.push(format!("{what}: {failure}"));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Failure(failures.join("; ")))
    }
}

/// `cargo package` of every published crate, verified.
fn crates() -> StepResult {
    let metadata = metadata::cargo_metadata()?;
    let published: Vec<&Value> = metadata::members(&metadata)
        .into_iter()
        .filter(|p| is_published(p))
        .collect();
    if published.is_empty() {
        return Err(Failure("no workspace member is publishable".to_owned()));
    }
    let mut missing = Vec::new();
    for package in &published {
        for key in ["description", "license", "repository"] {
            if field(package, key).is_empty() {
                missing.push(format!("{} has no `{key}`", field(package, "name")));
            }
        }
        if package["readme"].is_null() {
            missing.push(format!("{} has no `readme`", field(package, "name")));
        }
        // The licences' texts travel with the code (the MIT licence requires it): links to the root's copies.
        let dir = Path::new(field(package, "manifest_path"))
            .parent()
            .unwrap_or(Path::new("."));
        for text in ["LICENSE-MIT", "LICENSE-APACHE"] {
            if !dir.join(text).is_file() {
                missing.push(format!(
                    "{} has no {text} (link it: `ln -s ../{text}`)",
                    field(package, "name")
                ));
            }
        }
    }
    if !missing.is_empty() {
        return Err(Failure(format!("crates.io metadata: {}", missing.join(", "))));
    }
    // Every dependency is downloaded first, retried, then the crates are packaged and verified offline: verifying
    // five crates otherwise updates the registry index nine times, and one failed request failed the suite.
    run_retrying(&mut command("cargo", &["fetch", "--locked"]), 3)?;
    // `--allow-dirty`: a developer's uncommitted work is packaged as it is; CI packages a clean clone.
    let mut args = vec!["package", "--offline", "--allow-dirty"];
    for package in &published {
        args.extend(["-p", field(package, "name")]);
    }
    run_keeping_tail(&mut command("cargo", &args), 12)
}

/// `npm pack --dry-run` of the wasm package, when the bindings exist.
fn npm() -> StepResult {
    if !root().join(NPM_MANIFEST).is_file() {
        eprintln!("no {NPM_MANIFEST}: no npm package to check yet");
        return Ok(());
    }
    run_suite("wasm-pkg")?;
    let dir = root().join(NPM_PACKAGE_DIR);
    let output = Command::new("npm")
        .args(["pack", "--dry-run", "--json", "--ignore-scripts"])
        .current_dir(&dir)
        .output()
        .map_err(|e| Failure(format!("`npm pack` could not start in {}: {e}", dir.display())))?;
    if !output.status.success() {
        return Err(Failure(format!(
            "`npm pack --dry-run` failed in {NPM_PACKAGE_DIR}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    let packed: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| Failure(format!("`npm pack --json` printed bad JSON: {e}")))?;
    let manifest = std::fs::read_to_string(dir.join("package.json"))
        .map_err(|e| Failure(format!("cannot read {NPM_PACKAGE_DIR}/package.json: {e}")))?;
    let manifest: Value =
        serde_json::from_str(&manifest).map_err(|e| Failure(format!("{NPM_PACKAGE_DIR}/package.json: {e}")))?;
    let version = crate::version::workspace_version()?;
    let tarball = &packed[0];
    let budget = NpmBudget::read();
    let problems = npm_problems(tarball, &manifest, &version, &budget);
    eprintln!(
        "npm: {} {} — {} files, {} bytes packed, {} unpacked",
        field(tarball, "name"),
        field(tarball, "version"),
        tarball["entryCount"],
        tarball["size"],
        tarball["unpackedSize"]
    );
    for note in npm_notes(tarball, &budget) {
        eprintln!("npm: before publishing: {note}");
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure(problems.join("; ")))
    }
}

/// The npm tarball's size budget: each module of `bindings/wasm/size.json` at its recorded gzipped size plus the
/// 10 % growth the `wasm-size` suite lets through, twice over (the `.wasm` and its base64 copy), and the glue's
/// allowance. So the tarball is refused for what the modules do not explain (source maps, sources, stray files);
/// the modules' own sizes and budgets are the `wasm-size` suite's.
#[derive(Debug)]
struct NpmBudget {
    /// The largest tarball accepted, in bytes.
    bytes: u64,
    /// Why the package is over budget for now (a known breach recorded in the tarball's terms), if it is.
    known_breach: Option<String>,
}

impl NpmBudget {
    /// Reads `bindings/wasm/size.json`; without it, one 250 KB module, as the README once promised.
    fn read() -> NpmBudget {
        let size: Value = std::fs::read_to_string(root().join(WASM_SIZE))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or(Value::Null);
        let recorded: Vec<u64> = size["modules"]
            .as_object()
            .map(|modules| modules.values().filter_map(|m| m["gzipBytes"].as_u64()).collect())
            .unwrap_or_else(|| vec![250_000]);
        let modules_bytes: u64 = recorded
            .iter()
            .map(|gzip| gzip * 11 / 10 * NPM_MODULE_WEIGHT_TENTHS / 10)
            .sum();
        NpmBudget {
            bytes: modules_bytes + NPM_GLUE_ALLOWANCE * recorded.len() as u64,
            known_breach: size["knownTarballBreach"].as_str().map(str::to_owned),
        }
    }

    /// Whether a tarball of `size` bytes is over the budget.
    fn exceeded_by(&self, size: u64) -> bool {
        size > self.bytes
    }
}

/// What the npm package should still carry or fix (reported, not refused): its licence texts, a README, and
/// a size over budget that `size.json` records as a known breach.
fn npm_notes(tarball: &Value, budget: &NpmBudget) -> Vec<String> {
    let names: Vec<&str> = tarball["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|file| file["path"].as_str())
        .collect();
    let mut notes = Vec::new();
    if !names
        .iter()
        .any(|name| name.to_ascii_uppercase().starts_with("LICENSE"))
    {
        notes.push("no LICENSE file: copy LICENSE-MIT and LICENSE-APACHE from the root into the package".to_owned());
    }
    if !names.iter().any(|name| name.to_ascii_uppercase().starts_with("README")) {
        notes.push("no README: the npm page would be empty".to_owned());
    }
    if let (Some(size), Some(breach)) = (tarball["size"].as_u64(), &budget.known_breach)
        && budget.exceeded_by(size)
    {
        notes.push(format!(
            "the tarball is {size} bytes, over its {}-byte budget (a known breach in {WASM_SIZE}: {breach})",
            budget.bytes
        ));
    }
    notes
}

/// What is wrong with an `npm pack --json` entry and its `package.json`.
fn npm_problems(tarball: &Value, manifest: &Value, version: &str, budget: &NpmBudget) -> Vec<String> {
    let mut problems = Vec::new();
    let files: Vec<&str> = tarball["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|file| file["path"].as_str())
        .collect();
    if field(tarball, "version") != version {
        problems.push(format!(
            "the package says version {}, the workspace {version}",
            field(tarball, "version")
        ));
    }
    for key in ["name", "license", "repository", "types"] {
        if manifest[key].is_null() {
            problems.push(format!("package.json has no \"{key}\""));
        }
    }
    let types = field(manifest, "types").trim_start_matches("./");
    if !types.is_empty() && !files.contains(&types) {
        problems.push(format!("package.json names types {types}, which is not in the tarball"));
    }
    if !files.iter().any(|f| f.ends_with(".d.ts")) {
        problems.push("no .d.ts in the tarball".to_owned());
    }
    if !files.iter().any(|f| f.ends_with(".wasm")) {
        problems.push("no .wasm in the tarball".to_owned());
    }
    for file in &files {
        if let Some(reason) = forbidden_in_package(file) {
            problems.push(format!("{file} must not be published ({reason})"));
        }
    }
    match tarball["size"].as_u64() {
        Some(size) if budget.exceeded_by(size) && budget.known_breach.is_none() => problems.push(format!(
            "the tarball is {size} bytes, over its {}-byte budget ({WASM_SIZE} plus the glue)",
            budget.bytes
        )),
        Some(_) => {}
        None => problems.push("`npm pack` reported no size".to_owned()),
    }
    problems
}

/// Why a file must stay out of a published package, if it must.
fn forbidden_in_package(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name.rsplit_once('.').map(|(_, ext)| ext).unwrap_or("");
    if extension == "map" {
        Some("a source map exposes the sources")
    } else if extension == "rs" || (extension == "ts" && !name.ends_with(".d.ts")) {
        Some("a source file")
    } else if name.starts_with(".env") || name == ".npmrc" {
        Some("local configuration, may hold secrets")
    } else if matches!(extension, "pem" | "key" | "p12" | "pfx" | "jks") || name.starts_with("id_rsa") {
        Some("a key or certificate")
    } else if path.starts_with("node_modules/") || path.starts_with("tests/") {
        Some("development files")
    } else {
        None
    }
}

/// `mvn package` of the Kotlin bindings and a look at the jar and the POM.
fn maven() -> StepResult {
    let pom = root().join(POM);
    if !pom.is_file() {
        eprintln!("no {POM}: no Maven artifact to check yet");
        return Ok(());
    }
    // The library as it ships: without `test-vectors` (dev profile: the layout is what is checked here; a release
    // builds each platform's library with `--release`, see `next_steps`).
    run(&mut command("cargo", &["build", "-p", "cesizen-uniffi"]))?;
    let natives = crate::cmd::target_dir().join("maven").join("natives-release");
    crate::kotlin::stage_natives(&crate::uniffi::library_file(), &natives)?;
    let natives = crate::kotlin::natives_arg(&natives);
    run(&mut crate::kotlin::maven(&[
        "--quiet",
        "-f",
        POM,
        "-DskipTests",
        "package",
        &natives,
    ]))?;
    let text = std::fs::read_to_string(&pom).map_err(|e| Failure(format!("cannot read {POM}: {e}")))?;
    let version = crate::version::workspace_version()?;
    let artifact = crate::pom::child(&text, "artifactId").unwrap_or_default();
    let jar = pom
        .parent()
        .unwrap_or(Path::new("."))
        .join("target")
        .join(format!("{artifact}-{version}.jar"));
    let entries = jar_entries(&jar)?;
    let classes = entries.iter().filter(|e| e.ends_with(".class")).count();
    eprintln!("maven: {} — {classes} classes", relative(&jar).display());
    if classes == 0 {
        return Err(Failure(format!("{} holds no classes", jar.display())));
    }
    for note in maven_notes(&text, &entries) {
        eprintln!("maven: before publishing: {note}");
    }
    Ok(())
}

/// What stands between the Maven artifact and Maven Central (reported, not refused: see `next_steps`).
fn maven_notes(pom: &str, entries: &[String]) -> Vec<String> {
    let mut notes = Vec::new();
    let missing: Vec<&str> = CENTRAL_POM_ELEMENTS
        .iter()
        .copied()
        .filter(|element| crate::pom::child(pom, element).is_none())
        .collect();
    if !missing.is_empty() {
        notes.push(format!(
            "the POM lacks what Maven Central requires: <{}>",
            missing.join(">, <")
        ));
    }
    let native = [".so", ".dylib", ".dll"];
    if !entries.iter().any(|e| native.iter().any(|ext| e.ends_with(ext))) {
        notes.push(
            "the jar carries no native library: consumers would need libcesizen_uniffi on their own \
             (bundle it per platform, e.g. linux-x86-64/, or ship an Android AAR)"
                .to_owned(),
        );
    }
    notes
}

/// The entries of a jar, listed by the JDK's `jar` tool.
fn jar_entries(jar: &Path) -> Result<Vec<String>, Failure> {
    let output = Command::new("jar")
        .arg("tf")
        .arg(jar)
        .output()
        .map_err(|e| Failure(format!("`jar tf` could not start: {e}")))?;
    if !output.status.success() {
        return Err(Failure(format!(
            "`jar tf {}` failed: {}",
            jar.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect())
}

/// Runs the suite of that name if it exists (the bindings' suites belong to their own modules).
fn run_suite(name: &str) -> StepResult {
    match crate::suites::ALL.iter().find(|suite| suite.name == name) {
        Some(suite) => (suite.run)(),
        None => Err(Failure(format!("no `{name}` suite to build the artifact with"))),
    }
}

/// `cargo xtask release-check`: every release check, a summary, and the maintainer's next steps.
pub fn main(args: &[String]) -> ExitCode {
    if !args.is_empty() {
        eprintln!("usage: cargo xtask release-check");
        return ExitCode::from(2);
    }
    let checks: Vec<&Suite> = ["versions", "public-api", "deny", "msrv", "release"]
        .iter()
        .filter_map(|name| crate::suites::ALL.iter().find(|suite| suite.name == *name))
        .collect();
    let mut report = Vec::new();
    let mut failed = Vec::new();
    for suite in checks.iter().copied().chain([&API_SNAPSHOT, &MSRV_BUILD]) {
        let (line, passed) = suite.run_reported("release-check");
        report.push(line);
        if !passed {
            failed.push(suite.name);
        }
    }
    eprintln!("\n{}", report.join("\n"));
    let steps = next_steps(&failed);
    eprintln!("\nNext, for the maintainer:");
    for (number, step) in steps.iter().enumerate() {
        eprintln!("{:>3}. {step}", number + 1);
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The committed public-API snapshots match the code, so that the release tag records its API.
const API_SNAPSHOT: Suite = Suite {
    name: "api-snapshot",
    about: "public-api/*.txt matches the code",
    run: crate::public_api::snapshots_current,
};

/// The library crates built with the MSRV toolchain, when rustup has it (CI machines cannot install it).
const MSRV_BUILD: Suite = Suite {
    name: "msrv-build",
    about: "the published crates build with the MSRV toolchain, if installed",
    run: msrv_build,
};

fn msrv_build() -> StepResult {
    let msrv = crate::msrv::workspace_msrv()?;
    let toolchains = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !toolchains.lines().any(|line| line.starts_with(&format!("{msrv}-"))) {
        eprintln!("Rust {msrv} is not installed: see the next steps");
        return Ok(());
    }
    let toolchain = format!("+{msrv}");
    let mut args = vec![toolchain.as_str(), "check", "--target-dir", "target/msrv"];
    for krate in crate::suites::LIBRARY_CRATES {
        args.extend(["-p", krate]);
    }
    run(&mut command("cargo", &args))
}

/// The maintainer's list, from what the checks and the repository say.
fn next_steps(failed: &[&str]) -> Vec<String> {
    let mut steps = Vec::new();
    let version = crate::version::workspace_version().unwrap_or_else(|_| "?".to_owned());
    let tag = format!("v{version}");
    if !failed.is_empty() {
        steps.push(format!(
            "Fix what failed ({}) and run `cargo xtask release-check` again.",
            failed.join(", ")
        ));
    }
    if git(&["status", "--porcelain"]).is_some_and(|out| !out.trim().is_empty()) {
        steps.push("Commit or remove the uncommitted changes: a release is cut from a clean main.".to_owned());
    }
    if git(&["rev-parse", "--verify", "--quiet", &format!("refs/tags/{tag}")]).is_some() {
        steps.push(format!(
            "{tag} is already tagged: choose the next version (`cargo xtask version --set X.Y.Z`)."
        ));
    }
    let changelog = std::fs::read_to_string(root().join("CHANGELOG.md")).unwrap_or_default();
    if !changelog.contains(&format!("## [{version}]")) {
        steps.push(format!(
            "CHANGELOG.md: move the [Unreleased] entries under `## [{version}] - YYYY-MM-DD`."
        ));
    }
    let msrv = crate::msrv::workspace_msrv().unwrap_or_else(|_| "?".to_owned());
    steps.push(format!(
        "With rustup: `rustup toolchain install {msrv} && cargo +{msrv} check -p cesizen` (release-check runs \
         it when that toolchain is installed; CI machines cannot install it)."
    ));
    steps.push(format!(
        "Tag and push: `git tag -s {tag} -m \"Cesizen SDK {version}\" && git push origin {tag}`; SwiftPM also \
         needs the plain tag `{version}`."
    ));
    steps.push(
        "crates.io: `cargo publish --workspace` (publishes cesizen-core, cesizen-crypto, cesizen-sla, \
         cesizen-gdpr, cesizen-plan, then cesizen, in dependency order)."
            .to_owned(),
    );
    if root().join(NPM_MANIFEST).is_file() {
        steps.push(format!(
            "npm: `cd {NPM_PACKAGE_DIR} && npm publish --access public` (built by `cargo xtask test --only \
             wasm-pkg`; `npm publish --provenance` from CI once it can)."
        ));
    }
    if root().join(POM).is_file() {
        steps.push(
            "Maven Central: complete the POM if the release suite listed gaps, add sources and javadoc jars, \
             sign with GPG, then `mvn deploy` to the Central Portal."
                .to_owned(),
        );
    }
    if root().join("bindings/uniffi/swift/Package.swift").is_file() {
        steps.push(
            "Swift: on a Mac, `bindings/uniffi/swift/build-xcframework.sh` (it zips the xcframework, records its \
             URL and checksum in binary-target.json and prints Package.swift's binary target line); attach \
             CesizenFFI.xcframework.zip to the release, commit both files; the release suite checks they agree."
                .to_owned(),
        );
    }
    if root().join("bindings/uniffi/python/pyproject.toml").is_file() {
        steps
            .push("PyPI: in bindings/uniffi/python, `maturin build --release` on each platform (one wheel each, the shared library inside, no `test-vectors`), then `twine upload`.".to_owned());
    }
    steps.push(
        "Rollback, if a release is bad: `cargo yank --version X.Y.Z` per crate, `npm deprecate` (or \
         `npm unpublish` within 72 h), and a fixed patch release; Maven Central cannot remove a release."
            .to_owned(),
    );
    steps
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{NpmBudget, forbidden_in_package, maven_notes, npm_notes, npm_problems};

    fn tarball(files: &[&str], size: u64) -> serde_json::Value {
        let files: Vec<serde_json::Value> = files.iter().map(|path| json!({ "path": path, "size": 1 })).collect();
        json!({ "name": "@cesizen/sdk", "version": "0.1.0", "size": size, "files": files })
    }

    fn budget(known_breach: Option<&str>) -> NpmBudget {
        NpmBudget {
            bytes: 250_000 + 64_000,
            known_breach: known_breach.map(str::to_owned),
        }
    }

    fn manifest() -> serde_json::Value {
        json!({ "name": "@cesizen/sdk", "license": "MIT OR Apache-2.0", "repository": "r", "types": "./index.d.ts" })
    }

    #[test]
    fn a_complete_npm_package_passes() {
        let good = tarball(
            &["package.json", "index.js", "index.d.ts", "cesizen_wasm_bg.wasm"],
            150_000,
        );
        assert_eq!(
            npm_problems(&good, &manifest(), "0.1.0", &budget(None)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn npm_problems_name_each_defect() {
        let bad = tarball(
            &["package.json", "index.js", "index.js.map", "src/lib.rs", ".env"],
            500_000,
        );
        let problems = npm_problems(&bad, &manifest(), "0.2.0", &budget(None));
        let all = problems.join("\n");
        for expected in [
            "version 0.1.0, the workspace 0.2.0",
            "index.d.ts, which is not in the tarball",
            "no .d.ts",
            "no .wasm",
            "index.js.map must not be published",
            "src/lib.rs must not be published",
            ".env must not be published",
            "over its",
        ] {
            assert!(all.contains(expected), "{expected} missing from:\n{all}");
        }
    }

    #[test]
    fn npm_notes_ask_for_licence_texts_and_a_readme() {
        assert_eq!(npm_notes(&tarball(&["index.js"], 1), &budget(None)).len(), 2);
        assert!(npm_notes(&tarball(&["index.js", "LICENSE-MIT", "README.md"], 1), &budget(None)).is_empty());
    }

    #[test]
    fn an_oversized_tarball_fails_unless_the_breach_is_known() {
        let big = tarball(&["index.d.ts", "a.wasm", "LICENSE-MIT", "README.md"], 600_000);
        let fails = npm_problems(&big, &manifest(), "0.1.0", &budget(None));
        assert!(
            fails.iter().any(|p| p.contains("over its 314000-byte budget")),
            "{fails:?}"
        );
        let known = budget(Some("time-zone tables"));
        assert!(npm_problems(&big, &manifest(), "0.1.0", &known).is_empty());
        let notes = npm_notes(&big, &known);
        assert!(notes.len() == 1 && notes[0].contains("a known breach"), "{notes:?}");
    }

    #[test]
    fn forbidden_files_are_recognised_and_declarations_are_not() {
        for path in [
            "a.js.map",
            "x/secret.pem",
            "id_rsa",
            ".npmrc",
            "lib.ts",
            "tests/a.mjs",
            "server.key",
        ] {
            assert!(forbidden_in_package(path).is_some(), "{path}");
        }
        for path in [
            "index.d.ts",
            "errors.js",
            "cesizen_wasm_bg.wasm",
            "package.json",
            "README.md",
        ] {
            assert_eq!(forbidden_in_package(path), None, "{path}");
        }
    }

    #[test]
    fn maven_notes_name_the_central_gaps_and_a_missing_native_library() {
        let pom = "<project><name>N</name><licenses></licenses></project>";
        let notes = maven_notes(pom, &["org/cesizen/sdk/A.class".to_owned()]);
        assert!(
            notes[0].contains("<description>, <url>, <licenses>, <developers>, <scm>"),
            "{notes:?}"
        );
        assert!(notes[1].contains("no native library"));
        assert_eq!(
            maven_notes(pom, &["linux-x86-64/libcesizen_uniffi.so".to_owned()]).len(),
            1
        );
    }
}
