//! Term lookup: which fragments a query's tokens need, and the terms in them that satisfy each token
//! (exact, paragraph, stem, prefix expansions), each with its match factor. Reads fragments only;
//! fetches no postings and scores nothing.

use super::files::{frag_of, fragment, Meta};
use super::parse::QueryToken;
use super::store::Store;
use crate::search::index::utf16_cmp;
use std::collections::{BTreeMap, BTreeSet};

pub const PREFIX_FACTOR: f64 = 0.7;
pub const STEM_FACTOR: f64 = 0.9;
/// A prefix spanning more fragments than this is matched exactly only (bounds bytes per query).
pub const MAX_PREFIX_FRAGMENTS: usize = 3;
pub const MAX_EXPANSIONS: usize = 64;

/// The terms of the fragments read so far, each with its postings as the fragment gives them: a
/// string, or where a long list's parts are (`files::LongList`).
pub(super) type Dict = BTreeMap<String, serde_json::Value>;

/// The terms that satisfy one token, each with its match factor.
pub(super) type Alternatives = Vec<(String, f64)>;

/// Reads the fragments that the tokens' terms, stems and paragraph terms fall in, and those a
/// prefix spans unless they are more than MAX_PREFIX_FRAGMENTS. Returns the terms read and, per
/// token, whether its prefix is expanded.
pub(super) fn read_fragments(
    store: &dyn Store,
    meta: &Meta,
    tokens: &[QueryToken],
) -> Result<(Dict, Vec<bool>), String> {
    let mut need: BTreeSet<usize> = BTreeSet::new();
    let mut prefix_ok: Vec<bool> = Vec::new();
    for t in tokens {
        need.insert(frag_of(&meta.frags, &t.exact));
        for s in t.stems.iter().chain(&t.also) {
            need.insert(frag_of(&meta.frags, s));
        }
        let mut ok = false;
        if let Some(p) = &t.prefix {
            let a = frag_of(&meta.frags, p);
            let b = frag_of(&meta.frags, &format!("{p}\u{ffff}"));
            if b - a < MAX_PREFIX_FRAGMENTS {
                need.extend(a..=b);
                ok = true;
            }
        }
        prefix_ok.push(ok);
    }
    let mut dict = Dict::new();
    for f in need {
        dict.extend(fragment(store, f)?);
    }
    Ok((dict, prefix_ok))
}

/// The terms of `dict` that satisfy token `t`: its exact and paragraph terms (factor 1), its stems
/// (STEM_FACTOR) and, when `expand`, up to MAX_EXPANSIONS terms its prefix starts, in UTF-16 order
/// (PREFIX_FACTOR).
pub(super) fn alternatives(t: &QueryToken, dict: &Dict, expand: bool) -> Alternatives {
    let mut a: Alternatives = Vec::new();
    if dict.contains_key(&t.exact) {
        a.push((t.exact.clone(), 1.0));
    }
    for s in &t.also {
        if dict.contains_key(s) {
            a.push((s.clone(), 1.0));
        }
    }
    for s in &t.stems {
        if dict.contains_key(s) {
            a.push((s.clone(), STEM_FACTOR));
        }
    }
    if let (Some(p), true) = (&t.prefix, expand) {
        let mut keys: Vec<&String> = dict
            .keys()
            .filter(|k| k.starts_with(p.as_str()) && **k != t.exact)
            .collect();
        keys.sort_by(|a, b| utf16_cmp(a, b));
        a.extend(
            keys.into_iter()
                .take(MAX_EXPANSIONS)
                .map(|k| (k.clone(), PREFIX_FACTOR)),
        );
    }
    a
}
