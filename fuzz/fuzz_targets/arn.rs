//! The ARN parser and the Put*Policy ARN rules: ranges stay inside the ARN.
#![no_main]
use ibpolicy::arn::{check_target, parse, Kind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(a) = parse(text) {
        assert!(a.resource.range.end <= text.len());
    }
    for kind in Kind::ALL {
        for issue in check_target(text, kind) {
            assert!(issue.range.start <= issue.range.end && issue.range.end <= text.len());
        }
    }
    let _ = ibpolicy::arn::wildcard_match(
        text,
        "arn:aws:imagebuilder:us-west-2:111122223333:image/x/1.0.0/1",
    );
});
