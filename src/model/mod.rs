//! The domain: resolutions, reports, updates, funding evidence and paragraphs as pure data.
//! Types here are deserialised straight from the content files and checked by `validate`; they know
//! nothing of HTML, templates or files on disk beyond the path each record came from.

mod ids;
mod records;

pub use ids::{PartialDate, ResolutionId};
pub use records::*;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Human-readable text in each language, keyed by language code (`en`, `zh`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).map(String::as_str)
    }
}
