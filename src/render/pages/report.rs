//! `/{lang}/reports/{slug}/`: a report as published, section by section, each resolution's
//! paragraphs under its heading.

use super::super::views::{ParaView, ReportEntry};
use super::{Ctx, Own};
use crate::model::{history, shortfall, Report, Section};
use minijinja::{context, Value};

pub(super) fn build(ctx: &Ctx, lang: &str, slug: &str) -> Own {
    let Some(rep) = ctx.site.reports.iter().find(|r| r.slug == slug) else {
        return ("report.html", vec![]);
    };
    let (intro, _) = ctx.paragraphs(lang, &rep.text);
    let sections: Vec<Value> = rep
        .sections
        .iter()
        .map(|s| section(ctx, lang, rep, s, &intro))
        .collect();
    (
        "report.html",
        vec![
            ("report", Value::from_serialize(rep)),
            ("sections", Value::from(sections)),
        ],
    )
}

/// One section: its own paragraphs of the report's text, then the updates of its session.
fn section(ctx: &Ctx, lang: &str, rep: &Report, s: &Section, intro: &[ParaView]) -> Value {
    let paragraphs: Vec<&ParaView> = intro
        .iter()
        .filter(|p| s.paragraphs.contains(&p.number))
        .collect();
    let updates: Vec<Value> = rep
        .updates
        .iter()
        .filter(|u| Some(u.resolution.session) == s.session)
        .filter_map(|u| {
            let r = ctx.site.resolution(u.resolution)?;
            let (paragraphs, translated) = ctx.paragraphs(lang, &u.text);
            let update = ReportEntry {
                label: u.label.as_deref(),
                paragraphs,
                translated,
            };
            // This report's own answer, not the latest one: the page is this report.
            let shortfall = shortfall::key(Some(u));
            let status = history::status_id(u);
            let funding = history::funding_id(u);
            Some(context! { res => ctx.summary(r), update, shortfall, status, funding })
        })
        .collect();
    context! { heading => s.heading, paragraphs, updates }
}
