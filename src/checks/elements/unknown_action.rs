//! IB0127 `unknown-action`: an `imagebuilder:` action that Image Builder
//! does not have (`imagebuilder:GetImages`). Compared case-insensitively, as
//! IAM compares actions. Other services' actions are not checked: there is no
//! offline list of them here.
use super::invalid_action_format::{action_values, shape, Shape};
use crate::engine::{did_you_mean, Ctx, Finding};
use crate::imagebuilder::{expand, ACTIONS};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in action_values(ctx) {
        let Shape::Action { service, name } = shape(a.text) else {
            continue;
        };
        let (service, name) = (&a.text[service], &a.text[name]);
        if !service.eq_ignore_ascii_case("imagebuilder")
            || name.contains(['*', '?'])
            || !expand(a.text).is_empty()
        {
            continue;
        }
        let help = match did_you_mean(name, ACTIONS.iter().map(|x| x.name)) {
            Some(n) => format!("did you mean `{service}:{n}`?"),
            None => "see the Image Builder actions in the Service Authorization Reference; the read actions that sharing uses are the Get and List actions of the resource type".into(),
        };
        out.push(
            ctx.finding(a.item.node.span, &a.item.path)
                .var("value", a.text)
                .help(help),
        );
    }
}
