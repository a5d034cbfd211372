//! Golden tests: each fixture site under tests/fixtures/ (`basic`: one report; `tracking`: three
//! fictional reports, for changes, revisions, over-funding, a resolution dropped and one added) is built
//! in memory and compared with tests/golden/{name}/:
//!
//! - An HTML page under a language (`en/…`, `zh/…`) with exactly one `<main>` element is stored, at
//!   its usual path, as a header of its per-page chrome lines (the `<html lang>` tag, `<title>`,
//!   description, canonical and alternate links, `og:` properties, the language-switch link, the
//!   main-nav link carrying `aria-current`, the search page's search box and extra scripts), then its
//!   `<main>` element verbatim.
//! - The rest, the chrome, is stored once per language in `_chrome/{lang}.html`: a page with its
//!   `<main>` replaced by a marker line and its per-page lines by placeholders (the nav link and the
//!   search box as other pages have them, extra scripts left out). Every page of the language,
//!   normalised the same way, must equal that file: the chrome most pages share is the language's, and
//!   a page whose chrome differs is stored whole instead, so the test fails with "the chrome of {page}
//!   differs from _chrome/{lang}.html at line …". A change to every page (the footer) shows as the
//!   `_chrome` files alone, which are compared first.
//! - Root pages (`index.html`, `404.html`), other HTML and all non-HTML files are compared whole;
//!   theme assets are compared with the theme and schemas are not copied here.
//!
//! After an intended change, re-bless with `BLESS=1 cargo test --test golden` (it rewrites the whole
//! tree, removing stale files) and review the diff like code.

mod common;

use resolution_portal::render_site;

#[test]
fn fixture_site_matches_golden_files() {
    golden("basic");
}

#[test]
fn tracking_fixture_matches_golden_files() {
    golden("tracking");
}

/// First line of a page's golden file when it is stored as per-page values and `<main>`.
const HEADER: &str = "<!-- golden: per-page chrome values (the rest is in _chrome/";
/// Stands for the page's `<main>` element in a `_chrome` file.
const MAIN_MARKER: &str = "<!-- golden: <main> of the page -->";
/// Stands for one per-page line in a `_chrome` file.
const PLACEHOLDER: &str = "<!-- golden: per-page value -->";
/// Attributes that mark the page on a chrome line, and what the line has on other pages.
const PER_PAGE_ATTRIBUTES: [(&str, &str); 4] = [
    (" aria-current=\"page\"", ""),
    (" for=\"q\"", " for=\"site-q\""),
    (" id=\"q\"", " id=\"site-q\""),
    (" aria-describedby=\"search-status\"", ""),
];

/// A page split into its chrome (normalised) and its per-page part (header values, then `<main>`).
struct Split {
    lang: String,
    chrome: String,
    page: String,
}

/// Splits a page under a language with exactly one `<main …>…</main>`; None for any other file.
fn split(path: &str, bytes: &[u8]) -> Option<Split> {
    let (lang, _) = path.split_once('/')?;
    if !path.ends_with(".html") {
        return None;
    }
    let html = std::str::from_utf8(bytes).ok()?;
    let opens = html.matches("<main ").count() + html.matches("<main>").count();
    if opens != 1 || html.matches("</main>").count() != 1 {
        return None;
    }
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap() + "</main>".len();
    if end < start {
        return None;
    }
    let main = &html[start..end];
    let rest = format!("{}{MAIN_MARKER}{}", &html[..start], &html[end..]);
    let mut values = Vec::new();
    let mut chrome = String::new();
    let mut seen_script = false;
    for line in rest.split_inclusive('\n') {
        let text = line.trim_start();
        let indent = &line[..line.len() - text.len()];
        let newline = if line.ends_with('\n') { "\n" } else { "" };
        let per_page = text.starts_with("<html ")
            || text.starts_with("<title>")
            || text.starts_with("<meta name=\"description\"")
            || text.starts_with("<link rel=\"canonical\"")
            || text.starts_with("<link rel=\"alternate\"")
            || text.starts_with("<meta property=\"og:")
            || (text.contains("<a ") && text.contains("hreflang=\""));
        // The language switch marks its own language on every page: only links are normalised.
        let normalised = PER_PAGE_ATTRIBUTES
            .iter()
            .filter(|_| !text.starts_with("<li><span "))
            .fold(line.to_string(), |l, (from, to)| l.replacen(from, to, 1));
        if per_page {
            values.push(line.trim_end_matches('\n'));
            chrome.push_str(&format!("{indent}{PLACEHOLDER}{newline}"));
        } else if text.starts_with("<script ") && std::mem::replace(&mut seen_script, true) {
            // Scripts after the theme's own (the search page's) are the page's: no chrome line.
            values.push(line.trim_end_matches('\n'));
        } else if normalised != line {
            // The main-nav link of the page's kind, the search page's search box: the chrome has the
            // line as other pages have it.
            values.push(line.trim_end_matches('\n'));
            chrome.push_str(&normalised);
        } else {
            chrome.push_str(line);
        }
    }
    let mut page = format!("{HEADER}{lang}.html) -->\n");
    for v in values {
        page.push_str(v);
        page.push('\n');
    }
    page.push_str(main);
    page.push('\n');
    Some(Split {
        lang: lang.to_string(),
        chrome,
        page,
    })
}

/// The golden tree of a build: per language, the chrome most of its pages share goes to
/// `_chrome/{lang}.html` and those pages are stored split; every other file is stored whole.
fn layout(built: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    let splits: Vec<Option<Split>> = built.iter().map(|(p, b)| split(p, b)).collect();
    // (language, chrome) → (pages, first page), to pick the most shared chrome (the first on a tie).
    let mut counts: std::collections::BTreeMap<(&str, &str), (usize, usize)> = Default::default();
    for (i, s) in splits
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, s.as_ref()?)))
    {
        counts.entry((&s.lang, &s.chrome)).or_insert((0, i)).0 += 1;
    }
    let mut chrome: std::collections::BTreeMap<&str, (&str, usize, usize)> = Default::default();
    for ((lang, c), (n, first)) in counts {
        let e = chrome.entry(lang).or_insert((c, n, first));
        if n > e.1 || (n == e.1 && first < e.2) {
            *e = (c, n, first);
        }
    }
    let mut out: Vec<(String, Vec<u8>)> = chrome
        .iter()
        .map(|(lang, (c, _, _))| (format!("_chrome/{lang}.html"), c.as_bytes().to_vec()))
        .collect();
    for ((path, bytes), s) in built.iter().zip(&splits) {
        match s {
            Some(s) if chrome[s.lang.as_str()].0 == s.chrome => {
                out.push((path.clone(), s.page.as_bytes().to_vec()))
            }
            _ => out.push((path.clone(), bytes.clone())),
        }
    }
    out.sort();
    out
}

/// The first differing line of two texts, numbered from 1.
fn first_difference(got: &str, want: &str) -> (usize, String, String) {
    let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    let n = (0..g.len().max(w.len()))
        .find(|&i| g.get(i) != w.get(i))
        .unwrap_or(0);
    let at = |v: &[&str]| {
        v.get(n)
            .map_or("<end of file>".to_string(), |s| s.to_string())
    };
    (n + 1, at(&g), at(&w))
}

fn golden(name: &str) {
    let site = common::fixture(name);
    let golden = common::repo().join("tests/golden").join(name);
    let r = render_site(&site, None);
    let errors: Vec<_> = r.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "fixture has errors: {errors:#?}");
    // Theme assets are copied verbatim: compare them with the theme, not with a second copy.
    let (statics, pages): (Vec<_>, Vec<_>) =
        r.files.iter().partition(|f| f.path.starts_with("static/"));
    for f in statics {
        let theme_file = common::repo().join("themes/default").join(&f.path);
        assert_eq!(
            std::fs::read(&theme_file).unwrap(),
            f.bytes,
            "{} differs from the theme",
            f.path
        );
    }
    // Schemas are copied verbatim from schemas/ (tests/schemas.rs compares them): no second copy here.
    let built: Vec<(String, Vec<u8>)> = pages
        .iter()
        .filter(|f| !f.path.starts_with("data/schema/"))
        .map(|f| (f.path.clone(), f.bytes.clone()))
        .collect();
    let built = layout(&built);

    if std::env::var_os("BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&golden);
        for (path, bytes) in &built {
            let p = golden.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        return;
    }

    let expected = common::read_tree(&golden);
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&built),
        names(&expected),
        "the set of output files changed; re-bless with BLESS=1 if intended"
    );
    let want_file = |p: &str| &expected.iter().find(|(q, _)| q == p).unwrap().1;
    // The chrome first: a change to every page is then reported as the one file that holds it.
    let mut pairs: Vec<_> = built.iter().zip(&expected).collect();
    pairs.sort_by_key(|((path, _), _)| !path.starts_with("_chrome/"));
    for ((path, got), (_, want)) in pairs {
        if got == want {
            continue;
        }
        let got = String::from_utf8_lossy(got);
        let want = String::from_utf8_lossy(want);
        // A page stored split whose chrome no longer matches its language's: name the chrome line.
        if want.starts_with(HEADER) && !got.starts_with(HEADER) {
            if let Some(s) = split(path, got.as_bytes()) {
                let file = format!("_chrome/{}.html", s.lang);
                let chrome = String::from_utf8_lossy(want_file(&file));
                let (n, g, w) = first_difference(&s.chrome, &chrome);
                panic!("the chrome of {path} differs from {file} at line {n}:\n  got:  {g}\n  want: {w}\nre-bless with BLESS=1 if intended");
            }
        }
        let (n, g, w) = first_difference(&got, &want);
        panic!("{path} differs from the golden file at line {n}:\n  got:  {g}\n  want: {w}\nre-bless with BLESS=1 if intended");
    }
}

#[test]
fn fixture_warns_about_the_unsafe_link_and_the_placeholder_host_only() {
    let r = render_site(&common::fixture("basic"), None);
    let mut msgs: Vec<String> = r
        .diagnostics
        .iter()
        .map(|d| format!("{}:{:?}: {}", d.file.display(), d.line, d.message))
        .collect();
    msgs.sort();
    assert_eq!(msgs.len(), 3, "{msgs:#?}");
    assert!(msgs[0].ends_with("1-1.en.md:Some(1): the link `javascript:alert(1)` uses an unsafe scheme and was dropped"), "{}", msgs[0]);
    assert!(
        msgs[1].ends_with("site.yaml:Some(11): base_url `https://example.org/portal/` names the placeholder host `example.org`: every canonical link, sitemap entry and feed would point there"),
        "{}",
        msgs[1]
    );
    // And the fictional contact, on the same placeholder host.
    assert!(
        msgs[2].ends_with("site.yaml:Some(12): contact `corrections@example.org` names the placeholder host `example.org`: readers' reports sent there would go nowhere"),
        "{}",
        msgs[2]
    );
}

#[test]
fn raw_html_and_unsafe_links_never_reach_pages() {
    let r = render_site(&common::fixture("basic"), None);
    let page = r
        .files
        .iter()
        .find(|f| f.path == "en/resolutions/1-1/index.html")
        .unwrap();
    let html = String::from_utf8_lossy(&page.bytes);
    assert!(
        html.contains("&lt;b&gt;raw html&lt;/b&gt;"),
        "raw HTML must be shown as text"
    );
    assert!(!html.contains("javascript:"));
    assert!(
        html.contains(r#"href="/portal/en/resolutions/1-2/""#),
        "internal links get language and base path"
    );
}

/// Every internal link of the fixture (served under the sub-path /portal/) points at a file that exists,
/// and every `#fragment` at an id on the target page.
#[test]
fn internal_links_resolve_under_a_sub_path() {
    let r = render_site(&common::fixture("basic"), None);
    let broken = common::broken_links(&r.files, "/portal/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn tracking_fixture_builds_without_problems_and_its_links_resolve() {
    let r = render_site(&common::fixture("tracking"), None);
    // Only the warnings that example.org is a placeholder host (base_url and contact).
    assert!(
        r.diagnostics.iter().all(|d| !d.is_error()) && r.diagnostics.len() <= 2,
        "{:#?}",
        r.diagnostics
    );
    let broken = common::broken_links(&r.files, "/tracker/");
    assert!(broken.is_empty(), "{broken:#?}");
}

/// Every page and anchor the site had before a report was added is still there after: citations of
/// `/{lang}/resolutions/1-1/#para-2` made when only the first report existed keep working when later
/// reports reuse paragraph number 2 (their anchors are qualified instead).
#[test]
fn earlier_pages_and_anchors_survive_later_reports() {
    let ids = |html: &str| -> Vec<String> {
        html.split(" id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next().map(str::to_string))
            .collect()
    };
    let first = common::temp("first-report-only");
    common::copy_tree(&common::fixture("tracking"), &first);
    for later in ["fict-2032-2", "fict-2033-1"] {
        std::fs::remove_dir_all(first.join("content/reports").join(later)).unwrap();
    }
    let before = render_site(&first, None);
    assert!(!before.has_errors(), "{:#?}", before.diagnostics);
    let after = render_site(&common::fixture("tracking"), None);
    let mut checked = 0;
    // Resolution pages (`en/resolutions/1-1/`) and report pages; list pages filtered by a value that
    // no resolution has any more are another matter.
    let is_record_page = |p: &str| {
        let parts: Vec<&str> = p.split('/').collect();
        matches!(parts.as_slice(), [_, "resolutions", id, "index.html"] if id.contains('-') && id.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
            || matches!(parts.as_slice(), [_, "reports", _, "index.html"])
    };
    for f in before.files.iter().filter(|f| is_record_page(&f.path)) {
        let later = after
            .files
            .iter()
            .find(|g| g.path == f.path)
            .unwrap_or_else(|| panic!("{} is gone", f.path));
        let later_ids = ids(&String::from_utf8_lossy(&later.bytes));
        for id in ids(&String::from_utf8_lossy(&f.bytes)) {
            if id.starts_with("para-") {
                assert!(later_ids.contains(&id), "{}#{id} is gone", f.path);
                checked += 1;
            }
        }
    }
    // In two languages: paragraphs 1 to 5 on the first report's page, and 2–3, 4 and 5 on the pages
    // of resolutions 1/1, 1/2 and 1/3.
    assert_eq!(checked, 18);
    // And the paragraph `#para-2` of resolution 1/1 is still the first report's words.
    let page = after
        .files
        .iter()
        .find(|g| g.path == "en/resolutions/1-1/index.html")
        .unwrap();
    let html = String::from_utf8_lossy(&page.bytes);
    let at = html.find(r#"id="para-2""#).expect("para-2");
    assert!(
        html[at..at + 600].contains("Work on imaginary wells is under way"),
        "{}",
        &html[at..at + 600]
    );
    let _ = std::fs::remove_dir_all(&first);
}
