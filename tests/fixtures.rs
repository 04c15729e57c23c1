//! Every fixture is checked: the AWS documentation examples in
//! `fixtures/valid` produce no diagnostic at all, and each broken variant in
//! `fixtures/invalid` produces exactly the diagnostics its `.expect` file lists
//! (one `RULE line:col` per line, in output order).

use ibpolicy::engine::{CheckOptions, RuleSet};
use std::path::{Path, PathBuf};

fn json_files(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// `RULE line:col` for each diagnostic of a file.
fn actual(rules: &RuleSet, path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let (source, diags) = rules.check_bytes(
        &path.display().to_string(),
        &bytes,
        &CheckOptions::default(),
    );
    diags
        .iter()
        .map(|d| format!("{} {}", d.rule, source.position(d.span.start)))
        .collect()
}

#[test]
fn documented_examples_are_clean() {
    let rules = RuleSet::builtin().unwrap();
    let files = json_files("fixtures/valid");
    assert!(
        files.len() >= 10,
        "expected the ten AWS examples, found {}",
        files.len()
    );
    for f in files {
        let got = actual(&rules, &f);
        assert!(
            got.is_empty(),
            "{} should be clean, got {got:?}",
            f.display()
        );
    }
}

#[test]
fn broken_variants_report_exactly_what_they_expect() {
    let rules = RuleSet::builtin().unwrap();
    let files = json_files("fixtures/invalid");
    assert!(
        files.len() >= 15,
        "expected at least 15 broken fixtures, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for f in files {
        let expect_path = f.with_extension("expect");
        let expected: Vec<String> = std::fs::read_to_string(&expect_path)
            .unwrap_or_else(|_| panic!("{} has no .expect file", f.display()))
            .lines()
            .map(|l| l.split('#').next().unwrap().trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        assert!(
            !expected.is_empty(),
            "{} expects nothing; a broken fixture must expect a diagnostic",
            expect_path.display()
        );
        let got = actual(&rules, &f);
        if got != expected {
            failures.push(format!(
                "{}:\n  expected {expected:?}\n  got      {got:?}",
                f.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every diagnostic of every broken fixture with its whole span and the exact
/// text it covers, as one snapshot: a span whose start or end moves by one
/// character shows up in review.
#[test]
fn spans_of_every_broken_fixture() {
    let rules = RuleSet::builtin().unwrap();
    let mut out = String::new();
    for f in json_files("fixtures/invalid") {
        let bytes = std::fs::read(&f).unwrap();
        let (source, diags) = rules.check_bytes("f.json", &bytes, &CheckOptions::default());
        out.push_str(&format!("{}\n", f.file_name().unwrap().to_string_lossy()));
        for d in diags {
            let (s, e) = (source.position(d.span.start), source.position(d.span.end));
            let text: String = source.text[d.span.start..d.span.end]
                .chars()
                .take(60)
                .collect();
            out.push_str(&format!("  {} {}-{} {:?}\n", d.rule, s, e, text));
        }
    }
    insta::assert_snapshot!(out);
}
