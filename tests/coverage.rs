//! `docs/coverage.md` maps every IAM Access Analyzer check and every
//! parliament finding to the ibpolicy rules that cover it, or says why none
//! does. This test keeps that table and the rules' `covers` lists in step.

use ibpolicy::engine::RuleSet;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// (code, rule ids or status) for each table row that names a code in backticks.
fn rows() -> Vec<(String, String)> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/coverage.md"))
            .expect("docs/coverage.md exists");
    let mut section = "";
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with("## ") {
            section = if line.to_ascii_lowercase().contains("parliament") {
                "parliament:"
            } else {
                ""
            };
            continue;
        }
        if !line.starts_with('|') || line.starts_with("| ---") || line.starts_with("|---") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        // The code is the first cell that is a single `CODE` in backticks.
        let Some(code) = cells.iter().find_map(|c| {
            c.strip_prefix('`')
                .and_then(|c| c.strip_suffix('`'))
                .filter(|c| c.chars().all(|ch| ch.is_ascii_uppercase() || ch == '_'))
        }) else {
            continue;
        };
        let status = cells
            .iter()
            .find(|c| c.starts_with("IB") || c.starts_with("n/a") || c.starts_with("open"))
            .map(|s| s.to_string());
        out.push((format!("{section}{code}"), status.unwrap_or_default()));
    }
    out
}

#[test]
fn coverage_table_and_rules_agree() {
    let rules = RuleSet::builtin().unwrap();
    let rows = rows();
    assert!(
        rows.len() >= 130,
        "expected a row per Access Analyzer check and parliament finding, found {}",
        rows.len()
    );
    let mut table: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (code, status) in &rows {
        let entry = table.entry(code.clone()).or_default();
        if status.starts_with("n/a") || status.starts_with("open") {
            if !status.contains(':') {
                problems.push(format!("{code}: `{status}` needs a reason after a colon"));
            }
            continue;
        }
        if !status.starts_with("IB") {
            problems.push(format!(
                "{code}: status must be rule ids, `n/a: why` or `open: why`; got `{status}`"
            ));
            continue;
        }
        for id in status
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| s.starts_with("IB"))
        {
            match rules.get(id) {
                None => problems.push(format!("{code}: no rule {id}")),
                Some(r) if !r.covers.iter().any(|c| c == code) => {
                    problems.push(format!("{code}: rule {id} does not list it in `covers`"))
                }
                Some(_) => {
                    entry.insert(id.to_string());
                }
            }
        }
    }
    for r in &rules.rules {
        for c in &r.covers {
            match table.get(c) {
                None => problems.push(format!(
                    "rule {} covers {c}, which has no row in docs/coverage.md",
                    r.id
                )),
                Some(ids) if !ids.contains(&r.id) => problems.push(format!(
                    "rule {} covers {c}, but its row does not name {}",
                    r.id, r.id
                )),
                _ => {}
            }
        }
    }
    assert!(
        problems.is_empty(),
        "docs/coverage.md and rules/ disagree:\n{}",
        problems.join("\n")
    );
}
