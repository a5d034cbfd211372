//! Ranking (BM25F): the pages that hold every token read, scored by the field-weighted count of
//! their documents holding each token, and the document each result shows. Reads no files.

use super::postings::{Postings, Read};
use super::terms::Alternatives;
use std::collections::BTreeMap;

/// Class weights, by the class in a posting's code: text 1, fields 3, title or number 10.
pub const WEIGHTS: [f64; 4] = [0.0, 1.0, 3.0, 10.0];

/// BM25 saturation: a page's weighted count of documents holding a token counts less and less
/// beyond this (a title hit, weight 10, scores 5.5 text hits; ten text hits score 5.5).
pub const K1: f64 = 10.0;

/// BM25's idf for a term found on `df` of `n` pages.
pub fn bm25_idf(n: f64, df: f64) -> f64 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// A ranked page: (page, score, document shown).
pub(super) type Ranked = (usize, f64, usize);

/// Per page: score, tokens matched so far, and per document (tokens matched, weight).
type PageAcc = (f64, usize, BTreeMap<usize, (usize, f64)>);

/// Page → document → a token's best weight there.
type Weights = BTreeMap<usize, BTreeMap<usize, f64>>;

/// The pages that hold every token with terms left in `alts`, best first (then by page), each with
/// the document to show. `pages`: pages in the index.
pub(super) fn rank(alts: &[Alternatives], read: &Read, pages: f64) -> Vec<Ranked> {
    let used: Vec<&Alternatives> = alts.iter().filter(|a| !a.is_empty()).collect();
    let mut acc: BTreeMap<usize, PageAcc> = BTreeMap::new();
    let mut idf_sum = 0.0;
    for (ti, alts) in used.iter().enumerate() {
        let (token_idf, best) = token_weights(alts, read, pages);
        idf_sum += token_idf;
        add_token(&mut acc, ti, token_idf, best);
    }
    let n = used.len();
    let mut ranked: Vec<Ranked> = acc
        .into_iter()
        .map(|(page, e)| score_page(page, e, n, idf_sum))
        .collect();
    ranked.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    ranked
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

/// Adds the `ti`-th token's weights to the pages that hold every token before it, and drops the
/// pages that do not hold this one.
fn add_token(acc: &mut BTreeMap<usize, PageAcc>, ti: usize, token_idf: f64, best: Weights) {
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

/// A page's score and the document it shows, of `n` tokens: the best document has most tokens,
/// then is a paragraph rather than the page's own fields (the title is shown anyway), then has the
/// most weight, then comes first. Half the idf sum is added when it holds every token.
fn score_page(page: usize, (score, _, docs): PageAcc, n: usize, idf_sum: f64) -> Ranked {
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
}

/// Pages in a decoded posting list of (page, code), in page order.
fn distinct_pages(v: &[(usize, u64)]) -> usize {
    v.iter()
        .enumerate()
        .filter(|(i, p)| *i == 0 || v[i - 1].0 != p.0)
        .count()
}
