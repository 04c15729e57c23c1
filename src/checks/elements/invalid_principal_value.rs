//! IB0122 `invalid-principal-value`: a principal value that names no
//! principal: an `AWS` value that is not an account ID or an IAM/STS
//! principal ARN (root, role, user, assumed-role or federated-user session),
//! or a `CanonicalUser` that is not 64 hex digits. In an Image Builder policy,
//! the `AWS` values that name no account are IB0303's instead.
use super::analysis::{emit, Code, Env, Issue};
use crate::arn::{self, Arn};
use crate::engine::{did_you_mean, Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::InvalidPrincipalValue);
}

/// An `AWS` value that is neither an account ID, an ARN, `*` nor a unique ID.
pub(crate) fn not_an_account(env: &Env<'_>, text: &str) -> Issue {
    let digits = text.chars().filter(|c| c.is_ascii_digit()).count();
    let undashed: String = text.chars().filter(|c| *c != '-' && *c != ' ').collect();
    let message = if undashed != text && arn::is_account_id(&undashed) {
        format!(
            "`{text}` is written with separators; an account ID is 12 digits only: `{undashed}`"
        )
    } else if digits > 0 && digits == text.chars().count() {
        format!("`{text}` has {digits} digits; an account ID has 12")
    } else {
        format!("`{text}` is neither a 12-digit account ID nor an ARN")
    };
    let code = if env.imagebuilder() {
        Code::PrincipalNotAccount
    } else {
        Code::InvalidPrincipalValue
    };
    Issue::new(code, None, message)
}

/// A `CanonicalUser` value: the 64 hexadecimal digits of an S3 canonical user ID.
pub(crate) fn canonical_user(text: &str) -> Option<Issue> {
    if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Some(
        Issue::new(
            Code::InvalidPrincipalValue,
            None,
            format!("`{text}` is not a canonical user ID: those are 64 hexadecimal digits"),
        )
        .help(
            "canonical user IDs are an Amazon S3 notion; elsewhere name the account under \"AWS\"",
        ),
    )
}

/// The resource part of an IAM or STS ARN that has passed the ARN checks:
/// is it a principal?
pub(crate) fn arn_type(env: &Env<'_>, a: &Arn<'_>) -> Option<Issue> {
    let res = &a.resource;
    let (kind, rest) = res.text.split_once('/').unwrap_or((res.text, ""));
    let segs: Vec<&str> = rest.split('/').collect();
    let named = |n: usize| segs.len() >= n && segs.iter().all(|s| !s.is_empty());
    let ok = match (a.service.text, kind) {
        ("iam", "root") => rest.is_empty() && res.text == "root",
        ("iam", "role") | ("iam", "user") => named(1),
        ("sts", "assumed-role") => named(2),
        ("sts", "federated-user") => named(1),
        _ => false,
    };
    if a.account.text == "cloudfront" {
        // The account check let `cloudfront` through for an origin access
        // identity. Whether Image Builder takes one as a consumer is not
        // documented, so it is not reported there either.
        if ok && kind == "user" && rest.starts_with("CloudFront Origin Access Identity ") {
            return None;
        }
        let code = if env.imagebuilder() {
            Code::PrincipalNotAccount
        } else {
            Code::InvalidArnAccount
        };
        return Some(
            Issue::at(code, &a.account, "`cloudfront` is the account part only of a CloudFront origin access identity (user/CloudFront Origin Access Identity <ID>)")
                .help("name the 12-digit account ID"),
        );
    }
    if ok {
        return None;
    }
    let type_range = res.range.start..res.range.start + kind.len();
    let types: &[&str] = if a.service.text == "sts" {
        &["assumed-role", "federated-user"]
    } else {
        &["root", "role", "user"]
    };
    let known = types.contains(&kind);
    let (range, message) = if known {
        let shape = match kind {
            "root" => "root, with nothing after it",
            "role" => "role/<name> (a path may come before the name)",
            "user" => "user/<name>",
            "assumed-role" => "assumed-role/<role name>/<session name>",
            _ => "federated-user/<name>",
        };
        (
            res.range.clone(),
            format!(
                "`{}` is not a complete principal: it is written {shape}",
                res.text
            ),
        )
    } else if kind == "saml-provider" || kind == "oidc-provider" {
        (
            type_range,
            format!("a {kind} is a federated principal; write it under \"Federated\", not \"AWS\""),
        )
    } else {
        (
            type_range,
            format!(
                "`{kind}` is not a principal: an {} principal ARN names {}",
                a.service.text,
                if a.service.text == "sts" {
                    "an assumed-role or federated-user session"
                } else {
                    "the account root, a role or a user (IAM groups cannot be principals)"
                }
            ),
        )
    };
    let mut issue = Issue::new(Code::InvalidPrincipalValue, Some(range), message);
    if !known {
        issue = issue.help_opt(
            did_you_mean(kind, types.iter().copied()).map(|s| format!("did you mean `{s}`?")),
        );
    }
    Some(issue)
}
