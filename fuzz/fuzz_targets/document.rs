//! The document layer: recognising requests and responses and decoding the
//! embedded policy string; every problem's span is inside the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (source, problems) = ibpolicy::document::decode_bytes("f.json", data);
    let doc = ibpolicy::document::analyze(&source, problems, None);
    for p in &doc.problems {
        assert!(p.span.end <= source.text.len() && source.text.is_char_boundary(p.span.start));
    }
    if let Some(view) = doc.policy_view(&source) {
        let s = view.file_span(view.root.span);
        assert!(s.end <= source.text.len());
    }
});
