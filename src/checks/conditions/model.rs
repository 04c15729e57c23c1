//! What the condition checks share: a walk over every condition block, and
//! the decisions that keep to one diagnostic per mistake (a check whose
//! finding would only repeat another's root cause stays quiet).

use super::values;
use crate::engine::Ctx;
use crate::iam::{self, Family, GlobalKey, KeyType, Operator, OperatorError};
use crate::json::{Member, Node, Path, Value};
use crate::policy::{items, Item, Statement};
use crate::source::Span;
use std::borrow::Cow;
use std::ops::Range;

/// One member of a `Condition` object: an operator and its block.
pub struct Block<'a> {
    pub statement: Statement<'a>,
    pub member: &'a Member,
    /// `Statement[i].Condition.<operator>`.
    pub path: Path,
    pub op: Result<Operator, OperatorError>,
}

/// One condition key under a valid operator whose block is an object.
pub struct Entry<'a> {
    pub statement: Statement<'a>,
    pub op_member: &'a Member,
    pub op: Operator,
    pub key: &'a Member,
    /// `Statement[i].Condition.<operator>.<key>`.
    pub path: Path,
    /// The values: a list's elements, or the one value.
    pub values: Vec<Item<'a>>,
}

/// Every `Condition` that is an object, with its statement and path.
pub fn conditions<'a>(ctx: &Ctx<'a>) -> Vec<(Statement<'a>, &'a Member)> {
    ctx.statements
        .iter()
        .filter_map(|st| {
            let m = st.member("Condition")?;
            m.value.as_object()?;
            Some((st.clone(), m))
        })
        .collect()
}

/// Every operator of every condition block.
pub fn blocks<'a>(ctx: &Ctx<'a>) -> Vec<Block<'a>> {
    let mut out = Vec::new();
    for (st, cond) in conditions(ctx) {
        let base = st.path.key("Condition");
        for m in cond.value.as_object().unwrap_or_default() {
            out.push(Block {
                statement: st.clone(),
                member: m,
                path: base.key(&m.key),
                op: iam::parse_operator(&m.key),
            });
        }
    }
    out
}

/// Every condition key under a valid operator.
pub fn entries<'a>(ctx: &Ctx<'a>) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    for b in blocks(ctx) {
        let Ok(op) = b.op else { continue };
        let Some(keys) = b.member.value.as_object() else {
            continue;
        };
        for k in keys {
            let path = b.path.key(&k.key);
            out.push(Entry {
                statement: b.statement.clone(),
                op_member: b.member,
                op,
                key: k,
                values: items(&k.value, &path),
                path,
            });
        }
    }
    out
}

impl<'a> Entry<'a> {
    /// The key, when it is well formed and known (global or `imagebuilder:`).
    pub fn key_info(&self) -> Option<&'static GlobalKey> {
        if !key_format_ok(&self.key.key) {
            return None;
        }
        iam::condition_key(&self.key.key)
    }

    /// The key's type when the operator's family does not fit it: the one
    /// root cause that silences the value checks of this key.
    pub fn type_mismatch(&self) -> Option<KeyType> {
        let k = self.key_info()?;
        (!k.ty.fits(self.op.family)).then_some(k.ty)
    }

    /// Is the key this global key (case-insensitively)?
    pub fn key_is(&self, name: &str) -> bool {
        self.key.key.eq_ignore_ascii_case(name)
    }

    /// The values that are strings, numbers or Booleans (the others are
    /// reported by `condition-value-type`).
    pub fn scalars(&self) -> Vec<&Item<'a>> {
        self.values.iter().filter(|i| is_scalar(i.node)).collect()
    }

    /// The value nodes are written as a list.
    pub fn is_list(&self) -> bool {
        matches!(self.key.value.value, Value::Array(_))
    }
}

/// `prefix:name`, with a prefix free of white space and a non-empty name.
pub fn key_format_ok(key: &str) -> bool {
    match key.split_once(':') {
        Some((prefix, name)) => {
            !prefix.is_empty()
                && !name.is_empty()
                && !prefix.chars().any(char::is_whitespace)
                && !key.starts_with(char::is_whitespace)
                && !key.ends_with(char::is_whitespace)
        }
        None => false,
    }
}

pub fn is_scalar(n: &Node) -> bool {
    matches!(
        n.value,
        Value::String(_) | Value::Number(_) | Value::Bool(_)
    )
}

/// A scalar's text as IAM reads it: a string's content, a number as
/// written, `true` or `false`.
pub fn text(n: &Node) -> Option<Cow<'_, str>> {
    match &n.value {
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Number(s) => Some(Cow::Borrowed(s)),
        Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
        _ => None,
    }
}

/// Does this string hold a policy variable (anything starting `${`)?
pub fn has_variable(s: &str) -> bool {
    s.contains("${")
}

/// The policy's `Version` as it bears on policy variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionState {
    /// `2012-10-17`: variables are substituted.
    Current,
    /// `2008-10-17`, or no `Version`: `${...}` is literal text.
    Old,
    /// Anything else (another rule reports it).
    Invalid,
}

pub fn version<'a>(ctx: &Ctx<'a>) -> (VersionState, Option<&'a Node>) {
    let Some(view) = &ctx.policy else {
        return (VersionState::Invalid, None);
    };
    match view.root.get("Version") {
        None => (VersionState::Old, None),
        Some(n) => match n.as_str() {
            Some("2012-10-17") => (VersionState::Current, Some(n)),
            Some("2008-10-17") => (VersionState::Old, Some(n)),
            _ => (VersionState::Invalid, Some(n)),
        },
    }
}

/// The file span of bytes `range` of a string node's decoded content.
pub fn sub(ctx: &Ctx<'_>, node: &Node, range: Range<usize>) -> Span {
    match &ctx.policy {
        Some(v) => v.substring(node, range),
        None => node.span,
    }
}

/// The file span of a node of the policy.
pub fn file_span(ctx: &Ctx<'_>, span: Span) -> Span {
    match &ctx.policy {
        Some(v) => v.file_span(span),
        None => span,
    }
}

/// `an` or `a` before a word.
pub fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some(c) if "aeiouAEIOU".contains(c) => "an",
        _ => "a",
    }
}

/// What operators of a family compare, for messages: "dates", "IP addresses", ...
pub fn compares(family: Family) -> &'static str {
    match family {
        Family::String => "strings",
        Family::Numeric => "numbers",
        Family::Date => "dates",
        Family::Bool => "Booleans",
        Family::Binary => "base64-encoded bytes",
        Family::Ip => "IP addresses",
        Family::Arn => "ARNs",
        Family::Null => "whether a key is present",
    }
}

/// The family's value kind, for messages: "a date", "an IP address or CIDR range", ...
pub fn expected_value(family: Family) -> &'static str {
    match family {
        Family::String => "a string",
        Family::Numeric => "a number such as \"10\" or \"2.5\"",
        Family::Date => "a date such as \"2025-01-31\" or \"2025-01-31T12:00:00Z\"",
        Family::Bool | Family::Null => "\"true\" or \"false\"",
        Family::Binary => "base64-encoded bytes",
        Family::Ip => "an IPv4 or IPv6 address or CIDR range such as \"203.0.113.0/24\"",
        Family::Arn => "an ARN with six colon-separated parts",
    }
}

/// Does a value fit the operator's family? (`None`: nothing to say, e.g.
/// String operators, or a value holding a variable.)
pub fn value_fits(family: Family, n: &Node) -> Option<bool> {
    let t = text(n)?;
    if has_variable(&t) {
        return None;
    }
    let is_bool = matches!(n.value, Value::Bool(_));
    let is_num = matches!(n.value, Value::Number(_));
    Some(match family {
        Family::String => return None,
        Family::Numeric => !is_bool && values::is_number(&t),
        Family::Date => !is_bool && values::parse_date(&t).is_some(),
        Family::Bool | Family::Null => !is_num && values::is_bool(&t),
        Family::Binary => !is_bool && values::is_base64(&t),
        Family::Ip => !is_bool && !is_num && values::Cidr::parse(&t).is_some(),
        Family::Arn => !is_bool && !is_num && values::arn_shape(&t).is_ok(),
    })
}

/// Every string where policy variables are substituted: the values of
/// `Resource` and `NotResource`, and condition values.
pub fn variable_sites<'a>(ctx: &Ctx<'a>) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    for st in &ctx.statements {
        for el in ["Resource", "NotResource"] {
            out.extend(st.values(el).into_iter().filter(|i| i.as_str().is_some()));
        }
    }
    for e in entries(ctx) {
        out.extend(e.values.into_iter().filter(|i| i.as_str().is_some()));
    }
    out.sort_by_key(|i| i.node.span.start);
    out
}

/// The full path (from the file's root) of a path inside the policy.
pub fn file_path(ctx: &Ctx<'_>, path: &Path) -> Path {
    match &ctx.policy {
        Some(v) => v.file_path(path),
        None => path.clone(),
    }
}

/// A finding on a span that is already a file span (from [`sub`]), at a
/// path inside the policy.
pub fn finding_at(ctx: &Ctx<'_>, file_span: Span, path: &Path) -> crate::engine::Finding {
    crate::engine::Finding::new(file_span, self::file_path(ctx, path))
}
