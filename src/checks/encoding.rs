//! The file is not UTF-8, or starts with a byte order mark.
use crate::document::ProblemKind;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    super::report_problems(ctx, ProblemKind::Encoding, out);
}
