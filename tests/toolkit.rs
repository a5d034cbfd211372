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

/// The `<a href>` a page gives its contact, in the footer (or on the entry page), if any.
fn contact_links(html: &str) -> Vec<&str> {
    ["<p class=\"contact\">", "<p class=\"entry-contact\">"]
        .iter()
        .flat_map(|start| html.match_indices(start).map(|(i, _)| &html[i..]))
        .filter_map(|s| {
            let s = &s[..s.find("</p>")?];
            let href = &s[s.find("<a href=\"")? + 9..];
            Some(&href[..href.find('"')?])
        })
        .collect()
}

#[test]
fn with_a_contact_every_page_links_it_in_its_language() {
    // The fixtures name fictional ones: an issue tracker (tracking) and an e-mail address (basic).
    for (fixture, href, shown) in [
        (
            "tracking",
            "https://issues.example.org/fictional-tracker",
            "issues.example.org/fictional-tracker",
        ),
        (
            "basic",
            "mailto:corrections@example.org",
            "corrections@example.org",
        ),
    ] {
        let r = render_site(&common::fixture(fixture), None);
        // Fictional, so on a placeholder host: warned about, as base_url's is.
        let warned: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("contact"))
            .collect();
        assert!(
            warned.len() == 1
                && !warned[0].is_error()
                && warned[0].message.contains("names the placeholder host `")
                && warned[0].line.is_some(),
            "{fixture}: {:#?}",
            r.diagnostics
        );
        let files = pages(&common::fixture(fixture), None);
        for (path, html) in &files {
            assert_eq!(contact_links(html), [href], "{fixture} {path}");
            assert!(html.contains(&format!(">{shown}</a>")), "{fixture} {path}");
        }
        for (lang, label) in [("en", "Report an error: "), ("zh", "报告错误：")] {
            let home = &files[&format!("{lang}/index.html")];
            assert!(
                home.contains(&format!("<p class=\"contact\">{label}<a href=\"{href}\">")),
                "{fixture} {lang}"
            );
            let about = &files[&format!("{lang}/about/index.html")];
            let section = &about[about.find("id=\"contact-h\"").expect(lang)..];
            let section = &section[..section.find("</section>").unwrap()];
            assert!(
                section.contains(&format!("<a href=\"{href}\">")),
                "{fixture} {lang}"
            );
        }
        // The entry page names it under a label in every language.
        let entry = &files["index.html"];
        assert!(entry.contains("<span lang=\"en\">Report an error</span>"));
        assert!(entry.contains("<span lang=\"zh-Hans\">报告错误</span>"));
    }
}

#[test]
fn without_a_contact_the_build_warns_and_no_page_names_one() {
    let r = render_site(&common::repo(), None);
    let warned: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("contact"))
        .collect();
    assert_eq!(warned.len(), 1, "{:#?}", r.diagnostics);
    let w = warned[0];
    assert!(!w.is_error());
    assert!(w.file.ends_with("site.yaml"), "{w:?}");
    let hint = w.hint.as_deref().unwrap_or("");
    assert!(
        hint.contains("contact:") && hint.contains("--contact"),
        "{hint}"
    );
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    let files = pages(&common::repo(), None);
    for (path, html) in &files {
        assert!(contact_links(html).is_empty(), "{path}");
        // Nor the vague sentence that pointed nowhere.
        assert!(!html.contains("source repository"), "{path}");
    }
    assert!(files["en/about/index.html"]
        .contains("This copy of the site names no address for reports."));
    assert!(files["zh/about/index.html"].contains("本网站的这一版本未提供报告地址。"));
}

#[test]
fn contact_overrides_and_bad_values_are_errors_that_say_where() {
    // `--contact` (here through `render_site_with`) replaces site.yaml's.
    let r = resolution_portal::render_site_with(
        &common::repo(),
        None,
        Some("https://github.com/owner/repo/issues"),
    );
    assert!(!r.diagnostics.iter().any(|d| d.message.contains("contact")));
    let about = r
        .files
        .iter()
        .find(|f| f.path == "en/about/index.html")
        .unwrap();
    let about = String::from_utf8_lossy(&about.bytes);
    assert!(about.contains("Report it at: <a href=\"https://github.com/owner/repo/issues\">github.com/owner/repo/issues</a>"));
    let bad = resolution_portal::render_site_with(&common::repo(), None, Some("http://x.org/"));
    assert!(bad.has_errors() && bad.files.is_empty());
    assert!(bad
        .diagnostics
        .iter()
        .any(|d| d.file.ends_with("--contact")));

    // In site.yaml: an error naming the file, the line and what to write.
    let dir = common::temp("bad-contact");
    common::copy_tree(&common::fixture("tracking"), &dir);
    let yaml = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    let line = yaml
        .lines()
        .position(|l| l.starts_with("contact:"))
        .unwrap()
        + 1;
    for bad in ["open an issue on GitHub", "ftp://x.org/", "a@b"] {
        let text: String = yaml
            .lines()
            .map(|l| {
                if l.starts_with("contact:") {
                    format!("contact: \"{bad}\"")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(dir.join("site.yaml"), text).unwrap();
        let r = render_site(&dir, None);
        let e = r
            .diagnostics
            .iter()
            .find(|d| d.is_error() && d.message.contains("contact"))
            .unwrap_or_else(|| panic!("{bad}: {:#?}", r.diagnostics));
        assert!(
            e.file.ends_with("site.yaml") && e.line == Some(line),
            "{bad}: {e:?}"
        );
        assert!(
            e.hint.as_deref().unwrap_or("").contains("https://"),
            "{e:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);

    // On the command line: exit 2 before anything is built; a good one is used.
    let out = common::temp("contact-flag");
    let run = |contact: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_portal"))
            .args(["build", "--site"])
            .arg(common::fixture("tracking"))
            .arg("--out")
            .arg(out.join("site"))
            .args(["--contact", contact])
            .output()
            .unwrap()
    };
    let o = run("not an address");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--contact `not an address`"));
    assert!(!out.join("site").exists());
    let o = run("errata@un.example.org");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let home = std::fs::read_to_string(out.join("site/en/index.html")).unwrap();
    assert!(home.contains("<a href=\"mailto:errata@un.example.org\">errata@un.example.org</a>"));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn the_entry_page_title_and_lang_are_in_every_language() {
    for site in [common::repo(), common::fixture("tracking")] {
        let files = pages(&site, None);
        let html = &files["index.html"];
        // `mul`: several languages; each part carries its own `lang`.
        assert!(html.contains("<html lang=\"mul\""), "{html}");
        let title = &html[html.find("<title>").unwrap() + 7..html.find("</title>").unwrap()];
        let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
        let parsed: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        let langs = parsed["languages"].as_sequence().unwrap();
        assert!(langs.len() > 1);
        let mut want = vec![];
        for l in langs {
            let code = l["code"].as_str().unwrap();
            let t = parsed["title"][code].as_str().unwrap();
            want.push(t.to_string());
            assert!(
                html.contains(&format!(
                    "<span lang=\"{}\">{t}</span>",
                    l["html_lang"].as_str().unwrap()
                )),
                "{code}"
            );
        }
        assert_eq!(title, want.join(" · "));
        assert!(!html.contains("og:locale"));
        // Other pages keep their own language.
        assert!(files["zh/index.html"].contains("<html lang=\"zh-Hans\""));
    }
}

#[test]
fn resolution_and_changes_pages_say_no_change_since_the_previous_report() {
    let files = pages(&common::fixture("tracking"), None);
    let line = |lang: &str, res: &str| -> Option<String> {
        let html = &files[&format!("{lang}/resolutions/{res}/index.html")];
        let i = html.find("<p class=\"no-change\">")?;
        Some(
            visible_text(&html[i..i + html[i..].find("</p>").unwrap()])
                .trim()
                .to_string(),
        )
    };
    // FICT/2033/1 against FICT/2032/2: 1/1 and 2/7 unchanged (as the changes page marks them);
    // 1/2 has a new figure but the same status and funding; 1/3 is new in FICT/2033/1.
    for (lang, unchanged, same) in [
        (
            "en",
            "No change No change in status, funding or figures from FICT/2032/2 to FICT/2033/1, and no new fact.",
            "Since FICT/2032/2: no change in status or funding.",
        ),
        (
            "zh",
            "无变化 从 FICT/2032/2 到 FICT/2033/1，执行状况、资金和金额均无变化，也无新事实。",
            "自 FICT/2032/2 以来：执行状况和资金状况均无变化。",
        ),
    ] {
        assert_eq!(line(lang, "1-1").as_deref(), Some(unchanged), "{lang}");
        assert_eq!(line(lang, "2-7").as_deref(), Some(unchanged), "{lang}");
        assert_eq!(line(lang, "1-2").as_deref(), Some(same), "{lang}");
        assert_eq!(line(lang, "1-3"), None, "{lang}");
        let changes = &files[&format!("{lang}/reports/fict-2033-1/changes/index.html")];
        for res in ["1/1", "2/7"] {
            let e = &changes[changes.find(&format!("data-resolution=\"{res}\"")).unwrap()..];
            let e = &e[..e.find("</section>").unwrap()];
            assert!(e.contains("mark mark-unchanged"), "{lang} {res}");
        }
        // 1/2 changed, but only in a figure: its entry says the judgements held, then what changed.
        let e = &changes[changes.find("data-resolution=\"1/2\"").unwrap()..];
        let e = &e[..e.find("</section>").unwrap()];
        let i = e.find("<p class=\"no-change\">").expect("1/2: no-change line");
        let said = visible_text(&e[i..i + e[i..].find("</p>").unwrap()]);
        assert_eq!(said.trim(), same, "{lang}");
        assert!(i < e.find("class=\"changes\"").unwrap(), "{lang}: line before the changes");
        // 1/3 is new in FICT/2033/1: nothing to hold.
        let e = &changes[changes.find("data-resolution=\"1/3\"").unwrap()..];
        assert!(!e[..e.find("</section>").unwrap()].contains("no-change"), "{lang}");
    }
    // One report: nothing to compare, nothing said.
    let bundled = pages(&common::repo(), None);
    assert!(!bundled.values().any(|h| h.contains("class=\"no-change\"")));
}

#[test]
fn the_report_contents_stay_at_hand() {
    let mut seen = 0;
    for site in [common::repo(), common::fixture("tracking")] {
        for (path, html) in pages(&site, None) {
            if !path.contains("/reports/")
                || path.contains("/changes/")
                || path.ends_with("reports/index.html")
            {
                continue;
            }
            seen += 1;
            // The contents column and the report side by side (style.css makes the column sticky).
            let layout = html.find("<div class=\"report-layout\">").expect(&path);
            let toc = html
                .find("<nav aria-labelledby=\"toc-h\" class=\"toc\">")
                .expect(&path);
            let body = html.find("<div class=\"report-body\">").expect(&path);
            assert!(layout < toc && toc < body, "{path}");
            // The phone's bar: one link back to the contents, after the last section.
            assert_eq!(
                html.matches("<p class=\"toc-jump\"><a href=\"#toc-h\">")
                    .count(),
                1,
                "{path}"
            );
            assert!(
                html.find("class=\"toc-jump\"").unwrap()
                    > html.rfind("class=\"report-res\"").unwrap_or(0)
            );
        }
    }
    // The bundled report in two languages, the fixture's three.
    assert_eq!(seen, 2 + 3 * 2);
    let css =
        std::fs::read_to_string(common::repo().join("themes/default/static/style.css")).unwrap();
    assert!(css.contains(".report-layout > .toc { position: sticky;"));
    assert!(css.contains(".toc-jump { position: sticky; bottom: 0;"));
}
