//! `"Bool": {"aws:MultiFactorAuthPresent": "false"}`: the key is absent, not
//! false, for requests signed with long-term access keys.
use super::model::{entries, text};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        if e.op.base != "Bool"
            || e.op.if_exists
            || e.op.qualifier.is_some()
            || !e.key_is("aws:MultiFactorAuthPresent")
        {
            continue;
        }
        if e.values.len() > 1 {
            continue; // multiple-boolean-values
        }
        for item in e.scalars() {
            if !text(item.node).is_some_and(|t| t.eq_ignore_ascii_case("false")) {
                continue;
            }
            let help = if e.statement.is_allow() {
                "to require MFA, allow with {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}"
            } else {
                "to deny requests made without MFA, write {\"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}}"
            };
            out.push(ctx.finding(item.node.span, &item.path).help(help));
        }
    }
}
