//! A ranked page made into a result: its page file read, the link to the document where the words
//! occur, and the snippet. Ranks nothing.

use super::files::{page_file, PageFile};
use super::parse::QueryToken;
use super::rank::Ranked;
use super::snippet::{self, result_snippet};
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

/// Results re-ranked by phrase: within the first `PHRASE_WINDOW` (whose page files are read anyway),
/// a page whose title or shown document holds the query's words one after another, in order,
/// gains the idf sum of its tokens (twice the bonus for one document holding them all).
pub const PHRASE_WINDOW: usize = 20;

/// The result for a ranked page, showing its document; `held`: the tokens of the words not left
/// out. Adds the phrase bonus to the ranked page when its words are one after another.
pub(super) fn hit(
    store: &dyn Store,
    r: &mut Ranked,
    tokens: &[QueryToken],
    held: &[&QueryToken],
) -> Result<Hit, String> {
    let lacks = r
        .lacks
        .iter()
        .filter_map(|w| tokens.iter().find(|t| t.word == *w))
        .map(|t| t.typed.clone())
        .collect();
    let file = page_file(store, r.page, r.doc)?;
    let (href, text, fields) = file
        .d
        .get(r.doc % DOCS_PER_FILE)
        .cloned()
        .unwrap_or_default();
    let phrase: Vec<&QueryToken> = held
        .iter()
        .copied()
        .filter(|t| !r.lacks.contains(&t.word) && !t.exact.starts_with('¶'))
        .collect();
    if phrase.len() > 1
        && [&file.t, &text, &fields]
            .iter()
            .any(|x| snippet::phrase(x, &phrase))
    {
        r.score += r.idf_sum;
    }
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
        page: r.page,
        score: r.score,
        doc: r.doc,
        file,
        url,
        href,
        snippet,
        lacks,
    })
}
