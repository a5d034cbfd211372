//! UN shorthand and number words: a delegate's `COP28`, `WUF12`, `twelfth` or `第十二届` finds the
//! paragraph that spells the name out, on the bundled portal, in both languages; and the glossary
//! (`content/glossary.yaml`) is checked like every other content file.

mod common;

use resolution_portal::check;
use resolution_portal::output::OutFile;
use resolution_portal::search::query::{self, MemStore};
use std::path::Path;
use std::sync::LazyLock;

static BUILT: LazyLock<Vec<OutFile>> = LazyLock::new(|| {
    let r = resolution_portal::render_site(Path::new(env!("CARGO_MANIFEST_DIR")), None);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    r.files
});

/// The first `n` results' links (`en/resolutions/2-5/#para-34`).
fn hrefs(lang: &str, q: &str, n: usize) -> Vec<String> {
    let store = MemStore::new(&BUILT, lang);
    query::search(&store, q, n)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .hits
        .into_iter()
        .map(|h| h.href)
        .collect()
}

fn finds(lang: &str, q: &str, want: &str) {
    let got = hrefs(lang, q, 3);
    assert!(
        got.iter().any(|h| h == &format!("{lang}/{want}")),
        "{lang}: {q:?} should find {want} among the first three, got {got:?}"
    );
}

#[test]
fn short_forms_find_the_paragraph_that_spells_them_out() {
    for lang in ["en", "zh"] {
        // ¶34: "launched at the twenty-eighth session of the Conference of the Parties to the
        // United Nations Framework Convention on Climate Change".
        finds(lang, "COP28", "resolutions/2-5/#para-34");
        finds(lang, "COP 28", "resolutions/2-5/#para-34");
        // ¶32: "the Presidency of the twenty-ninth session of the Conference of the Parties".
        finds(lang, "COP29", "resolutions/2-5/#para-32");
        finds(lang, "UNFCCC", "resolutions/2-5/#para-32");
        // ¶31: the sixteenth meeting of the Conference of the Parties to the Convention on
        // Biological Diversity, and the twelfth session of the World Urban Forum.
        finds(lang, "COP16", "resolutions/2-4/#para-31");
        finds(lang, "CBD", "resolutions/2-4/#para-31");
        finds(lang, "WUF12", "resolutions/2-4/#para-31");
        finds(lang, "WUF12", "resolutions/2-1/#para-18");
        // ¶34: "At its first session of 2024, the Executive Board endorsed …".
        finds(lang, "Executive Board 2024/1", "resolutions/2-5/#para-34");
    }
    // The short forms do not reach paragraphs that only share a word: COP28 is not ¶32's COP29.
    assert!(!hrefs("en", "COP28", 10)
        .iter()
        .any(|h| h.ends_with("2-5/#para-32")));
}

#[test]
fn acronyms_the_texts_define_find_the_name_spelled_out() {
    // "Coalition for High Ambition Multilevel Partnerships (CHAMP)" is defined in 2/5 ¶34.
    finds("en", "CHAMP", "resolutions/2-5/#para-34");
    finds("en", "SURGe", "resolutions/2-5/#para-34");
}

#[test]
fn number_words_and_numerals_are_one_term() {
    for q in [
        "twelfth session World Urban Forum",
        "12th session World Urban Forum",
        "12 session World Urban Forum",
    ] {
        finds("en", q, "resolutions/2-4/#para-31");
    }
    for q in ["twenty-eighth session", "28th session"] {
        finds("en", q, "resolutions/2-5/#para-34");
    }
    for q in [
        "世界城市论坛第十二届会议",
        "世界城市论坛第12届会议",
        "世界城市论坛第 12 届会议",
    ] {
        finds("zh", q, "resolutions/2-4/#para-31");
    }
    for q in ["缔约方大会第二十八届会议", "缔约方大会第28届会议"] {
        finds("zh", q, "resolutions/2-5/#para-34");
    }
}

fn glossary_errors(glossary: &str) -> Vec<(Option<usize>, String)> {
    let dir = common::temp("glossary");
    common::copy_tree(&common::fixture("basic"), &dir);
    std::fs::write(dir.join("content/glossary.yaml"), glossary).unwrap();
    let out = check(&dir)
        .into_iter()
        .filter(|d| d.file.ends_with("glossary.yaml"))
        .map(|d| (d.line, d.message))
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    out
}

#[test]
fn the_glossary_is_checked_at_its_lines() {
    assert_eq!(
        glossary_errors("terms:\n  - short: [WUF]\n    full: {en: [World Urban Forum]}\n"),
        vec![]
    );
    let e = glossary_errors(
        "terms:\n  - short: [\"WUF{n}\"]\n    full:\n      en: [\"World Urban Forum\"]\n",
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].0, Some(4));
    assert!(e[0].1.contains("placeholders"), "{e:?}");
    let e =
        glossary_errors("terms:\n  - short: [X]\n    full:\n      fr: [Forum urbain mondial]\n");
    assert_eq!(e[0].0, Some(4));
    assert!(e[0].1.contains("`fr`"), "{e:?}");
    let e = glossary_errors("terms:\n  - short: [X]\n    full:\n      en: [\"{x} forum\"]\n");
    assert!(e[0].1.contains("brace"), "{e:?}");
    let e = glossary_errors("terms:\n  - short: [\"{n}\"]\n    full:\n      en: [\"{n}\"]\n");
    assert!(e.iter().all(|(_, m)| m.contains("no word")), "{e:?}");
    let e = glossary_errors("terms:\n  - short: []\n    full:\n      en: [Forum]\n");
    assert_eq!(e[0].0, Some(2));
    let e = glossary_errors("terms:\n  - short: [A]\n    ful: {en: [B]}\n");
    assert!(e[0].1.contains("ful"), "{e:?}");
    let e = glossary_errors("terms:\n  - short: [A]\n    full: {en: [B]}\n  - short: [A]\n    full: {en: [B]}\n    full: {en: [C]}\n");
    assert!(!e.is_empty(), "a duplicate key is an error: {e:?}");
}
