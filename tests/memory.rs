//! Inputs built to multiply: the real binary's peak memory (`/usr/bin/time -v`) stays within
//! 1.5 times the file plus a small constant, whatever the bytes are. Sized to keep CI fast;
//! the full-size versions are `cargo bench --bench hostile` (docs/performance.md, "Hostile
//! inputs at full size").

#[path = "../examples/gen/src/platform.rs"]
mod platform;
#[path = "../examples/gen/src/rng.rs"]
mod rng;

mod common;

use common::timed::run_timed;
use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

/// What a small thread costs: the binary, its libraries, a few chunks in flight.
const CONSTANT_BYTES: u64 = 40 << 20;
/// What a saved page's document tree may take besides: its parts are capped.
const PAGE_TREE_BYTES: u64 = 150 << 20;
/// Big enough that a cost per byte beyond 1.5 shows above the constant.
const SIZE: usize = 64 << 20;
/// Big enough that a cost per line shows above the constant (a line is one byte here), small
/// enough for a debug build to read quickly.
const LINES: usize = 16 << 20;

struct Run {
    peak_rss: u64,
    stdout_len: usize,
    stderr: String,
    code: Option<i32>,
}

/// Runs the binary with `args` and `path` and reads its peak resident set size.
fn run(path: &Path, args: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    args.push(path.as_os_str());
    let timed = run_timed(env!("CARGO_BIN_EXE_thread-tui"), &args, Stdio::piped());
    Run {
        peak_rss: timed.peak_rss,
        stdout_len: timed.output.stdout.len(),
        code: timed.output.status.code(),
        stderr: timed.stderr,
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut file = fs::File::create(&path).unwrap();
    file.write_all(bytes).unwrap();
    path
}

fn assert_bounded(run: &Run, file_len: usize, what: &str) {
    let limit = file_len as u64 * 3 / 2 + CONSTANT_BYTES;
    assert!(
        run.peak_rss <= limit,
        "{what}: peak {} MB for a {} MB file (limit {} MB)\n{}",
        run.peak_rss >> 20,
        file_len >> 20,
        limit >> 20,
        run.stderr
    );
}

#[test]
fn millions_of_skipped_levels_cost_one_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = b"Deep\n\n  1. Top says:\n\n    top\n\n".to_vec();
    text.extend(std::iter::repeat_n(b'\t', 2_500_000));
    text.extend_from_slice(b"1. Deep says:\n\n");
    text.extend(std::iter::repeat_n(b'\t', 2_500_000));
    text.extend_from_slice(b"  deep text\n");
    let path = write(dir.path(), "tabs.txt", &text);
    let outline = run(&path, &["--dump", "outline"]);
    assert_eq!(outline.code, Some(0), "{}", outline.stderr);
    assert!(
        outline.stdout_len < 1000,
        "outline of {} bytes",
        outline.stdout_len
    );
    assert_bounded(&outline, text.len(), "skipped levels, outline");
    let json = run(&path, &["--dump", "json"]);
    assert!(json.stdout_len < 1000, "JSON of {} bytes", json.stdout_len);
    assert_bounded(&json, text.len(), "skipped levels, JSON");
}

#[test]
fn blank_furniture_and_cr_lines_cost_no_more_than_their_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let comment = |middle: &[u8]| {
        let mut text = b"Title\n\nArticle.\n\n\nJohn Smith\n\nfirst line\n".to_vec();
        text.extend_from_slice(middle);
        text.extend_from_slice(b"last line\n");
        text
    };
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("blank lines inside a comment", comment(&vec![b'\n'; LINES])),
        ("trailing blank lines", {
            let mut text = comment(b"");
            text.resize(text.len() + LINES, b'\n');
            text
        }),
        ("trailing furniture", {
            let mut text = comment(b"");
            text.extend(b"Notify of\n".repeat(LINES / 10));
            text
        }),
        ("lone CR endings", comment(&b"a line\r".repeat(SIZE / 7))),
        ("lines of 15 MB", {
            let mut line = b"word ".repeat(3 << 20);
            line.push(b'\n');
            comment(&line.repeat(SIZE / line.len()))
        }),
    ];
    for (what, text) in cases {
        let path = write(dir.path(), "case.txt", &text);
        let result = run(&path, &["--dump", "outline"]);
        assert_eq!(result.code, Some(0), "{what}: {}", result.stderr);
        assert_bounded(&result, text.len(), what);
    }
}

#[test]
fn a_file_that_is_one_long_article_is_held_once() {
    // No run of two blank lines: the whole file is the article, one piece of text that grows
    // past every region (an mbox whose headers were damaged reads like this).
    let dir = tempfile::tempdir().unwrap();
    let paragraph =
        "A line of the article, long enough to be a line of prose here.\n".repeat(5) + "\n";
    // Just past 64 MiB: where a piece that doubles by copying holds twice its size.
    let text = format!(
        "Title\n\n{}",
        paragraph.repeat((66 << 20) / paragraph.len())
    );
    let path = write(dir.path(), "article.txt", text.as_bytes());
    for format in ["flat", "numbered"] {
        let result = run(&path, &["--format", format, "--dump", "outline"]);
        assert_eq!(result.code, Some(0), "{format}: {}", result.stderr);
        assert_bounded(&result, text.len(), format);
    }
}

#[test]
fn invalid_bytes_never_multiply_the_text() {
    let dir = tempfile::tempdir().unwrap();
    // Every byte invalid: each would become three bytes of U+FFFD.
    let text = vec![0xFF; SIZE];
    let path = write(dir.path(), "invalid.txt", &text);
    let result = run(&path, &["--dump", "outline"]);
    assert_bounded(&result, text.len(), "all invalid");
    assert_eq!(result.code, Some(1), "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("not a text file (much of it is not UTF-8"),
        "{}",
        result.stderr
    );
    // A few invalid bytes in real text are replaced, counted and kept.
    let mut text = b"Title\n\n".to_vec();
    for i in 0..SIZE / 64 {
        text.extend_from_slice(
            format!("A line of text number {i:>10} with a bad byte: ").as_bytes(),
        );
        text.extend_from_slice(b"\xFF\n");
    }
    let path = write(dir.path(), "some.txt", &text);
    let result = run(&path, &["--dump", "outline"]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert!(
        result.stderr.contains("invalid UTF-8 sequences replaced"),
        "{}",
        result.stderr
    );
    assert_bounded(&result, text.len(), "some invalid");
}

#[test]
fn a_large_json_thread_streams() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(r#"{"title":"Big","date":null,"article":"a","comments":["#);
    let mut index = 0;
    while text.len() < SIZE {
        if index > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            r#"{{"author":"Name {}","body":"Comment {index} with some words in it to read.","missing":false,"children":[{{"author":"Reply","body":"a reply","missing":false,"children":[]}}]}}"#,
            index % 1000
        ));
        index += 1;
    }
    text.push_str("]}");
    let path = write(dir.path(), "big.json", text.as_bytes());
    let result = run(&path, &["--dump", "outline"]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert_bounded(&result, text.len(), "JSON thread");
}

#[test]
fn a_json_string_as_long_as_the_file_is_held_once() {
    // One body of 128 MB (with escapes): put together whole before it was copied into the
    // thread's text, it was held twice.
    let dir = tempfile::tempdir().unwrap();
    let line = format!(
        r#"{} caf\u00e9, a \"quote\" and a line break.\n"#,
        "A line of the one long body, long enough that its escapes are few.".repeat(3)
    );
    let text = format!(
        r#"{{"title":"Long","date":null,"article":"a","comments":[{{"author":"A","body":"{}","missing":false,"children":[]}}]}}"#,
        line.repeat((128 << 20) / line.len())
    );
    let path = write(dir.path(), "long.json", text.as_bytes());
    let result = run(&path, &["--dump", "outline"]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert!(result.stdout_len > 0);
    assert_bounded(&result, text.len(), "one long JSON string");
}

#[test]
fn reddit_and_hacker_news_json_stream() {
    let dir = tempfile::tempdir().unwrap();
    let mut reddit = Vec::new();
    platform::write_reddit(30_000, 1, &mut reddit).unwrap();
    let mut hn = Vec::new();
    platform::write_hackernews(20_000, 1, &mut hn).unwrap();
    // 100 000 levels, each a comment: what the arena keeps per comment, not per byte.
    let mut deep = String::from(r#"{"id": 1, "created_at_i": 1, "children": ["#);
    for n in 0..100_000 {
        deep.push_str(&format!(
            r#"{{"id": {n}, "author": "a", "text": "t", "children": ["#
        ));
    }
    deep.push_str(&"]}".repeat(100_001));
    for (what, bytes) in [
        ("Reddit page", reddit),
        ("Hacker News item", hn),
        ("Hacker News, 100 000 levels", deep.into_bytes()),
    ] {
        let path = write(dir.path(), "platform.json", &bytes);
        let result = run(&path, &["--dump", "outline"]);
        assert_eq!(result.code, Some(0), "{what}: {}", result.stderr);
        assert!(result.stdout_len > 0, "{what}");
        assert_bounded(&result, bytes.len(), what);
    }
}

#[test]
fn comments_of_a_few_bytes_are_held_to_a_budget_and_said() {
    // A comment costs 36 to 70 bytes whatever its text (a mail message about 190): files of
    // comments a few bytes long took ten times their size, 10 million `{}` in 30 MB peaked at
    // 360 MB. Past a budget the rest is counted and said, not held. (An export's comment
    // takes more bytes of XML than it costs.)
    let dir = tempfile::tempdir().unwrap();
    let comments = 3_000_000;
    let json = format!(
        r#"{{"title":"t","article":"a","comments":[{}]}}"#,
        vec!["{}"; comments].join(",")
    );
    let flat = format!("Title\n\nThe article.\n\n\n{}", "x\n\n\n".repeat(comments));
    let mut numbered = String::from("Title\n\nThe article.\n");
    for n in 1..=comments / 2 {
        numbered.push_str(&format!("\n  {n}. A says:\n\n    x\n"));
    }
    let separator = "From a@example.org Thu Nov  1 00:00:00 2001\n";
    let mut mailbox = format!("{separator}Subject: t\nMessage-ID: <root@x>\n\nThe root.\n");
    mailbox.push_str(&format!("{separator}In-Reply-To: <root@x>\n\nx\n").repeat(600_000));
    for (what, name, text, said) in [
        ("JSON of {}", "tiny.json", json, "comments were not read"),
        ("flat x", "tiny.txt", flat, "comments were not read"),
        (
            "numbered",
            "numbered.txt",
            numbered,
            "comments were not read",
        ),
        ("mailbox", "tiny.mbox", mailbox, "messages were not read"),
    ] {
        let path = write(dir.path(), name, text.as_bytes());
        let result = run(&path, &["--dump", "outline"]);
        assert_eq!(result.code, Some(0), "{what}: {}", result.stderr);
        assert!(result.stdout_len > 0, "{what}");
        assert!(result.stderr.contains(said), "{what}: {}", result.stderr);
        assert_bounded(&result, text.len(), what);
    }
}

#[test]
fn a_saved_page_is_parsed_to_a_bounded_number_of_parts_and_said() {
    // A page is parsed into a document tree, 10 to 30 times its size: elements with ten
    // attributes took 26 times (300 MB for 11 MB). The tree holds at most 1,048,576 elements,
    // attributes and texts, about 150 MB, and the rest of the page is counted and said.
    let dir = tempfile::tempdir().unwrap();
    let page = format!(
        "<html><body><p>First.</p>{}</body></html>",
        "<p a b c d e f g h i j>".repeat(500_000)
    );
    let path = write(dir.path(), "page.html", page.as_bytes());
    let result = run(&path, &["--dump", "json"]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("the page was read to its first 1,048,576 elements"),
        "{}",
        result.stderr
    );
    let limit = page.len() as u64 * 3 / 2 + CONSTANT_BYTES + PAGE_TREE_BYTES;
    assert!(
        result.peak_rss <= limit,
        "peak {} MB for a {} MB page (limit {} MB)",
        result.peak_rss >> 20,
        page.len() >> 20,
        limit >> 20
    );
}

#[test]
fn a_library_of_files_of_tiny_comments_shares_one_budget() {
    // Each file within its own budget, a folder of them still multiplied: 100 files of 30 000
    // `{}` each held all 3 million comments. The library holds as many as one file of them
    // all would, and each file that was cut says so.
    let dir = tempfile::tempdir().unwrap();
    let file = format!(
        r#"{{"title":"t","article":"a","comments":[{}]}}"#,
        vec!["{}"; 30_000].join(",")
    );
    for n in 0..100 {
        write(dir.path(), &format!("{n:03}.json"), file.as_bytes());
    }
    let result = run(dir.path(), &["--dump", "outline"]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("comments were not read: a library holds at most"),
        "{}",
        result.stderr
    );
    assert_bounded(&result, file.len() * 100, "a library of tiny comments");
}
