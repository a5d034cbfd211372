//! `/{lang}/topics/` and `/{lang}/topics/{id}/`: the topics, and each topic's resolutions (the same
//! rows, with the same marks, as the list of resolutions).

use super::super::browse;
use super::{Ctx, Own};
use minijinja::{context, Value};

/// The topics most resolutions share first; topics with as many keep the order of topics.yaml (a
/// stable order in every language, which the page states).
pub(super) fn index(ctx: &Ctx) -> Own {
    let mut topics = browse::facets(ctx.site, ctx.summaries()).topic;
    topics.sort_by_key(|t| std::cmp::Reverse(t.count));
    let list: Vec<Value> = topics
        .iter()
        .map(|t| {
            let description = ctx
                .site
                .topics
                .iter()
                .find(|x| x.id == t.id)
                .and_then(|x| x.description.as_ref());
            context! { id => t.id, label => t.label, count => t.count, description }
        })
        .collect();
    ("topics.html", vec![("topics", Value::from(list))])
}

pub(super) fn topic(ctx: &Ctx, id: &str) -> Own {
    let topic = ctx.site.topics.iter().find(|t| t.id == id);
    let list: Vec<_> = ctx
        .summaries()
        .iter()
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
