//! The same key twice in one object: JSON parsers keep only one of them, and
//! IAM rejects the policy.
use crate::engine::{Ctx, Finding};
use crate::json::{Node, Path, Value};
use crate::source::SpanMap;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if let Some(outer) = &ctx.doc.outer {
        walk(outer, &Path::root(), &SpanMap::Identity, &Path::root(), out);
    }
    if let (Some(view), crate::document::PolicyLoc::Embedded(_)) = (&ctx.policy, &ctx.doc.policy) {
        walk(view.root, &Path::root(), &view.map, &view.prefix, out);
    }
}

fn walk(node: &Node, path: &Path, map: &SpanMap, prefix: &Path, out: &mut Vec<Finding>) {
    let mut stack = vec![(node, path.clone())];
    while let Some((n, p)) = stack.pop() {
        match &n.value {
            Value::Object(members) => {
                for (i, m) in members.iter().enumerate() {
                    if let Some(first) = members[..i].iter().find(|f| f.key == m.key) {
                        out.push(
                            Finding::new(map.to_file(m.key_span), prefix.join(&p.key(&m.key)))
                                .var("key", m.key.clone())
                                .label("repeated here")
                                .related(map.to_file(first.key_span), "first defined here"),
                        );
                    }
                    stack.push((&m.value, p.key(&m.key)));
                }
            }
            Value::Array(items) => {
                stack.extend(items.iter().enumerate().map(|(i, n)| (n, p.index(i))))
            }
            _ => {}
        }
    }
}
