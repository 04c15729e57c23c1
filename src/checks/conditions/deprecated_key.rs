//! A deprecated global condition key (`aws:ARN`).
use super::model::entries;
use crate::engine::{Ctx, Finding};
use crate::iam;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        let key = e.key.key.as_str();
        let Some((_, new)) = iam::DEPRECATED_KEYS
            .iter()
            .find(|(d, _)| d.eq_ignore_ascii_case(key))
        else {
            continue;
        };
        out.push(
            ctx.finding(e.key.key_span, &e.path)
                .var("key", key)
                .var("expected", *new),
        );
    }
}
