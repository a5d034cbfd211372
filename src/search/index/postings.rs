//! A term's postings as they are written: varints of (page delta, `document × 4 + class`), added
//! page by page, joined across ranges of pages, and cut into parts by page for long lists. Knows
//! nothing of terms or files.

use crate::search::tokenize::{get_varints, put_varint, ALPHABET};

/// A long posting list is cut into parts of at most this many bytes (by page range), each a file
/// `b/{n + k}.json`, so that a query can read the start of a very common term's list.
pub const PART_BYTES: usize = 16_000;

pub const CLASS_TEXT: u8 = 1;
pub const CLASS_FIELD: u8 = 2;
pub const CLASS_TITLE: u8 = 3;

/// The postings of one term over a range of pages, encoded as they are written: `s` starts with the
/// first posting's page as a delta from page 0, so that ranges can be joined by rewriting one varint.
#[derive(Default)]
pub(super) struct Postings {
    first: u32,
    last: u32,
    last_doc: u32,
    /// Characters of `tokenize::ALPHABET` only.
    pub(super) s: Vec<u8>,
}

impl Postings {
    /// Records that the term occurs in document `d` of page `p` (pages in increasing order), with
    /// `code` = `d × 4 + class`: only its first occurrence in a document counts.
    pub(super) fn add(&mut self, p: u32, d: u32, code: u64) {
        if self.s.is_empty() {
            self.first = p;
            put_varint(&mut self.s, p as u64);
        } else if self.last == p && self.last_doc == d {
            return;
        } else {
            put_varint(&mut self.s, (p - self.last) as u64);
        }
        put_varint(&mut self.s, code);
        self.last = p;
        self.last_doc = d;
    }

    /// Appends the postings of a later range of pages.
    pub(super) fn append(&mut self, later: Postings) {
        put_varint(&mut self.s, (later.first - self.last) as u64);
        self.s
            .extend_from_slice(&later.s[varint_len(later.first as u64)..]);
        self.last = later.last;
        self.last_doc = later.last_doc;
    }
}

/// Cuts a posting string into parts of at most `max` bytes (a part holds at least one posting) at
/// page boundaries, each starting with its first page as a delta from page 0: (first page, part).
pub fn split_postings(s: &[u8], max: usize) -> Vec<(u32, Vec<u8>)> {
    let text = std::str::from_utf8(s).unwrap_or_default();
    if s.len() <= max {
        // One part, as it is: its first varint is already the first page from page 0.
        let first = get_varints(&text[..varint_end(s)]).unwrap_or_default();
        return vec![(first.first().copied().unwrap_or(0) as u32, s.to_vec())];
    }
    let mut out: Vec<(u32, Vec<u8>)> = Vec::new();
    let v = get_varints(text).unwrap_or_default();
    let mut enc = Vec::new();
    let mut page: u64 = 0;
    let mut prev_page: Option<u64> = None;
    for pair in v.chunks(2) {
        page += pair[0];
        let code = pair.get(1).copied().unwrap_or(0);
        enc.clear();
        let new_page = prev_page != Some(page);
        let start_new = match out.last() {
            None => true,
            Some((_, cur)) => new_page && cur.len() + 12 > max,
        };
        if start_new {
            put_varint(&mut enc, page);
            out.push((page as u32, Vec::new()));
        } else {
            put_varint(&mut enc, page - prev_page.unwrap_or(0));
        }
        put_varint(&mut enc, code);
        if let Some(last) = out.last_mut() {
            last.1.extend_from_slice(&enc);
        }
        prev_page = Some(page);
    }
    out
}

/// The length of the first varint of `s` (its characters with the "more follows" bit, and one more).
fn varint_end(s: &[u8]) -> usize {
    let more = |b: &u8| ALPHABET[32..].contains(b);
    (s.iter().take_while(|b| more(b)).count() + 1).min(s.len())
}

fn varint_len(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 32 {
        v >>= 5;
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_split_at_page_boundaries() {
        let mut s = Vec::new();
        let pairs: Vec<(u64, u64)> = (0..500).map(|i| (i / 3 * 7, i % 3 * 4 + 1)).collect();
        let mut last = 0;
        for (p, c) in &pairs {
            put_varint(&mut s, p - last);
            put_varint(&mut s, *c);
            last = *p;
        }
        let parts = split_postings(&s, 200);
        assert!(parts.len() > 3);
        let mut back = Vec::new();
        for (first, part) in &parts {
            assert!(part.len() <= 200 + 12);
            let v = get_varints(std::str::from_utf8(part).unwrap()).unwrap();
            assert_eq!(v[0], *first as u64);
            let mut page = 0;
            for pc in v.chunks(2) {
                page += pc[0];
                back.push((page, pc[1]));
            }
        }
        assert_eq!(back, pairs);
        // A page's postings are never split between parts.
        for w in parts.windows(2) {
            assert!(back.iter().filter(|(p, _)| *p == w[1].0 as u64).count() <= 3);
        }
        assert_eq!(split_postings(&s, 1_000_000).len(), 1);
    }

    #[test]
    fn varint_lengths() {
        assert_eq!(varint_len(0), 1);
        assert_eq!(varint_len(31), 1);
        assert_eq!(varint_len(32), 2);
        assert_eq!(varint_len(1023), 2);
        assert_eq!(varint_len(1024), 3);
    }
}
