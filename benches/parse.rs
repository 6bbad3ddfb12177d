//! Parsing throughput (bytes in, thread out) for both text formats, and the whole startup
//! short of the terminal: read the file, decode, parse, build the app and draw its first frame.
//!
//! `cargo bench --bench parse`; inputs are generated once into target/bench-data/.

#[path = "../examples/gen/src/generator.rs"]
mod generator;

mod common;

use common::SIZES;
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput};
use generator::Format as GenFormat;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;
use thread_tui::app::App;
use thread_tui::thread;

/// Decoding plus parsing, with the format detected as the binary does when none is given.
fn parse(c: &mut Criterion) {
    for format in [GenFormat::Numbered, GenFormat::Flat] {
        let mut group = c.benchmark_group(format!("parse/{}", common::format_name(format)));
        group.warm_up_time(Duration::from_secs(1));
        for comments in SIZES {
            let raw = common::read(format, comments);
            let large = comments >= 1_000_000;
            group.sample_size(if large { 10 } else { 20 });
            group.measurement_time(Duration::from_secs(if large { 8 } else { 3 }));
            group.throughput(Throughput::Bytes(raw.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(comments), &raw, |b, raw| {
                // The parser consumes its buffer: each run gets a fresh copy, made untimed.
                b.iter_batched(
                    || raw.clone(),
                    |raw| {
                        let loaded = thread::parse_bytes(raw, None, Path::new("bench.txt"))
                            .expect("generated input parses");
                        black_box(loaded)
                    },
                    BatchSize::PerIteration,
                )
            });
        }
        group.finish();
    }
}

/// From a path to the first frame: read (from the page cache), decode, parse, App::new, draw.
fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup/numbered");
    group.warm_up_time(Duration::from_secs(1));
    for comments in SIZES {
        let path = common::input(GenFormat::Numbered, comments);
        let large = comments >= 1_000_000;
        group.sample_size(if large { 10 } else { 20 });
        group.measurement_time(Duration::from_secs(if large { 10 } else { 3 }));
        group.throughput(Throughput::Bytes(
            std::fs::metadata(&path).expect("bench input").len(),
        ));
        group.bench_with_input(BenchmarkId::from_parameter(comments), &path, |b, path| {
            b.iter_with_large_drop(|| {
                let loaded = thread::load_path(path, None).expect("generated input loads");
                let mut app = App::new(loaded.into_main_thread(), "bench.txt".into());
                let mut terminal = common::terminal();
                common::draw(&mut terminal, &mut app);
                app
            })
        });
    }
    group.finish();
}

fn main() {
    if !common::benchmarking() {
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    parse(&mut c);
    startup(&mut c);
    c.final_summary();
}
