//! URL and code policy: what counts as a safe absolute URL, a usable base URL, a placeholder host
//! or a document symbol (currency codes are `model::currency`). Pure functions of their input (the warnings aside, which
//! read site.yaml for a line number); never decides what to do with a problem.

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// A document symbol as the UN prints it: parts joined by `/`, each of letters, digits, `.` and
/// `-`, none empty, `.` or `..` (`HSP/HA.2/Res.7`; not `""`, `/`, `../../x` or `<script>`). A symbol
/// becomes part of a URL (`document_url`), so nothing in it may climb out of that URL's path.
pub(super) fn is_symbol(s: &str) -> bool {
    s.contains('/')
        && s.split('/').all(|p| {
            !p.is_empty()
                && p != "."
                && p != ".."
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-".contains(&b))
        })
}

/// Why `url` is not a safe absolute http(s) URL, if it is not: a scheme other than http or https
/// (`javascript:`), no host (`https:///x`, `//evil.example/` has no scheme), characters that would
/// break out of an attribute or need percent-encoding, and, unless `query` allows them, a query or
/// fragment.
pub fn url_problem(url: &str, query: bool) -> Option<String> {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some("is not an absolute URL starting with https:// or http://".into());
    };
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\\\"'<>`{}|^".contains(*c))
    {
        return Some(format!(
            "contains {c:?}, which a URL may not hold unencoded"
        ));
    }
    if !query && url.contains(['?', '#']) {
        return Some("has a query string or fragment, which would end up inside every link".into());
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_ok = !host.is_empty()
        && !host.starts_with([':', '.', '-'])
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b) || b >= 0x80);
    if !host_ok {
        return Some("has no valid host name".into());
    }
    None
}

/// `url_problem` for the address the site is served from (site.yaml's `base_url` and
/// `--base-url`): also no query or fragment.
pub fn base_url_problem(url: &str) -> Option<String> {
    // A path alone ("/", "/portal/") is allowed: links are then root-relative, and what needs a host
    // (canonical links, sitemap, feeds) is left out with a warning (`base_url_warnings`).
    if url.starts_with('/') && !url.starts_with("//") {
        return url_problem(&format!("https://host{url}"), false);
    }
    url_problem(url, false)
}

/// A base URL (`base_url` of site.yaml, or `--base-url`) as the build uses it: the scheme and host in lower case (`HTTPS://X.ORG/` is
/// `https://x.org/`), a port only if it is one (1–65535), and then the checks of `base_url`.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return match base_url_problem(url) {
            None => Ok(url.to_string()),
            Some(why) => Err(why),
        };
    };
    let url = if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(end);
        // With user information (`a:b@host`), the checks below refuse it: no port to read.
        let host_end = if authority.contains('@') {
            authority.len()
        } else if authority.starts_with('[') {
            authority
                .find(']')
                .map(|i| i + 1)
                .unwrap_or(authority.len())
        } else {
            authority.rfind(':').unwrap_or(authority.len())
        };
        if let Some(port) = authority[host_end..].strip_prefix(':') {
            let valid = !port.is_empty()
                && port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u16>().is_ok_and(|p| p > 0);
            if !valid {
                return Err(format!(
                    "has the port `{}`, which is not a port number (1 to 65535)",
                    super::source::short(port)
                ));
            }
        }
        format!(
            "{}://{}{path}",
            scheme.to_ascii_lowercase(),
            authority.to_ascii_lowercase()
        )
    } else {
        url.to_string()
    };
    match base_url_problem(&url) {
        None => Ok(url),
        Some(why) => Err(why),
    }
}

/// Warnings about where the site will be published, once `--base-url` has had its say: a host kept
/// for documentation (example.org, *.test, ...) would publish links nobody can follow, and without a
/// host the canonical links, sitemap and feeds are left out. `from_flag` says where the value came from.
pub fn base_url_warnings(root: &Path, base_url: &str, from_flag: bool) -> Vec<Diagnostic> {
    let file = root.join("site.yaml");
    // The setting's own line; not a commented-out example of it.
    let line = if from_flag {
        None
    } else {
        std::fs::read_to_string(&file).ok().and_then(|t| {
            t.lines()
                .position(|l| l.starts_with("base_url:"))
                .map(|i| i + 1)
        })
    };
    let how = "set `base_url: https://your.host/path/` in site.yaml, or build with --base-url";
    let Some(rest) = base_url.split_once("://").map(|(_, r)| r) else {
        return vec![Diagnostic::warning(
            &file,
            "base_url names no host: links are root-relative, and canonical links, sitemap.xml and the Atom feeds are left out",
        )
        .at(line, None)
        .hint(format!("before publishing, {how}"))];
    };
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('@')
        .next()
        .unwrap_or("");
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    if is_placeholder_host(&host) {
        let source = if from_flag { "--base-url" } else { "base_url" };
        return vec![Diagnostic::warning(
            &file,
            format!("{source} `{base_url}` names the placeholder host `{host}`: every canonical link, sitemap entry and feed would point there"),
        )
        .at(line, None)
        .hint(format!("{how}; leave it out for a local build"))];
    }
    vec![]
}

/// Hosts reserved for documentation and testing (RFC 2606, RFC 6761): never a real site.
pub fn is_placeholder_host(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    ["example.org", "example.com", "example.net", "example"]
        .iter()
        .any(|p| host == *p || host.ends_with(&format!(".{p}")))
        || [".test", ".invalid"].iter().any(|t| host.ends_with(t))
        || host == "test"
        || host == "invalid"
}

#[cfg(test)]
mod base_url_tests {
    use super::*;

    #[test]
    fn symbols_are_printed_parts() {
        for ok in [
            "HSP/HA.2/Res.7",
            "HSP/EB.2024/20",
            "A/RES/78-1",
            "FICT/2033/INF.1",
        ] {
            assert!(is_symbol(ok), "{ok}");
        }
        for bad in [
            "",
            "/",
            "A/",
            "/A",
            "../../x",
            "../../../evil.example/x",
            "A/./B",
            "A//B",
            "<script>",
            "A/B\"<x>",
            "A/B C",
        ] {
            assert!(!is_symbol(bad), "{bad}");
        }
    }

    #[test]
    fn warns_about_placeholder_hosts_and_a_missing_base_url() {
        let root = Path::new("/nonexistent");
        for url in [
            "https://example.org/",
            "https://www.example.com/portal/",
            "http://portal.test/",
            "https://user@EXAMPLE.NET:8443/x/",
        ] {
            let d = base_url_warnings(root, url, false);
            assert_eq!(d.len(), 1, "{url}");
            assert!(
                !d[0].is_error() && d[0].message.contains("placeholder"),
                "{url}"
            );
        }
        let none = base_url_warnings(root, "/", false);
        assert!(none.len() == 1 && none[0].message.contains("no host"));
        for url in [
            "https://unhabitat.org/portal/",
            "http://127.0.0.1:8000/",
            "https://examples.org/",
        ] {
            assert!(base_url_warnings(root, url, true).is_empty(), "{url}");
        }
    }
}
