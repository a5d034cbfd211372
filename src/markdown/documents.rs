//! The Markdown pass: every paragraph file of the site (reports, updates, narratives, the about page)
//! rendered once per language into safe HTML, as one value that the pages and the search index both
//! read. Internal links are checked against the routes' list of pages. Knows documents, not pages.

use super::{LinkContext, LinkProblem};
use crate::diagnostics::Diagnostic;
use crate::model::{Doc, Site};
use crate::routes::{self, Base};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use std::sync::Arc;

/// One numbered paragraph as HTML. Shared: the same paragraph appears on the resolution page, the
/// report page and in the search index.
#[derive(Clone)]
pub struct Paragraph {
    pub number: u32,
    pub html: Arc<str>,
}

/// One paragraph file in one language, rendered.
#[derive(Default)]
pub struct Html {
    pub preamble: String,
    pub paragraphs: Vec<Paragraph>,
}

/// Every paragraph file of the site, rendered; looked up by the `Doc` it was made from.
pub struct Documents {
    html: FxHashMap<usize, Html>,
}

/// A stable key for a paragraph file while the site is alive: its address (the site does not move
/// once validated; `render` holds it for as long as it holds the documents).
fn key(doc: &Doc) -> usize {
    doc as *const Doc as usize
}

impl Documents {
    /// Renders every paragraph file of `site` in parallel, returning the link problems found (each
    /// with its file and line). Each file's Markdown is dropped as soon as it is rendered: sources
    /// and HTML of every file together would be the build's peak of memory.
    pub fn render(site: &mut Site, base: &Base) -> (Documents, Vec<Diagnostic>) {
        let known: HashSet<String> = routes::pages(site).iter().map(|p| p.path()).collect();
        let exists = |p: &str| known.contains(p);
        let options = super::options();
        let languages: Vec<String> = site
            .config
            .languages
            .iter()
            .map(|l| l.code.clone())
            .collect();
        let marks = footnote_marks(site);
        let docs = site.docs_mut(&languages);
        let rendered: Vec<(&Doc, Html, Problems)> = docs
            .into_par_iter()
            .map(|(key, lang, doc)| {
                // Reports and their updates (`key.1 == 0`) carry the footnote marks of their report.
                let marks = (key.1 == 0).then(|| &marks[key.2]);
                let ctx = LinkContext {
                    base,
                    lang,
                    exists: &exists,
                };
                let (html, problems) = render_doc(doc, &options, &ctx, marks);
                let doc: &Doc = doc;
                (doc, html, problems)
            })
            .collect();
        let mut html = FxHashMap::with_capacity_and_hasher(rendered.len(), Default::default());
        let mut diags = Vec::new();
        let mut reported = HashSet::new();
        for (doc, h, problems) in rendered {
            for (line, p) in problems {
                if reported.insert((doc.file.clone(), line, format!("{p:?}"))) {
                    diags.push(diagnostic(doc, line, &p));
                }
            }
            html.insert(key(doc), h);
        }
        (Documents { html }, diags)
    }

    /// The rendered form of `doc`, if it was rendered (it is, for every language of the site).
    pub fn get(&self, doc: &Doc) -> Option<&Html> {
        self.html.get(&key(doc))
    }

    /// The plain text of `doc`'s preamble (`None`) or of its paragraph `i`, for the search index.
    pub fn plain(&self, doc: &Doc, i: Option<usize>) -> String {
        match (self.get(doc), i) {
            (Some(h), None) => super::html_to_text(&h.preamble),
            (Some(h), Some(i)) => h
                .paragraphs
                .get(i)
                .map(|p| super::html_to_text(&p.html))
                .unwrap_or_default(),
            (None, _) => String::new(),
        }
    }
}

/// A file's link problems, each with its line.
type Problems = Vec<(usize, LinkProblem)>;

/// The footnote marks each report declares, by paragraph: only these become links.
fn footnote_marks(site: &Site) -> Vec<FxHashMap<u32, Vec<String>>> {
    site.reports
        .iter()
        .map(|r| {
            let mut m: FxHashMap<u32, Vec<String>> = FxHashMap::default();
            for f in &r.footnotes {
                m.entry(f.para).or_default().push(f.mark.clone());
            }
            m
        })
        .collect()
}

/// Renders one file, then empties its Markdown; returns its HTML and its link problems by line.
fn render_doc(
    doc: &mut Doc,
    options: &comrak::Options,
    ctx: &LinkContext,
    marks: Option<&FxHashMap<u32, Vec<String>>>,
) -> (Html, Problems) {
    let mut problems = Vec::new();
    // Problems come with the line of their fragment: made lines of the file here.
    let (preamble, p) = super::render(&doc.preamble, options, ctx);
    problems.extend(
        p.into_iter()
            .map(|(l, p)| (doc.preamble_line.max(1) + l - 1, p)),
    );
    let paragraphs = doc
        .paragraphs
        .iter()
        .map(|para| {
            let declared = marks
                .and_then(|m| m.get(&para.number))
                .map_or(&[][..], Vec::as_slice);
            let (html, p) = super::render_footnoted(&para.markdown, options, ctx, declared);
            problems.extend(
                p.into_iter()
                    .map(|(l, p)| (para.text_line.max(1) + l - 1, p)),
            );
            Paragraph {
                number: para.number,
                html: html.into(),
            }
        })
        .collect();
    doc.preamble = String::new();
    for p in &mut doc.paragraphs {
        p.markdown = String::new();
    }
    (
        Html {
            preamble,
            paragraphs,
        },
        problems,
    )
}

fn diagnostic(doc: &Doc, line: usize, p: &LinkProblem) -> Diagnostic {
    let (msg, hint) = p.describe();
    let d = match p {
        LinkProblem::Broken(_) | LinkProblem::SchemeRelative(_) => {
            Diagnostic::error(&doc.file, msg)
        }
        _ => Diagnostic::warning(&doc.file, msg),
    };
    d.at(Some(line), None).hint(hint)
}
