//! IB0207 `invalid-arn-service-case`: the service part of an ARN is not all
//! lowercase (`arn:aws:ImageBuilder:...`), so it matches no resource.
use super::analysis::{emit, has_variable, Code, Issue, PartCx};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::ArnServiceCase);
}

pub(crate) fn check(cx: &PartCx<'_, '_>) -> Option<Issue> {
    let s = &cx.arn.service;
    if has_variable(s.text) || !s.text.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let lower = s.text.to_ascii_lowercase();
    Some(
        Issue::at(
            Code::ArnServiceCase,
            s,
            format!(
                "the service `{}` in an ARN must be lowercase: `{lower}`",
                s.text
            ),
        )
        .help(format!(
            "write `{lower}`; ARNs are matched case-sensitively"
        )),
    )
}
