//! A tag condition key with no tag name: `aws:ResourceTag/` or `aws:ResourceTag`.
use super::model::{entries, key_format_ok};
use crate::engine::{Ctx, Finding};
use crate::iam;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        let key = e.key.key.as_str();
        if !key_format_ok(key) || !names_no_tag(key) {
            continue;
        }
        let head = key.trim_end_matches('/');
        out.push(
            ctx.finding(e.key.key_span, &e.path)
                .var("key", key)
                .help(format!(
                    "write the tag's key after the slash, e.g. `{head}/team` for the tag `team`"
                )),
        );
    }
}

/// A known tag prefix with nothing (or only `/`) after it, or any key ending
/// in `Tag/` (`ec2:ResourceTag/`, `s3:ExistingObjectTag/`).
pub fn names_no_tag(key: &str) -> bool {
    let head = key.strip_suffix('/').unwrap_or(key);
    if head.contains('/') {
        return false;
    }
    if iam::tag_prefixes().any(|p| p.eq_ignore_ascii_case(head)) {
        return true;
    }
    key.ends_with('/') && head.to_ascii_lowercase().ends_with("tag")
}

#[cfg(test)]
mod tests {
    use super::names_no_tag;

    #[test]
    fn tag_keys_without_a_tag() {
        for k in [
            "aws:ResourceTag/",
            "aws:resourcetag",
            "aws:PrincipalTag/",
            "imagebuilder:CreatedResourceTag/",
            "ec2:ResourceTag/",
            "s3:ExistingObjectTag/",
        ] {
            assert!(names_no_tag(k), "{k}");
        }
        for k in [
            "aws:ResourceTag/team",
            "aws:TagKeys",
            "aws:SourceIp",
            "ec2:ResourceTag/a/",
            "s3:prefix/",
        ] {
            assert!(!names_no_tag(k), "{k}");
        }
    }
}
