//! All YAML parsing lives here, so that the YAML library can be swapped in one place. Errors keep the
//! file, line and column, and unknown fields get a "did you mean" hint. Also the limits on what a
//! file may make of itself: how much text its aliases repeat, and numbers only in plain decimal.

use crate::diagnostics::{did_you_mean, Diagnostic};
use serde::de::DeserializeOwned;
use std::path::Path;

/// The most text (bytes of keys and values) one file's aliases (`*name`) may add to what the file
/// itself holds. serde_yaml bounds alias *jumps* to 100 × the file's events, which a flat list of
/// aliases of one big anchor never reaches: 10,000 × `*e` of a 20 KB event made a 92 KB file build
/// 974 MB. Content never needs this (the bundled files use no aliases); content/README.md says so.
pub const MAX_ALIAS_BYTES_PER_FILE: usize = 1 << 20;

/// The most text the aliases of all files together may add (`load` sums `parse_counted`'s counts).
pub const MAX_ALIAS_BYTES_PER_SITE: usize = 16 << 20;

pub fn parse<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    parse_counted(file, text).map(|(v, _)| v)
}

/// `parse`, and how many bytes of text the file's aliases added (0 for a file without aliases).
pub fn parse_counted<T: DeserializeOwned>(
    file: &Path,
    text: &str,
) -> Result<(T, usize), Diagnostic> {
    // Before the typed parse: that parse is what would allocate every repeated copy.
    let added = alias_bytes(file, text)?;
    let value = parse_typed(file, text)?;
    plain_numbers::<T>(file, text)?;
    // A control character can only reach a value through an escape in a quoted string (`"\0"`):
    // raw ones are refused when the file is read. Texts check their own; this catches every other
    // string (a language's name, a document symbol), walking the YAML only if it has a backslash.
    if memchr::memchr(b'\\', text.as_bytes()).is_some() {
        if let Ok(v) = serde_yaml::from_str::<serde_yaml::Value>(text) {
            if let Some(c) = find_forbidden(&v) {
                let line = text
                    .lines()
                    .position(|l| {
                        l.split('\\').skip(1).any(|rest| {
                            rest.starts_with([
                                '0', 'a', 'b', 'v', 'f', 'r', 'e', 'x', 'u', 'U', 'N',
                            ])
                        })
                    })
                    .map(|i| i + 1);
                return Err(Diagnostic::error(
                    file,
                    format!("control character {} in a value", c.escape_unicode()),
                )
                .at(line, None)
                .hint("delete the escape that makes it (only tab and newline are allowed)"));
            }
        }
    }
    Ok((value, added))
}

/// The bytes of text the file's aliases add: the text of the whole document with every alias
/// replaced by what it names, less the file's own size; an error past `MAX_ALIAS_BYTES_PER_FILE`.
/// Walks the document without building it (no copy is made), and only if it has an anchor.
fn alias_bytes(file: &Path, text: &str) -> Result<usize, Diagnostic> {
    if memchr::memchr(b'&', text.as_bytes()).is_none()
        || memchr::memchr(b'*', text.as_bytes()).is_none()
    {
        return Ok(0);
    }
    let limit = text.len() + MAX_ALIAS_BYTES_PER_FILE;
    let mut counter = Expanded { bytes: 0, limit };
    match serde::de::DeserializeSeed::deserialize(
        &mut counter,
        serde_yaml::Deserializer::from_str(text),
    ) {
        Ok(()) => Ok(counter.bytes.saturating_sub(text.len())),
        // A syntax error is the typed parse's to report, with its hints.
        Err(_) if counter.bytes <= limit => Ok(0),
        Err(_) => Err(Diagnostic::error(
            file,
            format!(
                "its YAML aliases (`*name`) repeat more than {} MiB of text",
                MAX_ALIAS_BYTES_PER_FILE >> 20
            ),
        )
        .at(first_alias_line(text), None)
        .hint("write each value out where it is needed, or use fewer aliases: an alias repeats everything its anchor (`&name`) holds")),
    }
}

/// Numbers are plain decimal digits. YAML also reads `0x10`, `0o17`, `0b11` and `+100` as integers,
/// which nobody copying an amount from a report means (and `0x10` reads as 16). The parsed value
/// does not say how a number was written, so each such token is tried again quoted: if the file then
/// fails with "invalid type: string" on that line, the token went into a number. Runs only on files
/// that hold such a token, which content does not.
fn plain_numbers<T: DeserializeOwned>(file: &Path, text: &str) -> Result<(), Diagnostic> {
    const MAX_TRIED: usize = 32;
    for (start, end) in unplain_numbers(text).take(MAX_TRIED) {
        let token = &text[start..end];
        let quoted = format!("{}\"{token}\"{}", &text[..start], &text[end..]);
        let line = memchr::memchr_iter(b'\n', &text.as_bytes()[..start]).count() + 1;
        let Err(e) = serde_yaml::from_str::<T>(&quoted) else {
            continue;
        };
        let into_number = e.to_string().contains("invalid type: string")
            && e.location().is_some_and(|l| l.line() == line);
        if into_number {
            let col = text[..start]
                .rsplit('\n')
                .next()
                .unwrap_or("")
                .chars()
                .count()
                + 1;
            return Err(Diagnostic::error(
                file,
                format!("`{}` is not a plain decimal number", token.chars().take(40).collect::<String>()),
            )
            .at(Some(line), Some(col))
            .hint("write numbers in decimal digits alone: no `+` sign and no 0x, 0o or 0b prefix (YAML would read `0x10` as 16)"));
        }
    }
    Ok(())
}

/// Byte ranges of tokens that stand alone (between spaces, brackets, commas or a key's colon) and
/// that YAML reads as a number written otherwise than in plain decimal: a leading `+`, or a
/// `0x`/`0o`/`0b` prefix (signed or not).
fn unplain_numbers(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let ends = |c: u8| c.is_ascii_whitespace() || b",]}#".contains(&c);
    (0..b.len()).filter_map(move |i| {
        let starts = i == 0 || b" \t\n[{,:".contains(&b[i - 1]);
        if !starts || !(b[i] == b'+' || b[i] == b'-' || b[i] == b'0') {
            return None;
        }
        let end = (i..b.len()).find(|&j| ends(b[j])).unwrap_or(b.len());
        let t = &b[i..end];
        let (sign, digits) = match t[0] {
            b'+' | b'-' => (Some(t[0]), &t[1..]),
            _ => (None, t),
        };
        let prefixed = digits.len() > 2
            && digits[0] == b'0'
            && b"xob".contains(&digits[1])
            && digits[2..]
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || *c == b'_');
        let plus = sign == Some(b'+')
            && digits
                .first()
                .is_some_and(|c| c.is_ascii_digit() || *c == b'.')
            && digits
                .iter()
                .all(|c| c.is_ascii_digit() || b"._eE+-".contains(c));
        (prefixed || plus).then_some((i, end))
    })
}

/// The line of the first alias (`*name` where a value starts: after `- `, `key: `, `[` or `,`, with
/// nothing but the end of a flow collection after it), to point the error at.
fn first_alias_line(text: &str) -> Option<usize> {
    let is_alias_at = |l: &str, i: usize| {
        let before = l[..i].trim_end();
        let starts = before.is_empty() || before.ends_with(['-', ':', '[', ',', '{']);
        let rest = &l[i + 1..];
        let name_end = rest
            .find(|c: char| c.is_whitespace() || ",]}".contains(c))
            .unwrap_or(rest.len());
        let after = rest[name_end..].trim_start();
        starts && name_end > 0 && (after.is_empty() || after.starts_with([',', ']', '}', '#']))
    };
    text.lines()
        .position(|l| l.match_indices('*').any(|(i, _)| is_alias_at(l, i)))
        .map(|i| i + 1)
}

/// Counts the bytes of every key and value of a document as the deserializer hands them over, an
/// alias as often as it is used, and stops (an error) once past `limit`.
struct Expanded {
    bytes: usize,
    limit: usize,
}

impl Expanded {
    fn add<E: serde::de::Error>(&mut self, n: usize) -> Result<(), E> {
        self.bytes = self.bytes.saturating_add(n);
        if self.bytes > self.limit {
            return Err(E::custom("aliases repeat too much text"));
        }
        Ok(())
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut Expanded {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut Expanded {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.add(v.len().max(1))
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.add(1)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.add(1)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.add(1)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.add(1)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.add(1)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.add(1)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // Each item counts one byte of its own, so that a list of empty values is not free.
        self.add(1)?;
        while seq.next_element_seed(&mut *self)?.is_some() {
            self.add(1)?;
        }
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.add(1)?;
        while map.next_key_seed(&mut *self)?.is_some() {
            map.next_value_seed(&mut *self)?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(&mut *self)?;
        variant.newtype_variant_seed(&mut *self)
    }
}

fn find_forbidden(v: &serde_yaml::Value) -> Option<char> {
    use serde_yaml::Value;
    match v {
        Value::String(s) => s.chars().find(|&c| crate::model::forbidden_char(c)),
        Value::Sequence(items) => items.iter().find_map(find_forbidden),
        Value::Mapping(m) => m
            .iter()
            .find_map(|(k, v)| find_forbidden(k).or_else(|| find_forbidden(v))),
        Value::Tagged(t) => find_forbidden(&t.value),
        _ => None,
    }
}

fn parse_typed<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e| {
        let loc = e.location();
        let full = e.to_string();
        // serde_yaml appends the location to its message; we print it separately.
        let message = match full.find(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        // The message may quote a value or key from the file, which may be huge.
        let message = match message.char_indices().nth(300) {
            Some((i, _)) => format!("{}…", &message[..i]),
            None => message,
        };
        let mut at = loc.as_ref().map(|l| (l.line(), l.column()));
        // serde_yaml places an error raised by a map's contents at the map's start (1:1 for a
        // field of the whole file): point at the key itself.
        if let Some((line, col)) = at {
            let key = |prefix: &str| message.split(prefix).nth(1)?.split('`').next();
            let found = if let Some(k) = key("duplicate field `")
                .or_else(|| key("duplicate language `"))
                .or_else(|| key("duplicate label `"))
            {
                key_in_map(text, line, col, k, 2)
            } else if let Some(k) = key("in the `") {
                key_in_map(text, line, col, k, 1)
            } else {
                None
            };
            at = found.or(at);
        }
        let mut d = Diagnostic::error(file, message.clone()).at(at.map(|a| a.0), at.map(|a| a.1));
        let tab = at
            .and_then(|(line, _)| text.lines().nth(line.checked_sub(1)?))
            .is_some_and(|l| l.contains('\t'));
        if tab {
            d = d.hint("YAML forbids tabs for indentation (and before a value): use spaces");
        } else if let Some(h) = hint(&message) {
            d = d.hint(h);
        }
        d
    })
}

/// The (line, column) of the `nth` occurrence of `key:` in the map that starts at (line, col):
/// in a block map, the keys in that column up to where the map ends; in a flow map (`{…}`), the
/// keys after its brace.
fn key_in_map(
    text: &str,
    line: usize,
    col: usize,
    key: &str,
    nth: usize,
) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let first = lines.get(line.checked_sub(1)?)?;
    let start = first
        .char_indices()
        .nth(col.checked_sub(1)?)
        .map(|(i, _)| i)?;
    let is_key_at = |l: &str, i: usize| {
        let rest = &l[i..];
        let before_ok = l[..i]
            .chars()
            .next_back()
            .is_none_or(|c| c == '{' || c == ',' || c == ' ' || c == '-');
        before_ok
            && rest
                .strip_prefix(key)
                .or_else(|| rest.strip_prefix(&format!("\"{key}\"")))
                .is_some_and(|r| r.trim_start().starts_with(':'))
    };
    let mut seen = 0;
    if first[start..].starts_with('{') {
        for (n, l) in lines.iter().enumerate().skip(line - 1) {
            let from = if n == line - 1 { start } else { 0 };
            for (i, _) in l.char_indices().filter(|&(i, _)| i >= from) {
                if is_key_at(l, i) {
                    seen += 1;
                    if seen == nth {
                        return Some((n + 1, l[..i].chars().count() + 1));
                    }
                }
            }
        }
        return None;
    }
    let indent = first[..start].chars().count();
    for (n, l) in lines.iter().enumerate().skip(line - 1) {
        let lead = l.chars().take_while(|&c| c == ' ' || c == '-').count();
        if n >= line && !l.trim().is_empty() && !l.trim_start().starts_with('#') && lead < indent {
            break; // the map ended
        }
        let i = l.char_indices().nth(indent).map(|(i, _)| i);
        if i.is_some_and(|i| is_key_at(l, i)) {
            seen += 1;
            if seen == nth {
                return Some((n + 1, indent + 1));
            }
        }
    }
    None
}

fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

fn hint(message: &str) -> Option<String> {
    if message.contains("unknown field") || message.contains("unknown variant") {
        let names = backticked(message);
        let (given, expected) = names.split_first()?;
        let what = if message.contains("unknown field") {
            "field"
        } else {
            "value"
        };
        return Some(match did_you_mean(given, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("allowed {what}s are: {}", expected.join(", ")),
        });
    }
    if ["duplicate field", "duplicate language", "duplicate label"]
        .iter()
        .any(|d| message.contains(d))
    {
        return Some("a key may appear once in a map: keep one of the two".into());
    }
    if message.contains("control character") {
        return Some("delete it (only tab and newline are allowed); an escape such as \\0 in a quoted string makes one".into());
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return Some(format!(
            "add the field {rest}; content/README.md documents it"
        ));
    }
    if message.contains("invalid type") {
        return Some(
            "check the value's type against content/README.md (quote ids and dates)".into(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Resolution;

    #[test]
    fn unknown_field_names_line_and_suggestion() {
        let src = "id: \"2/7\"\nyear: 2023\ntitel:\n  en: x\n";
        let d = parse::<Resolution>(Path::new("r.yaml"), src).unwrap_err();
        assert_eq!(d.line, Some(3));
        assert!(
            d.message.starts_with("unknown field `titel`"),
            "{}",
            d.message
        );
        assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
        /// Arbitrary text, and text shaped like our YAML, never panics the loader of any record.
        #[test]
        fn never_panics_on_any_input(s in "(id|year|title|para|status|funding|en|zh|: |- |\\{|\\}|\\[|\\]|\"|'|\n|  |[0-9]|[a-z]|&|\\*|!|#|%|\u{4e00}){0,80}") {
            let f = Path::new("x.yaml");
            let _ = parse::<Resolution>(f, &s);
            let _ = parse::<crate::model::Update>(f, &s);
            let _ = parse::<crate::model::Report>(f, &s);
            let _ = parse::<crate::model::Config>(f, &s);
            let _ = parse::<Vec<crate::model::Topic>>(f, &s);
        }
    }

    #[test]
    fn duplicates_and_controls_are_located() {
        let f = Path::new("r.yaml");
        let at = |src: &str| {
            let d = parse::<Resolution>(f, src).unwrap_err();
            (d.line, d.column, d.message)
        };
        let head = "id: \"2/7\"\nyear: 2023\n";
        assert_eq!(
            at(&format!("{head}title:\n  en: A\n  zh: B\n  en: C\n")),
            (Some(6), Some(3), "title: duplicate language `en`".into())
        );
        assert_eq!(
            at(&format!("{head}title: {{en: A, zh: B, en: C}}\n")),
            (Some(3), Some(23), "title: duplicate language `en`".into())
        );
        assert_eq!(
            at(&format!("{head}title:\n  zh: B\n  en: \"A\\0\"\n")),
            (
                Some(5),
                Some(3),
                "title: control character \\u{0} in the `en` text".into()
            )
        );
        assert_eq!(
            at(&format!("{head}title: {{en: A, zh: B}}\nyear: 2024\n")),
            (Some(4), Some(1), "duplicate field `year`".into())
        );
    }

    #[test]
    fn escaped_controls_are_refused_in_any_string() {
        let src = "title: {en: a, zh: b}\nlanguages:\n  - {code: en, html_lang: en, name: \"E\\0\"}\ndefault_language: en\nbase_url: https://x.example/\n";
        let d = parse::<crate::model::Config>(Path::new("site.yaml"), src).unwrap_err();
        assert_eq!(
            (d.line, d.message.as_str()),
            (Some(3), "control character \\u{0} in a value")
        );
        let ok = src.replace("\\0", "\\t");
        assert!(parse::<crate::model::Config>(Path::new("site.yaml"), &ok).is_ok());
    }

    #[test]
    fn alias_and_number_tokens_are_found_where_values_start() {
        assert_eq!(
            first_alias_line("a: \"see *A Fund* here\"\nb: [x, *y]\n"),
            Some(2)
        );
        assert_eq!(first_alias_line("- *e\n"), Some(1));
        assert_eq!(first_alias_line("a: 2 * 3\nb: *A Fund*\n"), None);
        let t = "a: 0x10\nb: [+3, 0o7]\nc: 100\nd: x+1\ne: -0b1\nf: 0xg!\n";
        let found: Vec<&str> = unplain_numbers(t).map(|(a, b)| &t[a..b]).collect();
        assert_eq!(found, ["0x10", "+3", "0o7", "-0b1"]);
    }

    #[test]
    fn bad_id_is_a_located_error() {
        let d = parse::<Resolution>(
            Path::new("r.yaml"),
            "id: \"../x\"\nyear: 2023\ntitle: {en: x}\n",
        )
        .unwrap_err();
        assert!(
            d.message.contains("is not a resolution number"),
            "{}",
            d.message
        );
        assert_eq!(d.line, Some(1));
    }
}
