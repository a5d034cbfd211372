//! The checks of a funding mechanism (content/mechanisms/*.yaml): its slug, name, and the report,
//! update and paragraphs it points at. Never checks the report itself.

use super::source::locate;
use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::model::*;

impl Validator {
    pub(super) fn mechanism(&mut self, m: &Mechanism, reports: &[Report]) {
        let file = &m.file;
        if m.slug.is_empty()
            || !m
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            self.diags.push(
                Diagnostic::error(file, format!("`{}` is not a URL slug", m.slug))
                    .hint("name the file with lower-case letters, digits and hyphens"),
            );
        }
        self.text(file, "name", &m.name);
        let Some(rep) = reports.iter().find(|r| r.slug == m.report) else {
            self.diags.push(
                Diagnostic::error(file, format!("report `{}` does not exist", m.report))
                    .at(locate(file, "report:"), None)
                    .hint("use the folder name of a report under content/reports/"),
            );
            return;
        };
        let Some(u) = rep.updates.iter().find(|u| u.resolution == m.resolution) else {
            self.diags.push(
                Diagnostic::error(
                    file,
                    format!(
                        "report `{}` has no update on resolution {}",
                        m.report, m.resolution
                    ),
                )
                .at(locate(file, "resolution:"), None)
                .hint("name the resolution whose update describes this mechanism"),
            );
            return;
        };
        for p in &m.paragraphs {
            if !u.paragraphs.contains(p) {
                self.diags.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "paragraph {p} is not among resolution {}'s paragraphs in `{}`",
                            m.resolution, m.report
                        ),
                    )
                    .at(locate(file, "paragraphs:"), None)
                    .hint(format!("use some of {:?}", u.paragraphs)),
                );
            }
        }
    }
}
