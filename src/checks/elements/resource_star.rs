//! IB0214 `resource-star`: `"Resource": "*"` in an Allow statement of an
//! Image Builder policy. In a resource policy `*` means the resource the
//! policy is attached to, so it works, but the ARN says which resource (and
//! version) is shared, and survives being copied to another resource's policy.
use super::analysis::kind_noun;
use crate::engine::{Ctx, Finding};
use crate::imagebuilder::expand;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(kind) = ctx.kind else { return };
    for st in ctx.statements.iter().filter(|s| s.is_allow()) {
        if st.get("NotAction").is_some() {
            continue;
        }
        // Only where an action of the statement takes a resource ARN at all
        // (imagebuilder:ListImages, for one, has no resource type).
        let specific = st
            .values("Action")
            .iter()
            .filter_map(|i| i.as_str())
            .any(|a| expand(a).iter().any(|x| !x.resources.is_empty()));
        if !specific {
            continue;
        }
        for item in st.values("Resource") {
            if item.as_str() != Some("*") {
                continue;
            }
            let help = match ctx.target {
                Some(t) => format!("write \"Resource\": \"{}\"", t.arn),
                None => format!(
                    "write the ARN of the {} the policy is attached to",
                    kind_noun(kind)
                ),
            };
            out.push(
                ctx.finding(item.node.span, &item.path)
                    .var("value", "*")
                    .var("kind", kind_noun(kind))
                    .help(help),
            );
        }
    }
}
