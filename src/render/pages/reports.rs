//! `/{lang}/reports/`: every report, newest first, with what each changed.

use super::{Ctx, Own};
use minijinja::Value;

pub(super) fn build(ctx: &Ctx) -> Own {
    (
        "reports.html",
        vec![("reports", Value::from_serialize(ctx.reports_index()))],
    )
}
