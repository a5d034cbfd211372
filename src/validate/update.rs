//! The checks of one update (a resolution's file in a report): its resolution, paragraphs, and
//! every fact's paragraph, document and currency. Never judges its labels (that is `vocabulary`).

use super::policy::is_currency;
use super::source::{locate, locate_key};
use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

impl Validator {
    pub(super) fn update(
        &mut self,
        u: &Update,
        docs: &BTreeSet<&str>,
        known: &BTreeSet<ResolutionId>,
        owner: &mut BTreeMap<u32, String>,
    ) {
        let file = &u.file;
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem != u.resolution.slug() {
            self.diags.push(
                Diagnostic::error(
                    file,
                    format!(
                        "resolution \"{}\" does not match the file name `{stem}.yaml`",
                        u.resolution
                    ),
                )
                .at(locate(file, "resolution:"), None)
                .hint(format!(
                    "rename the file to {}.yaml, or correct `resolution`",
                    u.resolution.slug()
                )),
            );
        }
        if !known.contains(&u.resolution) {
            self.diags.push(
                Diagnostic::error(file, format!("resolution {} has no record", u.resolution))
                    .at(locate(file, "resolution:"), None)
                    .hint(format!(
                        "add content/resolutions/{}.yaml",
                        u.resolution.slug()
                    )),
            );
        }
        if u.unfinished {
            let todo: Vec<String> = u
                .text
                .values()
                .filter(|d| {
                    d.paragraphs
                        .iter()
                        .any(|p| p.markdown.starts_with(TODO_MARK))
                })
                .filter_map(|d| d.file.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect();
            let left = if todo.is_empty() {
                String::new()
            } else {
                format!("paste the new paragraphs into {}; ", todo.join(", "))
            };
            self.diags.push(
                Diagnostic::error(
                    file,
                    "this update is an unfinished stub carried over from the previous report (`unfinished: true`)",
                )
                .at(locate_key(file, "unfinished:"), None)
                .hint(format!("{left}set `paragraphs`, status and funding with their evidence quoted from the new paragraphs, and the facts, each with its paragraph; then delete the `unfinished: true` line")),
            );
        }
        if u.paragraphs.is_empty() {
            self.diags.push(
                Diagnostic::error(file, "`paragraphs` is empty")
                    .at(locate(file, "paragraphs:"), None)
                    .hint("list the report's paragraph numbers on this resolution"),
            );
        }
        for (lang, doc) in &u.text {
            self.lang_of_file(&doc.file, lang);
        }
        self.paragraph_files(
            file,
            &format!("resolution {}", u.resolution),
            &u.paragraphs,
            &u.text,
            owner,
        );

        let para_ref = |this: &mut Self, field: &str, p: u32| {
            if !u.paragraphs.contains(&p) {
                this.diags.push(Diagnostic::error(file, format!("`{field}` points at paragraph {p}, which is not one of this update's paragraphs"))
                    .at(locate(file, &format!("{field}: {p}")).or_else(|| locate(file, &format!("para: {p}"))), None)
                    .hint(format!("use one of {:?}, or add {p} to `paragraphs`", u.paragraphs)));
            }
        };
        self.judgement(
            u,
            "status",
            u.status.key(),
            u.status.needs_evidence(),
            &u.status_evidence,
        );
        if let Some(n) = &u.news {
            self.evidence(u, "news", std::slice::from_ref(n));
        }
        for a in &u.acts_on {
            para_ref(self, "para", a.para);
        }
        for e in &u.events {
            para_ref(self, "para", e.para);
            self.text(file, "name", &e.name);
            if let Some(p) = &e.place {
                self.text(file, "place", p);
            }
            if e.end.is_some_and(|end| end < e.date) {
                self.diags.push(
                    Diagnostic::error(file, "an event ends before it starts")
                        .at(locate(file, "end:"), None),
                );
            }
        }
        for n in u.partners.iter().chain(&u.places).chain(&u.funding.sources) {
            para_ref(self, "para", n.para);
            self.text(file, "name", &n.name);
            if let Some(short) = &n.short {
                self.text(file, "short", short);
            }
        }
        for f in u.funding.lacking.iter().chain(&u.funding.consequences) {
            para_ref(self, "para", f.para);
            self.text(file, "what", &f.what);
        }
        for c in &u.counts {
            para_ref(self, "para", c.para);
            self.text(file, "what", &c.what);
        }
        for d in &u.documents {
            para_ref(self, "para", d.para);
            if !docs.contains(d.symbol.as_str()) {
                self.diags.push(
                    Diagnostic::error(
                        file,
                        format!("document `{}` is not in the report's `documents`", d.symbol),
                    )
                    .at(locate(file, &d.symbol), None)
                    .hint("add it to `documents` in report.yaml, or correct the symbol"),
                );
            }
        }
        self.judgement(
            u,
            "funding",
            u.funding.status.key(),
            u.funding.status.needs_evidence(),
            &u.funding.evidence,
        );
        if let Some(f) = &u.funding.figures {
            for (name, fig) in [
                ("requirement", &f.requirement),
                ("mobilized", &f.mobilized),
                ("gap", &f.gap),
            ] {
                let Some(fig) = fig else { continue };
                match (fig.para, &fig.document) {
                    (Some(p), None) => para_ref(self, "para", p),
                    (None, Some(d)) => {
                        if !docs.contains(d.as_str()) {
                            self.diags.push(
                                Diagnostic::error(file, format!("the {name} figure cites `{d}`, which is not in the report's `documents`"))
                                    .at(locate(file, d), None)
                                    .hint("add the document to `documents` in report.yaml, or correct the symbol"),
                            );
                        }
                    }
                    _ => self.diags.push(
                        Diagnostic::error(file, format!("the {name} figure needs one piece of evidence"))
                            .at(locate(file, &format!("{name}:")), None)
                            .hint("give either `para` (a paragraph of this update) or `document` (a symbol from the report's `documents`)"),
                    ),
                }
                if !is_currency(&fig.currency) {
                    self.diags.push(
                        Diagnostic::error(
                            file,
                            format!("`{}` is not a currency code", fig.currency),
                        )
                        .at(locate(file, &fig.currency), None)
                        .hint("use an ISO 4217 code such as USD or EUR"),
                    );
                }
            }
            if let Err(p) = crate::model::history::figures(f) {
                let (msg, hint) = p.describe();
                self.diags.push(
                    Diagnostic::error(file, msg)
                        .at(locate(file, "figures:"), None)
                        .hint(hint),
                );
            }
        }
        for a in &u.funding.amounts {
            para_ref(self, "para", a.para);
            if !is_currency(&a.currency) {
                self.diags.push(
                    Diagnostic::error(file, format!("`{}` is not a currency code", a.currency))
                        .at(locate(file, &a.currency), None)
                        .hint("use an ISO 4217 code such as USD or EUR"),
                );
            }
            if let Some(w) = &a.what {
                self.text(file, "what", w);
            }
        }
    }
}
