//! The API-style envelope: `{"success": false, "error": {"code":
//! "VALIDATION_ERROR", ...}}` when the run fails, `{"success": true, "data":
//! {...}}` when it does not. Each diagnostic carries a JSON path and a span.

use super::Run;
use crate::diagnostic::Diagnostic;
use crate::source::Source;
use serde_json::{json, Value};
use std::io::Write;

pub fn diagnostic(source: &Source, d: &Diagnostic) -> Value {
    let start = source.position(d.span.start);
    let end = source.position(d.span.end);
    let mut v = json!({
        "rule": d.rule,
        "name": d.name,
        "severity": d.severity.as_str(),
        "message": d.message,
        "help": d.help,
        "file": d.file,
        "path": d.path.to_json(),
        "span": { "start": start, "end": end },
    });
    if let Some(url) = &d.url {
        v["url"] = json!(url);
    }
    if !d.related.is_empty() {
        v["related"] = Value::Array(
            d.related
                .iter()
                .map(|l| json!({ "message": l.text, "span": { "start": source.position(l.span.start), "end": source.position(l.span.end) } }))
                .collect(),
        );
    }
    v
}

pub fn to_value(run: &Run) -> Value {
    let diagnostics: Vec<Value> = run.diagnostics().map(|(s, d)| diagnostic(s, d)).collect();
    let files: Vec<&str> = run.files.iter().map(|f| f.source.name.as_str()).collect();
    if run.unsuccessful() {
        // Unreadable inputs outrank findings: the run exits 2.
        let code = if run.errors.is_empty() {
            "VALIDATION_ERROR"
        } else {
            "IO_ERROR"
        };
        json!({
            "success": false,
            "error": {
                "code": code,
                "message": format!("{} (failing at {} and above)", run.summary(), run.fail_on),
                "files": files,
                "errors": run.errors,
                "diagnostics": diagnostics,
            }
        })
    } else {
        json!({
            "success": true,
            "data": {
                "message": run.summary(),
                "files": files,
                "diagnostics": diagnostics,
            }
        })
    }
}

pub fn write(run: &Run, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(run))?;
    writeln!(out)
}
