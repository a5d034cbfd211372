//! Markdown: the comrak options in one place, and the safety rules applied to every document.
//! Raw HTML is escaped (shown as text, never markup); links are checked and rewritten here: unsafe
//! schemes are dropped, internal links get the language and base path, images from other hosts removed.

pub mod documents;

use crate::routes::Base;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options};

/// What the renderer needs to know to rewrite and check links.
pub struct LinkContext<'a> {
    /// Where the site lives: internal links are rewritten to its path prefix.
    pub base: &'a Base,
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
    /// A scheme-relative link (`//host/x`): a link to another host that passes for a site path;
    /// removed, and an error (the author meant an external link and must say which scheme).
    SchemeRelative(String),
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
            LinkProblem::SchemeRelative(u) => (
                format!("the link `{u}` names another host without a scheme and was dropped"),
                format!("write an external link in full, e.g. `https:{u}`; a site path has one `/`, e.g. /resolutions/2-7/"),
            ),
            LinkProblem::Relative(u) => (
                format!("the relative link `{u}` was dropped"),
                "start site links with `/`, e.g. /resolutions/2-7/".into(),
            ),
        }
    }
}

/// A link problem and the line of the fragment (1-based) its link starts on.
pub type Located = (usize, LinkProblem);

pub fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.header_id_prefix = Some("h-".into());
    // The heading's own anchor must point at its id, prefix included.
    o.extension.header_id_prefix_in_href = true;
    o.render.r#unsafe = false;
    o.render.escape = true;
    o
}

/// Renders one Markdown fragment to HTML, returning the link problems found, each with the line of
/// the fragment its link is on.
pub fn render(md: &str, options: &Options, ctx: &LinkContext) -> (String, Vec<Located>) {
    // Most paragraph files have an empty preamble; comrak's set-up is not free.
    if md.bytes().all(|b| b.is_ascii_whitespace()) {
        return (String::new(), Vec::new());
    }
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, md, options);
    let problems = rewrite_links(root, ctx);
    let mut html = String::new();
    // Formatting into a String cannot fail.
    let _ = comrak::format_html(root, options, &mut html);
    (html, problems)
}

/// Renders a report paragraph: as `render` does, and the superscript numbers (¹ ² ³ …) that are one
/// of `marks`, the footnote marks the report declares for this paragraph, become links to their
/// footnote. Other superscripts ("12 km²") stay text, and marks in a link title or an image's alt
/// text stay text too: only text outside attributes is looked at.
pub fn render_footnoted(
    md: &str,
    options: &Options,
    ctx: &LinkContext,
    marks: &[String],
) -> (String, Vec<Located>) {
    // Marks are set aside as private-use placeholders in the text nodes, then made into markup in
    // the HTML, where no placeholder can come from the source (checked here).
    if marks.is_empty() || md.contains([MARK_OPEN, MARK_CLOSE]) || !has_superscript(md) {
        return render(md, options, ctx);
    }
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, md, options);
    let problems = rewrite_links(root, ctx);
    move_marks_out_of_links(&arena, root, marks);
    for node in root.descendants() {
        // Not in an image's alt text (an attribute), nor in a link's text: a footnote link there
        // would be a link inside a link, which HTML does not allow (browsers end the outer one).
        let in_image_or_link = node
            .ancestors()
            .any(|a| matches!(a.data().value, NodeValue::Image(_) | NodeValue::Link(_)));
        if in_image_or_link {
            continue;
        }
        if let NodeValue::Text(t) = &mut node.data_mut().value {
            if has_superscript(t) {
                *t = mark_footnotes(t, marks).into();
            }
        }
    }
    let mut html = String::new();
    let _ = comrak::format_html(root, options, &mut html);
    (footnote_links(&html), problems)
}

/// A declared mark that ends a link's text (`[the meeting page¹](url)`) is the footnote of what the
/// link names: it is moved to just after the link, where it can be a link of its own. Anywhere else
/// in a link's text, and in an autolink (whose text is its address), a mark stays text.
fn move_marks_out_of_links<'a>(arena: &'a Arena<'a>, root: &'a AstNode<'a>, marks: &[String]) {
    let links: Vec<&AstNode> = root
        .descendants()
        .filter(|n| matches!(n.data().value, NodeValue::Link(_)))
        .collect();
    for link in links {
        let Some(last) = link.last_child() else {
            continue;
        };
        let run = match &last.data().value {
            NodeValue::Text(t)
                if !(t.contains("://") || t.starts_with("www.") || t.contains('@')) =>
            {
                let digits: String = t
                    .chars()
                    .rev()
                    .take_while(|&c| superscript_digit(c).is_some())
                    .collect::<Vec<char>>()
                    .into_iter()
                    .rev()
                    .collect();
                let number: String = digits.chars().filter_map(superscript_digit).collect();
                let keeps_text = digits.len() < t.len();
                if number.is_empty() || !marks.contains(&number) || !keeps_text {
                    continue;
                }
                digits
            }
            _ => continue,
        };
        if let NodeValue::Text(t) = &mut last.data_mut().value {
            let kept = t[..t.len() - run.len()].to_string();
            *t = kept.into();
        }
        let mark = arena.alloc(NodeValue::Text(run.into()).into());
        link.insert_after(mark);
    }
}

const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

const SUPERSCRIPTS: [(char, char); 10] = [
    ('¹', '1'),
    ('²', '2'),
    ('³', '3'),
    ('⁴', '4'),
    ('⁵', '5'),
    ('⁶', '6'),
    ('⁷', '7'),
    ('⁸', '8'),
    ('⁹', '9'),
    ('⁰', '0'),
];

fn superscript_digit(c: char) -> Option<char> {
    SUPERSCRIPTS.iter().find(|(s, _)| *s == c).map(|&(_, d)| d)
}

fn has_superscript(s: &str) -> bool {
    s.chars().any(|c| superscript_digit(c).is_some())
}

/// Wraps each run of superscript digits that spells a declared mark in placeholders.
fn mark_footnotes(text: &str, marks: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(d) = superscript_digit(c) else {
            out.push(c);
            continue;
        };
        let (mut run, mut digits) = (c.to_string(), d.to_string());
        while let Some(d) = chars.peek().and_then(|&n| superscript_digit(n)) {
            run.extend(chars.next());
            digits.push(d);
        }
        if marks.contains(&digits) {
            out.push(MARK_OPEN);
            out.push_str(&digits);
            out.push(MARK_CLOSE);
        } else {
            out.push_str(&run);
        }
    }
    out
}

/// Turns the placeholders into links to the footnotes.
fn footnote_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = rest.find(MARK_OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + MARK_OPEN.len_utf8()..];
        let Some(j) = after.find(MARK_CLOSE) else {
            break;
        };
        let mark = &after[..j];
        out.push_str(&format!(
            r##"<sup class="fnref"><a href="#fn-{mark}">{mark}</a></sup>"##
        ));
        rest = &after[j + MARK_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    (cleaned.as_bytes()[end] == b':').then(|| cleaned[..end].to_ascii_lowercase())
}

fn rewrite_links<'a>(root: &'a AstNode<'a>, ctx: &LinkContext) -> Vec<Located> {
    let mut problems = Vec::new();
    let nodes: Vec<&AstNode> = root.descendants().collect();
    for node in nodes {
        let (is_image, url) = match &node.data().value {
            NodeValue::Link(l) => (false, l.url.clone()),
            NodeValue::Image(l) => (true, l.url.clone()),
            _ => continue,
        };
        // The line the link starts on (a paragraph may run over many lines).
        let line = node.data().sourcepos.start.line.max(1);
        let verdict = match scheme(&url) {
            Some(s) if is_image && s == "data" => Err(LinkProblem::Unsafe(url.clone())),
            Some(_) if is_image => Err(LinkProblem::ExternalImage(url.clone())),
            Some(s) if matches!(s.as_str(), "http" | "https" | "mailto") => Ok(None),
            Some(_) => Err(LinkProblem::Unsafe(url.clone())),
            // `//host/x` (and `\\host`, which browsers read the same): another host.
            None if url.starts_with("//") => {
                if is_image {
                    Err(LinkProblem::ExternalImage(url.clone()))
                } else {
                    Err(LinkProblem::SchemeRelative(url.clone()))
                }
            }
            None if url.starts_with('/') => {
                let cut = url.find(['#', '?']).unwrap_or(url.len());
                let (path, rest) = url.split_at(cut);
                if path.starts_with("/data/") || path.starts_with("/static/") {
                    Ok(Some(format!("{}{rest}", ctx.base.file_link(&path[1..]))))
                } else {
                    if !(ctx.exists)(path) {
                        problems.push((line, LinkProblem::Broken(url.clone())));
                    }
                    Ok(Some(format!(
                        "{}{rest}",
                        ctx.base.path_in(ctx.lang, path, false)
                    )))
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
                problems.push((line, p));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ctx_render(md: &str) -> (String, Vec<Located>) {
        let exists = |p: &str| p == "/resolutions/2-7/";
        let ctx = LinkContext {
            base: &Base::new("/portal/"),
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
            vec![(1, LinkProblem::Broken("/resolutions/9-9/".into()))]
        );
        // Each problem at the line of its own link, not of the paragraph's start.
        let (_, problems) =
            ctx_render("one\ntwo\n\nthree [b](/resolutions/9-9/)\nfour [c](javascript:x)");
        assert_eq!(
            problems,
            vec![
                (4, LinkProblem::Broken("/resolutions/9-9/".into())),
                (5, LinkProblem::Unsafe("javascript:x".into()))
            ]
        );
    }

    #[test]
    fn scheme_relative_links_are_refused() {
        for url in ["//evil.example/x", "//evil.example", "///x"] {
            let (html, problems) = ctx_render(&format!("a [link]({url}) b"));
            assert!(!html.contains("href"), "{url}: {html}");
            assert!(html.contains("link"), "the text is kept");
            assert_eq!(problems, vec![(1, LinkProblem::SchemeRelative(url.into()))]);
        }
        let (html, problems) = ctx_render("[ok](https://evil.example/x) [site](/resolutions/2-7/)");
        assert!(
            problems.is_empty() && html.matches("href").count() == 2,
            "{html}"
        );
    }

    #[test]
    fn external_images_are_removed() {
        let (html, problems) = ctx_render("![alt](https://tracker.example/p.gif)");
        assert!(!html.contains("<img"), "{html}");
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn only_declared_footnote_marks_become_links() {
        let exists = |_: &str| true;
        let ctx = LinkContext {
            base: &Base::new("/"),
            lang: "en",
            exists: &exists,
        };
        let marks = ["1".to_string(), "23".to_string()];
        let r = |md: &str| render_footnoted(md, &options(), &ctx, &marks).0;
        assert_eq!(
            r("done.¹ In 12 km² and 4 m³, see²³."),
            "<p>done.<sup class=\"fnref\"><a href=\"#fn-1\">1</a></sup> In 12 km² and 4 m³, see<sup class=\"fnref\"><a href=\"#fn-23\">23</a></sup>.</p>\n"
        );
        // In a link's title and an image's alt text, a mark stays text (an attribute holds no
        // markup); at the end of the link's own text, it moves after the link (below).
        let html = r("[a¹](https://x.example/ \"t¹\") ![b¹](/static/x.png)");
        assert_eq!(html.matches("fnref").count(), 1, "{html}");
        assert!(html.contains(">a</a><sup class=\"fnref\">"), "{html}");
        assert!(html.contains("title=\"t¹\""), "{html}");
        assert!(html.contains("alt=\"b¹\""), "{html}");
        // Never a link inside a link: a mark ending a link's text moves after the link; in the
        // middle of it, or in an autolink (its text is its address), it stays text.
        for (md, links) in [
            ("See [the meeting page¹](https://example.org/m). Again¹", 2),
            ("See [page¹ two](https://example.org/m). Again¹", 1),
            (
                "See <https://example.org/a¹> and www.example.org/b¹ too¹",
                1,
            ),
            ("See [¹](https://example.org/m) too¹", 1),
        ] {
            let html = r(md);
            assert_eq!(html.matches("fnref").count(), links, "{html}");
            assert_eq!(html.matches("<a ").count(), html.matches("</a>").count());
            let first_link = &html[html.find("<a ").unwrap()..];
            let link = &first_link[..first_link.find("</a>").unwrap()];
            assert!(!link[1..].contains("<a "), "a link inside a link: {html}");
        }
        // No declared marks: nothing changes.
        assert!(!render_footnoted("x¹", &options(), &ctx, &[])
            .0
            .contains("fnref"));
    }

    proptest! {
        /// Whatever the text, marks never end up inside a tag, and the markup stays balanced.
        #[test]
        fn footnote_markup_stays_out_of_tags(s in "([¹²³]|\\[|\\]|\\(|\\)|!|\"|[a-z ]|/|:|\u{E000}|\u{E001}){0,40}") {
            let exists = |_: &str| true;
            let ctx = LinkContext { base: &Base::new("/"), lang: "en", exists: &exists };
            let marks = ["1".to_string(), "2".to_string()];
            let (html, _) = render_footnoted(&s, &options(), &ctx, &marks);
            prop_assert_eq!(html.matches("<sup").count(), html.matches("</sup>").count());
            for tag in html.split('<').skip(1) {
                let tag = tag.split('>').next().unwrap_or("");
                prop_assert!(!tag.contains("sup class") || tag == "sup class=\"fnref\"", "{}", html);
            }
        }

        #[test]
        fn never_panics_and_never_emits_raw_tags(s in "(<[a-z]+>|\\[x\\]\\([a-z:/#]*\\)|[a-z *_`#>|\\-\n]){0,40}") {
            let (html, _) = ctx_render(&s);
            prop_assert!(!html.contains("<script"));
        }
    }
}

/// The plain text of HTML made by `render`: what the search index needs, read off the HTML we already
/// have instead of parsing the Markdown a second time. Blocks and line breaks become single spaces,
/// entities are decoded, footnote marks (`<sup class="fnref">`) are dropped.
pub fn html_to_text(html: &str) -> String {
    fn space(out: &mut String) {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    const BLOCKS: [&str; 18] = [
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "tr",
        "br",
        "ul",
        "ol",
        "table",
        "blockquote",
        "pre",
        "hr",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut in_mark = false;
    while let Some(i) = memchr::memchr3(b'<', b'&', b'\n', rest.as_bytes()) {
        if !in_mark {
            out.push_str(&rest[..i]);
        }
        let tail = &rest[i..];
        match tail.as_bytes()[0] {
            b'\n' => {
                if !in_mark {
                    space(&mut out);
                }
                rest = &tail[1..];
            }
            b'&' => {
                // Bytes, not characters: a cut at 12 bytes may fall inside one (`&lt;中文字`).
                let end = memchr::memchr(b';', &tail.as_bytes()[..tail.len().min(12)]);
                let (decoded, len) = match end.map(|e| &tail[1..e]) {
                    Some("amp") => (Some('&'), 5),
                    Some("lt") => (Some('<'), 4),
                    Some("gt") => (Some('>'), 4),
                    Some("quot") => (Some('"'), 6),
                    Some(num) if num.starts_with('#') => {
                        let n = match num.strip_prefix("#x").or_else(|| num.strip_prefix("#X")) {
                            Some(h) => u32::from_str_radix(h, 16).ok(),
                            None => num[1..].parse().ok(),
                        };
                        (n.and_then(char::from_u32), num.len() + 2)
                    }
                    _ => (None, 1),
                };
                if !in_mark {
                    match decoded {
                        Some(c) => out.push(c),
                        None => out.push('&'),
                    }
                }
                rest = &tail[if decoded.is_some() { len } else { 1 }..];
            }
            _ => {
                let Some(end) = memchr::memchr(b'>', tail.as_bytes()) else {
                    break;
                };
                let tag = &tail[1..end];
                let name = tag
                    .trim_start_matches('/')
                    .split([' ', '/'])
                    .next()
                    .unwrap_or("");
                if tag.starts_with("sup class=\"fnref\"") {
                    in_mark = true;
                } else if in_mark && tag == "/sup" {
                    in_mark = false;
                } else if !in_mark && BLOCKS.contains(&name) {
                    space(&mut out);
                }
                rest = &tail[end + 1..];
            }
        }
    }
    if !in_mark {
        out.push_str(rest);
    }
    let t = out.trim();
    if t.len() == out.len() {
        out
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn html_to_text_reads_what_a_reader_sees() {
        let html = "<h2 id=\"h-a\">Title</h2>\n<p>A &amp; B said &quot;x&quot; &lt;b&gt;<sup class=\"fnref\"><a href=\"#fn-1\">1</a></sup> <em>more</em>\ntext</p>\n<ul>\n<li>one</li>\n<li>two&#39;s</li>\n</ul>\n";
        assert_eq!(
            html_to_text(html),
            "Title A & B said \"x\" <b> more text one two's"
        );
    }

    /// An entity followed by CJK text within twelve bytes once cut a character in two (a panic).
    #[test]
    fn entity_before_cjk_text() {
        assert_eq!(html_to_text("<p>&lt;中文字符</p>"), "<中文字符");
        assert_eq!(html_to_text("&amp中文字符"), "&amp中文字符");
    }

    proptest::proptest! {
        /// Any Markdown, Chinese included, renders and reads back as text without a panic.
        #[test]
        fn text_of_any_rendered_markdown(s in "([<>&;#x\\[\\]()*_`|\n ]|[a-z0-9]|[中文字符]|&lt;|&amp;){0,60}") {
            let exists = |_: &str| true;
            let ctx = LinkContext { base: &Base::new("/"), lang: "zh", exists: &exists };
            let (html, _) = render(&s, &options(), &ctx);
            let _ = html_to_text(&html);
            let _ = html_to_text(&s);
        }
    }
}
