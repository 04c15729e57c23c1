//! ARNs: `arn:partition:service:region:account:resource`, each part with its
//! range, and the exact rules for the ARNs that the four Image Builder
//! Put*Policy APIs take (botocore's patterns plus the documented semantics that
//! the patterns miss: the 2^30-1 version bound and `x` wildcards only to the
//! right).

use std::fmt;
use std::ops::Range;

/// One colon-separated part of an ARN, with its byte range in the ARN text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn<'a> {
    pub text: &'a str,
    pub partition: Part<'a>,
    pub service: Part<'a>,
    pub region: Part<'a>,
    pub account: Part<'a>,
    pub resource: Part<'a>,
}

/// A problem with an ARN, located by a byte range of the ARN text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnIssue {
    pub message: String,
    pub range: Range<usize>,
    pub help: Option<String>,
}

impl ArnIssue {
    fn new(message: impl Into<String>, range: Range<usize>) -> Self {
        ArnIssue {
            message: message.into(),
            range,
            help: None,
        }
    }
    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Parses the six parts of an ARN. Only the frame is checked here: the `arn`
/// prefix and the number of colon-separated parts.
pub fn parse(text: &str) -> Result<Arn<'_>, ArnIssue> {
    let mut bounds = Vec::with_capacity(6);
    let mut start = 0;
    let mut in_variable = false;
    let mut prev = '\0';
    for (i, c) in text.char_indices() {
        // A policy variable such as ${aws:username} is one unit: its colon
        // does not separate parts.
        match c {
            '{' if prev == '$' => in_variable = true,
            '}' => in_variable = false,
            ':' if !in_variable && bounds.len() < 5 => {
                bounds.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
        prev = c;
    }
    bounds.push(start..text.len());
    let prefix = &text[bounds[0].clone()];
    if prefix != "arn" {
        let range = bounds[0].clone();
        let issue = if prefix.eq_ignore_ascii_case("arn") {
            ArnIssue::new(
                format!("an ARN starts with lowercase `arn:`, not `{prefix}:`"),
                range,
            )
        } else {
            ArnIssue::new("not an ARN: an ARN starts with `arn:`", range)
                .help("write arn:partition:service:region:account:resource, or \"*\"")
        };
        return Err(issue);
    }
    if bounds.len() < 6 {
        let names = ["partition", "service", "region", "account", "resource"];
        let missing = names[bounds.len() - 1..].join(", ");
        return Err(ArnIssue::new(
            format!("the ARN has {} of its 6 colon-separated parts; missing: {missing}", bounds.len()),
            text.len()..text.len(),
        )
        .help("an ARN has the form arn:partition:service:region:account:resource; empty parts keep their colons"));
    }
    let part = |i: usize| Part {
        text: &text[bounds[i].clone()],
        range: bounds[i].clone(),
    };
    Ok(Arn {
        text,
        partition: part(1),
        service: part(2),
        region: part(3),
        account: part(4),
        resource: part(5),
    })
}

/// The four kinds of Image Builder resource that take a resource policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Image,
    Component,
    ImageRecipe,
    ContainerRecipe,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Image,
        Kind::Component,
        Kind::ImageRecipe,
        Kind::ContainerRecipe,
    ];

    /// The name used in rule files (`applies-to`) and messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Image => "image",
            Kind::Component => "component",
            Kind::ImageRecipe => "image-recipe",
            Kind::ContainerRecipe => "container-recipe",
        }
    }
    /// The resource type segment of its ARNs (the same words as `name`).
    pub fn resource_type(self) -> &'static str {
        self.name()
    }
    pub fn from_name(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }
    /// The request member that carries the ARN in its Put*Policy request.
    pub fn request_key(self) -> &'static str {
        match self {
            Kind::Image => "imageArn",
            Kind::Component => "componentArn",
            Kind::ImageRecipe => "imageRecipeArn",
            Kind::ContainerRecipe => "containerRecipeArn",
        }
    }
    pub fn from_request_key(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.request_key() == s)
    }
    pub fn api(self) -> &'static str {
        match self {
            Kind::Image => "PutImagePolicy",
            Kind::Component => "PutComponentPolicy",
            Kind::ImageRecipe => "PutImageRecipePolicy",
            Kind::ContainerRecipe => "PutContainerRecipePolicy",
        }
    }
    /// Images and components are shared by build version (`.../1.0.0/1`);
    /// recipes have no build node.
    pub fn has_build(self) -> bool {
        matches!(self, Kind::Image | Kind::Component)
    }
    /// The botocore pattern of the ARN that its Put*Policy API takes.
    pub fn api_pattern(self) -> &'static str {
        match self {
            Kind::Image => {
                r"^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image/[a-z0-9-_]+/[0-9]+\.[0-9]+\.[0-9]+/[0-9]+$"
            }
            Kind::Component => {
                r"^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):component/[a-z0-9-_]+/[0-9]+\.[0-9]+\.[0-9]+/[0-9]+$"
            }
            Kind::ImageRecipe => {
                r"^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image-recipe/[a-z0-9-_]+/(?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x)$"
            }
            Kind::ContainerRecipe => {
                r"^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):container-recipe/[a-z0-9-_]+/(?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x)$"
            }
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every resource type of Image Builder ARNs (Service Authorization Reference).
pub const IMAGEBUILDER_RESOURCE_TYPES: [&str; 12] = [
    "image",
    "component",
    "image-recipe",
    "container-recipe",
    "distribution-configuration",
    "infrastructure-configuration",
    "image-pipeline",
    "lifecycle-policy",
    "lifecycle-execution",
    "workflow",
    "workflow-execution",
    "workflow-step-execution",
];

/// The largest value of a version node: 2^30 - 1.
pub const MAX_VERSION_NODE: u64 = (1 << 30) - 1;

/// The resource part of an Image Builder ARN, split at its slashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IbResource<'a> {
    pub resource_type: Part<'a>,
    pub name: Option<Part<'a>>,
    pub version: Option<Part<'a>>,
    pub build: Option<Part<'a>>,
    /// Anything after the build node.
    pub rest: Option<Part<'a>>,
}

/// Splits the resource part of an ARN at its slashes (offsets stay ARN offsets).
pub fn split_resource<'a>(arn: &Arn<'a>) -> IbResource<'a> {
    let base = arn.resource.range.start;
    let text = arn.resource.text;
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '/' && parts.len() < 4 {
            parts.push(start..i);
            start = i + 1;
        }
    }
    parts.push(start..text.len());
    let mk = |r: &Range<usize>| Part {
        text: &text[r.clone()],
        range: base + r.start..base + r.end,
    };
    IbResource {
        resource_type: mk(&parts[0]),
        name: parts.get(1).map(mk),
        version: parts.get(2).map(mk),
        build: parts.get(3).map(mk),
        rest: parts.get(4).map(mk),
    }
}

/// Checks an ARN against what the `Put*Policy` API of `kind` accepts. Every
/// issue points at the part of the ARN that is wrong; an ARN that matches the
/// API's pattern and the documented version rules has no issues.
pub fn check_target(text: &str, kind: Kind) -> Vec<ArnIssue> {
    let arn = match parse(text) {
        Ok(a) => a,
        Err(e) => return vec![e],
    };
    let mut out = Vec::new();
    let p = &arn.partition;
    if !p.text.starts_with("aws") {
        out.push(
            ArnIssue::new(
                format!("`{}` is not an AWS partition", p.text),
                p.range.clone(),
            )
            .help("use aws, aws-cn or aws-us-gov (every partition name starts with `aws`)"),
        );
    }
    if arn.service.text != "imagebuilder" {
        out.push(ArnIssue::new(
            format!(
                "{} takes an Image Builder ARN; the service is `{}`, not `imagebuilder`",
                kind.api(),
                arn.service.text
            ),
            arn.service.range.clone(),
        ));
    }
    if arn.region.text.is_empty() {
        out.push(
            ArnIssue::new(
                "the region is empty; Image Builder ARNs name their region",
                arn.region.range.clone(),
            )
            .help("for example us-west-2"),
        );
    }
    let acct = arn.account.text;
    let account_ok = is_account_id(acct)
        || acct == "aws"
        || (kind.has_build()
            && acct.strip_prefix("aws-").is_some_and(|r| {
                !r.is_empty() && r.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            }));
    if !account_ok {
        let allowed = if kind.has_build() {
            "a 12-digit account ID, `aws` or `aws-<name>` such as aws-marketplace"
        } else {
            "a 12-digit account ID or `aws`"
        };
        let what = if acct.is_empty() {
            "the owner (account) part is empty".to_string()
        } else {
            format!("the owner `{acct}` is not valid")
        };
        out.push(ArnIssue::new(
            format!("{what} in {} ARNs: use {allowed}", kind.name()),
            arn.account.range.clone(),
        ));
    }
    let res = split_resource(&arn);
    if res.resource_type.text != kind.resource_type() {
        out.push(
            ArnIssue::new(
                format!(
                    "{} takes {} `{}` ARN, not `{}`",
                    kind.api(),
                    if kind.resource_type().starts_with('i') {
                        "an"
                    } else {
                        "a"
                    },
                    kind.resource_type(),
                    res.resource_type.text
                ),
                res.resource_type.range.clone(),
            )
            .help(format!(
                "the resource part is {}/<name>/{}",
                kind.resource_type(),
                if kind.has_build() {
                    "<major>.<minor>.<patch>/<build>"
                } else {
                    "<major>.<minor>.<patch>"
                }
            )),
        );
        return out;
    }
    let end = arn.text.len();
    let Some(name) = &res.name else {
        out.push(ArnIssue::new(
            format!(
                "the ARN names no {}: expected {}/<name>/<version>",
                kind.name(),
                kind.resource_type()
            ),
            end..end,
        ));
        return out;
    };
    if name.text.is_empty()
        || !name
            .text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        out.push(
            ArnIssue::new(format!("the name `{}` is not valid in an ARN: use lowercase letters, digits, `-` and `_`", name.text), name.range.clone())
                .help("ARNs carry the resource name in lowercase"),
        );
    }
    match &res.version {
        None => out.push(ArnIssue::new(version_help(kind), end..end)),
        Some(v) => out.extend(check_version(v, !kind.has_build())),
    }
    if kind.has_build() {
        match &res.build {
            None => out.push(
                ArnIssue::new(
                    format!(
                        "{} takes a build version ARN: the build number is missing",
                        kind.api()
                    ),
                    end..end,
                )
                .help(format!(
                    "add the build node, as in {}/<name>/1.0.0/1",
                    kind.resource_type()
                )),
            ),
            Some(b) => {
                if b.text.is_empty() || !b.text.bytes().all(|c| c.is_ascii_digit()) {
                    out.push(ArnIssue::new(
                        format!("the build number `{}` must be a whole number", b.text),
                        b.range.clone(),
                    ));
                }
            }
        }
        if let Some(r) = &res.rest {
            out.push(ArnIssue::new(
                "unexpected text after the build number",
                r.range.start.saturating_sub(1)..r.range.end,
            ));
        }
    } else if let Some(b) = &res.build {
        let r =
            b.range.start.saturating_sub(1)..res.rest.as_ref().map_or(b.range.end, |r| r.range.end);
        out.push(
            ArnIssue::new(format!("{} ARNs have no build number", kind.name()), r).help(format!(
                "{} takes a version ARN such as {}/<name>/1.0.0",
                kind.api(),
                kind.resource_type()
            )),
        );
    }
    out
}

fn version_help(kind: Kind) -> String {
    format!(
        "the ARN has no version: expected {}/<name>/<major>.<minor>.<patch>{}",
        kind.resource_type(),
        if kind.has_build() { "/<build>" } else { "" }
    )
}

/// Checks `<major>.<minor>.<patch>`; with `wildcards`, `x` nodes are allowed,
/// but only to the right of each other (`1.x.x`, not `x.2.x`).
pub fn check_version(v: &Part<'_>, wildcards: bool) -> Vec<ArnIssue> {
    let mut out = Vec::new();
    let nodes: Vec<&str> = v.text.split('.').collect();
    if nodes.len() != 3 {
        out.push(
            ArnIssue::new(
                format!(
                    "the version `{}` must have three nodes, <major>.<minor>.<patch>",
                    v.text
                ),
                v.range.clone(),
            )
            .help("for example 1.0.0 or 2019.12.03"),
        );
        return out;
    }
    if !wildcards && nodes.contains(&"x") {
        out.push(
            ArnIssue::new(
                format!(
                    "the version `{}` has `x` wildcards; this API takes a specific version",
                    v.text
                ),
                v.range.clone(),
            )
            .help("name the exact version, e.g. 1.0.0"),
        );
        return out;
    }
    let mut offset = v.range.start;
    let mut seen_x = false;
    for node in nodes {
        let r = offset..offset + node.len();
        offset += node.len() + 1;
        if node == "x" && wildcards {
            seen_x = true;
            continue;
        }
        if node.is_empty() || !node.bytes().all(|b| b.is_ascii_digit()) {
            let what = if wildcards {
                "a whole number or `x`"
            } else {
                "a whole number"
            };
            out.push(ArnIssue::new(
                format!("the version node `{node}` must be {what}"),
                r,
            ));
            continue;
        }
        if seen_x {
            out.push(
                ArnIssue::new(format!("`{node}` follows an `x` wildcard; every node to the right of a wildcard must also be `x`"), r)
                    .help("write the version as 1.x.x or x.x.x, not x.2.x or 1.x.8"),
            );
            continue;
        }
        let too_big = node.len() > 10 || node.parse::<u64>().map_or(true, |n| n > MAX_VERSION_NODE);
        if too_big {
            out.push(ArnIssue::new(
                format!("the version node `{node}` is larger than 2^30-1 (1073741823)"),
                r,
            ));
        }
    }
    out
}

pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// IAM wildcard matching: `*` matches any run of characters, `?` exactly one.
/// Case-sensitive, as ARN matching is.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        // The common case, without allocating: it runs for every action and
        // ARN of every policy.
        return glob_units(pattern.as_bytes(), text.as_bytes(), |a, b| a == b);
    }
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    glob_units(&p, &t, |a, b| a == b)
}

/// As `wildcard_match`, ignoring ASCII case (action names are case-insensitive).
pub fn wildcard_match_ignore_case(pattern: &str, text: &str) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        return glob_units(pattern.as_bytes(), text.as_bytes(), |a, b| {
            a.eq_ignore_ascii_case(b)
        });
    }
    wildcard_match(&pattern.to_lowercase(), &text.to_lowercase())
}

/// The matcher over any units: `*` any run, `?` one unit (linear, with
/// backtracking to the last star only).
fn glob_units<T: Copy + PartialEq + Wild>(p: &[T], t: &[T], eq: impl Fn(&T, &T) -> bool) -> bool {
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi].is_any_one() || (!p[pi].is_star() && eq(&p[pi], &t[ti]))) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi].is_star() {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| c.is_star())
}

trait Wild {
    fn is_star(&self) -> bool;
    fn is_any_one(&self) -> bool;
}

impl Wild for u8 {
    fn is_star(&self) -> bool {
        *self == b'*'
    }
    fn is_any_one(&self) -> bool {
        *self == b'?'
    }
}

impl Wild for char {
    fn is_star(&self) -> bool {
        *self == '*'
    }
    fn is_any_one(&self) -> bool {
        *self == '?'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issues(text: &str, kind: Kind) -> Vec<(String, &str)> {
        check_target(text, kind)
            .into_iter()
            .map(|i| {
                (
                    i.message.clone(),
                    &text[i.range.start.min(text.len())..i.range.end.min(text.len())],
                )
            })
            .collect()
    }

    #[test]
    fn parses_parts_with_ranges() {
        let a = parse("arn:aws:imagebuilder:us-west-2:123456789012:image/x/1.0.0/1").unwrap();
        assert_eq!(a.partition.text, "aws");
        assert_eq!(a.region.range, 21..30);
        assert_eq!(a.resource.text, "image/x/1.0.0/1");
        assert!(parse("arn:aws:s3").is_err());
        assert!(parse("ARN:aws:s3:::b")
            .unwrap_err()
            .message
            .contains("lowercase"));
        // colons in the resource part stay in the resource
        assert_eq!(
            parse("arn:aws:logs:us-east-1:1:log-group:a:*")
                .unwrap()
                .resource
                .text,
            "log-group:a:*"
        );
    }

    #[test]
    fn documented_targets_pass() {
        for (arn, kind) in [
            ("arn:aws:imagebuilder:us-west-2:123456789012:image/my-example-image/2019.12.03/1", Kind::Image),
            ("arn:aws:imagebuilder:us-west-2:aws-marketplace:image/foo/1.0.0/1", Kind::Image),
            ("arn:aws-cn:imagebuilder:cn-north-1:123456789012:image/x/1.0.0/1", Kind::Image),
            ("arn:aws:imagebuilder:us-west-2:111122223333:component/my-shared-component/1.0.0/1", Kind::Component),
            ("arn:aws:imagebuilder:us-west-2:123456789012:image-recipe/my-example-image-recipe/2019.12.03", Kind::ImageRecipe),
            ("arn:aws:imagebuilder:us-west-2:123456789012:image-recipe/r/1.x.x", Kind::ImageRecipe),
            ("arn:aws:imagebuilder:us-west-2:111122223333:container-recipe/my-example-container-recipe-shared/1.0.0", Kind::ContainerRecipe),
        ] {
            assert!(check_target(arn, kind).is_empty(), "{arn}: {:?}", check_target(arn, kind));
            assert!(regex::Regex::new(kind.api_pattern()).unwrap().is_match(arn), "{arn} should match the API pattern");
        }
    }

    #[test]
    fn issues_point_at_the_bad_part() {
        assert_eq!(
            issues(
                "arn:aws:imagebuilder:us-west-2:12345678901:image/my/1.0.0/1",
                Kind::Image
            )[0]
            .1,
            "12345678901"
        );
        assert_eq!(
            issues(
                "arn:aws:imagebuilder:us-west-2:123456789012:image/My-Image/1.0.0/1",
                Kind::Image
            )[0]
            .1,
            "My-Image"
        );
        assert!(issues(
            "arn:aws:imagebuilder:us-west-2:123456789012:image/my/1.0.0",
            Kind::Image
        )[0]
        .0
        .contains("build number is missing"));
        assert_eq!(
            issues(
                "arn:aws:imagebuilder:us-west-2:aws-marketplace:image-recipe/r/1.0.0",
                Kind::ImageRecipe
            )[0]
            .1,
            "aws-marketplace"
        );
        assert_eq!(
            issues(
                "arn:aws:imagebuilder:us-west-2:123456789012:image-recipe/r/x.2.x",
                Kind::ImageRecipe
            )[0]
            .1,
            "2"
        );
        assert_eq!(
            issues(
                "arn:aws:imagebuilder:us-west-2:123456789012:image/r/1073741824.0.0/1",
                Kind::Image
            )[0]
            .1,
            "1073741824"
        );
        assert!(issues(
            "arn:aws:imagebuilder:us-west-2:123456789012:image/r/1073741823.0.0/1",
            Kind::Image
        )
        .is_empty());
        assert_eq!(
            issues(
                "arn:aws:imagebuilder:us-west-2:123456789012:component/c/1.0.0/1",
                Kind::Image
            )[0]
            .1,
            "component"
        );
        assert_eq!(
            issues(
                "arn:aws:imagebuilder:us-west-2:123456789012:container-recipe/c/1.0.0/1",
                Kind::ContainerRecipe
            )[0]
            .1,
            "/1"
        );
        assert_eq!(
            issues(
                "arn:gcp:imagebuilder:us-west-2:123456789012:image/r/1.0.0/1",
                Kind::Image
            )[0]
            .1,
            "gcp"
        );
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match(
            "arn:aws:imagebuilder:*:123456789012:image/x/*",
            "arn:aws:imagebuilder:us-west-2:123456789012:image/x/1.0.0/1"
        ));
        assert!(wildcard_match(
            "arn:aws:imagebuilder:us-west-?:*",
            "arn:aws:imagebuilder:us-west-2:1"
        ));
        assert!(!wildcard_match(
            "arn:aws:imagebuilder:us-west-2:*:image/y/*",
            "arn:aws:imagebuilder:us-west-2:1:image/x/1"
        ));
        assert!(wildcard_match("*", ""));
        assert!(!wildcard_match("a?", "a"));
    }
}
