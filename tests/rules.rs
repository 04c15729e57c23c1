//! Every example of every built-in rule runs here, and the rules folder and
//! the native checks stay in step.

use ibpolicy::engine::{Check, RuleSet};

#[test]
fn every_rule_example_holds() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    assert!(!rules.rules.is_empty());
    let failures: Vec<String> = rules
        .run_examples(false)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_native_check_has_a_rule_file_and_back() {
    let rules = RuleSet::builtin().unwrap();
    let named: Vec<&str> = rules
        .rules
        .iter()
        .filter_map(|r| match &r.check {
            Check::Native(_, n) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    for (name, _) in ibpolicy::checks::all() {
        assert!(
            named.contains(name),
            "native check `{name}` has no rule file in rules/"
        );
    }
    // A rule naming a missing check fails to load; loading succeeded above.
    assert_eq!(
        named.len(),
        ibpolicy::checks::all().count(),
        "two rule files name the same native check"
    );
}

#[test]
fn rule_files_are_named_after_their_rules_and_categories() {
    let rules = RuleSet::builtin().unwrap();
    for r in &rules.rules {
        let expected = format!("rules/{}/{}.toml", r.category, r.name);
        assert_eq!(r.file, expected, "rule {} should live at {expected}", r.id);
    }
}

#[test]
fn lean_builtin_rules_match_the_full_ones() {
    // Check runs load the rules without docs and examples; nothing else may differ.
    let full = RuleSet::builtin().unwrap();
    let lean = RuleSet::builtin_lean().unwrap();
    assert_eq!(full.rules.len(), lean.rules.len());
    for (f, l) in full.rules.iter().zip(&lean.rules) {
        assert_eq!(
            (&f.id, &f.name, f.severity, &f.category, &f.applies_to),
            (&l.id, &l.name, l.severity, &l.category, &l.applies_to)
        );
        assert_eq!(
            (&f.message, &f.help, &f.summary, &f.source, &f.covers),
            (&l.message, &l.help, &l.summary, &l.source, &l.covers)
        );
        assert!(l.examples.is_empty() && l.docs.is_empty());
    }
}
