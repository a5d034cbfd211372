//! Messages that point at the right place (issue 22): each problem at its own line, never a second
//! untrue problem beside it, a capped list summed up after itself, and link rules that hold inside
//! link text. Each test breaks a copy of the basic fixture and reads `portal check --format json`.

mod common;

use common::{check_json, edit, errors, portal, site_copy, Problem};

const UPDATE_EN: &str = "content/reports/test-report/1-1.en.md";
const RES: &str = "content/resolutions/1-1.yaml";

fn only_error(d: &[Problem]) -> &Problem {
    let e = errors(d);
    assert_eq!(e.len(), 1, "one error expected: {d:#?}");
    e[0]
}

/// D01: a broken link is reported at its own line, however far below its paragraph's marker, in
/// an update, a resolution's narrative and a report's preamble alike.
#[test]
fn a_link_problem_is_at_the_links_own_line() {
    for (file, from, to, line) in [
        (
            UPDATE_EN,
            "§ 3\n",
            "§ 3\n\nline A\n\nline B\n\nSee [missing](/resolutions/9-9/).\n",
            11,
        ),
        (
            UPDATE_EN,
            "in April 2024.¹",
            "in April 2024.¹\nA second line\nand [missing](/resolutions/9-9/) on a third.",
            5,
        ),
        (
            "content/resolutions/1-1.en.md",
            "| 1 | 2 |",
            "| 1 | 2 |\n\nMore.\n\n[missing](/resolutions/9-9/)",
            9,
        ),
    ] {
        let dir = site_copy("basic", "link-line");
        edit(&dir, file, from, to);
        let (exit, d) = check_json(&dir);
        assert_eq!(exit, Some(1), "{to}");
        let e = only_error(&d);
        assert_eq!(
            (e.file.as_str(), e.line, e.message.as_str()),
            (
                file,
                Some(line),
                "the internal link `/resolutions/9-9/` points to no page"
            ),
            "{to}"
        );
    }
    // A dropped link's warning is at its line too.
    let dir = site_copy("basic", "link-line-warn");
    edit(
        &dir,
        UPDATE_EN,
        "§ 3\n",
        "§ 3\n\nfirst\n\n[x](javascript:alert(1))\n",
    );
    let (_, d) = check_json(&dir);
    let w: Vec<_> = d
        .iter()
        .filter(|p| p.file == UPDATE_EN && p.message.contains("unsafe scheme"))
        .collect();
    assert_eq!(
        (w.len(), w[0].file.as_str(), w[0].line),
        (1, UPDATE_EN, Some(9)),
        "{d:#?}"
    );
}

/// R02: a value written in quotes in site.yaml is still found (JSON `line` is not null), with
/// double quotes and single quotes.
#[test]
fn a_quoted_value_has_its_line() {
    for code in ["\"../x\"", "'../x'", "\"zh.\"", "../x"] {
        let dir = site_copy("basic", "quoted-line");
        edit(&dir, "site.yaml", "code: zh,", &format!("code: {code},"));
        let (exit, d) = check_json(&dir);
        assert_eq!(exit, Some(1), "{code}");
        let e = only_error(&d);
        assert_eq!((e.file.as_str(), e.line), ("site.yaml", Some(9)), "{code}");
        assert!(e.message.ends_with("is not a language code"), "{code}");
    }
}

/// Y04: a file with one bad byte (or one control character) is one error at that byte: the file
/// is there, so it is not also "missing".
#[test]
fn an_unreadable_paragraph_file_is_one_error_at_its_byte() {
    for (bytes, message, line) in [
        (&b"caf\xe9\n"[..], "the file is not valid UTF-8", 8),
        (
            &b"bell \x07\n"[..],
            "the control character U+0007 is not allowed",
            8,
        ),
    ] {
        for file in [UPDATE_EN, "content/resolutions/1-1.en.md"] {
            let dir = site_copy("basic", "bad-byte");
            let p = dir.join(file);
            let mut s = std::fs::read(&p).unwrap();
            if !s.ends_with(b"\n") {
                s.push(b'\n');
            }
            let lines = s.iter().filter(|&&b| b == b'\n').count();
            s.extend_from_slice(bytes);
            std::fs::write(&p, s).unwrap();
            let (exit, d) = check_json(&dir);
            assert_eq!(exit, Some(1), "{file}");
            let e = only_error(&d);
            let expected_line = if file == UPDATE_EN { line } else { lines + 1 };
            assert_eq!(
                (e.file.as_str(), e.line, e.message.as_str()),
                (file, Some(expected_line as u64), message),
                "{file}"
            );
        }
    }
}

/// R23: a capped list of problems prints its "N more" line after the 20 it follows, in the human
/// output as in JSON, for a block list and a flow list.
#[test]
fn a_capped_list_is_summed_up_after_itself() {
    let topics: Vec<String> = (0..300).map(|i| format!("topic-{i}")).collect();
    for (what, list) in [
        (
            "block",
            format!(
                "topics:\n{}",
                topics
                    .iter()
                    .map(|t| format!("  - {t}\n"))
                    .collect::<String>()
            ),
        ),
        ("flow", format!("topics: [{}]\n", topics.join(", "))),
    ] {
        let dir = site_copy("basic", "capped");
        edit(&dir, RES, "topics: [housing]\n", &list);
        let (_, d) = check_json(&dir);
        let e = errors(&d);
        assert_eq!(e.len(), 21, "{what}");
        assert!(
            e[..20]
                .iter()
                .all(|p| p.message.starts_with("unknown topic `")),
            "{what}: {e:#?}"
        );
        assert_eq!(
            e[20].message, "280 more unknown topics after the 20 above",
            "{what}"
        );
        let o = portal(&["check", "--site", dir.to_str().unwrap()]);
        let human =
            String::from_utf8_lossy(&o.stderr).to_string() + &String::from_utf8_lossy(&o.stdout);
        let more = human.find("280 more unknown topics").unwrap();
        let last = human.rfind("unknown topic `").unwrap();
        assert!(last < more, "{what}: the summary is printed after the list");
    }
}

/// R21: never a link inside a link: a footnote mark ending a link's text is moved after the link
/// (and links there); in an autolink, whose text is its address, it stays text.
#[test]
fn no_footnote_link_inside_a_link() {
    for (md, marks) in [
        ("See [the meeting page¹](https://example.org/m).", 2),
        ("See <https://example.org/a¹>.", 1),
        ("See [the page¹](/resolutions/1-2/).", 2),
        ("See [the page¹ again](/resolutions/1-2/).", 1),
    ] {
        let dir = site_copy("basic", "fn-in-link");
        edit(
            &dir,
            UPDATE_EN,
            "in April 2024.¹",
            &format!("in April 2024.¹ {md}"),
        );
        let out = dir.join("out");
        let o = portal(&[
            "build",
            "--site",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let html = std::fs::read_to_string(out.join("en/resolutions/1-1/index.html")).unwrap();
        let at = html.find("in April 2024.").unwrap();
        let para = &html[at..at + html[at..].find("</p>").unwrap()];
        assert_eq!(para.matches("fnref").count(), marks, "{md}: {para}");
        // Every link closes before the next opens.
        let mut open = 0;
        for piece in para.split('<').skip(1) {
            if piece.starts_with("a ") {
                open += 1;
                assert_eq!(open, 1, "{md}: a link inside a link: {para}");
            } else if piece.starts_with("/a>") {
                open -= 1;
            }
        }
    }
}

/// K02: `//host/x` is a link to another host without a scheme: refused at its line with a hint to
/// write `https://host/x`, in updates and narratives, as a link or a reference definition.
#[test]
fn scheme_relative_links_are_refused_at_their_line() {
    for (file, from, to, line, url) in [
        (
            UPDATE_EN,
            "§ 3\n",
            "§ 3\n\n[a](//evil.example/x)\n",
            7,
            "//evil.example/x",
        ),
        (
            "content/resolutions/1-1.en.md",
            "| 1 | 2 |",
            "| 1 | 2 |\n\n[ref][r]\n\n[r]: //evil.example",
            7,
            "//evil.example",
        ),
    ] {
        let dir = site_copy("basic", "scheme-relative");
        edit(&dir, file, from, to);
        let (exit, d) = check_json(&dir);
        assert_eq!(exit, Some(1), "{to}");
        let e = only_error(&d);
        assert_eq!(
            (e.file.as_str(), e.line, e.message.clone()),
            (
                file,
                Some(line),
                format!("the link `{url}` names another host without a scheme and was dropped")
            )
        );
        assert!(
            e.hint
                .as_deref()
                .unwrap_or("")
                .contains(&format!("https:{url}")),
            "{:?}",
            e.hint
        );
    }
}
