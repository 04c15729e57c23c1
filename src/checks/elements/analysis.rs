//! The one classification behind the principal and ARN rules.
//!
//! Every principal value, `Resource`/`NotResource` value and ARN condition
//! value is judged once, left to right, and gets at most one [`Issue`]: the
//! first thing wrong with it. Each rule's check reports the issues of its own
//! [`Code`], so a value never gets two diagnostics for one mistake (an
//! 11-digit account in an ARN is an invalid account, not also an invalid
//! principal), and a wildcard or policy variable inside an ARN part is never
//! mistaken for a malformed part.
//!
//! The part checks live in the rule files of this folder (`invalid_partition`,
//! `invalid_arn_region`, ...); this module only enumerates the values and fixes
//! the order in which the checks run.

use super::{
    arn_account_not_allowed, arn_region_not_allowed, arn_service_case, invalid_arn_account,
    invalid_arn_region, invalid_partition, invalid_principal_value, invalid_service_principal,
    missing_arn_field, missing_arn_region, principal_unique_id, principal_wildcard,
    unknown_federation_source, unsupported_resource_type,
};
use crate::arn::{Arn, Kind, Part};
use crate::checks::resource_arn;
use crate::engine::{Ctx, Finding};
use crate::json::Node;
use crate::policy::{self, Item, Principal};
use std::ops::Range;

/// Which rule an issue belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    /// IB0121
    PrincipalWildcard,
    /// IB0122
    InvalidPrincipalValue,
    /// IB0123
    InvalidServicePrincipal,
    /// IB0124
    UnknownFederationSource,
    /// IB0125
    PrincipalUniqueId,
    /// IB0202: prefix, service and resource part
    InvalidArn,
    /// IB0204
    MissingArnField,
    /// IB0205
    InvalidPartition,
    /// IB0206
    InvalidArnRegion,
    /// IB0207
    ArnServiceCase,
    /// IB0208
    MissingArnRegion,
    /// IB0209
    InvalidArnAccount,
    /// IB0210
    ArnRegionNotAllowed,
    /// IB0211
    ArnAccountNotAllowed,
    /// IB0212
    UnsupportedResourceType,
    /// IB0303: in an Image Builder policy, an AWS principal that names no account
    PrincipalNotAccount,
}

/// What is wrong with one value: a message and the bytes of the value it is
/// about (`None`: the whole value).
#[derive(Debug, Clone)]
pub(crate) struct Issue {
    pub code: Code,
    pub range: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

impl Issue {
    pub fn new(code: Code, range: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Issue {
            code,
            range,
            message: message.into(),
            help: None,
        }
    }
    pub fn at(code: Code, part: &Part<'_>, message: impl Into<String>) -> Self {
        Issue::new(code, Some(part.range.clone()), message)
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// The principal types of a `Principal` map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PrincipalKey {
    Aws,
    Service,
    Federated,
    CanonicalUser,
}

/// The kind of resource in words: "image recipe".
pub(crate) fn kind_noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Image => "image",
        Kind::Component => "component",
        Kind::ImageRecipe => "image recipe",
        Kind::ContainerRecipe => "container recipe",
    }
}

/// The kind of resource with its article: "an image recipe".
pub(crate) fn a_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Image => "an image",
        Kind::Component => "a component",
        Kind::ImageRecipe => "an image recipe",
        Kind::ContainerRecipe => "a container recipe",
    }
}

/// Where a value stands, which decides what it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// `Resource` (`not`: `NotResource`).
    Resource { not: bool },
    /// A value of `Principal` or `NotPrincipal`.
    Principal(PrincipalKey),
    /// A value of an `Arn*` condition operator that starts with `arn:`.
    Condition,
}

/// One string value of the policy.
pub(crate) struct Value<'a> {
    pub item: Item<'a>,
    pub text: &'a str,
    pub place: Place,
}

/// What the checks need to know about the policy as a whole.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Env<'a> {
    /// The kind of Image Builder resource the policy is for, if it is one.
    pub kind: Option<Kind>,
    /// The ARN the policy is put on, when known.
    pub target: Option<&'a str>,
}

impl<'a> Env<'a> {
    pub fn of(ctx: &'a Ctx<'_>) -> Self {
        Env {
            kind: ctx.kind,
            target: ctx.target.map(|t| t.arn.as_str()),
        }
    }
    /// An Image Builder resource policy (its Image Builder rules apply).
    pub fn imagebuilder(&self) -> bool {
        self.kind.is_some()
    }
}

/// Every value this module judges, in document order per statement.
pub(crate) fn values<'a>(ctx: &Ctx<'a>) -> Vec<Value<'a>> {
    let mut out = Vec::new();
    for st in &ctx.statements {
        for (key, not) in [("Resource", false), ("NotResource", true)] {
            for item in st.values(key) {
                if let Some(text) = item.as_str() {
                    out.push(Value {
                        item,
                        text,
                        place: Place::Resource { not },
                    });
                }
            }
        }
        for not in [false, true] {
            let Some(Principal::Map(entries)) = st.principal(not) else {
                continue;
            };
            for (member, items) in entries {
                let key = match member.key.as_str() {
                    "AWS" => PrincipalKey::Aws,
                    "Service" => PrincipalKey::Service,
                    "Federated" => PrincipalKey::Federated,
                    "CanonicalUser" => PrincipalKey::CanonicalUser,
                    _ => continue,
                };
                for item in items {
                    if let Some(text) = item.as_str() {
                        out.push(Value {
                            item,
                            text,
                            place: Place::Principal(key),
                        });
                    }
                }
            }
        }
        let Some(cond) = st.get("Condition").and_then(Node::as_object) else {
            continue;
        };
        for op in cond {
            let is_arn = crate::iam::parse_operator(&op.key)
                .is_ok_and(|o| o.family == crate::iam::Family::Arn);
            let Some(entries) = op.value.as_object().filter(|_| is_arn) else {
                continue;
            };
            let base = st.path.key("Condition").key(&op.key);
            for e in entries {
                for item in policy::items(&e.value, &base.key(&e.key)) {
                    if let Some(text) = item.as_str().filter(|t| t.starts_with("arn:")) {
                        out.push(Value {
                            item,
                            text,
                            place: Place::Condition,
                        });
                    }
                }
            }
        }
    }
    out
}

/// The first thing wrong with a value, if anything is.
pub(crate) fn analyze(env: &Env<'_>, v: &Value<'_>) -> Option<Issue> {
    match v.place {
        Place::Resource { not } => {
            if v.text == "*" {
                return None;
            }
            if !v.text.starts_with("arn:") {
                return Some(resource_arn::prefix_issue(v.text));
            }
            let arn = arn_chain(v.text, Mode::Resource, env).err();
            arn.or_else(|| {
                if not {
                    None
                } else {
                    unsupported_resource_type::check(env, v.text)
                }
            })
        }
        // How many parts an ARN condition value has is the condition value
        // rule's (IB0141) concern; here only complete ARNs are judged.
        Place::Condition if split(v.text).len() < 6 => None,
        Place::Condition => arn_chain(v.text, Mode::Condition, env).err(),
        Place::Principal(key) => principal(env, key, v.text),
    }
}

/// Reports the issues of one code as findings.
pub(crate) fn emit(ctx: &Ctx<'_>, out: &mut Vec<Finding>, code: Code) {
    let Some(view) = &ctx.policy else { return };
    let env = Env::of(ctx);
    for v in values(ctx) {
        let Some(issue) = analyze(&env, &v).filter(|i| i.code == code) else {
            continue;
        };
        let span = match issue.range {
            Some(r) => view.substring(v.item.node, r),
            None => view.file_span(v.item.node.span),
        };
        out.push(
            Finding::new(span, view.file_path(&v.item.path))
                .var("value", v.text)
                .message(issue.message)
                .help_opt(issue.help),
        );
    }
}

/// How an ARN is read: where it stands decides what wildcards and policy
/// variables mean in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `*` and `?` match inside a part; `${...}` only in the resource part.
    Resource,
    /// `*` and `?` match inside a part (with `ArnLike`); `${...}` anywhere.
    Condition,
    /// No wildcard anywhere; no variables (those values are left to the
    /// variable rules).
    Principal(PrincipalKey),
}

pub(crate) fn has_wildcard(s: &str) -> bool {
    s.contains('*') || s.contains('?')
}

pub(crate) fn has_variable(s: &str) -> bool {
    s.contains("${")
}

/// The part is a pattern or a variable: what it will be is not known here.
pub(crate) fn unknown(s: &str) -> bool {
    has_wildcard(s) || has_variable(s)
}

/// One part of an ARN, as the part checks see it.
pub(crate) struct PartCx<'a, 'e> {
    pub arn: &'a Arn<'a>,
    pub mode: Mode,
    pub env: &'a Env<'e>,
}

impl PartCx<'_, '_> {
    pub fn service(&self) -> &str {
        self.arn.service.text
    }
    /// An S3 bucket or object ARN (`arn:aws:s3:::bucket/key`), as opposed to
    /// the S3 resource types that have a region and account (access points,
    /// jobs, Storage Lens).
    pub fn s3_bucket_or_object(&self) -> bool {
        const TYPED: [&str; 6] = [
            "accesspoint",
            "job",
            "storage-lens",
            "storage-lens-group",
            "access-grants",
            "async-request",
        ];
        self.service() == "s3"
            && !TYPED.contains(&self.arn.resource.text.split('/').next().unwrap_or(""))
    }
}

/// Splits an ARN into its six parts. Colons inside `${...}` do not split, so
/// `${aws:username}` stays in one part.
pub(crate) fn split(text: &str) -> Vec<Part<'_>> {
    let mut parts = Vec::with_capacity(6);
    let mut start = 0;
    let mut in_var = false;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'$' if bytes.get(i + 1) == Some(&b'{') => in_var = true,
            b'}' => in_var = false,
            b':' if !in_var && parts.len() < 5 => {
                parts.push(Part {
                    text: &text[start..i],
                    range: start..i,
                });
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(Part {
        text: &text[start..],
        range: start..text.len(),
    });
    parts
}

/// Checks an ARN part by part; the first problem is the one reported.
pub(crate) fn arn_chain<'a>(text: &'a str, mode: Mode, env: &Env<'_>) -> Result<Arn<'a>, Issue> {
    let parts = split(text);
    if parts.len() < 6 {
        return Err(missing_arn_field::issue(text, &parts));
    }
    let arn = Arn {
        text,
        partition: parts[1].clone(),
        service: parts[2].clone(),
        region: parts[3].clone(),
        account: parts[4].clone(),
        resource: parts[5].clone(),
    };
    let cx = PartCx {
        arn: &arn,
        mode,
        env,
    };
    let issue = part_guard(&cx, &arn.partition, "partition", Code::InvalidPartition)
        .or_else(|| invalid_partition::check(&cx))
        .or_else(|| part_guard(&cx, &arn.service, "service", Code::InvalidArn))
        .or_else(|| arn_service_case::check(&cx))
        .or_else(|| resource_arn::service_issue(&arn.service))
        .or_else(|| principal_service(&cx))
        .or_else(|| part_guard(&cx, &arn.region, "region", Code::InvalidArnRegion))
        .or_else(|| arn_region_not_allowed::check(&cx))
        .or_else(|| missing_arn_region::check(&cx))
        .or_else(|| invalid_arn_region::check(&cx))
        .or_else(|| part_guard(&cx, &arn.account, "account", Code::InvalidArnAccount))
        .or_else(|| arn_account_not_allowed::check(&cx))
        .or_else(|| invalid_arn_account::check(&cx))
        .or_else(|| {
            if let Mode::Principal(_) = mode {
                principal_wildcard::in_part(&arn.resource)
            } else {
                None
            }
        })
        .or_else(|| resource_arn::resource_issue(&arn));
    match issue {
        Some(i) => Err(i),
        None => Ok(arn),
    }
}

/// What no part before the resource part may hold: a wildcard in a
/// principal, a policy variable in a `Resource` ARN.
fn part_guard(cx: &PartCx<'_, '_>, part: &Part<'_>, name: &str, code: Code) -> Option<Issue> {
    match cx.mode {
        Mode::Principal(_) => principal_wildcard::in_part(part),
        Mode::Resource if has_variable(part.text) => Some(variable_in_part(part, name, code)),
        _ => None,
    }
}

fn variable_in_part(part: &Part<'_>, name: &str, code: Code) -> Issue {
    let issue = Issue::at(
        code,
        part,
        format!(
            "the {name} part `{}` holds a policy variable; variables work only in the resource part of an ARN, after the fifth colon",
            part.text
        ),
    );
    if part.text.contains("${AWS::") {
        issue.help("`${AWS::...}` is a CloudFormation pseudo parameter: check the template after CloudFormation has substituted it (e.g. with `aws cloudformation package` or cfn-policy-validator)")
    } else {
        issue.help(format!(
            "write the {name} itself, or move the variable into the resource part"
        ))
    }
}

/// In a principal, the ARN's service says what kind of principal it is.
fn principal_service(cx: &PartCx<'_, '_>) -> Option<Issue> {
    let Mode::Principal(key) = cx.mode else {
        return None;
    };
    let s = &cx.arn.service;
    match key {
        PrincipalKey::Aws if s.text != "iam" && s.text != "sts" => {
            let code = if cx.env.imagebuilder() {
                Code::PrincipalNotAccount
            } else {
                Code::InvalidPrincipalValue
            };
            Some(
                Issue::at(
                    code,
                    s,
                    format!(
                        "an AWS principal ARN is an `iam` or `sts` ARN (an account, role, user or session); this one's service is `{}`",
                        s.text
                    ),
                )
                .help("name the account that gets access: \"123456789012\" or \"arn:aws:iam::123456789012:root\""),
            )
        }
        PrincipalKey::Federated if s.text != "iam" => Some(
            Issue::at(
                Code::UnknownFederationSource,
                s,
                format!(
                    "a federated principal ARN is the `iam` ARN of a SAML or OIDC provider; this one's service is `{}`",
                    s.text
                ),
            )
            .help("write arn:aws:iam::<account>:saml-provider/<name> or arn:aws:iam::<account>:oidc-provider/<host>"),
        ),
        _ => None,
    }
}

/// Judges one principal value.
fn principal(env: &Env<'_>, key: PrincipalKey, text: &str) -> Option<Issue> {
    // Variables are not allowed in principals at all; the variable rules
    // report them, and guessing what they stand for would only add noise.
    if has_variable(text) {
        return None;
    }
    let arn_like =
        text.len() >= 4 && text.is_char_boundary(4) && text[..4].eq_ignore_ascii_case("arn:");
    match key {
        PrincipalKey::Aws => {
            if text == "*" || crate::arn::is_account_id(text) {
                return None;
            }
            if arn_like {
                if !text.starts_with("arn:") {
                    return Some(resource_arn::prefix_issue(text));
                }
                return match arn_chain(text, Mode::Principal(key), env) {
                    Err(i) => Some(i),
                    Ok(arn) => invalid_principal_value::arn_type(env, &arn),
                };
            }
            principal_wildcard::whole(text)
                .or_else(|| principal_unique_id::check(text))
                .or_else(|| Some(invalid_principal_value::not_an_account(env, text)))
        }
        PrincipalKey::Service => {
            principal_wildcard::whole(text).or_else(|| invalid_service_principal::check(text))
        }
        PrincipalKey::Federated => {
            if let Some(i) = principal_wildcard::whole(text) {
                return Some(i);
            }
            if arn_like {
                if !text.starts_with("arn:") {
                    return Some(resource_arn::prefix_issue(text));
                }
                return match arn_chain(text, Mode::Principal(key), env) {
                    Err(i) => Some(i),
                    Ok(arn) => unknown_federation_source::arn_type(&arn),
                };
            }
            unknown_federation_source::check(text)
        }
        PrincipalKey::CanonicalUser => principal_wildcard::whole(text)
            .or_else(|| invalid_principal_value::canonical_user(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GENERIC: Env<'static> = Env {
        kind: None,
        target: None,
    };
    const IMAGE: Env<'static> = Env {
        kind: Some(Kind::Image),
        target: None,
    };

    /// The code of a principal value's issue and the text it marks.
    fn judge(env: &Env<'_>, key: PrincipalKey, text: &str) -> Option<(Code, String)> {
        principal(env, key, text).map(|i| {
            let marked = match i.range {
                Some(r) => text[r.start.min(text.len())..r.end.min(text.len())].to_string(),
                None => text.to_string(),
            };
            (i.code, marked)
        })
    }

    #[test]
    fn documented_principal_forms_pass() {
        use PrincipalKey::*;
        for (key, text) in [
            (Aws, "*"),
            (Aws, "123456789012"),
            (Aws, "arn:aws:iam::123456789012:root"),
            (Aws, "arn:aws:iam::123456789012:role/path/to/role-name"),
            (Aws, "arn:aws:iam::123456789012:user/user-name"),
            (
                Aws,
                "arn:aws:sts::123456789012:assumed-role/role-name/session",
            ),
            (Aws, "arn:aws:sts::123456789012:federated-user/user-name"),
            (Aws, "arn:aws-cn:iam::123456789012:root"),
            (
                Aws,
                "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2EXAMPLE",
            ),
            (Service, "ecs.amazonaws.com"),
            (Federated, "cognito-identity.amazonaws.com"),
            (Federated, "www.amazon.com"),
            (Federated, "graph.facebook.com"),
            (Federated, "accounts.google.com"),
            (
                Federated,
                "arn:aws:iam::123456789012:saml-provider/provider-name",
            ),
            (
                Federated,
                "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
            ),
            (
                CanonicalUser,
                "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
            ),
        ] {
            for env in [GENERIC, IMAGE] {
                assert_eq!(judge(&env, key, text), None, "{key:?} {text}");
            }
        }
    }

    #[test]
    fn one_issue_on_the_bad_part() {
        use PrincipalKey::*;
        let cases: [(Env<'_>, PrincipalKey, &str, Code, &str); 12] = [
            (
                GENERIC,
                Aws,
                "arn:aws:iam::44445555666:root",
                Code::InvalidArnAccount,
                "44445555666",
            ),
            (
                IMAGE,
                Aws,
                "arn:aws:iam::44445555666:root",
                Code::PrincipalNotAccount,
                "44445555666",
            ),
            (
                GENERIC,
                Aws,
                "account-id",
                Code::InvalidPrincipalValue,
                "account-id",
            ),
            (
                IMAGE,
                Aws,
                "account-id",
                Code::PrincipalNotAccount,
                "account-id",
            ),
            (
                IMAGE,
                Aws,
                "arn:aws:iam::*:root",
                Code::PrincipalWildcard,
                "*",
            ),
            (
                IMAGE,
                Aws,
                "arn:aws:iam::123456789012:group/g",
                Code::InvalidPrincipalValue,
                "group",
            ),
            (
                IMAGE,
                Aws,
                "AROA3XFRBF535PLBIFPI4",
                Code::PrincipalUniqueId,
                "AROA3XFRBF535PLBIFPI4",
            ),
            (
                GENERIC,
                Aws,
                "arn:aws:iam:us-east-1:*:root",
                Code::ArnRegionNotAllowed,
                "us-east-1",
            ),
            (
                GENERIC,
                Aws,
                "arn:awz:iam::123456789012:root",
                Code::InvalidPartition,
                "awz",
            ),
            (
                GENERIC,
                Service,
                "ECS.amazonaws.com",
                Code::InvalidServicePrincipal,
                "ECS.amazonaws.com",
            ),
            (
                GENERIC,
                Federated,
                "login.example.com",
                Code::UnknownFederationSource,
                "login.example.com",
            ),
            (
                GENERIC,
                CanonicalUser,
                "abc",
                Code::InvalidPrincipalValue,
                "abc",
            ),
        ];
        for (env, key, text, code, marked) in cases {
            assert_eq!(
                judge(&env, key, text),
                Some((code, marked.to_string())),
                "{key:?} {text}"
            );
        }
        // policy variables in principals are the variable rules'
        assert_eq!(
            judge(&GENERIC, Aws, "arn:aws:iam::${aws:PrincipalAccount}:root"),
            None
        );
    }

    #[test]
    fn resource_arns_tolerate_patterns_and_variables() {
        for text in [
            "arn:aws:imagebuilder:*:*:image/*",
            "arn:aws:imagebuilder:us-west-?:123456789012:image/my-*/1.0.0/1",
            "arn:aws:s3:::bucket/${aws:username}/*",
            "arn:aws*:imagebuilder:us-west-2:aws:image/x/x.x.x",
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/imagebuilder/*:*",
        ] {
            assert!(arn_chain(text, Mode::Resource, &GENERIC).is_ok(), "{text}");
        }
        let issue = arn_chain(
            "arn:aws:imagebuilder:us-west-2:${aws:PrincipalAccount}:image/*",
            Mode::Resource,
            &GENERIC,
        )
        .unwrap_err();
        assert_eq!(issue.code, Code::InvalidArnAccount);
        // the same value in a condition: variables are allowed anywhere
        assert!(arn_chain(
            "arn:aws:imagebuilder:us-west-2:${aws:PrincipalAccount}:image/*",
            Mode::Condition,
            &GENERIC
        )
        .is_ok());
    }

    #[test]
    fn split_keeps_variables_whole() {
        let p = split("arn:aws:s3:::bucket/${aws:username}/*");
        assert_eq!(p.len(), 6);
        assert_eq!(p[5].text, "bucket/${aws:username}/*");
        let q = split("arn:aws:iam::${aws:PrincipalAccount}:role/x");
        assert_eq!(q[4].text, "${aws:PrincipalAccount}");
        assert_eq!(q[5].text, "role/x");
        assert_eq!(split("arn:aws:s3").len(), 3);
        // colons after the fifth stay in the resource part
        assert_eq!(
            split("arn:aws:logs:us-east-1:1:log-group:a:*")[5].text,
            "log-group:a:*"
        );
    }
}
