//! A ranked page made into a result: its page file read, the link to the document where the words
//! occur, and the snippet. Ranks nothing.

use super::files::{page_file, PageFile};
use super::parse::QueryToken;
use super::rank::Ranked;
use super::snippet::result_snippet;
use super::store::Store;
use crate::search::index::DOCS_PER_FILE;

#[derive(Debug, Clone)]
pub struct Hit {
    pub page: usize,
    pub score: f64,
    pub doc: usize,
    pub file: PageFile,
    /// Link to the page, relative to the site root.
    pub url: String,
    /// Link to the document where the words occur (the page, or a paragraph anchor).
    pub href: String,
    /// The snippet as (text, highlighted) pieces.
    pub snippet: Vec<(String, bool)>,
    /// Words of the query, as typed, that this page does not hold (when no page holds them all).
    pub lacks: Vec<String>,
}

/// The result for a ranked page, showing its document.
pub(super) fn hit(store: &dyn Store, r: Ranked, tokens: &[QueryToken]) -> Result<Hit, String> {
    let (page, score, doc) = (r.page, r.score, r.doc);
    let lacks = r
        .lacks
        .iter()
        .filter_map(|w| tokens.iter().find(|t| t.word == *w))
        .map(|t| t.typed.clone())
        .collect();
    let file = page_file(store, page, doc)?;
    let (href, text, fields) = file.d.get(doc % DOCS_PER_FILE).cloned().unwrap_or_default();
    let url = file.u.clone();
    // A document's href is empty (the page), an anchor on the page, or a path from the site root.
    let href = if href.is_empty() {
        url.clone()
    } else if href.starts_with('#') {
        format!("{url}{href}")
    } else {
        href
    };
    let snippet = result_snippet(&text, &fields, &file.t, tokens);
    Ok(Hit {
        page,
        score,
        doc,
        file,
        url,
        href,
        snippet,
        lacks,
    })
}
