//! IB0408: an `Allow` to a service principal that no `aws:SourceArn`,
//! `aws:SourceAccount`, `aws:SourceOrgID` or `aws:SourceOrgPaths` condition
//! ties to the resources or accounts it may act for.
use super::access::narrowed_by;
use crate::engine::{Ctx, Finding};
use crate::policy::Principal;

/// Keys that tie a service's call to the resource or account it acts for.
pub(crate) const SOURCE_KEYS: [&str; 4] = [
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
];

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for st in ctx.statements.iter().filter(|s| s.is_allow()) {
        // A role trust policy statement (sts:AssumeRole and the like) is how a
        // service is let assume a role; the Source keys are not asked for there.
        let actions = st.values("Action");
        let trust = !actions.is_empty()
            && actions.iter().all(|i| {
                i.as_str()
                    .and_then(|a| a.split_once(':'))
                    .is_some_and(|(svc, _)| svc.eq_ignore_ascii_case("sts"))
            });
        if trust || narrowed_by(st.node, &SOURCE_KEYS) {
            continue;
        }
        let Some(Principal::Map(entries)) = st.principal(false) else {
            continue;
        };
        for (member, values) in entries {
            if member.key != "Service" {
                continue;
            }
            for item in values {
                let Some(text) = item.as_str() else { continue };
                // A value that is not a valid service principal (an ARN, an
                // account, a wildcard, a bare name) is IB0123's to report.
                if !crate::checks::elements::invalid_service_principal::is_service_principal(text) {
                    continue;
                }
                out.push(ctx.finding(item.node.span, &item.path).var("value", text));
            }
        }
    }
}
