//! Policy variables in a policy whose Version is 2008-10-17 or missing:
//! there `${...}` is literal text.
use super::model::{file_path, file_span, sub, variable_sites, version, VersionState};
use super::variables::scan;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let (state, node) = version(ctx);
    if state != VersionState::Old {
        return;
    }
    let mut found = Vec::new();
    for item in variable_sites(ctx) {
        let Some(v) = item.as_str() else { continue };
        let s = scan(v);
        let mut ranges: Vec<_> = s
            .vars
            .iter()
            .map(|x| x.range.clone())
            .chain(s.bad.iter().map(|b| b.range.clone()))
            .collect();
        ranges.sort_by_key(|r| r.start);
        for r in ranges {
            found.push((
                sub(ctx, item.node, r.clone()),
                v[r].to_string(),
                item.path.clone(),
            ));
        }
    }
    let Some((span, text, path)) = found.first().cloned() else {
        return;
    };
    let why = match node {
        Some(_) => "the policy's Version is 2008-10-17".to_string(),
        None => "the policy has no Version, so it is read as 2008-10-17".to_string(),
    };
    let what = match found.len() {
        1 => format!("`{text}` is literal text, not a policy variable"),
        2 => format!("`{text}` and one more variable are literal text, not policy variables"),
        n => format!(
            "`{text}` and {} more variables are literal text, not policy variables",
            n - 1
        ),
    };
    let mut f = Finding::new(span, file_path(ctx, &path))
        .var("value", text.clone())
        .message(format!("{what}: {why}"));
    if let Some(n) = node {
        f = f.related(file_span(ctx, n.span), "variables need \"2012-10-17\"");
    }
    for (s, _, _) in &found[1..] {
        f = f.related(*s, "also literal text");
    }
    out.push(f);
}
