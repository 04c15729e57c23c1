//! The ARN of a Put*Policy request must match the pattern of its API.
use crate::arn::check_target;
use crate::document::file_substring;
use crate::engine::{Ctx, Finding};
use crate::source::SpanMap;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(target) = ctx.target else { return };
    let (Some(kind), Some(span)) = (target.kind, target.node_span) else {
        return;
    };
    let node = crate::json::Node {
        value: crate::json::Value::String(target.arn.clone()),
        span,
    };
    for issue in check_target(&target.arn, kind) {
        let at = file_substring(
            &ctx.source.text,
            &SpanMap::Identity,
            &node,
            issue.range.clone(),
        );
        out.push(
            Finding::new(at, target.path.clone())
                .var("value", target.arn.clone())
                .var("api", kind.api())
                .message(if issue.message.contains(kind.api()) {
                    issue.message.clone()
                } else {
                    format!("{}: {}", kind.api(), issue.message)
                })
                .help_opt(issue.help.clone()),
        );
    }
}
