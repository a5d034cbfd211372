//! Maps that refuse a key given twice. YAML lets the last one win, so an appended
//! `limited-progress: {zh: []}` in `content/vocabulary.yaml` would silently replace a label's
//! wording. The message names the key as `Text`'s does ("duplicate language `zh`"), so that
//! `load::yaml` points at the second occurrence.

use serde::de::{DeserializeOwned, Deserializer, Error, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// A map from string keys, refusing a key twice; `noun` names a key in the message.
fn unique_map<'de, D: Deserializer<'de>, V: DeserializeOwned>(
    d: D,
    noun: &'static str,
) -> Result<BTreeMap<String, V>, D::Error> {
    struct Unique<V>(&'static str, PhantomData<V>);
    impl<'de, V: DeserializeOwned> Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "a map, one entry per {}", self.0)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(k) = m.next_key::<String>()? {
                if out.contains_key(&k) {
                    return Err(A::Error::custom(format!("duplicate {} `{k}`", self.0)));
                }
                let v: V = m.next_value()?;
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(noun, PhantomData))
}

/// One label's cues per language.
struct Languages(BTreeMap<String, Vec<String>>);

impl<'de> Deserialize<'de> for Languages {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        unique_map(d, "language").map(Languages)
    }
}

/// Label → language → cues.
type Section = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// A vocabulary section, no label or language twice.
pub(super) fn cues<'de, D: Deserializer<'de>>(d: D) -> Result<Section, D::Error> {
    let labels: BTreeMap<String, Languages> = unique_map(d, "label")?;
    Ok(labels.into_iter().map(|(k, v)| (k, v.0)).collect())
}
