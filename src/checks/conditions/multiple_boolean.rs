//! More than one value for a Boolean (`Bool` or `Null`) condition key.
use super::model::{entries, file_span};
use crate::engine::{Ctx, Finding};
use crate::iam::Family;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        if !matches!(e.op.family, Family::Bool | Family::Null) || e.type_mismatch().is_some() {
            continue;
        }
        let Some(list) = e.key.value.as_array() else {
            continue;
        };
        if list.len() < 2 {
            continue;
        }
        let op = &e.op.base;
        out.push(
            ctx.finding(list[1].span, &e.path.index(1))
                .var("key", e.key.key.clone())
                .var("value", list.len().to_string())
                .message(format!(
                    "`{}` has {} values; `{op}` takes exactly one, \"true\" or \"false\"",
                    e.key.key,
                    list.len()
                ))
                .related(file_span(ctx, list[0].span), "the first value"),
        );
    }
}
