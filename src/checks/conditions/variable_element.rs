//! Policy variables outside Resource, NotResource and Condition: in Action,
//! NotAction, Principal or NotPrincipal they are literal text.
use super::model::{finding_at, sub, version, VersionState};
use super::variables::scan;
use crate::engine::{Ctx, Finding};
use crate::policy::{Item, Principal};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if version(ctx).0 != VersionState::Current {
        return;
    }
    for st in &ctx.statements {
        let mut sites: Vec<(&str, Item<'_>)> = Vec::new();
        for el in ["Action", "NotAction"] {
            sites.extend(st.values(el).into_iter().map(|i| (el, i)));
        }
        for (el, not) in [("Principal", false), ("NotPrincipal", true)] {
            match st.principal(not) {
                Some(Principal::Map(entries)) => sites.extend(
                    entries
                        .into_iter()
                        .flat_map(|(_, items)| items)
                        .map(|i| (el, i)),
                ),
                Some(Principal::Star(i)) => sites.push((el, i)),
                _ => {}
            }
        }
        for (el, item) in sites {
            let Some(v) = item.as_str() else { continue };
            let s = scan(v);
            let Some(r) = s
                .vars
                .iter()
                .map(|x| x.range.clone())
                .chain(s.bad.iter().map(|b| b.range.clone()))
                .min_by_key(|r| r.start)
            else {
                continue;
            };
            let t = &v[r.clone()];
            out.push(
                finding_at(ctx, sub(ctx, item.node, r), &item.path)
                    .var("value", t)
                    .var("key", el)
                    .message(format!(
                        "policy variables are not replaced in `{el}`: `{t}` is literal text"
                    )),
            );
        }
    }
}
