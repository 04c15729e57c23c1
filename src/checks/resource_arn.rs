//! IB0202 `invalid-resource-arn`: what is wrong with an ARN that no more
//! specific ARN rule names: it does not start with `arn:`, its service part is
//! empty or not a service prefix, its resource part is empty, or (for Image
//! Builder) its resource part does not follow Image Builder's ARN rules (an
//! unknown resource type; the name, version and build nodes of an image,
//! component or recipe, as far as they can be read before the first wildcard
//! or policy variable).
//!
//! The other parts have rules of their own (IB0204-IB0211); the order in
//! which an ARN is judged, and the values that are judged (Resource,
//! NotResource, principal ARNs and ARN condition values), are in
//! `elements/analysis.rs`. Each value gets one diagnostic: its first problem.
use super::elements::analysis::{emit, has_variable, Code, Issue};
use crate::arn::{self, Arn, Part};
use crate::engine::{did_you_mean, Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::InvalidArn);
}

/// Image Builder's resource types, as its ARNs write them.
pub(crate) const IMAGEBUILDER_TYPES: [&str; 12] = [
    "component",
    "container-recipe",
    "distribution-configuration",
    "image",
    "image-pipeline",
    "image-recipe",
    "infrastructure-configuration",
    "lifecycle-execution",
    "lifecycle-policy",
    "workflow",
    "workflow-execution",
    "workflow-step-execution",
];

/// A value that does not start with `arn:`.
pub(crate) fn prefix_issue(text: &str) -> Issue {
    let end = text.find(':').unwrap_or(text.len());
    let prefix = &text[..end];
    if prefix.eq_ignore_ascii_case("arn") {
        Issue::new(
            Code::InvalidArn,
            Some(0..end),
            format!("an ARN starts with lowercase `arn:`, not `{prefix}:`"),
        )
        .help("write arn:...; ARNs are matched case-sensitively")
    } else {
        Issue::new(
            Code::InvalidArn,
            Some(0..text.len()),
            format!("`{text}` is not an ARN: an ARN starts with `arn:`"),
        )
        .help("write \"*\" or a full ARN, arn:partition:service:region:account:resource, e.g. arn:aws:imagebuilder:us-west-2:123456789012:image/my-image/1.0.0/1")
    }
}

/// An empty service part, or one that is not a service prefix.
pub(crate) fn service_issue(s: &Part<'_>) -> Option<Issue> {
    if has_variable(s.text) {
        return None;
    }
    if s.text.is_empty() {
        return Some(
            Issue::at(Code::InvalidArn, s, "the service part of the ARN is empty")
                .help("name the service, e.g. arn:aws:imagebuilder:..."),
        );
    }
    let ok = s.text.bytes().all(|b| {
        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'*' || b == b'?'
    });
    (!ok).then(|| {
        Issue::at(
            Code::InvalidArn,
            s,
            format!(
                "`{}` is not a service prefix: those are lowercase letters, digits and `-`",
                s.text
            ),
        )
        .help("e.g. imagebuilder, iam, s3")
    })
}

/// The resource part: not empty; for Image Builder, its type and nodes.
pub(crate) fn resource_issue(a: &Arn<'_>) -> Option<Issue> {
    if a.resource.text.is_empty() {
        return Some(
            Issue::at(
                Code::InvalidArn,
                &a.resource,
                "the resource part of the ARN is empty",
            )
            .help("name the resource after the fifth colon, e.g. image/my-image/1.0.0/1, or `*`"),
        );
    }
    if a.service.text == "imagebuilder" {
        return imagebuilder_issue(a);
    }
    None
}

/// Where the first wildcard or policy variable of the resource part starts:
/// from there on, what the nodes are is not known.
fn first_unknown(a: &Arn<'_>) -> Option<usize> {
    let text = a.resource.text;
    let w = text.find(['*', '?']);
    let v = text.find("${");
    match (w, v) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
    .map(|i| a.resource.range.start + i)
}

/// The type, name, version and build nodes of an Image Builder ARN. `*` and
/// `?` can stand for several nodes, so only the nodes that end before the
/// first wildcard (or variable) are judged; a name-only or version ARN is fine.
fn imagebuilder_issue(a: &Arn<'_>) -> Option<Issue> {
    let res = arn::split_resource(a);
    let wild = first_unknown(a);
    let certain = |p: &Part<'_>| wild.is_none_or(|w| p.range.end <= w);
    let rt = &res.resource_type;
    if !certain(rt) {
        return None;
    }
    if !IMAGEBUILDER_TYPES.contains(&rt.text) {
        let help = match did_you_mean(rt.text, IMAGEBUILDER_TYPES.into_iter()) {
            Some(t) => format!("did you mean `{t}`?"),
            None => "the resource part starts with the resource type, as in image/<name>/<version>/<build> or component/<name>/<version>/<build>".into(),
        };
        return Some(
            Issue::at(
                Code::InvalidArn,
                rt,
                format!("`{}` is not an Image Builder resource type", rt.text),
            )
            .help(help),
        );
    }
    let kind = arn::Kind::from_name(rt.text)?;
    if let Some(name) = res.name.as_ref().filter(|n| certain(n)) {
        if name.text.is_empty()
            || !name
                .text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        {
            return Some(
                Issue::at(
                    Code::InvalidArn,
                    name,
                    format!("the name `{}` is not valid in an Image Builder ARN: use lowercase letters, digits, `-` and `_`", name.text),
                )
                .help("ARNs carry the resource name in lowercase"),
            );
        }
    }
    if let Some(v) = res.version.as_ref().filter(|v| certain(v)) {
        if let Some(i) = arn::check_version(v, true).into_iter().next() {
            return Some(Issue::new(Code::InvalidArn, Some(i.range), i.message).help_opt(i.help));
        }
    }
    let build = res.build.as_ref()?;
    if !kind.has_build() {
        let r = build.range.start.saturating_sub(1)
            ..res.rest.as_ref().map_or(build.range.end, |r| r.range.end);
        return Some(
            Issue::new(
                Code::InvalidArn,
                Some(r),
                format!("{} ARNs have no build number", kind.name()),
            )
            .help(format!(
                "a {} is named by its version, as in {}/<name>/1.0.0",
                kind.name(),
                kind.resource_type()
            )),
        );
    }
    if certain(build) && (build.text.is_empty() || !build.text.bytes().all(|c| c.is_ascii_digit()))
    {
        return Some(Issue::at(
            Code::InvalidArn,
            build,
            format!("the build number `{}` must be a whole number", build.text),
        ));
    }
    if let Some(r) = res.rest.as_ref().filter(|r| certain(r)) {
        return Some(Issue::new(
            Code::InvalidArn,
            Some(r.range.start.saturating_sub(1)..r.range.end),
            "unexpected text after the build number",
        ));
    }
    None
}
