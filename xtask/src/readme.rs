//! The README's code blocks that suites run, so that what a user copies from it works.
//!
//! A block is marked by an HTML comment on the line before its opening fence: `<!-- tested: python -->` then
//! `` ```python ``. The suite of that language takes the block's text and runs it (the Python one in the virtual
//! environment holding the wheel, the Kotlin one compiled in the Maven consumer project). The Rust block runs as a
//! doc test of the `cesizen` crate and the TypeScript one in the `wasm-node` suite, each reading the README itself.

use crate::cmd::{Failure, root};

/// The text of the README's block marked `<!-- tested: name -->`.
pub fn block(name: &str) -> Result<String, Failure> {
    let path = root().join("README.md");
    let text = std::fs::read_to_string(&path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    marked_block(&text, name).ok_or_else(|| {
        Failure(format!(
            "README.md has no code block marked `<!-- tested: {name} -->` on the line before its fence"
        ))
    })
}

/// The content of the fenced block right after the marker line, if the marker is there exactly once.
fn marked_block(text: &str, name: &str) -> Option<String> {
    let marker = format!("<!-- tested: {name} -->");
    if text.lines().filter(|line| line.trim() == marker).count() != 1 {
        return None;
    }
    let mut lines = text.lines().skip_while(|line| line.trim() != marker).skip(1);
    lines.next()?.strip_prefix("```")?;
    let mut block = String::new();
    for line in lines {
        if line.starts_with("```") {
            return Some(block);
        }
        block.push_str(line);
        block.push('\n');
    }
    None
}

#[cfg(test)]
mod tests {
    use super::marked_block;

    #[test]
    fn the_block_after_its_marker_is_taken_whole() {
        let text = "intro\n<!-- tested: python -->\n```python\nimport cesizen\nprint(1)\n```\nafter\n";
        assert_eq!(
            marked_block(text, "python").as_deref(),
            Some("import cesizen\nprint(1)\n")
        );
    }

    #[test]
    fn a_missing_repeated_or_unfenced_marker_gives_nothing() {
        assert_eq!(marked_block("```python\nx\n```\n", "python"), None);
        let twice = "<!-- tested: k -->\n```kotlin\na\n```\n<!-- tested: k -->\n```kotlin\nb\n```\n";
        assert_eq!(marked_block(twice, "k"), None);
        assert_eq!(marked_block("<!-- tested: k -->\ntext\n", "k"), None);
        assert_eq!(marked_block("<!-- tested: k -->\n```kotlin\nnever closed\n", "k"), None);
    }
}
