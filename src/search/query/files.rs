//! The index files as a query reads them (`meta.json`, term fragments, vocabulary, page files):
//! fetched from a `Store` and parsed, with the errors a broken index gives. Makes no decisions.

use super::store::Store;
use crate::search::index::utf16_cmp;
use std::collections::BTreeMap;

#[derive(serde::Deserialize)]
pub(super) struct Meta {
    pub(super) pages: usize,
    pub(super) frags: Vec<String>,
    #[serde(default)]
    pub(super) vf: Vec<String>,
    #[serde(default)]
    pub(super) vr: Vec<String>,
}

#[derive(serde::Deserialize, Debug, Clone)]
pub struct PageFile {
    pub u: String,
    pub n: String,
    pub t: String,
    pub d: Vec<(String, String, String)>,
}

pub(super) fn frag_of(frags: &[String], term: &str) -> usize {
    // Last fragment whose first term is <= term.
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
