//! `*` or `?` in a value of a String operator that does not expand them
//! (`StringEquals`, `StringNotEquals` and the IgnoreCase forms).
use super::model::entries;
use super::variables;
use crate::engine::{Ctx, Finding};
use crate::iam::{Family, SetQualifier};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        if e.op.family != Family::String || e.op.is_like() || e.type_mismatch().is_some() {
            continue;
        }
        for item in e.scalars() {
            let Some(v) = item.node.as_str() else {
                continue;
            };
            let scan = variables::scan(v);
            let Some((i, c)) = v
                .char_indices()
                .find(|(i, c)| (*c == '*' || *c == '?') && !scan.covers(*i))
            else {
                continue;
            };
            let like = like_form(&e.op);
            out.push(
                super::model::finding_at(ctx, super::model::sub(ctx, item.node, i..i + 1), &item.path)
                    .var("value", v)
                    .var("found", c.to_string())
                    .message(format!(
                        "`{}` does not expand wildcards: the `{c}` in \"{v}\" only matches a literal `{c}`",
                        e.op_member.key
                    ))
                    .help(format!(
                        "to match a pattern, use `{like}`; to match the character itself, write `${{{c}}}` (with Version 2012-10-17)"
                    )),
            );
        }
    }
}

fn like_form(op: &crate::iam::Operator) -> String {
    let base = if op.is_negated() {
        "StringNotLike"
    } else {
        "StringLike"
    };
    let q = match op.qualifier {
        Some(SetQualifier::ForAllValues) => "ForAllValues:",
        Some(SetQualifier::ForAnyValue) => "ForAnyValue:",
        None => "",
    };
    let s = if op.if_exists { "IfExists" } else { "" };
    format!("{q}{base}{s}")
}
