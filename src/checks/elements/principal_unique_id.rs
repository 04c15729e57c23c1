//! IB0125 `principal-unique-id`: an IAM role (`AROA...`) or user (`AIDA...`)
//! unique ID where IAM expects the role's or user's ARN.
use super::analysis::{emit, Code, Issue};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::PrincipalUniqueId);
}

/// `AROA`/`AIDA` followed by the uppercase letters and digits of a unique ID.
pub(crate) fn check(text: &str) -> Option<Issue> {
    let what = if text.starts_with("AROA") {
        "role"
    } else if text.starts_with("AIDA") {
        "user"
    } else {
        return None;
    };
    let rest = &text[4..];
    if rest.len() < 8
        || !rest
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return None;
    }
    Some(
        Issue::new(
            Code::PrincipalUniqueId,
            None,
            format!("`{text}` is the unique ID of an IAM {what}, not its ARN"),
        )
        .help(format!(
            "write the {what}'s ARN, arn:aws:iam::<account>:{what}/<name>; a policy shows a unique ID when the {what} it named has been deleted, and a {what} created again under the same name does not match it"
        )),
    )
}
