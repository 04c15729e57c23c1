//! The one diagnostic type that every check produces and every report renders.

use crate::json::Path;
use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected error, warning or info)"
            )),
        }
    }
}

/// A secondary location with its own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// One finding, located in a file by a byte span and (when it is inside the
/// JSON tree) a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule id, e.g. `IB0301`.
    pub rule: String,
    /// The rule's kebab-case name.
    pub name: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// Link to the AWS documentation that the rule enforces.
    pub url: Option<String>,
    /// The file (or `--stdin-filename`) as given.
    pub file: String,
    /// Span of the offending token in the file.
    pub span: Span,
    /// Path from the file's root to the offending node.
    pub path: Path,
    /// What to print under the span.
    pub label: Option<String>,
    /// Other places that explain this one (e.g. the first of two duplicates).
    pub related: Vec<Label>,
}

impl Diagnostic {
    /// The order reports use: file, then offset, then rule id.
    pub fn sort_key(&self) -> (&str, usize, &str, usize, &str) {
        (
            &self.file,
            self.span.start,
            &self.rule,
            self.span.end,
            &self.message,
        )
    }
}

pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
