//! `/{lang}/resolutions/…`: the list of resolutions, whole or filtered by up to two facets, by number
//! or by latest change, pre-rendered so that filters work without JavaScript; with its filter panel,
//! whose every link keeps the page's other choices.

use super::super::browse;
use super::{Ctx, Own};
use crate::routes::Filter;
use minijinja::Value;

pub(super) fn build(ctx: &Ctx, filter: Filter) -> Own {
    let all = ctx.summaries();
    let panel = browse::panel(&ctx.index, filter);
    let total = all.len();
    let list = browse::apply(&filter, all);
    let sort = if filter.latest() { "latest" } else { "number" };
    (
        "resolutions.html",
        vec![
            ("resolutions", Value::from_serialize(&list)),
            ("panel", Value::from_serialize(&panel)),
            ("sort", Value::from(sort)),
            ("total", Value::from(total)),
        ],
    )
}
