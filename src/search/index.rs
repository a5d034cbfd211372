//! Build-time index: the site becomes, per language, a list of pages (each a list of documents: the
//! page itself, then its paragraphs), an inverted index from term to postings, cut into fragments by
//! term range, and one small JSON file per page for the titles and snippets of the results shown.
//!
//! ```text
//! search/{lang}/meta.json     {"v":1,"pages":P,"frags":[first term of each fragment]}
//! search/{lang}/t/{i}.json    {"term":"postings",...}  terms in UTF-16 order, ~FRAGMENT_BYTES each;
//!                             a long list is `"term":[n,bytes]`, its postings in b/{n}.json
//! search/{lang}/b/{n}.json    "postings"
//! search/{lang}/p/{i}.json    {"u":url,"n":number,"t":title,"d":[[href,text,fields],...]}
//! ```
//!
//! Postings are a string of base-32 varints (see `tokenize::put_varint`), two per posting: the page
//! (delta from the previous posting's page) and `document × 4 + class`, where the class says where
//! the term occurs at best in that document: 3 title or number, 2 structured fields, 1 paragraph text.

use super::tokenize::{put_varint, tokenize};
use crate::markdown;
use crate::model::*;
use comrak::nodes::NodeValue;
use comrak::Arena;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Target size of a term fragment (bytes of JSON). A fragment holds whole terms, so one very common
/// term can make its fragment larger.
pub const FRAGMENT_BYTES: usize = 12_000;

/// Posting lists longer than this (bytes) are written to their own file, `b/{n}.json`.
pub const BIG_POSTINGS: usize = 2_000;

pub const CLASS_TEXT: u8 = 1;
pub const CLASS_FIELD: u8 = 2;
pub const CLASS_TITLE: u8 = 3;

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
}

/// Markdown to plain text: text and code spans, blocks separated by spaces, footnote marks dropped.
pub fn plain_text(md: &str) -> String {
    let arena = Arena::new();
    let options = markdown::options();
    let root = comrak::parse_document(&arena, md, &options);
    let mut out = String::with_capacity(md.len());
    for node in root.descendants() {
        match &node.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::HtmlInline(h) => out.push_str(h),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            NodeValue::Paragraph
            | NodeValue::Item(_)
            | NodeValue::Heading(_)
            | NodeValue::TableCell
                if !out.is_empty() && !out.ends_with(' ') =>
            {
                out.push(' ')
            }
            _ => {}
        }
    }
    out.retain(|c| !"¹²³⁴⁵⁶⁷⁸⁹⁰".contains(c));
    out.trim().to_string()
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

/// Every page of the site in `lang` with its searchable documents, in a fixed order.
pub fn pages(site: &Site, lang: &str) -> Vec<SearchPage> {
    let fb = site.config.default_language.as_str();
    let tx = |t: &Text| text_in(t, lang, fb).to_string();
    let mut pages: Vec<SearchPage> = site
        .resolutions
        .par_iter()
        .map(|r| {
            let number = r.id.to_string();
            let title = tx(&r.title);
            let mut head = SearchDoc {
                title: format!("{number} {title} {}", r.symbol.as_deref().unwrap_or("")),
                ..Default::default()
            };
            for t in &r.topics {
                if let Some(topic) = site.topics.iter().find(|x| &x.id == t) {
                    push(&mut head.fields, &tx(&topic.label));
                }
            }
            if let Some(d) = r.narrative.get(lang) {
                head.text = plain_text(&d.preamble);
                for p in &d.paragraphs {
                    push(&mut head.text, &plain_text(&p.markdown));
                }
            }
            let mut docs = vec![head];
            let updates: Vec<(&Report, &Update)> = site.updates_of(r.id).collect();
            // (report slug, paragraph number) → document index, for attaching structured fields.
            let mut at: BTreeMap<(&str, u32), usize> = BTreeMap::new();
            for (i, (rep, u)) in updates.iter().enumerate().rev() {
                let latest = i + 1 == updates.len();
                let Some(doc) = doc_of(&u.text, lang, fb) else {
                    continue;
                };
                for p in &doc.paragraphs {
                    let href = if latest {
                        format!("#para-{}", p.number)
                    } else {
                        format!("{lang}/reports/{}/#para-{}", rep.slug, p.number)
                    };
                    at.insert((rep.slug.as_str(), p.number), docs.len());
                    docs.push(SearchDoc {
                        href,
                        text: plain_text(&p.markdown),
                        ..Default::default()
                    });
                }
            }
            for (rep, u) in &updates {
                let mut add = |para: u32, s: &str| {
                    let i = at.get(&(rep.slug.as_str(), para)).copied().unwrap_or(0);
                    push(&mut docs[i].fields, s);
                };
                for e in &u.events {
                    add(e.para, &tx(&e.name));
                    if let Some(p) = &e.place {
                        add(e.para, &tx(p));
                    }
                }
                for p in u.partners.iter().chain(&u.places).chain(&u.funding.sources) {
                    add(p.para, &tx(&p.name));
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
            SearchPage {
                url: format!("{lang}/resolutions/{}/", r.id.slug()),
                number,
                title,
                docs,
            }
        })
        .collect();
    for rep in &site.reports {
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
            for p in &doc.paragraphs {
                let mut d = SearchDoc {
                    href: format!("#para-{}", p.number),
                    text: plain_text(&p.markdown),
                    ..Default::default()
                };
                for f in rep.footnotes.iter().filter(|f| f.para == p.number) {
                    push(&mut d.fields, &tx(&f.text));
                }
                docs.push(d);
            }
        }
        pages.push(SearchPage {
            url: format!("{lang}/reports/{}/", rep.slug),
            number: rep.symbol.clone(),
            title,
            docs,
        });
    }
    for m in &site.mechanisms {
        let title = tx(&m.name);
        pages.push(SearchPage {
            url: format!("{lang}/funding/{}/", m.slug),
            number: String::new(),
            title: title.clone(),
            docs: vec![SearchDoc {
                title,
                ..Default::default()
            }],
        });
    }
    pages
}

/// Terms of one page: (term, document, class), with the best class per (term, document).
fn page_terms(page: &SearchPage) -> BTreeMap<String, BTreeMap<u32, u8>> {
    let mut out: BTreeMap<String, BTreeMap<u32, u8>> = BTreeMap::new();
    for (d, doc) in page.docs.iter().enumerate() {
        for (text, class) in [
            (&doc.title, CLASS_TITLE),
            (&doc.fields, CLASS_FIELD),
            (&doc.text, CLASS_TEXT),
        ] {
            for t in tokenize(text) {
                let c = out.entry(t.term).or_default().entry(d as u32).or_insert(0);
                *c = (*c).max(class);
            }
        }
    }
    out
}

/// UTF-16 order, the order of JavaScript string comparison.
pub fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[derive(Serialize)]
struct Meta<'a> {
    v: u32,
    pages: usize,
    frags: Vec<&'a str>,
}

#[derive(Serialize)]
struct PageFile<'a> {
    u: &'a str,
    n: &'a str,
    t: &'a str,
    d: Vec<(&'a str, &'a str, &'a str)>,
}

/// The index files of one language: (path under `search/{lang}/`, bytes).
pub fn build(pages: &[SearchPage]) -> Vec<(String, Vec<u8>)> {
    let per_page: Vec<BTreeMap<String, BTreeMap<u32, u8>>> =
        pages.par_iter().map(page_terms).collect();
    let mut postings: BTreeMap<String, (String, u32)> = BTreeMap::new();
    for (p, terms) in per_page.into_iter().enumerate() {
        for (term, docs) in terms {
            let (s, last) = postings.entry(term).or_insert_with(|| (String::new(), 0));
            for (d, class) in docs {
                put_varint(s, (p as u32 - *last) as u64);
                put_varint(s, (d as u64) * 4 + class as u64);
                *last = p as u32;
            }
        }
    }
    let mut terms: Vec<(String, String)> = postings.into_iter().map(|(t, (s, _))| (t, s)).collect();
    terms.sort_by(|a, b| utf16_cmp(&a.0, &b.0));

    // Long posting lists go to files of their own (`b/{n}.json`); the fragment keeps `[n, bytes]`,
    // so that the client knows their size before it decides to fetch them.
    let mut files = Vec::new();
    let entries: Vec<(&str, serde_json::Value)> = terms
        .iter()
        .map(|(t, s)| {
            if s.len() > BIG_POSTINGS {
                let n = files.len();
                files.push((
                    format!("b/{n}.json"),
                    serde_json::to_vec(s).unwrap_or_default(),
                ));
                (t.as_str(), serde_json::json!([n, s.len()]))
            } else {
                (t.as_str(), serde_json::Value::String(s.clone()))
            }
        })
        .collect();

    // Cut into fragments of about FRAGMENT_BYTES.
    let mut cuts = vec![0usize];
    let mut size = 0;
    for (i, (t, v)) in entries.iter().enumerate() {
        let entry = t.len() + v.as_str().map_or(16, str::len) + 6;
        if size > 0 && size + entry > FRAGMENT_BYTES {
            cuts.push(i);
            size = 0;
        }
        size += entry;
    }
    let mut frags = Vec::new();
    for (k, &start) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).copied().unwrap_or(entries.len());
        if start == end {
            continue;
        }
        frags.push(if k == 0 { "" } else { entries[start].0 });
        let map: serde_json::Map<String, serde_json::Value> = entries[start..end]
            .iter()
            .map(|(t, v)| (t.to_string(), v.clone()))
            .collect();
        files.push((
            format!("t/{}.json", frags.len() - 1),
            serde_json::to_vec(&map).unwrap_or_default(),
        ));
    }
    if frags.is_empty() {
        frags.push("");
        files.push(("t/0.json".into(), b"{}".to_vec()));
    }
    let page_files: Vec<(String, Vec<u8>)> = pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let f = PageFile {
                u: &p.url,
                n: &p.number,
                t: &p.title,
                d: p.docs
                    .iter()
                    .map(|d| (d.href.as_str(), d.text.as_str(), d.fields.as_str()))
                    .collect(),
            };
            (
                format!("p/{i}.json"),
                serde_json::to_vec(&f).unwrap_or_default(),
            )
        })
        .collect();
    files.extend(page_files);
    let meta = Meta {
        v: 1,
        pages: pages.len(),
        frags,
    };
    files.push((
        "meta.json".into(),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    files
}
