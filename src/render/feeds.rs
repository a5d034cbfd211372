//! Files for machines: an Atom feed per language of report updates, `sitemap.xml` with language
//! alternates, and `robots.txt`. Dates come from the content, never the clock, so rebuilds are identical.

use super::env::{template_error, Env};
use super::{Base, OutFile};
use crate::diagnostics::Diagnostic;
use crate::model::history::ReportChanges;
use crate::model::*;
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
    let mut out = Vec::new();
    let langs = &site.config.languages;
    let default = &site.config.default_language;
    if !base.absolute {
        // A sitemap and an Atom feed must name absolute URLs; without a configured host they are left
        // out (validation warns) rather than published with a made-up one.
        out.push(OutFile {
            path: "robots.txt".into(),
            bytes: b"User-agent: *\nAllow: /\n".to_vec(),
        });
        return out;
    }

    // sitemap.xml: every page in every language, each listing all its language versions.
    let mut paths: Vec<String> = vec![
        "".into(),
        "resolutions/".into(),
        "funding/".into(),
        "search/".into(),
        "about/".into(),
    ];
    paths.extend(
        site.resolutions
            .iter()
            .map(|r| format!("resolutions/{}/", r.id.slug())),
    );
    paths.push("reports/".into());
    paths.extend(site.reports.iter().map(|r| format!("reports/{}/", r.slug)));
    paths.extend(
        site.reports
            .iter()
            .skip(1)
            .map(|r| format!("reports/{}/changes/", r.slug)),
    );
    paths.extend(
        site.mechanisms
            .iter()
            .map(|m| format!("funding/{}/", m.slug)),
    );
    paths.extend(
        super::browse_paths(site)
            .into_iter()
            .map(|p| p.trim_start_matches('/').to_string()),
    );
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for p in &paths {
        for l in langs {
            xml.push_str(&format!(
                "<url><loc>{}</loc>",
                esc(&format!("{}{}/{p}", base.url, l.code))
            ));
            for alt in langs {
                xml.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    esc(&alt.html_lang),
                    esc(&format!("{}{}/{p}", base.url, alt.code))
                ));
            }
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/></url>\n",
                esc(&format!("{}{default}/{p}", base.url))
            ));
        }
    }
    xml.push_str("</urlset>\n");
    out.push(OutFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    });
    out.push(OutFile {
        path: "robots.txt".into(),
        bytes: format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            base.url
        )
        .into_bytes(),
    });

    // Atom feed per language: one entry per report (below), and one per update of the latest
    // report. Earlier reports' updates leave the feed as a new report arrives, as in any feed: their
    // pages stay, and the per-report entries list what changed.
    for l in langs {
        let mut entries = Vec::new();
        if let Some(rep) = site.reports.last() {
            for u in &rep.updates {
                let Some(r) = site.resolution(u.resolution) else {
                    continue;
                };
                entries.push(context! {
                    id => format!("{}{}/resolutions/{}/#{}", base.url, l.code, r.id.slug(), rep.slug),
                    url => format!("{}{}/resolutions/{}/", base.url, l.code, r.id.slug()),
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
                Some(_) => format!("{}{}/reports/{}/changes/", base.url, l.code, rep.slug),
                None => format!("{}{}/reports/{}/", base.url, l.code, rep.slug),
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
                id => format!("{}{}/reports/{}/", base.url, l.code, rep.slug),
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
            feed_url => format!("{}{}/feed.xml", base.url, l.code), home_url => format!("{}{}/", base.url, l.code),
            updated, entries, reports,
        };
        match env.render("feed.xml", ctx) {
            Ok(s) => out.push(OutFile {
                path: format!("{}/feed.xml", l.code),
                bytes: s.into_bytes(),
            }),
            Err(e) => diags.push(template_error(theme, &e)),
        }
    }
    out
}
