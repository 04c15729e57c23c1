//! A condition value that the operator cannot read: not a date for Date
//! operators, not a number, not `true`/`false`, not base64, not an IP
//! address or CIDR range, not an ARN.
use super::model::{entries, expected_value, text, value_fits};
use super::values;
use crate::engine::{Ctx, Finding};
use crate::iam::Family;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        if e.type_mismatch().is_some() {
            continue; // operator-key-type-mismatch is the root cause
        }
        let family = e.op.family;
        for item in e.scalars() {
            if value_fits(family, item.node) != Some(false) {
                continue;
            }
            let v = text(item.node).unwrap_or_default();
            let op = &e.op_member.key;
            let shown = match &item.node.value {
                crate::json::Value::String(s) => format!("\"{s}\""),
                _ => v.to_string(),
            };
            let millis =
                family == Family::Date && v.len() > 12 && v.bytes().all(|b| b.is_ascii_digit());
            let message = match family {
                Family::Date if millis => format!(
                    "{shown} has more than twelve digits: it looks like milliseconds, but Date operators read epoch values as seconds"
                ),
                Family::Arn => match values::arn_shape(&v) {
                    Err((m, _)) if matches!(item.node.value, crate::json::Value::String(_)) => m,
                    _ => format!("{shown} is not an ARN; `{op}` compares ARNs"),
                },
                Family::Null => format!("{shown} is not a value of `Null`, which takes \"true\" (the key is absent) or \"false\" (the key is present)"),
                _ => format!(
                    "{shown} is not {}; `{op}` expects {}",
                    noun(family),
                    expected_value(family)
                ),
            };
            let help = match family {
                Family::Date if millis => format!("write \"{}\", or the same instant as an ISO 8601 date", &v[..v.len() - 3]),
                Family::Date if v.contains(['*', '?']) => "Date operators take no wildcards; use DateGreaterThan and DateLessThan for a range".to_string(),
                Family::Ip if v.contains(['*', '?']) => "IP operators take no wildcards; write the range in CIDR notation, e.g. \"10.0.0.0/16\"".to_string(),
                Family::Date => "write an ISO 8601 date in the W3C profile (\"2025-01-31\", \"2025-01-31T12:00:00Z\") or seconds since 1970".to_string(),
                Family::Numeric => "write the number alone, in digits, e.g. \"3600\"".to_string(),
                Family::Bool | Family::Null => "write \"true\" or \"false\"".to_string(),
                Family::Binary => "write the bytes base64-encoded".to_string(),
                Family::Ip => "write an address (\"203.0.113.5\") or a CIDR range (\"203.0.113.0/24\", \"2001:db8::/32\")".to_string(),
                Family::Arn => "write arn:partition:service:region:account:resource, with `*` or `?` inside a part where needed; for a value that is not an ARN use a String operator".to_string(),
                Family::String => continue,
            };
            out.push(
                ctx.finding(item.node.span, &item.path)
                    .var("value", v.to_string())
                    .var("key", e.key.key.clone())
                    .message(message)
                    .help(help),
            );
        }
    }
}

fn noun(f: Family) -> &'static str {
    match f {
        Family::Numeric => "a number",
        Family::Date => "a date",
        Family::Bool | Family::Null => "a Boolean",
        Family::Binary => "base64",
        Family::Ip => "an IP address or CIDR range",
        Family::Arn => "an ARN",
        Family::String => "a string",
    }
}
