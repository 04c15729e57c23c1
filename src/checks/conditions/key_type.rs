//! An operator whose family does not fit the condition key's type: a Date,
//! Numeric, IP or Bool operator on a string key, a String operator on an IP
//! key, and so on. (String operators on ARN keys are fine.)
use super::model::{entries, file_span};
use crate::engine::{Ctx, Finding};
use crate::iam;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        let Some(ty) = e.type_mismatch() else {
            continue;
        };
        let op = &e.op_member.key;
        let key = &e.key.key;
        let help = match iam::equivalent_operator(&e.op, ty) {
            Some(s) => format!("use `{s}`"),
            None => format!("use {}", ty.operators()),
        };
        out.push(
            ctx.finding(e.key.key_span, &e.path)
                .var("key", key.clone())
                .var("expected", ty.name())
                .message(format!(
                    "`{key}` is {} {} key, but `{op}` compares {}",
                    super::model::article(ty.name()),
                    ty.name(),
                    super::model::compares(e.op.family)
                ))
                .help(help)
                .related(file_span(ctx, e.op_member.key_span), "the operator"),
        );
    }
}
