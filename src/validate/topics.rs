//! The checks of content/topics.yaml: each topic id a unique slug with a label (and any description)
//! in every language. Never checks which records use a topic (that is `resolutions`).

use super::source::{locate, locate_key_value};
use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::model::*;
use std::collections::BTreeSet;
use std::path::Path;

impl Validator {
    pub(super) fn topics(&mut self, root: &Path, topics: &[Topic]) {
        let file = root.join("content/topics.yaml");
        let mut seen = BTreeSet::new();
        for t in topics {
            if t.id.is_empty()
                || !t
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                self.diags.push(
                    Diagnostic::error(&file, format!("topic id `{}` is not a slug", t.id))
                        .at(locate(&file, &t.id), None)
                        .hint("use lower-case letters, digits and hyphens"),
                );
            }
            if !seen.insert(&t.id) {
                self.diags.push(
                    Diagnostic::error(&file, format!("topic `{}` is listed twice", t.id))
                        .at(locate_key_value(&file, "id", &t.id, 2), None),
                );
            }
            self.text(&file, "label", &t.label);
            if let Some(d) = &t.description {
                self.text(&file, "description", d);
            }
        }
    }
}
