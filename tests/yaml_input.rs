//! What a YAML file may make of itself (issue 22): aliases that repeat an anchor are bounded per file
//! and per site, and numbers are plain decimal digits. Each test breaks a copy of a fixture site and
//! asserts the exit code, file, line and message of `portal check --format json`.

mod common;

use common::{check_json, edit, errors, site_copy};
use std::path::Path;

const UPDATE: &str = "content/reports/test-report/1-1.yaml";

/// Replaces the events of the basic fixture's 1/1 update with `events`.
fn with_events(dir: &Path, events: &str) {
    let p = dir.join(UPDATE);
    let s = std::fs::read_to_string(&p).unwrap();
    let (a, b) = (s.find("events:").unwrap(), s.find("partners:").unwrap());
    std::fs::write(&p, format!("{}{events}{}", &s[..a], &s[b..])).unwrap();
}

/// The case of the review (Y01): one anchored event with a 20 KB name, then thousands of aliases of
/// it. Refused at the first alias, fast, without building the copies.
#[test]
fn a_flat_list_of_aliases_is_refused_at_the_first_alias() {
    let name = "housing ".repeat(2500);
    for (what, events, line) in [
        (
            "aliases of a whole event",
            format!(
                "events:\n  - &e {{name: {{en: \"{name}\", zh: 住房}}, date: \"2024\", para: 2}}\n{}",
                "  - *e\n".repeat(10_000)
            ),
            15,
        ),
        (
            "aliases of one string, in a flow list",
            format!(
                "events:\n  - name: {{en: &n \"{name}\", zh: 住房}}\n    date: \"2024\"\n    para: 2\n    aliases: [{}]\n",
                vec!["*n"; 10_000].join(", ")
            ),
            17,
        ),
        (
            "an anchor of aliases, repeated (quadratic)",
            format!(
                "events:\n  - &a {{name: {{en: \"{}\", zh: x}}, para: 2}}\n  - &b [{}]\n{}",
                "h".repeat(10_000),
                vec!["*a"; 300].join(", "),
                "  - *b\n".repeat(300)
            ),
            15,
        ),
    ] {
        let dir = site_copy("basic", "yaml-aliases");
        with_events(&dir, &events);
        let started = std::time::Instant::now();
        let (exit, d) = check_json(&dir);
        assert_eq!(exit, Some(1), "{what}");
        // (A record that does not parse also leaves the report's references to it unresolved.)
        let e: Vec<_> = errors(&d).into_iter().filter(|p| p.file == UPDATE).collect();
        assert_eq!(e.len(), 1, "{what}: one error expected: {d:#?}");
        assert_eq!(
            (e[0].file.as_str(), e[0].line, e[0].message.as_str()),
            (
                UPDATE,
                Some(line),
                "its YAML aliases (`*name`) repeat more than 1 MiB of text"
            ),
            "{what}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{what}: {:?}",
            started.elapsed()
        );
    }
}

/// Files each under the per-file bound, together over the site's.
#[test]
fn aliases_are_bounded_for_the_whole_site() {
    let dir = site_copy("basic", "yaml-aliases-site");
    let big = "t".repeat(90_000);
    for n in 3..=22 {
        std::fs::write(
            dir.join(format!("content/resolutions/1-{n}.yaml")),
            format!(
                "id: \"1/{n}\"\nyear: 2019\ntitle: {{en: &t \"{big}\", zh: x}}\ntopics: [{}]\n",
                ["*t"; 10].join(", ")
            ),
        )
        .unwrap();
    }
    let (exit, d) = check_json(&dir);
    assert_eq!(exit, Some(1));
    let site_wide: Vec<_> = errors(&d)
        .into_iter()
        .filter(|p| {
            p.message
                .contains("of all files together repeat more than 16 MiB")
        })
        .collect();
    assert_eq!(site_wide.len(), 1, "{d:#?}");
    assert!(site_wide[0].file.starts_with("content/resolutions/1-"));
    assert!(
        !d.iter()
            .any(|p| p.message.contains("repeat more than 1 MiB")),
        "no single file is over its own bound"
    );
}

/// A few aliases, as a maintainer might use them, are fine.
#[test]
fn modest_aliases_build() {
    let dir = site_copy("basic", "yaml-aliases-ok");
    edit(
        &dir,
        UPDATE,
        "place: {en: Jinja, zh: 金贾}",
        "place: &jinja {en: Jinja, zh: 金贾}",
    );
    edit(
        &dir,
        UPDATE,
        "  - {name: {en: Jinja, zh: 金贾}, para: 2}",
        "  - {name: *jinja, para: 2}",
    );
    let (exit, d) = check_json(&dir);
    assert!(errors(&d).is_empty(), "{d:#?}");
    assert_eq!(exit, Some(0));
}

/// YAML reads `0x10` as 16, `0o17` as 15 and `+100` as 100: in a number they are refused at their
/// line; in a text they stay text.
#[test]
fn numbers_are_plain_decimal_digits() {
    for (from, to, line) in [
        ("value: 24000000", "value: 0x10", 36),
        ("value: 24000000", "value: 0o17", 36),
        ("value: 24000000", "value: +100", 36),
        ("value: 24000000", "value: 0b101", 36),
        ("value: 31", "value: +31", 23),
        ("para: 2}", "para: 0x2}", 12),
        ("paragraphs: [2, 3]", "paragraphs: [2, +3]", 3),
    ] {
        let dir = site_copy("basic", "yaml-numbers");
        edit(&dir, UPDATE, from, to);
        let (exit, d) = check_json(&dir);
        assert_eq!(exit, Some(1), "{to}");
        let token = to
            .rsplit([' ', '['])
            .next()
            .unwrap()
            .trim_end_matches(['}', ']']);
        let e: Vec<_> = errors(&d)
            .into_iter()
            .filter(|p| p.file == UPDATE)
            .collect();
        assert_eq!(e.len(), 1, "{to}: {d:#?}");
        assert_eq!(
            (e[0].file.as_str(), e[0].line, e[0].message.clone()),
            (
                UPDATE,
                Some(line),
                format!("`{token}` is not a plain decimal number")
            ),
            "{to}"
        );
    }
    // In a text, the same tokens are words.
    let dir = site_copy("basic", "yaml-numbers-text");
    edit(
        &dir,
        UPDATE,
        "name: {en: Expert meeting,",
        "name: {en: +100,",
    );
    edit(&dir, UPDATE, "zh: 专家会议}", "zh: 0x10}");
    let (exit, d) = check_json(&dir);
    assert!(errors(&d).is_empty(), "{d:#?}");
    assert_eq!(exit, Some(0));
}
