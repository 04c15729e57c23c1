//! Configuration files and baselines, through the command line.

use std::path::Path;
use std::process::{Command, Output};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ibpolicy"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Public sharing (IB0401, a warning) and a missing Version (IB0101, a warning).
const PUBLIC: &str = r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "imagebuilder:GetImage", "Resource": "arn:aws:imagebuilder:us-west-2:111122223333:image/x/1.0.0/1"}]}"#;

fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("shared")).unwrap();
    std::fs::create_dir_all(dir.path().join("legacy")).unwrap();
    std::fs::write(dir.path().join("shared/public.json"), PUBLIC).unwrap();
    std::fs::write(dir.path().join("legacy/old.json"), PUBLIC).unwrap();
    dir
}

#[test]
fn per_file_ignore_and_severity_change_the_result_exactly() {
    let dir = tree();
    let before = run_in(dir.path(), &["check", "--format", "short", "."]);
    let before = out(&before);
    assert_eq!(before.lines().count(), 4, "{before}");
    std::fs::write(
        dir.path().join("ibpolicy.toml"),
        "[severity]\nIB0401 = \"error\"\n\n[per-file-ignores]\n\"legacy/*.json\" = [\"IB0101\"]\n",
    )
    .unwrap();
    let after = run_in(dir.path(), &["check", "--format", "short", "."]);
    assert_eq!(after.status.code(), Some(1));
    let expected = [
        "legacy/old.json:1:49: error[IB0401]",
        "shared/public.json:1:1: warning[IB0101]",
        "shared/public.json:1:49: error[IB0401]",
    ];
    let text = out(&after);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{}", out(&after));
    for (l, e) in lines.iter().zip(expected) {
        assert!(l.starts_with(e), "`{l}` should start with `{e}`");
    }
    // --isolated ignores the file.
    assert_eq!(
        out(&run_in(
            dir.path(),
            &["check", "--isolated", "--format", "short", "."]
        )),
        before
    );
}

#[test]
fn select_ignore_fail_on_and_config_found_from_a_subdirectory() {
    let dir = tree();
    std::fs::write(
        dir.path().join(".ibpolicy.toml"),
        "ignore = [\"IB01\"]\nfail-on = \"error\"\n",
    )
    .unwrap();
    // Run from a subdirectory: the config above it still applies.
    let o = run_in(
        &dir.path().join("shared"),
        &["check", "--format", "short", "public.json"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "warnings pass with fail-on = error: {}",
        out(&o)
    );
    assert!(
        out(&o).contains("warning[IB0401]") && !out(&o).contains("IB0101"),
        "{}",
        out(&o)
    );
    // --fail-on on the command line wins.
    assert_eq!(
        run_in(
            &dir.path().join("shared"),
            &["check", "--fail-on", "warning", "public.json"]
        )
        .status
        .code(),
        Some(1)
    );
}

#[test]
fn json_path_ignores_and_rule_params() {
    let dir = tree();
    std::fs::write(
        dir.path().join("ibpolicy.toml"),
        "[[ignore-paths]]\nfile = \"public.json\"\npath = \"Statement[0].Principal\"\n\n[params]\ntrusted-accounts = [\"444455556666\"]\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["check", "--format", "short", "shared/public.json"],
    );
    assert!(!out(&o).contains("IB0401"), "{}", out(&o));
    std::fs::write(
        dir.path().join("shared/partner.json"),
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "999988887777"}, "Action": "imagebuilder:GetImage", "Resource": "arn:aws:imagebuilder:us-west-2:111122223333:image/x/1.0.0/1"}]}"#,
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["check", "--format", "short", "shared/partner.json"],
    );
    assert!(
        out(&o).contains("warning[IB0410] account 999988887777 is not in `trusted-accounts`"),
        "{}",
        out(&o)
    );
}

#[test]
fn a_config_with_an_unknown_key_exits_2_naming_its_line() {
    let dir = tree();
    std::fs::write(
        dir.path().join("ibpolicy.toml"),
        "select = [\"IB\"]\n\nignroe = [\"IB0101\"]\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "shared"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("ibpolicy.toml:3:1") && err(&o).contains("ignroe"),
        "{}",
        err(&o)
    );
    // A bad severity points at the value.
    std::fs::write(
        dir.path().join("ibpolicy.toml"),
        "[severity]\nIB0401 = \"fatal\"\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["check", "--config", "ibpolicy.toml", "shared"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("ibpolicy.toml:2:10"), "{}", err(&o));
}

#[test]
fn baseline_hides_known_findings_and_reports_only_new_ones() {
    let dir = tree();
    let w = run_in(
        dir.path(),
        &["check", ".", "--write-baseline", "baseline.json"],
    );
    assert_eq!(w.status.code(), Some(0), "{}", err(&w));
    let b = run_in(dir.path(), &["check", ".", "--baseline", "baseline.json"]);
    assert_eq!(b.status.code(), Some(0), "{}", out(&b));
    // A new finding in a baselined file: only it is reported.
    let grown = PUBLIC.replace("]}", r#", {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "imagebuilder:ListImages", "Resource": "*"}]}"#);
    std::fs::write(dir.path().join("shared/public.json"), grown).unwrap();
    let n = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            ".",
            "--baseline",
            "baseline.json",
        ],
    );
    assert_eq!(n.status.code(), Some(1));
    let text = out(&n);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out(&n));
    assert!(
        lines[0].contains("warning[IB0401]") && lines[0].starts_with("shared/public.json:1:"),
        "{}",
        lines[0]
    );
}

#[test]
fn rule_ids_that_match_no_rule_are_errors_and_fail_on_follows_the_files_config() {
    let dir = tree();
    std::fs::write(
        dir.path().join("legacy/ibpolicy.toml"),
        "select = [\"XX\"]\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "legacy/old.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("`XX` matches no rule id"), "{}", err(&o));
    // The file's own config (found from its directory, not the working one)
    // decides its threshold and its globs.
    std::fs::write(
        dir.path().join("legacy/ibpolicy.toml"),
        "fail-on = \"error\"\n[per-file-ignores]\n\"old.json\" = [\"IB0101\"]\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["check", "--format", "short", "legacy/old.json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        !out(&o).contains("IB0101") && out(&o).contains("IB0401"),
        "{}",
        out(&o)
    );
}

#[test]
fn ignoring_the_rule_that_claims_a_finding_lets_the_other_report_it() {
    let dir = tree();
    let wild = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "imagebuilder:*", "Resource": "arn:aws:imagebuilder:us-west-2:111122223333:image/x/1.0.0/1"}]}"#;
    std::fs::write(dir.path().join("shared/wild.json"), wild).unwrap();
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--isolated",
            "--format",
            "short",
            "shared/wild.json",
        ],
    );
    assert!(
        out(&o).contains("[IB0405]") && !out(&o).contains("[IB0302]"),
        "{}",
        out(&o)
    );
    std::fs::write(dir.path().join("ibpolicy.toml"), "ignore = [\"IB0405\"]\n").unwrap();
    let o = run_in(
        dir.path(),
        &["check", "--format", "short", "shared/wild.json"],
    );
    assert!(
        out(&o).contains("[IB0302]") && !out(&o).contains("[IB0405]"),
        "one of them reports it: {}",
        out(&o)
    );
}
