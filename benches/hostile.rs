//! Inputs built to multiply, at full size: the real binary's peak memory (`/usr/bin/time -v`,
//! `--dump outline`) against 1.5 times the file plus 40 MB, the bound `tests/memory.rs`
//! holds on smaller versions of the same files. Prints one row per input.
//!
//! `cargo bench --bench hostile`; the inputs (about 2.5 GB) are written once to
//! target/bench-data/hostile/. Needs GNU time (`apt-get install time`).

// The shared helpers build on the generator; this benchmark writes its own inputs.
#[path = "../examples/gen/src/generator.rs"]
#[allow(dead_code)]
mod generator;

mod common;
// Shared with the memory tests, which read the stderr this benchmark does not.
#[path = "../tests/common/timed.rs"]
#[allow(dead_code)]
mod timed;

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Instant;
use timed::run_timed;

const MB: u64 = 1 << 20;
/// What a small thread costs: the binary, its libraries, a few chunks in flight.
const CONSTANT: u64 = 40 * MB;
/// What a saved page's document tree may take besides (its parts are capped).
const PAGE_TREE: u64 = 150 * MB;

type Fill = fn(&mut dyn Write) -> std::io::Result<()>;

/// Name, file name, what the file holds, and what the bound allows besides the constant.
const INPUTS: &[(&str, &str, Fill, u64)] = &[
    ("tabs before a header", "tabs.txt", tabs, 0),
    ("blank lines in a comment", "blank.txt", blank_lines, 0),
    (
        "a furniture line repeated in a comment",
        "furniture.txt",
        furniture,
        0,
    ),
    ("lone-CR lines", "cr.txt", cr_lines, 0),
    ("invalid bytes (refused)", "invalid.txt", invalid, 0),
    (
        "a JSON thread of 2.5 million comments",
        "thread.json",
        json_thread,
        0,
    ),
    ("one JSON string", "string.json", json_string, 0),
    ("10 million `{}` comments", "empty.json", empty_comments, 0),
    ("12 million flat comments `x`", "flat.txt", flat_comments, 0),
    (
        "2 million mail replies of one line",
        "replies.mbox",
        mail_replies,
        0,
    ),
    (
        "a saved page of 4.3 million empty elements",
        "page.html",
        page_elements,
        PAGE_TREE,
    ),
];

fn tabs(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"Deep\n\n  1. Top says:\n\n    top\n\n")?;
    out.write_all(&vec![b'\t'; 120 << 20])?;
    out.write_all(b"1. Deep says:\n\n  deep text\n")
}

fn comment_around(
    out: &mut dyn Write,
    middle: impl Fn(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    out.write_all(b"Title\n\nArticle.\n\n\nJohn Smith\n\nfirst line\n")?;
    middle(out)?;
    out.write_all(b"last line\n")
}

fn blank_lines(out: &mut dyn Write) -> std::io::Result<()> {
    comment_around(out, |out| out.write_all(&vec![b'\n'; 400 << 20]))
}

fn furniture(out: &mut dyn Write) -> std::io::Result<()> {
    comment_around(out, |out| out.write_all(&b"Notify of\n".repeat(10 << 20)))
}

fn cr_lines(out: &mut dyn Write) -> std::io::Result<()> {
    comment_around(out, |out| out.write_all(&b"a line\r".repeat(60 << 20)))
}

fn invalid(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(&vec![0xFF; 400 << 20])
}

fn json_thread(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(br#"{"title":"Big","date":null,"article":"a","comments":["#)?;
    for index in 0..2_500_000 {
        if index > 0 {
            out.write_all(b",")?;
        }
        write!(
            out,
            r#"{{"author":"Name {}","body":"Comment {index} with some words in it to read.","missing":false,"children":[{{"author":"Reply","body":"a reply","missing":false,"children":[]}}]}}"#,
            index % 1000
        )?;
    }
    out.write_all(b"]}")
}

fn json_string(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(
        br#"{"title":"Long","date":null,"article":"a","comments":[{"author":"A","body":""#,
    )?;
    let line = r#"A line of the one long body, with a caf\u00e9, a \"quote\" and a line break.\n"#;
    out.write_all(line.repeat((400 << 20) / line.len()).as_bytes())?;
    out.write_all(br#"","missing":false,"children":[]}]}"#)
}

fn empty_comments(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(br#"{"title":"t","article":"a","comments":["#)?;
    out.write_all(vec!["{}"; 10_000_000].join(",").as_bytes())?;
    out.write_all(b"]}")
}

fn flat_comments(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"Title\n\nThe article.\n\n\n")?;
    out.write_all(&b"x\n\n\n".repeat(12_000_000))
}

fn mail_replies(out: &mut dyn Write) -> std::io::Result<()> {
    let separator = "From a@example.org Thu Nov  1 00:00:00 2001\n";
    write!(
        out,
        "{separator}Subject: t\nMessage-ID: <root@x>\n\nThe root.\n"
    )?;
    out.write_all(
        format!("{separator}In-Reply-To: <root@x>\n\nx\n")
            .repeat(2_000_000)
            .as_bytes(),
    )
}

fn page_elements(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"<html><body>")?;
    out.write_all(&b"<b></b>".repeat(4_300_000))?;
    out.write_all(b"</body></html>")
}

/// A library of 100 files of 300 000 `{}` comments each (90 MB): the files share one budget.
fn library(dir: &Path) -> PathBuf {
    let folder = dir.join("library");
    let done = folder.join(".complete");
    if !done.exists() {
        fs::create_dir_all(&folder).expect("bench data is writable");
        for n in 0..100 {
            input(&folder, &format!("{n:03}.json"), |out| {
                out.write_all(br#"{"title":"t","article":"a","comments":["#)?;
                out.write_all(vec!["{}"; 300_000].join(",").as_bytes())?;
                out.write_all(b"]}")
            });
        }
        File::create(&done).expect("bench data is writable");
    }
    folder
}

/// The input, written by an earlier run or now.
fn input(dir: &Path, name: &str, fill: Fill) -> PathBuf {
    let path = dir.join(name);
    if !path.exists() {
        let partial = dir.join(format!("{name}.partial"));
        let mut out = BufWriter::new(File::create(&partial).expect("bench data is writable"));
        fill(&mut out).expect("writes the input");
        out.flush().expect("writes the input");
        fs::rename(&partial, &path).expect("bench data is writable");
    }
    path
}

/// Peak resident memory (bytes), seconds and exit code of the binary's outline dump of `path`.
fn measure(path: &Path) -> (u64, f64, Option<i32>) {
    let started = Instant::now();
    let args = [
        OsStr::new("--dump"),
        OsStr::new("outline"),
        path.as_os_str(),
    ];
    let timed = run_timed(env!("CARGO_BIN_EXE_thread-tui"), &args, Stdio::null());
    let seconds = started.elapsed().as_secs_f64();
    (timed.peak_rss, seconds, timed.output.status.code())
}

fn main() {
    if !common::benchmarking() {
        return;
    }
    let dir = common::data_dir().join("hostile");
    fs::create_dir_all(&dir).expect("bench data is writable");
    println!("| input | file | peak | bound | time | exit |");
    println!("|---|---|---|---|---|---|");
    let files = INPUTS
        .iter()
        .map(|&(what, name, fill, besides)| (what, input(&dir, name, fill), besides));
    let folder = library(&dir);
    let library = ("a folder of 100 files of 300 000 `{}` each", folder, 0);
    for (what, path, besides) in files.chain(std::iter::once(library)) {
        let size = if path.is_dir() {
            fs::read_dir(&path)
                .expect("the folder reads")
                .filter_map(|entry| entry.ok()?.metadata().ok())
                .map(|meta| meta.len())
                .sum()
        } else {
            fs::metadata(&path).expect("the input exists").len()
        };
        let (peak, seconds, code) = measure(&path);
        let bound = size * 3 / 2 + CONSTANT + besides;
        let verdict = if peak <= bound { "within" } else { "OVER" };
        println!(
            "| {what} | {:.0} MB | {:.0} MB | {:.0} MB, {verdict} | {seconds:.2} s | {} |",
            size as f64 / MB as f64,
            peak as f64 / MB as f64,
            bound as f64 / MB as f64,
            code.map_or("signal".to_string(), |code| code.to_string()),
        );
    }
}
