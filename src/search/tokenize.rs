//! Tokenisation shared by the index (build time) and `portal search` (query time); the browser client
//! `themes/default/static/search.js` implements the same rules, and a unit test checks that the tables
//! below (`FOLD`, `STOP`, `SUFFIXES`, `MULTIPLIERS`, `ALPHABET`) are byte-identical in both.
//!
//! * Chinese (and any Han or kana text): every run of CJK characters becomes its character bigrams
//!   (`特罗姆瑟` → `特罗`, `罗姆`, `姆瑟`); a run of a single character becomes that character. A query
//!   run matches when all its bigrams occur in the same page, so any run of two or more characters
//!   found in the text is found by the index (see docs/search.md for the measurements behind this).
//! * Latin script: lower-cased, diacritics folded (`Tromsø` → `tromso`), a few stop words dropped,
//!   and a light suffix-stripping stemmer (`localizing`, `localization` → `localiz`). The stem is
//!   always a prefix of the folded word, which is what lets the client highlight matches cheaply.
//! * Resolution numbers (`2/7`) are one token; digit groups (`24,000,000`, `2 400`) are joined, and a
//!   number with a multiplier becomes its value (`2 400 万` and `24 million` → `24000000`).
//! * Traditional Chinese characters fold to simplified ones (`han::fold`), in the text and the query.

use super::{han, ordinals};
use std::sync::LazyLock;

/// Diacritic folding: groups of `ascii:letters`, separated by spaces. Shared with search.js.
pub const FOLD: &str = "a:àáâãäåāăą c:çćĉċč d:ðďđ e:èéêëēĕėęě g:ĝğġģ h:ĥħ i:ìíîïĩīĭįı j:ĵ k:ķ l:ĺļľŀł n:ñńņňŉ o:òóôõöøōŏő r:ŕŗř s:śŝşšș t:ţťŧț u:ùúûüũūŭůűų w:ŵ y:ýÿŷ z:źżž ae:æ oe:œ ss:ß th:þ ij:ĳ";

/// English words too common to be worth indexing. Shared with search.js.
pub const STOP: &str = "a an and are as at be by for from has have in is it its of on or that the this to was were which with";

/// Suffixes stripped by the stemmer, first match wins. Shared with search.js.
pub const SUFFIXES: &str = "ations ation ings ing ions ion ments ment ies ied es ed s e y";

/// Minimum length of a stem.
const MIN_STEM: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A Latin-script (or other alphabetic) word, folded and stemmed.
    Word,
    /// A number, or a resolution number such as `2/7`.
    Number,
    /// Two consecutive CJK characters.
    Bigram,
    /// A CJK character standing alone between non-CJK characters.
    Unigram,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The index term.
    pub term: String,
    /// The folded, unstemmed word (for prefix matching of the last query word); equals `term`
    /// for CJK and numbers.
    pub folded: String,
    pub kind: Kind,
    /// Byte range in the source text.
    pub start: usize,
    pub end: usize,
}

/// Han ideographs (with extensions and compatibility forms), kana and the CJK iteration mark.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005 | 0x3007 | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F)
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() && !is_cjk(c)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// `FOLD` as a table sorted by character, built once: (folded letter, ASCII replacement). The first
/// group holding a letter wins, as when `FOLD` is read left to right.
static FOLD_TABLE: LazyLock<Vec<(char, &'static str)>> = LazyLock::new(|| {
    let mut t: Vec<(char, &'static str)> = Vec::new();
    for group in FOLD.split(' ') {
        if let Some((ascii, letters)) = group.split_once(':') {
            for l in letters.chars() {
                if !t.iter().any(|(c, _)| *c == l) {
                    t.push((l, ascii));
                }
            }
        }
    }
    t.sort_by_key(|(c, _)| *c);
    t
});

/// `STOP`, each word packed into a word of 8 bytes (see `pack`), sorted, built once.
static STOP_WORDS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut v: Vec<u64> = STOP.split(' ').filter_map(pack).collect();
    v.sort_unstable();
    v
});

static STOP_MAX_LEN: LazyLock<usize> =
    LazyLock::new(|| STOP.split(' ').map(str::len).max().unwrap_or(0));

/// A string of at most 7 bytes as one number, its length in the top byte.
fn pack(w: &str) -> Option<u64> {
    let b = w.as_bytes();
    if b.len() > 7 {
        return None;
    }
    let mut v = (b.len() as u64) << 56;
    for (i, &x) in b.iter().enumerate() {
        v |= (x as u64) << (i * 8);
    }
    Some(v)
}

/// `SUFFIXES` grouped by their last byte, each group in `SUFFIXES` order, built once: a word is only
/// compared with the suffixes that end as it does.
static SUFFIX_BY_LAST: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut t: Vec<Vec<&'static str>> = vec![Vec::new(); 256];
    for s in SUFFIXES.split(' ') {
        if let Some(&b) = s.as_bytes().last() {
            t[b as usize].push(s);
        }
    }
    t
});

/// Lower-cases and folds one character into `out`: diacritics removed, full-width ASCII narrowed.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    for l in c.to_lowercase() {
        if l.is_ascii() {
            out.push(l);
            continue;
        }
        match FOLD_TABLE.binary_search_by_key(&l, |(c, _)| *c) {
            Ok(k) => out.push_str(FOLD_TABLE[k].1),
            Err(_) => out.push(l),
        }
    }
}

pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

pub fn is_stop(w: &str) -> bool {
    // Most words are longer than every stop word.
    w.len() <= *STOP_MAX_LEN && pack(w).is_some_and(|k| STOP_WORDS.binary_search(&k).is_ok())
}

/// Light stemmer: strips one suffix (after an optional `-ly`), leaving at least three letters. Only
/// plain ASCII lower-case words are stemmed. The result is always a prefix of the word.
pub fn stem(word: &str) -> &str {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word;
    }
    let mut w = word;
    if w.len() >= 6 && ends_with(w, "ly") {
        w = &w[..w.len() - 2];
    }
    let last = w.as_bytes().last().copied().unwrap_or(0);
    for &suf in &SUFFIX_BY_LAST[last as usize] {
        if w.len() >= suf.len() + MIN_STEM && ends_with(w, suf) {
            if suf == "s" && (ends_with(w, "ss") || ends_with(w, "us") || ends_with(w, "is")) {
                continue;
            }
            return &w[..w.len() - suf.len()];
        }
    }
    w
}

/// `str::ends_with` for the few bytes of a suffix, compared in place: the library's version calls
/// `memcmp`, which costs more than the comparison itself for two or three bytes.
fn ends_with(w: &str, suffix: &str) -> bool {
    let (w, s) = (w.as_bytes(), suffix.as_bytes());
    w.len() >= s.len() && w[w.len() - s.len()..].iter().zip(s).all(|(a, b)| a == b)
}

/// Whether `rest` (what a typed word has beyond an indexed stem) could be the start of a suffix the
/// stemmer strips, so that `housin` still finds the stem `hous`.
pub fn could_be_suffix(rest: &str) -> bool {
    rest.is_empty() || "ly".starts_with(rest) || SUFFIXES.split(' ').any(|s| s.starts_with(rest))
}

/// Splits text into index tokens. Stop words are dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for_each_token(text, &mut buf, |kind, term, folded, start, end| {
        out.push(Token {
            term: term.to_string(),
            folded: folded.to_string(),
            kind,
            start,
            end,
        })
    });
    out
}

/// The tokens of `text`, as `tokenize` finds them, without allocating: `f(kind, term, folded, start,
/// end)` is called for each, in order. `buf` is scratch space for folded words, reused across calls.
pub fn for_each_token(
    text: &str,
    buf: &mut String,
    mut f: impl FnMut(Kind, &str, &str, usize, usize),
) {
    for_each_raw(text, buf, |kind, folded, start, end| {
        if kind != Kind::Word {
            f(kind, folded, folded, start, end)
        } else if !is_stop(folded) {
            f(kind, stem(folded), folded, start, end)
        }
    })
}

/// The tokens of `text` before stop words are dropped and words stemmed: `f(kind, folded, start,
/// end)`. For the index, which stems each distinct word once rather than at each occurrence; its
/// term for a `Word` is `stem(folded)` unless `is_stop(folded)`, and `folded` for the other kinds.
pub fn for_each_raw(text: &str, buf: &mut String, mut f: impl FnMut(Kind, &str, usize, usize)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        // Spaces and punctuation between tokens, skipped a byte at a time.
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
        {
            i += 1;
        }
        let Some(c) = char_at(text, i) else {
            break;
        };
        i = if is_cjk(c) {
            cjk_run(text, i, c, buf, &mut f)
        } else if is_word_char(c) {
            word(text, i, buf, &mut f)
        } else {
            i + c.len_utf8()
        };
    }
}

/// The character starting at byte `i` of `text`. `i` is always at a character boundary of valid
/// UTF-8, so a three-byte sequence (all of CJK) can be decoded directly.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let bytes = text.as_bytes();
    match bytes.get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(&b) if (0xE0..0xF0).contains(&b) && i + 2 < bytes.len() => char::from_u32(
            (b as u32 & 0x0F) << 12
                | (bytes[i + 1] as u32 & 0x3F) << 6
                | (bytes[i + 2] as u32 & 0x3F),
        ),
        Some(_) => text[i..].chars().next(),
        None => None,
    }
}

/// The run of CJK characters starting at byte `s` with `c`: its bigrams, or the character alone
/// when the run has one; traditional characters fold to simplified ones (a bigram is a slice of
/// the text unless one of its characters folds). Returns where the run ends.
fn cjk_run(
    text: &str,
    s: usize,
    c: char,
    buf: &mut String,
    f: &mut impl FnMut(Kind, &str, usize, usize),
) -> usize {
    if let Some(end) = chinese_ordinal(text, s, buf, f) {
        return end;
    }
    let mut prev = s;
    let mut prev_c = han::fold(c);
    let mut prev_same = prev_c == c;
    let mut i = s + c.len_utf8();
    let mut run = 1;
    while let Some(n) = char_at(text, i).filter(|&n| is_cjk(n)) {
        if n == '第' && ordinals::chinese(text, i).is_some() {
            break;
        }
        let end = i + n.len_utf8();
        let nf = han::fold(n);
        if prev_same && nf == n {
            f(Kind::Bigram, &text[prev..end], prev, end);
        } else {
            buf.clear();
            buf.push(prev_c);
            buf.push(nf);
            f(Kind::Bigram, buf, prev, end);
        }
        prev = i;
        prev_c = nf;
        prev_same = nf == n;
        i = end;
        run += 1;
    }
    if run == 1 {
        if prev_same {
            f(Kind::Unigram, &text[s..i], s, i);
        } else {
            buf.clear();
            buf.push(prev_c);
            f(Kind::Unigram, buf, s, i);
        }
    }
    i
}

/// `第N届` / `第N次` at byte `s`: the number as one token (from `第` to the counter word, which
/// starts the next run). Returns where the number ends.
fn chinese_ordinal(
    text: &str,
    s: usize,
    buf: &mut String,
    f: &mut impl FnMut(Kind, &str, usize, usize),
) -> Option<usize> {
    if !text[s..].starts_with('第') {
        return None;
    }
    let (v, end) = ordinals::chinese(text, s)?;
    buf.clear();
    buf.push_str(&v.to_string());
    f(Kind::Number, buf, s, end);
    Some(end)
}

/// The word or number starting at byte `s`, folded into `buf`: a `Number` when it has only digits
/// (and the `/` of a resolution number), else a `Word`. Returns where it ends.
fn word(
    text: &str,
    s: usize,
    buf: &mut String,
    f: &mut impl FnMut(Kind, &str, usize, usize),
) -> usize {
    let bytes = text.as_bytes();
    let mut i = s;
    buf.clear();
    let mut digits_only = true;
    // Whether digit groups were joined across a space (`2 400`).
    let mut grouped = false;
    while let Some(c) = char_at(text, i) {
        // Fast path: a run of ASCII letters and digits is copied and lower-cased at once.
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            let part = &bytes[i..i + run];
            digits_only &= part.iter().all(u8::is_ascii_digit);
            let from = buf.len();
            buf.push_str(&text[i..i + run]);
            buf[from..].make_ascii_lowercase();
            i += run;
        } else if is_word_char(c) {
            digits_only &= c.is_ascii_digit();
            fold_char(c, buf);
            i += c.len_utf8();
        } else if joins(text, i, c, buf, digits_only, &mut grouped) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    if digits_only && !buf.contains('/') {
        if let Some(after) = scale(text, i, buf) {
            i = after;
        }
    }
    if !digits_only {
        if let Some((v, end)) = ordinals::english(buf, text, i) {
            buf.clear();
            buf.push_str(&v.to_string());
            i = end;
        }
    }
    let folded = buf.as_str();
    if folded.bytes().all(|b| b.is_ascii_digit() || b == b'/') {
        f(Kind::Number, folded, s, i);
    } else {
        f(Kind::Word, folded, s, i);
    }
    i
}

/// Whether the character `c` at byte `i`, not a word character, joins the word in `buf` to what
/// follows, and what it adds to `buf`: `Let's` → `lets`, `2/7` stays one token, `24,000` becomes
/// `24000` and `2 400 000` becomes `2400000`, as `2,400,000` does.
fn joins(
    text: &str,
    i: usize,
    c: char,
    buf: &mut String,
    digits_only: bool,
    grouped: &mut bool,
) -> bool {
    let bytes = text.as_bytes();
    let next = i + c.len_utf8();
    if is_apostrophe(c) {
        !digits_only && char_at(text, next).is_some_and(is_word_char)
    } else if (c == ',' || c == '/')
        && digits_only
        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        && (c == '/'
            || (i + 4 <= bytes.len()
                && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit())))
    {
        if c == '/' {
            if buf.contains('/') {
                return false;
            }
            buf.push('/');
        }
        true
    } else if is_group_space(c)
        && digits_only
        && (*grouped || buf.len() <= 3)
        && !buf.contains('/')
        && three_digits_at(bytes, next)
    {
        *grouped = true;
        true
    } else {
        false
    }
}

/// A space that may separate groups of three digits: ASCII, no-break, narrow no-break, thin.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Whether exactly three ASCII digits start at `j`.
fn three_digits_at(b: &[u8], j: usize) -> bool {
    j + 3 <= b.len()
        && b[j..j + 3].iter().all(u8::is_ascii_digit)
        && b.get(j + 3).is_none_or(|d| !d.is_ascii_digit())
}

/// Multipliers a number may be followed by, with their power of ten. Chinese ones in simplified
/// form (the text is folded first). Shared with search.js.
pub const MULTIPLIERS: &str = "万:4 亿:8 thousand:3 million:6 billion:9 trillion:12";

/// If the number in `digits` (ending at byte `i` of `text`) goes on with an optional decimal part
/// and a multiplier (`2 400 万`, `0.5 billion`, `1.2 million`), replaces `digits` with its value and
/// returns where the multiplier ends. A decimal part longer than the multiplier's zeros (not a
/// whole number) is left alone.
pub fn scale(text: &str, i: usize, digits: &mut String) -> Option<usize> {
    let b = text.as_bytes();
    let mut j = i;
    let mut frac = "";
    if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        let e = j + 1 + b[j + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
        frac = &text[j + 1..e];
        j = e;
    }
    // At most one space before the multiplier.
    let mut rest = &text[j..];
    if let Some(c) = rest.chars().next().filter(|&c| is_group_space(c)) {
        rest = &rest[c.len_utf8()..];
    }
    let j = text.len() - rest.len();
    let mut chars = rest.chars();
    let first = chars.next()?;
    let (len, zeros) = if is_cjk(first) {
        let f = han::fold(first).to_string();
        (first.len_utf8(), multiplier(&f)?)
    } else {
        let w = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        if rest[w..].chars().next().is_some_and(is_word_char) {
            return None;
        }
        (w, multiplier(&rest[..w].to_ascii_lowercase())?)
    };
    if frac.len() > zeros {
        return None;
    }
    digits.push_str(frac);
    for _ in frac.len()..zeros {
        digits.push('0');
    }
    let lead = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..lead.min(digits.len() - 1));
    Some(j + len)
}

fn multiplier(w: &str) -> Option<usize> {
    if w.is_empty() {
        return None;
    }
    MULTIPLIERS.split(' ').find_map(|m| {
        let (name, zeros) = m.split_once(':')?;
        (name == w).then(|| zeros.parse().ok()).flatten()
    })
}

/// The 64 characters of the posting encoding (JSON-safe).
pub const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Appends `v` as a little-endian base-32 varint: five bits per character, 32 marks "more follows".
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let d = (v & 31) as usize;
        v >>= 5;
        if v == 0 {
            out.push(ALPHABET[d]);
            return;
        }
        out.push(ALPHABET[d | 32]);
    }
}

/// `ALPHABET` position of each byte, 255 for none; built once.
static DIGIT: LazyLock<[u8; 256]> = LazyLock::new(|| {
    let mut t = [255u8; 256];
    for (i, &a) in ALPHABET.iter().enumerate() {
        t[a as usize] = i as u8;
    }
    t
});

pub fn get_varints(s: &str) -> Option<Vec<u64>> {
    let mut out = Vec::with_capacity(s.len() / 2);
    let (mut v, mut shift) = (0u64, 0u32);
    let digit = &*DIGIT;
    for b in s.bytes() {
        let d = digit[b as usize];
        if d == 255 {
            return None;
        }
        let d = d as u64;
        v |= (d & 31) << shift;
        if d & 32 != 0 {
            shift += 5;
        } else {
            out.push(v);
            v = 0;
            shift = 0;
        }
    }
    (shift == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokeniser as first written (a char vector, two strings per token, tables split on every
    /// call): the reference the faster one must match exactly.
    mod reference {
        use super::super::{
            han, is_apostrophe, is_cjk, is_group_space, ordinals, scale, Kind, FOLD, MIN_STEM,
            STOP, SUFFIXES,
        };

        fn is_word_char(c: char) -> bool {
            c.is_alphanumeric() && !is_cjk(c)
        }

        fn fold_char(c: char, out: &mut String) {
            let c = match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            for l in c.to_lowercase() {
                if l.is_ascii() {
                    out.push(l);
                    continue;
                }
                let mut found = false;
                for group in FOLD.split(' ') {
                    if let Some((ascii, letters)) = group.split_once(':') {
                        if letters.contains(l) {
                            out.push_str(ascii);
                            found = true;
                            break;
                        }
                    }
                }
                if !found {
                    out.push(l);
                }
            }
        }

        fn stem(word: &str) -> &str {
            if !word.bytes().all(|b| b.is_ascii_lowercase()) {
                return word;
            }
            let mut w = word;
            if w.len() >= 6 && w.ends_with("ly") {
                w = &w[..w.len() - 2];
            }
            for suf in SUFFIXES.split(' ') {
                if w.len() >= suf.len() + MIN_STEM && w.ends_with(suf) {
                    if suf == "s" && (w.ends_with("ss") || w.ends_with("us") || w.ends_with("is")) {
                        continue;
                    }
                    return &w[..w.len() - suf.len()];
                }
            }
            w
        }

        pub fn tokenize(text: &str) -> Vec<(String, String, Kind, usize, usize)> {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let end_of = |i: usize| chars.get(i).map(|(b, _)| *b).unwrap_or(text.len());
            let mut out = Vec::new();
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i].1;
                if is_cjk(c) && c == '第' && ordinals::chinese(text, chars[i].0).is_some() {
                    let (v, end) = ordinals::chinese(text, chars[i].0).unwrap();
                    let t = v.to_string();
                    out.push((t.clone(), t, Kind::Number, chars[i].0, end));
                    i = chars.partition_point(|(b, _)| *b < end);
                } else if is_cjk(c) {
                    let s = i;
                    while i < chars.len()
                        && is_cjk(chars[i].1)
                        && !(i > s
                            && chars[i].1 == '第'
                            && ordinals::chinese(text, chars[i].0).is_some())
                    {
                        i += 1;
                    }
                    if i - s == 1 {
                        let t = han::fold(c).to_string();
                        out.push((t.clone(), t, Kind::Unigram, chars[s].0, end_of(i)));
                    } else {
                        for k in s..i - 1 {
                            let t: String = [han::fold(chars[k].1), han::fold(chars[k + 1].1)]
                                .iter()
                                .collect();
                            out.push((t.clone(), t, Kind::Bigram, chars[k].0, end_of(k + 2)));
                        }
                    }
                } else if is_word_char(c) {
                    let s = i;
                    let mut folded = String::new();
                    let mut digits_only = true;
                    let mut grouped = false;
                    while i < chars.len() {
                        let c = chars[i].1;
                        if is_word_char(c) {
                            digits_only &= c.is_ascii_digit();
                            fold_char(c, &mut folded);
                            i += 1;
                        } else if is_apostrophe(c)
                            && !digits_only
                            && chars.get(i + 1).is_some_and(|n| is_word_char(n.1))
                        {
                            i += 1;
                        } else if (c == ',' || c == '/')
                            && digits_only
                            && chars.get(i + 1).is_some_and(|n| n.1.is_ascii_digit())
                            && (c == '/'
                                || (i + 4 <= chars.len()
                                    && chars[i + 1..i + 4].iter().all(|n| n.1.is_ascii_digit())
                                    && chars.get(i + 4).is_none_or(|n| !n.1.is_ascii_digit())))
                        {
                            if c == '/' {
                                if folded.contains('/') {
                                    break;
                                }
                                folded.push('/');
                            }
                            i += 1;
                        } else if is_group_space(c)
                            && digits_only
                            && (grouped || folded.len() <= 3)
                            && !folded.contains('/')
                            && i + 4 <= chars.len()
                            && chars[i + 1..i + 4].iter().all(|n| n.1.is_ascii_digit())
                            && chars.get(i + 4).is_none_or(|n| !n.1.is_ascii_digit())
                        {
                            grouped = true;
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    if digits_only && !folded.contains('/') {
                        if let Some(after) = scale(text, end_of(i), &mut folded) {
                            i = chars.partition_point(|(b, _)| *b < after);
                        }
                    }
                    if !digits_only {
                        if let Some((v, end)) = ordinals::english(&folded, text, end_of(i)) {
                            folded = v.to_string();
                            i = chars.partition_point(|(b, _)| *b < end);
                        }
                    }
                    let (start, end) = (chars[s].0, end_of(i));
                    if folded.bytes().all(|b| b.is_ascii_digit() || b == b'/') {
                        out.push((folded.clone(), folded, Kind::Number, start, end));
                    } else if !STOP.split(' ').any(|s| s == folded) {
                        out.push((stem(&folded).to_string(), folded, Kind::Word, start, end));
                    }
                } else {
                    i += 1;
                }
            }
            out
        }
    }

    fn matches_reference(text: &str) {
        let fast: Vec<(String, String, Kind, usize, usize)> = tokenize(text)
            .into_iter()
            .map(|t| (t.term, t.folded, t.kind, t.start, t.end))
            .collect();
        assert_eq!(fast, reference::tokenize(text), "{text:?}");
    }

    #[test]
    fn same_tokens_as_the_reference() {
        for text in [
            "",
            "Let's Do It World 合作 2/7/8 24,000,000 1,2345 12,345,",
            "Tromsø ＳＵＲＧｅ İstanbul ẞtraße ĳssel ǅemal x² H₂O Æther œuvre Þing",
            "houses’ the cities'  localizations adequately biodiversity status progress",
            "特罗姆瑟，挪威 年 𠀀𠀁 〇々 カタカナ ひらがな 한국어 Ελληνικά русский",
            "a an and are as at be by for from has have in is it its of on or that the this to",
            "the twenty-eighth session, Twelfth WUF, 28th, twenty- one, sixty-sixth 第二十九届 大会第十六次会议 第 12 届 第三次第一百届",
        ] {
            matches_reference(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn random_text_tokenises_as_the_reference(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'e', 's', 'i', 'o', 'n', 'g', 'l', 'y', 'd', 't', 'h', 'A', 'S', 'Z', '0', '1',
                '9', ',', '/', '\'', '\u{2019}', ' ', '.', '-', '特', '罗', '年', '々', 'カ', '𠀀',
                'ø', 'É', 'ß', 'İ', 'ẞ', 'Ａ', '１', '／', '²', 'Ω', 'ж', '\u{308}', '\t', '\n',
                '万', '萬', '億', '貧', '\u{a0}', '\u{202f}', 'm', 'b', 'r', '.', '第', '十', '二',
                '届', '次', '屆',
            ]), 0..48)
        ) {
            let text: String = chars.into_iter().collect();
            matches_reference(&text);
        }

        #[test]
        fn stop_words_and_stems_as_the_reference(w in "[a-z]{0,9}") {
            proptest::prop_assert_eq!(is_stop(&w), STOP.split(' ').any(|s| s == w));
            let words = [w.clone(), format!("{w}ly"), format!("{w}ations"), format!("{w}s")];
            for w in &words {
                let text = format!("{w} {w}");
                matches_reference(&text);
            }
        }
    }

    fn terms(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn chinese_runs_become_bigrams() {
        assert_eq!(terms("特罗姆瑟"), ["特罗", "罗姆", "姆瑟"]);
        assert_eq!(
            terms("挪威特罗姆瑟举行"),
            ["挪威", "威特", "特罗", "罗姆", "姆瑟", "瑟举", "举行"]
        );
        // A single character between non-CJK text is kept as a unigram.
        assert_eq!(terms("2024 年 6 月"), ["2024", "年", "6", "月"]);
        // Traditional characters fold to simplified ones.
        assert_eq!(terms("貧民窟"), terms("贫民窟"));
        assert_eq!(terms("適當住房 臺"), ["适当", "当住", "住房", "台"]);
        // Punctuation splits runs.
        assert_eq!(terms("贫民窟，住房"), ["贫民", "民窟", "住房"]);
    }

    #[test]
    fn mixed_text() {
        assert_eq!(terms("SURGe 倡议"), ["surg", "倡议"]);
        assert_eq!(
            terms("和 Let's Do It World 合作"),
            ["和", "let", "do", "world", "合作"]
        );
        let t = tokenize("第 2/7 号决议");
        assert_eq!(t[0].term, "第");
        assert_eq!(t[1].term, "2/7");
        assert_eq!(t[1].kind, Kind::Number);
        assert_eq!(&"第 2/7 号决议"[t[1].start..t[1].end], "2/7");
    }

    #[test]
    fn english_folding_and_stop_words() {
        assert_eq!(terms("Tromsø, Norway"), ["tromso", "norwa"]);
        assert_eq!(terms("TROMSØ"), ["tromso"]);
        assert_eq!(
            terms("São Paulo, Zürich, Łódź"),
            ["sao", "paulo", "zurich", "lodz"]
        );
        assert_eq!(terms("the Government of Spain"), ["govern", "spain"]);
        assert_eq!(terms("ＳＵＲＧｅ"), ["surg"]);
    }

    #[test]
    fn numbers() {
        assert_eq!(terms("USD 24,000,000 in 2024"), ["usd", "24000000", "2024"]);
        assert_eq!(terms("resolutions 2/7 and 1/1."), ["resolut", "2/7", "1/1"]);
        assert_eq!(terms("HSP/HA.2/Res.7"), ["hsp", "ha", "2", "res", "7"]);
        assert_eq!(terms("1,2 and 3"), ["1", "2", "3"]);
        // Digit groups across spaces, and multipliers, give the number's value.
        for q in [
            "2 400 万美元",
            "2400万美元",
            "2,400 萬美元",
            "24 million 美元",
            "24,000,000 美元",
            "24000000美元",
        ] {
            assert_eq!(terms(q), ["24000000", "美元"], "{q}");
        }
        assert_eq!(terms("估计 5 亿儿童"), ["估计", "500000000", "儿童"]);
        assert_eq!(terms("0.5 billion children")[0], "500000000");
        assert_eq!(terms("1.25 million"), ["1250000"]);
        // Not a multiplier: left as it was.
        assert_eq!(terms("2024 年 6 月"), ["2024", "年", "6", "月"]);
        assert_eq!(terms("2024 100"), ["2024", "100"]);
        assert_eq!(terms("12 1000"), ["12", "1000"]);
        assert_eq!(terms("1 millionaire"), ["1", "millionair"]);
        // Number words and ordinals, in either language, are their numerals.
        for q in [
            "twelfth session",
            "12th session",
            "Twelfth Session",
            "twelve sessions",
        ] {
            assert_eq!(terms(q), ["12", "sess"], "{q}");
        }
        assert_eq!(terms("the twenty-eighth session"), ["28", "sess"]);
        for q in ["第二十八届会议", "第28届会议", "第 28 届会议"] {
            assert_eq!(terms(q), ["28", "届会", "会议"], "{q}");
        }
        assert_eq!(
            terms("缔约方大会第十六次会议"),
            ["缔约", "约方", "方大", "大会", "16", "次会", "会议"]
        );
        // Not an ordinal of a session or meeting: left as text.
        assert_eq!(terms("第十二段"), ["第十", "十二", "二段"]);
        let t = tokenize("the twenty-eighth session");
        assert_eq!(
            &"the twenty-eighth session"[t[0].start..t[0].end],
            "twenty-eighth"
        );
        let t = tokenize("约 2 400 万美元");
        assert_eq!(&"约 2 400 万美元"[t[1].start..t[1].end], "2 400 万");
    }

    #[test]
    fn stemming_makes_forms_meet() {
        for group in [
            &[
                "localizing",
                "localization",
                "localize",
                "localized",
                "localizes",
                "localizations",
            ][..],
            &["housing", "houses", "house"],
            &["adequate", "adequately"],
            &["cities", "city"],
            &["country", "countries"],
            &["fund", "funds", "funding", "funded"],
            &["government", "governments", "governing"],
            &["site", "sites"],
        ] {
            let stems: Vec<&str> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.iter().all(|s| *s == stems[0]),
                "{group:?} → {stems:?}"
            );
        }
        assert_eq!(stem("progress"), "progress");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("tromso"), "tromso");
        assert_eq!(stem("biodiversity"), "biodiversit");
        // Short words are left alone.
        assert_eq!(stem("use"), "use");
        assert_eq!(stem("king"), "king");
        for w in [
            "localizing",
            "biodiversity",
            "houses",
            "adequately",
            "cities",
        ] {
            assert!(w.starts_with(stem(w)));
        }
    }

    #[test]
    fn partial_words_can_reach_their_stem() {
        assert!(could_be_suffix("in"));
        assert!(could_be_suffix("at"));
        assert!(!could_be_suffix("x"));
    }

    #[test]
    fn varints_round_trip() {
        let vals = [0u64, 1, 31, 32, 1000, 123456789];
        let mut s = Vec::new();
        for v in vals {
            put_varint(&mut s, v);
        }
        assert_eq!(get_varints(std::str::from_utf8(&s).unwrap()).unwrap(), vals);
        assert_eq!(get_varints("_"), None);
    }
}
