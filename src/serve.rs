//! `portal serve`: a local preview for maintainers. Builds, serves the output on 127.0.0.1, polls the
//! site's files and rebuilds on change; while the last build failed, every page shows its errors instead
//! of a stale site. Not a production server: one thread per request, GET and HEAD only.

use crate::diagnostics::{self, Format};
use crate::render::escape_html as escape;
use crate::{build, BuildOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Errors of the last build, as text, or `None` when it succeeded.
type State = Arc<Mutex<Option<String>>>;

pub fn serve(site: &Path, out: &Path, port: u16) -> std::io::Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let addr = listener.local_addr()?;
    let base = format!("http://{addr}/");
    let state: State = Arc::new(Mutex::new(None));
    let opts = BuildOptions {
        site: site.to_path_buf(),
        out: out.to_path_buf(),
        base_url: Some(base.clone()),
    };
    rebuild(&opts, &state);
    eprintln!("serving {} at {base} (Ctrl-C to stop)", out.display());

    let (watch_opts, watch_state) = (opts.clone(), state.clone());
    std::thread::spawn(move || {
        let mut last = fingerprint(&watch_opts.site);
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let now = fingerprint(&watch_opts.site);
            if now != last {
                last = now;
                rebuild(&watch_opts, &watch_state);
            }
        }
    });

    for stream in listener.incoming().flatten() {
        let (out, state) = (out.to_path_buf(), state.clone());
        std::thread::spawn(move || {
            let _ = handle(stream, &out, &state);
        });
    }
    Ok(())
}

fn rebuild(opts: &BuildOptions, state: &State) {
    let start = std::time::Instant::now();
    let r = build(opts);
    let text = diagnostics::print(&r.diagnostics, Format::Human, &opts.site);
    if !r.diagnostics.is_empty() {
        eprint!("{text}");
    }
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    if r.has_errors() {
        eprintln!("build failed; pages show the errors until it is fixed");
        *s = Some(text);
    } else {
        eprintln!("rebuilt in {} ms", start.elapsed().as_millis());
        *s = None;
    }
}

/// Latest modification time and file count of everything that feeds the build.
fn fingerprint(site: &Path) -> (Option<SystemTime>, usize) {
    let mut latest = None;
    let mut count = 0;
    for root in [
        site.join("site.yaml"),
        site.join("content"),
        site.join("themes"),
    ] {
        for e in walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
        {
            count += 1;
            if let Some(m) = e.metadata().ok().and_then(|m| m.modified().ok()) {
                latest = latest.max(Some(m));
            }
        }
    }
    (latest, count)
}

fn handle(mut stream: TcpStream, out: &Path, state: &State) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"",
            method == "HEAD",
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let error = state.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let file = resolve(out, &path);
    let is_page = file
        .as_ref()
        .is_none_or(|f| f.extension().is_some_and(|e| e == "html"));
    if let (Some(err), true) = (error, is_page) {
        let body = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><main><h1>Build failed</h1><p>Fix these problems and save; refresh this page to see the rebuilt site.</p><pre>{}</pre></main></body></html>",
            escape(&err)
        );
        return respond(
            &mut stream,
            "500 Internal Server Error",
            "text/html; charset=utf-8",
            body.as_bytes(),
            method == "HEAD",
        );
    }
    match file {
        Some(f) if f.is_dir() => {
            let loc = format!("{}/", path.trim_end_matches('/'));
            let head = format!("HTTP/1.1 301 Moved Permanently\r\nLocation: {loc}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            stream.write_all(head.as_bytes())
        }
        Some(f) => match std::fs::read(&f) {
            Ok(bytes) => respond(
                &mut stream,
                "200 OK",
                content_type(&f),
                &bytes,
                method == "HEAD",
            ),
            Err(_) => not_found(&mut stream, out, method == "HEAD"),
        },
        None => not_found(&mut stream, out, method == "HEAD"),
    }
}

fn not_found(stream: &mut TcpStream, out: &Path, head: bool) -> std::io::Result<()> {
    let body = std::fs::read(out.join("404.html")).unwrap_or_default();
    respond(
        stream,
        "404 Not Found",
        "text/html; charset=utf-8",
        &body,
        head,
    )
}

/// Maps a URL path to a file in the output folder; never outside it.
fn resolve(out: &Path, path: &str) -> Option<PathBuf> {
    let rel = Path::new(path.trim_start_matches('/'));
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let p = out.join(rel);
    if path.ends_with('/') {
        let index = p.join("index.html");
        return index.is_file().then_some(index);
    }
    p.exists().then_some(p)
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

fn respond(
    stream: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let header = format!("HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n", body.len());
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_never_leave_the_output_folder() {
        let out = Path::new("/tmp/none");
        assert_eq!(resolve(out, "/../etc/passwd"), None);
        assert_eq!(resolve(out, &percent_decode("/%2e%2e/x")), None);
        assert_eq!(percent_decode("/zh/%E6%90%9C"), "/zh/搜");
    }
}
