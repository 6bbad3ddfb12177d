//! The real binary on good and bad input: exit codes, messages and what it prints.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    run_with_env(args, &[])
}

fn run_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thread-tui"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// Runs with `--dump json` and expects exit 1 with exactly this message.
fn assert_refused(path: &str, reason: &str) {
    let output = run(&["--dump", "json", path]);
    assert_eq!(output.status.code(), Some(1), "{path}");
    assert_eq!(stderr(&output), format!("thread-tui: {path}: {reason}\n"));
    assert!(output.stdout.is_empty());
}

#[test]
fn paths_that_are_not_readable_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir
        .path()
        .join("missing.txt")
        .to_string_lossy()
        .into_owned();
    assert_refused(&missing, "no such file");
    let dir_path = dir.path().to_string_lossy().into_owned();
    // A folder is a library; an empty one has nothing to read.
    assert_refused(&dir_path, "no files to read");
    let link = dir.path().join("dangling");
    symlink(dir.path().join("nowhere"), &link).unwrap();
    assert_refused(&link.to_string_lossy(), "no such file");
    let fifo = dir.path().join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    assert_refused(&fifo.to_string_lossy(), "not a regular file");
    assert_refused("/dev/zero", "not a regular file");
    // A regular file whose read fails (root can read anything chmod forbids).
    assert_refused("/proc/self/mem", "Input/output error");
    // A regular file whose read blocks: refused at once, not waited on (without the right
    // to read the kernel's log it is not opened at all).
    let kmsg = run(&["--dump", "json", "/proc/kmsg"]);
    assert_eq!(kmsg.status.code(), Some(1));
    let said = stderr(&kmsg);
    assert!(
        [
            "thread-tui: /proc/kmsg: reading it would block (not a regular file)\n",
            "thread-tui: /proc/kmsg: permission denied\n",
        ]
        .contains(&said.as_str()),
        "{said}"
    );
}

#[test]
fn binary_and_utf16_files_are_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let nul = write_file(dir.path(), "nul.txt", b"Title\n\nsome\0text\n");
    assert_refused(&nul, "not a text file (it contains NUL bytes)");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Title\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16 = write_file(dir.path(), "utf16.txt", &utf16);
    assert_refused(&utf16, "not a text file (UTF-16)");
    let binary = write_file(
        dir.path(),
        "a.out",
        &[0x7F, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0],
    );
    assert_refused(&binary, "not a text file (it contains NUL bytes)");
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        "bad.txt",
        b"Title \xFF\n\n  1. Ann says:\n\n    cut \xE2\x82",
    );
    let output = run(&["--dump", "json", &path]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output),
        format!("thread-tui: warning: {path}: 2 invalid UTF-8 sequences replaced with U+FFFD\n")
    );
    assert!(stdout(&output).contains("\"title\":\"Title \u{FFFD}\""));
    assert!(stdout(&output).contains("\"body\":\"cut \u{FFFD}\""));
}

#[test]
fn empty_input_is_an_empty_thread() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty", &b""[..]),
        ("spaces", b"    "),
        ("newlines", b"\n\n\n\n"),
    ] {
        let path = write_file(dir.path(), name, bytes);
        let output = run(&["--dump", "json", &path]);
        assert_eq!(output.status.code(), Some(0));
        assert_eq!(
            stdout(&output),
            "{\"title\":\"\",\"date\":null,\"article\":\"\",\"comments\":[]}\n"
        );
        assert_eq!(stderr(&output), "");
    }
}

#[test]
fn usage_errors_exit_2_with_clap_message() {
    let output = run(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("Usage: thread-tui"));
    let output = run(&["--dump", "xml", "data/integration-with-russia.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("invalid value 'xml' for '--dump <WHAT>'"));
}

#[test]
fn help_and_version() {
    let output = run(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    for option in [
        "--dump <WHAT>",
        "--format <FORMAT>",
        "--author <NAME>",
        "--version",
    ] {
        assert!(stdout(&output).contains(option), "{option}");
    }
    let output = run(&["--version"]);
    assert_eq!(
        stdout(&output),
        format!("thread-tui {}\n", env!("CARGO_PKG_VERSION"))
    );
    // Even where clap would style it (a terminal; CLICOLOR_FORCE fakes one): its styling
    // codes could not be told apart from escape sequences in a file name it quotes.
    for args in [
        &["--help"][..],
        &["--version"],
        &["--dump", "xml", "f"],
        &[],
    ] {
        let output = run_with_env(args, &[("CLICOLOR_FORCE", "1")]);
        assert_eq!(output.stdout, run(args).stdout, "{args:?}");
        assert_eq!(output.stderr, run(args).stderr, "{args:?}");
        assert!(!output.stdout.contains(&0x1b) && !output.stderr.contains(&0x1b));
    }
}

#[test]
fn outline_dump_of_the_numbered_seed() {
    let output = run(&["--dump", "outline", "data/losing-battle-for-belarus.txt"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 150);
    assert_eq!(
        lines[0],
        "├─ Dick Von Dast'Ard: He needs to start planning his political funeral."
    );
    assert_eq!(
        lines[1],
        "│  └─ Jens Holm: Miltaries are under command of the civilians and should never run anything."
    );
    assert_eq!(lines[12], "│     │     ├─ Ashur-ban-them-all");
    assert!(lines.contains(&"│  ├─ [missing comment]"));
    assert_eq!(
        lines[149],
        "└─ N/A: See? This is why America is reaping what it sows when it comes to the protests in its own land. The…"
    );
    assert_eq!(
        text.lines().filter(|l| l.contains("occupybacon:")).count(),
        30
    );
}

#[test]
fn outline_dump_of_the_flat_seed_shows_unknown_authors() {
    let output = run(&["--dump", "outline", "data/integration-with-russia.txt"]);
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 31);
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("├─ (unknown): "))
            .count(),
        18
    );
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("└─ (unknown): 10 million people")
    );
}

#[test]
fn format_can_be_forced() {
    let output = run(&[
        "--dump",
        "outline",
        "--format",
        "flat",
        "data/losing-battle-for-belarus.txt",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        !stdout(&output).contains("occupybacon:"),
        "no numbered headers in flat mode"
    );
    let output = run(&[
        "--dump",
        "json",
        "--format",
        "json",
        "data/losing-battle-for-belarus.txt",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .starts_with("thread-tui: data/losing-battle-for-belarus.txt: not a valid json file:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_json_dump_reads_back_to_the_same_dump() {
    let dir = tempfile::tempdir().unwrap();
    let first = run(&["--dump", "json", "data/losing-battle-for-belarus.txt"]);
    let path = write_file(dir.path(), "thread.json", &first.stdout);
    let second = run(&["--dump", "json", &path]);
    assert_eq!(second.status.code(), Some(0));
    assert_eq!(second.stdout, first.stdout);
}

#[test]
fn the_input_file_is_only_read() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read("data/losing-battle-for-belarus.txt").unwrap();
    let path = write_file(dir.path(), "thread.txt", &original);
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    for dump in ["json", "outline"] {
        assert!(run(&["--dump", dump, &path]).status.success());
    }
    assert_eq!(std::fs::read(&path).unwrap(), original);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "no new files beside the input");
}
