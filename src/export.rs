//! `thread-tui export --sqlite OUT.db PATH...`: threads into a SQLite database for Datasette,
//! sqlite-utils, DuckDB or any SQLite client, with a full-text index (FTS5) on the comments.
//!
//! Safe to re-run: the threads of each file given replace those the database holds for that
//! file, others stay. A run that fails changes nothing: a new database is written to a
//! temporary file renamed into place at the end, an existing one is changed in one
//! transaction. A file that is not a thread-tui database is never touched.

use crate::thread::{LoadError, Loaded, Thread};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// `PRAGMA application_id` of a thread-tui database ("ttui"): how an existing file is known
/// to be ours.
pub const APPLICATION_ID: i32 = 0x7474_7569;
/// `PRAGMA user_version`: the schema below.
pub const SCHEMA_VERSION: i32 = 1;

const SCHEMA: &str = r#"
CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    place INTEGER NOT NULL,
    format TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    author TEXT,
    time TEXT,
    url TEXT,
    source_id TEXT,
    score INTEGER,
    article TEXT NOT NULL,
    comments INTEGER NOT NULL,
    more_comments INTEGER NOT NULL
);
CREATE UNIQUE INDEX threads_file_place ON threads(file, place);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    thread_id INTEGER NOT NULL REFERENCES threads(id),
    parent_id INTEGER REFERENCES comments(id),
    position INTEGER NOT NULL,
    depth INTEGER NOT NULL,
    source_id TEXT,
    author TEXT,
    time TEXT,
    body TEXT NOT NULL,
    missing INTEGER NOT NULL,
    status TEXT NOT NULL,
    score INTEGER,
    url TEXT,
    more_replies INTEGER NOT NULL
);
CREATE INDEX comments_thread ON comments(thread_id, position);
CREATE INDEX comments_author ON comments(author);
CREATE INDEX comments_parent ON comments(parent_id);
CREATE TABLE commenters (
    name TEXT PRIMARY KEY,
    comments INTEGER NOT NULL,
    threads INTEGER NOT NULL,
    first_time TEXT,
    last_time TEXT
);
CREATE VIRTUAL TABLE comments_fts USING fts5(body, content=[comments], tokenize='unicode61 remove_diacritics 2');
-- A 64 MiB in-memory index before each flush (1 MiB by default): fewer, larger segments to
-- merge, which made writing the index about three times faster.
INSERT INTO comments_fts(comments_fts, rank) VALUES ('hashsize', 67108864);
"#;

/// Keep the full-text index in step when another tool (sqlite-utils, Datasette plugins)
/// changes `comments`. A run drops them while it writes and indexes in bulk (FTS5 flushes
/// its in-memory index at each statement, so a trigger per row wrote thousands of tiny
/// segments to merge), then creates them again, in the same transaction.
const TRIGGERS: &str = r#"
CREATE TRIGGER comments_ai AFTER INSERT ON comments BEGIN
    INSERT INTO comments_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER comments_ad AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts(comments_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER comments_au AFTER UPDATE ON comments BEGIN
    INSERT INTO comments_fts(comments_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO comments_fts(rowid, body) VALUES (new.id, new.body);
END;
"#;

const DROP_TRIGGERS: &str = "DROP TRIGGER comments_ai; DROP TRIGGER comments_ad; \
                             DROP TRIGGER comments_au;";

/// 64 MiB of page cache (2 MiB by default): the indexes of a large export stay in memory.
const CACHE: &str = "PRAGMA cache_size = -65536;";

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {why}; thread-tui writes only to its own databases, so it was left as it is")]
    NotOurs { path: PathBuf, why: String },
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// What a run wrote.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub threads: usize,
    pub comments: usize,
    /// Threads the database held for these files before, now replaced.
    pub replaced: usize,
}

/// Writes every input into the database at `db`, creating it if there is none. `on_loaded`
/// sees each file as it is loaded (to report its notes). Any error (an input that does not
/// load, a write that fails) leaves the database as it was.
pub fn export_sqlite(
    db: &Path,
    inputs: impl IntoIterator<Item = Result<(PathBuf, Loaded), LoadError>>,
    mut on_loaded: impl FnMut(&Path, &Loaded),
) -> Result<Summary, ExportError> {
    let sqlite = |source| ExportError::Sqlite {
        path: db.to_path_buf(),
        source,
    };
    if is_existing_database(db)? {
        let mut conn =
            Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(sqlite)?;
        check_ours(&conn, db)?;
        conn.execute_batch(CACHE).map_err(sqlite)?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        let summary = write_inputs(&tx, db, inputs, &mut on_loaded)?;
        // Dropping the transaction on an error above rolls it back.
        tx.commit().map_err(sqlite)?;
        return Ok(summary);
    }
    let temp = TempFile::create_beside(db)?;
    let mut conn = Connection::open(&temp.path).map_err(sqlite)?;
    // No journal and no syncing while a new database is written: until the rename, nobody
    // else sees the file, and a failed run deletes it. It is synced once, before the rename.
    conn.execute_batch(CACHE).map_err(sqlite)?;
    conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        .map_err(sqlite)?;
    let tx = conn.transaction().map_err(sqlite)?;
    tx.execute_batch(SCHEMA).map_err(sqlite)?;
    tx.execute_batch(TRIGGERS).map_err(sqlite)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(sqlite)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)
        .map_err(sqlite)?;
    let summary = write_inputs(&tx, db, inputs, &mut on_loaded)?;
    tx.commit().map_err(sqlite)?;
    conn.close().map_err(|(_, err)| sqlite(err))?;
    temp.rename_to(db)?;
    Ok(summary)
}

/// Whether `db` is an existing file to add to: absent (or empty) means a new database; a
/// file that is not a SQLite database of ours is refused before SQLite opens it.
fn is_existing_database(db: &Path) -> Result<bool, ExportError> {
    let refuse = |why: &str| ExportError::NotOurs {
        path: db.to_path_buf(),
        why: why.to_string(),
    };
    let meta = match fs::metadata(db) {
        Ok(meta) => meta,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(source) => {
            return Err(ExportError::Io {
                path: db.to_path_buf(),
                source,
            });
        }
    };
    if !meta.is_file() {
        return Err(refuse("not a regular file"));
    }
    if meta.len() == 0 {
        return Ok(false);
    }
    // The 100-byte SQLite header: the magic string, then the application id at offset 68.
    let mut header = [0u8; 100];
    let read = File::open(db).and_then(|mut f| f.read_exact(&mut header));
    if read.is_err() || !header.starts_with(b"SQLite format 3\0") {
        return Err(refuse("not a SQLite database"));
    }
    let id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if id != APPLICATION_ID {
        return Err(refuse("a SQLite database, but not one thread-tui made"));
    }
    Ok(true)
}

/// The database says it is ours, in a schema this version writes.
fn check_ours(conn: &Connection, db: &Path) -> Result<(), ExportError> {
    let pragma = |name: &str| conn.pragma_query_value(None, name, |row| row.get::<_, i32>(0));
    let refuse = |why: String| ExportError::NotOurs {
        path: db.to_path_buf(),
        why,
    };
    match (pragma("application_id"), pragma("user_version")) {
        (Ok(APPLICATION_ID), Ok(SCHEMA_VERSION)) => Ok(()),
        (Ok(APPLICATION_ID), Ok(version)) => Err(refuse(format!(
            "a thread-tui database of schema {version}, and this version writes schema {SCHEMA_VERSION}"
        ))),
        (Ok(_), Ok(_)) => Err(refuse(
            "a SQLite database, but not one thread-tui made".into(),
        )),
        (Err(err), _) | (_, Err(err)) => Err(refuse(format!("cannot be read as SQLite ({err})"))),
    }
}

fn write_inputs(
    tx: &Transaction,
    db: &Path,
    inputs: impl IntoIterator<Item = Result<(PathBuf, Loaded), LoadError>>,
    on_loaded: &mut impl FnMut(&Path, &Loaded),
) -> Result<Summary, ExportError> {
    let sqlite = |source| ExportError::Sqlite {
        path: db.to_path_buf(),
        source,
    };
    let mut summary = Summary::default();
    // Every comment written by this run gets an id from here on; the ones it replaces are
    // below.
    let first_new: i64 = tx
        .query_row("SELECT coalesce(max(id), 0) + 1 FROM comments", [], |row| {
            row.get(0)
        })
        .map_err(sqlite)?;
    let mut next_comment = first_new;
    tx.execute_batch(DROP_TRIGGERS).map_err(sqlite)?;
    for input in inputs {
        let (path, loaded) = input?;
        on_loaded(&path, &loaded);
        let file = file_key(&path);
        tx.execute(
            "INSERT INTO comments_fts(comments_fts, rowid, body)
                 SELECT 'delete', id, body FROM comments
                 WHERE thread_id IN (SELECT id FROM threads WHERE file = ?1)",
            [&file],
        )
        .and_then(|_| {
            tx.execute(
                "DELETE FROM comments WHERE thread_id IN (SELECT id FROM threads WHERE file = ?1)",
                [&file],
            )
        })
        .map_err(sqlite)?;
        summary.replaced += tx
            .execute("DELETE FROM threads WHERE file = ?1", [&file])
            .map_err(sqlite)?;
        for (index, thread) in loaded.threads.iter().enumerate() {
            let thread_id = insert_thread(tx, &file, index + 1, loaded.format.spec().name, thread)
                .map_err(sqlite)?;
            insert_comments(tx, thread_id, next_comment, thread).map_err(sqlite)?;
            next_comment += thread.len() as i64;
            summary.threads += 1;
            summary.comments += thread.comment_count();
        }
        summary.files += 1;
    }
    tx.execute(
        "INSERT INTO comments_fts(rowid, body) SELECT id, body FROM comments WHERE id >= ?1",
        [first_new],
    )
    .map_err(sqlite)?;
    tx.execute_batch(TRIGGERS).map_err(sqlite)?;
    tx.execute_batch(
        "DELETE FROM commenters;
         INSERT INTO commenters (name, comments, threads, first_time, last_time)
             SELECT author, count(*), count(DISTINCT thread_id), min(time), max(time)
             FROM comments WHERE author IS NOT NULL AND NOT missing GROUP BY author;",
    )
    .map_err(sqlite)?;
    Ok(summary)
}

/// How a file is named in the database: its absolute path with links resolved, so that
/// `a.txt` and `./a.txt` are the same file on a re-run.
fn file_key(path: &Path) -> String {
    fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

fn insert_thread(
    tx: &Transaction,
    file: &str,
    place: usize,
    format: &str,
    thread: &Thread,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO threads (file, place, format, title, date, author, time, url, source_id,
             score, article, comments, more_comments)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        file,
        place as i64,
        format,
        thread.title(),
        thread.date(),
        thread.article_author(),
        thread.article_time().map(|t| t.to_string()),
        thread.url(),
        thread.thread_id(),
        thread.article_score(),
        thread.article(),
        thread.comment_count() as i64,
        thread.more_top_level(),
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Comments get the row ids `first..first + len` in file order, so a parent's row id is
/// known from its index without a look-up.
fn insert_comments(
    tx: &Transaction,
    thread_id: i64,
    first: i64,
    thread: &Thread,
) -> rusqlite::Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO comments (id, thread_id, parent_id, position, depth, source_id, author,
             time, body, missing, status, score, url, more_replies)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    let mut time = String::new();
    for id in 0..thread.len() {
        time.clear();
        if let Some(t) = thread.time(id) {
            use std::fmt::Write as _;
            let _ = write!(time, "{t}");
        }
        insert.execute(params![
            first + id as i64,
            thread_id,
            thread.parent(id).map(|p| first + p as i64),
            id as i64 + 1,
            thread.depth(id) as i64,
            thread.comment_id(id),
            thread.author(id),
            (!time.is_empty()).then_some(time.as_str()),
            thread.body(id),
            thread.is_missing(id),
            thread.status(id).name(),
            thread.score(id),
            thread.comment_url(id),
            thread.more_replies(id),
        ])?;
    }
    Ok(())
}

/// A new database being written: `.NAME.PID.tmp` beside the final name (so the rename stays
/// on one file system), removed if the run fails.
struct TempFile {
    path: PathBuf,
    kept: bool,
}

impl TempFile {
    fn create_beside(db: &Path) -> Result<TempFile, ExportError> {
        let name = db.file_name().map_or_else(
            || "thread-tui.db".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        let path = db.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        File::options()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|source| ExportError::Io {
                path: path.clone(),
                source,
            })?;
        Ok(TempFile { path, kept: false })
    }

    fn rename_to(mut self, db: &Path) -> Result<(), ExportError> {
        File::open(&self.path)
            .and_then(|file| file.sync_all())
            .and_then(|()| fs::rename(&self.path, db))
            .map_err(|source| ExportError::Io {
                path: db.to_path_buf(),
                source,
            })?;
        self.kept = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.kept {
            let _ = fs::remove_file(&self.path);
            // SQLite's journal, if the run stopped inside a transaction.
            let mut journal = self.path.clone().into_os_string();
            journal.push("-journal");
            let _ = fs::remove_file(journal);
        }
    }
}
