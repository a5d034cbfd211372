//! Typo tolerance: the vocabulary words a typed word that matches nothing may stand for, within
//! `typos_allowed` edits, read from the vocabulary files. Decides nothing about ranking beyond
//! `TYPO_FACTOR`.

use super::files::{frag_of, fragment, vocabulary, Meta};
use super::parse::QueryToken;
use super::store::Store;
use super::terms::{Alternatives, Dict};
use crate::search::index::utf16_cmp;
use crate::search::tokenize::{Kind, SUFFIXES};
use std::collections::BTreeMap;

/// Match factor of a term one or two edits from a typed word (below exact 1, stem 0.9, prefix 0.7).
pub const TYPO_FACTOR: [f64; 3] = [1.0, 0.5, 0.35];

/// Most vocabulary words a typo may stand for.
pub const MAX_TYPO_WORDS: usize = 3;

/// Edit distance with adjacent transpositions (optimal string alignment), by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d: Vec<usize> = vec![0; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * w + j] = if i == 0 {
                j
            } else if j == 0 {
                i
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[(i - 1) * w + j] + 1)
                    .min(d[i * w + j - 1] + 1)
                    .min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                v
            };
        }
    }
    d[a.len() * w + b.len()]
}

/// Edits between a typed word and a vocabulary stem: the least of the typed word's stem against
/// the stem, and of the typed word against the stem with each suffix the stemmer strips
/// (`citeis` is one transposition from `citi` + `es`).
fn typo_distance(t: &QueryToken, stem: &str) -> usize {
    let mut d = edit_distance(&t.exact, stem).min(edit_distance(&t.folded, stem));
    for suffix in SUFFIXES.split(' ') {
        d = d.min(edit_distance(&t.folded, &format!("{stem}{suffix}")));
    }
    d
}

/// For each word that matches no term (`alts` empty), the nearest vocabulary words become its
/// terms, at `TYPO_FACTOR` of their distance; their fragments are read into `dict`, and they join
/// the token's `also`, so that the snippet highlights them as the word typed. Returns the words
/// so answered (folded), in query order.
pub(super) fn forgive_typos(
    store: &dyn Store,
    meta: &Meta,
    tokens: &mut [QueryToken],
    dict: &mut Dict,
    alts: &mut [Alternatives],
) -> Result<Vec<String>, String> {
    let mut corrected = Vec::new();
    for (t, alts) in tokens.iter_mut().zip(alts) {
        if !alts.is_empty() || t.kind != Kind::Word {
            continue;
        }
        let found = near_words(store, meta, t)?;
        t.also.extend(found.iter().map(|w| w.0.clone()));
        for (w, _) in &found {
            if !dict.contains_key(w) {
                dict.extend(fragment(store, frag_of(&meta.frags, w))?);
            }
        }
        *alts = found
            .into_iter()
            .filter(|(w, _)| dict.contains_key(w))
            .map(|(w, d)| (w, TYPO_FACTOR[d]))
            .collect();
        if !alts.is_empty() {
            corrected.push(t.folded.clone());
        }
    }
    Ok(corrected)
}

/// Edits forgiven in a typed word of `n` letters: none below 5, one from 5, two from 8.
pub fn typos_allowed(n: usize) -> usize {
    match n {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

/// The vocabulary words within `typos_allowed` edits of a typed word, nearest first (at most
/// `MAX_TYPO_WORDS`), with their distance. Looks where the word's first two letters lead in the
/// vocabulary (`v/`), and where its last two lead in the reversed vocabulary (`r/`): one edit
/// leaves one end intact. At most two files of each are read.
fn near_words(
    store: &dyn Store,
    meta: &Meta,
    t: &QueryToken,
) -> Result<Vec<(String, usize)>, String> {
    let k = typos_allowed(t.folded.chars().count());
    if k == 0 {
        return Ok(vec![]);
    }
    let rev = |w: &str| w.chars().rev().collect::<String>();
    let start: String = t.folded.chars().take(2).collect();
    let end: String = rev(&t.exact).chars().take(2).collect();
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    for (firsts, dir, key, reversed) in [(&meta.vf, "v", start, false), (&meta.vr, "r", end, true)]
    {
        if firsts.is_empty() {
            continue;
        }
        let a = frag_of(firsts, &key);
        let b = frag_of(firsts, &format!("{key}\u{ffff}")).min(a + 1);
        for f in a..=b {
            for w in vocabulary(store, dir, f)?
                .iter()
                .filter(|w| w.starts_with(key.as_str()))
            {
                let w = if reversed { rev(w) } else { w.clone() };
                let d = typo_distance(t, &w);
                if (1..=k).contains(&d) {
                    found.insert(w, d);
                }
            }
        }
    }
    let mut v: Vec<(String, usize)> = found.into_iter().collect();
    v.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| utf16_cmp(&a.0, &b.0)));
    v.truncate(MAX_TYPO_WORDS);
    Ok(v)
}
