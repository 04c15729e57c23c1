//! IB0405: a full wildcard (`"*"`, `imagebuilder:*`, any `service:*`) in an
//! `Allow` statement that reaches another account.
use super::access::{describe, is_full_wildcard, shortlist, Env, Grantee};
use crate::arn::wildcard_match;
use crate::engine::{Ctx, Finding};
use crate::imagebuilder::{Access, ACTIONS};
use crate::policy::Statement;

/// What IB0405 says about one action string.
pub(crate) struct Verdict {
    pub who: String,
    pub what: String,
}

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    super::report_allow_actions(ctx, out, judge, |f, v| {
        f.var("who", v.who).var("what", v.what)
    });
}

/// Whether the action string `token` of `st` is a full wildcard that grants
/// another account more than reading, after unconditional `Deny` statements.
/// IB0302 leaves the strings this claims to IB0405.
pub(crate) fn judge(env: &Env<'_>, st: &Statement<'_>, token: &str) -> Option<Verdict> {
    if !st.is_allow() || !is_full_wildcard(token) {
        return None;
    }
    let outside: Vec<Grantee> = env.outside(st).into_iter().map(|(g, _)| g).collect();
    if outside.is_empty() {
        return None;
    }
    let resources = env.resources(st);
    let service = token
        .split_once(':')
        .map_or("*", |(s, _)| s)
        .to_ascii_lowercase();
    let mut who: Vec<Grantee> = Vec::new();
    let mut keep = |kept: Vec<Grantee>| {
        for g in kept {
            if !who.contains(&g) {
                who.push(g);
            }
        }
    };
    // Image Builder actions beyond reading that stay granted, the ones that
    // rewrite the resource policy first.
    let mut changes: Vec<&str> = Vec::new();
    if wildcard_match(&service, "imagebuilder") {
        let mut candidates: Vec<_> = ACTIONS
            .iter()
            .filter(|a| !a.access.is_read() && env.kind.is_none_or(|k| a.applies_to(k)))
            .collect();
        candidates.sort_by_key(|a| a.access != Access::Permissions);
        for a in candidates {
            let action = format!("imagebuilder:{}", a.name);
            let kept: Vec<Grantee> = outside
                .iter()
                .filter(|g| !env.denied(&action, g, &resources))
                .cloned()
                .collect();
            if !kept.is_empty() {
                changes.push(a.name);
                keep(kept);
            }
        }
    }
    // Other services count only where the resource is not Image Builder's.
    let elsewhere = env.kind.is_none() && service != "imagebuilder" && {
        let kept: Vec<Grantee> = outside
            .iter()
            .filter(|g| !env.denied_elsewhere(token, g, &resources))
            .cloned()
            .collect();
        let any = !kept.is_empty();
        keep(kept);
        any
    };
    if changes.is_empty() && !elsewhere {
        return None;
    }
    let on = env
        .kind
        .map_or("the resource".to_string(), |k| format!("this {}", k.name()));
    let services = if token == "*" {
        "every action of every service".to_string()
    } else if service.contains(['*', '?']) {
        format!("every action of the services `{service}` matches")
    } else {
        format!("every `{service}` action")
    };
    let what = if !elsewhere {
        format!(
            "every Image Builder action on {on}, including ones that change it or its policy ({})",
            shortlist(&changes)
        )
    } else if changes.is_empty() {
        services
    } else {
        format!(
            "{services}, including Image Builder ones that change a resource or its policy ({})",
            shortlist(&changes)
        )
    };
    Some(Verdict {
        who: describe(&who),
        what,
    })
}
