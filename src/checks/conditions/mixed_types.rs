//! The values of one condition key mix JSON types (`["1", 2]`).
use super::model::{entries, file_span, text};
use crate::engine::{Ctx, Finding};
use crate::iam::Family;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        // Several Boolean values are a mistake of their own (multiple-boolean-values).
        if matches!(e.op.family, Family::Bool | Family::Null) || !e.is_list() {
            continue;
        }
        let scalars = e.scalars();
        let Some(first) = scalars.first() else {
            continue;
        };
        let Some(other) = scalars
            .iter()
            .find(|i| i.node.type_name() != first.node.type_name())
        else {
            continue;
        };
        let show = |n: &crate::json::Node| match &n.value {
            crate::json::Value::String(s) => format!("\"{s}\""),
            _ => text(n).unwrap_or_default().into_owned(),
        };
        out.push(
            ctx.finding(other.node.span, &other.path)
                .var("key", e.key.key.clone())
                .var("found", other.node.type_name())
                .var("expected", first.node.type_name())
                .help(format!(
                    "write every value of `{}` the same way, e.g. all as strings: \"{}\"",
                    e.key.key,
                    text(other.node).unwrap_or_default()
                ))
                .related(
                    file_span(ctx, first.node.span),
                    format!(
                        "the first value, {}, is a {}",
                        show(first.node),
                        first.node.type_name()
                    ),
                ),
        );
    }
}
