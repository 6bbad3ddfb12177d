//! Getting comments out of the reader: `y` and `Y` put the selected comment or sub-thread on
//! the clipboard through OSC 52 (the sequence holds nothing of the thread but base64), and
//! `w` writes the sub-thread or the filtered view to a file named in a prompt: read back with
//! the JSON reader and against a Markdown snapshot, never over a file without asking, never
//! over the thread's own file, with errors in the status line.
//! (tests/pty.rs checks the sequence the real binary writes to its terminal.)

mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::keys::{press, rows, screen};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::fs;
use std::path::Path;
use thread_tui::app::{App, Mode, Shelf, View};
use thread_tui::dump::{Selection, markdown};
use thread_tui::library::loader;
use thread_tui::osc52::{MAX_COPY_BYTES, is_left_out};
use thread_tui::outline::Row;
use thread_tui::thread::{Options, Thread, json};

/// A ferry thread: Ines asks, Mallory answers with escape sequences, C1 controls, DEL and a
/// bidi override in name and text, Ines thanks them; Tomas starts a second sub-thread.
const FERRY: &str = concat!(
    r#"{"title":"Ferry timetable","date":null,"article":"The ferry leaves at nine.","comments":["#,
    r#"{"author":"Ines Varga","body":"When does the last one go?","time":"2024-05-01T10:00:00+00:00","missing":false,"children":["#,
    r#"{"author":"Mallory \u001b]0;owned\u0007","body":"Evil \u001b[2J\u001b]52;c;AAAA\u0007 C1 \u009b31m bidi \u202egnp.exe\u202c DEL \u007f end\r\nsecond line","missing":false,"children":["#,
    r#"{"author":"Ines Varga","body":"Thanks.","missing":false,"children":[]}]}]},"#,
    r#"{"author":"Tomas Brek","body":"The timetable is on the pier.","missing":false,"children":[]}]}"#,
    "\n"
);

fn ferry_thread() -> Thread {
    json::parse(FERRY.as_bytes())
        .expect("the fixture parses")
        .remove(0)
}

fn ferry() -> App {
    App::new(ferry_thread(), "ferry.json".into())
}

fn select(app: &mut App, id: usize) {
    app.doc.outline.reveal(&app.doc.thread.clone(), id);
    assert_eq!(app.doc.outline.selected, Row::Comment(id));
}

/// The clipboard's content in the sequence `y` or `Y` asked for, after checking that the
/// sequence is the OSC 52 frame around base64 and nothing else.
fn copied(app: &mut App) -> String {
    let sequence = app.clipboard_request.take().expect("a copy was asked for");
    let payload = sequence
        .strip_prefix("\x1b]52;c;")
        .and_then(|rest| rest.strip_suffix('\x07'))
        .expect("framed as OSC 52");
    assert!(
        payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
        "only base64 inside the frame"
    );
    String::from_utf8(STANDARD.decode(payload).expect("base64")).expect("UTF-8")
}

fn status(app: &mut App, width: u16) -> String {
    let terminal = screen(app, width, 12);
    rows(&terminal).pop().unwrap_or_default()
}

/// Lets the worker finish the file being written.
fn finish_writing(app: &mut App) {
    while app.is_writing() {
        std::thread::sleep(std::time::Duration::from_millis(2));
        app.settle();
    }
}

/// `w`, the name, Enter.
fn write_to(app: &mut App, path: &Path) {
    press(app, "w<C-u>");
    press(app, path.to_str().expect("a UTF-8 temporary path"));
    press(app, "<Enter>");
}

#[test]
fn y_copies_a_hostile_comment_as_base64_of_its_text_without_controls() {
    let mut app = ferry();
    select(&mut app, 1);
    press(&mut app, "y");
    let text = copied(&mut app);
    assert_eq!(
        text,
        "Mallory ]0;owned\n\nEvil [2J]52;c;AAAA C1 31m bidi gnp.exe DEL  end\nsecond line\n"
    );
    assert!(!text.contains(is_left_out));
    // The status line says what went where, the author's name made inert.
    let line = status(&mut app, 120);
    assert!(
        line.contains("Copied 78 B to the clipboard: the comment by Mallory ^[]0;owned^G"),
        "{line}"
    );
}

#[test]
fn y_copies_author_time_and_text_and_shift_y_the_sub_thread_as_markdown() {
    let mut app = ferry();
    select(&mut app, 0);
    press(&mut app, "y");
    assert_eq!(
        copied(&mut app),
        "Ines Varga · 2024-05-01T10:00:00+00:00\n\nWhen does the last one go?\n"
    );
    press(&mut app, "Y");
    let thread = ferry_thread();
    let (markdown, stopped) =
        markdown::comments_to_string(&thread, &Selection::subtree(&thread, 0), usize::MAX);
    assert!(!stopped);
    // The Markdown dump's text, less its bidi controls.
    let expected: String = markdown.chars().filter(|&c| !is_left_out(c)).collect();
    assert!(markdown.contains("bidi \u{202e}gnp.exe\u{202c} DEL"));
    assert!(expected.contains("bidi gnp.exe DEL"));
    assert_eq!(copied(&mut app), expected);
    assert!(expected.starts_with("- **Ines Varga** · 2024-05-01T10:00:00+00:00\n"));
    assert!(expected.contains("  - **Mallory \u{fffd}\\]0;owned\u{fffd}**\n"));
    assert!(expected.contains("    - **Ines Varga**\n\n      Thanks.\n"));
    assert!(!expected.contains("Tomas"));
    let line = status(&mut app, 120);
    let said = format!(
        "Copied {} B to the clipboard: the sub-thread of Ines Varga (3 comments)",
        expected.len()
    );
    assert!(line.contains(&said), "{line}");
}

#[test]
fn on_the_article_row_y_copies_the_article_and_shift_y_the_whole_thread() {
    let mut app = ferry();
    press(&mut app, "y");
    let thread = ferry_thread();
    assert_eq!(
        copied(&mut app),
        format!("{}\n\n{}\n", thread.title(), thread.article().trim_end())
    );
    let line = status(&mut app, 120);
    assert!(line.contains("to the clipboard: the article"), "{line}");
    press(&mut app, "Y");
    let (markdown, stopped) = markdown::document_to_string(&thread, usize::MAX);
    assert!(!stopped);
    let expected: String = markdown.chars().filter(|&c| !is_left_out(c)).collect();
    assert!(
        expected.starts_with(&format!("# {}\n", thread.title())),
        "{expected}"
    );
    assert!(expected.contains("**Tomas Brek**"), "{expected}");
    assert_eq!(copied(&mut app), expected);
    let line = status(&mut app, 120);
    assert!(
        line.contains("to the clipboard: the whole thread (4 comments)"),
        "{line}"
    );
}

#[test]
fn a_missing_comment_copies_nothing_but_its_replies_can_be() {
    let text = r#"{"title":"T","date":null,"article":"A","comments":[{"author":null,"body":"","missing":true,"children":[{"author":"Ada","body":"Under a gap.","missing":false,"children":[]}]}]}"#;
    let thread = json::parse(text.as_bytes()).unwrap().remove(0);
    let mut app = App::new(thread, "gap.json".into());
    press(&mut app, "j");
    press(&mut app, "y");
    assert_eq!(app.clipboard_request, None);
    assert!(app.notice.as_deref().unwrap().contains("missing"));
    // Its replies can still be copied.
    press(&mut app, "Y");
    assert!(copied(&mut app).contains("**Ada**"));
}

#[test]
fn a_copy_longer_than_terminals_take_is_cut_short_and_said() {
    let body = "word ".repeat(120_000);
    let text = format!(
        r#"{{"title":"T","date":null,"article":"A","comments":[{{"author":"Long","body":"{body}","missing":false,"children":[]}}]}}"#
    );
    let thread = json::parse(text.as_bytes()).unwrap().remove(0);
    let mut app = App::new(thread, "long.json".into());
    press(&mut app, "jy");
    let copy = copied(&mut app);
    assert_eq!(copy.len(), MAX_COPY_BYTES);
    assert!(copy.starts_with("Long\n\nword word"));
    let notice = app.notice.clone().unwrap();
    assert_eq!(
        notice,
        "Copied the first 512.0 KB of 585.9 KB to the clipboard: the comment by Long"
    );
}

#[test]
fn a_sub_thread_longer_than_a_copy_is_cut_short_after_whole_comments() {
    // One comment with 3 000 replies of 300 bytes: some 0.9 MB of Markdown.
    let reply = format!(
        r#"{{"author":"Ada","body":"{}","missing":false,"children":[]}}"#,
        "word ".repeat(60)
    );
    let replies = vec![reply; 3000].join(",");
    let text = format!(
        r#"{{"title":"T","date":null,"article":"A","comments":[{{"author":"Root","body":"Top.","missing":false,"children":[{replies}]}}]}}"#
    );
    let thread = json::parse(text.as_bytes()).unwrap().remove(0);
    let mut app = App::new(thread, "wide.json".into());
    press(&mut app, "jY");
    let copy = copied(&mut app);
    assert!(copy.len() <= MAX_COPY_BYTES, "{}", copy.len());
    assert!(copy.len() > MAX_COPY_BYTES - 1000, "{}", copy.len());
    assert!(copy.starts_with("- **Root**\n\n  Top.\n"));
    // The last reply carried is whole.
    let last = copy.rsplit("\n\n  - ").next().unwrap();
    assert_eq!(
        last,
        format!("**Ada**\n\n    {}\n", "word ".repeat(60).trim_end())
    );
    assert_eq!(
        app.notice.as_deref(),
        Some("Copied the first 511.8 KB to the clipboard: the sub-thread of Root (3,001 comments)")
    );
}

#[test]
fn w_writes_the_sub_thread_as_markdown_or_json_by_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = ferry();
    select(&mut app, 0);
    let md = dir.path().join("ines.md");
    write_to(&mut app, &md);
    assert_eq!(app.mode, Mode::Normal);
    finish_writing(&mut app);
    insta::assert_snapshot!("ines_sub_thread_md", fs::read_to_string(&md).unwrap());
    // The size and the path, from the root, its end kept when it is long.
    let notice = app.notice.clone().unwrap();
    let size = fs::metadata(&md).unwrap().len();
    assert!(
        notice.starts_with(&format!("Wrote {size} B to ")),
        "{notice}"
    );
    assert!(
        notice.ends_with("/ines.md: the sub-thread of Ines Varga (3 comments)"),
        "{notice}"
    );
    // The same as JSON, any case of the extension: read back, the three comments nested.
    let json_path = dir.path().join("ines.JSON");
    write_to(&mut app, &json_path);
    finish_writing(&mut app);
    let written = json::parse(&fs::read(&json_path).unwrap())
        .unwrap()
        .remove(0);
    assert_eq!(written.title(), "Ferry timetable");
    assert_eq!(written.len(), 3);
    assert_eq!(
        (0..3)
            .map(|id| (written.author(id), written.parent(id)))
            .collect::<Vec<_>>(),
        [
            (Some("Ines Varga"), None),
            (Some("Mallory \u{1b}]0;owned\u{7}"), Some(0)),
            (Some("Ines Varga"), Some(1)),
        ]
    );
    // JSON keeps the text as it was written.
    assert_eq!(written.body(1), ferry_thread().body(1));
}

#[test]
fn w_writes_the_filtered_view_when_a_filter_is_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = ferry();
    press(&mut app, "/mall<Enter>f");
    assert!(app.doc.outline.filter().is_some());
    let path = dir.path().join("view.jsonl");
    write_to(&mut app, &path);
    finish_writing(&mut app);
    // Mallory's comment with its ancestor, nothing of Tomas or the thanks.
    let written = json::parse(&fs::read(&path).unwrap()).unwrap().remove(0);
    assert_eq!(written.len(), 2);
    assert_eq!(written.author(0), Some("Ines Varga"));
    assert_eq!(written.parent(1), Some(0));
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .ends_with("the filtered view (2 comments)")
    );
    let md = dir.path().join("view.markdown");
    write_to(&mut app, &md);
    finish_writing(&mut app);
    let text = fs::read_to_string(&md).unwrap();
    assert!(text.contains("## Comments (2 of 4)\n"), "{text}");
    assert!(!text.contains("Tomas") && !text.contains("Thanks"));
}

#[test]
fn the_article_row_writes_the_whole_thread() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = ferry();
    let path = dir.path().join("all.json");
    press(&mut app, "w");
    let line = status(&mut app, 100);
    assert!(
        line.contains(" write the whole thread (4 comments) to: "),
        "{line}"
    );
    press(&mut app, "<Esc>");
    write_to(&mut app, &path);
    finish_writing(&mut app);
    let written = json::parse(&fs::read(&path).unwrap()).unwrap().remove(0);
    assert_eq!(written.len(), 4);
}

#[test]
fn an_existing_file_is_overwritten_only_after_y() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    fs::write(&path, "keep me\n").unwrap();
    let mut app = ferry();
    select(&mut app, 3);
    write_to(&mut app, &path);
    assert_eq!(app.mode, Mode::WriteFile);
    assert!(app.file_prompt.is_confirming());
    assert!(!app.is_writing());
    assert_eq!(fs::read_to_string(&path).unwrap(), "keep me\n");
    // Keys other than y and n answer nothing.
    press(&mut app, "x<Enter>");
    assert!(app.file_prompt.is_confirming());
    // n keeps the file and goes back to the name, to choose another.
    press(&mut app, "n");
    assert_eq!(app.mode, Mode::WriteFile);
    assert!(!app.file_prompt.is_confirming());
    assert_eq!(fs::read_to_string(&path).unwrap(), "keep me\n");
    assert!(app.notice.as_deref().unwrap().starts_with("Kept "));
    // Asked again; y writes over it.
    press(&mut app, "<Enter>");
    assert!(app.file_prompt.is_confirming());
    press(&mut app, "y");
    assert_eq!(app.mode, Mode::Normal);
    finish_writing(&mut app);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# Ferry timetable\n"), "{text}");
    assert!(text.contains("**Tomas Brek**") && !text.contains("keep me"));
    // Esc to the question keeps the file too.
    fs::write(&path, "keep me\n").unwrap();
    write_to(&mut app, &path);
    press(&mut app, "<Esc>");
    assert_eq!(fs::read_to_string(&path).unwrap(), "keep me\n");
    press(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn the_prompt_and_the_question_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = ferry();
    select(&mut app, 1);
    press(&mut app, "w");
    // A typed name keeps no control character, and shows as text for the screen: the bidi
    // override does not turn it around.
    for c in "evil\u{1b}]0;x\u{7}\u{202e}dm.md".chars() {
        app.on_key(KeyEvent::from(KeyCode::Char(c)));
    }
    assert_eq!(app.file_prompt.name, "evil]0;x\u{202e}dm.md");
    insta::assert_snapshot!("file_prompt", screen(&mut app, 100, 8).backend());
    let path = dir.path().join("exists.md");
    fs::write(&path, "old\n").unwrap();
    press(&mut app, "<C-u>");
    press(&mut app, path.to_str().unwrap());
    press(&mut app, "<Enter>");
    assert!(app.file_prompt.is_confirming());
    let line = rows(&screen(&mut app, 100, 8)).pop().unwrap();
    assert!(
        line.trim_end()
            .ends_with("/exists.md exists: overwrite? (y/n)"),
        "{line}"
    );
    // The temporary folder's name changes from run to run: the snapshot shows the question
    // for the file's name alone.
    app.file_prompt.name = "exists.md".into();
    insta::assert_snapshot!("file_prompt_overwrite", screen(&mut app, 100, 8).backend());
}

#[test]
fn a_folder_a_pipe_a_missing_folder_and_a_file_on_the_way_are_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = ferry();
    select(&mut app, 0);
    let folder = dir.path().join("folder.md");
    fs::create_dir(&folder).unwrap();
    write_to(&mut app, &folder);
    assert_eq!(app.mode, Mode::WriteFile);
    assert!(!app.file_prompt.is_confirming());
    assert_eq!(
        app.notice.as_deref(),
        Some(format!("A folder, not a file: {}", folder.display()).as_str())
    );
    assert!(folder.is_dir());
    press(&mut app, "<Esc>");
    write_to(&mut app, &dir.path().join("nowhere/x.md"));
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .starts_with("Cannot write (no such folder): ")
    );
    let file = dir.path().join("plain.txt");
    fs::write(&file, "text\n").unwrap();
    press(&mut app, "<Esc>");
    write_to(&mut app, &file.join("x.md"));
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .starts_with("Cannot write (a part of the path is not a folder): ")
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "text\n");
    // A named pipe is not asked about: opening it to write would wait for a reader.
    let pipe = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    press(&mut app, "<Esc>");
    write_to(&mut app, &pipe);
    assert!(!app.file_prompt.is_confirming());
    assert_eq!(
        app.notice.as_deref(),
        Some(format!("Not a plain file, never written to: {}", pipe.display()).as_str())
    );
    // Nothing was made on the way.
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["folder.md", "pipe.md", "plain.txt"]);
}

#[test]
fn names_without_a_known_extension_are_refused_with_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = ferry();
    press(&mut app, "w<C-u><Enter>");
    assert_eq!(
        app.notice.as_deref(),
        Some("Type a file name ending .md, .markdown, .json or .jsonl")
    );
    write_to(&mut app, &dir.path().join("notes.txt"));
    assert_eq!(app.mode, Mode::WriteFile);
    assert_eq!(
        app.notice.as_deref(),
        Some("Unknown extension: use .md, .markdown, .json or .jsonl")
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn at_80_columns_a_notice_shows_whole_beside_a_long_name() {
    let mut app = ferry();
    press(&mut app, "w<C-u>");
    press(
        &mut app,
        "/home/someone/with/a/rather/long/path/to/their/notes/ferry-notes.txt<Enter>",
    );
    let line = status(&mut app, 80);
    assert!(
        line.contains("Unknown extension: use .md, .markdown, .json or .jsonl"),
        "{line}"
    );
    // The name's end, where the cursor is.
    assert!(line.starts_with(" file: …"), "{line}");
    assert!(line.contains("notes.txt │ "), "{line}");
}

#[test]
fn the_thread_s_own_file_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("ferry.json");
    fs::write(&source, FERRY).unwrap();
    let mut app = ferry();
    app.doc.source = Some(source.clone());
    select(&mut app, 0);
    // Through another spelling of the same file, too.
    let other = dir.path().join(".").join("ferry.json");
    write_to(&mut app, &other);
    assert!(!app.file_prompt.is_confirming());
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .starts_with("The thread's own file, never written over: ")
    );
    assert_eq!(fs::read_to_string(&source).unwrap(), FERRY);
    // Nor through a hard link to it, after the question.
    let link = dir.path().join("link.json");
    fs::hard_link(&source, &link).unwrap();
    press(&mut app, "<Esc>");
    write_to(&mut app, &link);
    assert!(!app.file_prompt.is_confirming());
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("never written over")
    );
    assert_eq!(fs::read_to_string(&source).unwrap(), FERRY);
}

#[test]
fn a_paste_types_the_name_without_its_line_break_and_esc_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pasted.md");
    let mut app = ferry();
    press(&mut app, "w");
    app.on_paste(&format!("{}\n", path.display()));
    assert_eq!(app.file_prompt.name, path.display().to_string());
    press(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);
    assert!(!path.exists());
    // The name is kept for the next time, cursor at its end: Enter writes it.
    press(&mut app, "w<Enter>");
    finish_writing(&mut app);
    assert!(path.exists());
}

#[test]
fn in_a_library_y_copies_a_result_row_and_the_keys_act_on_the_open_thread() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("ferry.json");
    fs::write(&source, FERRY).unwrap();
    let library = loader::load_blocking(vec![dir.path().to_path_buf()], Options::default(), |_| {});
    let mut app = App::with_library(Shelf::new(library, None));
    // The list: nothing to copy or write.
    press(&mut app, "yw");
    assert_eq!(app.clipboard_request, None);
    assert_eq!(app.view, View::List);
    // A commenter's comments: y copies the one under the cursor.
    press(&mut app, "@tomas<Enter>");
    assert_eq!(app.view, View::Results);
    press(&mut app, "y");
    assert_eq!(
        copied(&mut app),
        "Tomas Brek\n\nThe timetable is on the pier.\n"
    );
    // In the thread opened from there, w knows the thread's file and will not write over it.
    press(&mut app, "<Enter>");
    assert_eq!(app.view, View::Thread);
    write_to(&mut app, &source);
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("never written over")
    );
    assert_eq!(fs::read_to_string(&source).unwrap(), FERRY);
    press(&mut app, "<Esc>Y");
    assert!(copied(&mut app).starts_with("- **Tomas Brek**\n"));
}
