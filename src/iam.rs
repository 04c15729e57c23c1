//! Facts of the IAM policy language that checks share: condition operators and
//! global condition keys (`../shared/facts/iam-policy-language.md` §2–§3).

/// The value type an operator family compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::String => "String",
            Family::Numeric => "Numeric",
            Family::Date => "Date",
            Family::Bool => "Bool",
            Family::Binary => "Binary",
            Family::Ip => "IP address",
            Family::Arn => "ARN",
            Family::Null => "Null",
        }
    }
}

/// The 27 base condition operators and their families.
pub static OPERATORS: &[(&str, Family)] = &[
    ("StringEquals", Family::String),
    ("StringNotEquals", Family::String),
    ("StringEqualsIgnoreCase", Family::String),
    ("StringNotEqualsIgnoreCase", Family::String),
    ("StringLike", Family::String),
    ("StringNotLike", Family::String),
    ("NumericEquals", Family::Numeric),
    ("NumericNotEquals", Family::Numeric),
    ("NumericLessThan", Family::Numeric),
    ("NumericLessThanEquals", Family::Numeric),
    ("NumericGreaterThan", Family::Numeric),
    ("NumericGreaterThanEquals", Family::Numeric),
    ("DateEquals", Family::Date),
    ("DateNotEquals", Family::Date),
    ("DateLessThan", Family::Date),
    ("DateLessThanEquals", Family::Date),
    ("DateGreaterThan", Family::Date),
    ("DateGreaterThanEquals", Family::Date),
    ("Bool", Family::Bool),
    ("BinaryEquals", Family::Binary),
    ("IpAddress", Family::Ip),
    ("NotIpAddress", Family::Ip),
    ("ArnEquals", Family::Arn),
    ("ArnLike", Family::Arn),
    ("ArnNotEquals", Family::Arn),
    ("ArnNotLike", Family::Arn),
    ("Null", Family::Null),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetQualifier {
    ForAllValues,
    ForAnyValue,
}

/// A parsed condition operator: `[ForAnyValue:|ForAllValues:]<base>[IfExists]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operator {
    pub qualifier: Option<SetQualifier>,
    pub base: &'static str,
    pub family: Family,
    pub if_exists: bool,
}

impl Operator {
    /// `StringLike` and `ArnLike` and their negations honour `*` and `?`.
    pub fn is_like(&self) -> bool {
        self.base.contains("Like") || self.family == Family::Arn
    }
    pub fn is_negated(&self) -> bool {
        self.base.contains("Not")
    }
    /// Does a match of this operator require the key to be present with a
    /// matching value? Not for a negated operator, `...IfExists`, `Null`, or
    /// `ForAllValues:` (true when the request lacks the key): only these
    /// operators narrow who a statement applies to.
    pub fn requires_match(&self) -> bool {
        !(self.is_negated()
            || self.if_exists
            || self.family == Family::Null
            || self.qualifier == Some(SetQualifier::ForAllValues))
    }
}

/// Why an operator name is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorError {
    pub message: String,
    /// The valid operator it most likely means.
    pub suggestion: Option<String>,
    /// `Null` with the `IfExists` suffix: a known operator with a suffix it
    /// cannot take, rather than an unknown name.
    pub null_if_exists: bool,
}

/// All valid spellings, for did-you-mean.
pub fn all_operator_names() -> Vec<String> {
    let mut out = Vec::new();
    for (base, family) in OPERATORS {
        for q in ["", "ForAllValues:", "ForAnyValue:"] {
            out.push(format!("{q}{base}"));
            if *family != Family::Null {
                out.push(format!("{q}{base}IfExists"));
            }
        }
    }
    out
}

/// The valid operator closest to `text`. The names are built once, and each
/// misspelling is looked up once per process (many checks parse the same
/// operator).
fn suggest_operator(text: &str) -> Option<String> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    static SEEN: OnceLock<Mutex<HashMap<String, Option<String>>>> = OnceLock::new();
    let seen = SEEN.get_or_init(Default::default);
    if let Some(s) = seen.lock().ok().and_then(|m| m.get(text).cloned()) {
        return s;
    }
    let names = NAMES.get_or_init(all_operator_names);
    let s = crate::engine::did_you_mean(text, names.iter().map(String::as_str)).map(str::to_string);
    if let Ok(mut m) = seen.lock() {
        if m.len() < 10_000 {
            m.insert(text.to_string(), s.clone());
        }
    }
    s
}

pub fn parse_operator(text: &str) -> Result<Operator, OperatorError> {
    let (qualifier, rest) = if let Some(r) = text.strip_prefix("ForAllValues:") {
        (Some(SetQualifier::ForAllValues), r)
    } else if let Some(r) = text.strip_prefix("ForAnyValue:") {
        (Some(SetQualifier::ForAnyValue), r)
    } else {
        (None, text)
    };
    let (base_text, if_exists) = match rest.strip_suffix("IfExists") {
        Some(b) => (b, true),
        None => (rest, false),
    };
    if let Some((base, family)) = OPERATORS.iter().find(|(b, _)| *b == base_text) {
        if *family == Family::Null && if_exists {
            return Err(OperatorError {
                message: "`Null` cannot take the IfExists suffix".into(),
                suggestion: Some(text.replace("IfExists", "")),
                null_if_exists: true,
            });
        }
        return Ok(Operator {
            qualifier,
            base,
            family: *family,
            if_exists,
        });
    }
    let suggestion = suggest_operator(text);
    let message = if text.contains(':') && qualifier.is_none() {
        format!("`{text}` is not a condition operator (the set qualifiers are ForAllValues: and ForAnyValue:)")
    } else {
        format!("`{text}` is not a condition operator")
    };
    Err(OperatorError {
        message,
        suggestion,
        null_if_exists: false,
    })
}

/// The value type of a global condition key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    String,
    Date,
    /// `aws:EpochTime` takes Date or Numeric operators.
    DateOrNumeric,
    Numeric,
    Bool,
    Ip,
    Arn,
}

impl KeyType {
    /// The type's name, as used in messages.
    pub fn name(self) -> &'static str {
        match self {
            KeyType::String => "string",
            KeyType::Date => "date",
            KeyType::DateOrNumeric => "date or number",
            KeyType::Numeric => "number",
            KeyType::Bool => "Boolean",
            KeyType::Ip => "IP address",
            KeyType::Arn => "ARN",
        }
    }
    /// Operator families that fit a key of this type.
    pub fn fits(self, family: Family) -> bool {
        matches!(
            (self, family),
            (_, Family::Null)
                | (KeyType::String, Family::String)
                | (KeyType::Date, Family::Date)
                | (KeyType::DateOrNumeric, Family::Date | Family::Numeric)
                | (KeyType::Numeric, Family::Numeric)
                | (KeyType::Bool, Family::Bool)
                | (KeyType::Ip, Family::Ip)
                | (KeyType::Arn, Family::Arn | Family::String)
        )
    }
    pub fn operators(self) -> &'static str {
        match self {
            KeyType::String => "String operators (StringEquals, StringLike, ...)",
            KeyType::Date => "Date operators (DateLessThan, ...)",
            KeyType::DateOrNumeric => "Date or Numeric operators",
            KeyType::Numeric => "Numeric operators (NumericLessThan, ...)",
            KeyType::Bool => "Bool",
            KeyType::Ip => "IpAddress or NotIpAddress",
            KeyType::Arn => "ARN operators (ArnLike, ArnEquals, ...)",
        }
    }
}

/// A global condition key: name (canonical case), type, multivalued, and
/// whether the name is a prefix that takes a `/tag-key` suffix.
#[derive(Debug, Clone, Copy)]
pub struct GlobalKey {
    pub name: &'static str,
    pub ty: KeyType,
    pub multivalued: bool,
    pub tag_prefix: bool,
}

const fn k(name: &'static str, ty: KeyType, multivalued: bool) -> GlobalKey {
    GlobalKey {
        name,
        ty,
        multivalued,
        tag_prefix: false,
    }
}
const fn tag(name: &'static str) -> GlobalKey {
    GlobalKey {
        name,
        ty: KeyType::String,
        multivalued: false,
        tag_prefix: true,
    }
}

/// The documented `aws:` keys (May 2023), plus aws:SourceOrgID/SourceOrgPaths
/// (typed by analogy: unverified).
pub static GLOBAL_KEYS: &[GlobalKey] = &[
    k("aws:CalledVia", KeyType::String, true),
    k("aws:CalledViaFirst", KeyType::String, false),
    k("aws:CalledViaLast", KeyType::String, false),
    k("aws:CurrentTime", KeyType::Date, false),
    k("aws:EpochTime", KeyType::DateOrNumeric, false),
    k("aws:Ec2InstanceSourceVpc", KeyType::String, false),
    k("aws:Ec2InstanceSourcePrivateIPv4", KeyType::Ip, false),
    k("aws:FederatedProvider", KeyType::String, false),
    k("aws:MultiFactorAuthAge", KeyType::Numeric, false),
    k("aws:MultiFactorAuthPresent", KeyType::Bool, false),
    k("aws:PrincipalAccount", KeyType::String, false),
    k("aws:PrincipalArn", KeyType::Arn, false),
    k("aws:PrincipalIsAWSService", KeyType::Bool, false),
    k("aws:PrincipalOrgID", KeyType::String, false),
    k("aws:PrincipalOrgPaths", KeyType::String, true),
    k("aws:PrincipalServiceName", KeyType::String, false),
    k("aws:PrincipalServiceNamesList", KeyType::String, true),
    tag("aws:PrincipalTag"),
    k("aws:PrincipalType", KeyType::String, false),
    k("aws:referer", KeyType::String, false),
    k("aws:RequestedRegion", KeyType::String, false),
    tag("aws:RequestTag"),
    k("aws:ResourceAccount", KeyType::String, false),
    k("aws:ResourceOrgID", KeyType::String, false),
    k("aws:ResourceOrgPaths", KeyType::String, true),
    tag("aws:ResourceTag"),
    k("aws:SecureTransport", KeyType::Bool, false),
    k("aws:SourceAccount", KeyType::String, false),
    k("aws:SourceArn", KeyType::Arn, false),
    k("aws:SourceIdentity", KeyType::String, false),
    k("aws:SourceIp", KeyType::Ip, false),
    k("aws:SourceOrgID", KeyType::String, false),
    k("aws:SourceOrgPaths", KeyType::String, true),
    k("aws:SourceVpc", KeyType::String, false),
    k("aws:SourceVpce", KeyType::String, false),
    k("aws:TagKeys", KeyType::String, true),
    k("aws:TokenIssueTime", KeyType::Date, false),
    k("aws:UserAgent", KeyType::String, false),
    k("aws:userid", KeyType::String, false),
    k("aws:username", KeyType::String, false),
    k("aws:ViaAWSService", KeyType::Bool, false),
    k("aws:VpcSourceIp", KeyType::Ip, false),
    // Newer than the May-2023 table: the VPC endpoint owner keys
    // (data-perimeter policies), types by analogy with the Principal* keys.
    k("aws:VpceAccount", KeyType::String, false),
    k("aws:VpceOrgID", KeyType::String, false),
    k("aws:VpceOrgPaths", KeyType::String, true),
    // Legacy key of SNS and other default policies: the source's owner account.
    k("aws:SourceOwner", KeyType::String, false),
];

/// Looks a key up case-insensitively (condition key names are not case-sensitive).
/// Tag keys match `aws:ResourceTag/<anything>`.
pub fn global_key(name: &str) -> Option<&'static GlobalKey> {
    let (head, tail) = match name.split_once('/') {
        Some((h, t)) => (h, Some(t)),
        None => (name, None),
    };
    GLOBAL_KEYS
        .iter()
        .find(|g| g.name.eq_ignore_ascii_case(head) && g.tag_prefix == tail.is_some())
}

/// The condition keys of Image Builder itself (Service Authorization
/// Reference, `imagebuilder.md` §4.2). `imagebuilder:` keys are checked
/// against this list; other services' keys only for their format.
pub static IMAGEBUILDER_KEYS: &[GlobalKey] = &[
    GlobalKey {
        name: "imagebuilder:CreatedResourceTag",
        ty: KeyType::String,
        multivalued: false,
        tag_prefix: true,
    },
    k("imagebuilder:CreatedResourceTagKeys", KeyType::String, true),
    k("imagebuilder:Ec2MetadataHttpTokens", KeyType::String, false),
    k(
        "imagebuilder:LifecyclePolicyResourceType",
        KeyType::String,
        false,
    ),
    k("imagebuilder:StatusTopicArn", KeyType::Arn, false),
];

/// Global keys that still exist but should no longer be used, with what
/// replaces them (`aws:ARN`: Access Analyzer's "Deprecated global condition key").
pub static DEPRECATED_KEYS: &[(&str, &str)] = &[("aws:ARN", "aws:PrincipalArn")];

/// A known condition key (global or `imagebuilder:`), looked up
/// case-insensitively; tag keys match `<prefix>/<anything non-empty>`.
pub fn condition_key(name: &str) -> Option<&'static GlobalKey> {
    let (head, tail) = match name.split_once('/') {
        Some((h, t)) => (h, Some(t)),
        None => (name, None),
    };
    if tail.is_some_and(str::is_empty) {
        return None;
    }
    GLOBAL_KEYS
        .iter()
        .chain(IMAGEBUILDER_KEYS)
        .find(|g| g.name.eq_ignore_ascii_case(head) && g.tag_prefix == tail.is_some())
}

/// The tag-key prefixes (`aws:ResourceTag`, ...) of the known keys.
pub fn tag_prefixes() -> impl Iterator<Item = &'static str> {
    GLOBAL_KEYS
        .iter()
        .chain(IMAGEBUILDER_KEYS)
        .filter(|g| g.tag_prefix)
        .map(|g| g.name)
}

/// The key's prefix (service or `aws`), when the key has the form `prefix:name`.
pub fn key_prefix(name: &str) -> Option<&str> {
    name.split_once(':').map(|(p, _)| p)
}

/// The comparison an operator makes, whatever its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Comparison {
    Equals,
    NotEquals,
    Like,
    NotLike,
    Less,
    LessEquals,
    Greater,
    GreaterEquals,
}

fn comparison(base: &str) -> Option<Comparison> {
    use Comparison::*;
    Some(match base {
        "Bool" | "IpAddress" | "BinaryEquals" => Equals,
        "NotIpAddress" => NotEquals,
        b if b.ends_with("NotEquals") || b.ends_with("NotEqualsIgnoreCase") => NotEquals,
        b if b.ends_with("Equals") && !b.contains("Than") || b.ends_with("EqualsIgnoreCase") => {
            Equals
        }
        b if b.ends_with("NotLike") => NotLike,
        b if b.ends_with("Like") => Like,
        b if b.ends_with("LessThanEquals") => LessEquals,
        b if b.ends_with("LessThan") => Less,
        b if b.ends_with("GreaterThanEquals") => GreaterEquals,
        b if b.ends_with("GreaterThan") => Greater,
        _ => return None,
    })
}

/// The operator of the family that fits a key of type `ty` making the same
/// comparison as `op` (keeping its qualifier and `IfExists`), e.g.
/// `StringEquals` on an IP key gives `IpAddress`.
pub fn equivalent_operator(op: &Operator, ty: KeyType) -> Option<String> {
    use Comparison::*;
    let c = comparison(op.base)?;
    let base = match ty {
        KeyType::String => match c {
            Equals => "StringEquals",
            NotEquals => "StringNotEquals",
            Like => "StringLike",
            NotLike => "StringNotLike",
            _ => return None,
        },
        KeyType::Numeric | KeyType::Date | KeyType::DateOrNumeric => {
            let numeric = ty == KeyType::Numeric;
            match (c, numeric) {
                (Equals, true) => "NumericEquals",
                (NotEquals, true) => "NumericNotEquals",
                (Less, true) => "NumericLessThan",
                (LessEquals, true) => "NumericLessThanEquals",
                (Greater, true) => "NumericGreaterThan",
                (GreaterEquals, true) => "NumericGreaterThanEquals",
                (Equals, false) => "DateEquals",
                (NotEquals, false) => "DateNotEquals",
                (Less, false) => "DateLessThan",
                (LessEquals, false) => "DateLessThanEquals",
                (Greater, false) => "DateGreaterThan",
                (GreaterEquals, false) => "DateGreaterThanEquals",
                _ => return None,
            }
        }
        KeyType::Bool => match c {
            Equals => "Bool",
            _ => return None,
        },
        KeyType::Ip => match c {
            Equals | Like => "IpAddress",
            NotEquals | NotLike => "NotIpAddress",
            _ => return None,
        },
        KeyType::Arn => match c {
            Equals => "ArnEquals",
            NotEquals => "ArnNotEquals",
            Like => "ArnLike",
            NotLike => "ArnNotLike",
            _ => return None,
        },
    };
    let q = match op.qualifier {
        Some(SetQualifier::ForAllValues) => "ForAllValues:",
        Some(SetQualifier::ForAnyValue) => "ForAnyValue:",
        None => "",
    };
    let suffix = if op.if_exists { "IfExists" } else { "" };
    Some(format!("{q}{base}{suffix}"))
}

/// Region codes (botocore `partitions.json`, `imagebuilder.md` §5.2), for
/// values of `aws:RequestedRegion`. Regions opened later are missing.
pub static REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "cn-north-1",
    "cn-northwest-1",
    "us-gov-east-1",
    "us-gov-west-1",
    "us-iso-east-1",
    "us-iso-west-1",
    "us-isob-east-1",
    "us-isob-west-1",
    "eu-isoe-west-1",
    "us-isof-east-1",
    "us-isof-south-1",
    "eusc-de-east-1",
];

/// Keys that narrow who can use a grant to an organization or account.
pub static NARROWING_KEYS: &[&str] = &[
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:SourceOwner",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_parse_with_qualifiers_and_suffixes() {
        let op = parse_operator("ForAnyValue:StringLikeIfExists").unwrap();
        assert_eq!(op.qualifier, Some(SetQualifier::ForAnyValue));
        assert_eq!(op.base, "StringLike");
        assert!(op.if_exists && op.is_like());
        assert!(parse_operator("NullIfExists").is_err());
        assert_eq!(all_operator_names().len(), 27 * 3 + 26 * 3);
    }

    #[test]
    fn near_misses_get_a_suggestion() {
        let e = parse_operator("StringEqualsIfExist").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("StringEqualsIfExists"));
        assert_eq!(
            parse_operator("stringequals")
                .unwrap_err()
                .suggestion
                .as_deref(),
            Some("StringEquals")
        );
        assert_eq!(
            parse_operator("ForAnyValues:StringEquals")
                .unwrap_err()
                .suggestion
                .as_deref(),
            Some("ForAnyValue:StringEquals")
        );
    }

    #[test]
    fn global_keys_are_case_insensitive_and_tags_need_a_key() {
        assert_eq!(global_key("AWS:sourceip").unwrap().name, "aws:SourceIp");
        assert!(global_key("aws:ResourceTag/team").is_some());
        assert!(global_key("aws:ResourceTag").is_none());
        assert!(global_key("aws:SourceIP").is_some());
        assert!(global_key("aws:Nope").is_none());
        assert!(KeyType::Arn.fits(Family::String));
        assert!(!KeyType::Ip.fits(Family::String));
    }

    #[test]
    fn condition_keys_include_image_builder_keys() {
        assert!(condition_key("imagebuilder:StatusTopicArn").is_some_and(|k| k.ty == KeyType::Arn));
        assert!(condition_key("imagebuilder:CreatedResourceTag/team").is_some());
        assert!(condition_key("imagebuilder:CreatedResourceTag/").is_none());
        assert!(condition_key("aws:ResourceTag/").is_none());
        assert!(condition_key("imagebuilder:Nope").is_none());
        assert!(condition_key("aws:tagkeys").is_some_and(|k| k.multivalued));
    }

    #[test]
    fn equivalent_operators_keep_qualifier_and_suffix() {
        let op = parse_operator("StringNotEqualsIfExists").unwrap();
        assert_eq!(
            equivalent_operator(&op, KeyType::Ip).as_deref(),
            Some("NotIpAddressIfExists")
        );
        let op = parse_operator("NumericLessThan").unwrap();
        assert_eq!(
            equivalent_operator(&op, KeyType::Date).as_deref(),
            Some("DateLessThan")
        );
        assert_eq!(equivalent_operator(&op, KeyType::String), None);
        let op = parse_operator("ForAnyValue:StringLike").unwrap();
        assert_eq!(
            equivalent_operator(&op, KeyType::Arn).as_deref(),
            Some("ForAnyValue:ArnLike")
        );
        let op = parse_operator("StringEqualsIgnoreCase").unwrap();
        assert_eq!(
            equivalent_operator(&op, KeyType::Bool).as_deref(),
            Some("Bool")
        );
        let op = parse_operator("DateGreaterThanEquals").unwrap();
        assert_eq!(
            equivalent_operator(&op, KeyType::Numeric).as_deref(),
            Some("NumericGreaterThanEquals")
        );
    }
}
