//! `/{lang}/funding/` and `/{lang}/funding/need/`: what each resolution's latest report says about
//! its funding, by session or most lacking first, with counts per label and the figures' totals.

use super::super::{
    browse,
    views::{EvidenceView, FundingRow, LabelCount, ReportRef},
};
use super::{Ctx, Own};
use crate::model::tracker::{self, Entry, Tracker};
use crate::model::{shortfall, FundingStatus};
use minijinja::{context, Value};
use std::collections::BTreeMap;

pub(super) fn build(ctx: &Ctx, by_need: bool) -> Own {
    let site = ctx.site;
    let latest: Vec<_> = site
        .resolutions
        .iter()
        .filter_map(|r| site.updates_of(r.id).last().map(|(rep, u)| (r, rep, u)))
        .collect();
    let mut counts: BTreeMap<FundingStatus, usize> = BTreeMap::new();
    for (_, _, u) in &latest {
        *counts.entry(u.funding.status).or_default() += 1;
    }
    let counts: Vec<LabelCount> = FundingStatus::ALL
        .iter()
        .map(|s| LabelCount {
            key: s.key(),
            count: counts.get(s).copied().unwrap_or(0),
        })
        .collect();
    let row =
        |(r, rep, u)| context! { res => ctx.summary(r), update => FundingRow::of(site, rep, u) };
    let sessions: Vec<Value> = if by_need {
        // Two tables: the resolutions whose report names a shortfall, then the others, each most
        // lacking first (requests unmet, then consequences), then by number: a delegate looks for
        // the gaps before anything else, and sees where they end.
        let mut rows = latest;
        rows.sort_by_key(|row| std::cmp::Reverse(browse::need(row.2)));
        let (named, none): (Vec<_>, Vec<_>) =
            rows.into_iter().partition(|row| shortfall::named(row.2));
        [(shortfall::NAMED, named), (shortfall::NONE, none)]
            .into_iter()
            .filter(|(_, rows)| !rows.is_empty())
            .map(|(group, rows)| {
                let rows: Vec<Value> = rows.into_iter().map(row).collect();
                context! { group, rows }
            })
            .collect()
    } else {
        // Rows grouped by session here, so the template never scans all rows per session.
        let mut sessions: BTreeMap<u16, Vec<Value>> = BTreeMap::new();
        for x in latest {
            sessions.entry(x.0.id.session).or_default().push(row(x));
        }
        sessions
            .into_iter()
            .map(|(number, rows)| context! { number, rows })
            .collect()
    };
    (
        "funding.html",
        vec![
            ("counts", Value::from_serialize(&counts)),
            ("sessions", Value::from(sessions)),
            ("by_need", Value::from(by_need)),
            ("shortfall", headline(ctx)),
            ("trackers", latest_readings(ctx)),
            ("totals", Value::from_serialize(ctx.figure_totals())),
        ],
    )
}

/// The answer to "which resolutions are held back by funding?" as the home and funding pages open
/// with it: how many resolutions the latest report on each names a shortfall for (derived, so true
/// of any site), and the latest report's own finding on funding with its paragraph, where it has one.
pub(super) fn headline(ctx: &Ctx) -> Value {
    let summaries = ctx.summaries();
    let count = summaries
        .iter()
        .filter(|r| r.shortfall == shortfall::NAMED)
        .count();
    let finding = ctx.site.reports.last().and_then(|rep| {
        let e = rep.funding_finding.as_ref()?;
        Some(context! { report => ReportRef::of(rep), evidence => EvidenceView::of(e) })
    });
    context! { count, total => summaries.len(), finding }
}

/// The latest reading of each tracker (one per source), its totals as the source states them and a
/// row per resolution it names.
fn latest_readings(ctx: &Ctx) -> Value {
    static NO_TOTALS: tracker::Reading = tracker::Reading {
        status: None,
        requirement: None,
        mobilized: None,
        gap: None,
        gap_percent: None,
    };
    let site = ctx.site;
    let mut latest: Vec<&Tracker> = Vec::new();
    // Readings are oldest first: a later one of the same source replaces the earlier.
    for t in &site.trackers {
        match latest.iter_mut().find(|l| l.source.url == t.source.url) {
            Some(l) => *l = t,
            None => latest.push(t),
        }
    }
    let readings: Vec<Value> = latest
        .into_iter()
        .map(|t| {
            let history_of = |id| tracker::history(&site.trackers, id).pop();
            let rows: Vec<Value> = t
                .resolutions
                .keys()
                .filter_map(|id| {
                    let r = site.resolution(*id)?;
                    // The entry as the resolution's history has it, so revisions show here too.
                    let entry = history_of(*id).filter(|e| e.slug == t.slug)?;
                    Some(context! { res => ctx.summary(r), entry => Value::from_serialize(&entry) })
                })
                .collect();
            context! {
                reading => Value::from_serialize(Entry::of(t, t.totals.as_ref().unwrap_or(&NO_TOTALS))),
                has_totals => t.totals.is_some(),
                rows,
            }
        })
        .collect();
    Value::from(readings)
}
