//! The filter panel's links keep the page's other choices. On every list page of the bundled site and
//! both fixtures, in every language: a chip of a group leads to the page's facets with that group's
//! value chosen (replaced in its own group, added from another), in the page's order; "all" drops
//! only its group; the sort keeps every facet; each link lands on a rendered list whose rows the
//! chip counted; a choice no page lists (a third group, a topic on a filtered page) is the whole
//! list's query of every facet; and a choice that would list none is a count, not a link.

mod common;

use resolution_portal::output::OutFile;
use resolution_portal::render_site;
use std::collections::{BTreeMap, BTreeSet};

const BASE: &str = "https://example.net/p/";
const PREFIX: &str = "/p/";

/// A list's choices: facet group → value, and whether sorted by latest change.
type State = (BTreeMap<String, String>, bool);

/// The state a list page's address stands for (`/p/en/resolutions/status/x/latest/`), if it is one.
fn state_of_path(path: &str) -> Option<(String, State)> {
    let rest = path.strip_prefix(PREFIX)?;
    let (lang, rest) = rest.split_once('/')?;
    let rest = rest.strip_prefix("resolutions/")?;
    let mut segs: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let latest = segs.last() == Some(&"latest");
    if latest {
        segs.pop();
    }
    if !segs.len().is_multiple_of(2) {
        return None;
    }
    let mut facets = BTreeMap::new();
    for p in segs.chunks(2) {
        if !["session", "shortfall", "status", "funding"].contains(&p[0]) {
            return None;
        }
        facets.insert(p[0].to_string(), p[1].to_string());
    }
    Some((lang.to_string(), (facets, latest)))
}

/// The state of a query on the whole list (`/p/en/resolutions/?status=x&topic=y`).
fn state_of_query(href: &str) -> Option<(String, State)> {
    let (path, query) = href.split_once('?')?;
    let (lang, (facets, latest)) = state_of_path(path)?;
    assert!(
        facets.is_empty() && !latest,
        "{href}: a query on a filtered list"
    );
    let mut facets = BTreeMap::new();
    let mut latest = false;
    for kv in query.split("&amp;") {
        let (k, v) = kv.split_once('=')?;
        if k == "sort" {
            latest = v == "latest";
        } else {
            facets.insert(k.to_string(), v.to_string());
        }
    }
    Some((lang, (facets, latest)))
}

fn attr<'h>(tag: &'h str, name: &str) -> Option<&'h str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    Some(&tag[i..i + tag[i..].find('"')?])
}

/// A chip of the panel: `<a …>` or `<span class="chip-none" …>`, its count if it shows one.
struct Chip<'h> {
    tag: &'h str,
    facet: &'h str,
    value: &'h str,
    href: Option<&'h str>,
    count: Option<usize>,
}

fn chips(html: &str) -> Vec<Chip<'_>> {
    let start = html.find("<nav class=\"filters\"").expect("a filter panel");
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    let mut out = Vec::new();
    for (i, _) in nav.match_indices(" data-facet=\"") {
        let open = nav[..i].rfind('<').unwrap();
        let end = i + nav[i..].find('>').unwrap();
        let tag = &nav[open..=end];
        let close = if tag.starts_with("<a ") {
            "</a>"
        } else {
            "</span></span>"
        };
        let body = &nav[end..end + nav[end..].find(close).unwrap_or(0)];
        let count = body
            .split("class=\"n\">")
            .nth(1)
            .map(|s| s.chars().filter(char::is_ascii_digit).collect::<String>())
            .and_then(|d| d.parse().ok());
        out.push(Chip {
            tag,
            facet: attr(tag, "data-facet").unwrap(),
            value: attr(tag, "data-value").unwrap(),
            href: attr(tag, "href"),
            count,
        });
    }
    out
}

fn rows(html: &str) -> usize {
    html.matches("<tr data-resolution=").count()
}

fn check_site(dir: &std::path::Path) {
    let r = render_site(dir, Some(BASE));
    let errors: Vec<_> = r.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let pages: BTreeMap<String, &OutFile> = r
        .files
        .iter()
        .filter(|f| f.path.ends_with("index.html"))
        .map(|f| {
            (
                format!("{PREFIX}{}", f.path.trim_end_matches("index.html")),
                f,
            )
        })
        .collect();
    let html = |p: &str| String::from_utf8_lossy(&pages[p].bytes).into_owned();
    let mut lists = 0;
    let mut pairs = BTreeSet::new();
    for path in pages.keys() {
        let Some((lang, (own, latest))) = state_of_path(path) else {
            continue;
        };
        lists += 1;
        let page = html(path);
        for c in chips(&page) {
            let (f, v) = (c.facet, c.value);
            // What the choice should give: this page's choices with that one made.
            let mut want = own.clone();
            let mut want_latest = latest;
            match (f, v) {
                ("sort", v) => want_latest = v == "latest",
                (f, "") => {
                    want.remove(f);
                }
                (f, v) => {
                    want.insert(f.to_string(), v.to_string());
                }
            }
            let current = c.tag.contains("aria-current=\"true\"");
            let is_current = if f == "sort" {
                want_latest == latest
            } else {
                want == own
            };
            if f != "topic" {
                assert_eq!(current, is_current, "{path}: {}", c.tag);
            }
            let Some(href) = c.href else {
                // No link: a count of 0.
                assert_eq!(c.count, Some(0), "{path}: {}", c.tag);
                continue;
            };
            if href.contains('?') {
                let (l, state) = state_of_query(href).unwrap_or_else(|| panic!("{path}: {href}"));
                assert_eq!(
                    (l.as_str(), &state),
                    (lang.as_str(), &(want, want_latest)),
                    "{path}: {}",
                    c.tag
                );
                continue;
            }
            if f == "topic" && own.is_empty() {
                // From the whole list, a topic is its own page.
                assert!(pages.contains_key(href), "{path}: {href} is not rendered");
                continue;
            }
            let (l, state) =
                state_of_path(href).unwrap_or_else(|| panic!("{path}: {} is no list", c.tag));
            assert_eq!(
                (l.as_str(), &state),
                (lang.as_str(), &(want.clone(), want_latest)),
                "{path}: {}",
                c.tag
            );
            assert!(pages.contains_key(href), "{path}: {href} is not rendered");
            if let Some(n) = c.count {
                assert_eq!(
                    n,
                    rows(&html(href)),
                    "{path}: {} counts {n}, {href} lists otherwise",
                    c.tag
                );
                assert!(n > 0, "{path}: {} links to an empty list", c.tag);
            }
            if want.len() == 2 {
                pairs.insert(href.to_string());
            }
        }
    }
    assert!(
        lists > 0 && !pairs.is_empty(),
        "{}: {lists} lists, {} pairs",
        dir.display(),
        pairs.len()
    );
}

#[test]
fn the_panels_links_keep_the_pages_other_choices_on_the_bundled_site() {
    check_site(&common::repo());
}

#[test]
fn the_panels_links_keep_the_pages_other_choices_on_the_fixtures() {
    check_site(&common::fixture("basic"));
    check_site(&common::fixture("tracking"));
}

#[test]
fn a_list_with_no_match_says_so_and_offers_to_clear() {
    let r = render_site(&common::repo(), Some(BASE));
    // Every status of the vocabulary has a page; at least one lists no resolution.
    let empty: Vec<_> = r
        .files
        .iter()
        .filter(|f| f.path.starts_with("en/resolutions/status/") && f.path.ends_with("index.html"))
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .filter(|h| rows(h) == 0)
        .collect();
    assert!(!empty.is_empty());
    for h in empty {
        assert!(
            !h.contains("<table class=\"reflow res-list\""),
            "a bare table"
        );
        assert!(h.contains("<div id=\"list-empty\" class=\"list-empty\">"));
        assert!(h.contains(&format!("href=\"{PREFIX}en/resolutions/\">")));
    }
}
