//! The vocabulary that typo tolerance searches (`v/{i}.json`, and reversed words in `r/{i}.json`):
//! which terms are in it and how its files are cut. Holds no postings.

use crate::search::tokenize::is_cjk;

/// Target size of a vocabulary file (bytes of JSON).
pub const VOCAB_BYTES: usize = 4_000;

/// Whether a term goes into the vocabulary that typo tolerance searches: words of three letters or
/// more (numbers, Chinese bigrams and paragraph terms have no typos to forgive).
pub fn in_vocabulary(term: &str) -> bool {
    term.chars().count() >= 3 && term.chars().all(|c| c.is_alphabetic() && !is_cjk(c))
}

/// Words cut into files of about `VOCAB_BYTES`: (first word of each, file contents). `words` sorted.
pub(super) fn vocabulary_files(words: &[String]) -> (Vec<String>, Vec<Vec<u8>>) {
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
