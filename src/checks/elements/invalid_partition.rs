//! IB0205 `invalid-partition`: the partition of an ARN is not one of AWS's.
use super::analysis::{emit, has_variable, has_wildcard, Code, Issue, PartCx};
use crate::arn::wildcard_match;
use crate::engine::{did_you_mean, Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::InvalidPartition);
}

/// The partitions and the pattern of their region codes (botocore's
/// `partitions.json`).
pub(crate) const PARTITIONS: [(&str, &str); 8] = [
    ("aws", r"^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$"),
    ("aws-cn", r"^cn-\w+-\d+$"),
    ("aws-us-gov", r"^us-gov-\w+-\d+$"),
    ("aws-iso", r"^us-iso-\w+-\d+$"),
    ("aws-iso-b", r"^us-isob-\w+-\d+$"),
    ("aws-iso-e", r"^eu-isoe-\w+-\d+$"),
    ("aws-iso-f", r"^us-isof-\w+-\d+$"),
    ("aws-eusc", r"^eusc-(de)-\w+-\d+$"),
];

pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    PARTITIONS.iter().map(|(p, _)| *p)
}

pub(crate) fn check(cx: &PartCx<'_, '_>) -> Option<Issue> {
    let part = &cx.arn.partition;
    let p = part.text;
    if has_variable(p) {
        return None;
    }
    if has_wildcard(p) {
        return (!names().any(|n| wildcard_match(p, n))).then(|| {
            Issue::at(
                Code::InvalidPartition,
                part,
                format!("the partition pattern `{p}` matches no AWS partition"),
            )
            .help("use aws, or a pattern such as aws* that matches aws, aws-cn and aws-us-gov")
        });
    }
    if names().any(|n| n == p) {
        return None;
    }
    let issue = if p.is_empty() {
        Issue::at(Code::InvalidPartition, part, "the partition is empty")
            .help("write aws (or aws-cn, aws-us-gov for the China and GovCloud regions)")
    } else if let Some(n) = names().find(|n| n.eq_ignore_ascii_case(p)) {
        Issue::at(
            Code::InvalidPartition,
            part,
            format!("partition names are lowercase: `{n}`, not `{p}`"),
        )
        .help(format!("write `{n}`"))
    } else {
        Issue::at(
            Code::InvalidPartition,
            part,
            format!("`{p}` is not an AWS partition"),
        )
        .help(match did_you_mean(p, names()) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!(
                "the partitions are {}",
                names().collect::<Vec<_>>().join(", ")
            ),
        })
    };
    Some(issue)
}
