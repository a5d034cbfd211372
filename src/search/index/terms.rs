//! Term → postings for a range of pages, while they are indexed: each page's documents are
//! tokenised, each distinct word stemmed once, and its postings added to its term's slot; the maps of
//! consecutive ranges are then joined. Decides no file layout.

use super::fossick::SearchPage;
use super::postings::{Postings, CLASS_FIELD, CLASS_TEXT, CLASS_TITLE};
use crate::search::tokenize::{for_each_raw, is_stop, stem, Kind};
use std::collections::HashMap;

/// The index term of paragraph `n`.
pub fn para_term(n: u32) -> String {
    format!("¶{n}")
}

/// A term of up to 15 bytes, packed with its length into two words: most terms are (English stems,
/// Chinese bigrams of 6 bytes), and they hash and compare without touching memory elsewhere.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Short(u64, u64);

impl Short {
    fn new(t: &str) -> Option<Short> {
        let b = t.as_bytes();
        let n = b.len();
        if n > 15 {
            return None;
        }
        let len = (n as u64) << 56;
        Some(if n <= 8 {
            Short(load(b), len)
        } else {
            Short(load(&b[..8]), load(&b[8..]) | len)
        })
    }

    fn into_string(self) -> String {
        let mut w = [0u8; 16];
        w[..8].copy_from_slice(&self.0.to_le_bytes());
        w[8..].copy_from_slice(&self.1.to_le_bytes());
        String::from_utf8_lossy(&w[..w[15] as usize]).into_owned()
    }
}

/// Up to 8 bytes as a little-endian word, read without a copy through memory (which would stall
/// the load that follows).
fn load(b: &[u8]) -> u64 {
    let n = b.len();
    let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as u64;
    match n {
        8.. => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        // Two overlapping reads: the bytes they share are the same.
        4..=7 => u32_at(0) | u32_at(n - 4) << ((n - 4) * 8),
        1..=3 => {
            b[0] as u64 | (b[n / 2] as u64) << (n / 2 * 8) | (b[n - 1] as u64) << ((n - 1) * 8)
        }
        _ => 0,
    }
}

/// FxHash (as in rustc), fast on these short keys. Order never depends on it: terms are sorted
/// before anything is written.
type Fx = rustc_hash::FxBuildHasher;

/// Term → postings over a range of pages.
#[derive(Default)]
pub(super) struct TermMap {
    short: HashMap<Short, Postings, Fx>,
    long: HashMap<Box<str>, Postings, Fx>,
}

impl TermMap {
    /// Joins the maps of two consecutive ranges of pages, `self` before `later`.
    pub(super) fn merge(self, later: TermMap) -> TermMap {
        TermMap {
            short: merge(self.short, later.short),
            long: merge(self.long, later.long),
        }
    }

    pub(super) fn into_terms(self) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> =
            Vec::with_capacity(self.short.len() + self.long.len());
        out.extend(self.short.into_iter().map(|(t, p)| (t.into_string(), p.s)));
        out.extend(self.long.into_iter().map(|(t, p)| (t.into_string(), p.s)));
        out
    }
}

/// The postings of a range of pages while it is indexed. Each distinct word is looked at once (stop
/// word? stem?) and remembered with its term's slot, so that its later occurrences (most of them)
/// cost one lookup.
#[derive(Default)]
pub(super) struct Acc {
    slots: Vec<Postings>,
    short: HashMap<Short, u32, Fx>,
    long: HashMap<Box<str>, u32, Fx>,
    /// Folded word of up to 15 bytes → slot of its term, or `STOP`.
    words: HashMap<Short, u32, Fx>,
    buf: String,
}

/// The slot of a word that is not indexed.
const STOP: u32 = u32::MAX;

impl Acc {
    /// Adds a token as `tokenize::for_each_raw` gives it.
    fn add(&mut self, kind: Kind, folded: &str, p: u32, d: u32, code: u64) {
        let key = Short::new(folded);
        let slot = match key.and_then(|k| self.words.get(&k)) {
            Some(&slot) => slot,
            None => {
                let slot = match kind {
                    Kind::Word if is_stop(folded) => STOP,
                    Kind::Word => self.slot(stem(folded)),
                    _ => self.slot(folded),
                };
                if let Some(k) = key {
                    self.words.insert(k, slot);
                }
                slot
            }
        };
        if let Some(post) = self.slots.get_mut(slot as usize) {
            post.add(p, d, code);
        }
    }

    fn slot(&mut self, term: &str) -> u32 {
        let next = self.slots.len() as u32;
        let slot = match Short::new(term) {
            Some(k) => *self.short.entry(k).or_insert(next),
            None => match self.long.get(term) {
                Some(&slot) => slot,
                None => *self.long.entry(term.into()).or_insert(next),
            },
        };
        if slot == next {
            self.slots.push(Postings::default());
        }
        slot
    }

    pub(super) fn into_terms(self) -> TermMap {
        let mut slots = self.slots;
        let mut take = |i: u32| std::mem::take(&mut slots[i as usize]);
        let short = self.short.into_iter().map(|(k, i)| (k, take(i))).collect();
        let long = self.long.into_iter().map(|(k, i)| (k, take(i))).collect();
        TermMap { short, long }
    }
}

/// Adds the terms of page `p` (pages come in increasing order): one posting per (term, document),
/// with the best class. Documents come in order and, within one, classes from best to worst (title,
/// fields, text), so the first occurrence of a term in a document has its best class.
pub(super) fn add_page(acc: &mut Acc, p: u32, page: &SearchPage) {
    let mut buf = std::mem::take(&mut acc.buf);
    for (d, doc) in page.docs.iter().enumerate() {
        let d = d as u32;
        if let Some(n) = doc.para {
            let code = d as u64 * 4 + CLASS_TITLE as u64;
            acc.add(Kind::Number, &para_term(n), p, d, code);
        }
        for (text, class) in [
            (&doc.title, CLASS_TITLE),
            (&doc.fields, CLASS_FIELD),
            (&doc.text, CLASS_TEXT),
        ] {
            let code = d as u64 * 4 + class as u64;
            for_each_raw(text, &mut buf, |kind, folded, _, _| {
                acc.add(kind, folded, p, d, code)
            });
        }
    }
    acc.buf = buf;
}

/// Joins the term maps of two consecutive ranges of pages, `a` before `b`.
fn merge<K: Eq + std::hash::Hash>(
    mut a: HashMap<K, Postings, Fx>,
    mut b: HashMap<K, Postings, Fx>,
) -> HashMap<K, Postings, Fx> {
    if a.len() >= b.len() {
        for (t, later) in b {
            match a.get_mut(&t) {
                Some(post) => post.append(later),
                None => {
                    a.insert(t, later);
                }
            }
        }
        a
    } else {
        for (t, mut earlier) in a {
            match b.get_mut(&t) {
                Some(post) => {
                    std::mem::swap(post, &mut earlier);
                    post.append(earlier);
                }
                None => {
                    b.insert(t, earlier);
                }
            }
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_terms_round_trip() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "罗姆",
            "abcdefgh",
            "abcdefghi",
            "特罗姆瑟举",
        ];
        let keys: Vec<Short> = words.iter().map(|w| Short::new(w).unwrap()).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(keys[i].into_string(), *w);
            for j in 0..i {
                assert!(keys[i] != keys[j], "{w:?}");
            }
        }
        assert!(Short::new("abcdefghijklmnop").is_none());
    }

    proptest::proptest! {
        #[test]
        fn short_keys_round_trip(w in "\\PC{0,6}") {
            if let Some(k) = Short::new(&w) {
                proptest::prop_assert_eq!(k.into_string(), w);
            }
        }
    }
}
