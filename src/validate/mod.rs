//! Validate: turn what `load` read into the immutable `Site`, checking every invariant and
//! cross-reference, and collecting every problem at once (never stopping at the first).
//! This module owns the `Validator` collector and the order of the passes; each record kind's
//! checks live in their own file. Validation never changes what a record says.

mod config;
mod contact;
mod glossary;
mod mechanism;
mod paragraphs;
mod policy;
mod report;
mod resolutions;
mod source;
mod text;
mod topics;
mod tracker;
mod update;
mod vocabulary;

pub use contact::{
    contact_link, contact_missing_warning, contact_placeholder_warning, ContactLink, CONTACT_HINT,
};
pub use policy::{
    base_url_problem, base_url_warnings, is_placeholder_host, normalize_base_url, url_problem,
};
pub use source::{locate, short};

use crate::diagnostics::Diagnostic;
use crate::load::Loaded;
use crate::model::*;
use std::path::PathBuf;

pub fn validate(loaded: Loaded) -> (Option<Site>, Vec<Diagnostic>) {
    // `locate` keeps the file it read last; files change between the rebuilds of `serve`.
    source::forget();
    let r = validate_loaded(loaded);
    source::forget();
    r
}

/// The passes, in the order their problems are reported: settings first, since every record is
/// checked against the languages; then topics and vocabulary, which records refer to; then the
/// records themselves.
fn validate_loaded(loaded: Loaded) -> (Option<Site>, Vec<Diagnostic>) {
    let mut v = Validator::new();
    let Loaded {
        root,
        config,
        topics,
        mut resolutions,
        mut reports,
        mechanisms,
        mut trackers,
        orphans,
        unparsed,
        vocabulary,
        glossary,
        about,
    } = loaded;

    v.orphans(orphans);
    let Some(config) = config else {
        return (None, v.diags);
    };
    let config = v.config(&root, config);
    if v.langs.is_empty() {
        // Every record is checked against the languages: with none usable, each would only repeat
        // the one real error (a missing or invalid language) hundreds of times.
        return (None, v.diags);
    }
    v.topics(&root, &topics);
    if let Some(voc) = vocabulary {
        v.vocabulary(voc);
    }
    let known = v.resolutions(&mut resolutions, &topics, unparsed);
    for rep in &mut reports {
        v.report(&root, rep, &known);
    }
    reports.sort_by(|a, b| (a.date, &a.slug).cmp(&(b.date, &b.slug)));
    v.report_symbols_unique(&reports);
    for m in &mechanisms {
        v.mechanism(m, &reports);
    }
    v.trackers(&mut trackers, &known);
    let glossary = glossary.map(|g| v.glossary(g)).unwrap_or_default();
    for (lang, doc) in &about {
        v.lang_of_file(&doc.file, lang);
    }
    let vocabulary = std::mem::take(&mut v.vocabulary);
    if v.config_invalid {
        // The content was checked, but nothing may be built on an invalid setting (a theme folder
        // outside themes/, a base URL that makes every link unsafe or broken).
        return (None, v.diags);
    }
    let site = Site {
        config,
        topics,
        resolutions,
        reports,
        mechanisms,
        trackers,
        vocabulary,
        about,
        glossary,
    };
    v.figure_totals(&site);
    (Some(site), v.diags)
}

struct Validator {
    diags: Vec<Diagnostic>,
    langs: Vec<String>,
    missing: MissingTranslation,
    vocabulary: Vocabulary,
    /// A setting of site.yaml is invalid: the content is still checked, but not rendered.
    config_invalid: bool,
}

impl Validator {
    fn new() -> Self {
        Validator {
            diags: Vec::new(),
            langs: Vec::new(),
            missing: MissingTranslation::Error,
            vocabulary: Vocabulary::default(),
            config_invalid: false,
        }
    }

    /// The funding page sums the latest figures per currency: a sum that does not fit is an error
    /// at the figure that made it overflow (a saturated total would print a wrong number).
    fn figure_totals(&mut self, site: &Site) {
        if let Err(o) = history::figure_totals(site) {
            let field = if o.field == "over-funded" {
                "mobilized"
            } else {
                o.field
            };
            let line = source::locate(&o.update.file, &format!("{field}:"))
                .or_else(|| source::locate(&o.update.file, "figures:"));
            self.diags.push(
                Diagnostic::error(
                    &o.update.file,
                    format!(
                        "with this {field} figure, the total {} in {} of all resolutions is more than 18,446,744,073,709,551,615, which the portal cannot add up",
                        o.field, o.currency
                    ),
                )
                .at(line, None)
                .hint("check the figure against the report (a few digits too many?): no real sum comes near this"),
            );
        }
    }

    fn orphans(&mut self, orphans: Vec<PathBuf>) {
        for o in orphans {
            self.diags.push(
                Diagnostic::error(&o, "this paragraph file has no YAML record beside it")
                    .hint("add the matching .yaml record, or rename the file to match one (e.g. 2-7.en.md beside 2-7.yaml)"),
            );
        }
    }
}

/// Most problems of one kind reported for one record: past this, one line says how many more
/// (60,000 unknown topics in one file must not make 60,000 messages).
const MAX_PER_RECORD: usize = 20;
