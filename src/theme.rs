//! The theme: templates, static files and Fluent UI strings. Read from `themes/{name}/` under the site
//! when that folder exists, otherwise the default theme embedded in the binary (so `portal build` works
//! anywhere with no install step). Loading only reads files; parsing happens in `render` and `i18n`.
//! Only what is inside the site folder is read: a theme folder that is a link to elsewhere
//! (`themes/evil -> /usr/share`) is refused, links inside it are skipped with a warning, and only
//! its `templates/`, `static/` and `i18n/` folders are read.

use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct Theme {
    /// Where the theme came from, for diagnostics (`themes/default` or `<embedded default theme>`).
    pub dir: PathBuf,
    /// Template name (`resolution.html`) → source.
    pub templates: BTreeMap<String, String>,
    /// Path under `static/` → bytes, copied to `/static/` in the output.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Language code → (file, Fluent source).
    pub strings: BTreeMap<String, (PathBuf, String)>,
    /// Problems that do not stop the build (a static file the default theme has and this one lacks).
    pub warnings: Vec<Diagnostic>,
}

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../themes/default/", $path)) as &[u8])),*]
    };
}

/// The default theme as shipped. A test checks this list against the folder on disk.
pub const EMBEDDED: &[(&str, &[u8])] = embedded![
    "i18n/en.ftl",
    "i18n/zh.ftl",
    "static/portal.js",
    "static/search.js",
    "static/style.css",
    "templates/404.html",
    "templates/about.html",
    "templates/base.html",
    "templates/changes.html",
    "templates/entry.html",
    "templates/feed.xml",
    "templates/funding.html",
    "templates/home.html",
    "templates/macros.html",
    "templates/report.html",
    "templates/reports.html",
    "templates/resolution.html",
    "templates/resolutions.html",
    "templates/search.html",
    "templates/topic.html",
    "templates/topics.html",
    "templates/window.html",
];

/// The folders of a theme that the build reads; anything else in it is never opened.
const PARTS: [&str; 3] = ["i18n", "static", "templates"];

/// An error when the theme folder (or `themes/` itself) leads out of the site folder.
fn outside_site(site: &Path, dir: &Path) -> Option<Diagnostic> {
    std::fs::symlink_metadata(dir).ok()?;
    let real = std::fs::canonicalize(dir).ok()?;
    let real_site = std::fs::canonicalize(site).ok()?;
    if real.starts_with(&real_site) {
        return None;
    }
    Some(
        Diagnostic::error(
            dir,
            format!(
                "the theme folder leads out of the site folder (a symbolic link to {}); a theme is read only from inside the site",
                real.display()
            ),
        )
        .hint("copy the theme into the site's themes/ folder, or link to a folder inside the site"),
    )
}

pub fn load(site: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let dir = site.join("themes").join(name);
    if let Some(d) = outside_site(site, &dir) {
        return Err(vec![d]);
    }
    let mut skipped = Vec::new();
    let files: Vec<(String, Vec<u8>)> = if dir.is_dir() {
        let mut v = Vec::new();
        let mut errs = Vec::new();
        let mut parts = Vec::new();
        for p in PARTS.iter().map(|p| dir.join(p)) {
            if std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink()) {
                skipped.push(p);
            } else if p.is_dir() {
                parts.push(p);
            }
        }
        for e in parts
            .iter()
            .flat_map(|p| walkdir::WalkDir::new(p).sort_by_file_name())
        {
            match e {
                Ok(e) if e.file_type().is_symlink() => skipped.push(e.path().to_path_buf()),
                Ok(e) if e.file_type().is_file() => {
                    let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
                    let rel = rel
                        .iter()
                        .filter_map(|c| c.to_str())
                        .collect::<Vec<_>>()
                        .join("/");
                    match std::fs::read(e.path()) {
                        Ok(b) => v.push((rel, b)),
                        Err(err) => {
                            errs.push(Diagnostic::error(e.path(), format!("cannot read: {err}")))
                        }
                    }
                }
                Ok(_) => {}
                Err(err) => errs.push(Diagnostic::error(
                    &dir,
                    format!("cannot read the theme: {err}"),
                )),
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        v
    } else if name == "default" {
        EMBEDDED
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect()
    } else {
        return Err(vec![Diagnostic::error(
            site.join("site.yaml"),
            format!("theme `{name}` not found at {}", dir.display()),
        )
        .hint("create the folder, or set `theme: default`")]);
    };
    let shown = if dir.is_dir() {
        dir.clone()
    } else {
        PathBuf::from("<embedded default theme>")
    };
    let mut theme = Theme {
        dir: shown.clone(),
        templates: BTreeMap::new(),
        statics: BTreeMap::new(),
        strings: BTreeMap::new(),
        warnings: skipped
            .into_iter()
            .map(|p| {
                Diagnostic::warning(p, "this is a symbolic link; the theme's links are not followed, so it was skipped")
                    .hint("put the file itself in the theme")
            })
            .collect(),
    };
    let mut errs = Vec::new();
    for (rel, bytes) in files {
        let file = shown.join(&rel);
        let as_text = |bytes: Vec<u8>| {
            String::from_utf8(bytes).map_err(|_| {
                Diagnostic::error(&file, "the file is not valid UTF-8").hint("save it as UTF-8")
            })
        };
        if let Some(t) = rel.strip_prefix("templates/") {
            match as_text(bytes) {
                Ok(s) => {
                    theme.templates.insert(t.to_string(), s);
                }
                Err(d) => errs.push(d),
            }
        } else if let Some(s) = rel.strip_prefix("static/") {
            theme.statics.insert(s.to_string(), bytes);
        } else if let Some(f) = rel
            .strip_prefix("i18n/")
            .and_then(|f| f.strip_suffix(".ftl"))
        {
            match as_text(bytes) {
                Ok(s) => {
                    theme.strings.insert(f.to_string(), (file.clone(), s));
                }
                Err(d) => errs.push(d),
            }
        }
    }
    if dir.is_dir() {
        complete(&mut theme, &mut errs);
    }
    if errs.is_empty() {
        Ok(theme)
    } else {
        errs.append(&mut theme.warnings);
        Err(errs)
    }
}

/// A theme of the site's own is complete on its own (nothing falls back to the default theme):
/// a missing template is one error at its path, instead of one per page that needs it; a missing
/// static file the pages link to (`style.css`, `search.js`) is a warning.
fn complete(theme: &mut Theme, errs: &mut Vec<Diagnostic>) {
    for (path, _) in EMBEDDED {
        if let Some(t) = path.strip_prefix("templates/") {
            if !theme.templates.contains_key(t) {
                errs.push(
                    Diagnostic::error(
                        theme.dir.join(path),
                        format!("the theme has no `{t}`, which the build needs"),
                    )
                    .hint(format!(
                        "copy themes/default/{path} into the theme and adapt it"
                    )),
                );
            }
        } else if let Some(f) = path.strip_prefix("static/") {
            if !theme.statics.contains_key(f) {
                theme.warnings.push(
                    Diagnostic::warning(
                        theme.dir.join(path),
                        format!("the theme has no `static/{f}`, which every page links to"),
                    )
                    .hint(format!(
                        "copy themes/default/{path} into the theme, or pages load without it"
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_list_matches_the_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = super::EMBEDDED.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(
            embedded, on_disk,
            "update theme::EMBEDDED when adding or removing theme files"
        );
    }
}
