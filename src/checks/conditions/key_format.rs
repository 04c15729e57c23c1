//! A condition key that is not of the form `prefix:name`.
use super::model::{entries, key_format_ok};
use crate::engine::{did_you_mean, Ctx, Finding};
use crate::iam;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        let key = e.key.key.as_str();
        if key_format_ok(key) {
            continue;
        }
        let trimmed = key.trim();
        let help = if trimmed != key && key_format_ok(trimmed) {
            format!("remove the white space around the key: `{trimmed}`")
        } else if iam::condition_key(&format!("aws:{trimmed}")).is_some() {
            format!("global condition keys start with `aws:`: did you mean `aws:{trimmed}`?")
        } else if let Some(s) = did_you_mean(trimmed, iam::GLOBAL_KEYS.iter().map(|g| g.name)) {
            format!("did you mean `{s}`?")
        } else {
            "write the service prefix, a colon and the key name, e.g. `aws:PrincipalOrgID` or `imagebuilder:StatusTopicArn`".into()
        };
        out.push(
            ctx.finding(e.key.key_span, &e.path)
                .var("key", key)
                .help(help),
        );
    }
}
