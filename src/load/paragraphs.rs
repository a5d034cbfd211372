//! Splits a paragraph file (`2-7.zh.md`) into the report's numbered paragraphs at `§ N` marker lines.
//! It only cuts text; whether the numbers are right is for `validate` to judge.

use crate::diagnostics::Diagnostic;
use crate::model::{Doc, Paragraph};
use std::path::Path;

pub fn split(file: &Path, text: &str) -> Result<Doc, Diagnostic> {
    let mut doc = Doc {
        file: file.to_path_buf(),
        ..Doc::default()
    };
    let mut current: Option<(u32, usize, String)> = None;
    let mut preamble = String::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.trim_end().strip_prefix('§') {
            let num = rest.trim();
            let n: u32 = match num.parse() {
                Ok(n) if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => n,
                _ => {
                    return Err(Diagnostic::error(file, format!("`{}` is not a paragraph marker", line.trim()))
                        .at(Some(i + 1), Some(1))
                        .hint("a marker is `§` followed by the paragraph number alone on its line, e.g. `§ 38`"))
                }
            };
            if let Some((n, l, md)) = current.take() {
                doc.paragraphs.push(Paragraph {
                    number: n,
                    markdown: md.trim().to_string(),
                    line: l,
                });
            }
            current = Some((n, i + 1, String::new()));
            continue;
        }
        let buf = match &mut current {
            Some((_, _, md)) => md,
            None => &mut preamble,
        };
        buf.push_str(line);
        buf.push('\n');
    }
    if let Some((n, l, md)) = current {
        doc.paragraphs.push(Paragraph {
            number: n,
            markdown: md.trim().to_string(),
            line: l,
        });
    }
    doc.preamble = preamble.trim().to_string();
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_at_markers() {
        let d = split(Path::new("x.md"), "intro\n\n§ 38\n\nfirst\n\n§39\nsecond\n").unwrap();
        assert_eq!(d.preamble, "intro");
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!((d.paragraphs[0].number, d.paragraphs[0].line), (38, 3));
        assert_eq!(d.paragraphs[1].markdown, "second");
    }

    #[test]
    fn bad_marker_is_located() {
        let e = split(Path::new("x.md"), "§ 1\nok\n§ one\n").unwrap_err();
        assert_eq!(e.line, Some(3));
    }

    proptest! {
        #[test]
        fn never_panics(s in "(§|\\d| |\n|[a-z]|\u{4e00}){0,64}") {
            let _ = split(Path::new("x.md"), &s);
        }
    }
}
