//! The whole check with every built-in rule: no panic, spans inside the file
//! and on character boundaries.
#![no_main]
use ibpolicy::engine::{CheckOptions, RuleSet};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static RULES: OnceLock<RuleSet> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let rules = RULES.get_or_init(|| RuleSet::builtin_lean().expect("built-in rules load"));
    let (source, diags) = rules.check_bytes("f.json", data, &CheckOptions::default());
    for d in diags {
        assert!(d.span.end <= source.text.len());
        assert!(
            source.text.is_char_boundary(d.span.start) && source.text.is_char_boundary(d.span.end)
        );
    }
});
