//! site.yaml's `contact` (and `--contact`): where readers report errors. An https address (an issue
//! tracker, a form) is linked as it is; an e-mail address becomes a `mailto:` link. Pure functions
//! of their input, but for the warning, which reads site.yaml for the hint.

use super::policy::url_problem;
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// A checked contact, as pages link it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ContactLink {
    /// The link's address: the https URL, or `mailto:` and the address.
    pub href: String,
    /// What the link says: the URL without `https://`, or the e-mail address.
    pub shown: String,
    /// Whether it is an e-mail address.
    pub email: bool,
}

/// What to write instead of a bad or missing contact.
pub const CONTACT_HINT: &str = "write an issue tracker's address, like https://github.com/owner/repo/issues, or an e-mail address, like corrections@your.org";

/// The link for a `contact` value, or why it is not one: an https URL (a query or fragment is
/// allowed, as in `…/issues/new?labels=correction`) or an e-mail address (`mailto:` before it is
/// allowed and dropped).
pub fn contact_link(value: &str) -> Result<ContactLink, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("is empty".into());
    }
    if value.contains("://") || value.starts_with("http:") || value.starts_with("https:") {
        if !value.starts_with("https://") {
            return Err(
                "is not an https:// address: readers' reports would travel unencrypted".into(),
            );
        }
        if let Some(why) = url_problem(value, true) {
            return Err(why);
        }
        let shown = value.trim_start_matches("https://").trim_end_matches('/');
        return Ok(ContactLink {
            href: value.to_string(),
            shown: shown.to_string(),
            email: false,
        });
    }
    let address = value
        .strip_prefix("mailto:")
        .or_else(|| value.strip_prefix("MAILTO:"))
        .unwrap_or(value);
    if let Some(why) = email_problem(address) {
        return Err(why);
    }
    Ok(ContactLink {
        href: format!("mailto:{address}"),
        shown: address.to_string(),
        email: true,
    })
}

/// Why `a` is not an e-mail address a `mailto:` link can hold as it is: one `@`, a local part of
/// letters, digits and `.+_-` (no dot at either end, none doubled), a domain of at least two
/// labels of letters, digits and `-`.
fn email_problem(a: &str) -> Option<String> {
    let not = || Some("is neither an https:// address nor an e-mail address".to_string());
    let Some((local, domain)) = a.split_once('@') else {
        return not();
    };
    if domain.contains('@') {
        return Some("holds more than one `@`".into());
    }
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".+_-".contains(&b));
    if !local_ok {
        return Some(format!(
            "has `{}` before the `@`, which is not an address's name (letters, digits and . + _ -)",
            super::short(local)
        ));
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !domain_ok {
        return Some(format!(
            "has `{}` after the `@`, which is not a domain name like your.org",
            super::short(domain)
        ));
    }
    None
}

/// The warning for a site that names no contact: the build goes on (exit 0), and no page names
/// an address.
pub fn contact_missing_warning(root: &Path) -> Diagnostic {
    Diagnostic::warning(
        root.join("site.yaml"),
        "no `contact`: no page says where readers can report an error",
    )
    .hint(format!(
        "add `contact:` to site.yaml ({}), or build with --contact",
        CONTACT_HINT.trim_start_matches("write ")
    ))
}

/// The warning for a contact on a host kept for documentation and tests (example.org, *.test…):
/// its link would lead nowhere. `from_flag`: the value came from `--contact`.
pub fn contact_placeholder_warning(
    root: &Path,
    link: &ContactLink,
    from_flag: bool,
) -> Option<Diagnostic> {
    let host = if link.email {
        link.shown.rsplit('@').next().unwrap_or("")
    } else {
        link.shown.split(['/', '?', '#']).next().unwrap_or("")
    };
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    if !super::is_placeholder_host(&host) {
        return None;
    }
    let file = root.join("site.yaml");
    let line = if from_flag {
        None
    } else {
        super::source::locate_key(&file, "contact:")
    };
    let source = if from_flag { "--contact" } else { "contact" };
    Some(
        Diagnostic::warning(
            &file,
            format!("{source} `{}` names the placeholder host `{host}`: readers' reports sent there would go nowhere", link.shown),
        )
        .at(line, None)
        .hint("before publishing, give the real address, or leave `contact` out (then no page names one)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_trackers_become_links() {
        let t = contact_link("https://github.com/o/r/issues").unwrap();
        assert_eq!(t.href, "https://github.com/o/r/issues");
        assert_eq!(t.shown, "github.com/o/r/issues");
        assert!(!t.email);
        let q = contact_link("https://x.org/issues/new?labels=correction").unwrap();
        assert_eq!(q.href, "https://x.org/issues/new?labels=correction");
        for v in ["corrections@your.org", "mailto:corrections@your.org"] {
            let e = contact_link(v).unwrap();
            assert_eq!(e.href, "mailto:corrections@your.org", "{v}");
            assert_eq!(e.shown, "corrections@your.org");
            assert!(e.email);
        }
        assert!(contact_link("first.last+errata@mail.un-habitat.example.org").is_ok());
    }

    #[test]
    fn placeholder_hosts_are_warned_about() {
        let root = Path::new("/nonexistent");
        for v in [
            "https://example.org/x/issues",
            "a@b.example.com",
            "https://tracker.test/",
        ] {
            let w = contact_placeholder_warning(root, &contact_link(v).unwrap(), true).expect(v);
            assert!(!w.is_error() && w.message.contains("placeholder"), "{v}");
        }
        for v in [
            "https://github.com/o/r/issues",
            "corrections@unhabitat.org",
            "https://examples.org/",
        ] {
            assert!(
                contact_placeholder_warning(root, &contact_link(v).unwrap(), false).is_none(),
                "{v}"
            );
        }
    }

    #[test]
    fn bad_values_say_why() {
        for (bad, why) in [
            ("", "empty"),
            ("http://x.org/issues", "https"),
            ("ftp://x.org/", "https"),
            ("javascript:alert(1)", "neither"),
            ("https://", "host"),
            ("https://x.org/a b", "contains"),
            ("open an issue", "neither"),
            ("a@b", "domain"),
            ("a@@b.org", "more than one"),
            ("a b@c.org", "before the"),
            ("<x>@c.org", "before the"),
            ("a@c.org?subject=x", "after the"),
            (".a@c.org", "before the"),
            ("a@-c.org", "after the"),
        ] {
            let e = contact_link(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}
