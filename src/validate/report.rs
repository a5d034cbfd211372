//! The checks of one report (report.yaml): its slug, texts, languages, seeds, sections and
//! footnotes, then each of its updates. Never checks an update's own fields (that is `update`).

use super::policy::{is_symbol, url_problem};
use super::source::{locate, locate_key, locate_key_value, short};
use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

impl Validator {
    /// One document is one report: a folder copied under a second name would be published twice,
    /// and the later copy's "what changed" page compare the report with itself.
    pub(super) fn report_symbols_unique(&mut self, reports: &[Report]) {
        let mut first: BTreeMap<String, &Report> = BTreeMap::new();
        for rep in reports {
            // By the symbol as written, in any case: `hsp/eb.2024/20` is HSP/EB.2024/20.
            match first.entry(rep.symbol.to_ascii_uppercase()) {
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(rep);
                }
                std::collections::btree_map::Entry::Occupied(e) => {
                    let other = e.get();
                    self.diags.push(
                        Diagnostic::error(
                            &rep.file,
                            format!(
                                "the report symbol {} is also the symbol of content/reports/{}/: one document in two folders ({} and {})",
                                short(&rep.symbol),
                                other.slug,
                                other.slug,
                                rep.slug
                            ),
                        )
                        .at(locate_key(&rep.file, "symbol:"), None)
                        .hint("keep one of the two folders (a copy of a report is not a new report), or correct the symbol"),
                    );
                }
            }
        }
    }

    /// Sorts the report's updates by resolution (the order every page lists them in).
    pub(super) fn report(&mut self, root: &Path, rep: &mut Report, known: &BTreeSet<ResolutionId>) {
        let file = rep.file.clone();
        self.report_slug(rep);
        self.report_symbol(rep);
        self.report_texts(rep);
        self.report_ranges(rep);
        self.report_languages(root, rep);
        if rep.unfinished {
            self.diags.push(
                Diagnostic::error(&file, "this report is an unfinished scaffold (`unfinished: true`)")
                    .at(locate_key(&file, "unfinished:"), None)
                    .hint("fill in title, date, meeting, period, sections, footnotes and documents from the new report, then delete the `unfinished: true` line"),
            );
        }
        let docs: BTreeSet<&str> = rep.documents.iter().map(|d| d.symbol.as_str()).collect();
        for d in &rep.documents {
            self.text(&file, "description", &d.description);
        }
        let mut owner = self.report_paragraphs(rep);
        self.funding_finding(rep);
        self.updates(&mut rep.updates, &docs, known, &mut owner);
        self.sections(&file, &rep.sections, known);
        for f in &rep.footnotes {
            self.footnote(&file, f, &docs, &owner);
        }
    }

    fn report_slug(&mut self, rep: &Report) {
        if rep.slug.is_empty()
            || !rep
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            self.diags.push(
                Diagnostic::error(&rep.file, format!("the report folder `{}` is not a URL slug", rep.slug))
                    .hint("name the folder with lower-case letters, digits and hyphens, e.g. hsp-eb-2024-20"),
            );
        }
    }

    /// The symbol is a document symbol, as a resolution's is: it is printed as the report's name
    /// and made into the link to the document.
    fn report_symbol(&mut self, rep: &Report) {
        if !is_symbol(&rep.symbol) {
            self.diags.push(
                Diagnostic::error(
                    &rep.file,
                    format!("`{}` is not a document symbol", short(&rep.symbol)),
                )
                .at(locate_key(&rep.file, "symbol:"), None)
                .hint("write the report's symbol as the UN prints it, e.g. HSP/EB.2024/20"),
            );
        }
        for d in &rep.documents {
            if !is_symbol(&d.symbol) {
                self.diags.push(
                    Diagnostic::error(
                        &rep.file,
                        format!("`{}` is not a document symbol", short(&d.symbol)),
                    )
                    .at(
                        locate_key_value(&rep.file, "symbol", &d.symbol, 1)
                            .or(locate(&rep.file, &d.symbol)),
                        None,
                    )
                    .hint(
                        "write the document's symbol as the UN prints it, e.g. HSP/EB.2024/INF.1",
                    ),
                );
            }
        }
    }

    fn report_texts(&mut self, rep: &Report) {
        let file = &rep.file;
        for (field, t) in [
            ("title", &rep.title),
            ("body", &rep.body),
            ("meeting", &rep.meeting),
        ] {
            self.text(file, field, t);
        }
        for (field, t) in [
            ("meeting_place", &rep.meeting_place),
            ("agenda_item", &rep.agenda_item),
            ("author", &rep.author),
        ] {
            if let Some(t) = t {
                self.text(file, field, t);
            }
        }
    }

    fn report_ranges(&mut self, rep: &Report) {
        for r in [&rep.meeting_dates, &rep.period].into_iter().flatten() {
            if r.end < r.start {
                self.diags.push(
                    Diagnostic::error(
                        &rep.file,
                        format!("the range ends ({}) before it starts ({})", r.end, r.start),
                    )
                    .at(locate(&rep.file, &r.end.to_string()), None),
                );
            }
        }
    }

    /// Every language of the site is official or a translation with a source; seeds are in seeds/.
    fn report_languages(&mut self, root: &Path, rep: &Report) {
        let file = &rep.file;
        for lang in &self.langs {
            if rep.kind_of(lang).is_none() {
                self.diags.push(
                    Diagnostic::error(file, format!("`languages` does not say whether the `{lang}` text is official or a translation"))
                        .at(locate(file, "languages:"), None)
                        .hint(format!("add `- {{lang: {lang}, kind: official}}` or `kind: unofficial` with `source`")),
                );
            }
        }
        for l in &rep.languages {
            if l.kind == TranslationKind::Unofficial && l.source.is_none() {
                self.diags.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "the unofficial `{}` translation does not name its `source` edition",
                            l.lang
                        ),
                    )
                    .at(locate_key_value(file, "lang", &l.lang, 1), None)
                    .hint("add `source: zh` (the language it was translated from)"),
                );
            }
            if let Some(seed) = &l.seed {
                let safe = !seed.contains("..") && !seed.contains('/') && !seed.contains('\\');
                if !safe || !root.join("seeds").join(seed).is_file() {
                    self.diags.push(
                        Diagnostic::error(file, format!("seed file `{seed}` is not in seeds/"))
                            .at(locate(file, seed), None)
                            .hint(
                                "copy the source document into seeds/ unchanged and name it here",
                            ),
                    );
                }
            }
        }
    }

    /// Paragraph texts: per language, numbers unique across the report. Returns which record owns
    /// each paragraph number so far (the sections' paragraphs).
    fn report_paragraphs(&mut self, rep: &Report) -> BTreeMap<u32, String> {
        for (lang, doc) in &rep.text {
            self.lang_of_file(&doc.file, lang);
        }
        let mut owner: BTreeMap<u32, String> = BTreeMap::new();
        let intro: Vec<u32> = rep
            .sections
            .iter()
            .flat_map(|s| s.paragraphs.clone())
            .collect();
        self.paragraph_files(&rep.file, "report", &intro, &rep.text, &mut owner);
        owner
    }

    fn updates(
        &mut self,
        updates: &mut [Update],
        docs: &BTreeSet<&str>,
        known: &BTreeSet<ResolutionId>,
        owner: &mut BTreeMap<u32, String>,
    ) {
        updates.sort_by_key(|u| u.resolution);
        for pair in updates.windows(2) {
            if pair[0].resolution == pair[1].resolution {
                self.diags.push(
                    Diagnostic::error(
                        &pair[1].file,
                        format!(
                            "resolution {} already has an update in this report ({})",
                            pair[1].resolution,
                            pair[0].file.display()
                        ),
                    )
                    .at(locate(&pair[1].file, "resolution:"), None)
                    .hint("a report has one update file per resolution"),
                );
            }
        }
        for u in updates.iter() {
            self.update(u, docs, known, owner);
        }
    }

    fn sections(&mut self, file: &Path, sections: &[Section], known: &BTreeSet<ResolutionId>) {
        for s in sections {
            self.text(file, "heading", &s.heading);
            if let Some(session) = s.session {
                if !known.iter().any(|id| id.session == session) {
                    self.diags.push(Diagnostic::error(file, format!("section for session {session}, but no resolution of that session exists")).at(locate(file, &format!("session: {session}")), None));
                }
            }
        }
    }

    fn footnote(
        &mut self,
        file: &Path,
        f: &Footnote,
        docs: &BTreeSet<&str>,
        owner: &BTreeMap<u32, String>,
    ) {
        self.text(file, "text", &f.text);
        if f.para != 0 && !owner.contains_key(&f.para) {
            self.diags.push(Diagnostic::error(file, format!("footnote {} belongs to paragraph {}, which is not in the report", f.mark, f.para)).at(locate(file, &format!("para: {}", f.para)), None).hint("use the number of the paragraph the footnote mark is in, or 0 for the cover page"));
        }
        if let Some(d) = &f.document {
            if !docs.contains(d.as_str()) {
                self.diags.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "footnote {} cites `{d}`, which is not in `documents`",
                            f.mark
                        ),
                    )
                    .at(locate(file, d), None)
                    .hint("add the document to the report's `documents` list"),
                );
            }
        }
        if let Some(u) = &f.url {
            if let Some(why) = url_problem(u, true) {
                self.diags.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "footnote {} has the url `{}`, which {why}",
                            f.mark,
                            short(u)
                        ),
                    )
                    .at(locate(file, u), None)
                    .hint("footnote URLs are absolute: https://… or http://…"),
                );
            }
        }
    }

    /// The report's own words on funding: one of its paragraphs that no update takes, quoted verbatim.
    fn funding_finding(&mut self, rep: &Report) {
        let Some(e) = &rep.funding_finding else {
            return;
        };
        let file = &rep.file;
        let line = locate(file, "funding_finding:");
        self.text(file, "quote", &e.quote);
        for (lang, quote) in &e.quote.0 {
            let Some(doc) = rep.text.get(lang) else {
                continue;
            };
            let at = super::source::locate_value(file, line.unwrap_or(1), quote).or(line);
            if !quote.trim().is_empty() && !self.quote_words(file, at, lang, quote) {
                continue;
            }
            match doc.paragraphs.iter().find(|p| p.number == e.para) {
                None => self.diags.push(
                    Diagnostic::error(file, format!("`funding_finding` quotes paragraph {}, which is not in {}", e.para, doc.file.display()))
                        .at(line, None)
                        .hint("quote a paragraph of the report's own text (report.{lang}.md), not of an update"),
                ),
                Some(p) if !crate::evidence::is_verbatim(quote, &p.markdown) => self.diags.push(
                    Diagnostic::error(file, format!("the `{lang}` quote of `funding_finding` is not in paragraph {}", e.para))
                        .at(at, None)
                        .hint("copy the words exactly as the paragraph has them (where words are spaced, word for word; else spaces and line breaks aside), or correct `para`"),
                ),
                Some(_) => {}
            }
        }
    }
}
