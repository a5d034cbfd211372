//! The domain: resolutions, reports, updates, funding evidence and paragraphs as pure data.
//! Types here are deserialised straight from the content files and checked by `validate`; they know
//! nothing of HTML, templates or files on disk beyond the path each record came from.

pub mod currency;
pub mod glossary;
pub mod history;
mod ids;
mod records;
pub mod shortfall;
pub mod tracker;
mod unique;

pub use ids::{PartialDate, ResolutionId};
pub use records::*;

use serde::{Deserialize, Serialize, Serializer};
use std::cell::RefCell;
use std::sync::Arc;

/// Human-readable text in each language, keyed by language code (`en`, `zh`). Serialised as that
/// map, or, inside `in_language`, as the one string a page in that language shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub LangMap);

/// Language code → text, kept sorted by code. A text has two or three entries: a vector holds them
/// in one small allocation, where a `BTreeMap` node takes over 500 bytes per text (hundreds of
/// megabytes once a site has tens of thousands of updates over several reports).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LangMap(Vec<(String, String)>);

impl LangMap {
    pub fn get(&self, lang: &str) -> Option<&String> {
        self.0.iter().find(|(l, _)| l == lang).map(|(_, t)| t)
    }
    pub fn contains_key(&self, lang: &str) -> bool {
        self.get(lang).is_some()
    }
    /// Sets the text of `lang`, keeping codes sorted; returns the text it replaces.
    pub fn insert(&mut self, lang: String, text: String) -> Option<String> {
        match self.0.binary_search_by(|(l, _)| l.as_str().cmp(&lang)) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, text)),
            Err(i) => {
                self.0.insert(i, (lang, text));
                None
            }
        }
    }
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(l, _)| l)
    }
    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, t)| t)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(l, t)| (l, t))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a LangMap {
    type Item = (&'a String, &'a String);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a String, &'a String),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(l, t)| (l, t))
    }
}

impl FromIterator<(String, String)> for LangMap {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(it: I) -> Self {
        let mut m = LangMap::default();
        for (l, t) in it {
            m.insert(l, t);
        }
        m
    }
}

/// Serialised as a map in code order, exactly as the `BTreeMap` it replaces was.
impl Serialize for LangMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (l, t) in &self.0 {
            m.serialize_entry(l, t)?;
        }
        m.end()
    }
}

/// A character no text may hold: C0 and C1 controls other than tab and newline (a U+0000 makes the
/// feed ill-formed XML; an escape sequence acts on a terminal), and U+FFFE/U+FFFF.
pub fn forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Deserialised as a map that rejects a language given twice (YAML's last-one-wins would silently
/// drop a translation) and text holding a control character.
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text per language, e.g. {en: …, zh: …}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Text, A::Error> {
                use serde::de::Error;
                let mut map = LangMap::default();
                while let Some(k) = m.next_key::<String>()? {
                    let v: String = m.next_value()?;
                    if map.contains_key(&k) {
                        return Err(A::Error::custom(format!("duplicate language `{k}`")));
                    }
                    if let Some(c) = v.chars().find(|&c| forbidden_char(c)) {
                        return Err(A::Error::custom(format!(
                            "control character {} in the `{k}` text",
                            c.escape_unicode()
                        )));
                    }
                    map.insert(k, v);
                }
                map.0.shrink_to_fit();
                Ok(Text(map))
            }
        }
        d.deserialize_map(V)
    }
}

impl Text {
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).map(String::as_str)
    }

    /// The text in `lang`, else in `fallback`, else in any language (validation reports the gap).
    pub fn pick(&self, lang: &str, fallback: &str) -> &str {
        self.get(lang)
            .or_else(|| self.get(fallback))
            .or_else(|| self.0.values().next().map(String::as_str))
            .unwrap_or("")
    }
}

thread_local! {
    static SERIALIZE_IN: RefCell<Option<(Arc<str>, Arc<str>)>> = const { RefCell::new(None) };
}

/// Runs `f` with every `Text` serialised as its string in `lang` (else `fallback`): the values a
/// page's template sees are already in the page's language, which saves a map and a lookup per
/// field on every page. `f` must not hand work to other threads.
pub fn in_language<R>(lang: &str, fallback: &str, f: impl FnOnce() -> R) -> R {
    let prev = SERIALIZE_IN.with(|c| c.replace(Some((lang.into(), fallback.into()))));
    let r = f();
    SERIALIZE_IN.with(|c| *c.borrow_mut() = prev);
    r
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Picked while borrowed: cloning the two `Arc`s would be four atomic operations per field.
        let picked = SERIALIZE_IN.with(|c| {
            c.borrow()
                .as_ref()
                .map(|(lang, fallback)| self.pick(lang, fallback))
        });
        match picked {
            Some(text) => s.serialize_str(text),
            None => self.0.serialize(s),
        }
    }
}

/// A `Text` serialised as the map of every language even inside `in_language` (the "cite this"
/// block shows the title in each).
#[derive(Debug, Clone, Copy)]
pub struct AllLanguages<'a>(pub &'a Text);

impl Serialize for AllLanguages<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0 .0.serialize(s)
    }
}
