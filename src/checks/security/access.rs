//! What the security rules stand on: whose account the resource is, who a
//! statement lets in, which condition keys narrow that, and what
//! unconditional `Deny` statements take back.
//!
//! Everything here errs towards reporting: a `Deny` counts only when it
//! certainly applies (no `Condition`, and its principal, action and resource
//! certainly cover the grant), and a condition narrows only through the keys
//! and operators `policy::narrowing_keys` accepts.

use crate::arn::{self, Kind};
use crate::engine::Ctx;
use crate::iam;
use crate::json::{Node, Value};
use crate::policy::{narrowing_keys, Item, Principal, Statement};

/// Condition keys that limit who can use a grant to an organization, an OU,
/// an account or a principal. `rules/security/public-sharing.toml` (IB0401)
/// lists the same keys in `unless-narrowed-by`.
pub(crate) use crate::iam::NARROWING_KEYS as ORG_OR_ACCOUNT_KEYS;

/// Keys whose values name accounts (directly, or as the account of an ARN).
const ACCOUNT_KEYS: [&str; 4] = [
    "aws:PrincipalAccount",
    "aws:SourceAccount",
    "aws:PrincipalArn",
    "aws:SourceArn",
];

pub(crate) fn is_one_of(key: &str, keys: &[&str]) -> bool {
    keys.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// One principal a statement names, as far as its account goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Grantee {
    /// Every AWS principal: `"*"`, `{"AWS": "*"}`, or everyone but a
    /// `NotPrincipal` list. `narrowed`: a condition limits it to an
    /// organization, account or principal (see `ORG_OR_ACCOUNT_KEYS`).
    Everyone { narrowed: bool },
    /// An account (`arn` is `None`), or a role, user or session in it.
    Account { id: String, arn: Option<String> },
    /// A service principal.
    Service(String),
    /// Anything whose account cannot be read (Federated, CanonicalUser,
    /// malformed values, which other rules report).
    Other,
}

impl Grantee {
    fn describe(&self) -> String {
        match self {
            Grantee::Everyone { narrowed: false } => "every AWS account".into(),
            Grantee::Everyone { narrowed: true } => "every account the condition admits".into(),
            Grantee::Account { id, arn: None } => format!("account {id}"),
            Grantee::Account { arn: Some(a), .. } => format!("`{a}`"),
            Grantee::Service(s) => format!("the service `{s}`"),
            Grantee::Other => "another principal".into(),
        }
    }
}

/// Names a list of grantees for a message: "account 444455556666",
/// "accounts 444455556666 and 777788889999", "every AWS account".
pub(crate) fn describe(grantees: &[Grantee]) -> String {
    if let Some(e) = grantees
        .iter()
        .find(|g| matches!(g, Grantee::Everyone { .. }))
    {
        return e.describe();
    }
    let mut names: Vec<String> = grantees.iter().map(Grantee::describe).collect();
    names.dedup();
    let all_accounts = grantees
        .iter()
        .all(|g| matches!(g, Grantee::Account { arn: None, .. }));
    if all_accounts && names.len() > 1 {
        names = names
            .iter()
            .map(|n| n.trim_start_matches("account ").to_string())
            .collect();
        return format!("accounts {}", join_and(&names));
    }
    join_and(&names)
}

/// "a", "a and b", "a, b and c".
pub(crate) fn join_and(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A short list of names: the first three, then "and N more".
pub(crate) fn shortlist(names: &[&str]) -> String {
    if names.len() > 3 {
        format!("{} and {} more", names[..3].join(", "), names.len() - 3)
    } else {
        join_and(&names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }
}

/// The account of an `AWS` principal value, and whether the value is the
/// whole account (an ID or a `:root` ARN) rather than one principal in it.
fn principal_account(value: &str) -> Option<(String, bool)> {
    if arn::is_account_id(value) {
        return Some((value.to_string(), true));
    }
    let a = arn::parse(value).ok()?;
    if !arn::is_account_id(a.account.text) {
        return None;
    }
    Some((a.account.text.to_string(), a.resource.text == "root"))
}

/// The context the security rules share for one policy.
pub(crate) struct Env<'a> {
    /// Accounts that own the resource: the target ARN's, or else those of the
    /// policy's `Resource` ARNs. Empty when unknown.
    pub owners: Vec<String>,
    pub kind: Option<Kind>,
    target: Option<String>,
    /// `Deny` statements without a condition.
    denies: Vec<Statement<'a>>,
}

impl<'a> Env<'a> {
    pub fn new(ctx: &Ctx<'a>) -> Env<'a> {
        let target_account = ctx.target.and_then(|t| {
            let a = arn::parse(&t.arn).ok()?;
            arn::is_account_id(a.account.text).then(|| a.account.text.to_string())
        });
        let owners = match target_account {
            Some(a) => vec![a],
            None => {
                let mut v: Vec<String> = ctx
                    .statements
                    .iter()
                    .flat_map(|s| s.values("Resource"))
                    .filter_map(|i| {
                        let a = arn::parse(i.as_str()?).ok()?;
                        arn::is_account_id(a.account.text).then(|| a.account.text.to_string())
                    })
                    .collect();
                v.sort();
                v.dedup();
                v
            }
        };
        let denies = ctx
            .statements
            .iter()
            .filter(|s| s.effect() == Some("Deny") && !has_condition(s.node))
            .cloned()
            .collect();
        Env {
            owners,
            kind: ctx.kind,
            target: ctx.target.map(|t| t.arn.clone()),
            denies,
        }
    }

    /// Every principal of an `Allow` statement; `NotPrincipal` counts as
    /// everyone. None for a statement without either (an identity policy's).
    pub fn grantees(&self, st: &Statement<'a>) -> Vec<(Grantee, Option<Item<'a>>)> {
        let narrowed = narrowed_by(st.node, ORG_OR_ACCOUNT_KEYS);
        let mut out = Vec::new();
        match st.principal(false) {
            Some(Principal::Star(item)) => out.push((Grantee::Everyone { narrowed }, Some(item))),
            Some(Principal::Map(entries)) => {
                for (member, values) in entries {
                    for item in values {
                        let Some(v) = item.as_str() else { continue };
                        let g = match member.key.as_str() {
                            "AWS" if v == "*" => Grantee::Everyone { narrowed },
                            "AWS" => match principal_account(v) {
                                Some((id, true)) => Grantee::Account { id, arn: None },
                                Some((id, false)) => Grantee::Account {
                                    id,
                                    arn: Some(v.to_string()),
                                },
                                None => Grantee::Other,
                            },
                            "Service" => Grantee::Service(v.to_string()),
                            _ => Grantee::Other,
                        };
                        out.push((g, Some(item)));
                    }
                }
            }
            Some(Principal::Invalid(_)) => out.push((Grantee::Other, None)),
            None => {}
        }
        if st.get("NotPrincipal").is_some() {
            out.push((Grantee::Everyone { narrowed }, None));
        }
        out
    }

    /// The `AWS` grantees of an `Allow` statement outside the owner's
    /// account. `"*"` limited by `aws:PrincipalAccount`, `aws:PrincipalArn`,
    /// `aws:SourceAccount` or `aws:SourceArn` to named accounts becomes those
    /// accounts (none, when they are all the owner's). With the owner unknown,
    /// every named account counts as another in an Image Builder policy, and
    /// none does in any other policy.
    pub fn outside(&self, st: &Statement<'a>) -> Vec<(Grantee, Option<Item<'a>>)> {
        if !st.is_allow() {
            return Vec::new();
        }
        let limit = account_limit(st.node);
        let mut out = Vec::new();
        for (g, item) in self.grantees(st) {
            match &g {
                Grantee::Everyone { .. } => match &limit {
                    Some(accounts) => out.extend(
                        accounts
                            .iter()
                            .filter(|a| !self.owners.contains(a))
                            .map(|a| {
                                (
                                    Grantee::Account {
                                        id: a.clone(),
                                        arn: None,
                                    },
                                    item.clone(),
                                )
                            }),
                    ),
                    None => out.push((g, item)),
                },
                Grantee::Account { id, .. } => {
                    let limited_away = limit.as_ref().is_some_and(|l| !l.contains(id));
                    // Outside Image Builder, an unknown owner (a KMS key policy
                    // granting its own account, an S3 bucket ARN without one)
                    // says nothing about whether an account is another's.
                    let unknown = self.owners.is_empty() && self.kind.is_none();
                    if !unknown && !self.owners.contains(id) && !limited_away {
                        out.push((g, item));
                    }
                }
                Grantee::Service(_) | Grantee::Other => {}
            }
        }
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }

    /// The resources a grant is about: the target ARN when known, else the
    /// statement's `Resource` values, else `"*"`.
    pub fn resources(&self, st: &Statement<'a>) -> Vec<String> {
        if let Some(t) = &self.target {
            return vec![t.clone()];
        }
        let v: Vec<String> = st
            .values("Resource")
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect();
        if v.is_empty() || st.get("NotResource").is_some() {
            vec!["*".into()]
        } else {
            v
        }
    }

    /// Does an unconditional `Deny` take `action` (one action, or an action
    /// pattern taken literally) away from `who` on all of `resources`?
    pub fn denied(&self, action: &str, who: &Grantee, resources: &[String]) -> bool {
        self.denies.iter().any(|d| {
            deny_covers_action(d, action)
                && deny_covers_principal(d, who)
                && deny_covers_resources(d, resources)
        })
    }

    /// Does an unconditional `Deny` take away every action of services other
    /// than Image Builder that the wildcard `token` (`*`, `s3:*`, `*:*`)
    /// stands for?
    pub fn denied_elsewhere(&self, token: &str, who: &Grantee, resources: &[String]) -> bool {
        let service = service_of(token);
        self.denies.iter().any(|d| {
            let actions = if let Some(node) = d.get("Action") {
                strings(node).iter().any(|p| {
                    arn::wildcard_match(&p.to_ascii_lowercase(), &token.to_ascii_lowercase())
                })
            } else if let Some(node) = d.get("NotAction") {
                // Everything but the listed actions is denied: other services
                // are all denied when no listed action can belong to them.
                strings(node).iter().all(|p| {
                    let ps = service_of(p);
                    if service.contains(['*', '?']) {
                        ps == "imagebuilder"
                    } else {
                        !arn::wildcard_match(&ps, &service)
                    }
                })
            } else {
                false
            };
            actions && deny_covers_principal(d, who) && deny_covers_resources(d, resources)
        })
    }
}

/// The lowercase service prefix of an action string (`*` for `"*"`).
fn service_of(action: &str) -> String {
    match action.split_once(':') {
        Some((s, _)) => s.to_ascii_lowercase(),
        None => "*".into(),
    }
}

/// A full wildcard: `"*"`, or `service:*` where the service is a prefix or a
/// pattern of one (`imagebuilder`, `s3`, `image*`). A malformed string such
/// as `imagebuilder.GetComponent:*` names no service and grants nothing.
pub(crate) fn is_full_wildcard(action: &str) -> bool {
    action == "*"
        || action.split_once(':').is_some_and(|(service, name)| {
            !service.is_empty()
                && service
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-*?".contains(&b))
                && !name.is_empty()
                && name.bytes().all(|b| b == b'*')
        })
}

fn strings(node: &Node) -> Vec<&str> {
    match &node.value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Node::as_str).collect(),
        _ => Vec::new(),
    }
}

fn has_condition(st: &Node) -> bool {
    match st.get("Condition") {
        None => false,
        Some(c) => c.as_object().is_none_or(|m| !m.is_empty()),
    }
}

fn deny_covers_action(d: &Statement<'_>, action: &str) -> bool {
    let a = action.to_ascii_lowercase();
    if let Some(node) = d.get("Action") {
        strings(node)
            .iter()
            .any(|p| arn::wildcard_match(&p.to_ascii_lowercase(), &a))
    } else if let Some(node) = d.get("NotAction") {
        !a.contains(['*', '?'])
            && !strings(node)
                .iter()
                .any(|p| arn::wildcard_match(&p.to_ascii_lowercase(), &a))
    } else {
        false
    }
}

/// Whether an `AWS` principal value of a `Deny` names `who` (or all of it).
fn names(value: &str, who: &Grantee) -> bool {
    if value == "*" {
        return true;
    }
    match who {
        Grantee::Account { id, arn } => match principal_account(value) {
            Some((acct, true)) => &acct == id,
            Some(_) => arn.as_deref() == Some(value),
            None => false,
        },
        _ => false,
    }
}

/// Whether a `NotPrincipal` value of a `Deny` spares some of `who` from it:
/// any exception in the account spares part of the account.
fn spares(value: &str, who: &Grantee) -> bool {
    match who {
        Grantee::Account { id, .. } => {
            value == "*" || principal_account(value).is_some_and(|(acct, _)| &acct == id)
        }
        _ => true,
    }
}

fn deny_covers_principal(d: &Statement<'_>, who: &Grantee) -> bool {
    match d.principal(false) {
        Some(Principal::Star(_)) => return true,
        Some(Principal::Map(entries)) => {
            return entries.iter().any(|(m, values)| {
                values
                    .iter()
                    .filter_map(Item::as_str)
                    .any(|v| match m.key.as_str() {
                        "AWS" => names(v, who),
                        "Service" => matches!(who, Grantee::Service(s) if s == v),
                        _ => false,
                    })
            })
        }
        Some(Principal::Invalid(_)) => return false,
        None => {}
    }
    match d.principal(true) {
        Some(Principal::Map(entries)) => match who {
            Grantee::Everyone { .. } | Grantee::Other => false,
            Grantee::Service(s) => !entries.iter().any(|(m, values)| {
                m.key == "Service" && values.iter().any(|i| i.as_str() == Some(s))
            }),
            Grantee::Account { .. } => !entries.iter().any(|(m, values)| {
                m.key == "AWS"
                    && values
                        .iter()
                        .filter_map(Item::as_str)
                        .any(|v| spares(v, who))
            }),
        },
        _ => false,
    }
}

fn deny_covers_resources(d: &Statement<'_>, resources: &[String]) -> bool {
    resources.iter().all(|r| {
        if let Some(node) = d.get("Resource") {
            strings(node)
                .iter()
                .any(|p| *p == "*" || arn::wildcard_match(p, r))
        } else if let Some(node) = d.get("NotResource") {
            !r.contains(['*', '?']) && !strings(node).iter().any(|p| arn::wildcard_match(p, r))
        } else {
            false
        }
    })
}

/// Whether the statement's condition narrows it by one of `keys`.
pub(crate) fn narrowed_by(st: &Node, keys: &[&str]) -> bool {
    narrowing_keys(st).iter().any(|k| is_one_of(k, keys))
}

/// A condition entry under a positive operator without `IfExists`, `Null` or
/// `ForAllValues:` (false when the request lacks the key): the key and its
/// string values.
pub(crate) struct Entry<'n> {
    pub key: &'n str,
    pub values: Vec<&'n str>,
}

pub(crate) fn positive_entries(st: &Node) -> Vec<Entry<'_>> {
    let Some(cond) = st.get("Condition").and_then(Node::as_object) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for op in cond {
        let Ok(parsed) = iam::parse_operator(&op.key) else {
            continue;
        };
        if !parsed.requires_match() {
            continue;
        }
        for e in op.value.as_object().unwrap_or_default() {
            out.push(Entry {
                key: &e.key,
                values: strings(&e.value),
            });
        }
    }
    out
}

/// The accounts a condition limits callers to, through keys that name
/// accounts (`aws:PrincipalAccount`, `aws:SourceAccount`) or ARNs
/// (`aws:PrincipalArn`, `aws:SourceArn`) with a literal account. Several
/// such keys must all hold, so their sets intersect. `None` when no key
/// limits the accounts.
fn account_limit(st: &Node) -> Option<Vec<String>> {
    let mut limit: Option<Vec<String>> = None;
    for e in positive_entries(st) {
        if !is_one_of(e.key, &ACCOUNT_KEYS) || e.values.is_empty() {
            continue;
        }
        let accounts: Option<Vec<String>> = e
            .values
            .iter()
            .map(|v| {
                if arn::is_account_id(v) {
                    Some(v.to_string())
                } else {
                    let a = arn::parse(v).ok()?;
                    arn::is_account_id(a.account.text).then(|| a.account.text.to_string())
                }
            })
            .collect();
        // A value with a wildcard account (or none) limits nothing we can name.
        let Some(accounts) = accounts else { continue };
        limit = Some(match limit {
            None => accounts,
            Some(prev) => prev.into_iter().filter(|a| accounts.contains(a)).collect(),
        });
    }
    limit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;
    use crate::policy::statements;

    fn env_for(policy: &str, f: impl FnOnce(&Env<'_>, &[Statement<'_>])) {
        let source = crate::source::Source::new("t.json", policy.to_string());
        let doc = crate::document::analyze(&source, Vec::new(), None);
        let view = doc.policy_view(&source).unwrap();
        let stmts = statements(view.root);
        let ctx = Ctx {
            source: &source,
            doc: &doc,
            policy: Some(view),
            statements: stmts.clone(),
            kind: None,
            target: None,
            params: &Default::default(),
            rules: &Default::default(),
        };
        let env = Env::new(&ctx);
        f(&env, &stmts);
    }

    #[test]
    fn full_wildcards() {
        for w in ["*", "imagebuilder:*", "s3:*", "*:*", "image*:**"] {
            assert!(is_full_wildcard(w), "{w}");
        }
        for w in [
            "imagebuilder:Get*",
            "imagebuilder:",
            "imagebuilder",
            "imagebuilder.GetComponent:*",
            ":*",
        ] {
            assert!(!is_full_wildcard(w), "{w}");
        }
    }

    #[test]
    fn owner_comes_from_resources_and_star_limited_to_owner_is_not_outside() {
        env_for(
            r#"{"Statement": [
                {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "arn:aws:imagebuilder:us-west-2:111122223333:image/x/1.0.0/1",
                 "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}},
                {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "arn:aws:imagebuilder:us-west-2:111122223333:image/x/1.0.0/1",
                 "Condition": {"ArnLike": {"aws:PrincipalArn": ["arn:aws:iam::444455556666:role/*"]}}},
                {"Effect": "Allow", "Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:root"]}, "Action": "*", "Resource": "*"},
                {"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}
            ]}"#,
            |env, st| {
                assert_eq!(env.owners, ["111122223333"]);
                assert!(env.outside(&st[0]).is_empty());
                let o: Vec<Grantee> = env.outside(&st[1]).into_iter().map(|g| g.0).collect();
                assert_eq!(
                    o,
                    [Grantee::Account {
                        id: "444455556666".into(),
                        arn: None
                    }]
                );
                assert_eq!(env.outside(&st[2]).len(), 1);
                assert!(env.outside(&st[3]).is_empty());
            },
        );
    }

    #[test]
    fn denies_cover_only_what_they_certainly_cover() {
        env_for(
            r#"{"Statement": [
                {"Effect": "Deny", "Principal": {"AWS": "444455556666"}, "Action": "imagebuilder:Put*", "Resource": "*"},
                {"Effect": "Deny", "Principal": "*", "NotAction": ["imagebuilder:Get*", "imagebuilder:List*"], "Resource": "arn:aws:imagebuilder:*"},
                {"Effect": "Deny", "Principal": "*", "Action": "imagebuilder:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::777788889999:role/admin"}, "Action": "imagebuilder:ListImages", "Resource": "*"}
            ]}"#,
            |env, _| {
                let acct = |id: &str| Grantee::Account {
                    id: id.into(),
                    arn: None,
                };
                let res =
                    vec!["arn:aws:imagebuilder:us-west-2:111122223333:image/x/1.0.0/1".to_string()];
                let star = vec!["*".to_string()];
                assert!(env.denied("imagebuilder:PutImagePolicy", &acct("444455556666"), &res));
                // The NotAction deny: everything but Get*/List* on Image Builder ARNs.
                assert!(env.denied("imagebuilder:TagResource", &acct("123456789012"), &res));
                assert!(!env.denied("imagebuilder:GetImage", &acct("123456789012"), &res));
                assert!(!env.denied("imagebuilder:TagResource", &acct("123456789012"), &star));
                // A wildcard action is not certainly covered by a NotAction deny.
                assert!(!env.denied("imagebuilder:*", &acct("123456789012"), &res));
                // The conditional deny does not count.
                assert!(!env.denied(
                    "imagebuilder:GetImage",
                    &Grantee::Everyone { narrowed: false },
                    &res
                ));
                // NotPrincipal: everyone but one role of 777788889999.
                assert!(env.denied("imagebuilder:ListImages", &acct("123456789012"), &res));
                assert!(!env.denied("imagebuilder:ListImages", &acct("777788889999"), &res));
                assert!(!env.denied(
                    "imagebuilder:ListImages",
                    &Grantee::Everyone { narrowed: false },
                    &res
                ));
                // Other services: the NotAction list names only Image Builder actions.
                assert!(!env.denied_elsewhere("*", &acct("1"), &star));
                assert!(env.denied_elsewhere("s3:*", &acct("123456789012"), &res));
            },
        );
    }

    #[test]
    fn account_limits_intersect_and_skip_wildcard_accounts() {
        let p = parse(
            r#"{"Condition": {"StringEquals": {"aws:PrincipalAccount": ["111122223333", "444455556666"]},
                "ArnLike": {"aws:SourceArn": "arn:aws:s3:::bucket", "aws:PrincipalArn": "arn:aws:iam::444455556666:role/*"},
                "StringNotEquals": {"aws:SourceAccount": "111122223333"}}}"#,
        )
        .unwrap();
        assert_eq!(account_limit(&p), Some(vec!["444455556666".to_string()]));
    }

    #[test]
    fn descriptions() {
        let a = |id: &str| Grantee::Account {
            id: id.into(),
            arn: None,
        };
        assert_eq!(describe(&[a("1")]), "account 1");
        assert_eq!(describe(&[a("1"), a("2"), a("3")]), "accounts 1, 2 and 3");
        assert_eq!(
            describe(&[a("1"), Grantee::Everyone { narrowed: false }]),
            "every AWS account"
        );
        assert_eq!(shortlist(&["A", "B", "C", "D", "E"]), "A, B, C and 2 more");
    }
}
