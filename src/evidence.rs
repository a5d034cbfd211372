//! Evidence: whether a quote is the report's own words, and which label of a vocabulary those words
//! entail. Pure text functions used by `validate` (and by the tests over the bundled content); they
//! know nothing of files or diagnostics.
//!
//! A "cue" is a wording that entails a label: a phrase, or phrases joined by `…` that must occur in
//! that order (`尚未…提供资金`). Labels are tried in their order of precedence, most specific first,
//! so the same words always give the same label.

use std::collections::BTreeMap;

/// The text with every whitespace character removed: quotes are compared "whitespace aside", since
/// the Chinese edition puts spaces around numbers and line breaks fall anywhere.
pub fn normalize(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `quote` occurs in `text`, whitespace aside. An empty quote never does.
pub fn is_verbatim(quote: &str, text: &str) -> bool {
    let q = normalize(quote);
    !q.is_empty() && normalize(text).contains(&q)
}

/// Whether a cue occurs in (normalised) `text`: each `…`-separated part, in order.
pub fn cue_matches(cue: &str, text: &str) -> bool {
    let mut rest = text;
    let mut any = false;
    for part in cue.split('…').map(normalize).filter(|p| !p.is_empty()) {
        match rest.find(&part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
        any = true;
    }
    any
}

/// Cues per label and language, as `content/vocabulary.yaml` gives them.
pub type Cues = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// The first label, in `order`, one of whose cues in `lang` occurs in `text`; with the cue.
pub fn entailed<'a>(
    cues: &'a Cues,
    order: &[&'a str],
    lang: &str,
    text: &str,
) -> Option<(&'a str, &'a str)> {
    let text = normalize(text);
    order.iter().find_map(|&label| {
        cues.get(label)?
            .get(lang)?
            .iter()
            .find(|c| cue_matches(c, &text))
            .map(|c| (label, c.as_str()))
    })
}

/// What is wrong, if anything, with giving `label` to words `text` in `lang`.
#[derive(Debug, PartialEq, Eq)]
pub enum Mismatch<'a> {
    /// The words entail a label of higher precedence.
    Stronger { entailed: &'a str, cue: &'a str },
    /// The label has cues in this language and none occurs in the words.
    NoCue { cues: &'a [String] },
}

pub fn check<'a>(
    cues: &'a Cues,
    order: &[&'a str],
    label: &str,
    lang: &str,
    text: &str,
) -> Option<Mismatch<'a>> {
    let pos = |l: &str| order.iter().position(|&x| x == l);
    if let Some((e, cue)) = entailed(cues, order, lang, text) {
        if e == label {
            return None;
        }
        if pos(e) < pos(label) {
            return Some(Mismatch::Stronger { entailed: e, cue });
        }
    }
    match cues.get(label).and_then(|m| m.get(lang)) {
        Some(own) if !own.is_empty() => Some(Mismatch::NoCue { cues: own }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues() -> Cues {
        let mut c = Cues::new();
        for (label, list) in [
            ("limited-progress", vec!["进展有限"]),
            ("held-back-by-funding", vec!["尚未…提供资金"]),
            ("in-progress", vec!["正在", "继续"]),
        ] {
            c.entry(label.into())
                .or_default()
                .insert("zh".into(), list.into_iter().map(String::from).collect());
        }
        c
    }
    const ORDER: [&str; 4] = [
        "limited-progress",
        "held-back-by-funding",
        "in-progress",
        "not-reported",
    ];

    #[test]
    fn verbatim_ignores_whitespace_only() {
        assert!(is_verbatim(
            "约 2 400 万美元",
            "拨款约 2 400\n万美元，在当地"
        ));
        assert!(is_verbatim("约2400万美元", "拨款约 2 400 万美元"));
        assert!(!is_verbatim("约 2 500 万美元", "拨款约 2 400 万美元"));
        assert!(!is_verbatim("  ", "anything"));
    }

    #[test]
    fn cues_match_in_order() {
        assert!(cue_matches("尚未…提供资金", "会员国尚未按照要求提供资金"));
        assert!(!cue_matches("尚未…提供资金", "提供资金尚未到位"));
        assert!(!cue_matches("…", "任何文字"));
    }

    #[test]
    fn the_first_entailed_label_wins() {
        let c = cues();
        let text = "迄今为止，进展有限，因为正在等待";
        assert_eq!(
            entailed(&c, &ORDER, "zh", text),
            Some(("limited-progress", "进展有限"))
        );
        assert_eq!(check(&c, &ORDER, "limited-progress", "zh", text), None);
        assert_eq!(
            check(&c, &ORDER, "in-progress", "zh", text),
            Some(Mismatch::Stronger {
                entailed: "limited-progress",
                cue: "进展有限"
            })
        );
        assert!(matches!(
            check(&c, &ORDER, "held-back-by-funding", "zh", "人居署正在工作"),
            Some(Mismatch::NoCue { .. })
        ));
        // A label without cues accepts any words that entail nothing stronger.
        assert_eq!(check(&c, &ORDER, "not-reported", "zh", "无关"), None);
        // Cues of another language are not consulted.
        assert_eq!(
            check(&c, &ORDER, "in-progress", "en", "limited progress"),
            None
        );
    }
}
