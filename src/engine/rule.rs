//! The rule file format (one TOML file per rule) and its compilation.

use super::assert::Assertion;
use super::selector::Selector;
use super::RuleError;
use crate::arn::Kind;
use crate::diagnostic::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

pub const CATEGORIES: [&str; 6] = [
    "syntax",
    "grammar",
    "arn",
    "imagebuilder",
    "security",
    "style",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub severity: Spanned<String>,
    pub category: Spanned<String>,
    #[serde(default)]
    pub applies_to: Option<Spanned<OneOrMany>>,
    pub summary: String,
    pub message: String,
    #[serde(default)]
    pub help: Option<String>,
    pub source: Spanned<String>,
    #[serde(default)]
    pub docs: Option<Spanned<String>>,
    #[serde(default)]
    pub examples: Vec<Spanned<Example>>,
    pub check: Spanned<CheckSpec>,
    /// IAM Access Analyzer issue codes and parliament findings this rule covers.
    #[serde(default)]
    pub covers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckSpec {
    /// A check written in Rust (`src/checks/`), by name.
    #[serde(default)]
    pub native: Option<Spanned<String>>,
    /// Declarative: what to visit.
    #[serde(default)]
    pub select: Option<Spanned<OneOrMany>>,
    /// Declarative: keep only hits whose statement has these element values.
    #[serde(default, rename = "where")]
    pub where_: Option<Spanned<BTreeMap<String, WhereValue>>>,
    /// Declarative: the assertion function.
    #[serde(default)]
    pub assert: Option<Spanned<String>>,
    /// `all` (every hit must pass; default), `any` (one must), `none` (none may).
    #[serde(default)]
    pub quantifier: Option<Spanned<String>>,
    #[serde(default)]
    pub values: Option<Vec<String>>,
    #[serde(default)]
    pub ignore_case: bool,
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub keys: Option<Vec<String>>,
    /// For `exclusive`: groups of keys of which at most one may be present.
    #[serde(default)]
    pub groups: Option<Vec<Vec<String>>>,
    /// For `required` with `keys`: `all`, `any` or `exactly-one`.
    #[serde(default)]
    pub count: Option<Spanned<String>>,
    #[serde(default)]
    pub types: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub max: Option<usize>,
    /// For `arn`: constraints.
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub resource_types: Option<Vec<String>>,
    #[serde(default)]
    pub partitions: Option<Vec<String>>,
    #[serde(default)]
    pub account: Option<Spanned<String>>,
    #[serde(default)]
    pub allow_star: Option<bool>,
    /// Skip statements whose Condition narrows them by one of these keys
    /// (a positive operator without IfExists or ForAllValues: e.g.
    /// `StringEquals` on `aws:PrincipalOrgID`).
    #[serde(default)]
    pub unless_narrowed_by: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum WhereValue {
    Equals(String),
    OneOf(Vec<String>),
    Present {
        present: bool,
    },
    /// No value of the element (a string or each string of a list) matches
    /// this regex (case-insensitively).
    NoneMatch {
        #[serde(rename = "none-match")]
        none_match: String,
    },
}

/// A compiled `where` entry.
#[derive(Debug)]
pub enum Filter {
    Equals(String),
    OneOf(Vec<String>),
    Present(bool),
    NoneMatch(regex::Regex),
}

/// The statement elements a `where` clause may name.
pub const STATEMENT_ELEMENTS: [&str; 9] = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Example {
    /// `pass` or `fail`.
    pub kind: String,
    /// The file's content: a policy, request or response.
    pub input: String,
    /// `--arn` for a bare policy.
    #[serde(default)]
    pub arn: Option<String>,
    /// Rule parameters, as the configuration's `[params]` would give them.
    #[serde(default)]
    pub params: BTreeMap<String, toml::Value>,
    /// For `fail`: where the rule must fire (all of them, and nowhere else).
    #[serde(default)]
    pub expect: Vec<Expect>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// JSON path from the file's root, e.g. `Statement[0].Action[1]`.
    #[serde(default)]
    pub path: Option<String>,
    /// `line:column` of the span's start.
    #[serde(default)]
    pub at: Option<String>,
}

/// A rule ready to run.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub severity: Severity,
    pub category: String,
    /// Empty: applies to every policy. Otherwise only to these kinds (and
    /// only when the kind is known).
    pub applies_to: Vec<Kind>,
    pub summary: String,
    pub message: String,
    pub help: Option<String>,
    pub source: String,
    pub docs: String,
    pub examples: Vec<Example>,
    pub check: Check,
    /// Access Analyzer issue codes and parliament findings it covers.
    pub covers: Vec<String>,
    /// Where the rule came from (`rules/...` for built-in rules).
    pub file: String,
    pub builtin: bool,
}

#[derive(Debug)]
pub enum Check {
    Native(super::NativeFn, String),
    Declarative(Declarative),
}

#[derive(Debug)]
pub struct Declarative {
    pub selectors: Vec<Selector>,
    pub filter: Vec<(String, Filter)>,
    pub unless_narrowed_by: Vec<String>,
    pub assertion: Assertion,
    pub quantifier: Quantifier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    All,
    Any,
    None,
}

const DOC_HEADINGS: [&str; 4] = ["## What it checks", "## Why", "## Example", "## Fix"];

/// Parses and compiles one rule file; every error points into the file.
pub fn compile(file: &str, text: &str, builtin: bool) -> Result<Rule, RuleError> {
    compile_as(file, text, builtin, false)
}

/// `lean`: a built-in rule embedded without its docs and examples (for check
/// runs); the full file is validated by the test suite.
pub fn compile_as(file: &str, text: &str, builtin: bool, lean: bool) -> Result<Rule, RuleError> {
    let err = |span: std::ops::Range<usize>, message: String| {
        RuleError::new(file, text, Some(span), message)
    };
    let raw: RuleFile = toml::from_str(text).map_err(|e| {
        RuleError::new(
            file,
            text,
            e.span(),
            format!("invalid rule file: {}", e.message()),
        )
    })?;

    let id = raw.id.get_ref();
    if !valid_id(id) {
        return Err(err(raw.id.span(), format!("rule id `{id}` must be two or more capital letters followed by four digits, like IB0401")));
    }
    let name = raw.name.get_ref();
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(err(
            raw.name.span(),
            format!("rule name `{name}` must be kebab-case"),
        ));
    }
    let severity: Severity = raw
        .severity
        .get_ref()
        .parse()
        .map_err(|m| err(raw.severity.span(), m))?;
    let category = raw.category.get_ref().clone();
    if !CATEGORIES.contains(&category.as_str()) {
        return Err(err(
            raw.category.span(),
            format!(
                "unknown category `{category}`; expected one of {}",
                CATEGORIES.join(", ")
            ),
        ));
    }
    let mut applies_to = Vec::new();
    if let Some(a) = &raw.applies_to {
        for k in a.get_ref().to_vec() {
            if k == "all" {
                continue;
            }
            match Kind::from_name(&k) {
                Some(kind) => applies_to.push(kind),
                None => {
                    return Err(err(a.span(), format!("unknown resource kind `{k}` in applies-to; expected image, component, image-recipe, container-recipe or all")))
                }
            }
        }
    }
    let src = raw.source.get_ref();
    if !src.starts_with("https://") {
        return Err(err(
            raw.source.span(),
            "source must be an https:// link to the documentation the rule enforces".into(),
        ));
    }
    let docs = match &raw.docs {
        Some(d) => d.clone(),
        None if lean => Spanned::new(0..0, String::new()),
        None => return Err(err(raw.id.span(), "the rule needs `docs`, with the headings ## What it checks, ## Why, ## Example, ## Fix".into())),
    };
    for h in DOC_HEADINGS.iter().filter(|_| !lean) {
        if !docs.get_ref().lines().any(|l| l.trim_end() == *h) {
            return Err(err(
                docs.span(),
                format!(
                    "docs must have the heading `{h}` (headings: {})",
                    DOC_HEADINGS.join(", ")
                ),
            ));
        }
    }
    let mut examples = Vec::new();
    for ex in &raw.examples {
        let e = ex.get_ref();
        if e.kind != "pass" && e.kind != "fail" {
            return Err(err(
                ex.span(),
                format!("example kind `{}` must be pass or fail", e.kind),
            ));
        }
        if e.kind == "fail" && e.expect.is_empty() {
            return Err(err(ex.span(), "a fail example must say where the diagnostic lands: expect = [{ path = \"...\" }] or { at = \"line:col\" }".into()));
        }
        for x in &e.expect {
            if let Some(at) = &x.at {
                let ok = at.split_once(':').is_some_and(|(l, c)| {
                    l.parse::<usize>().is_ok_and(|n| n > 0)
                        && c.parse::<usize>().is_ok_and(|n| n > 0)
                });
                if !ok {
                    return Err(err(
                        ex.span(),
                        format!("`at = \"{at}\"` must be line:column, both 1-based numbers"),
                    ));
                }
            }
            if x.path.is_none() && x.at.is_none() {
                return Err(err(
                    ex.span(),
                    "each expect entry needs a path or an at".into(),
                ));
            }
        }
        examples.push(e.clone());
    }
    for kind in ["pass", "fail"].iter().filter(|_| !lean) {
        if !examples.iter().any(|e| e.kind == **kind) {
            return Err(err(raw.id.span(), format!("the rule needs at least one `{kind}` example ([[examples]] with kind = \"{kind}\")")));
        }
    }
    let check = compile_check(&raw.check, &err)?;
    // Native checks fill in variables of their own (see their source); a
    // declarative rule's placeholders must be ones its assertion provides.
    if let Check::Declarative(d) = &check {
        check_placeholders(
            file,
            text,
            &raw.message,
            raw.help.as_deref(),
            d.assertion.variables(),
        )?;
    }
    Ok(Rule {
        id: id.clone(),
        name: name.clone(),
        severity,
        category,
        applies_to,
        summary: raw.summary,
        message: raw.message,
        help: raw.help,
        source: src.clone(),
        docs: docs.into_inner(),
        examples,
        check,
        covers: raw.covers.clone(),
        file: file.to_string(),
        builtin,
    })
}

fn check_placeholders(
    file: &str,
    text: &str,
    message: &str,
    help: Option<&str>,
    allowed: &[&str],
) -> Result<(), RuleError> {
    for (field, template) in [("message", message), ("help", help.unwrap_or(""))] {
        for name in placeholders(template) {
            if !allowed.contains(&name) {
                let at = text
                    .find(&format!("{{{name}}}"))
                    .map(|i| i..i + name.len() + 2);
                let provided = allowed
                    .iter()
                    .map(|v| format!("{{{v}}}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(RuleError::new(
                    file,
                    text,
                    at,
                    format!("the {field} uses `{{{name}}}`, which this assertion does not provide; it provides {provided}"),
                ));
            }
        }
    }
    Ok(())
}

/// `{name}` placeholders of a template (lowercase names with `-`/`_`).
fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        if let Some(j) = rest.find('}') {
            let name = &rest[..j];
            if !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'_')
            {
                out.push(name);
            }
        }
    }
    out
}

fn valid_id(id: &str) -> bool {
    let letters = id.bytes().take_while(|b| b.is_ascii_uppercase()).count();
    let digits = &id[letters..];
    letters >= 2 && digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit())
}

fn compile_check(
    spec: &Spanned<CheckSpec>,
    err: &dyn Fn(std::ops::Range<usize>, String) -> RuleError,
) -> Result<Check, RuleError> {
    let c = spec.get_ref();
    if let Some(native) = &c.native {
        if c.select.is_some() || c.assert.is_some() {
            return Err(err(
                spec.span(),
                "a check is either `native` or declarative (`select` + `assert`), not both".into(),
            ));
        }
        let name = native.get_ref();
        return match super::native(name) {
            Some(f) => Ok(Check::Native(f, name.clone())),
            None => Err(err(
                native.span(),
                format!(
                    "unknown native check `{name}`; known: {}",
                    super::native_names().join(", ")
                ),
            )),
        };
    }
    let select = c.select.as_ref().ok_or_else(|| {
        err(
            spec.span(),
            "a declarative check needs `select` (or name a `native` check)".into(),
        )
    })?;
    let assert = c
        .assert
        .as_ref()
        .ok_or_else(|| err(spec.span(), "a declarative check needs `assert`".into()))?;
    let mut selectors = Vec::new();
    for s in select.get_ref().to_vec() {
        selectors.push(Selector::parse(&s).map_err(|m| err(select.span(), m))?);
    }
    let quantifier = match c.quantifier.as_ref().map(|q| q.get_ref().as_str()) {
        None | Some("all") => Quantifier::All,
        Some("any") => Quantifier::Any,
        Some("none") => Quantifier::None,
        Some(q) => {
            let span = c
                .quantifier
                .as_ref()
                .map(|q| q.span())
                .unwrap_or(spec.span());
            return Err(err(
                span,
                format!("unknown quantifier `{q}`; expected all, any or none"),
            ));
        }
    };
    let mut filter = Vec::new();
    if let Some(w) = &c.where_ {
        for (key, value) in w.get_ref() {
            if !STATEMENT_ELEMENTS.contains(&key.as_str()) {
                let hint = super::did_you_mean(key, STATEMENT_ELEMENTS.into_iter())
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(err(
                    w.span(),
                    format!("`where` names `{key}`, which is not a statement element{hint}"),
                ));
            }
            let f = match value {
                WhereValue::Equals(s) => Filter::Equals(s.clone()),
                WhereValue::OneOf(v) => Filter::OneOf(v.clone()),
                WhereValue::Present { present } => Filter::Present(*present),
                WhereValue::NoneMatch { none_match } => Filter::NoneMatch(
                    regex::RegexBuilder::new(none_match)
                        .case_insensitive(true)
                        .size_limit(1 << 20)
                        .build()
                        .map_err(|e| {
                            err(
                                w.span(),
                                format!(
                                    "invalid regular expression in `where`: {}",
                                    e.to_string()
                                        .split_whitespace()
                                        .collect::<Vec<_>>()
                                        .join(" ")
                                ),
                            )
                        })?,
                ),
            };
            filter.push((key.clone(), f));
        }
    }
    let assertion = Assertion::compile(assert, c, err)?;
    Ok(Check::Declarative(Declarative {
        selectors,
        filter,
        unless_narrowed_by: c.unless_narrowed_by.clone().unwrap_or_default(),
        assertion,
        quantifier,
    }))
}
