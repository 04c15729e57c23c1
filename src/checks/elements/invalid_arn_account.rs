//! IB0209 `invalid-arn-account`: the account part of an ARN is not an
//! account: a placeholder, the wrong number of digits, digits with
//! separators; for Image Builder, IAM and STS ARNs, anything but the owners
//! their ARNs take. In an Image Builder policy, the same problem in an `AWS`
//! principal is IB0303's.
use super::analysis::{emit, has_variable, Code, Issue, Mode, PartCx, PrincipalKey};
use crate::arn::is_account_id;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::InvalidArnAccount);
}

pub(crate) fn check(cx: &PartCx<'_, '_>) -> Option<Issue> {
    let a = &cx.arn.account;
    let t = a.text;
    if has_variable(t) || t.contains('*') || t.contains('?') {
        return None;
    }
    let service = cx.service();
    let principal = matches!(cx.mode, Mode::Principal(_));
    let ok = match service {
        "imagebuilder" => {
            is_account_id(t)
                || t == "aws"
                || t == "third-party"
                || t.strip_prefix("aws-").is_some_and(|r| {
                    !r.is_empty() && r.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                })
        }
        "iam" | "sts" => {
            is_account_id(t)
                || (service == "iam"
                    && t == "cloudfront"
                    && cx.mode != Mode::Principal(PrincipalKey::Federated))
                || (!principal && service == "iam" && t == "aws")
        }
        _ => t.is_empty() || !looks_like_a_wrong_account(t),
    };
    if ok {
        return None;
    }
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    let undashed: String = t.chars().filter(|c| *c != '-' && *c != ' ').collect();
    let message = if t.is_empty() {
        format!(
            "the account part is empty, but {service} ARNs name the account that owns the resource"
        )
    } else if undashed != t && is_account_id(&undashed) {
        format!("the account `{t}` is written with separators; an account ID is 12 digits only: `{undashed}`")
    } else if digits == t.chars().count() {
        format!("the account `{t}` has {digits} digits; an account ID has 12")
    } else {
        format!("the account part `{t}` of the ARN is not a 12-digit account ID")
    };
    let help = match service {
        "imagebuilder" => "write the 12-digit ID of the owner account, `aws` for Amazon-managed resources or `aws-marketplace`",
        _ => "write the 12-digit ID of the account that owns the resource",
    };
    let code = if cx.mode == Mode::Principal(PrincipalKey::Aws) && cx.env.imagebuilder() {
        Code::PrincipalNotAccount
    } else {
        Code::InvalidArnAccount
    };
    Some(Issue::at(code, a, message).help(help))
}

/// For services whose owners this tool does not know, only what is plainly
/// not an account: a run of digits of the wrong length, an ID with
/// separators, or a template placeholder.
fn looks_like_a_wrong_account(t: &str) -> bool {
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    let all_digits = digits == t.chars().count();
    let separated = t
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        && digits > 0;
    (all_digits && t.len() != 12)
        || (separated && !all_digits)
        || t.to_ascii_lowercase().contains("account")
        || t.contains(['<', '>', '{', '}'])
}
