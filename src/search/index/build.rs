//! One language's index, from pages to files: pages are indexed in parallel (their page files
//! written as they go), their terms sorted, then fragments, long posting lists, vocabulary and
//! `meta.json` written through `put`. Reads no site model: pages come from `fossick` or a test.

use super::fossick::SearchPage;
use super::fragments::{fragment_json, json_string, Entry, BIG_POSTINGS, FRAGMENT_BYTES};
use super::page_files::page_files;
use super::postings::{split_postings, PART_BYTES};
use super::terms::{add_page, Acc, TermMap};
use super::utf16::utf16_cmp;
use super::vocabulary::{in_vocabulary, vocabulary_files};
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
    // Consecutive ranges of pages are indexed in parallel, then joined in page order.
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

    // The vocabulary for typo tolerance, in word order and in reversed-word order (a typo near
    // the start of a word leaves its end intact).
    let words: Vec<String> = terms
        .iter()
        .map(|t| &t.0)
        .filter(|t| in_vocabulary(t))
        .cloned()
        .collect();
    let mut reversed: Vec<String> = words.iter().map(|w| w.chars().rev().collect()).collect();
    reversed.sort_unstable_by(|a, b| utf16_cmp(a, b));
    let (vf, vfiles) = vocabulary_files(&words);
    let (vr, rfiles) = vocabulary_files(&reversed);

    // Long posting lists go to files of their own (`b/{n}.json`), cut into parts of PART_BYTES by
    // page range (`b/{n}.json`, `b/{n+1}.json`, …); the fragment keeps `[n, bytes]`, or
    // `[n, bytes, [first page of part 1, …]]`, so that the client knows their size and pages before
    // it decides what to fetch.
    let mut files = Vec::new();
    let mut entries: Vec<(String, Entry)> = Vec::with_capacity(terms.len());
    for (t, s) in terms {
        let value = if s.len() > BIG_POSTINGS {
            let n = files.len();
            let parts = split_postings(&s, PART_BYTES);
            let firsts = parts.iter().skip(1).map(|p| p.0).collect();
            for (_, part) in parts {
                files.push((format!("b/{}.json", files.len()), json_string(&part)));
            }
            Entry::File(n, s.len(), firsts)
        } else {
            Entry::Inline(s)
        };
        entries.push((t, value));
    }

    // Cut into fragments of about FRAGMENT_BYTES.
    let mut cuts = vec![0usize];
    let mut size = 0;
    for (i, (t, v)) in entries.iter().enumerate() {
        let entry = t.len() + v.inline_len() + 6;
        if size > 0 && size + entry > FRAGMENT_BYTES {
            cuts.push(i);
            size = 0;
        }
        size += entry;
    }
    let total = entries.len();
    let mut entries = entries.into_iter();
    let mut frags = Vec::new();
    for (k, &start) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).copied().unwrap_or(total);
        if start == end {
            continue;
        }
        let mut chunk: Vec<(String, Entry)> = entries.by_ref().take(end - start).collect();
        frags.push(if k == 0 {
            String::new()
        } else {
            chunk[0].0.clone()
        });
        // Keys in byte order inside a fragment, as the files have always been written.
        chunk.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        files.push((format!("t/{}.json", frags.len() - 1), fragment_json(&chunk)));
    }
    if frags.is_empty() {
        frags.push(String::new());
        files.push(("t/0.json".into(), b"{}".to_vec()));
    }

    for (i, f) in vfiles.into_iter().enumerate() {
        files.push((format!("v/{i}.json"), f));
    }
    for (i, f) in rfiles.into_iter().enumerate() {
        files.push((format!("r/{i}.json"), f));
    }
    let meta = Meta {
        v: 2,
        pages: n,
        frags,
        vf,
        vr,
    };
    files.push((
        "meta.json".into(),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    files
        .into_iter()
        .try_for_each(|(path, bytes)| put(path, bytes))
}
