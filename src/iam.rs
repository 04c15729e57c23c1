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
}

/// Why an operator name is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorError {
    pub message: String,
    /// The valid operator it most likely means.
    pub suggestion: Option<String>,
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
            });
        }
        return Ok(Operator {
            qualifier,
            base,
            family: *family,
            if_exists,
        });
    }
    let names = all_operator_names();
    let suggestion =
        crate::engine::did_you_mean(text, names.iter().map(String::as_str)).map(str::to_string);
    let message = if text.contains(':') && qualifier.is_none() {
        format!("`{text}` is not a condition operator (the set qualifiers are ForAllValues: and ForAnyValue:)")
    } else {
        format!("`{text}` is not a condition operator")
    };
    Err(OperatorError {
        message,
        suggestion,
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
    "aws:userid",
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
}
