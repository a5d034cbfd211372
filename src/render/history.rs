//! Pages about tracking over time: the reports index, "what changed" per report, and the pieces of a
//! resolution page that show its history (timeline rows, older reports' paragraphs, recent changes).
//! The changes themselves are computed in `model::history`; here they only become template values.

use super::views::*;
use super::Ctx;
use crate::model::history::{self, ReportChanges, ResolutionChanges};
use crate::model::*;
use minijinja::Value;
use std::collections::BTreeSet;

impl<'a> Ctx<'a> {
    /// `/{lang}/reports/`: every report, newest first.
    pub(super) fn reports_index(&self) -> Vec<ReportItem<'a>> {
        let site = self.site;
        site.reports
            .iter()
            .enumerate()
            .rev()
            .map(|(i, rep)| {
                let ch = i.checked_sub(1).and_then(|p| self.changes.get(p));
                let count = |k| {
                    ch.map_or(0, |c| {
                        c.resolutions.iter().filter(|r| r.reported == k).count()
                    })
                };
                ReportItem {
                    report: ReportRef::of(rep),
                    updates: rep.updates.len(),
                    previous: i.checked_sub(1).map(|p| ReportRef::of(&site.reports[p])),
                    changed: count(history::Reported::Changed),
                    added: count(history::Reported::Added),
                    dropped: count(history::Reported::Dropped),
                }
            })
            .collect()
    }

    /// One report's side of a change: the evidence paragraph, and for a judgement (`field` status
    /// or funding-status) the value and its quotes.
    fn evidence(
        &self,
        rep: &'a Report,
        u: Option<&'a Update>,
        para: Option<u32>,
        field: &str,
        value: Option<&'a str>,
    ) -> Option<ChangeEvidence<'a>> {
        let para = para?;
        let quotes = match (field, u) {
            ("status", Some(u)) => EvidenceView::list(&u.status_evidence),
            ("funding-status", Some(u)) => EvidenceView::list(&u.funding.evidence),
            _ => vec![],
        };
        let official = rep
            .languages
            .iter()
            .filter(|l| l.kind == TranslationKind::Official)
            .map(|l| l.lang.as_str())
            .collect();
        Some(ChangeEvidence {
            report: ReportRef::of(rep),
            para,
            value: if quotes.is_empty() { None } else { value },
            quotes,
            official,
        })
    }

    /// One resolution's changes between two reports, with the judgements' evidence paragraphs quoted
    /// from both.
    pub(super) fn resolution_changes(
        &self,
        ch: &'a ReportChanges<'a>,
        rc: &'a ResolutionChanges<'a>,
    ) -> Option<ResolutionChangeView<'a>> {
        let r = self.site.resolution(rc.resolution)?;
        let changes = rc
            .changes
            .iter()
            .map(|c| ChangeView {
                change: c,
                old_evidence: self.evidence(
                    ch.previous,
                    rc.old,
                    c.old_para,
                    c.field,
                    c.old.as_deref(),
                ),
                new_evidence: self.evidence(
                    ch.report,
                    rc.new,
                    c.new_para,
                    c.field,
                    c.new.as_deref(),
                ),
            })
            .collect();
        let mut res = self.summary(r);
        // This page is about this report: its own answer, not the latest report's.
        res.shortfall = crate::model::shortfall::key(rc.new);
        Some(ResolutionChangeView {
            res,
            reported: rc.reported,
            changes,
            numbers: rc.new.or(rc.old).map(|u| u.paragraphs.as_slice()),
            unmentioned: self.unmentioned(ch, rc.old, rc.new),
            same_judgement: rc.old.is_some()
                && rc.new.is_some()
                && !rc
                    .changes
                    .iter()
                    .any(|c| matches!(c.field, "status" | "funding-status")),
        })
    }

    /// The facts of `old` (in `ch.previous`) that `new` (in `ch.report`) no longer mentions.
    fn unmentioned(
        &self,
        ch: &'a ReportChanges<'a>,
        old: Option<&'a Update>,
        new: Option<&'a Update>,
    ) -> Vec<UnmentionedView<'a>> {
        let (Some(old), Some(new)) = (old, new) else {
            return vec![];
        };
        history::no_longer_mentioned(old, new)
            .into_iter()
            .map(|c| UnmentionedView {
                field: c.field,
                item: c.item,
                evidence: self.evidence(ch.previous, Some(old), c.old_para, c.field, None),
            })
            .collect()
    }

    /// A resolution both reports cover with nothing changed: listed too, so that "no change" is
    /// read on the page rather than inferred from an absence.
    fn unchanged(
        &self,
        ch: &'a ReportChanges<'a>,
        old: &'a Update,
        new: &'a Update,
    ) -> Option<ResolutionChangeView<'a>> {
        let r = self.site.resolution(new.resolution)?;
        let mut res = self.summary(r);
        res.shortfall = crate::model::shortfall::key(Some(new));
        Some(ResolutionChangeView {
            res,
            reported: history::Reported::Unchanged,
            changes: vec![],
            numbers: Some(new.paragraphs.as_slice()),
            unmentioned: self.unmentioned(ch, Some(old), Some(new)),
            same_judgement: true,
        })
    }

    /// The variables of `/{lang}/reports/{slug}/changes/`.
    pub(super) fn changes_page(&self, i: usize) -> Vec<(&'static str, Value)> {
        let Some(ch) = self.changes.get(i) else {
            return vec![];
        };
        // Every resolution of either report, in number order: changed, added, dropped or unchanged.
        let mut entries: Vec<ResolutionChangeView> = ch
            .resolutions
            .iter()
            .filter_map(|rc| self.resolution_changes(ch, rc))
            .collect();
        // Both lists are in resolution order (as `Site::updates_of` relies on): look up, not scan.
        for new in &ch.report.updates {
            let listed = ch
                .resolutions
                .binary_search_by_key(&new.resolution, |rc| rc.resolution)
                .is_ok();
            let old = update_of(ch.previous, new.resolution);
            if let (false, Some(old)) = (listed, old) {
                entries.extend(self.unchanged(ch, old, new));
            }
        }
        entries.sort_by_key(|e| (e.res.session, e.res.number));
        let count = |k| entries.iter().filter(|e| e.reported == k).count();
        vec![
            ("report", Value::from_serialize(ReportRef::of(ch.report))),
            (
                "previous",
                Value::from_serialize(ReportRef::of(ch.previous)),
            ),
            ("changed", Value::from(count(history::Reported::Changed))),
            ("added", Value::from(count(history::Reported::Added))),
            ("dropped", Value::from(count(history::Reported::Dropped))),
            (
                "unchanged",
                Value::from(count(history::Reported::Unchanged)),
            ),
            ("entries", Value::from_serialize(&entries)),
        ]
    }

    /// A resolution's timeline rows and its updates (oldest first), each update knowing which of its
    /// paragraph numbers an older update on this page already uses (those anchors are qualified).
    pub(super) fn timeline(
        &self,
        lang: &str,
        r: &'a Resolution,
    ) -> (Vec<TimelineRow<'a>>, Vec<UpdateView<'a>>) {
        let mut seen = BTreeSet::new();
        let mut rows = Vec::new();
        let mut updates = Vec::new();
        for (x, e) in history::timeline(self.site, r.id).into_iter().enumerate() {
            let qualified: Vec<u32> = e
                .update
                .paragraphs
                .iter()
                .copied()
                .filter(|n| seen.contains(n))
                .collect();
            seen.extend(e.update.paragraphs.iter().copied());
            let mut view = self.update_view(lang, e.report, e.update);
            if !qualified.is_empty() {
                for p in &mut view.paragraphs {
                    if qualified.contains(&p.number) {
                        let id =
                            crate::routes::anchor_on_resolution(&e.report.slug, p.number, true);
                        p.id = Some(id.into());
                    }
                }
            }
            view.qualified = qualified.clone();
            view.funding.figures = e.figures.clone();
            updates.push(view);
            rows.push(TimelineRow {
                report: ReportRef::of(e.report),
                status: history::status_id(e.update),
                status_basis: e.update.status_basis(),
                funding: history::funding_id(e.update),
                funding_basis: e.update.funding.status_basis(),
                figures: e.figures,
                numbers: &e.update.paragraphs,
                qualified,
                x,
            });
        }
        (rows, updates)
    }

    /// What changed for one resolution in the latest report, when a previous report exists:
    /// "unchanged" (as the changes page lists it) when both reports cover it and nothing changed.
    pub(super) fn latest_changes(&self, id: ResolutionId) -> Option<ResolutionChangeView<'a>> {
        let ch = self.changes.last()?;
        match ch.resolutions.binary_search_by_key(&id, |r| r.resolution) {
            Ok(i) => self.resolution_changes(ch, &ch.resolutions[i]),
            Err(_) => {
                let (old, new) = (update_of(ch.previous, id)?, update_of(ch.report, id)?);
                self.unchanged(ch, old, new)
            }
        }
    }

    /// The home page's "latest changes at a glance": counts, and the first judgement changes.
    pub(super) fn glance(&self) -> Value {
        const SHOWN: usize = 8;
        let Some(ch) = self.changes.last() else {
            return Value::from(());
        };
        let count = |k| ch.resolutions.iter().filter(|r| r.reported == k).count();
        let judged: Vec<&ResolutionChanges> = ch
            .resolutions
            .iter()
            .filter(|r| {
                r.changes
                    .iter()
                    .any(|c| matches!(c.field, "status" | "funding-status"))
            })
            .collect();
        let shown: Vec<ResolutionChangeView> = judged
            .iter()
            .take(SHOWN)
            .filter_map(|rc| self.resolution_changes(ch, rc))
            .collect();
        Value::from_serialize(GlanceView {
            report: ReportRef::of(ch.report),
            previous: ReportRef::of(ch.previous),
            changed: count(history::Reported::Changed),
            added: count(history::Reported::Added),
            dropped: count(history::Reported::Dropped),
            judged: judged.len(),
            shown,
        })
    }
}

#[derive(serde::Serialize)]
struct GlanceView<'a> {
    report: ReportRef<'a>,
    previous: ReportRef<'a>,
    changed: usize,
    added: usize,
    dropped: usize,
    /// Resolutions whose status or funding status changed; the first few are `shown`.
    judged: usize,
    shown: Vec<ResolutionChangeView<'a>>,
}

impl<'a> Ctx<'a> {
    /// The funding page's totals. Validation has refused a site whose sums overflow, so the
    /// error case shows no totals rather than a wrong one.
    pub(super) fn figure_totals(&self) -> history::FigureTotals<'a> {
        history::figure_totals(self.site).unwrap_or(history::FigureTotals {
            with_figures: 0,
            resolutions: self.site.resolutions.len(),
            currencies: vec![],
        })
    }
}

/// Report `r`'s update on resolution `id`; its updates are in resolution order.
fn update_of(r: &Report, id: ResolutionId) -> Option<&Update> {
    r.updates
        .binary_search_by_key(&id, |u| u.resolution)
        .ok()
        .map(|i| &r.updates[i])
}
