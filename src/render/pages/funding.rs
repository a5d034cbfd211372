//! `/{lang}/funding/` and `/{lang}/funding/need/`: what each resolution's latest report says about
//! its funding, by session or most lacking first, with counts per label and the figures' totals.

use super::super::{
    browse,
    views::{FundingRow, LabelCount},
};
use super::{Ctx, Own};
use crate::model::FundingStatus;
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
        // One table, most lacking first (requests unmet, then consequences), then by number: a
        // delegate looks for the gaps before anything else.
        let mut rows = latest;
        rows.sort_by_key(|row| std::cmp::Reverse(browse::need(row.2)));
        let rows: Vec<Value> = rows.into_iter().map(row).collect();
        vec![context! { rows }]
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
            ("totals", Value::from_serialize(ctx.figure_totals())),
        ],
    )
}
