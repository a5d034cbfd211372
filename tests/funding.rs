//! "Which resolutions are held back by funding, and by how much?" gets one answer everywhere: the set
//! derived from the content (`model::shortfall`) is the set every page marks with
//! `data-shortfall="named"`, the home count and the list it opens; tracker readings are shown as
//! stated, their arithmetic is checked at its line, and revisions and disagreements are shown as such.

mod common;

use resolution_portal::model::{shortfall, ResolutionId, Site};
use resolution_portal::output::OutFile;
use resolution_portal::{check, load, render_site, validate};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn site_model(dir: &Path) -> Site {
    let (loaded, _) = load::load(dir);
    validate::validate(loaded).0.expect("the site validates")
}

fn built(dir: &Path) -> Vec<OutFile> {
    let r = render_site(dir, None);
    let errors: Vec<_> = r.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    r.files
}

fn page<'a>(files: &'a [OutFile], path: &str) -> &'a str {
    let f = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is not built"));
    std::str::from_utf8(&f.bytes).unwrap()
}

/// Every (`data-resolution`, `data-shortfall`) pair of a page, in order.
fn marks(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("data-resolution=\"") {
        rest = &rest[i + 17..];
        let id = &rest[..rest.find('"').unwrap()];
        let tag_end = rest.find('>').unwrap();
        let tag = &rest[..tag_end];
        let value = tag
            .find("data-shortfall=\"")
            .map(|j| {
                let v = &tag[j + 16..];
                v[..v.find('"').unwrap()].to_string()
            })
            .unwrap_or_else(|| panic!("data-resolution=\"{id}\" without data-shortfall"));
        out.push((id.to_string(), value));
    }
    out
}

/// The resolutions the latest report on each names a shortfall for, from the content alone.
fn derived(site: &Site) -> BTreeSet<String> {
    site.resolutions
        .iter()
        .filter(|r| {
            site.updates_of(r.id)
                .last()
                .is_some_and(|(_, u)| shortfall::named(u))
        })
        .map(|r| r.id.to_string())
        .collect()
}

fn sites() -> Vec<std::path::PathBuf> {
    vec![common::repo(), common::fixture("tracking")]
}

#[test]
fn every_page_shows_the_one_derived_shortfall_set() {
    for dir in sites() {
        let site = site_model(&dir);
        let named = derived(&site);
        let files = built(&dir);
        let latest = site.reports.last().unwrap();
        let mut seen_on = 0;
        for f in files.iter().filter(|f| f.path.ends_with(".html")) {
            let html = std::str::from_utf8(&f.bytes).unwrap();
            // A report's page and its changes page show that report's answer, not the latest
            // one's (which is the same for the latest report).
            let older = site.reports.iter().find(|r| {
                f.path.ends_with(&format!("reports/{}/index.html", r.slug))
                    || f.path
                        .ends_with(&format!("reports/{}/changes/index.html", r.slug))
            });
            let older = older.filter(|r| r.slug != latest.slug || f.path.contains("/changes/"));
            for (id, value) in marks(html) {
                seen_on += 1;
                let expected = match older {
                    Some(rep) => {
                        let rid = ResolutionId::parse(&id).unwrap();
                        let u = rep.updates.iter().find(|u| u.resolution == rid);
                        shortfall::key(u)
                    }
                    None if named.contains(&id) => shortfall::NAMED,
                    None => shortfall::NONE,
                };
                assert_eq!(value, expected, "{} marks {id} as {value}", f.path);
            }
        }
        assert!(seen_on > 0);
        for lang in site.config.language_codes() {
            let home = page(&files, &format!("{lang}/index.html"));
            let i = home
                .find("data-shortfall-count")
                .expect("home has the count link");
            let tag = &home[..i].rfind("<a").map(|s| &home[s..]).unwrap();
            let href = &tag[tag.find("href=\"").unwrap() + 6..];
            let href = &href[..href.find('"').unwrap()];
            let text = &tag[tag.find('>').unwrap() + 1..tag.find("</a>").unwrap()];
            assert!(
                text.contains(&named.len().to_string()),
                "{lang}: the count link says {text:?}, the content names {}",
                named.len()
            );
            // The link is under the site's base path (`/tracker/en/…` on the fixture).
            let from_lang = &href[href.find(&format!("/{lang}/")).unwrap() + 1..];
            let list = page(&files, &format!("{from_lang}index.html"));
            let table = &list[list.find("<table").unwrap()..];
            let listed: BTreeSet<String> = marks(table).into_iter().map(|(id, _)| id).collect();
            assert_eq!(listed, named, "{lang}: {href} lists other resolutions");
        }
    }
}

#[test]
fn the_bundled_report_names_a_shortfall_for_five_resolutions_and_says_so_itself() {
    let site = site_model(&common::repo());
    let named: Vec<String> = derived(&site).into_iter().collect();
    // 2/9: "progress has been limited, as no additional resources … have been mobilized" (para 46):
    // the report gives lack of funds as the cause, so the status is "held back by funding".
    assert_eq!(named, ["2/2", "2/4", "2/5", "2/7", "2/9"]);
    let files = built(&common::repo());
    let funding = page(&files, "en/funding/index.html");
    assert!(funding
        .contains("the implementation of most resolutions is constrained by limited funding"));
    assert!(
        funding.contains("#para-1\""),
        "the finding links its paragraph"
    );
}

#[test]
fn the_fixture_funding_page_says_nothing_only_true_of_the_bundled_report() {
    let files = built(&common::fixture("tracking"));
    for lang in ["en", "zh"] {
        let funding = page(&files, &format!("{lang}/funding/index.html"));
        for claim in [
            "Most resolutions",
            "most resolutions",
            "大多数决议",
            "HSP/EB.2024/20",
        ] {
            assert!(!funding.contains(claim), "{lang}: {claim:?} on the fixture");
        }
    }
}

#[test]
fn every_count_on_the_home_page_opens_its_list_and_keeps_its_definition() {
    for dir in sites() {
        let files = built(&dir);
        let home = page(&files, "en/index.html");
        let glance = &home[home.find("class=\"glance\"").unwrap()..];
        let glance = &glance[..glance.find("</div>").unwrap()];
        for row in glance.split("<tr>").skip(2) {
            if !row.contains("scope=\"row\"") {
                continue;
            }
            assert!(
                row.contains("/en/resolutions/status/") || row.contains("/en/resolutions/funding/"),
                "{row}"
            );
            assert!(
                row.contains("/en/about/#"),
                "the label keeps its definition link: {row}"
            );
        }
    }
}

#[test]
fn charts_draw_coloured_bars_that_open_their_list() {
    let files = built(&common::repo());
    let css = page(&files, "static/style.css");
    let html = page(&files, "en/funding/index.html");
    let chart = &html[html.find("class=\"bars\"").unwrap()..];
    let chart = &chart[..chart.find("</ul>").unwrap()];
    let mut bars = 0;
    for row in chart.split("<li").skip(1) {
        bars += 1;
        let class = row.split("class=\"bar bar-").nth(1).unwrap();
        let key = &class[..class.find('"').unwrap()];
        assert!(
            css.contains(&format!(".bar-{key}")),
            "no fill for .bar-{key}"
        );
        assert!(
            row.contains(&format!("/en/resolutions/funding/{key}/")),
            "bar {key} opens no list"
        );
        assert!(
            !row.contains("<text"),
            "labels are HTML text, never clipped SVG text"
        );
    }
    assert!(bars >= 5);
}

// ---- tracker readings -------------------------------------------------------------------------

const READING: &str = r#"source:
  name: {en: Test tracker}
  url: "https://tracker.test/resolutions"
retrieved: "2033-11-01"
unit: {currency: USD, scale: 1000}
totals: {requirement: 3000, mobilized: 800, gap: 2200, gap_percent: 73}
resolutions:
  "1/2": {status: {en: Under implementation}, requirement: 1800, mobilized: 500, gap: 1300, gap_percent: 72}
"#;

/// The tracking fixture with one more reading, checked: (file, line, message) of each error.
fn with_reading(name: &str, text: &str) -> Vec<(String, Option<usize>, String)> {
    let dir = common::temp(name);
    common::copy_tree(&common::fixture("tracking"), &dir);
    std::fs::write(dir.join("content/trackers/test-2033-11-01.yaml"), text).unwrap();
    let diags = check(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    diags
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let file = d.file.file_name().unwrap().to_string_lossy().to_string();
            (file, d.line, d.message)
        })
        .collect()
}

#[test]
fn a_consistent_reading_with_a_truncated_percentage_passes() {
    // 1300 / 1800 = 72.2 %: the source shows 72, and 73 for 2200 / 3000 = 73.3 %.
    assert_eq!(with_reading("tr-ok", READING), vec![]);
}

#[test]
fn a_gap_that_is_not_requirement_minus_mobilized_is_an_error_at_its_line() {
    let e = with_reading("tr-gap", &READING.replace("gap: 1300", "gap: 1200"));
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].0, "test-2033-11-01.yaml");
    assert_eq!(e[0].1, Some(8));
    assert!(
        e[0].2.contains("1200") && e[0].2.contains("1300"),
        "{}",
        e[0].2
    );
}

#[test]
fn a_percentage_no_rounding_gives_is_an_error_and_so_are_bad_totals() {
    let e = with_reading(
        "tr-pct",
        &READING.replace("gap_percent: 72", "gap_percent: 70"),
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].1, Some(8));
    assert!(e[0].2.contains("gap %"), "{}", e[0].2);
    let e = with_reading("tr-tot", &READING.replace("gap: 2200", "gap: 2000"));
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].1, Some(6));
    assert!(e[0].2.contains("totals"), "{}", e[0].2);
}

#[test]
fn a_reading_naming_an_unknown_resolution_or_without_a_day_is_refused() {
    let e = with_reading("tr-unknown", &READING.replace("\"1/2\"", "\"9/9\""));
    assert!(
        e.iter().any(|(_, l, m)| *l == Some(8) && m.contains("9/9")),
        "{e:?}"
    );
    let e = with_reading("tr-day", &READING.replace("\"2033-11-01\"", "\"2033-11\""));
    assert!(
        e.iter()
            .any(|(_, l, m)| *l == Some(4) && m.contains("not a day")),
        "{e:?}"
    );
}

fn built_with(name: &str, text: &str) -> Vec<OutFile> {
    let dir = common::temp(name);
    common::copy_tree(&common::fixture("tracking"), &dir);
    std::fs::write(dir.join("content/trackers/test-2033-11-01.yaml"), text).unwrap();
    let files = built(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    files
}

#[test]
fn a_downward_revision_is_shown_as_a_revision_and_stated_values_as_stated() {
    let files = built(&common::fixture("tracking"));
    let html = page(&files, "en/resolutions/1-1/index.html");
    let table = &html[html.find("class=\"reflow tracker-table\"").unwrap()..];
    // 1/1: mobilized 6,500K then 6,100K: a revision by the source, never progress.
    assert!(table.contains(
        "US$6,100,000 <span class=\"mark mark-revised\">revised down from US$6,500,000</span>"
    ));
    // The second reading states no gap: computed, and marked so.
    assert!(table.contains("US$100,000 <span class=\"computed\">(computed)</span>"));
    // The report states 6,000,000 and the tracker 6,200,000: both shown, with their sources.
    assert!(html.contains("class=\"disagree\""));
    assert!(html
        .contains("US$6,000,000 in FICT/2033/1, US$6,200,000 in the Fictional resolution tracker"));
    // Truncated as the source shows it (72.2 %), never corrected.
    let html = page(&files, "en/resolutions/1-2/index.html");
    assert!(html.contains("72 %"), "the stated 72 % is kept");
    assert!(!html.contains("72.2 %"));
}

#[test]
fn a_currency_change_is_not_compared_and_the_totals_are_the_sources() {
    let eur = READING.replace("currency: USD", "currency: EUR").replace(
        "name: {en: Test tracker}\n  url: \"https://tracker.test/resolutions\"",
        "name: {en: Fictional resolution tracker}\n  url: \"https://tracker.example.net/resolutions\"",
    );
    let files = built_with("tr-eur", &eur);
    let html = page(&files, "en/resolutions/1-2/index.html");
    assert!(
        html.contains("changed its currency from USD to EUR"),
        "unit change is said"
    );
    let table = &html[html.find("class=\"reflow tracker-table\"").unwrap()..];
    let last = &table[table
        .rfind("€1,800,000")
        .expect("amounts in the new currency")..];
    assert!(!last.contains("revised"), "no revision across currencies");
    let funding = page(&files, "en/funding/index.html");
    // The totals row is the source's: 3,000K requirement, not a sum of the rows.
    assert!(
        funding.contains("€3,000,000"),
        "totals as stated, with their currency"
    );
}

#[test]
fn each_resolution_page_of_the_bundled_site_links_the_official_tracker() {
    let files = built(&common::repo());
    let site = site_model(&common::repo());
    assert!(site.trackers.is_empty(), "no undated figures are bundled");
    let by_lang: BTreeMap<&str, usize> = site
        .config
        .language_codes()
        .into_iter()
        .map(|l| {
            let n = site
                .resolutions
                .iter()
                .filter(|r| {
                    page(
                        &files,
                        &format!("{l}/resolutions/{}/index.html", r.id.slug()),
                    )
                    .contains("href=\"https://unhabitat.org/unhabitat-resolutions\"")
                })
                .count();
            (l, n)
        })
        .collect();
    assert!(
        by_lang.values().all(|n| *n == site.resolutions.len()),
        "{by_lang:?}"
    );
}

/// A small RFC 4180 reader (every cell quoted, quotes doubled, CRLF rows), as a spreadsheet reads.
fn read_csv(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let text = std::str::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte order mark");
    let mut rows: Vec<Vec<String>> = vec![];
    let (mut row, mut cell, mut quoted, mut chars) =
        (vec![], String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    let header = rows.remove(0);
    rows.into_iter()
        .map(|r| {
            assert_eq!(r.len(), header.len(), "every row has every column");
            header.iter().cloned().zip(r).collect()
        })
        .collect()
}

#[test]
fn every_data_file_gives_the_same_shortfall_answer() {
    for dir in sites() {
        let site = site_model(&dir);
        let named = derived(&site);
        let files = built(&dir);
        let file = |p: &str| &files.iter().find(|f| f.path == p).unwrap().bytes;
        let from_csv: BTreeSet<String> = read_csv(file("data/resolutions.csv"))
            .into_iter()
            .filter(|r| r["shortfall"] == "named")
            .map(|r| r["resolution"].clone())
            .collect();
        assert_eq!(from_csv, named, "resolutions.csv");
        let json: serde_json::Value =
            serde_json::from_slice(file("data/resolutions.json")).unwrap();
        let from_json: BTreeSet<String> = json
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                r["updates"]
                    .as_array()
                    .unwrap()
                    .last()
                    .is_some_and(|u| u["shortfall"] == "named")
            })
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(from_json, named, "resolutions.json");
        // funding.csv: a row per resolution and report with that report's answer, and a row per tracker
        // reading, whose figures are in whole currency units.
        let rows = read_csv(file("data/funding.csv"));
        let reports: usize = site.reports.iter().map(|r| r.updates.len()).sum();
        let readings: usize = site.trackers.iter().map(|t| t.resolutions.len()).sum();
        assert_eq!(rows.len(), reports + readings);
        for rep in &site.reports {
            for u in &rep.updates {
                let row = rows
                    .iter()
                    .find(|r| {
                        r["source"] == rep.symbol && r["resolution"] == u.resolution.to_string()
                    })
                    .unwrap();
                assert_eq!(row["shortfall"], shortfall::key(Some(u)));
                assert_eq!(row["status"], u.status.key());
            }
        }
        for r in rows.iter().filter(|r| r["source_kind"] == "tracker") {
            assert_eq!(
                r["shortfall"], "",
                "a tracker states figures, not our reading of a report"
            );
            assert_eq!(r["unit_scale"], "1000");
            assert!(
                r["requirement"].ends_with("000"),
                "whole units: {}",
                r["requirement"]
            );
        }
    }
}

#[test]
fn csv_lists_keep_their_items_apart_and_links_are_absolute_with_a_base_url() {
    let dir = common::fixture("tracking");
    let r = render_site(&dir, Some("https://portal.test/p/"));
    let file = &r
        .files
        .iter()
        .find(|f| f.path == "data/funding.csv")
        .unwrap()
        .bytes;
    let rows = read_csv(file);
    let with_list = rows
        .iter()
        .find(|r| r["sources_en"].contains('\n'))
        .expect("a row naming several sources");
    assert!(with_list["sources_en"]
        .split('\n')
        .all(|s| !s.trim().is_empty()));
    for r in rows.iter().filter(|r| !r["evidence_url_en"].is_empty()) {
        for url in r["evidence_url_en"].split('\n') {
            assert!(
                url.starts_with("https://portal.test/p/en/resolutions/"),
                "{url}"
            );
        }
    }
}
