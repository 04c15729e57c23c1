//! The policy string is empty or longer than 30000 characters.
use crate::document::ProblemKind;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    super::report_problems(ctx, ProblemKind::PolicyLength, out);
}
