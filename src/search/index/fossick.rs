//! Which pages are searchable and what text each holds: a resolution's title, topics and narrative
//! with its latest report's paragraphs, a report's paragraphs, a funding mechanism's name. Addresses
//! and anchors come from `crate::routes`; this module never formats one and never tokenises.

use crate::markdown::documents::Documents;
use crate::model::*;
use crate::routes::{self, Page};
use serde::Serialize;
use std::collections::BTreeMap;

/// One searchable unit: the page's own fields, or one paragraph.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchDoc {
    /// `#para-24` on the page itself, or a site path relative to the root with an anchor
    /// (`en/reports/hsp-eb-2024-20/#para-3`) for a paragraph shown on another page, or empty.
    pub href: String,
    /// Plain text shown in snippets.
    pub text: String,
    /// Structured fields attached to this document (partners, places...), shown when the text has no match.
    pub fields: String,
    /// Title-class text (title, number, symbol): indexed, not stored (the page has it).
    #[serde(skip)]
    pub title: String,
    /// The report's paragraph number, if this document is one: indexed as the term `¶N` (title
    /// class), which the queries `38`, `¶38`, `para 38` and `第38段` look for.
    #[serde(skip)]
    pub para: Option<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct SearchPage {
    /// Path relative to the site root, with the language: `en/resolutions/2-7/`.
    pub url: String,
    /// Resolution number (`2/7`) or report symbol; empty for other pages.
    pub number: String,
    pub title: String,
    /// `docs[0]` is the page itself.
    pub docs: Vec<SearchDoc>,
    /// For a resolution, whether its latest report names a funding shortfall (`named`, `none`),
    /// so that a hit carries the same mark as every list row; empty for other pages.
    pub shortfall: &'static str,
}

fn text_in<'a>(t: &'a Text, lang: &str, fallback: &str) -> &'a str {
    t.get(lang)
        .or_else(|| t.get(fallback))
        .or_else(|| t.0.values().next().map(String::as_str))
        .unwrap_or("")
}

fn push(s: &mut String, part: &str) {
    if part.is_empty() {
        return;
    }
    if !s.is_empty() {
        s.push_str(" · ");
    }
    s.push_str(part);
}

fn doc_of<'a>(texts: &'a BTreeMap<String, Doc>, lang: &str, fallback: &str) -> Option<&'a Doc> {
    texts.get(lang).or_else(|| texts.get(fallback))
}

/// Every page of the site in `lang` with its searchable documents, in a fixed order (resolutions,
/// reports, funding mechanisms). Page `i` is made on demand, so that the index never holds the text
/// of every page at once.
pub struct Pages<'a> {
    site: &'a Site,
    lang: &'a str,
    docs: &'a Documents,
    labels: &'a crate::search::LabelNames,
    shorthands: super::shorthand::Shorthands,
}

impl<'a> Pages<'a> {
    pub fn new(
        site: &'a Site,
        lang: &'a str,
        docs: &'a Documents,
        labels: &'a crate::search::LabelNames,
    ) -> Self {
        Pages {
            site,
            lang,
            docs,
            labels,
            shorthands: super::shorthand::Shorthands::new(site, lang),
        }
    }

    pub fn len(&self) -> usize {
        self.site.resolutions.len() + self.site.reports.len() + self.site.mechanisms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> SearchPage {
        let site = self.site;
        let n = site.resolutions.len();
        let mut page = if let Some(r) = site.resolutions.get(i) {
            self.resolution(r)
        } else if let Some(rep) = site.reports.get(i - n) {
            self.report(rep)
        } else {
            self.mechanism(&site.mechanisms[i - n - site.reports.len()])
        };
        for d in &mut page.docs {
            self.shorthands.add_to(d);
        }
        page
    }

    fn tx(&self, t: &Text) -> String {
        text_in(t, self.lang, &self.site.config.default_language).to_string()
    }

    fn resolution(&self, r: &Resolution) -> SearchPage {
        let number = r.id.to_string();
        let title = self.tx(&r.title);
        // Only the latest report's paragraphs: what the resolution's page says now. Earlier
        // reports' paragraphs stay on that page (collapsed) and on their report pages, but indexing
        // every report again would make the index, and the build, grow with each report published.
        let updates: Vec<(&Report, &Update)> = self.site.updates_of(r.id).collect();
        let latest = updates.last().map(|(_, u)| *u);
        let mut docs = vec![self.resolution_head(r, &number, &title, latest)];
        if let Some(((rep, u), earlier)) = updates.split_last() {
            let at = self.latest_paragraphs(rep, u, earlier, &mut docs);
            self.attach_fields(u, &at, &mut docs);
        }
        SearchPage {
            url: Page::Resolution(r.id).under_root(self.lang),
            number,
            title,
            docs,
            shortfall: crate::model::shortfall::key(updates.last().map(|(_, u)| *u)),
        }
    }

    /// The resolution page's own document: number, title and symbol as its title, its topics and
    /// the labels its page carries (status, funding, a shortfall named) as fields, its narrative as
    /// text.
    fn resolution_head(
        &self,
        r: &Resolution,
        number: &str,
        title: &str,
        latest: Option<&Update>,
    ) -> SearchDoc {
        let mut head = SearchDoc {
            title: format!("{number} {title} {}", r.symbol.as_deref().unwrap_or("")),
            ..Default::default()
        };
        for t in &r.topics {
            if let Some(topic) = self.site.topics.iter().find(|x| &x.id == t) {
                push(&mut head.fields, &self.tx(&topic.label));
            }
        }
        if let Some(u) = latest {
            let mut keys = vec![
                format!("status-{}", u.status.key()),
                format!("funding-{}", u.funding.status.key()),
            ];
            if crate::model::shortfall::named(u) {
                keys.push(format!("shortfall-{}", crate::model::shortfall::NAMED));
            }
            for k in keys {
                push(
                    &mut head.fields,
                    self.labels.get(self.lang, &k).unwrap_or(""),
                );
            }
        }
        if let Some(d) = r.narrative.get(self.lang) {
            head.text = self.docs.plain(d, None);
            for i in 0..d.paragraphs.len() {
                push(&mut head.text, &self.docs.plain(d, Some(i)));
            }
        }
        head
    }

    /// Appends a document for each paragraph of the latest update `u` (in report `rep`), linked by
    /// the anchor the resolution page gives it; returns paragraph number → document index.
    fn latest_paragraphs(
        &self,
        rep: &Report,
        u: &Update,
        earlier: &[(&Report, &Update)],
        docs: &mut Vec<SearchDoc>,
    ) -> BTreeMap<u32, usize> {
        let mut at: BTreeMap<u32, usize> = BTreeMap::new();
        let fb = self.site.config.default_language.as_str();
        let Some(doc) = doc_of(&u.text, self.lang, fb) else {
            return at;
        };
        for (i, p) in doc.paragraphs.iter().enumerate() {
            // Qualified when an earlier report on this resolution used the same number.
            let qualified = earlier
                .iter()
                .any(|(_, o)| o.paragraphs.contains(&p.number));
            let href = format!(
                "#{}",
                routes::anchor_on_resolution(&rep.slug, p.number, qualified)
            );
            at.insert(p.number, docs.len());
            docs.push(SearchDoc {
                href,
                text: self.docs.plain(doc, Some(i)),
                para: Some(p.number),
                ..Default::default()
            });
        }
        at
    }

    /// Adds the structured fields of update `u` (events, partners, places, funding sources, counts,
    /// documents, funding needs and amounts) to the document of the paragraph each names (`at`),
    /// or to the page's own document when that paragraph has none.
    fn attach_fields(&self, u: &Update, at: &BTreeMap<u32, usize>, docs: &mut [SearchDoc]) {
        let (lang, fb) = (self.lang, self.site.config.default_language.as_str());
        let tx = |t: &Text| self.tx(t);
        let mut add = |para: u32, s: &str| {
            let i = at.get(&para).copied().unwrap_or(0);
            push(&mut docs[i].fields, s);
        };
        for e in &u.events {
            add(e.para, &tx(&e.name));
            if let Some(p) = &e.place {
                add(e.para, &tx(p));
            }
        }
        for p in u.partners.iter().chain(&u.places).chain(&u.funding.sources) {
            add(p.para, &p.search_names(lang, fb).join(" · "));
        }
        for c in &u.counts {
            add(c.para, &format!("{} {}", c.value, tx(&c.what)));
        }
        for d in &u.documents {
            add(d.para, &d.symbol);
        }
        for f in u.funding.lacking.iter().chain(&u.funding.consequences) {
            add(f.para, &tx(&f.what));
        }
        for a in &u.funding.amounts {
            if let Some(w) = &a.what {
                add(a.para, &format!("{} {} {}", a.currency, a.value, tx(w)));
            }
        }
    }

    fn report(&self, rep: &Report) -> SearchPage {
        let (lang, texts) = (self.lang, self.docs);
        let plain = |d: &Doc, i: Option<usize>| texts.plain(d, i);
        let fb = self.site.config.default_language.as_str();
        let tx = |t: &Text| self.tx(t);
        let title = tx(&rep.title);
        let mut head = SearchDoc {
            title: format!("{} {title}", rep.symbol),
            ..Default::default()
        };
        for t in [
            Some(&rep.body),
            Some(&rep.meeting),
            rep.meeting_place.as_ref(),
            rep.agenda_item.as_ref(),
            rep.author.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            push(&mut head.fields, &tx(t));
        }
        let mut docs = vec![head];
        if let Some(doc) = doc_of(&rep.text, lang, fb) {
            for (i, p) in doc.paragraphs.iter().enumerate() {
                let mut d = SearchDoc {
                    href: format!("#{}", routes::anchor(p.number)),
                    text: plain(doc, Some(i)),
                    para: Some(p.number),
                    ..Default::default()
                };
                for f in rep.footnotes.iter().filter(|f| f.para == p.number) {
                    push(&mut d.fields, &tx(&f.text));
                }
                docs.push(d);
            }
        }
        SearchPage {
            url: Page::Report(&rep.slug).under_root(lang),
            number: rep.symbol.clone(),
            title,
            docs,
            shortfall: "",
        }
    }

    fn mechanism(&self, m: &Mechanism) -> SearchPage {
        let lang = self.lang;
        let tx = |t: &Text| self.tx(t);
        let title = tx(&m.name);
        SearchPage {
            url: Page::Mechanism(&m.slug).under_root(lang),
            number: String::new(),
            shortfall: "",
            title: title.clone(),
            docs: vec![SearchDoc {
                title,
                ..Default::default()
            }],
        }
    }
}
