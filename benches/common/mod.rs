//! Shared by the benchmarks: generated inputs, cached on disk, and the key/draw helpers.
//!
//! Inputs come from the same generator as `cargo run --release --features gen --bin gen`
//! (seed 1), written once to `target/bench-data/` and reused by later runs: the 1M-comment
//! files take seconds to generate, far longer than the benchmarks that read them.

// Each benchmark binary uses its own part of these helpers.
#![allow(dead_code)]

use crate::generator;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::PathBuf;
use thread_tui::app::App;

/// The thread sizes every benchmark runs at, so the growth of each cost is visible.
pub const SIZES: [u64; 3] = [10_000, 100_000, 1_000_000];

/// The screen the frame benchmarks draw on.
pub const WIDTH: u16 = 100;
pub const HEIGHT: u16 = 30;

pub const SEED: u64 = 1;

/// Criterion is only asked to measure under `cargo bench` (which passes `--bench`). Built by
/// `cargo test --benches` or `--all-targets`, the binaries return at once: generating the
/// 1M-comment inputs is no part of a test run.
pub fn benchmarking() -> bool {
    let bench = std::env::args().any(|arg| arg == "--bench");
    if !bench {
        eprintln!("benchmarks skipped: run them with `cargo bench`");
    }
    bench
}

pub fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-data")
}

pub fn format_name(format: generator::Format) -> &'static str {
    match format {
        generator::Format::Numbered => "numbered",
        generator::Format::Flat => "flat",
    }
}

/// The path of a generated thread, writing it first if no earlier run did.
pub fn input(format: generator::Format, comments: u64) -> PathBuf {
    let dir = data_dir();
    let path = dir.join(format!("{}-{comments}-seed{SEED}.txt", format_name(format)));
    if path.exists() {
        return path;
    }
    fs::create_dir_all(&dir).expect("create target/bench-data");
    eprintln!("generating {} ...", path.display());
    // Written beside and renamed, so an interrupted run never leaves half a file behind.
    let partial = path.with_extension("partial");
    let file = File::create(&partial).expect("create bench input");
    generator::write(
        format,
        comments,
        SEED,
        BufWriter::with_capacity(1 << 20, file),
    )
    .expect("write bench input");
    fs::rename(&partial, &path).expect("rename bench input");
    path
}

pub fn read(format: generator::Format, comments: u64) -> Vec<u8> {
    fs::read(input(format, comments)).expect("read bench input")
}

pub type Term = Terminal<TestBackend>;

pub fn terminal() -> Term {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal")
}

pub fn draw(terminal: &mut Term, app: &mut App) {
    terminal
        .draw(|frame| thread_tui::ui::render(frame, app))
        .expect("draw");
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn char_key(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}
