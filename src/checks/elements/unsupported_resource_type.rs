//! IB0212 `unsupported-resource-type`: a `Resource` of an Image Builder
//! policy that the policy can never apply to: an ARN of another service, or of
//! an Image Builder resource type that cannot be shared (a pipeline, a
//! distribution configuration, ...). Only when the ARN the policy is put on is
//! unknown: when it is known, IB0203 reports every Resource that does not
//! match it.
use super::analysis::{a_kind, emit, kind_noun, split, unknown, Code, Env, Issue};
use crate::arn::Kind;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::UnsupportedResourceType);
}

/// A Resource ARN that has passed the ARN checks.
pub(crate) fn check(env: &Env<'_>, text: &str) -> Option<Issue> {
    let kind = env.kind?;
    let k = kind_noun(kind);
    if env.target.is_some() {
        return None;
    }
    let parts = split(text);
    let service = parts.get(2)?;
    let resource = parts.get(5)?;
    if unknown(service.text) {
        return None;
    }
    if service.text != "imagebuilder" {
        return Some(
            Issue::at(
                Code::UnsupportedResourceType,
                service,
                format!(
                    "a policy on an Image Builder {k} applies only to that {k}; `{}` resources can never match it",
                    service.text
                ),
            )
            .help(format!("name the {k} the policy is attached to; grant access to {} resources in that service's own policies", service.text)),
        );
    }
    let rt = resource.text.split('/').next().unwrap_or("");
    let rt_range = resource.range.start..resource.range.start + rt.len();
    if unknown(rt) || Kind::from_name(rt).is_some() {
        return None;
    }
    Some(
        Issue::new(
            Code::UnsupportedResourceType,
            Some(rt_range),
            format!(
                "`{rt}` resources cannot be shared: an Image Builder resource policy applies to an image, component, image recipe or container recipe, and this one is on {}",
                a_kind(kind)
            ),
        )
        .help(format!("name the {k} the policy is attached to")),
    )
}
