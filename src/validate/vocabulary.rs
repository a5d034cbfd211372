//! Judgements: content/vocabulary.yaml names real labels with real wordings, and every status and
//! funding label is entailed by the report's words (see `crate::evidence` and content/README.md,
//! "Judgements"): each quote is the paragraph's own words, says something, in every language; a
//! label that needs words has a cue of its own in them and none of a stronger label; a label that
//! says the report is silent is refuted by any stronger wording in the update's paragraphs.
//! Never changes a label.

use super::source::{locate, locate_entry, locate_from, locate_key, locate_value};
use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::evidence;
use crate::model::*;
use std::path::Path;

/// One label of an update, as the rules need it.
pub(super) struct Label {
    /// `status` or `funding`.
    kind: &'static str,
    key: &'static str,
    /// The label is a reading of quoted words (all but `not-reported`, `nothing-stated`).
    needs_evidence: bool,
    /// The label says the report states nothing of this (`not-started`, `not-reported`,
    /// `nothing-stated`).
    says_absence: bool,
}

impl Label {
    pub(super) fn status(s: Status) -> Label {
        Label {
            kind: "status",
            key: s.key(),
            needs_evidence: s.needs_evidence(),
            says_absence: s.says_absence(),
        }
    }
    pub(super) fn funding(f: FundingStatus) -> Label {
        Label {
            kind: "funding",
            key: f.key(),
            needs_evidence: f.needs_evidence(),
            says_absence: f.says_absence(),
        }
    }
}

impl Validator {
    pub(super) fn vocabulary(&mut self, voc: Vocabulary) {
        let file = voc.file.clone();
        let statuses = Status::keys();
        let fundings = FundingStatus::keys();
        let silent: Vec<&str> = Status::ALL
            .iter()
            .filter(|s| !s.needs_evidence())
            .map(|s| s.key())
            .chain(
                FundingStatus::ALL
                    .iter()
                    .filter(|f| !f.needs_evidence())
                    .map(|f| f.key()),
            )
            .collect();
        for (section, map, known) in [
            ("status", &voc.status, &statuses),
            ("funding", &voc.funding, &fundings),
        ] {
            for (label, by_lang) in map {
                let at = locate_entry(&file, label);
                if !known.contains(&label.as_str()) {
                    self.diags.push(
                        Diagnostic::error(&file, format!("`{label}` is not a {section} value"))
                            .at(at, None)
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
                            .at(
                                locate_from(&file, at.unwrap_or(1), &format!("{lang}:")),
                                None,
                            )
                            .hint(format!("use one of: {}", self.langs.join(", "))),
                        );
                    }
                }
                self.cues(
                    &file,
                    section,
                    label,
                    by_lang,
                    at,
                    silent.contains(&label.as_str()),
                );
            }
        }
        self.vocabulary = voc;
    }

    /// A label's cues: none for a label that takes no quotes (nothing would read them); else at
    /// least one per language listed, each with text and nothing invisible. An empty list would
    /// let a label stand on no wording at all.
    fn cues(
        &mut self,
        file: &Path,
        section: &str,
        label: &str,
        by_lang: &std::collections::BTreeMap<String, Vec<String>>,
        at: Option<usize>,
        silent: bool,
    ) {
        if silent {
            if by_lang.values().any(|c| !c.is_empty()) {
                self.diags.push(
                    Diagnostic::error(file, format!("{section} `{label}` takes no quotes, so its cues would never be read"))
                        .at(at, None)
                        .hint("delete them: the label is refuted by the cues of every other label found in the update's paragraphs"),
                );
            }
            return;
        }
        if by_lang.is_empty() {
            self.diags.push(
                Diagnostic::error(file, format!("{section} `{label}` lists no cues"))
                    .at(at, None)
                    .hint("give the wordings that entail it per language (`zh: [进展有限]`), or delete the label: without cues no words can support it"),
            );
        }
        for (lang, list) in by_lang {
            let line = locate_from(file, at.unwrap_or(1), &format!("{lang}:")).or(at);
            if list.is_empty() {
                self.diags.push(
                    Diagnostic::error(file, format!("{section} `{label}` has an empty list of `{lang}` cues"))
                        .at(line, None)
                        .hint("give the wordings that entail it, or delete the list: an empty one would let any words have the label"),
                );
            }
            for cue in list {
                if evidence::cue_is_empty(cue) {
                    self.diags.push(
                        Diagnostic::error(
                            file,
                            format!("{section} `{label}` has a `{lang}` cue with no words"),
                        )
                        .at(line, None)
                        .hint("write the words the report uses, or delete the cue"),
                    );
                } else if let Some(c) = evidence::find_invisible(cue) {
                    self.diags.push(
                        invisible(file, &format!("the `{lang}` cue “{cue}” of `{label}`"), c).at(
                            locate_from(
                                file,
                                at.unwrap_or(1),
                                cue.split('…').next().unwrap_or(cue),
                            )
                            .or(line),
                            None,
                        ),
                    );
                }
            }
        }
    }

    /// `evidence` must support `label`: present unless the label says the report is silent, each
    /// quote the paragraph's own words (`evidence`), and, with a vocabulary, the label entailed.
    pub(super) fn judgement(&mut self, u: &Update, label: Label, evidence: &[Evidence]) {
        let file = &u.file;
        let kind = label.kind;
        let key = label.key;
        let field = if kind == "status" {
            "status_evidence"
        } else {
            "evidence"
        };
        // A label left to its default (no `funding:`) has no line of its own: the record's.
        let status_line = locate(file, &format!("status: {key}"))
            .or_else(|| locate_key(file, &format!("{kind}:")))
            .or_else(|| locate_key(file, "paragraphs:"));
        if label.needs_evidence && evidence.is_empty() {
            self.diags.push(
                Diagnostic::error(file, format!("{kind} `{key}` has no `{field}`"))
                    .at(status_line, None)
                    .hint(format!("quote the report's words that support it: `{field}: [{{para: N, quote: {{{}}}}}]`, each language's words copied from paragraph N", self.langs.iter().map(|l| format!("{l}: ...")).collect::<Vec<_>>().join(", "))),
            );
            return;
        }
        if !label.needs_evidence && !evidence.is_empty() {
            self.diags.push(
                Diagnostic::error(
                    file,
                    format!("{kind} `{key}` says the report is silent, yet `{field}` quotes it"),
                )
                .at(status_line, None)
                .hint("choose the label the quoted words support, or remove the quotes"),
            );
            return;
        }
        self.evidence(u, field, evidence);
        if u.unfinished {
            // A stub's words are the previous report's: the one "unfinished" error covers them.
            return;
        }
        if kind == "status" && key == Status::NotReported.key() && self.not_reported(u, status_line)
        {
            // Refuted by the paragraphs being there: which label their words entail is for the
            // label that replaces it.
            return;
        }
        if self.vocabulary.file.as_os_str().is_empty() {
            // No vocabulary: quotes are checked as words, labels not against wordings.
            return;
        }
        let (cues, order) = if kind == "status" {
            (&self.vocabulary.status, Status::keys())
        } else {
            (&self.vocabulary.funding, FundingStatus::keys())
        };
        let voc = self.vocabulary.file.clone();
        let mut found = Vec::new();
        if label.needs_evidence
            && !cues
                .get(key)
                .is_some_and(|m| m.values().any(|l| !l.is_empty()))
        {
            found.push(
                Diagnostic::error(file, format!("no wording in content/vocabulary.yaml entails {kind} `{key}`, so no quote can support it"))
                    .at(status_line, None)
                    .hint(format!("add the words a report uses to say it under `{kind}: {key}:` in {}, or choose the label the quoted words support", voc.display())),
            );
        }
        for lang in &self.langs {
            let quotes: Vec<&str> = evidence.iter().filter_map(|e| e.quote.get(lang)).collect();
            let mismatch = if quotes.is_empty() {
                None
            } else {
                evidence::check(cues, &order, key, lang, &quotes)
            };
            let quoted = match mismatch {
                Some(evidence::Mismatch::Stronger { entailed, .. }) => Some(entailed),
                _ => None,
            };
            if label.says_absence {
                // Silence is refuted by any stronger wording anywhere in the update's paragraphs,
                // quoted or not (a paragraph on significant progress is not "not started"); said
                // once when the quotes already show it.
                let paragraphs = paragraph_texts(u, lang);
                if let Some((entailed, cue)) =
                    evidence::stronger(cues, &order, key, lang, &paragraphs)
                        .filter(|(e, _)| Some(*e) != quoted)
                {
                    found.push(
                        Diagnostic::error(file, format!("the update's `{lang}` paragraphs entail {kind} `{entailed}` (they contain “{cue}”), which refutes `{key}`"))
                            .at(status_line, None)
                            .hint(format!("`{key}` says the report states nothing of this; label the update `{entailed}` and quote those words, or correct content/vocabulary.yaml if the cue is wrong")),
                    );
                }
            }
            match mismatch {
                None => {}
                Some(evidence::Mismatch::Stronger { entailed, cue }) => found.push(
                    Diagnostic::error(file, format!("the quoted words entail {kind} `{entailed}` (they contain “{cue}”), which takes precedence over `{key}`"))
                        .at(status_line, None)
                        .hint(format!("label these words `{entailed}`, or quote other words of the report; content/vocabulary.yaml lists the wording of each label")),
                ),
                Some(evidence::Mismatch::NoCue { cues }) => found.push(
                    Diagnostic::error(file, format!("the quoted `{lang}` words do not state what {kind} `{key}` means"))
                        .at(status_line, None)
                        .hint(format!("quote words that contain, inside one quote, one of: {} (content/vocabulary.yaml), or choose the label the words support", cues.join(", "))),
                ),
            }
        }
        self.diags.extend(found);
    }

    /// `not-reported` says the report says nothing of the resolution; an update exists because the
    /// report has paragraphs on it (`paragraphs` may not be empty), so any text in them refutes it.
    /// True when it is refuted.
    fn not_reported(&mut self, u: &Update, line: Option<usize>) -> bool {
        let said: Vec<String> = u
            .paragraphs
            .iter()
            .filter(|&&n| {
                u.text.values().any(|d| {
                    d.paragraphs
                        .iter()
                        .any(|p| p.number == n && !p.markdown.trim().is_empty())
                })
            })
            .map(u32::to_string)
            .collect();
        if !said.is_empty() {
            self.diags.push(
                Diagnostic::error(&u.file, format!("status `not-reported` says the report says nothing of resolution {}, yet its paragraphs {} do", u.resolution, said.join(", ")))
                    .at(line, None)
                    .hint("give the status those paragraphs' words support, with `status_evidence` quoting them; a resolution the report does not cover has no update file"),
            );
        }
        !said.is_empty()
    }

    /// Each quote names one of the update's paragraphs and is that paragraph's words, in every
    /// language the update has paragraphs in; each says something and holds nothing invisible.
    pub(super) fn evidence(&mut self, u: &Update, field: &str, evidence: &[Evidence]) {
        if u.unfinished {
            // A stub's quotes are the previous report's words, and its paragraphs placeholders: the
            // one "unfinished" error says to quote anew, rather than one error per quote.
            return;
        }
        let file = &u.file;
        let anchor = field_line(file, field).unwrap_or(1);
        for e in evidence {
            let line = locate_from(file, anchor, &format!("para: {}", e.para));
            if !u.paragraphs.contains(&e.para) {
                self.diags.push(
                    Diagnostic::error(file, format!("`{field}` quotes paragraph {}, which is not one of this update's paragraphs", e.para))
                        .at(line, None)
                        .hint(format!("use one of {:?}", u.paragraphs)),
                );
                continue;
            }
            let at = |quote: &str| locate_value(file, line.unwrap_or(anchor), quote).or(line);
            self.quote_languages(file, e, &u.text, line);
            for (lang, quote) in &e.quote.0 {
                if quote.trim().is_empty() {
                    continue; // reported by `quote_languages`
                }
                if !self.quote_words(file, at(quote), lang, quote) {
                    continue;
                }
                let Some(doc) = u.text.get(lang) else {
                    continue;
                };
                let Some(p) = doc.paragraphs.iter().find(|p| p.number == e.para) else {
                    continue;
                };
                if !evidence::is_verbatim(quote, &p.markdown) {
                    let how = match evidence::Spacing::of(&p.markdown) {
                        evidence::Spacing::Unspaced => "spaces and line breaks aside",
                        evidence::Spacing::Words => {
                            "word for word; runs of spaces and line breaks count as one space"
                        }
                    };
                    self.diags.push(
                        Diagnostic::error(file, format!("the `{lang}` quote is not in paragraph {} of {}", e.para, doc.file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()))
                            .at(at(quote), None)
                            .hint(format!("copy the words exactly as the paragraph has them ({how}), or correct `para`")),
                    );
                }
            }
        }
    }

    /// The languages of one quote are one paragraph's words (`{para, quote: {zh, en}}`): a quote
    /// must give them in every language the paragraphs are written in, and only in such languages,
    /// so that no language's words stand unchecked or without their counterpart.
    fn quote_languages(
        &mut self,
        file: &Path,
        e: &Evidence,
        text: &std::collections::BTreeMap<String, Doc>,
        line: Option<usize>,
    ) {
        let given: Vec<&str> = e
            .quote
            .0
            .iter()
            .filter(|(_, q)| !q.trim().is_empty())
            .map(|(l, _)| l.as_str())
            .collect();
        for (lang, doc) in text {
            if !given.contains(&lang.as_str()) {
                let name = doc
                    .file
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                let others = if given.is_empty() {
                    "no words in any language".to_string()
                } else {
                    format!("`{}` words but no `{lang}` words", given.join("`, `"))
                };
                self.diags.push(
                    Diagnostic::error(file, format!("the quote of paragraph {} has {others}", e.para))
                        .at(line, None)
                        .hint(format!("add `{lang}:` with the same words as {name} renders them in paragraph {}: each language of a quote is the same paragraph's words", e.para)),
                );
            }
        }
        for lang in e.quote.0.keys() {
            if !self.langs.contains(lang) {
                self.diags.push(
                    Diagnostic::error(file, format!("the quote of paragraph {} has words in `{lang}`, which site.yaml does not list", e.para))
                        .at(line, None)
                        .hint(format!("use one of: {}", self.langs.join(", "))),
                );
            } else if !text.contains_key(lang)
                && given.contains(&lang.as_str())
                && !unreadable_text_beside(file, lang)
            {
                // As grave as the missing file itself, which `missing_translation` may allow.
                let msg = format!("the `{lang}` quote of paragraph {} cannot be checked: the update has no `{lang}` paragraphs", e.para);
                let d = match self.missing {
                    MissingTranslation::Error => Diagnostic::error(file, msg),
                    MissingTranslation::Warn => Diagnostic::warning(file, msg),
                };
                self.diags.push(
                    d.at(line, None)
                        .hint(format!("add the `{lang}` paragraph file beside the update; until then these words are not checked")),
                );
            }
        }
    }

    /// A quote's words as words: nothing invisible, and enough of them to state something.
    /// Whether they are in the paragraph is the caller's check; false when they are not words.
    pub(super) fn quote_words(
        &mut self,
        file: &Path,
        line: Option<usize>,
        lang: &str,
        quote: &str,
    ) -> bool {
        if let Some(c) = evidence::find_invisible(quote) {
            self.diags
                .push(invisible(file, &format!("the `{lang}` quote"), c).at(line, None));
            return false;
        }
        let (spacing, n, min) = evidence::size(quote);
        if n < min {
            let unit = match spacing {
                evidence::Spacing::Unspaced => "characters",
                evidence::Spacing::Words => "words",
            };
            self.diags.push(
                Diagnostic::error(file, format!("the `{lang}` quote “{}” is too short to state anything ({n} {unit}; at least {min})", super::source::short(quote)))
                    .at(line, None)
                    .hint("quote the whole clause that supports the label (who did what), not a character or word of it"),
            );
            return false;
        }
        true
    }
}

/// An error for an invisible character in `what`: its code point, name, and how to remove it.
pub(super) fn invisible(file: &Path, what: &str, c: char) -> Diagnostic {
    Diagnostic::error(
        file,
        format!(
            "{what} holds the invisible character U+{:04X} ({})",
            c as u32,
            evidence::invisible_name(c)
        ),
    )
    .hint("delete it (retype the words around it, or copy them again from the report's plain text): unseen, it can split or join words and hide a label's wording")
}

/// The line a field's quotes start after: `status_evidence:`, `news:`, or `funding:`'s `evidence:`.
fn field_line(file: &Path, field: &str) -> Option<usize> {
    match field {
        "evidence" => {
            let funding = locate_key(file, "funding:")?;
            locate_from(file, funding, "evidence:")
        }
        _ => locate_key(file, &format!("{field}:")),
    }
}

/// The text of the update's own paragraphs in `lang`, one per paragraph.
fn paragraph_texts<'u>(u: &'u Update, lang: &str) -> Vec<&'u str> {
    u.text
        .get(lang)
        .map(|d| {
            d.paragraphs
                .iter()
                .filter(|p| u.paragraphs.contains(&p.number))
                .map(|p| p.markdown.as_str())
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the `lang` paragraph file beside the update `file` is there but could not be read (not
/// UTF-8, a bad marker): its own error says so, and the quotes it would check are not "unchecked".
fn unreadable_text_beside(file: &Path, lang: &str) -> bool {
    let name = file.with_extension(format!("{lang}.md"));
    let link = std::fs::symlink_metadata(&name).is_ok_and(|m| m.is_symlink());
    !link && name.is_file()
}
