//! The vocabulary that typo tolerance searches (`v/{i}.json`, and reversed words in `r/{i}.json`):
//! which terms are in it and how its files are cut. Holds no postings.

use super::utf16::utf16_cmp;
use crate::search::tokenize::is_cjk;

/// Target size of a vocabulary file (bytes of JSON).
pub const VOCAB_BYTES: usize = 4_000;

/// The vocabulary's files, and the first word of each for `meta.json`.
pub(super) struct Vocabulary {
    /// First word of each `v/{i}.json` (empty for the first).
    pub firsts: Vec<String>,
    /// First reversed word of each `r/{i}.json` (empty for the first).
    pub reversed_firsts: Vec<String>,
    /// `v/{i}.json`, then `r/{i}.json`.
    pub files: Vec<(String, Vec<u8>)>,
}

/// The vocabulary of `terms` (in UTF-16 order), in word order and in reversed-word order (a typo
/// near the start of a word leaves its end intact).
pub(super) fn vocabulary(terms: &[(String, Vec<u8>)]) -> Vocabulary {
    let words: Vec<String> = terms
        .iter()
        .map(|t| &t.0)
        .filter(|t| in_vocabulary(t))
        .cloned()
        .collect();
    let mut reversed: Vec<String> = words.iter().map(|w| w.chars().rev().collect()).collect();
    reversed.sort_unstable_by(|a, b| utf16_cmp(a, b));
    let (firsts, vfiles) = vocabulary_files(&words);
    let (reversed_firsts, rfiles) = vocabulary_files(&reversed);
    let v = vfiles
        .into_iter()
        .enumerate()
        .map(|(i, f)| (format!("v/{i}.json"), f));
    let r = rfiles
        .into_iter()
        .enumerate()
        .map(|(i, f)| (format!("r/{i}.json"), f));
    Vocabulary {
        firsts,
        reversed_firsts,
        files: v.chain(r).collect(),
    }
}

/// Whether a term goes into the vocabulary that typo tolerance searches: words of three letters or
/// more (numbers, Chinese bigrams and paragraph terms have no typos to forgive).
pub fn in_vocabulary(term: &str) -> bool {
    term.chars().count() >= 3 && term.chars().all(|c| c.is_alphabetic() && !is_cjk(c))
}

/// Words cut into files of about `VOCAB_BYTES`: (first word of each, file contents). `words` sorted.
fn vocabulary_files(words: &[String]) -> (Vec<String>, Vec<Vec<u8>>) {
    let mut firsts = Vec::new();
    let mut files = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut size = 0;
    for w in words {
        if size > 0 && size + w.len() + 3 > VOCAB_BYTES {
            files.push(serde_json::to_vec(&cur).unwrap_or_default());
            cur.clear();
            size = 0;
        }
        if cur.is_empty() {
            firsts.push(if files.is_empty() {
                String::new()
            } else {
                w.clone()
            });
        }
        cur.push(w);
        size += w.len() + 3;
    }
    if !cur.is_empty() {
        files.push(serde_json::to_vec(&cur).unwrap_or_default());
    }
    (firsts, files)
}
