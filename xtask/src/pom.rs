//! Just enough of a Maven POM: the direct children of `<project>` (its version, its Central metadata).

use std::ops::Range;

/// The byte range of the content of `<project><name>…</name>`, skipping comments, the XML declaration and
/// nested elements of the same name (a parent's or a dependency's `<version>`).
pub fn child_span(text: &str, name: &str) -> Option<Range<usize>> {
    let mut path: Vec<&str> = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find('<').map(|i| at + i) {
        let rest = &text[open..];
        if rest.starts_with("<!--") {
            at = open + rest.find("-->")? + 3;
            continue;
        }
        let close = open + rest.find('>')?;
        let tag = &text[open + 1..close];
        at = close + 1;
        if tag.starts_with('?') || tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        if let Some(closing) = tag.strip_prefix('/') {
            if path.last() == Some(&closing.trim()) {
                path.pop();
            }
            continue;
        }
        path.push(tag.split_whitespace().next().unwrap_or(""));
        if path == ["project", name] {
            let end = at + text[at..].find(&format!("</{name}>"))?;
            return Some(at..end);
        }
    }
    None
}

/// The trimmed content of `<project><name>`, if present and not empty.
pub fn child(text: &str, name: &str) -> Option<String> {
    let inner = text[child_span(text, name)?].trim();
    (!inner.is_empty()).then(|| inner.to_owned())
}

#[cfg(test)]
mod tests {
    use super::child;

    const POM: &str = r#"<?xml version="1.0"?>
<!-- <version>9.9.9</version> in a comment -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <parent><groupId>g</groupId><version>7.0.0</version></parent>
  <modelVersion>4.0.0</modelVersion>
  <packaging/>
  <version>0.1.0</version>
  <dependencies><dependency><version>5.1.0</version><url>dep</url></dependency></dependencies>
  <licenses></licenses>
  <scm><url>https://example.org</url></scm>
</project>"#;

    #[test]
    fn only_the_projects_own_children_count() {
        assert_eq!(child(POM, "version").as_deref(), Some("0.1.0"));
        assert_eq!(child(POM, "url"), None);
        assert_eq!(child(POM, "licenses"), None, "empty");
        assert_eq!(child(POM, "scm").as_deref(), Some("<url>https://example.org</url>"));
        assert_eq!(
            child("<project><parent><version>1</version></parent></project>", "version"),
            None
        );
    }
}
