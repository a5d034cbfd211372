//! `/{lang}/`: every resolution by session with its latest news, counts per label, and what changed
//! in the latest report at a glance.

use super::super::views::{LabelCount, ResSummary};
use super::{Ctx, Own};
use crate::model::{FundingStatus, Status};
use minijinja::{context, Value};
use std::collections::BTreeMap;

pub(super) fn build(ctx: &Ctx) -> Own {
    let summaries = ctx.summaries();
    let mut sessions: BTreeMap<u16, (u16, Vec<&ResSummary>)> = BTreeMap::new();
    for s in summaries {
        sessions
            .entry(s.session)
            .or_insert((s.year, vec![]))
            .1
            .push(s);
    }
    let sessions: Vec<Value> = sessions
        .into_iter()
        .map(|(n, (year, list))| context! { number => n, year => year, resolutions => list })
        .collect();
    let count = |key: &'static str, field: fn(&ResSummary) -> Option<&'static str>| LabelCount {
        key,
        count: summaries.iter().filter(|r| field(r) == Some(key)).count(),
    };
    // Status labels no resolution has are left out; every funding label is shown, with its zero.
    let status_counts: Vec<LabelCount> = Status::keys()
        .into_iter()
        .map(|k| count(k, |r| r.status))
        .filter(|c| c.count > 0)
        .collect();
    let funding_counts: Vec<LabelCount> = FundingStatus::keys()
        .into_iter()
        .map(|k| count(k, |r| r.funding))
        .collect();
    (
        "home.html",
        vec![
            ("sessions", Value::from(sessions)),
            ("status_counts", Value::from_serialize(&status_counts)),
            ("funding_counts", Value::from_serialize(&funding_counts)),
            ("total", Value::from(summaries.len())),
            ("latest_changes", ctx.glance()),
            ("shortfall", super::funding::headline(ctx)),
        ],
    )
}
