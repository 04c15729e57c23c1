//! The file, or the policy string inside it, is not valid JSON.
use crate::document::ProblemKind;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    super::report_problems(ctx, ProblemKind::Syntax, out);
}
