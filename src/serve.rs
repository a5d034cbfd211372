//! `portal serve`: a local preview for maintainers. Builds, serves the output on 127.0.0.1, watches
//! the site's inputs and rebuilds on change; each open page reloads itself after a rebuild. While the
//! last build failed, every page shows its errors instead of a stale site. GET and HEAD only.
//!
//! HTTP is hyper's (HTTP/1.1 on a single-threaded tokio runtime): request heads are limited in size
//! and in the time they may take to arrive, and a fixed number of connections is served at once
//! (the others wait in the listen queue), so no request can make the server grow or spawn threads.
//! File changes come from `notify` (inotify, FSEvents, ReadDirectoryChangesW), debounced so that an
//! editor's save, or a `git checkout` of many files, is one rebuild.
//!
//! Live reload: HTML responses, and only those served here (never the built files), get one
//! `<script>` that asks `/__portal/wait?v=N` whether the build changed since version N; the server
//! answers when it has (or after a while, and the script asks again), and the script reloads. At
//! most `MAX_WAITERS` requests wait at once; more are told to retry, so pages always get answered.
//!
//! What it serves: only a folder a build of portal wrote (it holds `staging::MARKER`), never a
//! dot-file, and only to requests for `127.0.0.1:PORT` or `localhost:PORT` (a page of another
//! host that resolves to 127.0.0.1, DNS rebinding, gets 421). `commands::serve` builds into a
//! private temporary folder unless `--out` says otherwise, so a release `public/` is never rebuilt
//! with links to 127.0.0.1.

use crate::diagnostics::{self, Format};
use crate::render::escape_html as escape;
use crate::{build, BuildOptions};
use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{
    HeaderValue, ALLOW, CACHE_CONTROL, CONNECTION, CONTENT_TYPE, HOST, LOCATION, RETRY_AFTER,
};
use hyper::{Method, Request, Response, StatusCode};
use notify_debouncer_full::notify::RecursiveMode;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Connections served at once; more wait in the listen queue until one closes.
const MAX_CONNECTIONS: usize = 512;
/// Largest request head (request line and headers) read; hyper answers 431 or closes beyond it.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// A request head must arrive within this, and an idle connection is closed after it.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a live-reload request waits for a rebuild before answering "no change".
const WAIT: Duration = Duration::from_secs(20);
/// Live-reload requests waiting at once (each holds a connection); beyond, 503 and retry, so that
/// half the connections are always free for pages.
const MAX_WAITERS: usize = MAX_CONNECTIONS / 2;
/// Quiet time after the last file event before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Where the injected script and its endpoint live; no page of a site starts with this.
const RELOAD_JS: &str = "/__portal/reload.js";
const WAIT_PATH: &str = "/__portal/wait";

/// What the HTTP side needs from the builder side.
struct Shared {
    out: PathBuf,
    /// The port listened on, for the `Host` check.
    port: u16,
    /// Live-reload requests waiting now, at most `MAX_WAITERS`.
    waiters: tokio::sync::Semaphore,
    /// Errors of the last build, as text, or `None` when it succeeded.
    error: Mutex<Option<String>>,
    /// Counts the builds; a change tells waiting pages to reload.
    version: tokio::sync::watch::Sender<u64>,
}

/// A new, private (0700) folder under the system's temporary folder for `serve` to build into:
/// its name is random and it did not exist, so no other user can have prepared it.
pub fn preview_folder() -> std::io::Result<PathBuf> {
    let base = std::env::temp_dir();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::{OsStrExt, OsStringExt};
        let template = base.join("portal-serve-XXXXXX");
        let mut bytes = template.as_os_str().as_bytes().to_vec();
        bytes.push(0);
        // SAFETY: a writable, NUL-terminated buffer that mkdtemp fills in place.
        let r = unsafe { libc::mkdtemp(bytes.as_mut_ptr().cast()) };
        if r.is_null() {
            return Err(std::io::Error::last_os_error());
        }
        bytes.pop();
        Ok(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = base.join(format!("portal-serve-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&dir)?;
        Ok(dir)
    }
}

pub fn serve(site: &Path, out: &Path, port: u16) -> std::io::Result<()> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let base = format!("http://{addr}/");
    let shared = Arc::new(Shared {
        out: out.to_path_buf(),
        port: addr.port(),
        waiters: tokio::sync::Semaphore::new(MAX_WAITERS),
        error: Mutex::new(None),
        version: tokio::sync::watch::Sender::new(0),
    });
    let opts = BuildOptions {
        site: site.to_path_buf(),
        out: out.to_path_buf(),
        base_url: Some(base.clone()),
    };
    rebuild(&opts, &shared);
    watch(opts, shared.clone())?;
    eprintln!(
        "serving the preview built in {} at {base} (Ctrl-C to stop)",
        out.display()
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(accept(listener, shared))
}

fn rebuild(opts: &BuildOptions, shared: &Shared) {
    let start = std::time::Instant::now();
    let r = build(opts);
    if crate::output::staging::interrupted() {
        return; // the Ctrl-C handler says what happened
    }
    let text = diagnostics::print(&r.diagnostics, Format::Human, &opts.site);
    if !r.diagnostics.is_empty() {
        eprint!("{text}");
    }
    let mut s = shared.error.lock().unwrap_or_else(|e| e.into_inner());
    if r.has_errors() {
        eprintln!("build failed; pages show the errors until it is fixed");
        *s = Some(text);
    } else {
        eprintln!("rebuilt in {} ms", start.elapsed().as_millis());
        *s = None;
    }
    drop(s);
    shared.version.send_modify(|v| *v += 1);
}

/// The inputs of a build, as the watcher reports their paths.
struct Inputs {
    site: PathBuf,
    dirs: Vec<PathBuf>,
}

impl Inputs {
    fn new(site: &Path) -> Inputs {
        let site = std::fs::canonicalize(site).unwrap_or_else(|_| site.to_path_buf());
        let dirs = ["content", "themes", "seeds"]
            .iter()
            .map(|d| site.join(d))
            .collect();
        Inputs { site, dirs }
    }

    /// Whether a change at `path` can change the site. The output folder is never among these
    /// (`build` refuses one inside content/, themes/ or seeds/), so a build cannot trigger another.
    fn feeds_build(&self, path: &Path) -> bool {
        path == self.site.join("site.yaml") || self.dirs.iter().any(|d| path.starts_with(d))
    }
}

/// Starts watching the site's inputs and rebuilds, on a thread of its own, after each burst of
/// changes. Reads are not changes: the build's own reading of the content must not trigger a build.
fn watch(opts: BuildOptions, shared: Arc<Shared>) -> std::io::Result<()> {
    use notify_debouncer_full::notify::EventKind;
    let io = |e: notify_debouncer_full::notify::Error| std::io::Error::other(e.to_string());
    let inputs = Inputs::new(&opts.site);
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer = notify_debouncer_full::new_debouncer(DEBOUNCE, None, tx).map_err(io)?;
    // The site folder itself, not recursively: site.yaml (editors replace it by renaming, which
    // ends a watch on the file itself) and content/, themes/, seeds/ appearing later.
    debouncer
        .watch(&inputs.site, RecursiveMode::NonRecursive)
        .map_err(io)?;
    let mut watched = Vec::new();
    for d in inputs.dirs.iter().filter(|d| d.is_dir()) {
        debouncer.watch(d, RecursiveMode::Recursive).map_err(io)?;
        watched.push(d.clone());
    }
    std::thread::spawn(move || {
        for result in rx {
            let events = match result {
                Ok(events) => events,
                Err(errors) => {
                    for e in errors {
                        eprintln!("warning: watching the site: {e}");
                    }
                    continue;
                }
            };
            let changed = events.iter().any(|e| {
                !matches!(e.kind, EventKind::Access(_))
                    && e.paths.iter().any(|p| inputs.feeds_build(p))
            });
            if !changed {
                continue;
            }
            // An input folder that was removed, moved, or re-created is a new folder (or none):
            // its old watch is gone, so it is watched again, before the rebuild reads it (what is
            // written after that is seen).
            for d in &inputs.dirs {
                let recreated = events
                    .iter()
                    .any(|e| e.paths.iter().any(|p| p == d || d.starts_with(p)));
                if recreated && watched.contains(d) {
                    let _ = debouncer.unwatch(d);
                    watched.retain(|w| w != d);
                }
                if d.is_dir() && !watched.contains(d) {
                    match debouncer.watch(d, RecursiveMode::Recursive) {
                        Ok(()) => watched.push(d.clone()),
                        Err(e) => eprintln!(
                            "warning: cannot watch {}: {e}; edits there are not seen until a restart",
                            d.display()
                        ),
                    }
                }
            }
            rebuild(&opts, &shared);
        }
    });
    Ok(())
}

async fn accept(listener: std::net::TcpListener, shared: Arc<Shared>) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(permit) = permits.clone().acquire_owned().await else {
            return Ok(()); // the semaphore is never closed
        };
        let stream = match listener.accept().await {
            Ok((s, _)) => s,
            Err(_) => {
                // Out of file descriptors, or a connection reset before accept: try again shortly.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                let shared = shared.clone();
                async move { Ok::<_, std::convert::Infallible>(handle(req, &shared).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD_BYTES)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

type Reply = Response<Full<Bytes>>;

fn reply(status: StatusCode, ctype: &'static str, body: impl Into<Bytes>) -> Reply {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(ctype));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn handle(req: Request<Incoming>, shared: &Shared) -> Reply {
    let head = req.method() == Method::HEAD;
    let mut r = respond(&req, shared).await;
    if head {
        *r.body_mut() = Full::new(Bytes::new());
    }
    r
}

async fn respond(req: &Request<Incoming>, shared: &Shared) -> Reply {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = reply(StatusCode::METHOD_NOT_ALLOWED, "text/plain", "");
        r.headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    if let Some(why) = foreign_host(req, shared.port) {
        let mut r = reply(
            StatusCode::MISDIRECTED_REQUEST,
            "text/plain; charset=utf-8",
            format!("{why}: this preview answers only http://127.0.0.1:{0}/ and http://localhost:{0}/\n", shared.port),
        );
        r.headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
        return r;
    }
    let uri = req.uri();
    let version = *shared.version.borrow();
    match uri.path() {
        RELOAD_JS => {
            return reply(
                StatusCode::OK,
                "text/javascript; charset=utf-8",
                RELOAD_SCRIPT,
            )
        }
        WAIT_PATH => return wait(shared, uri.query().unwrap_or("")).await,
        _ => {}
    }
    let path = percent_decode(uri.path());
    let error = shared
        .error
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    // Only a folder a build wrote: never one that `--out` named and the build refused to replace.
    let built = shared.out.join(crate::output::staging::MARKER).is_file();
    let file = resolve(&shared.out, &path).filter(|_| built);
    let is_page = file
        .as_ref()
        .is_none_or(|f| f.extension().is_some_and(|e| e == "html"));
    if let (Some(err), true) = (error, is_page) {
        let body = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Build failed</title><style>body{{font-family:sans-serif;margin:1rem}}pre{{white-space:pre-wrap;overflow-wrap:anywhere}}</style></head><body><main><h1>Build failed</h1><p>Fix these problems and save: this page reloads when the site is rebuilt.</p><pre>{}</pre></main></body></html>",
            escape(&err)
        );
        return html(
            StatusCode::INTERNAL_SERVER_ERROR,
            body.into_bytes(),
            version,
        );
    }
    match file {
        Some(f) if f.is_dir() => {
            // Built from the cleaned path, so that `//en` cannot become `//en/`, a link to
            // another host; the query is kept.
            let mut loc = clean(&path);
            loc.push('/');
            if let Some(q) = uri.query() {
                loc.push('?');
                loc.push_str(q);
            }
            let mut r = reply(StatusCode::MOVED_PERMANENTLY, "text/plain", "");
            match HeaderValue::from_str(&loc) {
                Ok(v) => {
                    r.headers_mut().insert(LOCATION, v);
                    r
                }
                Err(_) => not_found(shared, version),
            }
        }
        Some(f) => match std::fs::read(&f) {
            Ok(bytes) => {
                let ctype = content_type(&f);
                if ctype.starts_with("text/html") {
                    html(StatusCode::OK, bytes, version)
                } else {
                    reply(StatusCode::OK, ctype, bytes)
                }
            }
            Err(_) => not_found(shared, version),
        },
        None => not_found(shared, version),
    }
}

/// The site's own 404 page.
fn not_found(shared: &Shared, version: u64) -> Reply {
    let built = shared.out.join(crate::output::staging::MARKER).is_file();
    let body = built
        .then(|| std::fs::read(shared.out.join("404.html")).ok())
        .flatten()
        .unwrap_or_else(|| b"<!DOCTYPE html><title>Not found</title><p>Not found.</p>".to_vec());
    html(StatusCode::NOT_FOUND, body, version)
}

/// Why a request is not for this server, if it is not: its `Host` (or the host of an absolute
/// request URL) must be `127.0.0.1:PORT` or `localhost:PORT` (the port may be left out for 80).
/// A web page of another name that resolves to 127.0.0.1 (DNS rebinding) is refused so.
fn foreign_host(req: &Request<Incoming>, port: u16) -> Option<String> {
    let ok = |host: &str| {
        let host = host.to_ascii_lowercase();
        let (name, p) = match host.rsplit_once(':') {
            Some((n, p)) => (n.to_string(), p.parse::<u16>().ok()),
            None => (host.clone(), Some(80)),
        };
        (name == "127.0.0.1" || name == "localhost") && p == Some(port)
    };
    let Some(host) = req.headers().get(HOST) else {
        return Some("the request names no host".into());
    };
    let Ok(host) = host.to_str() else {
        return Some("the request's host is not text".into());
    };
    if !ok(host) {
        return Some(format!("`{}` is not this server", host.escape_default()));
    }
    if let Some(a) = req.uri().authority() {
        if !ok(a.as_str()) {
            return Some(format!(
                "`{}` is not this server",
                a.as_str().escape_default()
            ));
        }
    }
    None
}

/// An HTML response with the live-reload script added before `</body>` (or at the end).
fn html(status: StatusCode, body: Vec<u8>, version: u64) -> Reply {
    reply(status, "text/html; charset=utf-8", inject(body, version))
}

fn inject(mut body: Vec<u8>, version: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_JS}\" data-version=\"{version}\" defer></script>");
    let at = memchr::memmem::rfind(&body, b"</body>").unwrap_or(body.len());
    body.splice(at..at, tag.into_bytes());
    body
}

/// Answers `/__portal/wait?v=N` when the build version differs from N, or after `WAIT`.
async fn wait(shared: &Shared, query: &str) -> Reply {
    let seen: Option<u64> = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("v="))
        .and_then(|v| v.parse().ok());
    let mut rx = shared.version.subscribe();
    if let Some(seen) = seen.filter(|s| *s == *rx.borrow()) {
        let Ok(_waiting) = shared.waiters.try_acquire() else {
            // Too many pages wait already: this one asks again in a while, on a new connection,
            // so that the waiting ones cannot hold every connection.
            let mut r = reply(
                StatusCode::SERVICE_UNAVAILABLE,
                "text/plain; charset=utf-8",
                "too many pages are waiting for a rebuild; ask again in a moment\n",
            );
            let h = r.headers_mut();
            h.insert(RETRY_AFTER, HeaderValue::from_static("2"));
            h.insert(CONNECTION, HeaderValue::from_static("close"));
            return r;
        };
        let _ = tokio::time::timeout(WAIT, rx.wait_for(|v| *v != seen)).await;
    }
    let now = *rx.borrow();
    reply(StatusCode::OK, "text/plain; charset=utf-8", now.to_string())
}

/// Reloads the page when the server says the build changed; quiet when the server is gone.
const RELOAD_SCRIPT: &str = r#"(function () {
  var me = document.currentScript, v = me && me.getAttribute('data-version');
  if (!v || !window.fetch) return;
  function ask(delay) {
    setTimeout(function () {
      fetch('/__portal/wait?v=' + v, { cache: 'no-store' })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (now) { if (now.trim() !== v) location.reload(); else ask(0); })
        .catch(function () { ask(2000); });
    }, delay);
  }
  ask(0);
})();
"#;

/// A URL path with empty and `.` segments removed: `//en/./x` → `/en/x`.
fn clean(path: &str) -> String {
    let mut s = String::new();
    for seg in path.split('/').filter(|s| !s.is_empty() && *s != ".") {
        s.push('/');
        s.push_str(seg);
    }
    s
}

/// Maps a URL path to a file in the output folder; never outside it, and never a dot-file (the
/// build writes none but its marker).
fn resolve(out: &Path, path: &str) -> Option<PathBuf> {
    let rel = Path::new(path.trim_start_matches('/'));
    if !rel.components().all(|c| match c {
        Component::Normal(n) => !n.to_string_lossy().starts_with('.'),
        Component::CurDir => true,
        _ => false,
    }) {
        return None;
    }
    let p = out.join(rel);
    let p = if path.ends_with('/') {
        p.join("index.html")
    } else {
        p
    };
    // A link inside the folder (the build writes none) must not lead out of it.
    let inside = std::fs::canonicalize(&p)
        .ok()
        .zip(std::fs::canonicalize(out).ok())
        .is_some_and(|(real, out)| real.starts_with(out));
    let found = if path.ends_with('/') {
        p.is_file()
    } else {
        p.exists()
    };
    (found && inside).then_some(p)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() && s.is_char_boundary(i + 3) {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_never_leave_the_output_folder() {
        let out = Path::new("/tmp/none");
        assert_eq!(resolve(out, "/../etc/passwd"), None);
        assert_eq!(resolve(out, &percent_decode("/%2e%2e/x")), None);
        assert_eq!(resolve(out, "/.portal-output"), None);
        assert_eq!(resolve(out, "/.ssh/id_ed25519"), None);
        assert_eq!(resolve(out, "/en/.hidden"), None);
        assert_eq!(percent_decode("/zh/%E6%90%9C"), "/zh/搜");
    }

    #[test]
    fn redirects_stay_on_this_host() {
        assert_eq!(clean("//en"), "/en");
        assert_eq!(clean("///evil.example//x/./"), "/evil.example/x");
    }

    #[test]
    fn the_script_goes_before_the_body_end() {
        let body = inject(b"<html><body>x</body></html>".to_vec(), 7);
        assert_eq!(
            String::from_utf8(body).unwrap(),
            "<html><body>x<script src=\"/__portal/reload.js\" data-version=\"7\" defer></script></body></html>"
        );
    }
}
