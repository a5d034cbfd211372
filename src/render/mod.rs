//! Render: the validated `Site` and the theme become output files. The Markdown pass
//! (`markdown::documents`) runs once; then every page (one builder per kind, `pages/`), the search
//! index, the open data and the feeds are made in parallel (rayon) from shared, read-only templates
//! and strings, and each file goes to the `Sink` as soon as it is made. Addresses come from `routes`.
//! Nothing here touches the output folder; every list is sorted, so builds are byte-identical.

mod browse;
mod csv;
mod data;
mod env;
mod feeds;
mod history;
mod pages;
mod vars;
mod views;

pub use env::escape_html;

use crate::diagnostics::Diagnostic;
use crate::i18n::I18n;
use crate::markdown::documents::Documents;
use crate::model::history::ReportChanges;
use crate::model::*;
use crate::output::{OutFile, Sink};
use crate::routes::{Base, Page};
use crate::theme::Theme;
use env::Env;
use minijinja::{context, Value};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use views::*;

/// What every page builder reads: the site, its rendered documents, the templates, and the values
/// every page shares. Made once per build, shared read-only by every render thread.
struct Ctx<'a> {
    site: &'a Site,
    env: Env,
    docs: Documents,
    site_value: Value,
    /// Per language, the `translations` variable of every page.
    translations: BTreeMap<String, Value>,
    /// What changed in each report after the first, against the one before (oldest first).
    changes: &'a [ReportChanges<'a>],
    /// The labels' names per language, for the search index.
    labels: crate::search::LabelNames,
    /// Every resolution as a row, in number order: the one source of every list's rows, so that a
    /// mark shown in one list is shown in all.
    rows: Vec<ResSummary<'a>>,
    /// The filter panels' counts over `rows`.
    index: browse::Index<'a>,
}

/// Renders every file of the site into `sink`; returns the problems found.
/// Takes the site by value: once its Markdown is rendered, the sources are dropped to save memory.
pub fn render(mut site: Site, theme: &Theme, sink: &dyn Sink) -> Vec<Diagnostic> {
    let base = Base::new(&site.config.base_url);
    if site.config.languages.is_empty() {
        return vec![]; // already reported by validation; there is no page to render
    }
    let i18n = match I18n::load(&site.config, theme) {
        Ok(i) => Arc::new(i),
        Err(e) => return e,
    };
    let labels = label_names(&site, &i18n);
    let env = match Env::new(theme, i18n, &site.config, &base) {
        Ok(e) => e,
        Err(e) => return e,
    };
    let (docs, mut diags) = Documents::render(&mut site, &base);
    crate::timings::mark("markdown");
    let owned_site = site;
    let site = &owned_site;
    let changes = crate::model::history::all_changes(site);
    let rows: Vec<ResSummary> = site
        .resolutions
        .par_iter()
        .map(|r| ResSummary::of(site, changes.last(), r))
        .collect();
    let index = browse::Index::new(site, &rows);
    let ctx = Ctx {
        site,
        env,
        docs,
        site_value: Value::from_serialize(context_site(site, &base)),
        translations: site
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), Value::from(translations(site, &l.code))))
            .collect(),
        changes: &changes,
        labels,
        rows,
        index,
    };
    let jobs = pages::jobs(site);
    // Pages, search index, open data and feeds are independent: build them side by side.
    let (page_errors, (search, data)) = rayon::join(
        || {
            let errors = jobs
                .par_iter()
                .with_max_len(16)
                .filter_map(|j| ctx.write(j, theme, sink).err())
                .collect::<Vec<Diagnostic>>();
            crate::timings::mark("pages");
            errors
        },
        || {
            rayon::join(
                || search_files(&ctx, sink),
                || machine_files(&ctx, &base, theme, sink),
            )
        },
    );
    diags.extend(page_errors);
    diags.extend(search.err());
    diags.extend(data);
    // Freeing every record and paragraph takes a noticeable moment on one thread once all the work
    // is done; nothing waits for it, so another thread does it.
    let Ctx { docs, .. } = ctx;
    drop(jobs);
    drop(changes);
    std::thread::spawn(move || drop((docs, owned_site)));
    diags
}

/// Every status, funding and shortfall label's name in every language, as the theme words it.
fn label_names(site: &Site, i18n: &I18n) -> crate::search::LabelNames {
    use crate::model::{shortfall, FundingStatus, Status};
    let keys: Vec<String> = Status::keys()
        .into_iter()
        .map(|k| format!("status-{k}"))
        .chain(
            FundingStatus::keys()
                .into_iter()
                .map(|k| format!("funding-{k}")),
        )
        .chain([format!("shortfall-{}", shortfall::NAMED)])
        .collect();
    let by_lang = site
        .config
        .languages
        .iter()
        .map(|l| {
            let names = keys
                .iter()
                .filter_map(|k| Some((k.clone(), i18n.plain(&l.code, k)?.to_string())))
                .collect();
            (l.code.clone(), names)
        })
        .collect();
    crate::search::LabelNames(by_lang)
}

fn search_files(ctx: &Ctx, sink: &dyn Sink) -> Result<(), Diagnostic> {
    let put = |f: OutFile| sink.put(f.path, f.bytes);
    let done = crate::search::files(ctx.site, &ctx.docs, &ctx.labels, &put);
    crate::timings::mark("search");
    done
}

/// Open data, feeds, the sitemap and the theme's static files.
fn machine_files(ctx: &Ctx, base: &Base, theme: &Theme, sink: &dyn Sink) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    // Open data over time is handed over file by file (a snapshot per report and a history per
    // resolution would be hundreds of megabytes held at once).
    if let Err(e) = data::history_files(ctx.site, ctx.changes, base, sink) {
        d.push(e);
    }
    if let Err(e) = data::files(ctx.site, base, sink) {
        d.push(e);
    }
    let mut files = feeds::files(ctx.site, ctx.changes, base, &ctx.env, theme, &mut d);
    files.extend(theme.statics.iter().map(|(p, b)| OutFile {
        path: format!("static/{p}"),
        bytes: b.clone(),
    }));
    if let Err(e) = files
        .into_iter()
        .try_for_each(|f| sink.put(f.path, f.bytes))
    {
        d.push(e);
    }
    crate::timings::mark("data");
    d
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
    official_tracker: Option<&'a crate::model::tracker::TrackerSource>,
    /// Where readers report errors (checked by `validate`): none, and no page names one.
    contact: Option<crate::validate::ContactLink>,
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
        official_tracker: site.config.official_tracker.as_ref(),
        contact: site
            .config
            .contact
            .as_deref()
            .and_then(|c| crate::validate::contact_link(c).ok()),
    }
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

impl<'a> Ctx<'a> {
    fn default_language(&self) -> &'a Language {
        let langs = &self.site.config.languages;
        langs
            .iter()
            .find(|l| l.code == self.site.config.default_language)
            .unwrap_or(&langs[0])
    }

    /// A paragraph file's paragraphs in `lang`, else in the default language (then `false`: the
    /// page shows text that is not in its language).
    fn paragraphs(&self, lang: &str, texts: &BTreeMap<String, Doc>) -> (Vec<ParaView>, bool) {
        let fallback = &self.site.config.default_language;
        for (l, translated) in [(lang, true), (fallback.as_str(), false)] {
            if let Some(h) = texts.get(l).and_then(|doc| self.docs.get(doc)) {
                return (h.paragraphs.iter().map(ParaView::of).collect(), translated);
            }
        }
        (vec![], false)
    }

    fn update_view(&self, lang: &str, rep: &'a Report, u: &'a Update) -> UpdateView<'a> {
        let (paras, translated) = self.paragraphs(lang, &u.text);
        UpdateView::of(rep, u, paras, translated)
    }

    /// One resolution as a row of any list, marked with what changed in the latest report.
    fn summary(&self, r: &'a Resolution) -> ResSummary<'a> {
        ResSummary::of(self.site, self.changes.last(), r)
    }

    /// Every resolution as a row, in number order (made once per build).
    fn summaries(&self) -> &[ResSummary<'a>] {
        &self.rows
    }

    /// The page's variables: those every page has, then `own`.
    fn vars(&self, lang: &Language, page: &Page, own: Vec<(&'static str, Value)>) -> Value {
        // Functions first: `t`, `txt` and `route` are the names templates look up most.
        let mut v: Vec<(&'static str, Value)> = self.env.page_functions(&lang.code).collect();
        v.extend([
            ("lang", Value::from(lang.code.as_str())),
            ("html_lang", Value::from(lang.html_lang.as_str())),
            ("page_path", Value::from(page.path())),
            ("page_kind", Value::from(page.kind())),
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
}
