//! A query as the tokens it requires: each with the terms that satisfy it exactly (a number may be
//! a paragraph's), the stems and prefix of a last word still being typed. Reads no index files.

use super::paragraphs::paragraphs;
use crate::search::index::para_term;
use crate::search::tokenize::{could_be_suffix, tokenize, Kind, Token};

/// One required query token and the terms that satisfy it.
#[derive(Debug, Clone)]
pub struct QueryToken {
    pub exact: String,
    /// Shorter stems the typed word may be on its way to (last word only).
    pub stems: Vec<String>,
    /// Prefix to expand (last word, or a lone Chinese character).
    pub prefix: Option<String>,
    pub kind: Kind,
    /// Other terms that satisfy the token as well as `exact` does: a number may be a paragraph's.
    pub also: Vec<String>,
    /// The typed word, folded, unstemmed (for typo tolerance).
    pub folded: String,
    /// Which word of the query the token comes from (a Chinese run's bigrams share one), counted
    /// from 0 in query order: a word is found, corrected or left out as a whole.
    pub word: usize,
    /// That word as typed (a whole Chinese run; `¶N` for a paragraph reference), for the notice.
    pub typed: String,
    /// Where the token starts in `typed`, in characters (a bigram's place in its run).
    pub at: usize,
}

pub fn parse(q: &str) -> Vec<QueryToken> {
    let (paras, rest) = paragraphs(q);
    let mut out: Vec<QueryToken> = Vec::new();
    for n in paras {
        let exact = para_term(n);
        if !out.iter().any(|o| o.exact == exact) {
            out.push(QueryToken {
                exact,
                stems: vec![],
                prefix: None,
                kind: Kind::Number,
                also: vec![],
                folded: String::new(),
                word: out.len(),
                typed: format!("¶{n}"),
                at: 0,
            });
        }
    }
    let toks: Vec<Token> = tokenize(&rest);
    let spans = word_spans(&toks);
    let first_word = out.len();
    let open_end = !rest.ends_with(char::is_whitespace);
    let n = toks.len();
    for (i, t) in toks.into_iter().enumerate() {
        let last = i + 1 == n && open_end;
        let (w, start, end) = spans[i];
        let mut qt = QueryToken {
            exact: t.term.clone(),
            stems: vec![],
            prefix: None,
            kind: t.kind,
            also: vec![],
            folded: t.folded.clone(),
            word: first_word + w,
            typed: rest[start..end].to_string(),
            at: rest[start..t.start].chars().count(),
        };
        let written_as_digits = !rest[t.start..t.end].chars().any(char::is_alphabetic);
        // A plain number may be a paragraph's (`38`); a number word (`twelfth`) is not.
        if t.kind == Kind::Number && t.term.len() <= 4 && !t.term.contains('/') && written_as_digits
        {
            if let Ok(n) = t.term.parse::<u32>() {
                qt.also.push(para_term(n));
            }
        }
        match t.kind {
            Kind::Word | Kind::Number
                if last
                    && t.folded.chars().count() >= 2
                    && (t.kind == Kind::Word || written_as_digits) =>
            {
                qt.prefix = Some(t.folded.clone());
                let f = &t.folded;
                if t.kind == Kind::Word && f.bytes().all(|b| b.is_ascii_lowercase()) {
                    for k in 3..f.len() {
                        if could_be_suffix(&f[k..]) && f[..k] != t.term {
                            qt.stems.push(f[..k].to_string());
                        }
                    }
                }
            }
            Kind::Unigram => qt.prefix = Some(t.term.clone()),
            _ => {}
        }
        if !out
            .iter()
            .any(|o| o.exact == qt.exact && o.prefix == qt.prefix)
        {
            out.push(qt);
        }
    }
    out
}

/// Per token: its word (a run of overlapping Chinese bigrams is one word), and the byte range of
/// that word in the text.
fn word_spans(toks: &[Token]) -> Vec<(usize, usize, usize)> {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut of: Vec<usize> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let joins = i > 0 && t.kind == Kind::Bigram && toks[i - 1].kind == Kind::Bigram;
        match words.last_mut() {
            Some(w) if joins && t.start < w.1 => w.1 = t.end,
            _ => words.push((t.start, t.end)),
        }
        of.push(words.len() - 1);
    }
    of.into_iter()
        .map(|w| (w, words[w].0, words[w].1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parsing() {
        let q = parse("Localizing");
        assert_eq!(q[0].exact, "localiz");
        assert_eq!(q[0].prefix.as_deref(), Some("localizing"));
        let q = parse("贫民窟 ");
        assert_eq!(
            q.iter().map(|t| t.exact.as_str()).collect::<Vec<_>>(),
            ["贫民", "民窟"]
        );
        assert!(parse("the of").is_empty());
    }

    #[test]
    fn tokens_know_the_word_they_come_from() {
        let q = parse("特罗姆瑟 Joint 貧民窟 ¶ 38");
        let words: Vec<(usize, &str, usize)> =
            q.iter().map(|t| (t.word, t.typed.as_str(), t.at)).collect();
        assert_eq!(
            words,
            [
                (0, "¶38", 0),
                (1, "特罗姆瑟", 0),
                (1, "特罗姆瑟", 1),
                (1, "特罗姆瑟", 2),
                (2, "Joint", 0),
                (3, "貧民窟", 0),
                (3, "貧民窟", 1),
            ]
        );
    }

    #[test]
    fn a_number_may_be_a_paragraph_number() {
        let q = parse("38");
        assert_eq!(
            (q[0].exact.as_str(), &q[0].also[..]),
            ("38", &["¶38".to_string()][..])
        );
        assert_eq!(parse("第38段")[0].exact, "¶38");
        // A number written in words is a number, not a paragraph's, and not a prefix of others.
        for q in ["twelfth", "12th", "第十二届"] {
            let t = &parse(q)[0];
            assert_eq!(
                (t.exact.as_str(), &t.also[..], &t.prefix),
                ("12", &[][..], &None),
                "{q}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_query_parses(q in "\\PC{0,12}|[第段十九一¶para. 0-9３]{0,10}") {
            let _ = parse(&q);
        }
    }
}
