//! One builder per page kind: each a short function from the validated site (through `Ctx`) to the
//! page's template and its own variables. What every page shares (functions, language, site, the
//! page's address) is added by `Ctx::vars`; where the page is written comes from `routes`.

mod about;
mod changes;
mod funding;
mod home;
mod list;
mod mechanism;
mod report;
mod reports;
mod resolution;
mod topics;

use super::Ctx;
use crate::diagnostics::Diagnostic;
use crate::model::{in_language, Language, Site};
use crate::output::Sink;
use crate::routes::{self, Page};
use crate::theme::Theme;
use minijinja::Value;

/// What one page contributes: its template and its own variables.
pub(super) type Own = (&'static str, Vec<(&'static str, Value)>);

/// One file to render.
pub(super) enum Job<'a> {
    /// The site's root `index.html`, which sends a reader to a language.
    Entry,
    NotFound,
    Page(&'a Language, Page<'a>),
}

/// Every page of every language, and the root files. The biggest pages (reports) first and the many
/// small ones (resolutions) last, so that no thread is left with a big one at the end.
pub(super) fn jobs(site: &Site) -> Vec<Job<'_>> {
    let pages = routes::pages(site);
    let is_report = |p: &Page| matches!(p, Page::Report(_));
    let is_resolution = |p: &Page| matches!(p, Page::Resolution(_));
    let mut jobs = Vec::new();
    for lang in &site.config.languages {
        let first = pages.iter().filter(|p| is_report(p));
        let then = pages.iter().filter(|p| !is_report(p) && !is_resolution(p));
        jobs.extend(first.chain(then).map(|p| Job::Page(lang, *p)));
    }
    jobs.extend([Job::Entry, Job::NotFound]);
    for lang in &site.config.languages {
        let last = pages.iter().filter(|p| is_resolution(p));
        jobs.extend(last.map(|p| Job::Page(lang, *p)));
    }
    jobs
}

impl<'a> Ctx<'a> {
    /// Renders `job` straight into the sink's writer: a report page can be tens of megabytes.
    pub(super) fn write(
        &self,
        job: &Job<'a>,
        theme: &Theme,
        sink: &dyn Sink,
    ) -> Result<(), Diagnostic> {
        let default = self.default_language();
        let (lang, page, file) = match job {
            Job::Entry => (default, Page::Home, routes::files::ENTRY.to_string()),
            Job::NotFound => (default, Page::Home, routes::files::NOT_FOUND.to_string()),
            Job::Page(lang, page) => (*lang, *page, page.file(&lang.code)),
        };
        // Records become template values with their text already in the page's language.
        let (template, vars) = in_language(&lang.code, &self.site.config.default_language, || {
            let (template, own) = match job {
                Job::Entry => ("entry.html", vec![]),
                Job::NotFound => ("404.html", vec![]),
                Job::Page(lang, page) => self.build(lang, page),
            };
            (template, self.vars(lang, &page, own))
        });
        sink.write_with(file, &mut |w| {
            self.env.render_to(theme, template, vars.clone(), w)
        })
    }

    fn build(&self, lang: &Language, page: &Page<'a>) -> Own {
        let l = lang.code.as_str();
        match *page {
            Page::Home => home::build(self),
            Page::List(filter) => list::build(self, filter),
            Page::Topics => topics::index(self),
            Page::Topic(id) => topics::topic(self, id),
            Page::Reports => reports::build(self),
            Page::Report(slug) => report::build(self, l, slug),
            Page::Changes(slug) => changes::build(self, slug),
            Page::Resolution(id) => resolution::build(self, l, id),
            Page::Funding => funding::build(self, false),
            Page::FundingByNeed => funding::build(self, true),
            Page::Mechanism(slug) => mechanism::build(self, l, slug),
            Page::Search => ("search.html", vec![]),
            Page::About => about::build(self, l),
        }
    }
}
