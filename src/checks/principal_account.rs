//! Image Builder shares with accounts: each `AWS` principal must be a 12-digit
//! account ID or an IAM/STS ARN that carries one.
use crate::arn;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(view) = &ctx.policy else { return };
    for st in &ctx.statements {
        for not in [false, true] {
            for item in st.aws_principals(not) {
                let Some(text) = item.as_str() else { continue };
                if text == "*" || arn::is_account_id(text) {
                    continue;
                }
                let problem = if text.starts_with("arn:") {
                    match arn::parse(text) {
                        Err(e) => Some((Some(e.range), e.message)),
                        Ok(a) if !arn::is_account_id(a.account.text) => Some((
                            Some(a.account.range.clone()),
                            format!(
                                "the account part `{}` of the ARN is not a 12-digit account ID",
                                a.account.text
                            ),
                        )),
                        Ok(a) if a.service.text != "iam" && a.service.text != "sts" => Some((
                            Some(a.service.range.clone()),
                            format!(
                                "an AWS principal ARN is an iam or sts ARN, not `{}`",
                                a.service.text
                            ),
                        )),
                        Ok(_) => None,
                    }
                } else {
                    let digits = text.chars().filter(|c| c.is_ascii_digit()).count();
                    let undashed: String =
                        text.chars().filter(|c| *c != '-' && *c != ' ').collect();
                    let why = if undashed != text && arn::is_account_id(&undashed) {
                        format!("`{text}` is written with separators; an account ID is 12 digits only: `{undashed}`")
                    } else if digits == text.chars().count() {
                        format!("`{text}` has {digits} digits; an account ID has 12")
                    } else {
                        format!("`{text}` is neither a 12-digit account ID nor an ARN")
                    };
                    // The whole value is wrong: report the string itself.
                    Some((None, why))
                };
                if let Some((range, message)) = problem {
                    let span = match range {
                        Some(r) => view.substring(item.node, r),
                        None => view.file_span(item.node.span),
                    };
                    out.push(
                        Finding::new(span, view.file_path(&item.path))
                            .var("value", text)
                            .message(message),
                    );
                }
            }
        }
    }
}
