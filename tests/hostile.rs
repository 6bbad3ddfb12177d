//! Hostile input through the real binary: every row of the "Inputs" table of BAD-INPUTS.md,
//! on files generated into a temporary folder, with `--dump outline` and `--dump json`.
//!
//! Every run goes through [`run`], which also checks that the input file kept its bytes and
//! modification time and that no file appeared beside it. `--dump outline` output is checked
//! to be inert on a terminal ([`assert_inert`]); `--dump json` must keep the original text,
//! which is checked by reading the dump back with the JSON reader.
//! tests/cli.rs has the exact messages for the refused paths; this file adds the other ways
//! in (the reader without `--dump`, links, hostile file names) and the untouched-file check.

use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use thread_tui::thread::{Format, Thread, parse_bytes};

/// The `--format` values as clap lists them (every format, in declaration order).
fn format_names() -> String {
    use clap::ValueEnum;
    Format::value_variants()
        .iter()
        .map(|format| format.name())
        .collect::<Vec<_>>()
        .join(", ")
}

const BIN: &str = env!("CARGO_BIN_EXE_thread-tui");
const EMPTY_JSON: &str = "{\"title\":\"\",\"date\":null,\"article\":\"\",\"comments\":[]}\n";
/// Generous: a debug build on a loaded 2-core machine. Only a hang (a FIFO read) gets near it.
const TIMEOUT: Duration = Duration::from_secs(120);

// ---------------------------------------------------------------------------------------
// Running the binary without touching its input

/// What must not change when thread-tui reads `path`.
#[derive(Debug, PartialEq)]
struct FileState {
    /// Contents, for a regular file (followed through links); never read from a FIFO or device.
    bytes: Option<Vec<u8>>,
    /// Kind, length and mtime of the path itself (not followed) and of its target.
    own: Option<(String, u64, Option<SystemTime>)>,
    target: Option<(String, u64, Option<SystemTime>)>,
    /// Names in the same folder and the folder's mtime (a file made and removed changes it).
    siblings: Option<(Vec<OsString>, Option<SystemTime>)>,
}

fn describe(meta: &fs::Metadata) -> (String, u64, Option<SystemTime>) {
    (
        format!("{:?}", meta.file_type()),
        meta.len(),
        meta.modified().ok(),
    )
}

fn file_state(path: &Path) -> FileState {
    let target = fs::metadata(path).ok();
    let bytes = target
        .as_ref()
        .filter(|meta| meta.is_file())
        .and_then(|_| fs::read(path).ok());
    // /dev and /proc change by themselves; only our own folders are listed.
    let parent = path
        .parent()
        .filter(|p| !p.starts_with("/dev") && !p.starts_with("/proc"));
    let siblings = parent.map(|dir| {
        let mut names: Vec<OsString> = fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.file_name()))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        (names, fs::metadata(dir).and_then(|m| m.modified()).ok())
    });
    FileState {
        bytes,
        own: fs::symlink_metadata(path).ok().map(|m| describe(&m)),
        target: target.map(|m| describe(&m)),
        siblings,
    }
}

/// Runs `thread-tui ARGS PATH` with stdin and stdout not terminals, with a time limit, and
/// checks that the file at `path` and its folder are exactly as before.
fn run(path: &Path, args: &[&str]) -> Output {
    run_with_env(path, args, &[])
}

/// [`run`] with these environment variables set.
fn run_with_env(path: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let before = file_state(path);
    let mut child = Command::new(BIN)
        .args(args)
        .arg(path)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Drain both pipes on threads so a large dump cannot block the child.
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        out_pipe.read_to_end(&mut buf).map(|_| buf)
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        err_pipe.read_to_end(&mut buf).map(|_| buf)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("thread-tui {args:?} {} did not finish", path.display());
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let output = Output {
        status,
        stdout: out_reader.join().unwrap().unwrap(),
        stderr: err_reader.join().unwrap().unwrap(),
    };
    assert_eq!(
        file_state(path),
        before,
        "thread-tui {args:?} changed {} or its folder",
        path.display()
    );
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// Both dumps of a file that must load: exit 0 and the same stderr for both.
/// Returns (outline text, JSON text, stderr); the outline is checked to be inert.
fn dumps_and_warnings(path: &Path) -> (String, String, String) {
    let outline = run(path, &["--dump", "outline"]);
    let json = run(path, &["--dump", "json"]);
    for (kind, output) in [("outline", &outline), ("json", &json)] {
        assert_eq!(
            output.status.code(),
            Some(0),
            "--dump {kind} {}: {}",
            path.display(),
            stderr(output)
        );
        assert_eq!(
            stderr(output),
            stderr(&outline),
            "same warnings for both dumps"
        );
    }
    assert_inert(&outline.stdout);
    // JSON escapes every control character, so the dump is safe on a terminal too.
    assert_no_raw_controls(&json.stdout);
    let warnings = stderr(&json);
    (
        String::from_utf8(outline.stdout).expect("outline is UTF-8"),
        String::from_utf8(json.stdout).expect("JSON is UTF-8"),
        warnings,
    )
}

/// `dumps` for a file that must load without any warning.
fn clean_dumps(path: &Path) -> (String, String) {
    let (outline, json, warnings) = dumps_and_warnings(path);
    assert_eq!(warnings, "", "{}", path.display());
    (outline, json)
}

fn dumps(path: &Path) -> (String, String) {
    let (outline, json, _) = dumps_and_warnings(path);
    (outline, json)
}

/// Reads a `--dump json` back into a thread.
fn reparse(json: &str) -> Thread {
    parse_bytes(
        json.as_bytes().to_vec(),
        Some(Format::Json),
        Path::new("dump.json"),
    )
    .expect("the JSON dump reads back")
    .into_main_thread()
}

// ---------------------------------------------------------------------------------------
// What "inert" means

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The invisible format characters the sanitiser removes.
fn is_removed_format(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{feff}' | '\u{ad}' | '\u{180e}' | '\u{fff9}'..='\u{fffb}')
}

/// Characters terminals draw with another width than ratatui gives them, or not at all:
/// noncharacters, private use, Egyptian hieroglyph format controls (and what Unicode 15 added
/// beside them), format characters, a Prepend letter, unassigned and newer characters.
fn is_of_uncertain_width(c: char) -> bool {
    let v = u32::from(c);
    (0xfdd0..=0xfdef).contains(&v)
        || v & 0xfffe == 0xfffe
        || matches!(v, 0xe000..=0xf8ff | 0xf0000..)
        || (0x13430..=0x13455).contains(&v)
        || matches!(
            v,
            0x600..=0x605 | 0x6dd | 0x70f | 0x890 | 0x891 | 0x8e2 | 0x110bd | 0x110cd | 0xe0001
        )
        || matches!(v, 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a)
        || matches!(v, 0xd4e | 0x378 | 0x2065 | 0x1fae8)
}

/// Fails if `bytes` holds anything a terminal could act on: ESC or any other C0 control but
/// '\n', DEL, C1 controls (as UTF-8), bidi controls, removed format characters, or the
/// line/paragraph separators; or a character of uncertain width.
fn assert_inert(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("output is UTF-8");
    for (at, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n')
            || is_bidi_control(c)
            || is_removed_format(c)
            || is_of_uncertain_width(c)
            || matches!(c, '\u{2028}' | '\u{2029}');
        assert!(
            !bad,
            "{:#06x} at byte {at} in {:?}",
            u32::from(c),
            &text
                [text.floor_char_boundary(at.saturating_sub(40))..text.ceil_char_boundary(at + 40)]
        );
    }
}

/// No raw control character (C0 but '\n', DEL, C1) in a JSON dump: JSON escapes them.
fn assert_no_raw_controls(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("JSON is UTF-8");
    if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\n') {
        panic!("raw control {:#06x} in a JSON dump", u32::from(c));
    }
}

// ---------------------------------------------------------------------------------------
// Generated threads

/// A numbered thread: title, an article paragraph, then `(level, name, body)` comments with
/// the format's indentation (two columns per level, text two more than its header).
fn numbered(title: &str, comments: &[(usize, &str, &str)]) -> String {
    let mut out = format!("{title}\n\nThe article.\n\n");
    for (n, (level, name, body)) in comments.iter().enumerate() {
        let indent = " ".repeat(level * 2);
        out.push_str(&format!("{indent}{}. {name} says:\n\n", n + 1));
        for line in body.lines() {
            out.push_str(&format!("{indent}  {line}\n"));
        }
        out.push('\n');
    }
    out
}

/// Number of nodes and the depth of each, from a JSON dump read back.
fn depths(thread: &Thread) -> Vec<usize> {
    (0..thread.len()).map(|id| thread.depth(id)).collect()
}

// ---------------------------------------------------------------------------------------
// Inputs

#[test]
fn empty_and_blank_files_are_empty_threads() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty", ""),
        ("spaces", "     "),
        ("newlines", "\n\n\n\n"),
        ("blank-mix", " \n\t\n  \n"),
        ("crlf-blank", "\r\n\r\n\r\n"),
    ] {
        let path = write(dir.path(), name, bytes);
        let (outline, json) = clean_dumps(&path);
        assert_eq!(outline, "", "{name}");
        assert_eq!(json, EMPTY_JSON, "{name}");
    }
}

#[test]
fn invalid_utf8_is_replaced_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let thread = numbered("Title", &[(1, "Ann", "fine"), (2, "Bob", "also fine")]);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("cut-at-end", [thread.as_bytes(), b"cut \xE2\x82"].concat()),
        (
            "cut-4-byte-at-end",
            [thread.as_bytes(), b"\xF0\x9F\x98"].concat(),
        ),
        (
            "in-author",
            numbered("T", &[(1, "A@nn", "x")])
                .replacen('@', "\u{FFFF}", 1)
                .into_bytes(),
        ),
        (
            "lone-bytes",
            [b"Ti\xFFtle \x80\n\n".as_slice(), thread.as_bytes()].concat(),
        ),
        (
            "overlong-and-surrogate",
            [thread.as_bytes(), b"\xC0\xAF \xED\xA0\x80 \xF8\x88"].concat(),
        ),
        ("only-garbage", b"\x80\x81\x82\xC3 \xE2 \xFE".to_vec()),
    ];
    for (name, mut bytes) in cases {
        // U+FFFF stands for a raw 0xFF byte inside the name.
        if let Some(at) = bytes.windows(3).position(|w| w == "\u{FFFF}".as_bytes()) {
            bytes.splice(at..at + 3, [0xFF]);
        }
        let expected = String::from_utf8_lossy(&bytes).matches('\u{FFFD}').count();
        assert!(expected > 0, "{name}");
        let path = write(dir.path(), name, &bytes);
        let output = run(&path, &["--dump", "json"]);
        let plural = if expected == 1 { "" } else { "s" };
        assert_eq!(
            stderr(&output),
            format!(
                "thread-tui: warning: {}: {expected} invalid UTF-8 sequence{plural} replaced with U+FFFD\n",
                path.display()
            ),
            "{name}"
        );
        let (outline, json) = dumps(&path);
        let shown = reparse(&json);
        let all_text: String = (0..shown.len())
            .flat_map(|id| [shown.author(id).unwrap_or(""), shown.body(id)])
            .chain([shown.title(), shown.article()])
            .collect();
        assert_eq!(all_text.matches('\u{FFFD}').count(), expected, "{name}");
        if name == "in-author" {
            assert_eq!(shown.author(0), Some("A\u{FFFD}nn"));
            assert!(outline.contains("A\u{FFFD}nn: x"), "{outline}");
        }
    }
}

#[test]
fn a_utf8_bom_is_stripped() {
    let dir = tempfile::tempdir().unwrap();
    let plain = numbered("Title", &[(1, "Ann", "hello"), (2, "Bob", "reply")]);
    let json_thread = "{\"title\":\"T\",\"comments\":[{\"author\":\"A\",\"body\":\"b\"}]}";
    for (name, text) in [("numbered", plain.as_str()), ("json", json_thread)] {
        let without = write(dir.path(), &format!("{name}-plain"), text);
        let with = write(
            dir.path(),
            &format!("{name}-bom"),
            format!("\u{FEFF}{text}"),
        );
        let with_crlf = write(
            dir.path(),
            &format!("{name}-bom-crlf"),
            format!("\u{FEFF}{}", text.replace('\n', "\r\n")),
        );
        let expected = clean_dumps(&without);
        assert_eq!(clean_dumps(&with), expected, "{name}");
        assert_eq!(clean_dumps(&with_crlf), expected, "{name}");
        assert!(!expected.1.contains('\u{FEFF}'));
    }
}

#[test]
fn utf16_nul_and_binary_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let utf16 = |big_endian: bool, bom: bool| -> Vec<u8> {
        let text = "Title\n\n  1. Ann says:\n\n    hello\n";
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        units
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    };
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let gzip = b"\x1f\x8b\x08\0\0\0\0\0\0\x03\xcb\x48\xcd\xc9\xc9\x07\0\x86\xa6\x10\x36\x05\0\0\0";
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("utf16le-bom", utf16(false, true), "UTF-16"),
        ("utf16be-bom", utf16(true, true), "UTF-16"),
        ("utf16le", utf16(false, false), "it contains NUL bytes"),
        ("utf16be", utf16(true, false), "it contains NUL bytes"),
        (
            "nul-at-end",
            b"Title\n\ntext\0".to_vec(),
            "it contains NUL bytes",
        ),
        ("png", png.to_vec(), "it contains NUL bytes"),
        ("gzip", gzip.to_vec(), "it contains NUL bytes"),
    ];
    for (name, bytes, why) in cases {
        let path = write(dir.path(), name, &bytes);
        // The reader refuses it too, before it would look for a terminal.
        for args in [&["--dump", "outline"][..], &["--dump", "json"], &[]] {
            let output = run(&path, args);
            assert_eq!(output.status.code(), Some(1), "{name} {args:?}");
            assert_eq!(
                stderr(&output),
                format!("thread-tui: {}: not a text file ({why})\n", path.display()),
                "{name} {args:?}"
            );
            assert!(output.stdout.is_empty(), "{name} {args:?}");
        }
    }
}

#[test]
fn crlf_lone_cr_and_mixed_endings_give_the_same_tree() {
    let dir = tempfile::tempdir().unwrap();
    let numbered_text = numbered(
        "Title line",
        &[
            (1, "Ann", "first paragraph\nstill first\n\nsecond paragraph"),
            (2, "Bob", "a reply"),
            (4, "Deep Dan", "two levels skipped"),
            (1, "Cy", "last"),
        ],
    );
    let flat_text = "JUNE 3, 2022\nA flat title\n\nThe article.\n\n\nTommy Jensen\n\nfirst comment\n\n\nsecond comment, no name\n";
    let json_text = "{\n  \"title\": \"T\",\n  \"comments\": [\n    {\"author\": \"A\", \"body\": \"b\"}\n  ]\n}\n";
    for (name, lf) in [
        ("numbered", numbered_text.as_str()),
        ("flat", flat_text),
        ("json", json_text),
    ] {
        let expected = clean_dumps(&write(dir.path(), &format!("{name}-lf"), lf));
        let mut toggle = false;
        let mixed: String = lf
            .split_inclusive('\n')
            .map(|line| {
                toggle = !toggle;
                match (toggle, line.strip_suffix('\n')) {
                    (true, Some(body)) => format!("{body}\r\n"),
                    (false, Some(body)) => format!("{body}\r"),
                    (_, None) => line.to_string(),
                }
            })
            .collect();
        for (ending, text) in [
            ("crlf", lf.replace('\n', "\r\n")),
            ("cr", lf.replace('\n', "\r")),
            ("mixed", mixed),
        ] {
            let path = write(dir.path(), &format!("{name}-{ending}"), text);
            assert_eq!(clean_dumps(&path), expected, "{name} with {ending}");
        }
    }
}

/// (label, raw text, what `--dump outline` must show for it)
const ESCAPES: &[(&str, &str, &str)] = &[
    ("csi-clear", "\x1b[2J\x1b[H", "^[[2J^[[H"),
    ("csi-colour", "\x1b[0;36mcyan\x1b[0m", "^[[0;36mcyan^[[0m"),
    ("osc-title-bel", "\x1b]0;pwned\x07", "^[]0;pwned^G"),
    ("osc-title-st", "\x1b]2;pwned\x1b\\", "^[]2;pwned^[\\"),
    (
        "osc52-clipboard",
        "\x1b]52;c;cm0gLXJmIH4=\x07",
        "^[]52;c;cm0gLXJmIH4=^G",
    ),
    (
        "osc8-link",
        "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
        "^[]8;;https://evil.example^[\\click^[]8;;^[\\",
    ),
    ("dcs", "\x1bP+q544e\x1b\\", "^[P+q544e^[\\"),
    ("truncated-csi", "tail \x1b[38;5", "tail ^[[38;5"),
    ("truncated-osc", "tail \x1b]52;c;", "tail ^[]52;c;"),
    ("bel", "ding\x07dong", "ding^Gdong"),
    (
        "backspace",
        "secret\x08\x08\x08\x08\x08\x08public",
        "secret^H^H^H^H^H^Hpublic",
    ),
    ("del", "a\x7fb", "a^?b"),
    ("c1-csi", "\u{9b}31mred", "<U+009B>31mred"),
    (
        "c1-osc-st",
        "\u{9d}0;title\u{9c}",
        "<U+009D>0;title<U+009C>",
    ),
    ("c1-dcs", "\u{90}+q544e\u{9c}", "<U+0090>+q544e<U+009C>"),
    // Controls that are also white space (NEL, VT, FF) become a plain space in the one-line
    // outline, like tabs; the reader shows them as <U+0085>, ^K, ^L (hostile_screens.rs).
    ("c1-nel", "a\u{85}b", "a b"),
    ("vertical-tab-form-feed", "a\x0bb\x0cc", "a b c"),
    ("shift-out-nul-like", "a\x0e\x0f\x01b", "a^N^O^Ab"),
];

#[test]
fn escape_sequences_and_controls_are_shown_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    let comments: Vec<(usize, String, String)> = ESCAPES
        .iter()
        .map(|&(label, raw, _)| (1, format!("{label} {raw}x"), format!("{label}: {raw} end")))
        .collect();
    let refs: Vec<(usize, &str, &str)> = comments
        .iter()
        .map(|(l, n, b)| (*l, n.as_str(), b.as_str()))
        .collect();
    let title = "Title \x1b]0;owned\x07 \x1b[2J";
    let path = write(dir.path(), "escapes.txt", numbered(title, &refs));
    let (outline, json) = clean_dumps(&path);
    let lines: Vec<&str> = outline.lines().collect();
    assert_eq!(lines.len(), ESCAPES.len());
    for (n, ((label, _, shown), line)) in ESCAPES.iter().zip(&lines).enumerate() {
        let guide = if n + 1 == ESCAPES.len() {
            "└─"
        } else {
            "├─"
        };
        // Names are cut at 40 columns (all of these show as one column per char).
        let mut author = format!("{label} {shown}x");
        if author.chars().count() > 40 {
            author = author
                .chars()
                .take(39)
                .collect::<String>()
                .trim_end()
                .to_string()
                + "…";
        }
        assert_eq!(*line, format!("{guide} {author}: {label}: {shown} end"));
    }
    // The JSON dump keeps every original character (escaped where JSON needs it).
    let back = reparse(&json);
    assert_eq!(back.title(), title);
    for (id, (label, raw, _)) in ESCAPES.iter().enumerate() {
        assert_eq!(back.author(id), Some(format!("{label} {raw}x").as_str()));
        assert_eq!(back.body(id), format!("{label}: {raw} end"));
    }
    assert!(json.contains("\\u001b]0;owned\\u0007") || json.contains("\\u001B]0;owned\\u0007"));
}

#[test]
fn bidi_and_invisible_characters_are_made_inert() {
    let dir = tempfile::tempdir().unwrap();
    // (label, raw, shown in the outline)
    let cases = [
        ("rlo", "admin\u{202e}txt.exe", "admintxt.exe"),
        ("lre-pdf", "a\u{202a}b\u{202c}c", "abc"),
        ("isolates", "x\u{2066}y\u{2067}z\u{2068}w\u{2069}v", "xyzwv"),
        ("marks", "l\u{200e}r\u{200f}a\u{061c}b", "lrab"),
        ("zwsp", "zero\u{200b}width", "zerowidth"),
        ("bom-inside", "in\u{feff}side", "inside"),
        ("soft-hyphen", "soft\u{ad}hyphen", "softhyphen"),
        ("word-joiner", "word\u{2060}joiner", "wordjoiner"),
        (
            "deprecated-format",
            "de\u{206a}pre\u{206f}cated",
            "deprecated",
        ),
        ("separators", "line\u{2028}para\u{2029}end", "line para end"),
    ];
    let comments: Vec<(usize, String, String)> = cases
        .iter()
        .map(|&(label, raw, _)| (1, format!("N{label} {raw}"), format!("{label} {raw} end")))
        .collect();
    let refs: Vec<(usize, &str, &str)> = comments
        .iter()
        .map(|(l, n, b)| (*l, n.as_str(), b.as_str()))
        .collect();
    let path = write(
        dir.path(),
        "bidi.txt",
        numbered("Bidi \u{202e}eltit", &refs),
    );
    let (outline, json) = clean_dumps(&path);
    for ((label, _, shown), line) in cases.iter().zip(outline.lines()) {
        assert!(
            line.ends_with(&format!("N{label} {shown}: {label} {shown} end")),
            "{label}: {line:?}"
        );
    }
    let back = reparse(&json);
    assert_eq!(back.title(), "Bidi \u{202e}eltit");
    for (id, (label, raw, _)) in cases.iter().enumerate() {
        assert_eq!(back.author(id), Some(format!("N{label} {raw}").as_str()));
        assert_eq!(back.body(id), format!("{label} {raw} end"));
    }
}

#[test]
fn characters_of_uncertain_width_are_shown_as_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    // (label, raw, shown in the outline)
    let cases = [
        ("nonchar", "a\u{fffe}b\u{ffff}", "a<U+FFFE>b<U+FFFF>"),
        ("nonchar2", "\u{fdd0}\u{10ffff}", "<U+FDD0><U+10FFFF>"),
        ("unassigned", "x\u{378}y", "x<U+0378>y"),
        ("newer", "shaking \u{1fae8} face", "shaking <U+1FAE8> face"),
        ("reph", "\u{d4e}\u{d15}", "<U+0D4E>\u{d15}"),
        (
            "egyptian",
            "\u{13000}\u{13430}\u{13001}\u{13455}",
            "\u{13000}<U+13430>\u{13001}<U+13455>",
        ),
        ("format", "\u{600}12 \u{1d173}", "<U+0600>12 <U+1D173>"),
        ("private", "\u{f8ff} \u{100000}", "<U+F8FF> <U+100000>"),
    ];
    let comments: Vec<(usize, String, String)> = cases
        .iter()
        .map(|&(label, raw, _)| (1, format!("N{label} {raw}"), format!("{label} {raw} end")))
        .collect();
    let refs: Vec<(usize, &str, &str)> = comments
        .iter()
        .map(|(l, n, b)| (*l, n.as_str(), b.as_str()))
        .collect();
    let path = write(dir.path(), "width.txt", numbered("Width \u{fffe}", &refs));
    let (outline, json) = clean_dumps(&path);
    for ((label, _, shown), line) in cases.iter().zip(outline.lines()) {
        assert!(
            line.ends_with(&format!("N{label} {shown}: {label} {shown} end")),
            "{label}: {line:?}"
        );
    }
    // The JSON dump keeps every character.
    let back = reparse(&json);
    assert_eq!(back.title(), "Width \u{fffe}");
    for (id, (label, raw, _)) in cases.iter().enumerate() {
        assert_eq!(back.body(id), format!("{label} {raw} end"));
    }
}

/// `cols` columns of indentation written with spaces, tabs (8-column stops) or both.
fn indent(cols: usize, style: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    if style == "mixed" && cols >= 8 {
        // A space before a tab: the tab still ends at column 8.
        out.push(' ');
        at = 1;
    }
    if style != "spaces" {
        while (at / 8 + 1) * 8 <= cols {
            out.push('\t');
            at = (at / 8 + 1) * 8;
        }
    }
    out.push_str(&" ".repeat(cols - at));
    out
}

#[test]
fn tab_indentation_is_read_by_columns() {
    let dir = tempfile::tempdir().unwrap();
    // Levels whose header or text indentation reaches a tab stop.
    let levels = [1, 2, 3, 4, 5, 8, 4, 7, 1];
    let build = |style: &str| {
        let mut out = String::from("Tabs\n\nThe article.\n\n");
        for (n, level) in levels.iter().enumerate() {
            out.push_str(&format!(
                "{}{}. Name {n} says:\n\n",
                indent(level * 2, style),
                n + 1
            ));
            out.push_str(&format!("{}text of {n}\n", indent(level * 2 + 2, style)));
            out.push_str(&format!(
                "{}second line of {n}\n\n",
                indent(level * 2 + 2, style)
            ));
        }
        out
    };
    let spaces = clean_dumps(&write(dir.path(), "spaces.txt", build("spaces")));
    let back = reparse(&spaces.1);
    let real: Vec<usize> = (0..back.len())
        .filter(|&id| !back.is_missing(id))
        .map(|id| back.level(id))
        .collect();
    assert_eq!(real, levels);
    assert_eq!(back.body(3), "text of 3\nsecond line of 3");
    for style in ["tabs", "mixed"] {
        let text = build(style);
        assert!(text.contains('\t'));
        let path = write(dir.path(), &format!("{style}.txt"), text);
        assert_eq!(clean_dumps(&path), spaces, "{style}");
    }
    // Tabs inside text never reach the outline (the reader expands them: hostile_screens.rs).
    let inside = numbered(
        "T\tab",
        &[(1, "Tab\tName", "a\tb\t\tc"), (2, "B", "\t\tlead")],
    );
    let (outline, _) = clean_dumps(&write(dir.path(), "inside.txt", inside));
    assert!(!outline.contains('\t'));
    assert!(outline.contains("Tab Name: a b c"), "{outline}");
}

#[test]
fn wide_joined_and_combining_text_survives() {
    let dir = tempfile::tempdir().unwrap();
    let zalgo = format!("Z{}", "\u{301}".repeat(50));
    let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
    let cases: Vec<(&str, String)> = vec![
        ("cjk", "日本語のテキストと中文和한국어".into()),
        ("zwj", format!("{family} 👩\u{200d}💻")),
        (
            "flags",
            "🇯🇵🇺🇦🇫🇷 🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}".into(),
        ),
        ("skin-tones", "👍🏽👋🏿👨🏻\u{200d}👩🏿".into()),
        ("zalgo", zalgo.clone()),
        ("rtl", "שלום עולם مرحبا بالعالم".into()),
    ];
    let comments: Vec<(usize, String, String)> = cases
        .iter()
        .map(|(label, text)| (1, format!("N {label} {text}"), text.clone()))
        .collect();
    let refs: Vec<(usize, &str, &str)> = comments
        .iter()
        .map(|(l, n, b)| (*l, n.as_str(), b.as_str()))
        .collect();
    let (outline, json) = clean_dumps(&write(dir.path(), "wide.txt", numbered("Wide", &refs)));
    let back = reparse(&json);
    for (id, (label, text)) in cases.iter().enumerate() {
        assert_eq!(back.body(id), text, "{label} kept whole in JSON");
        let line = outline.lines().nth(id).unwrap();
        if *label == "zalgo" {
            // The outline caps the tower; its letter and the first marks stay.
            assert!(line.contains("Z\u{301}"));
            assert!(
                line.chars().filter(|&c| c == '\u{301}').count() < 50,
                "{line}"
            );
        } else {
            // Emoji sequences show as their parts (terminals disagree on their width).
            let shown = match *label {
                "zwj" => "👨👩👧👦 👩💻",
                "flags" => "[JP][UA][FR] 🏴",
                "skin-tones" => "👍👋👨👩",
                _ => text.as_str(),
            };
            assert!(line.ends_with(&format!(": {shown}")), "{label}: {line}");
        }
    }
}

#[test]
fn huge_lines_many_lines_and_long_names_load() {
    let dir = tempfile::tempdir().unwrap();
    // One 10 MB line as a comment's text.
    let ten_mb = "hostile \x1b[2J line 日本 ".repeat(10 * 1024 * 1024 / 26);
    let path = write(
        dir.path(),
        "long-line.txt",
        numbered("Long", &[(1, "Ann", &ten_mb)]),
    );
    let (outline, json) = clean_dumps(&path);
    assert_eq!(outline.lines().count(), 1);
    assert!(outline.len() < 1024, "the outline shows a bounded snippet");
    assert!(outline.starts_with("└─ Ann: hostile ^[[2J line 日本"));
    assert_eq!(reparse(&json).body(0), ten_mb.trim_end());

    // A million short lines: a thousand comments of a thousand lines each.
    let mut million = String::from("Many lines\n\nThe article.\n\n");
    for n in 0..1_000 {
        million.push_str(&format!("  {}. Name{n} says:\n\n", n + 1));
        million.push_str(&"    short line\n".repeat(999));
        million.push('\n');
    }
    assert!(million.lines().count() > 1_000_000);
    let path = write(dir.path(), "million.txt", &million);
    let (outline, json) = clean_dumps(&path);
    assert_eq!(outline.lines().count(), 1_000);
    let back = reparse(&json);
    assert_eq!(back.len(), 1_000);
    assert_eq!(back.body(999).lines().count(), 999);

    // A 10 000-character author name.
    let name = "Ab".repeat(5_000);
    let path = write(
        dir.path(),
        "long-name.txt",
        numbered("Names", &[(1, &name, "hi"), (2, "B", "re")]),
    );
    let (outline, json) = clean_dumps(&path);
    let first = outline.lines().next().unwrap();
    assert!(first.chars().count() < 100, "{first}");
    assert!(first.ends_with("…: hi"));
    assert_eq!(reparse(&json).author(0), Some(name.as_str()));
}

#[test]
fn deep_nesting_parses_and_dumps_without_recursion() {
    let dir = tempfile::tempdir().unwrap();
    // 100 000 levels of JSON.
    const JSON_DEPTH: usize = 100_000;
    let mut json = String::from("{\"title\":\"deep\",\"comments\":");
    for n in 0..JSON_DEPTH {
        json.push_str(&format!(
            "[{{\"author\":\"a{n}\",\"body\":\"b\",\"children\":"
        ));
    }
    json.push_str("[]");
    for _ in 0..JSON_DEPTH {
        json.push_str("}]");
    }
    json.push('}');
    let path = write(dir.path(), "deep.json", &json);
    let (outline, dumped) = clean_dumps(&path);
    assert_eq!(outline.lines().count(), JSON_DEPTH);
    let last = outline.lines().last().unwrap();
    assert!(
        last.contains(&format!(
            "┄{} levels┄ └─ a{}: b",
            JSON_DEPTH - 1 - 32,
            JSON_DEPTH - 1
        )),
        "{last}"
    );
    assert!(outline.lines().all(|line| line.chars().count() < 200));
    let back = reparse(&dumped);
    assert_eq!(depths(&back), (1..=JSON_DEPTH).collect::<Vec<_>>());
    // The dump reads back to the same dump.
    let again = write(dir.path(), "again.json", &dumped);
    assert_eq!(run(&again, &["--dump", "json"]).stdout, dumped.as_bytes());

    // 3 000 levels in the numbered format.
    const NUMBERED_DEPTH: usize = 3_000;
    let levels: Vec<(usize, String, String)> = (1..=NUMBERED_DEPTH)
        .map(|level| (level, format!("N{level}"), format!("t{level}")))
        .collect();
    let refs: Vec<(usize, &str, &str)> = levels
        .iter()
        .map(|(l, n, b)| (*l, n.as_str(), b.as_str()))
        .collect();
    let path = write(dir.path(), "deep.txt", numbered("Deep", &refs));
    let (outline, dumped) = clean_dumps(&path);
    assert_eq!(outline.lines().count(), NUMBERED_DEPTH);
    assert!(
        outline
            .lines()
            .last()
            .unwrap()
            .ends_with(&format!("└─ N{NUMBERED_DEPTH}: t{NUMBERED_DEPTH}"))
    );
    let back = reparse(&dumped);
    assert_eq!(depths(&back), (1..=NUMBERED_DEPTH).collect::<Vec<_>>());
}

/// A WordPress export's beginning, up to its first `<item>`.
const WXR_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n\
<channel><title>Site</title><wp:wxr_version>1.2</wp:wxr_version>\n";

fn wxr_comment(id: u32, parent: u32, author: &str, content: &str) -> String {
    format!(
        "<wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_parent>{parent}</wp:comment_parent>\
         <wp:comment_author>{author}</wp:comment_author>\
         <wp:comment_date_gmt>2020-01-01 10:{id:02}:00</wp:comment_date_gmt>\
         <wp:comment_content><![CDATA[{content}]]></wp:comment_content>\
         <wp:comment_approved>1</wp:comment_approved></wp:comment>\n"
    )
}

fn wxr(comments: &str) -> String {
    format!(
        "{WXR_HEAD}<item><title>Post</title><wp:post_id>1</wp:post_id>\
         <content:encoded><![CDATA[The post.]]></content:encoded>\n{comments}</item></channel></rss>\n"
    )
}

fn disqus(posts: &[(u32, Option<u32>, &str, &str)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\">\n\
         <thread dsq:id=\"7\"><title>A thread</title><link>https://example.org/t</link></thread>\n",
    );
    for (id, parent, author, message) in posts {
        out.push_str(&format!(
            "<post dsq:id=\"{id}\"><message><![CDATA[{message}]]></message>\
             <createdAt>2020-01-01T10:{id:02}:00Z</createdAt><isDeleted>false</isDeleted>\
             <isSpam>false</isSpam><author><name>{author}</name></author><thread dsq:id=\"7\"/>"
        ));
        if let Some(parent) = parent {
            out.push_str(&format!("<parent dsq:id=\"{parent}\"/>"));
        }
        out.push_str("</post>\n");
    }
    out.push_str("</disqus>\n");
    out
}

#[test]
fn hostile_exports_load_what_they_can_and_say_what_they_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let comments = [
        (1, 0, "Ann", "<p>First &amp; <b>bold</b></p>"),
        (2, 1, "Bo", "A reply"),
        (3, 2, "Cy", "<blockquote>quoted</blockquote>deeper"),
        (4, 0, "Di", "Second top-level"),
    ];
    let wordpress: String = comments
        .iter()
        .map(|&(id, parent, author, body)| wxr_comment(id, parent, author, body))
        .collect();
    let posts: Vec<(u32, Option<u32>, &str, &str)> = comments
        .iter()
        .map(|&(id, parent, author, body)| (id, (parent > 0).then_some(parent), author, body))
        .collect();
    for (name, whole) in [("wordpress", wxr(&wordpress)), ("disqus", disqus(&posts))] {
        let path = write(d, &format!("{name}.xml"), &whole);
        let (full, _) = clean_dumps(&path);
        assert_eq!(full.lines().count(), 4, "{name}: {full}");

        // Cut anywhere: the comments complete before the cut, said on stderr; or, cut before
        // the head says what the file is or before its first post, refused with that reason.
        for cut in (1..16).map(|n| whole.len() * n / 16) {
            let path = write(d, &format!("{name}-cut-{cut}.xml"), &whole[..cut]);
            let outline = run(&path, &["--dump", "outline"]);
            let message = stderr(&outline);
            match outline.status.code() {
                Some(0) => {
                    let text = String::from_utf8(outline.stdout).unwrap();
                    // The tree's lines differ where a comment is now the last: compare what
                    // follows them.
                    let comment = |line: &str| line.split_once("─ ").map(|(_, c)| c.to_string());
                    let kept: Vec<_> = text.lines().map(comment).collect();
                    let before: Vec<_> = full.lines().take(kept.len()).map(comment).collect();
                    assert_eq!(kept, before, "{name} cut at {cut}");
                    assert!(
                        message.contains("ends early"),
                        "{name} cut at {cut}: {message}"
                    );
                }
                Some(1) => assert!(
                    message.contains("XML of a shape thread-tui does not read (it reads ")
                        || message.contains("the file ends before its first <"),
                    "{name} cut at {cut}: {message}"
                ),
                other => panic!("{name} cut at {cut}: exit {other:?}: {message}"),
            }
        }
    }

    // Garbage after a WordPress head: read as far as it goes, and said.
    let mut garbage = WXR_HEAD.as_bytes().to_vec();
    garbage.extend("<item>".bytes());
    let mut state = 7u64;
    let pieces: [&[u8]; 16] = [
        b"<",
        b">",
        b"&",
        b"</",
        b"<!",
        b"<?",
        b"]]>",
        b"<![CDATA[",
        b"\"",
        b"=",
        b"\x1b[2J",
        b"&#0;",
        b"&#x110000;",
        b"<wp:comment>",
        b"</item>",
        b"\xff\xfe",
    ];
    for _ in 0..20_000 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        garbage.extend_from_slice(pieces[(state >> 60) as usize]);
    }
    let path = write(d, "garbage.xml", &garbage);
    let (_, _, warnings) = dumps_and_warnings(&path);
    assert!(warnings.contains("broken XML skipped"), "{warnings}");

    // Elements nested a million deep, never closed: no recursion, the cut said.
    let deep = format!(
        "{WXR_HEAD}<item><title>D</title>{}",
        "<x>".repeat(1_000_000)
    );
    let path = write(d, "deep.xml", deep);
    let (_, _, warnings) = dumps_and_warnings(&path);
    assert!(warnings.contains("ends early"), "{warnings}");

    // A comment body of 20 000 nested blocks: its text, through the bounded HTML parser.
    let body = format!(
        "{}deep text{}",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let path = write(d, "deep-html.xml", wxr(&wxr_comment(1, 0, "Ann", &body)));
    let (outline, _) = clean_dumps(&path);
    assert_eq!(outline, "└─ Ann: deep text\n");

    // A billion laughs and external entities: written as they are, never expanded or fetched.
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE disqus [\n<!ENTITY lol \"lol\">\n");
    for level in 1..10 {
        let previous = if level == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", level - 1)
        };
        laughs.push_str(&format!(
            "<!ENTITY lol{level} \"{}\">\n",
            format!("&{previous};").repeat(10)
        ));
    }
    laughs.push_str("<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n");
    let body = disqus(&[(1, None, "&lol9;", "&lol9; &xxe;")]);
    laughs.push_str(body.split_once("?>\n").unwrap().1);
    let path = write(d, "laughs.xml", &laughs);
    let (outline, json) = clean_dumps(&path);
    assert_eq!(outline, "└─ &lol9;: &lol9; &xxe;\n");
    assert!(json.len() < laughs.len());

    // XML no format claims: refused, naming the shapes read.
    let path = write(
        d,
        "feed.xml",
        "<?xml version=\"1.0\"?><feed><entry/></feed>",
    );
    let refused = run(&path, &["--dump", "outline"]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        stderr(&refused),
        format!(
            "thread-tui: {}: XML of a shape thread-tui does not read (it reads \
             WordPress export (WXR .xml); Disqus export (.xml))\n",
            path.display()
        )
    );
}

#[test]
fn paths_that_are_not_text_files_are_refused_by_every_mode() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fifo = d.join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    symlink(d.join("nowhere"), d.join("dangling")).unwrap();
    symlink("/dev/zero", d.join("zero-link")).unwrap();
    fs::create_dir(d.join("folder")).unwrap();
    symlink(d.join("folder"), d.join("folder-link")).unwrap();
    // Folders are libraries now (tests/library.rs).
    let cases: Vec<(PathBuf, &str)> = vec![
        (fifo, "not a regular file"),
        ("/dev/zero".into(), "not a regular file"),
        (d.join("zero-link"), "not a regular file"),
        ("/proc/self/mem".into(), "Input/output error"),
        (d.join("missing.txt"), "no such file"),
        (d.join("dangling"), "no such file"),
    ];
    for (path, reason) in cases {
        for args in [&["--dump", "outline"][..], &["--dump", "json"], &[]] {
            let output = run(&path, args);
            assert_eq!(output.status.code(), Some(1), "{} {args:?}", path.display());
            assert_eq!(
                stderr(&output),
                format!("thread-tui: {}: {reason}\n", path.display()),
                "{args:?}"
            );
            assert!(output.stdout.is_empty());
        }
    }
}

#[test]
fn a_hostile_file_name_is_not_sent_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"\x1b]0;owned\x07\x1b[2J\xc2\x9b31m.txt");
    // Missing: the error names the path; present but binary: the error names it too.
    let missing = dir.path().join(name);
    let output = run(&missing, &["--dump", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert_inert(message.as_bytes());
    assert!(
        message.contains("^[]0;owned^G^[[2J<U+009B>31m.txt: no such file"),
        "{message}"
    );

    let binary = dir.path().join(name);
    fs::write(&binary, b"\0\0").unwrap();
    let output = run(&binary, &["--dump", "outline"]);
    assert_inert(&output.stderr);
    // Invalid UTF-8 in the name: shown replaced, still inert.
    let latin1 = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"caf\xe9 \x1b[1m.txt"));
    fs::write(&latin1, b"Title\xe9\n\n  1. Ann says:\n\n    hi\n").unwrap();
    let output = run(&latin1, &["--dump", "outline"]);
    assert_eq!(output.status.code(), Some(0));
    assert_inert(&output.stderr);
    assert!(stderr(&output).contains("1 invalid UTF-8 sequence replaced"));
}

/// An OSC title, a CSI, a C1 CSI, and bidi overrides (bidi: the name would read "exe.txt").
const HOSTILE_ARG: &str = "b\x1b]0;PWNED\x07\x1b[2J\u{9b}31m\u{202e}txt\u{2066}.exe";
/// How it shows: controls in caret or hex form, bidi controls removed.
const HOSTILE_SHOWN: &str = "b^[]0;PWNED^G^[[2J<U+009B>31mtxt.exe";

/// clap writes escape sequences into a pipe stripped and to a terminal as they are;
/// CLICOLOR_FORCE makes it treat the pipe as a terminal.
const AS_ON_A_TERMINAL: &[(&str, &str)] = &[("CLICOLOR_FORCE", "1")];

#[test]
fn usage_errors_show_hostile_arguments_inert() {
    let dir = tempfile::tempdir().unwrap();
    let thread = numbered("T", &[(1, "Ann", "hi")]);
    let hostile = write(dir.path(), &format!("{HOSTILE_ARG}.txt"), &thread);
    let unknown_option = format!("--{HOSTILE_ARG}");
    // `thread-tui *.txt` in that folder opens a library (tests/library.rs shows the name
    // inert there); a misspelt option or value is quoted in the usage error.
    let cases: [(&Path, &[&str], String); 3] = [
        (
            &hostile,
            &["--dump", HOSTILE_ARG],
            format!(
                "error: invalid value '{HOSTILE_SHOWN}' for '--dump <WHAT>'\n  \
                 [possible values: json, outline, csv, markdown, commenters]\n"
            ),
        ),
        (
            &hostile,
            &["--format", HOSTILE_ARG],
            format!(
                "error: invalid value '{HOSTILE_SHOWN}' for '--format <FORMAT>'\n  \
                 [possible values: {}]\n",
                format_names()
            ),
        ),
        (
            &hostile,
            &[&unknown_option],
            format!("error: unexpected argument '--{HOSTILE_SHOWN}' found\n"),
        ),
    ];
    for env in [&[][..], AS_ON_A_TERMINAL] {
        for (path, args, expected) in &cases {
            let output = run_with_env(path, args, env);
            assert_eq!(output.status.code(), Some(2), "{args:?} {env:?}");
            let message = stderr(&output);
            assert_inert(&output.stderr);
            assert!(
                message.starts_with(expected.as_str()),
                "{env:?}\n{message}\nexpected to start with\n{expected}"
            );
            assert!(
                message.ends_with("For more information, try '--help'.\n"),
                "{message}"
            );
            assert!(output.stdout.is_empty());
        }
        // --help and --version still go to stdout with exit 0, and --help ignores the rest.
        for flag in ["--help", "--version"] {
            let output = run_with_env(&hostile, &[flag, HOSTILE_ARG], env);
            assert_eq!(output.status.code(), Some(0), "{flag} {env:?}");
            assert_inert(&output.stdout);
            assert!(output.stderr.is_empty());
        }
    }
}

#[test]
fn the_reader_refuses_pipes_before_touching_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "thread.txt",
        numbered("T", &[(1, "Ann", "hi \x1b[2J")]),
    );
    // stdin is /dev/null and stdout a pipe: stdout is named (stdin alone: tests/pty.rs).
    for args in [&[][..], &["--author", "Ann"], &["--author", "\x1b]0;x\x07"]] {
        let output = run(&path, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&output),
            "thread-tui: the reader needs a terminal, and stdout is not one; \
             to print the thread use --dump outline or --dump json\n"
        );
        assert!(
            output.stdout.is_empty(),
            "nothing, not even an escape code, on stdout"
        );
    }
}
