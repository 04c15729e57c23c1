//! A `Condition` member whose name is not a condition operator:
//! `[ForAnyValue:|ForAllValues:]<operator>[IfExists]`. A condition key written
//! where the operator belongs is named as such.
use super::model::{blocks, key_format_ok};
use crate::engine::{Ctx, Finding};
use crate::iam;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for b in blocks(ctx) {
        let Err(e) = &b.op else { continue };
        if e.null_if_exists {
            continue; // null-with-if-exists
        }
        let name = b.member.key.as_str();
        let f = ctx.finding(b.member.key_span, &b.path).var("value", name);
        if e.suggestion.is_none() && looks_like_key(name) {
            out.push(
                f.message(format!(
                    "`{name}` is a condition key, not a condition operator"
                ))
                .help(key_help(name, &b.member.value)),
            );
            continue;
        }
        let help = match &e.suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => "operators are names such as StringEquals, StringLike, ArnLike, Bool, IpAddress or Null, optionally with a ForAnyValue: or ForAllValues: prefix and an IfExists suffix; they are case-sensitive".into(),
        };
        let message = if name.trim().is_empty() {
            "an empty name is not a condition operator".to_string()
        } else {
            e.message.clone()
        };
        out.push(f.message(message).help(help));
    }
}

/// `prefix:name` whose prefix is not a misspelt set qualifier.
fn looks_like_key(name: &str) -> bool {
    if !key_format_ok(name) {
        return false;
    }
    let (prefix, rest) = name.split_once(':').unwrap_or((name, ""));
    !prefix.to_ascii_lowercase().starts_with("for") && iam::parse_operator(rest).is_err()
}

fn key_help(name: &str, value: &crate::json::Node) -> String {
    // `{"aws:SourceIp": {"IpAddress": ...}}`: the two levels are swapped.
    if let Some(inner) = value.as_object() {
        if let Some(op) = inner.iter().find(|m| iam::parse_operator(&m.key).is_ok()) {
            return format!(
                "the operator and the key are swapped: write {{\"{}\": {{\"{name}\": ...}}}}",
                op.key
            );
        }
    }
    let op = match iam::condition_key(name) {
        Some(k) => match k.ty {
            iam::KeyType::String => "StringEquals",
            iam::KeyType::Date | iam::KeyType::DateOrNumeric => "DateGreaterThan",
            iam::KeyType::Numeric => "NumericLessThan",
            iam::KeyType::Bool => "Bool",
            iam::KeyType::Ip => "IpAddress",
            iam::KeyType::Arn => "ArnLike",
        },
        None => "StringEquals",
    };
    format!("a condition names the operator first, then the key: {{\"{op}\": {{\"{name}\": ...}}}}")
}
