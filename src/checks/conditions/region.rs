//! A value of `aws:RequestedRegion` that is not a Region code.
use super::model::{entries, has_variable};
use crate::arn::wildcard_match;
use crate::engine::{did_you_mean, Ctx, Finding};
use crate::iam::{Family, REGIONS};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        if e.op.family != Family::String || !e.key_is("aws:RequestedRegion") {
            continue;
        }
        let ignore_case = e.op.base.ends_with("IgnoreCase");
        for item in e.scalars() {
            let Some(v) = item.node.as_str() else {
                continue;
            };
            if has_variable(v) {
                continue;
            }
            let wild = v.contains(['*', '?']);
            if wild && !e.op.is_like() {
                continue; // wildcard-without-like-operator
            }
            let known = if wild {
                REGIONS.iter().any(|r| wildcard_match(v, r))
            } else if ignore_case {
                REGIONS.iter().any(|r| r.eq_ignore_ascii_case(v))
            } else {
                REGIONS.contains(&v)
            };
            if known {
                continue;
            }
            let (message, help) = if wild {
                (
                    format!("the pattern \"{v}\" matches no AWS Region"),
                    "Region codes look like us-west-2 or eu-central-1 and are lowercase"
                        .to_string(),
                )
            } else {
                let help = match did_you_mean(v, REGIONS.iter().copied()) {
                    Some(s) if s.eq_ignore_ascii_case(v) => format!("Region codes are lowercase and this operator is case-sensitive: write \"{s}\""),
                    Some(s) => format!("did you mean \"{s}\"?"),
                    None => "Region codes look like us-west-2 or eu-central-1".to_string(),
                };
                (format!("\"{v}\" is not an AWS Region code"), help)
            };
            out.push(
                ctx.finding(item.node.span, &item.path)
                    .var("value", v)
                    .message(message)
                    .help(help),
            );
        }
    }
}
