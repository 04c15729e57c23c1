//! With `trusted-accounts` set in the configuration's `[params]`, every
//! account an Allow statement shares with must be one of them (or the
//! resource owner's own).

use crate::arn;
use crate::config::Config;
use crate::engine::{Ctx, Finding};

/// The account a principal value names: a 12-digit ID, or the account part
/// of an IAM/STS ARN.
fn account_of(principal: &str) -> Option<&str> {
    if arn::is_account_id(principal) {
        return Some(principal);
    }
    let a = arn::parse(principal).ok()?;
    arn::is_account_id(a.account.text).then_some(a.account.text)
}

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let trusted = Config::string_list(ctx.params, "trusted-accounts");
    if trusted.is_empty() {
        return;
    }
    let Some(view) = &ctx.policy else { return };
    // The owner, as the other security rules see it: the account of the
    // request's ARN, else of the Resource ARNs.
    let owners = super::access::Env::new(ctx).owners;
    for st in ctx.statements.iter().filter(|s| s.is_allow()) {
        for item in st.aws_principals(false) {
            let Some(text) = item.as_str() else { continue };
            let Some(account) = account_of(text) else {
                continue;
            };
            if trusted.iter().any(|t| t == account) || owners.iter().any(|o| o == account) {
                continue;
            }
            let start = text.find(account).unwrap_or(0);
            out.push(
                Finding::new(
                    view.substring(item.node, start..start + account.len()),
                    view.file_path(&item.path),
                )
                .var("account", account)
                .var("value", text),
            );
        }
    }
}
