//! A multivalued key (`aws:TagKeys`, `aws:PrincipalOrgPaths`, ...) under an
//! operator without `ForAnyValue:` or `ForAllValues:`.
use super::model::{entries, file_span};
use crate::engine::{Ctx, Finding};
use crate::iam::Family;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        if e.op.qualifier.is_some() || e.op.family == Family::Null || e.type_mismatch().is_some() {
            continue;
        }
        let Some(k) = e.key_info() else { continue };
        if !k.multivalued {
            continue;
        }
        let op = &e.op_member.key;
        out.push(
            ctx.finding(e.key.key_span, &e.path)
                .var("key", e.key.key.clone())
                .var("value", op.clone())
                .help(format!(
                    "write `ForAnyValue:{op}` (at least one of the request's values must match) or `ForAllValues:{op}` (every one must)"
                ))
                .related(file_span(ctx, e.op_member.key_span), "no set qualifier"),
        );
    }
}
