//! Browsing the resolutions: the facets of the list (session, shortfall, status, funding, topic) with
//! the values the data carries, the rows each pre-rendered list keeps, the filter panel of each list
//! (every link keeping the page's other choices, with the count it gives), and the funding rows
//! ordered by need. Knows summaries, not templates; which lists exist and where they live is `routes`'.

use super::views::ResSummary;
use crate::model::shortfall;
use crate::model::*;
use crate::routes::{self, Facet, Filter, Page};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Whether row `r` has facet `f`.
fn has(r: &ResSummary, f: Facet) -> bool {
    match f {
        Facet::Session(n) => r.session == n,
        Facet::Status(k) => r.status == Some(k),
        Facet::Funding(k) => r.funding == Some(k),
        Facet::Shortfall(k) => r.shortfall == k,
    }
}

fn keeps(filter: &Filter, r: &ResSummary) -> bool {
    filter.facets().all(|f| has(r, f))
}

/// The facets each row has, in group order.
fn facets_of(r: &ResSummary) -> Vec<Facet<'static>> {
    let mut out = vec![Facet::Session(r.session), Facet::Shortfall(r.shortfall)];
    out.extend(r.status.map(Facet::Status));
    out.extend(r.funding.map(Facet::Funding));
    out
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
    let mut by_session: BTreeMap<u16, (usize, u16)> = BTreeMap::new();
    for r in list {
        by_session.entry(r.session).or_insert((0, r.year)).0 += 1;
    }
    let sessions: Vec<Value> = by_session
        .into_iter()
        .map(|(n, (count, year))| Value {
            key: n.to_string(),
            count,
            year: Some(year),
        })
        .collect();
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

/// What every filter panel reads, made once per build: the facet values of the whole list and how
/// many resolutions have each combination of facets (with at most one topic) that a chip can lead
/// to. Counting per chip by scanning every row made the panels cost pages × chips × resolutions.
pub struct Index<'a> {
    pub facets: Facets<'a>,
    counts: HashMap<(Vec<Facet<'static>>, Option<&'a str>), usize>,
}

impl<'a> Index<'a> {
    pub fn new(site: &'a Site, rows: &[ResSummary<'a>]) -> Index<'a> {
        let mut counts: HashMap<(Vec<Facet<'static>>, Option<&'a str>), usize> = HashMap::new();
        for r in rows {
            let fs = facets_of(r);
            // Every subset of the row's facets (at most four, so sixteen), kept in group order.
            for mask in 0u32..(1 << fs.len()) {
                let subset: Vec<Facet<'static>> = fs
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, f)| *f)
                    .collect();
                for t in r.topics {
                    *counts.entry((subset.clone(), Some(t.as_str()))).or_default() += 1;
                }
                *counts.entry((subset, None)).or_default() += 1;
            }
        }
        Index {
            facets: facets(site, rows),
            counts,
        }
    }

    /// How many resolutions have every one of `with` (any order), and `topic` when given.
    pub fn count(&self, with: &[Facet], topic: Option<&str>) -> usize {
        let mut key: Vec<Facet> = with.to_vec();
        key.sort();
        key.dedup();
        // Two values of one group: no resolution has both.
        if key.windows(2).any(|w| w[0].group() == w[1].group()) {
            return 0;
        }
        let counts: &HashMap<(Vec<Facet>, Option<&str>), usize> = &self.counts;
        counts.get(&(key, topic)).copied().unwrap_or(0)
    }
}

/// The list as the filter shows it: kept rows, by number or by latest change (newest first, then
/// by number: a stable order, so that builds are identical).
pub fn apply<'r, 's>(filter: &Filter, list: &'r [ResSummary<'s>]) -> Vec<&'r ResSummary<'s>> {
    let mut kept: Vec<&ResSummary> = list.iter().filter(|r| keeps(filter, r)).collect();
    kept.sort_by_key(|r| (r.session, r.number));
    if filter.latest() {
        kept.sort_by_key(|r| std::cmp::Reverse(r.changed));
    }
    kept
}

/// One choice of the filter panel: where it leads from this page and how many resolutions it gives.
#[derive(Serialize)]
pub struct Chip<'a> {
    /// The value (empty for "all" of a group; `number`/`latest` for the sort).
    pub value: String,
    /// A session's year, for its label.
    pub year: Option<u16>,
    /// A topic's label.
    pub label: Option<&'a Text>,
    /// Resolutions the page would list after this choice (none for "all" and the sort).
    pub count: Option<usize>,
    /// The pre-rendered page of the choice (a path under the language): the link without JavaScript.
    pub path: Option<String>,
    /// Else the choice as a query on the whole list (`status=…&session=2`), which the script applies.
    pub query: Option<String>,
    /// The page is this choice.
    pub current: bool,
}

/// One group of the panel. `js_only`: no page lists this page's facets and one of this group (a
/// third group, or a topic on a filtered list); its choices then need the script.
#[derive(Serialize)]
pub struct Group<'a> {
    pub name: &'static str,
    pub all: Chip<'a>,
    pub chips: Vec<Chip<'a>>,
    pub js_only: bool,
}

/// A facet of the page, for its heading and the panel's summary.
#[derive(Serialize)]
pub struct Active {
    pub group: &'static str,
    pub value: String,
    pub year: Option<u16>,
}

/// The filter panel of one list page. Every link keeps the page's other choices: a chip of another
/// group leads to the list of both (pre-rendered), the sort keeps the facets, "all" drops one group.
#[derive(Serialize)]
pub struct Panel<'a> {
    /// Session, shortfall, status, funding: those with values in the data.
    pub groups: Vec<Group<'a>>,
    pub topic: Group<'a>,
    pub sort: Vec<Chip<'a>>,
    pub active: Vec<Active>,
    /// The page's facets as a query (`status=…&funding=…`), where the script starts.
    pub own: String,
    /// Clear every filter, keep the order.
    pub clear: String,
}

fn query(facets: impl Iterator<Item = (&'static str, String)>, latest: bool) -> String {
    let mut q: Vec<String> = facets.map(|(g, v)| format!("{g}={v}")).collect();
    if latest {
        q.push("sort=latest".into());
    }
    q.join("&")
}

fn path(f: Filter) -> String {
    Page::List(f).path()
}

/// The panel of the list of `filter`, from the build's `index` of every row.
pub fn panel<'a>(index: &'a Index<'a>, filter: Filter) -> Panel<'a> {
    let facets = &index.facets;
    let count = |f: &[Facet]| index.count(f, None);
    let own: Vec<Facet> = filter.facets().collect();
    let year_of = |n: &str| {
        facets
            .session
            .iter()
            .find(|v| v.key == n)
            .and_then(|v| v.year)
    };
    let own_query = |extra: Option<(&'static str, String)>| {
        query(
            own.iter().map(|f| (f.group(), f.value())).chain(extra),
            filter.latest(),
        )
    };
    let values: [(&'static str, &Vec<Value>); 4] = [
        ("session", &facets.session),
        ("shortfall", &facets.shortfall),
        ("status", &facets.status),
        ("funding", &facets.funding),
    ];
    let mut groups = Vec::new();
    for (name, vals) in values {
        if vals.is_empty() {
            continue;
        }
        let js_only = filter.get(name).is_none() && own.len() >= 2;
        let chips = vals
            .iter()
            .filter_map(|v| {
                let facet = Facet::parse(name, &v.key)?;
                let current = filter.get(name) == Some(facet);
                Some(if js_only {
                    Chip {
                        value: v.key.clone(),
                        year: v.year,
                        label: None,
                        count: Some(count(
                            &own.iter().copied().chain([facet]).collect::<Vec<_>>(),
                        )),
                        path: None,
                        query: Some(own_query(Some((name, v.key.clone())))),
                        current,
                    }
                } else {
                    let target = filter.with(facet)?;
                    let n = count(&target.facets().collect::<Vec<_>>());
                    Chip {
                        value: v.key.clone(),
                        year: v.year,
                        label: None,
                        count: Some(n),
                        path: routes::is_rendered(&target, n).then(|| path(target)),
                        query: None,
                        current,
                    }
                })
            })
            .collect();
        groups.push(Group {
            name,
            all: Chip {
                value: String::new(),
                year: None,
                label: None,
                count: None,
                path: Some(path(filter.without(name))),
                query: None,
                current: filter.get(name).is_none(),
            },
            chips,
            js_only,
        });
    }
    // Topics: their own pages from the whole list; combined with a filter, by the script.
    let topic_js = !own.is_empty();
    let topic = Group {
        name: "topic",
        all: Chip {
            value: String::new(),
            year: None,
            label: None,
            count: None,
            path: Some(if topic_js {
                path(filter)
            } else {
                Page::Topics.path()
            }),
            query: None,
            current: true,
        },
        chips: facets
            .topic
            .iter()
            .filter(|t| t.count > 0)
            .map(|t| Chip {
                value: t.id.to_string(),
                year: None,
                label: Some(t.label),
                count: Some(if topic_js {
                    index.count(&own, Some(t.id))
                } else {
                    t.count
                }),
                path: (!topic_js).then(|| Page::Topic(t.id).path()),
                query: topic_js.then(|| own_query(Some(("topic", t.id.to_string())))),
                current: false,
            })
            .collect(),
        js_only: topic_js,
    };
    let sort = [false, true]
        .into_iter()
        .map(|latest| Chip {
            value: if latest { "latest" } else { "number" }.into(),
            year: None,
            label: None,
            count: None,
            path: Some(path(filter.sorted(latest))),
            query: None,
            current: filter.latest() == latest,
        })
        .collect();
    Panel {
        groups,
        topic,
        sort,
        active: own
            .iter()
            .map(|f| Active {
                group: f.group(),
                value: f.value(),
                year: match f {
                    Facet::Session(n) => year_of(&n.to_string()),
                    _ => None,
                },
            })
            .collect(),
        own: query(own.iter().map(|f| (f.group(), f.value())), false),
        clear: path(if filter.latest() {
            Filter::LATEST
        } else {
            Filter::ALL
        }),
    }
}

/// How much a funding entry says is lacking: requests not met, then their consequences.
pub fn need(u: &Update) -> (usize, usize) {
    (u.funding.lacking.len(), u.funding.consequences.len())
}
