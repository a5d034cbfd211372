//! The checks of the resolution records (content/resolutions/*.yaml): one record per id, named
//! after it, one year per session, known topics, a well-formed symbol. Never checks what reports
//! say about a resolution (that is `report` and `update`).

use super::policy::is_symbol;
use super::source::{locate, short};
use super::{Validator, MAX_PER_RECORD};
use crate::diagnostics::Diagnostic;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

impl Validator {
    /// Sorts and deduplicates `resolutions`, and returns the ids an update may name.
    pub(super) fn resolutions(
        &mut self,
        resolutions: &mut Vec<Resolution>,
        topics: &[Topic],
        unparsed: Vec<ResolutionId>,
    ) -> BTreeSet<ResolutionId> {
        let topic_ids: BTreeSet<&str> = topics.iter().map(|t| t.id.as_str()).collect();
        resolutions.sort_by_key(|r| r.id);
        self.defined_twice(resolutions);
        let mut years: BTreeMap<u16, (u16, &Path)> = BTreeMap::new();
        for r in resolutions.iter() {
            self.resolution_file_name(r);
            self.session_year(r, &mut years);
            self.text(&r.file, "title", &r.title);
            self.resolution_topics(r, &topic_ids);
            self.resolution_symbol(r);
            for lang in r.narrative.keys() {
                self.lang_of_file(&r.narrative[lang].file, lang);
            }
        }
        resolutions.dedup_by_key(|r| r.id);
        // Unparsed records were reported by load; counting them as known avoids a cascade of errors.
        resolutions.iter().map(|r| r.id).chain(unparsed).collect()
    }

    /// `sorted` must be sorted by id.
    fn defined_twice(&mut self, sorted: &[Resolution]) {
        for pair in sorted.windows(2) {
            if pair[0].id == pair[1].id {
                self.diags.push(
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
    }

    fn resolution_file_name(&mut self, r: &Resolution) {
        let stem = r.file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem != r.id.slug() {
            self.diags.push(
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
    }

    /// `years` holds the first year seen for each session, and the file it was seen in.
    fn session_year<'a>(&mut self, r: &'a Resolution, years: &mut BTreeMap<u16, (u16, &'a Path)>) {
        match years.get(&r.id.session) {
            Some(&(y, f)) if y != r.year => self.diags.push(
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
    }

    fn resolution_topics(&mut self, r: &Resolution, topic_ids: &BTreeSet<&str>) {
        let unknown: Vec<&String> = r
            .topics
            .iter()
            .filter(|t| !topic_ids.contains(t.as_str()))
            .collect();
        let mut last_line = None;
        for t in unknown.iter().take(MAX_PER_RECORD) {
            let line = locate(&r.file, t);
            last_line = line.or(last_line);
            let d =
                Diagnostic::error(&r.file, format!("unknown topic `{}`", short(t))).at(line, None);
            let d = match crate::diagnostics::did_you_mean(t, topic_ids.iter().copied()) {
                Some(s) => d.hint(format!(
                    "did you mean `{s}`? topics are listed in content/topics.yaml"
                )),
                None => d.hint("add it to content/topics.yaml, or use one listed there"),
            };
            self.diags.push(d);
        }
        if unknown.len() > MAX_PER_RECORD {
            // At the last one listed, and a summary: printed after the list it sums up.
            self.diags.push(
                Diagnostic::error(
                    &r.file,
                    format!(
                        "{} more unknown topics after the {MAX_PER_RECORD} above",
                        unknown.len() - MAX_PER_RECORD
                    ),
                )
                .at(last_line.or_else(|| locate(&r.file, "topics:")), None)
                .summary()
                .hint("topics are listed in content/topics.yaml"),
            );
        }
    }

    fn resolution_symbol(&mut self, r: &Resolution) {
        if let Some(s) = &r.symbol {
            if !is_symbol(s) {
                self.diags.push(
                    Diagnostic::error(&r.file, format!("`{s}` is not a document symbol"))
                        .at(locate(&r.file, "symbol:"), None)
                        .hint("write it as the UN prints it, e.g. HSP/HA.2/Res.7, or leave the field out"),
                );
            }
        }
    }
}
