//! Number words fold to numerals, at index and at query time, so that the report's "twelfth session",
//! a delegate's "12th session" and the glossary's `WUF12` meet on the term `12`, and Chinese
//! `第十二届` / `第12届` / `第三次` likewise (the counter `届`, `屆` or `次`). Used by `tokenize` (and its reference); search.js
//! implements the same rules with the same table.

/// English cardinal and ordinal words up to ninety-ninth (tens and units joined by a hyphen:
/// `twenty-eighth`). Shared with search.js.
pub const NUMBER_WORDS: &str = "one:1 first:1 two:2 second:2 three:3 third:3 four:4 fourth:4 five:5 fifth:5 six:6 sixth:6 seven:7 seventh:7 eight:8 eighth:8 nine:9 ninth:9 ten:10 tenth:10 eleven:11 eleventh:11 twelve:12 twelfth:12 thirteen:13 thirteenth:13 fourteen:14 fourteenth:14 fifteen:15 fifteenth:15 sixteen:16 sixteenth:16 seventeen:17 seventeenth:17 eighteen:18 eighteenth:18 nineteen:19 nineteenth:19 twenty:20 twentieth:20 thirty:30 thirtieth:30 forty:40 fortieth:40 fifty:50 fiftieth:50 sixty:60 sixtieth:60 seventy:70 seventieth:70 eighty:80 eightieth:80 ninety:90 ninetieth:90";

fn word_value(w: &str) -> Option<u32> {
    if w.len() > 11 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // Every English word of the index is looked up here: a table, not a scan of the list.
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static str, u32>> =
        std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| {
            NUMBER_WORDS
                .split(' ')
                .filter_map(|e| {
                    let (name, v) = e.split_once(':')?;
                    Some((name, v.parse().ok()?))
                })
                .collect()
        })
        .get(w)
        .copied()
}

/// The value of the folded English word `w` that ends at byte `end` of `text`, if it is a number
/// word (`twelfth`, `twenty`) or a numeral with an ordinal suffix (`28th`, `1st`); a tens word
/// followed by a hyphen and a units word (`twenty-eighth`) takes that word too. Returns the value
/// and where the number ends.
pub fn english(w: &str, text: &str, end: usize) -> Option<(u32, usize)> {
    if let Some(d) = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .filter(|d| !d.is_empty() && d.len() <= 4 && d.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some((d.parse().ok()?, end));
    }
    let v = word_value(w)?;
    if v >= 20 && v % 10 == 0 {
        let rest = &text[end..];
        let dash = rest
            .chars()
            .next()
            .filter(|&c| matches!(c, '-' | '‐' | '‑' | '–'))?;
        let after = &rest[dash.len_utf8()..];
        let n = after.bytes().take_while(u8::is_ascii_alphabetic).count();
        if after[n..].chars().next().is_some_and(char::is_alphanumeric) {
            return Some((v, end));
        }
        let unit = word_value(&after[..n].to_ascii_lowercase()).filter(|u| *u < 10);
        return match unit {
            Some(u) => Some((v + u, end + dash.len_utf8() + n)),
            None => Some((v, end)),
        };
    }
    Some((v, end))
}

fn skip_space(s: &str) -> &str {
    s.strip_prefix([' ', '\u{a0}']).unwrap_or(s)
}

const CN_DIGITS: &str = "〇一二三四五六七八九";

fn cn_digit(c: char) -> Option<u32> {
    match c {
        '零' => Some(0),
        '两' => Some(2),
        _ => CN_DIGITS.chars().position(|x| x == c).map(|p| p as u32),
    }
}

/// A Chinese ordinal of a session or meeting at byte `i` of `text` (which holds `第`): `第` and a
/// number in Chinese numerals (up to 九百九十九) or digits, then `届` or `次`, optionally with one
/// space either side of the number. Returns the value and the byte where `届`/`次` starts: the
/// number is one token from `第` on, and the counter word begins the next run of characters.
pub fn chinese(text: &str, i: usize) -> Option<(u32, usize)> {
    let rest = text.get(i..)?.strip_prefix('第')?;
    let body = skip_space(rest);
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let (value, after) = if digits > 0 {
        if digits > 4 {
            return None;
        }
        (body[..digits].parse().ok()?, &body[digits..])
    } else {
        let (mut total, mut cur, mut seen, mut len) = (0u32, None::<u32>, false, 0);
        for c in body.chars() {
            if let Some(d) = cn_digit(c) {
                cur = Some(d);
            } else if c == '十' {
                total += cur.unwrap_or(1) * 10;
                cur = None;
            } else if c == '百' {
                total += cur?.checked_mul(100)?;
                cur = None;
            } else {
                break;
            }
            seen = true;
            len += c.len_utf8();
            if len > 8 * 3 {
                return None;
            }
        }
        if !seen {
            return None;
        }
        (total + cur.unwrap_or(0), &body[len..])
    };
    let counter = skip_space(after);
    let c = counter.chars().next()?;
    if value == 0 || !matches!(c, '届' | '次' | '屆') {
        return None;
    }
    Some((value, text.len() - counter.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_number_words() {
        let e = |s: &str| {
            let n = s.bytes().take_while(u8::is_ascii_alphanumeric).count();
            english(&s[..n].to_ascii_lowercase(), s, n)
        };
        assert_eq!(e("twelfth session"), Some((12, 7)));
        assert_eq!(e("twenty-eighth session"), Some((28, 13)));
        assert_eq!(e("Twenty-Ninth"), Some((29, 12)));
        assert_eq!(e("twenty-"), Some((20, 6)));
        assert_eq!(e("twenty-first"), Some((21, 12)));
        assert_eq!(e("twenty-fifteen"), Some((20, 6)));
        assert_eq!(e("28th"), Some((28, 4)));
        assert_eq!(e("3rd"), Some((3, 3)));
        assert_eq!(e("sixteen"), Some((16, 7)));
        assert_eq!(e("th"), None);
        assert_eq!(e("firsts"), None);
        assert_eq!(e("session"), None);
    }

    #[test]
    fn chinese_ordinals() {
        fn c(s: &str) -> Option<(u32, &str)> {
            chinese(s, 0).map(|(v, e)| (v, &s[e..]))
        }
        assert_eq!(c("第二十九届会议"), Some((29, "届会议")));
        assert_eq!(c("第十六次会议"), Some((16, "次会议")));
        assert_eq!(c("第三次"), Some((3, "次")));
        assert_eq!(c("第 12 届"), Some((12, "届")));
        assert_eq!(c("第十届"), Some((10, "届")));
        assert_eq!(c("第一百零五届"), Some((105, "届")));
        assert_eq!(c("第屆"), None);
        assert_eq!(c("第二十九段"), None);
        assert_eq!(c("第二"), None);
        assert_eq!(c("第0届"), None);
        assert_eq!(c("第十二屆"), Some((12, "屆")));
    }
}
