//! The checks of a record's paragraph files (`*.{lang}.md`) against the paragraph numbers its
//! YAML lists: every number owned once per report, present in every language, no placeholders.
//! Never parses the files (that is `load`).

use super::source::locate;
use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

impl Validator {
    /// Checks the paragraph files of one record against the numbers its YAML lists.
    pub(super) fn paragraph_files(
        &mut self,
        yaml: &Path,
        what: &str,
        expected: &[u32],
        texts: &BTreeMap<String, Doc>,
        owner: &mut BTreeMap<u32, String>,
    ) {
        for &n in expected {
            if let Some(other) = owner.insert(n, what.to_string()) {
                self.diags.push(
                    Diagnostic::error(
                        yaml,
                        format!("paragraph {n} is used twice in this report (also by {other})"),
                    )
                    .at(locate(yaml, &n.to_string()), None)
                    .hint("each numbered paragraph belongs to exactly one resolution or section"),
                );
            }
        }
        if expected.is_empty() {
            return;
        }
        for lang in &self.langs.clone() {
            let Some(doc) = texts.get(lang) else {
                let stem = yaml.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                let name = yaml.with_file_name(format!("{stem}.{lang}.md"));
                let name = if what == "report" {
                    yaml.with_file_name(format!("report.{lang}.md"))
                } else {
                    name
                };
                let link = std::fs::symlink_metadata(&name).is_ok_and(|m| m.is_symlink());
                if !link && name.is_file() {
                    // The file is there but could not be read (not UTF-8, a bad marker): that
                    // error is reported where it is; "missing" would be untrue.
                    continue;
                }
                let d = match self.missing {
                    MissingTranslation::Error => Diagnostic::error(&name, format!("the `{lang}` paragraphs of {what} are missing")),
                    MissingTranslation::Warn => Diagnostic::warning(&name, format!("the `{lang}` paragraphs of {what} are missing; pages show a \"not yet translated\" notice")),
                };
                self.diags.push(d.hint(if link {
                    "this file is a symbolic link, which is not followed: put the file itself here"
                } else {
                    "write this file with the same `§ N` paragraphs as the other languages"
                }));
                continue;
            };
            // Placeholders left by `portal new report`: one error per file, naming them all.
            let todo: Vec<&Paragraph> = doc
                .paragraphs
                .iter()
                .filter(|p| p.markdown.starts_with(TODO_MARK))
                .collect();
            if let Some(first) = todo.first() {
                let numbers: Vec<String> = todo.iter().map(|p| p.number.to_string()).collect();
                let msg = match numbers.as_slice() {
                    [one] => format!("paragraph {one} is still a placeholder"),
                    many => format!("paragraphs {} are still placeholders", many.join(", ")),
                };
                self.diags.push(
                    Diagnostic::error(&doc.file, msg)
                        .at(Some(first.line), Some(1))
                        .hint("replace each TODO line with the paragraph's text as the report prints it, under its `§ N` marker (with the new report's number)"),
                );
            }
            let mut seen = BTreeSet::new();
            for p in &doc.paragraphs {
                if !seen.insert(p.number) {
                    self.diags.push(
                        Diagnostic::error(
                            &doc.file,
                            format!("paragraph {} appears twice in this file", p.number),
                        )
                        .at(Some(p.line), Some(1))
                        .hint("renumber it or merge the two"),
                    );
                } else if !expected.contains(&p.number) {
                    self.diags.push(
                        Diagnostic::error(
                            &doc.file,
                            format!("paragraph {} is not listed in {}", p.number, yaml.display()),
                        )
                        .at(Some(p.line), Some(1))
                        .hint(format!(
                            "add {} to `paragraphs` there, or fix the marker",
                            p.number
                        )),
                    );
                }
                if let Some(c) = crate::evidence::find_invisible(&p.markdown) {
                    // Quotes are compared with this text: an unseen character can hide a label's
                    // wording from the checks while the page still shows it.
                    let line = invisible_line(&doc.file, p.line, c);
                    self.diags.push(
                        super::vocabulary::invisible(
                            &doc.file,
                            &format!("paragraph {}", p.number),
                            c,
                        )
                        .at(line, None),
                    );
                }
                if p.markdown.is_empty() {
                    self.diags.push(
                        Diagnostic::error(&doc.file, format!("paragraph {} is empty", p.number))
                            .at(Some(p.line), Some(1))
                            .hint("write its text after the marker"),
                    );
                }
            }
            for n in expected {
                if !seen.contains(n) {
                    self.diags.push(Diagnostic::error(&doc.file, format!("paragraph {n} is listed in the YAML but has no `§ {n}` marker here")).hint(format!("add `§ {n}` followed by its text")));
                }
            }
        }
    }
}

/// The line, from a paragraph's marker on, of the first occurrence of `c`.
fn invisible_line(file: &Path, marker: usize, c: char) -> Option<usize> {
    let text = super::source::source(file)?;
    text.lines()
        .enumerate()
        .skip(marker.saturating_sub(1))
        .find(|(_, l)| l.contains(c))
        .map(|(i, _)| i + 1)
        .or(Some(marker))
}
