//! IB0303 `invalid-principal-account`: Image Builder shares with accounts, so
//! in an Image Builder policy each `AWS` principal must name one: a 12-digit
//! account ID, or an IAM or STS ARN (root, role, user, session) whose account
//! part is one.
//!
//! The value is judged by the same classification as the generic principal
//! and ARN rules (`elements/analysis.rs`); in an Image Builder policy the
//! problems with the account a value names are this rule's (and not also
//! IB0122's or IB0209's): a placeholder or a wrong number of digits, a bad
//! account part of an ARN, the ARN of a resource instead of an identity, and
//! a principal that belongs to no account (a CloudFront origin access
//! identity). Wildcards, unique IDs and ARN syntax keep their own rules.
use super::elements::analysis::{emit, Code};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::PrincipalNotAccount);
}
