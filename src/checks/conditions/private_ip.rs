//! `aws:SourceIp` compared only with private ranges: such addresses reach
//! AWS through a VPC endpoint, where `aws:SourceIp` is not set.
use super::model::{entries, file_span};
use super::values::Cidr;
use crate::engine::{Ctx, Finding};
use crate::iam::Family;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        if e.op.family != Family::Ip || !e.key_is("aws:SourceIp") {
            continue;
        }
        let ranges: Vec<_> = e
            .values
            .iter()
            .map(|i| (i, i.as_str().and_then(Cidr::parse)))
            .collect();
        if ranges.is_empty()
            || ranges
                .iter()
                .any(|(_, c)| !c.is_some_and(|c| c.is_private()))
        {
            continue;
        }
        let consequence = if e.op.is_negated() {
            format!(
                "`{}` on them matches every request that has the key",
                e.op_member.key
            )
        } else {
            format!("`{}` on them never matches", e.op_member.key)
        };
        let mut f = ctx
            .finding(e.key.key_span, &e.path)
            .var("key", e.key.key.clone())
            .message(format!(
                "every range given for `aws:SourceIp` is private, and private addresses never appear in aws:SourceIp: {consequence}"
            ));
        for (i, _) in &ranges {
            f = f.related(file_span(ctx, i.node.span), "a private range");
        }
        out.push(f);
    }
}
