//! Consumers of a shared resource can only read it: a grant of write,
//! tagging or permissions actions is not what sharing gives.
//!
//! Actions an unconditional `Deny` takes back from every principal of the
//! statement are not reported. A full wildcard or a Permissions management
//! action granted to another account is left to the security rules (IB0405,
//! IB0406), and `NotAction` to IB0403, so that one string gets one report.
use super::security::{self, Env};
use crate::engine::{Ctx, Finding};
use crate::imagebuilder::expand;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(kind) = ctx.kind else { return };
    let env = Env::new(ctx);
    for st in ctx.statements.iter().filter(|s| s.is_allow()) {
        let grantees: Vec<_> = env.grantees(st).into_iter().map(|(g, _)| g).collect();
        let resources = env.resources(st);
        for item in st.values("Action") {
            let Some(text) = item.as_str() else { continue };
            if security::claims_action(ctx, &env, st, text) {
                continue;
            }
            let writes: Vec<&str> = expand(text)
                .into_iter()
                .filter(|a| a.applies_to(kind) && !a.access.is_read())
                .filter(|a| {
                    let action = format!("imagebuilder:{}", a.name);
                    grantees.is_empty()
                        || grantees.iter().any(|g| !env.denied(&action, g, &resources))
                })
                .map(|a| a.name)
                .collect();
            if writes.is_empty() {
                continue;
            }
            let shown = if writes.len() > 3 {
                format!("{} and {} more", writes[..3].join(", "), writes.len() - 3)
            } else {
                writes.join(", ")
            };
            out.push(
                ctx.finding(item.node.span, &item.path)
                    .var("value", text)
                    .var("kind", kind.name())
                    .var("actions", shown),
            );
        }
    }
}
