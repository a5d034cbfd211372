//! Validate: turn what `load` read into the immutable `Site`, checking every invariant and
//! cross-reference, and collecting every problem at once (never stopping at the first).
//! This module owns the `Validator` collector and the order of the passes; each record kind's
//! checks live in their own file. Validation never changes what a record says.

mod config;
mod mechanism;
mod paragraphs;
mod policy;
mod report;
mod source;
mod text;
mod topics;
mod update;
mod vocabulary;

pub use policy::{base_url_problem, base_url_warnings, is_placeholder_host, url_problem};
pub use source::{locate, short};

use crate::diagnostics::Diagnostic;
use crate::load::Loaded;
use crate::model::*;
use policy::is_symbol;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub fn validate(loaded: Loaded) -> (Option<Site>, Vec<Diagnostic>) {
    // `locate` keeps the file it read last; files change between the rebuilds of `serve`.
    source::forget();
    let r = validate_loaded(loaded);
    source::forget();
    r
}

fn validate_loaded(loaded: Loaded) -> (Option<Site>, Vec<Diagnostic>) {
    let mut v = Validator {
        diags: Vec::new(),
        langs: Vec::new(),
        missing: MissingTranslation::Error,
        vocabulary: Vocabulary::default(),
        config_invalid: false,
    };
    let Loaded {
        root,
        config,
        topics,
        mut resolutions,
        mut reports,
        mechanisms,
        orphans,
        unparsed,
        vocabulary,
        about,
    } = loaded;

    for o in orphans {
        v.diags.push(
            Diagnostic::error(&o, "this paragraph file has no YAML record beside it")
                .hint("add the matching .yaml record, or rename the file to match one (e.g. 2-7.en.md beside 2-7.yaml)"),
        );
    }
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
    let topic_ids: BTreeSet<&str> = topics.iter().map(|t| t.id.as_str()).collect();

    // Resolutions
    resolutions.sort_by_key(|r| r.id);
    let mut years: BTreeMap<u16, (u16, &Path)> = BTreeMap::new();
    for pair in resolutions.windows(2) {
        if pair[0].id == pair[1].id {
            v.diags.push(
                Diagnostic::error(
                    &pair[1].file,
                    format!("resolution {} is defined twice", pair[1].id),
                )
                .at(locate(&pair[1].file, "id:"), None)
                .hint(format!(
                    "it is also defined in {}; keep one record per resolution",
                    pair[0].file.display()
                )),
            );
        }
    }
    for r in &resolutions {
        let stem = r.file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem != r.id.slug() {
            v.diags.push(
                Diagnostic::error(
                    &r.file,
                    format!(
                        "the id \"{}\" does not match the file name `{stem}.yaml`",
                        r.id
                    ),
                )
                .at(locate(&r.file, "id:"), None)
                .hint(format!(
                    "rename the file to {}.yaml, or correct the id",
                    r.id.slug()
                )),
            );
        }
        match years.get(&r.id.session) {
            Some(&(y, f)) if y != r.year => v.diags.push(
                Diagnostic::error(
                    &r.file,
                    format!(
                        "year {} differs from year {y} of session {} in {}",
                        r.year,
                        r.id.session,
                        f.display()
                    ),
                )
                .at(locate(&r.file, "year:"), None)
                .hint("all resolutions of one Assembly session share its year"),
            ),
            Some(_) => {}
            None => {
                years.insert(r.id.session, (r.year, &r.file));
            }
        }
        v.text(&r.file, "title", &r.title);
        let unknown: Vec<&String> = r
            .topics
            .iter()
            .filter(|t| !topic_ids.contains(t.as_str()))
            .collect();
        if unknown.len() > MAX_PER_RECORD {
            v.diags.push(
                Diagnostic::error(
                    &r.file,
                    format!(
                        "{} more unknown topics after the {MAX_PER_RECORD} above",
                        unknown.len() - MAX_PER_RECORD
                    ),
                )
                .at(locate(&r.file, "topics:"), None)
                .hint("topics are listed in content/topics.yaml"),
            );
        }
        for t in unknown.into_iter().take(MAX_PER_RECORD) {
            {
                let mut d = Diagnostic::error(&r.file, format!("unknown topic `{}`", short(t)))
                    .at(locate(&r.file, t), None);
                d = match crate::diagnostics::did_you_mean(t, topic_ids.iter().copied()) {
                    Some(s) => d.hint(format!(
                        "did you mean `{s}`? topics are listed in content/topics.yaml"
                    )),
                    None => d.hint("add it to content/topics.yaml, or use one listed there"),
                };
                v.diags.push(d);
            }
        }
        if let Some(s) = &r.symbol {
            if !is_symbol(s) {
                v.diags.push(
                    Diagnostic::error(&r.file, format!("`{s}` is not a document symbol"))
                        .at(locate(&r.file, "symbol:"), None)
                        .hint("write it as the UN prints it, e.g. HSP/HA.2/Res.7, or leave the field out"),
                );
            }
        }
        for lang in r.narrative.keys() {
            v.lang_of_file(&r.narrative[lang].file, lang);
        }
    }
    resolutions.dedup_by_key(|r| r.id);
    // Unparsed records were reported by load; counting them as known avoids a cascade of errors.
    let known: BTreeSet<ResolutionId> = resolutions.iter().map(|r| r.id).chain(unparsed).collect();

    // Reports
    for rep in &mut reports {
        v.report(&root, rep, &known);
    }
    reports.sort_by(|a, b| (a.date, &a.slug).cmp(&(b.date, &b.slug)));

    for m in &mechanisms {
        v.mechanism(m, &reports);
    }

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
        vocabulary,
        about,
    };
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

/// Most problems of one kind reported for one record: past this, one line says how many more
/// (60,000 unknown topics in one file must not make 60,000 messages).
const MAX_PER_RECORD: usize = 20;
