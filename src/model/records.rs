//! The content records as the maintainers write them (`content/README.md` documents every field),
//! and the assembled `Site`. Unknown fields are rejected so that a typo is never silently ignored.

use super::{PartialDate, ResolutionId, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub label: Text,
    /// One line on what the topic covers, shown on the topics page (optional; every language when given).
    #[serde(default)]
    pub description: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    pub id: ResolutionId,
    pub year: u16,
    #[serde(default)]
    pub symbol: Option<String>,
    pub title: Text,
    #[serde(default)]
    pub topics: Vec<String>,
    /// Background narrative (Markdown) per language, from `{id}.{lang}.md`.
    #[serde(skip_deserializing)]
    pub narrative: BTreeMap<String, Doc>,
    #[serde(skip)]
    pub file: PathBuf,
}

/// Implementation status: what the report's own words entail about the work on a resolution, never a
/// verdict stronger than the text. `content/README.md` and the about page define each value; the
/// order of `ALL` is the order of precedence (the most specific statement first), which is also
/// the order the cues of `content/vocabulary.yaml` are tried in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Completed,
    HeldBackByFunding,
    LimitedProgress,
    SignificantProgress,
    PhaseCompleted,
    MilestoneReached,
    InProgress,
    NotStarted,
    NotReported,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Completed,
        Status::HeldBackByFunding,
        Status::LimitedProgress,
        Status::SignificantProgress,
        Status::PhaseCompleted,
        Status::MilestoneReached,
        Status::InProgress,
        Status::NotStarted,
        Status::NotReported,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Status::Completed => "completed",
            Status::LimitedProgress => "limited-progress",
            Status::HeldBackByFunding => "held-back-by-funding",
            Status::SignificantProgress => "significant-progress",
            Status::PhaseCompleted => "phase-completed",
            Status::MilestoneReached => "milestone-reached",
            Status::InProgress => "in-progress",
            Status::NotStarted => "not-started",
            Status::NotReported => "not-reported",
        }
    }
    /// Every value's key, in order of precedence.
    pub fn keys() -> Vec<&'static str> {
        Status::ALL.iter().map(|s| s.key()).collect()
    }
    /// Whether the report is silent: the only value that needs no quoted evidence.
    pub fn needs_evidence(self) -> bool {
        self != Status::NotReported
    }
    /// Whether the value says the report states no work (`not-started`, `not-reported`): the
    /// wording of any other value in the update's paragraphs refutes it.
    pub fn says_absence(self) -> bool {
        matches!(self, Status::NotStarted | Status::NotReported)
    }
}

/// What the report states about the funding of the work on a resolution. It describes the text (a
/// source named, a shortfall stated, both, an amount, nothing), never a verdict such as "funded"
/// that the report does not make. `ALL` is in order of precedence, as for `Status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FundingStatus {
    AmountStated,
    FundsAndShortfallStated,
    ShortfallStated,
    NeedStated,
    FundsStated,
    NothingStated,
}

impl FundingStatus {
    pub const ALL: [FundingStatus; 6] = [
        FundingStatus::AmountStated,
        FundingStatus::FundsAndShortfallStated,
        FundingStatus::ShortfallStated,
        FundingStatus::NeedStated,
        FundingStatus::FundsStated,
        FundingStatus::NothingStated,
    ];
    pub fn key(self) -> &'static str {
        match self {
            FundingStatus::AmountStated => "amount-stated",
            FundingStatus::FundsAndShortfallStated => "funds-and-shortfall-stated",
            FundingStatus::ShortfallStated => "shortfall-stated",
            FundingStatus::FundsStated => "funds-stated",
            FundingStatus::NeedStated => "need-stated",
            FundingStatus::NothingStated => "nothing-stated",
        }
    }
    /// Every value's key, in order of precedence.
    pub fn keys() -> Vec<&'static str> {
        FundingStatus::ALL.iter().map(|s| s.key()).collect()
    }
    pub fn needs_evidence(self) -> bool {
        self != FundingStatus::NothingStated
    }
    /// Whether the value says the report states nothing of funding: the wording of any other value
    /// in the update's paragraphs refutes it.
    pub fn says_absence(self) -> bool {
        self == FundingStatus::NothingStated
    }
}

/// The report's own words behind a judgement: a verbatim quote of one paragraph in every language
/// (the official edition's words, and the translation's rendering of them).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub para: u32,
    pub quote: Text,
}

/// `content/vocabulary.yaml`: for each status and funding value, the report wordings ("cues") that
/// entail it, per language. A cue is a phrase, or phrases joined by `…` that must occur in that
/// order. Optional: without it, quotes are checked to be verbatim but not matched against cues.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    #[serde(default, deserialize_with = "super::unique::cues")]
    pub status: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    #[serde(default, deserialize_with = "super::unique::cues")]
    pub funding: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    #[serde(skip)]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TranslationKind {
    Official,
    Unofficial,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    pub start: PartialDate,
    pub end: PartialDate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportLanguage {
    pub lang: String,
    pub kind: TranslationKind,
    /// For an unofficial translation: the edition it was translated from.
    #[serde(default)]
    pub source: Option<String>,
    /// For an official edition: its file under `seeds/`.
    #[serde(default)]
    pub seed: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub heading: Text,
    #[serde(default)]
    pub paragraphs: Vec<u32>,
    #[serde(default)]
    pub session: Option<u16>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    pub mark: String,
    pub para: u32,
    pub text: Text,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub document: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub symbol: String,
    pub description: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub symbol: String,
    pub title: Text,
    pub date: PartialDate,
    pub body: Text,
    pub meeting: Text,
    #[serde(default)]
    pub meeting_dates: Option<DateRange>,
    #[serde(default)]
    pub meeting_place: Option<Text>,
    #[serde(default)]
    pub agenda_item: Option<Text>,
    #[serde(default)]
    pub author: Option<Text>,
    #[serde(default)]
    pub period: Option<DateRange>,
    pub original_language: String,
    pub languages: Vec<ReportLanguage>,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub footnotes: Vec<Footnote>,
    #[serde(default)]
    pub documents: Vec<Document>,
    /// What the report itself says of funding across the resolutions, quoted from one of its own
    /// paragraphs (HSP/EB.2024/20 para 1: "most resolutions are constrained by limited funding"):
    /// the home and funding pages show it with its paragraph, and never assert it otherwise.
    #[serde(default)]
    pub funding_finding: Option<Evidence>,
    /// Set by `portal new report` on a scaffolded report: `check` and `build` refuse it until the
    /// maintainer has filled it in and removed the flag, so nothing half-written is published.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unfinished: bool,
    /// The folder name: the report's URL slug.
    #[serde(skip_deserializing)]
    pub slug: String,
    /// Paragraphs not attached to a resolution (`report.{lang}.md`). Not serialised: templates get
    /// rendered paragraphs instead, and copying every update into each report page would be costly.
    #[serde(skip)]
    pub text: BTreeMap<String, Doc>,
    /// Updates in resolution order.
    #[serde(skip)]
    pub updates: Vec<Update>,
    #[serde(skip)]
    pub file: PathBuf,
}

impl Report {
    pub fn kind_of(&self, lang: &str) -> Option<TranslationKind> {
        self.languages
            .iter()
            .find(|l| l.lang == lang)
            .map(|l| l.kind)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActsOn {
    pub paragraph: String,
    pub para: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub name: Text,
    /// Only a date the paragraph gives (its year, at least, is checked against the text); left
    /// out when the paragraph gives none ("the upcoming twelfth session").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub end: Option<PartialDate>,
    #[serde(default)]
    pub place: Option<Text>,
    pub para: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    pub name: Text,
    /// The short name or acronym the report or the institution uses (`UNODC`, `毒罪办`), shown
    /// beside the name where the name does not already hold it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Text>,
    /// Other names readers may type, in any language or script (`South Korea`, `韩国`): indexed
    /// for search in every language, not shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub para: u32,
}

impl Named {
    /// The name (in `lang`), short names (in every language) and aliases, for search: what a reader may type for this entity.
    pub fn search_names(&self, lang: &str, fallback: &str) -> Vec<String> {
        let pick = |t: &Text| t.pick(lang, fallback).to_string();
        let mut out = vec![pick(&self.name)];
        // Every language's short name: readers type `UNODC` on the Chinese page too.
        out.extend(self.short.as_ref().map(pick));
        for s in self.short.iter().flat_map(|t| t.0.values()) {
            if !out.contains(s) {
                out.push(s.clone());
            }
        }
        out.extend(self.aliases.iter().cloned());
        out.retain(|s| !s.is_empty());
        out
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub what: Text,
    pub para: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    pub what: Text,
    pub value: u64,
    /// How the report qualifies the number ("estimated", "about", "more than"); none when exact.
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    pub para: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    About,
    Estimated,
    MoreThan,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocRef {
    pub symbol: String,
    pub para: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AmountKind {
    Required,
    Received,
    Gap,
    Allocated,
    /// The report says the money "is being allocated" (正在…拨款): not yet allocated.
    #[serde(rename = "being-allocated")]
    BeingAllocated,
}

impl AmountKind {
    pub fn key(self) -> &'static str {
        match self {
            AmountKind::Required => "required",
            AmountKind::Received => "received",
            AmountKind::Gap => "gap",
            AmountKind::Allocated => "allocated",
            AmountKind::BeingAllocated => "being-allocated",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    pub kind: AmountKind,
    pub value: u64,
    pub currency: String,
    #[serde(default)]
    pub approximate: bool,
    #[serde(default)]
    pub as_of: Option<PartialDate>,
    #[serde(default)]
    pub what: Option<Text>,
    pub para: u32,
}

/// Serialised by hand (below) to write the computed `status_basis` among the fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    pub status: FundingStatus,
    /// The quotes that support `status`; empty only when the report states nothing.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub sources: Vec<Named>,
    #[serde(default)]
    pub lacking: Vec<Fact>,
    #[serde(default)]
    pub consequences: Vec<Fact>,
    #[serde(default)]
    pub amounts: Vec<Amount>,
    /// Requirement and mobilized resources as the sources state them, from which gap and gap % are
    /// computed (`model::history::FigureSet`).
    #[serde(default)]
    pub figures: Option<Figures>,
}

/// The figures UN-Habitat's public tracker shows per resolution, each with its evidence. Gap and
/// gap % are computed, never typed: a stated `gap` is only checked against requirement − mobilized.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    #[serde(default)]
    pub requirement: Option<Figure>,
    #[serde(default)]
    pub mobilized: Option<Figure>,
    /// A gap the source states; a build error when it disagrees with requirement − mobilized.
    #[serde(default)]
    pub gap: Option<Figure>,
}

/// One stated amount with its evidence: a paragraph of this report (`para`) or a named document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub amount: u64,
    pub currency: String,
    #[serde(default)]
    pub as_of: Option<PartialDate>,
    #[serde(default)]
    pub para: Option<u32>,
    #[serde(default)]
    pub document: Option<String>,
}

impl Default for Funding {
    fn default() -> Self {
        Funding {
            status: FundingStatus::NothingStated,
            evidence: vec![],
            sources: vec![],
            lacking: vec![],
            consequences: vec![],
            amounts: vec![],
            figures: None,
        }
    }
}

/// Serialised by hand (below) to write the computed `status_basis` among the fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    pub resolution: ResolutionId,
    #[serde(default)]
    pub label: Option<String>,
    pub paragraphs: Vec<u32>,
    pub status: Status,
    /// The quotes that support `status`; empty only when the status is `not-reported`.
    #[serde(default)]
    pub status_evidence: Vec<Evidence>,
    /// The latest news of this report on the resolution in one line: a verbatim quote, shown on the
    /// home page with its paragraph.
    #[serde(default)]
    pub news: Option<Evidence>,
    #[serde(default)]
    pub acts_on: Vec<ActsOn>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub partners: Vec<Named>,
    #[serde(default)]
    pub places: Vec<Named>,
    #[serde(default)]
    pub counts: Vec<Count>,
    #[serde(default)]
    pub documents: Vec<DocRef>,
    #[serde(default)]
    pub funding: Funding,
    /// Set on the stubs `portal new report` carries over from the previous report; refused by
    /// `check` and `build` until removed.
    #[serde(default)]
    pub unfinished: bool,
    /// The paragraphs' text per language.
    #[serde(skip_deserializing)]
    pub text: BTreeMap<String, Doc>,
    #[serde(skip)]
    pub file: PathBuf,
}

impl Update {
    /// The first paragraph quoted for `status`, where lists link to.
    pub fn status_basis(&self) -> Option<u32> {
        self.status_evidence.first().map(|e| e.para)
    }
}

impl Funding {
    /// The first paragraph quoted for `status`, where lists link to.
    pub fn status_basis(&self) -> Option<u32> {
        self.evidence.first().map(|e| e.para)
    }
}

// `status_basis` is computed, never read, yet the data files (through `Funding`) and the stubs of
// `portal new report` (through `Update`) have always had it in this place among the fields. Each
// record is destructured whole, so a new field cannot be left out of its serialised form unnoticed.

impl Serialize for Update {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename = "Update")]
        struct Fields<'a> {
            resolution: ResolutionId,
            label: &'a Option<String>,
            paragraphs: &'a [u32],
            status: Status,
            status_evidence: &'a [Evidence],
            status_basis: Option<u32>,
            news: &'a Option<Evidence>,
            acts_on: &'a [ActsOn],
            events: &'a [Event],
            partners: &'a [Named],
            places: &'a [Named],
            counts: &'a [Count],
            documents: &'a [DocRef],
            funding: &'a Funding,
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            unfinished: bool,
            text: &'a BTreeMap<String, Doc>,
        }
        let Update {
            resolution,
            label,
            paragraphs,
            status,
            status_evidence,
            news,
            acts_on,
            events,
            partners,
            places,
            counts,
            documents,
            funding,
            unfinished,
            text,
            file: _,
        } = self;
        Fields {
            resolution: *resolution,
            label,
            paragraphs,
            status: *status,
            status_evidence,
            status_basis: self.status_basis(),
            news,
            acts_on,
            events,
            partners,
            places,
            counts,
            documents,
            funding,
            unfinished: *unfinished,
            text,
        }
        .serialize(s)
    }
}

impl Serialize for Funding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename = "Funding")]
        struct Fields<'a> {
            status: FundingStatus,
            evidence: &'a [Evidence],
            status_basis: Option<u32>,
            sources: &'a [Named],
            lacking: &'a [Fact],
            consequences: &'a [Fact],
            amounts: &'a [Amount],
            figures: &'a Option<Figures>,
        }
        let Funding {
            status,
            evidence,
            sources,
            lacking,
            consequences,
            amounts,
            figures,
        } = self;
        Fields {
            status: *status,
            evidence,
            status_basis: self.status_basis(),
            sources,
            lacking,
            consequences,
            amounts,
            figures,
        }
        .serialize(s)
    }
}

/// How a placeholder paragraph begins: `portal new report` writes it, `check` refuses it.
pub const TODO_MARK: &str = "TODO";

/// A Markdown file split into the report's numbered paragraphs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Doc {
    /// Text before the first `§` marker.
    pub preamble: String,
    /// 1-based line where `preamble` starts (after any blank lines).
    #[serde(skip)]
    pub preamble_line: usize,
    pub paragraphs: Vec<Paragraph>,
    #[serde(skip)]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    pub number: u32,
    /// Markdown source, trimmed.
    pub markdown: String,
    /// 1-based line of the `§` marker, for diagnostics.
    #[serde(skip)]
    pub line: usize,
    /// 1-based line where `markdown` starts (after the marker and any blank lines), so that a
    /// problem inside the text is reported at its own line.
    #[serde(skip)]
    pub text_line: usize,
}

/// A funding mechanism created by a resolution (the Urban Action Funding Window of 2/10), explained
/// on its own page from the report paragraphs that describe it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mechanism {
    pub name: Text,
    pub resolution: ResolutionId,
    /// Slug of the report whose paragraphs describe it.
    pub report: String,
    pub paragraphs: Vec<u32>,
    #[serde(skip_deserializing)]
    pub slug: String,
    #[serde(skip)]
    pub file: PathBuf,
}

/// Site configuration from `site.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: Text,
    #[serde(default)]
    pub tagline: Option<Text>,
    pub languages: Vec<Language>,
    pub default_language: String,
    /// Where the site is served from. Left out, links are root-relative and what needs an absolute
    /// URL (canonical links, sitemap, feeds) is left out: no placeholder host is ever published.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub missing_translation: MissingTranslation,
    #[serde(default = "default_document_url")]
    pub document_url: String,
    /// The official tracker every resolution page links to for figures the site does not hold
    /// (UN-Habitat's resolution tracker); its dated readings go in `content/trackers/`.
    #[serde(default)]
    pub official_tracker: Option<super::tracker::TrackerSource>,
    /// Where readers report errors: an https address (an issue tracker) or an e-mail address.
    /// Left out, the build warns and no page names one (`--contact` sets it for one build).
    #[serde(default)]
    pub contact: Option<String>,
}

impl Config {
    /// The site's language codes, in the order `languages` lists them.
    pub fn language_codes(&self) -> Vec<&str> {
        self.languages.iter().map(|l| l.code.as_str()).collect()
    }
}

fn default_base_url() -> String {
    "/".into()
}

fn default_theme() -> String {
    "default".into()
}

fn default_document_url() -> String {
    "https://undocs.org/{lang}/{symbol}".into()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    pub code: String,
    pub html_lang: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MissingTranslation {
    #[default]
    Error,
    Warn,
}

/// The whole validated site: every cross-reference in it has been checked.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub config: Config,
    pub topics: Vec<Topic>,
    /// Sorted by id.
    pub resolutions: Vec<Resolution>,
    /// Sorted by date, oldest first.
    pub reports: Vec<Report>,
    /// Sorted by slug.
    pub mechanisms: Vec<Mechanism>,
    /// Readings of official trackers (`content/trackers/`), oldest reading first.
    pub trackers: Vec<super::tracker::Tracker>,
    /// The wording that entails each label (empty when the site has no `content/vocabulary.yaml`).
    pub vocabulary: Vocabulary,
    /// The about page's own text per language (`content/about.{lang}.md`), before its generated parts.
    pub about: BTreeMap<String, Doc>,
    /// Short forms for search (`content/glossary.yaml`; empty without one).
    pub glossary: super::glossary::Glossary,
}

/// A paragraph file as `Site::docs_mut` gives it: (order key, language, file).
pub type DocMut<'s> = ((usize, usize, usize, usize), &'s str, &'s mut Doc);

impl Site {
    pub fn resolution(&self, id: ResolutionId) -> Option<&Resolution> {
        self.resolutions
            .binary_search_by_key(&id, |r| r.id)
            .ok()
            .map(|i| &self.resolutions[i])
    }

    /// Every paragraph file, mutably, with its language and a key that orders them: by language
    /// (as in `languages`), reports (each report's own text, then its updates) before resolutions'
    /// narratives, each in record order.
    pub fn docs_mut<'s>(&'s mut self, languages: &'s [String]) -> Vec<DocMut<'s>> {
        let lang_index = |l: &str| languages.iter().position(|x| x == l);
        let mut out = Vec::new();
        for (ri, rep) in self.reports.iter_mut().enumerate() {
            for (l, d) in rep.text.iter_mut() {
                if let Some(li) = lang_index(l) {
                    out.push(((li, 0, ri, 0), languages[li].as_str(), d));
                }
            }
            for (ui, u) in rep.updates.iter_mut().enumerate() {
                for (l, d) in u.text.iter_mut() {
                    if let Some(li) = lang_index(l) {
                        out.push(((li, 0, ri, ui + 1), languages[li].as_str(), d));
                    }
                }
            }
        }
        for (i, r) in self.resolutions.iter_mut().enumerate() {
            for (l, d) in r.narrative.iter_mut() {
                if let Some(li) = lang_index(l) {
                    out.push(((li, 1, i, 0), languages[li].as_str(), d));
                }
            }
        }
        for (l, d) in self.about.iter_mut() {
            if let Some(li) = lang_index(l) {
                out.push(((li, 2, 0, 0), languages[li].as_str(), d));
            }
        }
        out.sort_unstable_by_key(|(k, _, _)| *k);
        out
    }

    /// Every update of a resolution, oldest report first.
    pub fn updates_of(&self, id: ResolutionId) -> impl Iterator<Item = (&Report, &Update)> {
        self.reports.iter().filter_map(move |rep| {
            rep.updates
                .binary_search_by_key(&id, |u| u.resolution)
                .ok()
                .map(|i| (rep, &rep.updates[i]))
        })
    }
}
