//! IB0124 `unknown-federation-source`: a `Federated` principal that is
//! neither one of the web identity providers IAM names (Amazon Cognito, Login
//! with Amazon, Facebook, Google) nor the ARN of a SAML or OIDC provider.
use super::analysis::{emit, Code, Issue};
use crate::arn::Arn;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::UnknownFederationSource);
}

const WEB_IDENTITY: [&str; 4] = [
    "cognito-identity.amazonaws.com",
    "www.amazon.com",
    "graph.facebook.com",
    "accounts.google.com",
];

const HELP: &str = "write cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com, accounts.google.com, or the ARN of an identity provider: arn:aws:iam::<account>:saml-provider/<name> or arn:aws:iam::<account>:oidc-provider/<host>";

/// A value that is not an ARN.
pub(crate) fn check(text: &str) -> Option<Issue> {
    if WEB_IDENTITY.contains(&text) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let issue = Issue::new(
        Code::UnknownFederationSource,
        None,
        format!(
            "`{text}` is not a known web identity provider or the ARN of a SAML or OIDC provider"
        ),
    );
    Some(if WEB_IDENTITY.contains(&lower.as_str()) {
        issue.help(format!("write `{lower}`"))
    } else if lower.contains('.') {
        issue.help(format!(
            "an OpenID Connect provider is named by the ARN IAM gives it: arn:aws:iam::<account>:oidc-provider/{lower}"
        ))
    } else {
        issue.help(HELP)
    })
}

/// An IAM ARN that has passed the ARN checks: it must name a provider.
pub(crate) fn arn_type(arn: &Arn<'_>) -> Option<Issue> {
    let res = &arn.resource;
    let (kind, name) = res.text.split_once('/').unwrap_or((res.text, ""));
    if (kind == "saml-provider" || kind == "oidc-provider") && !name.is_empty() {
        return None;
    }
    let type_range = res.range.start..res.range.start + kind.len();
    Some(
        Issue::new(
            Code::UnknownFederationSource,
            Some(type_range),
            format!("a federated principal ARN names a saml-provider/<name> or oidc-provider/<host>, not `{}`", res.text),
        )
        .help(HELP),
    )
}
