//! The index files as a query reads them (`meta.json`, term fragments, vocabulary, page files):
//! fetched from a `Store` and parsed, with the errors a broken index gives. Makes no decisions.

use super::store::Store;
use crate::search::index::{utf16_cmp, DOCS_PER_FILE};
use std::collections::BTreeMap;

/// `meta.json`, as `index::build` writes it.
#[derive(serde::Deserialize)]
pub(super) struct Meta {
    pub(super) pages: usize,
    pub(super) frags: Vec<String>,
    #[serde(default)]
    pub(super) vf: Vec<String>,
    #[serde(default)]
    pub(super) vr: Vec<String>,
}

/// A page file, `{"u":url,"n":number,"t":title,"d":[[href,text,fields],...]}` (`index::page_files`).
#[derive(serde::Deserialize, Debug, Clone)]
pub struct PageFile {
    pub u: String,
    pub n: String,
    pub t: String,
    /// The shortfall mark of a resolution page (`named`, `none`); absent on other pages.
    #[serde(default)]
    pub s: String,
    pub d: Vec<(String, String, String)>,
}

/// The fragment (or vocabulary file) that would hold `term`, given the first term of each: the
/// last whose first term is <= `term`.
pub(super) fn frag_of(frags: &[String], term: &str) -> usize {
    frags
        .partition_point(|f| utf16_cmp(f, term) != std::cmp::Ordering::Greater)
        .saturating_sub(1)
}

/// One term fragment of the index (`t/{f}.json`): its terms and their postings.
pub(super) fn fragment(
    store: &dyn Store,
    f: usize,
) -> Result<BTreeMap<String, serde_json::Value>, String> {
    let bytes = store
        .get(&format!("t/{f}.json"))
        .ok_or_else(|| format!("missing fragment {f}"))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("fragment {f}: {e}"))
}

/// `meta.json`: the number of pages and the first term or word of each fragment and vocabulary file.
pub(super) fn meta(store: &dyn Store) -> Result<Meta, String> {
    serde_json::from_slice(&store.get("meta.json").ok_or("no search index")?)
        .map_err(|e| format!("meta.json: {e}"))
}

/// Vocabulary file `{dir}/{f}.json`: `v` for words, `r` for reversed words.
pub(super) fn vocabulary(store: &dyn Store, dir: &str, f: usize) -> Result<Vec<String>, String> {
    let bytes = store
        .get(&format!("{dir}/{f}.json"))
        .ok_or_else(|| format!("missing vocabulary {dir}/{f}"))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{dir}/{f}: {e}"))
}

/// A long posting list as its fragment gives it: `[n, bytes]`, or `[n, bytes, [first page of each
/// part after the first]]`, its parts in `b/{n}.json`, `b/{n+1}.json`, …
#[derive(Default)]
pub(super) struct LongList {
    /// The file of the first part.
    pub file: u64,
    /// Bytes of the whole list.
    pub bytes: usize,
    pub firsts: Vec<usize>,
}

impl LongList {
    /// The long list a fragment's value describes; `None` for postings given inline.
    pub(super) fn of(value: &serde_json::Value) -> Option<LongList> {
        let v = value.as_array()?;
        let firsts = v
            .get(2)
            .and_then(|f| f.as_array())
            .map(|f| {
                f.iter()
                    .filter_map(|x| x.as_u64())
                    .map(|x| x as usize)
                    .collect()
            })
            .unwrap_or_default();
        Some(LongList {
            file: v.first()?.as_u64()?,
            bytes: v.get(1)?.as_u64()? as usize,
            firsts,
        })
    }
}

/// Part file `b/{f}.json` of a long posting list: its postings string.
pub(super) fn postings_part(store: &dyn Store, f: u64) -> Result<String, String> {
    let b = store
        .get(&format!("b/{f}.json"))
        .ok_or_else(|| format!("missing postings {f}"))?;
    serde_json::from_slice(&b).map_err(|e| format!("postings {f}: {e}"))
}

/// The page file of page `page` that holds its document `doc`.
pub(super) fn page_file(store: &dyn Store, page: usize, doc: usize) -> Result<PageFile, String> {
    let bytes = store
        .get(&format!("p/{page}-{}.json", doc / DOCS_PER_FILE))
        .ok_or_else(|| format!("missing page {page}"))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("page {page}: {e}"))
}
