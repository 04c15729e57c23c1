//! Condition values are strings, numbers or Booleans, or a list of them.
use super::model::entries;
use crate::engine::{Ctx, Finding};
use crate::json::{Node, Value};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        let v = &e.key.value;
        match &v.value {
            Value::Array(list) => {
                for (i, n) in list.iter().enumerate() {
                    if let Some(what) = bad(n, true) {
                        out.push(finding(ctx, n, &e.path.index(i), &e.key.key, what));
                    }
                }
            }
            _ => {
                if let Some(what) = bad(v, false) {
                    out.push(finding(ctx, v, &e.path, &e.key.key, what));
                }
            }
        }
    }
}

fn bad(n: &Node, in_list: bool) -> Option<&'static str> {
    match n.value {
        Value::Null => Some("null"),
        Value::Object(_) => Some("an object"),
        Value::Array(_) if in_list => Some("a list inside the list"),
        _ => None,
    }
}

fn finding(ctx: &Ctx<'_>, n: &Node, path: &crate::json::Path, key: &str, what: &str) -> Finding {
    let span = match n.value {
        Value::Null => n.span,
        _ => n.head(),
    };
    let help = match n.value {
        Value::Array(_) => {
            "remove the inner brackets: several values go in one flat list".to_string()
        }
        Value::Null => {
            "to test whether a key is present, use {\"Null\": {\"<key>\": \"false\"}}".to_string()
        }
        _ => format!("write \"{key}\": \"<value>\" or \"{key}\": [\"<value>\", ...]"),
    };
    ctx.finding(span, path)
        .var("key", key)
        .var("found", what)
        .help(help)
}
