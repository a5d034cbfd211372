//! Tests over the bundled content: the real report HSP/EB.2024/20 as published by this portal.
//! Fidelity to the seed document, completeness of pages in every language, reciprocal language links,
//! and funding claims that point at real paragraphs without any invented amount.

mod common;

use resolution_portal::model::{Doc, Site};
use resolution_portal::{load, render_site, validate};
use std::collections::{BTreeMap, BTreeSet};

fn site() -> Site {
    let (loaded, mut diags) = load::load(&common::repo());
    let (site, d) = validate::validate(loaded);
    diags.extend(d);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "bundled content has errors: {errors:#?}");
    site.unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Paragraphs of the seed: lines starting with "N. ".
fn seed_paragraphs() -> BTreeMap<u32, String> {
    let text = std::fs::read_to_string(common::repo().join("seeds/HSP-EB.2024-20.zh.txt")).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let Some((num, rest)) = line.split_once(". ") else {
            continue;
        };
        if let Ok(n) = num.trim().parse::<u32>() {
            assert!(
                out.insert(n, rest.trim().to_string()).is_none(),
                "seed paragraph {n} twice"
            );
        }
    }
    out
}

fn all_docs<'a>(site: &'a Site, lang: &str) -> Vec<&'a Doc> {
    let mut v = Vec::new();
    for rep in &site.reports {
        v.extend(rep.text.get(lang));
        for u in &rep.updates {
            v.extend(u.text.get(lang));
        }
    }
    v
}

#[test]
fn chinese_paragraphs_are_the_seed_text_and_each_appears_once() {
    let site = site();
    let seed = seed_paragraphs();
    assert_eq!(
        seed.keys().copied().collect::<Vec<_>>(),
        (1..=49).collect::<Vec<_>>()
    );
    let mut seen = BTreeMap::new();
    for doc in all_docs(&site, "zh") {
        for p in &doc.paragraphs {
            *seen.entry(p.number).or_insert(0) += 1;
            assert_eq!(
                squash(&p.markdown),
                squash(&seed[&p.number]),
                "paragraph {} in {} differs from the seed",
                p.number,
                doc.file.display()
            );
        }
    }
    assert_eq!(
        seen.keys().copied().collect::<Vec<_>>(),
        (1..=49).collect::<Vec<_>>()
    );
    assert!(
        seen.values().all(|&c| c == 1),
        "a paragraph appears more than once: {seen:?}"
    );
}

/// Digit runs of a Chinese paragraph, with the forms an English translation legitimately uses instead:
/// "2 400 万" is "24 million", "5 亿" is "500 million" or "0.5 billion", "6 月" is "June".
fn number_forms(zh: &str) -> Vec<(String, Vec<String>)> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let chars: Vec<char> = zh.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut num = String::new();
        // Digits grouped by a space in thousands ("2 400") are one number.
        while i < chars.len() {
            if chars[i].is_ascii_digit() {
                num.push(chars[i]);
                i += 1;
            } else if chars[i] == ' '
                && i + 3 < chars.len()
                && chars[i + 1..].iter().take(3).all(|c| c.is_ascii_digit())
                && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
            {
                i += 1;
            } else {
                break;
            }
        }
        let next = chars[i..].iter().find(|c| **c != ' ').copied();
        let n: u64 = num.parse().unwrap();
        let mut forms = vec![num.clone()];
        match next {
            Some('万') if n.is_multiple_of(100) => forms.push(format!("{} million", n / 100)),
            Some('亿') => {
                forms.push(format!("{} million", n * 100));
                forms.push(format!("{} billion", n as f64 / 10.0));
            }
            Some('月') if (1..=12).contains(&n) => forms.push(MONTHS[n as usize - 1].to_string()),
            _ => {}
        }
        out.push((num, forms));
    }
    out
}

#[test]
fn every_number_of_the_chinese_text_is_in_the_english_translation() {
    let site = site();
    let mut failures = Vec::new();
    for rep in &site.reports {
        let pairs = std::iter::once((&rep.text, "report"))
            .chain(rep.updates.iter().map(|u| (&u.text, "update")));
        for (texts, _) in pairs {
            let (zh, en) = (&texts["zh"], &texts["en"]);
            for (pz, pe) in zh.paragraphs.iter().zip(&en.paragraphs) {
                assert_eq!(pz.number, pe.number);
                for (num, forms) in number_forms(&pz.markdown) {
                    if !forms.iter().any(|f| pe.markdown.contains(f.as_str())) {
                        failures.push(format!(
                            "paragraph {}: `{num}` (or {forms:?}) missing in English",
                            pz.number
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn number_forms_handle_chinese_units() {
    let f = number_forms("约 2 400 万美元，5 亿儿童，6 月，第 2/7 号");
    assert_eq!(
        f[0],
        ("2400".into(), vec!["2400".into(), "24 million".into()])
    );
    assert!(f[1].1.contains(&"0.5 billion".to_string()));
    assert!(f[2].1.contains(&"June".to_string()));
    assert_eq!(f[3].0, "2");
}

fn built() -> BTreeMap<String, String> {
    let r = render_site(&common::repo(), None);
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    r.files
        .into_iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
        .collect()
}

#[test]
fn every_resolution_has_a_page_with_its_paragraphs_in_every_language() {
    let site = site();
    let pages = built();
    for lang in &site.config.languages {
        for r in &site.resolutions {
            let path = format!("{}/resolutions/{}/index.html", lang.code, r.id.slug());
            let html = pages.get(&path).unwrap_or_else(|| panic!("missing {path}"));
            assert!(
                html.contains(&format!("<html lang=\"{}\"", lang.html_lang)),
                "{path}"
            );
            for (_, u) in site.updates_of(r.id) {
                for n in &u.paragraphs {
                    assert!(
                        html.contains(&format!("id=\"para-{n}\"")),
                        "{path} lacks paragraph {n}"
                    );
                }
            }
        }
    }
}

fn attr_values<'a>(html: &'a str, tag_start: &str, attr: &str) -> Vec<&'a str> {
    html.match_indices(tag_start)
        .filter_map(|(i, _)| {
            let tag = &html[i..i + html[i..].find('>')?];
            let a = tag.find(&format!(" {attr}=\""))? + attr.len() + 3;
            Some(&tag[a..a + tag[a..].find('"')?])
        })
        .collect()
}

#[test]
fn hreflang_alternates_are_reciprocal() {
    let pages = built();
    // The bundled site.yaml sets no base_url: alternates are root-relative.
    let base = "/";
    let mut links: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, html) in &pages {
        if path == "index.html" || path == "404.html" {
            continue;
        }
        let me = format!("{base}{}", path.trim_end_matches("index.html"));
        let alts: BTreeSet<String> = html
            .lines()
            .filter(|l| {
                l.starts_with("<link rel=\"alternate\" hreflang=") && !l.contains("x-default")
            })
            .flat_map(|l| attr_values(l, "<link", "href"))
            .map(str::to_owned)
            .collect();
        assert!(
            alts.contains(&me),
            "{path} does not list itself among its alternates"
        );
        assert!(
            html.contains("hreflang=\"x-default\""),
            "{path} lacks x-default"
        );
        links.insert(me, alts);
    }
    for (page, alts) in &links {
        for alt in alts {
            let back = links
                .get(alt)
                .unwrap_or_else(|| panic!("{page} points to {alt}, which does not exist"));
            assert!(back.contains(page), "{alt} does not point back to {page}");
        }
    }
}

#[test]
fn every_referenced_document_symbol_appears_on_the_report_page() {
    let site = site();
    let pages = built();
    for rep in &site.reports {
        for lang in &site.config.languages {
            let html = &pages[&format!("{}/reports/{}/index.html", lang.code, rep.slug)];
            for d in &rep.documents {
                assert!(
                    html.contains(&d.symbol),
                    "{} missing on the {} report page",
                    d.symbol,
                    lang.code
                );
            }
        }
        for sym in [
            "HSP/EB.2024/4",
            "HSP/EB.2024/14",
            "HSP/EB.2024/17",
            "HSP/EB.2024/INF/15",
            "HSP/EB.2024/INF/16",
            "HSP/EB.2023/23",
        ] {
            assert!(
                rep.documents.iter().any(|d| d.symbol == sym),
                "{sym} is not a structured reference"
            );
        }
    }
}

#[test]
fn english_pages_say_they_are_an_unofficial_translation() {
    let pages = built();
    for (path, html) in &pages {
        if path.starts_with("en/") {
            assert!(
                html.contains("unofficial translation of the Chinese edition of HSP/EB.2024/20"),
                "{path}"
            );
            assert!(
                html.contains("https://undocs.org/en/HSP/EB.2024/20"),
                "{path} does not link the official symbol"
            );
        }
    }
}

#[test]
fn funding_claims_point_at_paragraphs_of_their_update() {
    let site = site();
    for rep in &site.reports {
        for u in &rep.updates {
            let f = &u.funding;
            let paras = f
                .sources
                .iter()
                .map(|s| s.para)
                .chain(f.lacking.iter().map(|x| x.para))
                .chain(f.consequences.iter().map(|x| x.para))
                .chain(f.amounts.iter().map(|a| a.para))
                .chain(f.status_basis());
            for p in paras {
                assert!(
                    u.paragraphs.contains(&p),
                    "{}: funding evidence ¶{p} is not one of its paragraphs",
                    u.resolution
                );
            }
        }
    }
}

#[test]
fn every_amount_is_stated_in_its_paragraph_and_no_other_appears() {
    let site = site();
    let mut stated = BTreeSet::new();
    for rep in &site.reports {
        for u in &rep.updates {
            for a in &u.funding.amounts {
                stated.insert(a.value);
                let zh = &u.text["zh"]
                    .paragraphs
                    .iter()
                    .find(|p| p.number == a.para)
                    .unwrap()
                    .markdown;
                let forms = number_forms(zh);
                let wan = a.value % 10_000 == 0
                    && forms
                        .iter()
                        .any(|(n, _)| n.parse::<u64>().ok() == Some(a.value / 10_000));
                let plain = forms
                    .iter()
                    .any(|(n, _)| n.parse::<u64>().ok() == Some(a.value));
                assert!(
                    wan || plain,
                    "{}: amount {} is not stated in paragraph {}",
                    u.resolution,
                    a.value,
                    a.para
                );
            }
        }
    }
    // The open data may only carry those amounts.
    let r = render_site(&common::repo(), None);
    let csv = r
        .files
        .iter()
        .find(|f| f.path == "data/funding.csv")
        .unwrap();
    let csv = String::from_utf8(csv.bytes.clone()).unwrap();
    assert!(
        csv.starts_with('\u{feff}'),
        "the CSV starts with a byte order mark"
    );
    // Rows end in CRLF; a list inside a cell has one item per line (LF alone).
    let mut rows = csv.trim_start_matches('\u{feff}').split("\r\n");
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (amounts, figures) = (
        at("amounts"),
        [at("requirement"), at("mobilized"), at("gap")],
    );
    for row in rows.filter(|r| !r.is_empty()) {
        let inner = row
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .unwrap();
        let cells: Vec<&str> = inner.split("\",\"").collect();
        assert_eq!(cells.len(), header.len(), "{row}");
        // `kind value currency [approximate] (para N)`, one amount per line.
        for v in cells[amounts].split('\n').filter(|s| !s.is_empty()) {
            let value = v.split(' ').nth(1).unwrap();
            assert!(
                stated.contains(&value.parse::<u64>().unwrap()),
                "amount {v} in funding.csv is not in the content"
            );
        }
        for c in figures {
            assert_eq!(
                cells[c], "",
                "the bundled report states no requirement, mobilized or gap"
            );
        }
    }
}

#[test]
fn no_broken_internal_link() {
    let r = render_site(&common::repo(), None);
    let broken = common::broken_links(&r.files, "/");
    assert!(broken.is_empty(), "{broken:#?}");
}

/// A quote: (paragraph, Chinese words, English words).
type Quote = (u32, String, String);
/// A judgement: (resolution, kind, label, its quotes).
type Judgement = (String, &'static str, &'static str, Vec<Quote>);

/// The judgements of every update.
fn judgements(site: &Site) -> Vec<Judgement> {
    let mut out = Vec::new();
    for rep in &site.reports {
        for u in &rep.updates {
            let quotes = |es: &[resolution_portal::model::Evidence]| {
                es.iter()
                    .map(|e| {
                        (
                            e.para,
                            e.quote.get("zh").unwrap_or("").to_string(),
                            e.quote.get("en").unwrap_or("").to_string(),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            let id = u.resolution.to_string();
            out.push((
                id.clone(),
                "status",
                u.status.key(),
                quotes(&u.status_evidence),
            ));
            out.push((
                id,
                "funding",
                u.funding.status.key(),
                quotes(&u.funding.evidence),
            ));
        }
    }
    out
}

#[test]
fn every_quote_is_verbatim_in_its_seed_paragraph() {
    let site = site();
    let seed = seed_paragraphs();
    let mut quotes = 0;
    for (id, kind, label, qs) in judgements(&site) {
        if label != "not-reported" && label != "nothing-stated" {
            assert!(!qs.is_empty(), "{id}: {kind} `{label}` quotes nothing");
        }
        for (para, zh, en) in qs {
            quotes += 1;
            assert!(
                !zh.trim().is_empty() && squash(&seed[&para]).contains(&squash(&zh)),
                "{id}: the {kind} quote “{zh}” is not in paragraph {para} of the seed"
            );
            assert!(
                !en.trim().is_empty(),
                "{id}: the {kind} quote has no English rendering"
            );
        }
    }
    // Every news line too.
    for rep in &site.reports {
        for u in &rep.updates {
            if let Some(n) = &u.news {
                let zh = n.quote.get("zh").unwrap();
                assert!(
                    squash(&seed[&n.para]).contains(&squash(zh)),
                    "{}: the news “{zh}” is not in paragraph {} of the seed",
                    u.resolution,
                    n.para
                );
            }
        }
    }
    assert!(quotes >= 20, "only {quotes} quotes");
}

#[test]
fn identical_wording_never_gets_different_labels() {
    let site = site();
    let mut by_words: BTreeMap<(&str, String), BTreeSet<(&str, String)>> = BTreeMap::new();
    for (id, kind, label, qs) in judgements(&site) {
        // A judgement's words: the Chinese quotes, whitespace aside.
        let words: String = qs
            .iter()
            .map(|(_, zh, _)| squash(zh))
            .collect::<Vec<_>>()
            .join("|");
        if !words.is_empty() {
            by_words
                .entry((kind, words))
                .or_default()
                .insert((label, id));
        }
    }
    for ((kind, words), labels) in &by_words {
        let distinct: BTreeSet<&str> = labels.iter().map(|(l, _)| *l).collect();
        assert_eq!(distinct.len(), 1, "{kind} “{words}” gets {labels:?}");
    }
    // The same sentence of ¶23 (2/2) and ¶41 (2/7): project funding where opportunities allow, and
    // limited core staff time, with no or limited voluntary funding.
    let funding_of = |r: &str| {
        judgements(&site)
            .into_iter()
            .find(|(id, k, _, _)| id == r && *k == "funding")
            .map(|(_, _, l, _)| l)
            .unwrap()
    };
    assert_eq!(funding_of("2/2"), funding_of("2/7"));
    // And every label follows from its words by the cues of content/vocabulary.yaml.
    let order = |kind: &str| -> Vec<&'static str> {
        if kind == "status" {
            resolution_portal::model::Status::keys()
        } else {
            resolution_portal::model::FundingStatus::keys()
        }
    };
    for (id, kind, label, qs) in judgements(&site) {
        if qs.is_empty() {
            continue;
        }
        let cues = if kind == "status" {
            &site.vocabulary.status
        } else {
            &site.vocabulary.funding
        };
        // Each quote on its own: a cue never spans two quotes.
        let words: Vec<&str> = qs.iter().map(|(_, zh, _)| zh.as_str()).collect();
        let entailed = resolution_portal::evidence::entailed(cues, &order(kind), "zh", &words);
        assert_eq!(
            entailed.map(|(l, _)| l),
            Some(label),
            "{id}: {kind} words {words:?}"
        );
    }
}

#[test]
fn every_label_is_defined_on_the_about_page_in_every_language() {
    let pages = built();
    let site = site();
    for l in &site.config.languages {
        let about = &pages[&format!("{}/about/index.html", l.code)];
        for key in resolution_portal::model::Status::ALL
            .iter()
            .map(|s| s.key())
            .chain(
                resolution_portal::model::FundingStatus::ALL
                    .iter()
                    .map(|s| s.key()),
            )
        {
            assert!(
                about.contains(&format!("id=\"{key}\"")),
                "{}: no definition of {key}",
                l.code
            );
        }
        // Every resolution page: each judgement links its definition and quotes its paragraph.
        for r in &site.resolutions {
            let page = &pages[&format!("{}/resolutions/{}/index.html", l.code, r.id.slug())];
            for kind in ["status", "funding"] {
                let at = page
                    .find(&format!("data-judgement=\"{kind}\""))
                    .unwrap_or_else(|| panic!("{}: {} has no {kind} judgement", l.code, r.id));
                let block = &page[at..at + page[at..].find("</div>").unwrap()];
                assert!(
                    block.contains(&format!("href=\"/{}/about/#", l.code)),
                    "{block}"
                );
                assert!(
                    block.contains("data-evidence-para=\"")
                        || block.contains("data-evidence=\"none\""),
                    "{block}"
                );
            }
        }
        // Every page's footer links the about page, and none claims to be the system of ¶49.
        for (path, html) in pages
            .iter()
            .filter(|(p, _)| p.starts_with(&format!("{}/", l.code)) && p.ends_with(".html"))
        {
            assert!(
                html.contains(&format!("href=\"/{}/about/\"", l.code)),
                "{path} does not link the about page"
            );
        }
    }
}

#[test]
fn each_fact_is_listed_once_per_update() {
    let site = site();
    for rep in &site.reports {
        for u in &rep.updates {
            for (field, names) in [
                (
                    "partners",
                    u.partners.iter().map(|n| &n.name).collect::<Vec<_>>(),
                ),
                ("places", u.places.iter().map(|n| &n.name).collect()),
                ("events", u.events.iter().map(|e| &e.name).collect()),
                ("counts", u.counts.iter().map(|c| &c.what).collect()),
            ] {
                let mut seen = BTreeSet::new();
                for n in names {
                    let en = n.get("en").unwrap_or("");
                    assert!(
                        seen.insert(en),
                        "{}: {field} lists “{en}” twice",
                        u.resolution
                    );
                }
            }
        }
    }
}

/// Text the portal writes around the report's words, on Chinese pages, uses Chinese punctuation: no
/// ASCII comma or parenthesis next to a Chinese character, no number glued to a description.
#[test]
fn generated_chinese_uses_chinese_punctuation() {
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for (path, html) in built()
        .iter()
        .filter(|(p, _)| p.starts_with("zh/") && p.ends_with(".html"))
    {
        // The report's own paragraphs and the cite block (which quotes every language) are left out.
        let mut text = String::new();
        let mut rest = html.as_str();
        while let Some(i) = rest.find("<div class=\"ptext\">") {
            text.push_str(&rest[..i]);
            rest = rest[i..].split_once("</div>").map(|(_, r)| r).unwrap_or("");
        }
        text.push_str(rest);
        let text = text.split("class=\"cite").next().unwrap_or("");
        let plain: String = {
            let mut out = String::new();
            let mut tag = false;
            for c in text.chars() {
                match c {
                    '<' => tag = true,
                    '>' => tag = false,
                    c if !tag => out.push(c),
                    _ => {}
                }
            }
            out
        };
        let chars: Vec<char> = plain.chars().collect();
        for w in chars.windows(3) {
            let bad = (cjk(w[0]) && w[1] == ',' && (w[2] == ' ' || cjk(w[2])))
                || (cjk(w[0]) && w[1] == ' ' && w[2] == '(')
                || (cjk(w[0]) && w[1] == '(');
            assert!(
                !bad,
                "{path}: “{}” uses ASCII punctuation in Chinese text",
                w.iter().collect::<String>()
            );
        }
    }
}

/// The README's default build publishes no placeholder host: without a base_url, links are
/// root-relative and what needs an absolute URL is left out (and `check` says so).
#[test]
fn default_build_names_no_placeholder_host() {
    let r = render_site(&common::repo(), None);
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    for f in &r.files {
        let text = String::from_utf8_lossy(&f.bytes);
        for host in ["example.org", "example.com", "example.net"] {
            assert!(!text.contains(host), "{} names {host}", f.path);
        }
    }
    assert!(r
        .files
        .iter()
        .all(|f| f.path != "sitemap.xml" && !f.path.ends_with("feed.xml")));
    assert!(r
        .diagnostics
        .iter()
        .any(|d| !d.is_error() && d.message.contains("base_url names no host")));
    // With a real host, the sitemap and feeds come back, under that host.
    let r = render_site(&common::repo(), Some("https://portal.unhabitat.org/"));
    let sitemap = r
        .files
        .iter()
        .find(|f| f.path == "sitemap.xml")
        .expect("sitemap.xml");
    assert!(String::from_utf8_lossy(&sitemap.bytes)
        .contains("<loc>https://portal.unhabitat.org/en/topics/</loc>"));
}
