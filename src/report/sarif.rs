//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: the rules
//! with their help and help URI, and each result with its region and the JSON
//! path as a logical location.

use super::Run;
use crate::diagnostic::Severity;
use crate::engine::RuleSet;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Write;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: forward slashes, percent-encoded where needed.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn to_value(run: &Run, rules: &[&RuleSet]) -> Value {
    // Only the rules that have results, in id order, so the log stays small and stable.
    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, d) in run.diagnostics() {
        used.entry(d.rule.as_str()).or_insert(0);
    }
    let descriptors: Vec<Value> = used
        .keys()
        .map(|id| match rules.iter().find_map(|set| set.get(id)) {
            Some(r) => json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": r.docs.trim(), "markdown": r.docs.trim() },
                "helpUri": r.source,
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "tags": [r.category] },
            }),
            None => json!({ "id": id }),
        })
        .collect();
    for (i, id) in used.clone().keys().enumerate() {
        used.insert(id, i);
    }
    let results: Vec<Value> = run
        .diagnostics()
        .map(|(source, d)| {
            let start = source.position(d.span.start);
            let end = source.position(d.span.end);
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": used[d.rule.as_str()],
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&d.file) },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                            "byteOffset": d.span.start,
                            "byteLength": d.span.len(),
                        }
                    },
                    "logicalLocations": [{ "fullyQualifiedName": d.path.to_string(), "kind": "member" }]
                }],
            });
            if !d.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    d.related
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            let s = source.position(l.span.start);
                            let e = source.position(l.span.end);
                            json!({
                                "id": i,
                                "message": { "text": l.text },
                                "physicalLocation": {
                                    "artifactLocation": { "uri": uri(&d.file) },
                                    "region": { "startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column }
                                }
                            })
                        })
                        .collect(),
                );
            }
            result
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ibpolicy",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://docs.aws.amazon.com/imagebuilder/latest/userguide/manage-shared-resources.html",
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

pub fn write(run: &Run, rules: &[&RuleSet], out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(run, rules))?;
    writeln!(out)
}
