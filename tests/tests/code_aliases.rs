//! The alias table of renamed codes (`cesizen_core::code::ALIASES`) against the whole tree: a former code is
//! emitted nowhere any more and recorded in no vector (no alias shadows a live code), and every canonical code is
//! one the SDK, a binding or the server really emits (every alias resolves to a live code).

use std::path::{Path, PathBuf};

use cesizen::core::code::{ALIASES, canonical, is_well_formed};

/// The source directories whose string literals are the codes the tree emits.
const SOURCE_DIRS: &[&str] = &[
    "cesizen-core/src",
    "cesizen-crypto/src",
    "cesizen-gdpr/src",
    "cesizen-sla/src",
    "cesizen-cli/src",
    "bindings/wasm/src",
    "bindings/uniffi/src",
    "examples/reference-server/src",
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The code of every source file, comments and the alias table left out (they name former codes on purpose).
fn sources() -> Vec<(PathBuf, String)> {
    let root = workspace_root();
    let mut files = Vec::new();
    for dir in SOURCE_DIRS {
        rust_files(&root.join(dir), &mut files);
    }
    files
        .into_iter()
        .map(|path| {
            let mut text: String = std::fs::read_to_string(&path)
                .expect("a source file")
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .flat_map(|line| [line, "\n"])
                .collect();
            if path.ends_with("cesizen-core/src/code.rs") {
                let start = text.find("pub const ALIASES").expect("the alias table");
                let end = start + text[start..].find("];").expect("the table's end");
                text.replace_range(start..end, "");
            }
            (path, text)
        })
        .collect()
}

#[test]
fn no_former_code_is_emitted_and_every_canonical_code_is() {
    let sources = sources();
    assert!(sources.len() > 100, "the source scan found too few files");
    for (former, current) in ALIASES {
        let quoted = |code: &str| format!("\"{code}\"");
        let emitting: Vec<_> = sources
            .iter()
            .filter(|(_, text)| text.contains(&quoted(former)))
            .map(|(path, _)| path.display().to_string())
            .collect();
        assert!(emitting.is_empty(), "the former code {former} is still in {emitting:?}");
        assert!(
            sources.iter().any(|(_, text)| text.contains(&quoted(current))),
            "{former} resolves to {current}, which nothing emits"
        );
        assert!(is_well_formed(current) && canonical(former) == *current);
    }
}

#[test]
fn no_vector_records_a_former_code() {
    for file in std::fs::read_dir(cesizen_tests::vectors_dir()).expect("the vectors directory") {
        let path = file.expect("a vector file").path();
        let text = std::fs::read_to_string(&path).expect("a vector file");
        for (former, current) in ALIASES {
            assert!(
                !text.contains(&format!("\"{former}\"")),
                "{} records {former}: record {current}",
                path.display()
            );
        }
    }
}
