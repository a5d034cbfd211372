//! Render: the validated `Site` and the theme become output files in memory. Markdown is rendered once
//! per language, then every page is rendered in parallel (rayon) from shared, read-only templates and
//! strings. Nothing here touches the output folder; output order is sorted, so builds are byte-identical.

mod browse;
mod data;
mod env;
mod feeds;
mod history;
mod vars;
mod views;

pub use env::{escape_html, Base};

use crate::diagnostics::Diagnostic;
use crate::i18n::I18n;
use crate::markdown::{self, LinkContext, LinkProblem};
use crate::model::*;
use crate::theme::Theme;
use env::Env;
use minijinja::{context, Value};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use views::*;

/// One file of the built site: its path relative to the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Paragraph HTML for one Markdown file in one language.
#[derive(Default, Clone)]
struct HtmlDoc {
    preamble: String,
    paragraphs: Vec<ParaView>,
}

struct Ctx<'a> {
    site: &'a Site,
    env: Env,
    base: Base,
    /// Paragraph file (by `key`) → rendered paragraphs.
    html: FxHashMap<usize, HtmlDoc>,
    site_value: Value,
    /// Per language, the `translations` variable of every page.
    translations: BTreeMap<String, Value>,
    /// What changed in each report after the first, against the one before (oldest first).
    changes: &'a [crate::model::history::ReportChanges<'a>],
}

/// Every page kind, for one language unless noted.
enum Job<'a> {
    Entry,
    NotFound,
    Home(&'a Language),
    /// The list of resolutions, whole or filtered (`browse`).
    List(&'a Language, browse::Filter),
    Topics(&'a Language),
    Topic(&'a Language, &'a Topic),
    Reports(&'a Language),
    /// The "what changed" page of `changes[i]`.
    Changes(&'a Language, usize),
    Resolution(&'a Language, &'a Resolution),
    Report(&'a Language, &'a Report),
    /// The funding page, by session or (true) ordered by need.
    Funding(&'a Language, bool),
    Window(&'a Language, &'a Mechanism),
    Search(&'a Language),
    About(&'a Language),
}

/// Where rendered files go: memory (for `check` and tests) or the staging folder (for `build`).
/// Called from many threads at once.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic>;

    /// Lets `render` write the file's bytes, so that a large page never has to be held whole.
    fn write_with(&self, path: String, render: Render) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        render(&mut bytes)?;
        self.put(path, bytes)
    }
}

/// Writes one file's bytes into the writer it is given.
pub type Render<'r> = &'r mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Diagnostic>;

/// Keeps every file in memory; `into_files` returns them sorted by path.
#[derive(Default)]
pub struct MemorySink(std::sync::Mutex<Vec<OutFile>>);

impl Sink for MemorySink {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(OutFile { path, bytes });
        Ok(())
    }
}

impl MemorySink {
    pub fn into_files(self) -> Vec<OutFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// Discards every file: for reporting problems without writing.
pub struct NullSink;

impl Sink for NullSink {
    fn put(&self, _: String, _: Vec<u8>) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// A stable key for a paragraph file during one render: its address (the site does not move).
fn key(doc: &Doc) -> usize {
    doc as *const Doc as usize
}

/// Renders every file of the site into `sink`; returns the problems found.
/// Takes the site by value: once its Markdown is rendered, the sources are dropped to save memory.
pub fn render(mut site: Site, theme: &Theme, sink: &dyn Sink) -> Vec<Diagnostic> {
    let base = &Base::new(&site.config.base_url);
    let mut diags = Vec::new();
    if site.config.languages.is_empty() {
        return diags; // already reported by validation; there is no page to render
    }
    let i18n = match I18n::load(&site.config, theme) {
        Ok(i) => Arc::new(i),
        Err(e) => return e,
    };
    let env = match Env::new(theme, i18n, &site.config, base) {
        Ok(e) => e,
        Err(e) => return e,
    };

    let html = {
        let known = known_paths(&site);
        let exists = |p: &str| known.contains(p);
        let options = markdown::options();
        let languages: Vec<String> = site
            .config
            .languages
            .iter()
            .map(|l| l.code.clone())
            .collect();
        // The footnote marks each report declares, by paragraph: only these become links.
        let marks: Vec<FxHashMap<u32, Vec<String>>> = site
            .reports
            .iter()
            .map(|r| {
                let mut m: FxHashMap<u32, Vec<String>> = FxHashMap::default();
                for f in &r.footnotes {
                    m.entry(f.para).or_default().push(f.mark.clone());
                }
                m
            })
            .collect();
        let docs = site.docs_mut(&languages);
        // Each file's Markdown is dropped as soon as it is rendered: sources and HTML of every file
        // together would be the build's peak of memory.
        // (file, its HTML, its link problems by line)
        type Rendered<'d> = (&'d Doc, HtmlDoc, Vec<(usize, LinkProblem)>);
        let rendered: Vec<Rendered> = docs
            .into_par_iter()
            .map(|(key, lang, doc)| {
                let marks = (key.1 == 0).then(|| &marks[key.2]);
                let ctx = LinkContext {
                    base_path: &base.path,
                    lang,
                    exists: &exists,
                };
                let mut problems = Vec::new();
                let (preamble, p) = markdown::render(&doc.preamble, &options, &ctx);
                problems.extend(p.into_iter().map(|p| (1, p)));
                let paragraphs = doc
                    .paragraphs
                    .iter()
                    .map(|para| {
                        let declared = marks
                            .and_then(|m| m.get(&para.number))
                            .map_or(&[][..], Vec::as_slice);
                        let (html, p) =
                            markdown::render_footnoted(&para.markdown, &options, &ctx, declared);
                        problems.extend(p.into_iter().map(|p| (para.line, p)));
                        ParaView {
                            number: para.number,
                            html: html.into(),
                            id: None,
                        }
                    })
                    .collect();
                doc.preamble = String::new();
                for p in &mut doc.paragraphs {
                    p.markdown = String::new();
                }
                let doc: &Doc = doc;
                (
                    doc,
                    HtmlDoc {
                        preamble,
                        paragraphs,
                    },
                    problems,
                )
            })
            .collect();
        let mut html = FxHashMap::with_capacity_and_hasher(rendered.len(), Default::default());
        let mut reported = HashSet::new();
        for (doc, h, problems) in rendered {
            for (line, p) in problems {
                if !reported.insert((doc.file.clone(), line, format!("{p:?}"))) {
                    continue;
                }
                let (msg, hint) = p.describe();
                let d = match p {
                    LinkProblem::Broken(_) => Diagnostic::error(&doc.file, msg),
                    _ => Diagnostic::warning(&doc.file, msg),
                };
                diags.push(d.at(Some(line), None).hint(hint));
            }
            html.insert(key(doc), h);
        }
        html
    };
    crate::timings::mark("markdown");
    let owned_site = site;
    let site = &owned_site;
    let site_value = Value::from_serialize(context_site(site, base));
    let translations = site
        .config
        .languages
        .iter()
        .map(|l| {
            (
                l.code.clone(),
                Value::from(Ctx::translations(site, &l.code)),
            )
        })
        .collect();
    let changes = crate::model::history::all_changes(site);
    let ctx = Ctx {
        site,
        env,
        base: base.clone(),
        html,
        site_value,
        translations,
        changes: &changes,
    };

    // The biggest pages first, so that no thread is left with one of them at the end.
    let mut jobs = Vec::new();
    let filters = browse::filters(&browse::facets(site, &summaries(site)));
    for lang in &site.config.languages {
        jobs.extend(site.reports.iter().map(|r| Job::Report(lang, r)));
        jobs.extend([
            Job::Funding(lang, false),
            Job::Funding(lang, true),
            Job::Home(lang),
            Job::List(lang, browse::Filter::All),
            Job::Topics(lang),
            Job::Search(lang),
            Job::About(lang),
        ]);
        jobs.extend(filters.iter().map(|f| Job::List(lang, *f)));
        jobs.extend(site.topics.iter().map(|t| Job::Topic(lang, t)));
        jobs.push(Job::Reports(lang));
        jobs.extend((0..changes.len()).map(|i| Job::Changes(lang, i)));
        jobs.extend(site.mechanisms.iter().map(|m| Job::Window(lang, m)));
    }
    jobs.extend([Job::Entry, Job::NotFound]);
    for lang in &site.config.languages {
        jobs.extend(site.resolutions.iter().map(|r| Job::Resolution(lang, r)));
    }
    let put = |f: OutFile| sink.put(f.path, f.bytes);
    // Pages, search index, open data and feeds are independent: build them side by side.
    let (page_errors, (search, data)) = rayon::join(
        || {
            let errors = jobs
                .par_iter()
                .with_max_len(16)
                .filter_map(|j| ctx.page(j, theme, sink).err())
                .collect::<Vec<Diagnostic>>();
            crate::timings::mark("pages");
            errors
        },
        || {
            rayon::join(
                || {
                    let plain = |doc: &Doc, i: Option<usize>| -> String {
                        let h = ctx.html.get(&key(doc));
                        match (h, i) {
                            (Some(h), None) => markdown::html_to_text(&h.preamble),
                            (Some(h), Some(i)) => h
                                .paragraphs
                                .get(i)
                                .map(|p| markdown::html_to_text(&p.html))
                                .unwrap_or_default(),
                            (None, _) => String::new(),
                        }
                    };
                    let done = crate::search::files(site, &ctx.base, &plain, &put);
                    crate::timings::mark("search");
                    done
                },
                || {
                    let mut d = Vec::new();
                    // Open data over time is handed over file by file (a snapshot per report and a
                    // history per resolution would be hundreds of megabytes held at once).
                    if let Err(e) = data::history_files(site, ctx.changes, &ctx.base, sink) {
                        d.push(e);
                    }
                    if let Err(e) = data::files(site, &ctx.base, sink) {
                        d.push(e);
                    }
                    let mut files =
                        feeds::files(site, ctx.changes, &ctx.base, &ctx.env, theme, &mut d);
                    files.extend(theme.statics.iter().map(|(p, b)| OutFile {
                        path: format!("static/{p}"),
                        bytes: b.clone(),
                    }));
                    if let Err(e) = files.into_iter().try_for_each(put) {
                        d.push(e);
                    }
                    crate::timings::mark("data");
                    d
                },
            )
        },
    );
    diags.extend(page_errors);
    diags.extend(search.err());
    diags.extend(data);
    // Freeing every record and paragraph takes a noticeable moment on one thread once all the work
    // is done; nothing waits for it, so another thread does it.
    let Ctx { html, .. } = ctx;
    drop(jobs);
    drop(changes);
    std::thread::spawn(move || drop((html, owned_site)));
    diags
}

/// Every resolution's line in a list, in number order.
fn summaries(site: &Site) -> Vec<ResSummary<'_>> {
    site.resolutions
        .iter()
        .map(|r| ResSummary::of(site, r))
        .collect()
}

/// Language-less paths of the browsing pages: filtered lists, topics, funding by need.
pub(crate) fn browse_paths(site: &Site) -> Vec<String> {
    let mut out: Vec<String> = browse::filters(&browse::facets(site, &summaries(site)))
        .into_iter()
        .map(|f| f.path())
        .collect();
    out.push("/topics/".into());
    out.extend(site.topics.iter().map(|t| format!("/topics/{}/", t.id)));
    out.push("/funding/need/".into());
    out
}

/// Language-less paths of every page, for checking internal links in Markdown.
fn known_paths(site: &Site) -> HashSet<String> {
    let mut k: HashSet<String> = ["/", "/resolutions/", "/reports/", "/funding/", "/search/"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    k.extend(browse_paths(site));
    k.extend(
        site.resolutions
            .iter()
            .map(|r| format!("/resolutions/{}/", r.id.slug())),
    );
    k.extend(site.reports.iter().map(|r| format!("/reports/{}/", r.slug)));
    k.extend(
        site.reports
            .iter()
            .skip(1)
            .map(|r| format!("/reports/{}/changes/", r.slug)),
    );
    k.extend(
        site.mechanisms
            .iter()
            .map(|m| format!("/funding/{}/", m.slug)),
    );
    k
}

#[derive(serde::Serialize)]
struct SiteContext<'a> {
    title: &'a Text,
    tagline: Option<&'a Text>,
    languages: &'a [Language],
    default_language: &'a str,
    /// Whether a host is configured: canonical links and feeds need one.
    absolute: bool,
    reports: Vec<ReportRef<'a>>,
    mechanisms: Vec<MechRef<'a>>,
}

#[derive(serde::Serialize)]
struct MechRef<'a> {
    slug: &'a str,
    name: &'a Text,
}

fn context_site<'a>(site: &'a Site, base: &Base) -> SiteContext<'a> {
    SiteContext {
        absolute: base.absolute,
        title: &site.config.title,
        tagline: site.config.tagline.as_ref(),
        languages: &site.config.languages,
        default_language: &site.config.default_language,
        reports: site.reports.iter().rev().map(ReportRef::of).collect(),
        mechanisms: site
            .mechanisms
            .iter()
            .map(|m| MechRef {
                slug: &m.slug,
                name: &m.name,
            })
            .collect(),
    }
}

impl<'a> Ctx<'a> {
    fn paragraphs(&self, lang: &str, texts: &BTreeMap<String, Doc>) -> (Vec<ParaView>, bool) {
        let fallback = &self.site.config.default_language;
        for (l, translated) in [(lang, true), (fallback.as_str(), false)] {
            if let Some(doc) = texts.get(l) {
                if let Some(h) = self.html.get(&key(doc)) {
                    return (h.paragraphs.clone(), translated);
                }
            }
        }
        (vec![], false)
    }

    fn update_view(&self, lang: &str, rep: &'a Report, u: &'a Update) -> UpdateView<'a> {
        let (paras, translated) = self.paragraphs(lang, &u.text);
        UpdateView::of(rep, u, paras, translated)
    }

    /// Report symbols whose text in `lang` is an unofficial translation, for the notice on every page.
    fn translations(site: &Site, lang: &str) -> Vec<Value> {
        site.reports
            .iter()
            .filter_map(|r| {
                let l = r
                    .languages
                    .iter()
                    .find(|l| l.lang == lang && l.kind == TranslationKind::Unofficial)?;
                Some(context! { symbol => r.symbol, slug => r.slug, source => l.source })
            })
            .collect()
    }

    /// The page's variables: those every page has, then `own`.
    fn vars(&self, lang: &Language, path: &str, own: Vec<(&'static str, Value)>) -> Value {
        // Functions first: `t`, `txt` and `url` are the names templates look up most.
        let mut v: Vec<(&'static str, Value)> = self.env.page_functions(&lang.code).collect();
        v.extend([
            ("lang", Value::from(lang.code.as_str())),
            ("html_lang", Value::from(lang.html_lang.as_str())),
            ("page_path", Value::from(path)),
            ("site", self.site_value.clone()),
            (
                "translations",
                self.translations
                    .get(&lang.code)
                    .cloned()
                    .unwrap_or_default(),
            ),
        ]);
        v.extend(own);
        Value::from_object(vars::Vars(v))
    }

    fn page(&self, job: &Job<'a>, theme: &Theme, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let site = self.site;
        let default = site
            .config
            .languages
            .iter()
            .find(|l| l.code == site.config.default_language)
            .unwrap_or(&site.config.languages[0]);
        let page_lang = match job {
            Job::Entry | Job::NotFound => default,
            Job::Home(l)
            | Job::List(l, _)
            | Job::Topics(l)
            | Job::Topic(l, _)
            | Job::Reports(l)
            | Job::Changes(l, _)
            | Job::Resolution(l, _)
            | Job::Report(l, _)
            | Job::Funding(l, _)
            | Job::Window(l, _)
            | Job::Search(l)
            | Job::About(l) => l,
        };
        // Records become template values with their text already in the page's language.
        let (path, template, ctx) = in_language(
            &page_lang.code,
            &site.config.default_language,
            || match job {
                Job::Entry => (
                    "index.html".to_string(),
                    "entry.html",
                    self.vars(default, "/", vec![]),
                ),
                Job::NotFound => (
                    "404.html".to_string(),
                    "404.html",
                    self.vars(default, "/", vec![]),
                ),
                Job::Home(lang) => {
                    let summaries: Vec<ResSummary> = self.summaries();
                    let mut sessions: BTreeMap<u16, (u16, Vec<&ResSummary>)> = BTreeMap::new();
                    for s in &summaries {
                        sessions
                            .entry(s.session)
                            .or_insert((s.year, vec![]))
                            .1
                            .push(s);
                    }
                    let sessions: Vec<Value> = sessions.into_iter().map(|(n, (year, list))| context! { number => n, year => year, resolutions => list }).collect();
                    // How many resolutions have each key of one field (status or funding).
                    let count =
                        |key: &'static str, field: &dyn Fn(&ResSummary<'a>) -> Option<&'a str>| {
                            Count2 {
                                key,
                                count: summaries.iter().filter(|r| field(r) == Some(key)).count(),
                            }
                        };
                    let status_counts: Vec<Count2> = Status::ALL
                        .iter()
                        .map(|s| count(s.key(), &|r| r.status))
                        .filter(|c| c.count > 0)
                        .collect();
                    let funding_counts: Vec<Count2> = FundingStatus::ALL
                        .iter()
                        .map(|s| count(s.key(), &|r| r.funding))
                        .collect();
                    let ctx = self.vars(
                        lang,
                        "/",
                        vec![
                            ("sessions", Value::from(sessions)),
                            ("status_counts", Value::from_serialize(&status_counts)),
                            ("funding_counts", Value::from_serialize(&funding_counts)),
                            ("total", Value::from(summaries.len())),
                            ("latest_changes", self.glance()),
                        ],
                    );
                    (format!("{}/index.html", lang.code), "home.html", ctx)
                }
                Job::List(lang, filter) => {
                    let all = self.summaries();
                    let facets = browse::facets(site, &all);
                    let total = all.len();
                    let list = browse::apply(*filter, all);
                    let path = filter.path();
                    let (facet, value) = filter.facet().unzip();
                    let ctx = self.vars(
                        lang,
                        &path,
                        vec![
                            ("resolutions", Value::from_serialize(&list)),
                            ("facets", Value::from_serialize(&facets)),
                            ("facet", Value::from(facet)),
                            ("value", Value::from(value)),
                            (
                                "sort",
                                Value::from(if *filter == browse::Filter::Latest {
                                    "latest"
                                } else {
                                    "number"
                                }),
                            ),
                            ("total", Value::from(total)),
                        ],
                    );
                    (
                        format!("{}{}index.html", lang.code, path),
                        "resolutions.html",
                        ctx,
                    )
                }
                Job::Topics(lang) => {
                    let all = summaries(site);
                    let facets = browse::facets(site, &all);
                    let ctx = self.vars(
                        lang,
                        "/topics/",
                        vec![("topics", Value::from_serialize(&facets.topic))],
                    );
                    (
                        format!("{}/topics/index.html", lang.code),
                        "topics.html",
                        ctx,
                    )
                }
                Job::Topic(lang, topic) => {
                    let list: Vec<ResSummary> = summaries(site)
                        .into_iter()
                        .filter(|r| r.topics.contains(&topic.id))
                        .collect();
                    let path = format!("/topics/{}/", topic.id);
                    let ctx = self.vars(
                        lang,
                        &path,
                        vec![
                            ("topic", Value::from_serialize(topic)),
                            ("resolutions", Value::from_serialize(&list)),
                        ],
                    );
                    (
                        format!("{}/topics/{}/index.html", lang.code, topic.id),
                        "topic.html",
                        ctx,
                    )
                }
                Job::Reports(lang) => {
                    let ctx = self.vars(
                        lang,
                        "/reports/",
                        vec![("reports", Value::from_serialize(self.reports_index()))],
                    );
                    (
                        format!("{}/reports/index.html", lang.code),
                        "reports.html",
                        ctx,
                    )
                }
                Job::Changes(lang, i) => {
                    let slug = self
                        .changes
                        .get(*i)
                        .map(|c| c.report.slug.as_str())
                        .unwrap_or("");
                    let path = format!("/reports/{slug}/changes/");
                    let ctx = self.vars(lang, &path, self.changes_page(*i));
                    (
                        format!("{}/reports/{slug}/changes/index.html", lang.code),
                        "changes.html",
                        ctx,
                    )
                }
                Job::Resolution(lang, r) => {
                    let (timeline, mut updates) = self.timeline(&lang.code, r);
                    // The latest report is shown whole; older ones follow, collapsed, newest first.
                    let latest_update = updates.pop();
                    updates.reverse();
                    let older = updates;
                    let since = self.latest_changes(r.id);
                    let narrative = r
                        .narrative
                        .get(&lang.code)
                        .and_then(|d| self.html.get(&key(d)))
                        .map(|h| {
                            let mut s = h.preamble.clone();
                            for p in &h.paragraphs {
                                s.push_str(&p.html);
                            }
                            s
                        });
                    // Each topic with its id, so that the page links to the topic's list.
                    let topics: Vec<&Topic> = r
                        .topics
                        .iter()
                        .filter_map(|t| site.topics.iter().find(|x| &x.id == t))
                        .collect();
                    let footnotes: Vec<&Footnote> = latest_update
                        .as_ref()
                        .map(|u| {
                            site.reports
                                .iter()
                                .filter(|rep| rep.slug == u.report.slug)
                                .flat_map(|rep| {
                                    rep.footnotes.iter().filter(|f| u.numbers.contains(&f.para))
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    let path = format!("/resolutions/{}/", r.id.slug());
                    // The latest report's texts in every language, for the "cite this" block.
                    let cite_report = site.updates_of(r.id).last().map(|(rep, _)| {
                        context! {
                            title => Value::from_serialize(AllLanguages(&rep.title)),
                            author => rep.author.as_ref().map(|a| Value::from_serialize(AllLanguages(a))),
                            languages => Value::from_serialize(&rep.languages),
                        }
                    });
                    let latest = Value::from_serialize(&latest_update);
                    let ctx = self.vars(
                        lang,
                        &path,
                        vec![
                            ("res", Value::from_serialize(ResSummary::of(site, r))),
                            // The title in every language, for the "cite this" block.
                            ("titles", Value::from_serialize(AllLanguages(&r.title))),
                            ("cite_report", Value::from(cite_report)),
                            ("topics", Value::from_serialize(&topics)),
                            ("narrative", Value::from(narrative)),
                            ("latest", latest),
                            ("older", Value::from_serialize(&older)),
                            ("timeline", Value::from_serialize(&timeline)),
                            ("since", Value::from_serialize(&since)),
                            ("footnotes", Value::from_serialize(&footnotes)),
                        ],
                    );
                    (
                        format!("{}/resolutions/{}/index.html", lang.code, r.id.slug()),
                        "resolution.html",
                        ctx,
                    )
                }
                Job::Report(lang, rep) => {
                    let (intro, _) = self.paragraphs(&lang.code, &rep.text);
                    let sections: Vec<Value> = rep
                    .sections
                    .iter()
                    .map(|s| {
                        let paragraphs: Vec<&ParaView> = intro.iter().filter(|p| s.paragraphs.contains(&p.number)).collect();
                        let updates: Vec<Value> = rep
                            .updates
                            .iter()
                            .filter(|u| Some(u.resolution.session) == s.session)
                            .filter_map(|u| {
                                let r = site.resolution(u.resolution)?;
                                Some(context! { res => ResSummary::of(site, r), update => {
                                    let (paragraphs, translated) = self.paragraphs(&lang.code, &u.text);
                                    ReportEntry { label: u.label.as_deref(), paragraphs, translated }
                                } })
                            })
                            .collect();
                        context! { heading => s.heading, paragraphs, updates }
                    })
                    .collect();
                    let path = format!("/reports/{}/", rep.slug);
                    let ctx = self.vars(
                        lang,
                        &path,
                        vec![
                            ("report", Value::from_serialize(rep)),
                            ("sections", Value::from(sections)),
                        ],
                    );
                    (
                        format!("{}/reports/{}/index.html", lang.code, rep.slug),
                        "report.html",
                        ctx,
                    )
                }
                Job::About(lang) => {
                    let text = site
                        .about
                        .get(&lang.code)
                        .and_then(|d| self.html.get(&key(d)))
                        .map(|h| h.preamble.clone());
                    // Each vocabulary in its order of precedence, with the wording that entails
                    // each label in every language that has cues.
                    let vocab = |keys: Vec<&'static str>,
                                 cues: &BTreeMap<String, BTreeMap<String, Vec<String>>>|
                     -> Vec<Value> {
                        keys.into_iter()
                            .map(|k| {
                                let c = cues.get(k).cloned().unwrap_or_default();
                                context! { key => k, cues => c }
                            })
                            .collect()
                    };
                    let status = vocab(Status::keys(), &site.vocabulary.status);
                    let funding = vocab(FundingStatus::keys(), &site.vocabulary.funding);
                    let ctx = self.vars(
                        lang,
                        "/about/",
                        vec![
                            ("text", Value::from(text)),
                            ("status_labels", Value::from(status)),
                            ("funding_labels", Value::from(funding)),
                        ],
                    );
                    (format!("{}/about/index.html", lang.code), "about.html", ctx)
                }
                Job::Funding(lang, by_need) => {
                    // Rows grouped by session here, so the template never scans all rows per session.
                    let mut sessions: BTreeMap<u16, Vec<Value>> = BTreeMap::new();
                    let mut counts: BTreeMap<FundingStatus, usize> = BTreeMap::new();
                    for r in &site.resolutions {
                        if let Some((rep, u)) = site.updates_of(r.id).last() {
                            *counts.entry(u.funding.status).or_default() += 1;
                            sessions.entry(r.id.session).or_default().push(
                            context! { res => ResSummary::of(site, r), update => FundingRow::of(site, rep, u) },
                        );
                        }
                    }
                    let counts: Vec<Count2> = FundingStatus::ALL
                        .iter()
                        .map(|s| Count2 {
                            key: s.key(),
                            count: counts.get(s).copied().unwrap_or(0),
                        })
                        .collect();
                    let sessions: Vec<Value> = if *by_need {
                        // One table, most lacking first (requests unmet, then consequences), then
                        // by number: a delegate looks for the gaps before anything else.
                        let mut rows: Vec<_> = site
                            .resolutions
                            .iter()
                            .filter_map(|r| {
                                site.updates_of(r.id).last().map(|(rep, u)| (r, rep, u))
                            })
                            .collect();
                        rows.sort_by_key(|row| std::cmp::Reverse(browse::need(row.2)));
                        let rows: Vec<Value> = rows
                            .into_iter()
                            .map(|(r, rep, u)| context! { res => ResSummary::of(site, r), update => FundingRow::of(site, rep, u) })
                            .collect();
                        vec![context! { rows }]
                    } else {
                        sessions
                            .into_iter()
                            .map(|(number, rows)| context! { number, rows })
                            .collect()
                    };
                    let path = if *by_need {
                        "/funding/need/"
                    } else {
                        "/funding/"
                    };
                    let totals = self.figure_totals();
                    let ctx = self.vars(
                        lang,
                        path,
                        vec![
                            ("counts", Value::from_serialize(&counts)),
                            ("sessions", Value::from(sessions)),
                            ("by_need", Value::from(*by_need)),
                            ("totals", Value::from_serialize(&totals)),
                        ],
                    );
                    (
                        format!("{}{path}index.html", lang.code),
                        "funding.html",
                        ctx,
                    )
                }
                Job::Window(lang, m) => {
                    let rep = site.reports.iter().find(|r| r.slug == m.report);
                    let update = rep.and_then(|rep| {
                        rep.updates
                            .iter()
                            .find(|u| u.resolution == m.resolution)
                            .map(|u| self.update_view(&lang.code, rep, u))
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
                    let res = site
                        .resolution(m.resolution)
                        .map(|r| ResSummary::of(site, r));
                    let path = format!("/funding/{}/", m.slug);
                    let ctx = self.vars(
                        lang,
                        &path,
                        vec![
                            ("mechanism", Value::from_serialize(m)),
                            ("update", Value::from_serialize(&update)),
                            ("paragraphs", Value::from_serialize(&paragraphs)),
                            ("footnotes", Value::from_serialize(&footnotes)),
                            ("res", Value::from_serialize(&res)),
                        ],
                    );
                    (
                        format!("{}/funding/{}/index.html", lang.code, m.slug),
                        "window.html",
                        ctx,
                    )
                }
                Job::Search(lang) => (
                    format!("{}/search/index.html", lang.code),
                    "search.html",
                    self.vars(lang, "/search/", vec![]),
                ),
            },
        );
        // Rendered straight into the sink's writer: a report page can be tens of megabytes.
        sink.write_with(path, &mut |w| {
            let t = self
                .env
                .jinja
                .get_template(template)
                .map_err(|e| env::template_error(theme, &e))?;
            t.render_captured_to(ctx.clone(), w)
                .map(|_| ())
                .map_err(|e| env::template_error(theme, &e))
        })
    }
}
