//! Resolution Portal: builds the UN-Habitat Assembly resolution tracking site from YAML records and
//! Markdown paragraphs. The build is a pipeline of stages, each a function from one value to the next:
//!
//! ```text
//! content files ──load──▶ Loaded ──validate──▶ Site ──render──▶ [OutFile] ──write──▶ public/
//!  (walkdir, serde_yaml)   (all errors at once)  (rayon, minijinja, fluent, comrak)  (atomic swap)
//! ```
//!
//! `check` runs every stage but `write`; `build` runs them all and writes only if no stage found an error.

pub mod diagnostics;
pub mod i18n;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod search;
pub mod serve;
pub mod theme;
pub mod validate;
pub mod write;

use diagnostics::Diagnostic;
use render::{Base, OutFile};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site: PathBuf,
    pub out: PathBuf,
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
}

/// The result of running the pipeline in memory.
pub struct Rendered {
    pub files: Vec<OutFile>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Rendered {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Load, validate and render the site in memory. Files are empty when any stage found an error.
pub fn render_site(site_dir: &Path, base_url: Option<&str>) -> Rendered {
    let (loaded, mut diags) = load::load(site_dir);
    let (site, d) = validate::validate(loaded);
    diags.extend(d);
    let Some(mut site) = site else {
        return Rendered {
            files: vec![],
            diagnostics: diags,
        };
    };
    if let Some(b) = base_url {
        site.config.base_url = b.to_string();
    }
    let theme = match theme::load(site_dir, &site.config.theme) {
        Ok(t) => t,
        Err(d) => {
            diags.extend(d);
            return Rendered {
                files: vec![],
                diagnostics: diags,
            };
        }
    };
    let base = Base::new(&site.config.base_url);
    let (files, d) = render::render(&site, &theme, &base);
    diags.extend(d);
    let files = if diags.iter().any(Diagnostic::is_error) {
        vec![]
    } else {
        files
    };
    Rendered {
        files,
        diagnostics: diags,
    }
}

/// `portal check`: every stage but writing.
pub fn check(site_dir: &Path) -> Vec<Diagnostic> {
    render_site(site_dir, None).diagnostics
}

/// `portal build`: render, then replace the output folder atomically, only if there is no error.
pub fn build(opts: &BuildOptions) -> Rendered {
    let mut r = render_site(&opts.site, opts.base_url.as_deref());
    if r.has_errors() {
        return r;
    }
    if let Err(d) = write::write(&opts.out, &opts.site, &r.files) {
        r.diagnostics.push(d);
    }
    r
}
