//! Native checks: one file each, each named by a rule file in `rules/`
//! (which holds its metadata, docs and examples).

use crate::document::ProblemKind;
use crate::engine::{Ctx, Finding, NativeFn};

mod action_kind;
mod conditions;
mod duplicate_key;
mod elements;
mod encoding;
mod json_syntax;
mod policy_length;
mod principal_account;
mod principal_shape;
mod read_only_actions;
mod request_shape;
mod resource_arn;
mod security;
mod target_arn;

/// Every native check by the name rule files use, in groups (each group's
/// module lists its own).
pub static GROUPS: &[&[(&str, NativeFn)]] =
    &[CORE, conditions::CHECKS, elements::CHECKS, security::CHECKS];

/// Every native check.
pub fn all() -> impl Iterator<Item = &'static (&'static str, NativeFn)> {
    GROUPS.iter().flat_map(|g| g.iter())
}

static CORE: &[(&str, NativeFn)] = &[
    ("action-kind", action_kind::run),
    ("duplicate-key", duplicate_key::run),
    ("encoding", encoding::run),
    ("json-syntax", json_syntax::run),
    ("policy-length", policy_length::run),
    ("principal-account", principal_account::run),
    ("principal-shape", principal_shape::run),
    ("read-only-actions", read_only_actions::run),
    ("request-shape", request_shape::run),
    ("resource-arn", resource_arn::run),
    ("target-arn", target_arn::run),
];

/// Reports the parse-stage problems of one kind as findings.
fn report_problems(ctx: &Ctx<'_>, kind: ProblemKind, out: &mut Vec<Finding>) {
    for p in ctx.doc.problems.iter().filter(|p| p.kind == kind) {
        out.push(
            Finding::new(p.span, p.path.clone())
                .message(p.message.clone())
                .help_opt(p.help.clone()),
        );
    }
}
