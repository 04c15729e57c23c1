//! An empty `Condition` object, an operator with no keys, or a key with an
//! empty list of values.
use super::model::{blocks, conditions, entries};
use crate::engine::{Ctx, Finding};
use crate::iam::SetQualifier;
use crate::json::Value;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (st, cond) in conditions(ctx) {
        if cond.value.as_object().is_some_and(<[_]>::is_empty) {
            out.push(
                ctx.finding(cond.value.span, &st.path.key("Condition"))
                    .message("the `Condition` block is empty, so it narrows nothing")
                    .help("remove `Condition`, or add the condition you meant"),
            );
        }
    }
    for b in blocks(ctx) {
        if b.op.is_err() {
            continue;
        }
        if b.member.value.as_object().is_some_and(<[_]>::is_empty) {
            out.push(
                ctx.finding(b.member.value.span, &b.path)
                    .message(format!("`{}` names no condition keys", b.member.key))
                    .help("remove the operator, or add the key and values it should test"),
            );
        }
    }
    for e in entries(ctx) {
        let Value::Array(list) = &e.key.value.value else {
            continue;
        };
        if !list.is_empty() {
            continue;
        }
        let op = &e.op_member.key;
        let key = &e.key.key;
        let (message, help) = match e.op.qualifier {
            Some(SetQualifier::ForAllValues) => (
                format!("`{key}` has an empty list under `{op}`, which then matches only requests where the key is absent or empty"),
                format!("to test that the key is absent, write {{\"Null\": {{\"{key}\": \"true\"}}}}; otherwise list the values"),
            ),
            Some(SetQualifier::ForAnyValue) => (
                format!("`{key}` has an empty list under `{op}`, which then never matches"),
                "list the values the condition should accept, or remove the key".to_string(),
            ),
            None if e.op.if_exists => (
                format!("`{key}` has an empty list under `{op}`, which then matches only requests without the key"),
                format!("to test that the key is absent, write {{\"Null\": {{\"{key}\": \"true\"}}}}; otherwise list the values"),
            ),
            None => (
                format!("`{key}` has an empty list of values, so this condition cannot match as meant"),
                "list the values the condition should test, or remove the key".to_string(),
            ),
        };
        out.push(
            ctx.finding(e.key.value.span, &e.path)
                .message(message)
                .help(help),
        );
    }
}
