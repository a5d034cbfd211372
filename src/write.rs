//! Write: put the built site on disk all at once or not at all. Files are written, as soon as they are
//! rendered and from many threads, into a staging folder beside the output; the folder is swapped in
//! only when the whole build succeeded, so a failed build leaves the previous output untouched.

use crate::diagnostics::Diagnostic;
use crate::render::Sink;
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

/// A staging folder that becomes the output folder on `commit`.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    count: AtomicUsize,
}

impl Staging {
    /// Checks that `out` may be replaced and creates an empty staging folder beside it.
    pub fn new(out: &Path, site: &Path) -> Result<Staging, Diagnostic> {
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
        let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        if abs(site).starts_with(abs(out)) {
            return Err(err("the output folder contains the site folder".into())
                .hint("use an output folder inside or beside the site, e.g. public/"));
        }
        let name = out
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("public")
            .to_string();
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .map_err(|e| err(format!("cannot create {}: {e}", parent.display())))?;
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir(&tmp)
            .map_err(|e| err(format!("cannot create {}: {e}", tmp.display())))?;
        std::fs::write(tmp.join(MARKER), b"")
            .map_err(|e| err(format!("cannot write the marker: {e}")))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            old,
            count: AtomicUsize::new(0),
        })
    }

    pub fn count(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }

    /// Removes the staging folder; the output stays as it was.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.tmp);
    }

    /// Swaps the staging folder in place of the output.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let err = |msg: String| Diagnostic::error(&self.out, msg);
        if self.out.exists() {
            if let Err(e) = std::fs::rename(&self.out, &self.old) {
                let _ = std::fs::remove_dir_all(&self.tmp);
                return Err(err(format!("cannot move the previous output aside: {e}")));
            }
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.out) {
            // Put the previous output back: the site must never be left half-replaced.
            let _ = std::fs::rename(&self.old, &self.out);
            let _ = std::fs::remove_dir_all(&self.tmp);
            return Err(err(format!("cannot move the new output into place: {e}")));
        }
        let _ = std::fs::remove_dir_all(&self.old);
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
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

    fn write_with(&self, path: String, render: crate::render::Render) -> Result<(), Diagnostic> {
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
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a/b/index.html")).unwrap(), b"x");
        assert!(out.join(MARKER).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
