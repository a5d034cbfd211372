//! Splits a paragraph file (`2-7.zh.md`) into the report's numbered paragraphs at `§ N` marker lines.
//! It only cuts text; whether the numbers are right is for `validate` to judge.

use crate::diagnostics::Diagnostic;
use crate::model::{Doc, Paragraph};
use std::path::Path;

pub fn split(file: &Path, text: &str) -> Result<Doc, Diagnostic> {
    // Lines end in `\n` or `\r\n`, as `str::lines` reads them.
    if text.contains('\r') {
        return split_lf(file, &text.replace("\r\n", "\n"));
    }
    split_lf(file, text)
}

/// `split` for text whose lines all end in `\n`. Only marker lines are looked at one by one: the
/// text between them is taken as it is, a paragraph file being mostly text.
fn split_lf(file: &Path, text: &str) -> Result<Doc, Diagnostic> {
    let mut doc = Doc {
        file: file.to_path_buf(),
        ..Doc::default()
    };
    // (number, line of its marker, where its text starts) of the paragraph being read.
    let mut current: Option<(u32, usize, usize)> = None;
    let mut preamble_end = text.len();
    let (mut line, mut counted) = (1, 0);
    let starts =
        std::iter::once(0).chain(memchr::memmem::find_iter(text.as_bytes(), "\n§").map(|i| i + 1));
    for start in starts {
        if !text[start..].starts_with('§') {
            continue;
        }
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..start]).count();
        counted = start;
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |e| start + e);
        let marker = &text[start..end];
        let num = marker.trim_end()['§'.len_utf8()..].trim();
        let n: u32 = match num.parse() {
            Ok(n) if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => n,
            _ => return Err(Diagnostic::error(
                file,
                format!("`{}` is not a paragraph marker", marker.trim()),
            )
            .at(Some(line), Some(1))
            .hint(
                "a marker is `§` followed by the paragraph number alone on its line, e.g. `§ 38`",
            )),
        };
        match current.take() {
            Some((n, l, from)) => doc.paragraphs.push(Paragraph {
                number: n,
                markdown: text[from..start].trim().to_string(),
                line: l,
                text_line: l + 1 + leading_lines(&text[from..start]),
            }),
            None => preamble_end = start,
        }
        current = Some((n, line, (end + 1).min(text.len())));
    }
    if let Some((n, l, from)) = current {
        doc.paragraphs.push(Paragraph {
            number: n,
            markdown: text[from..].trim().to_string(),
            line: l,
            text_line: l + 1 + leading_lines(&text[from..]),
        });
    }
    doc.preamble = text[..preamble_end].trim().to_string();
    doc.preamble_line = 1 + leading_lines(&text[..preamble_end]);
    Ok(doc)
}

/// How many line breaks come before the first character that `trim` keeps.
fn leading_lines(s: &str) -> usize {
    let blank = s.len() - s.trim_start().len();
    memchr::memchr_iter(b'\n', &s.as_bytes()[..blank]).count()
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
        assert_eq!(
            d.paragraphs[0].text_line, 5,
            "after the marker and a blank line"
        );
        assert_eq!(d.paragraphs[1].markdown, "second");
        assert_eq!(d.paragraphs[1].text_line, 8);
    }

    #[test]
    fn bad_marker_is_located() {
        let e = split(Path::new("x.md"), "§ 1\nok\n§ one\n").unwrap_err();
        assert_eq!(e.line, Some(3));
    }

    /// (preamble, [(number, line, markdown)]), or the line of a bad marker.
    type Split = Result<(String, Vec<(u32, usize, String)>), usize>;

    /// The line-by-line splitter this module had first, to compare the faster one with.
    fn reference(text: &str) -> Split {
        let mut paragraphs = Vec::new();
        let mut current: Option<(u32, usize, String)> = None;
        let mut preamble = String::new();
        for (i, line) in text.lines().enumerate() {
            if let Some(rest) = line.trim_end().strip_prefix('§') {
                let num = rest.trim();
                let n: u32 = match num.parse() {
                    Ok(n) if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => n,
                    _ => return Err(i + 1),
                };
                if let Some((n, l, md)) = current.take() {
                    paragraphs.push((n, l, md.trim().to_string()));
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
            paragraphs.push((n, l, md.trim().to_string()));
        }
        Ok((preamble.trim().to_string(), paragraphs))
    }

    proptest! {
        #[test]
        fn never_panics(s in "(§|\\d| |\n|[a-z]|\u{4e00}){0,64}") {
            let _ = split(Path::new("x.md"), &s);
        }

        #[test]
        fn splits_as_the_line_by_line_reference(s in "(§ ?|\\d{1,3}| |\n|\r\n|\r|[a-z]|\u{4e00}){0,80}") {
            let got = split(Path::new("x.md"), &s).map(|d| {
                let p = d.paragraphs.into_iter().map(|p| (p.number, p.line, p.markdown)).collect();
                (d.preamble, p)
            });
            prop_assert_eq!(got.map_err(|e| e.line.unwrap_or(0)), reference(&s));
        }
    }
}
