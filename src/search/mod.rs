//! Search: extract text from the site, tokenise it (English words, Chinese bigrams) and write the
//! index as fragments that the browser client (`static/search.js`) fetches on demand. `portal search`
//! answers from the same files. The design and its measurements are in docs/search.md.

pub mod han;
pub mod index;
pub mod ordinals;
pub mod query;
pub mod tokenize;

use crate::diagnostics::Diagnostic;
use crate::markdown::documents::Documents;
use crate::model::Site;
use crate::output::OutFile;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Writes the search index files for every language, under `search/{lang}/`, through `put`.
/// The text indexed is that of the site's rendered documents, as the pages show it.
pub fn files(
    site: &Site,
    docs: &Documents,
    labels: &LabelNames,
    put: &Put,
) -> Result<(), Diagnostic> {
    // The traditional → simplified table, for the client to fold queries as the index was folded.
    for (i, pairs) in han::buckets().into_iter().enumerate() {
        put(OutFile {
            path: format!("search/han/{i}.json"),
            bytes: serde_json::to_vec(&pairs).unwrap_or_default(),
        })?;
    }
    site.config.languages.par_iter().try_for_each(|lang| {
        let pages = index::Pages::new(site, &lang.code, docs, labels);
        let prefix = format!("search/{}/", lang.code);
        let page = |i| std::borrow::Cow::Owned(pages.get(i));
        index::build_from(pages.len(), &page, &|path, bytes| {
            put(OutFile {
                path: format!("{prefix}{path}"),
                bytes,
            })
        })
    })
}

/// The site's own words for its labels, per language (`status-held-back-by-funding` → "Held back by
/// funding"), as the pages print them: a resolution's page is found by the labels it carries.
#[derive(Debug, Clone, Default)]
pub struct LabelNames(pub BTreeMap<String, BTreeMap<String, String>>);

impl LabelNames {
    pub fn get(&self, lang: &str, key: &str) -> Option<&str> {
        self.0.get(lang)?.get(key).map(String::as_str)
    }
}

/// Receives each file of the index as soon as it is made.
pub type Put<'a> = dyn Fn(OutFile) -> Result<(), Diagnostic> + Sync + 'a;
