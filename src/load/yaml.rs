//! All YAML parsing lives here, so that the YAML library can be swapped in one place. Errors keep the
//! file, line and column, and unknown fields get a "did you mean" hint.

use crate::diagnostics::{did_you_mean, Diagnostic};
use serde::de::DeserializeOwned;
use std::path::Path;

pub fn parse<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e| {
        let loc = e.location();
        let full = e.to_string();
        // serde_yaml appends the location to its message; we print it separately.
        let message = match full.find(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        let mut d = Diagnostic::error(file, message.clone()).at(
            loc.as_ref().map(|l| l.line()),
            loc.as_ref().map(|l| l.column()),
        );
        if let Some(h) = hint(&message) {
            d = d.hint(h);
        }
        d
    })
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
