//! The search evaluation (`tests/search-eval.tsv`): queries typed the way readers type them (either
//! script, slips, acronyms, amounts, paragraph numbers, the other language), each with the
//! resolution and paragraph that answer it. Every query must put its resolution in the first three
//! results with a link to the paragraph; recall@1, recall@3, paragraph hits and bytes read are
//! printed per category (`cargo test --test search_eval -- --nocapture`) for docs/search.md. A
//! query may also name the notice its answer carries (corrected, dropped, partial, suggestions), or
//! that it finds nothing (`no-results`, kept out of recall).

use resolution_portal::output::OutFile;
use resolution_portal::search::query::{self, MemStore, Results};
use std::collections::BTreeMap;
use std::path::Path;

struct Case {
    category: String,
    lang: String,
    query: String,
    resolution: String,
    paras: Vec<u32>,
    notice: Option<Notice>,
}

/// What the answer must say it did (the sixth column of `search-eval.tsv`).
#[derive(Debug, Default, PartialEq)]
struct Notice {
    corrected: Vec<String>,
    dropped: Vec<String>,
    partial: bool,
    /// The first suggestions, in order.
    suggest: Vec<String>,
}

impl Notice {
    fn parse(s: &str) -> Notice {
        let mut n = Notice::default();
        let words = |v: &str| v.split(' ').map(String::from).collect::<Vec<_>>();
        for item in s.split(';') {
            match item.split_once('=') {
                Some(("corrected", v)) => n.corrected = words(v),
                Some(("dropped", v)) => n.dropped = words(v),
                Some(("suggest", v)) => n.suggest = words(v),
                None if item == "partial" => n.partial = true,
                _ => panic!("search-eval.tsv: unknown notice item {item:?}"),
            }
        }
        n
    }

    /// The notice of an answer, its suggestions cut to as many as this one names.
    fn of(r: &Results, like: &Notice) -> Notice {
        Notice {
            corrected: r.corrected.clone(),
            dropped: r.dropped.clone(),
            partial: r.partial,
            suggest: r
                .suggestions
                .iter()
                .take(like.suggest.len())
                .cloned()
                .collect(),
        }
    }
}

fn cases() -> Vec<Case> {
    let text = include_str!("search-eval.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() == 5 || f.len() == 6, "{l:?}");
            Case {
                category: f[0].into(),
                lang: f[1].into(),
                query: f[2].into(),
                resolution: f[3].into(),
                paras: f[4]
                    .split(',')
                    .filter(|p| *p != "-")
                    .map(|p| p.parse().unwrap())
                    .collect(),
                notice: f.get(5).map(|n| Notice::parse(n)),
            }
        })
        .collect()
}

/// As the browser client does (`query::search_languages`): the page's language first, then each
/// other language in the order of `site.yaml`. Returns the results, their language and the bytes read.
fn search(files: &[OutFile], langs: &[String], lang: &str, q: &str) -> (Results, String, usize) {
    let order: Vec<&str> = std::iter::once(lang)
        .chain(langs.iter().map(String::as_str).filter(|l| *l != lang))
        .collect();
    let stores: Vec<MemStore> = order.iter().map(|l| MemStore::new(files, l)).collect();
    let dyns: Vec<&dyn query::Store> = stores.iter().map(|s| s as &dyn query::Store).collect();
    let (i, r) = query::search_languages(&dyns, q, 20).unwrap_or_else(|e| panic!("{q}: {e}"));
    let bytes = stores.iter().map(|s| s.bytes.get()).sum();
    (r, order[i].to_string(), bytes)
}

#[derive(Default)]
struct Tally {
    n: usize,
    at1: usize,
    at3: usize,
    para: usize,
    bytes: usize,
}

#[test]
fn every_evaluation_query_finds_its_paragraph_in_the_top_three() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = resolution_portal::render_site(root, None);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let (loaded, _) = resolution_portal::load::load(root);
    let (site, _) = resolution_portal::validate::validate(loaded);
    let langs: Vec<String> = site
        .expect("valid site")
        .config
        .languages
        .iter()
        .map(|l| l.code.clone())
        .collect();
    let cases = cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut nothing = Tally::default();
    for c in &cases {
        let (res, used, bytes) = search(&r.files, &langs, &c.lang, &c.query);
        if let Some(want) = &c.notice {
            let got = Notice::of(&res, want);
            if &got != want {
                misses.push(format!(
                    "{} {} {:?}: notice {got:?}, want {want:?}",
                    c.category, c.lang, c.query
                ));
            }
        }
        if c.resolution == "-" {
            // Finds nothing: kept out of recall.
            nothing.n += 1;
            nothing.bytes += bytes;
            if res.total > 0 {
                misses.push(format!(
                    "{} {:?}: want no results, got {}",
                    c.lang, c.query, res.total
                ));
            }
            continue;
        }
        let numbers: Vec<&str> = res.hits.iter().map(|h| h.file.n.as_str()).collect();
        let rank = numbers.iter().position(|n| *n == c.resolution);
        let para_hit = rank.filter(|&k| k < 3).is_some_and(|k| {
            let href = &res.hits[k].href;
            c.paras
                .iter()
                .any(|p| href.ends_with(&format!("#para-{p}")))
        });
        let t = tally.entry(c.category.clone()).or_default();
        t.n += 1;
        t.at1 += usize::from(rank == Some(0));
        t.at3 += usize::from(rank.is_some_and(|k| k < 3));
        t.para += usize::from(para_hit);
        t.bytes += bytes;
        if !para_hit {
            let first: Vec<String> = res
                .hits
                .iter()
                .take(3)
                .map(|h| format!("{} {}", h.file.n, h.href))
                .collect();
            misses.push(format!(
                "{} {} {:?} ({used}): want {} ¶{:?}, got {first:?}",
                c.category, c.lang, c.query, c.resolution, c.paras
            ));
        }
    }
    println!("| category | queries | recall@1 | recall@3 | paragraph hits | bytes per query |");
    println!("|---|---|---|---|---|---|");
    let mut all = Tally::default();
    for (cat, t) in &tally {
        println!(
            "| {cat} | {} | {} | {} | {} | {:.1} KB |",
            t.n,
            t.at1,
            t.at3,
            t.para,
            t.bytes as f64 / t.n as f64 / 1000.0
        );
        all.n += t.n;
        all.at1 += t.at1;
        all.at3 += t.at3;
        all.para += t.para;
        all.bytes += t.bytes;
    }
    println!(
        "| all | {} | {} | {} | {} | {:.1} KB |",
        all.n,
        all.at1,
        all.at3,
        all.para,
        all.bytes as f64 / all.n as f64 / 1000.0
    );
    println!(
        "| (no-results) | {} | – | – | – | {:.1} KB |",
        nothing.n,
        nothing.bytes as f64 / nothing.n.max(1) as f64 / 1000.0
    );
    assert!(
        misses.is_empty(),
        "{} of {} missed:\n{}",
        misses.len(),
        all.n + nothing.n,
        misses.join("\n")
    );
}
