//! The reader's toolkit (issue 26): citations of every paragraph of every report, Chinese
//! typography, "what changed" pages that list every resolution, topics in a stated order.
//! Checked on the rendered HTML of the bundled site and of every fixture in `tests/fixtures/`.
mod common;
use resolution_portal::render_site;
use std::collections::BTreeMap;

/// Every HTML page of a site, rendered in memory, by path.
fn pages(site: &std::path::Path, base_url: Option<&str>) -> BTreeMap<String, String> {
    let r = render_site(site, base_url);
    assert!(
        !r.files.is_empty(),
        "{} did not build: {:#?}",
        site.display(),
        r.diagnostics
    );
    r.files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| {
            (
                f.path.clone(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        })
        .collect()
}

fn sites() -> Vec<(String, std::path::PathBuf)> {
    let mut v = vec![("bundled".to_string(), common::repo())];
    let mut fixtures: Vec<_> = std::fs::read_dir(common::repo().join("tests/fixtures"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("site.yaml").exists())
        .collect();
    fixtures.sort();
    for p in fixtures {
        v.push((p.file_name().unwrap().to_string_lossy().into_owned(), p));
    }
    v
}

/// The text a reader sees: tags dropped (block ends become line breaks), scripts and styles left
/// out, the entities the templates write decoded.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        for skip in ["<script", "<style"] {
            if rest.starts_with(skip) {
                let close = format!("</{}>", &skip[1..]);
                rest = rest.find(&close).map_or("", |j| &rest[j + close.len()..]);
            }
        }
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[1..end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let block = [
            "p", "li", "td", "th", "tr", "div", "dt", "dd", "h1", "h2", "h3", "br", "section",
            "ul", "ol", "caption", "title", "blockquote", "summary", "details", "nav", "aside",
        ];
        if block.contains(&name.as_str()) {
            out.push('\n');
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out.replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// ASCII `:` `,` `;` `(` `)` with a Han character beside it (spaces between count as beside; a line
/// break does not), each with some context.
fn ascii_punctuation_by_han(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, ':' | ',' | ';' | '(' | ')') {
            continue;
        }
        // "(a)", "(iv)", "(2)": the enumerators of UN documents, half-width in their Chinese editions too.
        if enumerator_at(&chars, i) {
            continue;
        }
        let spaces = |ch: &char| *ch == ' ' || *ch == '\u{a0}' || *ch == '\u{2060}';
        let before = chars[..i].iter().rev().find(|ch| !spaces(ch));
        let after = chars[i + 1..].iter().find(|ch| !spaces(ch));
        if before.copied().is_some_and(is_han) || after.copied().is_some_and(is_han) {
            let from = i.saturating_sub(12);
            let to = (i + 12).min(chars.len());
            found.push(chars[from..to].iter().collect::<String>());
        }
    }
    found
}

/// Whether the parenthesis at `i` opens or closes a short enumerator such as "(a)".
fn enumerator_at(chars: &[char], i: usize) -> bool {
    let is_label = |s: &[char]| !s.is_empty() && s.len() <= 4 && s.iter().all(char::is_ascii_alphanumeric);
    match chars[i] {
        '(' => chars[i + 1..]
            .iter()
            .position(|&c| c == ')')
            .is_some_and(|j| is_label(&chars[i + 1..i + 1 + j])),
        ')' => chars[..i]
            .iter()
            .rposition(|&c| c == '(')
            .is_some_and(|j| is_label(&chars[j + 1..i])),
        _ => false,
    }
}

#[test]
fn the_finder_finds_what_it_should() {
    assert_eq!(ascii_punctuation_by_han("届会: 第 2 届").len(), 1);
    assert_eq!(ascii_punctuation_by_han("(2032 年 9 月)").len(), 1);
    assert!(ascii_punctuation_by_han("届会：第 2 届（¶ 37）").is_empty());
    assert!(ascii_punctuation_by_han("UN-Habitat (Kenya): 2/7\n第").is_empty());
    assert!(ascii_punctuation_by_han("提供：(a) 一个；(iv) 第 2 (a) 段").is_empty());
    assert_eq!(
        visible_text("<p>a&nbsp;b</p><script>x(中)</script>"),
        "\na\u{a0}b\n"
    );
}

#[test]
fn chinese_pages_have_no_ascii_punctuation_next_to_han() {
    let mut bad = Vec::new();
    for (name, dir) in sites() {
        for (path, html) in pages(&dir, None) {
            if !html.contains("lang=\"zh") || !path.starts_with("zh/") {
                continue;
            }
            for hit in ascii_punctuation_by_han(&visible_text(&html)) {
                bad.push(format!("{name} {path}: {hit:?}"));
            }
        }
    }
    assert!(bad.is_empty(), "{} slips:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn chinese_card_labels_end_in_a_full_width_colon() {
    let css = std::fs::read_to_string(common::repo().join("themes/default/static/style.css")).unwrap();
    assert!(
        css.contains(":lang(zh) .res-list td[data-label]:not(:nth-child(2))::before")
            && css.contains("content: attr(data-label) \"\\FF1A\""),
        "the zh card label rule is missing"
    );
}
