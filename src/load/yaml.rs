//! All YAML parsing lives here, so that the YAML library can be swapped in one place. Errors keep the
//! file, line and column, and unknown fields get a "did you mean" hint.

use crate::diagnostics::{did_you_mean, Diagnostic};
use serde::de::DeserializeOwned;
use std::path::Path;

pub fn parse<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    let value = parse_typed(file, text)?;
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
    Ok(value)
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
