//! `ForAllValues:Null` (always true) or `ForAnyValue:Null` (always false).
use super::model::blocks;
use crate::engine::{Ctx, Finding};
use crate::iam::{Family, SetQualifier};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for b in blocks(ctx) {
        let Ok(op) = b.op else { continue };
        let Some(q) = op.qualifier else { continue };
        if op.family != Family::Null {
            continue;
        }
        let outcome = match q {
            SetQualifier::ForAllValues => "always true",
            SetQualifier::ForAnyValue => "always false",
        };
        out.push(
            ctx.finding(b.member.key_span, &b.path)
                .var("value", b.member.key.clone())
                .message(format!(
                    "`{}` is {outcome}, whatever the request holds",
                    b.member.key
                ))
                .help("write `Null` without a qualifier: \"true\" tests that the key is absent, \"false\" that it is present"),
        );
    }
}
