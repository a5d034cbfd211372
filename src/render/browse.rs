//! Browsing the resolutions: the facets of the list (session, status, funding, topic) with the values
//! the data carries, the pre-rendered filtered and sorted lists that make them work without JavaScript,
//! and the funding rows ordered by need. Knows summaries, not templates; which lists exist and where
//! they live is `routes`'.

use super::views::ResSummary;
use crate::model::shortfall;
use crate::model::*;
use crate::routes::Filter;
use serde::Serialize;

/// (facet, value) as the list's links and script name them; `None` for the unfiltered lists.
pub fn facet(filter: Filter) -> Option<(&'static str, String)> {
    match filter {
        Filter::All | Filter::Latest => None,
        Filter::Session(n) => Some(("session", n.to_string())),
        Filter::Status(k) => Some(("status", k.into())),
        Filter::Funding(k) => Some(("funding", k.into())),
        Filter::Shortfall(k) => Some(("shortfall", k.into())),
    }
}

fn keeps(filter: Filter, r: &ResSummary) -> bool {
    match filter {
        Filter::All | Filter::Latest => true,
        Filter::Session(n) => r.session == n,
        Filter::Status(k) => r.status == Some(k),
        Filter::Funding(k) => r.funding == Some(k),
        Filter::Shortfall(k) => r.shortfall == k,
    }
}

#[derive(Serialize)]
pub struct Value {
    pub key: String,
    pub count: usize,
    /// Session year, for a session's label.
    pub year: Option<u16>,
}

#[derive(Serialize)]
pub struct TopicCount<'a> {
    pub id: &'a str,
    pub label: &'a Text,
    pub count: usize,
}

/// The values each facet takes in the data, in vocabulary order, with how many resolutions have each.
#[derive(Serialize)]
pub struct Facets<'a> {
    pub session: Vec<Value>,
    pub status: Vec<Value>,
    pub funding: Vec<Value>,
    pub shortfall: Vec<Value>,
    pub topic: Vec<TopicCount<'a>>,
}

/// Facet values present in `list`. Status and funding values come from the data (ordered as their
/// vocabularies list them), never from a fixed list in a template.
pub fn facets<'a>(site: &'a Site, list: &[ResSummary]) -> Facets<'a> {
    let count_of = |keys: &mut dyn Iterator<Item = &'static str>,
                    field: fn(&ResSummary) -> Option<&'static str>| {
        keys.map(|k| Value {
            key: k.into(),
            count: list.iter().filter(|r| field(r) == Some(k)).count(),
            year: None,
        })
        .filter(|v| v.count > 0)
        .collect::<Vec<_>>()
    };
    let mut sessions: Vec<Value> = Vec::new();
    for r in list {
        match sessions.iter_mut().find(|v| v.key == r.session.to_string()) {
            Some(v) => v.count += 1,
            None => sessions.push(Value {
                key: r.session.to_string(),
                count: 1,
                year: Some(r.year),
            }),
        }
    }
    sessions.sort_by_key(|v| v.key.parse::<u16>().unwrap_or(0));
    Facets {
        session: sessions,
        status: count_of(&mut Status::ALL.iter().map(|s| s.key()), |r| r.status),
        funding: count_of(&mut FundingStatus::ALL.iter().map(|s| s.key()), |r| {
            r.funding
        }),
        shortfall: [shortfall::NAMED, shortfall::NONE]
            .into_iter()
            .map(|k| Value {
                key: k.into(),
                count: list.iter().filter(|r| r.shortfall == k).count(),
                year: None,
            })
            .filter(|v| v.count > 0)
            .collect(),
        topic: site
            .topics
            .iter()
            .map(|t| TopicCount {
                id: &t.id,
                label: &t.label,
                count: list.iter().filter(|r| r.topics.contains(&t.id)).count(),
            })
            .collect(),
    }
}

/// The list as the filter shows it: kept rows, by number or by latest change (newest first, then
/// by number: a stable order, so that builds are identical).
pub fn apply<'s>(filter: Filter, list: Vec<ResSummary<'s>>) -> Vec<ResSummary<'s>> {
    let mut kept: Vec<ResSummary> = list.into_iter().filter(|r| keeps(filter, r)).collect();
    kept.sort_by_key(|r| (r.session, r.number));
    if filter == Filter::Latest {
        kept.sort_by_key(|r| std::cmp::Reverse(r.changed));
    }
    kept
}

/// How much a funding entry says is lacking: requests not met, then their consequences.
pub fn need(u: &Update) -> (usize, usize) {
    (u.funding.lacking.len(), u.funding.consequences.len())
}
