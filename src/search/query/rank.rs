//! Ranking (BM25F): the pages that hold every word of the query read (or, when none does, those
//! that hold most of them, each naming the words it lacks), scored by the field-weighted count of
//! their documents holding each token, and the document each result shows. Reads no files.

use super::postings::{Postings, Read};
use super::terms::Alternatives;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Class weights, by the class in a posting's code: text 1, fields 3, title or number 10.
pub const WEIGHTS: [f64; 4] = [0.0, 1.0, 3.0, 10.0];

/// BM25 saturation: a page's weighted count of documents holding a token counts less and less
/// beyond this (a title hit, weight 10, scores 5.5 text hits; ten text hits score 5.5).
pub const K1: f64 = 10.0;

/// BM25's idf for a term found on `df` of `n` pages.
pub fn bm25_idf(n: f64, df: f64) -> f64 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// A ranked page: its score, the document it shows, and the words of the query it lacks (none
/// unless the ranking is partial).
#[derive(Debug, Clone)]
pub(super) struct Ranked {
    pub page: usize,
    pub score: f64,
    pub doc: usize,
    pub lacks: Vec<usize>,
    /// The idf sum of the tokens scored (for the phrase bonus).
    pub idf_sum: f64,
}

/// The pages found, best first. `partial`: no page holds every word, and these hold some.
pub(super) struct Ranking {
    pub pages: Vec<Ranked>,
    pub partial: bool,
}

/// Result order: fewer words lacking, then higher score, then the earlier page.
pub(super) fn order(a: &Ranked, b: &Ranked) -> Ordering {
    a.lacks
        .len()
        .cmp(&b.lacks.len())
        .then(b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal))
        .then(a.page.cmp(&b.page))
}

/// Page → document → a token's best weight there.
type Weights = BTreeMap<usize, BTreeMap<usize, f64>>;

/// The pages that hold every word with terms left in `alts` (token `i` belongs to word
/// `words[i]`; a word is held when each of its tokens is), best first (then by page), each with the
/// document to show. When no page holds them all, the pages that hold some, most words first, each
/// naming the words it lacks. `pages`: pages in the index.
pub(super) fn rank(alts: &[Alternatives], words: &[usize], read: &Read, pages: f64) -> Ranking {
    let used: Vec<(usize, f64, Weights)> = (0..alts.len())
        .filter(|&i| !alts[i].is_empty())
        .map(|i| {
            let (idf, best) = token_weights(&alts[i], read, pages);
            (words[i], idf, best)
        })
        .collect();
    let mut asked: Vec<usize> = used.iter().map(|u| u.0).collect();
    asked.sort_unstable();
    asked.dedup();
    let candidates: BTreeSet<usize> = used.iter().flat_map(|u| u.2.keys().copied()).collect();
    let mut ranked: Vec<Ranked> = Vec::new();
    for page in candidates {
        let lacks: Vec<usize> = asked
            .iter()
            .copied()
            .filter(|&w| used.iter().any(|u| u.0 == w && !u.2.contains_key(&page)))
            .collect();
        if lacks.len() < asked.len() {
            ranked.push(score_page(page, &used, lacks));
        }
    }
    let partial = !ranked.is_empty() && !ranked.iter().any(|r| r.lacks.is_empty());
    if !partial {
        ranked.retain(|r| r.lacks.is_empty());
    }
    ranked.sort_by(order);
    Ranking {
        pages: ranked,
        partial,
    }
}

/// A token's idf (its rarest term's) and, per page and document within `read.cover`, the best
/// weight of its terms there, in units of a text hit of the rarest term.
fn token_weights(alts: &Alternatives, read: &Read, pages: f64) -> (f64, Weights) {
    let lists: Vec<(&Postings, f64, f64)> = alts
        .iter()
        .map(|(term, factor)| {
            let (v, share) = &read.lists[term.as_str()];
            let df = distinct_pages(v) as f64 / share.max(1e-9);
            (v, bm25_idf(pages, df), *factor)
        })
        .collect();
    let token_idf = lists.iter().map(|l| l.1).fold(0.0, f64::max);
    let mut best = Weights::new();
    for (v, idf, factor) in &lists {
        for &(page, code) in v.iter().filter(|p| p.0 < read.cover) {
            let doc = (code / 4) as usize;
            let w = WEIGHTS[(code % 4) as usize] * factor * idf / token_idf.max(1e-9);
            let e = best.entry(page).or_default().entry(doc).or_insert(0.0);
            *e = e.max(w);
        }
    }
    (token_idf, best)
}

/// A page's score, over the tokens of the words it holds (all but `lacks`): per token, BM25F on
/// the field-weighted count of the page's documents holding it, saturated (K1), times the token's
/// idf; plus half the idf sum when one document holds every such token. The document shown has
/// most tokens, then is a paragraph rather than the page's own fields (the title is shown anyway),
/// then has the most weight, then comes first.
fn score_page(page: usize, used: &[(usize, f64, Weights)], lacks: Vec<usize>) -> Ranked {
    let (mut score, mut n, mut idf_sum) = (0.0, 0, 0.0);
    let mut docs: BTreeMap<usize, (usize, f64)> = BTreeMap::new();
    for (w, token_idf, best) in used {
        if lacks.contains(w) {
            continue;
        }
        let Some(page_docs) = best.get(&page) else {
            continue;
        };
        n += 1;
        idf_sum += token_idf;
        let tf: f64 = page_docs.values().sum();
        score += token_idf * tf * (K1 + 1.0) / (tf + K1);
        for (d, w) in page_docs {
            let x = docs.entry(*d).or_insert((0, 0.0));
            x.0 += 1;
            x.1 += w * token_idf;
        }
    }
    let (doc, (count, _)) = docs
        .iter()
        .max_by(|a, b| {
            (a.1 .0, *a.0 > 0, a.1 .1)
                .partial_cmp(&(b.1 .0, *b.0 > 0, b.1 .1))
                .unwrap_or(Ordering::Equal)
                .then(b.0.cmp(a.0))
        })
        .map(|(d, x)| (*d, *x))
        .unwrap_or((0, (0, 0.0)));
    let bonus = if n > 1 && count == n {
        idf_sum / 2.0
    } else {
        0.0
    };
    Ranked {
        page,
        score: score + bonus,
        doc,
        lacks,
        idf_sum,
    }
}

/// Pages in a decoded posting list of (page, code), in page order.
fn distinct_pages(v: &[(usize, u64)]) -> usize {
    v.iter()
        .enumerate()
        .filter(|(i, p)| *i == 0 || v[i - 1].0 != p.0)
        .count()
}
