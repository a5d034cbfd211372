//! `portal new report`: scaffolds the next report's folder from the latest one, so that publishing
//! it is filling in, not starting over. Every file it writes is visibly unfinished (`unfinished: true`,
//! `TODO` paragraphs), and `validate` refuses those until a maintainer has replaced them: nothing
//! half-written can be published. Writes only a new folder, whole or not at all (a failed write
//! removes what it wrote); never touches existing files. Refuses while the site has errors: the
//! latest report might be the one that does not load.

use crate::diagnostics::Diagnostic;
use crate::model::{PartialDate, Report, Update, TODO_MARK};
use serde_yaml::Value;
use std::path::{Path, PathBuf};

/// What to scaffold.
pub struct NewReport<'a> {
    pub site: &'a Path,
    pub slug: &'a str,
    pub symbol: &'a str,
    pub date: &'a str,
}

/// Why nothing was scaffolded: the problems, and whether they are the arguments' (a usage error,
/// exit 2) or the site's or the disk's (exit 1).
#[derive(Debug)]
pub struct ScaffoldError {
    pub diagnostics: Vec<Diagnostic>,
    pub usage: bool,
}

impl ScaffoldError {
    fn usage(d: Diagnostic) -> ScaffoldError {
        ScaffoldError {
            diagnostics: vec![d],
            usage: true,
        }
    }

    fn other(d: Diagnostic) -> ScaffoldError {
        ScaffoldError {
            diagnostics: vec![d],
            usage: false,
        }
    }

    /// The last problem's message: the reason nothing was written.
    pub fn message(&self) -> &str {
        self.diagnostics
            .last()
            .map(|d| d.message.as_str())
            .unwrap_or("")
    }
}

/// A URL slug: lower-case words of letters and digits joined by single hyphens (`hsp-eb-2025-1`;
/// not `-`, `-x`, `x-` or `a--b`).
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A document symbol as the UN prints it: parts joined by `/`, each of upper-case letters, digits,
/// `.` and `-`, none empty, `.` or `..` (`HSP/EB.2025/12`; not `/`, `../../etc` or `hsp/eb`).
fn is_symbol(s: &str) -> bool {
    s.contains('/')
        && s.split('/').all(|p| {
            !p.is_empty()
                && p != "."
                && p != ".."
                && p.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b".-".contains(&b))
        })
}

/// What to tell a maintainer whose write failed, by what failed.
fn io_hint(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind::*;
    match e.kind() {
        StorageFull | QuotaExceeded => {
            "the disk is full: free some space, then run the command again (nothing was left behind)"
        }
        PermissionDenied | ReadOnlyFilesystem => {
            "check the folder's permissions, then run the command again (nothing was left behind)"
        }
        _ => "fix the cause above, then run the command again (nothing was left behind)",
    }
}

/// Writes `content/reports/{slug}/`; returns the files written.
pub fn new_report(req: &NewReport) -> Result<Vec<PathBuf>, ScaffoldError> {
    let reports_dir = req.site.join("content/reports");
    let dir = reports_dir.join(req.slug);
    let usage = |msg: String, hint: &str| {
        ScaffoldError::usage(Diagnostic::error(&dir, msg).hint(hint.to_string()))
    };
    if !is_slug(req.slug) {
        return Err(usage(
            format!("`{}` is not a URL slug", req.slug),
            "use lower-case letters and digits in words joined by single hyphens, e.g. hsp-eb-2025-1",
        ));
    }
    if !is_symbol(req.symbol) {
        return Err(usage(
            format!("`{}` is not a document symbol", req.symbol),
            "write it as the UN prints it, in capitals, e.g. HSP/EB.2025/12",
        ));
    }
    let date = PartialDate::parse(req.date)
        .map_err(|e| usage(e, "give the report's distribution date"))?;
    if std::fs::symlink_metadata(&dir).is_ok() {
        return Err(usage(
            format!("{} already exists", dir.display()),
            "choose another slug, or remove the folder if it is a failed attempt",
        ));
    }

    // The previous report, as the build reads it (all reports are loaded; the latest is carried
    // over). Only from a site without errors: a report that does not load would silently leave
    // an older one as "the latest".
    let (loaded, mut diags) = crate::load::load(req.site);
    let (site, d) = crate::validate::validate(loaded);
    diags.extend(d);
    let errors: Vec<Diagnostic> = diags.into_iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        let n = errors.len();
        let mut all = errors;
        all.push(
            Diagnostic::error(
                &dir,
                format!(
                    "the site has {n} error{} (above), so the latest report may not be the one read; nothing was written",
                    if n == 1 { "" } else { "s" }
                ),
            )
            .hint("fix them (`portal check` says no problems found), then scaffold again"),
        );
        return Err(ScaffoldError {
            diagnostics: all,
            usage: false,
        });
    }
    let Some(site) = site else {
        return Err(ScaffoldError::other(
            Diagnostic::error(
                req.site.join("site.yaml"),
                "the site cannot be read, so there is no previous report to start from",
            )
            .hint("run `portal check` and fix site.yaml first"),
        ));
    };
    let Some(prev) = site.reports.last() else {
        return Err(ScaffoldError::other(
            Diagnostic::error(&dir, "there is no previous report to carry over")
                .hint("write the first report by hand, as content/README.md describes"),
        ));
    };
    if date <= prev.date {
        return Err(usage(
            format!(
                "the date {date} is not after the latest report ({}, {})",
                prev.symbol, prev.date
            ),
            "reports are ordered by date: the next one must be dated after the latest",
        ));
    }
    if site
        .reports
        .iter()
        .any(|r| r.symbol.eq_ignore_ascii_case(req.symbol))
    {
        return Err(usage(
            format!("a report with symbol {} already exists", req.symbol),
            "each report folder holds one document",
        ));
    }
    let langs = site.config.language_codes();

    let mut files: Vec<(PathBuf, String)> = Vec::new();
    files.push((
        dir.join("report.yaml"),
        report_yaml(prev, req.symbol, date).map_err(ScaffoldError::other)?,
    ));
    let intro: Vec<u32> = prev
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().copied())
        .collect();
    if !intro.is_empty() {
        for l in &langs {
            files.push((
                dir.join(format!("report.{l}.md")),
                todo_paragraphs(&intro, req.symbol, l),
            ));
        }
    }
    for u in &prev.updates {
        let stem = u.resolution.slug();
        files.push((
            dir.join(format!("{stem}.yaml")),
            update_yaml(u, prev).map_err(ScaffoldError::other)?,
        ));
        for l in &langs {
            files.push((
                dir.join(format!("{stem}.{l}.md")),
                todo_paragraphs(&u.paragraphs, req.symbol, l),
            ));
        }
    }

    // Beside content/, not in it: a build reading content/ meanwhile never sees the stub half-made.
    let staging = req
        .site
        .join(format!(".portal-new-report-{}", std::process::id()));
    write_all(&dir, &staging, &files, |p, text| std::fs::write(p, text))
        .map_err(ScaffoldError::other)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// Writes `files` (paths under `dir`, which must not exist) with `write` into `staging`, a folder
/// outside content/ on the same disk, then renames it to `dir` in one step: a build or `serve`
/// reading content/ meanwhile sees no report folder or the whole one, and a failure (disk full,
/// permissions, Ctrl-C) leaves nothing. Where `staging` cannot be renamed into place (content/ is
/// a link to another disk), the files are written into `dir` itself, which is removed on failure.
fn write_all(
    dir: &Path,
    staging: &Path,
    files: &[(PathBuf, String)],
    write: impl Fn(&Path, &str) -> std::io::Result<()>,
) -> Result<(), Diagnostic> {
    let io = |p: &Path, e: std::io::Error| {
        let hint = io_hint(&e);
        Diagnostic::error(p, format!("cannot write: {e}")).hint(hint)
    };
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    if std::fs::symlink_metadata(dir).is_ok() {
        return Err(
            Diagnostic::error(dir, "cannot write: the folder already exists")
                .hint("choose another slug, or remove the folder if it is a failed attempt"),
        );
    }
    // Into `into` (which must not exist: `create_dir`, so the folder is ours only if this call
    // made it), each file at its place under `dir`; `into` is removed again on failure.
    let write_into = |into: &Path| -> Result<(), Diagnostic> {
        std::fs::create_dir(into).map_err(|e| io(into, e))?;
        crate::output::staging::remove_on_interrupt(into);
        let result = files.iter().try_for_each(|(p, text)| {
            let at = into.join(p.strip_prefix(dir).unwrap_or(p));
            write(&at, text).map_err(|e| io(p, e))
        });
        if result.is_err() {
            let _ = std::fs::remove_dir_all(into);
            crate::output::staging::forget_scratch(into);
        }
        result
    };
    // Named after this process: one left by a killed earlier process of the same id is stale.
    let _ = std::fs::remove_dir_all(staging);
    write_into(staging)?;
    let renamed = std::fs::rename(staging, dir);
    crate::output::staging::forget_scratch(staging);
    match renamed {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::CrossesDevices => {
            let _ = std::fs::remove_dir_all(staging);
            let r = write_into(dir);
            crate::output::staging::forget_scratch(dir);
            r
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(staging);
            Err(io(dir, e))
        }
    }
}

/// Placeholder paragraphs with the previous report's numbers: the maintainer renumbers them and
/// pastes the new text. `validate` refuses any paragraph still starting with `TODO`.
fn todo_paragraphs(numbers: &[u32], symbol: &str, lang: &str) -> String {
    let mut s = String::new();
    for n in numbers {
        s.push_str(&format!(
            "§ {n}\n\n{TODO_MARK}: paste the paragraph of {symbol} here, in `{lang}`, and correct the number above.\n\n"
        ));
    }
    s
}

fn to_yaml(header: &str, v: Value, file: &str) -> Result<String, Diagnostic> {
    // `unfinished: true` first, where nobody can miss it.
    let v = match prune(v) {
        Value::Mapping(mut m) => {
            let mut first = serde_yaml::Mapping::new();
            if let Some(u) = m.remove("unfinished") {
                first.insert("unfinished".into(), u);
            }
            first.extend(m);
            Value::Mapping(first)
        }
        other => other,
    };
    let body = serde_yaml::to_string(&v)
        .map_err(|e| Diagnostic::error(file, format!("cannot write YAML: {e}")))?;
    Ok(format!("{header}{body}"))
}

/// Drops null values and empty lists and maps, so the stub reads like a file written by hand.
fn prune(v: Value) -> Value {
    match v {
        Value::Mapping(m) => Value::Mapping(
            m.into_iter()
                .map(|(k, v)| (k, prune(v)))
                .filter(|(_, v)| !is_empty(v))
                .collect(),
        ),
        Value::Sequence(s) => Value::Sequence(s.into_iter().map(prune).collect()),
        other => other,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Sequence(s) => s.is_empty(),
        Value::Mapping(m) => m.is_empty(),
        _ => false,
    }
}

fn report_yaml(prev: &Report, symbol: &str, date: PartialDate) -> Result<String, Diagnostic> {
    let mut r = prev.clone();
    r.symbol = symbol.to_string();
    r.date = date;
    // The new report covers the time since the previous one's period (or date) ended.
    let start = prev.period.as_ref().map(|p| p.end).unwrap_or(prev.date);
    r.period = Some(crate::model::DateRange { start, end: date });
    r.meeting_dates = None;
    r.footnotes.clear();
    r.unfinished = true;
    let mut v = serde_yaml::to_value(&r)
        .map_err(|e| Diagnostic::error(&prev.file, format!("cannot copy: {e}")))?;
    if let Value::Mapping(m) = &mut v {
        m.remove("slug");
    }
    let header = format!(
        "# Scaffolded by `portal new report` from {prev} ({prev_date}).\n\
         # {TODO_MARK}: check every field against {symbol}: title, body, meeting, meeting_dates, period,\n\
         # sections, footnotes and documents. Then delete the line `unfinished: true`.\n",
        prev = prev.symbol,
        prev_date = prev.date,
    );
    to_yaml(&header, v, "report.yaml")
}

fn update_yaml(u: &Update, prev: &Report) -> Result<String, Diagnostic> {
    let mut u = u.clone();
    u.unfinished = true;
    u.text.clear();
    let mut v = serde_yaml::to_value(&u)
        .map_err(|e| Diagnostic::error(&u.file, format!("cannot copy: {e}")))?;
    if let Value::Mapping(m) = &mut v {
        m.remove("text");
        // Computed from the evidence (`Update::status_basis`), never written by hand.
        m.remove("status_basis");
        if let Some(Value::Mapping(f)) = m.get_mut("funding") {
            f.remove("status_basis");
        }
    }
    let header = format!(
        "# Carried over from {} as a starting point: every value below is what that report said.\n\
         # {TODO_MARK}: set paragraphs, status and funding (quote their evidence from the new paragraphs)\n\
         # and the facts from the new report; remove what it no longer says. Then delete the line\n\
         # `unfinished: true`.\n",
        prev.symbol
    );
    to_yaml(&header, v, &u.file.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_words_joined_by_single_hyphens() {
        for ok in ["hsp-eb-2025-1", "a", "2025", "x1-y2"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in [
            "", "-", "--", "-x", "x-", "a--b", "A-b", "a_b", "a/b", "../x", "é",
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn symbols_are_printed_parts() {
        for ok in ["HSP/EB.2025/12", "HSP/HA.2/7", "A/RES/78-1"] {
            assert!(is_symbol(ok), "{ok}");
        }
        for bad in [
            "",
            "/",
            "A/",
            "/A",
            "../../ETC",
            "A/./B",
            "hsp/eb.2025/1",
            "A/B\"<x>",
            "A//B",
        ] {
            assert!(!is_symbol(bad), "{bad}");
        }
    }

    /// A write failing part way (disk full, here the fourth file) leaves nothing, and the hint
    /// says what to do about that failure, not another.
    #[test]
    fn a_failed_write_leaves_nothing_and_says_why() {
        let base =
            std::env::temp_dir().join(format!("portal-scaffold-unit-{}", std::process::id()));
        let dir = base.join("content/reports/new");
        let staging = base.join(".portal-new-report");
        let files: Vec<(PathBuf, String)> = (0..6)
            .map(|i| (dir.join(format!("{i}.yaml")), "x".into()))
            .collect();
        for (kind, hint) in [
            (std::io::ErrorKind::StorageFull, "the disk is full"),
            (std::io::ErrorKind::QuotaExceeded, "the disk is full"),
            (std::io::ErrorKind::PermissionDenied, "permissions"),
            (std::io::ErrorKind::Other, "fix the cause above"),
        ] {
            let n = std::sync::atomic::AtomicUsize::new(0);
            let e = write_all(&dir, &staging, &files, |p, t| {
                if n.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 3 {
                    return Err(std::io::Error::from(kind));
                }
                std::fs::write(p, t)
            })
            .unwrap_err();
            assert!(
                !dir.exists() && !staging.exists(),
                "{kind:?}: the half-written folder is removed"
            );
            assert_eq!(e.file, files[3].0);
            let h = e.hint.clone().unwrap_or_default();
            assert!(h.contains(hint), "{kind:?}: {h}");
            assert!(!h.contains("permissions") || kind == std::io::ErrorKind::PermissionDenied);
        }
        // An existing folder is never taken over (nor removed).
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("mine.txt"), "keep").unwrap();
        assert!(write_all(&dir, &staging, &files, |p, t| std::fs::write(p, t)).is_err());
        assert!(dir.join("mine.txt").exists());
        // A write that succeeds: all files in place, nothing left beside them.
        let fresh = base.join("content/reports/fresh");
        let files: Vec<(PathBuf, String)> = (0..3)
            .map(|i| (fresh.join(format!("{i}.yaml")), "x".into()))
            .collect();
        write_all(&fresh, &staging, &files, |p, t| std::fs::write(p, t)).unwrap();
        assert!(files.iter().all(|(p, _)| p.is_file()) && !staging.exists());
        let _ = std::fs::remove_dir_all(&base);
    }
}
