//! The policy string is empty or longer than 30000 characters; or the file
//! is over the size limit and was not parsed.
use crate::document::{DocKind, ProblemKind};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    super::report_problems(ctx, ProblemKind::FileTooLarge, out);
    // The 30000-character limit is Image Builder's: a bare policy for another
    // service (a KMS key policy may be 32 KB) is not held to it.
    if ctx.doc.kind == DocKind::Policy && ctx.kind.is_none() {
        return;
    }
    super::report_problems(ctx, ProblemKind::PolicyLength, out);
}
