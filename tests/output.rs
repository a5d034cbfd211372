//! The output folder (issue 22, "Data loss and output safety"): an `--out` is resolved and checked
//! before anything is created; a symbolic link is refused however the path is spelled; only the
//! staging folders portal made are ever removed; Ctrl-C during the swap says what happened.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const RES: &str = "content/resolutions/1-1.yaml";

fn site(name: &str) -> PathBuf {
    let dir = common::temp(name);
    common::copy_tree(&common::fixture("basic"), &dir);
    dir
}

fn portal(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every folder under `dir`, relative, sorted (what a refused build must not add to).
fn folders(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect();
    v.sort();
    v
}

fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let p = dir.join(rel);
    let s = std::fs::read_to_string(&p).unwrap();
    assert!(s.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(p, s.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_output_path_is_resolved_and_refused_without_creating_anything() {
    let dir = site("out-resolve");
    // Built where the path leads, creating only the output itself.
    for (spelled, lands) in [
        ("./nonexist/../out", "out"),
        ("a/b/../../out2", "out2"),
        ("x/../y/../out3/", "out3"),
    ] {
        let o = portal(&dir, &["build", "--out", spelled]);
        assert_eq!(o.status.code(), Some(0), "{spelled}: {}", stderr(&o));
        assert!(dir.join(lands).join("en/index.html").is_file(), "{spelled}");
        for stray in ["nonexist", "a", "x", "y"] {
            assert!(!dir.join(stray).exists(), "{spelled} left {stray}/");
        }
    }
    // Refused: nothing created on the way, in content/ or anywhere.
    let before = folders(&dir);
    for spelled in [
        "content/newdir/gen",
        "content/new/deeper/gen",
        "new/../content/newdir/gen",
        "themes/new/static/gen",
        "seeds/new/gen",
        "nonexist/../content/x/y",
    ] {
        let o = portal(&dir, &["build", "--out", spelled]);
        assert_eq!(o.status.code(), Some(2), "{spelled}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("which the build reads"),
            "{spelled}: {}",
            stderr(&o)
        );
        assert_eq!(folders(&dir), before, "{spelled} created folders");
    }
    // A build with content errors creates no output folder (nor its parents).
    edit(&dir, RES, "year: 2019", "year: [2019");
    let o = portal(&dir, &["build", "--out", "fresh/deep/out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!dir.join("fresh").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_refused_however_it_is_spelled() {
    let dir = site("out-link");
    assert_eq!(
        portal(&dir, &["build", "--out", "real"]).status.code(),
        Some(0)
    );
    std::fs::write(dir.join("real/OLD"), "the previous build").unwrap();
    std::os::unix::fs::symlink("real", dir.join("link")).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink("../real", dir.join("sub/link")).unwrap();
    // A dangling link too: the build must not write a folder in its place.
    std::os::unix::fs::symlink("nowhere", dir.join("dangling")).unwrap();
    let abs = dir.join("link");
    let abs_slash = format!("{}/", abs.display());
    for spelled in [
        "link",
        "link/",
        "link//",
        "link/.",
        "./link/",
        "sub/../link/",
        "sub/link/",
        "dangling/",
        abs_slash.as_str(),
    ] {
        let o = portal(&dir, &["build", "--out", spelled]);
        assert_eq!(o.status.code(), Some(2), "{spelled}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("is a symbolic link"),
            "{spelled}: {}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains("was left untouched"),
            "{spelled}: {}",
            stderr(&o)
        );
        for l in ["link", "sub/link", "dangling"] {
            assert!(
                std::fs::symlink_metadata(dir.join(l)).unwrap().is_symlink(),
                "{spelled} replaced {l}"
            );
        }
        assert!(dir.join("real/OLD").is_file(), "{spelled} replaced real/");
        assert!(!dir.join("nowhere").exists());
    }
    // The folder the link points to may be named itself.
    assert_eq!(
        portal(&dir, &["build", "--out", "real/"]).status.code(),
        Some(0)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Starts `portal build` paused at a point of its commit (`PORTAL_TEST_PAUSE`, debug builds) and
/// returns it once it says it is paused.
#[cfg(unix)]
fn paused_build(dir: &Path, point: &str) -> std::process::Child {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["build", "--out", "out"])
        .current_dir(dir)
        .env("PORTAL_TEST_PAUSE", point)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    loop {
        let line = lines.next().expect("the build pauses").unwrap();
        if line == format!("paused at {point}") {
            break;
        }
    }
    // The rest of stderr, read on in the background so the child never blocks on it.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rest: Vec<String> = lines.map_while(Result::ok).collect();
        let _ = tx.send(rest.join("\n"));
    });
    REST.with(|r| *r.borrow_mut() = Some(rx));
    child
}

thread_local! {
    static REST: std::cell::RefCell<Option<std::sync::mpsc::Receiver<String>>> =
        const { std::cell::RefCell::new(None) };
}

fn rest_of_stderr() -> String {
    REST.with(|r| {
        r.borrow_mut()
            .take()
            .and_then(|rx| rx.recv_timeout(std::time::Duration::from_secs(30)).ok())
            .unwrap_or_default()
    })
}

fn dot_folders(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out."))
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
#[test]
fn only_staging_folders_portal_made_are_removed() {
    let dir = site("out-stale");
    assert_eq!(
        portal(&dir, &["build", "--out", "out"]).status.code(),
        Some(0)
    );
    // Folders of the user's with a staging folder's name: no portal mark, or not this one.
    let mine = |name: &str, file: &str, text: &str| {
        std::fs::create_dir_all(dir.join(name)).unwrap();
        std::fs::write(dir.join(name).join(file), text).unwrap();
    };
    mine(".out.old-2023", "notes.txt", "my notes");
    mine(".out.tmp-99999", "draft.txt", "draft");
    // A copy of a whole build (it holds `.portal-output`) kept under such a name.
    common::copy_tree(&dir.join("out"), &dir.join(".out.old-4000000001"));
    // A portal mark, but for another output, or another process than the name says.
    mine(
        ".out.old-4000000002",
        ".portal-staging",
        "portal staging folder of `public`, process 4000000002; the next build removes it\n",
    );
    mine(
        ".out.tmp-4000000003",
        ".portal-staging",
        "portal staging folder of `out`, process 12; the next build removes it\n",
    );
    let users = dot_folders(&dir);
    // What builds killed (SIGKILL) at each point of the swap really leave: removed next time.
    for point in ["swap", "cleanup"] {
        edit(
            &dir,
            RES,
            "First resolution",
            &format!("First resolution {point}"),
        );
        let mut child = paused_build(&dir, point);
        child.kill().unwrap();
        child.wait().unwrap();
        let left: Vec<String> = dot_folders(&dir)
            .into_iter()
            .filter(|n| !users.contains(n))
            .collect();
        assert_eq!(left.len(), 1, "{point}: {left:?}");
        let o = portal(&dir, &["build", "--out", "out"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            dot_folders(&dir),
            users,
            "{point}: the killed build's folder is removed"
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.join(".out.old-2023/notes.txt")).unwrap(),
        "my notes"
    );
    assert!(dir.join(".out.tmp-99999/draft.txt").is_file());
    assert!(dir.join(".out.old-4000000001/en/index.html").is_file());
    // The published output carries no staging mark.
    assert!(!dir.join("out/.portal-staging").exists());
    assert!(dir.join("out/.portal-output").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_the_swap_says_what_happened() {
    for point in ["swap", "cleanup"] {
        let dir = site(&format!("out-int-{point}"));
        assert_eq!(
            portal(&dir, &["build", "--out", "out"]).status.code(),
            Some(0)
        );
        edit(&dir, RES, "First resolution", "First resolution, new");
        let mut child = paused_build(&dir, point);
        // SAFETY: sends SIGINT to the child we started.
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
        let status = child.wait().unwrap();
        let err = rest_of_stderr();
        assert_eq!(status.code(), Some(130), "{point}: {err}");
        assert!(
            err.contains("interrupted after the new site was put in place")
                && err.contains("the next build removes it"),
            "{point}: {err}"
        );
        assert!(!err.contains("left untouched"), "{point}: {err}");
        let page = std::fs::read_to_string(dir.join("out/en/resolutions/1-1/index.html")).unwrap();
        assert!(
            page.contains("First resolution, new"),
            "{point}: the new site is in place"
        );
        assert!(!dir.join("out/.portal-staging").exists());
        // What it left is removed by the next build.
        let o = portal(&dir, &["build", "--out", "out"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            dot_folders(&dir).is_empty(),
            "{point}: {:?}",
            dot_folders(&dir)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
