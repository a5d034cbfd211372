//! `/{lang}/topics/` and `/{lang}/topics/{id}/`: the topics, and each topic's resolutions (the same
//! rows, with the same marks, as the list of resolutions).

use super::super::browse;
use super::{Ctx, Own};
use minijinja::Value;

pub(super) fn index(ctx: &Ctx) -> Own {
    let facets = browse::facets(ctx.site, &ctx.summaries());
    (
        "topics.html",
        vec![("topics", Value::from_serialize(&facets.topic))],
    )
}

pub(super) fn topic(ctx: &Ctx, id: &str) -> Own {
    let topic = ctx.site.topics.iter().find(|t| t.id == id);
    let list: Vec<_> = ctx
        .summaries()
        .into_iter()
        .filter(|r| r.topics.iter().any(|t| t == id))
        .collect();
    (
        "topic.html",
        vec![
            ("topic", Value::from_serialize(topic)),
            ("resolutions", Value::from_serialize(&list)),
        ],
    )
}
