//! IB0406: an `Allow` that lets another account set the resource policy
//! (`imagebuilder:PutImagePolicy` and the other Permissions management
//! actions), and so share the resource further.
use super::access::{describe, is_full_wildcard, shortlist, Env, Grantee};
use crate::engine::{Ctx, Finding};
use crate::imagebuilder::{expand, Access};
use crate::policy::Statement;

/// What IB0406 says about one action string.
pub(crate) struct Verdict {
    pub who: String,
    pub actions: String,
    pub also: String,
}

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    super::report_allow_actions(ctx, out, judge, |f, v| {
        f.var("who", v.who)
            .var("actions", v.actions)
            .var("also", v.also)
    });
}

/// Whether the action string `token` of `st` grants another account a
/// Permissions management action that applies to the resource, after
/// unconditional `Deny` statements. Full wildcards are IB0405's; IB0302
/// leaves the strings this claims to IB0406.
pub(crate) fn judge(env: &Env<'_>, st: &Statement<'_>, token: &str) -> Option<Verdict> {
    if !st.is_allow() || is_full_wildcard(token) {
        return None;
    }
    let actions: Vec<_> = expand(token)
        .into_iter()
        .filter(|a| !a.access.is_read() && env.kind.is_none_or(|k| a.applies_to(k)))
        .collect();
    if !actions.iter().any(|a| a.access == Access::Permissions) {
        return None;
    }
    let outside: Vec<Grantee> = env.outside(st).into_iter().map(|(g, _)| g).collect();
    if outside.is_empty() {
        return None;
    }
    let resources = env.resources(st);
    let mut who: Vec<Grantee> = Vec::new();
    let (mut perms, mut others) = (Vec::new(), Vec::new());
    for a in actions {
        let action = format!("imagebuilder:{}", a.name);
        let kept: Vec<&Grantee> = outside
            .iter()
            .filter(|g| !env.denied(&action, g, &resources))
            .collect();
        if kept.is_empty() {
            continue;
        }
        if a.access == Access::Permissions {
            perms.push(a.name);
            for g in kept {
                if !who.contains(g) {
                    who.push(g.clone());
                }
            }
        } else {
            others.push(a.name);
        }
    }
    if perms.is_empty() {
        return None;
    }
    let also = if others.is_empty() {
        String::new()
    } else {
        format!("; it also allows {}", shortlist(&others))
    };
    Some(Verdict {
        who: describe(&who),
        actions: shortlist(&perms),
        also,
    })
}
