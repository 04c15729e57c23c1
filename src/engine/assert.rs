//! Assertion functions of declarative rules.

use super::rule::CheckSpec;
use super::selector::Hit;
use super::RuleError;
use crate::document::PolicyView;
use crate::json::Node;
use crate::source::Span;
use regex::Regex;
use toml::Spanned;

pub const FUNCTIONS: [&str; 14] = [
    "required",
    "exclusive",
    "absent",
    "one-of",
    "none-of",
    "matches",
    "not-matches",
    "type",
    "unique",
    "max-length",
    "non-empty",
    "arn",
    "equals-target",
    "is-string",
];

const JSON_TYPES: [&str; 6] = ["string", "number", "boolean", "null", "array", "object"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    All,
    Any,
    ExactlyOne,
}

#[derive(Debug)]
pub enum Assertion {
    Required {
        keys: Vec<String>,
        count: Count,
    },
    Absent,
    /// At most one key of each group may be present.
    Exclusive(Vec<Vec<String>>),
    OneOf {
        values: Vec<String>,
        ignore_case: bool,
    },
    NoneOf {
        values: Vec<String>,
        ignore_case: bool,
    },
    Matches(Regex),
    NotMatches(Regex),
    Type(Vec<String>),
    Unique,
    MaxLength(usize),
    /// Not an empty array, object or string; with types, only values of those types are judged.
    NonEmpty(Vec<String>),
    Arn(ArnConstraints),
    EqualsTarget,
}

#[derive(Debug, Default)]
pub struct ArnConstraints {
    pub service: Option<String>,
    pub resource_types: Vec<String>,
    pub partitions: Vec<String>,
    pub account: Option<Regex>,
    pub allow_star: bool,
}

/// The outcome of one assertion on one hit.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub ok: bool,
    /// The key the verdict is about, when it is a member of the hit (its path is the hit's path plus this key).
    pub key: Option<String>,
    /// File span to report at.
    pub span: Span,
    pub vars: Vec<(&'static str, String)>,
    pub suggestion: Option<String>,
}

/// The regex crate refuses patterns whose compiled form is larger than this.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

fn compile_regex(
    p: &Spanned<String>,
    err: &dyn Fn(std::ops::Range<usize>, String) -> RuleError,
) -> Result<Regex, RuleError> {
    regex::RegexBuilder::new(p.get_ref())
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| {
            err(
                p.span(),
                format!(
                    "invalid regular expression: {}",
                    first_line_trimmed(&e.to_string())
                ),
            )
        })
}

fn first_line_trimmed(s: &str) -> String {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Assertion {
    pub fn compile(
        name: &Spanned<String>,
        c: &CheckSpec,
        err: &dyn Fn(std::ops::Range<usize>, String) -> RuleError,
    ) -> Result<Assertion, RuleError> {
        let need = |what: &str| {
            err(
                name.span(),
                format!("`assert = \"{}\"` needs `{what}`", name.get_ref()),
            )
        };
        Ok(match name.get_ref().as_str() {
            "required" => {
                let count = match c.count.as_ref().map(|s| s.get_ref().as_str()) {
                    None | Some("all") => Count::All,
                    Some("any") => Count::Any,
                    Some("exactly-one") => Count::ExactlyOne,
                    Some(other) => {
                        return Err(err(
                            c.count.as_ref().map_or(name.span(), |s| s.span()),
                            format!("unknown count `{other}`; expected all, any or exactly-one"),
                        ))
                    }
                };
                Assertion::Required {
                    keys: c.keys.clone().unwrap_or_default(),
                    count,
                }
            }
            "absent" => Assertion::Absent,
            "exclusive" => Assertion::Exclusive(c.groups.clone().ok_or_else(|| need("groups"))?),
            "one-of" => Assertion::OneOf {
                values: c.values.clone().ok_or_else(|| need("values"))?,
                ignore_case: c.ignore_case,
            },
            "none-of" => Assertion::NoneOf {
                values: c.values.clone().ok_or_else(|| need("values"))?,
                ignore_case: c.ignore_case,
            },
            "matches" => Assertion::Matches(compile_regex(
                c.pattern.as_ref().ok_or_else(|| need("pattern"))?,
                err,
            )?),
            "not-matches" => Assertion::NotMatches(compile_regex(
                c.pattern.as_ref().ok_or_else(|| need("pattern"))?,
                err,
            )?),
            "type" | "is-string" => {
                let types = match &c.types {
                    Some(t) => {
                        for ty in t.get_ref() {
                            if !JSON_TYPES.contains(&ty.as_str()) {
                                return Err(err(
                                    t.span(),
                                    format!(
                                        "unknown JSON type `{ty}`; expected one of {}",
                                        JSON_TYPES.join(", ")
                                    ),
                                ));
                            }
                        }
                        t.get_ref().clone()
                    }
                    None if name.get_ref() == "is-string" => vec!["string".into()],
                    None => return Err(need("types")),
                };
                Assertion::Type(types)
            }
            "unique" => Assertion::Unique,
            "max-length" => Assertion::MaxLength(c.max.ok_or_else(|| need("max"))?),
            "non-empty" => Assertion::NonEmpty(match &c.types {
                Some(t) => {
                    for ty in t.get_ref() {
                        if !["string", "array", "object"].contains(&ty.as_str()) {
                            return Err(err(
                                t.span(),
                                format!(
                                    "non-empty takes types string, array or object, not `{ty}`"
                                ),
                            ));
                        }
                    }
                    t.get_ref().clone()
                }
                None => Vec::new(),
            }),
            "arn" => Assertion::Arn(ArnConstraints {
                service: c.service.clone(),
                resource_types: c.resource_types.clone().unwrap_or_default(),
                partitions: c.partitions.clone().unwrap_or_default(),
                account: c
                    .account
                    .as_ref()
                    .map(|a| compile_regex(a, err))
                    .transpose()?,
                allow_star: c.allow_star.unwrap_or(true),
            }),
            "equals-target" => Assertion::EqualsTarget,
            other => {
                let hint = super::did_you_mean(other, FUNCTIONS.iter().copied())
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(err(
                    name.span(),
                    format!(
                        "unknown assertion function `{other}`{hint} (known: {})",
                        FUNCTIONS.join(", ")
                    ),
                ));
            }
        })
    }

    /// The message variables this assertion fills in.
    pub fn variables(&self) -> &'static [&'static str] {
        match self {
            Assertion::Required { .. } => &["key", "keys", "found", "missing"],
            Assertion::Exclusive(_) => &["key", "other", "keys"],
            Assertion::Absent => &["key"],
            Assertion::OneOf { .. } | Assertion::NoneOf { .. } => {
                &["value", "expected", "suggestion"]
            }
            Assertion::Matches(_) | Assertion::NotMatches(_) => &["value", "expected"],
            Assertion::Type(_) => &["value", "found", "expected"],
            Assertion::Unique => &["value"],
            Assertion::MaxLength(_) => &["value", "length", "expected"],
            Assertion::NonEmpty(_) => &["found"],
            Assertion::Arn(_) => &["value", "expected"],
            Assertion::EqualsTarget => &["value", "target"],
        }
    }

    /// Judges one hit. `None`: the assertion does not apply to it (a value
    /// of another type, which another rule reports).
    pub fn judge(
        &self,
        hit: &Hit<'_>,
        view: &PolicyView<'_>,
        target: Option<&str>,
    ) -> Vec<Verdict> {
        match self {
            Assertion::Exclusive(groups) => judge_exclusive(groups, hit, view),
            _ => self.judge_one(hit, view, target).into_iter().collect(),
        }
    }

    fn judge_one(
        &self,
        hit: &Hit<'_>,
        view: &PolicyView<'_>,
        target: Option<&str>,
    ) -> Option<Verdict> {
        let here = |ok: bool, vars: Vec<(&'static str, String)>| {
            Some(Verdict {
                key: None,
                ok,
                span: hit_span(hit, view),
                vars,
                suggestion: None,
            })
        };
        match self {
            Assertion::Required { keys, count } => {
                // An empty object (other than the document itself) is reported
                // as empty by its own rule, not as missing each of its keys.
                let object = if keys.is_empty() {
                    Some(hit.parent)
                } else {
                    hit.node
                };
                if object.is_some_and(|o| {
                    o.as_object().is_some_and(<[_]>::is_empty) && o.span != view.root.span
                }) {
                    return None;
                }
                if keys.is_empty() {
                    let misspelt_here = hit
                        .missing
                        .as_deref()
                        .is_some_and(|k| hit.parent.as_object().is_some_and(|m| misspelt(m, k)));
                    let missing = hit.node.is_none() && !misspelt_here;
                    let span = if missing {
                        view.file_span(hit.parent.head())
                    } else {
                        hit_span(hit, view)
                    };
                    return Some(Verdict {
                        key: None,
                        ok: !missing,
                        span,
                        vars: vec![("key", hit.missing.clone().unwrap_or_default())],
                        suggestion: None,
                    });
                }
                let node = hit.node?;
                let members = node.as_object()?;
                let present: Vec<&crate::json::Member> = keys
                    .iter()
                    .filter_map(|k| members.iter().find(|m| &m.key == k))
                    .collect();
                let keys_text = keys
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                // A key written under a near-miss name is reported by the
                // unknown-element rules, with a did-you-mean; not as missing too.
                let absent: Vec<&String> = keys
                    .iter()
                    .filter(|k| !present.iter().any(|m| &&m.key == k) && !misspelt(members, k))
                    .collect();
                let (ok, span) = match count {
                    Count::All => (absent.is_empty(), node.head()),
                    Count::Any => (
                        !present.is_empty() || absent.len() < keys.len(),
                        node.head(),
                    ),
                    Count::ExactlyOne if present.len() > 1 => {
                        let second = present
                            .iter()
                            .max_by_key(|m| m.key_span.start)
                            .map(|m| m.key_span)
                            .unwrap_or(node.head());
                        (false, second)
                    }
                    Count::ExactlyOne => {
                        (present.len() == 1 || absent.len() < keys.len(), node.head())
                    }
                };
                let found_text = match present.len() {
                    0 => "none of them".to_string(),
                    _ => present
                        .iter()
                        .map(|m| format!("`{}`", m.key))
                        .collect::<Vec<_>>()
                        .join(" and "),
                };
                let missing: Vec<String> = keys
                    .iter()
                    .filter(|k| !present.iter().any(|m| &&m.key == k))
                    .map(|k| format!("`{k}`"))
                    .collect();
                Some(Verdict {
                    key: None,
                    ok,
                    span: view.file_span(span),
                    vars: vec![
                        ("keys", keys_text),
                        ("found", found_text),
                        ("missing", missing.join(", ")),
                    ],
                    suggestion: None,
                })
            }
            Assertion::Absent => {
                let node = hit.node?;
                let span = hit.member.map(|m| m.key_span).unwrap_or(node.span);
                let key = hit.member.map(|m| m.key.clone()).unwrap_or_default();
                Some(Verdict {
                    key: None,
                    ok: false,
                    span: view.file_span(span),
                    vars: vec![("key", key)],
                    suggestion: None,
                })
            }
            Assertion::Exclusive(_) => None,
            Assertion::OneOf {
                values,
                ignore_case,
            }
            | Assertion::NoneOf {
                values,
                ignore_case,
            } => {
                let text = hit.text()?;
                let found = values.iter().any(|v| {
                    if *ignore_case {
                        v.eq_ignore_ascii_case(text)
                    } else {
                        v == text
                    }
                });
                let is_one_of = matches!(self, Assertion::OneOf { .. });
                let mut v = here(
                    found == is_one_of,
                    vec![
                        ("value", text.to_string()),
                        ("expected", quote_list(values)),
                    ],
                )?;
                if is_one_of && !found {
                    v.suggestion = super::did_you_mean(text, values.iter().map(String::as_str))
                        .map(str::to_string);
                }
                Some(v)
            }
            Assertion::Matches(re) | Assertion::NotMatches(re) => {
                let text = hit.text()?;
                let m = re.is_match(text);
                here(
                    m == matches!(self, Assertion::Matches(_)),
                    vec![
                        ("value", text.to_string()),
                        ("expected", re.as_str().to_string()),
                    ],
                )
            }
            Assertion::Type(types) => {
                let node = hit.node?;
                let t = node.type_name();
                let span = match &node.value {
                    crate::json::Value::Array(_) | crate::json::Value::Object(_) => node.head(),
                    _ => node.span,
                };
                let expected = types.join(" or ");
                let value = match &node.value {
                    crate::json::Value::String(s) => s.clone(),
                    crate::json::Value::Number(n) => n.clone(),
                    crate::json::Value::Bool(b) => b.to_string(),
                    crate::json::Value::Null => "null".into(),
                    crate::json::Value::Array(_) => "[...]".into(),
                    crate::json::Value::Object(_) => "{...}".into(),
                };
                Some(Verdict {
                    key: None,
                    ok: types.iter().any(|x| x == t),
                    span: view.file_span(span),
                    vars: vec![
                        ("found", t.to_string()),
                        ("expected", expected),
                        ("value", value),
                    ],
                    suggestion: None,
                })
            }
            Assertion::MaxLength(max) => {
                let text = hit.text()?;
                let n = text.chars().count();
                here(
                    n <= *max,
                    vec![
                        ("value", text.to_string()),
                        ("length", n.to_string()),
                        ("expected", max.to_string()),
                    ],
                )
            }
            Assertion::NonEmpty(types) => {
                let node = hit.node?;
                if !types.is_empty() && !types.iter().any(|t| t == node.type_name()) {
                    return None;
                }
                let empty = match &node.value {
                    crate::json::Value::Array(a) => a.is_empty(),
                    crate::json::Value::Object(o) => o.is_empty(),
                    crate::json::Value::String(s) => s.is_empty(),
                    _ => return None,
                };
                Some(Verdict {
                    key: None,
                    ok: !empty,
                    span: view.file_span(node.span),
                    vars: vec![("found", node.type_name().to_string())],
                    suggestion: None,
                })
            }
            Assertion::Arn(c) => {
                let node = hit.node?;
                let text = node.as_str()?;
                judge_arn(c, text, node, view)
            }
            Assertion::EqualsTarget => {
                let target = target?;
                let text = hit.text()?;
                // A value that is not even an ARN, or names no Image Builder
                // resource type, is the ARN rules' finding (one mistake, one
                // diagnostic).
                if text != "*" {
                    let Ok(a) = crate::arn::parse(text) else {
                        return None;
                    };
                    let rt = a.resource.text.split('/').next().unwrap_or("");
                    if a.service.text == "imagebuilder"
                        && !rt.contains(['*', '?'])
                        && !crate::arn::IMAGEBUILDER_RESOURCE_TYPES.contains(&rt)
                    {
                        return None;
                    }
                }
                let ok = crate::arn::wildcard_match(text, target);
                here(
                    ok,
                    vec![("value", text.to_string()), ("target", target.to_string())],
                )
            }
            Assertion::Unique => None,
        }
    }
}

/// One verdict per group with more than one key present (at the later key),
/// or a single passing verdict.
fn judge_exclusive(groups: &[Vec<String>], hit: &Hit<'_>, view: &PolicyView<'_>) -> Vec<Verdict> {
    let Some(members) = hit.node.and_then(|n| n.as_object()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for g in groups {
        // Distinct keys only: the same key twice is the duplicate-key rule's.
        let mut present: Vec<&crate::json::Member> = Vec::new();
        for m in members.iter().filter(|m| g.contains(&m.key)) {
            if !present.iter().any(|p| p.key == m.key) {
                present.push(m);
            }
        }
        if let [first, second, ..] = present.as_slice() {
            out.push(Verdict {
                ok: false,
                key: Some(second.key.clone()),
                span: view.file_span(second.key_span),
                vars: vec![
                    ("key", second.key.clone()),
                    ("other", first.key.clone()),
                    ("keys", quote_list(g)),
                ],
                suggestion: None,
            });
        }
    }
    if out.is_empty() {
        out.push(Verdict {
            ok: true,
            key: None,
            span: hit_span(hit, view),
            vars: Vec::new(),
            suggestion: None,
        });
    }
    out
}

fn judge_arn(
    c: &ArnConstraints,
    text: &str,
    node: &Node,
    view: &PolicyView<'_>,
) -> Option<Verdict> {
    let fail = |range: std::ops::Range<usize>, why: String| {
        Some(Verdict {
            key: None,
            ok: false,
            span: view.substring(node, range),
            vars: vec![("value", text.to_string()), ("expected", why)],
            suggestion: None,
        })
    };
    if text == "*" && c.allow_star {
        return Some(Verdict {
            key: None,
            ok: true,
            span: view.file_span(node.span),
            vars: vec![],
            suggestion: None,
        });
    }
    let arn = match crate::arn::parse(text) {
        Ok(a) => a,
        Err(e) => return fail(e.range, e.message),
    };
    if !c.partitions.is_empty() && !c.partitions.iter().any(|p| p == arn.partition.text) {
        return fail(
            arn.partition.range.clone(),
            format!("partition one of {}", quote_list(&c.partitions)),
        );
    }
    if let Some(s) = &c.service {
        if arn.service.text != s {
            return fail(arn.service.range.clone(), format!("service `{s}`"));
        }
    }
    if let Some(re) = &c.account {
        if !re.is_match(arn.account.text) {
            return fail(
                arn.account.range.clone(),
                format!("account matching `{}`", re.as_str()),
            );
        }
    }
    if !c.resource_types.is_empty() {
        let rt = arn.resource.text.split(['/', ':']).next().unwrap_or("");
        if !c
            .resource_types
            .iter()
            .any(|t| crate::arn::wildcard_match(rt, t))
        {
            let r = arn.resource.range.start..arn.resource.range.start + rt.len();
            return fail(
                r,
                format!("resource type one of {}", quote_list(&c.resource_types)),
            );
        }
    }
    Some(Verdict {
        key: None,
        ok: true,
        span: view.file_span(node.span),
        vars: vec![("value", text.to_string())],
        suggestion: None,
    })
}

/// Does an object have `key` under a near-miss name (other case, a typo)?
fn misspelt(members: &[crate::json::Member], key: &str) -> bool {
    members
        .iter()
        .any(|m| m.key != key && super::did_you_mean(&m.key, std::iter::once(key)).is_some())
}

pub fn quote_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The file span of a hit: its key for `@keys` hits, otherwise its value.
pub fn hit_span(hit: &Hit<'_>, view: &PolicyView<'_>) -> Span {
    if hit.is_key {
        if let Some(m) = hit.member {
            return view.file_span(m.key_span);
        }
    }
    match hit.node {
        Some(n) => view.file_span(n.span),
        None => view.file_span(hit.parent.head()),
    }
}
