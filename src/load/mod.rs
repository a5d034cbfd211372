//! Load: walk the site folder, read every content file, parse YAML and split paragraph files, and
//! group them into records. No judgement about cross-references here (that is `validate`); only
//! "can this file be read and parsed at all".

mod paragraphs;
pub mod yaml;

use crate::diagnostics::Diagnostic;
use crate::model::{
    Config, Doc, Mechanism, Report, Resolution, ResolutionId, Topic, Update, Vocabulary,
};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub use paragraphs::split as split_paragraphs;

/// Everything read from disk, grouped by record, before validation.
#[derive(Debug, Default)]
pub struct Loaded {
    pub root: PathBuf,
    pub config: Option<Config>,
    pub topics: Vec<Topic>,
    pub resolutions: Vec<Resolution>,
    pub reports: Vec<Report>,
    pub mechanisms: Vec<Mechanism>,
    pub trackers: Vec<crate::model::tracker::Tracker>,
    /// Paragraph files whose YAML record is missing, so the checker can say so.
    pub orphans: Vec<PathBuf>,
    /// Resolution ids whose record exists but could not be parsed: already reported, so references to
    /// them must not cascade into more errors.
    pub unparsed: Vec<ResolutionId>,
    /// `content/vocabulary.yaml`, when there is one.
    pub vocabulary: Option<Vocabulary>,
    /// `content/glossary.yaml`, when there is one.
    pub glossary: Option<crate::model::glossary::Glossary>,
    /// `content/about.{lang}.md`: the about page's text per language.
    pub about: std::collections::BTreeMap<String, Doc>,
}

/// What a file under `content/` is, judged from its place and name alone.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Topics,
    Vocabulary,
    Glossary,
    About {
        lang: String,
    },
    Resolution,
    Narrative {
        id: String,
        lang: String,
    },
    Report {
        slug: String,
    },
    ReportText {
        slug: String,
        lang: String,
    },
    Update {
        slug: String,
    },
    UpdateText {
        slug: String,
        id: String,
        lang: String,
    },
    Mechanism {
        slug: String,
    },
    Tracker {
        slug: String,
    },
    Ignored,
    Unexpected,
    /// A name on the path is not UTF-8: never taken for content (it would be published under a
    /// name that is not the one on disk).
    NotUtf8,
}

enum Parsed {
    Topics(Vec<Topic>),
    Vocabulary(Vocabulary),
    Glossary(crate::model::glossary::Glossary),
    Resolution(Resolution),
    Doc(Doc),
    Report(Box<Report>),
    /// Boxed: an update is by far the largest record, and most parsed files are not updates.
    Update(Box<Update>),
    Mechanism(Mechanism),
    Tracker(Box<crate::model::tracker::Tracker>),
}

pub fn load(root: &Path) -> (Loaded, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        ..Loaded::default()
    };

    let site_file = root.join("site.yaml");
    match read(&site_file) {
        Ok(text) => match yaml::parse::<Config>(&site_file, &text) {
            Ok(c) => loaded.config = Some(c),
            Err(d) => diags.push(d),
        },
        Err(d) => diags.push(d),
    }

    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(&content, "there is no `content` folder")
                .hint("run portal in the site folder, or pass --site DIR"),
        );
        return (loaded, diags);
    }

    let files = content_files(&content, &mut diags);
    let results = parse_files(&content, files);
    alias_total(&results, &mut diags);
    let results = results
        .into_iter()
        .map(|(p, k, r)| (p, k, r.map(|(parsed, _)| parsed)));

    let mut narratives = Vec::new();
    let mut report_texts = Vec::new();
    let mut updates = Vec::new();
    let mut update_texts = Vec::new();
    // Records that exist but failed to parse: their children are not orphans.
    let mut unparsed_records: std::collections::BTreeSet<PathBuf> = Default::default();
    for (path, kind, parsed) in results {
        let parsed = match parsed {
            Ok(p) => p,
            Err(d) => {
                diags.push(d);
                if matches!(
                    kind,
                    Kind::Resolution | Kind::Report { .. } | Kind::Update { .. }
                ) {
                    if kind == Kind::Resolution {
                        loaded
                            .unparsed
                            .extend(ResolutionId::parse(&file_stem(&path)).ok());
                    }
                    unparsed_records.insert(path.with_extension(""));
                }
                continue;
            }
        };
        match (kind, parsed) {
            (Kind::Topics, Parsed::Topics(t)) => loaded.topics = t,
            (Kind::Glossary, Parsed::Glossary(mut g)) => {
                g.file = path;
                loaded.glossary = Some(g);
            }
            (Kind::Vocabulary, Parsed::Vocabulary(mut v)) => {
                v.file = path;
                loaded.vocabulary = Some(v);
            }
            (Kind::About { lang }, Parsed::Doc(d)) => {
                loaded.about.insert(lang, d);
            }
            (Kind::Resolution, Parsed::Resolution(mut r)) => {
                r.file = path;
                loaded.resolutions.push(r);
            }
            (Kind::Narrative { id, lang }, Parsed::Doc(d)) => narratives.push((id, lang, d)),
            (Kind::Report { slug }, Parsed::Report(mut r)) => {
                r.file = path;
                r.slug = slug;
                loaded.reports.push(*r);
            }
            (Kind::ReportText { slug, lang }, Parsed::Doc(d)) => report_texts.push((slug, lang, d)),
            (Kind::Update { slug }, Parsed::Update(mut u)) => {
                u.file = path;
                updates.push((slug, *u));
            }
            (Kind::UpdateText { slug, id, lang }, Parsed::Doc(d)) => {
                update_texts.push((slug, id, lang, d))
            }
            (Kind::Mechanism { slug }, Parsed::Mechanism(mut m)) => {
                m.file = path;
                m.slug = slug;
                loaded.mechanisms.push(m);
            }
            (Kind::Tracker { slug }, Parsed::Tracker(mut t)) => {
                t.file = path;
                t.slug = slug;
                loaded.trackers.push(*t);
            }
            _ => unreachable!("parse() returns the variant matching the kind"),
        }
    }

    attach_children(
        &mut loaded,
        Children {
            narratives,
            report_texts,
            updates,
            update_texts,
        },
        &unparsed_records,
    );
    loaded.resolutions.sort_by(|a, b| a.file.cmp(&b.file));
    loaded.reports.sort_by(|a, b| a.slug.cmp(&b.slug));
    loaded.mechanisms.sort_by(|a, b| a.slug.cmp(&b.slug));
    loaded.trackers.sort_by(|a, b| a.slug.cmp(&b.slug));
    (loaded, diags)
}

/// Every file under `content/`, in the order one sorted walk gives; links and unreadable entries
/// are reported, not followed.
fn content_files(content: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    // The folders directly under `content` are walked side by side (resolutions and reports hold
    // tens of thousands of files each); the order is the one a single sorted walk gives.
    let top: Vec<walkdir::Result<walkdir::DirEntry>> = walkdir::WalkDir::new(content)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .collect();
    let walked: Vec<Vec<walkdir::Result<walkdir::DirEntry>>> = top
        .into_par_iter()
        .map(|entry| match entry {
            // Siblings share their parent's path, so whole paths sort as their names do, without
            // the search for the last component that `sort_by_file_name` makes per comparison.
            Ok(e) if e.file_type().is_dir() => walkdir::WalkDir::new(e.path())
                .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
                .into_iter()
                .collect(),
            other => vec![other],
        })
        .collect();
    crate::timings::mark("walk");
    let mut files = Vec::new();
    for entry in walked.into_iter().flatten() {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(e) if e.path_is_symlink() => diags.push(
                Diagnostic::warning(e.path(), "this is a symbolic link, and links in content/ are not followed: it is ignored")
                    .hint("put the file itself here (a link could point outside the site, or change what is published without a change here)"),
            ),
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error(
                e.path().unwrap_or(content).to_path_buf(),
                format!("cannot read: {e}"),
            )),
        }
    }

    files
}

/// A file's path, kind, and what it parsed to with the bytes its YAML aliases added.
type ParseResult = (PathBuf, Kind, Result<(Parsed, usize), Diagnostic>);

/// The text YAML aliases add is bounded per file (`yaml::MAX_ALIAS_BYTES_PER_FILE`) and for the
/// whole site: thousands of files each just under the first limit would still make a huge build.
fn alias_total(results: &[ParseResult], diags: &mut Vec<Diagnostic>) {
    let added = |r: &ParseResult| r.2.as_ref().map_or(0, |(_, n)| *n);
    let total: usize = results.iter().map(added).fold(0, usize::saturating_add);
    if total > yaml::MAX_ALIAS_BYTES_PER_SITE {
        if let Some(most) = results.iter().max_by_key(|r| added(r)) {
            diags.push(
                Diagnostic::error(
                    &most.0,
                    format!(
                        "the YAML aliases (`*name`) of all files together repeat more than {} MiB of text; this file's the most ({} KiB)",
                        yaml::MAX_ALIAS_BYTES_PER_SITE >> 20,
                        added(most) >> 10
                    ),
                )
                .hint("write values out where they are needed instead of repeating anchors (`&name`) with aliases"),
            );
        }
    }
}

/// Each file classified and parsed, in parallel; files that are not content are warned about.
fn parse_files(content: &Path, files: Vec<PathBuf>) -> Vec<ParseResult> {
    let results: Vec<ParseResult> = files
        .into_par_iter()
        .filter_map(|path| {
            let kind = classify(content, &path);
            match kind {
                Kind::Ignored => None,
                Kind::NotUtf8 => Some((
                    path.clone(),
                    kind,
                    Err(Diagnostic::warning(
                        &path,
                        "this path is not valid UTF-8 (a folder or file name in a legacy encoding), so the file is ignored",
                    )
                    .hint("rename the folder or file with UTF-8 characters")),
                )),
                Kind::Unexpected => Some((
                    path.clone(),
                    kind,
                    Err(Diagnostic::warning(
                        &path,
                        "this file is not part of the content format and is ignored",
                    )
                    .hint("see content/README.md for where each kind of file goes")),
                )),
                _ => {
                    let parsed = read(&path).and_then(|text| parse(&path, &kind, &text));
                    Some((path, kind, parsed))
                }
            }
        })
        .collect();
    crate::timings::mark("parse");
    results
}

/// The paragraph files and updates read, before they are attached to their records.
struct Children {
    narratives: Vec<(String, String, Doc)>,
    report_texts: Vec<(String, String, Doc)>,
    updates: Vec<(String, Update)>,
    update_texts: Vec<(String, String, String, Doc)>,
}

/// Group children under their records; a child without a record is reported by validate, unless its
/// record exists but failed to parse (`unparsed_records`).
fn attach_children(
    loaded: &mut Loaded,
    children: Children,
    unparsed_records: &std::collections::BTreeSet<PathBuf>,
) {
    let Children {
        narratives,
        report_texts,
        updates,
        update_texts,
    } = children;
    let mut by_res: rustc_hash::FxHashMap<String, usize> = Default::default();
    for (i, r) in loaded.resolutions.iter().enumerate() {
        by_res.insert(file_stem(&r.file), i);
    }
    let orphan = |loaded: &mut Loaded, record: PathBuf, file: PathBuf| {
        if !unparsed_records.contains(&record)
            && !unparsed_records.contains(&record.with_file_name("report"))
        {
            loaded.orphans.push(file);
        }
    };
    for (id, lang, d) in narratives {
        match by_res.get(&id) {
            Some(&i) => {
                loaded.resolutions[i].narrative.insert(lang, d);
            }
            None => orphan(loaded, d.file.with_file_name(&id), d.file),
        }
    }
    let mut by_slug: rustc_hash::FxHashMap<String, usize> = Default::default();
    for (i, r) in loaded.reports.iter().enumerate() {
        by_slug.insert(r.slug.clone(), i);
    }
    for (slug, lang, d) in report_texts {
        match by_slug.get(&slug) {
            Some(&i) => {
                loaded.reports[i].text.insert(lang, d);
            }
            None => orphan(loaded, d.file.with_file_name("report"), d.file),
        }
    }
    let mut update_index: rustc_hash::FxHashMap<(String, String), (usize, usize)> =
        Default::default();
    for (slug, u) in updates {
        match by_slug.get(&slug) {
            Some(&i) => {
                let rep = &mut loaded.reports[i];
                update_index.insert((slug, file_stem(&u.file)), (i, rep.updates.len()));
                rep.updates.push(u);
            }
            None => orphan(loaded, u.file.with_file_name("report"), u.file),
        }
    }
    for (slug, id, lang, d) in update_texts {
        match update_index.get(&(slug, id.clone())) {
            Some(&(i, j)) => {
                loaded.reports[i].updates[j].text.insert(lang, d);
            }
            None => orphan(loaded, d.file.with_file_name(&id), d.file),
        }
    }
}

fn file_stem(p: &Path) -> String {
    p.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string()
}

/// Reads a file as UTF-8 text; invalid UTF-8 and empty files are errors with a place and a fix.
pub fn read(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(path, format!("cannot read the file: {e}"))
            .hint("check that it exists and is readable")
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = valid.len() - valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        Diagnostic::error(path, "the file is not valid UTF-8")
            .at(Some(line), Some(col))
            .hint("save the file as UTF-8 (without a legacy encoding such as GBK or Latin-1)")
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, "the file is empty")
            .hint("add its content, or delete the file"));
    }
    check_characters(path, &text)?;
    // A byte order mark is harmless to us but confuses YAML tools; drop it.
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}

/// Line endings and characters no content file may hold, found in one pass over the bytes (all of
/// them ASCII, so a byte search cannot split a character).
fn check_characters(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let b = text.as_bytes();
    let at = |i: usize| {
        let line = memchr::memchr_iter(b'\n', &b[..i]).count() + 1;
        let start = memchr::memrchr(b'\n', &b[..i]).map_or(0, |p| p + 1);
        (line, text[start..i].chars().count() + 1)
    };
    if memchr::memchr(b'\r', b).is_some() && memchr::memchr(b'\n', b).is_none() {
        return Err(Diagnostic::error(
            path,
            "the file's lines end in CR alone (old Mac line endings)",
        )
        .hint("save it with LF (or CRLF) line endings"));
    }
    // A plain pass first (vectorised), as nearly every file is clean; CRLF is looked at after.
    if !b
        .iter()
        .any(|&c| (c < 0x20 && c != b'\t' && c != b'\n') || c == 0x7f)
    {
        return Ok(());
    }
    let lone_cr = |i: usize| b.get(i + 1) != Some(&b'\n');
    let bad = b.iter().enumerate().find(|&(i, &c)| {
        (c < 0x20 && c != b'\t' && c != b'\n' && (c != b'\r' || lone_cr(i))) || c == 0x7f
    });
    if let Some((i, &c)) = bad {
        let (line, col) = at(i);
        let d = Diagnostic::error(
            path,
            format!("the control character U+{c:04X} is not allowed"),
        )
        .at(Some(line), Some(col));
        return Err(if c == b'\r' {
            d.hint("a CR must be followed by LF; save the file with LF line endings")
        } else {
            d.hint("delete it (only tab and newline are allowed); it may have been pasted in invisibly")
        });
    }
    Ok(())
}

/// One file parsed as its kind, with the bytes its YAML aliases added (0 for Markdown).
fn parse(path: &Path, kind: &Kind, text: &str) -> Result<(Parsed, usize), Diagnostic> {
    fn y<T: serde::de::DeserializeOwned>(
        path: &Path,
        text: &str,
        make: impl FnOnce(T) -> Parsed,
    ) -> Result<(Parsed, usize), Diagnostic> {
        yaml::parse_counted(path, text).map(|(v, n)| (make(v), n))
    }
    Ok(match kind {
        Kind::Topics => y(path, text, Parsed::Topics)?,
        Kind::Vocabulary => y(path, text, Parsed::Vocabulary)?,
        Kind::Glossary => y(path, text, Parsed::Glossary)?,
        Kind::Resolution => y(path, text, Parsed::Resolution)?,
        Kind::Report { .. } => y(path, text, |r| Parsed::Report(Box::new(r)))?,
        Kind::Update { .. } => y(path, text, |u| Parsed::Update(Box::new(u)))?,
        Kind::Mechanism { .. } => y(path, text, Parsed::Mechanism)?,
        Kind::Tracker { .. } => y(path, text, |t| Parsed::Tracker(Box::new(t)))?,
        Kind::Narrative { .. }
        | Kind::ReportText { .. }
        | Kind::UpdateText { .. }
        | Kind::About { .. } => (Parsed::Doc(paragraphs::split(path, text)?), 0),
        Kind::Ignored | Kind::Unexpected | Kind::NotUtf8 => {
            unreachable!("filtered before parsing")
        }
    })
}

/// `name.lang.md` → (name, lang)
fn md_parts(name: &str) -> Option<(&str, &str)> {
    let stem = name.strip_suffix(".md")?;
    let (base, lang) = stem.rsplit_once('.')?;
    Some((base, lang))
}

fn is_resolution_stem(s: &str) -> bool {
    ResolutionId::parse(s)
        .map(|id| id.slug() == s)
        .unwrap_or(false)
}

fn classify(content: &Path, path: &Path) -> Kind {
    let rel: Vec<&str> = match path.strip_prefix(content) {
        Ok(r) => match r.iter().map(|c| c.to_str()).collect::<Option<_>>() {
            Some(rel) => rel,
            None => return Kind::NotUtf8,
        },
        Err(_) => return Kind::Unexpected,
    };
    match rel.as_slice() {
        ["topics.yaml"] => Kind::Topics,
        ["vocabulary.yaml"] => Kind::Vocabulary,
        ["glossary.yaml"] => Kind::Glossary,
        [name] if md_parts(name).is_some_and(|(base, _)| base == "about") => Kind::About {
            lang: md_parts(name)
                .map(|(_, l)| l.to_string())
                .unwrap_or_default(),
        },
        [name] if name.ends_with(".md") || name.starts_with('.') => Kind::Ignored,
        ["resolutions", name] if name.ends_with(".yaml") => Kind::Resolution,
        ["resolutions", name] => match md_parts(name) {
            Some((id, lang)) => Kind::Narrative {
                id: id.into(),
                lang: lang.into(),
            },
            None => Kind::Unexpected,
        },
        ["funding", name] if name.ends_with(".yaml") => Kind::Mechanism {
            slug: name.trim_end_matches(".yaml").into(),
        },
        ["trackers", name] if name.ends_with(".yaml") => Kind::Tracker {
            slug: name.trim_end_matches(".yaml").into(),
        },
        ["reports", slug, "report.yaml"] => Kind::Report {
            slug: (*slug).into(),
        },
        ["reports", slug, name] if name.ends_with(".yaml") => {
            if is_resolution_stem(name.trim_end_matches(".yaml")) {
                Kind::Update {
                    slug: (*slug).into(),
                }
            } else {
                Kind::Unexpected
            }
        }
        ["reports", slug, name] => match md_parts(name) {
            Some(("report", lang)) => Kind::ReportText {
                slug: (*slug).into(),
                lang: lang.into(),
            },
            Some((id, lang)) if is_resolution_stem(id) => Kind::UpdateText {
                slug: (*slug).into(),
                id: id.into(),
                lang: lang.into(),
            },
            _ => Kind::Unexpected,
        },
        _ if rel.last().is_some_and(|n| n.starts_with('.')) => Kind::Ignored,
        _ => Kind::Unexpected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_place_and_name() {
        let c = Path::new("/s/content");
        let k = |p: &str| classify(c, &c.join(p));
        assert_eq!(k("topics.yaml"), Kind::Topics);
        assert_eq!(k("README.md"), Kind::Ignored);
        assert_eq!(k("resolutions/2-7.yaml"), Kind::Resolution);
        assert_eq!(
            k("reports/r/2-7.zh.md"),
            Kind::UpdateText {
                slug: "r".into(),
                id: "2-7".into(),
                lang: "zh".into()
            }
        );
        assert_eq!(
            k("reports/r/report.en.md"),
            Kind::ReportText {
                slug: "r".into(),
                lang: "en".into()
            }
        );
        assert_eq!(k("reports/r/notes.txt"), Kind::Unexpected);
        assert_eq!(k("reports/r/x-y.yaml"), Kind::Unexpected);
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = std::env::temp_dir().join(format!("portal-utf8-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("bad.yaml");
        std::fs::write(&f, b"id: \"1/1\"\ntitle: \xff\n").unwrap();
        let d = read(&f).unwrap_err();
        assert_eq!((d.line, d.column), (Some(2), Some(8)));
        std::fs::write(&f, b"  \n").unwrap();
        assert_eq!(read(&f).unwrap_err().message, "the file is empty");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
