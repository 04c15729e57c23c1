//! IB0211 `arn-account-not-allowed`: an account ID in an S3 bucket or
//! object ARN. Bucket names are global, so their ARNs leave the account
//! empty, and one with an account matches nothing.
use super::analysis::{emit, has_variable, Code, Issue, PartCx};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::ArnAccountNotAllowed);
}

pub(crate) fn check(cx: &PartCx<'_, '_>) -> Option<Issue> {
    let a = &cx.arn.account;
    if a.text.is_empty()
        || a.text.bytes().all(|b| b == b'*')
        || has_variable(a.text)
        || !cx.s3_bucket_or_object()
    {
        return None;
    }
    Some(
        Issue::at(
            Code::ArnAccountNotAllowed,
            a,
            format!("S3 bucket and object ARNs have no account (bucket names are global); this one names `{}`", a.text),
        )
        .help("leave the account empty, keeping its colons: arn:aws:s3:::bucket-name/key; to limit the bucket owner, use the s3:ResourceAccount or aws:ResourceAccount condition key"),
    )
}
