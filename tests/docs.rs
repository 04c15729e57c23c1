//! Generated documentation stays in step with the rules.

use ibpolicy::engine::RuleSet;
use std::path::Path;

#[test]
fn docs_rules_md_is_up_to_date() {
    let rules = RuleSet::builtin().unwrap();
    let expected = ibpolicy::catalogue::markdown(&rules);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is stale: run `cargo run -q -- rules --format markdown > docs/rules.md`"
    );
}
