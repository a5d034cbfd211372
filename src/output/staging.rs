//! Staging: put the built site on disk all at once or not at all. Files are written, as soon as they are
//! rendered and from many threads, into a staging folder beside the output; the folder is swapped in
//! only when the whole build succeeded, so a failed build leaves the previous output untouched.

use super::{Render, Sink};
use crate::diagnostics::Diagnostic;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Marks a folder as written by portal, so that we never replace a folder we did not write.
pub const MARKER: &str = ".portal-output";

fn safe_relative(p: &str) -> bool {
    !p.is_empty()
        && Path::new(p)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// What a build did to the output folder, so that the command line says only what is true.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The output folder is as it was before the build.
    Untouched,
    /// The new site replaced it.
    Replaced,
    /// Neither: a diagnostic says where the previous output is.
    Disturbed,
}

/// Staging folders of this process, removed if it is interrupted (Ctrl-C, SIGTERM).
static ACTIVE: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
/// Set once the process is being interrupted: no more files are written.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Called on Ctrl-C or SIGTERM: stops writing and removes the staging folders being written, so
/// that an interrupted build leaves the output as it was and nothing beside it. (A build killed
/// with SIGKILL cannot clean up: the next build removes what it left, see `remove_stale`.)
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::SeqCst);
    let active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner()).clone();
    for dir in active {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Whether `interrupt` was called: the build stops, and its errors are only the interruption's.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

fn register(dir: &Path, active: bool) {
    let mut a = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
    a.retain(|d| d != dir);
    if active {
        a.push(dir.to_path_buf());
    }
}

/// A staging folder that becomes the output folder on `commit`.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    count: AtomicUsize,
    /// Things worth saying that do not stop the build (stale folders that could not be removed).
    pub warnings: Vec<Diagnostic>,
}

impl Staging {
    /// Checks that `out` may be replaced and creates an empty staging folder beside it.
    pub fn new(out: &Path, site: &Path) -> Result<Staging, Diagnostic> {
        let err = |msg: String| Diagnostic::error(out, msg);
        // `out/..`, `/` or `.` name no folder that could be swapped.
        let Some(Component::Normal(name)) = out.components().next_back() else {
            return Err(err("the output path does not end in a folder name".into())
                .hint("name the folder itself, e.g. --out public"));
        };
        let name = name.to_string_lossy().into_owned();
        if let Ok(m) = std::fs::symlink_metadata(out) {
            if m.file_type().is_symlink() {
                let target = std::fs::read_link(out)
                    .map(|t| t.display().to_string())
                    .unwrap_or_else(|_| "?".into());
                return Err(err(format!("the output path is a symbolic link (to {target}); the build would replace the link with a folder and leave {target} stale, so nothing was written"))
                    .hint("pass the folder the link points to as --out, or remove the link"));
            }
        }
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .map_err(|e| err(format!("cannot create {}: {e}", parent.display())))?;
        // From here on the output is named by its real parent: `./out/../out` must not stop
        // resolving once `out` is moved, and two spellings of one folder are one folder.
        let parent = std::fs::canonicalize(&parent)
            .map_err(|e| err(format!("cannot resolve {}: {e}", parent.display())))?;
        let out = &parent.join(&name);
        let err = |msg: String| Diagnostic::error(out, msg);
        if out.exists() {
            if !out.is_dir() {
                return Err(err("the output path exists and is not a folder".into())
                    .hint("choose another --out"));
            }
            let empty = std::fs::read_dir(out)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if !empty && !out.join(MARKER).exists() {
                return Err(err("the output folder is not empty and was not written by portal; refusing to replace it".into())
                    .hint("choose an empty or new folder with --out, or delete this one yourself"));
            }
        }
        let site = std::fs::canonicalize(site).unwrap_or_else(|_| site.to_path_buf());
        if site.starts_with(out) {
            return Err(err("the output folder contains the site folder".into())
                .hint("use an output folder inside or beside the site, e.g. public/"));
        }
        // The build reads these: an output among them would be read back as input (copied into
        // itself, warned about, or rebuilt forever by `serve`).
        for input in ["content", "themes", "seeds", "site.yaml"] {
            if out.starts_with(site.join(input)) {
                return Err(err(format!(
                    "the output folder is inside the site's `{input}`, which the build reads"
                ))
                .hint("use a folder outside content/, themes/ and seeds/, e.g. public/"));
            }
        }
        let warnings = remove_stale(&parent, &name);
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        register(&tmp, true);
        std::fs::create_dir(&tmp)
            .map_err(|e| err(format!("cannot create {}: {e}", tmp.display())))?;
        std::fs::write(tmp.join(MARKER), b"")
            .map_err(|e| err(format!("cannot write the marker: {e}")))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            old,
            count: AtomicUsize::new(0),
            warnings,
        })
    }

    pub fn count(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }

    /// Removes the staging folder; the output stays as it was.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.tmp);
        register(&self.tmp, false);
    }

    /// Puts the staging folder in place of the output: one atomic exchange where the system has one
    /// (Linux `renameat2(RENAME_EXCHANGE)`), so that at every instant the output is either the old
    /// site or the new one. Elsewhere, or on a file system without it, two renames: the previous
    /// output is moved aside, then the new one into place (and the old one back if that fails).
    /// Returns what happened to the output, and warnings.
    pub fn commit(self) -> (Outcome, Vec<Diagnostic>) {
        let mut warnings = Vec::new();
        let err = |msg: String| Diagnostic::error(&self.out, msg);
        let done = |s: &Staging| register(&s.tmp, false);
        let swapped = if std::fs::symlink_metadata(&self.out).is_ok() {
            match exchange(&self.tmp, &self.out) {
                // The staging folder now holds the previous output.
                Ok(true) => std::fs::rename(&self.tmp, &self.old).map(|_| true),
                Ok(false) => {
                    // No atomic exchange here: two renames.
                    if let Err(e) = std::fs::rename(&self.out, &self.old) {
                        let _ = std::fs::remove_dir_all(&self.tmp);
                        done(&self);
                        return (
                            Outcome::Untouched,
                            vec![err(format!("cannot move the previous output aside: {e}"))],
                        );
                    }
                    if let Err(e) = std::fs::rename(&self.tmp, &self.out) {
                        let _ = std::fs::remove_dir_all(&self.tmp);
                        done(&self);
                        return match std::fs::rename(&self.old, &self.out) {
                            Ok(()) => (
                                Outcome::Untouched,
                                vec![err(format!("cannot move the new output into place: {e}"))],
                            ),
                            Err(e2) => (
                                Outcome::Disturbed,
                                vec![err(format!("cannot move the new output into place ({e}), nor the previous one back ({e2}): the previous output is in {}", self.old.display()))
                                    .hint("rename that folder back, or build again")],
                            ),
                        };
                    }
                    Ok(true)
                }
                Err(e) => {
                    let _ = std::fs::remove_dir_all(&self.tmp);
                    done(&self);
                    return (
                        Outcome::Untouched,
                        vec![err(format!("cannot swap the new output into place: {e}"))],
                    );
                }
            }
        } else {
            std::fs::rename(&self.tmp, &self.out).map(|_| false)
        };
        done(&self);
        match swapped {
            Ok(true) => {
                if let Err(e) = std::fs::remove_dir_all(&self.old) {
                    warnings.push(
                        Diagnostic::warning(
                            &self.out,
                            format!(
                                "the new site is in place, but the previous one could not be removed from {}: {e}",
                                self.old.display()
                            ),
                        )
                        .hint("make it writable and delete it; the next build also tries"),
                    );
                }
                (Outcome::Replaced, warnings)
            }
            Ok(false) => (Outcome::Replaced, warnings),
            Err(e) => {
                // Another build may have created the output meanwhile; it is then that build's.
                let _ = std::fs::remove_dir_all(&self.tmp);
                (
                    Outcome::Untouched,
                    vec![err(format!("cannot move the new output into place: {e}"))],
                )
            }
        }
    }
}

/// Exchanges two paths atomically. `Ok(false)` when the system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Whether the process `pid` is running (a staging folder of a running build is not stale).
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn alive(_: u32) -> bool {
    true // unknown: keep the folder
}

/// Removes the staging folders (`.NAME.tmp-PID`, `.NAME.old-PID`) that builds which are no longer
/// running left beside the output (killed, or the power went). Returns warnings for those that
/// could not be removed.
fn remove_stale(parent: &Path, name: &str) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let Ok(entries) = std::fs::read_dir(parent) else {
        return warnings;
    };
    let me = std::process::id();
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(n) = file_name.to_str() else {
            continue;
        };
        let pid = n
            .strip_prefix(&format!(".{name}."))
            .and_then(|r| r.strip_prefix("tmp-").or_else(|| r.strip_prefix("old-")))
            .and_then(|p| p.parse::<u32>().ok());
        let Some(pid) = pid else {
            continue;
        };
        if pid == me || alive(pid) || !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        if let Err(err) = std::fs::remove_dir_all(e.path()) {
            warnings.push(
                Diagnostic::warning(
                    e.path(),
                    format!("cannot remove this folder an interrupted build left: {err}"),
                )
                .hint("delete it yourself"),
            );
        }
    }
    warnings
}

impl Sink for Staging {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        if INTERRUPTED.load(Ordering::Relaxed) {
            return Err(Diagnostic::error(&self.out, "interrupted"));
        }
        if !safe_relative(&path) {
            return Err(Diagnostic::error(
                &self.out,
                format!("refusing to write `{path}` outside the output folder"),
            ));
        }
        let full = self.tmp.join(&path);
        let write = |full: &Path| std::fs::write(full, &bytes);
        if write(&full).is_err() {
            // Most folders exist already; create them only when a write says otherwise.
            if let Some(parent) = full.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            write(&full)
                .map_err(|e| Diagnostic::error(&self.out, format!("cannot write {path}: {e}")))?;
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn write_with(&self, path: String, render: Render) -> Result<(), Diagnostic> {
        if INTERRUPTED.load(Ordering::Relaxed) {
            return Err(Diagnostic::error(&self.out, "interrupted"));
        }
        if !safe_relative(&path) {
            return Err(Diagnostic::error(
                &self.out,
                format!("refusing to write `{path}` outside the output folder"),
            ));
        }
        let full = self.tmp.join(&path);
        // A page (`…/2-7/index.html`) has a folder of its own, which never exists yet: it is made
        // first, which saves the failed open that would otherwise come before it.
        if path.ends_with("/index.html") {
            if let Some(parent) = full.parent() {
                let _ = std::fs::create_dir(parent);
            }
        }
        let file = std::fs::File::create(&full).or_else(|_| {
            if let Some(parent) = full.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            std::fs::File::create(&full)
        });
        let err =
            |e: std::io::Error| Diagnostic::error(&self.out, format!("cannot write {path}: {e}"));
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, file.map_err(err)?);
        render(&mut w)?;
        std::io::Write::flush(&mut w).map_err(err)?;
        self.count.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_paths_leaving_the_folder() {
        assert!(!safe_relative("../x"));
        assert!(!safe_relative("/etc/passwd"));
        assert!(!safe_relative("a/../../b"));
        assert!(safe_relative("en/resolutions/2-7/index.html"));
    }

    #[test]
    fn refuses_to_replace_a_foreign_folder_and_writes_atomically() {
        let dir = std::env::temp_dir().join(format!("portal-write-{}", std::process::id()));
        let out = dir.join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("precious.txt"), "keep").unwrap();
        assert!(Staging::new(&out, &dir.join("site")).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("precious.txt")).unwrap(),
            "keep"
        );
        std::fs::remove_file(out.join("precious.txt")).unwrap();

        let s = Staging::new(&out, &dir.join("site")).unwrap();
        s.put("a/b/index.html".into(), b"x".to_vec()).unwrap();
        assert!(s.put("../escape".into(), b"x".to_vec()).is_err());
        assert!(!out.join("a").exists(), "nothing appears before commit");
        assert_eq!(s.commit().0, Outcome::Replaced);
        assert_eq!(std::fs::read(out.join("a/b/index.html")).unwrap(), b"x");
        assert!(out.join(MARKER).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
