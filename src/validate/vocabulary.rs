//! Judgements: content/vocabulary.yaml names real labels, and every status and funding label
//! carries the report's own words, which entail it (see `crate::evidence`). Never changes a label.

use super::source::locate;
use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::model::*;

impl Validator {
    pub(super) fn vocabulary(&mut self, voc: Vocabulary) {
        let file = voc.file.clone();
        let statuses = Status::keys();
        let fundings = FundingStatus::keys();
        for (section, map, known) in [
            ("status", &voc.status, &statuses),
            ("funding", &voc.funding, &fundings),
        ] {
            for (label, by_lang) in map {
                if !known.contains(&label.as_str()) {
                    self.diags.push(
                        Diagnostic::error(&file, format!("`{label}` is not a {section} value"))
                            .at(locate(&file, &format!("{label}:")), None)
                            .hint(format!("use one of: {}", known.join(", "))),
                    );
                }
                for lang in by_lang.keys() {
                    if !self.langs.contains(lang) {
                        self.diags.push(
                            Diagnostic::error(
                                &file,
                                format!("cues in `{lang}`, which site.yaml does not list"),
                            )
                            .at(locate(&file, &format!("{lang}:")), None)
                            .hint(format!("use one of: {}", self.langs.join(", "))),
                        );
                    }
                }
            }
        }
        self.vocabulary = voc;
    }

    /// `evidence` must support `label`: present unless the label says the report is silent, each
    /// quote verbatim in its paragraph, and its words entailing this label and nothing stronger.
    pub(super) fn judgement(
        &mut self,
        u: &Update,
        kind: &str,
        label: &str,
        needs: bool,
        evidence: &[Evidence],
    ) {
        let file = &u.file;
        let field = if kind == "status" {
            "status_evidence"
        } else {
            "evidence"
        };
        if needs && evidence.is_empty() {
            self.diags.push(
                Diagnostic::error(file, format!("{kind} `{label}` has no `{field}`"))
                    .at(locate(file, &format!("status: {label}")), None)
                    .hint(format!("quote the report's words that support it: `{field}: [{{para: N, quote: {{{}}}}}]`, each language's words copied from paragraph N", self.langs.iter().map(|l| format!("{l}: ...")).collect::<Vec<_>>().join(", "))),
            );
            return;
        }
        if !needs && !evidence.is_empty() {
            self.diags.push(
                Diagnostic::error(
                    file,
                    format!("{kind} `{label}` says the report is silent, yet `{field}` quotes it"),
                )
                .at(locate(file, &format!("status: {label}")), None)
                .hint("choose the label the quoted words support, or remove the quotes"),
            );
            return;
        }
        self.evidence(u, field, evidence);
        let (cues, order) = if kind == "status" {
            (&self.vocabulary.status, Status::keys())
        } else {
            (&self.vocabulary.funding, FundingStatus::keys())
        };
        let mut found = Vec::new();
        for lang in &self.langs {
            let words: String = evidence
                .iter()
                .filter_map(|e| e.quote.get(lang))
                .collect::<Vec<_>>()
                .join("\n");
            if words.is_empty() {
                continue;
            }
            match crate::evidence::check(cues, &order, label, lang, &words) {
                None => {}
                Some(crate::evidence::Mismatch::Stronger { entailed, cue }) => found.push(
                    Diagnostic::error(file, format!("the quoted words entail {kind} `{entailed}` (they contain “{cue}”), which takes precedence over `{label}`"))
                        .at(locate(file, &format!("status: {label}")), None)
                        .hint(format!("label these words `{entailed}`, or quote other words of the report; content/vocabulary.yaml lists the wording of each label")),
                ),
                Some(crate::evidence::Mismatch::NoCue { cues }) => found.push(
                    Diagnostic::error(file, format!("the quoted `{lang}` words do not state what {kind} `{label}` means"))
                        .at(locate(file, &format!("status: {label}")), None)
                        .hint(format!("quote words that contain one of: {} (content/vocabulary.yaml), or choose the label the words support", cues.join(", "))),
                ),
            }
        }
        self.diags.extend(found);
    }

    /// Each quote names one of the update's paragraphs and is that paragraph's words in every language.
    pub(super) fn evidence(&mut self, u: &Update, field: &str, evidence: &[Evidence]) {
        if u.unfinished {
            // A stub's quotes are the previous report's words, and its paragraphs placeholders: the
            // one "unfinished" error says to quote anew, rather than one error per quote.
            return;
        }
        let file = &u.file;
        for e in evidence {
            let line = locate(file, &format!("para: {}", e.para));
            if !u.paragraphs.contains(&e.para) {
                self.diags.push(
                    Diagnostic::error(file, format!("`{field}` quotes paragraph {}, which is not one of this update's paragraphs", e.para))
                        .at(line, None)
                        .hint(format!("use one of {:?}", u.paragraphs)),
                );
                continue;
            }
            self.text(file, "quote", &e.quote);
            for (lang, quote) in &e.quote.0 {
                let Some(doc) = u.text.get(lang) else {
                    continue;
                };
                let Some(p) = doc.paragraphs.iter().find(|p| p.number == e.para) else {
                    continue;
                };
                if !crate::evidence::is_verbatim(quote, &p.markdown) {
                    let at = quote.chars().take(12).collect::<String>();
                    self.diags.push(
                        Diagnostic::error(file, format!("the `{lang}` quote is not in paragraph {} of {}", e.para, doc.file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()))
                            .at(locate(file, &at).or(line), None)
                            .hint("copy the words exactly as the paragraph has them (spaces and line breaks aside), or correct `para`"),
                    );
                }
            }
        }
    }
}
