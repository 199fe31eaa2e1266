//! The npm package `@cesizen/sdk` (`bindings/wasm`): built with pinned tools, then tested in Node and Chromium.
//!
//! Building takes four steps, none of which downloads a binary:
//!
//! The package holds two modules, each built from `cesizen-wasm` with one cargo feature: `core` at the root
//! (`@cesizen/sdk`, what the app's pages need) and `ops` in `ops/` (`@cesizen/sdk/ops`, the operations surface,
//! downloaded only by the pages that import it). For each:
//!
//! 1. `cargo build -p cesizen-wasm --target wasm32-unknown-unknown --profile wasm-release --features <module>`;
//! 2. `wasm-bindgen --target web`, with the CLI whose version is exactly the `wasm-bindgen` crate's in
//!    `Cargo.lock` (a mismatch is refused: the two halves of the glue must agree);
//! 3. `wasm-opt -Oz --converge` from the npm `binaryen` package (Debian's binaryen 108 writes modules that crash
//!    at load);
//! 4. the module's bytes in base64 in `cesizen_wasm_bg.wasm.base64.js`, for the Node entry (server bundlers
//!    rewrite the `new URL(…, import.meta.url)` of a `.wasm` into a browser path: a JavaScript file they carry);
//! 5. the hand-written entry points (`bindings/wasm/js/`) copied beside the glue; then the package manifest, the
//!    error class and the ops module's declarations (`js/ops/`).
//!
//! The result is `bindings/wasm/pkg/`, an ESM package with an explicit async `init()`. The test suites build it
//! once per `cargo xtask` run, whichever of them runs first.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::cmd::{Failure, StepResult, command, root, run, run_retrying};

/// Where the crate, its tooling and its tests live, relative to the workspace root.
const PACKAGE_DIR: &str = "bindings/wasm";

/// The wasm-bindgen CLI; a path can be given in `WASM_BINDGEN` (otherwise it is looked up on `PATH`).
fn wasm_bindgen_program() -> String {
    std::env::var("WASM_BINDGEN").unwrap_or_else(|_| "wasm-bindgen".to_owned())
}

/// Builds the package into `bindings/wasm/pkg/`.
pub fn package() -> StepResult {
    static BUILT: OnceLock<Result<(), String>> = OnceLock::new();
    BUILT
        .get_or_init(|| build().map_err(|failure| failure.0))
        .clone()
        .map_err(Failure)
}

/// The Node suite: every shared vector, the error and class contracts, bad input, interop with WebCrypto.
pub fn node() -> StepResult {
    package()?;
    node_test("tests/node")
}

/// The browser suite: a page served on loopback, driven in Debian's Chromium by `playwright-core`.
pub fn browser() -> StepResult {
    package()?;
    node_test("tests/browser")
}

/// The apps suite: the packed package installed in a Next.js and a Vite app with no configuration, each built,
/// served on loopback and driven in Chromium (`tests/apps`).
pub fn apps() -> StepResult {
    package()?;
    node_test("tests/apps")
}

/// The TypeScript suite: a small consumer type-checked against the generated declarations, and code that must
/// not compile refused exactly where it is marked (`tests/types/must-not-compile/`).
pub fn types() -> StepResult {
    package()?;
    run(&mut in_package(&tool("tsc"), &["--noEmit", "-p", "tests/types"]))?;
    node_test("tests/types/must-not-compile.test.mjs")
}

/// The size suite: each gzipped `.wasm` against `bindings/wasm/size.json` and the core module's budget.
pub fn size() -> StepResult {
    package()?;
    node_test("tests/size")
}

/// One WebAssembly module of the package: built from `cesizen-wasm` with one cargo feature, into its own
/// directory of `pkg/` with its own glue, loader and entries (each module has its own `init()`).
struct Module {
    /// The cargo feature of `cesizen-wasm` that selects the module's surface.
    feature: &'static str,
    /// Its directory under `pkg/` (`""`: the package's root).
    dir: &'static str,
}

/// The package's modules: `core` at the root (`@cesizen/sdk`, what the app's pages need) and `ops`
/// (`@cesizen/sdk/ops`, the operations surface, downloaded only by the pages that import it).
const MODULES: [Module; 2] = [
    Module {
        feature: "core",
        dir: "",
    },
    Module {
        feature: "ops",
        dir: "ops",
    },
];

/// The hand-written files of `js/` that every module directory holds: its entries, loader and readiness guard
/// work on the glue beside them. The root also takes the rest of `js/` (the error class, the manifest, the
/// licences); `js/ops/` holds what the ops directory has instead (its declarations, the root's error class).
const MODULE_FILES: [&str; 6] = ["index.js", "node.js", "edge.js", "loader.js", "ready.js", "boundary.js"];

fn build() -> StepResult {
    npm_dependencies()?;
    check_wasm_bindgen_version(&wasm_bindgen_program())?;
    let package = root().join(PACKAGE_DIR);
    let out = package.join("pkg");
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| Failure(format!("removing {}: {e}", out.display())))?;
    }
    for module in &MODULES {
        build_module(module, &out.join(module.dir))?;
    }
    let sources = package.join("js");
    copy_files(&sources, &out, |_| true)?;
    copy_files(&sources.join("ops"), &out.join("ops"), |_| true)?;
    write_codes(&out.join("codes.d.ts"))?;
    check_manifest_version(&out.join("package.json"))
}

/// Where the codes a `CesizenError` of the package can carry are written: the SDK crates' code tables, the
/// binding's own codes and its JavaScript's.
const CODE_SOURCES: [&str; 7] = [
    "cesizen-core/src",
    "cesizen-crypto/src",
    "cesizen-gdpr/src",
    "cesizen-sla/src",
    "cesizen-plan/src",
    "bindings/wasm/src",
    "bindings/wasm/js",
];

/// The areas of the SDK's codes (`cesizen_core::code`): a quoted `<area>.<subject>.<reason>` in one of them is a
/// code.
const CODE_AREAS: [&str; 14] = [
    "validation",
    "workflow",
    "auth",
    "config",
    "input",
    "system",
    "internal",
    "crypto",
    "gdpr",
    "sla",
    "openslo",
    "incident",
    "kpi",
    "alerting",
];

/// Writes `codes.d.ts`: `CesizenErrorCode`, the union of every code the package's errors can carry, read from the
/// code tables of the Rust sources (each code is written once there: in an error's `code()`, a `stable_code_enum!`
/// list, a binding constant), so that comparing `error.code` with a misspelt code does not compile.
fn write_codes(to: &Path) -> StepResult {
    let mut codes = std::collections::BTreeSet::new();
    for dir in CODE_SOURCES {
        for file in source_files(&root().join(dir))? {
            let text =
                std::fs::read_to_string(&file).map_err(|e| Failure(format!("reading {}: {e}", file.display())))?;
            codes.extend(code_literals(&text).into_iter().map(str::to_owned));
        }
    }
    let members: String = codes.iter().map(|code| format!("\n  | \"{code}\"")).collect();
    let text = format!(
        "// Generated by `cargo xtask` from the SDK's code tables (xtask/src/wasm.rs, `write_codes`).\n\
         /** Every stable code a `CesizenError` of this package can carry ({} codes). */\n\
         export type CesizenErrorCode ={members};\n",
        codes.len()
    );
    write(to, &text)
}

/// The `.rs` and `.js` files under `dir`, recursively.
fn source_files(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| Failure(format!("reading {}: {e}", dir.display())))?;
    for entry in entries {
        let path = entry
            .map_err(|e| Failure(format!("reading {}: {e}", dir.display())))?
            .path();
        if path.is_dir() {
            files.extend(source_files(&path)?);
        } else if path.extension().is_some_and(|x| x == "rs" || x == "js") {
            files.push(path);
        }
    }
    Ok(files)
}

/// The codes quoted in a source file's code: comments, the items marked `#[cfg(test)]` (test modules, where codes
/// are misspelt on purpose) and the alias table of former codes (which no error carries any more) left out.
fn code_literals(text: &str) -> Vec<&str> {
    let mut codes = Vec::new();
    let mut skip = Skip::No;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let skipped = skip != Skip::No || trimmed.starts_with("pub const ALIASES");
        skip = match skip {
            Skip::No if trimmed.starts_with("#[cfg(test)]") => Skip::NextItem,
            Skip::No if trimmed.starts_with("pub const ALIASES") => Skip::NextItem.after(trimmed),
            Skip::No => Skip::No,
            _ => skip.after(trimmed),
        };
        if skipped || trimmed.starts_with("#[cfg(test)]") || trimmed.starts_with("//") {
            continue;
        }
        for quote in ['"', '\''] {
            codes.extend(line.split(quote).skip(1).step_by(2).filter(|text| is_code(text)));
        }
    }
    codes
}

/// Where [`code_literals`] is in an item it leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    /// In no such item.
    No,
    /// Before the item's first line (after `#[cfg(test)]`, its other attributes and comments).
    NextItem,
    /// Inside the item's body, this many braces or brackets deep.
    Body(usize),
}

impl Skip {
    /// The state after the skipped item's `line` (trimmed): an item without a body (`mod x;`, `use …;`) ends on
    /// its line, one with a body (`mod tests {`, the alias table's `&[`) where its braces and brackets close.
    fn after(self, line: &str) -> Skip {
        let depth = match self {
            Skip::NextItem if line.starts_with("#[") || line.starts_with("//") => return Skip::NextItem,
            Skip::Body(depth) => depth,
            Skip::No | Skip::NextItem => 0,
        };
        let depth = (depth + line.matches(['{', '[']).count()).saturating_sub(line.matches(['}', ']']).count());
        match (self, depth) {
            (Skip::NextItem, 0) if !line.ends_with(';') && !line.ends_with('}') => Skip::NextItem,
            (_, 0) => Skip::No,
            (_, depth) => Skip::Body(depth),
        }
    }
}

/// Whether `text` is `<area>.<subject>.<reason>` in one of the SDK's areas (`cesizen_core::code::is_well_formed`).
fn is_code(text: &str) -> bool {
    let segments: Vec<&str> = text.split('.').collect();
    segments.len() == 3
        && CODE_AREAS.contains(&segments[0])
        && segments.iter().all(|segment| {
            !segment.is_empty()
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

/// Builds `module` into `dir`: cargo, wasm-bindgen, wasm-opt, the base64 copy, the surface and the entries.
fn build_module(module: &Module, dir: &Path) -> StepResult {
    run(&mut command(
        "cargo",
        &[
            "build",
            "-p",
            "cesizen-wasm",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
            "--no-default-features",
            "--features",
            module.feature,
        ],
    ))?;
    let built = target_dir()
        .join("wasm32-unknown-unknown")
        .join("wasm-release")
        .join("cesizen_wasm.wasm");
    run(Command::new(wasm_bindgen_program())
        .arg(&built)
        .args(["--target", "web", "--out-name", "cesizen_wasm"])
        .args(["--remove-name-section", "--remove-producers-section", "--out-dir"])
        .arg(dir)
        .current_dir(root()))?;

    let wasm = dir.join("cesizen_wasm_bg.wasm");
    // `--converge` repeats the passes until the module stops shrinking: 2 KB less gzipped for some 15 s more.
    run(Command::new(tool("wasm-opt"))
        .args(["-Oz", "--converge"])
        .arg(&wasm)
        .arg("-o")
        .arg(&wasm)
        .current_dir(root()))?;
    write_base64_module(&wasm, &dir.join("cesizen_wasm_bg.wasm.base64.js"))?;
    let sources = root().join(PACKAGE_DIR).join("js");
    copy_files(&sources, dir, |name| MODULE_FILES.contains(&name))?;
    write_surface(dir)
}

/// Copies the files (not the directories) of `from` whose name `wanted` accepts into `to`.
fn copy_files(from: &Path, to: &Path, wanted: impl Fn(&str) -> bool) -> StepResult {
    let entries = std::fs::read_dir(from).map_err(|e| Failure(format!("reading {}: {e}", from.display())))?;
    for entry in entries {
        let path = entry
            .map_err(|e| Failure(format!("reading {}: {e}", from.display())))?
            .path();
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
        if path.is_file() && wanted(name) {
            copy(&path, &to.join(name))?;
        }
    }
    Ok(())
}

/// Writes the module at `wasm` as a JavaScript module whose default export is its bytes in base64.
fn write_base64_module(wasm: &Path, to: &Path) -> StepResult {
    let bytes = std::fs::read(wasm).map_err(|e| Failure(format!("reading {}: {e}", wasm.display())))?;
    let encoded = <base64ct::Base64 as base64ct::Encoding>::encode_string(&bytes);
    let header = "// Generated by `cargo xtask`: cesizen_wasm_bg.wasm in base64, for the Node entry (node.js).\n";
    write(to, &format!("{header}export default \"{encoded}\";\n"))
}

/// The glue's exports that are not the SDK: the loader (the entries wrap it in `init()`) and its types.
const LOADER_EXPORTS: &[&str] = &["initSync", "InitInput", "InitOutput", "SyncInitInput"];

/// Writes `surface.js` and `surface.d.ts`: the SDK's functions, classes and types re-exported by name from the
/// generated glue, without its loader (whose `InitOutput` type is all `any`). The entries export `surface.js`.
/// Functions and classes are wrapped by `ready.js`'s guards: called before `init()` they throw a `CesizenError`
/// (`workflow.module.not_initialised`), not the glue's `TypeError`. The declarations are the glue's own.
fn write_surface(out: &Path) -> StepResult {
    let declarations_path = out.join("cesizen_wasm.d.ts");
    let declarations = std::fs::read_to_string(&declarations_path)
        .map_err(|e| Failure(format!("reading {}: {e}", declarations_path.display())))?;
    let exports = exported_names(&declarations);
    let header = "// Generated by `cargo xtask` from cesizen_wasm.d.ts: the SDK's surface without the loader.\n";
    let mut js = format!(
        "{header}import * as glue from './cesizen_wasm.js';\nimport {{ guard, guardClass }} from './ready.js';\n\n"
    );
    for name in &exports.functions {
        js.push_str(&format!("export const {name} = guard(glue.{name});\n"));
    }
    for name in &exports.classes {
        js.push_str(&format!("export const {name} = guardClass(glue.{name});\n"));
    }
    if !exports.others.is_empty() {
        js.push_str(&format!(
            "export {{ {} }} from './cesizen_wasm.js';\n",
            exports.others.join(", ")
        ));
    }
    let values: Vec<&str> = [&exports.functions, &exports.classes, &exports.others]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let dts = format!(
        "{header}export {{ {} }} from './cesizen_wasm.js';\nexport type {{ {} }} from './cesizen_wasm.js';\n",
        values.join(", "),
        exports.types.join(", ")
    );
    write(&out.join("surface.js"), &js)?;
    write(&out.join("surface.d.ts"), &dts)
}

/// What a generated declaration file exports, by kind, loader exports left out.
#[derive(Debug, Default, PartialEq)]
struct Exports<'a> {
    functions: Vec<&'a str>,
    classes: Vec<&'a str>,
    /// Constants and enums: values that need no loaded module.
    others: Vec<&'a str>,
    /// Interfaces and type aliases.
    types: Vec<&'a str>,
}

/// The names a generated declaration file exports, loader exports left out.
fn exported_names(declarations: &str) -> Exports<'_> {
    let mut exports = Exports::default();
    for line in declarations.lines() {
        let Some(rest) = line.strip_prefix("export ") else {
            continue;
        };
        let rest = rest.strip_prefix("declare ").unwrap_or(rest);
        let (kind, rest) = rest.split_once(' ').unwrap_or((rest, ""));
        let name_end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        if name.is_empty() || LOADER_EXPORTS.contains(&name) {
            continue;
        }
        match kind {
            "function" => exports.functions.push(name),
            "class" => exports.classes.push(name),
            "const" | "enum" => exports.others.push(name),
            "interface" | "type" => exports.types.push(name),
            _ => {}
        }
    }
    exports
}

/// Runs `npm ci` in the package directory when `node_modules` is missing or older than the lock file.
fn npm_dependencies() -> StepResult {
    let package = root().join(PACKAGE_DIR);
    let modified = |path: PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let installed = modified(package.join("node_modules").join(".package-lock.json"));
    let locked = modified(package.join("package-lock.json"));
    match (installed, locked) {
        (Some(installed), Some(locked)) if installed >= locked => Ok(()),
        _ => run_retrying(&mut in_package("npm", &["ci", "--no-audit", "--no-fund"]), 3),
    }
}

/// Refuses a `wasm-bindgen` CLI whose version differs from the crate's in `Cargo.lock`.
fn check_wasm_bindgen_version(program: &str) -> StepResult {
    let lock_path = root().join("Cargo.lock");
    let lock =
        std::fs::read_to_string(&lock_path).map_err(|e| Failure(format!("reading {}: {e}", lock_path.display())))?;
    let locked = locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| Failure("Cargo.lock has no `wasm-bindgen` package".to_owned()))?;
    let output = Command::new(program).arg("--version").output().map_err(|e| {
        Failure(format!(
            "`{program}` could not start ({e}); install it with `cargo install wasm-bindgen-cli --version {locked}`"
        ))
    })?;
    let printed = String::from_utf8_lossy(&output.stdout);
    let installed = printed.split_whitespace().nth(1).unwrap_or_default();
    if installed == locked {
        Ok(())
    } else {
        Err(Failure(format!(
            "`{program}` is version `{installed}` but the crate is {locked}; \
             run `cargo install wasm-bindgen-cli --version {locked}`"
        )))
    }
}

/// The version of package `name` in a `Cargo.lock`, when it holds exactly one.
fn locked_version<'a>(lock: &'a str, name: &str) -> Option<&'a str> {
    let wanted = format!("name = \"{name}\"");
    let mut versions = lock
        .split("[[package]]")
        .filter(|block| block.lines().any(|line| line.trim() == wanted))
        .filter_map(|block| {
            block
                .lines()
                .find_map(|line| line.trim().strip_prefix("version = \""))
                .and_then(|rest| rest.strip_suffix('"'))
        });
    let first = versions.next()?;
    versions.next().is_none().then_some(first)
}

/// The npm package's version must be the workspace's: one version for the SDK in every language.
fn check_manifest_version(manifest: &Path) -> StepResult {
    let text =
        std::fs::read_to_string(manifest).map_err(|e| Failure(format!("reading {}: {e}", manifest.display())))?;
    let expected = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    if text.contains(&expected) {
        Ok(())
    } else {
        Err(Failure(format!(
            "{} must say {expected}, the workspace version",
            manifest.display()
        )))
    }
}

fn write(path: &Path, text: &str) -> StepResult {
    std::fs::write(path, text).map_err(|e| Failure(format!("writing {}: {e}", path.display())))
}

fn copy(from: &Path, to: &Path) -> StepResult {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Failure(format!("copying {} to {}: {e}", from.display(), to.display())))
}

/// Runs `node --test` over one directory of the package's tests.
fn node_test(dir: &str) -> StepResult {
    run(&mut in_package("node", &["--test", dir]))
}

/// A command run in the package directory.
fn in_package(program: &str, args: &[&str]) -> Command {
    let mut cmd = command(program, args);
    cmd.current_dir(root().join(PACKAGE_DIR));
    cmd
}

/// A tool installed by `npm ci` in the package directory.
fn tool(name: &str) -> String {
    root()
        .join(PACKAGE_DIR)
        .join("node_modules")
        .join(".bin")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set, else the workspace's `target/`.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

#[cfg(test)]
mod tests {
    use super::{code_literals, exported_names, locked_version};

    #[test]
    fn codes_are_read_from_code_not_comments_tests_or_the_alias_table() {
        let source = r#"
// "validation.comment.ignored"
fn code(&self) -> &str { match self { A => "validation.email.invalid", B => "crypto.decrypt.failed" } }
const NOT_A_CODE: &str = "plan.json"; const OTHER_AREA: &str = "europe.paris.zone";
throw new CesizenError('workflow.module.not_initialised', 'text');
pub const ALIASES: &[(&str, &str)] = &[
    ("binding.input.invalid", "input.argument.invalid"),
];
const AFTER: &str = "config.value.invalid";
#[cfg(test)]
use crate::test_support;
const AFTER_TEST_IMPORT: &str = "gdpr.export.invalid";
#[cfg(test)]
mod tests {
    const MISSPELT: &str = "validation.emial.invalid";
}
const AFTER_TEST_MODULE: &str = "sla.target.out_of_range";
"#;
        assert_eq!(
            code_literals(source),
            [
                "validation.email.invalid",
                "crypto.decrypt.failed",
                "workflow.module.not_initialised",
                "config.value.invalid",
                "gdpr.export.invalid",
                "sla.target.out_of_range"
            ]
        );
    }

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.130"

[[package]]
name = "wasm-bindgen-shared"
version = "0.2.130"
"#;

    #[test]
    fn locked_version_finds_the_exact_package() {
        assert_eq!(locked_version(LOCK, "wasm-bindgen"), Some("0.2.130"));
        assert_eq!(locked_version(LOCK, "wasm-bindgen-shared"), Some("0.2.130"));
        assert_eq!(locked_version(LOCK, "wasm-bindgen-macro"), None);
    }

    #[test]
    fn exported_names_splits_values_and_types_and_drops_the_loader() {
        let declarations = "export function sealField(a: string): string;\n\
            export class UserKey {\n  free(): void;\n}\n\
            export interface WeekReport {\n    days: number;\n}\n\
            export type EntryKind = \"daily_mood\";\n\
            export type InitInput = RequestInfo;\n\
            export function initSync(module: SyncInitInput): InitOutput;\n\
            export default function __wbg_init (m?: InitInput): Promise<InitOutput>;\n";
        let exports = exported_names(declarations);
        assert_eq!(exports.functions, ["sealField"]);
        assert_eq!(exports.classes, ["UserKey"]);
        assert!(exports.others.is_empty());
        assert_eq!(exports.types, ["WeekReport", "EntryKind"]);
    }

    #[test]
    fn locked_version_refuses_two_versions() {
        let twice = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        assert_eq!(locked_version(&twice, "wasm-bindgen"), None);
    }
}
