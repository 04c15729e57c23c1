//! IB0206 `invalid-arn-region`: a region that is not a region code of the
//! ARN's partition (`us-west2`, `US-EAST-1`, `us-gov-west-1` under `aws`).
//! The region codes of each partition follow the pattern botocore's
//! `partitions.json` gives (`regionRegex`).
use super::analysis::{emit, has_variable, unknown, Code, Issue, PartCx};
use super::invalid_partition::PARTITIONS;
use crate::arn::wildcard_match;
use crate::engine::{Ctx, Finding};
use regex::Regex;
use std::sync::LazyLock;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::InvalidArnRegion);
}

static REGIONS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    PARTITIONS
        .iter()
        .map(|(p, re)| {
            // Python's \w and \d, in ASCII.
            let ascii = re.replace(r"\w", "[A-Za-z0-9_]").replace(r"\d", "[0-9]");
            (*p, Regex::new(&ascii).expect("partition region pattern"))
        })
        .collect()
});

/// The partitions whose region pattern `region` matches.
pub(crate) fn partitions_of(region: &str) -> Vec<&'static str> {
    REGIONS
        .iter()
        .filter(|(_, re)| re.is_match(region))
        .map(|(p, _)| *p)
        .collect()
}

pub(crate) fn check(cx: &PartCx<'_, '_>) -> Option<Issue> {
    let r = &cx.arn.region;
    if r.text.is_empty() || unknown(r.text) {
        return None;
    }
    let p = cx.arn.partition.text;
    // The partitions this ARN can be in (a pattern may stand for several).
    let candidates: Vec<&str> = PARTITIONS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| has_variable(p) || wildcard_match(p, name))
        .collect();
    let homes = partitions_of(r.text);
    if homes.iter().any(|h| candidates.contains(h))
        && !r.text.bytes().any(|b| b.is_ascii_uppercase())
    {
        return None;
    }
    let lower = r.text.to_ascii_lowercase();
    let issue = if lower != r.text && !partitions_of(&lower).is_empty() {
        Issue::at(
            Code::InvalidArnRegion,
            r,
            format!("region codes are lowercase: `{lower}`, not `{}`", r.text),
        )
        .help(format!("write `{lower}`"))
    } else if let Some(home) = homes.first() {
        Issue::at(
            Code::InvalidArnRegion,
            r,
            format!(
                "`{}` is a region of the {home} partition, but this ARN's partition is `{p}`",
                r.text
            ),
        )
        .help(format!(
            "write arn:{home}:... for a resource in {}, or a region of {p}",
            r.text
        ))
    } else {
        Issue::at(
            Code::InvalidArnRegion,
            r,
            format!("`{}` is not a region code", r.text),
        )
        .help(
            "region codes look like us-east-1, eu-west-2 or ap-southeast-1; use `*` for any region",
        )
    };
    Some(issue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_patterns() {
        assert_eq!(partitions_of("us-west-2"), ["aws"]);
        assert_eq!(partitions_of("us-gov-west-1"), ["aws-us-gov"]);
        assert_eq!(partitions_of("cn-northwest-1"), ["aws-cn"]);
        assert_eq!(partitions_of("eusc-de-east-1"), ["aws-eusc"]);
        assert_eq!(partitions_of("mx-central-1"), ["aws"]);
        assert!(partitions_of("us-west2").is_empty());
        assert!(partitions_of("us-west-2a").is_empty());
    }
}
