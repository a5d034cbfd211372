//! `portal serve` (issue 17 and issue 22, "Serve (security)"): it previews safely and reloads; it
//! builds into a folder of its own, never a release `public/`; it never serves a folder it refused
//! to build into, nor a dot-file; it answers only requests for its own address (DNS rebinding);
//! long-polling pages cannot starve the others; a re-created `content/` is watched again.

mod common;

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

const RES: &str = "content/resolutions/1-1.yaml";

fn site(name: &str) -> PathBuf {
    let dir = common::temp(name);
    common::copy_tree(&common::fixture("basic"), &dir);
    dir
}

fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let p = dir.join(rel);
    let s = std::fs::read_to_string(&p).unwrap();
    assert!(s.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(p, s.replacen(from, to, 1)).unwrap();
}

/// A running `portal serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    /// The folder it builds into, as it says.
    out: PathBuf,
    /// Its stderr, line by line (read on, so that the server never blocks on a full pipe).
    _lines: Receiver<String>,
}

impl Server {
    fn start(dir: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
            .args(["serve", "--site", dir.to_str().unwrap(), "--port", "0"])
            .args(extra)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                let _ = tx.send(line);
            }
        });
        loop {
            let Ok(line) = lines.recv_timeout(Duration::from_secs(120)) else {
                let _ = child.kill();
                let _ = child.wait();
                panic!("serve did not start");
            };
            if let Some(rest) = line.strip_prefix("serving the preview built in ") {
                let (out, url) = rest.rsplit_once(" at http://127.0.0.1:").unwrap();
                let port = url.split('/').next().unwrap().parse().unwrap();
                return Server {
                    child,
                    port,
                    out: PathBuf::from(out),
                    _lines: lines,
                };
            }
        }
    }

    fn get(&self, path: &str) -> String {
        self.get_as(path, &format!("127.0.0.1:{}", self.port))
    }

    fn get_as(&self, path: &str, host: &str) -> String {
        http(
            self.port,
            &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    }

    /// The build version the server is at.
    fn version(&self) -> u64 {
        body(&self.get("/__portal/wait?v=now")).parse().unwrap()
    }

    /// Waits (up to `limit`) until the server has rebuilt since version `v`.
    fn rebuilt_since(&self, v: u64, limit: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < limit {
            if self.version() != v {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    fn stop(&mut self) {
        // SAFETY: sends SIGTERM to the child we started.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP/1.1 exchange over a fresh connection; returns the whole response as text.
fn http(port: u16, request: &str) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

fn body(response: &str) -> String {
    response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.trim().to_string())
        .unwrap_or_default()
}

fn status(response: &str) -> &str {
    response.get(9..12).unwrap_or("")
}

#[test]
fn serve_previews_safely_and_reloads() {
    let dir = site("serve");
    let server = Server::start(&dir, &[]);
    let port = server.port;
    let r = server.get("//en");
    assert!(r.starts_with("HTTP/1.1 301"), "{r}");
    assert!(r.to_lowercase().contains("location: /en/\r\n"), "{r}");
    let r = server.get("/en?x=1");
    assert!(r.to_lowercase().contains("location: /en/?x=1\r\n"), "{r}");
    let page = server.get("/en/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains("<script src=\"/__portal/reload.js\""),
        "served pages reload"
    );
    let built = std::fs::read_to_string(server.out.join("en/index.html")).unwrap();
    assert!(!built.contains("__portal"), "built pages do not");
    let r = server.get("/no/such/page");
    assert!(r.starts_with("HTTP/1.1 404"), "{r}");
    assert!(r.contains("<html"), "the site's 404 page");
    // A huge request line is refused, and the server goes on.
    let huge = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(1 << 20));
    let r = http(port, &huge);
    assert!(r.is_empty() || r.starts_with("HTTP/1.1 4"), "{r}");
    assert!(server.get("/en/").starts_with("HTTP/1.1 200"));
    // An edit rebuilds, and a waiting page hears of it.
    let version = page
        .split("data-version=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let v = version.clone();
    let waiter = std::thread::spawn(move || {
        http(
            port,
            &format!(
                "GET /__portal/wait?v={v} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
            ),
        )
    });
    std::thread::sleep(Duration::from_millis(500));
    edit(&dir, RES, "First resolution", "First resolution, edited");
    let r = waiter.join().unwrap();
    assert_ne!(body(&r), version, "{r}");
    assert!(server
        .get("/en/resolutions/1-1/")
        .contains("First resolution, edited"));
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A release build in `public/` is never replaced by the preview (whose links name 127.0.0.1):
/// serve builds into a private temporary folder of its own, removed when it stops.
#[test]
fn serve_builds_into_its_own_folder_and_leaves_public_alone() {
    let dir = site("serve-own");
    let s = dir.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args([
            "build",
            "--site",
            s,
            "--base-url",
            "https://real.test/portal/",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let release = common::read_tree(&dir.join("public"));
    let mut server = Server::start(&dir, &[]);
    assert!(!server.out.starts_with(&dir), "{}", server.out.display());
    let page = server.get("/en/");
    assert!(
        page.contains(&format!("http://127.0.0.1:{}/", server.port)),
        "the preview links to itself"
    );
    // Rebuilds (an edit) go there too.
    let v = server.version();
    edit(&dir, RES, "First resolution", "First resolution, previewed");
    assert!(server.rebuilt_since(v, Duration::from_secs(30)));
    assert!(server
        .get("/en/resolutions/1-1/")
        .contains("First resolution, previewed"));
    assert!(
        common::read_tree(&dir.join("public")) == release,
        "public/ is untouched"
    );
    let preview = server.out.parent().unwrap().to_path_buf();
    assert!(preview.is_dir());
    server.stop();
    assert!(
        !preview.exists(),
        "the preview folder goes when serve stops"
    );
    // Two previews at once get two folders.
    let a = Server::start(&dir, &[]);
    let b = Server::start(&dir, &[]);
    assert_ne!(a.out, b.out);
    drop((a, b));
    let _ = std::fs::remove_dir_all(&dir);
}

/// An `--out` that `build` would refuse is refused before serving (exit 2), so nothing of it is
/// ever served; and a folder that stops being a build of portal while serving is not served.
#[test]
fn serve_never_serves_a_folder_it_may_not_build_into() {
    let dir = site("serve-foreign");
    let foreign = dir.join("home");
    std::fs::create_dir_all(foreign.join(".ssh")).unwrap();
    std::fs::write(foreign.join(".ssh/id_ed25519"), "KEY").unwrap();
    std::fs::write(foreign.join("a.txt"), "x").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("public", dir.join("link")).unwrap();
    for out in ["home", "home/", "link/", "content/gen", "."] {
        let start = Instant::now();
        let o = Command::new(env!("CARGO_BIN_EXE_portal"))
            .args(["serve", "--site", ".", "--port", "0", "--out", out])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{out}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("nothing was built"), "{out}: {err}");
        assert!(!err.contains("serving"), "{out}: {err}");
        assert!(start.elapsed() < Duration::from_secs(30));
    }
    // A folder of its own (given with --out), which then stops being a build of portal.
    let preview = dir.join("preview");
    let server = Server::start(&dir, &["--out", preview.to_str().unwrap()]);
    assert_eq!(status(&server.get("/static/style.css")), "200");
    for dotted in [
        "/.portal-output",
        "/.ssh/id_ed25519",
        "/en/.x",
        "/%2eportal-output",
    ] {
        assert_eq!(status(&server.get(dotted)), "404", "{dotted}");
    }
    std::fs::remove_file(dir.join("preview/.portal-output")).unwrap();
    std::fs::write(dir.join("preview/a.txt"), "not a build").unwrap();
    for path in ["/a.txt", "/static/style.css", "/data/funding.csv"] {
        let r = server.get(path);
        assert_eq!(status(&r), "404", "{path}: {r}");
        assert!(!r.contains("not a build"));
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Only requests for the address it listens on or `localhost` are answered: a page of another
/// host name that resolves to 127.0.0.1 (DNS rebinding) gets 421, and so does any other name.
#[test]
fn serve_answers_only_its_own_host() {
    let dir = site("serve-host");
    let server = Server::start(&dir, &[]);
    let p = server.port;
    for host in [
        format!("127.0.0.1:{p}"),
        format!("localhost:{p}"),
        format!("LOCALHOST:{p}"),
    ] {
        assert_eq!(status(&server.get_as("/en/", &host)), "200", "{host}");
    }
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{p}"),
        format!("127.0.0.1:{}", p.wrapping_add(1)),
        "127.0.0.1".to_string(),
        format!("localhost.evil.example:{p}"),
        format!("127.0.0.1.nip.io:{p}"),
        format!("0.0.0.0:{p}"),
        format!("[::1]:{p}"),
        format!("x@127.0.0.1:{p}"),
    ] {
        for path in [
            "/en/",
            "/static/style.css",
            "/__portal/wait?v=0",
            "/__portal/reload.js",
        ] {
            let r = server.get_as(path, &host);
            assert_eq!(status(&r), "421", "{host} {path}: {r}");
            assert!(!r.contains("<html"), "{host}: nothing of the site");
        }
    }
    // No Host at all (HTTP/1.0), and an absolute URL naming another host.
    let r = http(p, "GET /en/ HTTP/1.0\r\n\r\n");
    assert_eq!(status(&r), "421", "{r}");
    let r = http(
        p,
        &format!("GET http://evil.example/en/ HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(status(&r), "421", "{r}");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// 520 pages long-polling `/__portal/wait` hold no more than half the connections: the rest are
/// told to retry at once (503, connection closed), and a page is still answered promptly.
#[test]
fn many_waiting_pages_cannot_starve_the_others() {
    let dir = site("serve-waits");
    let server = Server::start(&dir, &[]);
    let p = server.port;
    let v = server.version();
    let request = format!("GET /__portal/wait?v={v} HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\n\r\n");
    let mut waiting = Vec::new();
    for _ in 0..520 {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", p)).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        waiting.push(s);
    }
    std::thread::sleep(Duration::from_millis(500));
    for _ in 0..3 {
        let start = Instant::now();
        let r = server.get("/en/");
        assert_eq!(status(&r), "200", "{r}");
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "a page took {:?}",
            start.elapsed()
        );
    }
    // Those beyond the bound were answered at once, with a retry.
    let mut told_to_retry = 0;
    for s in &mut waiting {
        s.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
        let mut buf = [0u8; 512];
        if let Ok(n) = s.read(&mut buf) {
            let r = String::from_utf8_lossy(&buf[..n]);
            if r.starts_with("HTTP/1.1 503") {
                assert!(r.to_lowercase().contains("retry-after: 2"), "{r}");
                told_to_retry += 1;
            }
        }
    }
    assert!(
        (200..=300).contains(&told_to_retry),
        "{told_to_retry} of 520 told to retry"
    );
    // The waiting ones still hear of a rebuild.
    edit(&dir, RES, "First resolution", "First resolution, again");
    assert!(server.rebuilt_since(v, Duration::from_secs(30)));
    drop(waiting);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// After `content/` is moved away and back, or removed and copied anew, edits still rebuild.
#[test]
fn a_recreated_content_folder_is_watched_again() {
    let dir = site("serve-rewatch");
    let server = Server::start(&dir, &[]);
    let backup = dir.with_extension("backup");
    let _ = std::fs::remove_dir_all(&backup);
    common::copy_tree(&dir.join("content"), &backup);
    let recreate: [(&str, &dyn Fn()); 3] = [
        ("moved away and back", &|| {
            std::fs::rename(dir.join("content"), dir.with_extension("away")).unwrap();
            std::thread::sleep(Duration::from_millis(700));
            std::fs::rename(dir.with_extension("away"), dir.join("content")).unwrap();
        }),
        ("removed and copied anew", &|| {
            std::fs::remove_dir_all(dir.join("content")).unwrap();
            std::thread::sleep(Duration::from_millis(700));
            common::copy_tree(&backup, &dir.join("content"));
        }),
        ("replaced by a rename", &|| {
            let new = dir.with_extension("new");
            let _ = std::fs::remove_dir_all(&new);
            common::copy_tree(&backup, &new);
            std::fs::remove_dir_all(dir.join("content")).unwrap();
            std::fs::rename(&new, dir.join("content")).unwrap();
        }),
    ];
    for (i, (how, f)) in recreate.iter().enumerate() {
        let v = server.version();
        f();
        assert!(server.rebuilt_since(v, Duration::from_secs(30)), "{how}");
        std::thread::sleep(Duration::from_millis(700));
        let v = server.version();
        let mark = format!("First resolution ZZEDIT{i}");
        let p = dir.join(RES);
        let s = std::fs::read_to_string(&p).unwrap();
        let line = s
            .lines()
            .find(|l| l.starts_with("  en: "))
            .unwrap()
            .to_string();
        std::fs::write(&p, s.replacen(&line, &format!("  en: {mark}"), 1)).unwrap();
        assert!(
            server.rebuilt_since(v, Duration::from_secs(30)),
            "{how}: an edit after it rebuilds"
        );
        let start = Instant::now();
        while !server.get("/en/resolutions/1-1/").contains(&mark) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{how}: the edit is never served"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&backup);
}
