//! The template environment: every theme template parsed once, plus the functions templates call
//! (`t` for UI strings, `txt` for content text in the page's language, `route` and `anchor` for
//! addresses, which `routes` makes, `date`, ...). Shared
//! read-only by all render threads.

use crate::diagnostics::Diagnostic;
use crate::i18n::I18n;
use crate::model::{Config, PartialDate};
use crate::routes::{self, Base, Page};
use crate::theme::Theme;
use fluent_bundle::FluentValue;
use minijinja::value::{Kwargs, Rest, Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};
use std::collections::BTreeMap;
use std::sync::Arc;

pub struct Env {
    pub jinja: Environment<'static>,
    /// Per language: the template functions bound to it (see `page_functions`).
    functions: BTreeMap<String, Vec<(&'static str, Value)>>,
}

/// What the template functions need: UI strings and the site's settings.
struct TextFunctions {
    i18n: Arc<I18n>,
    default_lang: String,
    doc_pattern: String,
}

/// The page's language, from its `lang` variable.
fn lang_of(state: &State) -> String {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // Writing into a String cannot fail.
    let _ = write_escaped(&mut out, s);
    out
}

/// Writes `s` HTML-escaped, copying the runs between special characters whole: most text has none.
pub fn write_escaped(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    // Most strings need no escape at all: they are written at once after one quick scan.
    const SPECIAL: [bool; 256] = {
        let mut t = [false; 256];
        t[b'&' as usize] = true;
        t[b'<' as usize] = true;
        t[b'>' as usize] = true;
        t[b'"' as usize] = true;
        t[b'\'' as usize] = true;
        t
    };
    if !s.bytes().any(|b| SPECIAL[b as usize]) {
        return out.write_str(s);
    }
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // Special characters are ASCII, so `i` is a character boundary.
        out.write_str(&s[start..i])?;
        out.write_str(rep)?;
        start = i + 1;
    }
    out.write_str(&s[start..])
}

/// Groups digits with the language's separator (`24,000,000`).
pub fn group_digits(n: u64, sep: &str) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// The largest scale of `scales` ("1000000000 billion|1000000 million") that `n` is a whole
/// multiple of, with that multiple. Scales that are not numbers are ignored.
pub fn scale_of(n: u64, scales: &str) -> Option<(u64, &str)> {
    scales
        .split('|')
        .filter_map(|s| {
            let (v, word) = s.trim().split_once(' ')?;
            let v: u64 = v.trim().parse().ok()?;
            (v > 1 && n >= v && n.is_multiple_of(v)).then(|| (v, word.trim()))
        })
        .max_by_key(|(v, _)| *v)
        .map(|(v, word)| (n / v, word))
}

/// "38–41" for a run of consecutive numbers, "2, 5" otherwise.
pub fn para_range(nums: &[u32]) -> String {
    let consecutive = nums.windows(2).all(|w| w[1] == w[0] + 1);
    match nums {
        [] => String::new(),
        [one] => one.to_string(),
        [first, .., last] if consecutive => format!("{first}–{last}"),
        _ => nums
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

impl Env {
    pub fn new(
        theme: &Theme,
        i18n: Arc<I18n>,
        config: &Config,
        base: &Base,
    ) -> Result<Env, Vec<Diagnostic>> {
        let mut jinja = parse_templates(theme)?;
        let fns = Arc::new(TextFunctions {
            i18n,
            default_lang: config.default_language.clone(),
            doc_pattern: config.document_url.clone(),
        });
        let base = Arc::new(base.clone());
        add_global_functions(&mut jinja, &fns, &base);
        let functions = config
            .languages
            .iter()
            .map(|l| (l.code.clone(), language_functions(&fns, &base, &l.code)))
            .collect();
        Ok(Env { jinja, functions })
    }

    /// The template functions bound to `lang`, to put among a page's variables.
    pub fn page_functions(&self, lang: &str) -> impl Iterator<Item = (&'static str, Value)> + '_ {
        self.functions
            .get(lang)
            .into_iter()
            .flatten()
            .map(|(k, v)| (*k, v.clone()))
    }

    pub fn render(&self, template: &str, ctx: Value) -> Result<String, Error> {
        self.jinja.get_template(template)?.render(ctx)
    }

    /// Renders `template` straight into `w`; a problem is reported against the theme's file.
    pub fn render_to(
        &self,
        theme: &Theme,
        template: &str,
        ctx: Value,
        w: &mut dyn std::io::Write,
    ) -> Result<(), Diagnostic> {
        let t = self
            .jinja
            .get_template(template)
            .map_err(|e| template_error(theme, &e))?;
        t.render_captured_to(ctx, w)
            .map(|_| ())
            .map_err(|e| template_error(theme, &e))
    }
}

/// Every template of the theme, parsed once, with the house settings: strict about undefined names,
/// and escaping only what HTML needs (minijinja's default also escapes `/`, which bloats every URL).
fn parse_templates(theme: &Theme) -> Result<Environment<'static>, Vec<Diagnostic>> {
    let mut jinja = Environment::new();
    jinja.set_undefined_behavior(UndefinedBehavior::Strict);
    jinja.set_trim_blocks(true);
    jinja.set_lstrip_blocks(true);
    // Strings and whole numbers, nearly all output, are written here without the general path.
    jinja.set_formatter(|out, state, value| {
        match (value.as_str(), state.auto_escape()) {
            (Some(s), AutoEscape::Html) if !value.is_safe() => {
                return write_escaped(out, s).map_err(Error::from)
            }
            (Some(s), AutoEscape::Html | AutoEscape::None) => {
                return out.write_str(s).map_err(Error::from)
            }
            _ => {}
        }
        if value.is_integer() {
            if let Some(n) = value.as_i64() {
                return write!(out, "{n}").map_err(Error::from);
            }
        }
        minijinja::escape_formatter(out, state, value)
    });
    let mut errs = Vec::new();
    for (name, src) in &theme.templates {
        if let Err(e) = jinja.add_template_owned(name.clone(), src.clone()) {
            errs.push(template_error(theme, &e));
        }
    }
    if errs.is_empty() {
        Ok(jinja)
    } else {
        Err(errs)
    }
}

/// Global forms of the functions, which read the page's language from the `lang` variable: for
/// templates rendered without a page's variables (the feed).
fn add_global_functions(
    jinja: &mut Environment<'static>,
    fns: &Arc<TextFunctions>,
    base: &Arc<Base>,
) {
    let f = fns.clone();
    jinja.add_function("t", move |state: &State, key: &str, kw: Kwargs| {
        f.t(&lang_of(state), key, &kw)
    });
    let f = fns.clone();
    jinja.add_function(
        "txt",
        move |state: &State, text: Value, l: Option<Value>| f.txt(&lang_of(state), text, l),
    );
    let f = fns.clone();
    jinja.add_function(
        "doc_url",
        move |state: &State, symbol: &str, l: Option<&str>| {
            f.doc_url(l.unwrap_or(&lang_of(state)), symbol)
        },
    );
    let f = fns.clone();
    jinja.add_function("date", move |state: &State, d: &str, l: Option<&str>| {
        f.date(l.unwrap_or(&lang_of(state)), d)
    });
    let f = fns.clone();
    jinja.add_function("num", move |state: &State, n: u64, short: Option<bool>| {
        f.num(&lang_of(state), n, short.unwrap_or(false))
    });
    jinja.add_function("paras", |nums: Vec<u32>| para_range(&nums));
    jinja.add_function("anchor", anchor_of);
    let b = base.clone();
    jinja.add_function("route", move |state: &State, args: Rest<Value>| {
        route(&b, &lang_of(state), &args)
    });
}

/// The same functions bound to one language, handed to every page with its variables: the engine
/// finds them there before its globals, and they need not look the language up.
fn language_functions(
    fns: &Arc<TextFunctions>,
    base: &Arc<Base>,
    lang: &str,
) -> Vec<(&'static str, Value)> {
    let lang: Arc<str> = lang.into();
    let (f, la) = (fns.clone(), lang.clone());
    let t = Value::from_function(move |key: &str, kw: Kwargs| f.t(&la, key, &kw));
    let (f, la) = (fns.clone(), lang.clone());
    let txt = Value::from_function(move |text: Value, l: Option<Value>| f.txt(&la, text, l));
    let (f, la) = (fns.clone(), lang.clone());
    // An optional second argument asks for another language (the "cite this" block).
    let doc_url = Value::from_function(move |symbol: &str, l: Option<&str>| {
        f.doc_url(l.unwrap_or(&la), symbol)
    });
    let (f, la) = (fns.clone(), lang.clone());
    let date = Value::from_function(move |d: &str, l: Option<&str>| f.date(l.unwrap_or(&la), d));
    let (f, la) = (fns.clone(), lang.clone());
    let num = Value::from_function(move |n: u64, short: Option<bool>| {
        f.num(&la, n, short.unwrap_or(false))
    });
    let (b, la) = (base.clone(), lang);
    let route = Value::from_function(move |args: Rest<Value>| route(&b, &la, &args));
    vec![
        ("t", t),
        ("txt", txt),
        ("route", route),
        ("anchor", Value::from_function(anchor_of)),
        ("doc_url", doc_url),
        ("date", date),
        ("num", num),
        (
            "paras",
            Value::from_function(|nums: Vec<u32>| para_range(&nums)),
        ),
    ]
}

/// `route(kind, key…, lang=…, abs=false)`: the address of a page of the site, from `routes`.
/// `kind` names a page kind (`route('report', slug)`, `route('filter', 'status', key)`), or is the
/// page's own `page_path` (its other languages); `'feed'` is the language's feed and `'file'` a file
/// that is no page (`route('file', 'static/style.css')`). `abs=true` asks for the absolute URL.
/// An unknown kind or a missing key is a template error, never a link to nowhere.
fn route(base: &Base, page_lang: &str, args: &[Value]) -> Result<String, Error> {
    let (args, kw) = match args.split_last() {
        Some((last, rest)) if last.is_kwargs() => (rest, Some(last)),
        _ => (args, None),
    };
    let (lang, abs): (Option<String>, Option<bool>) = match kw {
        Some(kw) => {
            let (kw,): (Kwargs,) = minijinja::value::from_args(std::slice::from_ref(kw))?;
            let got = (kw.get("lang")?, kw.get("abs")?);
            kw.assert_all_used()?;
            got
        }
        None => (None, None),
    };
    let lang = lang.as_deref().unwrap_or(page_lang);
    let abs = abs.unwrap_or(false);
    let strings: Vec<String> = args
        .iter()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
        .collect();
    let (kind, keys) = match strings.split_first() {
        Some((k, rest)) => (
            k.as_str(),
            rest.iter().map(String::as_str).collect::<Vec<_>>(),
        ),
        None => {
            return Err(Error::new(
                ErrorKind::MissingArgument,
                "route() needs a kind",
            ))
        }
    };
    let file = match (kind, keys.as_slice()) {
        ("file", [f]) => Some((*f).to_string()),
        ("feed", []) => Some(routes::files::feed(lang)),
        _ => None,
    };
    if let Some(f) = file {
        return Ok(if abs {
            base.file_url(&f)
        } else {
            base.file_link(&f)
        });
    }
    if kind.starts_with('/') {
        return Ok(base.path_in(lang, kind, abs));
    }
    let page = Page::named(kind, &keys).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "route(): no page `{}` (kinds and keys are listed in src/routes.rs)",
                strings.join("', '")
            ),
        )
    })?;
    Ok(if abs {
        base.url(lang, &page)
    } else {
        base.link(lang, &page)
    })
}

/// `anchor(n, update)`: the anchor of paragraph `n`; with the update (on a resolution page), the
/// report-qualified one when an earlier report on the resolution used the same number.
fn anchor_of(n: u32, update: Option<Value>) -> Result<String, Error> {
    let Some(u) = update.filter(|u| !u.is_none() && !u.is_undefined()) else {
        return Ok(routes::anchor(n));
    };
    let reused = u
        .get_attr("qualified")?
        .try_iter()
        .map(|mut it| it.any(|v| v.as_i64() == Some(i64::from(n))))
        .unwrap_or(false);
    let slug = u.get_attr("report")?.get_attr("slug")?;
    Ok(routes::anchor_on_resolution(
        slug.as_str().unwrap_or(""),
        n,
        reused,
    ))
}

impl TextFunctions {
    /// `t(key, **args)`: a UI string; `_lang` asks for another language than the page's (the
    /// "cite this" block lists all).
    fn t(&self, lang: &str, key: &str, kwargs: &Kwargs) -> Result<Value, Error> {
        // `peek`, not `get`: `get` records each name in a set, a cost on every call. Most calls
        // have no keyword argument at all, and need not look for one.
        let other = match kwargs.args().next() {
            Some(_) => kwargs.peek::<Option<Value>>("_lang")?,
            None => None,
        };
        let lang = other.as_ref().and_then(Value::as_str).unwrap_or(lang);
        // Most calls have no arguments: answer those from the shared, pre-formatted strings.
        if kwargs.args().all(|k| k == "_lang") {
            if let Some(s) = self.i18n.plain(lang, key) {
                return Ok(Value::from(s));
            }
        }
        if let Some(s) = self.simple(lang, key, kwargs)? {
            return Ok(Value::from(s));
        }
        let values = kwargs
            .args()
            .filter(|k| *k != "_lang")
            .map(|k| Ok((k, kwargs.peek::<Value>(k)?)))
            .collect::<Result<Vec<(&str, Value)>, Error>>()?;
        let args: Vec<(&str, FluentValue)> = values
            .iter()
            .map(|(k, v)| {
                let fv = match (v.as_str(), v.kind()) {
                    // Borrowed: most arguments are strings, and need no copy.
                    (Some(s), _) => FluentValue::from(s),
                    // `as_i64` on anything else builds (and drops) a formatted error.
                    (None, ValueKind::Number | ValueKind::Bool) => match v.as_i64() {
                        Some(n) => FluentValue::from(n),
                        None => FluentValue::from(v.to_string()),
                    },
                    (None, _) => FluentValue::from(v.to_string()),
                };
                (*k, fv)
            })
            .collect();
        self.i18n
            .t(lang, key, &args)
            .map(Value::from)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::UndefinedError,
                    format!("the UI string `{key}` is missing in i18n/{lang}.ftl"),
                )
            })
    }

    /// A simple message (text and arguments only) formatted straight from the template's
    /// arguments; `None` when the message is not simple or an argument is missing or neither a
    /// string nor a whole number (the general path then decides, as Fluent would).
    fn simple(&self, lang: &str, key: &str, kwargs: &Kwargs) -> Result<Option<String>, Error> {
        use crate::i18n::Piece;
        use std::fmt::Write;
        let Some(pieces) = self.i18n.pieces(lang, key) else {
            return Ok(None);
        };
        let mut out = String::with_capacity(96);
        for p in pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Arg(name) => {
                    let Some(v) = kwargs.peek::<Option<Value>>(name)? else {
                        return Ok(None);
                    };
                    match (v.as_str(), v.is_integer().then(|| v.as_i64()).flatten()) {
                        (Some(s), _) => out.push_str(s),
                        // Fluent holds numbers as f64: beyond 2^53 it would write another value.
                        (None, Some(n)) if n.unsigned_abs() < 1 << 53 => {
                            let _ = write!(out, "{n}"); // cannot fail on a String
                        }
                        _ => return Ok(None),
                    }
                }
            }
        }
        Ok(Some(out))
    }

    /// `txt(text, lang=None)`: content text in the page's language (or `lang`), else the default
    /// language, else any. A string is already in the page's language and is returned as it is.
    fn txt(&self, lang: &str, text: Value, in_lang: Option<Value>) -> Value {
        if text.is_none() || text.is_undefined() {
            return Value::from("");
        }
        // Record fields reach pages already in the page's language (`model::in_language`).
        if text.as_str().is_some() {
            return text;
        }
        let lang = in_lang
            .as_ref()
            .and_then(Value::as_str)
            .unwrap_or(lang)
            .to_owned();
        for l in [lang.as_str(), self.default_lang.as_str()] {
            if let Ok(v) = text.get_attr(l) {
                if v.as_str().is_some() {
                    return v;
                }
            }
        }
        // Any language at all rather than nothing: validation has already reported the gap.
        text.try_iter()
            .ok()
            .and_then(|mut it| it.next())
            .and_then(|k| text.get_item(&k).ok())
            .unwrap_or_else(|| Value::from(""))
    }

    fn doc_url(&self, lang: &str, symbol: &str) -> String {
        self.doc_pattern
            .replace("{lang}", lang)
            .replace("{symbol}", symbol)
    }

    fn date(&self, lang: &str, d: &str) -> Result<String, Error> {
        let i = &self.i18n;
        let d = PartialDate::parse(d).map_err(|e| Error::new(ErrorKind::InvalidOperation, e))?;
        let month = d
            .month
            .map(|m| i.t(lang, &format!("month-{m}"), &[]).unwrap_or_default());
        let (key, args): (&str, Vec<(&str, FluentValue)>) = match (month, d.day) {
            (Some(m), Some(day)) => (
                "date-day",
                vec![
                    ("year", d.year.into()),
                    ("month", m.into()),
                    ("day", day.into()),
                    ("m", d.month.unwrap_or(0).into()),
                ],
            ),
            (Some(m), None) => (
                "date-month",
                vec![
                    ("year", d.year.into()),
                    ("month", m.into()),
                    ("m", d.month.unwrap_or(0).into()),
                ],
            ),
            _ => ("date-year", vec![("year", d.year.into())]),
        };
        i.t(lang, key, &args).ok_or_else(|| {
            Error::new(
                ErrorKind::UndefinedError,
                format!("`{key}` is missing in i18n/{lang}.ftl"),
            )
        })
    }

    /// Writes a number as the language writes it: all its digits, grouped, so that every figure of
    /// a table has one style ("US$6,000,000" beside "US$6,500,000", never "US$6 million"); with
    /// `short`, for prose, a round multiple of one of the language's scales (`number-scales`:
    /// "1000000 million" in English, "10000 万" in Chinese) as that many of the scale.
    fn num(&self, lang: &str, n: u64, short: bool) -> String {
        let sep = self.i18n.plain(lang, "number-group-separator");
        let sep = sep.as_deref().unwrap_or(",");
        if short {
            let scales = self.i18n.plain(lang, "number-scales");
            if let Some((count, word)) = scales.as_deref().and_then(|s| scale_of(n, s)) {
                return format!("{}\u{a0}{word}", group_digits(count, sep));
            }
        }
        group_digits(n, sep)
    }
}

pub fn template_error(theme: &Theme, e: &Error) -> Diagnostic {
    let file = theme.dir.join("templates").join(e.name().unwrap_or("?"));
    let mut msg = e
        .detail()
        .map(str::to_owned)
        .unwrap_or_else(|| e.kind().to_string());
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(&format!(": {s}"));
        src = s.source();
    }
    Diagnostic::error(file, format!("template error: {msg}"))
        .at(e.line(), None)
        .hint("fix the template; https://docs.rs/minijinja documents the syntax")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Simple messages formatted from template arguments read exactly as through Fluent's values
    /// (whose simple path is itself checked against Fluent in `i18n`).
    #[test]
    fn simple_messages_from_template_arguments() {
        let i18n = Arc::new(crate::i18n::default_theme());
        let fns = TextFunctions {
            i18n: i18n.clone(),
            default_lang: "en".into(),
            doc_pattern: String::new(),
        };
        let mut checked = 0;
        for (lang, id, pieces) in i18n.simple_messages() {
            let names = crate::i18n::arg_names(pieces);
            for (value, fluent) in [
                (
                    Value::from("2/7 <x> & 第"),
                    FluentValue::from("2/7 <x> & 第"),
                ),
                (Value::from(24_000_000), FluentValue::from(24_000_000)),
                (Value::from(0), FluentValue::from(0)),
                (Value::from(-7), FluentValue::from(-7)),
            ] {
                let kwargs = Kwargs::from_iter(names.iter().map(|n| (*n, value.clone())));
                let args: Vec<(&str, FluentValue)> =
                    names.iter().map(|n| (*n, fluent.clone())).collect();
                let fast = fns.simple(lang, id, &kwargs).unwrap();
                assert_eq!(fast, i18n.t(lang, id, &args), "{lang} {id}");
                checked += 1;
            }
            if !names.is_empty() {
                // A missing argument or another kind of value goes the general way.
                assert_eq!(
                    fns.simple(lang, id, &Kwargs::from_iter(None::<(&str, Value)>))
                        .unwrap(),
                    None
                );
                let floats = Kwargs::from_iter(names.iter().map(|n| (*n, Value::from(2.5))));
                assert_eq!(fns.simple(lang, id, &floats).unwrap(), None);
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn formats_numbers_and_ranges() {
        assert_eq!(group_digits(24_000_000, ","), "24,000,000");
        assert_eq!(group_digits(999, ","), "999");
        let en = "1000000000 billion|1000000 million";
        let zh = "100000000 亿|10000 万";
        assert_eq!(scale_of(24_000_000, en), Some((24, "million")));
        assert_eq!(scale_of(24_000_000, zh), Some((2400, "万")));
        assert_eq!(scale_of(500_000_000, en), Some((500, "million")));
        assert_eq!(scale_of(500_000_000, zh), Some((5, "亿")));
        assert_eq!(scale_of(1_500_000, en), None);
        assert_eq!(scale_of(12, zh), None);
        assert_eq!(scale_of(7, "oops|x y"), None);
        assert_eq!(para_range(&[38, 39, 40, 41]), "38–41");
        assert_eq!(para_range(&[2, 5]), "2, 5");
        assert_eq!(para_range(&[46]), "46");
    }
}
