//! Strict (RFC 8259), span-preserving JSON.
//!
//! The tokenizer and tree come from `jsonc-parser` with every extension turned
//! off; this module adds what a strict validator needs on top: a depth limit
//! checked before parsing, raw control characters in strings, an empty input,
//! and a tree of our own that keeps duplicate keys in order.

mod path;

pub use path::{Path, PathSeg};

use crate::source::Span;
use jsonc_parser::ast;

/// Documents nested deeper than this are refused before parsing. Real
/// policies nest at most five or six levels.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written (so `1e999` survives).
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// A JSON syntax error with the span it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    /// The last member with this key (JSON parsers that keep one value keep the last).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.as_object()?.iter().rev().find(|m| m.key == key)
    }
    /// The JSON type name, as used in messages.
    pub fn type_name(&self) -> &'static str {
        self.value.type_name()
    }
    /// The span to underline for this node as a token: the whole of a scalar,
    /// the opening brace or bracket of a container.
    pub fn token_span(&self) -> Span {
        match self.value {
            Value::Array(_) | Value::Object(_) => self.head(),
            _ => self.span,
        }
    }
    /// The span of the first character of this node (its opening brace, bracket or quote).
    pub fn head(&self) -> Span {
        Span::new(self.span.start, (self.span.start + 1).min(self.span.end))
    }
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }
}

/// Parses `text` as one strict JSON value.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    if text.trim_matches(is_json_ws).is_empty() {
        return Err(SyntaxError {
            message: "the document is empty; expected a JSON object".into(),
            span: Span::new(text.len(), text.len()),
        });
    }
    check_depth(text)?;
    let options = ast_options();
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &options).map_err(|e| {
        let r = e.range();
        SyntaxError {
            message: describe(e.kind().to_string()),
            span: Span::new(r.start, r.end),
        }
    })?;
    let value = parsed.value.ok_or_else(|| SyntaxError {
        message: "expected a JSON value".into(),
        span: Span::new(0, text.len().min(1)),
    })?;
    let node = convert(value);
    check_strings(text, &node)?;
    Ok(node)
}

fn is_json_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn ast_options() -> jsonc_parser::ParseOptions {
    jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// Turns the parser's wording into ours where it is unclear for plain JSON.
fn describe(message: String) -> String {
    match message.as_str() {
        "Text cannot contain more than one JSON value" => {
            "unexpected text after the JSON value (a number cannot have leading zeros, and a file holds one value)".into()
        }
        "Unexpected token" => "unexpected character; expected a JSON value".into(),
        "Unexpected word" => "unexpected word; JSON values are objects, arrays, strings, numbers, true, false or null".into(),
        _ => {
            let mut m = message;
            if let Some(first) = m.get(0..1) {
                let lower = first.to_lowercase();
                m.replace_range(0..1, &lower);
            }
            m
        }
    }
}

/// Refuses nesting deeper than [`MAX_DEPTH`] with a scan that cannot overflow.
fn check_depth(text: &str) -> Result<(), SyntaxError> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(SyntaxError {
                            message: format!("nesting is deeper than {MAX_DEPTH} levels; no policy nests this deep"),
                            span: Span::new(i, i + 1),
                        });
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        i += 1;
    }
    Ok(())
}

fn convert(value: ast::Value<'_>) -> Node {
    match value {
        ast::Value::StringLit(s) => node(Value::String(s.value.into_owned()), s.range),
        ast::Value::NumberLit(n) => node(Value::Number(n.value.to_string()), n.range),
        ast::Value::BooleanLit(b) => node(Value::Bool(b.value), b.range),
        ast::Value::NullKeyword(n) => node(Value::Null, n.range),
        ast::Value::Array(a) => {
            let items = a.elements.into_iter().map(convert).collect();
            node(Value::Array(items), a.range)
        }
        ast::Value::Object(o) => {
            let members = o
                .properties
                .into_iter()
                .map(|p| {
                    let (key, key_range) = match p.name {
                        ast::ObjectPropName::String(s) => (s.value.into_owned(), s.range),
                        ast::ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                    };
                    Member {
                        key,
                        key_span: Span::new(key_range.start, key_range.end),
                        value: convert(p.value),
                    }
                })
                .collect();
            node(Value::Object(members), o.range)
        }
    }
}

fn node(value: Value, r: jsonc_parser::common::Range) -> Node {
    Node {
        value,
        span: Span::new(r.start, r.end),
    }
}

/// RFC 8259 forbids raw control characters (U+0000 to U+001F) inside strings.
fn check_strings(text: &str, node: &Node) -> Result<(), SyntaxError> {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match &n.value {
            Value::String(_) => raw_string_ok(text, n.span)?,
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(members) => {
                for m in members {
                    raw_string_ok(text, m.key_span)?;
                    stack.push(&m.value);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn raw_string_ok(text: &str, span: Span) -> Result<(), SyntaxError> {
    let raw = text.get(span.start..span.end).unwrap_or("");
    if let Some(i) = raw.bytes().position(|b| b < 0x20) {
        let b = raw.as_bytes()[i];
        let hint = match b {
            b'\t' => "; write it as \\t",
            b'\n' => "; write it as \\n",
            b'\r' => "; write it as \\r",
            _ => "",
        };
        return Err(SyntaxError {
            message: format!(
                "control character U+{b:04X} must be escaped inside a JSON string{hint}"
            ),
            span: Span::new(span.start + i, span.start + i + 1),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> SyntaxError {
        parse(text).unwrap_err()
    }

    #[test]
    fn keeps_duplicate_keys_in_order() {
        let n = parse(r#"{"a": 1, "a": 2}"#).unwrap();
        let m = n.as_object().unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].key_span, Span::new(1, 4));
        assert_eq!(n.get("a").unwrap().value, Value::Number("2".into()));
    }

    #[test]
    fn rejects_what_rfc_8259_rejects() {
        for bad in [
            "{\"a\":1,}",
            "[1 2]",
            "{a:1}",
            "'a'",
            "01",
            "1.",
            ".5",
            "+1",
            "NaN",
            "//c\n{}",
            "\"\\x41\"",
            "[",
            "\"\\ud800\"",
        ] {
            assert!(parse(bad).is_err(), "{bad} should be rejected");
        }
        for good in [
            "{}",
            "[]",
            "1e999",
            "-0",
            "\"\\u00e9\"",
            "\"\\ud83d\\ude00\"",
            " {\"a\" : [true, false, null]} ",
        ] {
            assert!(parse(good).is_ok(), "{good} should parse");
        }
    }

    #[test]
    fn raw_control_characters_are_errors() {
        let e = err("{\"a\": \"x\ty\"}");
        assert_eq!(e.span, Span::new(8, 9));
        assert!(e.message.contains("U+0009"));
    }

    #[test]
    fn empty_and_deep_inputs_get_diagnostics() {
        assert!(err("  \n").message.contains("empty"));
        let deep = "[".repeat(100_000);
        let e = err(&deep);
        assert_eq!(e.span, Span::new(MAX_DEPTH, MAX_DEPTH + 1));
        // brackets inside strings do not count
        let s = format!("{{\"a\": \"{}\"}}", "[".repeat(1000));
        assert!(parse(&s).is_ok());
    }

    #[test]
    fn syntax_error_spans_point_at_the_problem() {
        let e = err("{\n  \"a\": 1,\n}");
        assert_eq!(e.span.start, 10);
    }
}
