//! Query time: the same algorithm as the browser client (`themes/default/static/search.js`), run
//! against the built index files, for `portal search` and for tests. `search` takes these steps:
//!
//! 1. `parse`: the query is tokenised like the text, each token knowing the word it comes from (a
//!    Chinese run is one word, all its bigrams). The last word, unless followed by a space, also
//!    matches as a prefix (`biodivers`), and reaches stems it overshoots (`housin` → `hous`);
//!    `paragraphs` finds references such as `¶38` and `第38段`.
//! 2. `terms`: only the fragments holding the query's terms are read; `typo`: a word that matches
//!    nothing stands for the nearest vocabulary words (one edit from 5 letters, two from 8, one at 3–4
//!    letters beside other words) and is named as corrected. A word still matching nothing is left
//!    out and named (`Results::dropped`); when every word is, nothing is searched and the nearest
//!    words are suggested.
//! 3. `postings`: long posting lists are read part by part, cheapest token first, within a budget.
//! 4. `rank` (BM25F): the pages holding every word (when none does, those holding most, each naming
//!    what it lacks); per token, a page's documents holding it count by class weight (title/number
//!    10, fields 3, text 1) × match factor (exact 1, stem 0.9, prefix 0.7, typo 0.5 or 0.35),
//!    saturated (K1), times the token's idf; plus half the idf sum when one document holds every
//!    token. A resolution number is title-class on its own page only, so `2/7` ranks 2/7 first.
//! 5. `hit`: the page files of the first `PHRASE_WINDOW` hits are read, those holding the words one
//!    after another gain the idf sum and are re-sorted, and `snippet` marks the matches.
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
pub use hit::{Hit, PHRASE_WINDOW};
pub use paragraphs::paragraphs;
pub use parse::{parse, QueryToken};
pub use postings::POSTINGS_BUDGET;
pub use rank::{bm25_idf, K1, WEIGHTS};
pub use snippet::{matches, snippet, SNIPPET_BEFORE, SNIPPET_CHARS};
pub use store::{DirStore, MemStore, Store};
pub use terms::{MAX_EXPANSIONS, MAX_PREFIX_FRAGMENTS, PREFIX_FACTOR, STEM_FACTOR};
pub use typo::{edit_distance, typos_allowed, MAX_TYPO_WORDS, TYPO_FACTOR};

use crate::search::tokenize::Kind;
use std::collections::BTreeSet;
use terms::Alternatives;

#[derive(Debug, Clone, Default)]
pub struct Results {
    /// Every page found.
    pub total: usize,
    /// The best of them, at most the `limit` asked for.
    pub hits: Vec<Hit>,
    /// Words of the query, as typed, that match nothing as written and were answered by the
    /// nearest words of the index instead: the results must say so.
    pub corrected: Vec<String>,
    /// Words of the query, as typed, found nowhere (no exact, stem, prefix or typo term), left out
    /// of the search: the results must say so.
    pub dropped: Vec<String>,
    /// No page holds every word left: the hits hold some (most first), each naming what it lacks.
    pub partial: bool,
    /// When no word of the query is found: the nearest words of the index, offered as queries of
    /// their own (never as results).
    pub suggestions: Vec<String>,
}

impl Results {
    /// Found, with every word as typed: no word corrected or left out, and every hit holds them all.
    pub fn as_typed(&self) -> bool {
        self.total > 0 && self.corrected.is_empty() && self.dropped.is_empty() && !self.partial
    }
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
        .zip(&expand)
        .map(|(t, expand)| terms::alternatives(t, &dict, *expand))
        .collect();
    // A prefix too wide to expand is no typo and no missing word: many words start with it.
    let wide: Vec<bool> = tokens
        .iter()
        .zip(&expand)
        .map(|(t, e)| t.prefix.is_some() && !e && t.kind != Kind::Unigram)
        .collect();
    let typos = typo::forgive_typos(store, &meta, &mut tokens, &mut dict, &mut alts, &wide)?;
    // A word is left out, and named, when one of its tokens matches nothing.
    let missing: BTreeSet<usize> = (0..tokens.len())
        .filter(|&i| alts[i].is_empty() && !wide[i])
        .map(|i| tokens[i].word)
        .collect();
    let mut r = Results {
        corrected: typed_words(&tokens, typos.corrected.iter().map(|&i| tokens[i].word)),
        dropped: typed_words(&tokens, missing.iter().copied()),
        ..Default::default()
    };
    for (i, a) in alts.iter_mut().enumerate() {
        if missing.contains(&tokens[i].word) {
            a.clear();
        }
    }
    if tokens.iter().all(|t| missing.contains(&t.word)) {
        r.corrected.clear();
        r.suggestions = suggestions(&tokens, &dict, &typos.suggestions);
        return Ok(r);
    }
    let read = postings::read(store, &dict, &mut alts)?;
    let words: Vec<usize> = tokens.iter().map(|t| t.word).collect();
    let ranking = rank::rank(&alts, &words, &read, meta.pages.max(1) as f64);
    r.total = ranking.pages.len();
    r.partial = ranking.partial;
    let held: Vec<&QueryToken> = tokens
        .iter()
        .filter(|t| !missing.contains(&t.word))
        .collect();
    let mut top: Vec<(rank::Ranked, Hit)> = Vec::new();
    let pages = ranking.pages.into_iter().take(limit.max(PHRASE_WINDOW));
    for (i, mut ranked) in pages.enumerate() {
        let held = if i < PHRASE_WINDOW { &held[..] } else { &[] };
        let h = hit::hit(store, &mut ranked, &tokens, held)?;
        top.push((ranked, h));
    }
    let window = top.len().min(PHRASE_WINDOW);
    top[..window].sort_by(|a, b| rank::order(&a.0, &b.0));
    r.hits = top.into_iter().take(limit).map(|x| x.1).collect();
    if r.total == 0 {
        r.corrected.clear();
    }
    Ok(r)
}

/// The typed form of the given words, in query order, each once.
fn typed_words(tokens: &[QueryToken], words: impl Iterator<Item = usize>) -> Vec<String> {
    let words: BTreeSet<usize> = words.collect();
    let mut out: Vec<String> = Vec::new();
    for t in tokens {
        if words.contains(&t.word) && !out.contains(&t.typed) {
            out.push(t.typed.clone());
        }
    }
    out
}

/// What a query that finds nothing may suggest, at most `MAX_TYPO_WORDS`: each word's nearest
/// vocabulary words (one edit beyond those forgiven), in query order; and for a Chinese run, the
/// longest stretch of it whose bigrams are all in the index (`特罗姆斯` → `特罗姆`).
fn suggestions(tokens: &[QueryToken], dict: &terms::Dict, near: &[Vec<String>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for (i, t) in tokens.iter().enumerate() {
        near[i].iter().cloned().for_each(&mut add);
        // A Chinese run: its stretches of bigrams found, from the first token of the run.
        if t.kind != Kind::Bigram || (i > 0 && tokens[i - 1].word == t.word) {
            continue;
        }
        let run: Vec<&QueryToken> = tokens[i..]
            .iter()
            .take_while(|o| o.word == t.word)
            .collect();
        let mut best: Option<(usize, usize)> = None;
        let mut from: Option<usize> = None;
        for (k, b) in run.iter().enumerate() {
            if dict.contains_key(&b.exact) {
                let a = *from.get_or_insert(run[k].at);
                let len = b.at + 2 - a;
                if best.is_none_or(|(_, l)| len > l) {
                    best = Some((a, len));
                }
            } else {
                from = None;
            }
        }
        if let Some((a, len)) = best {
            add(t.typed.chars().skip(a).take(len).collect());
        }
    }
    out.truncate(MAX_TYPO_WORDS);
    out
}

/// How far an answer is from the query as typed, least first: finding nothing, then words left out,
/// then results that lack some words, then words corrected.
fn distance(r: &Results) -> (bool, usize, bool, usize) {
    (r.total == 0, r.dropped.len(), r.partial, r.corrected.len())
}

/// As the browser client answers, from `stores` (the page's language, then the others in the order
/// of `site.yaml`), with the position in `stores` of the one answering. The next store is searched
/// only while the best answer so far finds nothing or leaves a word out (a word this index lacks
/// may be in another; a corrected or partial answer knows every word); of those searched, the one
/// nearest the query as typed answers (`distance`; the earlier on a tie); when none finds anything,
/// the first store's empty answer, with the first suggestions any store makes.
pub fn search_languages(
    stores: &[&dyn Store],
    q: &str,
    limit: usize,
) -> Result<(usize, Results), String> {
    let mut best: Option<(usize, Results)> = None;
    for (i, store) in stores.iter().enumerate() {
        if best
            .as_ref()
            .is_some_and(|(_, b)| b.total > 0 && b.dropped.is_empty())
        {
            break;
        }
        let r = search(*store, q, limit)?;
        match &mut best {
            None => best = Some((i, r)),
            Some((_, b)) if r.total > 0 && distance(&r) < distance(b) => best = Some((i, r)),
            Some((_, b)) if b.total == 0 && b.suggestions.is_empty() => {
                b.suggestions = r.suggestions
            }
            _ => {}
        }
    }
    Ok(best.unwrap_or_default())
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
    fn every_word_is_required_when_a_page_has_them_all() {
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
    fn a_phrase_outranks_its_words_scattered_in_one_paragraph() {
        let pages = vec![
            page("1/1", "One", &["Finance for slum upgrading and housing."]),
            page("1/2", "Two", &["Finance, housing and slums."]),
            page("1/3", "Three", &["Upgrading housing finance for slums."]),
        ];
        // Each paragraph holds both words; 1/3 holds "housing finance" in that order, 1/2 the other.
        let order = |q| run(&pages, q).into_iter().map(|h| h.0).collect::<Vec<_>>();
        assert_eq!(order("housing finance"), ["1/3", "1/1", "1/2"]);
        assert_eq!(order("finance housing"), ["1/2", "1/1", "1/3"]);
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
