//! View models: the slices of the `Site` each template sees, with Markdown already turned into safe
//! HTML for one language. Made per page from the model; they borrow from it (and share each
//! paragraph's HTML) rather than copy it.

use crate::markdown::documents::Paragraph;
use crate::model::history::{self, Change, ReportChanges, Reported};
use crate::model::shortfall;
use crate::model::*;
use serde::Serialize;

#[derive(Clone)]
pub struct ParaView {
    pub number: u32,
    /// Shared: the same paragraph appears on the resolution page and the report page.
    pub html: std::sync::Arc<str>,
    /// Its anchor on a resolution page when not `para-N`: `{slug}-para-N` for a number an earlier
    /// report on the same resolution already used (see `UpdateView::qualified`).
    pub id: Option<std::sync::Arc<str>>,
}

impl ParaView {
    pub fn of(p: &Paragraph) -> Self {
        ParaView {
            number: p.number,
            html: p.html.clone(),
            id: None,
        }
    }
}

/// Serialised as a template value that shares the HTML instead of copying it (minijinja passes a
/// `Value` through its serializer untouched): a report page holds every paragraph of the report.
impl Serialize for ParaView {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use minijinja::Value;
        Value::from_iter([
            ("number", Value::from(self.number)),
            ("html", Value::from(self.html.clone())),
            ("id", Value::from(self.id.clone())),
        ])
        .serialize(s)
    }
}

#[derive(Serialize, Clone)]
pub struct ReportRef<'a> {
    pub slug: &'a str,
    pub symbol: &'a str,
    pub date: PartialDate,
    pub title: &'a Text,
    /// Who reports (`Report of the Executive Director`): a citation names it.
    pub author: Option<&'a Text>,
    pub period: Option<&'a DateRange>,
    /// The end of the period covered (else the date): what the report's judgements are "as of".
    pub as_of: PartialDate,
}

impl<'a> ReportRef<'a> {
    pub fn of(r: &'a Report) -> Self {
        ReportRef {
            slug: &r.slug,
            symbol: &r.symbol,
            date: r.date,
            title: &r.title,
            author: r.author.as_ref(),
            period: r.period.as_ref(),
            as_of: history::as_of(r),
        }
    }
}

/// One line in a list of resolutions.
#[derive(Serialize, Clone)]
pub struct ResSummary<'a> {
    pub id: String,
    pub slug: String,
    pub session: u16,
    pub number: u16,
    pub year: u16,
    pub title: &'a Text,
    pub symbol: Option<&'a str>,
    /// From the latest update; `None` when no report covers it yet.
    pub status: Option<&'static str>,
    pub funding: Option<&'static str>,
    /// Whether the latest report names a funding shortfall (`model::shortfall`): `named` or `none`.
    pub shortfall: &'static str,
    /// What changed in the latest report (`added`, `changed`), for lists that mark it.
    pub mark: Option<history::Reported>,
    /// The latest report's news in one line, quoted.
    pub news: Option<EvidenceView<'a>>,
    /// Topic ids, for filtering the list by topic.
    pub topics: &'a [String],
    /// Date of the latest report on it, for sorting the list by latest change.
    pub changed: Option<PartialDate>,
    /// Its anchor on the resolution page (qualified when an older report used the same number).
    pub news_anchor: Option<String>,
}

/// A quote of the report behind a judgement: `quote` in the page's language, `all` in every
/// language (a page in an unofficial translation shows the official words too).
#[derive(Serialize, Clone)]
pub struct EvidenceView<'a> {
    pub para: u32,
    pub quote: &'a Text,
    pub all: AllLanguages<'a>,
}

impl<'a> EvidenceView<'a> {
    pub fn of(e: &'a Evidence) -> Self {
        EvidenceView {
            para: e.para,
            quote: &e.quote,
            all: AllLanguages(&e.quote),
        }
    }
    pub fn list(es: &'a [Evidence]) -> Vec<Self> {
        es.iter().map(EvidenceView::of).collect()
    }
}

impl<'a> ResSummary<'a> {
    /// `r` as a row of a list; `changes` is what changed in the latest report, if it has a
    /// previous one (the row's mark).
    pub fn of(site: &'a Site, changes: Option<&ReportChanges>, r: &'a Resolution) -> Self {
        let latest = site.updates_of(r.id).last();
        ResSummary {
            id: r.id.to_string(),
            slug: r.id.slug(),
            session: r.id.session,
            number: r.id.number,
            year: r.year,
            title: &r.title,
            symbol: r.symbol.as_deref(),
            status: latest.map(|(_, u)| history::status_id(u)),
            funding: latest.map(|(_, u)| history::funding_id(u)),
            shortfall: shortfall::key(latest.map(|(_, u)| u)),
            mark: changes.and_then(|c| c.mark(r.id)),
            news: latest
                .and_then(|(_, u)| u.news.as_ref())
                .map(EvidenceView::of),
            topics: &r.topics,
            changed: latest.map(|(rep, _)| rep.date),
            news_anchor: latest.and_then(|(rep, u)| {
                let n = u.news.as_ref()?.para;
                let reused = site
                    .updates_of(r.id)
                    .take_while(|(o, _)| o.slug != rep.slug)
                    .any(|(_, o)| o.paragraphs.contains(&n));
                Some(crate::routes::anchor_on_resolution(&rep.slug, n, reused))
            }),
        }
    }
}

#[derive(Serialize, Clone)]
pub struct DocView<'a> {
    pub symbol: &'a str,
    pub para: u32,
    pub description: Option<&'a Text>,
}

#[derive(Serialize, Clone)]
pub struct FundingView<'a> {
    pub status: &'a str,
    pub status_basis: Option<u32>,
    pub evidence: Vec<EvidenceView<'a>>,
    pub sources: &'a [Named],
    pub lacking: &'a [Fact],
    pub consequences: &'a [Fact],
    pub amounts: &'a [Amount],
    pub figures: Option<history::FigureSet<'a>>,
}

/// What one report says about one resolution, in one language.
#[derive(Serialize, Clone)]
pub struct UpdateView<'a> {
    pub report: ReportRef<'a>,
    pub resolution: String,
    pub label: Option<&'a str>,
    pub status: &'a str,
    pub status_basis: Option<u32>,
    pub status_evidence: Vec<EvidenceView<'a>>,
    /// Codes of the languages whose edition of the report is official.
    pub official: Vec<&'a str>,
    pub numbers: &'a [u32],
    /// Paragraph numbers that an older report on the same resolution already uses: on the resolution
    /// page their anchors are qualified by report (`{slug}-para-N`), so older anchors stay valid.
    pub qualified: Vec<u32>,
    pub paragraphs: Vec<ParaView>,
    /// False when this language's text is missing and another language is shown instead.
    pub translated: bool,
    pub acts_on: &'a [ActsOn],
    pub events: &'a [Event],
    pub partners: &'a [Named],
    pub places: &'a [Named],
    pub counts: &'a [Count],
    pub documents: Vec<DocView<'a>>,
    pub funding: FundingView<'a>,
}

impl<'a> UpdateView<'a> {
    pub fn of(rep: &'a Report, u: &'a Update, paragraphs: Vec<ParaView>, translated: bool) -> Self {
        UpdateView {
            report: ReportRef::of(rep),
            resolution: u.resolution.to_string(),
            label: u.label.as_deref(),
            status: history::status_id(u),
            status_basis: u.status_basis(),
            status_evidence: EvidenceView::list(&u.status_evidence),
            official: rep
                .languages
                .iter()
                .filter(|l| l.kind == TranslationKind::Official)
                .map(|l| l.lang.as_str())
                .collect(),
            numbers: &u.paragraphs,
            qualified: vec![],
            paragraphs,
            translated,
            acts_on: &u.acts_on,
            events: &u.events,
            partners: &u.partners,
            places: &u.places,
            counts: &u.counts,
            documents: u
                .documents
                .iter()
                .map(|d| DocView {
                    symbol: &d.symbol,
                    para: d.para,
                    description: rep
                        .documents
                        .iter()
                        .find(|x| x.symbol == d.symbol)
                        .map(|x| &x.description),
                })
                .collect(),
            funding: FundingView {
                status: history::funding_id(u),
                status_basis: u.funding.status_basis(),
                evidence: EvidenceView::list(&u.funding.evidence),
                sources: &u.funding.sources,
                lacking: &u.funding.lacking,
                consequences: &u.funding.consequences,
                amounts: &u.funding.amounts,
                figures: u
                    .funding
                    .figures
                    .as_ref()
                    .and_then(|f| history::figures(f).ok()),
            },
        }
    }
}

#[derive(Serialize)]
/// How many resolutions carry one label.
pub struct LabelCount {
    pub key: &'static str,
    pub count: usize,
}

/// What the report page shows of one update: only its paragraphs (cheaper than a whole `UpdateView`,
/// which matters on a report covering thousands of resolutions).
#[derive(Serialize)]
pub struct ReportEntry<'a> {
    pub label: Option<&'a str>,
    pub paragraphs: Vec<ParaView>,
    pub translated: bool,
}

/// What the funding page shows of one update.
#[derive(Serialize)]
pub struct FundingRow<'a> {
    pub report: ReportRef<'a>,
    pub funding: FundingView<'a>,
    pub official: Vec<&'a str>,
    /// As `UpdateView::qualified`: links into the resolution page use its anchors.
    pub qualified: Vec<u32>,
}

impl<'a> FundingRow<'a> {
    pub fn of(site: &'a Site, rep: &'a Report, u: &'a Update) -> Self {
        let v = UpdateView::of(rep, u, vec![], true);
        FundingRow {
            report: v.report,
            funding: v.funding,
            official: v.official,
            qualified: history::qualified(site, rep, u),
        }
    }
}

/// A line of the reports index.
#[derive(Serialize)]
pub struct ReportItem<'a> {
    pub report: ReportRef<'a>,
    pub updates: usize,
    /// The report before it, when there is one (and so a "what changed" page).
    pub previous: Option<ReportRef<'a>>,
    /// Resolutions with any change, newly reported, no longer reported.
    pub changed: usize,
    pub added: usize,
    pub dropped: usize,
}

/// One report's side of a change: where its evidence is and, for a judgement, the judgement with
/// the report's quoted words (shown as the resolution page shows them).
#[derive(Serialize)]
pub struct ChangeEvidence<'a> {
    pub report: ReportRef<'a>,
    pub para: u32,
    /// For a judgement: its vocabulary id in this report, the quotes behind it, and the languages
    /// whose edition of this report is official.
    pub value: Option<&'a str>,
    pub quotes: Vec<EvidenceView<'a>>,
    pub official: Vec<&'a str>,
}

/// One change, as the "what changed" page and the resolution page show it.
#[derive(Serialize)]
pub struct ChangeView<'a> {
    #[serde(flatten)]
    pub change: &'a Change<'a>,
    pub old_evidence: Option<ChangeEvidence<'a>>,
    pub new_evidence: Option<ChangeEvidence<'a>>,
}

/// One resolution's changes between two reports.
#[derive(Serialize)]
pub struct ResolutionChangeView<'a> {
    pub res: ResSummary<'a>,
    pub reported: Reported,
    pub changes: Vec<ChangeView<'a>>,
    /// The paragraphs the later (added) or earlier (dropped) report gives it.
    pub numbers: Option<&'a [u32]>,
    /// Facts the earlier report states and the later one no longer mentions.
    pub unmentioned: Vec<UnmentionedView<'a>>,
    /// Both reports cover it and give it the same status and the same funding status: said in
    /// words on the resolution page ("no change in status or funding"), not left to be inferred.
    pub same_judgement: bool,
}

/// A fact of the earlier report that the later one no longer mentions, with the earlier paragraph.
#[derive(Serialize)]
pub struct UnmentionedView<'a> {
    pub field: &'static str,
    pub item: Option<&'a Text>,
    pub evidence: Option<ChangeEvidence<'a>>,
}

/// A row of the resolution's timeline: one report's status and funding, with their evidence.
#[derive(Serialize)]
pub struct TimelineRow<'a> {
    pub report: ReportRef<'a>,
    pub status: &'a str,
    pub status_basis: Option<u32>,
    pub funding: &'a str,
    pub funding_basis: Option<u32>,
    pub figures: Option<history::FigureSet<'a>>,
    pub numbers: &'a [u32],
    pub qualified: Vec<u32>,
    /// Position in the inline SVG strip.
    pub x: usize,
}
