//! Several values for a NumericLessThan/GreaterThan key: only the largest
//! (or smallest) one matters.
use super::model::{entries, file_span, text};
use super::values::is_number;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        let less = match e.op.base {
            "NumericLessThan" | "NumericLessThanEquals" => true,
            "NumericGreaterThan" | "NumericGreaterThanEquals" => false,
            _ => continue,
        };
        if e.type_mismatch().is_some() || !e.is_list() {
            continue;
        }
        let nums: Vec<(f64, &crate::policy::Item<'_>)> = e
            .scalars()
            .into_iter()
            .filter(|i| !matches!(i.node.value, crate::json::Value::Bool(_)))
            .filter_map(|i| {
                let t = text(i.node)?;
                is_number(&t).then(|| t.parse::<f64>().ok().map(|n| (n, i)))?
            })
            .collect();
        if nums.len() < 2 {
            continue;
        }
        // The value that decides: the first of the largest (or smallest).
        let best = nums.iter().enumerate().fold(0, |b, (i, (n, _))| {
            let bn = nums[b].0;
            if (less && *n > bn) || (!less && *n < bn) {
                i
            } else {
                b
            }
        });
        let (_, best_item) = nums[best];
        let best_text = text(best_item.node).unwrap_or_default().into_owned();
        let redundant: Vec<_> = nums
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != best)
            .map(|(_, x)| x)
            .collect();
        let (_, first) = redundant[0];
        let word = if less { "largest" } else { "smallest" };
        let mut f = ctx
            .finding(first.node.span, &first.path)
            .var("key", e.key.key.clone())
            .var("value", text(first.node).unwrap_or_default().into_owned())
            .var("expected", best_text.clone())
            .message(format!(
                "only the {word} value of `{}` matters: `{}` matches when any value does, so {} is redundant beside {best_text}",
                e.key.key,
                e.op_member.key,
                text(first.node).unwrap_or_default()
            ))
            .help(format!("keep the one value \"{best_text}\""))
            .related(file_span(ctx, best_item.node.span), "the value that decides");
        for (_, other) in &redundant[1..] {
            f = f.related(file_span(ctx, other.node.span), "also redundant");
        }
        out.push(f);
    }
}
