//! Saved pages: a WordPress-shaped page of 2 000 comments (about 5 MB) read as the binary
//! reads it (format detected, decoded, parsed), and from its file to the reader's first frame.
//! Target: the page opens in the reader within 100 ms.
//!
//! `cargo bench --bench pages`; the page is generated into target/bench-data/ once.

#[path = "../examples/gen/src/wordpress_page.rs"]
mod wordpress_page;

// The shared helpers (benches/common) name the text generator.
#[path = "../examples/gen/src/generator.rs"]
#[allow(dead_code)]
mod generator;

mod common;

use criterion::{BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use thread_tui::app::App;
use thread_tui::thread;

const COMMENTS: usize = 2_000;

fn input() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let path = dir.join(format!("wordpress-{COMMENTS}.html"));
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("bench data folder");
        std::fs::write(&path, wordpress_page::page(COMMENTS, 1)).expect("bench page written");
    }
    path
}

fn pages(c: &mut Criterion) {
    let path = input();
    let raw = std::fs::read(&path).expect("bench page");
    let mut group = c.benchmark_group("page/wordpress");
    group.warm_up_time(Duration::from_secs(1));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(raw.len() as u64));
    group.bench_with_input(BenchmarkId::new("parse", COMMENTS), &raw, |b, raw| {
        b.iter_with_large_drop(|| {
            let loaded = thread::parse_bytes(raw.clone(), None, Path::new("bench.html"))
                .expect("generated page parses");
            assert_eq!(loaded.main_thread().comment_count(), COMMENTS);
            black_box(loaded)
        })
    });
    group.bench_with_input(
        BenchmarkId::new("first-frame", COMMENTS),
        &path,
        |b, path| {
            b.iter_with_large_drop(|| {
                let loaded = thread::load_path(path, None).expect("generated page loads");
                let mut app = App::new(loaded.into_main_thread(), "bench.html".into());
                let mut terminal = common::terminal();
                common::draw(&mut terminal, &mut app);
                app
            })
        },
    );
    group.finish();
}

fn main() {
    if !common::benchmarking() {
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    pages(&mut c);
    c.final_summary();
}
