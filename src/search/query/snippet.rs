//! Snippets: which words of a result's text match the query, and the window of text shown around
//! the first match, cut at word boundaries. Reads no index files.

use super::parse::QueryToken;
use crate::search::tokenize::{tokenize, Kind, Token};

/// Whether a token of the text matches the query.
pub fn matches(tok: &Token, q: &[QueryToken]) -> bool {
    q.iter().any(|t| matches_token(tok, t))
}

/// Whether a token of the text matches one query token.
fn matches_token(tok: &Token, t: &QueryToken) -> bool {
    tok.term == t.exact
        || t.stems.contains(&tok.term)
        || t.also.contains(&tok.term)
        || t.prefix.as_ref().is_some_and(|p| {
            if t.kind == Kind::Unigram {
                tok.term.starts_with(p.as_str()) || tok.term.ends_with(p.as_str())
            } else {
                tok.folded.starts_with(p.as_str())
            }
        })
}

/// Whether the query tokens `q` occur in `text` one after another, in order: each next one is the
/// text's next token or the one after (a stop word is no token; between two Chinese words sits the
/// bigram that straddles them).
pub fn phrase(text: &str, q: &[&QueryToken]) -> bool {
    let ts = tokenize(text);
    !q.is_empty()
        && (0..ts.len()).any(|i| {
            let mut pos = i;
            matches_token(&ts[i], q[0])
                && q[1..].iter().all(|t| {
                    let next = (pos + 1..ts.len().min(pos + 3)).find(|&p| matches_token(&ts[p], t));
                    next.inspect(|&p| pos = p).is_some()
                })
        })
}

/// Chars of context shown before the first match, and the snippet length.
pub const SNIPPET_BEFORE: usize = 40;
pub const SNIPPET_CHARS: usize = 180;

/// Characters a snippet may be cut after (at its start) or before (at its end).
fn is_break(c: char) -> bool {
    c.is_whitespace() || "，。；、：！？".contains(c)
}

/// Where a snippet's edge at character `a` moves to a word boundary, looking at most 20 characters
/// forward (`forward`: to just after a break) or back (to just before one); `a` if there is none.
fn word_edge(chars: &[(usize, char)], a: usize, forward: bool) -> usize {
    for k in 0..20 {
        let i = if forward { a + k } else { a.wrapping_sub(k) };
        if i == 0 || i >= chars.len() {
            return a;
        }
        if is_break(chars[if forward { i - 1 } else { i }].1) {
            return i;
        }
    }
    a
}

/// A window of `text` around the first match, cut at word boundaries, with matches marked.
pub fn snippet(text: &str, q: &[QueryToken]) -> Vec<(String, bool)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for t in tokenize(text) {
        if matches(&t, q) {
            match ranges.last_mut() {
                Some(r) if t.start <= r.1 => r.1 = r.1.max(t.end),
                _ => ranges.push((t.start, t.end)),
            }
        }
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let first = ranges.first().map(|r| r.0).unwrap_or(0);
    let first_ci = chars.partition_point(|(b, _)| *b < first);
    let mut from_ci = first_ci.saturating_sub(SNIPPET_BEFORE);
    let mut to_ci = (from_ci + SNIPPET_CHARS).min(chars.len());
    // Cut at word boundaries: after a space or Chinese punctuation, before one.
    if from_ci > 0 {
        from_ci = word_edge(&chars, from_ci, true).min(first_ci);
    }
    if to_ci < chars.len() {
        to_ci = word_edge(&chars, to_ci, false).max(first_ci + 1);
    }
    let from = chars.get(from_ci).map(|c| c.0).unwrap_or(text.len());
    let to = chars.get(to_ci).map(|c| c.0).unwrap_or(text.len());
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut pos = from;
    let lead = if from > 0 { "…" } else { "" };
    for (a, b) in ranges {
        let (a, b) = (a.max(from), b.min(to));
        if a >= b {
            continue;
        }
        out.push((text[pos..a].to_string(), false));
        out.push((text[a..b].to_string(), true));
        pos = b;
    }
    out.push((text[pos..to].trim_end().to_string(), false));
    if let Some(f) = out.first_mut() {
        f.0.insert_str(0, lead);
    }
    if to < text.len() {
        if let Some(l) = out.last_mut() {
            l.0.push('…');
        }
    }
    out.retain(|s| !s.0.is_empty());
    out
}

/// A result's snippet: from its document's text, or from its fields when they match and the text
/// does not, or from the page's title when that leaves nothing to show.
pub(super) fn result_snippet(
    text: &str,
    fields: &str,
    title: &str,
    q: &[QueryToken],
) -> Vec<(String, bool)> {
    let mut s = snippet(text, q);
    if !s.iter().any(|p| p.1) && !fields.is_empty() {
        let f = snippet(fields, q);
        if f.iter().any(|p| p.1) {
            s = f;
        }
    }
    if s.iter().all(|p| p.0.is_empty()) {
        s = snippet(title, q);
    }
    s
}
