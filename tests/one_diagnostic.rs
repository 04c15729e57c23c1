//! One mistake, one diagnostic: across every fail example of every built-in
//! rule and every broken fixture, no two rules report the same token (the
//! same span start), except the pairs listed here with the reason.

use ibpolicy::engine::{CheckOptions, RuleSet};
use ibpolicy::Diagnostic;
use std::collections::BTreeSet;

/// Rule pairs that may land on the same token, and why.
const ALLOWED: &[(&str, &str, &str)] = &[(
    "IB0101",
    "IB0103",
    "a document without Version and Statement lacks two elements; both point at its opening brace",
)];

fn overlaps(diags: &[Diagnostic], place: &str, seen: &mut BTreeSet<String>) {
    for (i, a) in diags.iter().enumerate() {
        for b in &diags[i + 1..] {
            if a.span.start == b.span.start && a.rule != b.rule {
                let (x, y) = if a.rule < b.rule {
                    (&a.rule, &b.rule)
                } else {
                    (&b.rule, &a.rule)
                };
                if !ALLOWED.iter().any(|(p, q, _)| p == x && q == y) {
                    seen.insert(format!("{x} + {y} (in {place})"));
                }
            }
        }
    }
}

#[test]
fn no_two_rules_report_the_same_token() {
    let rules = RuleSet::builtin().unwrap();
    let mut seen = BTreeSet::new();
    for rule in &rules.rules {
        for ex in rule.examples.iter().filter(|e| e.kind == "fail") {
            let opts = CheckOptions {
                arn: ex.arn.clone(),
                params: ex.params.clone(),
                ..CheckOptions::default()
            };
            let (_, diags) = rules.check_bytes("example.json", ex.input.as_bytes(), &opts);
            overlaps(&diags, &format!("an example of {}", rule.id), &mut seen);
        }
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/invalid");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "json") {
            let (_, diags) = rules.check_bytes(
                "f.json",
                &std::fs::read(&path).unwrap(),
                &CheckOptions::default(),
            );
            overlaps(&diags, &path.display().to_string(), &mut seen);
        }
    }
    assert!(
        seen.is_empty(),
        "two rules on one token:\n{}",
        seen.into_iter().collect::<Vec<_>>().join("\n")
    );
}
