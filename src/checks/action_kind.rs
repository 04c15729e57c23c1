//! Image Builder actions that cannot apply to the kind of resource the policy
//! is on (`imagebuilder:GetComponent` in an image policy).
use crate::engine::{Ctx, Finding};
use crate::imagebuilder::{expand, is_imagebuilder};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(kind) = ctx.kind else { return };
    for st in &ctx.statements {
        for item in st.values("Action") {
            let Some(text) = item.as_str() else { continue };
            if text == "*" || !is_imagebuilder(text) {
                continue;
            }
            let actions = expand(text);
            if actions.is_empty() || actions.iter().any(|a| a.applies_to(kind)) {
                continue;
            }
            let belongs: Vec<&str> = {
                let mut k: Vec<&str> = actions
                    .iter()
                    .flat_map(|a| a.kinds())
                    .map(|k| k.name())
                    .collect();
                k.sort();
                k.dedup();
                k
            };
            let whose = if belongs.is_empty() {
                "no shareable resource".to_string()
            } else {
                format!("{} resources", belongs.join(", "))
            };
            out.push(
                ctx.finding(item.node.span, &item.path)
                    .var("value", text)
                    .var("kind", kind.name())
                    .var("belongs", whose),
            );
        }
    }
}
