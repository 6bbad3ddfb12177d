//! The quirks of real saved threads, on small files of our own in tests/quirks/.

use std::path::Path;
use thread_tui::thread::{Format, Thread, json, parse_bytes};

fn parse(bytes: &[u8]) -> (Thread, Format) {
    let loaded = parse_bytes(bytes.to_vec(), None, Path::new("test.txt")).expect("parses");
    (loaded.main_thread().clone(), loaded.format)
}

fn quirk_file(name: &str) -> Vec<u8> {
    std::fs::read(Path::new("tests/quirks").join(name)).expect("quirk file exists")
}

/// `depth author: body` for each node, bodies with newlines shown as `|`.
fn listing(thread: &Thread) -> Vec<String> {
    (0..thread.len())
        .map(|id| {
            let author = if thread.is_missing(id) {
                "[missing]"
            } else {
                thread.author(id).unwrap_or("(unknown)")
            };
            format!(
                "{} {author}: {}",
                thread.depth(id),
                thread.body(id).replace('\n', "|")
            )
        })
        .collect()
}

#[test]
fn numbered_quirks() {
    let (thread, format) = parse(&quirk_file("numbered-quirks.txt"));
    assert_eq!(format, Format::Numbered);
    assert_eq!(thread.date(), Some("JUNE 3, 2022"));
    assert_eq!(thread.title(), "A quirky thread");
    // Numbered article lines that end in "says: ..." are text, not headers.
    assert_eq!(
        thread.article(),
        "1. Talks resume, the ministry says: nothing agreed.\n2. Nobody says: anything.\n\n  • a bullet\n  • another"
    );
    assert_eq!(
        listing(&thread),
        [
            "1 Simon says: Text with trailing spaces|and\ta\ttab inside.||Second paragraph.",
            "1 Zoë Ångström: ",
            "1 Иван Петров: restarted numbering: still top level",
            "2 O'Brien-Smith Jr.: first reply",
            "3 王小明 🐱: level three",
            "4 Rhodium 10: level four",
            "5 N/A: level five",
            "6 deep6: level six|    indented more than its comment",
            "2 Ten: two-digit number, back at level two",
            "3 [missing]: ",
            "4 Skipper: level three is missing above me",
            "1 Last: ",
        ]
    );
    assert_eq!(thread.comment_count(), 11);
    assert_eq!(
        thread.ordinal(10),
        10,
        "placeholders are not counted in positions"
    );
}

#[test]
fn crlf_lone_cr_and_mixed_endings_read_like_lf() {
    let lf = quirk_file("numbered-quirks.txt");
    let text = String::from_utf8(lf.clone()).unwrap();
    let crlf = text.replace('\n', "\r\n");
    let cr = text.replace('\n', "\r");
    let mixed: String = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| format!("{line}{}", ["\n", "\r\n", "\r"][i % 3]))
        .collect();
    let expected = listing(&parse(&lf).0);
    for variant in [crlf, cr, mixed] {
        assert_eq!(listing(&parse(variant.as_bytes()).0), expected);
    }
}

#[test]
fn a_bom_is_stripped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(quirk_file("numbered-quirks.txt"));
    let (thread, _) = parse(&bytes);
    assert_eq!(thread.date(), Some("JUNE 3, 2022"));
}

#[test]
fn headers_indented_with_tabs() {
    let text = "Title\n\n\t1. Tabbed says:\n\n\t  tab-indented text\n\n\t\t1. Deeper says:\n\n\t\t  reply\n";
    let (thread, _) = parse(text.as_bytes());
    // A tab expands to 8 columns, as on a terminal: level 4 (under one placeholder for the
    // three levels the file skips), then level 8 (under one for levels 5 to 7).
    assert_eq!(
        listing(&thread),
        [
            "1 [missing]: ",
            "2 Tabbed: tab-indented text",
            "3 [missing]: ",
            "4 Deeper: reply"
        ]
    );
    assert_eq!(thread.skipped_levels(0), 3);
    assert_eq!(thread.level(1), 4);
    assert_eq!(thread.skipped_levels(2), 3);
    assert_eq!(thread.level(3), 8);
}

#[test]
fn deep_nesting_beyond_five_levels() {
    let mut text = String::from("Deep\n\n");
    for level in 1..=40 {
        let indent = "  ".repeat(level);
        text.push_str(&format!(
            "{indent}1. Level {level} says:\n\n{indent}  text {level}\n\n"
        ));
    }
    let (thread, _) = parse(text.as_bytes());
    assert_eq!(thread.len(), 40);
    assert!(
        (0..40)
            .all(|id| thread.depth(id) == id + 1 && thread.body(id) == format!("text {}", id + 1))
    );
    assert_eq!(thread.subtree_end(0), 40);
}

#[test]
fn flat_quirks() {
    let (thread, format) = parse(&quirk_file("flat-quirks.txt"));
    assert_eq!(format, Format::Flat);
    assert_eq!(thread.title(), "Flat quirks title");
    assert_eq!(
        thread.article(),
        "The article, first paragraph.\nIts second line.\n\nSecond paragraph."
    );
    assert_eq!(
        listing(&thread),
        [
            "1 (unknown): A comment with no name line.",
            "1 Marta K.: Marta's comment.||Its second paragraph.",
            "1 (unknown): Ok.",
            "1 Zoë Ångström: ",
            "1 Kenny Jones ™: Reply after an empty one.",
            "1 (unknown): Last comment, unnamed.",
        ]
    );
}

#[test]
fn empty_and_blank_files_are_empty_threads() {
    for text in ["", "   ", "\n\n\n", " \n\t\n"] {
        let (thread, _) = parse(text.as_bytes());
        assert_eq!(thread.title(), "");
        assert_eq!(thread.article(), "");
        assert!(thread.is_empty());
    }
}

#[test]
fn a_file_without_comments_is_all_article() {
    let (thread, format) = parse(b"Title\n\nOne paragraph.\n\nAnother.\n");
    assert_eq!(format, Format::Flat);
    assert_eq!(thread.article(), "One paragraph.\n\nAnother.");
    assert!(thread.is_empty());
}

#[test]
fn json_input_with_any_key_order_and_extra_fields() {
    let text = r#"{"comments":[{"children":[{"body":"b","author":null,"missing":false,"children":[]}],
        "extra":[1,{"x":[]}],"author":"A","body":"a\nb","missing":false}],
        "title":"T","date":null,"article":"x","source":"elsewhere"}"#;
    let (thread, format) = parse(text.as_bytes());
    assert_eq!(format, Format::Json);
    assert_eq!(listing(&thread), ["1 A: a|b", "2 (unknown): b"]);
    assert_eq!(thread.title(), "T");
}

#[test]
fn json_with_100_000_levels_parses_dumps_and_drops() {
    let depth = 100_000;
    let mut text = String::from(r#"{"title":"deep","date":null,"article":"","comments":"#);
    for _ in 0..depth {
        text.push_str(r#"[{"author":"a","body":"b","missing":false,"children":"#);
    }
    text.push_str("[]");
    for _ in 0..depth {
        text.push_str("}]");
    }
    text.push('}');
    let (thread, _) = parse(text.as_bytes());
    assert_eq!(thread.len(), depth);
    assert_eq!(thread.depth(depth - 1), depth);
    let mut out = Vec::new();
    json::write(&thread, &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap().trim_end(), text);
}

#[test]
fn a_json_dump_cut_at_every_byte_keeps_the_comments_before_the_cut() {
    let whole = std::fs::read("tests/fixtures/dumps/two-threads.jsonl").expect("fixture");
    let full: Vec<Vec<String>> = json::parse(&whole)
        .expect("the fixture reads")
        .iter()
        .map(listing)
        .collect();
    let first_line = whole.iter().position(|&b| b == b'\n').expect("two lines") + 1;
    let mut kept_some = 0;
    for len in 0..whole.len() {
        let cut = &whole[..len];
        let Ok(loaded) = parse_bytes(cut.to_vec(), Some(Format::Json), Path::new("cut.json"))
        else {
            // Nothing readable before the cut (inside the first title).
            continue;
        };
        kept_some += 1;
        let read: Vec<Vec<String>> = loaded.threads.iter().map(listing).collect();
        for (thread, (read, full)) in read.iter().zip(&full).enumerate() {
            // Every comment but the last read whole; the last as far as the cut let it.
            let (last, before) = read
                .split_last()
                .map_or((None, &read[..]), |(l, b)| (Some(l), b));
            assert_eq!(
                before,
                &full[..before.len()],
                "cut at {len}, thread {thread}"
            );
            if let Some(last) = last {
                let whole_comment = &full[before.len()];
                let depth = whole_comment.split(' ').next().unwrap_or_default();
                assert!(
                    last == whole_comment || last.starts_with(&format!("{depth} ")),
                    "cut at {len}: {last:?} for {whole_comment:?}"
                );
            }
        }
        // A cut just after a thread's closing brace loses nothing.
        if len == first_line - 1 || len == first_line || len == whole.len() - 1 {
            assert_eq!(read, full[..loaded.threads.len()], "cut at {len}");
            assert!(loaded.notes.is_empty(), "cut at {len}: {:?}", loaded.notes);
        } else {
            let line = if len < first_line { 1 } else { 2 };
            assert_eq!(loaded.notes.len(), 1, "cut at {len}");
            assert!(
                loaded.notes[0].starts_with(&format!("the JSON breaks at line {line}, column"))
                    && loaded.notes[0].contains("the file ends in the middle of the JSON"),
                "cut at {len}: {:?}",
                loaded.notes
            );
        }
    }
    assert!(
        kept_some > whole.len() * 9 / 10,
        "{kept_some} cuts kept something"
    );
}

#[test]
fn numbered_with_3000_levels() {
    let mut text = String::from("Deep\n\n");
    for level in 1..=3000 {
        text.push_str(&format!("{}1. n{level} says:\n\n", "  ".repeat(level)));
    }
    let (thread, _) = parse(text.as_bytes());
    assert_eq!(thread.len(), 3000);
    assert_eq!(thread.depth(2999), 3000);
    assert_eq!(thread.ancestors(2999).count(), 2999);
}

#[test]
fn invalid_json_is_an_error_naming_the_file() {
    let err = parse_bytes(b"{\"title\": 3}".to_vec(), None, Path::new("bad.json")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "bad.json: JSON of a shape thread-tui does not read (it reads Reddit comments page \
         JSON; Hacker News item JSON; thread-tui JSON (what --dump json writes; JSON Lines for \
         several threads))"
    );
    let err = parse_bytes(
        b"{\"title\": 3}".to_vec(),
        Some(Format::Json),
        Path::new("bad.json"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "bad.json: not a valid json file: line 1, column 11: expected String, found Number"
    );
}

#[test]
fn json_cut_short_keeps_what_came_before_the_break() {
    let text = br#"{"title":"T","article":"","comments":[{"author":"A","body":"a","missing":false,"children":[{"author":"B","body":"b","#;
    let loaded = parse_bytes(text.to_vec(), None, Path::new("cut.json")).unwrap();
    let thread = loaded.main_thread();
    assert_eq!(listing(thread), ["1 A: a", "2 B: b"]);
    assert_eq!(loaded.notes.len(), 1);
    assert!(
        loaded.notes[0].starts_with("the JSON breaks at line 1, column"),
        "{:?}",
        loaded.notes
    );
}
