//! IB0407: an `Allow` that reaches other accounts with no working
//! organization or account condition, where the policy shows that one was
//! meant: an organization key written so that it does not narrow, or an
//! organization condition on other statements that this one lacks.
use super::access::{describe, is_one_of, narrowed_by, Env, Grantee, ORG_OR_ACCOUNT_KEYS};
use crate::engine::{Ctx, Finding};
use crate::iam::{self, Family, SetQualifier};
use crate::json::{Member, Node};
use crate::policy::admits_anyone;

const ORG_KEYS: [&str; 2] = ["aws:PrincipalOrgID", "aws:PrincipalOrgPaths"];

/// The multivalued keys among `ORG_OR_ACCOUNT_KEYS`.
const MULTIVALUED: [&str; 2] = ["aws:PrincipalOrgPaths", "aws:SourceOrgPaths"];

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let env = Env::new(ctx);
    // A statement that limits callers to an organization, for the second case.
    let org_statement = ctx
        .statements
        .iter()
        .find(|s| s.is_allow() && narrowed_by(s.node, &ORG_KEYS));
    // A Deny that guards by organization may cover the other statements; we
    // do not judge it, so we do not ask for the condition then.
    let guarded = ctx
        .statements
        .iter()
        .any(|s| s.effect() == Some("Deny") && mentions(s.node, ORG_OR_ACCOUNT_KEYS));
    for st in ctx.statements.iter().filter(|s| s.is_allow()) {
        let outside = env.outside(st);
        if outside.is_empty() || narrowed_by(st.node, ORG_OR_ACCOUNT_KEYS) {
            continue;
        }
        let who = describe(&outside.iter().map(|(g, _)| g.clone()).collect::<Vec<_>>());
        let weak = weak_entries(st.node);
        if !weak.is_empty() {
            for (op, member, why) in weak {
                let path = st.path.key("Condition").key(op).key(&member.key);
                out.push(
                    ctx.finding(member.key_span, &path)
                        .var("value", member.key.as_str())
                        .var("who", who.as_str())
                        .message(format!(
                            "`{}` under `{op}` does not narrow this grant, which reaches {who}: {why}",
                            member.key
                        ))
                        .help(format!(
                            "write it with a positive operator, no IfExists and a specific value, e.g. \"StringEquals\": {{\"{}\": \"...\"}}",
                            member.key
                        )),
                );
            }
            continue;
        }
        let (Some(other), false) = (org_statement, guarded) else {
            continue;
        };
        let key = ORG_KEYS
            .iter()
            .find(|k| narrowed_by(other.node, &[**k]))
            .copied()
            .unwrap_or(ORG_KEYS[0]);
        for (g, item) in &outside {
            let (Grantee::Account { .. }, Some(item)) = (g, item) else {
                continue;
            };
            out.push(
                ctx.finding(item.node.span, &item.path)
                    .var("value", item.as_str().unwrap_or_default())
                    .var("who", describe(std::slice::from_ref(g)))
                    .var("key", key)
                    .var("other", ctx.at(other.node.span, &other.path).1.to_string()),
            );
        }
    }
}

/// Condition entries on organization or account keys that do not narrow:
/// under a negated operator, `...IfExists`, `ForAllValues:` or `Null`, or a
/// `...Like` value that matches anyone (`"*"`).
fn weak_entries(st: &Node) -> Vec<(&str, &Member, &'static str)> {
    let Some(cond) = st.get("Condition").and_then(Node::as_object) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for op in cond {
        let Ok(parsed) = iam::parse_operator(&op.key) else {
            continue;
        };
        let for_all = parsed.qualifier == Some(SetQualifier::ForAllValues);
        let (why, only_wide_values) = if parsed.family == Family::Null {
            (
                "`Null` only asks whether the key is present, not what it is",
                false,
            )
        } else if parsed.is_negated() {
            ("a negated operator in an Allow admits every caller whose value differs, including callers outside any organization", false)
        } else if parsed.if_exists {
            ("`IfExists` also admits callers that have no such key, such as accounts outside any organization", false)
        } else if for_all {
            (
                "`ForAllValues:` is also true when the request has no such key",
                false,
            )
        } else if parsed.is_like() {
            ("a value of wildcards only, or an ARN with a wildcard account, matches any caller that has the key", true)
        } else {
            continue;
        };
        for e in op.value.as_object().unwrap_or_default() {
            if !is_one_of(&e.key, ORG_OR_ACCOUNT_KEYS)
                || (only_wide_values && !admits_anyone(&e.value))
                // ForAllValues: on a single-valued key is IB0148's
                // (forallvalues-single-valued-key), on the same key.
                || (for_all && !is_one_of(&e.key, &MULTIVALUED))
            {
                continue;
            }
            out.push((op.key.as_str(), e, why));
        }
    }
    out
}

/// Whether any condition of the statement uses one of `keys`.
fn mentions(st: &Node, keys: &[&str]) -> bool {
    st.get("Condition")
        .and_then(Node::as_object)
        .unwrap_or_default()
        .iter()
        .flat_map(|op| op.value.as_object().unwrap_or_default())
        .any(|e| is_one_of(&e.key, keys))
}
