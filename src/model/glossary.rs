//! `content/glossary.yaml`: the short forms readers type for names the report spells out in full
//! (`UNFCCC`, `COP28`, `WUF12`), so that search finds the paragraph either way. Used only by the
//! search index; nothing is printed from it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The placeholders a form may hold: a number written in words or digits (`twelfth`, `第十二届`),
/// and a year.
pub const PLACEHOLDERS: [&str; 2] = ["{n}", "{y}"];

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub terms: Vec<GlossaryTerm>,
    #[serde(skip)]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryTerm {
    /// What readers type, in any script and on every language's page: `COP{n}`, `COP {n}`.
    pub short: Vec<String>,
    /// The wordings the texts use, per language: `{n} session of the World Urban Forum`.
    pub full: BTreeMap<String, Vec<String>>,
}

impl GlossaryTerm {
    /// The placeholders `s` holds, in a fixed order.
    pub fn placeholders(s: &str) -> Vec<&'static str> {
        PLACEHOLDERS.into_iter().filter(|p| s.contains(p)).collect()
    }
}
