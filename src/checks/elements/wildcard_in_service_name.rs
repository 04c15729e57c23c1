//! IB0213 `wildcard-in-service-name`: a `*` or `?` in the service prefix of
//! an action (`image*:GetImage`) or in the service part of a resource or
//! condition ARN (`arn:aws:*builder:...`). It reaches every service whose
//! name fits, including services added later.
use super::analysis::{has_wildcard, split, values, Place};
use super::invalid_action_format::{action_values, shape, Shape};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(view) = &ctx.policy else { return };
    for a in action_values(ctx) {
        if let Shape::Action { service, .. } = shape(a.text) {
            if has_wildcard(&a.text[service.clone()]) {
                out.push(
                    Finding::new(view.substring(a.item.node, service.clone()), view.file_path(&a.item.path))
                        .var("value", a.text)
                        .message(format!(
                            "the service prefix `{}` of `{}` is a pattern: it matches the actions of every service whose name fits, now and later",
                            &a.text[service], a.text
                        )),
                );
            }
        }
    }
    for v in values(ctx) {
        if matches!(v.place, Place::Principal(_)) {
            continue;
        }
        let parts = split(v.text);
        if parts.len() < 6 || !v.text.starts_with("arn:") || !has_wildcard(parts[2].text) {
            continue;
        }
        let s = &parts[2];
        out.push(
            Finding::new(view.substring(v.item.node, s.range.clone()), view.file_path(&v.item.path))
                .var("value", v.text)
                .message(format!(
                    "the service part `{}` of this ARN is a pattern: it matches the resources of every service whose name fits, now and later",
                    s.text
                )),
        );
    }
}
