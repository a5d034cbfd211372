//! Term fragments (`t/{i}.json`): each term with its postings inline, or, for a long list, where
//! its parts are (`b/{n}.json`); terms cut into fragments of about `FRAGMENT_BYTES`. Writes JSON by
//! hand for speed; chooses no terms and reads no pages.

use super::postings::{split_postings, PART_BYTES};
use crate::search::tokenize::ALPHABET;

/// Target size of a term fragment (bytes of JSON). A fragment holds whole terms, so one very common
/// term can make its fragment larger.
pub const FRAGMENT_BYTES: usize = 4_000;

/// Posting lists longer than this (bytes) are written to their own file, `b/{n}.json`.
pub const BIG_POSTINGS: usize = 2_000;

/// The files of `terms` (in UTF-16 order, with their postings): the long lists' parts (`b/`), then
/// the fragments (`t/`); and the first term of each fragment (empty for the first), for `meta.json`.
pub(super) fn term_files(terms: Vec<(String, Vec<u8>)>) -> (Vec<String>, Vec<(String, Vec<u8>)>) {
    let mut files = Vec::new();
    let entries = entries(terms, &mut files);
    let frags = fragments(entries, &mut files);
    (frags, files)
}

/// Each term with its entry in a fragment. Long posting lists go to files of their own
/// (`b/{n}.json`), cut into parts of PART_BYTES by page range (`b/{n}.json`, `b/{n+1}.json`, …); the
/// fragment keeps `[n, bytes]`, or `[n, bytes, [first page of part 1, …]]`, so that the client knows
/// their size and pages before it decides what to fetch.
fn entries(
    terms: Vec<(String, Vec<u8>)>,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<(String, Entry)> {
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
    entries
}

/// Where each fragment starts in `entries`, so that each holds about FRAGMENT_BYTES.
fn cuts(entries: &[(String, Entry)]) -> Vec<usize> {
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
    cuts
}

/// Writes `entries` as fragments (`t/{i}.json`, at least one); returns the first term of each.
fn fragments(entries: Vec<(String, Entry)>, files: &mut Vec<(String, Vec<u8>)>) -> Vec<String> {
    let cuts = cuts(&entries);
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
    frags
}

/// A term's postings in a fragment: inline, or `[n, bytes]` for a long list in `b/{n}.json`.
enum Entry {
    Inline(Vec<u8>),
    /// First file, bytes of the whole list, first page of each part after the first.
    File(usize, usize, Vec<u32>),
}

impl Entry {
    fn inline_len(&self) -> usize {
        match self {
            Entry::Inline(s) => s.len(),
            Entry::File(_, _, firsts) => 16 + 8 * firsts.len(),
        }
    }
}

/// A postings string as JSON. Postings use only `ALPHABET`, which needs no escaping, so they are
/// copied as they are (escaping them byte by byte was a visible part of the build).
fn json_string(postings: &[u8]) -> Vec<u8> {
    debug_assert!(postings.iter().all(|b| ALPHABET.contains(b)));
    let mut out = Vec::with_capacity(postings.len() + 2);
    out.push(b'"');
    out.extend_from_slice(postings);
    out.push(b'"');
    out
}

/// One fragment, `{"term":"postings","long term":[n,bytes],...}`.
fn fragment_json(chunk: &[(String, Entry)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        chunk
            .iter()
            .map(|(t, p)| t.len() + p.inline_len() + 6)
            .sum(),
    );
    out.push(b'{');
    for (i, (term, p)) in chunk.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Terms are escaped as any JSON string; writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, term);
        out.push(b':');
        match p {
            Entry::Inline(s) => out.extend_from_slice(&json_string(s)),
            Entry::File(n, len, firsts) if firsts.is_empty() => {
                out.extend_from_slice(format!("[{n},{len}]").as_bytes())
            }
            Entry::File(n, len, firsts) => {
                let f: Vec<String> = firsts.iter().map(u32::to_string).collect();
                out.extend_from_slice(format!("[{n},{len},[{}]]", f.join(",")).as_bytes())
            }
        }
    }
    out.push(b'}');
    out
}
