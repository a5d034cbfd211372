//! Evidence: whether a quote is the report's own words, whether it says enough to be evidence, and
//! which label of a vocabulary those words entail. Pure text functions used by `validate` (and by
//! the tests over the bundled content); they know nothing of files or diagnostics.
//!
//! A "cue" is a wording that entails a label: a phrase, or phrases joined by `…` that must occur in
//! that order inside one quote (`尚未…提供资金`); phrases joined by `+` must each occur inside one
//! quote of the judgement, not necessarily the same (`资助 + 尚未…提供资金`: a funder named in one
//! quote, a shortfall in another). Labels are tried in their order of precedence, most specific
//! first, so the same words always give the same label.
//!
//! Text is compared in Unicode NFC, with invisible characters (`is_invisible`) left out, and with
//! whitespace as its script uses it (`Spacing`): removed where words are not separated by spaces
//! (Chinese), collapsed to one space where they are, so that "abroad range" is not "a broad range".

use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// A character that shows nothing yet changes the text: zero-width spaces and joiners, the word
/// joiner, the byte order mark, the soft hyphen and the bidi controls. Pasted into a quote or a
/// paragraph, one can split a cue so that it no longer matches (`进展\u{200B}有限`) while the page
/// still reads "进展有限", or join two words that look apart.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{061C}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// The first invisible character of `s`, if any.
pub fn find_invisible(s: &str) -> Option<char> {
    s.chars().find(|&c| is_invisible(c))
}

/// The name of an invisible character, for a message that must say what cannot be seen.
pub fn invisible_name(c: char) -> &'static str {
    match c {
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "bidirectional control",
        _ => "invisible character",
    }
}

/// How a script separates words, which decides how whitespace is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spacing {
    /// Words are separated by spaces (English, French, Russian…): runs of whitespace are one space,
    /// and a phrase matches only at word boundaries.
    Words,
    /// Words are not separated (Chinese, Japanese, Thai…): whitespace is left out entirely, since
    /// the Chinese edition puts spaces around numbers and line breaks fall anywhere.
    Unspaced,
}

impl Spacing {
    /// The spacing of a text, from its letters: unspaced when most of them are of a script that
    /// writes no spaces between words. Decided by the text, never by a language code, so a site's
    /// languages need no list here.
    pub fn of(text: &str) -> Spacing {
        let (mut letters, mut unspaced) = (0usize, 0usize);
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            unspaced += usize::from(is_unspaced_script(c));
        }
        if unspaced * 2 > letters {
            Spacing::Unspaced
        } else {
            Spacing::Words
        }
    }
}

/// A letter of a script written without spaces between words: Han, kana, Thai, Lao, Khmer, Myanmar.
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}' | '\u{3021}'..='\u{3029}' | '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}' | '\u{20000}'..='\u{3FFFF}'
        | '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}')
}

/// A character that is part of a word in a spaced script: a phrase must not start or end inside one.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced_script(c)
}

/// The text as it is compared: NFC, invisible characters left out, whitespace as `spacing` says.
pub fn normalize(s: &str, spacing: Spacing) -> String {
    let visible = s.nfc().filter(|&c| !is_invisible(c));
    match spacing {
        Spacing::Unspaced => visible.filter(|c| !c.is_whitespace()).collect(),
        Spacing::Words => {
            let mut out = String::with_capacity(s.len());
            let mut space = false;
            for c in visible {
                if c.is_whitespace() {
                    space = !out.is_empty();
                } else {
                    if space {
                        out.push(' ');
                        space = false;
                    }
                    out.push(c);
                }
            }
            out
        }
    }
}

/// Where `needle` first occurs in `hay` at or after `from`; with `Words`, only where it neither
/// starts nor ends inside a word (both already normalised).
fn find_from(hay: &str, needle: &str, from: usize, spacing: Spacing) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    hay[from..]
        .match_indices(needle)
        .map(|(i, _)| from + i)
        .find(|&i| {
            spacing == Spacing::Unspaced || {
                let joins = |a: Option<char>, b: Option<char>| {
                    a.is_some_and(is_word_char) && b.is_some_and(is_word_char)
                };
                let end = i + needle.len();
                !joins(hay[..i].chars().next_back(), needle.chars().next())
                    && !joins(needle.chars().next_back(), hay[end..].chars().next())
            }
        })
}

/// Whether `quote` occurs in `text` (a paragraph), compared as the paragraph's script spaces words.
/// An empty quote never does.
pub fn is_verbatim(quote: &str, text: &str) -> bool {
    let spacing = Spacing::of(text);
    let q = normalize(quote, spacing);
    find_from(&normalize(text, spacing), &q, 0, spacing).is_some()
}

/// Fewest letters of an unspaced script a quote must hold: four Han characters are the shortest
/// Chinese statement the reports make of a judgement (进展有限 "progress is limited", 资金充足).
pub const MIN_UNSPACED_LETTERS: usize = 4;
/// Fewest words of a spaced script a quote must hold: a subject and a predicate ("fully funded").
pub const MIN_WORDS: usize = 2;

/// How much a quote says, in the unit of its script: letters of an unspaced script, or words that
/// hold a letter (a bare number or sign is not a word). With the minimum for that unit.
pub fn size(quote: &str) -> (Spacing, usize, usize) {
    let quote = normalize(quote, Spacing::Words);
    match Spacing::of(&quote) {
        Spacing::Unspaced => (
            Spacing::Unspaced,
            quote.chars().filter(|&c| is_unspaced_script(c)).count(),
            MIN_UNSPACED_LETTERS,
        ),
        Spacing::Words => (
            Spacing::Words,
            quote
                .split(|c: char| {
                    c.is_whitespace() || (!c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
                })
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count(),
            MIN_WORDS,
        ),
    }
}

/// Whether a quote says enough to be evidence of anything (`size` at least its minimum).
pub fn states_something(quote: &str) -> bool {
    let (_, n, min) = size(quote);
    n >= min
}

/// Whether a cue's `…`-sequence occurs inside `text` (one quote or one paragraph): each part, in
/// order. In a spaced script, case aside and at word boundaries. A cue of no text never does.
pub fn cue_matches(cue: &str, text: &str) -> bool {
    let spacing = Spacing::of(text);
    let fold = |s: &str| match spacing {
        Spacing::Words => normalize(s, spacing).to_lowercase(),
        Spacing::Unspaced => normalize(s, spacing),
    };
    let text = fold(text);
    let mut at = 0;
    let mut any = false;
    for part in cue.split('…').map(fold).filter(|p| !p.is_empty()) {
        match find_from(&text, &part, at, spacing) {
            Some(i) => at = i + part.len(),
            None => return false,
        }
        any = true;
    }
    any
}

/// The parts of a cue that must each occur inside one text (`a + b`), trimmed, empty ones left out.
pub fn conjuncts(cue: &str) -> impl Iterator<Item = &str> {
    cue.split('+').map(str::trim).filter(|p| !p.is_empty())
}

/// Whether a cue is stated by `texts`: each of its `+` parts inside one of them (never across two,
/// so the end of one quote and the start of the next never form a cue).
pub fn cue_stated(cue: &str, texts: &[&str]) -> bool {
    let mut any = false;
    for part in conjuncts(cue) {
        if !texts.iter().any(|t| cue_matches(part, t)) {
            return false;
        }
        any = true;
    }
    any
}

/// Whether a cue has any text to match: not empty, not only `…` and `+`.
pub fn cue_is_empty(cue: &str) -> bool {
    !cue.chars()
        .any(|c| !c.is_whitespace() && c != '…' && c != '+')
}

/// Cues per label and language, as `content/vocabulary.yaml` gives them.
pub type Cues = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// The cues of `label` in `lang` (none when the vocabulary gives none).
fn cues_of<'a>(cues: &'a Cues, label: &str, lang: &str) -> &'a [String] {
    cues.get(label)
        .and_then(|m| m.get(lang))
        .map_or(&[], Vec::as_slice)
}

/// The first label, in `order`, one of whose cues in `lang` `texts` state; with the cue.
pub fn entailed<'a>(
    cues: &'a Cues,
    order: &[&'a str],
    lang: &str,
    texts: &[&str],
) -> Option<(&'a str, &'a str)> {
    order.iter().find_map(|&label| {
        cues_of(cues, label, lang)
            .iter()
            .find(|c| cue_stated(c, texts))
            .map(|c| (label, c.as_str()))
    })
}

/// The first label that precedes `label` in `order` and that `texts` state, with its cue: words
/// that say more than `label` says. An absence label (`not-started`, `nothing-stated`) is refuted
/// this way by the update's paragraphs, the others by their quotes.
pub fn stronger<'a>(
    cues: &'a Cues,
    order: &[&'a str],
    label: &str,
    lang: &str,
    texts: &[&str],
) -> Option<(&'a str, &'a str)> {
    let before = order
        .iter()
        .position(|&l| l == label)
        .unwrap_or(order.len());
    entailed(cues, &order[..before], lang, texts)
}

/// What is wrong, if anything, with giving `label` to the quotes `texts` in `lang`.
#[derive(Debug, PartialEq, Eq)]
pub enum Mismatch<'a> {
    /// The words entail a label of higher precedence.
    Stronger { entailed: &'a str, cue: &'a str },
    /// The label has cues in this language and the words state none.
    NoCue { cues: &'a [String] },
}

/// The quotes must state no stronger label, and one of the label's own cues in `lang` when it has
/// any there (whether a label needs cues at all is the caller's rule).
pub fn check<'a>(
    cues: &'a Cues,
    order: &[&'a str],
    label: &str,
    lang: &str,
    texts: &[&str],
) -> Option<Mismatch<'a>> {
    if let Some((entailed, cue)) = stronger(cues, order, label, lang, texts) {
        return Some(Mismatch::Stronger { entailed, cue });
    }
    let own = cues_of(cues, label, lang);
    if own.is_empty() || own.iter().any(|c| cue_stated(c, texts)) {
        None
    } else {
        Some(Mismatch::NoCue { cues: own })
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
        "held-back-by-funding",
        "limited-progress",
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
    fn spaced_scripts_compare_word_by_word() {
        let p = "It covers a broad range of\nissues, abroad.";
        assert!(is_verbatim("a broad   range", p));
        assert!(is_verbatim("covers a\nbroad range of issues", p));
        assert!(!is_verbatim("abroad range", p));
        assert!(!is_verbatim("broad range of iss", p), "a word cut short");
        assert!(!is_verbatim("road range", p), "a word cut at its start");
        assert!(is_verbatim("issues, abroad.", p));
    }

    #[test]
    fn nfc_and_invisible_characters_do_not_change_a_comparison() {
        // "é" composed and decomposed.
        assert!(is_verbatim("caf\u{65}\u{301} opens", "the café opens"));
        assert!(cue_matches("进展有限", "进展\u{200B}有限"));
        assert_eq!(find_invisible("a\u{00AD}b"), Some('\u{00AD}'));
        assert_eq!(find_invisible("进展有限"), None);
    }

    #[test]
    fn cues_match_in_order_inside_one_text() {
        assert!(cue_matches("尚未…提供资金", "会员国尚未按照要求提供资金"));
        assert!(!cue_matches("尚未…提供资金", "提供资金尚未到位"));
        assert!(!cue_matches("…", "任何文字"));
        assert!(!cue_stated(
            "进展有限",
            &["取得了重大进展", "有限的核心工作人员时间"]
        ));
        assert!(cue_stated(
            "资助 + 尚未…提供资金",
            &["在开发署的资助下", "会员国尚未提供资金"]
        ));
        assert!(!cue_stated("资助 + 尚未…提供资金", &["在开发署的资助下"]));
        assert!(cue_matches(
            "progress has been limited",
            "Progress has been  limited."
        ));
        assert!(!cue_matches("limited", "unlimited progress"));
    }

    #[test]
    fn a_quote_must_state_something() {
        assert!(!states_something("第"));
        assert!(!states_something("S"));
        assert!(!states_something("2 400"));
        assert!(states_something("进展有限"));
        assert!(!states_something("进展"));
        assert!(states_something("fully funded"));
        assert!(!states_something("funded."));
    }

    #[test]
    fn the_first_entailed_label_wins() {
        let c = cues();
        let text = ["迄今为止，进展有限，因为正在等待"];
        assert_eq!(
            entailed(&c, &ORDER, "zh", &text),
            Some(("limited-progress", "进展有限"))
        );
        assert_eq!(check(&c, &ORDER, "limited-progress", "zh", &text), None);
        assert_eq!(
            check(&c, &ORDER, "in-progress", "zh", &text),
            Some(Mismatch::Stronger {
                entailed: "limited-progress",
                cue: "进展有限"
            })
        );
        assert!(matches!(
            check(
                &c,
                &ORDER,
                "held-back-by-funding",
                "zh",
                &["人居署正在工作"]
            ),
            Some(Mismatch::NoCue { .. })
        ));
        // Absence labels are refuted by what precedes them.
        assert_eq!(
            stronger(&c, &ORDER, "not-reported", "zh", &["人居署正在工作"]),
            Some(("in-progress", "正在"))
        );
        // Cues of another language are not consulted.
        assert_eq!(
            check(&c, &ORDER, "in-progress", "en", &["limited progress"]),
            None
        );
    }
}
