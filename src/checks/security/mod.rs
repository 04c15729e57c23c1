//! Native checks of the `security` group, one file each, and what they
//! share (`access`): who a statement lets in, whose the resource is, and what
//! `Deny` statements take back.

use crate::engine::NativeFn;
use crate::policy::Statement;

mod access;
mod deny_tag_condition;
mod org_condition;
mod permissions_management;
mod service_principal;
mod trusted_accounts;
mod wildcard_action;

pub(crate) use access::Env;

/// The checks of this group by the name rule files use.
pub static CHECKS: &[(&str, NativeFn)] = &[
    ("deny-tag-condition", deny_tag_condition::run),
    ("org-condition", org_condition::run),
    ("permissions-management", permissions_management::run),
    ("service-principal-source", service_principal::run),
    ("trusted-accounts", trusted_accounts::run),
    ("wildcard-action", wildcard_action::run),
];

/// Whether a security rule reports the action string `token` of `st`
/// (IB0405 for full wildcards, IB0406 for Permissions management actions,
/// both only for grants to other accounts), so that IB0302 does not report
/// the same string too.
/// Only rules that run count: with IB0405 or IB0406 turned off by the
/// configuration, IB0302 reports the string itself.
pub(crate) fn claims_action(
    ctx: &crate::engine::Ctx<'_>,
    env: &Env<'_>,
    st: &Statement<'_>,
    token: &str,
) -> bool {
    (ctx.active("IB0405") && wildcard_action::judge(env, st, token).is_some())
        || (ctx.active("IB0406") && permissions_management::judge(env, st, token).is_some())
}

/// Reports, at the action string, what `judge` says about each action of
/// each `Allow` statement (IB0405 and IB0406 differ only in their judges).
fn report_allow_actions<V>(
    ctx: &crate::engine::Ctx<'_>,
    out: &mut Vec<crate::engine::Finding>,
    judge: impl Fn(&Env<'_>, &Statement<'_>, &str) -> Option<V>,
    vars: impl Fn(crate::engine::Finding, V) -> crate::engine::Finding,
) {
    let env = Env::new(ctx);
    for st in ctx.statements.iter().filter(|s| s.is_allow()) {
        for item in st.values("Action") {
            let Some(text) = item.as_str() else { continue };
            if let Some(v) = judge(&env, st, text) {
                out.push(vars(
                    ctx.finding(item.node.span, &item.path).var("value", text),
                    v,
                ));
            }
        }
    }
}
