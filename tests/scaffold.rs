//! `portal new report`: the scaffold carries the latest report over, `check` and `build` refuse it
//! while anything is left unfinished (naming each file and what is left), and once a maintainer has
//! filled it in, it builds, with the new report's changes against the previous one.

mod common;

use resolution_portal::scaffold::{new_report, NewReport};
use resolution_portal::{build, check, BuildOptions};

fn scaffolded(name: &str) -> std::path::PathBuf {
    let site = common::temp(name);
    common::copy_tree(&common::fixture("tracking"), &site);
    let files = new_report(&NewReport {
        site: &site,
        slug: "fict-2033-2",
        symbol: "FICT/2033/2",
        date: "2033-09-01",
    })
    .expect("scaffold");
    // report.yaml, report.{en,zh}.md, and per resolution of the latest report a YAML and two texts.
    assert_eq!(files.len(), 3 + 4 * 3, "{files:#?}");
    site
}

#[test]
fn unfinished_stubs_are_refused_with_file_and_what_is_left() {
    let site = scaffolded("unfinished");
    let diags = check(&site);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            format!(
                "{}:{:?}: {} / {}",
                d.file.display(),
                d.line,
                d.message,
                d.hint.clone().unwrap_or_default()
            )
        })
        .collect();
    for stem in ["1-1", "1-2", "1-3", "2-7"] {
        let yaml = format!("fict-2033-2/{stem}.yaml:Some(5): this update is an unfinished stub");
        assert!(
            errors.iter().any(|e| e.contains(&yaml)
                && e.contains(&format!(
                    "paste the new paragraphs into {stem}.en.md, {stem}.zh.md"
                ))),
            "{yaml} in {errors:#?}"
        );
        for lang in ["en", "zh"] {
            let md = format!("fict-2033-2/{stem}.{lang}.md:Some(1): paragraph");
            assert!(
                errors
                    .iter()
                    .any(|e| e.contains(&md) && e.contains("still a placeholder")),
                "{md} in {errors:#?}"
            );
        }
    }
    assert!(errors
        .iter()
        .any(|e| e
            .contains("fict-2033-2/report.yaml:Some(4): this report is an unfinished scaffold")));

    let out = site.join("public");
    let r = build(&BuildOptions {
        site: site.clone(),
        out: out.clone(),
        base_url: None,
    });
    assert!(r.has_errors());
    assert!(
        !out.exists(),
        "nothing may be published from unfinished stubs"
    );
}

#[test]
fn a_filled_in_scaffold_builds_with_its_changes() {
    let site = scaffolded("filled");
    let dir = site.join("content/reports/fict-2033-2");
    let prev = site.join("content/reports/fict-2033-1");
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        // The new paragraphs: here the previous report's words again, so that the carried-over
        // quotes are found in them (a real report needs its evidence quoted anew).
        if p.extension().is_some_and(|x| x == "md") {
            std::fs::copy(prev.join(p.file_name().unwrap()), &p).unwrap();
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let mut done: String = text
            .lines()
            .filter(|l| *l != "unfinished: true")
            .map(|l| {
                if l.starts_with("TODO:") {
                    "The fictional text of the next report.".to_string()
                } else {
                    l.replace("status: in-progress", "status: completed")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        done.push('\n');
        std::fs::write(&p, done).unwrap();
    }
    let diags = check(&site);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
    let r = resolution_portal::render_site(&site, None);
    let page = r
        .files
        .iter()
        .find(|f| f.path == "en/reports/fict-2033-2/changes/index.html")
        .expect("the new report has a changes page");
    let html = String::from_utf8_lossy(&page.bytes);
    assert!(
        html.contains(
            "status-in-progress\">Work under way</span> → <span class=\"status status-completed\">"
        ),
        "{html}"
    );
}

#[test]
fn the_scaffold_refuses_a_date_before_the_latest_report() {
    let site = common::temp("early");
    common::copy_tree(&common::fixture("tracking"), &site);
    let e = new_report(&NewReport {
        site: &site,
        slug: "early",
        symbol: "FICT/2030/1",
        date: "2030-01-01",
    })
    .unwrap_err();
    assert!(e.usage, "a wrong date is a usage error");
    assert!(
        e.message().contains("is not after the latest report"),
        "{}",
        e.message()
    );
    assert!(!site.join("content/reports/early").exists());
}

/// The commands of the README's "Publishing the next report", as a maintainer types them.
#[test]
fn the_readme_commands_scaffold_and_refuse() {
    let site = common::temp("cli");
    common::copy_tree(&common::fixture("tracking"), &site);
    let portal = env!("CARGO_BIN_EXE_portal");
    let run = |args: &[&str]| {
        std::process::Command::new(portal)
            .args(args)
            .current_dir(&site)
            .output()
            .unwrap()
    };
    let out = run(&[
        "new",
        "report",
        "fict-2033-2",
        "--symbol",
        "FICT/2033/2",
        "--date",
        "2033-09-01",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("fict-2033-2/1-2.yaml"));
    let check = run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(
        err.contains("content/reports/fict-2033-2/2-7.yaml") && err.contains("unfinished stub"),
        "{err}"
    );
    let build = run(&["build"]);
    assert_eq!(build.status.code(), Some(1));
    assert!(!site.join("public").exists());
    // A second scaffold of the same slug is refused without touching anything.
    let again = run(&[
        "new",
        "report",
        "fict-2033-2",
        "--symbol",
        "FICT/2033/3",
        "--date",
        "2033-10-01",
    ]);
    assert_eq!(again.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}
