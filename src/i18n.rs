//! UI strings: one Fluent bundle per configured language, parsed once and shared read-only by the
//! render threads. Rust and templates hold no UI text; every string comes from `i18n/{lang}.ftl`.

use crate::diagnostics::Diagnostic;
use crate::model::Config;
use crate::theme::Theme;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

pub struct I18n {
    bundles: BTreeMap<String, FluentBundle<FluentResource>>,
    /// Messages without arguments, formatted once: most template calls are of this kind.
    plain: FxHashMap<String, FxHashMap<String, std::sync::Arc<str>>>,
    /// Messages that only put arguments into text (`Report { $symbol }`), as pieces: formatting
    /// them needs none of Fluent's machinery, which costs ten times as much per call.
    simple: FxHashMap<String, FxHashMap<String, Vec<Piece>>>,
}

/// A piece of a simple message: text, or the value of an argument.
pub enum Piece {
    Text(String),
    Arg(String),
}

/// The pieces of `pattern` when it has only text and argument references (no selectors, terms,
/// message references, literals or functions).
fn simple_pieces(pattern: &fluent_syntax::ast::Pattern<&str>) -> Option<Vec<Piece>> {
    pattern
        .elements
        .iter()
        .map(|e| match e {
            PatternElement::TextElement { value } => Some(Piece::Text(value.to_string())),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => Some(Piece::Arg(id.name.to_string())),
            PatternElement::Placeable { .. } => None,
        })
        .collect()
}

fn line_of(src: &str, byte: usize) -> usize {
    src.as_bytes()[..byte.min(src.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl I18n {
    /// Builds a bundle per language; reports files with syntax errors, languages without a file and
    /// messages present in the default language but missing in another.
    pub fn load(config: &Config, theme: &Theme) -> Result<I18n, Vec<Diagnostic>> {
        let mut errs = Vec::new();
        let mut bundles = BTreeMap::new();
        let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for lang in &config.languages {
            let Some((file, src)) = theme.strings.get(&lang.code) else {
                errs.push(
                    Diagnostic::error(
                        theme.dir.join(format!("i18n/{}.ftl", lang.code)),
                        format!("language `{}` has no UI strings", lang.code),
                    )
                    .hint(format!(
                        "copy i18n/{}.ftl to i18n/{}.ftl and translate it",
                        config.default_language, lang.code
                    )),
                );
                continue;
            };
            let res = match FluentResource::try_new(src.clone()) {
                Ok(r) => r,
                Err((r, es)) => {
                    for e in es {
                        errs.push(
                            Diagnostic::error(file, format!("Fluent syntax error: {}", e.kind))
                                .at(Some(line_of(src, e.pos.start)), None)
                                .hint("see https://projectfluent.org/fluent/guide/ for the syntax"),
                        );
                    }
                    r
                }
            };
            let set: BTreeSet<String> = res
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect();
            ids.insert(lang.code.clone(), set);
            let langid = lang
                .html_lang
                .parse()
                .or_else(|_| lang.code.parse())
                .unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Isolation marks (U+2068/9) would end up inside HTML attributes and URLs.
            bundle.set_use_isolating(false);
            if let Err(es) = bundle.add_resource(res) {
                for e in es {
                    errs.push(
                        Diagnostic::error(file, format!("{e}"))
                            .hint("each message id may be defined once"),
                    );
                }
            }
            bundles.insert(lang.code.clone(), bundle);
        }
        if let Some(reference) = ids.get(&config.default_language) {
            for (lang, set) in &ids {
                for missing in reference.difference(set) {
                    let file = &theme.strings[lang].0;
                    errs.push(
                        Diagnostic::error(
                            file,
                            format!("the message `{missing}` is missing in `{lang}`"),
                        )
                        .hint(format!(
                            "add `{missing} = ...`, translated from i18n/{}.ftl",
                            config.default_language
                        )),
                    );
                }
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let mut simple: FxHashMap<String, FxHashMap<String, Vec<Piece>>> = Default::default();
        for (lang, bundle) in &bundles {
            for id in ids.get(lang).into_iter().flatten() {
                let pieces = bundle
                    .get_message(id)
                    .and_then(|m| m.value())
                    .and_then(simple_pieces);
                if let Some(p) = pieces {
                    simple
                        .entry(lang.clone())
                        .or_default()
                        .insert(id.clone(), p);
                }
            }
        }
        let mut i18n = I18n {
            bundles,
            plain: Default::default(),
            simple,
        };
        for (lang, set) in &ids {
            for id in set {
                // A message that needs arguments is not cached as plain text.
                if let Some((s, true)) = i18n.format(lang, id, &[]) {
                    i18n.plain
                        .entry(lang.clone())
                        .or_default()
                        .insert(id.clone(), s.into());
                }
            }
        }
        Ok(i18n)
    }

    /// Formats message `id` in `lang`; `None` if the message does not exist.
    pub fn t(&self, lang: &str, id: &str, args: &[(&str, FluentValue)]) -> Option<String> {
        if args.is_empty() {
            if let Some(s) = self.plain(lang, id) {
                return Some(s.to_string());
            }
        }
        if let Some(s) = self.simple_format(lang, id, args) {
            return Some(s);
        }
        self.format(lang, id, args).map(|(s, _)| s)
    }

    /// A simple message formatted as Fluent would (no isolation marks, numbers as Fluent writes
    /// them); `None` when the message is not simple or an argument is missing (Fluent then reports
    /// it as it always does).
    fn simple_format(&self, lang: &str, id: &str, args: &[(&str, FluentValue)]) -> Option<String> {
        let pieces = self.simple.get(lang)?.get(id)?;
        let mut out = String::with_capacity(96);
        for p in pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Arg(name) => match &args.iter().find(|(k, _)| k == name)?.1 {
                    FluentValue::String(s) => out.push_str(s),
                    // Fluent writes a number through f64's Display, a slow path for what is
                    // nearly always a whole number; the integer is written the same way.
                    FluentValue::Number(n)
                        if n.options.minimum_fraction_digits.is_none()
                            && n.value.fract() == 0.0
                            && n.value.abs() < 9.0e15
                            && !(n.value == 0.0 && n.value.is_sign_negative()) =>
                    {
                        use std::fmt::Write;
                        let _ = write!(out, "{}", n.value as i64); // cannot fail on a String
                    }
                    FluentValue::Number(n) => out.push_str(&n.as_string()),
                    _ => return None,
                },
            }
        }
        Some(out)
    }

    /// The pieces of message `id` when it is simple (text and arguments only), for callers that
    /// hold their arguments in another form. Strings are written as they are and whole numbers
    /// as `simple_format` writes them.
    pub fn pieces(&self, lang: &str, id: &str) -> Option<&[Piece]> {
        self.simple.get(lang)?.get(id).map(Vec::as_slice)
    }

    /// Every simple message: (language, id, pieces).
    pub fn simple_messages(&self) -> impl Iterator<Item = (&str, &str, &[Piece])> {
        self.simple.iter().flat_map(|(lang, m)| {
            m.iter()
                .map(move |(id, p)| (lang.as_str(), id.as_str(), p.as_slice()))
        })
    }

    /// A message without arguments, formatted once at load time (shared, no allocation).
    pub fn plain(&self, lang: &str, id: &str) -> Option<std::sync::Arc<str>> {
        self.plain.get(lang).and_then(|m| m.get(id)).cloned()
    }

    /// The formatted message, and whether it formatted without errors.
    fn format(&self, lang: &str, id: &str, args: &[(&str, FluentValue)]) -> Option<(String, bool)> {
        let bundle = self.bundles.get(lang)?;
        let (id, attr) = match id.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (id, None),
        };
        let msg = bundle.get_message(id)?;
        let pattern = match attr {
            Some(a) => msg.get_attribute(a)?.value(),
            None => msg.value()?,
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        let mut errors = vec![];
        let s = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        Some((s.into_owned(), errors.is_empty()))
    }
}

/// The names of the arguments a simple message takes, in order, for tests.
#[cfg(test)]
pub fn arg_names(pieces: &[Piece]) -> Vec<&str> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Arg(n) => Some(n.as_str()),
            Piece::Text(_) => None,
        })
        .collect()
}

/// The default theme's UI strings in the bundled site's languages, for tests.
#[cfg(test)]
pub fn default_theme() -> I18n {
    let config: Config = serde_yaml::from_str(include_str!("../site.yaml")).unwrap();
    let theme = crate::theme::load(std::path::Path::new("/nonexistent"), "default").unwrap();
    I18n::load(&config, &theme).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message taken by the fast path formats exactly as Fluent formats it, with string and
    /// number arguments, in every language of the default theme.
    #[test]
    fn simple_messages_format_as_fluent_does() {
        let i18n = default_theme();
        let mut checked = 0;
        for (lang, messages) in &i18n.simple {
            for (id, pieces) in messages {
                for value in [
                    FluentValue::from("2/7 <x> & 第"),
                    FluentValue::from(24_000_000),
                    FluentValue::from(0),
                    FluentValue::from(-7),
                    FluentValue::from(2.5),
                    FluentValue::from(-0.0),
                ] {
                    let names = arg_names(pieces);
                    let args: Vec<(&str, FluentValue)> =
                        names.iter().map(|n| (*n, value.clone())).collect();
                    let fast = i18n.simple_format(lang, id, &args);
                    let (slow, ok) = i18n.format(lang, id, &args).unwrap();
                    assert!(ok, "{lang} {id}");
                    assert_eq!(fast.as_deref(), Some(slow.as_str()), "{lang} {id}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 40, "only {checked} messages took the fast path");
        // A missing argument is left to Fluent, which reports it.
        assert_eq!(i18n.simple_format("en", "nav-report", &[]), None);
        // A message with a selector is not simple.
        assert!(i18n.simple.get("en").unwrap().get("para-range").is_none());
    }
}
