//! Disqus exports: a `<disqus>` file of `<thread dsq:id>` elements (the pages) and `<post
//! dsq:id>` elements (the comments), each post naming its thread and, for a reply, its
//! parent. Posts may come before their thread or their parent, so every thread is built at
//! once, and the threads are listed in the order the file defines them.

use super::formats::{Family, FormatError, FormatSpec, Input, Options, Parse, Parsed, Report};
use super::html_text::{self, Links};
use super::sniff::{Head, Sniff};
use super::xml::{self, Ending, Event, FieldText};
use super::{CommentFields, Status, Thread, ThreadAssembler, ThreadFields, Timestamp};
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

pub static SPEC: FormatSpec = FormatSpec {
    name: "disqus",
    label: "Disqus export (.xml)",
    family: Family::Xml,
    sniff,
    parse: Parse::Stream(parse),
    input: Input::Text,
};

/// A `<disqus>` root element.
fn sniff(head: &Head) -> Sniff {
    match xml::root_element(head.trimmed()) {
        Some(root) if xml::local_part(&root) == "disqus" => Sniff::Sure,
        _ => Sniff::No,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    CreatedAt,
    Message,
    IsDeleted,
    IsSpam,
    AuthorName,
    AuthorUsername,
}

/// What a `<thread>` or a `<post>` says (reused from one to the next).
#[derive(Default)]
struct Text {
    /// The `dsq:id` attribute.
    id: Option<String>,
    /// A post's `<thread dsq:id>` and `<parent dsq:id>`.
    thread: Option<String>,
    parent: Option<String>,
    title: String,
    link: String,
    created_at: String,
    message: String,
    is_deleted: String,
    is_spam: String,
    name: String,
    username: String,
}

impl Text {
    fn clear(&mut self) {
        self.id = None;
        self.thread = None;
        self.parent = None;
        for text in [
            &mut self.title,
            &mut self.link,
            &mut self.created_at,
            &mut self.message,
            &mut self.is_deleted,
            &mut self.is_spam,
            &mut self.name,
            &mut self.username,
        ] {
            text.clear();
        }
    }

    /// The display name, or the user name when there is none.
    fn author(&self) -> Option<&str> {
        [&self.name, &self.username]
            .into_iter()
            .map(|name| name.trim())
            .find(|name| !name.is_empty())
    }
}

/// One thread as its posts and its definition arrive.
struct Entry {
    comments: ThreadAssembler,
    posts: usize,
    defined: bool,
}

/// Whether the element open is a thread's definition or a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    Thread,
    Post,
}

#[derive(Default)]
struct Counts {
    deleted: usize,
    spam: usize,
    under_left_out: usize,
    without_id: usize,
    without_thread: usize,
    unknown_thread: usize,
    threads_without_id: usize,
    empty_threads: usize,
    bad_dates: usize,
    bad_flags: usize,
    orphans: usize,
}

struct Reader<'o> {
    options: &'o Options,
    entries: Vec<Entry>,
    by_id: HashMap<Box<str>, usize>,
    /// Entries in the order the file defines their threads.
    defined: Vec<usize>,
    /// The thread or post being read, and its depth.
    open: Option<(Open, usize)>,
    /// The depth of its open `<author>`.
    author: Option<usize>,
    current: Text,
    field: Option<(Field, usize)>,
    text: FieldText,
    /// Ids of posts left out, and the parents that kept replies name.
    left_out: HashSet<Box<str>>,
    reply_parents: Vec<Box<str>>,
    /// Threads and posts seen.
    elements: usize,
    counts: Counts,
}

fn parse(input: &mut dyn BufRead, options: &Options, report: &mut Report) -> Parsed {
    let mut reader = Reader {
        options,
        entries: Vec::new(),
        by_id: HashMap::new(),
        defined: Vec::new(),
        open: None,
        author: None,
        current: Text::default(),
        field: None,
        text: FieldText::default(),
        left_out: HashSet::new(),
        reply_parents: Vec::new(),
        elements: 0,
        counts: Counts::default(),
    };
    let ending = xml::read(input, |event| reader.event(event));
    if reader.elements == 0 {
        let why = ending
            .first_error()
            .map_or(String::new(), |e| format!(" ({e})"));
        return Err(FormatError::new(format!(
            "no <thread> or <post> elements: not a Disqus export{why}"
        )));
    }
    Ok(reader.finish(&ending, report))
}

impl Reader<'_> {
    fn event(&mut self, event: Event) {
        match event {
            Event::Open(element) => {
                if self.field.is_some() {
                    return;
                }
                let depth = element.depth;
                let local = element.local_name();
                let Some((open, at)) = self.open else {
                    let open = match local {
                        "thread" => Open::Thread,
                        "post" => Open::Post,
                        _ => return,
                    };
                    self.open = Some((open, depth));
                    self.elements += 1;
                    self.author = None;
                    self.current.clear();
                    self.current.id = element.attribute("id");
                    return;
                };
                if let Some(author) = self.author {
                    let field = match local {
                        "name" => Field::AuthorName,
                        "username" => Field::AuthorUsername,
                        _ => return,
                    };
                    if depth == author + 1 {
                        self.open_field(field, depth);
                    }
                    return;
                }
                if depth != at + 1 {
                    return;
                }
                let field = match (local, open) {
                    ("author", _) => {
                        self.author = Some(depth);
                        return;
                    }
                    ("thread" | "parent", Open::Post) => {
                        self.reference(local, element.attribute("id"));
                        return;
                    }
                    ("message", _) => Field::Message,
                    ("createdAt", _) => Field::CreatedAt,
                    ("title", Open::Thread) => Field::Title,
                    ("link", Open::Thread) => Field::Link,
                    ("isDeleted", Open::Post) => Field::IsDeleted,
                    ("isSpam", Open::Post) => Field::IsSpam,
                    _ => return,
                };
                self.open_field(field, depth);
            }
            Event::Empty(element) => {
                if let Some((Open::Post, at)) = self.open
                    && self.field.is_none()
                    && self.author.is_none()
                    && element.depth == at + 1
                {
                    self.reference(element.local_name(), element.attribute("id"));
                }
            }
            Event::Text(text) => {
                if self.field.is_some() {
                    self.text.push(&text);
                }
            }
            Event::Close { depth } => {
                if let Some((field, at)) = self.field
                    && depth <= at
                {
                    self.field = None;
                    self.store(field);
                }
                if self.author.is_some_and(|author| depth <= author) {
                    self.author = None;
                }
                if let Some((open, at)) = self.open
                    && depth <= at
                {
                    self.open = None;
                    match open {
                        Open::Thread => self.close_thread(),
                        Open::Post => self.close_post(),
                    }
                }
            }
        }
    }

    /// A post's `<thread dsq:id>` or `<parent dsq:id>`.
    fn reference(&mut self, local: &str, id: Option<String>) {
        match local {
            "thread" => self.current.thread = id,
            "parent" => self.current.parent = id,
            _ => {}
        }
    }

    fn open_field(&mut self, field: Field, depth: usize) {
        self.field = Some((field, depth));
        self.text.clear();
    }

    fn store(&mut self, field: Field) {
        let c = &mut self.current;
        let target = match field {
            Field::Title => &mut c.title,
            Field::Link => &mut c.link,
            Field::CreatedAt => &mut c.created_at,
            Field::Message => &mut c.message,
            Field::IsDeleted => &mut c.is_deleted,
            Field::IsSpam => &mut c.is_spam,
            Field::AuthorName => &mut c.name,
            Field::AuthorUsername => &mut c.username,
        };
        target.clear();
        target.push_str(self.text.as_str());
    }

    /// The entry of thread `id`, made when first named (by a post or by its definition).
    fn entry(&mut self, id: &str) -> usize {
        if let Some(&index) = self.by_id.get(id) {
            return index;
        }
        let index = self.entries.len();
        self.entries.push(Entry {
            comments: ThreadAssembler::new(),
            posts: 0,
            defined: false,
        });
        self.by_id.insert(id.into(), index);
        index
    }

    fn close_thread(&mut self) {
        let Some(id) = self.current.id.take() else {
            self.counts.threads_without_id += 1;
            return;
        };
        let index = self.entry(&id);
        let c = &self.current;
        let time = read_time(&c.created_at, &mut self.counts.bad_dates);
        let article = html_text::fragment_to_text(&c.message, Links::WithAddress);
        let title = one_line(&c.title);
        let link = Some(c.link.trim()).filter(|link| !link.is_empty());
        let entry = &mut self.entries[index];
        // A thread defined twice keeps its first definition.
        if entry.defined {
            return;
        }
        entry.defined = true;
        entry.comments.set_thread(ThreadFields {
            title: &title,
            article: &article,
            author: c.author(),
            time,
            id: Some(&id),
            url: link,
            ..ThreadFields::default()
        });
        self.defined.push(index);
    }

    fn close_post(&mut self) {
        let c = &self.current;
        let counts = &mut self.counts;
        let deleted = read_flag(&c.is_deleted, &mut counts.bad_flags);
        let spam = read_flag(&c.is_spam, &mut counts.bad_flags);
        let status = if deleted {
            Status::Deleted
        } else if spam {
            Status::Spam
        } else {
            Status::Approved
        };
        let id = c.id.as_deref();
        if id.is_none() {
            counts.without_id += 1;
        }
        if status != Status::Approved && !self.options.all_comments {
            match status {
                Status::Spam => counts.spam += 1,
                _ => counts.deleted += 1,
            }
            if let Some(id) = id {
                self.left_out.insert(id.into());
            }
            return;
        }
        let Some(thread) = c.thread.clone() else {
            counts.without_thread += 1;
            return;
        };
        if let Some(parent) = &c.parent {
            self.reply_parents.push(parent.as_str().into());
        }
        let index = self.entry(&thread);
        let c = &self.current;
        let time = read_time(&c.created_at, &mut self.counts.bad_dates);
        let body = html_text::fragment_to_text(&c.message, Links::WithAddress);
        let fields = CommentFields {
            author: c.author(),
            body: &body,
            time,
            id: c.id.as_deref(),
            status,
            ..CommentFields::default()
        };
        let entry = &mut self.entries[index];
        entry.posts += 1;
        entry
            .comments
            .push_reply(c.id.as_deref(), c.parent.as_deref(), fields);
    }

    fn finish(mut self, ending: &Ending, report: &mut Report) -> Vec<Thread> {
        let lost = match self.open {
            Some((Open::Post, _)) => ": the post it ends in was left out",
            Some((Open::Thread, _)) => ": the thread it ends in was left out",
            None => "",
        };
        let mut entries: Vec<Option<Entry>> = self.entries.into_iter().map(Some).collect();
        let counts = &mut self.counts;
        let mut threads = Vec::new();
        for index in self.defined {
            let Some(entry) = entries.get_mut(index).and_then(Option::take) else {
                continue;
            };
            if entry.posts == 0 {
                counts.empty_threads += 1;
                continue;
            }
            let (thread, orphans) = entry.comments.finish();
            counts.orphans += orphans;
            threads.push(thread);
        }
        // Entries left are threads that posts named but the file does not define.
        counts.unknown_thread += entries.iter().flatten().map(|e| e.posts).sum::<usize>();
        let under_left_out = self
            .reply_parents
            .iter()
            .filter(|parent| self.left_out.contains(*parent))
            .count();
        counts.under_left_out = under_left_out.min(counts.orphans);
        counts.orphans -= counts.under_left_out;
        self.counts.report(report, self.text.cut_fields);
        if let Some(note) = ending.describe(lost) {
            report.note(note);
        }
        threads
    }
}

impl Counts {
    fn report(&self, report: &mut Report, cut_fields: usize) {
        let left_out = self.deleted + self.spam;
        if left_out > 0 {
            let mut kinds = Vec::new();
            for (count, kind) in [(self.deleted, "deleted"), (self.spam, "spam")] {
                if count > 0 {
                    kinds.push(format!("{count} {kind}"));
                }
            }
            let mut note = format!(
                "{left_out} post{} left out ({}; --all-comments shows them)",
                plural(left_out),
                kinds.join(", ")
            );
            if self.under_left_out > 0 {
                note.push_str(&format!(
                    "; {} {} to them {} under {}",
                    self.under_left_out,
                    if self.under_left_out == 1 {
                        "reply"
                    } else {
                        "replies"
                    },
                    if self.under_left_out == 1 {
                        "is"
                    } else {
                        "are"
                    },
                    if self.under_left_out == 1 {
                        "a placeholder"
                    } else {
                        "placeholders"
                    },
                ));
            }
            report.note(note);
        }
        match self.without_id {
            0 => {}
            1 => report.note("1 post has no id: it is kept, but no reply can name it"),
            n => report.note(format!(
                "{n} posts have no id: they are kept, but no reply can name them"
            )),
        }
        report.skipped(
            self.without_thread,
            "post names no thread: it was",
            "posts name no thread: they were",
            "left out",
        );
        report.skipped(
            self.unknown_thread,
            "post belongs to a thread not in the file: it was",
            "posts belong to threads not in the file: they were",
            "left out",
        );
        report.skipped(
            self.threads_without_id,
            "thread without an id was",
            "threads without an id were",
            "left out",
        );
        report.skipped(
            self.empty_threads,
            "thread without comments is",
            "threads without comments are",
            "not listed",
        );
        report.skipped(
            self.orphans,
            "reply whose parent is not in the file is",
            "replies whose parents are not in the file are",
            "under placeholders",
        );
        report.skipped(
            self.bad_dates,
            "date could not be read: its post is",
            "dates could not be read: their posts are",
            "shown without a time",
        );
        report.skipped(
            self.bad_flags,
            "isDeleted or isSpam value is neither true nor false: read as",
            "isDeleted or isSpam values are neither true nor false: read as",
            "false",
        );
        report.skipped(
            cut_fields,
            "text longer than 16 MiB was",
            "texts longer than 16 MiB were",
            "cut short",
        );
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `true` or `false` (also `1` and `0`); anything else reads as false and is counted.
fn read_flag(text: &str, bad: &mut usize) -> bool {
    match text.trim() {
        t if t.eq_ignore_ascii_case("true") || t == "1" => true,
        t if t.eq_ignore_ascii_case("false") || t == "0" || t.is_empty() => false,
        _ => {
            *bad += 1;
            false
        }
    }
}

fn read_time(text: &str, bad: &mut usize) -> Option<Timestamp> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let time = Timestamp::parse_iso(text);
    if time.is_none() {
        *bad += 1;
    }
    time
}
