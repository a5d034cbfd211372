//! Search says what it searched (issue 23): a word answered by the nearest words is named as
//! corrected, a word found nowhere is left out and named, pages lacking some words are results only
//! when no page has them all (and say what they lack), a query none of whose words is found answers
//! nothing and suggests; a slip in one word of a longer query costs rank, not the query; a phrase
//! outranks the same words scattered. `portal search` prints the same notice.

mod common;

use resolution_portal::output::OutFile;
use resolution_portal::search::query::{self, MemStore, Results};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

fn files() -> &'static [OutFile] {
    static FILES: OnceLock<Vec<OutFile>> = OnceLock::new();
    FILES.get_or_init(|| {
        let r = resolution_portal::render_site(Path::new(env!("CARGO_MANIFEST_DIR")), None);
        assert!(!r.has_errors(), "{:?}", r.diagnostics);
        r.files
    })
}

/// As the browser answers from the `lang` page: that language first, then the other.
fn ask(lang: &str, q: &str) -> Results {
    let (en, zh) = (MemStore::new(files(), "en"), MemStore::new(files(), "zh"));
    let stores: [&dyn query::Store; 2] = if lang == "en" { [&en, &zh] } else { [&zh, &en] };
    query::search_languages(&stores, q, 20).unwrap().1
}

fn first(r: &Results) -> (String, String) {
    let h = r.hits.first().expect("a result");
    (h.file.n.clone(), h.href.clone())
}

#[test]
fn a_corrected_word_is_named_as_typed_and_every_word_still_counts() {
    for lang in ["en", "zh"] {
        let r = ask(lang, "Urban Octobre");
        assert_eq!(r.corrected, ["Octobre"], "{lang}");
        assert!(
            r.dropped.is_empty() && !r.partial && r.total > 0,
            "{lang}: {r:?}"
        );
        assert!(r.hits.iter().all(|h| h.lacks.is_empty()));
    }
    let r = ask("en", "Nairobi");
    assert!(r.as_typed(), "{r:?}");
}

#[test]
fn a_word_found_nowhere_is_left_out_and_named_and_the_rest_finds_what_it_finds_alone() {
    for (lang, q, word, alone) in [
        ("en", "Nakuru potatoes", "potatoes", "Nakuru"),
        ("zh", "金贾 香蕉", "香蕉", "金贾"),
        ("zh", "特罗姆瑟 苹果", "苹果", "特罗姆瑟"),
    ] {
        let r = ask(lang, q);
        assert_eq!(r.dropped, [word], "{q}");
        assert!(r.corrected.is_empty() && !r.partial, "{q}: {r:?}");
        let a = ask(lang, alone);
        let pages = |r: &Results| r.hits.iter().map(|h| h.href.clone()).collect::<Vec<_>>();
        assert_eq!((r.total, pages(&r)), (a.total, pages(&a)), "{q} vs {alone}");
    }
}

#[test]
fn pages_with_some_of_the_words_are_results_only_when_none_has_them_all() {
    let r = ask("en", "Tromso Cairo");
    assert!(r.partial && r.dropped.is_empty(), "{r:?}");
    assert_eq!(first(&r).0, "2/3");
    assert_eq!(r.hits[0].lacks, ["Cairo"]);
    assert!(r.hits.iter().all(|h| h.lacks.len() == 1), "{:?}", r.hits);
    // A page holding every word hides those that hold some.
    let r = ask("en", "Tromso cleanup");
    assert!(
        !r.partial && r.hits.iter().all(|h| h.lacks.is_empty()),
        "{r:?}"
    );
}

#[test]
fn a_query_none_of_whose_words_is_found_answers_nothing_and_suggests() {
    for (lang, q, suggestion) in [
        ("en", "Fnd", "fund"),
        ("zh", "Fnd", "fund"),
        ("zh", "特罗姆斯", "特罗姆"),
    ] {
        let r = ask(lang, q);
        assert_eq!((r.total, r.hits.len()), (0, 0), "{q}");
        assert_eq!(r.dropped, [q], "{q}");
        assert_eq!(r.suggestions.first().map(String::as_str), Some(suggestion));
        // A suggestion is a query of its own that finds something.
        assert!(ask(lang, suggestion).total > 0, "{suggestion}");
    }
    let r = ask("en", "zzzyzzy");
    assert_eq!((r.total, r.dropped.len()), (0, 1));
    assert!(r.suggestions.is_empty());
    // Stop words are no content words: nothing is searched, nothing named.
    let r = ask("en", "the of");
    assert!(r.total == 0 && r.dropped.is_empty() && r.suggestions.is_empty());
}

#[test]
fn a_slip_in_a_short_word_of_a_longer_query_costs_rank_not_the_query() {
    let exact = ask("en", "Joint SDG Fund");
    let slip = ask("en", "Joint SDG Fnd");
    assert_eq!(slip.corrected, ["Fnd"]);
    for r in [&exact, &slip] {
        assert_eq!(
            first(r),
            ("2/6".into(), "en/resolutions/2-6/#para-37".into())
        );
    }
    let marked: Vec<&str> = slip.hits[0]
        .snippet
        .iter()
        .filter(|s| s.1)
        .map(|s| s.0.as_str())
        .collect();
    assert!(marked.contains(&"Fund"), "{marked:?}");
    // Alone, a short word is not corrected: it suggests.
    let alone = ask("en", "Fnd");
    assert!(alone.total == 0 && alone.suggestions.contains(&"fund".to_string()));
}

#[test]
fn a_phrase_outranks_its_words_scattered() {
    // ¶23 of 2/2 names "Habitat for Humanity"; other pages have "human" in their titles and
    // "UN-Habitat" in their text.
    for q in ["Habitat for Humanity", "Habitat for Humanty"] {
        assert_eq!(
            first(&ask("en", q)),
            ("2/2".into(), "en/resolutions/2-2/#para-23".into()),
            "{q}"
        );
    }
}

#[test]
fn portal_search_prints_the_same_notice() {
    let out = common::temp("search-notice-cli");
    for f in files().iter().filter(|f| f.path.starts_with("search/")) {
        let p = out.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &f.bytes).unwrap();
    }
    let run = |q: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_portal"))
            .args(["search", q, "--lang", "en", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{q}");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let s = run("Joint SDG Fnd potatoes");
    assert!(s.contains("not found as typed: Fnd;"), "{s}");
    assert!(s.contains("not found, left out: potatoes"), "{s}");
    assert!(s.contains("1. 2/6 "), "{s}");
    let s = run("Tromso Cairo");
    assert!(
        s.contains("no page has every word") && s.contains("lacks: Cairo"),
        "{s}"
    );
    let s = run("Fnd");
    assert!(s.contains("no results; try: fund"), "{s}");
}
