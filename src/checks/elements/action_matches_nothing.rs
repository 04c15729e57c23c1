//! IB0128 `action-matches-nothing`: an `imagebuilder:` action pattern that
//! matches none of Image Builder's actions (`imagebuilder:Describe*`).
use super::invalid_action_format::{action_values, shape, Shape};
use crate::engine::{Ctx, Finding};
use crate::imagebuilder::expand;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in action_values(ctx) {
        let Shape::Action { service, name } = shape(a.text) else {
            continue;
        };
        if !a.text[service].eq_ignore_ascii_case("imagebuilder")
            || !a.text[name].contains(['*', '?'])
            || !expand(a.text).is_empty()
        {
            continue;
        }
        out.push(
            ctx.finding(a.item.node.span, &a.item.path)
                .var("value", a.text),
        );
    }
}
