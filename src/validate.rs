//! Validate: turn what `load` read into the immutable `Site`, checking every invariant and
//! cross-reference, and collecting every problem at once (never stopping at the first).

use crate::diagnostics::Diagnostic;
use crate::load::Loaded;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub fn validate(loaded: Loaded) -> (Option<Site>, Vec<Diagnostic>) {
    // `locate` keeps the file it read last; files change between the rebuilds of `serve`.
    SOURCE.with(|c| c.borrow_mut().take());
    let r = validate_loaded(loaded);
    SOURCE.with(|c| c.borrow_mut().take());
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

impl Validator {
    fn config(&mut self, root: &Path, mut c: Config) -> Config {
        let file = root.join("site.yaml");
        self.missing = c.missing_translation;
        if c.languages.is_empty() {
            self.diags.push(
                Diagnostic::error(&file, "no languages are configured")
                    .hint("list at least one under `languages`"),
            );
        }
        let mut seen = BTreeSet::new();
        for l in &c.languages {
            let ok = !l.code.is_empty()
                && l.code.len() <= 8
                && l.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && !l.code.starts_with('-');
            if !ok {
                self.diags.push(
                    Diagnostic::error(&file, format!("`{}` is not a language code", l.code))
                        .at(locate(&file, &format!("code: {}", l.code)), None)
                        .hint("use a lower-case code such as `en`, `zh` or `fr`; it becomes a URL segment"),
                );
            }
            if !seen.insert(&l.code) {
                self.diags.push(
                    Diagnostic::error(&file, format!("language `{}` is listed twice", l.code))
                        .at(locate(&file, &format!("code: {}", l.code)), None),
                );
            }
            // A code becomes a folder and file name (`zh/`, `2-7.zh.md`): an invalid one is never
            // used, so that nothing downstream builds a path from it.
            if ok {
                self.langs.push(l.code.clone());
            }
        }
        if self.langs.len() < c.languages.len() || self.langs.is_empty() {
            // Everything else is checked against the languages: nothing more to say until fixed.
            self.langs.clear();
            return c;
        }
        if !self.langs.contains(&c.default_language) {
            self.diags.push(
                Diagnostic::error(
                    &file,
                    format!(
                        "default_language `{}` is not among the languages",
                        c.default_language
                    ),
                )
                .at(locate(&file, "default_language:"), None)
                .hint(format!("use one of: {}", self.langs.join(", "))),
            );
        }
        if let Some(why) = base_url_problem(&c.base_url) {
            self.config_invalid = true;
            self.diags.push(
                Diagnostic::error(&file, format!("base_url `{}` {why}", short(&c.base_url)))
                    .at(locate(&file, "base_url:"), None)
                    .hint("write it like https://example.org/ or https://example.org/portal/"),
            );
        }
        let sample = c
            .document_url
            .replace("{lang}", "en")
            .replace("{symbol}", "HSP/HA.2/Res.7");
        let why = if c.document_url.contains("{symbol}") {
            url_problem(&sample, true)
        } else {
            Some("does not contain `{symbol}`".to_string())
        };
        if let Some(why) = why {
            self.config_invalid = true;
            self.diags.push(
                Diagnostic::error(
                    &file,
                    format!("document_url `{}` {why}", short(&c.document_url)),
                )
                .at(locate(&file, "document_url:"), None)
                .hint("write it like https://undocs.org/{lang}/{symbol}"),
            );
        }
        if !c.base_url.ends_with('/') {
            c.base_url.push('/');
        }
        if c.theme.is_empty()
            || !c
                .theme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            self.config_invalid = true;
            self.diags.push(
                Diagnostic::error(
                    &file,
                    format!("theme `{}` is not a folder name", short(&c.theme)),
                )
                .at(locate(&file, "theme:"), None)
                .hint("name a folder under themes/, such as `default`"),
            );
        }
        self.text(&file, "title", &c.title.clone());
        if let Some(t) = c.tagline.clone() {
            self.text(&file, "tagline", &t);
        }
        c
    }

    fn topics(&mut self, root: &Path, topics: &[Topic]) {
        let file = root.join("content/topics.yaml");
        let mut seen = BTreeSet::new();
        for t in topics {
            if t.id.is_empty()
                || !t
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                self.diags.push(
                    Diagnostic::error(&file, format!("topic id `{}` is not a slug", t.id))
                        .at(locate(&file, &t.id), None)
                        .hint("use lower-case letters, digits and hyphens"),
                );
            }
            if !seen.insert(&t.id) {
                self.diags.push(
                    Diagnostic::error(&file, format!("topic `{}` is listed twice", t.id))
                        .at(locate_nth(&file, &format!("id: {}", t.id), 2), None),
                );
            }
            self.text(&file, "label", &t.label);
        }
    }

    /// A text field must have every configured language (an error, or a warning when so configured),
    /// and no language that is not configured.
    fn text(&mut self, file: &Path, field: &str, t: &Text) {
        if field == "title" {
            self.invisible_characters(file, t);
        }
        for lang in &self.langs {
            if t.get(lang).is_none_or(|s| s.trim().is_empty()) {
                let d = match self.missing {
                    MissingTranslation::Error => Diagnostic::error(file, format!("`{field}` has no `{lang}` text")),
                    MissingTranslation::Warn => Diagnostic::warning(file, format!("`{field}` has no `{lang}` text; the page shows a \"not yet translated\" notice")),
                };
                self.diags.push(
                    d.at(locate(file, &format!("{field}:")), None)
                        .hint(format!("add `{lang}: ...` under `{field}`")),
                );
            }
        }
        for lang in t.0.keys() {
            if !self.langs.contains(lang) {
                self.diags.push(
                    Diagnostic::error(
                        file,
                        format!("`{field}` has text in `{lang}`, which site.yaml does not list"),
                    )
                    .at(locate(file, &format!("{lang}:")), None)
                    .hint(format!(
                        "use one of: {}, or add the language to site.yaml",
                        self.langs.join(", ")
                    )),
                );
            }
        }
    }

    /// Bidi overrides can make a title read differently from what it is; zero-width characters
    /// make two titles that look the same differ (in search, in the data files). Legitimate in some
    /// scripts, so a warning.
    fn invisible_characters(&mut self, file: &Path, t: &Text) {
        for (lang, s) in &t.0 {
            let found = s.chars().find(|&c| {
                crate::diagnostics::is_bidi_control(c)
                    || matches!(
                        c,
                        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
                    )
            });
            if let Some(c) = found {
                self.diags.push(
                    Diagnostic::warning(
                        file,
                        format!(
                            "the `{lang}` title holds the invisible character {}",
                            c.escape_unicode()
                        ),
                    )
                    .at(locate(file, "title:"), None)
                    .hint("delete it unless the script needs it; it may have been pasted in"),
                );
            }
        }
    }

    fn lang_of_file(&mut self, file: &Path, lang: &str) {
        if !self.langs.iter().any(|l| l == lang) {
            self.diags.push(
                Diagnostic::error(
                    file,
                    format!("`{lang}` in the file name is not a language of the site"),
                )
                .hint(format!(
                    "name it ….{{lang}}.md with one of: {}",
                    self.langs.join(", ")
                )),
            );
        }
    }

    fn report(&mut self, root: &Path, rep: &mut Report, known: &BTreeSet<ResolutionId>) {
        let file = rep.file.clone();
        if rep.slug.is_empty()
            || !rep
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            self.diags.push(
                Diagnostic::error(&file, format!("the report folder `{}` is not a URL slug", rep.slug))
                    .hint("name the folder with lower-case letters, digits and hyphens, e.g. hsp-eb-2024-20"),
            );
        }
        for (field, t) in [
            ("title", &rep.title),
            ("body", &rep.body),
            ("meeting", &rep.meeting),
        ] {
            self.text(&file, field, &t.clone());
        }
        for (field, t) in [
            ("meeting_place", &rep.meeting_place),
            ("agenda_item", &rep.agenda_item),
            ("author", &rep.author),
        ] {
            if let Some(t) = t.clone() {
                self.text(&file, field, &t);
            }
        }
        for r in [&rep.meeting_dates, &rep.period].into_iter().flatten() {
            if r.end < r.start {
                self.diags.push(
                    Diagnostic::error(
                        &file,
                        format!("the range ends ({}) before it starts ({})", r.end, r.start),
                    )
                    .at(locate(&file, &r.end.to_string()), None),
                );
            }
        }
        for lang in &self.langs.clone() {
            if rep.kind_of(lang).is_none() {
                self.diags.push(
                    Diagnostic::error(&file, format!("`languages` does not say whether the `{lang}` text is official or a translation"))
                        .at(locate(&file, "languages:"), None)
                        .hint(format!("add `- {{lang: {lang}, kind: official}}` or `kind: unofficial` with `source`")),
                );
            }
        }
        for l in &rep.languages {
            if l.kind == TranslationKind::Unofficial && l.source.is_none() {
                self.diags.push(
                    Diagnostic::error(
                        &file,
                        format!(
                            "the unofficial `{}` translation does not name its `source` edition",
                            l.lang
                        ),
                    )
                    .at(locate(&file, &format!("lang: {}", l.lang)), None)
                    .hint("add `source: zh` (the language it was translated from)"),
                );
            }
            if let Some(seed) = &l.seed {
                let safe = !seed.contains("..") && !seed.contains('/') && !seed.contains('\\');
                if !safe || !root.join("seeds").join(seed).is_file() {
                    self.diags.push(
                        Diagnostic::error(&file, format!("seed file `{seed}` is not in seeds/"))
                            .at(locate(&file, seed), None)
                            .hint(
                                "copy the source document into seeds/ unchanged and name it here",
                            ),
                    );
                }
            }
        }
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

        // Paragraph texts: per language, numbers unique across the report.
        for (lang, doc) in &rep.text {
            self.lang_of_file(&doc.file, lang);
        }
        let mut owner: BTreeMap<u32, String> = BTreeMap::new();
        let intro: Vec<u32> = rep
            .sections
            .iter()
            .flat_map(|s| s.paragraphs.clone())
            .collect();
        self.paragraph_files(&file, "report", &intro, &rep.text, &mut owner);

        rep.updates.sort_by_key(|u| u.resolution);
        for pair in rep.updates.windows(2) {
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
        for u in &mut rep.updates {
            u.status_basis = u.status_evidence.first().map(|e| e.para);
            u.funding.status_basis = u.funding.evidence.first().map(|e| e.para);
        }
        for u in &rep.updates {
            self.update(u, &docs, known, &mut owner);
        }
        for s in &rep.sections {
            self.text(&file, "heading", &s.heading);
            if let Some(session) = s.session {
                if !known.iter().any(|id| id.session == session) {
                    self.diags.push(Diagnostic::error(&file, format!("section for session {session}, but no resolution of that session exists")).at(locate(&file, &format!("session: {session}")), None));
                }
            }
        }
        for f in &rep.footnotes {
            self.text(&file, "text", &f.text);
            if f.para != 0 && !owner.contains_key(&f.para) {
                self.diags.push(Diagnostic::error(&file, format!("footnote {} belongs to paragraph {}, which is not in the report", f.mark, f.para)).at(locate(&file, &format!("para: {}", f.para)), None).hint("use the number of the paragraph the footnote mark is in, or 0 for the cover page"));
            }
            if let Some(d) = &f.document {
                if !docs.contains(d.as_str()) {
                    self.diags.push(
                        Diagnostic::error(
                            &file,
                            format!(
                                "footnote {} cites `{d}`, which is not in `documents`",
                                f.mark
                            ),
                        )
                        .at(locate(&file, d), None)
                        .hint("add the document to the report's `documents` list"),
                    );
                }
            }
            if let Some(u) = &f.url {
                if let Some(why) = url_problem(u, true) {
                    self.diags.push(
                        Diagnostic::error(
                            &file,
                            format!(
                                "footnote {} has the url `{}`, which {why}",
                                f.mark,
                                short(u)
                            ),
                        )
                        .at(locate(&file, u), None)
                        .hint("footnote URLs are absolute: https://… or http://…"),
                    );
                }
            }
        }
    }

    /// Checks the paragraph files of one record against the numbers its YAML lists.
    fn paragraph_files(
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
                let d = match self.missing {
                    MissingTranslation::Error => Diagnostic::error(&name, format!("the `{lang}` paragraphs of {what} are missing")),
                    MissingTranslation::Warn => Diagnostic::warning(&name, format!("the `{lang}` paragraphs of {what} are missing; pages show a \"not yet translated\" notice")),
                };
                let link = std::fs::symlink_metadata(&name).is_ok_and(|m| m.is_symlink());
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

    fn update(
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

/// Judgements: every status and funding label carries the report's own words, and those words
/// entail the label (see `crate::evidence`).
impl Validator {
    fn vocabulary(&mut self, voc: Vocabulary) {
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
    fn judgement(
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
    fn evidence(&mut self, u: &Update, field: &str, evidence: &[Evidence]) {
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

    fn mechanism(&mut self, m: &Mechanism, reports: &[Report]) {
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

fn is_currency(c: &str) -> bool {
    c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())
}

/// A document symbol as the UN prints it: upper-case letters, digits, `/`, `.` and `-`.
fn is_symbol(s: &str) -> bool {
    !s.is_empty()
        && s.contains('/')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/.-".contains(&b))
}

/// Why `url` is not a safe absolute http(s) URL, if it is not: a scheme other than http or https
/// (`javascript:`), no host (`https:///x`, `//evil.example/` has no scheme), characters that would
/// break out of an attribute or need percent-encoding, and, unless `query` allows them, a query or
/// fragment.
pub fn url_problem(url: &str, query: bool) -> Option<String> {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some("is not an absolute URL starting with https:// or http://".into());
    };
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\\\"'<>`{}|^".contains(*c))
    {
        return Some(format!(
            "contains {c:?}, which a URL may not hold unencoded"
        ));
    }
    if !query && url.contains(['?', '#']) {
        return Some("has a query string or fragment, which would end up inside every link".into());
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_ok = !host.is_empty()
        && !host.starts_with([':', '.', '-'])
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b) || b >= 0x80);
    if !host_ok {
        return Some("has no valid host name".into());
    }
    None
}

/// `url_problem` for the address the site is served from (site.yaml's `base_url` and
/// `--base-url`): also no query or fragment.
pub fn base_url_problem(url: &str) -> Option<String> {
    // A path alone ("/", "/portal/") is allowed: links are then root-relative, and what needs a host
    // (canonical links, sitemap, feeds) is left out with a warning (`base_url_warnings`).
    if url.starts_with('/') && !url.starts_with("//") {
        return url_problem(&format!("https://host{url}"), false);
    }
    url_problem(url, false)
}

/// A value quoted in a message, cut to 80 characters: a huge value must not make a huge message.
pub fn short(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]).into(),
        None => s.into(),
    }
}

/// Most problems of one kind reported for one record: past this, one line says how many more
/// (60,000 unknown topics in one file must not make 60,000 messages).
const MAX_PER_RECORD: usize = 20;

/// The 1-based line of the first occurrence of `needle` in a file, to point a diagnostic at it.
/// Only called on the error path, so re-reading the file costs nothing in a good build.
pub fn locate(file: &Path, needle: &str) -> Option<usize> {
    locate_nth(file, needle, 1)
}

/// The 1-based line where a top-level `key` is set (not a comment that mentions it).
fn locate_key(file: &Path, key: &str) -> Option<usize> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines().position(|l| l.starts_with(key)).map(|i| i + 1)
}

fn locate_nth(file: &Path, needle: &str, nth: usize) -> Option<usize> {
    if needle.is_empty() || nth == 0 {
        return None;
    }
    let text = source(file)?;
    let b = text.as_bytes();
    let (mut line, mut counted, mut last_line, mut seen) = (1, 0, 0, 0);
    for i in memchr::memmem::find_iter(b, needle.as_bytes()) {
        line += memchr::memchr_iter(b'\n', &b[counted..i]).count();
        counted = i;
        if line != last_line {
            last_line = line;
            seen += 1;
            if seen == nth {
                return Some(line);
            }
        }
    }
    None
}

thread_local! {
    /// The file `locate` read last: the problems of one file come together, and each would
    /// otherwise read it again.
    static SOURCE: std::cell::RefCell<Option<(std::path::PathBuf, std::rc::Rc<String>)>> =
        const { std::cell::RefCell::new(None) };
}

fn source(file: &Path) -> Option<std::rc::Rc<String>> {
    SOURCE.with(|c| {
        if let Some((f, t)) = &*c.borrow() {
            if f == file {
                return Some(t.clone());
            }
        }
        let text = std::rc::Rc::new(std::fs::read_to_string(file).ok()?);
        *c.borrow_mut() = Some((file.to_path_buf(), text.clone()));
        Some(text)
    })
}

/// Warnings about where the site will be published, once `--base-url` has had its say: a host kept
/// for documentation (example.org, *.test, ...) would publish links nobody can follow, and without a
/// host the canonical links, sitemap and feeds are left out. `from_flag` says where the value came from.
pub fn base_url_warnings(root: &Path, base_url: &str, from_flag: bool) -> Vec<Diagnostic> {
    let file = root.join("site.yaml");
    // The setting's own line; not a commented-out example of it.
    let line = if from_flag {
        None
    } else {
        std::fs::read_to_string(&file).ok().and_then(|t| {
            t.lines()
                .position(|l| l.starts_with("base_url:"))
                .map(|i| i + 1)
        })
    };
    let how = "set `base_url: https://your.host/path/` in site.yaml, or build with --base-url";
    let Some(rest) = base_url.split_once("://").map(|(_, r)| r) else {
        return vec![Diagnostic::warning(
            &file,
            "base_url names no host: links are root-relative, and canonical links, sitemap.xml and the Atom feeds are left out",
        )
        .at(line, None)
        .hint(format!("before publishing, {how}"))];
    };
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('@')
        .next()
        .unwrap_or("");
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    if is_placeholder_host(&host) {
        let source = if from_flag { "--base-url" } else { "base_url" };
        return vec![Diagnostic::warning(
            &file,
            format!("{source} `{base_url}` names the placeholder host `{host}`: every canonical link, sitemap entry and feed would point there"),
        )
        .at(line, None)
        .hint(format!("{how}; leave it out for a local build"))];
    }
    vec![]
}

/// Hosts reserved for documentation and testing (RFC 2606, RFC 6761): never a real site.
pub fn is_placeholder_host(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    ["example.org", "example.com", "example.net", "example"]
        .iter()
        .any(|p| host == *p || host.ends_with(&format!(".{p}")))
        || [".test", ".invalid"].iter().any(|t| host.ends_with(t))
        || host == "test"
        || host == "invalid"
}

#[cfg(test)]
mod base_url_tests {
    use super::*;

    #[test]
    fn warns_about_placeholder_hosts_and_a_missing_base_url() {
        let root = Path::new("/nonexistent");
        for url in [
            "https://example.org/",
            "https://www.example.com/portal/",
            "http://portal.test/",
            "https://user@EXAMPLE.NET:8443/x/",
        ] {
            let d = base_url_warnings(root, url, false);
            assert_eq!(d.len(), 1, "{url}");
            assert!(
                !d[0].is_error() && d[0].message.contains("placeholder"),
                "{url}"
            );
        }
        let none = base_url_warnings(root, "/", false);
        assert!(none.len() == 1 && none[0].message.contains("no host"));
        for url in [
            "https://unhabitat.org/portal/",
            "http://127.0.0.1:8000/",
            "https://examples.org/",
        ] {
            assert!(base_url_warnings(root, url, true).is_empty(), "{url}");
        }
    }
}
