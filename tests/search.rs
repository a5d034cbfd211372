//! Search over the bundled portal, from the index files the build writes: every place, partner,
//! event place and topic named for a resolution finds that resolution among the first results, in
//! both languages; the example queries put the expected resolution first.

use resolution_portal::model::Site;
use resolution_portal::output::OutFile;
use resolution_portal::search::query::{self, MemStore};
use std::path::Path;

fn built() -> (Vec<OutFile>, Site) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = resolution_portal::render_site(root, None);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let (loaded, _) = resolution_portal::load::load(root);
    let (site, _) = resolution_portal::validate::validate(loaded);
    (r.files, site.expect("valid site"))
}

fn first_numbers(files: &[OutFile], lang: &str, q: &str, n: usize) -> Vec<String> {
    let store = MemStore::new(files, lang);
    query::search(&store, q, n)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .hits
        .into_iter()
        .map(|h| h.file.n)
        .collect()
}

#[test]
fn example_queries_put_the_expected_resolution_first() {
    let (files, _) = built();
    for (lang, q, want) in [
        ("zh", "特罗姆瑟", "2/3"),
        ("zh", "贫民窟", "2/2"),
        ("zh", "斯特拉斯堡", "2/1"),
        ("zh", "适当住房", "2/7"),
        ("zh", "SURGe 倡议", "2/5"),
        ("zh", "2/7", "2/7"),
        ("en", "tromso", "2/3"),
        ("en", "Tromsø", "2/3"),
        ("en", "adequate housing", "2/7"),
        ("en", "biodivers", "2/4"),
        ("en", "localizing", "2/6"),
        ("en", "localization", "2/6"),
        ("en", "2/7", "2/7"),
        ("en", "2/10", "2/10"),
        ("en", "Nakuru", "1/5"),
    ] {
        let got = first_numbers(&files, lang, q, 5);
        assert_eq!(
            got.first().map(String::as_str),
            Some(want),
            "{lang} {q:?}: {got:?}"
        );
    }
}

#[test]
fn every_named_place_partner_and_topic_finds_its_resolution() {
    let (files, site) = built();
    let mut misses = Vec::new();
    let mut checked = 0;
    for lang in ["en", "zh"] {
        for rep in &site.reports {
            for u in &rep.updates {
                let id = u.resolution.to_string();
                let res = site.resolution(u.resolution).unwrap();
                let mut names: Vec<String> = Vec::new();
                for n in u.partners.iter().chain(&u.places) {
                    names.extend(n.name.get(lang).map(String::from));
                }
                for e in &u.events {
                    names.extend(e.place.as_ref().and_then(|p| p.get(lang)).map(String::from));
                }
                for t in &res.topics {
                    let topic = site.topics.iter().find(|x| &x.id == t).unwrap();
                    names.extend(topic.label.get(lang).map(String::from));
                }
                for name in names {
                    checked += 1;
                    let got = first_numbers(&files, lang, &name, 10);
                    if !got.contains(&id) {
                        misses.push(format!("{lang} {name:?} → {got:?}, want {id}"));
                    }
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} names checked");
    assert!(
        misses.is_empty(),
        "{} of {checked} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn a_query_reads_only_a_few_small_files() {
    let (files, _) = built();
    for (lang, q) in [("zh", "特罗姆瑟"), ("en", "adequate housing")] {
        let store = MemStore::new(&files, lang);
        query::search(&store, q, 20).unwrap();
        assert!(
            store.bytes.get() < 100_000,
            "{lang} {q}: {} bytes",
            store.bytes.get()
        );
    }
}

#[test]
fn snippets_highlight_the_words_and_link_to_the_paragraph() {
    let (files, _) = built();
    let store = MemStore::new(&files, "zh");
    let r = query::search(&store, "特罗姆瑟", 5).unwrap();
    let h = &r.hits[0];
    assert!(
        h.href.starts_with("zh/resolutions/2-3/#para-"),
        "{}",
        h.href
    );
    let marked: Vec<&str> = h
        .snippet
        .iter()
        .filter(|s| s.1)
        .map(|s| s.0.as_str())
        .collect();
    assert!(marked.contains(&"特罗姆瑟"), "{:?}", h.snippet);
    let store = MemStore::new(&files, "en");
    let r = query::search(&store, "localizing", 5).unwrap();
    let marked: Vec<String> = r.hits[0]
        .snippet
        .iter()
        .filter(|s| s.1)
        .map(|s| s.0.to_lowercase())
        .collect();
    assert!(
        marked.iter().any(|m| m.starts_with("locali")),
        "{:?}",
        r.hits[0].snippet
    );
}

#[test]
fn the_index_is_deterministic() {
    let (a, _) = built();
    let (b, _) = built();
    let pick = |f: &[OutFile]| -> Vec<(String, Vec<u8>)> {
        f.iter()
            .filter(|f| f.path.starts_with("search/"))
            .map(|f| (f.path.clone(), f.bytes.clone()))
            .collect()
    };
    assert_eq!(pick(&a), pick(&b));
}

#[test]
fn the_labels_the_site_prints_find_the_resolutions_that_carry_them() {
    // "held back by funding" is printed on every list: searching it finds those resolutions first,
    // in both languages, and each hit's page file carries the shortfall mark the lists carry.
    let (files, site) = built();
    let held: Vec<String> = site
        .resolutions
        .iter()
        .filter(|r| {
            site.updates_of(r.id)
                .last()
                .is_some_and(|(_, u)| u.status.key() == "held-back-by-funding")
        })
        .map(|r| r.id.to_string())
        .collect();
    assert!(!held.is_empty());
    for (lang, q) in [("en", "held back by funding"), ("zh", "受资金制约")] {
        let mut got = first_numbers(&files, lang, q, held.len());
        got.sort();
        assert_eq!(got, held, "{lang}: {q}");
    }
    let store = MemStore::new(&files, "en");
    let named = query::search(&store, "shortfall named", 20).unwrap();
    assert_eq!(
        named.total, 5,
        "the five resolutions whose report names a shortfall"
    );
    assert!(named.hits.iter().all(|h| h.file.s == "named"));
}

#[test]
fn a_word_answered_by_the_nearest_words_is_named_not_silent() {
    let (files, _) = built();
    // From /zh/ as from /en/: the Chinese index has no such words, and the English one answers.
    let (en, zh) = (MemStore::new(&files, "en"), MemStore::new(&files, "zh"));
    for stores in [[&en as &dyn query::Store, &zh], [&zh, &en]] {
        let (_, r) = query::search_languages(&stores, "Urban Octobre", 5).unwrap();
        assert!(r.total > 0);
        assert_eq!(r.corrected, ["Octobre"]);
        let (_, r) = query::search_languages(&stores, "Nairobi", 5).unwrap();
        assert!(r.total > 0 && r.corrected.is_empty());
    }
}
