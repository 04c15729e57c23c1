//! The value of a condition operator must be an object of condition keys.
use super::model::blocks;
use crate::engine::{Ctx, Finding};
use crate::json::Value;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for b in blocks(ctx) {
        if b.op.is_err() {
            continue; // the operator itself is reported
        }
        let v = &b.member.value;
        if matches!(v.value, Value::Object(_)) {
            continue;
        }
        let op = &b.member.key;
        let span = match v.value {
            Value::Array(_) => v.head(),
            _ => v.span,
        };
        out.push(
            ctx.finding(span, &b.path)
                .var("key", op.clone())
                .var("found", v.type_name()),
        );
    }
}
