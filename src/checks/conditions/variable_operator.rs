//! A policy variable in the value of an operator that does not substitute
//! them: only String and ARN operators do.
use super::model::{entries, finding_at, sub, version, VersionState};
use super::variables::scan;
use crate::engine::{Ctx, Finding};
use crate::iam::Family;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if version(ctx).0 != VersionState::Current {
        return;
    }
    for e in entries(ctx) {
        if matches!(e.op.family, Family::String | Family::Arn) {
            continue;
        }
        for item in e.scalars() {
            let Some(v) = item.node.as_str() else {
                continue;
            };
            for var in scan(v).keys() {
                let t = &v[var.range.clone()];
                out.push(
                    finding_at(ctx, sub(ctx, item.node, var.range.clone()), &item.path)
                        .var("value", t)
                        .var("key", e.op_member.key.clone())
                        .message(format!(
                            "`{}` does not replace policy variables (only String and ARN operators do): `{t}` stays as written",
                            e.op_member.key
                        )),
                );
            }
        }
    }
}
