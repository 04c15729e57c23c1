//! Each `Resource` and `NotResource` value must be `"*"` or an ARN whose
//! frame is right; wildcards stay inside one part.
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
                    Ok(a) => frame_issue(&a),
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
        return Some((a.partition.range.clone(), format!("`{p}` is not an AWS partition"), Some("use aws, aws-cn or aws-us-gov".into())));
    }
    let s = a.service.text;
    if s.is_empty() {
        return Some((a.service.range.clone(), "the service part is empty".into(), Some("name the service, e.g. imagebuilder".into())));
    }
    if s.contains('*') || s.contains('?') {
        return Some((a.service.range.clone(), "a wildcard in the service part matches no ARN reliably".into(), Some("write the service name in full".into())));
    }
    if s != s.to_ascii_lowercase() {
        return Some((a.service.range.clone(), format!("the service `{s}` must be lowercase"), Some(format!("write `{}`", s.to_ascii_lowercase()))));
    }
    if s == "imagebuilder" {
        if a.region.text.is_empty() {
            return Some((a.region.range.clone(), "Image Builder ARNs name a region".into(), Some("for example us-west-2, or * for any".into())));
        }
        let acct = a.account.text;
        let wild = acct.contains('*') || acct.contains('?');
        if !(wild || arn::is_account_id(acct) || acct == "aws" || acct.starts_with("aws-") || acct == "third-party") {
            return Some((
                a.account.range.clone(),
                format!("the owner `{acct}` is not a 12-digit account ID, `aws` or `aws-marketplace`"),
                None,
            ));
        }
        if a.resource.text.is_empty() {
            return Some((a.resource.range.clone(), "the resource part is empty".into(), Some("for example image/my-image/1.0.0/1".into())));
        }
    }
    None
}
