//! `ForAllValues:` on a single-valued key in an Allow statement: it also
//! matches requests that lack the key.
use super::model::{entries, file_span};
use crate::engine::{Ctx, Finding};
use crate::iam::{Family, SetQualifier};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        if e.op.qualifier != Some(SetQualifier::ForAllValues)
            || e.op.family == Family::Null
            || !e.statement.is_allow()
        {
            continue;
        }
        let Some(k) = e.key_info() else { continue };
        if k.multivalued {
            continue;
        }
        let bare = e.op_member.key.trim_start_matches("ForAllValues:");
        out.push(
            ctx.finding(e.key.key_span, &e.path)
                .var("key", e.key.key.clone())
                .var("value", e.op_member.key.clone())
                .help(format!("drop the qualifier: write `{bare}`"))
                .related(
                    file_span(ctx, e.op_member.key_span),
                    "the ForAllValues: qualifier",
                ),
        );
    }
}
