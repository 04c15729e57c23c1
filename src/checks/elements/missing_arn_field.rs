//! IB0204 `missing-arn-field`: an ARN with fewer than six colon-separated
//! parts. A wildcard never stands for several parts, so `arn:aws:s3:*` is as
//! short as it looks.
use super::analysis::{emit, Code, Issue};
use crate::arn::Part;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::MissingArnField);
}

const NAMES: [&str; 6] = [
    "arn",
    "partition",
    "service",
    "region",
    "account",
    "resource",
];

/// Reported where the missing parts would start: the end of the value.
pub(crate) fn issue(text: &str, parts: &[Part<'_>]) -> Issue {
    let n = parts.len().min(6);
    let missing = NAMES[n..].join(", ");
    let issue = Issue::new(
        Code::MissingArnField,
        Some(text.len()..text.len()),
        format!("the ARN has {n} of its 6 colon-separated parts; missing: {missing}"),
    );
    if parts.iter().skip(1).any(|p| p.text.contains('*')) {
        issue.help("a `*` matches within one part and never stands for several: write every colon, as in arn:aws:imagebuilder:*:*:image/*")
    } else {
        issue.help("an ARN is arn:partition:service:region:account:resource; an empty part keeps its colons, as in arn:aws:s3:::bucket")
    }
}
