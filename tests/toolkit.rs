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
            "p",
            "li",
            "td",
            "th",
            "tr",
            "div",
            "dt",
            "dd",
            "h1",
            "h2",
            "h3",
            "br",
            "section",
            "ul",
            "ol",
            "caption",
            "title",
            "blockquote",
            "summary",
            "details",
            "nav",
            "aside",
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
    let is_label =
        |s: &[char]| !s.is_empty() && s.len() <= 4 && s.iter().all(char::is_ascii_alphanumeric);
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
    let css =
        std::fs::read_to_string(common::repo().join("themes/default/static/style.css")).unwrap();
    assert!(
        css.contains(":lang(zh) .res-list td[data-label]:not(:nth-child(2))::before")
            && css.contains("content: attr(data-label) \"\\FF1A\""),
        "the zh card label rule is missing"
    );
}

/// The `<li id=...>` items of every `ol.paras` on a page: (id, the list's opening tag, the item).
fn paragraph_items(html: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (i, _) in html.match_indices("<ol class=\"paras\"") {
        let open_end = i + html[i..].find('>').unwrap();
        let list_end = i + html[i..].find("</ol>").unwrap();
        let open = html[i..open_end].to_string();
        for item in html[open_end..list_end].split("<li id=\"").skip(1) {
            let id = item[..item.find('"').unwrap()].to_string();
            out.push((id, open.clone(), item.to_string()));
        }
    }
    out
}

#[test]
fn every_paragraph_of_every_report_on_a_resolution_page_is_citable_and_names_the_resolution() {
    let mut bad = Vec::new();
    let mut older = 0;
    for (name, dir) in sites() {
        for (path, html) in pages(&dir, None) {
            let Some(slug) = path
                .strip_suffix("/index.html")
                .and_then(|p| p.split_once("/resolutions/"))
                .map(|(_, s)| s.to_string())
                .filter(|s| {
                    s.split('-').count() == 2 && s.split('-').all(|n| n.parse::<u16>().is_ok())
                })
            else {
                continue;
            };
            let id = slug.replace('-', "/");
            let in_older = html.find("<details class=\"older\"").unwrap_or(html.len());
            for (pid, open, item) in paragraph_items(&html) {
                if html.find(&format!("<li id=\"{pid}\"")).unwrap() > in_older {
                    older += 1;
                }
                let cite = item
                    .split("<span class=\"pcite-text\">")
                    .nth(1)
                    .unwrap_or("");
                let ok = open.contains("data-copy=")
                    && open.contains("data-done=")
                    && open.contains(&id)
                    && cite.contains(&id)
                    && cite.contains(&format!("#{pid}</span>"))
                    && item.contains(&format!("#{pid}\" hreflang="));
                if !ok {
                    bad.push(format!("{name} {path}#{pid}"));
                }
            }
        }
    }
    assert!(older > 0, "no fixture has paragraphs of earlier reports");
    assert!(
        bad.is_empty(),
        "{} paragraphs not citable:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn with_a_base_url_the_shown_citation_address_is_absolute() {
    let files = pages(&common::fixture("tracking"), None);
    let html = &files["en/resolutions/1-1/index.html"];
    let urls: Vec<&str> = html
        .split("<span class=\"pcite-url\">")
        .skip(1)
        .map(|s| &s[..s.find('<').unwrap()])
        .collect();
    assert!(!urls.is_empty());
    for u in urls {
        assert!(
            u.starts_with("https://example.org/tracker/en/resolutions/1-1/#"),
            "{u}"
        );
    }
}

#[test]
fn one_translation_banner_per_page_saying_which_language_is_translated() {
    let files = pages(&common::fixture("tracking"), None);
    let zh = &files["zh/resolutions/1-1/index.html"];
    assert_eq!(zh.matches("<aside class=\"notice\"").count(), 1);
    let banner = &zh[zh.find("<aside class=\"notice\"").unwrap()..zh.find("</aside>").unwrap()];
    // The fixture's official text is English: the Chinese is the translation, said once.
    assert!(banner.contains("本页中文为本网站据英文版"), "{banner}");
    assert_eq!(banner.matches("<p>").count(), 1, "{banner}");
    for s in ["FICT/2032/1", "FICT/2032/2", "FICT/2033/1"] {
        assert!(banner.contains(s), "{s} missing: {banner}");
    }
    // The bundled report's official text is Chinese: the English page says its English is translated.
    let bundled = pages(&common::repo(), None);
    let en = &bundled["en/index.html"];
    assert!(en.contains("This English text is an unofficial translation of the Chinese edition"));
    assert!(!bundled["zh/index.html"].contains("<aside class=\"notice\""));
}

#[test]
fn what_changed_lists_every_resolution_and_flags_facts_no_longer_mentioned() {
    let files = pages(&common::fixture("tracking"), None);
    for lang in ["en", "zh"] {
        let html = &files[&format!("{lang}/reports/fict-2033-1/changes/index.html")];
        // FICT/2033/1 covers 1/1, 1/2, 1/3 and 2/7; FICT/2032/2 the same but 1/3.
        for id in ["1/1", "1/2", "1/3", "2/7"] {
            assert!(
                html.contains(&format!("class=\"change-entry\" data-resolution=\"{id}\"")),
                "{lang}: {id} not listed"
            );
        }
        assert_eq!(
            html.matches("mark mark-unchanged").count(),
            2,
            "{lang}: 1/1 and 2/7 unchanged"
        );
        // 1/1: FICT/2032/2 names events, partners and places that FICT/2033/1 no longer mentions.
        let one = &html[html.find("data-resolution=\"1/1\"").unwrap()..];
        let one = &one[..one.find("</section>").unwrap()];
        assert!(one.contains("mark mark-unmentioned"), "{lang}: {one}");
        assert!(one.contains("fict-2032-2/#para-2"), "{lang}: {one}");
    }
    let en = &files["en/reports/fict-2033-1/changes/index.html"];
    assert!(en.contains("Well workshop") && en.contains("Nowhere Foundation"));
}

#[test]
fn topics_are_ordered_by_count_then_file_order_with_their_descriptions() {
    let files = pages(&common::repo(), None);
    let html = &files["en/topics/index.html"];
    let counts: Vec<u32> = html
        .split("<span class=\"n\">")
        .skip(1)
        .map(|s| s.split(' ').next().unwrap().parse().unwrap())
        .collect();
    assert!(counts.len() > 3);
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(html.contains("Topics shared by the most resolutions come first"));
    let fx = pages(&common::fixture("tracking"), None);
    assert!(fx["zh/topics/index.html"]
        .contains("<span class=\"topic-description\">虚构报告中的水井和供水。</span>"));
}

#[test]
fn the_entry_page_has_no_chrome_in_one_language() {
    let files = pages(&common::repo(), None);
    let html = &files["index.html"];
    for chrome in [
        "site-header",
        "class=\"notice\"",
        "site-footer",
        "class=\"skip\"",
    ] {
        assert!(!html.contains(chrome), "{chrome} on the entry page");
    }
    assert!(html.contains("hreflang=\"en\"") && html.contains("hreflang=\"zh-Hans\""));
}

#[test]
fn report_sections_carry_their_badges_and_a_way_back_to_the_contents() {
    let files = pages(&common::fixture("tracking"), None);
    let html = &files["en/reports/fict-2033-1/index.html"];
    let sections = html.matches("class=\"report-res\"").count();
    assert!(sections > 0);
    assert_eq!(
        html.matches("<p class=\"badges\"><span class=\"status")
            .count(),
        sections
    );
    assert_eq!(
        html.matches("<p class=\"to-top\"><a href=\"#toc-h\">")
            .count(),
        sections
    );
}
