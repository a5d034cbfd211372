//! Pointing a diagnostic at its source: the line of a needle or key in a file (with the last file
//! read kept), and values cut short for messages. Never decides whether something is a problem.

use std::path::Path;

/// A value quoted in a message, cut to 80 characters: a huge value must not make a huge message.
pub fn short(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]).into(),
        None => s.into(),
    }
}

/// The 1-based line of the first occurrence of `needle` in a file, to point a diagnostic at it.
/// Only called on the error path, so re-reading the file costs nothing in a good build.
pub fn locate(file: &Path, needle: &str) -> Option<usize> {
    locate_nth(file, needle, 1)
}

/// The 1-based line where a top-level `key` is set (not a comment that mentions it).
pub(super) fn locate_key(file: &Path, key: &str) -> Option<usize> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines().position(|l| l.starts_with(key)).map(|i| i + 1)
}

/// The 1-based line of a map entry `key:` at any depth (not a comment that mentions it).
pub(super) fn locate_entry(file: &Path, key: &str) -> Option<usize> {
    let text = source(file)?;
    let entry = format!("{key}:");
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches("- ");
            l.starts_with(&entry) || l.starts_with(&format!("\"{key}\":"))
        })
        .map(|i| i + 1)
}

/// The 1-based line, at or after line `from`, of the first line holding `needle`.
pub(super) fn locate_from(file: &Path, from: usize, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let text = source(file)?;
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
}

/// The 1-based line, at or after line `from`, where the whole of `value` starts, whitespace aside
/// (a YAML string may be folded over lines): two quotes that begin alike are told apart, and the
/// error points at the one that is wrong. `None` when the file writes it otherwise (escapes).
pub(super) fn locate_value(file: &Path, from: usize, value: &str) -> Option<usize> {
    let needle: Vec<char> = value.chars().filter(|c| !c.is_whitespace()).collect();
    if needle.is_empty() {
        return None;
    }
    let text = source(file)?;
    // The file's characters from line `from` on, whitespace aside, each with its line.
    let mut chars = Vec::new();
    for (i, l) in text.lines().enumerate().skip(from.saturating_sub(1)) {
        chars.extend(l.chars().filter(|c| !c.is_whitespace()).map(|c| (c, i + 1)));
    }
    chars
        .windows(needle.len())
        .find(|w| w.iter().map(|(c, _)| c).eq(needle.iter()))
        .map(|w| w[0].1)
}

/// The 1-based line where `key` is set to `value` for the `nth` time, the value written plain,
/// in double or in single quotes (`code: "../x"` is where the value `../x` is).
pub(super) fn locate_key_value(file: &Path, key: &str, value: &str, nth: usize) -> Option<usize> {
    [
        format!("{key}: {value}"),
        format!("{key}: \"{value}\""),
        format!("{key}: '{value}'"),
    ]
    .iter()
    .find_map(|needle| locate_nth(file, needle, nth))
}

pub(super) fn locate_nth(file: &Path, needle: &str, nth: usize) -> Option<usize> {
    if needle.is_empty() || nth == 0 {
        return None;
    }
    let text = source(file)?;
    let b = text.as_bytes();
    let (mut line, mut counted, mut last_line, mut seen) = (1, 0, 0, 0);
    for i in memchr::memmem::find_iter(b, needle.as_bytes()) {
        line += memchr::memchr_iter(b'\n', &b[counted..i]).count();
        counted = i;
        if line != last_line {
            last_line = line;
            seen += 1;
            if seen == nth {
                return Some(line);
            }
        }
    }
    None
}

thread_local! {
    /// The file `locate` read last: the problems of one file come together, and each would
    /// otherwise read it again.
    static SOURCE: std::cell::RefCell<Option<(std::path::PathBuf, std::rc::Rc<String>)>> =
        const { std::cell::RefCell::new(None) };
}

pub(super) fn source(file: &Path) -> Option<std::rc::Rc<String>> {
    SOURCE.with(|c| {
        if let Some((f, t)) = &*c.borrow() {
            if f == file {
                return Some(t.clone());
            }
        }
        let text = std::rc::Rc::new(std::fs::read_to_string(file).ok()?);
        *c.borrow_mut() = Some((file.to_path_buf(), text.clone()));
        Some(text)
    })
}

/// Forgets the file kept by `locate`: files change between the rebuilds of `serve`.
pub(super) fn forget() {
    SOURCE.with(|c| c.borrow_mut().take());
}
