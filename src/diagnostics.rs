//! Diagnostics: the one type every stage uses to report a problem in the content, and its three printers
//! (human, GitHub Actions annotations, JSON). Stages collect diagnostics and keep going; they never print.

use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file. `line` and `column` are 1-based; absent where the problem has no place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    #[serde(serialize_with = "lossy")]
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Sums up the problems listed before it ("N more …"): sorted after the others at its place,
    /// so that it is printed below what it follows. (Field order is sort order.)
    #[serde(skip)]
    pub summary: bool,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

/// A path as text even when it is not UTF-8 (serde would fail, and the JSON output be empty).
fn lossy<S: serde::Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string_lossy())
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            summary: false,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, line: Option<usize>, column: Option<usize>) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// Marks this as the summary of the problems before it (see `summary`).
    pub fn summary(mut self) -> Self {
        self.summary = true;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Output format of `portal check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Github,
    Json,
}

/// Sorts (so output is stable) and prints for the chosen audience. `root` makes paths relative.
pub fn print(diags: &[Diagnostic], format: Format, root: &Path) -> String {
    let mut diags: Vec<Diagnostic> = diags
        .iter()
        .map(|d| Diagnostic {
            file: relative(&d.file, root),
            ..d.clone()
        })
        .collect();
    diags.sort();
    match format {
        Format::Human => human(&diags, root),
        Format::Github => github(&diags),
        Format::Json => serde_json::to_string_pretty(&diags).unwrap_or_default() + "\n",
    }
}

fn relative(file: &Path, root: &Path) -> PathBuf {
    file.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| file.to_path_buf())
}

fn location(d: &Diagnostic) -> String {
    let mut s = d.file.display().to_string();
    if let Some(line) = d.line {
        let _ = write!(s, ":{line}");
        if let Some(col) = d.column {
            let _ = write!(s, ":{col}");
        }
    }
    s
}

fn human(diags: &[Diagnostic], root: &Path) -> String {
    let mut out = String::new();
    // Each file is read once, however many problems it has (one record can have thousands).
    let mut sources: std::collections::HashMap<&Path, Option<Lines>> = Default::default();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "{kind}: {}\n  --> {}",
            escape_controls(&d.message),
            escape_controls(&location(d))
        );
        if let Some(line) = d.line {
            let src = sources
                .entry(d.file.as_path())
                .or_insert_with(|| Lines::read(&root.join(&d.file)));
            if let Some(src) = src.as_ref().and_then(|s| s.line(line)) {
                let (shown, cut) = echo(src);
                let _ = writeln!(out, "{line:>5} | {shown}");
                if let Some(col) = d.column.filter(|&c| c <= cut) {
                    let _ = writeln!(out, "      | {}^", " ".repeat(col.saturating_sub(1)));
                }
            }
        }
        if let Some(h) = &d.hint {
            let _ = writeln!(out, "  = hint: {}", escape_controls(h));
        }
        out.push('\n');
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let _ = writeln!(
        out,
        "{errors} error(s), {} warning(s)",
        diags.len() - errors
    );
    out
}

/// A file's text and where each line starts, to echo the lines diagnostics point at.
struct Lines {
    text: String,
    starts: Vec<usize>,
}

impl Lines {
    fn read(file: &Path) -> Option<Lines> {
        let bytes = std::fs::read(file).ok()?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Some(Lines { text, starts })
    }

    fn line(&self, n: usize) -> Option<&str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).map_or(self.text.len(), |&e| e - 1);
        let l = self.text.get(start..end.max(start))?;
        Some(l.strip_suffix('\r').unwrap_or(l))
    }
}

/// Longest source line echoed under a diagnostic, in characters.
const ECHO_CHARS: usize = 200;

/// A source line as echoed: escaped, and cut with an ellipsis after `ECHO_CHARS` characters. Also
/// returns up to which column the caret can point.
fn echo(line: &str) -> (String, usize) {
    match line.char_indices().nth(ECHO_CHARS) {
        Some((i, _)) => (format!("{}…", escape_controls(&line[..i])), ECHO_CHARS),
        None => (escape_controls(line).into_owned(), usize::MAX),
    }
}

/// Text from content made safe for a terminal: control characters (escape sequences, carriage
/// returns, bidi overrides) are shown as `\u{…}` instead of acting on the terminal. Tab stays.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c.is_control() && c != '\t') || is_bidi_control(c);
    if !s.chars().any(bad) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if bad(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Characters that reorder the text around them (bidi embeddings, overrides and isolates).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// GitHub Actions workflow commands; `%`, CR and LF must be escaped in the message.
fn github(diags: &[Diagnostic]) -> String {
    let esc = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |s: &str| esc(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", prop(&d.file.display().to_string()));
        if let Some(l) = d.line {
            let _ = write!(props, ",line={l}");
        }
        if let Some(c) = d.column {
            let _ = write!(props, ",col={c}");
        }
        let mut msg = d.message.clone();
        if let Some(h) = &d.hint {
            let _ = write!(msg, " (hint: {h})");
        }
        let _ = writeln!(out, "::{kind} {props}::{}", esc(&msg));
    }
    out
}

/// Suggests the closest candidate for a misspelt name ("titel" → "title").
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // The distance costs the product of the two lengths: a name longer than this is not a
    // misspelling, and a 50 MB value must not take a minute to compare.
    const LONGEST: usize = 64;
    if word.len() > LONGEST * 4 || word.chars().count() > LONGEST {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| c.chars().count() <= LONGEST)
        .map(|c| (levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min()
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("titel", ["title", "year", "topics"]),
            Some("title")
        );
        assert_eq!(did_you_mean("zzzz", ["title", "year"]), None);
    }

    #[test]
    fn github_format_escapes_and_locates() {
        let d = Diagnostic::error("content/a.yaml", "bad\nthing")
            .at(Some(3), Some(5))
            .hint("fix it");
        let s = print(&[d], Format::Github, Path::new(""));
        assert_eq!(
            s,
            "::error file=content/a.yaml,line=3,col=5::bad%0Athing (hint: fix it)\n"
        );
    }
}
