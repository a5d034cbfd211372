//! `/{lang}/funding/{slug}/`: one funding mechanism (a window or fund a report describes), with the
//! report's paragraphs about it and its footnotes.

use super::super::views::ParaView;
use super::{Ctx, Own};
use crate::model::Footnote;
use minijinja::Value;

pub(super) fn build(ctx: &Ctx, lang: &str, slug: &str) -> Own {
    let site = ctx.site;
    let Some(m) = site.mechanisms.iter().find(|m| m.slug == slug) else {
        return ("window.html", vec![]);
    };
    let rep = site.reports.iter().find(|r| r.slug == m.report);
    let update = rep.and_then(|rep| {
        rep.updates
            .iter()
            .find(|u| u.resolution == m.resolution)
            .map(|u| ctx.update_view(lang, rep, u))
    });
    let paragraphs: Vec<ParaView> = update
        .as_ref()
        .map(|u| {
            u.paragraphs
                .iter()
                .filter(|p| m.paragraphs.contains(&p.number))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let footnotes: Vec<&Footnote> = rep
        .map(|rep| {
            rep.footnotes
                .iter()
                .filter(|f| m.paragraphs.contains(&f.para))
                .collect()
        })
        .unwrap_or_default();
    let res = site.resolution(m.resolution).map(|r| ctx.summary(r));
    (
        "window.html",
        vec![
            ("mechanism", Value::from_serialize(m)),
            ("update", Value::from_serialize(&update)),
            ("paragraphs", Value::from_serialize(&paragraphs)),
            ("footnotes", Value::from_serialize(&footnotes)),
            ("res", Value::from_serialize(&res)),
        ],
    )
}
