//! Write: put the rendered files on disk all at once or not at all. Files go to a temporary folder
//! beside the output, written in parallel, and the folder is swapped in only when every write
//! succeeded, so a failed build leaves the previous output untouched.

use crate::diagnostics::Diagnostic;
use crate::render::OutFile;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// Marks a folder as written by portal, so that we never replace a folder we did not write.
pub const MARKER: &str = ".portal-output";

fn safe_relative(p: &str) -> bool {
    !p.is_empty()
        && Path::new(p)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

pub fn write(out: &Path, site: &Path, files: &[OutFile]) -> Result<(), Diagnostic> {
    let err = |msg: String| Diagnostic::error(out, msg);
    if let Some(bad) = files.iter().find(|f| !safe_relative(&f.path)) {
        return Err(err(format!(
            "refusing to write `{}` outside the output folder",
            bad.path
        )));
    }
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

    let result = (|| -> Result<(), Diagnostic> {
        let dirs: BTreeSet<PathBuf> = files
            .iter()
            .filter_map(|f| Path::new(&f.path).parent().map(|p| tmp.join(p)))
            .collect();
        std::fs::create_dir_all(&tmp)
            .map_err(|e| err(format!("cannot create {}: {e}", tmp.display())))?;
        for d in dirs {
            std::fs::create_dir_all(&d)
                .map_err(|e| err(format!("cannot create {}: {e}", d.display())))?;
        }
        files.par_iter().try_for_each(|f| {
            std::fs::write(tmp.join(&f.path), &f.bytes)
                .map_err(|e| err(format!("cannot write {}: {e}", f.path)))
        })?;
        std::fs::write(tmp.join(MARKER), b"")
            .map_err(|e| err(format!("cannot write the marker: {e}")))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }

    if out.exists() {
        std::fs::rename(out, &old).map_err(|e| {
            let _ = std::fs::remove_dir_all(&tmp);
            err(format!("cannot move the previous output aside: {e}"))
        })?;
    }
    if let Err(e) = std::fs::rename(&tmp, out) {
        // Put the previous output back: the site must never be left half-replaced.
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(err(format!("cannot move the new output into place: {e}")));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
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
    fn refuses_to_replace_a_foreign_folder() {
        let dir = std::env::temp_dir().join(format!("portal-write-{}", std::process::id()));
        let out = dir.join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("precious.txt"), "keep").unwrap();
        let files = vec![OutFile {
            path: "index.html".into(),
            bytes: b"x".to_vec(),
        }];
        assert!(write(&out, &dir.join("site"), &files).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("precious.txt")).unwrap(),
            "keep"
        );
        std::fs::remove_file(out.join("precious.txt")).unwrap();
        write(&out, &dir.join("site"), &files).unwrap();
        assert!(out.join(MARKER).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
