//! Search: extract text from the site, tokenise it (English words, Chinese bigrams) and write the
//! index as fragments that the browser client (`static/search.js`) fetches on demand. `portal search`
//! answers from the same files. The design and its measurements are in docs/search.md.

pub mod index;
pub mod query;
pub mod tokenize;

use crate::model::Site;
use crate::render::{Base, OutFile};
use rayon::prelude::*;

/// The search index files for every language, under `search/{lang}/`. `plain` gives the plain text
/// of a paragraph file's preamble (`None`) or paragraph `i`, as the renderer extracted it.
pub fn files(site: &Site, _base: &Base, plain: index::Plain) -> Vec<OutFile> {
    let mut out: Vec<OutFile> = site
        .config
        .languages
        .par_iter()
        .flat_map(|lang| {
            let pages = index::pages(site, &lang.code, plain);
            index::build(&pages)
                .into_iter()
                .map(|(path, bytes)| OutFile {
                    path: format!("search/{}/{path}", lang.code),
                    bytes,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}
