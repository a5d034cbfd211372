//! `/{lang}/about/`: who publishes, sources and method, and every label defined with the report's
//! wordings that entail it (one `id` per label, which every badge links to).

use super::{Ctx, Own};
use crate::model::{FundingStatus, Status};
use minijinja::{context, Value};
use std::collections::BTreeMap;

type Cues = BTreeMap<String, BTreeMap<String, Vec<String>>>;

pub(super) fn build(ctx: &Ctx, lang: &str) -> Own {
    let site = ctx.site;
    let text = site
        .about
        .get(lang)
        .and_then(|d| ctx.docs.get(d))
        .map(|h| h.preamble.clone());
    (
        "about.html",
        vec![
            ("text", Value::from(text)),
            (
                "status_labels",
                Value::from(labels(Status::keys(), &site.vocabulary.status)),
            ),
            (
                "funding_labels",
                Value::from(labels(FundingStatus::keys(), &site.vocabulary.funding)),
            ),
        ],
    )
}

/// A vocabulary in its order of precedence, each label with the wordings that entail it in every
/// language that has cues.
fn labels(keys: Vec<&'static str>, cues: &Cues) -> Vec<Value> {
    keys.into_iter()
        .map(|k| {
            let c = cues.get(k).cloned().unwrap_or_default();
            context! { key => k, cues => c }
        })
        .collect()
}
