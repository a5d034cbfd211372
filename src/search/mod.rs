//! Search: extract text from the site, tokenise it (English words, Chinese bigrams) and write the
//! index as fragments that the browser client fetches on demand. Placeholder until the index lands.

use crate::model::Site;
use crate::render::{Base, OutFile};

/// The search index files for every language.
pub fn files(_site: &Site, _base: &Base) -> Vec<OutFile> {
    Vec::new()
}
