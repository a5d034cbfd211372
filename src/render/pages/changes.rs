//! `/{lang}/reports/{slug}/changes/`: what changed in a report since the one before.

use super::{Ctx, Own};

pub(super) fn build(ctx: &Ctx, slug: &str) -> Own {
    let i = ctx.changes.iter().position(|c| c.report.slug == slug);
    (
        "changes.html",
        i.map(|i| ctx.changes_page(i)).unwrap_or_default(),
    )
}
