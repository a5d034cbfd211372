//! The checks of one update (a resolution's file in a report): its resolution, paragraphs, and
//! every fact's paragraph, document and currency. Never judges its labels (that is `vocabulary`).

use super::source::{locate, locate_key, locate_key_value, locate_nth};
use super::vocabulary::Label;
use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::model::currency::is_iso4217;
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
        self.update_resolution(u, known);
        if u.unfinished {
            self.update_unfinished(u);
        }
        self.update_paragraphs(u, owner);
        self.judgement(u, Label::status(u.status), &u.status_evidence);
        if let Some(n) = &u.news {
            self.evidence(u, "news", std::slice::from_ref(n));
        }
        for a in &u.acts_on {
            self.para_ref(u, "para", a.para);
        }
        self.events(u);
        for n in u.partners.iter().chain(&u.places).chain(&u.funding.sources) {
            self.para_ref(u, "para", n.para);
            self.text(file, "name", &n.name);
            if let Some(short) = &n.short {
                self.text(file, "short", short);
            }
        }
        for f in u.funding.lacking.iter().chain(&u.funding.consequences) {
            self.para_ref(u, "para", f.para);
            self.text(file, "what", &f.what);
        }
        for c in &u.counts {
            self.para_ref(u, "para", c.para);
            self.text(file, "what", &c.what);
        }
        self.update_documents(u, docs);
        self.judgement(u, Label::funding(u.funding.status), &u.funding.evidence);
        if let Some(f) = &u.funding.figures {
            self.figures(u, f, docs);
        }
        self.amounts(u);
        self.currencies(u);
    }

    /// The update names a resolution that has a record, and its file is named after it.
    fn update_resolution(&mut self, u: &Update, known: &BTreeSet<ResolutionId>) {
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
    }

    fn update_unfinished(&mut self, u: &Update) {
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
                &u.file,
                "this update is an unfinished stub carried over from the previous report (`unfinished: true`)",
            )
            .at(locate_key(&u.file, "unfinished:"), None)
            .hint(format!("{left}set `paragraphs`, status and funding with their evidence quoted from the new paragraphs, and the facts, each with its paragraph; then delete the `unfinished: true` line")),
        );
    }

    fn update_paragraphs(&mut self, u: &Update, owner: &mut BTreeMap<u32, String>) {
        let file = &u.file;
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
    }

    /// A fact's paragraph must be one of the update's own.
    fn para_ref(&mut self, u: &Update, field: &str, p: u32) {
        let file = &u.file;
        if !u.paragraphs.contains(&p) {
            self.diags.push(Diagnostic::error(file, format!("`{field}` points at paragraph {p}, which is not one of this update's paragraphs"))
                .at(locate(file, &format!("{field}: {p}")).or_else(|| locate(file, &format!("para: {p}"))), None)
                .hint(format!("use one of {:?}, or add {p} to `paragraphs`", u.paragraphs)));
        }
    }

    fn events(&mut self, u: &Update) {
        let file = &u.file;
        for e in &u.events {
            self.para_ref(u, "para", e.para);
            self.text(file, "name", &e.name);
            if let Some(p) = &e.place {
                self.text(file, "place", p);
            }
            self.date_in_paragraph(u, e);
            if e.end.is_some_and(|end| e.date.is_none_or(|d| end < d)) {
                self.diags.push(
                    Diagnostic::error(file, "an event ends before it starts")
                        .at(locate(file, "end:"), None),
                );
            }
        }
    }

    /// A fact's date, like a quote, must be the paragraph's: its year (and an end's) must be written
    /// in the paragraph, in every language the update has, as a number of its own (not in 12024).
    fn date_in_paragraph(&mut self, u: &Update, e: &Event) {
        let file = &u.file;
        let years: Vec<u16> = [e.date, e.end]
            .into_iter()
            .flatten()
            .map(|d| d.year)
            .collect();
        for (lang, doc) in &u.text {
            let Some(p) = doc.paragraphs.iter().find(|p| p.number == e.para) else {
                continue;
            };
            for y in &years {
                if !has_number(&p.markdown, *y) {
                    let name = e.name.0.values().next().map(String::as_str).unwrap_or("");
                    self.diags.push(
                        Diagnostic::error(file, format!("the event “{}” is dated {y}, but paragraph {} ({lang}) does not give that year", super::source::short(name), e.para))
                            .at(date_line(file, name, *y), None)
                            .hint("give only a date the paragraph states, or leave `date` out (and say why in a comment)"),
                    );
                }
            }
        }
    }

    fn update_documents(&mut self, u: &Update, docs: &BTreeSet<&str>) {
        let file = &u.file;
        for d in &u.documents {
            self.para_ref(u, "para", d.para);
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
    }

    /// Each figure cites one piece of evidence and a currency; together they must add up.
    fn figures(&mut self, u: &Update, f: &Figures, docs: &BTreeSet<&str>) {
        for (name, fig) in [
            ("requirement", &f.requirement),
            ("mobilized", &f.mobilized),
            ("gap", &f.gap),
        ] {
            if let Some(fig) = fig {
                self.figure(u, name, fig, docs);
            }
        }
        if let Err(p) = crate::model::history::figures(f) {
            let (msg, hint) = p.describe();
            self.diags.push(
                Diagnostic::error(&u.file, msg)
                    .at(locate(&u.file, "figures:"), None)
                    .hint(hint),
            );
        }
    }

    fn figure(&mut self, u: &Update, name: &str, fig: &Figure, docs: &BTreeSet<&str>) {
        let file = &u.file;
        match (fig.para, &fig.document) {
            (Some(p), None) => self.para_ref(u, "para", p),
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
    }

    fn amounts(&mut self, u: &Update) {
        for a in &u.funding.amounts {
            self.para_ref(u, "para", a.para);
            if let Some(w) = &a.what {
                self.text(&u.file, "what", w);
            }
        }
    }

    /// Every figure's and amount's currency is an ISO 4217 code. Each wrong one is reported at its
    /// own line: the same wrong code written twice is found twice, in the order the file has them.
    fn currencies(&mut self, u: &Update) {
        let figures = u.funding.figures.iter().flat_map(|f| {
            [&f.requirement, &f.mobilized, &f.gap]
                .into_iter()
                .flatten()
                .map(|f| f.currency.as_str())
        });
        let amounts = u.funding.amounts.iter().map(|a| a.currency.as_str());
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for currency in figures.chain(amounts) {
            if is_iso4217(currency) {
                continue;
            }
            let nth = seen.entry(currency).or_default();
            *nth += 1;
            let line = locate_key_value(&u.file, "currency", currency, *nth)
                .or_else(|| locate_nth(&u.file, currency, *nth));
            self.diags.push(
                Diagnostic::error(
                    &u.file,
                    format!("`{}` is not a currency code", super::short(currency)),
                )
                .at(line, None)
                .hint("use its ISO 4217 code in capitals, such as USD, EUR or CNY"),
            );
        }
    }
}

/// Whether `n` is written in `text` as a number of its own: not part of a longer run of digits.
fn has_number(text: &str, n: u16) -> bool {
    let needle = n.to_string();
    text.match_indices(&needle).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + needle.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// The line of the event's year: the first line holding it at or after the line naming the event.
fn date_line(file: &std::path::Path, name: &str, year: u16) -> Option<usize> {
    let text = std::fs::read_to_string(file).ok()?;
    let lines: Vec<&str> = text.lines().collect();
    let from = lines
        .iter()
        .position(|l| !name.is_empty() && l.contains(name))
        .unwrap_or(0);
    let y = year.to_string();
    lines[from..]
        .iter()
        .position(|l| l.contains(&y))
        .map(|i| from + i + 1)
}
