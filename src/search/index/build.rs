//! One language's index, from pages to files: pages are indexed in parallel (their page files
//! written as they go), their terms sorted, then fragments, long posting lists, vocabulary and
//! `meta.json` written through `put`. Reads no site model: pages come from `fossick` or a test.

use super::fossick::SearchPage;
use super::fragments::term_files;
use super::page_files::page_files;
use super::terms::{add_page, Acc, TermMap};
use super::utf16::utf16_cmp;
use super::vocabulary::vocabulary;
use rayon::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
struct Meta {
    v: u32,
    pages: usize,
    frags: Vec<String>,
    /// First word of each vocabulary file `v/{i}.json`, and first reversed word of each `r/{i}.json`.
    vf: Vec<String>,
    vr: Vec<String>,
}

/// Receives each index file as soon as it is made: (path under `search/{lang}/`, bytes).
pub type Put<'a> =
    &'a (dyn Fn(String, Vec<u8>) -> Result<(), crate::diagnostics::Diagnostic> + Sync);

/// Writes the index files of one language through `put`. The page files, most of the bytes, go out
/// while they are serialised, so they are never all in memory at once.
pub fn build(pages: &[SearchPage], put: Put) -> Result<(), crate::diagnostics::Diagnostic> {
    build_from(pages.len(), &|i| std::borrow::Cow::Borrowed(&pages[i]), put)
}

/// `build` for pages made on demand by `page(i)`, `i < n`: each page is written and indexed, then
/// dropped.
pub fn build_from<'p>(
    n: usize,
    page: &(dyn Fn(usize) -> std::borrow::Cow<'p, SearchPage> + Sync),
    put: Put,
) -> Result<(), crate::diagnostics::Diagnostic> {
    let terms = index_pages(n, page, put)?;
    let vocabulary = vocabulary(&terms);
    let (frags, mut files) = term_files(terms);
    files.extend(vocabulary.files);
    let meta = Meta {
        v: 2,
        pages: n,
        frags,
        vf: vocabulary.firsts,
        vr: vocabulary.reversed_firsts,
    };
    files.push((
        "meta.json".into(),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    files
        .into_iter()
        .try_for_each(|(path, bytes)| put(path, bytes))
}

/// Writes the page files of pages `0..n` and returns every term with its postings, in UTF-16
/// order. Consecutive ranges of pages are indexed in parallel, then joined in page order.
fn index_pages<'p>(
    n: usize,
    page: &(dyn Fn(usize) -> std::borrow::Cow<'p, SearchPage> + Sync),
    put: Put,
) -> Result<Vec<(String, Vec<u8>)>, crate::diagnostics::Diagnostic> {
    let postings = (0..n)
        .into_par_iter()
        .with_min_len(16)
        .try_fold(Acc::default, |mut acc, i| {
            let p = page(i);
            for (path, bytes) in page_files(i, &p) {
                put(path, bytes)?;
            }
            add_page(&mut acc, i as u32, &p);
            Ok(acc)
        })
        .map(|acc| acc.map(Acc::into_terms))
        .try_reduce(TermMap::default, |a, b| Ok(a.merge(b)))?;
    let mut terms = postings.into_terms();
    terms.par_sort_unstable_by(|a, b| utf16_cmp(&a.0, &b.0));
    Ok(terms)
}
