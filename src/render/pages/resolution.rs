//! `/{lang}/resolutions/{session}-{number}/`: one resolution, its latest report shown whole, older
//! reports collapsed below, its timeline, its facts and a citation block.

use super::super::views::UpdateView;
use super::{Ctx, Own};
use crate::model::{history, tracker, AllLanguages, Footnote, Resolution, ResolutionId, Topic};
use minijinja::{context, Value};

pub(super) fn build(ctx: &Ctx, lang: &str, id: ResolutionId) -> Own {
    let site = ctx.site;
    let Some(r) = site.resolution(id) else {
        return ("resolution.html", vec![]);
    };
    let (timeline, mut updates) = ctx.timeline(lang, r);
    // The latest report is shown whole; older ones follow, collapsed, newest first.
    let latest = updates.pop();
    updates.reverse();
    let cite_report = site.updates_of(r.id).last().map(|(rep, _)| {
        context! {
            title => Value::from_serialize(AllLanguages(&rep.title)),
            author => rep.author.as_ref().map(|a| Value::from_serialize(AllLanguages(a))),
            languages => Value::from_serialize(&rep.languages),
        }
    });
    let trackers = tracker::history(&site.trackers, r.id);
    // A report and a tracker that both state a figure and disagree: the page shows both, sourced.
    let report_figures = site
        .updates_of(r.id)
        .last()
        .and_then(|(_, u)| history::figures(u.funding.figures.as_ref()?).ok());
    let disagreements = match (&report_figures, trackers.last()) {
        (Some(f), Some(e)) => tracker::disagreements(f, e),
        _ => vec![],
    };
    (
        "resolution.html",
        vec![
            ("res", Value::from_serialize(ctx.summary(r))),
            // The title in every language, for the "cite this" block.
            ("titles", Value::from_serialize(AllLanguages(&r.title))),
            ("cite_report", Value::from(cite_report)),
            ("topics", Value::from_serialize(topics(ctx, r))),
            ("narrative", Value::from(narrative(ctx, lang, r))),
            (
                "footnotes",
                Value::from_serialize(footnotes(ctx, latest.as_ref())),
            ),
            ("latest", Value::from_serialize(&latest)),
            ("older", Value::from_serialize(&updates)),
            ("timeline", Value::from_serialize(&timeline)),
            ("since", Value::from_serialize(ctx.latest_changes(r.id))),
            ("trackers", Value::from_serialize(&trackers)),
            ("disagreements", Value::from_serialize(&disagreements)),
        ],
    )
}

/// The resolution's own narrative in the page's language, as one piece of HTML.
fn narrative(ctx: &Ctx, lang: &str, r: &Resolution) -> Option<String> {
    let h = ctx.docs.get(r.narrative.get(lang)?)?;
    let mut s = h.preamble.clone();
    for p in &h.paragraphs {
        s.push_str(&p.html);
    }
    Some(s)
}

/// Each topic with its id, so that the page links to the topic's list.
fn topics<'a>(ctx: &Ctx<'a>, r: &Resolution) -> Vec<&'a Topic> {
    r.topics
        .iter()
        .filter_map(|t| ctx.site.topics.iter().find(|x| &x.id == t))
        .collect()
}

/// The latest report's footnotes on the paragraphs this page shows.
fn footnotes<'a>(ctx: &Ctx<'a>, latest: Option<&UpdateView>) -> Vec<&'a Footnote> {
    let Some(u) = latest else { return vec![] };
    ctx.site
        .reports
        .iter()
        .filter(|rep| rep.slug == u.report.slug)
        .flat_map(|rep| rep.footnotes.iter().filter(|f| u.numbers.contains(&f.para)))
        .collect()
}
