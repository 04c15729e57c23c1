//! `path:line:col: severity[ID] message`, one line per finding.

use super::Run;
use std::io::Write;

pub fn write(run: &Run, out: &mut dyn Write) -> std::io::Result<()> {
    for (source, d) in run.diagnostics() {
        let p = source.position(d.span.start);
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            d.file, p.line, p.column, d.severity, d.rule, d.message
        )?;
    }
    Ok(())
}
