//! What a file is: a policy document, a Put*Policy request body, or a
//! Get*Policy response body. The `policy` string of a request or response is
//! decoded and parsed as a document of its own, with a map from its offsets
//! back to the characters of the file.

use crate::arn::Kind;
use crate::json::{self, Node, Path};
use crate::source::{decode_json_string, EmbeddedMap, Source, Span, SpanMap};

/// The most characters a `policy` string may have (botocore `ResourcePolicyDocument`).
pub const MAX_POLICY_CHARS: usize = 30000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// A policy document on its own.
    Policy,
    /// A Put*Policy request body; the kind is known when its ARN member is.
    Request(Option<Kind>),
    /// A Get*Policy response body (`requestId` + `policy`).
    Response,
}

/// What the parse stages found wrong, for the native checks to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The bytes are not UTF-8, or start with a byte order mark.
    Encoding,
    /// The file, or the embedded policy, is not valid JSON.
    Syntax,
    /// A request or response body lacks a member, has one of the wrong type, or an unknown one.
    RequestShape,
    /// The policy string is empty or longer than the API allows.
    PolicyLength,
    /// The file is over the size limit and was not parsed.
    FileTooLarge,
}

#[derive(Debug, Clone)]
pub struct Problem {
    pub kind: ProblemKind,
    pub span: Span,
    pub path: Path,
    pub message: String,
    pub help: Option<String>,
}

/// The embedded policy of a request or response.
#[derive(Debug, Clone)]
pub struct Embedded {
    pub text: String,
    pub map: EmbeddedMap,
    pub root: Option<Node>,
}

/// Where the policy document lives.
#[derive(Debug, Clone)]
pub enum PolicyLoc {
    /// The file's own root (a policy file), or an object member of it
    /// (`"policy": {...}` written as an object by mistake); `path` leads to it.
    Outer { path: Path },
    /// Decoded from the `policy` string.
    Embedded(Embedded),
    /// No policy could be read.
    Missing,
}

/// The ARN that a request puts the policy on, or that `--arn` names.
#[derive(Debug, Clone)]
pub struct Target {
    pub arn: String,
    pub kind: Option<Kind>,
    /// Where it is written in the file, when it is (a request's ARN member).
    pub node_span: Option<Span>,
    pub path: Path,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub kind: DocKind,
    pub outer: Option<Node>,
    pub policy: PolicyLoc,
    pub target: Option<Target>,
    pub problems: Vec<Problem>,
}

/// A view of the policy document: its text, tree, and how to get back to the file.
pub struct PolicyView<'a> {
    pub text: &'a str,
    pub root: &'a Node,
    pub map: SpanMap,
    pub prefix: Path,
}

impl PolicyView<'_> {
    /// The file span of a span of the policy text.
    pub fn file_span(&self, span: Span) -> Span {
        self.map.to_file(span)
    }
    /// The full path (from the file's root) of a path inside the policy.
    pub fn file_path(&self, path: &Path) -> Path {
        self.prefix.join(path)
    }
    /// The file span of characters `range` of the content of a string node.
    pub fn substring(&self, node: &Node, range: std::ops::Range<usize>) -> Span {
        file_substring(self.text, &self.map, node, range)
    }
}

/// The file span of part of a string node's decoded content, through any escapes.
pub fn file_substring(
    text: &str,
    map: &SpanMap,
    node: &Node,
    range: std::ops::Range<usize>,
) -> Span {
    let raw = text.get(node.span.start..node.span.end).unwrap_or("");
    match decode_json_string(raw, node.span.start) {
        Some((_, m)) => map.to_file(m.map(Span::new(range.start, range.end))),
        None => map.to_file(node.span),
    }
}

impl Document {
    pub fn policy_view<'a>(&'a self, source: &'a Source) -> Option<PolicyView<'a>> {
        match &self.policy {
            PolicyLoc::Outer { path } => {
                let mut node = self.outer.as_ref()?;
                for seg in &path.0 {
                    if let json::PathSeg::Key(k) = seg {
                        node = node.get(k)?;
                    }
                }
                Some(PolicyView {
                    text: &source.text,
                    root: node,
                    map: SpanMap::Identity,
                    prefix: path.clone(),
                })
            }
            PolicyLoc::Embedded(e) => Some(PolicyView {
                text: &e.text,
                root: e.root.as_ref()?,
                map: SpanMap::Embedded(e.map.clone()),
                prefix: Path::root().key("policy"),
            }),
            PolicyLoc::Missing => None,
        }
    }
}

/// Reads raw bytes into a `Source` (lossy where the bytes are not UTF-8) and
/// the encoding problems found.
pub fn decode_bytes(name: &str, bytes: &[u8]) -> (Source, Vec<Problem>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Source::new(name, text), Vec::new()),
        Err(e) => {
            let at = e.valid_up_to();
            let bad = e.error_len().unwrap_or(bytes.len() - at);
            let text = String::from_utf8_lossy(bytes).into_owned();
            let problem = Problem {
                kind: ProblemKind::Encoding,
                span: Span::new(at, at + 3.min(text.len() - at)),
                path: Path::root(),
                message: format!(
                    "the file is not valid UTF-8: byte 0x{:02X} at offset {at} ({bad} byte(s)) does not form a character",
                    bytes[at]
                ),
                help: Some("IAM policies must be UTF-8; save the file as UTF-8".into()),
            };
            (Source::new(name, text), vec![problem])
        }
    }
}

/// Recognises and parses a file. `arn` is the `--arn` given for a bare policy.
pub fn analyze(source: &Source, mut problems: Vec<Problem>, arn: Option<&str>) -> Document {
    let mut doc = Document {
        kind: DocKind::Policy,
        outer: None,
        policy: PolicyLoc::Missing,
        target: None,
        problems: Vec::new(),
    };
    // Problems found before parsing (bytes that are not UTF-8, a file over
    // the size limit) leave nothing to parse.
    if !problems.is_empty() {
        doc.problems = problems;
        return doc;
    }
    let text = source.text.as_str();
    let mut offset = 0;
    if text.starts_with('\u{feff}') {
        problems.push(Problem {
            kind: ProblemKind::Encoding,
            span: Span::new(0, 3),
            path: Path::root(),
            message: "the file starts with a byte order mark (U+FEFF), which is not JSON".into(),
            help: Some("save the file as UTF-8 without a BOM".into()),
        });
        offset = 3;
    }
    let outer = match json::parse(&text[offset..]) {
        Ok(mut node) => {
            shift(&mut node, offset);
            node
        }
        Err(e) => {
            problems.push(Problem {
                kind: ProblemKind::Syntax,
                span: Span::new(e.span.start + offset, e.span.end + offset),
                path: Path::root(),
                help: e.message.contains("empty").then(|| "write the policy document: {\"Version\": \"2012-10-17\", \"Statement\": [...]}".to_string()),
                message: e.message,
            });
            doc.problems = problems;
            return doc;
        }
    };
    doc.kind = classify(&outer);
    match doc.kind {
        DocKind::Policy => {
            doc.policy = PolicyLoc::Outer { path: Path::root() };
            let chars = text[offset..].chars().count();
            if chars > MAX_POLICY_CHARS {
                problems.push(length_problem(chars, outer.head(), Path::root()));
            }
        }
        DocKind::Request(_) | DocKind::Response => {
            read_wrapper(text, &outer, &mut doc, &mut problems)
        }
    }
    if doc.target.is_none() {
        if let Some(arn) = arn {
            let kind = arn_kind(arn);
            doc.target = Some(Target {
                arn: arn.to_string(),
                kind,
                node_span: None,
                path: Path::root(),
            });
        }
    }
    doc.outer = Some(outer);
    doc.problems = problems;
    doc
}

/// The kind of resource an ARN names, from its resource type.
pub fn arn_kind(arn: &str) -> Option<Kind> {
    let a = crate::arn::parse(arn).ok()?;
    if a.service.text != "imagebuilder" {
        return None;
    }
    let rt = a.resource.text.split('/').next()?;
    Kind::from_name(rt)
}

fn classify(root: &Node) -> DocKind {
    let Some(members) = root.as_object() else {
        return DocKind::Policy;
    };
    if members.iter().any(|m| m.key == "Statement") {
        return DocKind::Policy;
    }
    if let Some(kind) = members.iter().find_map(|m| Kind::from_request_key(&m.key)) {
        return DocKind::Request(Some(kind));
    }
    if members.iter().any(|m| m.key == "requestId") && members.iter().any(|m| m.key == "policy") {
        return DocKind::Response;
    }
    if members.iter().any(|m| m.key == "policy") {
        return DocKind::Request(None);
    }
    DocKind::Policy
}

/// Does a parsed file look like something ibpolicy checks (for directory
/// walks)? A policy (top-level `Statement`), a request (a resource ARN member),
/// or a response (`requestId` and `policy`).
pub fn looks_like_policy_input(root: &Node) -> bool {
    let Some(members) = root.as_object() else {
        return false;
    };
    let has = |k: &str| members.iter().any(|m| m.key == k);
    // `statement` in another case is a policy with a typo: check it.
    members
        .iter()
        .any(|m| m.key.eq_ignore_ascii_case("Statement"))
        || members
            .iter()
            .any(|m| Kind::from_request_key(&m.key).is_some())
        || (has("requestId") && has("policy"))
}

fn length_problem(chars: usize, span: Span, path: Path) -> Problem {
    Problem {
        kind: ProblemKind::PolicyLength,
        span,
        path,
        message: format!(
            "the policy is {chars} characters long; the API accepts at most {MAX_POLICY_CHARS}"
        ),
        help: Some(
            "split the grant across fewer, shorter statements, or share through AWS RAM".into(),
        ),
    }
}

fn read_wrapper(text: &str, outer: &Node, doc: &mut Document, problems: &mut Vec<Problem>) {
    let members = outer.as_object().unwrap_or(&[]);
    let is_response = doc.kind == DocKind::Response;
    let api = match doc.kind {
        DocKind::Request(Some(k)) => k.api().to_string(),
        DocKind::Request(None) => "a Put*Policy request".to_string(),
        _ => "a Get*Policy response".to_string(),
    };
    // The ARN member says which API, and so which kind of resource.
    let mut arn_keys = members
        .iter()
        .filter(|m| Kind::from_request_key(&m.key).is_some());
    if let Some(m) = arn_keys.next() {
        let kind = Kind::from_request_key(&m.key);
        match m.value.as_str() {
            Some(arn) => {
                doc.target = Some(Target {
                    arn: arn.to_string(),
                    kind,
                    node_span: Some(m.value.span),
                    path: Path::root().key(&m.key),
                })
            }
            None => problems.push(Problem {
                kind: ProblemKind::RequestShape,
                span: m.value.span,
                path: Path::root().key(&m.key),
                message: format!(
                    "`{}` must be a string holding the ARN; found {}",
                    m.key,
                    m.value.type_name()
                ),
                help: None,
            }),
        }
        // The same key twice is the duplicate-key rule's finding.
        for other in arn_keys.filter(|o| o.key != m.key) {
            problems.push(Problem {
                kind: ProblemKind::RequestShape,
                span: other.key_span,
                path: Path::root().key(&other.key),
                message: format!(
                    "a request names one resource; `{}` and `{}` belong to different APIs",
                    m.key, other.key
                ),
                help: Some("send one request per resource".into()),
            });
        }
    } else if !is_response {
        problems.push(Problem {
            kind: ProblemKind::RequestShape,
            span: outer.head(),
            path: Path::root(),
            message: "the request has a `policy` but no resource ARN member".into(),
            help: Some(
                "add one of imageArn, componentArn, imageRecipeArn or containerRecipeArn".into(),
            ),
        });
    }
    let known: &[&str] = if is_response {
        &["requestId", "policy"]
    } else {
        &["policy"]
    };
    for m in members {
        if !known.contains(&m.key.as_str())
            && Kind::from_request_key(&m.key).is_none()
            && !(is_response && (m.key.ends_with("Arn") || m.key == "ResponseMetadata"))
        {
            problems.push(Problem {
                kind: ProblemKind::RequestShape,
                span: m.key_span,
                path: Path::root().key(&m.key),
                message: format!("unknown member `{}` in {api}", m.key),
                help: Some(if is_response {
                    "a response has requestId and policy".into()
                } else {
                    "a request has the resource ARN member and policy".into()
                }),
            });
        }
    }
    if is_response {
        if let Some(r) = outer.get("requestId") {
            if r.as_str().is_none() {
                problems.push(Problem {
                    kind: ProblemKind::RequestShape,
                    span: r.span,
                    path: Path::root().key("requestId"),
                    message: format!("`requestId` must be a string; found {}", r.type_name()),
                    help: None,
                });
            }
        }
    }
    let policy_path = Path::root().key("policy");
    let Some(member) = outer.member("policy") else {
        problems.push(Problem {
            kind: ProblemKind::RequestShape,
            span: outer.head(),
            path: Path::root(),
            message: format!("{api} has no `policy` member"),
            help: Some("add \"policy\": \"<the policy document as a JSON string>\"".into()),
        });
        return;
    };
    let node = &member.value;
    match &node.value {
        json::Value::String(_) => {}
        json::Value::Object(_) => {
            problems.push(Problem {
                kind: ProblemKind::RequestShape,
                span: node.head(),
                path: policy_path.clone(),
                message:
                    "`policy` must be a JSON string holding the policy document, not an object"
                        .into(),
                help: Some(
                    "serialise the document into a string: \"policy\": \"{\\\"Version\\\": ...}\""
                        .into(),
                ),
            });
            // Still check the document the user meant.
            doc.policy = PolicyLoc::Outer { path: policy_path };
            return;
        }
        _ => {
            problems.push(Problem {
                kind: ProblemKind::RequestShape,
                span: node.span,
                path: policy_path,
                message: format!(
                    "`policy` must be a JSON string holding the policy document; found {}",
                    node.type_name()
                ),
                help: None,
            });
            return;
        }
    }
    let raw = &text[node.span.start..node.span.end];
    let Some((decoded, map)) = decode_json_string(raw, node.span.start) else {
        return;
    };
    let chars = decoded.chars().count();
    if chars == 0 || chars > MAX_POLICY_CHARS {
        let mut p = length_problem(chars, node.span, policy_path.clone());
        if chars == 0 {
            p.message = "the policy string is empty; the API needs at least 1 character".into();
            p.help = Some("put the policy document in the string".into());
        }
        problems.push(p);
        if chars == 0 {
            return;
        }
    }
    let smap = SpanMap::Embedded(map.clone());
    let root = match json::parse(&decoded) {
        Ok(root) => Some(root),
        Err(e) => {
            problems.push(Problem {
                kind: ProblemKind::Syntax,
                span: smap.to_file(e.span),
                path: policy_path,
                message: format!("the policy string is not valid JSON: {}", e.message),
                help: Some("the `policy` string must hold a JSON policy document".into()),
            });
            None
        }
    };
    doc.policy = PolicyLoc::Embedded(Embedded {
        text: decoded,
        map,
        root,
    });
}

fn shift(node: &mut Node, by: usize) {
    if by == 0 {
        return;
    }
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        n.span = Span::new(n.span.start + by, n.span.end + by);
        match &mut n.value {
            json::Value::Array(items) => stack.extend(items.iter_mut()),
            json::Value::Object(members) => {
                for m in members.iter_mut() {
                    m.key_span = Span::new(m.key_span.start + by, m.key_span.end + by);
                    stack.push(&mut m.value);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyze_text(text: &str) -> (Source, Document) {
        let source = Source::new("t.json", text);
        let doc = analyze(&source, Vec::new(), None);
        (source, doc)
    }

    #[test]
    fn recognises_the_three_inputs() {
        assert_eq!(analyze_text(r#"{"Statement": []}"#).1.kind, DocKind::Policy);
        let (_, d) = analyze_text(
            r#"{"componentArn": "arn:aws:imagebuilder:us-west-2:1:component/c/1.0.0/1", "policy": "{}"}"#,
        );
        assert_eq!(d.kind, DocKind::Request(Some(Kind::Component)));
        assert_eq!(d.target.unwrap().kind, Some(Kind::Component));
        assert_eq!(
            analyze_text(r#"{"requestId": "r", "policy": "{}"}"#).1.kind,
            DocKind::Response
        );
    }

    #[test]
    fn embedded_spans_map_through_every_escape() {
        // The action value sits behind \", \\, \n, \/ and \u escapes, in both layers.
        let text =
            r#"{"requestId": "r", "policy": "{\n\"Statement\": {\"Action\": \"a\\b\u00e9\/c\"}}"}"#;
        let (source, doc) = analyze_text(text);
        let view = doc.policy_view(&source).unwrap();
        let action = view.root.get("Statement").unwrap().get("Action").unwrap();
        assert_eq!(action.as_str(), Some("a\u{8}é/c"));
        let span = view.file_span(action.span);
        assert_eq!(&text[span.start..span.end], r#""a\\b\u00e9\/c\""#);
        // a sub-range of the value: the é
        let sub = view.substring(action, 2..4);
        assert_eq!(&text[sub.start..sub.end], r"\u00e9");
    }

    #[test]
    fn policy_problems_are_found() {
        let (_, d) = analyze_text(r#"{"imageArn": "x", "policy": ""}"#);
        assert!(d
            .problems
            .iter()
            .any(|p| p.kind == ProblemKind::PolicyLength));
        let (_, d) = analyze_text(r#"{"imageArn": "x", "policy": {"Statement": []}}"#);
        assert!(d
            .problems
            .iter()
            .any(|p| p.kind == ProblemKind::RequestShape && p.message.contains("not an object")));
        assert!(matches!(d.policy, PolicyLoc::Outer { .. }));
        let (source, d) = analyze_text("{\"imageArn\": \"x\", \"policy\": \"{\\\"a\\\": }\"}");
        let p = d
            .problems
            .iter()
            .find(|p| p.kind == ProblemKind::Syntax)
            .unwrap();
        assert_eq!(source.position(p.span.start).column, 38);
        let long = format!(
            r#"{{"requestId": "r", "policy": "{}"}}"#,
            " ".repeat(MAX_POLICY_CHARS + 1)
        );
        assert!(analyze_text(&long)
            .1
            .problems
            .iter()
            .any(|p| p.kind == ProblemKind::PolicyLength && p.message.contains("30001")));
    }

    #[test]
    fn bom_and_invalid_utf8_are_encoding_problems() {
        let (source, problems) = decode_bytes("b.json", b"{\"a\": \"\xff\"}");
        assert_eq!(problems[0].kind, ProblemKind::Encoding);
        assert_eq!(problems[0].span.start, 7);
        let doc = analyze(&source, problems, None);
        assert!(doc.outer.is_none());
        let (source, problems) = decode_bytes("b.json", "\u{feff}{\"Statement\": []}".as_bytes());
        let doc = analyze(&source, problems, None);
        assert_eq!(doc.problems.len(), 1);
        assert_eq!(doc.outer.unwrap().get("Statement").unwrap().span.start, 17);
    }
}
