//! Consumers of a shared resource can only read it: a grant of write,
//! tagging or permissions actions is not what sharing gives.
use crate::engine::{Ctx, Finding};
use crate::imagebuilder::expand;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(kind) = ctx.kind else { return };
    for st in ctx.statements.iter().filter(|s| s.is_allow()) {
        for item in st.values("Action") {
            let Some(text) = item.as_str() else { continue };
            let writes: Vec<&str> = expand(text)
                .into_iter()
                .filter(|a| a.applies_to(kind) && !a.access.is_read())
                .map(|a| a.name)
                .collect();
            if writes.is_empty() {
                continue;
            }
            let shown = if writes.len() > 3 {
                format!("{} and {} more", writes[..3].join(", "), writes.len() - 3)
            } else {
                writes.join(", ")
            };
            out.push(
                ctx.finding(item.node.span, &item.path)
                    .var("value", text)
                    .var("kind", kind.name())
                    .var("actions", shown),
            );
        }
        if let Some(m) = st.member("NotAction") {
            out.push(
                ctx.finding(m.key_span, &st.path.key("NotAction"))
                    .var("value", "NotAction")
                    .var("kind", kind.name())
                    .message("`NotAction` with `Allow` grants every action not listed, including write and permissions actions")
                    .help("list the read actions to share in `Action` instead, e.g. imagebuilder:GetImage and imagebuilder:ListImages"),
            );
        }
    }
}
