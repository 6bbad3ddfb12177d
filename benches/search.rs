//! Full-text search at 10k, 100k and 1M comments: the scan's speed over the whole thread
//! on one core, the frame of a keystroke typed into the `t` prompt (which only cancels the
//! last scan and starts the next), and a whole search from the keystroke to its last match
//! on screen (the worker and its helpers, one per core).
//!
//! `cargo bench --bench search`; inputs are generated once into target/bench-data/.

#[path = "../examples/gen/src/generator.rs"]
mod generator;

mod common;

use common::{SIZES, Term, char_key, draw, key};
use criterion::{BenchmarkId, Criterion, Throughput};
use ratatui::crossterm::event::KeyCode;
use std::path::Path;
use std::time::{Duration, Instant};
use thread_tui::app::App;
use thread_tui::search::text::TextQuery;
use thread_tui::text::fold::FoldBuffer;
use thread_tui::thread::{self, Thread};

fn load(comments: u64) -> Thread {
    let raw = common::read(generator::Format::Numbered, comments);
    thread::parse_bytes(raw, None, Path::new("bench.txt"))
        .expect("generated input parses")
        .into_main_thread()
}

/// Bytes a scan reads: every comment's text.
fn text_bytes(thread: &Thread) -> u64 {
    (0..thread.len())
        .map(|id| thread.body(id).len() as u64)
        .sum()
}

/// Queries of each kind: a common word, a rare phrase, nothing at all (the scan reads
/// everything and finds nothing), and one with a capital (case counts).
const QUERIES: [(&str, &str); 4] = [
    ("common", "gas"),
    ("rare", "nord stream"),
    ("absent", "zqxv"),
    ("cased", "Putin"),
];

/// CPU time this thread has used. The machine is shared: wall time counts the time other
/// programs hold the cores, CPU time only the scan's own work.
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given, which lives on this stack.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// The scan as the worker runs it, on one core: each comment folded and searched. Timed in
/// the thread's CPU time (see `thread_cpu_time`).
fn scan(c: &mut Criterion, threads: &[(u64, Thread)]) {
    let mut group = c.benchmark_group("text_scan_cpu");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    for (comments, thread) in threads {
        group.sample_size(if *comments >= 1_000_000 { 10 } else { 20 });
        group.throughput(Throughput::Bytes(text_bytes(thread)));
        for (name, query) in QUERIES {
            let query = TextQuery::new(query).expect("a query");
            group.bench_with_input(BenchmarkId::new(name, comments), thread, |b, thread| {
                let mut buffer = FoldBuffer::default();
                b.iter_custom(|iters| {
                    let start = thread_cpu_time();
                    for _ in 0..iters {
                        let found = (0..thread.len())
                            .filter(|&id| query.is_match(thread.body(id), &mut buffer))
                            .count();
                        std::hint::black_box(found);
                    }
                    thread_cpu_time() - start
                })
            });
        }
    }
    group.finish();
}

/// An app with its first frame drawn, the author index built and the `t` prompt open on
/// `typed`, its scan finished.
fn prompt_open(thread: Thread, typed: &str) -> (App, Term) {
    let mut app = App::new(thread, "bench.txt".into());
    let mut terminal = common::terminal();
    draw(&mut terminal, &mut app);
    app.prepare_search();
    app.on_key(char_key('t'));
    for c in typed.chars() {
        app.on_key(char_key(c));
    }
    finish_scan(&mut app);
    draw(&mut terminal, &mut app);
    (app, terminal)
}

/// Waits for the scan in progress to end, taking its batches as the reader's loop does.
fn finish_scan(app: &mut App) {
    while app.is_busy() {
        app.settle();
        std::thread::sleep(Duration::from_micros(200));
    }
    app.settle();
}

/// One more character typed into the text prompt and the frame that shows it: the scan it
/// starts runs on the worker, so this is what typing costs.
fn keystroke(c: &mut Criterion, threads: &[(u64, Thread)]) {
    let mut group = c.benchmark_group("text_search_key");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    group.sample_size(30);
    for (comments, thread) in threads {
        let (mut app, mut terminal) = prompt_open(thread.clone(), "ga");
        group.bench_function(BenchmarkId::new("next_char", comments), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    app.on_key(char_key('s'));
                    draw(&mut terminal, &mut app);
                    total += start.elapsed();
                    // Untimed: back to "ga" with its scan done, as before each keystroke.
                    app.on_key(key(KeyCode::Backspace));
                    finish_scan(&mut app);
                    draw(&mut terminal, &mut app);
                }
                total
            })
        });
    }
    group.finish();
}

/// A whole search: the keystroke, the scan on the worker, every batch taken and the last
/// frame drawn.
fn whole_search(c: &mut Criterion, threads: &[(u64, Thread)]) {
    let mut group = c.benchmark_group("text_search_whole");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for (comments, thread) in threads {
        group.sample_size(if *comments >= 1_000_000 { 10 } else { 20 });
        group.throughput(Throughput::Bytes(text_bytes(thread)));
        let (mut app, mut terminal) = prompt_open(thread.clone(), "ga");
        group.bench_function(BenchmarkId::new("gas", comments), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    app.on_key(char_key('s'));
                    finish_scan(&mut app);
                    draw(&mut terminal, &mut app);
                    total += start.elapsed();
                    app.on_key(key(KeyCode::Backspace));
                    finish_scan(&mut app);
                }
                total
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
    let threads: Vec<(u64, Thread)> = SIZES.iter().map(|&n| (n, load(n))).collect();
    scan(&mut c, &threads);
    keystroke(&mut c, &threads);
    whole_search(&mut c, &threads);
    c.final_summary();
}
