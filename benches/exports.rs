//! Reading the export formats (WordPress WXR and Disqus) on generated exports: the bytes in
//! memory, the format detected as the binary does, every thread built, HTML bodies turned
//! into text. Target: 200 MB/s or more.
//!
//! `cargo bench --bench exports`; inputs are generated once into target/bench-data/.

#[path = "../examples/gen/src/rng.rs"]
mod rng;

#[path = "../examples/gen/src/exports.rs"]
mod exports;
// Only for common's helpers (the text generator itself is not used here).
#[allow(dead_code)]
#[path = "../examples/gen/src/generator.rs"]
mod generator;

mod common;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput};
use exports::Export;
use std::fs::{self, File};
use std::hint::black_box;
use std::io::BufWriter;
use std::path::Path;
use std::time::Duration;
use thread_tui::thread;

/// Comments per export: a small site, and one of a few hundred megabytes.
const SIZES: [u64; 2] = [10_000, 200_000];

fn name(export: Export) -> &'static str {
    match export {
        Export::Wordpress => "wordpress",
        Export::Disqus => "disqus",
    }
}

/// The generated export, written to target/bench-data/ the first time.
fn input(export: Export, comments: u64) -> Vec<u8> {
    let dir = common::data_dir();
    let path = dir.join(format!(
        "{}-{comments}-seed{}.xml",
        name(export),
        common::SEED
    ));
    if !path.exists() {
        fs::create_dir_all(&dir).expect("create target/bench-data");
        eprintln!("generating {} ...", path.display());
        let partial = path.with_extension("partial");
        let file = BufWriter::new(File::create(&partial).expect("create bench input"));
        exports::write(export, comments, common::SEED, file).expect("write bench input");
        fs::rename(&partial, &path).expect("rename bench input");
    }
    fs::read(&path).expect("read bench input")
}

fn parse(c: &mut Criterion) {
    for export in [Export::Wordpress, Export::Disqus] {
        let mut group = c.benchmark_group(format!("parse/{}", name(export)));
        group.warm_up_time(Duration::from_secs(1));
        for comments in SIZES {
            let raw = input(export, comments);
            let large = comments >= 100_000;
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(if large { 20 } else { 5 }));
            group.throughput(Throughput::Bytes(raw.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(comments), &raw, |b, raw| {
                b.iter_batched(
                    || raw.clone(),
                    |raw| {
                        let loaded = thread::parse_bytes(raw, None, Path::new("bench.xml"))
                            .expect("generated export parses");
                        black_box(loaded)
                    },
                    BatchSize::PerIteration,
                )
            });
        }
        group.finish();
    }
}

fn main() {
    if !common::benchmarking() {
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    parse(&mut c);
    c.final_summary();
}
