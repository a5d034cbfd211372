//! Build-time index: the site becomes, per language, a list of pages (each a list of documents: the
//! page itself, then its paragraphs), an inverted index from term to postings, cut into fragments by
//! term range, and one small JSON file per page for the titles and snippets of the results shown.
//!
//! ```text
//! search/{lang}/meta.json     {"v":1,"pages":P,"frags":[first term of each fragment]}
//! search/{lang}/t/{i}.json    {"term":"postings",...}  terms in UTF-16 order, ~FRAGMENT_BYTES each;
//!                             a long list is `"term":[n,bytes]`, its postings in b/{n}.json
//! search/{lang}/b/{n}.json    "postings"
//! search/{lang}/p/{i}-{k}.json  {"u":url,"n":number,"t":title,"d":[[href,text,fields],...]}: page i's
//!                             documents k × DOCS_PER_FILE onwards, at most DOCS_PER_FILE of them
//! ```
//!
//! Postings are a string of base-32 varints (see `tokenize::put_varint`), two per posting: the page
//! (delta from the previous posting's page) and `document × 4 + class`, where the class says where
//! the term occurs at best in that document: 3 title or number, 2 structured fields, 1 paragraph text.

use super::tokenize::{for_each_raw, is_stop, put_varint, stem, Kind};
use crate::markdown::documents::Documents;
use crate::model::*;
use crate::routes::{self, Page};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Target size of a term fragment (bytes of JSON). A fragment holds whole terms, so one very common
/// term can make its fragment larger.
pub const FRAGMENT_BYTES: usize = 4_000;

/// Posting lists longer than this (bytes) are written to their own file, `b/{n}.json`.
pub const BIG_POSTINGS: usize = 2_000;

/// A long posting list is cut into parts of at most this many bytes (by page range), each a file
/// `b/{n + k}.json`, so that a query can read the start of a very common term's list.
pub const PART_BYTES: usize = 16_000;

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
    /// The report's paragraph number, if this document is one: indexed as the term `¶N` (title
    /// class), which the queries `38`, `¶38`, `para 38` and `第38段` look for.
    #[serde(skip)]
    pub para: Option<u32>,
}

/// The index term of paragraph `n`.
pub fn para_term(n: u32) -> String {
    format!("¶{n}")
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
}

impl<'a> Pages<'a> {
    pub fn new(site: &'a Site, lang: &'a str, docs: &'a Documents) -> Self {
        Pages { site, lang, docs }
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
        if let Some(r) = site.resolutions.get(i) {
            self.resolution(r)
        } else if let Some(rep) = site.reports.get(i - n) {
            self.report(rep)
        } else {
            self.mechanism(&site.mechanisms[i - n - site.reports.len()])
        }
    }

    fn tx(&self, t: &Text) -> String {
        text_in(t, self.lang, &self.site.config.default_language).to_string()
    }

    fn resolution(&self, r: &Resolution) -> SearchPage {
        let (site, lang, texts) = (self.site, self.lang, self.docs);
        let plain = |d: &Doc, i: Option<usize>| texts.plain(d, i);
        let fb = site.config.default_language.as_str();
        let tx = |t: &Text| self.tx(t);
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
            head.text = plain(d, None);
            for i in 0..d.paragraphs.len() {
                push(&mut head.text, &plain(d, Some(i)));
            }
        }
        let mut docs = vec![head];
        // Only the latest report's paragraphs: what the resolution's page says now. Earlier
        // reports' paragraphs stay on that page (collapsed) and on their report pages, but indexing
        // every report again would make the index, and the build, grow with each report published.
        let updates: Vec<(&Report, &Update)> = site.updates_of(r.id).collect();
        if let Some(((rep, u), earlier)) = updates.split_last() {
            // Paragraph number → document index, for attaching structured fields.
            let mut at: BTreeMap<u32, usize> = BTreeMap::new();
            if let Some(doc) = doc_of(&u.text, lang, fb) {
                for (i, p) in doc.paragraphs.iter().enumerate() {
                    // The anchor the resolution page gives it: qualified when an earlier report
                    // on this resolution used the same number.
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
                        text: plain(doc, Some(i)),
                        para: Some(p.number),
                        ..Default::default()
                    });
                }
            }
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
        SearchPage {
            url: Page::Resolution(r.id).under_root(lang),
            number,
            title,
            docs,
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
        }
    }

    fn mechanism(&self, m: &Mechanism) -> SearchPage {
        let lang = self.lang;
        let tx = |t: &Text| self.tx(t);
        let title = tx(&m.name);
        SearchPage {
            url: format!("{lang}/funding/{}/", m.slug),
            number: String::new(),
            title: title.clone(),
            docs: vec![SearchDoc {
                title,
                ..Default::default()
            }],
        }
    }
}

/// The postings of one term over a range of pages, encoded as they are written: `s` starts with the
/// first posting's page as a delta from page 0, so that ranges can be joined by rewriting one varint.
#[derive(Default)]
struct Postings {
    first: u32,
    last: u32,
    last_doc: u32,
    /// Characters of `tokenize::ALPHABET` only.
    s: Vec<u8>,
}

impl Postings {
    /// Records that the term occurs in document `d` of page `p` (pages in increasing order), with
    /// `code` = `d × 4 + class`: only its first occurrence in a document counts.
    fn add(&mut self, p: u32, d: u32, code: u64) {
        if self.s.is_empty() {
            self.first = p;
            put_varint(&mut self.s, p as u64);
        } else if self.last == p && self.last_doc == d {
            return;
        } else {
            put_varint(&mut self.s, (p - self.last) as u64);
        }
        put_varint(&mut self.s, code);
        self.last = p;
        self.last_doc = d;
    }

    /// Appends the postings of a later range of pages.
    fn append(&mut self, later: Postings) {
        put_varint(&mut self.s, (later.first - self.last) as u64);
        self.s
            .extend_from_slice(&later.s[varint_len(later.first as u64)..]);
        self.last = later.last;
        self.last_doc = later.last_doc;
    }
}

/// Cuts a posting string into parts of at most `max` bytes (a part holds at least one posting) at
/// page boundaries, each starting with its first page as a delta from page 0: (first page, part).
pub fn split_postings(s: &[u8], max: usize) -> Vec<(u32, Vec<u8>)> {
    let text = std::str::from_utf8(s).unwrap_or_default();
    if s.len() <= max {
        // One part, as it is: its first varint is already the first page from page 0.
        let first = super::tokenize::get_varints(&text[..varint_end(s)]).unwrap_or_default();
        return vec![(first.first().copied().unwrap_or(0) as u32, s.to_vec())];
    }
    let mut out: Vec<(u32, Vec<u8>)> = Vec::new();
    let v = super::tokenize::get_varints(text).unwrap_or_default();
    let mut enc = Vec::new();
    let mut page: u64 = 0;
    let mut prev_page: Option<u64> = None;
    for pair in v.chunks(2) {
        page += pair[0];
        let code = pair.get(1).copied().unwrap_or(0);
        enc.clear();
        let new_page = prev_page != Some(page);
        let start_new = match out.last() {
            None => true,
            Some((_, cur)) => new_page && cur.len() + 12 > max,
        };
        if start_new {
            put_varint(&mut enc, page);
            out.push((page as u32, Vec::new()));
        } else {
            put_varint(&mut enc, page - prev_page.unwrap_or(0));
        }
        put_varint(&mut enc, code);
        if let Some(last) = out.last_mut() {
            last.1.extend_from_slice(&enc);
        }
        prev_page = Some(page);
    }
    out
}

/// The length of the first varint of `s` (its characters with the "more follows" bit, and one more).
fn varint_end(s: &[u8]) -> usize {
    let more = |b: &u8| super::tokenize::ALPHABET[32..].contains(b);
    (s.iter().take_while(|b| more(b)).count() + 1).min(s.len())
}

fn varint_len(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 32 {
        v >>= 5;
        n += 1;
    }
    n
}

/// A term of up to 15 bytes, packed with its length into two words: most terms are (English stems,
/// Chinese bigrams of 6 bytes), and they hash and compare without touching memory elsewhere.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Short(u64, u64);

impl Short {
    fn new(t: &str) -> Option<Short> {
        let b = t.as_bytes();
        let n = b.len();
        if n > 15 {
            return None;
        }
        let len = (n as u64) << 56;
        Some(if n <= 8 {
            Short(load(b), len)
        } else {
            Short(load(&b[..8]), load(&b[8..]) | len)
        })
    }

    fn into_string(self) -> String {
        let mut w = [0u8; 16];
        w[..8].copy_from_slice(&self.0.to_le_bytes());
        w[8..].copy_from_slice(&self.1.to_le_bytes());
        String::from_utf8_lossy(&w[..w[15] as usize]).into_owned()
    }
}

/// Up to 8 bytes as a little-endian word, read without a copy through memory (which would stall
/// the load that follows).
fn load(b: &[u8]) -> u64 {
    let n = b.len();
    let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as u64;
    match n {
        8.. => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        // Two overlapping reads: the bytes they share are the same.
        4..=7 => u32_at(0) | u32_at(n - 4) << ((n - 4) * 8),
        1..=3 => {
            b[0] as u64 | (b[n / 2] as u64) << (n / 2 * 8) | (b[n - 1] as u64) << ((n - 1) * 8)
        }
        _ => 0,
    }
}

/// FxHash (as in rustc), fast on these short keys. Order never depends on it: terms are sorted
/// before anything is written.
type Fx = rustc_hash::FxBuildHasher;

/// Term → postings over a range of pages.
#[derive(Default)]
struct TermMap {
    short: HashMap<Short, Postings, Fx>,
    long: HashMap<Box<str>, Postings, Fx>,
}

impl TermMap {
    /// Joins the maps of two consecutive ranges of pages, `self` before `later`.
    fn merge(self, later: TermMap) -> TermMap {
        TermMap {
            short: merge(self.short, later.short),
            long: merge(self.long, later.long),
        }
    }

    fn into_terms(self) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> =
            Vec::with_capacity(self.short.len() + self.long.len());
        out.extend(self.short.into_iter().map(|(t, p)| (t.into_string(), p.s)));
        out.extend(self.long.into_iter().map(|(t, p)| (t.into_string(), p.s)));
        out
    }
}

/// The postings of a range of pages while it is indexed. Each distinct word is looked at once (stop
/// word? stem?) and remembered with its term's slot, so that its later occurrences (most of them)
/// cost one lookup.
#[derive(Default)]
struct Acc {
    slots: Vec<Postings>,
    short: HashMap<Short, u32, Fx>,
    long: HashMap<Box<str>, u32, Fx>,
    /// Folded word of up to 15 bytes → slot of its term, or `STOP`.
    words: HashMap<Short, u32, Fx>,
    buf: String,
}

/// The slot of a word that is not indexed.
const STOP: u32 = u32::MAX;

impl Acc {
    /// Adds a token as `tokenize::for_each_raw` gives it.
    fn add(&mut self, kind: Kind, folded: &str, p: u32, d: u32, code: u64) {
        let key = Short::new(folded);
        let slot = match key.and_then(|k| self.words.get(&k)) {
            Some(&slot) => slot,
            None => {
                let slot = match kind {
                    Kind::Word if is_stop(folded) => STOP,
                    Kind::Word => self.slot(stem(folded)),
                    _ => self.slot(folded),
                };
                if let Some(k) = key {
                    self.words.insert(k, slot);
                }
                slot
            }
        };
        if let Some(post) = self.slots.get_mut(slot as usize) {
            post.add(p, d, code);
        }
    }

    fn slot(&mut self, term: &str) -> u32 {
        let next = self.slots.len() as u32;
        let slot = match Short::new(term) {
            Some(k) => *self.short.entry(k).or_insert(next),
            None => match self.long.get(term) {
                Some(&slot) => slot,
                None => *self.long.entry(term.into()).or_insert(next),
            },
        };
        if slot == next {
            self.slots.push(Postings::default());
        }
        slot
    }

    fn into_terms(self) -> TermMap {
        let mut slots = self.slots;
        let mut take = |i: u32| std::mem::take(&mut slots[i as usize]);
        let short = self.short.into_iter().map(|(k, i)| (k, take(i))).collect();
        let long = self.long.into_iter().map(|(k, i)| (k, take(i))).collect();
        TermMap { short, long }
    }
}

/// Adds the terms of page `p` (pages come in increasing order): one posting per (term, document),
/// with the best class. Documents come in order and, within one, classes from best to worst (title,
/// fields, text), so the first occurrence of a term in a document has its best class.
fn add_page(acc: &mut Acc, p: u32, page: &SearchPage) {
    let mut buf = std::mem::take(&mut acc.buf);
    for (d, doc) in page.docs.iter().enumerate() {
        let d = d as u32;
        if let Some(n) = doc.para {
            let code = d as u64 * 4 + CLASS_TITLE as u64;
            acc.add(Kind::Number, &para_term(n), p, d, code);
        }
        for (text, class) in [
            (&doc.title, CLASS_TITLE),
            (&doc.fields, CLASS_FIELD),
            (&doc.text, CLASS_TEXT),
        ] {
            let code = d as u64 * 4 + class as u64;
            for_each_raw(text, &mut buf, |kind, folded, _, _| {
                acc.add(kind, folded, p, d, code)
            });
        }
    }
    acc.buf = buf;
}

/// Joins the term maps of two consecutive ranges of pages, `a` before `b`.
fn merge<K: Eq + std::hash::Hash>(
    mut a: HashMap<K, Postings, Fx>,
    mut b: HashMap<K, Postings, Fx>,
) -> HashMap<K, Postings, Fx> {
    if a.len() >= b.len() {
        for (t, later) in b {
            match a.get_mut(&t) {
                Some(post) => post.append(later),
                None => {
                    a.insert(t, later);
                }
            }
        }
        a
    } else {
        for (t, mut earlier) in a {
            match b.get_mut(&t) {
                Some(post) => {
                    std::mem::swap(post, &mut earlier);
                    post.append(earlier);
                }
                None => {
                    b.insert(t, earlier);
                }
            }
        }
        b
    }
}

/// UTF-16 order, the order of JavaScript string comparison.
pub fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let n = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    if n == x.len() || n == y.len() {
        return x.len().cmp(&y.len());
    }
    // The first character that differs decides; it starts at the same place in both.
    let mut s = n;
    while !a.is_char_boundary(s) {
        s -= 1;
    }
    let key = |c: Option<char>| {
        let c = c.unwrap_or_default();
        let mut units = [0u16; 2];
        (c.encode_utf16(&mut units)[0], c as u32)
    };
    key(a[s..].chars().next()).cmp(&key(b[s..].chars().next()))
}

/// A term's postings in a fragment: inline, or `[n, bytes]` for a long list in `b/{n}.json`.
enum Entry {
    Inline(Vec<u8>),
    /// First file, bytes of the whole list, first page of each part after the first.
    File(usize, usize, Vec<u32>),
}

impl Entry {
    fn inline_len(&self) -> usize {
        match self {
            Entry::Inline(s) => s.len(),
            Entry::File(_, _, firsts) => 16 + 8 * firsts.len(),
        }
    }
}

/// A postings string as JSON. Postings use only `ALPHABET`, which needs no escaping, so they are
/// copied as they are (escaping them byte by byte was a visible part of the build).
fn json_string(postings: &[u8]) -> Vec<u8> {
    debug_assert!(postings
        .iter()
        .all(|b| super::tokenize::ALPHABET.contains(b)));
    let mut out = Vec::with_capacity(postings.len() + 2);
    out.push(b'"');
    out.extend_from_slice(postings);
    out.push(b'"');
    out
}

/// One fragment, `{"term":"postings","long term":[n,bytes],...}`.
fn fragment_json(chunk: &[(String, Entry)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        chunk
            .iter()
            .map(|(t, p)| t.len() + p.inline_len() + 6)
            .sum(),
    );
    out.push(b'{');
    for (i, (term, p)) in chunk.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Terms are escaped as any JSON string; writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, term);
        out.push(b':');
        match p {
            Entry::Inline(s) => out.extend_from_slice(&json_string(s)),
            Entry::File(n, len, firsts) if firsts.is_empty() => {
                out.extend_from_slice(format!("[{n},{len}]").as_bytes())
            }
            Entry::File(n, len, firsts) => {
                let f: Vec<String> = firsts.iter().map(u32::to_string).collect();
                out.extend_from_slice(format!("[{n},{len},[{}]]", f.join(",")).as_bytes())
            }
        }
    }
    out.push(b'}');
    out
}

#[derive(Serialize)]
struct Meta {
    v: u32,
    pages: usize,
    frags: Vec<String>,
    /// First word of each vocabulary file `v/{i}.json`, and first reversed word of each `r/{i}.json`.
    vf: Vec<String>,
    vr: Vec<String>,
}

/// Target size of a vocabulary file (bytes of JSON).
pub const VOCAB_BYTES: usize = 4_000;

/// Whether a term goes into the vocabulary that typo tolerance searches: words of three letters or
/// more (numbers, Chinese bigrams and paragraph terms have no typos to forgive).
pub fn in_vocabulary(term: &str) -> bool {
    term.chars().count() >= 3
        && term
            .chars()
            .all(|c| c.is_alphabetic() && !super::tokenize::is_cjk(c))
}

/// Words cut into files of about `VOCAB_BYTES`: (first word of each, file contents). `words` sorted.
fn vocabulary_files(words: &[String]) -> (Vec<String>, Vec<Vec<u8>>) {
    let mut firsts = Vec::new();
    let mut files = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut size = 0;
    for w in words {
        if size > 0 && size + w.len() + 3 > VOCAB_BYTES {
            files.push(serde_json::to_vec(&cur).unwrap_or_default());
            cur.clear();
            size = 0;
        }
        if cur.is_empty() {
            firsts.push(if files.is_empty() {
                String::new()
            } else {
                w.clone()
            });
        }
        cur.push(w);
        size += w.len() + 3;
    }
    if !cur.is_empty() {
        files.push(serde_json::to_vec(&cur).unwrap_or_default());
    }
    (firsts, files)
}

/// Documents per page file: a result shows one document, so a query reads only the file holding
/// it rather than the whole page (a page of the generated 10,000-resolution portal is 8 KB; its
/// report page, every paragraph, megabytes).
pub const DOCS_PER_FILE: usize = 2;

/// The page files of a page: (`p/{i}-{k}.json`, bytes) for each group `k` of `DOCS_PER_FILE`
/// documents.
pub fn page_files(i: usize, p: &SearchPage) -> impl Iterator<Item = (String, Vec<u8>)> + '_ {
    p.docs
        .chunks(DOCS_PER_FILE)
        .enumerate()
        .map(move |(k, docs)| (format!("p/{i}-{k}.json"), page_json(p, docs)))
}

/// A page file, `{"u":url,"n":number,"t":title,"d":[[href,text,fields],...]}` with the documents
/// `docs` of page `p`, as serde_json would write it. Written by hand because these files are most
/// of the index's bytes and serde_json escapes strings a byte at a time.
fn page_json(p: &SearchPage, docs: &[SearchDoc]) -> Vec<u8> {
    let text: usize = docs
        .iter()
        .map(|d| d.href.len() + d.text.len() + d.fields.len() + 12)
        .sum();
    let mut out = Vec::with_capacity(text + p.url.len() + p.number.len() + p.title.len() + 32);
    for (key, value) in [
        ("{\"u\":", &p.url),
        (",\"n\":", &p.number),
        (",\"t\":", &p.title),
    ] {
        out.extend_from_slice(key.as_bytes());
        json_str(&mut out, value);
    }
    out.extend_from_slice(b",\"d\":[");
    for (i, d) in docs.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"[" } else { b",[" });
        json_str(&mut out, &d.href);
        out.push(b',');
        json_str(&mut out, &d.text);
        out.push(b',');
        json_str(&mut out, &d.fields);
        out.push(b']');
    }
    out.extend_from_slice(b"]}");
    out
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes it. Eight bytes at a time
/// are checked for a quote, a backslash or a control character; most text has none.
pub fn json_str(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let special = |w: u64| {
        w.wrapping_sub(0x20 * ONES) & !w & HIGH != 0 // a byte below 0x20
            || has_zero(w ^ (b'"' as u64 * ONES))
            || has_zero(w ^ (b'\\' as u64 * ONES))
    };
    let b = s.as_bytes();
    out.push(b'"');
    let mut start = 0;
    let mut i = 0;
    loop {
        // Whole words without a special byte are skipped.
        while let Some(chunk) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if special(w) {
                break;
            }
            i += 8;
        }
        // The next byte at most eight bytes on is special, or the string ends.
        let end = (i + 8).min(b.len());
        while i < end {
            let c = b[i];
            let esc: &[u8] = match c {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0C => b"\\f",
                0x00..=0x1F => &[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(c >> 4) as usize],
                    HEX[(c & 15) as usize],
                ],
                _ => {
                    i += 1;
                    continue;
                }
            };
            out.extend_from_slice(&b[start..i]);
            out.extend_from_slice(esc);
            i += 1;
            start = i;
        }
        if i >= b.len() {
            break;
        }
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

/// Receives each index file as soon as it is made: (path under `search/{lang}/`, bytes).
pub type Put<'a> =
    &'a (dyn Fn(String, Vec<u8>) -> Result<(), crate::diagnostics::Diagnostic> + Sync);

/// Writes the index files of one language through `put`. The page files, most of the bytes, go out
/// while they are serialised, so they are never all in memory at once.
pub fn build(pages: &[SearchPage], put: Put) -> Result<(), crate::diagnostics::Diagnostic> {
    build_from(pages.len(), &|i| std::borrow::Cow::Borrowed(&pages[i]), put)
}

/// `build` for pages made on demand by `page(i)`, `i < n`: each page is written and indexed, then
/// dropped.
pub fn build_from<'p>(
    n: usize,
    page: &(dyn Fn(usize) -> std::borrow::Cow<'p, SearchPage> + Sync),
    put: Put,
) -> Result<(), crate::diagnostics::Diagnostic> {
    // Consecutive ranges of pages are indexed in parallel, then joined in page order.
    let postings = (0..n)
        .into_par_iter()
        .with_min_len(16)
        .try_fold(Acc::default, |mut acc, i| {
            let p = page(i);
            for (path, bytes) in page_files(i, &p) {
                put(path, bytes)?;
            }
            add_page(&mut acc, i as u32, &p);
            Ok(acc)
        })
        .map(|acc| acc.map(Acc::into_terms))
        .try_reduce(TermMap::default, |a, b| Ok(a.merge(b)))?;
    let mut terms = postings.into_terms();
    terms.par_sort_unstable_by(|a, b| utf16_cmp(&a.0, &b.0));

    // The vocabulary for typo tolerance, in word order and in reversed-word order (a typo near
    // the start of a word leaves its end intact).
    let words: Vec<String> = terms
        .iter()
        .map(|t| &t.0)
        .filter(|t| in_vocabulary(t))
        .cloned()
        .collect();
    let mut reversed: Vec<String> = words.iter().map(|w| w.chars().rev().collect()).collect();
    reversed.sort_unstable_by(|a, b| utf16_cmp(a, b));
    let (vf, vfiles) = vocabulary_files(&words);
    let (vr, rfiles) = vocabulary_files(&reversed);

    // Long posting lists go to files of their own (`b/{n}.json`), cut into parts of PART_BYTES by
    // page range (`b/{n}.json`, `b/{n+1}.json`, …); the fragment keeps `[n, bytes]`, or
    // `[n, bytes, [first page of part 1, …]]`, so that the client knows their size and pages before
    // it decides what to fetch.
    let mut files = Vec::new();
    let mut entries: Vec<(String, Entry)> = Vec::with_capacity(terms.len());
    for (t, s) in terms {
        let value = if s.len() > BIG_POSTINGS {
            let n = files.len();
            let parts = split_postings(&s, PART_BYTES);
            let firsts = parts.iter().skip(1).map(|p| p.0).collect();
            for (_, part) in parts {
                files.push((format!("b/{}.json", files.len()), json_string(&part)));
            }
            Entry::File(n, s.len(), firsts)
        } else {
            Entry::Inline(s)
        };
        entries.push((t, value));
    }

    // Cut into fragments of about FRAGMENT_BYTES.
    let mut cuts = vec![0usize];
    let mut size = 0;
    for (i, (t, v)) in entries.iter().enumerate() {
        let entry = t.len() + v.inline_len() + 6;
        if size > 0 && size + entry > FRAGMENT_BYTES {
            cuts.push(i);
            size = 0;
        }
        size += entry;
    }
    let total = entries.len();
    let mut entries = entries.into_iter();
    let mut frags = Vec::new();
    for (k, &start) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).copied().unwrap_or(total);
        if start == end {
            continue;
        }
        let mut chunk: Vec<(String, Entry)> = entries.by_ref().take(end - start).collect();
        frags.push(if k == 0 {
            String::new()
        } else {
            chunk[0].0.clone()
        });
        // Keys in byte order inside a fragment, as the files have always been written.
        chunk.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        files.push((format!("t/{}.json", frags.len() - 1), fragment_json(&chunk)));
    }
    if frags.is_empty() {
        frags.push(String::new());
        files.push(("t/0.json".into(), b"{}".to_vec()));
    }

    for (i, f) in vfiles.into_iter().enumerate() {
        files.push((format!("v/{i}.json"), f));
    }
    for (i, f) in rfiles.into_iter().enumerate() {
        files.push((format!("r/{i}.json"), f));
    }
    let meta = Meta {
        v: 2,
        pages: n,
        frags,
        vf,
        vr,
    };
    files.push((
        "meta.json".into(),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    files
        .into_iter()
        .try_for_each(|(path, bytes)| put(path, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_reference(a: &str, b: &str) -> std::cmp::Ordering {
        a.encode_utf16().cmp(b.encode_utf16())
    }

    #[test]
    fn utf16_order() {
        // UTF-8 puts U+FF5E before U+1F600; UTF-16 puts its surrogate D83D first.
        let words = [
            "", "a", "ab", "b", "é", "特", "特罗", "～", "😀", "😁", "a😀", "a～", "\u{e000}", "𠀀",
        ];
        for a in words {
            for b in words {
                assert_eq!(utf16_cmp(a, b), utf16_reference(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn long_lists_split_at_page_boundaries() {
        let mut s = Vec::new();
        let pairs: Vec<(u64, u64)> = (0..500).map(|i| (i / 3 * 7, i % 3 * 4 + 1)).collect();
        let mut last = 0;
        for (p, c) in &pairs {
            put_varint(&mut s, p - last);
            put_varint(&mut s, *c);
            last = *p;
        }
        let parts = split_postings(&s, 200);
        assert!(parts.len() > 3);
        let mut back = Vec::new();
        for (first, part) in &parts {
            assert!(part.len() <= 200 + 12);
            let v =
                crate::search::tokenize::get_varints(std::str::from_utf8(part).unwrap()).unwrap();
            assert_eq!(v[0], *first as u64);
            let mut page = 0;
            for pc in v.chunks(2) {
                page += pc[0];
                back.push((page, pc[1]));
            }
        }
        assert_eq!(back, pairs);
        // A page's postings are never split between parts.
        for w in parts.windows(2) {
            assert!(back.iter().filter(|(p, _)| *p == w[1].0 as u64).count() <= 3);
        }
        assert_eq!(split_postings(&s, 1_000_000).len(), 1);
    }

    #[test]
    fn short_terms_round_trip() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "罗姆",
            "abcdefgh",
            "abcdefghi",
            "特罗姆瑟举",
        ];
        let keys: Vec<Short> = words.iter().map(|w| Short::new(w).unwrap()).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(keys[i].into_string(), *w);
            for j in 0..i {
                assert!(keys[i] != keys[j], "{w:?}");
            }
        }
        assert!(Short::new("abcdefghijklmnop").is_none());
        assert_eq!(varint_len(0), 1);
        assert_eq!(varint_len(31), 1);
        assert_eq!(varint_len(32), 2);
        assert_eq!(varint_len(1023), 2);
        assert_eq!(varint_len(1024), 3);
    }

    proptest::proptest! {
        #[test]
        fn utf16_order_as_the_reference(
            a in "[a\u{e9}\u{7f57}\u{ff5e}\u{1f600}\u{20000}]{0,4}",
            b in "[a\u{e9}\u{7f57}\u{ff5e}\u{1f600}\u{20000}]{0,4}",
        ) {
            proptest::prop_assert_eq!(utf16_cmp(&a, &b), utf16_reference(&a, &b));
        }

        #[test]
        fn short_keys_round_trip(w in "\\PC{0,6}") {
            if let Some(k) = Short::new(&w) {
                proptest::prop_assert_eq!(k.into_string(), w);
            }
        }

        #[test]
        fn strings_escape_as_serde_json_does(s in "(\\PC|[\"\\\\\u{0}-\u{1f}\u{7f}])*") {
            let mut out = Vec::new();
            json_str(&mut out, &s);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn page_files_are_what_serde_json_writes() {
        #[derive(Serialize)]
        struct PageFile<'a> {
            u: &'a str,
            n: &'a str,
            t: &'a str,
            d: Vec<(&'a str, &'a str, &'a str)>,
        }
        let doc = |href: &str, text: &str| SearchDoc {
            href: href.into(),
            text: text.into(),
            fields: "Nairobi · \"UN\\Habitat\"\t".into(),
            title: String::new(),
            para: None,
        };
        let p = SearchPage {
            url: "en/resolutions/2-7/".into(),
            number: "2/7".into(),
            title: "Adequate housing for all 人人享有适当住房".into(),
            docs: vec![
                doc("", "background\u{1}text"),
                doc("#para-38", "第 38 段 text"),
            ],
        };
        let reference = PageFile {
            u: &p.url,
            n: &p.number,
            t: &p.title,
            d: p.docs
                .iter()
                .map(|d| (d.href.as_str(), d.text.as_str(), d.fields.as_str()))
                .collect(),
        };
        assert_eq!(
            page_json(&p, &p.docs),
            serde_json::to_vec(&reference).unwrap()
        );
        let files: Vec<String> = page_files(7, &p).map(|f| f.0).collect();
        assert_eq!(files, ["p/7-0.json"]);
    }
}
