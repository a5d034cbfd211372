//! Open data as spreadsheets: `/data/funding.csv`, one row per resolution and source (each report on
//! it, each tracker reading naming it), and `/data/resolutions.csv`, one row per resolution as its latest
//! report leaves it. Both answer the site's questions (held back by funding? how much is missing, by
//! whose account, as of when?) with the same derived answers the pages show. Columns are documented in
//! content/README.md under "Open data"; per-language columns follow the configured languages.

use crate::model::history::{self, FigureSet};
use crate::model::tracker::{self, Entry};
use crate::model::*;
use crate::routes::{self, Base, Page};

/// One quoted CSV cell. A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
/// `@`, tab or CR, as OWASP lists them) gets a leading `'`, unless it is a plain number.
pub(super) fn field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err();
    let quote = if formula { "'" } else { "" };
    format!("\"{quote}{}\"", s.replace('"', "\"\""))
}

/// A list in one cell: one item per line. Line breaks inside an item become spaces first (in quotes
/// and names whitespace carries no meaning), so the separator cannot occur in the text.
fn lines<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn in_lang<'a>(items: impl Iterator<Item = &'a Text>, lang: &str) -> String {
    lines(items.filter_map(|t| t.get(lang)))
}

/// The header, a line of cells, and the byte order mark that makes spreadsheet programs read the
/// file as UTF-8 (Chinese text intact).
struct Table {
    out: String,
}

impl Table {
    fn new(header: &[String]) -> Self {
        let mut t = Table {
            out: String::from("\u{feff}"),
        };
        t.out.push_str(&header.join(","));
        t.out.push_str("\r\n");
        t
    }
    fn row(&mut self, cells: &[String]) {
        let quoted: Vec<String> = cells.iter().map(|c| field(c)).collect();
        self.out.push_str(&quoted.join(","));
        self.out.push_str("\r\n");
    }
}

fn per_lang(langs: &[&str], name: &str) -> Vec<String> {
    langs.iter().map(|l| format!("{name}_{l}")).collect()
}

/// The columns of `/data/funding.csv`, in order.
pub fn funding_header(langs: &[&str]) -> Vec<String> {
    let mut h: Vec<String> = vec!["resolution".into(), "session".into()];
    h.extend(per_lang(langs, "title"));
    h.extend(
        [
            "source_kind",
            "source",
            "source_url",
            "date",
            "as_of",
            "status",
        ]
        .map(String::from),
    );
    h.extend(per_lang(langs, "source_status"));
    h.extend(
        [
            "shortfall",
            "funding_status",
            "requirement",
            "mobilized",
            "gap",
            "gap_computed",
            "gap_percent",
            "gap_percent_computed",
            "currency",
            "unit_scale",
            "status_paragraph",
            "evidence_paragraphs",
        ]
        .map(String::from),
    );
    h.extend(per_lang(langs, "evidence_quote"));
    h.extend(per_lang(langs, "evidence_url"));
    for col in ["sources", "lacking", "consequences"] {
        h.extend(per_lang(langs, col));
    }
    h.push("amounts".into());
    h
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// `/data/funding.csv`.
pub fn funding(site: &Site, base: &Base) -> Vec<u8> {
    let langs = site.config.language_codes();
    let default = site.config.default_language.as_str();
    let mut t = Table::new(&funding_header(&langs));
    for r in &site.resolutions {
        let lead = |cells: &mut Vec<String>| {
            cells.push(r.id.to_string());
            cells.push(r.id.session.to_string());
            cells.extend(langs.iter().map(|l| opt(r.title.get(l))));
        };
        // An older report's paragraph number is qualified on the resolution page (`UpdateView::qualified`).
        let mut seen = std::collections::BTreeSet::new();
        for (rep, u) in site.updates_of(r.id) {
            let anchor = |p: u32| routes::anchor_on_resolution(&rep.slug, p, seen.contains(&p));
            let mut c = Vec::new();
            lead(&mut c);
            c.extend([
                "report".into(),
                rep.symbol.clone(),
                base.url(default, &Page::Report(&rep.slug)),
                rep.date.to_string(),
                String::new(),
                u.status.key().into(),
            ]);
            c.extend(langs.iter().map(|_| String::new()));
            c.push(shortfall::key(Some(u)).into());
            c.push(u.funding.status.key().into());
            let figures = u.funding.figures.as_ref();
            report_figures(
                &mut c,
                figures.and_then(|f| history::figures(f).ok()),
                figures,
            );
            c.push(opt(u.status_basis()));
            let paras: Vec<String> = u
                .funding
                .evidence
                .iter()
                .map(|e| e.para.to_string())
                .collect();
            c.push(lines(paras.iter().map(String::as_str)));
            c.extend(
                langs
                    .iter()
                    .map(|l| in_lang(u.funding.evidence.iter().map(|e| &e.quote), l)),
            );
            c.extend(langs.iter().map(|l| {
                let urls: Vec<String> = u
                    .funding
                    .evidence
                    .iter()
                    .map(|e| {
                        format!(
                            "{}#{}",
                            base.url(l, &Page::Resolution(r.id)),
                            anchor(e.para)
                        )
                    })
                    .collect();
                lines(urls.iter().map(String::as_str))
            }));
            c.extend(
                langs
                    .iter()
                    .map(|l| in_lang(u.funding.sources.iter().map(|s| &s.name), l)),
            );
            c.extend(
                langs
                    .iter()
                    .map(|l| in_lang(u.funding.lacking.iter().map(|s| &s.what), l)),
            );
            c.extend(
                langs
                    .iter()
                    .map(|l| in_lang(u.funding.consequences.iter().map(|s| &s.what), l)),
            );
            let amounts: Vec<String> = u
                .funding
                .amounts
                .iter()
                .map(|a| {
                    let approx = if a.approximate { " approximate" } else { "" };
                    format!(
                        "{} {} {}{approx} (para {})",
                        a.kind.key(),
                        a.value,
                        a.currency,
                        a.para
                    )
                })
                .collect();
            c.push(lines(amounts.iter().map(String::as_str)));
            seen.extend(u.paragraphs.iter().copied());
            t.row(&c);
        }
        for e in tracker::history(&site.trackers, r.id) {
            let mut c = Vec::new();
            lead(&mut c);
            c.extend([
                "tracker".into(),
                opt(e
                    .source
                    .name
                    .get(default)
                    .or_else(|| e.source.name.0.values().next().map(String::as_str))),
                e.source.url.clone(),
                e.retrieved.to_string(),
                opt(e.as_of),
                String::new(),
            ]);
            c.extend(langs.iter().map(|l| opt(e.status.and_then(|s| s.get(l)))));
            c.extend([String::new(), String::new()]);
            tracker_figures(&mut c, &e);
            c.extend([String::new(), String::new()]);
            // No quotes, paragraphs or lists: a tracker states figures only.
            c.extend((0..langs.len() * 5).map(|_| String::new()));
            c.push(String::new());
            t.row(&c);
        }
    }
    t.out.into_bytes()
}

/// requirement, mobilized, gap, gap_computed, gap_percent, gap_percent_computed, currency, unit_scale
/// of a report's stated figures (whole amounts; over-funding as a negative gap).
fn report_figures(c: &mut Vec<String>, set: Option<FigureSet>, stated: Option<&Figures>) {
    let Some(set) = set else {
        c.extend((0..8).map(|_| String::new()));
        return;
    };
    c.push(opt(set.requirement.map(|f| f.amount)));
    c.push(opt(set.mobilized.map(|f| f.amount)));
    let gap = match (set.gap, set.over_funded) {
        (Some(g), _) => g.to_string(),
        (None, Some(o)) => format!("-{o}"),
        _ => String::new(),
    };
    let has_gap = !gap.is_empty();
    c.push(gap);
    c.push(if has_gap {
        yes_no(stated.is_none_or(|f| f.gap.is_none()))
    } else {
        String::new()
    });
    let pct = set.gap_percent.clone().unwrap_or_default();
    c.push(if pct.is_empty() {
        String::new()
    } else {
        pct.clone()
    });
    c.push(if pct.is_empty() {
        String::new()
    } else {
        yes_no(true)
    });
    c.push(opt(set.currency));
    c.push("1".into());
}

fn tracker_figures(c: &mut Vec<String>, e: &Entry) {
    c.push(opt(e.requirement));
    c.push(opt(e.mobilized));
    c.push(opt(e.gap.map(|g| g.value)));
    c.push(e.gap.map(|g| yes_no(g.computed)).unwrap_or_default());
    c.push(opt(e.gap_percent.as_ref().map(|p| p.value.clone())));
    c.push(
        e.gap_percent
            .as_ref()
            .map(|p| yes_no(p.computed))
            .unwrap_or_default(),
    );
    c.push(e.unit.currency.as_str().into());
    c.push(e.unit.scale.to_string());
}

/// The columns of `/data/resolutions.csv`, in order.
pub fn resolutions_header(langs: &[&str]) -> Vec<String> {
    let mut h: Vec<String> = ["resolution", "session", "number", "year", "symbol"]
        .map(String::from)
        .to_vec();
    h.extend(per_lang(langs, "title"));
    h.extend(
        [
            "topics",
            "latest_report",
            "latest_report_date",
            "status",
            "status_paragraph",
            "shortfall",
            "funding_status",
            "funding_paragraph",
        ]
        .map(String::from),
    );
    h.extend(per_lang(langs, "url"));
    h
}

/// `/data/resolutions.csv`.
pub fn resolutions(site: &Site, base: &Base) -> Vec<u8> {
    let langs = site.config.language_codes();
    let mut t = Table::new(&resolutions_header(&langs));
    for r in &site.resolutions {
        let latest = site.updates_of(r.id).last();
        let mut c = vec![
            r.id.to_string(),
            r.id.session.to_string(),
            r.id.number.to_string(),
            r.year.to_string(),
            opt(r.symbol.as_deref()),
        ];
        c.extend(langs.iter().map(|l| opt(r.title.get(l))));
        c.push(r.topics.join(" "));
        c.push(opt(latest.map(|(rep, _)| rep.symbol.as_str())));
        c.push(opt(latest.map(|(rep, _)| rep.date)));
        c.push(opt(latest.map(|(_, u)| u.status.key())));
        c.push(opt(latest.and_then(|(_, u)| u.status_basis())));
        c.push(shortfall::key(latest.map(|(_, u)| u)).into());
        c.push(opt(latest.map(|(_, u)| u.funding.status.key())));
        c.push(opt(latest.and_then(|(_, u)| u.funding.status_basis())));
        c.extend(langs.iter().map(|l| base.url(l, &Page::Resolution(r.id))));
        t.row(&c);
    }
    t.out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for s in ["+1+cmd", "-2+3|x", "@SUM(A1)", "\tx", "\rx"] {
            assert!(field(s).starts_with("\"'"), "{s}");
        }
        assert_eq!(field("-12.5"), "\"-12.5\"");
        assert_eq!(field("Title"), "\"Title\"");
    }

    #[test]
    fn list_items_never_hold_the_separator() {
        assert_eq!(lines(["a;\nb", "c  d"].into_iter()), "a; b\nc d");
    }
}
