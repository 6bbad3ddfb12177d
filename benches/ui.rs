//! The reader's frames on a 100x30 test terminal: the first frame, then each class of
//! keystroke (the key handled and its new frame drawn) on a fully unfolded thread, and
//! typing into the commenter search. Every case runs at 10k, 100k and 1M comments: the
//! cost of a frame should depend on the screen, not on the thread.
//!
//! `cargo bench --bench ui`; inputs are generated once into target/bench-data/.

#[path = "../examples/gen/src/generator.rs"]
mod generator;

mod common;

use common::{SIZES, Term, char_key, draw, key};
use criterion::{BatchSize, BenchmarkGroup, BenchmarkId, Criterion, measurement::WallTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::path::Path;
use std::time::{Duration, Instant};
use thread_tui::app::{App, Mode};
use thread_tui::outline::Row;
use thread_tui::thread::AuthorIndex;
use thread_tui::thread::{self, Thread};

fn load(comments: u64) -> Thread {
    let raw = common::read(generator::Format::Numbered, comments);
    thread::parse_bytes(raw, None, Path::new("bench.txt"))
        .expect("generated input parses")
        .into_main_thread()
}

/// An app as a user has it a moment after opening: first frame drawn, author index built.
fn opened(thread: Thread) -> (App, Term) {
    let mut app = App::new(thread, "bench.txt".into());
    let mut terminal = common::terminal();
    draw(&mut terminal, &mut app);
    app.prepare_search();
    (app, terminal)
}

/// A comment with replies halfway down the thread: where the keystrokes start.
fn middle_parent(thread: &Thread) -> usize {
    (thread.len() / 2..thread.len())
        .find(|&id| thread.has_children(id) && thread.depth(id) > 1)
        .expect("a reply with replies")
}

/// The author of the middle comment: what the search benchmarks look for.
fn middle_author(thread: &Thread) -> String {
    (thread.len() / 2..thread.len())
        .find_map(|id| thread.author(id))
        .expect("an author")
        .to_string()
}

fn select(app: &mut App, terminal: &mut Term, id: usize) {
    app.doc.outline.reveal(&app.doc.thread, id);
    draw(terminal, app);
}

fn press(app: &mut App, terminal: &mut Term, event: KeyEvent) {
    app.on_key(event);
    draw(terminal, app);
}

/// Times `keys` (each handled, then drawn) after running `prepare` untimed before each.
fn bench_keys(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    comments: u64,
    app: &mut App,
    terminal: &mut Term,
    mut prepare: impl FnMut(&mut App, &mut Term),
    keys: &[KeyEvent],
) {
    group.bench_function(BenchmarkId::new(name, comments), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                prepare(app, terminal);
                let start = Instant::now();
                for &event in keys {
                    press(app, terminal, event);
                }
                total += start.elapsed();
            }
            total
        })
    });
}

fn first_frame(c: &mut Criterion, threads: &[(u64, Thread)]) {
    let mut group = c.benchmark_group("first_frame");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(2));
    for (comments, thread) in threads {
        group.sample_size(if *comments >= 1_000_000 { 10 } else { 30 });
        group.bench_with_input(
            BenchmarkId::from_parameter(comments),
            thread,
            |b, thread| {
                // App::new takes the thread: each run gets a copy, made untimed.
                b.iter_batched(
                    || thread.clone(),
                    |thread| {
                        let mut app = App::new(thread, "bench.txt".into());
                        let mut terminal = common::terminal();
                        draw(&mut terminal, &mut app);
                        app
                    },
                    BatchSize::PerIteration,
                )
            },
        );
    }
    group.finish();
}

/// Builds the commenter index: done while idle after the first frame, before any search.
fn author_index(c: &mut Criterion, threads: &[(u64, Thread)]) {
    let mut group = c.benchmark_group("author_index");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    for (comments, thread) in threads {
        group.sample_size(if *comments >= 1_000_000 { 10 } else { 20 });
        group.bench_with_input(
            BenchmarkId::from_parameter(comments),
            thread,
            |b, thread| b.iter_with_large_drop(|| AuthorIndex::build(thread)),
        );
    }
    group.finish();
}

fn keys(c: &mut Criterion, threads: &[(u64, Thread)]) {
    let mut group = c.benchmark_group("key");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    group.sample_size(30);
    for (comments, thread) in threads {
        let comments = *comments;
        let (mut app, mut terminal) = opened(thread.clone());
        let start = middle_parent(&app.doc.thread);
        let last = app.doc.outline.last_row(&app.doc.thread);
        let (app, terminal) = (&mut app, &mut terminal);

        // Moving down: back to the middle whenever the end comes near.
        let near_end = |app: &App| match app.doc.outline.selected {
            Row::Comment(id) => id + 2 * common::HEIGHT as usize >= app.doc.thread.len(),
            Row::Article => false,
        };
        let restart = |app: &mut App, terminal: &mut Term| {
            if near_end(app) || app.doc.outline.selected == last {
                select(app, terminal, start);
            }
        };
        select(app, terminal, start);
        bench_keys(
            &mut group,
            "j",
            comments,
            app,
            terminal,
            restart,
            &[char_key('j')],
        );
        select(app, terminal, start);
        let page_down = [key(KeyCode::PageDown)];
        bench_keys(
            &mut group, "PgDn", comments, app, terminal, restart, &page_down,
        );

        // Fold one (h) on an unfolded comment with replies, unfold one (l) on a folded one.
        let unfolded = |app: &mut App, terminal: &mut Term| {
            app.doc.outline.unfold(start);
            select(app, terminal, start);
        };
        bench_keys(
            &mut group,
            "fold_one_h",
            comments,
            app,
            terminal,
            unfolded,
            &[char_key('h')],
        );
        let folded = |app: &mut App, terminal: &mut Term| {
            select(app, terminal, start);
            app.doc.outline.fold(&app.doc.thread, start);
        };
        bench_keys(
            &mut group,
            "unfold_one_l",
            comments,
            app,
            terminal,
            folded,
            &[char_key('l')],
        );
        bench_keys(
            &mut group,
            "toggle_fold_space",
            comments,
            app,
            terminal,
            |_, _| {},
            &[char_key(' ')],
        );

        // Fold all from a fully unfolded thread, unfold all from a fully folded one.
        let all_unfolded = |app: &mut App, terminal: &mut Term| {
            app.doc.outline.unfold_all();
            select(app, terminal, start);
        };
        bench_keys(
            &mut group,
            "fold_all_z",
            comments,
            app,
            terminal,
            all_unfolded,
            &[char_key('z')],
        );
        bench_keys(
            &mut group,
            "unfold_to_level_2",
            comments,
            app,
            terminal,
            all_unfolded,
            &[char_key('2')],
        );
        let all_folded = |app: &mut App, terminal: &mut Term| {
            select(app, terminal, start);
            app.doc.outline.fold_all(&app.doc.thread);
        };
        bench_keys(
            &mut group,
            "unfold_all_Z",
            comments,
            app,
            terminal,
            all_folded,
            &[char_key('Z')],
        );

        // Next and previous match of a commenter search, made with the keys a user types.
        app.doc.outline.unfold_all();
        select(app, terminal, start);
        press(app, terminal, char_key('/'));
        for c in middle_author(&app.doc.thread).chars() {
            press(app, terminal, char_key(c));
        }
        press(app, terminal, key(KeyCode::Enter));
        assert!(
            app.doc.search.match_count() > 0,
            "the search finds its author"
        );
        bench_keys(
            &mut group,
            "next_match_n",
            comments,
            app,
            terminal,
            |_, _| {},
            &[char_key('n')],
        );
        bench_keys(
            &mut group,
            "prev_match_N",
            comments,
            app,
            terminal,
            |_, _| {},
            &[char_key('N')],
        );
        press(app, terminal, key(KeyCode::Esc));
    }
    group.finish();
}

/// One more character typed into the '/' prompt, and the frame that shows its matches.
fn search(c: &mut Criterion, threads: &[(u64, Thread)]) {
    let mut group = c.benchmark_group("search_key");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    group.sample_size(30);
    for (comments, thread) in threads {
        let comments = *comments;
        let (mut app, mut terminal) = opened(thread.clone());
        let author = middle_author(&app.doc.thread);
        let start = middle_parent(&app.doc.thread);
        let (app, terminal) = (&mut app, &mut terminal);
        select(app, terminal, start);
        press(app, terminal, char_key('/'));
        assert!(matches!(app.mode, Mode::Prompt { .. }));

        // The first character: the widest match set ('e' is in most names).
        let erase = |app: &mut App, terminal: &mut Term| {
            while !app.doc.search.part().is_empty() {
                press(app, terminal, key(KeyCode::Backspace));
            }
        };
        bench_keys(
            &mut group,
            "first_char",
            comments,
            app,
            terminal,
            erase,
            &[char_key('e')],
        );

        // A later character, narrowing a name down to one commenter.
        let prefix: Vec<char> = author.chars().take(3).collect();
        let next = author.chars().nth(3).unwrap_or('x');
        let typed_prefix = move |app: &mut App, terminal: &mut Term| {
            erase(app, terminal);
            for &c in &prefix {
                press(app, terminal, char_key(c));
            }
        };
        bench_keys(
            &mut group,
            "next_char",
            comments,
            app,
            terminal,
            typed_prefix,
            &[char_key(next)],
        );
    }
    group.finish();
}

fn main() {
    if !common::benchmarking() {
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    let threads: Vec<(u64, Thread)> = SIZES.iter().map(|&n| (n, load(n))).collect();
    first_frame(&mut c, &threads);
    author_index(&mut c, &threads);
    keys(&mut c, &threads);
    search(&mut c, &threads);
    c.final_summary();
}
