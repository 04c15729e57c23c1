//! Baselines: `--write-baseline FILE` records today's findings, `--baseline
//! FILE` reports only findings that are not in it, so a team can adopt the
//! linter in CI before fixing everything. A finding is identified by its file,
//! rule and JSON path (not its line), so edits elsewhere in a file do not
//! bring baselined findings back; file paths are kept relative to the
//! baseline file's directory, so the same baseline works from any directory.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub file: String,
    pub rule: String,
    pub path: String,
    /// For people reading the file; not used to match.
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
    /// The canonical directory of the baseline file: paths are relative to it.
    #[serde(skip)]
    base: Option<std::path::PathBuf>,
}

/// The canonical directory a baseline file is (or will be) in.
fn base_of(baseline: &Path) -> Option<std::path::PathBuf> {
    let dir = baseline
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::canonicalize(dir).ok()
}

impl Baseline {
    /// The findings of a run, to be written to `baseline`.
    pub fn from_diagnostics<'a>(
        diags: impl Iterator<Item = &'a Diagnostic>,
        baseline: &Path,
    ) -> Baseline {
        let base = base_of(baseline);
        let mut findings: Vec<Entry> = diags
            .map(|d| Entry {
                file: relative(&d.file, base.as_deref()),
                rule: d.rule.clone(),
                path: d.path.to_string(),
                message: d.message.clone(),
            })
            .collect();
        findings.sort();
        Baseline {
            version: 1,
            findings,
            base,
        }
    }

    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let mut text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        text.push('\n');
        std::fs::write(path, text)
    }

    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut b: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not an ibpolicy baseline: {e}", path.display()))?;
        if b.version != 1 {
            return Err(format!(
                "{}: baseline version {} is not supported (expected 1)",
                path.display(),
                b.version
            ));
        }
        b.base = base_of(path);
        Ok(b)
    }

    /// Removes the findings the baseline holds; each baseline entry absorbs
    /// one finding with the same file, rule and path.
    pub fn filter(
        &self,
        diags: Vec<Diagnostic>,
        budget: &mut BTreeMap<(String, String, String), usize>,
    ) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter(|d| {
                let key = (
                    relative(&d.file, self.base.as_deref()),
                    d.rule.clone(),
                    d.path.to_string(),
                );
                match budget.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect()
    }

    /// How many findings each (file, rule, path) may absorb.
    pub fn budget(&self) -> BTreeMap<(String, String, String), usize> {
        let mut b = BTreeMap::new();
        for e in &self.findings {
            *b.entry((normal(&e.file), e.rule.clone(), e.path.clone()))
                .or_insert(0) += 1;
        }
        b
    }
}

/// A file's path relative to the baseline's directory when it is below it,
/// else as written (without `./`).
fn relative(file: &str, base: Option<&Path>) -> String {
    if let (Some(base), Ok(abs)) = (base, std::fs::canonicalize(file)) {
        if let Ok(rel) = abs.strip_prefix(base) {
            return normal(&rel.to_string_lossy());
        }
    }
    normal(file)
}

/// The same file however it was named: `./a/b.json`, `a/b.json` and
/// `a//b.json` are one key.
fn normal(file: &str) -> String {
    let p = Path::new(file);
    let parts: Vec<String> = p
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}
