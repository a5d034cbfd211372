//! Files for machines: an Atom feed per language of report updates, `sitemap.xml` with language
//! alternates, and `robots.txt`. Dates come from the content, never the clock, so rebuilds are identical.

use super::env::{template_error, Env};
use crate::diagnostics::Diagnostic;
use crate::model::history::ReportChanges;
use crate::model::*;
use crate::output::OutFile;
use crate::routes::{self, files, Base, Page};
use crate::theme::Theme;
use minijinja::context;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A full RFC 3339 timestamp for a date as precise as the report gives it (missing parts → 01).
fn rfc3339(d: PartialDate) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        d.year,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1)
    )
}

pub fn files(
    site: &Site,
    changes: &[ReportChanges],
    base: &Base,
    env: &Env,
    theme: &Theme,
    diags: &mut Vec<Diagnostic>,
) -> Vec<OutFile> {
    if !base.absolute {
        // A sitemap and an Atom feed must name absolute URLs; without a configured host they are left
        // out (validation warns) rather than published with a made-up one.
        return vec![OutFile {
            path: files::ROBOTS.into(),
            bytes: b"User-agent: *\nAllow: /\n".to_vec(),
        }];
    }
    let mut out = vec![
        OutFile {
            path: files::SITEMAP.into(),
            bytes: sitemap(site, base).into_bytes(),
        },
        OutFile {
            path: files::ROBOTS.into(),
            bytes: format!(
                "User-agent: *\nAllow: /\nSitemap: {}\n",
                base.file_url(files::SITEMAP)
            )
            .into_bytes(),
        },
    ];
    for l in &site.config.languages {
        match feed(site, changes, base, env, l) {
            Ok(s) => out.push(OutFile {
                path: files::feed(&l.code),
                bytes: s.into_bytes(),
            }),
            Err(e) => diags.push(template_error(theme, &e)),
        }
    }
    out
}

/// `sitemap.xml`: every page in every language, each listing all its language versions.
fn sitemap(site: &Site, base: &Base) -> String {
    let langs = &site.config.languages;
    let default = &site.config.default_language;
    let pages = routes::pages(site);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for p in &pages {
        for l in langs {
            xml.push_str(&format!("<url><loc>{}</loc>", esc(&base.url(&l.code, p))));
            for alt in langs {
                xml.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    esc(&alt.html_lang),
                    esc(&base.url(&alt.code, p))
                ));
            }
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/></url>\n",
                esc(&base.url(default, p))
            ));
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The Atom feed of one language: one entry per report (below), and one per update of the latest
/// report. Earlier reports' updates leave the feed as a new report arrives, as in any feed: their
/// pages stay, and the per-report entries list what changed.
fn feed(
    site: &Site,
    changes: &[ReportChanges],
    base: &Base,
    env: &Env,
    l: &Language,
) -> Result<String, minijinja::Error> {
    let mut entries = Vec::new();
    if let Some(rep) = site.reports.last() {
        for u in &rep.updates {
            let Some(r) = site.resolution(u.resolution) else {
                continue;
            };
            let url = base.url(&l.code, &Page::Resolution(r.id));
            entries.push(context! {
                // Unique per report: the same page has an entry for each report on it.
                id => format!("{url}#{}", rep.slug),
                url,
                resolution => r.id.to_string(),
                title => r.title,
                report => rep.symbol,
                updated => rfc3339(rep.date),
                status => u.status.key(),
                paragraphs => u.paragraphs,
            });
        }
    }
    // One entry per report, listing what changed since the one before (the first few changes:
    // the page linked from the entry lists them all).
    const LISTED: usize = 50;
    let mut reports = Vec::new();
    for (i, rep) in site.reports.iter().enumerate().rev() {
        let ch = i.checked_sub(1).and_then(|p| changes.get(p));
        let page = match ch {
            Some(_) => base.url(&l.code, &Page::Changes(&rep.slug)),
            None => base.url(&l.code, &Page::Report(&rep.slug)),
        };
        let all = ch.map(|c| c.resolutions.as_slice()).unwrap_or_default();
        let mut lines = Vec::new();
        for rc in all.iter().take(LISTED) {
            {
                lines.push(context! {
                    resolution => rc.resolution.to_string(),
                    reported => rc.reported,
                    changes => rc.changes.iter().map(|c| context! {
                        field => c.field, detail => c.detail, item => c.item, old => c.old, new => c.new,
                    }).collect::<Vec<_>>(),
                });
            }
        }
        reports.push(context! {
            id => base.url(&l.code, &Page::Report(&rep.slug)),
            url => page,
            symbol => rep.symbol,
            title => rep.title,
            updated => rfc3339(rep.date),
            previous => i.checked_sub(1).map(|p| site.reports[p].symbol.clone()),
            updates => rep.updates.len(),
            lines,
            more => all.len().saturating_sub(LISTED),
        });
    }
    let updated = site
        .reports
        .last()
        .map(|r| rfc3339(r.date))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let ctx = context! {
        lang => l.code, html_lang => l.html_lang, site => context! { title => site.config.title },
        feed_url => base.file_url(&files::feed(&l.code)), home_url => base.url(&l.code, &Page::Home),
        updated, entries, reports,
    };
    env.render("feed.xml", ctx)
}
