//! Term fragments (`t/{i}.json`): each term with its postings inline, or, for a long list, where
//! its parts are (`b/{n}.json`). Writes JSON by hand for speed; chooses no terms.

use crate::search::tokenize::ALPHABET;

/// Target size of a term fragment (bytes of JSON). A fragment holds whole terms, so one very common
/// term can make its fragment larger.
pub const FRAGMENT_BYTES: usize = 4_000;

/// Posting lists longer than this (bytes) are written to their own file, `b/{n}.json`.
pub const BIG_POSTINGS: usize = 2_000;

/// A term's postings in a fragment: inline, or `[n, bytes]` for a long list in `b/{n}.json`.
pub(super) enum Entry {
    Inline(Vec<u8>),
    /// First file, bytes of the whole list, first page of each part after the first.
    File(usize, usize, Vec<u32>),
}

impl Entry {
    pub(super) fn inline_len(&self) -> usize {
        match self {
            Entry::Inline(s) => s.len(),
            Entry::File(_, _, firsts) => 16 + 8 * firsts.len(),
        }
    }
}

/// A postings string as JSON. Postings use only `ALPHABET`, which needs no escaping, so they are
/// copied as they are (escaping them byte by byte was a visible part of the build).
pub(super) fn json_string(postings: &[u8]) -> Vec<u8> {
    debug_assert!(postings.iter().all(|b| ALPHABET.contains(b)));
    let mut out = Vec::with_capacity(postings.len() + 2);
    out.push(b'"');
    out.extend_from_slice(postings);
    out.push(b'"');
    out
}

/// One fragment, `{"term":"postings","long term":[n,bytes],...}`.
pub(super) fn fragment_json(chunk: &[(String, Entry)]) -> Vec<u8> {
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
