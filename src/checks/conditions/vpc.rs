//! Values of `aws:SourceVpc` and `aws:SourceVpce` that are not VPC or VPC
//! endpoint IDs (`vpc-`/`vpce-` and 8 or 17 letters and digits).
use super::model::{entries, has_variable};
use crate::engine::{Ctx, Finding};
use crate::iam::Family;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        if e.op.family != Family::String {
            continue;
        }
        let (prefix, what, other) = if e.key_is("aws:SourceVpc") {
            (
                "vpc-",
                "a VPC ID",
                ("vpce-", "a VPC endpoint ID", "aws:SourceVpce"),
            )
        } else if e.key_is("aws:SourceVpce") {
            (
                "vpce-",
                "a VPC endpoint ID",
                ("vpc-", "a VPC ID", "aws:SourceVpc"),
            )
        } else {
            continue;
        };
        for item in e.scalars() {
            let Some(v) = item.node.as_str() else {
                continue;
            };
            if has_variable(v) || v.contains(['*', '?']) || is_id(v, prefix) {
                continue;
            }
            let help = if is_id(v, other.0) {
                format!("\"{v}\" is {}: compare it with `{}`", other.1, other.2)
            } else {
                format!("{what} is `{prefix}` followed by 8 or 17 letters and digits, e.g. \"{prefix}1a2b3c4d\"")
            };
            out.push(
                ctx.finding(item.node.span, &item.path)
                    .var("value", v)
                    .var("key", e.key.key.clone())
                    .message(format!("\"{v}\" is not {what}, as `{}` holds", e.key.key))
                    .help(help),
            );
        }
    }
}

pub fn is_id(v: &str, prefix: &str) -> bool {
    v.strip_prefix(prefix).is_some_and(|rest| {
        (rest.len() == 8 || rest.len() == 17) && rest.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::is_id;

    #[test]
    fn vpc_ids() {
        assert!(is_id("vpc-1a2b3c4d", "vpc-"));
        assert!(is_id("vpc-0123456789abcdef0", "vpc-"));
        assert!(is_id("vpce-1a2b3c4d", "vpce-"));
        assert!(!is_id("vpc-1a2b3c4", "vpc-"));
        assert!(!is_id("vpce-1a2b3c4d", "vpc-"));
        assert!(!is_id("vpc-1a2b-3c4d", "vpc-"));
    }
}
