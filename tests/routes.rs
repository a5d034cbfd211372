//! The routes' list of pages is the site: every page rendered is on it and every page on it is
//! rendered, the sitemap lists exactly it, every internal link of every page (and its anchor) lands
//! on it, and Markdown may link to any page on it. Walked over the bundled site and both fixtures.
//! Also: every list of resolutions marks a row as every other list does.

mod common;

use resolution_portal::output::OutFile;
use resolution_portal::routes::{self, Base};
use resolution_portal::{load, render_site, validate};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const BASE: &str = "https://example.net/p/";

fn site_model(dir: &Path) -> resolution_portal::model::Site {
    let (loaded, _) = load::load(dir);
    validate::validate(loaded).0.expect("the site validates")
}

fn built(dir: &Path) -> Vec<OutFile> {
    let r = render_site(dir, Some(BASE));
    let errors: Vec<_> = r.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    r.files
}

fn sites() -> Vec<std::path::PathBuf> {
    vec![
        common::repo(),
        common::fixture("basic"),
        common::fixture("tracking"),
    ]
}

/// The files routes say the site has: every page in every language, and the root pages.
fn routed_files(site: &resolution_portal::model::Site) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = site
        .config
        .languages
        .iter()
        .flat_map(|l| {
            routes::pages(site)
                .into_iter()
                .map(move |p| p.file(&l.code))
        })
        .collect();
    out.extend([routes::files::ENTRY.into(), routes::files::NOT_FOUND.into()]);
    out
}

#[test]
fn every_page_rendered_is_on_the_routes_list_and_every_listed_page_is_rendered() {
    for dir in sites() {
        let site = site_model(&dir);
        let files = built(&dir);
        let html: BTreeSet<String> = files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .map(|f| f.path.clone())
            .collect();
        let routed = routed_files(&site);
        let unlisted: Vec<_> = html.difference(&routed).collect();
        let missing: Vec<_> = routed.difference(&html).collect();
        assert!(
            unlisted.is_empty(),
            "{}: rendered but not on the routes' list: {unlisted:?}",
            dir.display()
        );
        assert!(
            missing.is_empty(),
            "{}: on the routes' list but not rendered: {missing:?}",
            dir.display()
        );
    }
}

#[test]
fn the_sitemap_lists_exactly_the_routes_pages() {
    for dir in sites() {
        let site = site_model(&dir);
        let files = built(&dir);
        let sitemap = files
            .iter()
            .find(|f| f.path == routes::files::SITEMAP)
            .unwrap();
        let xml = String::from_utf8_lossy(&sitemap.bytes);
        let locs: BTreeSet<String> = xml
            .split("<loc>")
            .skip(1)
            .filter_map(|s| s.split("</loc>").next())
            .map(str::to_string)
            .collect();
        let base = Base::new(BASE);
        let want: BTreeSet<String> = site
            .config
            .languages
            .iter()
            .flat_map(|l| {
                routes::pages(&site)
                    .into_iter()
                    .map(|p| base.url(&l.code, &p))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(locs, want, "{}", dir.display());
    }
}

/// The `id`s of each HTML file, by path.
fn ids(files: &[OutFile]) -> BTreeMap<&str, BTreeSet<String>> {
    files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| {
            let html = String::from_utf8_lossy(&f.bytes);
            let ids = html
                .split(" id=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next())
                .map(str::to_string)
                .collect();
            (f.path.as_str(), ids)
        })
        .collect()
}

/// Every `href`, `src` and `action` of a page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\"", " action=\""] {
        for part in html.split(attr).skip(1) {
            if let Some(u) = part.split('"').next() {
                out.push(u.replace("&amp;", "&"));
            }
        }
    }
    out
}

#[test]
fn every_internal_link_and_anchor_lands_on_a_routed_page() {
    let base = Base::new(BASE);
    for dir in sites() {
        let site = site_model(&dir);
        let files = built(&dir);
        let routed = routed_files(&site);
        let ids = ids(&files);
        let all: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let mut broken = Vec::new();
        for f in files.iter().filter(|f| f.path.ends_with(".html")) {
            for url in links(&String::from_utf8_lossy(&f.bytes)) {
                let (target, frag) = url.split_once('#').unwrap_or((&url, ""));
                let target = target.split('?').next().unwrap_or("");
                let file = if target.is_empty() {
                    f.path.clone()
                } else if let Some(rel) = target.strip_prefix(&base.path) {
                    if rel.is_empty() || rel.ends_with('/') {
                        format!("{rel}index.html")
                    } else {
                        rel.to_string()
                    }
                } else if target.starts_with("http") || target.starts_with("mailto:") {
                    continue; // another host (the document links), or the site's own absolute URL
                } else {
                    broken.push(format!("{}: `{url}` is not under the base path", f.path));
                    continue;
                };
                let is_page = file.ends_with(".html");
                if is_page && !routed.contains(&file) {
                    broken.push(format!(
                        "{}: `{url}` is a page the routes do not list",
                        f.path
                    ));
                } else if !is_page && !all.contains(file.as_str()) && !file.starts_with("search/") {
                    broken.push(format!("{}: `{url}` is no file of the build", f.path));
                } else if !frag.is_empty()
                    && is_page
                    && !ids.get(file.as_str()).is_some_and(|s| s.contains(frag))
                {
                    broken.push(format!("{}: `{url}` names no element on its page", f.path));
                }
            }
        }
        assert!(broken.is_empty(), "{}: {broken:#?}", dir.display());
    }
}

/// Markdown may link to every page the routes list (the link check and the routes are one list:
/// `/about/` was once in the sitemap and refused in Markdown).
#[test]
fn markdown_may_link_to_every_routed_page() {
    let dir = common::temp("routes-markdown");
    common::copy_tree(&common::fixture("basic"), &dir);
    let site = site_model(&dir);
    let links: String = routes::pages(&site)
        .iter()
        .map(|p| format!("[x]({}) ", p.path()))
        .collect();
    for lang in ["en", "zh"] {
        let about = dir.join(format!("content/about.{lang}.md"));
        let text = std::fs::read_to_string(&about).unwrap();
        std::fs::write(&about, format!("{text}\n\n{links}\n")).unwrap();
    }
    let diags = resolution_portal::check(&dir);
    let broken: Vec<_> = diags
        .iter()
        .filter(|d| d.message.contains("points to no page"))
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
    // And a page that is not routed is still refused.
    let about = dir.join("content/about.en.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(&about, format!("{text}\n\n[x](/resolutions/9-99/)\n")).unwrap();
    let diags = resolution_portal::check(&dir);
    assert!(diags
        .iter()
        .any(|d| d.is_error() && d.message.contains("/resolutions/9-99/")));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The mark a resolution's row carries (`Changed`, `New`) on one list page is the mark it carries on
/// every list page: the home page, the lists, the topic pages.
#[test]
fn every_list_marks_a_resolution_the_same_way() {
    let files = built(&common::fixture("tracking"));
    let mut marks: BTreeMap<(String, String), BTreeMap<String, String>> = BTreeMap::new();
    let mut lists = 0;
    for f in files.iter().filter(|f| f.path.ends_with("index.html")) {
        let (lang, rest) = f.path.split_once('/').unwrap_or(("", ""));
        let is_list = rest == "index.html"
            || rest.starts_with("resolutions/")
                && !rest.starts_with("resolutions/1-")
                && !rest.starts_with("resolutions/2-")
            || rest.starts_with("topics/") && rest != "topics/index.html";
        if !is_list {
            continue;
        }
        lists += 1;
        let html = String::from_utf8_lossy(&f.bytes);
        for (id, mark) in row_marks(&html) {
            marks
                .entry((lang.to_string(), id))
                .or_default()
                .insert(f.path.clone(), mark);
        }
    }
    assert!(lists > 10, "{lists}");
    let mut seen_marked = 0;
    for ((lang, id), by_page) in &marks {
        let distinct: BTreeSet<&String> = by_page.values().collect();
        assert_eq!(
            distinct.len(),
            1,
            "{lang} {id} is marked differently: {by_page:#?}"
        );
        if distinct.iter().any(|m| !m.is_empty()) {
            seen_marked += 1;
        }
    }
    assert!(
        seen_marked >= 2,
        "the tracking fixture has changed and added resolutions"
    );
}

/// (resolution, its mark or "") for each row linking a resolution page on a list page.
fn row_marks(html: &str) -> Vec<(String, String)> {
    // Table rows of the lists; cards of the home page.
    let rows = html
        .split("<tr")
        .skip(1)
        .map(|r| r.split("</tr>").next().unwrap_or(r));
    let cards = html
        .split("<ul class=\"cards\">")
        .skip(1)
        .flat_map(|ul| ul.split("</ul>").next().unwrap_or(ul).split("<li>").skip(1));
    let mut out = Vec::new();
    for row in rows.chain(cards) {
        let Some(at) = row.find("/resolutions/") else {
            continue;
        };
        let id: String = row[at + 13..].chars().take_while(|c| *c != '/').collect();
        if !id.contains('-') {
            continue;
        }
        let mark = row
            .split("class=\"mark mark-")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("")
            .to_string();
        out.push((id, mark));
    }
    out
}
