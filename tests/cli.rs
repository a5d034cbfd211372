//! The command line (issue 22): exit codes as the README promises them (0 ok, 1 content or build
//! errors, 2 usage errors), `--base-url` read as a URL is (scheme and host in any case, a port
//! only if it is one), and `new report` refusing wrong arguments, a site with errors, or leaving
//! half a folder.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn site(fixture: &str, name: &str) -> PathBuf {
    let dir = common::temp(name);
    common::copy_tree(&common::fixture(fixture), &dir);
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

fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let p = dir.join(rel);
    let s = std::fs::read_to_string(&p).unwrap();
    assert!(s.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(p, s.replacen(from, to, 1)).unwrap();
}

#[test]
fn base_url_ports_must_be_ports_and_scheme_and_host_may_be_any_case() {
    let dir = site("basic", "cli-url");
    for bad in [
        "https://x.org:99999/",
        "https://x.org:65536/",
        "https://x.org:0/",
        "https://x.org:-1/",
        "https://x.org:8o/",
        "https://x.org:/",
        "http://[::1]:70000/",
        "HTTPS://X.ORG:123456/portal/",
    ] {
        let o = portal(&dir, &["build", "--out", "out", "--base-url", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("which is not a port number (1 to 65535)"),
            "{bad}: {}",
            stderr(&o)
        );
        assert!(!dir.join("out").exists(), "{bad}");
    }
    for (good, canonical) in [
        ("HTTPS://X.ORG/", "https://x.org/en/"),
        (
            "Http://Portal.Example.net:8080/Path/",
            "http://portal.example.net:8080/Path/en/",
        ),
        ("https://x.org:65535/", "https://x.org:65535/en/"),
        ("hTtPs://x.org:1/p/", "https://x.org:1/p/en/"),
    ] {
        let o = portal(&dir, &["build", "--out", "out", "--base-url", good]);
        assert_eq!(o.status.code(), Some(0), "{good}: {}", stderr(&o));
        let page = std::fs::read_to_string(dir.join("out/en/index.html")).unwrap();
        assert!(
            page.contains(&format!("rel=\"canonical\" href=\"{canonical}\"")),
            "{good}"
        );
    }
    // Still refused: other schemes in any case, user information.
    for bad in ["JAVASCRIPT://x/", "FTP://x.org/", "https://a:b@x.org/"] {
        let o = portal(&dir, &["build", "--out", "out", "--base-url", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2_and_content_errors_1() {
    let dir = site("tracking", "cli-codes");
    let new = |slug: &str, symbol: &str, date: &str| {
        portal(
            &dir,
            &[
                "new", "report", "--symbol", symbol, "--date", date, "--", slug,
            ],
        )
    };
    // Wrong arguments to `new report`: 2, nothing written.
    let reports = common::read_tree(&dir.join("content/reports"));
    for (slug, symbol, date, says) in [
        ("-", "FICT/2034/1", "2034-01-01", "is not a URL slug"),
        ("--", "FICT/2034/1", "2034-01-01", "is not a URL slug"),
        ("-x", "FICT/2034/1", "2034-01-01", "is not a URL slug"),
        ("x-", "FICT/2034/1", "2034-01-01", "is not a URL slug"),
        ("a--b", "FICT/2034/1", "2034-01-01", "is not a URL slug"),
        ("../evil", "FICT/2034/1", "2034-01-01", "is not a URL slug"),
        ("ok", "/", "2034-01-01", "is not a document symbol"),
        ("ok", "../../ETC", "2034-01-01", "is not a document symbol"),
        (
            "ok",
            "fict/2034/1",
            "2034-01-01",
            "is not a document symbol",
        ),
        ("ok", "FICT/2034/1", "2034-02-30", "2034-02-30"),
        (
            "ok",
            "FICT/2034/1",
            "2020-01-01",
            "is not after the latest report",
        ),
        ("ok", "FICT/2033/1", "2034-01-01", "already exists"),
        ("fict-2033-1", "FICT/2034/1", "2034-01-01", "already exists"),
    ] {
        let o = new(slug, symbol, date);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{slug} {symbol} {date}: {}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains(says),
            "{slug} {symbol} {date}: {}",
            stderr(&o)
        );
    }
    assert!(common::read_tree(&dir.join("content/reports")) == reports);
    assert!(!dir.join("content/reports/-").exists());
    // A --site that is no folder: 2, for every command.
    for args in [
        &["build", "--site", "no/such/site"][..],
        &["check", "--site", "no/such/site"],
        &["serve", "--site", "no/such/site", "--port", "0"],
        &[
            "new",
            "report",
            "x",
            "--symbol",
            "A/1",
            "--date",
            "2040-01-01",
            "--site",
            "no/such/site",
        ],
    ] {
        let o = portal(&dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("is not a folder"), "{args:?}");
    }
    // Unknown command or flag: 2 (clap).
    assert_eq!(portal(&dir, &["bild"]).status.code(), Some(2));
    assert_eq!(
        portal(&dir, &["build", "--outt", "x"]).status.code(),
        Some(2)
    );
    // Content errors: 1.
    edit(
        &dir,
        "content/resolutions/1-1.yaml",
        "year: 2031",
        "year: [2031",
    );
    assert_eq!(portal(&dir, &["check"]).status.code(), Some(1));
    assert_eq!(portal(&dir, &["build"]).status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `new report` reads the latest report as the build does: while the site has errors (say, the
/// latest report does not parse, so an older one would look like the latest), it refuses, names
/// the errors, and writes nothing.
#[test]
fn new_report_refuses_while_the_site_has_errors() {
    for (file, from, to) in [
        (
            "content/reports/fict-2033-1/report.yaml",
            "title:",
            "title: [unclosed\nx:",
        ),
        (
            "content/reports/fict-2033-1/1-2.yaml",
            "status:",
            "status: [\nx:",
        ),
        (
            "content/reports/fict-2032-2/1-1.yaml",
            "status:",
            "nonsense: 1\nstatus:",
        ),
        ("content/resolutions/1-1.yaml", "year: 2031", "year: [2031"),
    ] {
        let dir = site("tracking", "cli-errors");
        edit(&dir, file, from, to);
        let o = portal(
            &dir,
            &[
                "new",
                "report",
                "fict-2033-0",
                "--symbol",
                "FICT/2033/0",
                "--date",
                "2034-01-01",
            ],
        );
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{file}: {err}");
        assert!(err.contains(file), "{file}: the error is named: {err}");
        assert!(
            err.contains("so the latest report may not be the one read; nothing was written"),
            "{file}: {err}"
        );
        assert!(!dir.join("content/reports/fict-2033-0").exists(), "{file}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Disk full part way through `new report` (a small tmpfs; root only, skipped otherwise): nothing
/// is left, and the hint is about space, not permissions.
#[cfg(target_os = "linux")]
#[test]
fn new_report_on_a_full_disk_leaves_nothing() {
    let mnt = common::temp("cli-full");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&mnt)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let result = std::panic::catch_unwind(|| {
        let dir = mnt.join("site");
        common::copy_tree(&common::fixture("tracking"), &dir);
        // Fill the disk but for a few pages.
        let pads: Vec<PathBuf> = (0..3).map(|i| mnt.join(format!("pad{i}"))).collect();
        for p in &pads {
            std::fs::write(p, vec![b'x'; 4096]).unwrap();
        }
        let mut fill = std::fs::File::create(mnt.join("fill")).unwrap();
        let chunk = vec![b'x'; 4096];
        while std::io::Write::write_all(&mut fill, &chunk).is_ok() {}
        drop(fill);
        for p in &pads {
            std::fs::remove_file(p).unwrap();
        }
        let o = portal(
            &dir,
            &[
                "new",
                "report",
                "fict-2033-2",
                "--symbol",
                "FICT/2033/2",
                "--date",
                "2033-09-01",
            ],
        );
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("No space left on device"), "{err}");
        assert!(err.contains("the disk is full"), "{err}");
        assert!(!err.contains("permissions"), "{err}");
        assert!(!dir.join("content/reports/fict-2033-2").exists(), "{err}");
        // With space again, the same command works (it does not say "already exists").
        std::fs::remove_file(mnt.join("fill")).unwrap();
        let o = portal(
            &dir,
            &[
                "new",
                "report",
                "fict-2033-2",
                "--symbol",
                "FICT/2033/2",
                "--date",
                "2033-09-01",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    });
    let _ = Command::new("umount").arg(&mnt).output();
    let _ = std::fs::remove_dir_all(&mnt);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
