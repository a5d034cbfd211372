//! The checks of a tracker reading (content/trackers/*.yaml): its slug, source, dates and unit, that
//! every resolution it names exists, and that stated figures agree with each other. A stated value
//! is never corrected: a gap that is not requirement − mobilized, or a gap % that no rounding of the
//! computed one gives, is an error at its line, for the maintainer to check against the source.

use super::policy::url_problem;
use super::source::locate;
use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::model::currency::is_iso4217;
use crate::model::tracker::{percent_agrees, Reading, Tracker};
use crate::model::*;
use std::collections::BTreeSet;
use std::path::Path;

impl Validator {
    /// Checks every reading and orders them oldest first (by the day read, then by file name).
    pub(super) fn trackers(&mut self, trackers: &mut [Tracker], known: &BTreeSet<ResolutionId>) {
        for t in trackers.iter() {
            self.tracker(t, known);
        }
        trackers.sort_by(|a, b| (a.retrieved, &a.slug).cmp(&(b.retrieved, &b.slug)));
    }

    fn tracker(&mut self, t: &Tracker, known: &BTreeSet<ResolutionId>) {
        let file = &t.file;
        if t.slug.is_empty()
            || !t
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            self.diags.push(
                Diagnostic::error(file, format!("`{}` is not a URL slug", t.slug))
                    .hint("name the file with lower-case letters, digits and hyphens, e.g. un-habitat-2025-06-15.yaml"),
            );
        }
        if t.source.name.0.is_empty() || t.source.name.0.values().any(|n| n.trim().is_empty()) {
            self.diags.push(
                Diagnostic::error(file, "`source.name` is empty")
                    .at(locate(file, "name:"), None)
                    .hint("give the source's name as it calls itself, e.g. {en: \"UN-Habitat Assembly resolution tracker\"}"),
            );
        }
        if let Some(why) = url_problem(&t.source.url, true) {
            self.diags.push(
                Diagnostic::error(file, format!("`source.url` {why}"))
                    .at(locate(file, "url:"), None)
                    .hint("give the page the figures were read from, e.g. https://unhabitat.org/unhabitat-resolutions"),
            );
        }
        if t.retrieved.day.is_none() {
            self.diags.push(
                Diagnostic::error(file, format!("`retrieved: {}` is not a day", t.retrieved))
                    .at(locate(file, "retrieved:"), None)
                    .hint("write the day the figures were read, as \"YYYY-MM-DD\""),
            );
        }
        if let Some(as_of) = t.as_of {
            if as_of > t.retrieved {
                self.diags.push(
                    Diagnostic::error(file, format!("`as_of: {as_of}` is after `retrieved: {}`", t.retrieved))
                        .at(locate(file, "as_of:"), None)
                        .hint("a source cannot give figures as of a day after they were read: check both dates"),
                );
            }
        }
        let currency = t.unit.currency.as_str();
        if !is_iso4217(currency) {
            self.diags.push(
                Diagnostic::error(file, format!("`{currency}` is not a currency code"))
                    .at(locate(file, "currency:"), None)
                    .hint("write its ISO 4217 code in capitals, e.g. USD, EUR or CNY"),
            );
        }
        if t.unit.scale == 0 {
            self.diags.push(
                Diagnostic::error(file, "`unit.scale` is 0")
                    .at(locate(file, "scale:"), None)
                    .hint("write how many currency units one figure stands for: 1000 for figures in thousands (\"$1,085K\"), 1 for whole amounts"),
            );
        }
        if let Some(totals) = &t.totals {
            self.reading(
                file,
                "totals",
                locate(file, "totals:"),
                totals,
                t.unit.scale,
            );
        }
        for (id, r) in &t.resolutions {
            let line =
                locate(file, &format!("\"{id}\"")).or_else(|| locate(file, &format!("{id}:")));
            if !known.contains(id) {
                self.diags.push(
                    Diagnostic::error(file, format!("the reading names resolution {id}, which has no file in content/resolutions/"))
                        .at(line, None)
                        .hint(format!("add content/resolutions/{}.yaml, or correct the number as the source gives it", id.slug())),
                );
            }
            self.reading(file, &format!("resolution {id}"), line, r, t.unit.scale);
        }
    }

    /// One resolution's figures, or the totals: the stated values must agree with each other.
    fn reading(&mut self, file: &Path, what: &str, line: Option<usize>, r: &Reading, scale: u64) {
        let too_large = [r.requirement, r.mobilized, r.gap.map(|g| g.unsigned_abs())]
            .into_iter()
            .flatten()
            .any(|v| v.checked_mul(scale).is_none_or(|x| x > i64::MAX as u64));
        if too_large {
            self.diags.push(
                Diagnostic::error(file, format!("a figure of {what} times `unit.scale` {scale} is too large to show"))
                    .at(line, None)
                    .hint("check the figure and the scale against the source (figures in thousands: scale 1000)"),
            );
            return;
        }
        if let Some(status) = &r.status {
            if status.0.is_empty() || status.0.values().any(|s| s.trim().is_empty()) {
                self.diags.push(
                    Diagnostic::error(file, format!("the status of {what} is empty"))
                        .at(line, None)
                        .hint("quote the source's status words, or leave `status` out"),
                );
            }
        }
        if r.requirement.is_some() && r.mobilized.is_some() && r.computed_gap().is_none() {
            self.diags.push(
                Diagnostic::error(file, format!("the figures of {what} are too large to subtract"))
                    .at(line, None)
                    .hint("check the amounts against the source: each must be below 9,223,372,036,854,775,807"),
            );
        }
        if let (Some(gap), Some(computed)) = (r.gap, r.computed_gap()) {
            if gap != computed {
                self.diags.push(
                    Diagnostic::error(file, format!(
                        "the gap of {what} is {gap}, but requirement {} − mobilized {} is {computed}",
                        r.requirement.unwrap_or(0), r.mobilized.unwrap_or(0)
                    ))
                    .at(line, None)
                    .hint("copy the three figures again from the source; if the source itself is inconsistent, leave `gap` out (the portal then shows requirement − mobilized, marked as computed)"),
                );
            }
        }
        if let (Some(stated), Some(exact)) = (r.gap_percent, r.exact_percent()) {
            if !stated.is_finite() || !percent_agrees(stated, exact) {
                self.diags.push(
                    Diagnostic::error(file, format!(
                        "the gap % of {what} is {stated}, which no rounding of gap / requirement = {exact:.2} % gives"
                    ))
                    .at(line, None)
                    .hint("copy the percentage again from the source (a source may cut 64.6 to 64: that is accepted), or leave `gap_percent` out"),
                );
            }
        }
    }
}
