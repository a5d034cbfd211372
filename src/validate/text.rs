//! Checks shared by every record kind: a multilingual text has every configured language and no
//! other, titles hold no invisible characters, a file name's language is a language of the site.
//! Never knows which record a text belongs to beyond its file and field.

use super::source::locate;
use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::model::*;
use std::path::Path;

impl Validator {
    /// A text field must have every configured language (an error, or a warning when so configured),
    /// and no language that is not configured.
    pub(super) fn text(&mut self, file: &Path, field: &str, t: &Text) {
        if field == "title" {
            self.invisible_characters(file, t);
        }
        for lang in &self.langs {
            if t.get(lang).is_none_or(|s| s.trim().is_empty()) {
                let d = match self.missing {
                    MissingTranslation::Error => Diagnostic::error(file, format!("`{field}` has no `{lang}` text")),
                    MissingTranslation::Warn => Diagnostic::warning(file, format!("`{field}` has no `{lang}` text; the page shows a \"not yet translated\" notice")),
                };
                self.diags.push(
                    d.at(locate(file, &format!("{field}:")), None)
                        .hint(format!("add `{lang}: ...` under `{field}`")),
                );
            }
        }
        for lang in t.0.keys() {
            if !self.langs.contains(lang) {
                self.diags.push(
                    Diagnostic::error(
                        file,
                        format!("`{field}` has text in `{lang}`, which site.yaml does not list"),
                    )
                    .at(locate(file, &format!("{lang}:")), None)
                    .hint(format!(
                        "use one of: {}, or add the language to site.yaml",
                        self.langs.join(", ")
                    )),
                );
            }
        }
    }

    /// Bidi overrides can make a title read differently from what it is; zero-width characters
    /// make two titles that look the same differ (in search, in the data files). Legitimate in some
    /// scripts, so a warning.
    fn invisible_characters(&mut self, file: &Path, t: &Text) {
        for (lang, s) in &t.0 {
            let found = s.chars().find(|&c| {
                crate::diagnostics::is_bidi_control(c)
                    || matches!(
                        c,
                        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
                    )
            });
            if let Some(c) = found {
                self.diags.push(
                    Diagnostic::warning(
                        file,
                        format!(
                            "the `{lang}` title holds the invisible character {}",
                            c.escape_unicode()
                        ),
                    )
                    .at(locate(file, "title:"), None)
                    .hint("delete it unless the script needs it; it may have been pasted in"),
                );
            }
        }
    }

    pub(super) fn lang_of_file(&mut self, file: &Path, lang: &str) {
        if !self.langs.iter().any(|l| l == lang) {
            self.diags.push(
                Diagnostic::error(
                    file,
                    format!("`{lang}` in the file name is not a language of the site"),
                )
                .hint(format!(
                    "name it ….{{lang}}.md with one of: {}",
                    self.langs.join(", ")
                )),
            );
        }
    }
}
