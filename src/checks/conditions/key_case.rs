//! The same condition key twice in one operator block, differing only in
//! case (`aws:SourceIp` and `aws:sourceip`): keys are case-insensitive.
use super::model::{blocks, file_span};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for b in blocks(ctx) {
        if b.op.is_err() {
            continue;
        }
        let Some(keys) = b.member.value.as_object() else {
            continue;
        };
        for (i, k) in keys.iter().enumerate() {
            let earlier = &keys[..i];
            if earlier.iter().any(|p| p.key == k.key) {
                continue; // an exact duplicate: duplicate-key
            }
            let Some(first) = earlier.iter().find(|p| p.key.eq_ignore_ascii_case(&k.key)) else {
                continue;
            };
            out.push(
                ctx.finding(k.key_span, &b.path.key(&k.key))
                    .var("key", k.key.clone())
                    .var("expected", first.key.clone())
                    .related(file_span(ctx, first.key_span), "first written here"),
            );
        }
    }
}
