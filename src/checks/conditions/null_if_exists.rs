//! `NullIfExists` (with or without a set qualifier): `Null` takes no suffix.
use super::model::blocks;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for b in blocks(ctx) {
        let Err(e) = &b.op else { continue };
        if !e.null_if_exists {
            continue;
        }
        let fix = e.suggestion.clone().unwrap_or_else(|| "Null".into());
        out.push(
            ctx.finding(b.member.key_span, &b.path)
                .var("value", b.member.key.clone())
                .help(format!("write `{fix}`: Null already tests whether the key is present (\"true\": absent, \"false\": present)")),
        );
    }
}
