//! Tracking over time: what changed from one report to the next, and the figures (requirement,
//! mobilized, gap, gap %) of one update. Pure functions of the validated `Site`; no HTML here.
//!
//! Judgements are compared by vocabulary id only (`status_id`, `funding_id`): the vocabularies may
//! grow or be renamed without this module changing, and labels are looked up where pages are made.

use super::{Figure, Figures, Named, PartialDate, Report, ResolutionId, Site, Text, Update};
use serde::Serialize;

/// The vocabulary id of an update's implementation status, as pages, feeds and open data name it.
pub fn status_id(u: &Update) -> &'static str {
    u.status.key()
}

/// The vocabulary id of an update's funding status: the one place that reads it.
pub fn funding_id(u: &Update) -> &'static str {
    u.funding.status.key()
}

/// The figures of one update with what follows from them. Never a negative gap: when mobilized
/// exceeds the requirement, `over_funded` holds the excess and `gap` is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureSet<'a> {
    pub requirement: Option<&'a Figure>,
    pub mobilized: Option<&'a Figure>,
    pub currency: Option<&'a str>,
    pub gap: Option<u64>,
    pub over_funded: Option<u64>,
    /// Gap as a percentage of the requirement, one decimal (`"60.0"`): text, so that output is the
    /// same on every machine.
    pub gap_percent: Option<String>,
    /// The requirement an earlier report stated, when this one revises it.
    pub revised_from: Option<&'a Figure>,
}

/// Why a figure set cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FigureProblem {
    /// Requirement and mobilized in different currencies: no gap can be computed.
    Currencies(String, String),
    /// The stated gap is not requirement − mobilized: (stated, computed; negative = over-funded).
    GapDisagrees(u64, i128),
    /// The stated gap is in another currency than requirement and mobilized: (gap's, theirs).
    GapCurrency(String, String),
    /// A stated gap needs both figures to be checked.
    GapUnchecked,
}

impl FigureProblem {
    pub fn describe(&self) -> (String, String) {
        match self {
            FigureProblem::Currencies(a, b) => (
                format!("requirement is in {a} but mobilized is in {b}"),
                "state both in the same currency, as the source does".into(),
            ),
            FigureProblem::GapDisagrees(stated, computed) => (
                format!("the stated gap {stated} disagrees with requirement − mobilized = {computed}"),
                "correct the figure that differs from the source, or leave `gap` out: it is computed".into(),
            ),
            FigureProblem::GapCurrency(gap, theirs) => (
                format!("the stated gap is in {gap}, but requirement and mobilized are in {theirs}"),
                "state the gap in the currency of the other two, as the source does, or leave `gap` out: it is computed".into(),
            ),
            FigureProblem::GapUnchecked => (
                "a gap is stated without both requirement and mobilized".into(),
                "state requirement and mobilized (the gap is computed from them), or leave `gap` out".into(),
            ),
        }
    }
}

/// Computes gap and gap % of one update's figures, checking a stated gap.
pub fn figures(f: &Figures) -> Result<FigureSet<'_>, FigureProblem> {
    let mut set = FigureSet {
        requirement: f.requirement.as_ref(),
        mobilized: f.mobilized.as_ref(),
        currency: f
            .requirement
            .as_ref()
            .or(f.mobilized.as_ref())
            .map(|x| x.currency.as_str()),
        gap: None,
        over_funded: None,
        gap_percent: None,
        revised_from: None,
    };
    let (Some(req), Some(mob)) = (&f.requirement, &f.mobilized) else {
        if f.gap.is_some() {
            return Err(FigureProblem::GapUnchecked);
        }
        return Ok(set);
    };
    if req.currency != mob.currency {
        return Err(FigureProblem::Currencies(
            req.currency.clone(),
            mob.currency.clone(),
        ));
    }
    let diff = req.amount as i128 - mob.amount as i128;
    if let Some(g) = &f.gap {
        // The currency first: equal numbers in two currencies are not equal amounts.
        if g.currency != req.currency {
            return Err(FigureProblem::GapCurrency(
                g.currency.clone(),
                req.currency.clone(),
            ));
        }
        if g.amount as i128 != diff {
            return Err(FigureProblem::GapDisagrees(g.amount, diff));
        }
    }
    if diff >= 0 {
        let gap = diff as u64;
        set.gap = Some(gap);
        if req.amount > 0 {
            // Tenths of a percent, rounded half up, in integers (no float formatting differences).
            let tenths = (gap as u128 * 1000 + req.amount as u128 / 2) / req.amount as u128;
            set.gap_percent = Some(format!("{}.{}", tenths / 10, tenths % 10));
        }
    } else {
        set.over_funded = Some((-diff) as u64);
    }
    Ok(set)
}

/// Sums of the latest figures of every resolution that has them, per currency (never added across
/// currencies), and how many resolutions that is out of how many.
#[derive(Debug, Serialize)]
pub struct FigureTotals<'a> {
    pub with_figures: usize,
    pub resolutions: usize,
    pub currencies: Vec<CurrencyTotal<'a>>,
}

#[derive(Debug, Serialize)]
pub struct CurrencyTotal<'a> {
    pub currency: &'a str,
    pub resolutions: usize,
    pub requirement: u64,
    pub mobilized: u64,
    /// Sum of the gaps of under-funded resolutions; over-funding is summed apart, never netted.
    pub gap: u64,
    pub over_funded: u64,
}

/// A total that does not fit in a u64: the update whose figure made it overflow, and which sum.
#[derive(Debug)]
pub struct TotalOverflow<'a> {
    pub update: &'a Update,
    /// `requirement`, `mobilized`, `gap` or `over-funded`.
    pub field: &'static str,
    pub currency: &'a str,
}

/// The totals of the funding page, in checked arithmetic: a sum past 2^64 − 1 is an error naming
/// the update that overflowed it, never a saturated (wrong) figure.
pub fn figure_totals(site: &Site) -> Result<FigureTotals<'_>, TotalOverflow<'_>> {
    let mut by: std::collections::BTreeMap<&str, CurrencyTotal> = Default::default();
    let mut with = 0;
    for r in &site.resolutions {
        let Some((_, u)) = site.updates_of(r.id).last() else {
            continue;
        };
        let Some(set) = u.funding.figures.as_ref().and_then(|f| figures(f).ok()) else {
            continue;
        };
        let (Some(req), Some(mob), Some(cur)) = (set.requirement, set.mobilized, set.currency)
        else {
            continue;
        };
        with += 1;
        let t = by.entry(cur).or_insert(CurrencyTotal {
            currency: cur,
            resolutions: 0,
            requirement: 0,
            mobilized: 0,
            gap: 0,
            over_funded: 0,
        });
        t.resolutions += 1;
        for (field, sum, add) in [
            ("requirement", &mut t.requirement, req.amount),
            ("mobilized", &mut t.mobilized, mob.amount),
            ("gap", &mut t.gap, set.gap.unwrap_or(0)),
            (
                "over-funded",
                &mut t.over_funded,
                set.over_funded.unwrap_or(0),
            ),
        ] {
            *sum = sum.checked_add(add).ok_or(TotalOverflow {
                update: u,
                field,
                currency: cur,
            })?;
        }
    }
    Ok(FigureTotals {
        with_figures: with,
        resolutions: site.resolutions.len(),
        currencies: by.into_values().collect(),
    })
}

/// The paragraph numbers of `u` (in `report`) that an earlier report on the same resolution already
/// used: on the resolution page their anchors are qualified (`{slug}-para-N`), so that the earlier
/// report's `#para-N` keeps pointing at the earlier report's words.
pub fn qualified(site: &Site, report: &Report, u: &Update) -> Vec<u32> {
    let earlier: Vec<&Update> = site
        .updates_of(u.resolution)
        .take_while(|(r, _)| r.slug != report.slug)
        .map(|(_, o)| o)
        .collect();
    u.paragraphs
        .iter()
        .copied()
        .filter(|n| earlier.iter().any(|o| o.paragraphs.contains(n)))
        .collect()
}

/// One report's word on one resolution, in the resolution's history.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry<'a> {
    #[serde(skip)]
    pub report: &'a Report,
    #[serde(skip)]
    pub update: &'a Update,
    pub figures: Option<FigureSet<'a>>,
}

/// Every update of a resolution, oldest first, with its figures; a requirement that differs from the
/// one an earlier report stated is marked as a revision of it.
pub fn timeline(site: &Site, id: ResolutionId) -> Vec<TimelineEntry<'_>> {
    let mut out: Vec<TimelineEntry> = Vec::new();
    let mut last_req: Option<&Figure> = None;
    for (report, update) in site.updates_of(id) {
        let mut figures = update
            .funding
            .figures
            .as_ref()
            .and_then(|f| figures(f).ok());
        if let Some(set) = &mut figures {
            if let Some(req) = set.requirement {
                if let Some(prev) = last_req {
                    if (prev.amount, &prev.currency) != (req.amount, &req.currency) {
                        set.revised_from = Some(prev);
                    }
                }
                last_req = Some(req);
            }
        }
        out.push(TimelineEntry {
            report,
            update,
            figures,
        });
    }
    out
}

/// One difference between two reports' updates on one resolution.
#[derive(Debug, Clone, Serialize)]
pub struct Change<'a> {
    /// `status`, `funding-status`, `requirement`, `mobilized`, `amount`, `event`, `partner`, `place`
    /// or `count`.
    pub field: &'static str,
    /// What the change is about, for list fields (the event, partner, place or counted thing).
    pub item: Option<&'a Text>,
    /// A qualifier of the field: the amount kind (`allocated`).
    pub detail: Option<&'static str>,
    /// Vocabulary id, number or date as text; `None` when the earlier report did not state it.
    pub old: Option<String>,
    pub new: Option<String>,
    /// The evidence paragraph in the earlier and in the later report.
    pub old_para: Option<u32>,
    pub new_para: Option<u32>,
    /// For figures whose evidence is a named document rather than a paragraph.
    pub old_document: Option<&'a str>,
    pub new_document: Option<&'a str>,
    /// For amounts: the values and their currency, for pages to format.
    pub money: Option<Money<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Money<'a> {
    pub currency: &'a str,
    pub old: Option<u64>,
    pub new: u64,
    /// The earlier amount's currency, when it was another: the change is then one of currency,
    /// and the two numbers are not to be compared (nor the new one called newly stated).
    pub old_currency: Option<&'a str>,
}

impl<'a> Money<'a> {
    /// `new` (in `currency`), after `old` when an earlier report stated one, in whatever currency.
    fn of(currency: &'a str, new: u64, old: Option<(u64, &'a str)>) -> Money<'a> {
        Money {
            currency,
            old: old.map(|(amount, _)| amount),
            new,
            old_currency: old.map(|(_, c)| c).filter(|&c| c != currency),
        }
    }
}

/// Whether a resolution is newly reported, no longer reported, or reported in both with changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reported {
    Added,
    Dropped,
    Changed,
    /// Reported in both with nothing changed: never in `ReportChanges` (which holds differences),
    /// only on pages that list every resolution of a report.
    Unchanged,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResolutionChanges<'a> {
    pub resolution: ResolutionId,
    pub reported: Reported,
    #[serde(skip)]
    pub old: Option<&'a Update>,
    #[serde(skip)]
    pub new: Option<&'a Update>,
    pub changes: Vec<Change<'a>>,
}

/// What changed from `previous` to `report`, resolution by resolution (sorted by id).
#[derive(Debug, Clone)]
pub struct ReportChanges<'a> {
    pub previous: &'a Report,
    pub report: &'a Report,
    pub resolutions: Vec<ResolutionChanges<'a>>,
}

impl ReportChanges<'_> {
    /// The change mark of one resolution (`added`, `changed`), for lists.
    pub fn mark(&self, id: ResolutionId) -> Option<Reported> {
        self.resolutions
            .binary_search_by_key(&id, |r| r.resolution)
            .ok()
            .map(|i| self.resolutions[i].reported)
    }
}

/// Changes of every report after the first against the one before it, oldest first.
pub fn all_changes(site: &Site) -> Vec<ReportChanges<'_>> {
    site.reports
        .windows(2)
        .map(|w| compare(&w[0], &w[1]))
        .collect()
}

/// What changed from one report to the next. Both reports' updates are sorted by resolution.
pub fn compare<'a>(previous: &'a Report, report: &'a Report) -> ReportChanges<'a> {
    let mut out = Vec::new();
    let (a, b) = (&previous.updates, &report.updates);
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let order = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => x.resolution.cmp(&y.resolution),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match order {
            std::cmp::Ordering::Less => {
                out.push(ResolutionChanges {
                    resolution: a[i].resolution,
                    reported: Reported::Dropped,
                    old: Some(&a[i]),
                    new: None,
                    changes: vec![],
                });
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(ResolutionChanges {
                    resolution: b[j].resolution,
                    reported: Reported::Added,
                    old: None,
                    new: Some(&b[j]),
                    changes: vec![],
                });
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                let changes = update_changes(&a[i], &b[j]);
                if !changes.is_empty() {
                    out.push(ResolutionChanges {
                        resolution: b[j].resolution,
                        reported: Reported::Changed,
                        old: Some(&a[i]),
                        new: Some(&b[j]),
                        changes,
                    });
                }
                i += 1;
                j += 1;
            }
        }
    }
    ReportChanges {
        previous,
        report,
        resolutions: out,
    }
}

/// Everything that changed in one resolution's update from one report to the next, in the order
/// the "what changed" page lists it: judgements, figures, amounts, then new facts.
fn update_changes<'a>(old: &'a Update, new: &'a Update) -> Vec<Change<'a>> {
    let mut out = Vec::new();
    judgement_changes(old, new, &mut out);
    figure_changes(old, new, &mut out);
    amount_changes(old, new, &mut out);
    fact_changes(old, new, &mut out);
    out
}

/// The facts (events, partners, places, counts) that the earlier update states and the later one no
/// longer mentions: not a change of the facts (the report may simply not repeat them), but a reader
/// comparing the two should know. Each comes with the earlier report's paragraph.
pub fn no_longer_mentioned<'a>(old: &'a Update, new: &'a Update) -> Vec<Change<'a>> {
    let gone = |field, item: &'a Text, para| Change {
        field,
        item: Some(item),
        detail: None,
        old: None,
        new: None,
        old_para: Some(para),
        new_para: None,
        old_document: None,
        new_document: None,
        money: None,
    };
    let mut out = Vec::new();
    for e in &old.events {
        if !new.events.iter().any(|n| n.name == e.name) {
            out.push(gone("event", &e.name, e.para));
        }
    }
    for (field, olds, news) in [
        ("partner", &old.partners, &new.partners),
        ("place", &old.places, &new.places),
    ] {
        for o in olds.iter() {
            if !news.iter().any(|n| n.name == o.name) {
                out.push(gone(field, &o.name, o.para));
            }
        }
    }
    for c in &old.counts {
        if !new.counts.iter().any(|n| n.what == c.what) {
            out.push(gone("count", &c.what, c.para));
        }
    }
    out
}

/// A change of one field from `old` to `new`, with the paragraphs saying each.
fn plain<'a>(
    field: &'static str,
    old: Option<String>,
    new: Option<String>,
    old_para: Option<u32>,
    new_para: Option<u32>,
) -> Change<'a> {
    Change {
        field,
        item: None,
        detail: None,
        old,
        new,
        old_para,
        new_para,
        old_document: None,
        new_document: None,
        money: None,
    }
}

/// The status or the funding status changed.
fn judgement_changes<'a>(old: &'a Update, new: &'a Update, out: &mut Vec<Change<'a>>) {
    if status_id(old) != status_id(new) {
        out.push(plain(
            "status",
            Some(status_id(old).to_string()),
            Some(status_id(new).to_string()),
            old.status_basis(),
            new.status_basis(),
        ));
    }
    if funding_id(old) != funding_id(new) {
        out.push(plain(
            "funding-status",
            Some(funding_id(old).to_string()),
            Some(funding_id(new).to_string()),
            old.funding.status_basis(),
            new.funding.status_basis(),
        ));
    }
}

/// Figures: a new or changed requirement or mobilized amount.
fn figure_changes<'a>(old: &'a Update, new: &'a Update, out: &mut Vec<Change<'a>>) {
    let fig = |u: &'a Update, pick: fn(&Figures) -> &Option<Figure>| -> Option<&'a Figure> {
        u.funding.figures.as_ref().and_then(|f| pick(f).as_ref())
    };
    for (field, pick) in [
        (
            "requirement",
            (|f: &Figures| &f.requirement) as fn(&Figures) -> &Option<Figure>,
        ),
        ("mobilized", |f: &Figures| &f.mobilized),
    ] {
        let (o, n) = (fig(old, pick), fig(new, pick));
        let key = |f: Option<&Figure>| f.map(|f| (f.amount, f.currency.clone()));
        if n.is_some() && key(o) != key(n) {
            let show = |f: Option<&Figure>| f.map(|f| format!("{} {}", f.amount, f.currency));
            let mut c = plain(
                field,
                show(o),
                show(n),
                o.and_then(|f| f.para),
                n.and_then(|f| f.para),
            );
            c.old_document = o.and_then(|f| f.document.as_deref());
            c.new_document = n.and_then(|f| f.document.as_deref());
            c.money =
                n.map(|n| Money::of(&n.currency, n.amount, o.map(|o| (o.amount, &*o.currency))));
            out.push(c);
        }
    }
}

/// Amounts the report states: new, or with a different value.
fn amount_changes<'a>(old: &'a Update, new: &'a Update, out: &mut Vec<Change<'a>>) {
    for n in &new.funding.amounts {
        let same = |o: &&super::Amount| o.kind == n.kind && o.what == n.what;
        // Unchanged when the earlier report stated the same amount (several may share a kind).
        if old
            .funding
            .amounts
            .iter()
            .filter(same)
            .any(|o| (o.value, &o.currency) == (n.value, &n.currency))
        {
            continue;
        }
        // The earlier amount of the same kind, in the same currency if there is one: a change of
        // currency is said as such, not shown as a new amount.
        let o = old
            .funding
            .amounts
            .iter()
            .filter(same)
            .find(|o| o.currency == n.currency)
            .or_else(|| old.funding.amounts.iter().find(same));
        {
            out.push(Change {
                field: "amount",
                item: n.what.as_ref(),
                detail: Some(n.kind.key()),
                old: o.map(|o| format!("{} {}", o.value, o.currency)),
                new: Some(format!("{} {}", n.value, n.currency)),
                old_para: o.map(|o| o.para),
                new_para: Some(n.para),
                old_document: None,
                new_document: None,
                money: Some(Money::of(
                    &n.currency,
                    n.value,
                    o.map(|o| (o.value, &*o.currency)),
                )),
            });
        }
    }
}

/// New events, partners, places; new or different counts.
fn fact_changes<'a>(old: &'a Update, new: &'a Update, out: &mut Vec<Change<'a>>) {
    for e in &new.events {
        if !old
            .events
            .iter()
            .any(|o| o.name == e.name && o.date == e.date)
        {
            out.push(Change {
                field: "event",
                item: Some(&e.name),
                detail: None,
                old: None,
                new: e.date.map(|d| d.to_string()),
                old_para: None,
                new_para: Some(e.para),
                old_document: None,
                new_document: None,
                money: None,
            });
        }
    }
    let named = |field, old: &'a [Named], new: &'a [Named], out: &mut Vec<Change<'a>>| {
        for n in new {
            if !old.iter().any(|o| o.name == n.name) {
                out.push(Change {
                    field,
                    item: Some(&n.name),
                    detail: None,
                    old: None,
                    new: None,
                    old_para: None,
                    new_para: Some(n.para),
                    old_document: None,
                    new_document: None,
                    money: None,
                });
            }
        }
    };
    named("partner", &old.partners, &new.partners, out);
    named("place", &old.places, &new.places, out);
    for c in &new.counts {
        // Unchanged when the earlier report gave the same number for the same thing.
        if old
            .counts
            .iter()
            .any(|o| o.what == c.what && o.value == c.value)
        {
            continue;
        }
        let o = old.counts.iter().find(|o| o.what == c.what);
        {
            out.push(Change {
                field: "count",
                item: Some(&c.what),
                detail: None,
                old: o.map(|o| o.value.to_string()),
                new: Some(c.value.to_string()),
                old_para: o.map(|o| o.para),
                new_para: Some(c.para),
                old_document: None,
                new_document: None,
                money: None,
            });
        }
    }
}

/// The period a report covers, else its date: the "as of" of what it says.
pub fn as_of(r: &Report) -> PartialDate {
    r.period.as_ref().map(|p| p.end).unwrap_or(r.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(amount: u64) -> Figure {
        Figure {
            amount,
            currency: "USD".into(),
            as_of: None,
            para: Some(1),
            document: None,
        }
    }

    #[test]
    fn gap_and_percent_are_computed() {
        let f = Figures {
            requirement: Some(fig(5_000_000)),
            mobilized: Some(fig(2_000_000)),
            gap: Some(fig(3_000_000)),
        };
        let s = figures(&f).unwrap();
        assert_eq!(s.gap, Some(3_000_000));
        assert_eq!(s.gap_percent.as_deref(), Some("60.0"));
        assert_eq!(s.over_funded, None);
    }

    #[test]
    fn a_wrong_stated_gap_is_refused() {
        let f = Figures {
            requirement: Some(fig(5_000_000)),
            mobilized: Some(fig(2_000_000)),
            gap: Some(fig(2_500_000)),
        };
        assert_eq!(
            figures(&f),
            Err(FigureProblem::GapDisagrees(2_500_000, 3_000_000))
        );
    }

    #[test]
    fn over_funding_is_never_a_negative_gap() {
        let f = Figures {
            requirement: Some(fig(1_000)),
            mobilized: Some(fig(1_250)),
            gap: None,
        };
        let s = figures(&f).unwrap();
        assert_eq!(
            (s.gap, s.over_funded, s.gap_percent),
            (None, Some(250), None)
        );
    }

    #[test]
    fn percent_rounds_half_up_in_tenths() {
        let f = Figures {
            requirement: Some(fig(3)),
            mobilized: Some(fig(1)),
            gap: None,
        };
        assert_eq!(figures(&f).unwrap().gap_percent.as_deref(), Some("66.7"));
    }

    #[test]
    fn mixed_currencies_are_refused() {
        let mut m = fig(1);
        m.currency = "EUR".into();
        let f = Figures {
            requirement: Some(fig(3)),
            mobilized: Some(m),
            gap: None,
        };
        assert!(matches!(figures(&f), Err(FigureProblem::Currencies(..))));
    }
}
