//! Regression tests for the red-team findings of issue 17, one per class: each runs the `portal`
//! binary on a broken copy of the fixture site and asserts the exit code and the file, line and
//! message reported (JSON format), or that the build was safe.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const RES: &str = "content/resolutions/1-1.yaml";

/// (severity, file, line, message) of one problem.
type Diag = (String, String, Option<u64>, String);

fn site(name: &str) -> PathBuf {
    let dir = common::temp(name);
    common::copy_tree(&common::fixture("basic"), &dir);
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .output()
        .unwrap()
}

/// `portal check --format json`: exit code and (severity, file, line, message) of each problem.
fn check(dir: &Path) -> (Option<i32>, Vec<Diag>) {
    let o = run(&["check", "--site", dir.to_str().unwrap(), "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or(Value::Array(vec![]));
    let diags = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (o.status.code(), diags)
}

fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let p = dir.join(rel);
    let s = std::fs::read_to_string(&p).unwrap();
    assert!(s.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(p, s.replacen(from, to, 1)).unwrap();
}

fn only_error(d: &[Diag], file: &str, line: Option<u64>, message: &str) {
    let errors: Vec<_> = d.iter().filter(|x| x.0 == "error").collect();
    assert_eq!(errors.len(), 1, "one error expected: {d:#?}");
    assert_eq!(
        (errors[0].1.as_str(), errors[0].2, errors[0].3.as_str()),
        (file, line, message),
        "{d:#?}"
    );
}

#[test]
fn language_code_with_a_path_separator_is_one_error_not_a_crash() {
    for code in ["../x", "zh/x"] {
        let dir = site("lang-sep");
        edit(&dir, "site.yaml", "code: zh,", &format!("code: {code},"));
        let (exit, d) = check(&dir);
        assert_eq!(exit, Some(1));
        only_error(
            &d,
            "site.yaml",
            Some(9),
            &format!("`{code}` is not a language code"),
        );
        let o = run(&["build", "--site", dir.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn invalid_settings_stop_what_depends_on_them() {
    let dir = site("settings");
    let append = |s: &str| {
        let p = dir.join("site.yaml");
        let t = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, format!("{t}{s}\n")).unwrap();
    };
    append("theme: ../../../../usr");
    let (exit, d) = check(&dir);
    assert_eq!(exit, Some(1));
    only_error(
        &d,
        "site.yaml",
        Some(13),
        "theme `../../../../usr` is not a folder name",
    );

    // No languages: the one real error, not one per text.
    let dir2 = site("no-langs");
    let p = dir2.join("site.yaml");
    let t = std::fs::read_to_string(&p).unwrap();
    let start = t.find("languages:").unwrap();
    let end = t.find("default_language").unwrap();
    std::fs::write(&p, format!("{}languages: []\n{}", &t[..start], &t[end..])).unwrap();
    let (_, d) = check(&dir2);
    only_error(&d, "site.yaml", None, "no languages are configured");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&dir2);
}

#[test]
fn url_settings_are_validated_in_site_yaml_and_on_the_command_line() {
    let dir = site("urls");
    let s = dir.to_str().unwrap();
    for bad in [
        "javascript:alert(1)//",
        "//evil.example/",
        "https://example.org/?x=1",
        "https://exa mple.org/",
        "",
        "portal/",
    ] {
        let o = run(&["build", "--site", s, "--base-url", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.starts_with("error: --base-url `"), "{bad}: {err}");
        assert!(!dir.join("public").exists());
    }
    edit(
        &dir,
        "site.yaml",
        "https://example.org/portal/",
        "//evil.example/",
    );
    let (exit, d) = check(&dir);
    assert_eq!(exit, Some(1));
    only_error(
        &d,
        "site.yaml",
        Some(11),
        "base_url `//evil.example/` is not an absolute URL starting with https:// or http://",
    );
    edit(&dir, "site.yaml", "//evil.example/", "https://example.org/");
    let p = dir.join("site.yaml");
    let t = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        format!("{t}document_url: \"javascript:alert(1)//{{symbol}}\"\n"),
    )
    .unwrap();
    let (_, d) = check(&dir);
    only_error(
        &d,
        "site.yaml",
        Some(13),
        "document_url `javascript:alert(1)//{symbol}` is not an absolute URL starting with https:// or http://",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_theme_of_its_own_must_be_complete() {
    let dir = site("theme");
    common::copy_tree(
        &common::repo().join("themes/default"),
        &dir.join("themes/mine"),
    );
    let p = dir.join("site.yaml");
    let t = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, format!("{t}theme: mine\n")).unwrap();
    std::fs::remove_file(dir.join("themes/mine/templates/resolution.html")).unwrap();
    std::fs::remove_file(dir.join("themes/mine/static/style.css")).unwrap();
    let (exit, d) = check(&dir);
    assert_eq!(exit, Some(1));
    only_error(
        &d,
        "themes/mine/templates/resolution.html",
        None,
        "the theme has no `resolution.html`, which the build needs",
    );
    assert!(d.iter().any(|x| x.0 == "warning"
        && x.1 == "themes/mine/static/style.css"
        && x.3.contains("which every page links to")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn duplicate_keys_are_errors_at_their_line() {
    let dir = site("dup");
    edit(
        &dir,
        RES,
        "  zh: 第一项决议\n",
        "  zh: 第一项决议\n  en: Again\n",
    );
    let (exit, d) = check(&dir);
    assert_eq!(exit, Some(1));
    only_error(&d, RES, Some(7), "title: duplicate language `en`");
    edit(&dir, RES, "  en: Again\n", "year: 2020\n");
    let (_, d) = check(&dir);
    only_error(&d, RES, Some(7), "duplicate field `year`");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn control_characters_are_rejected_at_their_place() {
    let dir = site("controls");
    // A NUL written as a YAML escape, and an escape sequence written raw.
    edit(&dir, RES, "  en: First resolution", "  en: \"First\\0\"");
    let (exit, d) = check(&dir);
    assert_eq!(exit, Some(1));
    only_error(
        &d,
        RES,
        Some(5),
        "title: control character \\u{0} in the `en` text",
    );
    edit(&dir, RES, "  en: \"First\\0\"", "  en: First\x1b[2J");
    let (_, d) = check(&dir);
    only_error(
        &d,
        RES,
        Some(5),
        "the control character U+001B is not allowed",
    );
    // The human format never sends the escape to the terminal (here, in the echoed line).
    let o = run(&["check", "--site", dir.to_str().unwrap()]);
    assert!(
        !o.stderr.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("First\\u{1b}[2J"));
    // Bidi overrides in a title: a warning.
    edit(&dir, RES, "  en: First\x1b[2J", "  en: \u{202e}First");
    let (exit, d) = check(&dir);
    assert_eq!(exit, Some(0));
    assert!(d.iter().any(|x| x.0 == "warning"
        && x.1 == RES
        && x.3 == "the `en` title holds the invisible character \\u{202e}"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn line_endings_and_tabs_are_explained() {
    let dir = site("endings");
    std::fs::write(dir.join(RES), "id: \"1/1\"\ryear: 2019\r").unwrap();
    let (_, d) = check(&dir);
    only_error(
        &d,
        RES,
        None,
        "the file's lines end in CR alone (old Mac line endings)",
    );
    std::fs::write(
        dir.join(RES),
        "id: \"1/1\"\nyear: 2019\ntitle:\n\ten: x\n\tzh: y\n",
    )
    .unwrap();
    let o = run(&["check", "--site", dir.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("YAML forbids tabs"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn csv_cells_cannot_be_formulas_and_units_are_not_footnotes() {
    let dir = site("csv");
    edit(
        &dir,
        RES,
        "  en: First resolution",
        "  en: \"=HYPERLINK(1)\"",
    );
    edit(
        &dir,
        "content/reports/test-report/1-1.en.md",
        "in April 2024.¹",
        "in April 2024 on 12 km² [of land¹](https://example.org/ \"title¹\").¹",
    );
    let out = dir.join("public");
    let o = run(&["build", "--site", dir.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let csv = std::fs::read_to_string(out.join("data/funding.csv")).unwrap();
    assert!(csv.contains("\"'=HYPERLINK(1)\""), "{csv}");
    assert!(!csv.contains(",\"=HYPERLINK"), "{csv}");
    let page = std::fs::read_to_string(out.join("en/resolutions/1-1/index.html")).unwrap();
    assert!(page.contains("12 km²"), "a unit stays text");
    assert!(
        page.contains("title=\"title¹\""),
        "a mark in an attribute stays text"
    );
    assert_eq!(
        page.matches("<sup class=\"fnref\"><a href=\"#fn-1\">1</a></sup>")
            .count(),
        2,
        "the declared mark, in the link text and after it"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_folder_is_swapped_safely() {
    let dir = site("out");
    let s = dir.to_str().unwrap();
    let out = dir.join("out");
    let o = |out: &str| run(&["build", "--site", s, "--out", out]);
    assert_eq!(o(out.to_str().unwrap()).status.code(), Some(0));
    // The same folder named another way, built again: replaced, not lost.
    let odd = format!("{}/../out", out.display());
    let r = o(&odd);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(out.join("en/index.html").is_file());
    // A folder with a staging folder's name that portal did not make (no mark) is left alone
    // (tests/output.rs: what a killed build leaves is removed).
    std::fs::create_dir_all(dir.join(".out.tmp-4000000000/en")).unwrap();
    assert_eq!(o(out.to_str().unwrap()).status.code(), Some(0));
    assert!(dir.join(".out.tmp-4000000000/en").exists());
    std::fs::remove_dir_all(dir.join(".out.tmp-4000000000")).unwrap();
    // A symbolic link as --out: refused, the link and its target as they were.
    #[cfg(unix)]
    {
        let link = dir.join("link");
        std::os::unix::fs::symlink(&out, &link).unwrap();
        let r = o(link.to_str().unwrap());
        assert_eq!(r.status.code(), Some(2));
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(err.contains("is a symbolic link"), "{err}");
        assert!(err.contains("was left untouched"), "{err}");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }
    // An output among the inputs: refused.
    let inside = dir.join("content/pub");
    let r = o(inside.to_str().unwrap());
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr)
        .contains("the output folder is inside the site's `content`, which the build reads"));
    assert!(!inside.exists());
    // `out/..` names no folder: refused, nothing moved.
    let r = o(&format!("{}/..", out.display()));
    assert_eq!(r.status.code(), Some(2));
    assert!(out.join("en/index.html").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".out."))
        .map(|e| e.path())
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn skipped_files_are_named_with_the_reason() {
    let dir = site("skipped");
    #[cfg(unix)]
    {
        let md = "content/reports/test-report/1-1.en.md";
        let real = dir.join("real.md");
        std::fs::rename(dir.join(md), &real).unwrap();
        std::os::unix::fs::symlink(&real, dir.join(md)).unwrap();
        let (_, d) = check(&dir);
        assert!(d
            .iter()
            .any(|x| x.0 == "warning" && x.1 == md && x.3.starts_with("this is a symbolic link")));
        std::fs::remove_file(dir.join(md)).unwrap();
        std::fs::rename(&real, dir.join(md)).unwrap();
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let bad = dir
            .join("content/resolutions")
            .join(std::ffi::OsStr::from_bytes(b"x\xff"));
        std::fs::create_dir_all(&bad).unwrap();
        std::fs::copy(
            dir.join("content/resolutions/1-2.yaml"),
            bad.join("1-2.yaml"),
        )
        .unwrap();
        let (exit, d) = check(&dir);
        assert_eq!(exit, Some(0), "{d:#?}");
        assert!(d
            .iter()
            .any(|x| x.0 == "warning" && x.3.starts_with("this path is not valid UTF-8")));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn many_problems_in_one_file_stay_few_and_short() {
    let dir = site("scale");
    let mut topics = String::new();
    for i in 0..60_000 {
        topics.push_str(&format!("  - topic-{i}\n"));
    }
    edit(
        &dir,
        RES,
        "topics: [housing]\n",
        &format!("topics:\n{topics}"),
    );
    let (_, d) = check(&dir);
    assert_eq!(
        d.iter().filter(|x| x.0 == "error").count(),
        21,
        "20 and a count"
    );
    assert!(d
        .iter()
        .any(|x| x.3 == "59980 more unknown topics after the 20 above"));
    // A huge value: quoted short, and its source line cut.
    let long = "a".repeat(1_000_000);
    edit(
        &dir,
        RES,
        &format!("topics:\n{topics}"),
        &format!("topics: [{long}]\n"),
    );
    let o = run(&["check", "--site", dir.to_str().unwrap()]);
    assert!(o.stderr.len() < 2_000, "{} bytes of stderr", o.stderr.len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A theme is read from inside the site only: a theme folder (or `themes/`) that is a link to
/// elsewhere is refused before anything is read, a link inside a theme is skipped with a warning,
/// and a link that stays inside the site is followed.
#[cfg(unix)]
#[test]
fn a_theme_that_leads_out_of_the_site_is_refused() {
    let outside = common::temp("theme-elsewhere");
    common::copy_tree(
        &common::repo().join("themes/default"),
        &outside.join("mine"),
    );
    std::fs::write(outside.join("mine/static/secret.txt"), "SECRET").unwrap();
    let use_theme = |dir: &Path, name: &str| {
        let p = dir.join("site.yaml");
        let t = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, format!("{t}theme: {name}\n")).unwrap();
    };
    // themes/evil -> a folder outside the site; themes -> a folder outside the site.
    for (name, link, target) in [
        ("evil", "themes/evil", outside.join("mine")),
        ("mine", "themes", outside.clone()),
    ] {
        let dir = site("theme-link");
        std::fs::create_dir_all(dir.join("themes")).unwrap();
        if link == "themes" {
            std::fs::remove_dir(dir.join("themes")).unwrap();
        }
        std::os::unix::fs::symlink(&target, dir.join(link)).unwrap();
        use_theme(&dir, name);
        let (exit, d) = check(&dir);
        assert_eq!(exit, Some(1), "{link}: {d:#?}");
        let want = format!("themes/{name}");
        assert!(
            d.iter().any(|x| x.0 == "error"
                && x.1 == want
                && x.3
                    .starts_with("the theme folder leads out of the site folder")),
            "{link}: {d:#?}"
        );
        let o = run(&["build", "--site", dir.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        assert!(!dir.join("public").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
    // A link to a folder inside the site is followed; a link inside the theme is skipped, warned.
    let dir = site("theme-inside");
    common::copy_tree(
        &common::repo().join("themes/default"),
        &dir.join("shared/theme"),
    );
    std::fs::create_dir_all(dir.join("themes")).unwrap();
    std::os::unix::fs::symlink("../shared/theme", dir.join("themes/linked")).unwrap();
    std::os::unix::fs::symlink(
        outside.join("mine/static/secret.txt"),
        dir.join("shared/theme/static/secret.txt"),
    )
    .unwrap();
    use_theme(&dir, "linked");
    let (exit, d) = check(&dir);
    assert_eq!(exit, Some(0), "{d:#?}");
    assert!(
        d.iter().any(|x| x.0 == "warning"
            && x.1 == "themes/linked/static/secret.txt"
            && x.3.starts_with("this is a symbolic link")),
        "{d:#?}"
    );
    let o = run(&["build", "--site", dir.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(dir.join("public/static/style.css").is_file());
    assert!(!dir.join("public/static/secret.txt").exists());
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&outside);
}
