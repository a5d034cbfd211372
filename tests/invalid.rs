//! One test per class of bad input a maintainer can make: each breaks a copy of the fixture site and
//! asserts the exact file, line and message `portal check` reports, and that `portal build` refuses to
//! replace the previous output.

mod common;

use resolution_portal::diagnostics::{Diagnostic, Severity};
use resolution_portal::{build, check, BuildOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A copy of the fixture site with `edit` applied, checked; returns the diagnostics with paths relative
/// to the site.
fn broken(name: &str, edit: impl FnOnce(&Path)) -> Vec<(String, Option<usize>, Severity, String)> {
    let dir = common::temp(name);
    common::copy_tree(&common::fixture("basic"), &dir);
    edit(&dir);
    let diags = check(&dir);
    // The fixture is built under a placeholder host on purpose (its golden files show absolute links);
    // the warning about that is checked in `golden.rs`, not repeated in every case here.
    let out = diags
        .iter()
        .filter(|d| !d.message.contains("placeholder host"))
        .map(|d: &Diagnostic| {
            (
                d.file
                    .strip_prefix(&dir)
                    .unwrap_or(&d.file)
                    .display()
                    .to_string(),
                d.line,
                d.severity,
                d.message.clone(),
            )
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn write(dir: &Path, rel: &str, text: &str) {
    std::fs::write(dir.join(rel), text).unwrap();
}

fn replace(dir: &Path, rel: &str, from: &str, to: &str) {
    let p = dir.join(rel);
    let s = std::fs::read_to_string(&p).unwrap();
    assert!(s.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(p, s.replacen(from, to, 1)).unwrap();
}

fn has(
    diags: &[(String, Option<usize>, Severity, String)],
    file: &str,
    line: Option<usize>,
    message: &str,
) {
    assert!(
        diags
            .iter()
            .any(|(f, l, s, m)| f == file && *l == line && *s == Severity::Error && m == message),
        "expected error {file}:{line:?}: {message}\ngot: {diags:#?}"
    );
}

const RES: &str = "content/resolutions/1-1.yaml";
const UPD: &str = "content/reports/test-report/1-1.yaml";

#[test]
fn yaml_syntax_error() {
    let d = broken("syntax", |s| replace(s, RES, "year: 2019", "year: [2019"));
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].0, RES);
    assert!(d[0].1.is_some(), "a syntax error has a line");
}

#[test]
fn unknown_field_with_suggestion() {
    let dir = common::temp("unknown-hint");
    common::copy_tree(&common::fixture("basic"), &dir);
    replace(&dir, RES, "title:", "titel:");
    let diags = check(&dir);
    let d = diags
        .iter()
        .find(|d| d.message.starts_with("unknown field `titel`"))
        .expect("unknown field reported");
    assert_eq!((d.line, d.column), (Some(4), Some(1)));
    assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_and_mistyped_fields() {
    let d = broken("missing", |s| replace(s, RES, "year: 2019\n", ""));
    has(&d, RES, Some(1), "missing field `year`");
    let d = broken("mistyped", |s| replace(s, RES, "year: 2019", "year: soon"));
    assert!(
        d.iter().any(|(f, l, _, m)| f == RES
            && *l == Some(2)
            && m.starts_with("year: invalid type: string \"soon\"")),
        "{d:#?}"
    );
}

#[test]
fn controlled_vocabulary() {
    let d = broken("vocab", |s| {
        replace(s, UPD, "status: in-progress", "status: done")
    });
    assert!(
        d.iter().any(|(f, l, _, m)| f == UPD
            && *l == Some(4)
            && m.starts_with("status: unknown variant `done`, expected one of `completed`")),
        "{d:#?}"
    );
}

#[test]
fn duplicate_and_mismatched_ids() {
    let d = broken("dup", |s| {
        replace(
            s,
            "content/resolutions/1-2.yaml",
            "id: \"1/2\"",
            "id: \"1/1\"",
        )
    });
    has(
        &d,
        "content/resolutions/1-2.yaml",
        Some(1),
        "the id \"1/1\" does not match the file name `1-2.yaml`",
    );
    has(
        &d,
        "content/resolutions/1-2.yaml",
        Some(1),
        "resolution 1/1 is defined twice",
    );
}

#[test]
fn ids_that_could_become_paths_are_rejected() {
    let d = broken("pathid", |s| {
        replace(s, RES, "id: \"1/1\"", "id: \"../../etc\"")
    });
    assert!(
        d.iter().any(|(f, l, _, m)| f == RES
            && *l == Some(1)
            && m.contains("`../../etc` is not a resolution number")),
        "{d:#?}"
    );
}

#[test]
fn dangling_references() {
    let d = broken("dangling", |s| {
        replace(
            s,
            UPD,
            "{symbol: TEST/2024/2, para: 3}",
            "{symbol: TEST/2024/99, para: 3}",
        );
        replace(s, UPD, "  - para: 2\n", "  - para: 7\n");
        replace(
            s,
            "content/funding/test-window.yaml",
            "report: test-report",
            "report: nope",
        );
        std::fs::copy(s.join(UPD), s.join("content/reports/test-report/1-9.yaml")).unwrap();
        replace(
            s,
            "content/reports/test-report/1-9.yaml",
            "resolution: \"1/1\"",
            "resolution: \"1/9\"",
        );
    });
    has(
        &d,
        UPD,
        Some(25),
        "document `TEST/2024/99` is not in the report's `documents`",
    );
    has(
        &d,
        UPD,
        Some(6),
        "`status_evidence` quotes paragraph 7, which is not one of this update's paragraphs",
    );
    has(
        &d,
        "content/funding/test-window.yaml",
        Some(3),
        "report `nope` does not exist",
    );
    has(
        &d,
        "content/reports/test-report/1-9.yaml",
        Some(1),
        "resolution 1/9 has no record",
    );
}

#[test]
fn broken_internal_link_in_markdown() {
    let d = broken("link", |s| {
        replace(
            s,
            "content/resolutions/1-1.zh.md",
            "/resolutions/1-2/#para-4",
            "/resolutions/1-7/",
        )
    });
    has(
        &d,
        "content/resolutions/1-1.zh.md",
        Some(1),
        "the internal link `/resolutions/1-7/` points to no page",
    );
}

#[test]
fn paragraph_number_used_twice() {
    let d = broken("twice", |s| {
        replace(
            s,
            "content/reports/test-report/1-2.yaml",
            "paragraphs: [4]",
            "paragraphs: [3]",
        );
        for _ in 0..2 {
            replace(
                s,
                "content/reports/test-report/1-2.yaml",
                "- para: 4",
                "- para: 3",
            );
        }
        for l in ["en", "zh"] {
            replace(
                s,
                &format!("content/reports/test-report/1-2.{l}.md"),
                "§ 4",
                "§ 3",
            );
        }
    });
    assert!(
        d.iter()
            .any(|(f, _, _, m)| f == "content/reports/test-report/1-2.yaml"
                && m == "paragraph 3 is used twice in this report (also by resolution 1/1)"),
        "{d:#?}"
    );
}

#[test]
fn paragraph_marker_problems() {
    let d = broken("markers", |s| {
        write(
            s,
            "content/reports/test-report/1-2.en.md",
            "§ 4\n\ntext\n\n§ 4\n\nagain\n",
        )
    });
    has(
        &d,
        "content/reports/test-report/1-2.en.md",
        Some(5),
        "paragraph 4 appears twice in this file",
    );
    let d = broken("marker-syntax", |s| {
        write(
            s,
            "content/reports/test-report/1-2.en.md",
            "§ four\n\ntext\n",
        )
    });
    has(
        &d,
        "content/reports/test-report/1-2.en.md",
        Some(1),
        "`§ four` is not a paragraph marker",
    );
}

#[test]
fn language_without_ui_strings_and_missing_fluent_message() {
    let d = broken("nolang", |s| {
        replace(s, "site.yaml", "  - {code: zh, html_lang: zh-Hans, name: 中文}", "  - {code: zh, html_lang: zh-Hans, name: 中文}\n  - {code: fr, html_lang: fr, name: Français}")
    });
    assert!(
        d.iter().any(
            |(f, _, _, m)| f.ends_with("i18n/fr.ftl") && m == "language `fr` has no UI strings"
        ),
        "{d:#?}"
    );
    assert!(
        d.iter()
            .any(|(f, _, _, m)| f == RES && m == "`title` has no `fr` text"),
        "{d:#?}"
    );

    let d = broken("nomsg", |s| {
        common::copy_tree(
            &common::repo().join("themes/default"),
            &s.join("themes/default"),
        );
        replace(s, "themes/default/i18n/zh.ftl", "nav-funding = 资金\n", "");
    });
    has(
        &d,
        "themes/default/i18n/zh.ftl",
        None,
        "the message `nav-funding` is missing in `zh`",
    );
}

#[test]
fn narrative_missing_in_one_language_is_an_error_or_a_visible_warning() {
    let d = broken("notrans", |s| {
        std::fs::remove_file(s.join("content/reports/test-report/1-2.zh.md")).unwrap()
    });
    has(
        &d,
        "content/reports/test-report/1-2.zh.md",
        None,
        "the `zh` paragraphs of resolution 1/2 are missing",
    );

    let dir = common::temp("notrans-warn");
    common::copy_tree(&common::fixture("basic"), &dir);
    std::fs::remove_file(dir.join("content/reports/test-report/1-2.zh.md")).unwrap();
    replace(
        &dir,
        "site.yaml",
        "default_language: en",
        "default_language: en\nmissing_translation: warn",
    );
    let r = resolution_portal::render_site(&dir, None);
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    assert!(r.diagnostics.iter().any(|d| d.severity == Severity::Warning
        && d.message
            .contains("`zh` paragraphs of resolution 1/2 are missing")));
    let page = r
        .files
        .iter()
        .find(|f| f.path == "zh/resolutions/1-2/index.html")
        .unwrap();
    let html = String::from_utf8_lossy(&page.bytes);
    assert!(
        html.contains("尚未翻译"),
        "the page shows a not-yet-translated notice"
    );
    assert!(
        html.contains("<ol class=\"paras\" lang=\"en\""),
        "the fallback text is marked as English"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn invalid_utf8_and_empty_files() {
    let d = broken("utf8", |s| {
        std::fs::write(
            s.join(RES),
            b"id: \"1/1\"\nyear: 2019\ntitle: {en: \"caf\xe9\", zh: x}\n",
        )
        .unwrap()
    });
    has(&d, RES, Some(3), "the file is not valid UTF-8");
    let d = broken("empty", |s| write(s, "content/resolutions/1-2.yaml", "\n"));
    has(
        &d,
        "content/resolutions/1-2.yaml",
        None,
        "the file is empty",
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let d = broken("many", |s| {
        replace(s, RES, "title:", "titel:");
        replace(s, UPD, "status: in-progress", "status: done");
        replace(
            s,
            "content/resolutions/1-1.zh.md",
            "/resolutions/1-2/#para-4",
            "/resolutions/1-7/",
        );
    });
    let files: std::collections::BTreeSet<&str> = d
        .iter()
        .filter(|x| x.2 == Severity::Error)
        .map(|x| x.0.as_str())
        .collect();
    assert!(files.contains(RES) && files.contains(UPD), "{d:#?}");
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let dir = common::temp("atomic");
    common::copy_tree(&common::fixture("basic"), &dir);
    let out = dir.join("public");
    let opts = BuildOptions {
        site: dir.clone(),
        out: out.clone(),
        base_url: None,
    };
    assert!(!build(&opts).has_errors());
    let before = common::read_tree(&out);
    replace(&dir, RES, "title:", "titel:");
    assert!(build(&opts).has_errors());
    assert_eq!(
        common::read_tree(&out),
        before,
        "the previous output must be untouched"
    );
    let leftovers: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".public")
        })
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary folders left: {leftovers:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = common::temp("twice-built");
    let opts = |o: &str| BuildOptions {
        site: common::fixture("basic"),
        out: dir.join(o),
        base_url: None,
    };
    assert!(!build(&opts("a")).has_errors());
    assert!(!build(&opts("b")).has_errors());
    assert_eq!(
        common::read_tree(&dir.join("a")),
        common::read_tree(&dir.join("b"))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exit_codes_and_formats() {
    let bin = env!("CARGO_BIN_EXE_portal");
    let dir = common::temp("cli");
    common::copy_tree(&common::fixture("basic"), &dir);
    let run = |args: &[&str]| Command::new(bin).args(args).output().unwrap();
    let site = dir.to_str().unwrap();
    assert_eq!(run(&["check", "--site", site]).status.code(), Some(0));
    assert_eq!(run(&["build", "--bogus"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    replace(&dir, RES, "title:", "titel:");
    let o = run(&["check", "--site", site, "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains(
            "::error file=content/resolutions/1-1.yaml,line=4,col=1::unknown field `titel`"
        ),
        "{stdout}"
    );
    let o = run(&["check", "--site", site, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let titel = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .starts_with("unknown field `titel`")
        })
        .unwrap();
    assert_eq!(
        (
            titel["file"].as_str(),
            titel["line"].as_u64(),
            titel["severity"].as_str()
        ),
        (Some("content/resolutions/1-1.yaml"), Some(4), Some("error"))
    );
    let o = run(&[
        "build",
        "--site",
        site,
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.join("out").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A judgement must carry the report's own words, and those words must support its label.
#[test]
fn judgements_need_the_reports_words() {
    const U2: &str = "content/reports/test-report/1-2.yaml";
    // A quote that is not in its paragraph, in one language.
    let d = broken("quote", |s| {
        replace(
            s,
            UPD,
            "zh: 2024 年 4 月在金贾举行了专家会议",
            "zh: 2024 年 5 月在金贾举行了专家会议",
        )
    });
    has(
        &d,
        UPD,
        Some(7),
        "the `zh` quote is not in paragraph 2 of 1-1.zh.md",
    );
    // A label without words, and words under a label that says the report is silent.
    let d = broken("no-evidence", |s| {
        replace(
            s,
            U2,
            "status_evidence:\n  - para: 4\n    quote: {zh: 进展有限, en: Progress is limited}\n",
            "",
        );
        replace(s, U2, "status: shortfall-stated", "status: nothing-stated");
    });
    has(
        &d,
        U2,
        Some(4),
        "status `limited-progress` has no `status_evidence`",
    );
    has(
        &d,
        U2,
        Some(6),
        "funding `nothing-stated` says the report is silent, yet `evidence` quotes it",
    );
    // Words that entail a stronger label (content/vocabulary.yaml: 进展有限 is limited progress).
    let d = broken("weaker", |s| {
        replace(s, U2, "status: limited-progress", "status: in-progress")
    });
    has(
        &d,
        U2,
        Some(4),
        "the quoted words entail status `limited-progress` (they contain “进展有限”), which takes precedence over `in-progress`",
    );
    // Words that do not state what the label means.
    let d = broken("unsupported", |s| {
        replace(s, U2, "status: shortfall-stated", "status: amount-stated")
    });
    has(
        &d,
        U2,
        Some(9),
        "the quoted `zh` words do not state what funding `amount-stated` means",
    );
    // A vocabulary naming a label that does not exist.
    let d = broken("vocabulary", |s| {
        replace(
            s,
            "content/vocabulary.yaml",
            "limited-progress:",
            "limited:",
        )
    });
    has(
        &d,
        "content/vocabulary.yaml",
        Some(3),
        "`limited` is not a status value",
    );
}

/// Funding figures: a stated gap must be requirement − mobilized, the two share a currency, and each
/// figure names its evidence (a paragraph of the update or a document of the report).
#[test]
fn funding_figures_that_disagree_or_lack_evidence() {
    let rel = "content/reports/test-report/1-1.yaml";
    let d = broken("figures", |dir| {
        let p = dir.join(rel);
        let mut s = std::fs::read_to_string(&p).unwrap();
        s.push_str(
            "  figures:\n    requirement: {amount: 5000000, currency: USD, para: 3}\n    mobilized: {amount: 2000000, currency: USD, para: 3}\n    gap: {amount: 2500000, currency: USD, para: 3}\n",
        );
        std::fs::write(p, s).unwrap();
    });
    // The `figures:` line, appended after the fixture's last line.
    let fixture = std::fs::read_to_string(common::fixture("basic").join(rel)).unwrap();
    let line = Some(fixture.lines().count() + 1);
    has(
        &d,
        rel,
        line,
        "the stated gap 2500000 disagrees with requirement − mobilized = 3000000",
    );

    let d = broken("figures-evidence", |dir| {
        let p = dir.join(rel);
        let mut s = std::fs::read_to_string(&p).unwrap();
        s.push_str(
            "  figures:\n    requirement: {amount: 5000000, currency: USD}\n    mobilized: {amount: 2000000, currency: EUR, document: NOT/A/DOC}\n",
        );
        std::fs::write(p, s).unwrap();
    });
    assert!(
        d.iter()
            .any(|(f, _, _, m)| f == rel
                && m == "the requirement figure needs one piece of evidence"),
        "{d:#?}"
    );
    assert!(
        d.iter().any(|(f, _, _, m)| f == rel
            && m == "the mobilized figure cites `NOT/A/DOC`, which is not in the report's `documents`"),
        "{d:#?}"
    );
    assert!(
        d.iter()
            .any(|(f, _, _, m)| f == rel && m == "requirement is in USD but mobilized is in EUR"),
        "{d:#?}"
    );
}

#[test]
fn an_event_dated_with_a_year_its_paragraph_does_not_give() {
    // 1/4 once gave the World Urban Forum "2024" though its paragraph gives no year: a fact's date is
    // checked against its paragraph, as quotes are, in every language, and at the date's own line.
    let d = broken("event-year", |s| {
        replace(s, UPD, "date: \"2024-04\"", "date: \"2023-04\"")
    });
    let errors: Vec<_> = d.iter().filter(|x| x.2 == Severity::Error).collect();
    assert_eq!(errors.len(), 2, "one per language: {d:#?}");
    assert!(
        errors
            .iter()
            .all(|e| e.0 == UPD && e.1 == Some(15) && e.3.contains("dated 2023")),
        "{d:#?}"
    );
    // A year inside a longer number is no year of the text.
    let d = broken("event-end", |s| {
        replace(
            s,
            UPD,
            "date: \"2024-04\"",
            "date: \"2024-04\"\n    end: \"2025-01\"",
        )
    });
    assert!(
        d.iter()
            .any(|e| e.2 == Severity::Error && e.3.contains("dated 2025")),
        "{d:#?}"
    );
    // Left out, no date is shown and nothing is refused.
    let d = broken("event-undated", |s| {
        replace(s, UPD, "    date: \"2024-04\"\n", "")
    });
    assert!(d.iter().all(|e| e.2 != Severity::Error), "{d:#?}");
}

#[test]
fn base_url_in_site_yaml_is_read_as_the_flag_is() {
    // `HTTPS://` and an upper-case host are the same URL (accepted, written in lower case); a port
    // outside 1–65535 is no port (refused at its line), as `--base-url` has them.
    let d = broken("base-upper", |s| {
        replace(
            s,
            "site.yaml",
            "base_url: https://example.org/",
            "base_url: HTTPS://EXAMPLE.ORG/",
        )
    });
    assert!(d.iter().all(|e| e.2 != Severity::Error), "{d:#?}");
    for port in ["99999", "0", "x"] {
        let d = broken(&format!("base-port-{port}"), |s| {
            replace(
                s,
                "site.yaml",
                "base_url: https://example.org/",
                &format!("base_url: https://portal.test:{port}/"),
            )
        });
        assert!(
            d.iter().any(|e| e.0 == "site.yaml"
                && e.1.is_some()
                && e.2 == Severity::Error
                && e.3.contains("not a port number")),
            "{port}: {d:#?}"
        );
    }
}
