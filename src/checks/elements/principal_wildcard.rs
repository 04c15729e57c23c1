//! IB0121 `principal-wildcard`: `*` and `?` inside a principal value. A
//! principal is matched exactly; the only wildcard IAM knows there is the
//! whole value `"*"` (or `{"AWS": "*"}`): everyone.
use super::analysis::{emit, has_wildcard, Code, Issue};
use crate::arn::Part;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::PrincipalWildcard);
}

const HELP: &str = "name each principal in full; to admit a group of roles or users, name their account (\"123456789012\") and narrow it with an ArnLike condition on aws:PrincipalArn";

/// A wildcard in one part of a principal ARN.
pub(crate) fn in_part(part: &Part<'_>) -> Option<Issue> {
    has_wildcard(part.text).then(|| {
        Issue::at(
            Code::PrincipalWildcard,
            part,
            format!(
                "`{}` holds a wildcard, but principals are matched exactly: `*` and `?` cannot stand for part of an account, name or ARN",
                part.text
            ),
        )
        .help(HELP)
    })
}

/// A wildcard in a principal value that is not an ARN (an `AWS` value other
/// than `"*"` itself, or any `Service`, `Federated` or `CanonicalUser` value).
pub(crate) fn whole(text: &str) -> Option<Issue> {
    if !has_wildcard(text) {
        return None;
    }
    let message = if text == "*" {
        "only `AWS` takes \"*\" (everyone); a service, federated or canonical user principal must be named exactly".to_string()
    } else {
        format!("`{text}` holds a wildcard, but principals are matched exactly: `*` and `?` cannot stand for part of a principal")
    };
    Some(Issue::new(Code::PrincipalWildcard, None, message).help(HELP))
}
