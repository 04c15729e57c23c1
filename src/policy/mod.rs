//! The IAM-normalised view of a policy document: `Statement` is always a list,
//! string-or-list values are always lists, and `Principal: "*"` reads the same
//! as `{"AWS": "*"}`. Every element keeps its node (and so its span) and path.

use crate::json::{Member, Node, Path, Value};

/// One statement of the policy.
#[derive(Debug, Clone)]
pub struct Statement<'a> {
    pub node: &'a Node,
    pub path: Path,
}

/// One value of a string-or-list element, with its path.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    pub node: &'a Node,
    pub path: Path,
}

impl<'a> Item<'a> {
    pub fn as_str(&self) -> Option<&'a str> {
        self.node.as_str()
    }
}

/// The statements of a policy, whether `Statement` is one object or a list.
/// Elements that are not objects are left to the grammar rules.
pub fn statements(root: &Node) -> Vec<Statement<'_>> {
    let Some(st) = root.get("Statement") else {
        return Vec::new();
    };
    let base = Path::root().key("Statement");
    match &st.value {
        Value::Object(_) => vec![Statement {
            node: st,
            path: base,
        }],
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter(|(_, n)| n.as_object().is_some())
            .map(|(i, n)| Statement {
                node: n,
                path: base.index(i),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The values of a string-or-list element: a list's elements, or the value itself.
pub fn items<'a>(node: &'a Node, path: &Path) -> Vec<Item<'a>> {
    match &node.value {
        Value::Array(list) => list
            .iter()
            .enumerate()
            .map(|(i, n)| Item {
                node: n,
                path: path.index(i),
            })
            .collect(),
        _ => vec![Item {
            node,
            path: path.clone(),
        }],
    }
}

/// A principal as IAM reads it.
#[derive(Debug, Clone)]
pub enum Principal<'a> {
    /// `"*"`: everyone.
    Star(Item<'a>),
    /// A map of principal types to values.
    Map(Vec<(&'a Member, Vec<Item<'a>>)>),
    /// Anything else (the grammar rules report it).
    Invalid(&'a Node),
}

impl<'a> Statement<'a> {
    pub fn member(&self, key: &str) -> Option<&'a Member> {
        self.node.member(key)
    }
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }
    pub fn effect(&self) -> Option<&'a str> {
        self.get("Effect").and_then(Node::as_str)
    }
    pub fn is_allow(&self) -> bool {
        self.effect() == Some("Allow")
    }
    /// The values of an element, as a list (empty when absent).
    pub fn values(&self, key: &str) -> Vec<Item<'a>> {
        match self.get(key) {
            Some(n) => items(n, &self.path.key(key)),
            None => Vec::new(),
        }
    }
    /// `Principal` (or `NotPrincipal` when `not`), normalised.
    pub fn principal(&self, not: bool) -> Option<Principal<'a>> {
        let key = if not { "NotPrincipal" } else { "Principal" };
        let node = self.get(key)?;
        let path = self.path.key(key);
        Some(match &node.value {
            Value::String(s) if s == "*" => Principal::Star(Item { node, path }),
            Value::Object(members) => Principal::Map(
                members
                    .iter()
                    .map(|m| (m, items(&m.value, &path.key(&m.key))))
                    .collect(),
            ),
            _ => Principal::Invalid(node),
        })
    }
    /// Every `AWS` principal value, with `"*"` standing for `{"AWS": "*"}`.
    pub fn aws_principals(&self, not: bool) -> Vec<Item<'a>> {
        match self.principal(not) {
            Some(Principal::Star(item)) => vec![item],
            Some(Principal::Map(entries)) => entries
                .into_iter()
                .filter(|(m, _)| m.key == "AWS")
                .flat_map(|(_, items)| items)
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The condition keys that narrow a statement: keys under a positive
/// operator (not `...Not...`), without `IfExists` and without `ForAllValues:`,
/// so that a request lacking the key does not match, and not with a `...Like`
/// value that matches anyone (see `admits_anyone`). `StringEquals` on
/// `aws:PrincipalOrgID` narrows; `StringNotEquals`, `StringEqualsIfExists`
/// or `StringLike "*"` on it do not.
pub fn narrowing_keys(statement: &Node) -> Vec<&str> {
    let Some(cond) = statement.get("Condition").and_then(Node::as_object) else {
        return Vec::new();
    };
    let mut keys = Vec::new();
    for op in cond {
        let Ok(parsed) = crate::iam::parse_operator(&op.key) else {
            continue;
        };
        if !parsed.requires_match() {
            continue;
        }
        let like = parsed.is_like();
        if let Some(entries) = op.value.as_object() {
            keys.extend(
                entries
                    .iter()
                    .filter(|e| !(is_empty_value(&e.value) || like && admits_anyone(&e.value)))
                    .map(|e| e.key.as_str()),
            );
        }
    }
    keys
}

/// Whether a `...Like` value admits any caller that has the key at all: a
/// value of wildcards only (`"*"`), or an ARN whose account is a wildcard
/// (`arn:aws:iam::*:role/admin`, which anyone can create in their account).
/// The values of one key are alternatives, so one such value is enough.
pub fn admits_anyone(n: &Node) -> bool {
    let wide = |v: &str| {
        v.chars().all(|c| c == '*' || c == '?')
            || crate::arn::parse(v).is_ok_and(|a| a.account.text.contains(['*', '?']))
    };
    match &n.value {
        Value::String(s) => wide(s),
        Value::Array(a) => a.iter().filter_map(Node::as_str).any(wide),
        _ => false,
    }
}

/// Is an `Allow` statement guarded by a `Deny` elsewhere in the policy that
/// denies everyone its actions unless a condition key matches, e.g.
/// `{"Effect": "Deny", "Principal": "*", "Action": "imagebuilder:*",
/// "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID":
/// "o-..."}}}`? The guard counts when every operator of its condition is a
/// negated String or ARN operator, one of its keys satisfies `key_ok`, its
/// actions cover every action of the statement and its resources cover the
/// statement's.
pub fn guarded(statement: &Node, all: &[Statement<'_>], key_ok: &dyn Fn(&str) -> bool) -> bool {
    let Some(allow) = all.iter().find(|s| std::ptr::eq(s.node, statement)) else {
        return false;
    };
    let actions: Vec<&str> = allow
        .values("Action")
        .iter()
        .filter_map(Item::as_str)
        .collect();
    let resources: Vec<&str> = allow
        .values("Resource")
        .iter()
        .filter_map(Item::as_str)
        .collect();
    if actions.is_empty() {
        return false;
    }
    all.iter()
        .filter(|s| s.effect() == Some("Deny"))
        .any(|deny| {
            let everyone = deny
                .aws_principals(false)
                .iter()
                .any(|i| i.as_str() == Some("*"));
            let Some(cond) = deny.get("Condition").and_then(Node::as_object) else {
                return false;
            };
            let mut keys = Vec::new();
            for op in cond {
                let Ok(parsed) = crate::iam::parse_operator(&op.key) else {
                    return false;
                };
                let negated_string = parsed.is_negated()
                    && matches!(
                        parsed.family,
                        crate::iam::Family::String | crate::iam::Family::Arn
                    );
                if !negated_string || parsed.qualifier.is_some() {
                    return false;
                }
                keys.extend(
                    op.value
                        .as_object()
                        .unwrap_or(&[])
                        .iter()
                        .map(|e| e.key.as_str()),
                );
            }
            let patterns: Vec<&str> = deny
                .values("Action")
                .iter()
                .filter_map(Item::as_str)
                .collect();
            let covers_actions = actions.iter().all(|a| {
                patterns
                    .iter()
                    .any(|p| crate::arn::wildcard_match_ignore_case(p, a))
            });
            let deny_resources: Vec<&str> = deny
                .values("Resource")
                .iter()
                .filter_map(Item::as_str)
                .collect();
            let covers_resources = deny_resources.contains(&"*")
                || (!resources.is_empty()
                    && resources.iter().all(|r| {
                        deny_resources
                            .iter()
                            .any(|p| crate::arn::wildcard_match(p, r))
                    }));
            everyone && keys.iter().any(|k| key_ok(k)) && covers_actions && covers_resources
        })
}

fn is_empty_value(n: &Node) -> bool {
    match &n.value {
        Value::Array(a) => a.is_empty(),
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn statement_object_or_list() {
        let one = parse(r#"{"Statement": {"Effect": "Allow"}}"#).unwrap();
        let s = statements(&one);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].path.to_string(), "Statement");
        let many = parse(r#"{"Statement": [{"Effect": "Allow"}, 3, {"Effect": "Deny"}]}"#).unwrap();
        let s = statements(&many);
        assert_eq!(
            s.iter().map(|s| s.path.to_string()).collect::<Vec<_>>(),
            ["Statement[0]", "Statement[2]"]
        );
    }

    #[test]
    fn only_positive_operators_narrow() {
        let p = parse(
            r#"{"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}, "StringNotEquals": {"aws:SourceAccount": "1"},
                "StringEqualsIfExists": {"aws:PrincipalAccount": "1"}, "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": ["o-1/*"]},
                "StringLike": {"aws:PrincipalArn": []}}}"#,
        )
        .unwrap();
        assert_eq!(
            narrowing_keys(&p),
            ["aws:PrincipalOrgID", "aws:PrincipalOrgPaths"]
        );
    }

    #[test]
    fn like_values_that_admit_anyone_do_not_narrow() {
        let p = parse(
            r#"{"Condition": {"StringLike": {"aws:PrincipalOrgID": "*", "aws:PrincipalAccount": ["1234*", "?*"]},
                "ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin", "aws:SourceArn": "arn:aws:s3:::bucket-*"},
                "StringEquals": {"aws:SourceAccount": "*"}}}"#,
        )
        .unwrap();
        // A literal "*" under StringEquals matches only the text "*": it narrows.
        assert_eq!(narrowing_keys(&p), ["aws:SourceArn", "aws:SourceAccount"]);
    }

    #[test]
    fn principal_star_reads_as_aws_star() {
        let p = parse(r#"{"Statement": [{"Principal": "*"}, {"Principal": {"AWS": ["1", "*"], "Service": "x"}}]}"#).unwrap();
        let s = statements(&p);
        let a: Vec<_> = s[0]
            .aws_principals(false)
            .iter()
            .map(|i| i.as_str().unwrap())
            .collect();
        assert_eq!(a, ["*"]);
        let b: Vec<_> = s[1]
            .aws_principals(false)
            .iter()
            .map(|i| i.path.to_string())
            .collect();
        assert_eq!(
            b,
            [
                "Statement[1].Principal.AWS[0]",
                "Statement[1].Principal.AWS[1]"
            ]
        );
    }
}
