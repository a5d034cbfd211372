//! "Is a funding shortfall named?": the one answer, derived from an update's two judgements, that
//! every page, list, filter, count and data file shows. The report names a shortfall when its words
//! give lack of funds as the cause of the state of work (status `held-back-by-funding`) or state a
//! shortfall in what it says about funding (`shortfall-stated`, `funds-and-shortfall-stated`).
//! A need ("funding remains critical") is not a shortfall: the report does not say money is missing.

use super::{Evidence, FundingStatus, Status, Update};

/// The two values of the answer, as data files, filters and `data-shortfall` spell them.
pub const NAMED: &str = "named";
pub const NONE: &str = "none";

/// Whether `u`'s judgements name a shortfall.
pub fn named(u: &Update) -> bool {
    u.status == Status::HeldBackByFunding
        || matches!(
            u.funding.status,
            FundingStatus::ShortfallStated | FundingStatus::FundsAndShortfallStated
        )
}

/// `named` as its key; an update that is absent (no report covers the resolution yet) names none.
pub fn key(u: Option<&Update>) -> &'static str {
    if u.is_some_and(named) {
        NAMED
    } else {
        NONE
    }
}

/// The report's words that name the shortfall: the funding quotes when the funding judgement names
/// it (they speak of the money), else the status quotes. Empty when none is named.
pub fn evidence(u: &Update) -> &[Evidence] {
    if matches!(
        u.funding.status,
        FundingStatus::ShortfallStated | FundingStatus::FundsAndShortfallStated
    ) {
        &u.funding.evidence
    } else if u.status == Status::HeldBackByFunding {
        &u.status_evidence
    } else {
        &[]
    }
}
