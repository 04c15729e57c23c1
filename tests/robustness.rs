//! No panic, no hang, no network, on any input: property tests over arbitrary
//! bytes and mutated real policies, the exact mapping of embedded-string
//! spans, an adversarial corpus through the command line, and strace.

use ibpolicy::engine::{CheckOptions, RuleSet};
use ibpolicy::source::{decode_json_string, Span};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().unwrap())
}

/// Checks bytes and asserts the invariants every report relies on.
fn check_invariants(bytes: &[u8]) {
    let (source, diags) = rules().check_bytes("p.json", bytes, &CheckOptions::default());
    let text = &source.text;
    for d in &diags {
        for span in std::iter::once(d.span).chain(d.related.iter().map(|l| l.span)) {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{} span {:?} outside the input ({} bytes)",
                d.rule,
                span,
                text.len()
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{} span {:?} splits a character",
                d.rule,
                span
            );
        }
        let p = source.position(d.span.start);
        assert!(p.line >= 1 && p.column >= 1);
    }
}

fn fixture_texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v.iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// One edit to a real policy: delete, insert or replace a short run.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, usize, String),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("{".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just("*".to_string()),
        Just(":".to_string()),
        Just("\\u00e9".to_string()),
        Just("\\ud800".to_string()),
        Just("${aws:username".to_string()),
        "\\PC{0,6}",
    ];
    prop_oneof![
        (any::<usize>(), 1usize..8).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), piece.clone()).prop_map(|(a, s)| Edit::Insert(a, s)),
        (any::<usize>(), 1usize..6, piece).prop_map(|(a, n, s)| Edit::Replace(a, n, s)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut t = text.to_string();
    for e in edits {
        let fix = |i: usize, t: &str| {
            let mut i = i % (t.len() + 1);
            while !t.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        match e {
            Edit::Delete(a, n) => {
                let s = fix(*a, &t);
                let e = fix(s + n, &t).max(s);
                t.replace_range(s..e, "");
            }
            Edit::Insert(a, piece) => {
                let s = fix(*a, &t);
                t.insert_str(s, piece);
            }
            Edit::Replace(a, n, piece) => {
                let s = fix(*a, &t);
                let e = fix(s + n, &t).max(s);
                t.replace_range(s..e, piece);
            }
        }
    }
    t
}

/// A JSON string token for `s`, each character written raw or with one of
/// the escapes that can encode it.
fn encode(s: &str, choices: &[u8]) -> String {
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        let pick = choices.get(i % choices.len().max(1)).copied().unwrap_or(0) % 3;
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\t' => Some("\\t"),
            '\r' => Some("\\r"),
            '/' => Some("\\/"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            _ => None,
        };
        let must_escape = c == '"' || c == '\\' || (c as u32) < 0x20;
        match (pick, short) {
            (0, _) if !must_escape => out.push(c),
            (1, Some(e)) => out.push_str(e),
            _ => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_spans_stay_inside(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check_invariants(&bytes);
    }

    #[test]
    fn arbitrary_json_ish_text_never_panics(text in "[\\[\\]{}\":,\\\\ a-zA-Z0-9*${}.\\-]{0,200}") {
        check_invariants(text.as_bytes());
        let wrapped = format!("{{\"imageArn\": \"arn:aws:imagebuilder:us-west-2:111122223333:image/x/1.0.0/1\", \"policy\": {}}}", serde_json::to_string(&text).unwrap());
        check_invariants(wrapped.as_bytes());
    }

    #[test]
    fn mutated_real_policies_never_panic(which in 0usize..10, edits in proptest::collection::vec(edit_strategy(), 1..5)) {
        let texts = fixture_texts();
        let text = apply(&texts[which % texts.len()], &edits);
        check_invariants(text.as_bytes());
    }

    #[test]
    fn embedded_spans_map_back_exactly(s in "\\PC{0,24}|[\"\\\\/\\n\\t\\u{8}\\u{c}\\u{1F600}é a]{0,24}", choices in proptest::collection::vec(any::<u8>(), 1..8), base in 0usize..50) {
        let raw = encode(&s, &choices);
        let (decoded, map) = decode_json_string(&raw, base).expect("our encoding is valid JSON");
        prop_assert_eq!(&decoded, &s);
        prop_assert_eq!(serde_json::from_str::<String>(&raw).unwrap(), s.clone());
        // Every character maps to exactly its own escape in the raw token
        // (an escaped quote to the quote itself).
        let mut raw_pos = 1;
        for (i, c) in s.char_indices() {
            let span = map.map(Span::new(i, i + c.len_utf8()));
            let piece = &raw[span.start - base..span.end - base];
            let expected_start = if piece == "\"" { raw_pos + 1 } else { raw_pos };
            prop_assert_eq!(span.start - base, expected_start, "char {:?} at {}", c, i);
            let unit = &raw[raw_pos..span.end - base];
            prop_assert_eq!(serde_json::from_str::<String>(&format!("\"{unit}\"")).unwrap(), c.to_string());
            raw_pos = span.end - base;
        }
        prop_assert_eq!(raw_pos, raw.len() - 1);
    }
}

// ---- the adversarial corpus, through the command line ----

fn ibpolicy(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ibpolicy"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Never hang: a run that takes more than 20 s is a failure.
    let start = std::time::Instant::now();
    loop {
        if let Some(_status) = child.try_wait().unwrap() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("ibpolicy {args:?} did not finish in 20 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

fn short(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const GOOD: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "imagebuilder:GetImage", "Resource": "arn:aws:imagebuilder:us-west-2:111122223333:image/x/1.0.0/1"}]}"#;

#[test]
fn adversarial_corpus_each_gets_a_clear_diagnostic_and_the_rest_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let w = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).unwrap();
    w("deep.json", "[".repeat(100_000).as_bytes());
    w("invalid-utf8.json", b"{\"Statement\": \"\xff\xfe\"}");
    w("bom.json", format!("\u{feff}{GOOD}").as_bytes());
    w("nul.json", b"{\"Statement\": [\0]}");
    w(
        "crlf.json",
        GOOD.replace("{\"Effect\"", "\r\n  {\"Effect\"")
            .replace("\"Allow\"", "\"allow\"")
            .as_bytes(),
    );
    w("surrogate.json", br#"{"Statement": [{"Sid": "\ud800"}]}"#);
    w(
        "big-number.json",
        GOOD.replace("\"2012-10-17\"", "1e999").as_bytes(),
    );
    w("empty.json", b"");
    w("good.json", GOOD.as_bytes());
    let big = format!(
        "{{\"Statement\": [], \"x\": \"{}\"}}",
        "a".repeat(50 * 1024 * 1024)
    );
    w("huge.json", big.as_bytes());
    std::fs::create_dir(d.join("x.json")).unwrap();

    let names = [
        "deep.json",
        "invalid-utf8.json",
        "bom.json",
        "nul.json",
        "crlf.json",
        "surrogate.json",
        "big-number.json",
        "empty.json",
        "huge.json",
        "good.json",
    ];
    let mut args = vec!["check", "--format", "short"];
    args.extend(names);
    let o = ibpolicy(d, &args);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = short(&o);
    let expect = [
        (
            "deep.json:1:65: error[IB0001] nesting is deeper than 64 levels",
            "deep nesting",
        ),
        (
            "invalid-utf8.json:1:16: error[IB0002] the file is not valid UTF-8",
            "invalid UTF-8",
        ),
        (
            "bom.json:1:1: error[IB0002] the file starts with a byte order mark",
            "BOM",
        ),
        ("nul.json:1:16: error[IB0001]", "NUL byte"),
        (
            "crlf.json:2:14: error[IB0108]",
            "CRLF columns (the \\r is not counted twice)",
        ),
        ("surrogate.json:1:25: error[IB0001]", "lone surrogate"),
        (
            "big-number.json:1:13: error[IB0117] expected a string here; found number",
            "1e999 parses; a Version must be a string",
        ),
        (
            "empty.json:1:1: error[IB0001] the document is empty",
            "empty file",
        ),
        (
            "huge.json:1:1: error[IB0004] the file is larger than 4194304 bytes",
            "50 MB file",
        ),
    ];
    for (line, what) in expect {
        assert!(
            out.lines().any(|l| l.starts_with(line)),
            "{what}: no line starting `{line}` in:\n{out}"
        );
    }
    assert!(!out.contains("good.json"), "the good file is clean:\n{out}");

    // A directory named x.json, named on the command line, is walked (nothing in it).
    let o = ibpolicy(d, &["check", "x.json", "good.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", short(&o));
}

#[cfg(unix)]
#[test]
fn fifos_symlink_loops_and_unreadable_inputs_never_block() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("tree")).unwrap();
    std::fs::write(d.join("tree/good.json"), GOOD).unwrap();
    std::fs::write(d.join("tree/bad.json"), GOOD.replace("Allow", "allow")).unwrap();
    let fifo = d.join("tree/pipe.json");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    std::os::unix::fs::symlink(d.join("tree"), d.join("tree/loop")).unwrap();
    std::os::unix::fs::symlink(d.join("tree/self.json"), d.join("tree/self.json")).unwrap();

    // The walk skips the FIFO and does not follow the links.
    let o = ibpolicy(d, &["check", "--format", "short", "tree"]);
    assert_eq!(o.status.code(), Some(1));
    let col = GOOD.replace("Allow", "allow").find("\"allow\"").unwrap() + 1;
    let bad = format!("tree/bad.json:1:{col}: error[IB0108]");
    assert!(short(&o).contains(&bad), "{}", short(&o));

    // Named explicitly, the FIFO and the link loop are I/O errors (exit 2), and
    // the other files are still checked. /proc/self/mem cannot be read even by root.
    let o = ibpolicy(
        d,
        &[
            "check",
            "--format",
            "short",
            "tree/pipe.json",
            "tree/self.json",
            "/proc/self/mem",
            "tree/bad.json",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("tree/pipe.json: not a regular file"), "{err}");
    assert!(err.contains("tree/self.json"), "{err}");
    assert!(err.contains("/proc/self/mem"), "{err}");
    assert!(short(&o).contains(&bad), "{}", short(&o));
}

#[test]
fn a_pathological_regex_in_a_rule_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let rule = r#"id = "XX0001"
name = "huge"
severity = "error"
category = "style"
summary = "s"
message = "m {value}"
source = "https://example.com/"
docs = """
## What it checks
## Why
## Example
## Fix
"""
[check]
select = "Statement[*].Sid"
assert = "matches"
pattern = "(((a{100}){100}){100}){100}"
[[examples]]
kind = "pass"
input = "{}"
[[examples]]
kind = "fail"
input = "{}"
expect = [{ at = "1:1" }]
"#;
    std::fs::write(dir.path().join("huge.toml"), rule).unwrap();
    let o = ibpolicy(
        dir.path(),
        &["check", "--rules", ".", "--format", "short", "-"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("huge.toml:17:11")
            && err.contains("invalid regular expression")
            && err.contains("size limit"),
        "{err}"
    );
}

#[test]
fn no_socket_is_ever_opened() {
    let strace = Command::new("strace").arg("-V").output();
    if strace.is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "strace must be installed in CI (.ci/run does it)"
        );
        eprintln!("strace not installed: skipped");
        return;
    }
    let log = tempfile::NamedTempFile::new().unwrap();
    let o = Command::new("strace")
        .args(["-f", "-e", "trace=network", "-o"])
        .arg(log.path())
        .arg(env!("CARGO_BIN_EXE_ibpolicy"))
        .args(["check", "--format", "json", "fixtures"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let trace = std::fs::read_to_string(log.path()).unwrap();
    assert!(
        trace.contains("+++ exited with 1 +++"),
        "strace did not trace the run:\n{trace}"
    );
    let calls: Vec<&str> = trace
        .lines()
        .filter(|l| !l.contains("+++") && !l.contains("---"))
        .collect();
    assert!(
        calls.is_empty(),
        "network system calls were made:\n{}",
        calls.join("\n")
    );
}
