//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A fresh, empty temporary folder for one test.
pub fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("portal-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Copies a folder tree (for tests that break a copy of a fixture).
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// All files under a folder as (relative path, bytes), sorted.
pub fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_str()
                .unwrap()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// Internal links (href, src, action) of every HTML file that point to no file of the build, or to no
/// element id on it. `base` is the site's path prefix (`/` or `/portal/`).
pub fn broken_links(files: &[resolution_portal::output::OutFile], base: &str) -> Vec<String> {
    let pages: std::collections::BTreeMap<&str, String> = files
        .iter()
        .map(|f| {
            (
                f.path.as_str(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        })
        .collect();
    let mut broken = Vec::new();
    for (path, html) in pages.iter().filter(|(p, _)| p.ends_with(".html")) {
        for attr in ["href=\"", "src=\"", "action=\""] {
            for (i, _) in html.match_indices(attr) {
                let start = i + attr.len();
                let Some(end) = html[start..].find('"') else {
                    continue;
                };
                let url = &html[start..start + end];
                if url.starts_with("http") || url.starts_with("mailto:") {
                    continue;
                }
                let (target, frag) = match url.split_once('#') {
                    Some((t, f)) => (t, Some(f)),
                    None => (url, None),
                };
                let target = target.split('?').next().unwrap_or("");
                let file = if target.is_empty() {
                    path.to_string()
                } else {
                    let Some(rel) = target.strip_prefix(base) else {
                        broken.push(format!("{path}: `{url}` is not under the base path {base}"));
                        continue;
                    };
                    if rel.is_empty() || rel.ends_with('/') {
                        format!("{rel}index.html")
                    } else {
                        rel.to_string()
                    }
                };
                match pages.get(file.as_str()) {
                    None => broken.push(format!("{path}: `{url}` points to no file")),
                    Some(page) => {
                        if let Some(f) = frag.filter(|f| !f.is_empty()) {
                            if !page.contains(&format!("id=\"{f}\"")) {
                                broken.push(format!(
                                    "{path}: `{url}` points to no element with id {f}"
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    broken
}

/// A copy of the fixture site `fixture` in a fresh temporary folder, to break for one test.
pub fn site_copy(fixture_name: &str, name: &str) -> PathBuf {
    let dir = temp(name);
    copy_tree(&fixture(fixture_name), &dir);
    dir
}

/// Replaces the first `from` with `to` in the site file `rel` (which must contain `from`).
pub fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let p = dir.join(rel);
    let s = std::fs::read_to_string(&p).unwrap();
    assert!(s.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(p, s.replacen(from, to, 1)).unwrap();
}

/// One problem as `portal check --format json` prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub severity: String,
    pub file: String,
    pub line: Option<u64>,
    pub message: String,
    pub hint: Option<String>,
}

/// Runs `portal` with `args`.
pub fn portal(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .output()
        .unwrap()
}

/// `portal check --format json` on `dir`: its exit code and problems (in the printed order).
pub fn check_json(dir: &Path) -> (Option<i32>, Vec<Problem>) {
    let o = portal(&["check", "--site", dir.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Array(vec![]));
    let problems = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| Problem {
            severity: d["severity"].as_str().unwrap().to_string(),
            file: d["file"].as_str().unwrap().to_string(),
            line: d["line"].as_u64(),
            message: d["message"].as_str().unwrap().to_string(),
            hint: d["hint"].as_str().map(str::to_string),
        })
        .collect();
    (o.status.code(), problems)
}

/// The errors among `problems`.
pub fn errors(problems: &[Problem]) -> Vec<&Problem> {
    problems.iter().filter(|p| p.severity == "error").collect()
}
