//! The command line as users and scripts see it: exit codes, formats, stdin,
//! user rule directories. Rendered output is snapshot-tested so that a span
//! that moves by one column shows up in review.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn ibpolicy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ibpolicy"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run ibpolicy")
}

fn with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ibpolicy"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The wrong-action request on standard input, named req.json, in a format.
fn check_request(format: &str) -> Output {
    with_stdin(
        &[
            "check",
            "--format",
            format,
            "-",
            "--stdin-filename",
            "req.json",
        ],
        WRONG_ACTION_REQUEST,
    )
}

/// A PutImagePolicy request whose embedded policy puts `imagebuilder:GetComponent`
/// on line 3 of the file.
const WRONG_ACTION_REQUEST: &str = r#"{
  "imageArn": "arn:aws:imagebuilder:us-west-2:111122223333:image/my-image/1.0.0/1",
  "policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"444455556666\"}, \"Action\": [\"imagebuilder:GetImage\", \"imagebuilder:GetComponent\"], \"Resource\": \"arn:aws:imagebuilder:us-west-2:111122223333:image/my-image/1.0.0/1\"}]}"
}
"#;

#[test]
fn valid_fixtures_pass_and_invalid_ones_fail_with_every_file_reported() {
    let ok = ibpolicy(&["check", "fixtures/valid"]);
    assert_eq!(ok.status.code(), Some(0), "{}{}", stdout(&ok), stderr(&ok));

    let bad = ibpolicy(&["check", "--format", "short", "fixtures/invalid"]);
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
    let out = stdout(&bad);
    for entry in
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/invalid")).unwrap()
    {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            let name = format!(
                "fixtures/invalid/{}",
                p.file_name().unwrap().to_string_lossy()
            );
            assert!(
                out.contains(&format!("{name}:")),
                "{name} not reported:\n{out}"
            );
        }
    }
}

#[test]
fn escaped_policy_diagnostic_lands_on_the_action_quote_in_the_file() {
    let out = check_request("short");
    assert_eq!(out.status.code(), Some(1));
    let line3 = WRONG_ACTION_REQUEST.lines().nth(2).unwrap();
    let col = line3.find("\"imagebuilder:GetComponent").unwrap() + 1;
    let expected = format!("req.json:3:{col}: warning[IB0301]");
    assert!(
        stdout(&out).contains(&expected),
        "expected `{expected}` in:\n{}",
        stdout(&out)
    );
}

#[test]
fn json_output_follows_the_envelope() {
    let out = check_request("json");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output parses");
    assert_eq!(v["success"], false);
    assert_eq!(v["error"]["code"], "VALIDATION_ERROR");
    let d = &v["error"]["diagnostics"][0];
    assert_eq!(d["rule"], "IB0301");
    assert_eq!(d["name"], "action-wrong-kind");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["file"], "req.json");
    assert_eq!(
        d["path"],
        serde_json::json!(["policy", "Statement", 0, "Action", 1])
    );
    assert_eq!(d["span"]["start"]["line"], 3);
    for key in ["line", "column", "offset"] {
        assert!(
            d["span"]["start"][key].is_u64() && d["span"]["end"][key].is_u64(),
            "span.{key}"
        );
    }
    let start = d["span"]["start"]["offset"].as_u64().unwrap() as usize;
    let end = d["span"]["end"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(
        &WRONG_ACTION_REQUEST[start..end],
        "\"imagebuilder:GetComponent\\\""
    );

    let clean = ibpolicy(&["check", "--format", "json", "fixtures/valid"]);
    assert_eq!(clean.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&clean.stdout).unwrap();
    assert_eq!(v["success"], true);
    assert!(v["data"]["diagnostics"].as_array().unwrap().is_empty());
    assert!(v["data"]["files"].as_array().unwrap().len() >= 10);
}

#[test]
fn fail_on_sets_the_threshold() {
    // Only a warning here: it fails by default, passes with --fail-on error.
    let public = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "imagebuilder:GetImage", "Resource": "arn:aws:imagebuilder:us-west-2:111122223333:image/x/1.0.0/1"}]}"#;
    assert_eq!(with_stdin(&["check", "-"], public).status.code(), Some(1));
    let out = with_stdin(
        &["check", "--fail-on", "error", "--format", "json", "-"],
        public,
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["success"], true);
    assert_eq!(v["data"]["diagnostics"][0]["rule"], "IB0401");
}

#[test]
fn invalid_json_is_a_finding_and_a_missing_file_is_an_io_error() {
    let out = with_stdin(&["check", "--format", "short", "-"], "{\"Statement\": [}");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("<stdin>:1:16: error[IB0001]"),
        "{}",
        stdout(&out)
    );

    let out = ibpolicy(&[
        "check",
        "--format",
        "short",
        "no/such/file.json",
        "fixtures/valid",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/file.json"));
}

fn write_rule(dir: &Path, name: &str, body: &str) {
    std::fs::write(dir.join(name), body).unwrap();
}

const USER_RULE: &str = r#"id = "ACME0001"
name = "no-partner-account"
severity = "error"
category = "security"
summary = "Never share with the retired partner account 999999999999."
message = "principal {value} is the retired partner account"
help = "remove it"
source = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"
docs = """
## What it checks
No principal names account 999999999999.
## Why
The partner contract ended.
## Example
"AWS": "999999999999"
## Fix
Remove it.
"""

[check]
select = "Statement[*].Principal.AWS[*]"
assert = "not-matches"
pattern = "(^|:)999999999999(:|$)"

[[examples]]
kind = "fail"
input = '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"}, "Action": "imagebuilder:GetImage", "Resource": "*"}]}'
expect = [{ path = "Statement[0].Principal.AWS" }]

[[examples]]
kind = "pass"
input = '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "imagebuilder:GetImage", "Resource": "*"}]}'
"#;

#[test]
fn user_rules_fire_and_test_rules_runs_their_examples() {
    let dir = tempfile::tempdir().unwrap();
    write_rule(dir.path(), "partner.toml", USER_RULE);
    let d = dir.path().to_str().unwrap();
    let policy = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["444455556666", "999999999999"]}, "Action": "imagebuilder:GetImage", "Resource": "arn:aws:imagebuilder:us-west-2:111122223333:image/x/1.0.0/1"}]}"#;
    let out = with_stdin(&["check", "--rules", d, "--format", "short", "-"], policy);
    assert_eq!(out.status.code(), Some(1));
    let col = policy.find("\"999999999999").unwrap() + 1;
    let expected = format!(
        "<stdin>:1:{col}: error[ACME0001] principal 999999999999 is the retired partner account"
    );
    assert!(stdout(&out).contains(&expected), "{}", stdout(&out));

    let t = ibpolicy(&["test-rules", "--no-default-rules", "--rules", d]);
    assert_eq!(t.status.code(), Some(0), "{}", stdout(&t));
    assert!(
        stdout(&t).contains("1 rules, 2 examples: 2 passed, 0 failed"),
        "{}",
        stdout(&t)
    );
    // A failing example is counted once, however many problems it has.
    write_rule(
        dir.path(),
        "partner.toml",
        &USER_RULE.replace(
            "\"Statement[0].Principal.AWS\"",
            "\"Statement[0].Principal.Nope\"",
        ),
    );
    let t = ibpolicy(&["test-rules", "--no-default-rules", "--rules", d]);
    assert_eq!(t.status.code(), Some(1));
    assert!(
        stdout(&t).contains("1 rules, 2 examples: 1 passed, 1 failed"),
        "{}",
        stdout(&t)
    );
}

#[test]
fn a_rule_file_with_a_bad_regex_exits_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write_rule(
        dir.path(),
        "broken.toml",
        &USER_RULE.replace("(^|:)999999999999(:|$)", "(^|:)999999999999(:|$"),
    );
    let d = dir.path().to_str().unwrap();
    let out = ibpolicy(&["check", "--rules", d, "fixtures/valid"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let line = USER_RULE
        .lines()
        .position(|l| l.starts_with("pattern"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "broken.toml:{line}:11: invalid regular expression"
        )),
        "{err}"
    );
}

#[test]
fn a_rule_file_with_an_unknown_function_or_bad_toml_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    write_rule(
        dir.path(),
        "r.toml",
        &USER_RULE.replace("assert = \"not-matches\"", "assert = \"not-match\""),
    );
    let out = ibpolicy(&[
        "check",
        "--rules",
        dir.path().to_str().unwrap(),
        "fixtures/valid",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("unknown assertion function `not-match`; did you mean `not-matches`?"),
        "{}",
        stderr(&out)
    );

    write_rule(dir.path(), "r.toml", "id = \"X\n");
    let out = ibpolicy(&[
        "check",
        "--rules",
        dir.path().to_str().unwrap(),
        "fixtures/valid",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("r.toml:1:"), "{}", stderr(&out));
}

#[test]
fn no_default_rules_leaves_only_user_rules() {
    let dir = tempfile::tempdir().unwrap();
    write_rule(dir.path(), "partner.toml", USER_RULE);
    let out = with_stdin(
        &[
            "check",
            "--no-default-rules",
            "--rules",
            dir.path().to_str().unwrap(),
            "--format",
            "short",
            "-",
        ],
        r#"{"Statement": [{"Principal": "*"}]}"#,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn snapshot_arn() {
    let out = ibpolicy(&[
        "arn",
        "arn:aws:imagebuilder:us-west-2:123456789012:image/my-example-image/2019.12.03/1",
        "arn:aws:imagebuilder:us-west-2:123456789012:image-recipe/My-Recipe/x.2.x",
    ]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn readme_shows_what_the_tool_prints() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        readme.contains(WRONG_ACTION_REQUEST.trim_end()),
        "README's example request differs from the test's"
    );
    let short = check_request("short");
    assert!(
        readme.contains(stdout(&short).trim_end()),
        "README's short output is stale:\n{}",
        stdout(&short)
    );
    let human = with_stdin(
        &["check", "-", "--stdin-filename", "req.json"],
        WRONG_ACTION_REQUEST,
    );
    assert!(
        readme.contains(stdout(&human).trim_end()),
        "README's human output is stale:\n{}",
        stdout(&human)
    );
}

#[test]
fn readme_example_rule_passes_its_own_examples() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme
        .find("## Adding a rule")
        .expect("README has an Adding a rule section")..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let rule = &section[start..start + section[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    write_rule(dir.path(), "readme.toml", rule);
    let t = ibpolicy(&[
        "test-rules",
        "--no-default-rules",
        "--rules",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(
        t.status.code(),
        Some(0),
        "README's example rule fails:\n{}{}",
        stdout(&t),
        stderr(&t)
    );
}

/// Every format on the same two files: an error, warnings, an info, a
/// related label, a non-ASCII character before a reported token, and a
/// finding inside an escaped `policy` string; a span that moves by one
/// column changes a snapshot.
#[test]
fn snapshots_of_every_format() {
    for format in ["human", "short", "json", "sarif", "github", "gitlab"] {
        let out = ibpolicy(&[
            "check",
            "--format",
            format,
            "tests/data/rich.json",
            "tests/data/req.json",
        ]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = stdout(&out).replace(env!("CARGO_PKG_VERSION"), "[version]");
        insta::assert_snapshot!(format!("format_{format}"), text);
    }
}

#[test]
fn completions_and_man_page() {
    let bash = ibpolicy(&["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0));
    assert!(stdout(&bash).contains("ibpolicy") && stdout(&bash).contains("--stdin-filename"));
    let man = ibpolicy(&["man"]);
    assert_eq!(man.status.code(), Some(0));
    assert!(stdout(&man).starts_with(".ie") && stdout(&man).contains(".SH NAME"));
}

#[test]
fn pre_commit_hook_definition_keeps_its_promises() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    assert!(text.contains("- id: ibpolicy") && text.contains("language: rust"));
    assert!(text.contains("require_serial: false"));
    // A `types:` filter would silently drop files a user's `files:` pattern selects.
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with("types")),
        "no types filter"
    );
    // Named files that are not policies (package.json) are skipped, not failed.
    let entry = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .unwrap();
    assert!(entry.contains("--only-policies"));
    let out = with_stdin(
        &[
            "check",
            "--only-policies",
            "-",
            "--stdin-filename",
            "package.json",
        ],
        r#"{"name": "x"}"#,
    );
    assert_eq!(out.status.code(), Some(0));
}
