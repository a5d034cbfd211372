//! Tracking over time must not state what the sources do not (issue 22): a currency change is said
//! as one, one document is one report, totals never saturate, currencies are ISO 4217 codes and
//! report symbols are document symbols. Each test breaks a copy of a fixture site.

mod common;

use common::{check_json, edit, errors, portal, site_copy};
use std::path::{Path, PathBuf};

const LATEST: &str = "content/reports/fict-2033-1/1-2.yaml";

fn build(dir: &Path) -> (Option<i32>, PathBuf) {
    let out = dir.join("out");
    let o = portal(&[
        "build",
        "--site",
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (o.status.code(), out)
}

fn read(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join(page)).unwrap()
}

/// F14: 1/2 states US$1,000,000 / 250,000 in FICT/2032/2 and, here, €1,000,000 / €600,000 in
/// FICT/2033/1. The "what changed" page says the currency changed (in both languages), never
/// "newly stated"; the resolution page says "restated", not "revised from".
#[test]
fn a_figure_restated_in_another_currency_is_a_currency_change() {
    let dir = site_copy("tracking", "currency-change");
    let p = dir.join(LATEST);
    let s = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, s.replace("currency: USD", "currency: EUR")).unwrap();
    let (_, out) = build(&dir);
    let en = read(&out, "en/reports/fict-2033-1/changes/index.html");
    let zh = read(&out, "zh/reports/fict-2033-1/changes/index.html");
    for field in [
        "Requirement: </span>US$1,000,000 → €1,000,000",
        "Mobilized: </span>US$250,000 → €600,000",
    ] {
        let at = en
            .find(field)
            .unwrap_or_else(|| panic!("{field} not in the page"));
        let rest = &en[at..at + 300];
        assert!(rest.contains("currency changed"), "{rest}");
        assert!(
            !rest.contains("newly stated") && !rest.contains("mark-revised"),
            "{rest}"
        );
    }
    assert_eq!(en.matches("mark-currency").count(), 2);
    assert_eq!(zh.matches("币种改变").count(), 2);
    assert!(!zh.contains("新载明"));
    let page = read(&out, "en/resolutions/1-2/index.html");
    assert!(
        page.contains("restated in another currency (earlier US$1,000,000)"),
        "resolution page"
    );
    assert!(!page.contains("revised from US$1,000,000"));

    // The same amount in the same currency is no change; another amount is a revision.
    let dir = site_copy("tracking", "currency-same");
    edit(
        &dir,
        LATEST,
        "amount: 1000000, currency: USD",
        "amount: 1200000, currency: USD",
    );
    let (_, out) = build(&dir);
    let en = read(&out, "en/reports/fict-2033-1/changes/index.html");
    assert!(
        en.contains("US$1,000,000 → US$1,200,000 <span class=\"mark mark-revised\">"),
        "revision"
    );
    assert!(!en.contains("mark-currency"));
}

/// M01: a report folder copied under another name (same symbol) is an error naming both folders,
/// whatever the case of the copy's symbol.
#[test]
fn one_document_in_two_folders_is_an_error() {
    for symbol in ["FICT/2033/1", "fict/2033/1"] {
        let dir = site_copy("tracking", "duplicate-report");
        common::copy_tree(
            &dir.join("content/reports/fict-2033-1"),
            &dir.join("content/reports/fict-2033-0"),
        );
        edit(
            &dir,
            "content/reports/fict-2033-0/report.yaml",
            "symbol: FICT/2033/1",
            &format!("symbol: {symbol}"),
        );
        let (exit, d) = check_json(&dir);
        assert_eq!(exit, Some(1), "{symbol}");
        let dup: Vec<_> = errors(&d)
            .into_iter()
            .filter(|p| p.message.contains("one document in two folders"))
            .collect();
        assert_eq!(dup.len(), 1, "{symbol}: {d:#?}");
        assert!(dup[0].message.contains("fict-2033-0") && dup[0].message.contains("fict-2033-1"));
        assert!(
            dup[0].file.ends_with("/report.yaml") && dup[0].line == Some(1),
            "{:?}",
            dup[0]
        );
        let o = portal(&[
            "build",
            "--site",
            dir.to_str().unwrap(),
            "--out",
            dir.join("out").to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "nothing is published twice");
    }
}

/// F06: the funding page's totals are checked sums: one that does not fit in 2^64 − 1 is an error
/// at the figure that overflowed it (1/1, listed first, states 6,000,000 of 6,500,000).
#[test]
fn totals_that_overflow_are_errors_at_the_figure() {
    let dir = site_copy("tracking", "total-overflow");
    edit(
        &dir,
        LATEST,
        "requirement: {amount: 1000000,",
        "requirement: {amount: 18446744073709551615,",
    );
    let (exit, d) = check_json(&dir);
    assert_eq!(exit, Some(1));
    let e = errors(&d);
    assert_eq!(e.len(), 1, "{d:#?}");
    assert_eq!((e[0].file.as_str(), e[0].line), (LATEST, Some(12)));
    assert!(
        e[0].message
            .starts_with("with this requirement figure, the total requirement in USD"),
        "{}",
        e[0].message
    );
    // Mobilized: 1/1 now requires nothing and mobilizes 6,500,000; 1/2 mobilizes nearly 2^64.
    edit(
        &dir,
        "content/reports/fict-2033-1/1-1.yaml",
        "requirement: {amount: 6000000,",
        "requirement: {amount: 0,",
    );
    edit(
        &dir,
        LATEST,
        "mobilized: {amount: 600000,",
        "mobilized: {amount: 18446744073709551000,",
    );
    let (exit, d) = check_json(&dir);
    assert_eq!(exit, Some(1));
    let e = errors(&d);
    assert_eq!(e.len(), 1, "{d:#?}");
    assert_eq!((e[0].file.as_str(), e[0].line), (LATEST, Some(13)));
    assert!(
        e[0].message
            .starts_with("with this mobilized figure, the total mobilized in USD"),
        "{}",
        e[0].message
    );
}

/// F12: only ISO 4217 codes are currencies, in report figures, amounts and trackers; each wrong
/// code is reported at its own line.
#[test]
fn currencies_are_iso_4217_codes_each_at_its_line() {
    for code in ["ABC", "XXX", "usd", "US$"] {
        let dir = site_copy("tracking", "currency-code");
        let p = dir.join(LATEST);
        let s = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, s.replace("currency: USD", &format!("currency: {code}"))).unwrap();
        let (exit, d) = check_json(&dir);
        assert_eq!(exit, Some(1), "{code}");
        let lines: Vec<_> = errors(&d)
            .into_iter()
            .filter(|p| p.message == format!("`{code}` is not a currency code"))
            .map(|p| (p.file.clone(), p.line))
            .collect();
        assert_eq!(
            lines,
            [
                (LATEST.to_string(), Some(12)),
                (LATEST.to_string(), Some(13))
            ],
            "{code}: {d:#?}"
        );
    }
    let dir = site_copy("tracking", "tracker-currency");
    let t = "content/trackers/fictional-tracker-2033-04-01.yaml";
    edit(&dir, t, "unit: {currency: USD,", "unit: {currency: ABC,");
    let (exit, d) = check_json(&dir);
    assert_eq!(exit, Some(1));
    let e = errors(&d);
    assert_eq!(e.len(), 1, "{d:#?}");
    assert_eq!(
        (e[0].file.as_str(), e[0].line, e[0].message.as_str()),
        (t, Some(8), "`ABC` is not a currency code")
    );
}

/// F10: a gap in another currency names the two currencies, not two equal numbers.
#[test]
fn a_gap_in_another_currency_names_both_currencies() {
    let dir = site_copy("tracking", "gap-currency");
    edit(
        &dir,
        LATEST,
        "mobilized: {amount: 600000, currency: USD, as_of: \"2033-02\", para: 3}",
        "mobilized: {amount: 600000, currency: USD, as_of: \"2033-02\", para: 3}\n    gap: {amount: 400000, currency: EUR, para: 3}",
    );
    let (exit, d) = check_json(&dir);
    assert_eq!(exit, Some(1));
    let e = errors(&d);
    assert_eq!(e.len(), 1, "{d:#?}");
    assert_eq!(
        e[0].message,
        "the stated gap is in EUR, but requirement and mobilized are in USD"
    );
}

/// M02: a report's symbol is checked as a resolution's is; so are its documents' symbols.
#[test]
fn report_symbols_are_document_symbols() {
    let report = "content/reports/fict-2033-1/report.yaml";
    for symbol in [
        "\"\"",
        "\"../../../evil.example/x\"",
        "\"<script>\"",
        "/",
        "A//B",
    ] {
        let dir = site_copy("tracking", "report-symbol");
        edit(
            &dir,
            report,
            "symbol: FICT/2033/1",
            &format!("symbol: {symbol}"),
        );
        let (exit, d) = check_json(&dir);
        assert_eq!(exit, Some(1), "{symbol}");
        let e: Vec<_> = errors(&d)
            .into_iter()
            .filter(|p| p.message.ends_with("is not a document symbol"))
            .collect();
        assert_eq!(e.len(), 1, "{symbol}: {d:#?}");
        assert_eq!(
            (e[0].file.as_str(), e[0].line),
            (report, Some(1)),
            "{symbol}"
        );
    }
}
