//! IB0208 `missing-arn-region`: an Image Builder ARN with an empty region.
//! Every Image Builder resource lives in a region, so the ARN matches nothing.
use super::analysis::{emit, Code, Issue, PartCx};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::MissingArnRegion);
}

pub(crate) fn check(cx: &PartCx<'_, '_>) -> Option<Issue> {
    let r = &cx.arn.region;
    if !r.text.is_empty() || cx.service() != "imagebuilder" {
        return None;
    }
    Some(
        Issue::at(
            Code::MissingArnRegion,
            r,
            "the region is empty, but Image Builder ARNs always name the region of the resource",
        )
        .help("write the region, e.g. arn:aws:imagebuilder:us-west-2:123456789012:image/..., or `*` for any region"),
    )
}
