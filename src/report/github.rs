//! GitHub Actions workflow commands: one `::error` / `::warning` / `::notice`
//! annotation per finding, shown on the pull request's diff.

use super::Run;
use crate::diagnostic::Severity;
use std::io::Write;

/// Escapes the message part of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(run: &Run, out: &mut dyn Write) -> std::io::Result<()> {
    for (source, d) in run.diagnostics() {
        let start = source.position(d.span.start);
        let end = source.position(d.span.end);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&d.file),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} {}", d.rule, d.name)),
            escape_data(&d.message)
        )?;
    }
    Ok(())
}
