//! The check run as a library call, without the command line.

use ibpolicy::runner::{run, Request};
use ibpolicy::Severity;
use std::path::PathBuf;

fn request(paths: &[&str]) -> Request {
    Request {
        paths: paths
            .iter()
            .map(|p| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p))
            .collect(),
        stdin_name: "<stdin>".into(),
        isolated: true,
        lean: true,
        ..Request::default()
    }
}

#[test]
fn runs_fixtures_in_order_and_reports_failure() {
    let outcome = run(&request(&[
        "fixtures/valid",
        "fixtures/invalid/e08-principal-star.json",
    ]))
    .unwrap();
    let run = outcome.run;
    assert_eq!(run.files.len(), 11);
    assert!(run.files[..10].iter().all(|f| f.diagnostics.is_empty()));
    assert!(run.files[10]
        .source
        .name
        .ends_with("e08-principal-star.json"));
    assert_eq!(run.files[10].diagnostics[0].rule, "IB0401");
    assert!(run.failed() && run.errors.is_empty());
    // The same run with warnings let through passes.
    let outcome = run_with(Severity::Error);
    assert!(!outcome.failed());
}

fn run_with(fail_on: Severity) -> ibpolicy::report::Run {
    let mut req = request(&["fixtures/invalid/e08-principal-star.json"]);
    req.fail_on = Some(fail_on);
    run(&req).unwrap().run
}

#[test]
fn missing_inputs_are_errors_and_the_rest_is_checked() {
    let outcome = run(&request(&[
        "no/such.json",
        "fixtures/valid/e01-put-image-policy-request.json",
    ]))
    .unwrap();
    assert_eq!(outcome.run.errors.len(), 1);
    assert_eq!(outcome.run.files.len(), 1);
    assert!(outcome.run.unsuccessful());
}
