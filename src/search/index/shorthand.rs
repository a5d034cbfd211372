//! Short forms for what the texts spell out: a document whose text (or fields) holds a wording of
//! a glossary term (`content/glossary.yaml`) or a name that a text defines with its acronym
//! ("Coalition for High Ambition Multilevel Partnerships (CHAMP)") gets the short form as a field,
//! so that `COP28`, `WUF12` or `CHAMP` find the paragraph that says it in full. Matching is on
//! index terms, so it sees what search sees: case, stems and number words (`twelfth` = `12`,
//! `第十二届` = `12`) do not matter. A word of the wording is first looked for in the text as it
//! is written, so a wording is written in the texts' script.

use super::fossick::SearchDoc;
use crate::model::Site;
use crate::search::tokenize::{tokenize, Kind, Token};
use std::collections::BTreeSet;

/// Stand-ins for the placeholders while a wording is tokenised: numbers no wording holds.
const N_MARK: &str = "9973";
const Y_MARK: &str = "9967";

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Pat {
    Term(String),
    Number,
    Year,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Form {
    pats: Vec<Pat>,
    /// A piece of the wording's text as lower-cased text holds it, checked before tokenising.
    anchor: Option<String>,
    shorts: Vec<String>,
}

/// The short forms of one language, and how to find their wordings.
#[derive(Debug, Default)]
pub struct Shorthands {
    forms: Vec<Form>,
}

impl Shorthands {
    /// The glossary's terms with a wording in `lang`, and the acronyms the texts in `lang` define.
    pub fn new(site: &Site, lang: &str) -> Self {
        let mut forms = BTreeSet::new();
        for t in &site.glossary.terms {
            for wording in t.full.get(lang).into_iter().flatten() {
                forms.extend(form(wording, &t.short));
            }
        }
        for (acronym, long) in definitions(site, lang) {
            forms.extend(form(&long, std::slice::from_ref(&acronym)));
        }
        Shorthands {
            forms: forms.into_iter().collect(),
        }
    }

    /// Adds to `doc`'s fields the short forms whose wordings it holds.
    pub fn add_to(&self, doc: &mut SearchDoc) {
        if self.forms.is_empty() {
            return;
        }
        let holds = |a: &str| contains_folded(&doc.text, a) || contains_folded(&doc.fields, a);
        let candidates: Vec<&Form> = self
            .forms
            .iter()
            .filter(|f| f.anchor.as_deref().is_none_or(holds))
            .collect();
        if candidates.is_empty() {
            return;
        }
        let tokens: Vec<Token> = [doc.text.as_str(), doc.fields.as_str()]
            .iter()
            .flat_map(|t| tokenize(t))
            .collect();
        let mut found = BTreeSet::new();
        for f in candidates {
            for start in 0..tokens.len() {
                if let Some((n, y)) = matches_at(&f.pats, &tokens[start..]) {
                    for s in &f.shorts {
                        found.insert(s.replace("{n}", &n).replace("{y}", &y));
                    }
                }
            }
        }
        for s in found {
            if !doc.fields.is_empty() {
                doc.fields.push_str(" · ");
            }
            doc.fields.push_str(&s);
        }
    }
}

/// Whether `text` holds `anchor` (lower-case ASCII or CJK), ASCII case aside; allocates nothing,
/// since it runs on every document of the site.
fn contains_folded(text: &str, anchor: &str) -> bool {
    let (t, a) = (text.as_bytes(), anchor.as_bytes());
    let Some(&first) = a.first() else {
        return true;
    };
    if !first.is_ascii_alphabetic() {
        return memchr::memmem::find(t, a).is_some();
    }
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), t)
        .any(|i| t.len() - i >= a.len() && t[i..i + a.len()].eq_ignore_ascii_case(a))
}

fn form(wording: &str, shorts: &[String]) -> Option<Form> {
    let marked = wording.replace("{n}", N_MARK).replace("{y}", Y_MARK);
    let pats: Vec<Pat> = tokenize(&marked)
        .into_iter()
        .map(|t| match t.term.as_str() {
            N_MARK if t.kind == Kind::Number => Pat::Number,
            Y_MARK if t.kind == Kind::Number => Pat::Year,
            _ => Pat::Term(t.term),
        })
        .collect();
    if !pats.iter().any(|p| matches!(p, Pat::Term(_))) {
        return None;
    }
    // The longest piece of the wording's text that lower-cased text must hold.
    let anchor = marked
        .split(|c: char| !c.is_alphanumeric())
        .flat_map(|w| w.split(N_MARK).flat_map(|w| w.split(Y_MARK)))
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
        .max_by_key(|w| w.chars().count())
        .map(str::to_lowercase)
        // A word that folds (ø, traditional characters) may be written otherwise in the text.
        .filter(|w| w.is_ascii() || w.chars().all(crate::search::tokenize::is_cjk));
    Some(Form {
        pats,
        anchor: anchor.filter(|a| !a.chars().any(|c| crate::search::han::fold(c) != c)),
        shorts: shorts.to_vec(),
    })
}

/// Whether the pattern matches the tokens from their start: the number and year it took.
fn matches_at(pats: &[Pat], tokens: &[Token]) -> Option<(String, String)> {
    if tokens.len() < pats.len() {
        return None;
    }
    let (mut n, mut y) = (String::new(), String::new());
    for (p, t) in pats.iter().zip(tokens) {
        let number = t.kind == Kind::Number && !t.term.contains('/') && t.term.len() <= 4;
        match p {
            Pat::Term(term) if *term == t.term => {}
            Pat::Number if number => n = t.term.clone(),
            Pat::Year if number && t.term.len() == 4 => y = t.term.clone(),
            _ => return None,
        }
    }
    Some((n, y))
}

/// Acronyms the texts in `lang` define, with the name they stand for: "Sustainable Urban
/// Resilience for the next Generation (SURGe)" → (`SURGe`, that name), in a fixed order.
fn definitions(site: &Site, lang: &str) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut scan = |text: &str| {
        for (i, _) in text.match_indices('(') {
            if let Some(d) = definition(text, i) {
                out.insert(d);
            }
        }
    };
    for rep in &site.reports {
        for d in rep.text.get(lang).into_iter() {
            d.paragraphs.iter().for_each(|p| scan(&p.markdown));
        }
        for u in &rep.updates {
            for d in u.text.get(lang).into_iter() {
                d.paragraphs.iter().for_each(|p| scan(&p.markdown));
            }
        }
    }
    for r in &site.resolutions {
        for d in r.narrative.get(lang).into_iter() {
            scan(&d.preamble);
            d.paragraphs.iter().for_each(|p| scan(&p.markdown));
        }
    }
    out
}

/// The acronym in parentheses at byte `open` of `text` and the words before it that it abbreviates
/// (Schwartz and Hearst's rule: the acronym's letters, last to first, found in order in the words
/// before it, the first at the start of a word; at most min(letters + 5, 2 × letters) words).
fn definition(text: &str, open: usize) -> Option<(String, String)> {
    let rest = &text[open + 1..];
    let close = rest.find(')')?;
    let acronym = &rest[..close];
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let capitals = acronym.chars().filter(char::is_ascii_uppercase).count();
    if !(2..=10).contains(&acronym.len())
        || capitals < 2
        || !acronym.starts_with(|c: char| c.is_ascii_uppercase())
        || !acronym
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return None;
    }
    let before = text[..open].trim_end();
    let max_words = (letters.len() + 5).min(letters.len() * 2);
    // The last `max_words` words before the parenthesis, on this line.
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let starts: Vec<usize> = line
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace() && (i == 0 || line[..i].ends_with(char::is_whitespace))
        })
        .map(|(i, _)| i)
        .collect();
    let from = *starts.get(starts.len().saturating_sub(max_words))?;
    let window = &line[from..];
    let chars: Vec<(usize, char)> = window.char_indices().collect();
    let mut li = chars.len();
    for (ai, &a) in letters.iter().enumerate().rev() {
        loop {
            li = li.checked_sub(1)?;
            let (_, c) = chars[li];
            let word_start = li == 0 || !chars[li - 1].1.is_alphanumeric();
            if c.to_lowercase().eq(std::iter::once(a)) && (ai > 0 || word_start) {
                break;
            }
        }
    }
    let long = window[chars[li].0..].trim_end_matches(|c: char| !c.is_alphanumeric());
    if long.split_whitespace().count() < 2 || long.len() <= acronym.len() {
        return None;
    }
    Some((acronym.to_string(), long.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(s: &str) -> Option<(String, String)> {
        definition(s, s.rfind('(')?)
    }

    #[test]
    fn defined_acronyms() {
        let d = |s: &str| def(s).map(|(_, l)| l);
        assert_eq!(
            d("with the Coalition for High Ambition Multilevel Partnerships (CHAMP) is"),
            Some("Coalition for High Ambition Multilevel Partnerships".into())
        );
        assert_eq!(
            d("the national secretariats of the Southern African Development Community (SADC)"),
            Some("Southern African Development Community".into())
        );
        assert_eq!(
            d("the Sustainable Urban Resilience for the next Generation (SURGe) initiative"),
            Some("Sustainable Urban Resilience for the next Generation".into())
        );
        assert_eq!(d("in 2024 (see below)"), None);
        assert_eq!(d("the city (A)"), None);
        assert_eq!(d("a plan (UN)"), None);
        assert_eq!(d("(FAO)"), None);
    }

    fn doc(text: &str) -> SearchDoc {
        SearchDoc {
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn anchors_are_found_case_aside() {
        assert!(contains_folded("the World Urban Forum", "urban"));
        assert!(contains_folded("URBAN", "urban"));
        assert!(!contains_folded("urba", "urban"));
        assert!(contains_folded("世界城市论坛", "城市论坛"));
        assert!(!contains_folded("", "urban"));
    }

    #[test]
    fn wordings_with_numbers_give_their_short_forms() {
        let forms: Vec<Form> = [
            ("{n} session of the World Urban Forum", "WUF{n}"),
            ("世界城市论坛第{n}届会议", "WUF{n}"),
            (
                "Executive Board at its {n} session of {y}",
                "Executive Board {y}/{n}",
            ),
        ]
        .iter()
        .filter_map(|(w, s)| form(w, &[s.to_string()]))
        .collect();
        let s = Shorthands { forms };
        for (text, short) in [
            (
                "before the twelfth session of the World Urban Forum, in",
                "WUF12",
            ),
            ("at the 12th Session of the World Urban Forum", "WUF12"),
            ("并在世界城市论坛第十二届会议上介绍", "WUF12"),
            (
                "the Executive Board at its third session of 2023 approved",
                "Executive Board 2023/3",
            ),
        ] {
            let mut d = doc(text);
            s.add_to(&mut d);
            assert_eq!(d.fields, short, "{text}");
        }
        let mut d = doc("the World Urban Forum and its twelfth session");
        s.add_to(&mut d);
        assert_eq!(d.fields, "");
    }
}
