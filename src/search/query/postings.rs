//! Reading postings: inline ones from the fragments, long lists part by part (each part a range of
//! pages), cheapest token first, within POSTINGS_BUDGET. Decides which parts are read and so which
//! pages results may come from (`Read::cover`); scores nothing.

use super::files::{postings_part, LongList};
use super::store::Store;
use super::terms::{Alternatives, Dict};
use crate::search::index::PART_BYTES;
use crate::search::tokenize::get_varints;
use std::collections::BTreeMap;

/// Bytes of long posting lists (`b/{n}.json`) a query may fetch beyond its cheapest token.
pub const POSTINGS_BUDGET: usize = 48_000;

/// A term's postings as read: (page, document × 4 + class), in page order.
pub(super) type Postings = Vec<(usize, u64)>;

/// What was read of the postings of a query's terms.
pub(super) struct Read {
    /// Term → its postings read so far, and the share of its list they are (for idf).
    pub lists: BTreeMap<String, (Postings, f64)>,
    /// Results come from the pages before this one: a term read in part covers only the first
    /// pages of the portal.
    pub cover: usize,
}

/// Reads the postings of every token's terms (`alts`). Long lists are fetched cheapest token first,
/// part by part, within POSTINGS_BUDGET; the first part of the cheapest token is always read. A
/// term of which no part fits is left out of `alts` (a token with no term left, out of matching:
/// with Chinese bigrams, the rarer neighbours of a common bigram already pin the phrase down); a
/// term read in part limits the results to the pages its parts cover.
pub(super) fn read(
    store: &dyn Store,
    dict: &Dict,
    alts: &mut [Alternatives],
) -> Result<Read, String> {
    let long = |t: &str| dict.get(t).and_then(LongList::of);
    let cost: Vec<usize> = alts
        .iter()
        .map(|a| a.iter().map(|(t, _)| long(t).map_or(0, |l| l.bytes)).sum())
        .collect();
    let mut order: Vec<usize> = (0..alts.len()).collect();
    order.sort_by_key(|&i| (cost[i], i));
    let mut reader = Reader {
        store,
        dict,
        read: Read {
            lists: BTreeMap::new(),
            cover: usize::MAX,
        },
        spent: 0,
        first: true,
    };
    for &i in &order {
        reader.token(&mut alts[i])?;
    }
    Ok(reader.read)
}

/// The reading of long lists across a query's tokens.
struct Reader<'a> {
    store: &'a dyn Store,
    dict: &'a Dict,
    read: Read,
    /// Bytes of long lists fetched so far, as the budget counts them.
    spent: usize,
    /// Whether no part has been chosen yet: the first is read whatever the budget.
    first: bool,
}

impl Reader<'_> {
    fn long(&self, t: &str) -> Option<LongList> {
        self.dict.get(t).and_then(LongList::of)
    }

    /// Reads the postings of one token's terms, then drops the terms of which nothing was read.
    fn token(&mut self, alts: &mut Alternatives) -> Result<(), String> {
        // Long term → parts of its list read so far.
        let mut parts = self.inline(alts)?;
        // Round k reads part k of each long term, while the budget allows. Decisions are made
        // for the whole round on each part's size bound, then corrected (as search.js does them
        // before its fetches).
        for k in 0.. {
            let want = self.plan(alts, &parts, k);
            if want.is_empty() {
                break;
            }
            self.fetch(want, &mut parts, k)?;
        }
        self.narrow_cover(&parts);
        alts.retain(|(t, _)| parts.get(t).is_none_or(|&k| k > 0));
        Ok(())
    }

    /// Decodes the postings given inline; returns the long terms, none of their parts read yet.
    fn inline(&mut self, alts: &Alternatives) -> Result<BTreeMap<String, usize>, String> {
        let mut parts: BTreeMap<String, usize> = BTreeMap::new();
        for (t, _) in alts {
            match &self.dict[t] {
                serde_json::Value::String(s) => {
                    let mut v = Vec::new();
                    decode(s, &mut v)?;
                    self.read.lists.insert(t.clone(), (v, 1.0));
                }
                _ => {
                    parts.insert(t.clone(), 0);
                }
            }
        }
        Ok(parts)
    }

    /// The parts to fetch in round `k`, counted against the budget by their size bound: (term,
    /// file, bytes of its whole list). A part is skipped when its pages start beyond `cover`.
    fn plan(
        &mut self,
        alts: &Alternatives,
        parts: &BTreeMap<String, usize>,
        k: usize,
    ) -> Vec<(String, u64, usize)> {
        let mut want: Vec<(String, u64, usize)> = Vec::new();
        for (t, _) in alts {
            let Some(LongList {
                file,
                bytes,
                firsts,
            }) = self.long(t)
            else {
                continue;
            };
            if parts.get(t) != Some(&k) || k > firsts.len() {
                continue;
            }
            let start = if k == 0 { 0 } else { firsts[k - 1] };
            let bound = bytes.min(PART_BYTES);
            if start >= self.read.cover || (!self.first && self.spent + bound > POSTINGS_BUDGET) {
                continue;
            }
            self.spent += bound;
            self.first = false;
            want.push((t.clone(), file + k as u64, bytes));
        }
        want
    }

    /// Fetches and decodes the parts of round `k`, correcting the budget by their real size.
    fn fetch(
        &mut self,
        want: Vec<(String, u64, usize)>,
        parts: &mut BTreeMap<String, usize>,
        k: usize,
    ) -> Result<(), String> {
        for (t, f, bytes) in want {
            let s = postings_part(self.store, f)?;
            self.spent = self.spent + s.len() - bytes.min(PART_BYTES);
            let e = self
                .read
                .lists
                .entry(t.clone())
                .or_insert((Vec::new(), 0.0));
            decode(&s, &mut e.0)?;
            e.1 += s.len() as f64 / bytes.max(1) as f64;
            parts.insert(t, k + 1);
        }
        Ok(())
    }

    /// Limits the results to the pages that the lists read in part cover.
    fn narrow_cover(&mut self, parts: &BTreeMap<String, usize>) {
        for (t, n) in parts {
            let firsts = self.long(t).unwrap_or_default().firsts;
            if *n > 0 && *n <= firsts.len() {
                self.read.cover = self.read.cover.min(firsts[*n - 1]);
            }
        }
    }
}

/// Appends the postings of posting string `s` (page deltas and codes) to `out`.
fn decode(s: &str, out: &mut Postings) -> Result<(), String> {
    let v = get_varints(s).ok_or("bad postings")?;
    let mut page = 0usize;
    for pair in v.chunks(2) {
        page += pair[0] as usize;
        out.push((page, pair.get(1).copied().unwrap_or(0)));
    }
    Ok(())
}
