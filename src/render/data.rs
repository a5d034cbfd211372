//! Open data: `/data/resolutions.json`, `/data/funding.json`, `/data/trackers.json` (the CSV files
//! beside them are `csv`'s), and over time
//! `/data/changes.{json,csv}`, `/data/reports/{slug}.json`, `/data/resolutions/{id}.json`, written from the
//! model with stable English field names (documented in content/README.md under "Open data").
//! Language columns follow the configured languages, so a third language adds columns, not code.

use super::csv::{self, field};
use crate::diagnostics::Diagnostic;
use crate::model::history::{self, FigureSet, ReportChanges, Reported, ResolutionChanges};
use crate::model::*;
use crate::output::Sink;
use crate::routes::{self, Base, Page};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct ResolutionRecord<'a> {
    id: String,
    session: u16,
    number: u16,
    year: u16,
    symbol: Option<&'a str>,
    title: &'a Text,
    topics: &'a [String],
    url: BTreeMap<&'a str, String>,
    updates: Vec<UpdateRecord<'a>>,
}

#[derive(Serialize)]
struct UpdateRecord<'a> {
    report: &'a str,
    report_date: PartialDate,
    shortfall: &'static str,
    #[serde(flatten)]
    facts: UpdateFacts<'a>,
}

/// What an update states besides its funding, as both `resolutions.json` and the report snapshots
/// publish it.
#[derive(Serialize)]
struct UpdateFacts<'a> {
    status: &'static str,
    status_basis: Option<u32>,
    status_evidence: &'a [Evidence],
    news: Option<&'a Evidence>,
    paragraphs: &'a [u32],
    acts_on: &'a [ActsOn],
    events: &'a [Event],
    partners: &'a [Named],
    places: &'a [Named],
    counts: &'a [Count],
    documents: &'a [DocRef],
}

impl<'a> UpdateFacts<'a> {
    fn of(u: &'a Update) -> Self {
        UpdateFacts {
            status: history::status_id(u),
            status_basis: u.status_basis(),
            status_evidence: &u.status_evidence,
            news: u.news.as_ref(),
            paragraphs: &u.paragraphs,
            acts_on: &u.acts_on,
            events: &u.events,
            partners: &u.partners,
            places: &u.places,
            counts: &u.counts,
            documents: &u.documents,
        }
    }
}

#[derive(Serialize)]
struct FundingRecord<'a> {
    resolution: String,
    title: &'a Text,
    report: &'a str,
    report_date: PartialDate,
    /// Whether the report names a funding shortfall (`model::shortfall`): `named` or `none`.
    shortfall: &'static str,
    #[serde(flatten)]
    funding: &'a Funding,
    evidence_url: BTreeMap<&'a str, String>,
}

/// A page's URL in every language, at an anchor if one is given.
fn in_every_language<'l>(
    langs: &[&'l str],
    base: &Base,
    page: Page,
    anchor: Option<String>,
) -> BTreeMap<&'l str, String> {
    langs
        .iter()
        .map(|l| {
            let mut url = base.url(l, &page);
            if let Some(a) = &anchor {
                url.push('#');
                url.push_str(a);
            }
            (*l, url)
        })
        .collect()
}

/// Writes `/data/resolutions.json`, `/data/funding.json` and `/data/funding.csv` into `sink`, the
/// JSON streamed as it is serialised (with several reports, each is tens of megabytes).
pub fn files(site: &Site, base: &Base, sink: &dyn Sink) -> Result<(), Diagnostic> {
    let langs = site.config.language_codes();
    let page =
        |r: &Resolution, anchor| in_every_language(&langs, base, Page::Resolution(r.id), anchor);

    let resolutions: Vec<ResolutionRecord> = site
        .resolutions
        .iter()
        .map(|r| ResolutionRecord {
            id: r.id.to_string(),
            session: r.id.session,
            number: r.id.number,
            year: r.year,
            symbol: r.symbol.as_deref(),
            title: &r.title,
            topics: &r.topics,
            url: page(r, None),
            updates: site
                .updates_of(r.id)
                .map(|(rep, u)| UpdateRecord {
                    report: &rep.symbol,
                    report_date: rep.date,
                    shortfall: shortfall::key(Some(u)),
                    facts: UpdateFacts::of(u),
                })
                .collect(),
        })
        .collect();

    let mut funding = Vec::new();
    for r in &site.resolutions {
        // A paragraph number an older report on this resolution already used has a qualified anchor
        // on the resolution page (see `UpdateView::qualified`).
        let mut seen = std::collections::BTreeSet::new();
        for (rep, u) in site.updates_of(r.id) {
            let anchor = u
                .funding
                .status_basis()
                .map(|b| routes::anchor_on_resolution(&rep.slug, b, seen.contains(&b)));
            let evidence_url = page(r, anchor);
            seen.extend(u.paragraphs.iter().copied());
            funding.push(FundingRecord {
                resolution: r.id.to_string(),
                title: &r.title,
                report: &rep.symbol,
                report_date: rep.date,
                shortfall: shortfall::key(Some(u)),
                funding: &u.funding,
                evidence_url,
            });
        }
    }

    put_json(sink, "data/resolutions.json", &resolutions)?;
    drop(resolutions);
    put_json(sink, "data/funding.json", &funding)?;
    drop(funding);
    put_json(sink, "data/trackers.json", &site.trackers)?;
    sink.put("data/funding.csv".into(), csv::funding(site, base))?;
    sink.put("data/resolutions.csv".into(), csv::resolutions(site, base))
}

/// Serialises `v` as pretty JSON straight into the file `path` of `sink`.
fn put_json<T: Serialize>(sink: &dyn Sink, path: &str, v: &T) -> Result<(), Diagnostic> {
    sink.write_with(path.to_string(), &mut |w| {
        let err = |e: String| Diagnostic::error(path, format!("cannot write {path}: {e}"));
        serde_json::to_writer_pretty(&mut *w, v).map_err(|e| err(e.to_string()))?;
        w.write_all(b"\n").map_err(|e| err(e.to_string()))
    })
}

fn json<T: Serialize>(v: &T) -> Vec<u8> {
    // Serialising plain data structures to a Vec cannot fail.
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Schemas of the JSON files, published beside them under `/data/schema/` (and checked by a test).
pub const SCHEMAS: [(&str, &str); 6] = [
    (
        "trackers.schema.json",
        include_str!("../../schemas/trackers.schema.json"),
    ),
    (
        "resolutions.schema.json",
        include_str!("../../schemas/resolutions.schema.json"),
    ),
    (
        "funding.schema.json",
        include_str!("../../schemas/funding.schema.json"),
    ),
    (
        "changes.schema.json",
        include_str!("../../schemas/changes.schema.json"),
    ),
    (
        "report.schema.json",
        include_str!("../../schemas/report.schema.json"),
    ),
    (
        "resolution.schema.json",
        include_str!("../../schemas/resolution.schema.json"),
    ),
];

/// A reference to one report in open data.
#[derive(Serialize)]
struct ReportKey<'a> {
    slug: &'a str,
    symbol: &'a str,
    date: PartialDate,
}

impl<'a> ReportKey<'a> {
    fn of(r: &'a Report) -> Self {
        ReportKey {
            slug: &r.slug,
            symbol: &r.symbol,
            date: r.date,
        }
    }
}

#[derive(Serialize)]
struct ChangeRecord<'a> {
    field: &'a str,
    detail: Option<&'a str>,
    item: Option<&'a Text>,
    old: Option<&'a str>,
    new: Option<&'a str>,
    old_paragraph: Option<u32>,
    new_paragraph: Option<u32>,
}

#[derive(Serialize)]
struct ResolutionChangeRecord<'a> {
    resolution: String,
    /// `added` (newly reported), `dropped` (no longer reported) or `changed`.
    reported: Reported,
    changes: Vec<ChangeRecord<'a>>,
}

#[derive(Serialize)]
struct ReportChangesRecord<'a> {
    report: ReportKey<'a>,
    previous: ReportKey<'a>,
    url: BTreeMap<&'a str, String>,
    resolutions: Vec<ResolutionChangeRecord<'a>>,
}

/// What one report says on one resolution, with its funding figures computed.
#[derive(Serialize)]
struct SnapshotUpdate<'a> {
    resolution: String,
    #[serde(flatten)]
    facts: UpdateFacts<'a>,
    funding: SnapshotFunding<'a>,
}

#[derive(Serialize)]
struct SnapshotFunding<'a> {
    status: &'a str,
    status_basis: Option<u32>,
    evidence: &'a [Evidence],
    sources: &'a [Named],
    lacking: &'a [Fact],
    consequences: &'a [Fact],
    amounts: &'a [Amount],
    figures: Option<FigureSet<'a>>,
}

impl<'a> SnapshotUpdate<'a> {
    fn of(u: &'a Update, figures: Option<FigureSet<'a>>) -> Self {
        SnapshotUpdate {
            resolution: u.resolution.to_string(),
            facts: UpdateFacts::of(u),
            funding: SnapshotFunding {
                status: history::funding_id(u),
                status_basis: u.funding.status_basis(),
                evidence: &u.funding.evidence,
                sources: &u.funding.sources,
                lacking: &u.funding.lacking,
                consequences: &u.funding.consequences,
                amounts: &u.funding.amounts,
                figures,
            },
        }
    }
}

#[derive(Serialize)]
struct ReportSnapshot<'a> {
    slug: &'a str,
    symbol: &'a str,
    title: &'a Text,
    date: PartialDate,
    period: Option<&'a DateRange>,
    previous: Option<ReportKey<'a>>,
    url: BTreeMap<&'a str, String>,
    updates: Vec<SnapshotUpdate<'a>>,
}

#[derive(Serialize)]
struct HistoryEntry<'a> {
    report: ReportKey<'a>,
    as_of: PartialDate,
    #[serde(flatten)]
    update: SnapshotUpdate<'a>,
    evidence_url: BTreeMap<&'a str, String>,
}

#[derive(Serialize)]
struct ResolutionHistory<'a> {
    id: String,
    session: u16,
    number: u16,
    year: u16,
    symbol: Option<&'a str>,
    title: &'a Text,
    url: BTreeMap<&'a str, String>,
    /// One entry per report on it, oldest first.
    history: Vec<HistoryEntry<'a>>,
    /// What changed from each report on it to the next.
    changes: Vec<ResolutionChangesIn<'a>>,
}

#[derive(Serialize)]
struct ResolutionChangesIn<'a> {
    report: ReportKey<'a>,
    previous: ReportKey<'a>,
    reported: Reported,
    changes: Vec<ChangeRecord<'a>>,
}

fn change_records<'a>(rc: &'a ResolutionChanges<'a>) -> Vec<ChangeRecord<'a>> {
    rc.changes
        .iter()
        .map(|c| ChangeRecord {
            field: c.field,
            detail: c.detail,
            item: c.item,
            old: c.old.as_deref(),
            new: c.new.as_deref(),
            old_paragraph: c.old_para,
            new_paragraph: c.new_para,
        })
        .collect()
}

/// `/data/changes.json`, `/data/changes.csv`, a snapshot per report and a history per resolution,
/// and the JSON Schemas of every JSON file.
pub fn history_files(
    site: &Site,
    changes: &[ReportChanges],
    base: &Base,
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    let langs = site.config.language_codes();
    let urls = |page, anchor| in_every_language(&langs, base, page, anchor);

    let records: Vec<ReportChangesRecord> = changes
        .iter()
        .map(|ch| ReportChangesRecord {
            report: ReportKey::of(ch.report),
            previous: ReportKey::of(ch.previous),
            url: urls(Page::Changes(&ch.report.slug), None),
            resolutions: ch
                .resolutions
                .iter()
                .map(|rc| ResolutionChangeRecord {
                    resolution: rc.resolution.to_string(),
                    reported: rc.reported,
                    changes: change_records(rc),
                })
                .collect(),
        })
        .collect();
    put_json(sink, "data/changes.json", &records)?;
    drop(records);
    sink.put("data/changes.csv".into(), changes_csv(&langs, changes))?;

    for (i, rep) in site.reports.iter().enumerate() {
        let snapshot = ReportSnapshot {
            slug: &rep.slug,
            symbol: &rep.symbol,
            title: &rep.title,
            date: rep.date,
            period: rep.period.as_ref(),
            previous: i.checked_sub(1).map(|p| ReportKey::of(&site.reports[p])),
            url: urls(Page::Report(&rep.slug), None),
            updates: rep
                .updates
                .iter()
                .map(|u| {
                    let figures = u
                        .funding
                        .figures
                        .as_ref()
                        .and_then(|f| history::figures(f).ok());
                    SnapshotUpdate::of(u, figures)
                })
                .collect(),
        };
        put_json(sink, &format!("data/reports/{}.json", rep.slug), &snapshot)?;
    }

    // One file per resolution, made and handed over in parallel: none is kept once written.
    site.resolutions.par_iter().try_for_each(|r| {
        let history = history::timeline(site, r.id)
            .into_iter()
            .map(|e| HistoryEntry {
                report: ReportKey::of(e.report),
                as_of: history::as_of(e.report),
                evidence_url: urls(
                    Page::Report(&e.report.slug),
                    e.update.status_basis().map(routes::anchor),
                ),
                update: SnapshotUpdate::of(e.update, e.figures),
            })
            .collect();
        let changes = changes
            .iter()
            .filter_map(|ch| {
                let i = ch
                    .resolutions
                    .binary_search_by_key(&r.id, |x| x.resolution)
                    .ok()?;
                let rc = &ch.resolutions[i];
                Some(ResolutionChangesIn {
                    report: ReportKey::of(ch.report),
                    previous: ReportKey::of(ch.previous),
                    reported: rc.reported,
                    changes: change_records(rc),
                })
            })
            .collect();
        let rec = ResolutionHistory {
            id: r.id.to_string(),
            session: r.id.session,
            number: r.id.number,
            year: r.year,
            symbol: r.symbol.as_deref(),
            title: &r.title,
            url: urls(Page::Resolution(r.id), None),
            history,
            changes,
        };
        sink.put(format!("data/resolutions/{}.json", r.id.slug()), json(&rec))
    })?;
    for (name, text) in SCHEMAS {
        sink.put(format!("data/schema/{name}"), text.as_bytes().to_vec())?;
    }
    Ok(())
}

/// The columns of `/data/changes.csv`, in order.
pub fn changes_csv_header(langs: &[&str]) -> Vec<String> {
    let mut h: Vec<String> = ["resolution", "session", "field", "detail"]
        .map(String::from)
        .to_vec();
    h.extend(langs.iter().map(|l| format!("item_{l}")));
    h.extend(
        [
            "old_value",
            "new_value",
            "old_report",
            "old_report_date",
            "old_paragraph",
            "new_report",
            "new_report_date",
            "new_paragraph",
        ]
        .map(String::from),
    );
    h
}

/// One row per change of a resolution from one report to the next; a resolution newly reported or
/// no longer reported is one row with field `reported` (`no` → `yes`, `yes` → `no`).
fn changes_csv(langs: &[&str], changes: &[ReportChanges]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&changes_csv_header(langs).join(","));
    out.push_str("\r\n");
    let num = |p: Option<u32>| p.map(|p| p.to_string()).unwrap_or_default();
    for ch in changes {
        for rc in &ch.resolutions {
            let mut rows: Vec<Vec<String>> = Vec::new();
            let mut row = |field: &str,
                           detail: Option<&str>,
                           item: Option<&Text>,
                           old: Option<&str>,
                           new: Option<&str>,
                           op: Option<u32>,
                           np: Option<u32>| {
                let mut cells: Vec<String> = vec![
                    rc.resolution.to_string(),
                    rc.resolution.session.to_string(),
                    field.into(),
                    detail.unwrap_or("").into(),
                ];
                cells.extend(
                    langs
                        .iter()
                        .map(|l| item.and_then(|t| t.get(l)).unwrap_or("").to_string()),
                );
                cells.extend([
                    old.unwrap_or("").into(),
                    new.unwrap_or("").into(),
                    ch.previous.symbol.clone(),
                    ch.previous.date.to_string(),
                    num(op),
                    ch.report.symbol.clone(),
                    ch.report.date.to_string(),
                    num(np),
                ]);
                rows.push(cells);
            };
            match rc.reported {
                Reported::Added => row("reported", None, None, Some("no"), Some("yes"), None, None),
                Reported::Dropped => {
                    row("reported", None, None, Some("yes"), Some("no"), None, None)
                }
                Reported::Changed | Reported::Unchanged => {}
            }
            for c in &rc.changes {
                row(
                    c.field,
                    c.detail,
                    c.item,
                    c.old.as_deref(),
                    c.new.as_deref(),
                    c.old_para,
                    c.new_para,
                );
            }
            for cells in rows {
                out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
                out.push_str("\r\n");
            }
        }
    }
    out.into_bytes()
}
