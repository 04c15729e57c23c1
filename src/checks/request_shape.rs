//! A request or response body with a missing, mistyped or unknown member.
use crate::document::ProblemKind;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    super::report_problems(ctx, ProblemKind::RequestShape, out);
}
