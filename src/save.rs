//! What the reader sends out of itself: the selected comment, or its sub-thread as Markdown,
//! to the clipboard (an OSC 52 sequence the terminal loop writes), and the sub-thread or the
//! filtered view to a file named in a prompt, Markdown or JSON by the name's extension,
//! written on a worker thread and never over an existing file without asking.

use crate::action::Action;
use crate::app::{App, Mode, PromptInput};
use crate::dump::{self, DumpKind, Selection, UNKNOWN_AUTHOR};
use crate::outline::Row;
use crate::text::sanitize::sanitize_line;
use crate::text::wrap::snippet;
use crate::thread::Thread;
use crate::ui::reader::plural;
use crate::ui::size_in_bytes;
use crate::ui::status::tail_to_width;
use crate::{line_edit, osc52};
use ratatui::crossterm::event::KeyEvent;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, ErrorKind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

/// The longest file name the prompt takes, in characters (a path, not a search).
pub const MAX_FILE_NAME_CHARS: usize = 1024;

/// What the name's extension may be, said short enough for an 80-column status line.
const KNOWN_EXTENSIONS: &str = ".md, .markdown, .json or .jsonl";

/// Author names in notices and the prompt's label are cut to this many columns.
const NAME_COLUMNS: usize = 30;

/// A written file's path in the status line is cut to this many columns.
const PATH_COLUMNS: usize = 40;

/// The file-name prompt; meaningful while `Mode::WriteFile` is on. The name typed stays for
/// the next time the prompt opens.
#[derive(Debug, Default)]
pub struct FilePrompt {
    /// The name as typed.
    pub name: String,
    /// Byte offset of the cursor in `name`.
    pub cursor: usize,
    /// What is written, as the prompt and the notices say it: "the sub-thread of Zoë (12
    /// comments)". Sanitised.
    pub what: String,
    target: Target,
    /// The named file exists: the prompt asks whether to write over it (y/n).
    confirm: Option<(PathBuf, DumpKind)>,
}

impl FilePrompt {
    /// The prompt asks whether to overwrite the file named.
    pub fn is_confirming(&self) -> bool {
        self.confirm.is_some()
    }
}

/// The comments the prompt writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Target {
    /// The article row is selected and no filter is on: the whole thread.
    #[default]
    Whole,
    Subtree(usize),
    /// What the filtered outline shows: the matches and their ancestors.
    Filtered,
}

/// A file being written on a worker thread.
pub struct Writing {
    /// The name as typed, and `FilePrompt::what`, for the notice when it is done.
    name: String,
    what: String,
    path: PathBuf,
    /// The file did not exist before: a failed write removes it again.
    created: bool,
    job: Option<JoinHandle<io::Result<u64>>>,
}

impl Writing {
    fn is_finished(&self) -> bool {
        self.job.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Waits for the write; returns the file's size, or what went wrong.
    fn outcome(&mut self) -> io::Result<u64> {
        let result = match self.job.take() {
            Some(job) => job
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the writer stopped"))),
            None => Err(io::Error::other("nothing was written")),
        };
        if result.is_err() && self.created {
            let _ = std::fs::remove_file(&self.path);
        }
        result
    }
}

impl Drop for Writing {
    /// Quitting while a file is written waits for it: a file started is finished (or, when
    /// it fails, one the write created is removed).
    fn drop(&mut self) {
        if self.job.is_some() {
            let _ = self.outcome();
        }
    }
}

impl App {
    /// `y` (`subthread` false) and `Y`: the selected comment, or its sub-thread; on the
    /// article row, the article, or the whole thread.
    pub(crate) fn copy_selected(&mut self, subthread: bool) {
        let thread = Arc::clone(&self.doc.thread);
        match self.doc.outline.selected {
            Row::Comment(id) => self.copy_comment(&thread, id, subthread),
            Row::Article if subthread => {
                let (text, stopped) =
                    dump::markdown::document_to_string(&thread, osc52::MAX_COPY_BYTES);
                let what = format!(
                    "the whole thread ({})",
                    plural(thread.comment_count(), "comment", "comments")
                );
                self.put_on_clipboard(&text, &what, stopped);
            }
            Row::Article => {
                let text = dump::markdown::article_text(&thread);
                self.put_on_clipboard(&text, "the article", false);
            }
        }
    }

    /// Puts comment `id` of `thread` (with `subthread`, it and its replies as Markdown) on
    /// the clipboard: the terminal loop writes the OSC 52 sequence, the status line says
    /// what was copied and whether it was cut short.
    pub(crate) fn copy_comment(&mut self, thread: &Thread, id: usize, subthread: bool) {
        if id >= thread.len() {
            return;
        }
        // `stopped`: comments were left out of a sub-thread too long to copy, so its whole
        // size is not known.
        let (text, what, stopped) = if subthread {
            let selection = Selection::subtree(thread, id);
            let count = selection.ids().filter(|&id| !thread.is_missing(id)).count();
            let (text, stopped) =
                dump::markdown::comments_to_string(thread, &selection, osc52::MAX_COPY_BYTES);
            let what = format!(
                "the sub-thread of {} ({})",
                author_of(thread, id),
                plural(count, "comment", "comments")
            );
            (text, what, stopped)
        } else if thread.is_missing(id) {
            self.notice = Some("This comment is missing from the page: nothing to copy".into());
            return;
        } else {
            let what = format!("the comment by {}", author_of(thread, id));
            (dump::markdown::comment_text(thread, id), what, false)
        };
        self.put_on_clipboard(&text, &what, stopped);
    }

    /// Asks the terminal loop to put `text` on the clipboard (OSC 52), and says what was
    /// copied and whether it was cut short (`stopped`: comments were left out, so its whole
    /// size is not known).
    fn put_on_clipboard(&mut self, text: &str, what: &str, stopped: bool) {
        let copy = osc52::copy_sequence(text);
        let carried = size_in_bytes(copy.bytes as u64);
        // The size first: a narrow status line cuts the end.
        let size = if stopped {
            format!("the first {carried}")
        } else if copy.truncated {
            format!(
                "the first {carried} of {}",
                size_in_bytes(text.len() as u64)
            )
        } else {
            carried
        };
        self.notice = Some(format!("Copied {size} to the clipboard: {what}"));
        self.clipboard_request = Some(copy.sequence);
    }

    /// `w`: the prompt for the file to write the filtered view to (when a filter is on), or
    /// the selected sub-thread, or the whole thread (the article row selected).
    pub(crate) fn start_write_file(&mut self) {
        if let Some(writing) = &self.writing {
            self.notice = Some(format!("Still writing {}: a moment", writing.name));
            return;
        }
        let thread = &self.doc.thread;
        let (target, what) = if let Some(filter) = self.doc.outline.filter() {
            if self.doc.search.is_scanning() {
                self.notice = Some(
                    "The search is still running: write the filtered view when it is done".into(),
                );
                return;
            }
            let what = format!(
                "the filtered view ({})",
                plural(filter.shown().count(), "comment", "comments")
            );
            (Target::Filtered, what)
        } else {
            match self.doc.outline.selected {
                Row::Comment(id) => {
                    let count = thread.subtree_end(id) - id;
                    let what = format!(
                        "the sub-thread of {} ({})",
                        author_of(thread, id),
                        plural(count, "comment", "comments")
                    );
                    (Target::Subtree(id), what)
                }
                Row::Article => {
                    let count = thread.comment_count();
                    let what = format!(
                        "the whole thread ({})",
                        plural(count, "comment", "comments")
                    );
                    (Target::Whole, what)
                }
            }
        };
        let prompt = &mut self.file_prompt;
        prompt.target = target;
        prompt.what = what;
        prompt.confirm = None;
        prompt.cursor = prompt.name.len();
        self.mode = Mode::WriteFile;
    }

    /// A key in the file-name prompt, or its y/n question.
    pub(crate) fn on_file_prompt_key(&mut self, key: KeyEvent) {
        let input = self.prompt_input(key);
        if self.file_prompt.confirm.is_some() {
            return match input {
                Some(PromptInput::Type('y' | 'Y')) => self.overwrite(),
                Some(PromptInput::Type('n' | 'N')) | Some(PromptInput::Action(Action::Cancel)) => {
                    self.keep_existing()
                }
                Some(PromptInput::Action(action)) => self.terminal_action(action),
                _ => {}
            };
        }
        match input {
            Some(PromptInput::Type(c)) => self.type_file_name(c.encode_utf8(&mut [0; 4])),
            Some(PromptInput::Action(action)) => self.file_prompt_action(action),
            None => {}
        }
    }

    /// An action of the prompt's table while a file name is typed.
    pub(crate) fn file_prompt_action(&mut self, action: Action) {
        if self.file_prompt.confirm.is_some() {
            if action == Action::Cancel {
                self.keep_existing();
            }
            return;
        }
        match action {
            Action::Accept => self.accept_file_name(),
            Action::Cancel => self.mode = Mode::Normal,
            action if action.edits_text() => {
                let prompt = &mut self.file_prompt;
                line_edit::apply(&mut prompt.name, &mut prompt.cursor, action);
            }
            action => self.terminal_action(action),
        }
    }

    /// Keys that type nothing still quit, suspend and repaint.
    fn terminal_action(&mut self, action: Action) {
        match action {
            Action::Quit => self.should_quit = true,
            Action::Suspend => self.suspend_requested = true,
            Action::Redraw => self.redraw_requested = true,
            _ => {}
        }
    }

    /// Typed or pasted into the file name; control characters (a pasted line break) are
    /// left out.
    pub(crate) fn type_file_name(&mut self, text: &str) {
        if self.file_prompt.confirm.is_some() {
            return;
        }
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        let prompt = &mut self.file_prompt;
        if !line_edit::insert(
            &mut prompt.name,
            &mut prompt.cursor,
            &text,
            MAX_FILE_NAME_CHARS,
        ) {
            self.notice = Some(format!(
                "A file name takes {MAX_FILE_NAME_CHARS} characters at most"
            ));
        }
    }

    /// Enter: a new file is written at once; an existing one is asked about first.
    fn accept_file_name(&mut self) {
        let name = self.file_prompt.name.trim().to_string();
        if name.is_empty() {
            self.notice = Some(format!("Type a file name ending {KNOWN_EXTENSIONS}"));
            return;
        }
        let Some(kind) = kind_of(&name) else {
            self.notice = Some(format!("Unknown extension: use {KNOWN_EXTENSIONS}"));
            return;
        };
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let Some(path) = resolve(&name, home.as_deref()) else {
            self.notice = Some("~ stands for $HOME, which is not set: give the whole path".into());
            return;
        };
        // create_new: a file that appeared since the name was typed is never clobbered.
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => self.start_writing(file, path, kind, true),
            Err(err) if err.kind() == ErrorKind::AlreadyExists => {
                // (A dangling symbolic link has no metadata: it is asked about.)
                let metadata = std::fs::metadata(&path).ok();
                if metadata.as_ref().is_some_and(std::fs::Metadata::is_dir) {
                    self.notice = Some(format!("A folder, not a file: {name}"));
                } else if metadata.is_some_and(|metadata| !metadata.is_file()) {
                    // A pipe or a device: opening it could wait for a reader forever.
                    self.notice = Some(format!("Not a plain file, never written to: {name}"));
                } else if self.is_thread_file(&path) {
                    self.notice =
                        Some(format!("The thread's own file, never written over: {name}"));
                } else {
                    self.file_prompt.confirm = Some((path, kind));
                }
            }
            Err(err) => self.notice = Some(cannot_write(&name, &err)),
        }
    }

    /// `y` to "overwrite?": the file is emptied and written.
    fn overwrite(&mut self) {
        let Some((path, kind)) = self.file_prompt.confirm.take() else {
            return;
        };
        match OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
        {
            Ok(file) => self.start_writing(file, path, kind, false),
            Err(err) => {
                let name = self.file_prompt.name.trim().to_string();
                self.notice = Some(cannot_write(&name, &err));
            }
        }
    }

    /// `n` (or Esc) to "overwrite?": back to the name, to choose another.
    fn keep_existing(&mut self) {
        self.file_prompt.confirm = None;
        self.notice = Some(format!(
            "Kept {}: type another name",
            self.file_prompt.name.trim()
        ));
    }

    /// Whether `path` is the file the open thread was read from.
    fn is_thread_file(&self, path: &Path) -> bool {
        self.doc
            .source
            .as_deref()
            .is_some_and(|source| same_file(path, source))
    }

    /// Writes the prompt's comments into `file` on a worker thread; the prompt closes.
    fn start_writing(&mut self, file: File, path: PathBuf, kind: DumpKind, created: bool) {
        let thread = Arc::clone(&self.doc.thread);
        let selection = match self.file_prompt.target {
            Target::Whole => Selection::all(&thread),
            Target::Subtree(id) => Selection::subtree(&thread, id),
            // What the outline shows; the prompt cannot open without a filter.
            Target::Filtered => match self.doc.outline.filter() {
                Some(filter) => Selection::set(filter.shown().clone()),
                None => Selection::all(&thread),
            },
        };
        // The thread's file, for what a dump says of where the thread came from.
        let source = self
            .doc
            .source
            .clone()
            .unwrap_or_else(|| PathBuf::from(&self.doc.file_name));
        let name = self.file_prompt.name.trim().to_string();
        let what = self.file_prompt.what.clone();
        self.mode = Mode::Normal;
        let spawned = std::thread::Builder::new()
            .name("write-file".into())
            .spawn(move || write_file(kind, &source, &thread, &selection, file));
        let mut writing = Writing {
            name,
            what,
            path,
            created,
            job: None,
        };
        match spawned {
            Ok(job) => {
                self.notice = Some(format!("Writing {} to {}…", writing.what, writing.name));
                writing.job = Some(job);
                self.writing = Some(writing);
            }
            Err(err) => {
                let _ = writing.outcome();
                self.notice = Some(cannot_write(&writing.name, &err));
            }
        }
    }

    /// Takes the outcome of a file written on the worker; returns whether there was one.
    pub(crate) fn poll_writing(&mut self) -> bool {
        let Some(mut writing) = self.writing.take_if(|w| w.is_finished()) else {
            return false;
        };
        self.notice = Some(match writing.outcome() {
            // The size and the path first: a narrow status line cuts the end.
            Ok(bytes) => format!(
                "Wrote {} to {}: {}",
                size_in_bytes(bytes),
                shown_path(&writing.path),
                writing.what,
            ),
            Err(err) => cannot_write(&writing.name, &err),
        });
        true
    }

    /// A file is being written.
    pub fn is_writing(&self) -> bool {
        self.writing.is_some()
    }
}

/// The dump for a file name: Markdown for `.md` and `.markdown`, JSON for `.json` and
/// `.jsonl` (any case); None for anything else.
pub fn kind_of(name: &str) -> Option<DumpKind> {
    let extension = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "md" | "markdown" => Some(DumpKind::Markdown),
        "json" | "jsonl" => Some(DumpKind::Json),
        _ => None,
    }
}

/// The file a typed name means: `~` and `~/…` start at `home`, other names are taken as they
/// are (a relative one from the current directory). None for `~` without a home.
pub fn resolve(name: &str, home: Option<&Path>) -> Option<PathBuf> {
    let under_home = if name == "~" {
        Some("")
    } else {
        name.strip_prefix("~/")
    };
    match under_home {
        None => Some(PathBuf::from(name)),
        Some(rest) => home
            .filter(|home| !home.as_os_str().is_empty())
            .map(|home| home.join(rest)),
    }
}

fn write_file(
    kind: DumpKind,
    source: &Path,
    thread: &Thread,
    selection: &Selection,
    file: File,
) -> io::Result<u64> {
    let mut out = BufWriter::new(file);
    dump::write_selection(kind, source, thread, selection, &mut out)?;
    let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    Ok(file.metadata()?.len())
}

/// The path a file was written to, whole (from the root) and fit for the status line: at
/// most `PATH_COLUMNS` wide, keeping its end, the file's name.
fn shown_path(path: &Path) -> String {
    let whole = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    tail_to_width(&sanitize_line(&whole.to_string_lossy()), PATH_COLUMNS)
}

/// Whether two existing paths are one file: on Unix the same device and inode, so that a
/// hard link to the thread's file is caught as well as a symbolic link or another spelling.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// "Cannot write (why): NAME", in words for the usual reasons; the reason first, as a narrow
/// status line cuts the end.
fn cannot_write(name: &str, err: &io::Error) -> String {
    let why = match err.kind() {
        ErrorKind::NotFound => "no such folder".to_string(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::IsADirectory => "it is a folder".into(),
        ErrorKind::NotADirectory => "a part of the path is not a folder".into(),
        ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        _ => err.to_string(),
    };
    format!("Cannot write ({why}): {name}")
}

/// A comment's author for notices, sanitised and cut short.
fn author_of(thread: &Thread, id: usize) -> String {
    snippet(thread.author(id).unwrap_or(UNKNOWN_AUTHOR), NAME_COLUMNS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sanitize::display_width;

    #[test]
    fn the_extension_chooses_the_dump() {
        assert_eq!(kind_of("notes.md"), Some(DumpKind::Markdown));
        assert_eq!(kind_of("a/b/Notes.MARKDOWN"), Some(DumpKind::Markdown));
        assert_eq!(kind_of("thread.json"), Some(DumpKind::Json));
        assert_eq!(kind_of("thread.JSONL"), Some(DumpKind::Json));
        assert_eq!(kind_of("thread.txt"), None);
        assert_eq!(kind_of("thread"), None);
        assert_eq!(kind_of(".md"), None);
        assert_eq!(kind_of("md"), None);
    }

    #[test]
    fn a_written_path_is_shown_whole_or_by_its_end() {
        let cwd = std::env::current_dir().unwrap();
        let relative = shown_path(Path::new("ines.md"));
        if display_width(&cwd.join("ines.md").to_string_lossy()) <= PATH_COLUMNS {
            assert_eq!(relative, cwd.join("ines.md").to_string_lossy());
        } else {
            assert!(relative.starts_with('…') && relative.ends_with("/ines.md"));
        }
        let long = shown_path(Path::new(
            "/home/zoë/projects/reading/belarus/notes/ines.md",
        ));
        assert_eq!(long, "…/projects/reading/belarus/notes/ines.md");
        assert_eq!(display_width(&long), PATH_COLUMNS);
    }

    #[test]
    fn a_tilde_starts_at_home() {
        let home = Some(Path::new("/home/zoe"));
        assert_eq!(
            resolve("~/notes/a.md", home),
            Some(PathBuf::from("/home/zoe/notes/a.md"))
        );
        assert_eq!(resolve("~", home), Some(PathBuf::from("/home/zoe/")));
        assert_eq!(resolve("a.md", home), Some(PathBuf::from("a.md")));
        assert_eq!(resolve("/tmp/a.md", home), Some(PathBuf::from("/tmp/a.md")));
        // Another user's home is not looked up: the name is a file called so.
        assert_eq!(resolve("~bob/a.md", home), Some(PathBuf::from("~bob/a.md")));
        assert_eq!(resolve("~/a.md", None), None);
        assert_eq!(resolve("~/a.md", Some(Path::new(""))), None);
    }
}
