//! Query time: the same algorithm as the browser client (`themes/default/static/search.js`), run
//! against the built index files, for `portal search` and for tests. `search` takes these steps:
//!
//! 1. `parse`: the query is tokenised like the text. Every token is required (AND): a page matches
//!    when each token occurs somewhere in it. A Chinese run needs all its bigrams. The last word,
//!    unless followed by a space, also matches as a prefix (`biodivers`), and reaches stems it
//!    overshoots (`housin` → `hous`); `paragraphs` finds references such as `¶38` and `第38段`.
//! 2. `terms`: only the fragments holding the query's terms are read; `typo`: a word that matches
//!    nothing stands for the nearest vocabulary words (one edit from 5 letters, two from 8).
//! 3. `postings`: long posting lists are read part by part, cheapest token first, within a budget.
//! 4. `rank` (BM25F): per token, a page's documents holding it count by class weight (title/number
//!    10, fields 3, text 1) × match factor (exact 1, stem 0.9, prefix 0.7, typo 0.5 or 0.35),
//!    saturated (K1), times the token's idf; plus half the idf sum when one document holds every
//!    token. A resolution number is title-class on its own page only, so `2/7` ranks 2/7 first.
//! 5. `hit`: the page files of the hits shown are read, and `snippet` marks the matches.
//!
//! The files come through a `Store` (`store`) and are parsed in `files`.

mod files;
mod hit;
mod paragraphs;
mod parse;
mod postings;
mod rank;
mod snippet;
mod store;
mod terms;
mod typo;

pub use files::PageFile;
pub use hit::Hit;
pub use paragraphs::paragraphs;
pub use parse::{parse, QueryToken};
pub use postings::POSTINGS_BUDGET;
pub use rank::{bm25_idf, K1, WEIGHTS};
pub use snippet::{matches, snippet, SNIPPET_BEFORE, SNIPPET_CHARS};
pub use store::{DirStore, MemStore, Store};
pub use terms::{MAX_EXPANSIONS, MAX_PREFIX_FRAGMENTS, PREFIX_FACTOR, STEM_FACTOR};
pub use typo::{edit_distance, typos_allowed, MAX_TYPO_WORDS, TYPO_FACTOR};

use terms::Alternatives;

#[derive(Debug, Clone, Default)]
pub struct Results {
    /// Every page found.
    pub total: usize,
    /// The best of them, at most the `limit` asked for.
    pub hits: Vec<Hit>,
    /// Words of the query (folded, as typed otherwise) that match nothing as written and were
    /// answered by the nearest words of the index instead: the results must say so.
    pub corrected: Vec<String>,
}

/// Runs a query. `limit` caps the hits returned with their page files (the total counts all).
pub fn search(store: &dyn Store, q: &str, limit: usize) -> Result<Results, String> {
    let mut tokens = parse(q);
    if tokens.is_empty() {
        return Ok(Results::default());
    }
    let meta = files::meta(store)?;
    let (mut dict, expand) = terms::read_fragments(store, &meta, &tokens)?;
    let mut alts: Vec<Alternatives> = tokens
        .iter()
        .zip(expand)
        .map(|(t, expand)| terms::alternatives(t, &dict, expand))
        .collect();
    let corrected = typo::forgive_typos(store, &meta, &mut tokens, &mut dict, &mut alts)?;
    // Every token is required: one that matches no term leaves no result.
    if alts.iter().any(Vec::is_empty) {
        return Ok(Results::default());
    }
    let read = postings::read(store, &dict, &mut alts)?;
    let ranked = rank::rank(&alts, &read, meta.pages.max(1) as f64);
    let total = ranked.len();
    let mut hits = Vec::new();
    for r in ranked.into_iter().take(limit) {
        hits.push(hit::hit(store, r, &tokens)?);
    }
    Ok(Results {
        total,
        hits,
        corrected,
    })
}

/// As the browser client answers: the first of `stores` (the page's language, then the others in
/// the order of `site.yaml`) whose index finds something, with its position in `stores`; the first
/// store's empty answer when none does.
pub fn search_languages(
    stores: &[&dyn Store],
    q: &str,
    limit: usize,
) -> Result<(usize, Results), String> {
    for (i, store) in stores.iter().enumerate() {
        let r = search(*store, q, limit)?;
        if r.total > 0 {
            return Ok((i, r));
        }
    }
    Ok((0, Results::default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutFile;
    use crate::search::index::{build, SearchDoc, SearchPage, DOCS_PER_FILE, PART_BYTES};

    fn page(n: &str, title: &str, paras: &[&str]) -> SearchPage {
        let mut docs = vec![SearchDoc {
            title: format!("{n} {title}"),
            ..Default::default()
        }];
        for (i, p) in paras.iter().enumerate() {
            docs.push(SearchDoc {
                href: format!("#para-{}", i + 1),
                text: p.to_string(),
                ..Default::default()
            });
        }
        SearchPage {
            url: format!("en/resolutions/{}/", n.replace('/', "-")),
            number: n.into(),
            title: title.into(),
            docs,
            shortfall: "",
        }
    }

    fn run(pages: &[SearchPage], q: &str) -> Vec<(String, String)> {
        let files = std::sync::Mutex::new(Vec::new());
        build(pages, &|p, bytes| {
            files.lock().unwrap().push(OutFile {
                path: format!("search/x/{p}"),
                bytes,
            });
            Ok(())
        })
        .unwrap();
        let mut files = files.into_inner().unwrap();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let store = MemStore::new(&files, "x");
        search(&store, q, 10)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| (h.file.n, h.href))
            .collect()
    }

    fn corpus() -> Vec<SearchPage> {
        vec![
            page(
                "1/1",
                "Urban planning",
                &[
                    "Work on adequate housing continued in Nairobi.",
                    "Cities met.",
                ],
            ),
            page(
                "1/2",
                "Adequate housing for all",
                &["The working group met in Nairobi."],
            ),
            page(
                "1/3",
                "Slum upgrading",
                &["Progress was made on housing finance, see resolution 1/2."],
            ),
            page(
                "2/1",
                "城市规划",
                &["人人享有适当住房的工作在内罗毕继续进行。"],
            ),
            page("2/2", "人人享有适当住房", &["工作组在内罗毕举行会议。"]),
            page(
                "2/3",
                "贫民窟改造",
                &["挪威特罗姆瑟举行了活动，与 SURGe 倡议合作。"],
            ),
        ]
    }

    #[test]
    fn title_hits_rank_above_body_hits() {
        let r = run(&corpus(), "adequate housing");
        assert_eq!(r[0].0, "1/2");
        assert_eq!(r[1], ("1/1".into(), "en/resolutions/1-1/#para-1".into()));
        let r = run(&corpus(), "适当住房");
        assert_eq!(
            r.iter().map(|h| h.0.as_str()).collect::<Vec<_>>(),
            ["2/2", "2/1"]
        );
        assert_eq!(r[1].1, "en/resolutions/2-1/#para-1");
    }

    #[test]
    fn every_token_is_required() {
        let r = run(&corpus(), "housing finance");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "1/3");
        // All bigrams of a Chinese run must occur.
        assert!(run(&corpus(), "特罗姆瑟")
            .iter()
            .map(|h| &h.0)
            .eq(["2/3"].iter()));
        assert!(run(&corpus(), "特罗姆斯").is_empty());
    }

    #[test]
    fn a_resolution_number_comes_first() {
        let r = run(&corpus(), "1/2");
        assert_eq!(r[0], ("1/2".into(), "en/resolutions/1-2/".into()));
        assert_eq!(r[1].0, "1/3");
    }

    #[test]
    fn mixed_prefix_and_stem_queries() {
        assert_eq!(run(&corpus(), "SURGe 倡议")[0].0, "2/3");
        assert_eq!(run(&corpus(), "nairo")[0].0, "1/1");
        assert_eq!(run(&corpus(), "nairo").len(), 2);
        // `housin` reaches the stem `hous`; `upgrad` the stem of `upgrading`.
        assert_eq!(run(&corpus(), "housin").len(), 3);
        assert_eq!(run(&corpus(), "slum upgrad")[0].0, "1/3");
        // A finished word (followed by a space) is not a prefix.
        assert!(run(&corpus(), "nairo ").is_empty());
    }

    #[test]
    fn the_browser_client_shares_the_tables() {
        let js = include_str!("../../../themes/default/static/search.js");
        use crate::search::ordinals::NUMBER_WORDS;
        use crate::search::tokenize::{ALPHABET, FOLD, MULTIPLIERS, STOP, SUFFIXES};
        for (name, v) in [
            ("MULTIPLIERS", MULTIPLIERS),
            ("NUMBER_WORDS", NUMBER_WORDS),
            ("FOLD", FOLD),
            ("STOP", STOP),
            ("SUFFIXES", SUFFIXES),
            ("AB", std::str::from_utf8(ALPHABET).unwrap()),
        ] {
            assert!(
                js.contains(&format!("const {name} = \"{v}\";")),
                "search.js must define {name} exactly as src/search/tokenize.rs"
            );
        }
        for (name, v) in [
            ("W", "[0, 1, 3, 10]"),
            ("BEFORE", "40"),
            ("CHARS", "180"),
            ("K1", "10"),
            ("TYPO", "[1, 0.5, 0.35]"),
            ("BUCKETS", "32"),
            ("DPF", "2"),
        ] {
            assert!(js.contains(&format!("{name} = {v}")), "search.js: {name}");
        }
        assert_eq!(WEIGHTS, [0.0, 1.0, 3.0, 10.0]);
        assert_eq!((K1, TYPO_FACTOR), (10.0, [1.0, 0.5, 0.35]));
        assert_eq!((crate::search::han::BUCKETS, DOCS_PER_FILE), (32, 2));
        assert_eq!(
            (SNIPPET_BEFORE, SNIPPET_CHARS, POSTINGS_BUDGET),
            (40, 180, 48_000)
        );
        assert!(js.contains("BUDGET = 48000") && js.contains("PART = 16000"));
        assert_eq!(PART_BYTES, 16_000);
    }
}
