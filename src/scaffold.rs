//! `portal new report`: scaffolds the next report's folder from the latest one, so that publishing
//! it is filling in, not starting over. Every file it writes is visibly unfinished (`unfinished: true`,
//! `TODO` paragraphs), and `validate` refuses those until a maintainer has replaced them: nothing
//! half-written can be published. Writes only a new folder; never touches existing files.

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

/// Writes `content/reports/{slug}/`; returns the files written.
pub fn new_report(req: &NewReport) -> Result<Vec<PathBuf>, Diagnostic> {
    let reports_dir = req.site.join("content/reports");
    let dir = reports_dir.join(req.slug);
    let usage = |msg: String, hint: &str| Diagnostic::error(&dir, msg).hint(hint.to_string());
    if req.slug.is_empty()
        || !req
            .slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(usage(
            format!("`{}` is not a URL slug", req.slug),
            "use lower-case letters, digits and hyphens, e.g. hsp-eb-2025-1",
        ));
    }
    if !req.symbol.contains('/')
        || !req
            .symbol
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/.-".contains(&b))
    {
        return Err(usage(
            format!("`{}` is not a document symbol", req.symbol),
            "write it as the UN prints it, e.g. HSP/EB.2025/12",
        ));
    }
    let date = PartialDate::parse(req.date)
        .map_err(|e| usage(e, "give the report's distribution date"))?;
    if dir.exists() {
        return Err(usage(
            format!("{} already exists", dir.display()),
            "choose another slug, or remove the folder if it is a failed attempt",
        ));
    }

    // The previous report, as the build reads it (all reports are loaded; the latest is carried over).
    let (loaded, _) = crate::load::load(req.site);
    let (site, _) = crate::validate::validate(loaded);
    let Some(site) = site else {
        return Err(Diagnostic::error(
            req.site.join("site.yaml"),
            "the site cannot be read, so there is no previous report to start from",
        )
        .hint("run `portal check` and fix site.yaml first"));
    };
    let Some(prev) = site.reports.last() else {
        return Err(usage(
            "there is no previous report to carry over".into(),
            "write the first report by hand, as content/README.md describes",
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
    if site.reports.iter().any(|r| r.symbol == req.symbol) {
        return Err(usage(
            format!("a report with symbol {} already exists", req.symbol),
            "each report folder holds one document",
        ));
    }
    let langs = site.config.language_codes();

    let mut files: Vec<(PathBuf, String)> = Vec::new();
    files.push((
        dir.join("report.yaml"),
        report_yaml(prev, req.symbol, date)?,
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
        files.push((dir.join(format!("{stem}.yaml")), update_yaml(u, prev)?));
        for l in &langs {
            files.push((
                dir.join(format!("{stem}.{l}.md")),
                todo_paragraphs(&u.paragraphs, req.symbol, l),
            ));
        }
    }

    let io = |p: &Path, e: std::io::Error| {
        Diagnostic::error(p, format!("cannot write: {e}")).hint("check the folder's permissions")
    };
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    for (p, text) in &files {
        std::fs::write(p, text).map_err(|e| io(p, e))?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
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
