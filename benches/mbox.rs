//! Reading a mailing-list archive: bytes in, threads out (splitting, MIME, threading), on
//! generated mbox files of 34 MB and 338 MB.
//!
//! `cargo bench --bench mbox`; the inputs are generated once into target/bench-data/.

#[path = "../examples/gen/src/rng.rs"]
mod rng;

#[path = "../examples/gen/src/mbox.rs"]
mod gen_mbox;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput};
use std::fs::{self, File};
use std::hint::black_box;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::time::Duration;
use thread_tui::thread::{self, Format};

/// Messages in each archive (about 1.7 KB each).
const SIZES: [u64; 2] = [20_000, 200_000];
const SEED: u64 = 1;

/// The path of a generated archive, written first if no earlier run did.
fn input(messages: u64) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("bench-data");
    let path = dir.join(format!("mbox-{messages}-seed{SEED}.mbox"));
    if !path.exists() {
        fs::create_dir_all(&dir).expect("create target/bench-data");
        eprintln!("generating {} ...", path.display());
        let partial = path.with_extension("partial");
        let file = File::create(&partial).expect("create bench input");
        gen_mbox::write(messages, SEED, BufWriter::with_capacity(1 << 20, file))
            .expect("write bench input");
        fs::rename(&partial, &path).expect("rename bench input");
    }
    path
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse/mbox");
    group.warm_up_time(Duration::from_secs(1));
    group.sample_size(10);
    for messages in SIZES {
        let raw = fs::read(input(messages)).expect("read bench input");
        group.measurement_time(Duration::from_secs(if messages > 100_000 { 20 } else { 5 }));
        group.throughput(Throughput::Bytes(raw.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(messages), &raw, |b, raw| {
            // The parser consumes its buffer: each run gets a fresh copy, made untimed.
            b.iter_batched(
                || raw.clone(),
                |raw| {
                    let loaded = thread::parse_bytes(raw, None, Path::new("bench.mbox"))
                        .expect("generated archive parses");
                    assert_eq!(loaded.format, Format::Mbox);
                    black_box(loaded)
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

fn main() {
    // Built by `cargo test --all-targets` too: only `cargo bench` (which passes --bench)
    // generates the inputs and measures.
    if !std::env::args().any(|arg| arg == "--bench") {
        eprintln!("benchmarks skipped: run them with `cargo bench`");
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    parse(&mut c);
    c.final_summary();
}
