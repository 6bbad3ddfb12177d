//! A library: a folder of mixed files (threads of several formats, a file of several threads,
//! files that are not threads, a hidden file, a link loop), its list, the commenter search
//! across it, the jump into a thread at the right comment and back, and what pipes receive.

mod common;

use common::keys::{press, rows, screen};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use thread_tui::app::{App, Shelf, View};
use thread_tui::library::{FileState, Library, loader};
use thread_tui::outline::Row;
use thread_tui::thread::Options;

const NUMBERED: &str = "MAY 2021\n\nOn the river\n\nThe article about a river.\n\n  1. Zoë Ångström says:\n\n    The water is high.\n\n    2. Bob Stone says:\n\n      Higher than last year.\n\n  2. Carl Fisher says:\n\n    Boats are out.\n";

const FLAT: &str = "A quiet flat page\n\nIts article.\n\n\nBob Stone\n\nI read it twice.\n\n\nDora Lake\n\nNothing to add.\n";

/// Two threads as JSON Lines, as `--dump json` writes a file of several threads.
const JSON_LINES: &str = concat!(
    r#"{"title":"Harbour news","date":null,"article":"Ships.","comments":[{"author":"zoe","body":"First!","missing":false,"children":[{"author":"Bob Stone","body":"Second.","missing":false,"children":[]}]}]}"#,
    "\n",
    r#"{"title":"Bridge works","date":null,"article":"Closed.","comments":[{"author":"Eve","body":"Finally.","missing":false,"children":[]}]}"#,
    "\n"
);

/// A folder with every kind of file a collection holds, named so the order is known.
fn folder(root: &Path) {
    fs::create_dir_all(root.join("b-more/deeper")).unwrap();
    fs::create_dir_all(root.join(".cache")).unwrap();
    fs::write(root.join("a-river.txt"), NUMBERED).unwrap();
    fs::write(root.join("b-more/deeper/flat.txt"), FLAT).unwrap();
    fs::write(root.join("b-more/two-threads.json"), JSON_LINES).unwrap();
    fs::write(root.join("c-binary.txt"), b"\x00\x01\x02binary").unwrap();
    fs::write(root.join("d-photo.png"), b"\x89PNG").unwrap();
    fs::write(root.join("e-unknown.json"), br#"{"some": "other shape"}"#).unwrap();
    fs::write(root.join("f-empty.txt"), b"").unwrap();
    fs::write(root.join(".hidden.txt"), NUMBERED).unwrap();
    fs::write(root.join(".cache/thread.txt"), NUMBERED).unwrap();
    std::os::unix::fs::symlink(root, root.join("b-more/loop")).unwrap();
}

fn loaded(root: &Path) -> Library {
    loader::load_blocking(vec![root.to_path_buf()], Options::default(), |_| {})
}

#[test]
fn a_folder_gives_every_thread_and_a_reason_for_every_other_file() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let library = loaded(dir.path());
    let files: Vec<(&str, String)> = library
        .files
        .iter()
        .map(|f| {
            let state = match &f.state {
                FileState::Loaded { format, .. } => format!("read as {format}"),
                FileState::Skipped(why) => format!("skipped: {why}"),
                FileState::Failed(why) => format!("failed: {why}"),
                FileState::Waiting => "waiting".into(),
            };
            (f.shown.as_str(), state)
        })
        .collect();
    assert_eq!(
        files,
        [
            ("a-river.txt", "read as numbered".to_string()),
            ("b-more/deeper/flat.txt", "read as flat".into()),
            (
                "b-more/loop",
                "skipped: a link back to a folder above it (a loop): not followed".into()
            ),
            ("b-more/two-threads.json", "read as json".into()),
            (
                "c-binary.txt",
                "skipped: not a text file (it contains NUL bytes)".into()
            ),
            ("d-photo.png", "skipped: not a thread (by its name)".into()),
            (
                "e-unknown.json",
                "skipped: JSON of a shape thread-tui does not read (it reads Reddit comments \
                 page JSON; Hacker News item JSON; thread-tui JSON (what --dump json writes; \
                 JSON Lines for several threads))"
                    .into()
            ),
            ("f-empty.txt", "skipped: empty: no text".into()),
        ]
    );
    let titles: Vec<(String, usize, usize)> = library
        .entries_in_file_order()
        .into_iter()
        .map(|e| {
            let entry = &library.entries[e];
            (
                entry.thread.title().to_string(),
                entry.summary.comments,
                entry.summary.commenters,
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            ("On the river".to_string(), 3, 3),
            ("A quiet flat page".into(), 2, 2),
            ("Harbour news".into(), 2, 2),
            ("Bridge works".into(), 1, 1),
        ]
    );
    let commenters = library.commenters.as_ref().expect("indexed");
    let bob = commenters.exact("Bob Stone").unwrap();
    assert_eq!(commenters.list()[bob].comments, 3);
    assert_eq!(commenters.list()[bob].threads, 3);
}

fn app(root: &Path) -> App {
    App::with_library(Shelf::new(loaded(root), None))
}

#[test]
fn the_list_sorts_filters_and_opens_threads_that_keep_their_place() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let mut app = app(dir.path());
    insta::assert_snapshot!("library_list", screen(&mut app, 120, 16).backend());
    // By comments, most first.
    press(&mut app, "sss");
    let shelf = app.shelf.as_ref().unwrap();
    let first = match shelf.list.rows[0] {
        thread_tui::shelf::ListRow::Thread(e) => {
            shelf.library.entries[e].thread.title().to_string()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(first, "On the river");
    // Filter by title, accent- and case-insensitive, then open the only match.
    press(&mut app, "s/BRIDGE<Enter>");
    let shelf = app.shelf.as_ref().unwrap();
    assert_eq!(shelf.list.rows.len(), 1);
    press(&mut app, "<Enter>");
    assert_eq!(app.view, View::Thread);
    assert_eq!(app.doc.thread.title(), "Bridge works");
    // Its place is kept: select the comment, go back, open another, come back.
    press(&mut app, "j");
    assert_eq!(app.doc.outline.selected, Row::Comment(0));
    press(&mut app, "<BS>");
    assert_eq!(app.view, View::List);
    press(&mut app, "<Esc>gj<Enter>");
    assert_eq!(app.doc.thread.title(), "A quiet flat page");
    press(&mut app, "<BS>/bridge<Enter><Enter>");
    assert_eq!(app.doc.thread.title(), "Bridge works");
    assert_eq!(app.doc.outline.selected, Row::Comment(0));
}

#[test]
fn a_commenter_across_the_library_and_a_jump_to_their_comment() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let mut app = app(dir.path());
    // Part of a name, accent-insensitive: "zoe" finds "Zoë Ångström" and "zoe".
    press(&mut app, "@zoe");
    let text = rows(&screen(&mut app, 100, 14)).join("\n");
    assert!(text.contains("Zoë Ångström"), "{text}");
    assert!(text.contains("Commenter: zoe"), "{text}");
    press(&mut app, "<Enter>");
    assert_eq!(app.view, View::Results);
    insta::assert_snapshot!("library_results_zoe", screen(&mut app, 100, 12).backend());
    // Picking one name exactly.
    press(&mut app, "<Esc>@zoe<Down><Enter>");
    let results = app.shelf.as_ref().unwrap().results.as_ref().unwrap();
    assert!(results.exact);
    assert_eq!(results.comments, 1);
    // Every comment of Bob, grouped by thread in file order; Enter on the second jumps there.
    press(&mut app, "<Esc>@bob stone<Enter>");
    let results = app.shelf.as_ref().unwrap().results.as_ref().unwrap();
    assert_eq!(results.comments, 3);
    press(&mut app, "jj<Enter>");
    assert_eq!(app.view, View::Thread);
    assert_eq!(app.doc.thread.title(), "A quiet flat page");
    let Row::Comment(id) = app.doc.outline.selected else {
        panic!("a comment is selected");
    };
    assert_eq!(app.doc.thread.author(id), Some("Bob Stone"));
    assert_eq!(app.doc.thread.body(id), "I read it twice.");
    // Back returns to the results, where the cursor was.
    press(&mut app, "<BS>");
    assert_eq!(app.view, View::Results);
    // Every commenter, most comments first.
    press(&mut app, "C");
    assert_eq!(app.view, View::Commenters);
    insta::assert_snapshot!("library_commenters", screen(&mut app, 90, 12).backend());
}

#[test]
fn a_name_typed_while_the_library_is_read_is_kept_and_looked_up_once_it_is() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    // Nothing read yet: the loader's events are taken only when the app polls.
    let loading = loader::start(vec![dir.path().to_path_buf()], Options::default());
    let mut app = App::with_library(Shelf::new(Library::default(), Some(loading)));
    // `l` would open a thread from the list: here it is part of the name.
    press(&mut app, "@carl");
    assert_eq!(app.view, View::List);
    let shelf = app.shelf.as_ref().unwrap();
    assert_eq!(shelf.input.as_ref().map(|i| i.text.as_str()), Some("carl"));
    let text = rows(&screen(&mut app, 100, 14)).join("\n");
    assert!(text.contains("Reading the library"), "{text}");
    // Enter before the names are known keeps the prompt and says why.
    press(&mut app, "<Enter>");
    assert!(app.shelf.as_ref().unwrap().input.is_some());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while app.shelf.as_ref().unwrap().library.commenters.is_none() {
        assert!(std::time::Instant::now() < deadline, "the library loads");
        app.shelf.as_mut().unwrap().poll();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let text = rows(&screen(&mut app, 100, 14)).join("\n");
    assert!(text.contains("Carl Fisher"), "{text}");
    press(&mut app, "<Enter>");
    assert_eq!(app.view, View::Results);
    assert_eq!(
        app.shelf
            .as_ref()
            .unwrap()
            .results
            .as_ref()
            .unwrap()
            .comments,
        1
    );
}

#[test]
fn the_list_filling_in_stays_at_the_top_until_the_reader_moves() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let files = thread_tui::library::collect::collect(&[dir.path().to_path_buf()]);
    let mut shelf = Shelf::new(Library::default(), None);
    shelf.library.apply(loader::Event::Found(files.clone()));
    shelf.list.rebuild(&shelf.library);
    // The last file is read first, as a small file at the end of a folder often is.
    let read = |shelf: &mut Shelf, file: usize| {
        let result = thread_tui::thread::load_path(&files[file].path, None);
        let (state, threads) = loader::file_result(result);
        shelf.library.apply(loader::Event::Read {
            file,
            state,
            threads,
        });
        shelf.list.rebuild(&shelf.library);
    };
    let river = files.iter().position(|f| f.shown == "a-river.txt").unwrap();
    let json = files
        .iter()
        .position(|f| f.shown.ends_with("two-threads.json"))
        .unwrap();
    read(&mut shelf, json);
    read(&mut shelf, river);
    // Sorted by file, the river comes first, and the selection is still the first row.
    assert_eq!(shelf.list.cursor.selected, 0);
    let thread_tui::shelf::ListRow::Thread(first) = shelf.list.rows[0] else {
        panic!("a thread first");
    };
    assert_eq!(shelf.library.entries[first].thread.title(), "On the river");
    // Once the reader has moved, the selection follows its row.
    let mut app = App::with_library(shelf);
    press(&mut app, "j");
    let shelf = app.shelf.as_mut().unwrap();
    let chosen = shelf.list.rows[1];
    let flat = files
        .iter()
        .position(|f| f.shown.ends_with("flat.txt"))
        .unwrap();
    let result = thread_tui::thread::load_path(&files[flat].path, None);
    let (state, threads) = loader::file_result(result);
    shelf.library.apply(loader::Event::Read {
        file: flat,
        state,
        threads,
    });
    shelf.list.rebuild(&shelf.library);
    assert_eq!(shelf.list.rows[shelf.list.cursor.selected], chosen);
}

#[test]
fn the_header_counts_in_the_singular_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.json");
    fs::write(&path, JSON_LINES).unwrap();
    let library = loader::load_blocking(vec![path], Options::default(), |_| {});
    let mut app = App::with_library(Shelf::new(library, None));
    let text = rows(&screen(&mut app, 100, 8)).join("\n");
    assert!(
        text.contains("Library: 2 threads in 1 file · by file"),
        "{text}"
    );
}

#[test]
fn a_hostile_file_name_shows_inert_in_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let name = "evil\x1b]0;PWNED\x07\u{202e}txt.txt";
    fs::write(dir.path().join(name), b"\x00binary").unwrap();
    fs::write(dir.path().join("ok.txt"), NUMBERED).unwrap();
    let mut app = app(dir.path());
    let text = rows(&screen(&mut app, 120, 8)).join("\n");
    assert!(text.contains("evil^[]0;PWNED^Gtxt.txt"), "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
}

fn binary(args: &[&str], stdin: Option<&str>) -> (String, String, Option<i32>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_thread-tui"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    let output = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

#[test]
fn a_file_that_vanishes_before_it_is_read_is_a_row_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let files = thread_tui::library::collect::collect(&[dir.path().to_path_buf()]);
    let river = files.iter().position(|f| f.shown == "a-river.txt").unwrap();
    fs::remove_file(&files[river].path).unwrap();
    let (state, threads) =
        loader::file_result(thread_tui::thread::load_path(&files[river].path, None));
    assert!(threads.is_empty());
    match state {
        FileState::Failed(why) => assert_eq!(why, "no such file"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_folder_of_many_empty_files_gives_a_few_lines_of_messages_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        fs::write(dir.path().join(format!("empty-{i:03}.txt")), b"").unwrap();
    }
    fs::write(dir.path().join("zz-river.txt"), NUMBERED).unwrap();
    let (outline, errors, code) =
        binary(&["--dump", "outline", dir.path().to_str().unwrap()], None);
    assert_eq!(code, Some(0), "{errors}");
    assert!(outline.contains("Zoë Ångström"), "{outline}");
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 21, "{errors}");
    assert!(
        lines[0].ends_with("empty-000.txt: skipped: empty: no text"),
        "{errors}"
    );
    assert_eq!(
        lines[20],
        "thread-tui: and 280 more: 280 skipped, 0 unreadable, 0 notes (the reader's library list \
         has a row for each file)"
    );
}

#[test]
fn pipes_receive_every_thread_of_a_folder_and_of_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let root = dir.path().to_str().unwrap();
    let (json, errors, code) = binary(&["--dump", "json", root], None);
    assert_eq!(code, Some(0), "{errors}");
    // JSON Lines, one thread per line, in file order.
    let titles: Vec<&str> = json
        .lines()
        .map(|line| {
            let start = line.find(r#""title":""#).unwrap() + 9;
            &line[start..start + line[start..].find('"').unwrap()]
        })
        .collect();
    assert_eq!(
        titles,
        [
            "On the river",
            "A quiet flat page",
            "Harbour news",
            "Bridge works"
        ]
    );
    // What was not read is said, one line each.
    assert!(
        errors.contains("c-binary.txt: skipped: not a text file"),
        "{errors}"
    );
    assert!(
        errors.contains("d-photo.png: skipped: not a thread (by its name)"),
        "{errors}"
    );
    // The JSON Lines read back as a library of their own.
    let elsewhere = tempfile::tempdir().unwrap();
    let again = elsewhere.path().join("again.jsonl");
    fs::write(&again, &json).unwrap();
    let (json_again, _, code) = binary(&["--dump", "json", again.to_str().unwrap()], None);
    assert_eq!(code, Some(0));
    assert_eq!(json_again, json);
    // Several files named one by one, and standard input.
    let a = dir.path().join("a-river.txt");
    let flat = dir.path().join("b-more/deeper/flat.txt");
    let (outline, _, code) = binary(
        &[
            "--dump",
            "outline",
            a.to_str().unwrap(),
            flat.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, Some(0));
    // A heading line per thread, naming its file, then its comments.
    let a_shown = a.to_str().unwrap();
    let flat_shown = flat.to_str().unwrap();
    assert_eq!(
        outline
            .lines()
            .filter(|l| l.starts_with('▣'))
            .collect::<Vec<_>>(),
        [
            format!("▣ {a_shown} · On the river"),
            format!("▣ {flat_shown} · A quiet flat page")
        ]
    );
    assert_eq!(outline.lines().count(), 7);
    // Every comment of one commenter across the library: one line each, with its file
    // (and its thread when the file holds several) and its position.
    let (matches, _, code) = binary(&["--dump", "outline", "--author", "bob stone", root], None);
    assert_eq!(code, Some(0));
    let two = dir.path().join("b-more/two-threads.json");
    assert_eq!(
        matches.lines().collect::<Vec<_>>(),
        [
            format!("{a_shown} #2 Bob Stone: Higher than last year."),
            format!("{flat_shown} #1 Bob Stone: I read it twice."),
            format!("{} thread 1 #2 Bob Stone: Second.", two.display()),
        ]
    );
    let (outline, _, code) = binary(&["--dump", "outline", "-"], Some(NUMBERED));
    assert_eq!(code, Some(0));
    assert!(
        outline.starts_with("├─ Zoë Ångström: The water is high."),
        "{outline}"
    );
    let (_, errors, code) = binary(&["--dump", "outline", "-", root], None);
    assert_eq!(code, Some(1));
    assert!(
        errors.contains("standard input (-) is read on its own"),
        "{errors}"
    );
}

#[test]
fn a_thread_opened_from_the_list_says_what_its_file_left_out() {
    // A file cut short after its article: what it says about the cut is what the status line
    // shows, not only that there are no comments.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a-cut.json"),
        r#"{"title":"Cut short","date":null,"article":"An article.","comments":["#,
    )
    .unwrap();
    fs::write(dir.path().join("b-river.txt"), NUMBERED).unwrap();
    let mut app = app(dir.path());
    let header = rows(&screen(&mut app, 120, 16)).remove(0);
    assert!(
        header.contains("Library: 2 threads in 2 files (1 with a note, shown when opened)"),
        "{header}"
    );
    press(&mut app, "/cut<Enter><Enter>");
    assert_eq!(app.doc.thread.title(), "Cut short");
    let status = rows(&screen(&mut app, 120, 16)).pop().unwrap();
    assert!(status.contains("the JSON"), "{status}");
}
