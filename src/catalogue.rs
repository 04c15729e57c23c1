//! The rule catalogue as Markdown (`docs/rules.md`), generated from the rule
//! files so that it cannot drift from them.

use crate::engine::{Check, RuleSet};
use std::fmt::Write;

pub fn markdown(rules: &RuleSet) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# ibpolicy rules\n");
    let _ = writeln!(
        out,
        "Generated from `rules/` by `ibpolicy rules --format markdown > docs/rules.md`; a test fails when it is stale.\n"
    );
    let _ = writeln!(
        out,
        "{} rules. `ibpolicy explain ID` prints one with its examples.\n",
        rules.rules.len()
    );
    let _ = writeln!(out, "| id | name | severity | category | summary |");
    let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
    for r in &rules.rules {
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} | {} | {} |",
            r.id,
            anchor(&r.id, &r.name),
            r.name,
            r.severity.as_str(),
            r.category,
            cell(&r.summary)
        );
    }
    for r in &rules.rules {
        let _ = writeln!(out, "\n## {} {}\n", r.id, r.name);
        let _ = writeln!(
            out,
            "- severity: `{}`; category: `{}`",
            r.severity.as_str(),
            r.category
        );
        if !r.applies_to.is_empty() {
            let kinds: Vec<&str> = r.applies_to.iter().map(|k| k.name()).collect();
            let _ = writeln!(out, "- applies to: {}", kinds.join(", "));
        }
        let how = match &r.check {
            Check::Native(_, n) => format!("native check `{n}` (`src/checks/`)"),
            Check::Declarative(_) => "declarative".to_string(),
        };
        let _ = writeln!(out, "- check: {how}; file: `{}`", r.file);
        if !r.covers.is_empty() {
            let _ = writeln!(
                out,
                "- covers: {}",
                r.covers
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let _ = writeln!(out, "- source: <{}>\n", r.source);
        let _ = writeln!(out, "{}\n", r.summary);
        // Rule docs use `##` headings; nest them under the rule's heading.
        for line in r.docs.trim().lines() {
            if let Some(h) = line.strip_prefix("## ") {
                let _ = writeln!(out, "#### {h}");
            } else {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

fn anchor(id: &str, name: &str) -> String {
    format!("{}-{}", id.to_ascii_lowercase(), name)
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}
