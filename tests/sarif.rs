//! SARIF output validates against the SARIF 2.1.0 JSON schema. The schema
//! comes from the `serde-sarif` crate (a dev-dependency), which ships it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `$CARGO_HOME/registry/src/<index>/serde-sarif-<version>/src/schema.json`.
fn schema_path() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .expect("CARGO_HOME or HOME is set");
    let src = home.join("registry/src");
    for index in std::fs::read_dir(&src)
        .expect("the cargo registry has sources")
        .flatten()
    {
        for pkg in std::fs::read_dir(index.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = pkg.file_name().to_string_lossy().into_owned();
            let schema = pkg.path().join("src/schema.json");
            if name.starts_with("serde-sarif-") && schema.is_file() {
                return schema;
            }
        }
    }
    panic!(
        "serde-sarif's schema.json not found under {}",
        src.display()
    );
}

fn sarif_of(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_ibpolicy"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).expect("sarif output is JSON")
}

#[test]
fn sarif_output_validates_against_the_schema() {
    // The published 2.1.0 schema has a stray `]` in the pattern of
    // `run.language` (`...[a-zA-Z]{2}]?$`). ECMAScript regexes read it as a
    // literal `]`; the Rust regex crate refuses it, so escape it to the same
    // meaning before compiling.
    let text = std::fs::read_to_string(schema_path())
        .unwrap()
        .replace("[a-zA-Z]{2}]?$", "[a-zA-Z]{2}\\\\]?$");
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(
        schema["$schema"]
            .as_str()
            .unwrap_or("")
            .contains("json-schema.org"),
        "not a JSON schema"
    );
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    for args in [
        &["check", "--format", "sarif", "fixtures/invalid"][..],
        &["check", "--format", "sarif", "fixtures/valid"][..],
    ] {
        let log = sarif_of(args);
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{args:?}: SARIF does not validate:\n{}",
            errors.join("\n")
        );
    }
    // The validator does reject a broken log (the check above is not vacuous).
    let mut broken = sarif_of(&["check", "--format", "sarif", "fixtures/invalid"]);
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(
        !validator.is_valid(&broken),
        "a result level outside the enum must not validate"
    );
    // The typed model of the same schema reads it too.
    let log = sarif_of(&["check", "--format", "sarif", "fixtures/invalid"]);
    let typed: serde_sarif::sarif::Sarif =
        serde_json::from_value(log.clone()).expect("serde-sarif reads the log");
    assert_eq!(typed.version.to_string().trim_matches('"'), "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"], "ruleIndex points at the rule");
        assert!(rules[i]["helpUri"]
            .as_str()
            .unwrap()
            .starts_with("https://"));
        assert!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
        assert!(r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].is_string());
    }
}
