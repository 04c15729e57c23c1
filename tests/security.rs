//! The security rules across rules: Deny and narrowing conditions are not
//! mistaken for sharing, and one action string gets one report among
//! IB0302, IB0403, IB0405 and IB0406.

use ibpolicy::engine::{CheckOptions, RuleSet};
use ibpolicy::Diagnostic;

fn check(input: &str) -> Vec<Diagnostic> {
    let rules = RuleSet::builtin().unwrap();
    rules
        .check_bytes("t.json", input.as_bytes(), &CheckOptions::default())
        .1
}

fn security(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.rule.starts_with("IB04"))
        .map(|d| format!("{} {}", d.rule, d.path))
        .collect()
}

const IMAGE: &str =
    "arn:aws:imagebuilder:us-west-2:123456789012:image/my-example-image/2019.12.03/1";

#[test]
fn deny_on_everyone_and_an_org_narrowed_allow_are_not_sharing() {
    let narrowed = format!(
        r#"{{"Version": "2012-10-17", "Statement": [
            {{"Effect": "Deny", "Principal": "*", "Action": "imagebuilder:DeleteImage", "Resource": "{IMAGE}"}},
            {{"Effect": "Allow", "Principal": {{"AWS": "*"}}, "Action": ["imagebuilder:GetImage", "imagebuilder:ListImages"], "Resource": "{IMAGE}",
              "Condition": {{"StringEquals": {{"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}}}}]}}"#
    );
    assert_eq!(security(&check(&narrowed)), Vec::<String>::new());

    let open = narrowed.replace(
        r#",
              "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}"#,
        "",
    );
    assert_ne!(open, narrowed);
    assert_eq!(
        security(&check(&open)),
        ["IB0401 Statement[1].Principal.AWS"]
    );
}

#[test]
fn conditions_that_do_not_narrow_leave_the_warning() {
    for cond in [
        r#"{"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}"#,
        r#"{"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}"#,
        r#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#,
        r#"{"StringLike": {"aws:PrincipalOrgID": "*"}}"#,
    ] {
        let p = format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Principal": "*", "Action": "imagebuilder:GetImage", "Resource": "{IMAGE}", "Condition": {cond}}}]}}"#
        );
        let found = security(&check(&p));
        assert!(
            found.contains(&"IB0401 Statement[0].Principal".to_string()),
            "{cond}: {found:?}"
        );
    }
}

#[test]
fn one_action_string_gets_one_report() {
    let p = format!(
        r#"{{"Version": "2012-10-17", "Statement": [
            {{"Effect": "Allow", "Principal": {{"AWS": "444455556666"}}, "Action": ["imagebuilder:*", "imagebuilder:PutImagePolicy", "imagebuilder:DeleteImage", "*"], "Resource": "{IMAGE}"}},
            {{"Effect": "Allow", "Principal": {{"AWS": "123456789012"}}, "Action": ["imagebuilder:*", "imagebuilder:PutImagePolicy"], "Resource": "{IMAGE}"}},
            {{"Effect": "Allow", "Principal": {{"AWS": "444455556666"}}, "NotAction": "imagebuilder:GetImage", "Resource": "{IMAGE}"}}]}}"#
    );
    let diags = check(&p);
    let on_actions: Vec<(String, String)> = diags
        .iter()
        .filter(|d| ["IB0302", "IB0403", "IB0405", "IB0406"].contains(&d.rule.as_str()))
        .map(|d| (d.path.to_string(), d.rule.clone()))
        .collect();
    assert_eq!(
        on_actions,
        [
            ("Statement[0].Action[0]".to_string(), "IB0405".to_string()),
            ("Statement[0].Action[1]".to_string(), "IB0406".to_string()),
            ("Statement[0].Action[2]".to_string(), "IB0302".to_string()),
            ("Statement[0].Action[3]".to_string(), "IB0405".to_string()),
            ("Statement[1].Action[0]".to_string(), "IB0302".to_string()),
            ("Statement[1].Action[1]".to_string(), "IB0302".to_string()),
            ("Statement[2].NotAction".to_string(), "IB0403".to_string()),
        ]
    );
}

#[test]
fn deny_statements_are_never_reported_as_grants() {
    let p = format!(
        r#"{{"Version": "2012-10-17", "Statement": [
            {{"Effect": "Allow", "Principal": {{"AWS": "444455556666"}}, "Action": ["imagebuilder:GetImage", "imagebuilder:ListImages"], "Resource": "{IMAGE}"}},
            {{"Effect": "Deny", "Principal": "*", "NotAction": ["imagebuilder:GetImage"], "NotResource": "{IMAGE}"}},
            {{"Effect": "Deny", "NotPrincipal": {{"AWS": "444455556666"}}, "Action": "*", "Resource": "*"}},
            {{"Effect": "Deny", "Principal": {{"Service": "ec2.amazonaws.com"}}, "Action": "imagebuilder:PutImagePolicy", "Resource": "*"}}]}}"#
    );
    assert_eq!(security(&check(&p)), Vec::<String>::new());
}
