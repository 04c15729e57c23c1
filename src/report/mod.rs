//! Output formats, one file each. Every format renders the same `Run`.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod sarif;
pub mod short;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// One checked file and what was found in it.
pub struct FileResult {
    pub source: Source,
    pub diagnostics: Vec<Diagnostic>,
    /// The file's own threshold (from its config's `fail-on`), when it has one.
    pub fail_on: Option<Severity>,
}

/// Everything a run found, in output order.
pub struct Run {
    pub files: Vec<FileResult>,
    pub fail_on: Severity,
    /// Inputs that could not be read (the run exits 2).
    pub errors: Vec<String>,
}

impl Run {
    pub fn diagnostics(&self) -> impl Iterator<Item = (&Source, &Diagnostic)> {
        self.files
            .iter()
            .flat_map(|f| f.diagnostics.iter().map(move |d| (&f.source, d)))
    }
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics()
            .filter(|(_, d)| d.severity == severity)
            .count()
    }
    /// Findings at or above the threshold.
    pub fn failed(&self) -> bool {
        self.files.iter().any(|f| {
            let threshold = f.fail_on.unwrap_or(self.fail_on);
            f.diagnostics.iter().any(|d| d.severity >= threshold)
        })
    }
    /// Failed, or could not read an input.
    pub fn unsuccessful(&self) -> bool {
        self.failed() || !self.errors.is_empty()
    }
    /// "2 errors, 1 warning in 3 files"
    pub fn summary(&self) -> String {
        let n = |c: usize, w: &str| format!("{c} {w}{}", if c == 1 { "" } else { "s" });
        let mut parts = vec![
            n(self.count(Severity::Error), "error"),
            n(self.count(Severity::Warning), "warning"),
        ];
        let infos = self.count(Severity::Info);
        if infos > 0 {
            parts.push(n(infos, "info"));
        }
        let mut s = format!("{} in {}", parts.join(", "), n(self.files.len(), "file"));
        if !self.errors.is_empty() {
            s.push_str(&format!(
                "; {} could not be read",
                n(self.errors.len(), "input")
            ));
        }
        s
    }
}
