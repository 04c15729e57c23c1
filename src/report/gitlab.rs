//! GitLab Code Quality report: a JSON array of issues with a stable
//! fingerprint, shown in merge requests.

use super::Run;
use crate::diagnostic::Severity;
use serde_json::json;
use std::io::Write;

/// A stable fingerprint: the same finding in the same place keeps its value
/// across runs (FNV-1a over rule, file, path and message).
fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

pub fn write(run: &Run, out: &mut dyn Write) -> std::io::Result<()> {
    let issues: Vec<serde_json::Value> = run
        .diagnostics()
        .map(|(source, d)| {
            let start = source.position(d.span.start);
            let end = source.position(d.span.end);
            let severity = match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            };
            json!({
                "description": format!("{} {}: {}", d.rule, d.name, d.message),
                "check_name": d.rule,
                "fingerprint": fingerprint(&[&d.rule, &d.file, &d.path.to_string(), &d.message]),
                "severity": severity,
                "location": {
                    "path": d.file,
                    "positions": {
                        "begin": { "line": start.line, "column": start.column },
                        "end": { "line": end.line, "column": end.column },
                    }
                }
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
