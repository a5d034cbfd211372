//! Typo tolerance: the vocabulary words a typed word that matches nothing may stand for, within
//! `typos_allowed` edits, read from the vocabulary files; and, one edit further, the words a query
//! that finds nothing may suggest. Decides nothing about ranking beyond `TYPO_FACTOR`.

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

/// Edits between a typed word and a vocabulary stem, and the word they make: the least of the
/// typed word's stem against the stem, and of the typed word against the stem with each suffix the
/// stemmer strips (`citeis` is one transposition from `citi` + `es`, the word `cities`).
fn typo_distance(t: &QueryToken, stem: &str) -> (usize, String) {
    let mut d = (
        edit_distance(&t.exact, stem).min(edit_distance(&t.folded, stem)),
        stem.to_string(),
    );
    for suffix in SUFFIXES.split(' ') {
        let w = format!("{stem}{suffix}");
        let e = edit_distance(&t.folded, &w);
        if e < d.0 {
            d = (e, w);
        }
    }
    d
}

/// A vocabulary word near a typed word: (stem, edits, the word the stem and a suffix make that is
/// nearest to the typed one, for a suggestion).
type Near = (String, usize, String);

/// What typo tolerance did: the tokens answered by the nearest words, and per token the words it
/// may suggest (up to `MAX_TYPO_WORDS`, one edit beyond `typos_allowed`) should nothing be found.
#[derive(Default)]
pub(super) struct Typos {
    pub corrected: Vec<usize>,
    pub suggestions: Vec<Vec<String>>,
}

/// For each word that matches no term (`alts` empty), the nearest vocabulary words become its
/// terms, at `TYPO_FACTOR` of their distance; their fragments are read into `dict`, and they join
/// the token's `also`, so that the snippet highlights them as the word typed. `wide`: per token,
/// whether its prefix was too wide to expand (it is no typo: many words start with it).
pub(super) fn forgive_typos(
    store: &dyn Store,
    meta: &Meta,
    tokens: &mut [QueryToken],
    dict: &mut Dict,
    alts: &mut [Alternatives],
    wide: &[bool],
) -> Result<Typos, String> {
    let mut typos = Typos::default();
    let others = |w: usize| tokens.iter().any(|o| o.word != w);
    let has_others: Vec<bool> = tokens.iter().map(|t| others(t.word)).collect();
    for (i, (t, alts)) in tokens.iter_mut().zip(alts).enumerate() {
        typos.suggestions.push(Vec::new());
        if !alts.is_empty() || t.kind != Kind::Word || wide[i] {
            continue;
        }
        let n = t.folded.chars().count();
        let k = typos_allowed(n, has_others[i]);
        let near = near_words(store, meta, t, k + 1)?;
        typos.suggestions[i] = near
            .iter()
            .take(MAX_TYPO_WORDS)
            .map(|w| w.2.clone())
            .collect();
        let found: Vec<(String, usize)> = near
            .into_iter()
            .filter(|w| w.1 <= k)
            .take(MAX_TYPO_WORDS)
            .map(|w| (w.0, w.1))
            .collect();
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
            typos.corrected.push(i);
        }
    }
    Ok(typos)
}

/// Edits forgiven in a typed word of `n` letters: one from 5, two from 8; one in a word of 3 or 4
/// letters when the query has other words to pin the results down (`Joint SDG Fnd`), none alone.
pub fn typos_allowed(n: usize, other_words: bool) -> usize {
    match n {
        0..=2 => 0,
        3..=4 => usize::from(other_words),
        5..=7 => 1,
        _ => 2,
    }
}

/// The vocabulary words within `k` edits of a typed word, nearest first, then those that keep its
/// first letter (slips there are rarest), then in UTF-16 order. Looks where the word's first two
/// letters lead in the vocabulary (`v/`), and where its last two lead in the reversed vocabulary
/// (`r/`): one edit leaves one end intact. At most two files of each are read.
fn near_words(
    store: &dyn Store,
    meta: &Meta,
    t: &QueryToken,
    k: usize,
) -> Result<Vec<Near>, String> {
    if k == 0 || t.folded.chars().count() < 3 {
        return Ok(vec![]);
    }
    let rev = |w: &str| w.chars().rev().collect::<String>();
    let start: String = t.folded.chars().take(2).collect();
    let end: String = rev(&t.exact).chars().take(2).collect();
    let mut found: BTreeMap<String, (usize, String)> = BTreeMap::new();
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
                if (1..=k).contains(&d.0) {
                    found.insert(w, d);
                }
            }
        }
    }
    let first = t.folded.chars().next();
    let mut v: Vec<Near> = found.into_iter().map(|(w, (d, s))| (w, d, s)).collect();
    v.sort_by(|a, b| {
        (a.1, a.0.chars().next() != first)
            .cmp(&(b.1, b.0.chars().next() != first))
            .then_with(|| utf16_cmp(&a.0, &b.0))
    });
    Ok(v)
}
