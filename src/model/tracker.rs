//! Readings of an official tracker: `content/trackers/{slug}.yaml`, one file per dated reading of a
//! source such as UN-Habitat's resolution tracker, which publishes per resolution a status, the
//! resource requirement, the resources mobilized, the gap and gap %, and revises them between
//! versions without keeping a history. Each reading is kept as the source stated it; the portal
//! computes a value only where none is stated, and says so.

use super::{PartialDate, ResolutionId, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tracker {
    pub source: TrackerSource,
    /// The day the figures were read.
    pub retrieved: PartialDate,
    /// The date the source itself gives for its figures, if any.
    #[serde(default)]
    pub as_of: Option<PartialDate>,
    pub unit: Unit,
    #[serde(default)]
    pub totals: Option<Reading>,
    pub resolutions: BTreeMap<ResolutionId, Reading>,
    /// The file name without `.yaml`.
    #[serde(skip_deserializing)]
    pub slug: String,
    #[serde(skip)]
    pub file: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackerSource {
    pub name: Text,
    pub url: String,
}

/// How the source writes its amounts: `{currency: USD, scale: 1000}` for "$1,085K".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub currency: Currency,
    #[serde(default = "one")]
    pub scale: u64,
}

fn one() -> u64 {
    1
}

/// An ISO 4217 code, three capitals (checked by `validate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    pub fn as_str(&self) -> &str {
        // Only ASCII capitals are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_bytes() {
            [a, b, c] if s.bytes().all(|x| x.is_ascii_uppercase()) => Ok(Currency([*a, *b, *c])),
            _ => Err(format!(
                "`{s}` is not a currency code; write the ISO 4217 code, for example USD"
            )),
        }
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One resolution's figures (or the totals) as the source states them, in the reading's unit.
/// Every field is optional: the source may leave any of them out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// The source's own status words, quoted as the source's and never mapped onto our labels.
    #[serde(default)]
    pub status: Option<Text>,
    #[serde(default)]
    pub requirement: Option<u64>,
    #[serde(default)]
    pub mobilized: Option<u64>,
    /// Negative when more was mobilized than required.
    #[serde(default)]
    pub gap: Option<i64>,
    /// As the source shows it, which may be truncated (64.6 % shown as 64): kept, never corrected.
    #[serde(default)]
    pub gap_percent: Option<f64>,
}

/// A value as shown: stated by the source, or computed by the portal where the source states none.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Shown<T> {
    pub value: T,
    pub computed: bool,
}

impl Reading {
    /// requirement − mobilized, when both are stated.
    pub fn computed_gap(&self) -> Option<i64> {
        let r = i64::try_from(self.requirement?).ok()?;
        let m = i64::try_from(self.mobilized?).ok()?;
        r.checked_sub(m)
    }

    /// The gap: the stated one, else requirement − mobilized.
    pub fn gap_shown(&self) -> Option<Shown<i64>> {
        match self.gap {
            Some(value) => Some(Shown {
                value,
                computed: false,
            }),
            None => self.computed_gap().map(|value| Shown {
                value,
                computed: true,
            }),
        }
    }

    /// gap / requirement in per cent, unrounded: from requirement − mobilized where both are
    /// stated (so that a wrong stated gap is one error, not two), else from the stated gap.
    pub fn exact_percent(&self) -> Option<f64> {
        let req = self.requirement.filter(|r| *r > 0)?;
        let gap = self.computed_gap().or(self.gap)?;
        Some(gap as f64 * 100.0 / req as f64)
    }

    /// The gap %: the stated one, else computed to one decimal (none for an over-funded
    /// resolution: there is no gap to be a share of).
    pub fn gap_percent_shown(&self) -> Option<Shown<f64>> {
        match self.gap_percent {
            Some(value) => Some(Shown {
                value,
                computed: false,
            }),
            None => self.exact_percent().filter(|p| *p >= 0.0).map(|p| Shown {
                value: (p * 10.0).round() / 10.0,
                computed: true,
            }),
        }
    }
}

/// Whether `stated` is what some rounding (down, nearest, up) of `exact` gives at the precision the
/// source wrote `stated` in: 64 for 64.6 (truncated) and 65 (rounded) both pass, 63 does not.
pub fn percent_agrees(stated: f64, exact: f64) -> bool {
    let decimals = decimals_of(stated);
    let f = 10f64.powi(decimals as i32);
    let x = exact * f;
    let s = (stated * f).round();
    [x.floor(), x.round(), x.ceil()]
        .iter()
        .any(|c| (c - s).abs() < 1e-6)
}

/// Decimal places of a stated percentage as written (up to 3; 64.60 is read as 64.6 by YAML).
fn decimals_of(x: f64) -> u32 {
    (0..3u32)
        .find(|d| {
            let f = 10f64.powi(*d as i32);
            ((x * f).round() - x * f).abs() < 1e-9
        })
        .unwrap_or(3)
}

/// A reading as pages and data files show it: amounts in whole currency units (the source's unit
/// times its scale, so that one table never mixes "$1,085K" with "US$1,085,000"), each value stated
/// or computed, and how it differs from the reading before it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry<'a> {
    pub slug: &'a str,
    pub source: &'a TrackerSource,
    pub retrieved: PartialDate,
    pub as_of: Option<PartialDate>,
    pub unit: Unit,
    pub status: Option<&'a Text>,
    pub requirement: Option<u64>,
    pub mobilized: Option<u64>,
    pub gap: Option<Shown<i64>>,
    /// Text, so that output is the same on every machine: as stated, or computed to one decimal.
    pub gap_percent: Option<Shown<String>>,
    /// Set when the requirement differs from the reading before (same unit): a revision, never
    /// progress, whichever way it goes.
    pub requirement_revised: Option<Revision>,
    /// The same for the resources mobilized, which can fall too.
    pub mobilized_revised: Option<Revision>,
    /// The unit of the reading before, when it differs: amounts are then not compared.
    pub unit_changed_from: Option<Unit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Revision {
    pub from: u64,
    /// `down` or `up`.
    pub direction: &'static str,
}

impl<'a> Entry<'a> {
    pub fn of(t: &'a Tracker, r: &'a Reading) -> Self {
        let whole = |v: u64| v.checked_mul(t.unit.scale);
        let scale = i64::try_from(t.unit.scale).ok();
        Entry {
            slug: &t.slug,
            source: &t.source,
            retrieved: t.retrieved,
            as_of: t.as_of,
            unit: t.unit,
            status: r.status.as_ref(),
            requirement: r.requirement.and_then(whole),
            mobilized: r.mobilized.and_then(whole),
            gap: r.gap_shown().and_then(|g| {
                Some(Shown {
                    value: g.value.checked_mul(scale?)?,
                    computed: g.computed,
                })
            }),
            gap_percent: r.gap_percent_shown().map(|p| Shown {
                value: if p.computed {
                    format!("{:.1}", p.value)
                } else {
                    format!("{}", p.value)
                },
                computed: p.computed,
            }),
            requirement_revised: None,
            mobilized_revised: None,
            unit_changed_from: None,
        }
    }
}

/// Every reading of every tracker on resolution `id`, oldest first (`trackers` is in that order),
/// each compared with the one before it from the same source.
pub fn history<'a>(trackers: &'a [Tracker], id: ResolutionId) -> Vec<Entry<'a>> {
    let mut out: Vec<Entry<'a>> = Vec::new();
    for t in trackers {
        let Some(r) = t.resolutions.get(&id) else {
            continue;
        };
        let mut e = Entry::of(t, r);
        if let Some(prev) = out.iter().rev().find(|p| p.source.url == e.source.url) {
            if prev.unit != e.unit {
                e.unit_changed_from = Some(prev.unit);
            } else {
                e.requirement_revised = revision(prev.requirement, e.requirement);
                e.mobilized_revised = revision(prev.mobilized, e.mobilized);
            }
        }
        out.push(e);
    }
    out
}

fn revision(before: Option<u64>, now: Option<u64>) -> Option<Revision> {
    let (b, n) = (before?, now?);
    (b != n).then_some(Revision {
        from: b,
        direction: if n < b { "down" } else { "up" },
    })
}

/// Where a report and a tracker reading both state a figure in the same currency and disagree.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    /// `requirement` or `mobilized`.
    pub field: &'static str,
    pub report: u64,
    pub tracker: u64,
}

/// The figures on which `report` (an update's stated figures) and `entry` disagree.
pub fn disagreements(report: &super::history::FigureSet, entry: &Entry) -> Vec<Disagreement> {
    let mut out = Vec::new();
    let pairs = [
        ("requirement", report.requirement, entry.requirement),
        ("mobilized", report.mobilized, entry.mobilized),
    ];
    for (field, fig, stated) in pairs {
        let (Some(fig), Some(stated)) = (fig, stated) else {
            continue;
        };
        if fig.currency == entry.unit.currency.as_str() && fig.amount != stated {
            out.push(Disagreement {
                field,
                report: fig.amount,
                tracker: stated,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_and_rounded_percentages_agree_and_others_do_not() {
        assert!(percent_agrees(64.0, 64.6));
        assert!(percent_agrees(65.0, 64.6));
        assert!(!percent_agrees(63.0, 64.6));
        assert!(!percent_agrees(66.0, 64.6));
        assert!(percent_agrees(64.6, 64.63));
        assert!(!percent_agrees(64.8, 64.63));
        assert!(percent_agrees(80.0, 80.0));
    }

    #[test]
    fn a_value_is_computed_only_where_none_is_stated() {
        let r = Reading {
            requirement: Some(1500),
            mobilized: Some(300),
            ..Reading::default()
        };
        assert_eq!(
            r.gap_shown(),
            Some(Shown {
                value: 1200,
                computed: true
            })
        );
        assert_eq!(
            r.gap_percent_shown(),
            Some(Shown {
                value: 80.0,
                computed: true
            })
        );
        let stated = Reading {
            gap_percent: Some(79.0),
            ..r.clone()
        };
        assert_eq!(
            stated.gap_percent_shown(),
            Some(Shown {
                value: 79.0,
                computed: false
            })
        );
    }
}
