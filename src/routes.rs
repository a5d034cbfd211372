//! Routes: where everything lives. The one home for the base URL and its path prefix, every page's
//! address (per kind, per language), every paragraph anchor, and the list of the site's pages. Rust
//! code, templates (the `route` and `anchor` functions), the sitemap, the Markdown link check and
//! search all ask here; nothing else formats a site path or an anchor. Knows ids, not templates.

use crate::model::{ResolutionId, Site};

/// Base URL split into the absolute form (canonical links, feeds, sitemap) and the path prefix
/// (every link inside pages, so the site works under a sub-path on any host).
#[derive(Clone, Debug)]
pub struct Base {
    pub url: String,
    pub path: String,
    /// False when no host is configured: `url` is then only the path, and what needs an absolute
    /// URL (canonical links, sitemap, feeds) is left out rather than published with a made-up host.
    pub absolute: bool,
}

impl Base {
    pub fn new(url: &str) -> Base {
        let mut url = url.to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        let path = match url.find("://") {
            Some(i) => match url[i + 3..].find('/') {
                Some(j) => url[i + 3 + j..].to_string(),
                None => "/".into(),
            },
            None => url.clone(),
        };
        let absolute = url.contains("://");
        Base {
            url,
            path,
            absolute,
        }
    }

    /// A page in a language, as linked from another page: `/prefix/{lang}/resolutions/2-7/`.
    pub fn link(&self, lang: &str, page: &Page) -> String {
        let mut s = self.path.clone();
        page.push_in(lang, &mut s);
        s
    }

    /// A page in a language as an absolute URL when a host is configured (else as `link`).
    pub fn url(&self, lang: &str, page: &Page) -> String {
        let mut s = self.url.clone();
        page.push_in(lang, &mut s);
        s
    }

    /// A page given by its path under the language (`Page::path`, the `page_path` of templates).
    pub fn path_in(&self, lang: &str, page_path: &str, absolute: bool) -> String {
        let root = if absolute { &self.url } else { &self.path };
        format!("{root}{lang}{page_path}")
    }

    /// A file that is no page (`static/style.css`, `search/`, `sitemap.xml`), as linked from a page.
    pub fn file_link(&self, file: &str) -> String {
        format!("{}{file}", self.path)
    }

    /// The same file as an absolute URL when a host is configured.
    pub fn file_url(&self, file: &str) -> String {
        format!("{}{file}", self.url)
    }
}

/// One value of one facet of the list. The variants are in the filter panel's group order (session,
/// shortfall, status, funding), which is also the order of a combined list's address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet<'a> {
    Session(u16),
    /// Whether the latest report names a funding shortfall (`named`, `none`).
    Shortfall(&'a str),
    Status(&'a str),
    Funding(&'a str),
}

impl<'a> Facet<'a> {
    /// The groups, as addresses, query parameters and the panel name them, in the panel's order.
    pub const GROUPS: [&'static str; 4] = ["session", "shortfall", "status", "funding"];

    pub fn group(&self) -> &'static str {
        match self {
            Facet::Session(_) => "session",
            Facet::Shortfall(_) => "shortfall",
            Facet::Status(_) => "status",
            Facet::Funding(_) => "funding",
        }
    }

    /// The value as an address and a query parameter spell it.
    pub fn value(&self) -> String {
        match self {
            Facet::Session(n) => n.to_string(),
            Facet::Shortfall(k) | Facet::Status(k) | Facet::Funding(k) => (*k).to_string(),
        }
    }

    /// A facet from its group and value, as an address names them; `None` for anything else.
    pub fn parse(group: &str, value: &'a str) -> Option<Facet<'a>> {
        if value.is_empty() {
            return None;
        }
        Some(match group {
            "session" => Facet::Session(value.parse().ok()?),
            "shortfall" => Facet::Shortfall(value),
            "status" => Facet::Status(value),
            "funding" => Facet::Funding(value),
            _ => return None,
        })
    }

    /// The facets a resolution has: its session and shortfall answer always, status and funding
    /// when a report covers it.
    pub fn of(site: &Site, r: &crate::model::Resolution) -> Vec<Facet<'static>> {
        use crate::model::{history, shortfall};
        let latest = site.updates_of(r.id).last().map(|(_, u)| u);
        let mut out = vec![
            Facet::Session(r.id.session),
            Facet::Shortfall(shortfall::key(latest)),
        ];
        if let Some(u) = latest {
            out.push(Facet::Status(history::status_id(u)));
            out.push(Facet::Funding(history::funding_id(u)));
        }
        out
    }
}

/// One pre-rendered list of resolutions: all of them or those with one value of one facet, or with
/// one value of each of two groups; sorted by number or by latest change. At most two facets, of
/// different groups, kept in group order: one list has one address. Topics have pages of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Filter<'a> {
    facets: [Option<Facet<'a>>; 2],
    latest: bool,
}

impl<'a> Filter<'a> {
    /// The whole list, by number: `/resolutions/`.
    pub const ALL: Filter<'static> = Filter {
        facets: [None, None],
        latest: false,
    };
    /// The whole list, by latest change: `/resolutions/latest/`.
    pub const LATEST: Filter<'static> = Filter {
        facets: [None, None],
        latest: true,
    };

    /// The list of one facet value, by number.
    pub fn one(f: Facet<'a>) -> Filter<'a> {
        Filter {
            facets: [Some(f), None],
            latest: false,
        }
    }

    /// The list of these facets (any order), or `None` when they are more than two or two share a
    /// group (no list has that address).
    pub fn new(facets: &[Facet<'a>], latest: bool) -> Option<Filter<'a>> {
        let mut v = facets.to_vec();
        v.sort();
        match v.as_slice() {
            [] => Some(Filter {
                facets: [None, None],
                latest,
            }),
            [a] => Some(Filter {
                facets: [Some(*a), None],
                latest,
            }),
            [a, b] if a.group() != b.group() => Some(Filter {
                facets: [Some(*a), Some(*b)],
                latest,
            }),
            _ => None,
        }
    }

    /// Its facets, in group order.
    pub fn facets(&self) -> impl Iterator<Item = Facet<'a>> + '_ {
        self.facets.iter().flatten().copied()
    }

    /// The value of `group` in this list, if it is filtered by it.
    pub fn get(&self, group: &str) -> Option<Facet<'a>> {
        self.facets().find(|f| f.group() == group)
    }

    /// Sorted by latest change (newest first), else by number.
    pub fn latest(&self) -> bool {
        self.latest
    }

    /// The same facets in the other order.
    pub fn sorted(self, latest: bool) -> Filter<'a> {
        Filter { latest, ..self }
    }

    /// The list with `f` chosen in its group (replacing that group's value), or `None` when that
    /// makes three facets.
    pub fn with(self, f: Facet<'a>) -> Option<Filter<'a>> {
        let mut v: Vec<Facet> = self.facets().filter(|g| g.group() != f.group()).collect();
        v.push(f);
        Filter::new(&v, self.latest)
    }

    /// The list without a value for `group`.
    pub fn without(self, group: &str) -> Filter<'a> {
        let v: Vec<Facet> = self.facets().filter(|g| g.group() != group).collect();
        // At most the facets it had: never more than two.
        Filter::new(&v, self.latest).unwrap_or(Filter::ALL)
    }
}

/// A page of the site, in no language yet. Each kind has one builder under `render/pages/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page<'a> {
    Home,
    /// The list of resolutions, whole or filtered.
    List(Filter<'a>),
    Topics,
    Topic(&'a str),
    Reports,
    /// A report, by slug.
    Report(&'a str),
    /// What changed in a report (by slug) since the one before.
    Changes(&'a str),
    Resolution(ResolutionId),
    /// Funding of every resolution, by session.
    Funding,
    /// The same, most lacking first.
    FundingByNeed,
    /// A funding mechanism, by slug.
    Mechanism(&'a str),
    Search,
    About,
}

impl Page<'_> {
    /// The page's path under the language, e.g. `/resolutions/2-7/` (always starts and ends with `/`).
    pub fn path(&self) -> String {
        let mut s = String::with_capacity(32);
        self.push_path(&mut s);
        s
    }

    /// `{lang}{path}` appended to `out`.
    fn push_in(&self, lang: &str, out: &mut String) {
        out.push_str(lang);
        self.push_path(out);
    }

    fn push_path(&self, out: &mut String) {
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = match self {
            Page::Home => write!(out, "/"),
            // `/resolutions/`, then each facet as `{group}/{value}/`, then `latest/` when so sorted:
            // `/resolutions/status/held-back-by-funding/funding/shortfall-stated/latest/`.
            Page::List(filter) => {
                out.push_str("/resolutions/");
                for f in filter.facets() {
                    let _ = write!(out, "{}/{}/", f.group(), f.value());
                }
                if filter.latest() {
                    out.push_str("latest/");
                }
                Ok(())
            }
            Page::Topics => write!(out, "/topics/"),
            Page::Topic(id) => write!(out, "/topics/{id}/"),
            Page::Reports => write!(out, "/reports/"),
            Page::Report(slug) => write!(out, "/reports/{slug}/"),
            Page::Changes(slug) => write!(out, "/reports/{slug}/changes/"),
            Page::Resolution(id) => write!(out, "/resolutions/{}-{}/", id.session, id.number),
            Page::Funding => write!(out, "/funding/"),
            Page::FundingByNeed => write!(out, "/funding/need/"),
            Page::Mechanism(slug) => write!(out, "/funding/{slug}/"),
            Page::Search => write!(out, "/search/"),
            Page::About => write!(out, "/about/"),
        };
    }

    /// The page's kind as templates name it (`route(kind, …)`, `page_kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Page::Home => "home",
            Page::List(f) if *f == Filter::ALL => "resolutions",
            Page::List(f) if *f == Filter::LATEST => "latest",
            Page::List(_) => "filter",
            Page::Topics => "topics",
            Page::Topic(_) => "topic",
            Page::Reports => "reports",
            Page::Report(_) => "report",
            Page::Changes(_) => "changes",
            Page::Resolution(_) => "resolution",
            Page::Funding => "funding",
            Page::FundingByNeed => "funding-need",
            Page::Mechanism(_) => "mechanism",
            Page::Search => "search",
            Page::About => "about",
        }
    }

    /// The page's address relative to the site root, `en/resolutions/2-7/` (the search index's
    /// form: the client puts the root in front).
    pub fn under_root(&self, lang: &str) -> String {
        let mut s = String::with_capacity(32);
        self.push_in(lang, &mut s);
        s
    }

    /// The file the page is written to, relative to the output folder.
    pub fn file(&self, lang: &str) -> String {
        let mut s = String::with_capacity(48);
        self.push_in(lang, &mut s);
        s.push_str("index.html");
        s
    }

    /// The page a template names by kind and keys (`route('report', slug)`), or `None` when the kind
    /// is unknown or a key is missing or malformed.
    pub fn named<'k>(kind: &str, keys: &[&'k str]) -> Option<Page<'k>> {
        let key = |i: usize| keys.get(i).copied().filter(|k| !k.is_empty());
        Some(match kind {
            "home" => Page::Home,
            "resolutions" => Page::List(Filter::ALL),
            "latest" => Page::List(Filter::LATEST),
            "session" => Page::List(Filter::one(Facet::Session(key(0)?.parse().ok()?))),
            // Facets of the list by name, as the list's filters name them: `('filter', 'status',
            // key)`, or two groups (`'status', a, 'funding', b`), optionally then `'latest'`.
            "filter" => {
                let latest = keys.last() == Some(&"latest");
                let pairs = &keys[..keys.len() - usize::from(latest)];
                if pairs.is_empty() || !pairs.len().is_multiple_of(2) {
                    return None;
                }
                let facets = pairs
                    .chunks(2)
                    .map(|p| Facet::parse(p[0], p[1]))
                    .collect::<Option<Vec<_>>>()?;
                Page::List(Filter::new(&facets, latest)?)
            }
            "topics" => Page::Topics,
            "topic" => Page::Topic(key(0)?),
            "reports" => Page::Reports,
            "report" => Page::Report(key(0)?),
            "changes" => Page::Changes(key(0)?),
            "resolution" => {
                Page::Resolution(ResolutionId::parse(&key(0)?.replacen('-', "/", 1)).ok()?)
            }
            "funding" => Page::Funding,
            "funding-need" => Page::FundingByNeed,
            "mechanism" => Page::Mechanism(key(0)?),
            "search" => Page::Search,
            "about" => Page::About,
            _ => return None,
        })
    }
}

/// The root files that are no page of a language.
pub mod files {
    /// The entry page, which sends a reader to a language.
    pub const ENTRY: &str = "index.html";
    pub const NOT_FOUND: &str = "404.html";
    pub const SITEMAP: &str = "sitemap.xml";
    pub const ROBOTS: &str = "robots.txt";

    /// The Atom feed of one language.
    pub fn feed(lang: &str) -> String {
        format!("{lang}/feed.xml")
    }
}

/// Every page of the site in one language, in the sitemap's order. Rendering, the sitemap and the
/// link check all take this list, so no page can be in one and missing from another.
pub fn pages(site: &Site) -> Vec<Page<'_>> {
    let mut out = vec![
        Page::Home,
        Page::List(Filter::ALL),
        Page::Funding,
        Page::Search,
        Page::About,
    ];
    out.extend(site.resolutions.iter().map(|r| Page::Resolution(r.id)));
    out.push(Page::Reports);
    out.extend(site.reports.iter().map(|r| Page::Report(&r.slug)));
    // The first report has nothing before it to change from.
    out.extend(site.reports.iter().skip(1).map(|r| Page::Changes(&r.slug)));
    out.extend(site.mechanisms.iter().map(|m| Page::Mechanism(&m.slug)));
    out.extend(filters(site).into_iter().map(Page::List));
    out.push(Page::Topics);
    out.extend(site.topics.iter().map(|t| Page::Topic(&t.id)));
    out.push(Page::FundingByNeed);
    out
}

/// Every filtered or sorted list besides the whole one: by latest change; each session with a
/// resolution and every value of both vocabularies, present or not (a filter's address, once cited,
/// must keep answering after the last resolution with that value has moved on), each in both orders;
/// then every two values of two groups that some resolution has together, in both orders. Those
/// pairs are bounded by the vocabularies, not by the number of resolutions (their lists share out
/// each resolution once per pair of groups); a pair no resolution has is offered as a count of 0,
/// not as a link.
pub fn filters(site: &Site) -> Vec<Filter<'static>> {
    use crate::model::{shortfall, FundingStatus, Status};
    let mut sessions: Vec<u16> = site.resolutions.iter().map(|r| r.id.session).collect();
    sessions.sort_unstable();
    sessions.dedup();
    let mut singles: Vec<Facet<'static>> = sessions.into_iter().map(Facet::Session).collect();
    singles.extend(Status::ALL.iter().map(|s| Facet::Status(s.key())));
    singles.extend(FundingStatus::ALL.iter().map(|s| Facet::Funding(s.key())));
    singles.extend([shortfall::NAMED, shortfall::NONE].map(Facet::Shortfall));
    let mut out = vec![Filter::LATEST];
    out.extend(singles.iter().map(|f| Filter::one(*f)));
    out.extend(singles.iter().map(|f| Filter::one(*f).sorted(true)));
    let pairs: std::collections::BTreeSet<(Facet, Facet)> = site
        .resolutions
        .iter()
        .flat_map(|r| {
            let fs = Facet::of(site, r);
            let mut p = Vec::new();
            for (i, a) in fs.iter().enumerate() {
                for b in &fs[i + 1..] {
                    p.push((*a.min(b), *a.max(b)));
                }
            }
            p
        })
        .collect();
    for latest in [false, true] {
        out.extend(
            pairs
                .iter()
                .filter_map(|(a, b)| Filter::new(&[*a, *b], latest)),
        );
    }
    out
}

/// Whether the list of `filter` is a page of the site (`filters`): every list of at most one facet,
/// and a list of two when a resolution has both (`together`: how many resolutions have them all).
pub fn is_rendered(filter: &Filter, together: usize) -> bool {
    filter.facets().count() < 2 || together > 0
}

/// The anchor of paragraph `n` on the page that shows it: `para-N`.
pub fn anchor(n: u32) -> String {
    format!("para-{n}")
}

/// The anchor of paragraph `n` of a report's update on a resolution page. A resolution page shows
/// every report on the resolution; when an earlier report already used the number, this one's is
/// qualified by the report (`{slug}-para-N`), so that the earlier report's `#para-N`, once cited,
/// keeps pointing at the earlier report's words.
pub fn anchor_on_resolution(report_slug: &str, n: u32, reused: bool) -> String {
    if reused {
        format!("{report_slug}-para-{n}")
    } else {
        anchor(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_keeps_the_path_prefix() {
        let b = Base::new("https://example.org/portal");
        assert_eq!(
            (b.url.as_str(), b.path.as_str(), b.absolute),
            ("https://example.org/portal/", "/portal/", true)
        );
        let b = Base::new("/");
        assert_eq!(
            (b.url.as_str(), b.path.as_str(), b.absolute),
            ("/", "/", false)
        );
        let r = Page::Resolution(ResolutionId::parse("2/7").unwrap());
        assert_eq!(
            Base::new("https://h.org/p/").link("zh", &r),
            "/p/zh/resolutions/2-7/"
        );
        assert_eq!(r.file("en"), "en/resolutions/2-7/index.html");
    }

    #[test]
    fn templates_name_the_same_pages_as_rust() {
        let id = ResolutionId::parse("2/7").unwrap();
        assert_eq!(
            Page::named("resolution", &["2-7"]),
            Some(Page::Resolution(id))
        );
        assert_eq!(
            Page::named("resolution", &["2/7"]),
            Some(Page::Resolution(id))
        );
        assert_eq!(
            Page::named("filter", &["funding", "shortfall-stated"]),
            Some(Page::List(Filter::one(Facet::Funding("shortfall-stated"))))
        );
        assert_eq!(Page::named("report", &[]), None);
        assert_eq!(Page::named("nowhere", &[]), None);
    }

    #[test]
    fn filter_paths_are_distinct_from_resolution_pages() {
        let pair = Filter::new(
            &[
                Facet::Funding("shortfall-stated"),
                Facet::Status("in-progress"),
            ],
            true,
        )
        .unwrap();
        for f in [
            Filter::ALL,
            Filter::LATEST,
            Filter::one(Facet::Session(2)),
            Filter::one(Facet::Status("in-progress")),
            Filter::one(Facet::Funding("shortfall-stated")),
            pair,
        ] {
            let p = Page::List(f).path();
            assert!(p.starts_with("/resolutions/") && p.ends_with('/'), "{p}");
            // A resolution's page is /resolutions/{session}-{number}/: a filter's never looks like one.
            let first = p
                .trim_start_matches("/resolutions/")
                .split('/')
                .next()
                .unwrap();
            assert!(!first.contains('-') || first.is_empty(), "{p}");
        }
    }

    #[test]
    fn a_list_has_one_address_and_names_it_back() {
        let (st, fu) = (Facet::Status("in-progress"), Facet::Funding("need-stated"));
        let a = Filter::new(&[fu, st], false).unwrap();
        assert_eq!(a, Filter::new(&[st, fu], false).unwrap());
        assert_eq!(
            Page::List(a).path(),
            "/resolutions/status/in-progress/funding/need-stated/"
        );
        assert_eq!(
            Page::List(a.sorted(true)).path(),
            "/resolutions/status/in-progress/funding/need-stated/latest/"
        );
        assert_eq!(
            Page::List(Filter::one(st)).path(),
            "/resolutions/status/in-progress/"
        );
        assert_eq!(Page::List(Filter::LATEST).path(), "/resolutions/latest/");
        assert_eq!(
            Page::named(
                "filter",
                &["status", "in-progress", "funding", "need-stated", "latest"]
            ),
            Some(Page::List(a.sorted(true)))
        );
        assert_eq!(Page::named("filter", &["status", "a", "status", "b"]), None);
        assert_eq!(Filter::new(&[st, Facet::Status("completed")], false), None);
        assert_eq!(
            a.with(Facet::Status("completed"))
                .map(|f| Page::List(f).path()),
            Some("/resolutions/status/completed/funding/need-stated/".into())
        );
        assert_eq!(a.with(Facet::Session(2)), None);
        assert_eq!(a.without("funding"), Filter::one(st));
    }

    #[test]
    fn anchors_are_qualified_only_when_a_number_is_reused() {
        assert_eq!(anchor_on_resolution("hsp-eb-2024-20", 38, false), "para-38");
        assert_eq!(
            anchor_on_resolution("hsp-eb-2024-20", 38, true),
            "hsp-eb-2024-20-para-38"
        );
    }
}
