//! Native checks of the `conditions` group, one file each: the grammar of
//! `Condition` blocks (operators, keys, values) and policy variables.

use crate::engine::NativeFn;

mod model;
mod values;
mod variables;

mod deprecated_key;
mod empty_condition;
mod epoch_date;
mod forallvalues;
mod invalid_operator;
mod ip_host_bits;
mod key_case;
mod key_format;
mod key_type;
mod mfa;
mod missing_qualifier;
mod missing_tag_key;
mod mixed_types;
mod multiple_boolean;
mod null_if_exists;
mod null_qualifier;
mod operator_not_object;
mod private_ip;
mod redundant_numeric;
mod region;
mod set_single;
mod unknown_key;
mod value_mismatch;
mod value_type;
mod variable_element;
mod variable_operator;
mod variable_syntax;
mod variable_version;
mod vpc;
mod wildcard;

/// The checks of this group by the name rule files use.
pub static CHECKS: &[(&str, NativeFn)] = &[
    ("invalid-condition-operator", invalid_operator::run),
    ("null-with-if-exists", null_if_exists::run),
    ("condition-operator-not-object", operator_not_object::run),
    ("condition-value-type", value_type::run),
    ("mixed-condition-value-types", mixed_types::run),
    ("empty-condition", empty_condition::run),
    ("invalid-condition-key-format", key_format::run),
    ("unknown-condition-key", unknown_key::run),
    ("deprecated-condition-key", deprecated_key::run),
    ("missing-tag-key", missing_tag_key::run),
    ("duplicate-condition-key-case", key_case::run),
    ("invalid-condition-value", value_mismatch::run),
    ("epoch-date-value", epoch_date::run),
    ("ip-range-host-bits", ip_host_bits::run),
    ("multiple-boolean-values", multiple_boolean::run),
    ("redundant-numeric-value", redundant_numeric::run),
    ("wildcard-without-like-operator", wildcard::run),
    ("operator-key-type-mismatch", key_type::run),
    ("forallvalues-single-valued-key", forallvalues::run),
    ("set-operator-single-valued-key", set_single::run),
    ("missing-set-qualifier", missing_qualifier::run),
    ("null-with-qualifier", null_qualifier::run),
    ("invalid-policy-variable", variable_syntax::run),
    ("variable-unsupported-in-version", variable_version::run),
    ("variable-unsupported-in-element", variable_element::run),
    ("variable-with-unsupported-operator", variable_operator::run),
    ("private-source-ip", private_ip::run),
    ("invalid-region", region::run),
    ("invalid-vpc-id", vpc::run),
    ("mfa-bool-false", mfa::run),
];

#[cfg(test)]
mod tests {
    use crate::engine::{CheckOptions, RuleSet};

    fn mine(id: &str) -> bool {
        id.strip_prefix("IB")
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| (130..=159).contains(&n))
    }

    /// The examples of the condition rules, run against all of them: a pass
    /// example draws nothing from any condition rule, and a fail example
    /// draws only the rule it illustrates (one diagnostic per mistake).
    #[test]
    fn condition_rule_examples_draw_no_other_condition_rule() {
        let rules = RuleSet::builtin().expect("built-in rules load");
        let mut problems = Vec::new();
        let mut seen = 0;
        for rule in rules.rules.iter().filter(|r| mine(&r.id)) {
            seen += 1;
            for (i, ex) in rule.examples.iter().enumerate() {
                let opts = CheckOptions {
                    arn: ex.arn.clone(),
                    params: ex.params.clone(),
                    ..CheckOptions::default()
                };
                let (_, diags) = rules.check_bytes("example.json", ex.input.as_bytes(), &opts);
                for d in diags.iter().filter(|d| mine(&d.rule)) {
                    if ex.kind == "pass" || d.rule != rule.id {
                        problems.push(format!(
                            "{} example {} [{}]: {} at {}: {}",
                            rule.id,
                            i + 1,
                            ex.kind,
                            d.rule,
                            d.path,
                            d.message
                        ));
                    }
                }
            }
        }
        assert_eq!(seen, 30, "the condition rules are IB0130-IB0159");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
