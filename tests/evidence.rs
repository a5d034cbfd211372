//! Issue 22, "Evidence (high)": a label must be entailed by the report's words, whatever shape the
//! quotes take. One test per class of defect, each with variants: the `portal` binary checks a
//! broken copy of the bundled site and must exit 1 with the error at the right file and line. Then
//! property tests over `src/evidence.rs`, the pure functions behind those checks.

mod common;

use proptest::prelude::*;
use resolution_portal::evidence::{self, Cues};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const U27: &str = "content/reports/hsp-eb-2024-20/2-7.yaml";
const VOC: &str = "content/vocabulary.yaml";

/// (severity, file, line, message) of one problem.
type Diag = (String, String, Option<u64>, String);

/// A copy of the bundled site (its settings, content and seeds) in a fresh folder.
fn bundled(name: &str) -> PathBuf {
    let dir = common::temp(&format!("evidence-{name}"));
    for part in ["content", "seeds"] {
        common::copy_tree(&common::repo().join(part), &dir.join(part));
    }
    std::fs::copy(common::repo().join("site.yaml"), dir.join("site.yaml")).unwrap();
    dir
}

/// `portal check --format json` on a copy of the bundled site with `edit` applied: exit code and
/// (severity, file, line, message) of each problem.
fn check(name: &str, edit: impl FnOnce(&Path)) -> (Option<i32>, Vec<Diag>) {
    let dir = bundled(name);
    edit(&dir);
    let o = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["check", "--site", dir.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
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
    let _ = std::fs::remove_dir_all(&dir);
    (o.status.code(), diags)
}

fn replace(dir: &Path, rel: &str, from: &str, to: &str) {
    let p = dir.join(rel);
    let s = std::fs::read_to_string(&p).unwrap();
    assert!(s.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(p, s.replacen(from, to, 1)).unwrap();
}

/// The 1-based line of the first line of the bundled `rel` that `is` accepts: expected lines
/// follow the file, so that a comment added to it does not break the test.
fn line_of(rel: &str, is: impl Fn(&str) -> bool) -> u64 {
    let text = std::fs::read_to_string(common::repo().join(rel)).unwrap();
    text.lines().position(is).expect(rel) as u64 + 1
}

/// The errors, exactly: exit code 1 and these (file, line, message), in any order.
fn errors(got: (Option<i32>, Vec<Diag>), want: &[(&str, u64, &str)]) {
    let (exit, d) = got;
    let mut errors: Vec<(String, Option<u64>, String)> = d
        .iter()
        .filter(|x| x.0 == "error")
        .map(|x| (x.1.clone(), x.2, x.3.clone()))
        .collect();
    let mut want: Vec<(String, Option<u64>, String)> = want
        .iter()
        .map(|(f, l, m)| (f.to_string(), Some(*l), m.to_string()))
        .collect();
    errors.sort();
    want.sort();
    assert_eq!(errors, want, "{d:#?}");
    assert_eq!(exit, Some(1), "{d:#?}");
}

#[test]
fn the_bundled_site_checks_clean() {
    let (exit, d) = check("clean", |_| {});
    assert_eq!(exit, Some(0), "{d:#?}");
}

/// Item 1: A cue must occur inside one quote: the end of one and the start of the next never form one.
#[test]
fn a_cue_never_spans_two_quotes() {
    // …取得了重大进展 + 有限的核心… glued made 进展有限 ("limited progress").
    errors(
        check("span-status", |s| {
            replace(
                s,
                U27,
                "status: significant-progress",
                "status: limited-progress",
            );
            replace(
                s,
                U27,
                "      en: \"Significant progress has been made in the implementation of resolution 2/7\"\n",
                "      en: \"Significant progress has been made in the implementation of resolution 2/7\"\n  - para: 41\n    quote:\n      zh: \"有限的核心工作人员时间来支持执行工作\"\n      en: \"limited core staff time\"\n",
            );
        }),
        &[(
            U27,
            4,
            "the quoted `zh` words do not state what status `limited-progress` means",
        )],
    );
    // A funding cue's parts (尚未…提供资金) split over two quotes of 2/4's para 31.
    let u24 = "content/reports/hsp-eb-2024-20/2-4.yaml";
    errors(
        check("span-funding", |s| {
            replace(
                s,
                u24,
                "status: held-back-by-funding",
                "status: in-progress",
            );
            replace(
                s,
                u24,
                "      zh: \"迄今为止，会员国尚未按照第 2/4 号决议第 2 段的要求提供资金，以便设立一个咨询小组\"\n      en: \"To date, Member States have not provided funding, as requested in paragraph 2 of resolution 2/4, for the establishment of an advisory group\"\nnews:",
                "      zh: \"迄今为止，会员国尚未按照\"\n      en: \"To date, Member States have not\"\n  - para: 31\n    quote:\n      zh: \"第 2/4 号决议第 2 段的要求提供资金\"\n      en: \"provided funding, as requested in paragraph 2 of resolution 2/4\"\nnews:",
            );
        }),
        &[(
            u24,
            4,
            "the quoted `zh` words do not state what status `in-progress` means",
        )],
    );
}

/// Item 2: every label has its rule: a label that needs words needs a cue in them; a label that
/// says the report is silent is refuted by a stronger wording in the update's paragraphs.
#[test]
fn every_label_has_a_rule() {
    // `completed` has no wording in the vocabulary: no quote can support it, however long.
    errors(
        check("completed", |s| {
            replace(s, U27, "status: significant-progress", "status: completed")
        }),
        &[(
            U27,
            4,
            "no wording in content/vocabulary.yaml entails status `completed`, so no quote can support it",
        )],
    );
    // `not-started` on a paragraph that says significant progress.
    errors(
        check("not-started", |s| {
            replace(s, U27, "status: significant-progress", "status: not-started")
        }),
        &[
            (U27, 4, "no wording in content/vocabulary.yaml entails status `not-started`, so no quote can support it"),
            (U27, 4, "the quoted words entail status `significant-progress` (they contain “取得了重大进展”), which takes precedence over `not-started`"),
        ],
    );
    // With a wording of its own, `not-started` is still refuted by the paragraphs, quoted or not.
    for (quote, mut want) in [
        ("工作尚未开始", vec![]),
        (
            "秘书处正在最后确定会前工作文件，工作尚未开始",
            vec![(U27, 4, "the quoted words entail status `in-progress` (they contain “正在”), which takes precedence over `not-started`")],
        ),
    ] {
        want.push((U27, 4, "the update's `zh` paragraphs entail status `significant-progress` (they contain “取得了重大进展”), which refutes `not-started`"));
        errors(
            check("not-started-cue", |s| {
                replace(s, VOC, "status:\n", "status:\n  not-started:\n    zh: [尚未开始]\n");
                replace(s, U27, "status: significant-progress", "status: not-started");
                replace(s, "content/reports/hsp-eb-2024-20/2-7.zh.md", "将迟于", "工作尚未开始，将迟于");
                replace(s, U27, "zh: \"第 2/7 号决议的执行工作取得了重大进展\"", &format!("zh: \"{quote}\""));
                replace(s, U27, "en: \"Significant progress has been made in the implementation of resolution 2/7\"", "en: \"Significant progress\"");
            }),
            &want,
        );
    }
    // `not-reported` on an update with four paragraphs.
    errors(
        check("not-reported", |s| {
            replace(s, U27, "status: significant-progress\nstatus_evidence:\n  - para: 38\n    quote:\n      zh: \"第 2/7 号决议的执行工作取得了重大进展\"\n      en: \"Significant progress has been made in the implementation of resolution 2/7\"\n", "status: not-reported\n")
        }),
        &[
            (U27, 4, "status `not-reported` says the report says nothing of resolution 2/7, yet its paragraphs 38, 39, 40, 41 do"),
        ],
    );
    // Funding `nothing-stated` where the paragraph speaks of funds (1/2: the Trust Fund's).
    let u12 = "content/reports/hsp-eb-2024-20/1-2.yaml";
    errors(
        check("nothing-stated", |s| {
            replace(s, u12, "  status: funds-stated\n  evidence:\n    - para: 3\n      quote:\n        zh: \"通过联合国人的安全信托基金提供的资金\"\n        en: \"With funding provided through the United Nations Trust Fund for Human Security\"\n", "  status: nothing-stated\n")
        }),
        &[(u12, 30, "the update's `zh` paragraphs entail funding `funds-stated` (they contain “提供的资金”), which refutes `nothing-stated`")],
    );
    // The same, with the funding left to its default (no `funding:` at all): 2/6 states an amount.
    let u26 = "content/reports/hsp-eb-2024-20/2-6.yaml";
    errors(
        check("nothing-stated-default", |s| {
            let p = s.join(u26);
            let text = std::fs::read_to_string(&p).unwrap();
            let cut = text.find("\nfunding:").unwrap();
            std::fs::write(&p, &text[..cut + 1]).unwrap();
        }),
        &[(u26, 3, "the update's `zh` paragraphs entail funding `amount-stated` (they contain “美元”), which refutes `nothing-stated`")],
    );
}

/// Item 3: A quote must state something, in every language its paragraph is written in.
#[test]
fn a_quote_states_something_in_every_language() {
    for (zh, en, lang, what) in [
        (
            "第",
            "Significant progress has been made",
            "zh",
            "“第” is too short to state anything (1 characters; at least 4)",
        ),
        (
            "第 2/7 号决议的执行工作取得了重大进展",
            "S",
            "en",
            "“S” is too short to state anything (1 words; at least 2)",
        ),
        (
            "进展",
            "Significant progress has been made",
            "zh",
            "“进展” is too short to state anything (2 characters; at least 4)",
        ),
    ] {
        let want = format!("the `{lang}` quote {what}");
        let got = check("short", |s| {
            replace(
                s,
                U27,
                "zh: \"第 2/7 号决议的执行工作取得了重大进展\"",
                &format!("zh: \"{zh}\""),
            );
            replace(s, U27, "en: \"Significant progress has been made in the implementation of resolution 2/7\"", &format!("en: \"{en}\""));
        });
        let line = if lang == "zh" { 8 } else { 9 };
        let mut errs: Vec<_> = got.1.iter().filter(|d| d.0 == "error").cloned().collect();
        assert_eq!(got.0, Some(1), "{errs:#?}");
        assert!(
            errs.iter()
                .any(|d| d.1 == U27 && d.2 == Some(line) && d.3 == want),
            "{errs:#?}"
        );
        // Only the short quote's own problems, and what its shortness leaves unsupported.
        errs.retain(|d| d.3 != want && !d.3.contains("do not state what"));
        assert!(errs.is_empty(), "{errs:#?}");
    }
    // One language without the other, either way round: the error is at the quote's `para`.
    errors(
        check("no-en", |s| {
            replace(s, U27, "      en: \"Significant progress has been made in the implementation of resolution 2/7\"\n", "")
        }),
        &[(
            U27,
            6,
            "the quote of paragraph 38 has `zh` words but no `en` words",
        )],
    );
    errors(
        check("no-zh", |s| {
            replace(
                s,
                U27,
                "      zh: \"第 2/7 号决议的执行工作取得了重大进展\"\n",
                "",
            )
        }),
        &[(
            U27,
            6,
            "the quote of paragraph 38 has `en` words but no `zh` words",
        )],
    );
    // Words in a language the site does not publish.
    errors(
        check("fr", |s| {
            replace(s, U27, "      en: \"Significant progress has been made in the implementation of resolution 2/7\"\n", "      en: \"Significant progress has been made in the implementation of resolution 2/7\"\n      fr: \"Des progrès importants\"\n")
        }),
        &[(
            U27,
            6,
            "the quote of paragraph 38 has words in `fr`, which site.yaml does not list",
        )],
    );
}

/// Item 4: Where the script separates words, quotes are compared word by word, not without spaces.
#[test]
fn spaced_scripts_are_compared_word_by_word() {
    for (bad, _why) in [
        (
            "abroad range of policy best practices",
            "two words run together",
        ),
        ("a broad range of policy best practice", "a word cut short"),
        ("broad range of policy bestpractices", "spaces removed"),
    ] {
        errors(
            check("words", |s| {
                replace(
                    s,
                    U27,
                    "news:\n  para: 38\n  quote:\n    zh: \"执行局在 2024 年第一次会议上核准了将于 2024 年 12 月 9 日至 11 日在内罗毕举行的人人享有适当住房问题不限成员名额政府间专家工作组第一届会议的议程草案和日期\"\n    en: \"the Executive Board, at its first session of 2024, approved the draft agenda and the dates of the first session of the open-ended intergovernmental expert working group on adequate housing for all, to be held in Nairobi from 9 to 11 December 2024\"\n",
                    &format!("news:\n  para: 39\n  quote:\n    zh: \"该平台将提供广泛的政策最佳做法和范例\"\n    en: \"{bad}\"\n"),
                );
            }),
            &[(
                U27,
                14,
                "the `en` quote is not in paragraph 39 of 2-7.en.md",
            )],
        );
    }
    // Runs of spaces and line breaks are one space: a folded quote is still verbatim.
    let (exit, d) = check("words-ok", |s| {
        replace(
            s,
            U27,
            "news:\n  para: 38\n  quote:\n    zh: \"执行局在 2024 年第一次会议上核准了将于 2024 年 12 月 9 日至 11 日在内罗毕举行的人人享有适当住房问题不限成员名额政府间专家工作组第一届会议的议程草案和日期\"\n    en: \"the Executive Board, at its first session of 2024, approved the draft agenda and the dates of the first session of the open-ended intergovernmental expert working group on adequate housing for all, to be held in Nairobi from 9 to 11 December 2024\"\n",
            "news:\n  para: 39\n  quote:\n    zh: \"该平台将提供 广泛的政策最佳做法和范例\"\n    en: \"a broad   range of policy best practices\"\n",
        );
    });
    assert_eq!(exit, Some(0), "{d:#?}");
}

/// Item 5: invisible characters are refused in paragraphs and quotes, naming the character; NFC
/// makes composed and decomposed letters one.
#[test]
fn invisible_characters_are_refused_and_text_is_nfc() {
    let md = "content/reports/hsp-eb-2024-20/2-9.zh.md";
    let u29 = "content/reports/hsp-eb-2024-20/2-9.yaml";
    for (c, name) in [
        ('\u{200B}', "ZERO WIDTH SPACE"),
        ('\u{200C}', "ZERO WIDTH NON-JOINER"),
        ('\u{200D}', "ZERO WIDTH JOINER"),
        ('\u{2060}', "WORD JOINER"),
        ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE (byte order mark)"),
        ('\u{00AD}', "SOFT HYPHEN"),
        ('\u{202E}', "bidirectional control"),
        ('\u{2067}', "bidirectional control"),
    ] {
        let code = format!("U+{:04X}", c as u32);
        // In the paragraph: 进展有限 hidden from the cue 进展有限 (limited progress).
        let (exit, d) = check("invisible-para", |s| {
            replace(s, md, "进展有限", &format!("进展{c}有限"));
        });
        assert_eq!(exit, Some(1));
        assert!(
            d.iter().any(|x| x.0 == "error"
                && x.1 == md
                && x.2 == Some(3)
                && x.3 == format!("paragraph 46 holds the invisible character {code} ({name})")),
            "{code}: {d:#?}"
        );
        // In the quote (and the paragraph, so that the quote is still verbatim).
        let (exit, d) = check("invisible-quote", |s| {
            replace(s, md, "进展有限", &format!("进展{c}有限"));
            replace(s, u29, "进展有限", &format!("进展{c}有限"));
        });
        assert_eq!(exit, Some(1));
        assert!(
            d.iter().any(|x| x.0 == "error"
                && x.1 == u29
                && x.2 == Some(8)
                && x.3 == format!("the `zh` quote holds the invisible character {code} ({name})")),
            "{code}: {d:#?}"
        );
    }
    // In a cue of the vocabulary.
    errors(
        check("invisible-cue", |s| replace(s, VOC, "zh: [进展有限]", "zh: [进展\u{200B}有限]")),
        &[(VOC, line_of(VOC, |l| l.contains("zh: [进展有限]")), "the `zh` cue “进展\u{200B}有限” of `limited-progress` holds the invisible character U+200B (ZERO WIDTH SPACE)")],
    );
    // "San José" with a decomposed é is the paragraph's "San José".
    let u24 = "content/reports/hsp-eb-2024-20/2-4.yaml";
    let (exit, d) = check("nfc", |s| {
        let p = s.join(u24);
        let text = std::fs::read_to_string(&p).unwrap();
        let start = text.find("news:").unwrap();
        let end = start
            + text[start..]
                .find("\nacts_on:")
                .or_else(|| text[start..].find("\nevents:"))
                .unwrap();
        let news = "news:\n  para: 27\n  quote:\n    zh: \"在圣何塞大都会地区的七个城市进行了“热点信号灯”的数据收集和实地验证\"\n    en: \"seven cities of the San Jose\u{301} Metropolitan Area\"";
        std::fs::write(&p, format!("{}{news}{}", &text[..start], &text[end..])).unwrap();
    });
    assert_eq!(exit, Some(0), "{d:#?}");
}

/// Item 6: content/vocabulary.yaml refuses a label or language given twice, and an empty cue list.
#[test]
fn the_vocabulary_refuses_duplicates_and_empty_cues() {
    // An appended `limited-progress: {zh: []}` would let any words have that label.
    errors(
        check("dup-label", |s| {
            replace(
                s,
                VOC,
                "  significant-progress:\n",
                "  limited-progress: {zh: []}\n  significant-progress:\n",
            )
        }),
        &[(
            VOC,
            line_of(VOC, |l| l == "  significant-progress:"),
            "status: duplicate label `limited-progress`",
        )],
    );
    errors(
        check("dup-lang", |s| {
            replace(
                s,
                VOC,
                "    zh: [进展有限]\n",
                "    zh: [进展有限]\n    zh: []\n",
            )
        }),
        &[(
            VOC,
            line_of(VOC, |l| l.contains("zh: [进展有限]")) + 1,
            "status.limited-progress: duplicate language `zh`",
        )],
    );
    errors(
        check("empty-cues", |s| {
            replace(s, VOC, "zh: [进展有限]", "zh: []")
        }),
        &[(
            VOC,
            line_of(VOC, |l| l.contains("zh: [进展有限]")),
            "status `limited-progress` has an empty list of `zh` cues",
        )],
    );
    errors(
        check("no-cues", |s| {
            replace(
                s,
                VOC,
                "  limited-progress:\n    zh: [进展有限]\n",
                "  limited-progress: {}\n",
            )
        }),
        &[(
            VOC,
            line_of(VOC, |l| l == "  limited-progress:"),
            "status `limited-progress` lists no cues",
        )],
    );
    errors(
        check("silent-cues", |s| {
            replace(
                s,
                VOC,
                "\nfunding:\n",
                "\nfunding:\n  nothing-stated:\n    zh: [没有]\n",
            )
        }),
        &[(
            VOC,
            line_of(VOC, |l| l == "funding:") + 1,
            "funding `nothing-stated` takes no quotes, so its cues would never be read",
        )],
    );
}

/// Item 7: A bad quote is reported at its own line, not at the first quote that begins alike.
#[test]
fn a_bad_quote_is_reported_at_its_own_line() {
    errors(
        check("line", |s| {
            replace(
                s,
                U27,
                "      en: \"Significant progress has been made in the implementation of resolution 2/7\"\n",
                "      en: \"Significant progress has been made in the implementation of resolution 2/7\"\n  - para: 38\n    quote:\n      zh: \"第 2/7 号决议的执行工作取得了巨大进展\"\n      en: \"Significant progress has been made in the implementation\"\n",
            );
        }),
        &[(
            U27,
            12,
            "the `zh` quote is not in paragraph 38 of 2-7.zh.md",
        )],
    );
    // The same in English, and in the funding evidence (after `status_evidence`'s quotes).
    errors(
        check("line-en", |s| {
            replace(
                s,
                U27,
                "        en: \"Limited voluntary funding has been received; implementation is being supported through project funding, where opportunities allow, and through the provision of limited core staff time\"\n",
                "        en: \"Limited voluntary funding has been received; implementation is being supported through project funding, where opportunities allow, and through the provision of limited core staff time\"\n    - para: 41\n      quote:\n        zh: \"收到的自愿资金有限，正在由项目供资\"\n        en: \"Limited voluntary funding has been received; implementation is being supported by project funding\"\n",
            );
        }),
        &[(
            U27,
            64,
            "the `en` quote is not in paragraph 41 of 2-7.en.md",
        )],
    );
}

// Property tests over the pure functions.

/// A small vocabulary in precedence order, with sequence and conjunction cues.
const ORDER: [&str; 5] = [
    "held-back",
    "limited",
    "significant",
    "in-progress",
    "silent",
];
fn cues() -> Cues {
    let mut c = Cues::new();
    for (label, list) in [
        ("held-back", vec!["尚未…提供资金"]),
        ("limited", vec!["进展有限"]),
        ("significant", vec!["取得了重大进展"]),
        ("in-progress", vec!["正在", "继续"]),
    ] {
        c.entry(label.into())
            .or_default()
            .insert("zh".into(), list.into_iter().map(String::from).collect());
    }
    c
}

/// Chinese-ish text: common Han characters, some of the cues' own, punctuation and spaces.
fn han() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "[的工作人居署决议执行资金进展有限尚未提供正在继续取得了重大，。 ]{0,24}",
    )
    .unwrap()
}

fn invisible() -> impl Strategy<Value = char> {
    prop::sample::select(vec![
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{202A}',
        '\u{202E}', '\u{2066}', '\u{2069}',
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any quote holding a stronger label's cue never passes for a weaker label.
    #[test]
    fn a_stronger_cue_never_yields_a_weaker_label(
        before in han(), after in han(), stronger in 0usize..4, weaker in 1usize..5,
        other in han(),
    ) {
        prop_assume!(stronger < weaker);
        let c = cues();
        let cue = c[ORDER[stronger]]["zh"][0].replace('…', "按照要求");
        let quote = format!("{}{}{}", before, cue, after);
        let quotes = [quote.as_str(), other.as_str()];
        let r = evidence::check(&c, &ORDER, ORDER[weaker], "zh", &quotes);
        prop_assert!(matches!(r, Some(evidence::Mismatch::Stronger { .. })), "{}: {:?}", quote, r);
        // And the label entailed is never the weaker one.
        prop_assert_ne!(evidence::entailed(&c, &ORDER, "zh", &quotes).map(|e| e.0), Some(ORDER[weaker]));
        // Nor can an absence label stand beside such words in a paragraph.
        prop_assert!(evidence::stronger(&c, &ORDER, "silent", "zh", &quotes).is_some());
    }

    /// An invisible character inserted anywhere never changes what words entail, nor whether a
    /// quote is verbatim, nor does it go unseen: `find_invisible` always reports it.
    #[test]
    fn invisible_characters_never_change_a_result_silently(
        text in han(), at in 0usize..30, c in invisible(), from in 0usize..24, len in 0usize..24,
    ) {
        let chars: Vec<char> = text.chars().collect();
        let at = at.min(chars.len());
        let hidden: String = chars[..at].iter().chain(std::iter::once(&c)).chain(&chars[at..]).collect();
        prop_assert_eq!(evidence::find_invisible(&hidden), Some(c));
        let cues = cues();
        prop_assert_eq!(
            evidence::entailed(&cues, &ORDER, "zh", &[&text]),
            evidence::entailed(&cues, &ORDER, "zh", &[&hidden])
        );
        let from = from.min(chars.len());
        let quote: String = chars[from..(from + len).min(chars.len())].iter().collect();
        prop_assert_eq!(evidence::is_verbatim(&quote, &text), evidence::is_verbatim(&quote, &hidden));
    }

    /// A cue cut in two, one part ending a quote and the rest starting the next, never matches
    /// (unless a quote holds a whole cue of that label on its own).
    #[test]
    fn a_cue_split_across_two_quotes_never_matches(
        label in 0usize..4, cut in 1usize..6, before in han(), after in han(),
    ) {
        let c = cues();
        let own = &c[ORDER[label]]["zh"];
        let plain: Vec<char> = own[0].replace('…', "").chars().collect();
        let cut = cut.min(plain.len() - 1);
        let first = format!("{}{}", before, plain[..cut].iter().collect::<String>());
        let second = format!("{}{}", plain[cut..].iter().collect::<String>(), after);
        prop_assume!(!own.iter().any(|k| evidence::cue_matches(k, &first) || evidence::cue_matches(k, &second)));
        prop_assert!(!evidence::cue_stated(&own[0], &[&first, &second]));
        prop_assert_ne!(evidence::entailed(&c, &ORDER, "zh", &[&first, &second]).map(|e| e.0), Some(ORDER[label]));
        // Glued, as the checks once compared them, the two would have matched.
        let glued = first.clone() + &second;
        prop_assert!(evidence::cue_matches(&own[0], &glued));
    }

    /// Spaced text: collapsing whitespace never makes two words one.
    #[test]
    fn words_are_never_run_together(a in "[a-z]{1,8}", b in "[a-z]{1,8}", gap in "[ \n\t]{1,4}") {
        let text = format!("x {}{}{} y", a, gap, b);
        let (spaced, run) = (format!("{} {}", a, b), format!("{}{}", a, b));
        prop_assert!(evidence::is_verbatim(&spaced, &text));
        prop_assert!(!evidence::is_verbatim(&run, &text));
    }
}
