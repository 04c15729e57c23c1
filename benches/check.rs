//! Per-file cost of a check, and the one-off cost of loading the rules.
//! `cargo bench` (the whole-process comparison with parliament is
//! bench/compare.sh).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ibpolicy::engine::{CheckOptions, RuleSet};
use std::hint::black_box;
use std::path::Path;

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    c.bench_function("load built-in rules (lean)", |b| {
        b.iter(|| black_box(RuleSet::builtin_lean().unwrap()))
    });
    let rules = RuleSet::builtin_lean().unwrap();
    let opts = CheckOptions::default();
    let mut group = c.benchmark_group("check one file");
    for (name, bytes) in fixtures() {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&name), &bytes, |b, bytes| {
            b.iter(|| black_box(rules.check_bytes("f.json", black_box(bytes), &opts)))
        });
    }
    group.finish();
    // Linear in size: the same statement repeated 1, 10 and 100 times.
    let stmt = r#"{"Effect": "Allow", "Principal": {"AWS": ["444455556666", "arn:aws:iam::777788889999:root"]}, "Action": ["imagebuilder:GetImage", "imagebuilder:ListImages"], "Resource": "arn:aws:imagebuilder:us-west-2:111122223333:image/x/1.0.0/1"}"#;
    let mut group = c.benchmark_group("statements per policy");
    for n in [1usize, 10, 100] {
        let policy = format!(
            "{{\"Version\": \"2012-10-17\", \"Statement\": [{}]}}",
            vec![stmt; n].join(", ")
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &policy, |b, p| {
            b.iter(|| black_box(rules.check_bytes("f.json", p.as_bytes(), &opts)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
