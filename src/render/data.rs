//! Open data: `/data/resolutions.json`, `/data/funding.json` and `/data/funding.csv`, written from the
//! model with stable English field names (documented in content/README.md under "Open data").
//! Language columns follow the configured languages, so a third language adds columns, not code.

use super::{Base, OutFile};
use crate::model::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct ResolutionRecord<'a> {
    id: String,
    session: u16,
    number: u16,
    year: u16,
    symbol: Option<&'a str>,
    title: &'a Text,
    topics: &'a [String],
    url: BTreeMap<&'a str, String>,
    updates: Vec<UpdateRecord<'a>>,
}

#[derive(Serialize)]
struct UpdateRecord<'a> {
    report: &'a str,
    report_date: PartialDate,
    status: Status,
    status_basis: Option<u32>,
    status_evidence: &'a [Evidence],
    news: Option<&'a Evidence>,
    paragraphs: &'a [u32],
    acts_on: &'a [ActsOn],
    events: &'a [Event],
    partners: &'a [Named],
    places: &'a [Named],
    counts: &'a [Count],
    documents: &'a [DocRef],
}

#[derive(Serialize)]
struct FundingRecord<'a> {
    resolution: String,
    title: &'a Text,
    report: &'a str,
    report_date: PartialDate,
    #[serde(flatten)]
    funding: &'a Funding,
    evidence_url: BTreeMap<&'a str, String>,
}

pub fn files(site: &Site, base: &Base) -> Vec<OutFile> {
    let langs: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    let page = |r: &Resolution, anchor: Option<u32>| -> BTreeMap<&str, String> {
        langs
            .iter()
            .map(|l| {
                let frag = anchor.map(|a| format!("#para-{a}")).unwrap_or_default();
                (
                    *l,
                    format!("{}{l}/resolutions/{}/{frag}", base.url, r.id.slug()),
                )
            })
            .collect()
    };

    let resolutions: Vec<ResolutionRecord> = site
        .resolutions
        .iter()
        .map(|r| ResolutionRecord {
            id: r.id.to_string(),
            session: r.id.session,
            number: r.id.number,
            year: r.year,
            symbol: r.symbol.as_deref(),
            title: &r.title,
            topics: &r.topics,
            url: page(r, None),
            updates: site
                .updates_of(r.id)
                .map(|(rep, u)| UpdateRecord {
                    report: &rep.symbol,
                    report_date: rep.date,
                    status: u.status,
                    status_basis: u.status_basis,
                    status_evidence: &u.status_evidence,
                    news: u.news.as_ref(),
                    paragraphs: &u.paragraphs,
                    acts_on: &u.acts_on,
                    events: &u.events,
                    partners: &u.partners,
                    places: &u.places,
                    counts: &u.counts,
                    documents: &u.documents,
                })
                .collect(),
        })
        .collect();

    let mut funding = Vec::new();
    for r in &site.resolutions {
        for (rep, u) in site.updates_of(r.id) {
            funding.push(FundingRecord {
                resolution: r.id.to_string(),
                title: &r.title,
                report: &rep.symbol,
                report_date: rep.date,
                funding: &u.funding,
                evidence_url: page(r, u.funding.status_basis),
            });
        }
    }

    vec![
        OutFile {
            path: "data/resolutions.json".into(),
            bytes: json(&resolutions),
        },
        OutFile {
            path: "data/funding.json".into(),
            bytes: json(&funding),
        },
        OutFile {
            path: "data/funding.csv".into(),
            bytes: csv(&langs, &funding),
        },
    ]
}

fn json<T: Serialize>(v: &T) -> Vec<u8> {
    // Serialising plain data structures to a Vec cannot fail.
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

/// RFC 4180 quoting: every field quoted, quotes doubled.
/// One quoted CSV cell. A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
/// `@`, tab or CR, as OWASP lists them) gets a leading `'`, unless it is a plain number.
fn field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err();
    let quote = if formula { "'" } else { "" };
    format!("\"{quote}{}\"", s.replace('"', "\"\""))
}

fn joined<'a>(items: impl Iterator<Item = &'a Text>, lang: &str) -> String {
    items
        .filter_map(|t| t.get(lang))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The CSV columns, in order. Per-language columns are suffixed with the language code.
pub fn csv_header(langs: &[&str]) -> Vec<String> {
    let mut h: Vec<String> = vec![
        "resolution".into(),
        "session".into(),
        "report".into(),
        "report_date".into(),
    ];
    h.extend(langs.iter().map(|l| format!("title_{l}")));
    h.extend(["funding_status".into(), "status_basis_paragraph".into()]);
    for col in ["sources", "lacking", "consequences"] {
        h.extend(langs.iter().map(|l| format!("{col}_{l}")));
    }
    h.extend(
        [
            "amount_kind",
            "amount_value",
            "amount_currency",
            "amount_approximate",
            "amount_paragraph",
        ]
        .map(String::from),
    );
    h.extend(langs.iter().map(|l| format!("evidence_url_{l}")));
    // Added after the original columns, so that existing column positions stay put.
    h.extend(langs.iter().map(|l| format!("evidence_quote_{l}")));
    h
}

fn csv(langs: &[&str], rows: &[FundingRecord]) -> Vec<u8> {
    // The byte order mark makes spreadsheet programs read the file as UTF-8 (Chinese text intact).
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_header(langs).join(","));
    out.push_str("\r\n");
    for r in rows {
        let f = r.funding;
        let mut cells: Vec<String> = vec![
            r.resolution.clone(),
            r.resolution.split('/').next().unwrap_or("").into(),
            r.report.into(),
            r.report_date.to_string(),
        ];
        cells.extend(
            langs
                .iter()
                .map(|l| r.title.get(l).unwrap_or("").to_string()),
        );
        cells.push(f.status.key().into());
        cells.push(f.status_basis.map(|p| p.to_string()).unwrap_or_default());
        cells.extend(
            langs
                .iter()
                .map(|l| joined(f.sources.iter().map(|s| &s.name), l)),
        );
        cells.extend(
            langs
                .iter()
                .map(|l| joined(f.lacking.iter().map(|s| &s.what), l)),
        );
        cells.extend(
            langs
                .iter()
                .map(|l| joined(f.consequences.iter().map(|s| &s.what), l)),
        );
        // Several amounts share one row (one row per resolution and report), separated by "; ".
        let amounts =
            |g: &dyn Fn(&Amount) -> String| f.amounts.iter().map(g).collect::<Vec<_>>().join("; ");
        cells.push(amounts(&|a| a.kind.key().to_string()));
        cells.push(amounts(&|a| a.value.to_string()));
        cells.push(amounts(&|a| a.currency.clone()));
        cells.push(amounts(&|a| a.approximate.to_string()));
        cells.push(amounts(&|a| a.para.to_string()));
        cells.extend(
            langs
                .iter()
                .map(|l| r.evidence_url.get(l).cloned().unwrap_or_default()),
        );
        cells.extend(
            langs
                .iter()
                .map(|l| joined(f.evidence.iter().map(|e| &e.quote), l)),
        );
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for s in ["+1+cmd", "-2+3|x", "@SUM(A1)", "\tx", "\rx"] {
            assert!(field(s).starts_with("\"'"), "{s}");
        }
        assert_eq!(field("-12.5"), "\"-12.5\"");
        assert_eq!(field("Title"), "\"Title\"");
    }
}
