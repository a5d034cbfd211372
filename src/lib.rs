//! Resolution Portal: builds the UN-Habitat Assembly resolution tracking site from YAML records and
//! Markdown paragraphs. The build is a pipeline of stages, each a function from one value to the next:
//!
//! ```text
//! content files ──load──▶ Loaded ──validate──▶ Site ──render──▶ Sink ──staging──▶ public/
//!  (walkdir, serde_yaml)   (all errors at once)  (rayon, minijinja,  (output/: folder
//!                                                 fluent, comrak)     beside, atomic swap)
//! ```
//!
//! `render` hands each file to a `Sink` (`output`) as soon as it is made: memory for tests, nothing
//! for `check`, the staging folder for `build`, which swaps it in only if no stage found an error.
//! Every address comes from `routes`.

pub mod alloc;
pub mod commands;
pub mod diagnostics;
pub mod evidence;
pub mod i18n;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod theme;
pub mod timings;
pub mod validate;

use diagnostics::Diagnostic;
use output::staging as write;
use output::{Discard, MemorySink, OutFile};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site: PathBuf,
    pub out: PathBuf,
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
}

/// The result of running the pipeline.
pub struct Rendered {
    /// The files, when rendered in memory (`render_site`); empty after `build`, which streams them to disk.
    pub files: Vec<OutFile>,
    /// How many files were produced.
    pub count: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// What happened to the output folder (`build`; untouched otherwise).
    pub output: write::Outcome,
}

impl Rendered {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    fn failed(diagnostics: Vec<Diagnostic>) -> Rendered {
        Rendered {
            files: vec![],
            count: 0,
            diagnostics,
            output: write::Outcome::Untouched,
        }
    }
}

/// `--contact` of `portal build` and `portal serve`, for this process: it overrides site.yaml's
/// `contact` in every build the process runs (`serve` rebuilds on every change). Set once, by the
/// command line, after it has checked the value.
static CONTACT_FLAG: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets `--contact` for every build of this process (the first call wins).
pub fn set_contact_flag(value: &str) {
    let _ = CONTACT_FLAG.set(value.to_string());
}

/// Load and validate the site, and load its theme: everything `render` needs. `contact`
/// overrides site.yaml's `contact` (else `--contact`, if the command line set it).
fn prepare(
    site_dir: &Path,
    base_url: Option<&str>,
    contact: Option<&str>,
) -> (Option<(model::Site, theme::Theme)>, Vec<Diagnostic>) {
    timings::start();
    let (mut loaded, mut diags) = load::load(site_dir);
    timings::mark("load");
    if let (Some(b), Some(config)) = (base_url, loaded.config.as_mut()) {
        // Checked like site.yaml's `base_url`, before anything is built on it.
        match validate::base_url_problem(b) {
            None => config.base_url = b.to_string(),
            Some(why) => {
                diags.push(
                    Diagnostic::error("--base-url", format!("`{}` {why}", validate::short(b)))
                        .hint("write it like https://example.org/ or https://example.org/portal/"),
                );
                return (None, diags);
            }
        }
    }
    let contact = contact.or(CONTACT_FLAG.get().map(String::as_str));
    if let (Some(c), Some(config)) = (contact, loaded.config.as_mut()) {
        // Checked like site.yaml's `contact`, naming the flag rather than site.yaml.
        if let Err(why) = validate::contact_link(c) {
            diags.push(
                Diagnostic::error("--contact", format!("`{}` {why}", validate::short(c)))
                    .hint(validate::CONTACT_HINT),
            );
            return (None, diags);
        }
        config.contact = Some(c.to_string());
    }
    let (site, d) = validate::validate(loaded);
    timings::mark("validate");
    diags.extend(d);
    let Some(site) = site else {
        return (None, diags);
    };
    diags.extend(validate::base_url_warnings(
        site_dir,
        &site.config.base_url,
        base_url.is_some(),
    ));
    match site.config.contact.as_deref().map(validate::contact_link) {
        None => diags.push(validate::contact_missing_warning(site_dir)),
        Some(Ok(link)) => diags.extend(validate::contact_placeholder_warning(
            site_dir,
            &link,
            contact.is_some(),
        )),
        Some(Err(_)) => {} // an error already
    }
    match theme::load(site_dir, &site.config.theme) {
        Ok(mut t) => {
            diags.append(&mut t.warnings);
            (Some((site, t)), diags)
        }
        Err(d) => {
            diags.extend(d);
            (None, diags)
        }
    }
}

/// Load, validate and render the site in memory. Files are empty when any stage found an error.
pub fn render_site(site_dir: &Path, base_url: Option<&str>) -> Rendered {
    render_site_with(site_dir, base_url, None)
}

/// `render_site`, with `contact` overriding site.yaml's (as `--contact` does).
pub fn render_site_with(
    site_dir: &Path,
    base_url: Option<&str>,
    contact: Option<&str>,
) -> Rendered {
    let (prepared, mut diags) = prepare(site_dir, base_url, contact);
    let Some((site, theme)) = prepared else {
        return Rendered::failed(diags);
    };
    // Rendered even after validation errors, so that template and link problems are reported too.
    let sink = MemorySink::default();
    diags.extend(render::render(site, &theme, &sink));
    if diags.iter().any(Diagnostic::is_error) {
        return Rendered::failed(diags);
    }
    let files = sink.into_files();
    Rendered {
        count: files.len(),
        files,
        diagnostics: diags,
        output: write::Outcome::Untouched,
    }
}

/// `portal check`: every stage but writing. Each file is rendered and dropped at once (into a
/// sink that keeps nothing), so that checking never needs more memory than building.
pub fn check(site_dir: &Path) -> Vec<Diagnostic> {
    let (prepared, mut diags) = prepare(site_dir, None, None);
    if let Some((site, theme)) = prepared {
        diags.extend(render::render(site, &theme, &Discard));
    }
    diags
}

/// `portal build`: render straight into a staging folder beside the output, then swap it in, only
/// if there is no error. Pages go to disk as soon as they are rendered, so memory stays flat.
pub fn build(opts: &BuildOptions) -> Rendered {
    let (prepared, mut diags) = prepare(&opts.site, opts.base_url.as_deref(), None);
    let Some((site, theme)) = prepared else {
        return Rendered::failed(diags);
    };
    if diags.iter().any(Diagnostic::is_error) {
        // Nothing will be written, but every problem is still reported at once.
        diags.extend(render::render(site, &theme, &Discard));
        return Rendered::failed(diags);
    }
    let mut staging = match write::Staging::new(&opts.out, &opts.site) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return Rendered::failed(diags);
        }
    };
    diags.append(&mut staging.warnings);
    diags.extend(render::render(site, &theme, &staging));
    if write::interrupted() {
        // Every file not written says so; one message is enough.
        staging.abandon();
        return Rendered::failed(vec![Diagnostic::error(
            &opts.out,
            "the build was interrupted",
        )]);
    }
    if diags.iter().any(Diagnostic::is_error) {
        staging.abandon();
        return Rendered::failed(diags);
    }
    let count = staging.count();
    let (output, d) = staging.commit();
    diags.extend(d);
    timings::mark("commit");
    Rendered {
        files: vec![],
        count,
        diagnostics: diags,
        output,
    }
}
