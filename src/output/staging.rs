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

/// Marks a staging folder (`.NAME.tmp-PID`, `.NAME.old-PID`) as made by portal: the next build
/// removes such a folder left by a build that no longer runs only if it holds this file, naming the
/// output and the process, so that a user's own `.public.old-2023/` is never deleted.
pub const STAGING_MARKER: &str = ".portal-staging";

fn staging_mark(name: &str, pid: u32) -> String {
    format!("portal staging folder of `{name}`, process {pid}; the next build removes it\n")
}

/// What this process is doing to its output folders, for the Ctrl-C handler. Changed under its
/// lock only, so that an interruption sees either "not yet swapped" or "swapped", never between.
struct State {
    /// Staging folders being written: (staging folder, output folder, parents created for it).
    active: Vec<(PathBuf, PathBuf, Vec<PathBuf>)>,
    /// Set while a commit moves folders: an interruption then waits for it to end.
    swapping: bool,
    /// After a commit put the new site in place: (output, where the previous one is until removed).
    swapped: Option<(PathBuf, PathBuf)>,
    /// Other folders to remove if the process is interrupted (a scaffold being written, serve's).
    scratch: Vec<PathBuf>,
}

static STATE: std::sync::Mutex<State> = std::sync::Mutex::new(State {
    active: Vec::new(),
    swapping: false,
    swapped: None,
    scratch: Vec::new(),
});
/// Set once the process is being interrupted: no more files are written.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn state() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// What an interruption did, so that the command line says only what is true.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Interrupted {
    /// The staging folders of these outputs were removed; each output is as it was.
    Stopped(Vec<PathBuf>),
    /// The new site was already in place in `out`; the previous one is (partly) left in `old`,
    /// which the next build removes.
    AfterSwap { out: PathBuf, old: PathBuf },
}

/// Called on Ctrl-C or SIGTERM: stops writing and removes the staging folders being written, so
/// that an interrupted build leaves the output as it was and nothing beside it. A swap in progress
/// is let finish first (it takes microseconds), so that the output is never missing. (A build
/// killed with SIGKILL cannot clean up: the next build removes what it left, see `remove_stale`.)
pub fn interrupt() -> Interrupted {
    let mut st = state();
    INTERRUPTED.store(true, Ordering::SeqCst);
    while st.swapping {
        drop(st);
        std::thread::sleep(std::time::Duration::from_millis(5));
        st = state();
    }
    for dir in std::mem::take(&mut st.scratch) {
        let _ = std::fs::remove_dir_all(&dir);
    }
    if let Some((out, old)) = st.swapped.clone() {
        return Interrupted::AfterSwap { out, old };
    }
    let mut outs = Vec::new();
    for (tmp, out, created) in std::mem::take(&mut st.active) {
        let _ = std::fs::remove_dir_all(&tmp);
        remove_created(&created);
        outs.push(out);
    }
    Interrupted::Stopped(outs)
}

/// Whether `interrupt` was called: the build stops, and its errors are only the interruption's.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Removes `dir` if the process is interrupted before `forget_scratch(dir)`.
pub fn remove_on_interrupt(dir: &Path) {
    state().scratch.push(dir.to_path_buf());
}

pub fn forget_scratch(dir: &Path) {
    state().scratch.retain(|d| d != dir);
}

fn register(dir: &Path, out: &Path, created: &[PathBuf], active: bool) {
    let mut st = state();
    st.active.retain(|(d, _, _)| d != dir);
    if active {
        st.active
            .push((dir.to_path_buf(), out.to_path_buf(), created.to_vec()));
    }
}

/// A test seam (debug builds only): `PORTAL_TEST_PAUSE=swap` or `=cleanup` holds the commit for two
/// seconds at that point, so that a test can interrupt it there.
fn test_pause(point: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("PORTAL_TEST_PAUSE").is_ok_and(|v| v == point) {
        eprintln!("paused at {point}");
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
    let _ = point;
}

/// Where an output folder will be: its real parent folder (which may not exist yet), its name, and
/// the two joined.
struct OutTarget {
    parent: PathBuf,
    name: String,
    out: PathBuf,
}

/// `path` made absolute and resolved without creating anything: the part that exists through its
/// real path (symbolic links followed), the rest by its names, where `..` drops the name before it
/// (a folder that does not exist cannot be a link). `./nonexist/../out` is `./out`.
fn resolve_without_creating(path: &Path) -> std::io::Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut resolved = PathBuf::new();
    let mut missing = false;
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => resolved.push(c.as_os_str()),
            Component::CurDir => {}
            // `resolved` has no link in it, so its parent is the folder `..` names.
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(n) => {
                let next = resolved.join(n);
                if missing || std::fs::symlink_metadata(&next).is_err() {
                    missing = true;
                    resolved = next;
                } else {
                    resolved = std::fs::canonicalize(&next)?;
                }
            }
        }
        if missing && std::fs::symlink_metadata(&resolved).is_ok() {
            // `..` led back into folders that exist.
            missing = false;
            resolved = std::fs::canonicalize(&resolved)?;
        }
    }
    Ok(resolved)
}

/// Checks that `out` may be replaced by a build of `site`, without creating or changing anything.
/// Returns its real place.
fn check_out(out: &Path, site: &Path) -> Result<OutTarget, Diagnostic> {
    let err = |msg: String| Diagnostic::error(out, msg);
    // `out/..`, `/` or `.` name no folder that could be swapped.
    let Some(Component::Normal(name)) = out.components().next_back() else {
        return Err(err("the output path does not end in a folder name".into())
            .hint("name the folder itself, e.g. --out public"));
    };
    let name = name.to_string_lossy().into_owned();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // From here on the output is named by its real parent: `./out/../out` must not stop
    // resolving once `out` is moved, and two spellings of one folder are one folder.
    let parent = resolve_without_creating(&parent).map_err(|e| {
        err(format!("cannot resolve {}: {e}", parent.display()))
            .hint("check the --out path: a folder on the way may be a broken link")
    })?;
    let out = parent.join(&name);
    let err = |msg: String| Diagnostic::error(&out, msg);
    // The output itself, not what it points to: `link/` is the link `link`.
    if let Ok(m) = std::fs::symlink_metadata(&out) {
        if m.file_type().is_symlink() {
            let target = std::fs::read_link(&out)
                .map(|t| t.display().to_string())
                .unwrap_or_else(|_| "?".into());
            return Err(err(format!("the output path is a symbolic link (to {target}); the build would replace the link with a folder and leave {target} stale, so nothing was written"))
                .hint("pass the folder the link points to as --out, or remove the link"));
        }
        if !m.is_dir() {
            return Err(err("the output path exists and is not a folder".into())
                .hint("choose another --out"));
        }
        let empty = std::fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out.join(MARKER).exists() {
            return Err(err("the output folder is not empty and was not written by portal; refusing to replace it".into())
                .hint("choose an empty or new folder with --out, or delete this one yourself"));
        }
    }
    let site = resolve_without_creating(site).unwrap_or_else(|_| site.to_path_buf());
    if site.starts_with(&out) {
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
    Ok(OutTarget { parent, name, out })
}

/// Whether `out` may be used as the output folder of `site` (the checks of `Staging::new`, without
/// creating anything), so that a command can refuse a wrong `--out` before it builds.
pub fn check_output(out: &Path, site: &Path) -> Result<PathBuf, Diagnostic> {
    check_out(out, site).map(|t| t.out)
}

/// Creates `dir` and its missing parents; returns those it created, outermost first.
fn create_parents(dir: &Path) -> Result<Vec<PathBuf>, (PathBuf, std::io::Error)> {
    let mut missing = Vec::new();
    let mut d = dir;
    while std::fs::symlink_metadata(d).is_err() {
        missing.push(d.to_path_buf());
        match d.parent() {
            Some(p) => d = p,
            None => break,
        }
    }
    missing.reverse();
    let mut created = Vec::new();
    for m in missing {
        match std::fs::create_dir(&m) {
            Ok(()) => created.push(m),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                remove_created(&created);
                return Err((m, e));
            }
        }
    }
    Ok(created)
}

/// Removes the folders `create_parents` made, innermost first, as long as they are empty.
fn remove_created(created: &[PathBuf]) {
    for d in created.iter().rev() {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
    }
}

/// A staging folder that becomes the output folder on `commit`.
pub struct Staging {
    out: PathBuf,
    /// The output folder's name (`public`), which names the staging folders beside it.
    name: String,
    /// Folders created for the output's parent (outermost first), removed if no site is put there.
    created: Vec<PathBuf>,
    tmp: PathBuf,
    old: PathBuf,
    count: AtomicUsize,
    /// Things worth saying that do not stop the build (stale folders that could not be removed).
    pub warnings: Vec<Diagnostic>,
}

impl Staging {
    /// Checks that `out` may be replaced and creates an empty staging folder beside it. Nothing is
    /// created before every check has passed; the folders created for the output's parent are
    /// removed again if the build does not put a site there.
    pub fn new(out: &Path, site: &Path) -> Result<Staging, Diagnostic> {
        let target = check_out(out, site)?;
        let OutTarget { parent, name, out } = target;
        let err = |msg: String| Diagnostic::error(&out, msg);
        let created = create_parents(&parent).map_err(|(p, e)| {
            err(format!("cannot create the folder {}: {e}", p.display()))
                .hint("check that the path is right and writable, or choose another --out")
        })?;
        let warnings = remove_stale(&parent, &name);
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.tmp-{pid}"));
        let old = parent.join(format!(".{name}.old-{pid}"));
        let _ = std::fs::remove_dir_all(&tmp);
        register(&tmp, &out, &created, true);
        let made = std::fs::create_dir(&tmp)
            .map_err(|e| err(format!("cannot create {}: {e}", tmp.display())))
            .and_then(|()| {
                std::fs::write(tmp.join(MARKER), b"")
                    .and_then(|()| {
                        std::fs::write(tmp.join(STAGING_MARKER), staging_mark(&name, pid))
                    })
                    .map_err(|e| {
                        err(format!(
                            "cannot write the marker into {}: {e}",
                            tmp.display()
                        ))
                    })
            });
        if let Err(e) = made {
            let _ = std::fs::remove_dir_all(&tmp);
            register(&tmp, &out, &created, false);
            remove_created(&created);
            return Err(e.hint("check that the folder is writable and the disk not full"));
        }
        Ok(Staging {
            out,
            name,
            tmp,
            old,
            created,
            count: AtomicUsize::new(0),
            warnings,
        })
    }

    pub fn count(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }

    /// Removes the staging folder (and the parents created for it); the output stays as it was.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.tmp);
        register(&self.tmp, &self.out, &self.created, false);
        if std::fs::symlink_metadata(&self.out).is_err() {
            remove_created(&self.created);
        }
    }

    /// Marks the previous output as ours before it is moved aside as `.NAME.old-PID`, so that it
    /// is removed by the next build if this one is killed before it removes it.
    fn mark_old(&self, dir: &Path) {
        let _ = std::fs::write(
            dir.join(STAGING_MARKER),
            staging_mark(&self.name, std::process::id()),
        );
    }

    /// Puts the staging folder in place of the output: one atomic exchange where the system has one
    /// (Linux `renameat2(RENAME_EXCHANGE)`), so that at every instant the output is either the old
    /// site or the new one. Elsewhere, or on a file system without it, two renames: the previous
    /// output is moved aside, then the new one into place (and the old one back if that fails).
    /// Returns what happened to the output, and warnings. Interrupted (Ctrl-C) during the swap, it
    /// finishes it first; interrupted after it, the previous output is left for the next build.
    pub fn commit(self) -> (Outcome, Vec<Diagnostic>) {
        let mut warnings = Vec::new();
        let err = |msg: String| Diagnostic::error(&self.out, msg);
        {
            let mut st = state();
            if interrupted() {
                drop(st);
                let e = Diagnostic::error(&self.out, "the build was interrupted");
                self.abandon();
                return (Outcome::Untouched, vec![e]);
            }
            st.swapping = true;
            st.active.retain(|(d, _, _)| d != &self.tmp);
        }
        let end_swap = |swapped: Option<&Path>| {
            let mut st = state();
            st.swapping = false;
            st.swapped = swapped.map(|old| (self.out.clone(), old.to_path_buf()));
        };
        let swapped = if std::fs::symlink_metadata(&self.out).is_ok() {
            // Marked before it moves, so that it is never beside the output unmarked.
            self.mark_old(&self.out);
            match exchange(&self.tmp, &self.out) {
                // The staging folder now holds the previous output.
                Ok(true) => {
                    test_pause("swap");
                    // Should the rename fail, the previous output is removed from where it is.
                    Ok(Some(match std::fs::rename(&self.tmp, &self.old) {
                        Ok(()) => self.old.clone(),
                        Err(_) => self.tmp.clone(),
                    }))
                }
                Ok(false) => {
                    // No atomic exchange here: two renames.
                    if let Err(e) = std::fs::rename(&self.out, &self.old) {
                        let _ = std::fs::remove_file(self.out.join(STAGING_MARKER));
                        let _ = std::fs::remove_dir_all(&self.tmp);
                        end_swap(None);
                        return (
                            Outcome::Untouched,
                            vec![err(format!("cannot move the previous output aside: {e}"))],
                        );
                    }
                    if let Err(e) = std::fs::rename(&self.tmp, &self.out) {
                        let _ = std::fs::remove_dir_all(&self.tmp);
                        let back = std::fs::rename(&self.old, &self.out);
                        end_swap(None);
                        return match back {
                            Ok(()) => {
                                let _ = std::fs::remove_file(self.out.join(STAGING_MARKER));
                                (
                                    Outcome::Untouched,
                                    vec![err(format!("cannot move the new output into place: {e}"))],
                                )
                            }
                            Err(e2) => (
                                Outcome::Disturbed,
                                vec![err(format!("cannot move the new output into place ({e}), nor the previous one back ({e2}): the previous output is in {}", self.old.display()))
                                    .hint("rename that folder back, or build again")],
                            ),
                        };
                    }
                    Ok(Some(self.old.clone()))
                }
                Err(e) => {
                    let _ = std::fs::remove_file(self.out.join(STAGING_MARKER));
                    let _ = std::fs::remove_dir_all(&self.tmp);
                    end_swap(None);
                    return (
                        Outcome::Untouched,
                        vec![err(format!("cannot swap the new output into place: {e}"))],
                    );
                }
            }
        } else {
            std::fs::rename(&self.tmp, &self.out).map(|_| None)
        };
        match swapped {
            Ok(Some(old)) => {
                end_swap(Some(&old));
                // The new output is the staging folder that was: it is no longer one.
                let _ = std::fs::remove_file(self.out.join(STAGING_MARKER));
                test_pause("cleanup");
                if interrupted() {
                    // The handler says where the previous output is (`swapped` stays set for it);
                    // it is left for the next build.
                    return (Outcome::Replaced, warnings);
                }
                if let Err(e) = std::fs::remove_dir_all(&old) {
                    warnings.push(
                        Diagnostic::warning(
                            &self.out,
                            format!(
                                "the new site is in place, but the previous one could not be removed from {}: {e}",
                                old.display()
                            ),
                        )
                        .hint("make it writable and delete it; the next build also tries"),
                    );
                }
                state().swapped = None;
                (Outcome::Replaced, warnings)
            }
            Ok(None) => {
                end_swap(None);
                let _ = std::fs::remove_file(self.out.join(STAGING_MARKER));
                (Outcome::Replaced, warnings)
            }
            Err(e) => {
                end_swap(None);
                // Another build may have created the output meanwhile; it is then that build's.
                let _ = std::fs::remove_dir_all(&self.tmp);
                if std::fs::symlink_metadata(&self.out).is_err() {
                    remove_created(&self.created);
                }
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
/// running left beside the output (killed, or the power went), and only those: each holds
/// `STAGING_MARKER` naming its output and process. Returns warnings for those that could not be
/// removed.
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
        // Only what portal made: a folder of the user's that happens to have such a name stays.
        let mark = std::fs::read_to_string(e.path().join(STAGING_MARKER));
        if mark.ok().as_deref() != Some(staging_mark(name, pid).as_str()) {
            continue;
        }
        if let Err(err) = std::fs::remove_dir_all(e.path()) {
            warnings.push(
                Diagnostic::warning(
                    e.path(),
                    format!("cannot remove this staging folder, which a build that no longer runs left: {err}"),
                )
                .hint("delete it yourself"),
            );
        }
    }
    warnings
}

impl Staging {
    /// Creates the folder of the file `full` (`path` in the output); its failure is the error to
    /// report (no space or inodes left, say), not the "No such file or directory" that follows.
    fn make_folder(&self, full: &Path, path: &str) -> Result<(), Diagnostic> {
        let Some(parent) = full.parent() else {
            return Ok(());
        };
        std::fs::create_dir_all(parent).map_err(|e| {
            let folder = Path::new(path).parent().unwrap_or(Path::new(""));
            Diagnostic::error(
                &self.out,
                format!(
                    "cannot create the folder {} for {path}: {e}",
                    folder.display()
                ),
            )
            .hint("check that the disk has space and free inodes (`df -i`) and is writable")
        })
    }
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
            self.make_folder(&full, &path)?;
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
        let err =
            |e: std::io::Error| Diagnostic::error(&self.out, format!("cannot write {path}: {e}"));
        let file = match std::fs::File::create(&full) {
            Ok(f) => f,
            Err(_) => {
                self.make_folder(&full, &path)?;
                std::fs::File::create(&full).map_err(err)?
            }
        };
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, file);
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

    #[test]
    fn folders_made_for_the_output_go_again_when_no_site_is_put_there() {
        let dir = std::env::temp_dir().join(format!("portal-created-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("new/deeper/out");
        let s = Staging::new(&out, &dir.join("site")).unwrap();
        assert!(dir.join("new/deeper").is_dir());
        s.abandon();
        assert!(!dir.join("new").exists(), "created parents removed");
        // `./nonexist/../out` resolves to `out` without making `nonexist`.
        let odd = dir.join("nonexist/../out");
        let s = Staging::new(&odd, &dir.join("site")).unwrap();
        assert!(!dir.join("nonexist").exists());
        assert_eq!(s.commit().0, Outcome::Replaced);
        assert!(dir.join("out").join(MARKER).exists());
        assert!(!dir.join("out").join(STAGING_MARKER).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_the_error_reported() {
        let dir = std::env::temp_dir().join(format!("portal-mkdir-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let s = Staging::new(&dir.join("out"), &dir.join("site")).unwrap();
        // A file where the folder `en` must be: creating the folder fails, whichever sink call.
        s.put("en".into(), b"x".to_vec()).unwrap();
        let e = s.put("en/a.css".into(), b"x".to_vec()).unwrap_err();
        assert!(
            e.message
                .starts_with("cannot create the folder en for en/a.css: "),
            "{}",
            e.message
        );
        let e = s
            .write_with("en/x/index.html".into(), &mut |w| {
                w.write_all(b"x")
                    .map_err(|e| Diagnostic::error("x", e.to_string()))
            })
            .unwrap_err();
        assert!(
            e.message
                .starts_with("cannot create the folder en/x for en/x/index.html: "),
            "{}",
            e.message
        );
        s.abandon();
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
