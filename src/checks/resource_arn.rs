//! Each `Resource` and `NotResource` value must be `"*"` or an ARN whose
//! frame is right; wildcards stay inside one part. The resource part of an
//! image, component or recipe ARN must also follow Image Builder's naming and
//! version rules, as far as it can be read before the first wildcard.
use crate::arn;
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(view) = &ctx.policy else { return };
    for st in &ctx.statements {
        for key in ["Resource", "NotResource"] {
            for item in st.values(key) {
                let Some(text) = item.as_str() else { continue };
                if text == "*" {
                    continue;
                }
                let issue = match arn::parse(text) {
                    Err(e) => Some((e.range, e.message, e.help)),
                    Ok(a) => frame_issue(&a).or_else(|| imagebuilder_issue(&a)),
                };
                if let Some((range, message, help)) = issue {
                    out.push(
                        Finding::new(view.substring(item.node, range), view.file_path(&item.path))
                            .var("value", text)
                            .message(format!("`{text}` is not a valid resource ARN: {message}"))
                            .help_opt(help),
                    );
                }
            }
        }
    }
}

type Issue = (std::ops::Range<usize>, String, Option<String>);

fn frame_issue(a: &arn::Arn<'_>) -> Option<Issue> {
    let p = a.partition.text;
    if p.is_empty() || !(p.starts_with("aws") || p.contains('*') || p.contains('?')) {
        return Some((
            a.partition.range.clone(),
            format!("`{p}` is not an AWS partition"),
            Some("use aws, aws-cn or aws-us-gov".into()),
        ));
    }
    let s = a.service.text;
    if s.is_empty() {
        return Some((
            a.service.range.clone(),
            "the service part is empty".into(),
            Some("name the service, e.g. imagebuilder".into()),
        ));
    }
    if s.contains('*') || s.contains('?') {
        return Some((
            a.service.range.clone(),
            "a wildcard in the service part matches no ARN reliably".into(),
            Some("write the service name in full".into()),
        ));
    }
    if s != s.to_ascii_lowercase() {
        return Some((
            a.service.range.clone(),
            format!("the service `{s}` must be lowercase"),
            Some(format!("write `{}`", s.to_ascii_lowercase())),
        ));
    }
    if s == "imagebuilder" {
        if a.region.text.is_empty() {
            return Some((
                a.region.range.clone(),
                "Image Builder ARNs name a region".into(),
                Some("for example us-west-2, or * for any".into()),
            ));
        }
        let acct = a.account.text;
        let wild = acct.contains('*') || acct.contains('?');
        if !(wild
            || arn::is_account_id(acct)
            || acct == "aws"
            || acct.starts_with("aws-")
            || acct == "third-party")
        {
            return Some((
                a.account.range.clone(),
                format!(
                    "the owner `{acct}` is not a 12-digit account ID, `aws` or `aws-marketplace`"
                ),
                None,
            ));
        }
        if a.resource.text.is_empty() {
            return Some((
                a.resource.range.clone(),
                "the resource part is empty".into(),
                Some("for example image/my-image/1.0.0/1".into()),
            ));
        }
    }
    None
}

/// The name, version and build nodes of an image, component or recipe ARN.
/// `*` and `?` can stand for several nodes, so only the nodes that end before
/// the first wildcard are judged; a name-only or version ARN is fine.
fn imagebuilder_issue(a: &arn::Arn<'_>) -> Option<Issue> {
    if a.service.text != "imagebuilder" {
        return None;
    }
    let res = arn::split_resource(a);
    let kind = arn::Kind::from_name(res.resource_type.text)?;
    let wild = a
        .resource
        .text
        .find(['*', '?'])
        .map(|i| a.resource.range.start + i);
    let certain = |p: &arn::Part<'_>| wild.is_none_or(|w| p.range.end <= w);
    if let Some(name) = res.name.as_ref().filter(|n| certain(n)) {
        if name.text.is_empty()
            || !name
                .text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        {
            return Some((
                name.range.clone(),
                format!("the name `{}` is not valid in an Image Builder ARN: use lowercase letters, digits, `-` and `_`", name.text),
                Some("ARNs carry the resource name in lowercase".into()),
            ));
        }
    }
    if let Some(v) = res.version.as_ref().filter(|v| certain(v)) {
        if let Some(i) = arn::check_version(v, true).into_iter().next() {
            return Some((i.range, i.message, i.help));
        }
    }
    let build = res.build.as_ref()?;
    if !kind.has_build() {
        let r = build.range.start.saturating_sub(1)
            ..res.rest.as_ref().map_or(build.range.end, |r| r.range.end);
        return Some((
            r,
            format!("{} ARNs have no build number", kind.name()),
            Some(format!(
                "a {} is named by its version, as in {}/<name>/1.0.0",
                kind.name(),
                kind.resource_type()
            )),
        ));
    }
    if certain(build) && (build.text.is_empty() || !build.text.bytes().all(|c| c.is_ascii_digit()))
    {
        return Some((
            build.range.clone(),
            format!("the build number `{}` must be a whole number", build.text),
            None,
        ));
    }
    if let Some(r) = res.rest.as_ref().filter(|r| certain(r)) {
        return Some((
            r.range.start.saturating_sub(1)..r.range.end,
            "unexpected text after the build number".into(),
            None,
        ));
    }
    None
}
