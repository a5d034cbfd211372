//! Markdown: the comrak options in one place, and the safety rules applied to every document.
//! Raw HTML is escaped (shown as text, never markup); links are checked and rewritten here: unsafe
//! schemes are dropped, internal links get the language and base path, images from other hosts removed.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options};

/// What the renderer needs to know to rewrite and check links.
pub struct LinkContext<'a> {
    /// Path prefix of the site, ending in `/` (`/` or `/portal/`).
    pub base_path: &'a str,
    pub lang: &'a str,
    /// Whether a language-less site path such as `/resolutions/2-7/` exists.
    pub exists: &'a (dyn Fn(&str) -> bool + Sync),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    /// A link with a scheme other than http, https or mailto; the link was removed, its text kept.
    Unsafe(String),
    /// An internal link to a page that does not exist; kept, so the reader sees the author's intent.
    Broken(String),
    /// An image from another host (it would make the reader's browser leave the site); removed.
    ExternalImage(String),
    /// A relative link (`foo/`): ambiguous across languages and base paths; removed.
    Relative(String),
}

impl LinkProblem {
    pub fn describe(&self) -> (String, String) {
        match self {
            LinkProblem::Unsafe(u) => (
                format!("the link `{u}` uses an unsafe scheme and was dropped"),
                "links may use https:, http:, mailto: or a site path such as /resolutions/2-7/".into(),
            ),
            LinkProblem::Broken(u) => (
                format!("the internal link `{u}` points to no page"),
                "write site paths without the language, e.g. /resolutions/2-7/ or /reports/hsp-eb-2024-20/".into(),
            ),
            LinkProblem::ExternalImage(u) => (
                format!("the image `{u}` is on another host and was removed"),
                "the portal loads nothing from other hosts; put the image in the theme's static folder".into(),
            ),
            LinkProblem::Relative(u) => (
                format!("the relative link `{u}` was dropped"),
                "start site links with `/`, e.g. /resolutions/2-7/".into(),
            ),
        }
    }
}

pub fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.header_id_prefix = Some("h-".into());
    o.render.r#unsafe = false;
    o.render.escape = true;
    o
}

/// Renders one Markdown fragment to HTML, returning the link problems found.
pub fn render(md: &str, options: &Options, ctx: &LinkContext) -> (String, Vec<LinkProblem>) {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, md, options);
    let problems = rewrite_links(root, ctx);
    let mut html = String::new();
    // Formatting into a String cannot fail.
    let _ = comrak::format_html(root, options, &mut html);
    (html, problems)
}

/// Renders Markdown known to be a single paragraph without the surrounding `<p>`, for inline use.
pub fn render_inline(md: &str, options: &Options, ctx: &LinkContext) -> (String, Vec<LinkProblem>) {
    let (html, p) = render(md, options, ctx);
    let t = html.trim_end();
    let inner = t.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>"));
    match inner {
        Some(s) if !s.contains("<p>") => (s.to_string(), p),
        _ => (html, p),
    }
}

fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    (cleaned.as_bytes()[end] == b':').then(|| cleaned[..end].to_ascii_lowercase())
}

fn rewrite_links<'a>(root: &'a AstNode<'a>, ctx: &LinkContext) -> Vec<LinkProblem> {
    let mut problems = Vec::new();
    let nodes: Vec<&AstNode> = root.descendants().collect();
    for node in nodes {
        let (is_image, url) = match &node.data().value {
            NodeValue::Link(l) => (false, l.url.clone()),
            NodeValue::Image(l) => (true, l.url.clone()),
            _ => continue,
        };
        let verdict = match scheme(&url) {
            Some(s) if is_image && s == "data" => Err(LinkProblem::Unsafe(url.clone())),
            Some(_) if is_image => Err(LinkProblem::ExternalImage(url.clone())),
            Some(s) if matches!(s.as_str(), "http" | "https" | "mailto") => Ok(None),
            Some(_) => Err(LinkProblem::Unsafe(url.clone())),
            None if url.starts_with("//") => {
                if is_image {
                    Err(LinkProblem::ExternalImage(url.clone()))
                } else {
                    Ok(None)
                }
            }
            None if url.starts_with('/') => {
                let cut = url.find(['#', '?']).unwrap_or(url.len());
                let (path, rest) = url.split_at(cut);
                if path.starts_with("/data/") || path.starts_with("/static/") {
                    Ok(Some(format!("{}{}{rest}", ctx.base_path, &path[1..])))
                } else {
                    if !(ctx.exists)(path) {
                        problems.push(LinkProblem::Broken(url.clone()));
                    }
                    Ok(Some(format!("{}{}{path}{rest}", ctx.base_path, ctx.lang)))
                }
            }
            None if url.starts_with('#') || url.is_empty() => Ok(None),
            None => Err(LinkProblem::Relative(url.clone())),
        };
        match verdict {
            Ok(Some(new_url)) => {
                if let NodeValue::Link(l) | NodeValue::Image(l) = &mut node.data_mut().value {
                    l.url = new_url;
                }
            }
            Ok(None) => {}
            Err(p) => {
                // Keep the link's text, drop the link itself.
                let children: Vec<&AstNode> = node.children().collect();
                for c in children {
                    node.insert_before(c);
                }
                node.detach();
                problems.push(p);
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ctx_render(md: &str) -> (String, Vec<LinkProblem>) {
        let exists = |p: &str| p == "/resolutions/2-7/";
        let ctx = LinkContext {
            base_path: "/portal/",
            lang: "zh",
            exists: &exists,
        };
        render(md, &options(), &ctx)
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let (html, _) = ctx_render("hi <script>alert(1)</script> <b onclick=x>b</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_links_are_dropped_keeping_text() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            "&#106;avascript:x",
            "<javascript:x>",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let (html, problems) = ctx_render(&format!("[click]({url})"));
            assert!(!html.contains("href"), "{url}: {html}");
            assert!(html.contains("click"));
            assert_eq!(problems.len(), 1, "{url}");
        }
    }

    #[test]
    fn internal_links_get_language_and_base_path() {
        let (html, problems) = ctx_render("[a](/resolutions/2-7/#para-38) [b](/resolutions/9-9/)");
        assert!(
            html.contains(r#"href="/portal/zh/resolutions/2-7/#para-38""#),
            "{html}"
        );
        assert_eq!(
            problems,
            vec![LinkProblem::Broken("/resolutions/9-9/".into())]
        );
    }

    #[test]
    fn external_images_are_removed() {
        let (html, problems) = ctx_render("![alt](https://tracker.example/p.gif)");
        assert!(!html.contains("<img"), "{html}");
        assert_eq!(problems.len(), 1);
    }

    proptest! {
        #[test]
        fn never_panics_and_never_emits_raw_tags(s in "(<[a-z]+>|\\[x\\]\\([a-z:/#]*\\)|[a-z *_`#>|\\-\n]){0,40}") {
            let (html, _) = ctx_render(&s);
            prop_assert!(!html.contains("<script"));
        }
    }
}
