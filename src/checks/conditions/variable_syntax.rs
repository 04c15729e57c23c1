//! Malformed policy variables: `${aws:username` (no closing brace), `${}`,
//! white space in the key name, a default value not in single quotes.
use super::model::{finding_at, sub, variable_sites, version, VersionState};
use super::variables::{scan, Problem};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if version(ctx).0 != VersionState::Current {
        return; // variable-unsupported-in-version
    }
    for item in variable_sites(ctx) {
        let Some(v) = item.as_str() else { continue };
        for bad in scan(v).bad {
            let t = &v[bad.range.clone()];
            let (message, help) = match bad.problem {
                Problem::MissingBrace => (
                    format!("the policy variable `{t}` has no closing `}}`"),
                    format!("close it: `{}}}`", t.trim_end()),
                ),
                Problem::Empty => (
                    "the policy variable `${}` names no key".to_string(),
                    "write a key inside the braces, e.g. `${aws:username}`; for a literal `$` write `${$}`".to_string(),
                ),
                Problem::SpaceInName => (
                    format!("the policy variable `{t}` has white space in its key name"),
                    format!("remove the spaces: `{}`", fix_spaces(t)),
                ),
                Problem::UnquotedDefault => (
                    format!("the default value in `{t}` is not in single quotes"),
                    "write the default in single quotes after a comma and a space, e.g. `${aws:PrincipalTag/team, 'none'}`".to_string(),
                ),
            };
            out.push(
                finding_at(ctx, sub(ctx, item.node, bad.range.clone()), &item.path)
                    .var("value", t)
                    .message(message)
                    .help(help),
            );
        }
    }
}

/// `${ aws:user name}` -> `${aws:username}` (the default, if any, untouched).
fn fix_spaces(t: &str) -> String {
    let inner = t.trim_start_matches("${").trim_end_matches('}');
    let (name, rest) = match inner.split_once(',') {
        Some((n, r)) => (n, Some(r)),
        None => (inner, None),
    };
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    match rest {
        Some(r) => format!("${{{name},{r}}}"),
        None => format!("${{{name}}}"),
    }
}
