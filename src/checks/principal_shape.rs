//! `Principal` and `NotPrincipal` must be `"*"` or a map of `AWS`, `Service`,
//! `Federated` or `CanonicalUser` to a string or a list of strings.
use crate::engine::{did_you_mean, Ctx, Finding};
use crate::json::Value;
use crate::policy::items;

const KEYS: [&str; 4] = ["AWS", "Service", "Federated", "CanonicalUser"];

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for st in &ctx.statements {
        for key in ["Principal", "NotPrincipal"] {
            let Some(node) = st.get(key) else { continue };
            let path = st.path.key(key);
            match &node.value {
                Value::String(s) if s == "*" => {}
                Value::String(s) => out.push(
                    ctx.finding(node.span, &path)
                        .var("value", s.clone())
                        .message(format!("`{key}` is the string \"{s}\"; only \"*\" may be written as a bare string"))
                        .help(format!("write \"{key}\": {{\"AWS\": \"{s}\"}} for an account or ARN")),
                ),
                Value::Object(members) => {
                    for m in members {
                        if !KEYS.contains(&m.key.as_str()) {
                            let mut f = ctx
                                .finding(m.key_span, &path.key(&m.key))
                                .message(format!("`{}` is not a principal type; use AWS, Service, Federated or CanonicalUser", m.key));
                            if let Some(s) = did_you_mean(&m.key, KEYS.into_iter()) {
                                f = f.help(format!("did you mean `{s}`?"));
                            }
                            out.push(f);
                            continue;
                        }
                        for item in items(&m.value, &path.key(&m.key)) {
                            if item.node.as_str().is_none() {
                                out.push(
                                    ctx.finding(item.node.token_span(), &item.path)
                                        .message(format!("each `{}` principal must be a string; found {}", m.key, item.node.type_name())),
                                );
                            }
                        }
                    }
                }
                _ => out.push(
                    ctx.finding(node.token_span(), &path)
                        .message(format!("`{key}` must be \"*\" or an object such as {{\"AWS\": \"123456789012\"}}; found {}", node.type_name())),
                ),
            }
        }
    }
}
