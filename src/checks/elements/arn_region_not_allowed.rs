//! IB0210 `arn-region-not-allowed`: a region in the ARN of a global
//! resource: IAM and STS principals and resources, and S3 buckets and
//! objects. Their ARNs leave the region empty, so an ARN with one matches
//! nothing.
use super::analysis::{emit, has_variable, Code, Issue, PartCx};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::ArnRegionNotAllowed);
}

pub(crate) fn check(cx: &PartCx<'_, '_>) -> Option<Issue> {
    let r = &cx.arn.region;
    if r.text.is_empty() || r.text.bytes().all(|b| b == b'*') || has_variable(r.text) {
        return None;
    }
    let (what, example) = match cx.service() {
        "iam" => (
            "IAM is a global service",
            "arn:aws:iam::123456789012:role/name",
        ),
        "sts" => (
            "STS session principals are global",
            "arn:aws:sts::123456789012:assumed-role/name/session",
        ),
        "s3" if cx.s3_bucket_or_object() => {
            ("S3 bucket names are global", "arn:aws:s3:::bucket-name/key")
        }
        _ => return None,
    };
    Some(
        Issue::at(
            Code::ArnRegionNotAllowed,
            r,
            format!(
                "{} ARNs have no region ({what}); this one names `{}`",
                cx.service(),
                r.text
            ),
        )
        .help(format!(
            "leave the region empty, keeping its colons: {example}"
        )),
    )
}
