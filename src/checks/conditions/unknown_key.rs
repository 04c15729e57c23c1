//! An `aws:` key that is not a global condition key, or an `imagebuilder:`
//! key that Image Builder does not define.
use super::missing_tag_key::names_no_tag;
use super::model::{entries, key_format_ok};
use crate::engine::{did_you_mean, Ctx, Finding};
use crate::iam;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        let key = e.key.key.as_str();
        if !key_format_ok(key) || names_no_tag(key) || iam::condition_key(key).is_some() {
            continue;
        }
        let Some(prefix) = iam::key_prefix(key) else {
            continue;
        };
        let (table, what): (Vec<&iam::GlobalKey>, &str) = if prefix.eq_ignore_ascii_case("aws") {
            if iam::DEPRECATED_KEYS
                .iter()
                .any(|(d, _)| d.eq_ignore_ascii_case(key))
            {
                continue; // deprecated-condition-key
            }
            (iam::GLOBAL_KEYS.iter().collect(), "a global condition key")
        } else if prefix.eq_ignore_ascii_case("imagebuilder") {
            (
                iam::IMAGEBUILDER_KEYS.iter().collect(),
                "an Image Builder condition key",
            )
        } else {
            continue; // other services' keys are not checked
        };
        let suggestion = match key.split_once('/') {
            Some((head, tail)) => {
                did_you_mean(head, table.iter().filter(|g| g.tag_prefix).map(|g| g.name))
                    .map(|s| format!("{s}/{tail}"))
            }
            None => did_you_mean(key, table.iter().filter(|g| !g.tag_prefix).map(|g| g.name))
                .map(str::to_string),
        };
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None if prefix.eq_ignore_ascii_case("aws") => "see the global condition keys in the IAM User Guide; keys added after May 2023 may be missing from ibpolicy's list".into(),
            None => format!(
                "Image Builder's condition keys are {}",
                iam::IMAGEBUILDER_KEYS
                    .iter()
                    .map(|g| if g.tag_prefix { format!("{}/<tag-key>", g.name) } else { g.name.to_string() })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.push(
            ctx.finding(e.key.key_span, &e.path)
                .var("key", key)
                .var("expected", what)
                .help(help),
        );
    }
}
