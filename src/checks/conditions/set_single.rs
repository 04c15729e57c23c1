//! `ForAnyValue:` on a single-valued key, or `ForAllValues:` on one in a
//! statement that does not allow: set qualifiers are for multivalued keys.
use super::model::{entries, file_span};
use crate::engine::{Ctx, Finding};
use crate::iam::{Family, SetQualifier};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        let Some(q) = e.op.qualifier else { continue };
        if e.op.family == Family::Null
            || (q == SetQualifier::ForAllValues && e.statement.is_allow())
        {
            continue; // null-with-qualifier; forallvalues-single-valued-key
        }
        let Some(k) = e.key_info() else { continue };
        if k.multivalued {
            continue;
        }
        let op = &e.op_member.key;
        let (qualifier, bare) = op.split_once(':').unwrap_or(("", op));
        let why = match q {
            SetQualifier::ForAnyValue => {
                "it works like the operator alone, and reads as if the key had several values"
                    .to_string()
            }
            SetQualifier::ForAllValues => "it also matches requests that lack the key".to_string(),
        };
        out.push(
            ctx.finding(e.key.key_span, &e.path)
                .var("key", e.key.key.clone())
                .var("value", format!("{qualifier}:"))
                .message(format!(
                    "`{}` is single-valued, so `{qualifier}:` does not belong on it: {why}",
                    e.key.key
                ))
                .help(format!("write `{bare}`"))
                .related(file_span(ctx, e.op_member.key_span), "the set qualifier"),
        );
    }
}
