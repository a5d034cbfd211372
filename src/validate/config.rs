//! The checks of site.yaml: languages, addresses and theme. Records invalid settings in the
//! `Validator` (so that nothing is rendered on them); never reads the content.

use super::policy::{normalize_base_url, url_problem};
use super::source::{locate, locate_key, locate_key_value, short};
use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::model::*;
use std::collections::BTreeSet;
use std::path::Path;

impl Validator {
    pub(super) fn config(&mut self, root: &Path, mut c: Config) -> Config {
        let file = root.join("site.yaml");
        self.missing = c.missing_translation;
        if c.languages.is_empty() {
            self.diags.push(
                Diagnostic::error(&file, "no languages are configured")
                    .hint("list at least one under `languages`"),
            );
        }
        let mut seen = BTreeSet::new();
        for l in &c.languages {
            let ok = !l.code.is_empty()
                && l.code.len() <= 8
                && l.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && !l.code.starts_with('-');
            if !ok {
                self.diags.push(
                    Diagnostic::error(&file, format!("`{}` is not a language code", l.code))
                        .at(locate_key_value(&file, "code", &l.code, 1), None)
                        .hint("use a lower-case code such as `en`, `zh` or `fr`; it becomes a URL segment"),
                );
            }
            if !seen.insert(&l.code) {
                self.diags.push(
                    Diagnostic::error(&file, format!("language `{}` is listed twice", l.code))
                        .at(locate_key_value(&file, "code", &l.code, 2), None),
                );
            }
            // A code becomes a folder and file name (`zh/`, `2-7.zh.md`): an invalid one is never
            // used, so that nothing downstream builds a path from it.
            if ok {
                self.langs.push(l.code.clone());
            }
        }
        if self.langs.len() < c.languages.len() || self.langs.is_empty() {
            // Everything else is checked against the languages: nothing more to say until fixed.
            self.langs.clear();
            return c;
        }
        if !self.langs.contains(&c.default_language) {
            self.diags.push(
                Diagnostic::error(
                    &file,
                    format!(
                        "default_language `{}` is not among the languages",
                        c.default_language
                    ),
                )
                .at(locate(&file, "default_language:"), None)
                .hint(format!("use one of: {}", self.langs.join(", "))),
            );
        }
        // As `--base-url` is read: `HTTPS://X.ORG/` is `https://x.org/`; port 99999 is no port.
        let normalized = normalize_base_url(&c.base_url);
        if let Ok(u) = &normalized {
            c.base_url = u.clone();
        }
        if let Some(why) = normalized.err() {
            self.config_invalid = true;
            self.diags.push(
                Diagnostic::error(&file, format!("base_url `{}` {why}", short(&c.base_url)))
                    .at(locate(&file, "base_url:"), None)
                    .hint("write it like https://example.org/ or https://example.org/portal/"),
            );
        }
        let sample = c
            .document_url
            .replace("{lang}", "en")
            .replace("{symbol}", "HSP/HA.2/Res.7");
        let why = if c.document_url.contains("{symbol}") {
            url_problem(&sample, true)
        } else {
            Some("does not contain `{symbol}`".to_string())
        };
        if let Some(why) = why {
            self.config_invalid = true;
            self.diags.push(
                Diagnostic::error(
                    &file,
                    format!("document_url `{}` {why}", short(&c.document_url)),
                )
                .at(locate(&file, "document_url:"), None)
                .hint("write it like https://undocs.org/{lang}/{symbol}"),
            );
        }
        if let Some(why) = c
            .official_tracker
            .as_ref()
            .and_then(|t| url_problem(&t.url, true))
        {
            self.config_invalid = true;
            self.diags.push(
                Diagnostic::error(&file, format!("official_tracker.url {why}"))
                    .at(locate(&file, "official_tracker:"), None)
                    .hint("write the tracker's page, like https://unhabitat.org/unhabitat-resolutions"),
            );
        }
        if let Some(why) = c
            .contact
            .as_deref()
            .and_then(|v| super::contact_link(v).err())
        {
            self.config_invalid = true;
            self.diags.push(
                Diagnostic::error(
                    &file,
                    format!(
                        "contact `{}` {why}",
                        short(c.contact.as_deref().unwrap_or(""))
                    ),
                )
                .at(locate_key(&file, "contact:"), None)
                .hint(super::CONTACT_HINT),
            );
        }
        if !c.base_url.ends_with('/') {
            c.base_url.push('/');
        }
        if c.theme.is_empty()
            || !c
                .theme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            self.config_invalid = true;
            self.diags.push(
                Diagnostic::error(
                    &file,
                    format!("theme `{}` is not a folder name", short(&c.theme)),
                )
                .at(locate(&file, "theme:"), None)
                .hint("name a folder under themes/, such as `default`"),
            );
        }
        self.text(&file, "title", &c.title.clone());
        if let Some(t) = c.tagline.clone() {
            self.text(&file, "tagline", &t);
        }
        c
    }
}
