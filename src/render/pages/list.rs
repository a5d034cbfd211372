//! `/{lang}/resolutions/…`: the list of resolutions, whole, by latest change, or filtered by one
//! value of one facet, pre-rendered so that filters work without JavaScript.

use super::super::browse;
use super::{Ctx, Own};
use crate::routes::Filter;
use minijinja::Value;

pub(super) fn build(ctx: &Ctx, filter: Filter) -> Own {
    let all = ctx.summaries();
    let facets = browse::facets(ctx.site, &all);
    let total = all.len();
    let list = browse::apply(filter, all);
    let (facet, value) = browse::facet(filter).unzip();
    let sort = if filter == Filter::Latest {
        "latest"
    } else {
        "number"
    };
    (
        "resolutions.html",
        vec![
            ("resolutions", Value::from_serialize(&list)),
            ("facets", Value::from_serialize(&facets)),
            ("facet", Value::from(facet)),
            ("value", Value::from(value)),
            ("sort", Value::from(sort)),
            ("total", Value::from(total)),
        ],
    )
}
