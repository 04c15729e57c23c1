//! The strict JSON layer: never panics; spans stay inside the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        match ibpolicy::json::parse(text) {
            Ok(node) => assert!(node.span.end <= text.len()),
            Err(e) => assert!(e.span.start <= e.span.end && e.span.end <= text.len()),
        }
    }
});
