//! Query time: the same algorithm as the browser client (`themes/default/static/search.js`), run
//! against the built index files, for `portal search` and for tests.
//!
//! 1. The query is tokenised like the text. Every token is required (AND): a page matches when each
//!    token occurs somewhere in it. A Chinese run needs all its bigrams.
//! 2. The last word, unless followed by a space, also matches as a prefix (`biodivers`), and reaches
//!    stems it overshoots (`housin` → `hous`).
//! 3. Only the fragments holding the query's terms are read, then the page files of the hits shown.
//! 4. Score: Σ over tokens of idf × class weight (title/number 10, fields 3, text 1) × match factor
//!    (exact 1, prefix 0.7), plus half the idf sum when one document holds every token. A resolution
//!    number is title-class on its own page only, so `2/7` ranks resolution 2/7 first.

mod files;
mod paragraphs;
mod parse;
mod snippet;
mod store;
mod typo;

pub use files::PageFile;
pub use paragraphs::paragraphs;
pub use parse::{parse, QueryToken};
pub use snippet::{matches, snippet, SNIPPET_BEFORE, SNIPPET_CHARS};
pub use store::{DirStore, MemStore, Store};
pub use typo::{edit_distance, typos_allowed, MAX_TYPO_WORDS, TYPO_FACTOR};

use crate::search::index::{utf16_cmp, DOCS_PER_FILE, PART_BYTES};
use crate::search::tokenize::{get_varints, Kind};
use files::{frag_of, fragment, Meta};
use std::collections::{BTreeMap, BTreeSet};
use typo::near_words;

pub const WEIGHTS: [f64; 4] = [0.0, 1.0, 3.0, 10.0];
pub const PREFIX_FACTOR: f64 = 0.7;
pub const STEM_FACTOR: f64 = 0.9;
/// A prefix spanning more fragments than this is matched exactly only (bounds bytes per query).
pub const MAX_PREFIX_FRAGMENTS: usize = 3;
pub const MAX_EXPANSIONS: usize = 64;
/// Bytes of long posting lists (`b/{n}.json`) a query may fetch beyond its cheapest token.
pub const POSTINGS_BUDGET: usize = 48_000;

/// BM25 saturation: a page's weighted count of documents holding a token counts less and less
/// beyond this (a title hit, weight 10, scores 5.5 text hits; ten text hits score 5.5).
pub const K1: f64 = 10.0;

/// BM25's idf for a term found on `df` of `n` pages.
pub fn bm25_idf(n: f64, df: f64) -> f64 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Pages in a decoded posting list of (page, code), in page order.
fn distinct_pages(v: &[(usize, u64)]) -> usize {
    v.iter()
        .enumerate()
        .filter(|(i, p)| *i == 0 || v[i - 1].0 != p.0)
        .count()
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub page: usize,
    pub score: f64,
    pub doc: usize,
    pub file: PageFile,
    /// Link to the page, relative to the site root.
    pub url: String,
    /// Link to the document where the words occur (the page, or a paragraph anchor).
    pub href: String,
    /// The snippet as (text, highlighted) pieces.
    pub snippet: Vec<(String, bool)>,
}

#[derive(Debug, Clone, Default)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// A term's postings as read: (page, document × 4 + class), in page order.
type Postings = Vec<(usize, u64)>;

/// Per page: score, tokens matched so far, and per document (tokens matched, weight).
type PageAcc = (f64, usize, BTreeMap<usize, (usize, f64)>);

/// Runs a query. `limit` caps the hits returned with their page files (the total counts all).
pub fn search(store: &dyn Store, q: &str, limit: usize) -> Result<Results, String> {
    let mut tokens = parse(q);
    if tokens.is_empty() {
        return Ok(Results::default());
    }
    let meta: Meta = serde_json::from_slice(&store.get("meta.json").ok_or("no search index")?)
        .map_err(|e| format!("meta.json: {e}"))?;
    // Fragments each token needs.
    let mut need: BTreeSet<usize> = BTreeSet::new();
    let mut prefix_ok: Vec<bool> = Vec::new();
    for t in &tokens {
        need.insert(frag_of(&meta.frags, &t.exact));
        for s in t.stems.iter().chain(&t.also) {
            need.insert(frag_of(&meta.frags, s));
        }
        let mut ok = false;
        if let Some(p) = &t.prefix {
            let a = frag_of(&meta.frags, p);
            let b = frag_of(&meta.frags, &format!("{p}\u{ffff}"));
            if b - a < MAX_PREFIX_FRAGMENTS {
                need.extend(a..=b);
                ok = true;
            }
        }
        prefix_ok.push(ok);
    }
    let mut dict: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    for f in need {
        dict.extend(fragment(store, f)?);
    }
    let pages = meta.pages.max(1) as f64;
    // The terms that satisfy each token, with their match factor.
    let mut alts: Vec<Vec<(String, f64)>> = tokens
        .iter()
        .enumerate()
        .map(|(ti, t)| {
            let mut a: Vec<(String, f64)> = Vec::new();
            if dict.contains_key(&t.exact) {
                a.push((t.exact.clone(), 1.0));
            }
            for s in &t.also {
                if dict.contains_key(s) {
                    a.push((s.clone(), 1.0));
                }
            }
            for s in &t.stems {
                if dict.contains_key(s) {
                    a.push((s.clone(), STEM_FACTOR));
                }
            }
            if let (Some(p), true) = (&t.prefix, prefix_ok[ti]) {
                let mut keys: Vec<&String> = dict
                    .keys()
                    .filter(|k| k.starts_with(p.as_str()) && **k != t.exact)
                    .collect();
                keys.sort_by(|a, b| utf16_cmp(a, b));
                a.extend(
                    keys.into_iter()
                        .take(MAX_EXPANSIONS)
                        .map(|k| (k.clone(), PREFIX_FACTOR)),
                );
            }
            a
        })
        .collect();
    // Typo tolerance, for a word that matches nothing: the nearest vocabulary words.
    for ti in 0..tokens.len() {
        if !alts[ti].is_empty() || tokens[ti].kind != Kind::Word {
            continue;
        }
        let found = near_words(store, &meta, &tokens[ti])?;
        // The snippet highlights them as the word typed.
        tokens[ti].also.extend(found.iter().map(|w| w.0.clone()));
        for (w, _) in &found {
            if !dict.contains_key(w) {
                dict.extend(fragment(store, frag_of(&meta.frags, w))?);
            }
        }
        alts[ti] = found
            .into_iter()
            .filter(|(w, _)| dict.contains_key(w))
            .map(|(w, d)| (w, TYPO_FACTOR[d]))
            .collect();
    }
    // Every token is required: one that matches no term leaves no result.
    if alts.iter().any(Vec::is_empty) {
        return Ok(Results::default());
    }
    // Long posting lists are fetched cheapest token first, part by part (each part a range of
    // pages), within POSTINGS_BUDGET; the first part of the cheapest token is always read. A term
    // of which no part fits is left out (a token with no term left, out of matching: with Chinese
    // bigrams, the rarer neighbours of a common bigram already pin the phrase down); a term read in
    // part limits the results to the pages its parts cover (`cover`), the first pages of the portal.
    let long = |t: &str| -> Option<(u64, usize, Vec<usize>)> {
        let v = dict.get(t)?.as_array()?;
        let firsts = v
            .get(2)
            .and_then(|f| f.as_array())
            .map(|f| {
                f.iter()
                    .filter_map(|x| x.as_u64())
                    .map(|x| x as usize)
                    .collect()
            })
            .unwrap_or_default();
        Some((v.first()?.as_u64()?, v.get(1)?.as_u64()? as usize, firsts))
    };
    let cost: Vec<usize> = alts
        .iter()
        .map(|a| a.iter().map(|(t, _)| long(t).map_or(0, |l| l.1)).sum())
        .collect();
    let mut order: Vec<usize> = (0..tokens.len()).collect();
    order.sort_by_key(|&i| (cost[i], i));
    // term → its postings read so far, as (page, document × 4 + class), and the share of its list
    // they are (for idf).
    let mut postings: BTreeMap<String, (Postings, f64)> = BTreeMap::new();
    let decode = |s: &str, out: &mut Vec<(usize, u64)>| -> Result<(), String> {
        let v = get_varints(s).ok_or("bad postings")?;
        let mut page = 0usize;
        for pair in v.chunks(2) {
            page += pair[0] as usize;
            out.push((page, pair.get(1).copied().unwrap_or(0)));
        }
        Ok(())
    };
    let mut cover = usize::MAX;
    let mut spent = 0;
    let mut first = true;
    for &i in &order {
        let mut read: BTreeMap<String, usize> = BTreeMap::new();
        for (t, _) in &alts[i] {
            match &dict[t] {
                serde_json::Value::String(s) => {
                    let mut v = Vec::new();
                    decode(s, &mut v)?;
                    postings.insert(t.clone(), (v, 1.0));
                }
                _ => {
                    read.insert(t.clone(), 0);
                }
            }
        }
        // Round k reads part k of each long term, while the budget allows. Decisions are made
        // for the whole round on each part's size bound, then corrected (as search.js does them
        // before its fetches).
        for k in 0.. {
            let mut want: Vec<(String, u64, usize)> = Vec::new();
            for (t, _) in &alts[i] {
                let Some((n, bytes, firsts)) = long(t) else {
                    continue;
                };
                if read.get(t) != Some(&k) || k > firsts.len() {
                    continue;
                }
                let start = if k == 0 { 0 } else { firsts[k - 1] };
                let bound = bytes.min(PART_BYTES);
                if start >= cover || (!first && spent + bound > POSTINGS_BUDGET) {
                    continue;
                }
                spent += bound;
                first = false;
                want.push((t.clone(), n + k as u64, bytes));
            }
            if want.is_empty() {
                break;
            }
            for (t, f, bytes) in want {
                let b = store
                    .get(&format!("b/{f}.json"))
                    .ok_or_else(|| format!("missing postings {f}"))?;
                let s: String =
                    serde_json::from_slice(&b).map_err(|e| format!("postings {f}: {e}"))?;
                spent = spent + s.len() - bytes.min(PART_BYTES);
                let e = postings.entry(t.clone()).or_insert((Vec::new(), 0.0));
                decode(&s, &mut e.0)?;
                e.1 += s.len() as f64 / bytes.max(1) as f64;
                read.insert(t, k + 1);
            }
        }
        for (t, parts) in &read {
            let (_, _, firsts) = long(t).unwrap_or_default();
            if *parts > 0 && *parts <= firsts.len() {
                cover = cover.min(firsts[*parts - 1]);
            }
        }
        alts[i].retain(|(t, _)| read.get(t).is_none_or(|&k| k > 0));
    }
    let used: Vec<bool> = alts.iter().map(|a| !a.is_empty()).collect();
    // page → (score, tokens matched, document → (tokens matched, weight))
    let mut acc: BTreeMap<usize, PageAcc> = BTreeMap::new();
    let mut idf_sum = 0.0;
    let used_alts: Vec<&Vec<(String, f64)>> = alts
        .iter()
        .enumerate()
        .filter(|(i, _)| used[*i])
        .map(|(_, a)| a)
        .collect();
    for (ti, alts) in used_alts.iter().enumerate() {
        // page → doc → best weight for this token, in units of a text hit of its rarest term
        let mut best: BTreeMap<usize, BTreeMap<usize, f64>> = BTreeMap::new();
        let lists: Vec<(&Postings, f64, f64)> = alts
            .iter()
            .map(|(term, factor)| {
                let (v, share) = &postings[term.as_str()];
                let df = distinct_pages(v) as f64 / share.max(1e-9);
                (v, bm25_idf(pages, df), *factor)
            })
            .collect();
        let token_idf = lists.iter().map(|l| l.1).fold(0.0, f64::max);
        for (v, idf, factor) in &lists {
            for &(page, code) in v.iter().filter(|p| p.0 < cover) {
                let doc = (code / 4) as usize;
                let w = WEIGHTS[(code % 4) as usize] * factor * idf / token_idf.max(1e-9);
                let e = best.entry(page).or_default().entry(doc).or_insert(0.0);
                *e = e.max(w);
            }
        }
        idf_sum += token_idf;
        for (page, docs) in best {
            if ti > 0 && !acc.contains_key(&page) {
                continue;
            }
            let e = acc.entry(page).or_insert((0.0, 0, BTreeMap::new()));
            if e.1 != ti {
                continue;
            }
            e.1 += 1;
            // BM25F: the field-weighted count of the page's documents holding the token,
            // saturated (K1), times the token's idf.
            let tf: f64 = docs.values().sum();
            e.0 += token_idf * tf * (K1 + 1.0) / (tf + K1);
            for (d, w) in docs {
                let x = e.2.entry(d).or_insert((0, 0.0));
                x.0 += 1;
                x.1 += w * token_idf;
            }
        }
        acc.retain(|_, e| e.1 == ti + 1);
    }
    let n = used_alts.len();
    let mut ranked: Vec<(usize, f64, usize)> = acc
        .into_iter()
        .map(|(page, (score, _, docs))| {
            // Best document: most tokens, then a paragraph rather than the page's own fields (the
            // title is shown anyway), then weight, then first.
            let (doc, (count, _)) = docs
                .iter()
                .max_by(|a, b| {
                    (a.1 .0, *a.0 > 0, a.1 .1)
                        .partial_cmp(&(b.1 .0, *b.0 > 0, b.1 .1))
                        .unwrap_or(std::cmp::Ordering::Equal)
                        .then(b.0.cmp(a.0))
                })
                .map(|(d, x)| (*d, *x))
                .unwrap_or((0, (0, 0.0)));
            let bonus = if n > 1 && count == n {
                idf_sum / 2.0
            } else {
                0.0
            };
            (page, score + bonus, doc)
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    let total = ranked.len();
    let mut hits = Vec::new();
    for (page, score, doc) in ranked.into_iter().take(limit) {
        let bytes = store
            .get(&format!("p/{page}-{}.json", doc / DOCS_PER_FILE))
            .ok_or_else(|| format!("missing page {page}"))?;
        let file: PageFile =
            serde_json::from_slice(&bytes).map_err(|e| format!("page {page}: {e}"))?;
        let (href, text, fields) = file.d.get(doc % DOCS_PER_FILE).cloned().unwrap_or_default();
        let url = file.u.clone();
        let href = if href.is_empty() {
            url.clone()
        } else if href.starts_with('#') {
            format!("{url}{href}")
        } else {
            href
        };
        let mut snippet = snippet(&text, &tokens);
        if !snippet.iter().any(|s| s.1) && !fields.is_empty() {
            let f = self::snippet(&fields, &tokens);
            if f.iter().any(|s| s.1) {
                snippet = f;
            }
        }
        if snippet.iter().all(|s| s.0.is_empty()) {
            snippet = self::snippet(&file.t, &tokens);
        }
        hits.push(Hit {
            page,
            score,
            doc,
            file,
            url,
            href,
            snippet,
        });
    }
    Ok(Results { total, hits })
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
    use crate::search::index::{build, SearchDoc, SearchPage};

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
        use crate::search::tokenize::{ALPHABET, FOLD, MULTIPLIERS, STOP, SUFFIXES};
        for (name, v) in [
            ("MULTIPLIERS", MULTIPLIERS),
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
