//! `thread-tui export --sqlite`: the real binary writes the database, rusqlite reads it back.

use rusqlite::Connection;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn export(db: &Path, paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thread-tui"))
        .arg("export")
        .arg("--sqlite")
        .arg(db)
        .args(paths)
        .output()
        .expect("run thread-tui")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn ok(output: Output) -> String {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stderr(&output)
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |row| row.get(0)).expect(sql)
}

/// Two small threads in text files of their own, to re-export and replace.
fn small_files(dir: &Path) -> (PathBuf, PathBuf) {
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    fs::write(
        &a,
        "Harbour news\n\nThe board met.\n\n  1. Maren Ostby says:\n    Lights on until midnight.\n\n    \
         1. Ari Lund says:\n      Good for the harbour.\n",
    )
    .unwrap();
    fs::write(
        &b,
        "Other news\n\nNothing.\n\n  1. Zoë Quist says:\n    First!\n",
    )
    .unwrap();
    (a, b)
}

#[test]
fn tables_hold_every_thread_and_comment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let belarus = fixture("data/losing-battle-for-belarus.txt");
    let details = fixture("tests/fixtures/dumps/two-threads.jsonl");
    let message = ok(export(&db, &[&belarus, &details]));
    assert_eq!(
        message,
        format!(
            "thread-tui: {}: 3 threads, 157 comments from 2 files\n",
            db.display()
        )
    );
    let conn = Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM threads"), 3);
    assert_eq!(count(&conn, "SELECT sum(comments) FROM threads"), 157);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM comments WHERE NOT missing"),
        157
    );
    // The file as an absolute path, threads by their place in it.
    let (file, place, title): (String, i64, String) = conn
        .query_row(
            "SELECT file, place, title FROM threads WHERE title = 'Second thread'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(Path::new(&file), fs::canonicalize(&details).unwrap());
    assert_eq!((place, title.as_str()), (2, "Second thread"));

    // A parent join: who answered whom, as in the file.
    let mut replies = conn
        .prepare(
            "SELECT c.source_id, p.source_id, p.author FROM comments c
             JOIN comments p ON p.id = c.parent_id
             JOIN threads t ON t.id = c.thread_id
             WHERE t.title LIKE 'Harbour%' ORDER BY c.position",
        )
        .unwrap();
    let pairs: Vec<(Option<String>, Option<String>, Option<String>)> = replies
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        pairs,
        [
            (
                Some("c2".into()),
                Some("c1".into()),
                Some("Maren Ostby".into())
            ),
            (
                Some("c3".into()),
                Some("c2".into()),
                Some("Jonas Ødegård".into())
            ),
            (Some("c4".into()), None, None),
        ]
    );
    // Details kept as the source gave them; text as it was, controls included (it is data).
    let (time, score, status, body): (String, i64, String, String) = conn
        .query_row(
            "SELECT c.time, c.score, s.status, s.body FROM comments c, comments s
             WHERE c.source_id = 'c1' AND s.source_id = 'c3'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!((time.as_str(), score), ("2024-03-01T09:15:00+01:00", 12));
    assert_eq!(status, "pending");
    assert!(body.starts_with("Escape \x1b]0;pwned\x07"));

    // Full-text search, accents folded by the tokenizer.
    let mut search = conn
        .prepare(
            "SELECT c.author FROM comments_fts JOIN comments c ON c.id = comments_fts.rowid
             WHERE comments_fts MATCH ?1 ORDER BY c.id",
        )
        .unwrap();
    let mut found = |query: &str| -> Vec<Option<String>> {
        search
            .query_map([query], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        found("harbour"),
        [Some("Zoë Quist".into()), None, Some("Zoe Quist".into())]
    );
    assert_eq!(found("creme"), [Some("Ari Lund".into())]);
    assert_eq!(
        found("sanctions").len() as i64,
        count(
            &conn,
            "SELECT count(*) FROM comments WHERE body LIKE '%sanctions%'"
        )
    );
    assert!(!found("sanctions").is_empty());

    // Commenters across threads.
    let (comments, threads, first): (i64, i64, Option<String>) = conn
        .query_row(
            "SELECT comments, threads, first_time FROM commenters WHERE name = 'Maren Ostby'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (comments, threads, first.as_deref()),
        (2, 1, Some("2024-03-01T09:15:00+01:00"))
    );
    assert_eq!(
        count(
            &conn,
            "SELECT comments FROM commenters WHERE name = 'occupybacon'"
        ),
        count(
            &conn,
            "SELECT count(*) FROM comments WHERE author = 'occupybacon'"
        )
    );
}

#[test]
fn re_running_replaces_the_threads_of_those_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let (a, b) = small_files(dir.path());
    ok(export(&db, &[&a, &b]));
    // The file changed: one more comment. Re-export it by another spelling of its path.
    fs::write(
        &a,
        "Harbour news\n\nThe board met.\n\n  1. Maren Ostby says:\n    Lights on until midnight.\n\n  \
         2. Ari Lund says:\n    Two comments now.\n\n  3. Ari Lund says:\n    Three.\n",
    )
    .unwrap();
    let again = dir.path().join(".").join("a.txt");
    let message = ok(export(&db, &[&again]));
    assert!(
        message.contains("1 thread (1 replaced), 3 comments from 1 file"),
        "{message}"
    );
    let conn = Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "SELECT count(*) FROM threads"), 2);
    assert_eq!(count(&conn, "SELECT count(*) FROM comments"), 4);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM comments_fts WHERE comments_fts MATCH 'harbour'"
        ),
        0,
        "the replaced comments left the full-text index too"
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM comments_fts WHERE comments_fts MATCH 'three'"
        ),
        1
    );
    assert_eq!(
        count(
            &conn,
            "SELECT comments FROM commenters WHERE name = 'Ari Lund'"
        ),
        2
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM commenters WHERE name = 'Zoë Quist'"
        ),
        1,
        "b.txt stays"
    );
    // Another tool's edits keep the index in step (the triggers are back after the run).
    conn.execute(
        "UPDATE comments SET body = 'lighthouse' WHERE body = 'Three.'",
        [],
    )
    .unwrap();
    conn.execute("DELETE FROM comments WHERE body = 'First!'", [])
        .unwrap();
    let matches = |word: &str| {
        count(
            &conn,
            &format!("SELECT count(*) FROM comments_fts WHERE comments_fts MATCH '{word}'"),
        )
    };
    assert_eq!(
        (matches("lighthouse"), matches("three"), matches("first")),
        (1, 0, 0)
    );
    conn.execute_batch("INSERT INTO comments_fts(comments_fts) VALUES ('integrity-check')")
        .unwrap();
}

#[test]
fn a_failed_run_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let (a, b) = small_files(dir.path());
    ok(export(&db, &[&a]));
    let before = fs::read(&db).unwrap();
    // b loads and is written, then a missing file fails the run: nothing of b is kept.
    let missing = dir.path().join("gone.txt");
    let output = export(&db, &[&b, &missing]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!("thread-tui: {}: no such file\n", missing.display())
    );
    assert_eq!(fs::read(&db).unwrap(), before);
    // A file named that is not a thread fails the run too.
    let binary = dir.path().join("binary.txt");
    fs::write(&binary, b"\0\0").unwrap();
    let output = export(&db, &[&b, &binary]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not a text file"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read(&db).unwrap(), before);
    fs::remove_file(&binary).unwrap();
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("journal") || n.ends_with(".tmp")),
        "{names:?}"
    );
}

#[test]
fn a_failed_first_run_leaves_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let (a, _) = small_files(dir.path());
    let output = export(&db, &[&a, &dir.path().join("gone.txt")]);
    assert_eq!(output.status.code(), Some(1));
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["a.txt", "b.txt"]);
}

#[test]
fn a_folder_is_exported_as_the_library_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    small_files(dir.path());
    fs::write(dir.path().join("binary.txt"), b"\0\0").unwrap();
    fs::write(dir.path().join(".hidden.txt"), b"not read").unwrap();
    let db = dir.path().join("out").join("library.db");
    fs::create_dir(dir.path().join("out")).unwrap();
    let output = export(&db, &[dir.path()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let errors = stderr(&output);
    assert!(
        errors.contains("binary.txt: skipped: not a text file"),
        "{errors}"
    );
    assert!(!errors.contains(".hidden"), "{errors}");
    let conn = Connection::open(&db).unwrap();
    let threads: i64 = conn
        .query_row("SELECT count(*) FROM threads", [], |row| row.get(0))
        .unwrap();
    assert_eq!(threads, 2);
}

#[test]
fn files_that_are_not_thread_tui_databases_are_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = small_files(dir.path());
    let notes = dir.path().join("notes.db");
    fs::write(&notes, "my notes, not a database\n").unwrap();
    let other = dir.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE threads (x); INSERT INTO threads VALUES (1);")
        .unwrap();
    for (db, why) in [
        (&notes, "not a SQLite database"),
        (&other, "a SQLite database, but not one thread-tui made"),
    ] {
        let before = fs::read(db).unwrap();
        let output = export(db, &[&a]);
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(
            stderr(&output),
            format!(
                "thread-tui: {}: {why}; thread-tui writes only to its own databases, so it \
                 was left as it is\n",
                db.display()
            )
        );
        assert_eq!(fs::read(db).unwrap(), before);
    }
    let output = export(dir.path(), &[&a]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("not a regular file"));
}

#[test]
fn export_takes_its_arguments_after_the_word_export() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = small_files(dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_thread-tui"))
        .args(["--dump", "csv", "export", "--sqlite"])
        .arg(dir.path().join("x.db"))
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("give them after it"));
    assert!(!dir.path().join("x.db").exists());
}
