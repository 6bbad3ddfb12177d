//! Disqus exports: a `<disqus>` file of `<thread dsq:id>` elements (the pages) and `<post
//! dsq:id>` elements (the comments), each post naming its thread and, for a reply, its
//! parent. Posts may come before their thread or their parent, so every thread is built at
//! once, and the threads are listed in the order the file defines them. The XML is read into
//! records on the calling thread while another thread builds the threads from them.

use super::budget::CommentBudget;
use super::formats::{Family, FormatError, FormatSpec, Input, Options, Parse, Parsed, Report};
use super::html_text::{self, Links};
use super::sniff::{Head, Sniff};
use super::xml::{self, Batch, Batches, Ending, Event, RecordReader, Records, Span};
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

/// What a `<thread>` or a `<post>` says, as spans of its batch's text.
#[derive(Clone, Copy, Debug, Default)]
struct Spans {
    /// The `dsq:id` attribute.
    id: Span,
    /// A post's `<thread dsq:id>` and `<parent dsq:id>`.
    thread: Span,
    parent: Span,
    title: Span,
    link: Span,
    created_at: Span,
    message: Span,
    is_deleted: Span,
    is_spam: Span,
    name: Span,
    username: Span,
}

impl Spans {
    fn set(&mut self, field: Field, span: Span) {
        *match field {
            Field::Title => &mut self.title,
            Field::Link => &mut self.link,
            Field::CreatedAt => &mut self.created_at,
            Field::Message => &mut self.message,
            Field::IsDeleted => &mut self.is_deleted,
            Field::IsSpam => &mut self.is_spam,
            Field::AuthorName => &mut self.name,
            Field::AuthorUsername => &mut self.username,
        } = span;
    }
}

/// Whether the element open is a thread's definition or a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    Thread,
    Post,
}

/// What the XML side hands over, in file order.
enum Record {
    Thread(Spans),
    Post(Spans),
    /// The XML ended inside a thread's definition or a post.
    Cut(Open),
}

/// The XML side: where in the file the reader is.
#[derive(Default)]
struct XmlSide {
    /// The thread or post being read, and its depth.
    open: Option<(Open, usize)>,
    /// The depth of its open `<author>`.
    author: Option<usize>,
    spans: Spans,
    field: Option<(Field, usize)>,
    /// Threads and posts seen.
    elements: usize,
}

impl XmlSide {
    /// A post's `<thread dsq:id>` or `<parent dsq:id>`.
    fn reference(&mut self, local: &str, id: Option<String>, records: &mut Records<Record>) {
        let span = id.map_or(Span::default(), |id| records.add(&id));
        match local {
            "thread" => self.spans.thread = span,
            "parent" => self.spans.parent = span,
            _ => {}
        }
    }
}

impl RecordReader<Record> for XmlSide {
    fn event(&mut self, event: Event, records: &mut Records<Record>) {
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
                    self.spans = Spans::default();
                    if let Some(id) = element.attribute("id") {
                        self.spans.id = records.add(&id);
                    }
                    return;
                };
                let field = if let Some(author) = self.author {
                    match local {
                        "name" if depth == author + 1 => Field::AuthorName,
                        "username" if depth == author + 1 => Field::AuthorUsername,
                        _ => return,
                    }
                } else if depth != at + 1 {
                    return;
                } else {
                    match (local, open) {
                        ("author", _) => {
                            self.author = Some(depth);
                            return;
                        }
                        ("thread" | "parent", Open::Post) => {
                            self.reference(local, element.attribute("id"), records);
                            return;
                        }
                        ("message", _) => Field::Message,
                        ("createdAt", _) => Field::CreatedAt,
                        ("title", Open::Thread) => Field::Title,
                        ("link", Open::Thread) => Field::Link,
                        ("isDeleted", Open::Post) => Field::IsDeleted,
                        ("isSpam", Open::Post) => Field::IsSpam,
                        _ => return,
                    }
                };
                self.field = Some((field, depth));
                records.begin_field();
            }
            Event::Empty(element) => {
                if let Some((Open::Post, at)) = self.open
                    && self.field.is_none()
                    && self.author.is_none()
                    && element.depth == at + 1
                {
                    self.reference(element.local_name(), element.attribute("id"), records);
                }
            }
            Event::Text(text) => {
                if self.field.is_some() {
                    records.push_text(&text);
                }
            }
            Event::Close { depth } => {
                if let Some((field, at)) = self.field
                    && depth <= at
                {
                    self.field = None;
                    let span = records.end_field();
                    self.spans.set(field, span);
                }
                if self.author.is_some_and(|author| depth <= author) {
                    self.author = None;
                }
                if let Some((open, at)) = self.open
                    && depth <= at
                {
                    self.open = None;
                    records.push(match open {
                        Open::Thread => Record::Thread(self.spans),
                        Open::Post => Record::Post(self.spans),
                    });
                }
            }
        }
    }

    fn end(&mut self, _ending: &Ending, records: &mut Records<Record>) {
        if let Some((open, _)) = self.open {
            records.push(Record::Cut(open));
        }
    }
}

/// The threads named so far, by their ids.
struct Entries {
    entries: Vec<Entry>,
    by_id: HashMap<Box<str>, usize>,
    /// The file's comment budget, which every thread takes from.
    budget: CommentBudget,
}

impl Entries {
    /// The entry of thread `id`, made when first named (by a post or by its definition).
    fn index(&mut self, id: &str) -> usize {
        if let Some(&index) = self.by_id.get(id) {
            return index;
        }
        let index = self.entries.len();
        self.entries.push(Entry {
            comments: ThreadAssembler::new(self.budget.clone()),
            posts: 0,
            defined: false,
        });
        self.by_id.insert(id.into(), index);
        index
    }
}

/// One thread as its posts and its definition arrive.
struct Entry {
    comments: ThreadAssembler,
    posts: usize,
    defined: bool,
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

/// The building side: records to threads.
struct Builder<'o> {
    options: &'o Options,
    entries: Entries,
    /// Entries in the order the file defines their threads.
    defined: Vec<usize>,
    /// Ids of posts left out, and the parents that kept replies name (each ended by a NUL,
    /// which no text holds: one buffer rather than one allocation each).
    left_out: HashSet<Box<str>>,
    reply_parents: String,
    counts: Counts,
    lost: &'static str,
}

fn parse(input: &mut dyn BufRead, options: &Options, report: &mut Report) -> Parsed {
    let mut xml = XmlSide::default();
    let budget = report.budget();
    let (ending, cut_fields, built) = xml::read_records(input, &mut xml, |batches| {
        let mut builder = Builder {
            options,
            entries: Entries {
                entries: Vec::new(),
                by_id: HashMap::new(),
                budget,
            },
            defined: Vec::new(),
            left_out: HashSet::new(),
            reply_parents: String::new(),
            counts: Counts::default(),
            lost: "",
        };
        builder.build(batches);
        builder.finish()
    });
    if xml.elements == 0 && ending.is_cut_short() && ending.first_error().is_none() {
        return Err(FormatError::new(
            "the file ends before its first <thread> or <post> (cut short?)",
        ));
    }
    if xml.elements == 0 {
        let why = ending
            .first_error()
            .map_or(String::new(), |e| format!(" ({e})"));
        return Err(FormatError::new(format!(
            "no <thread> or <post> elements: not a Disqus export{why}"
        )));
    }
    let (threads, counts, lost) = built;
    counts.report(report, cut_fields);
    if let Some(note) = ending.describe(lost) {
        report.note(note);
    }
    Ok(threads)
}

/// A field's text, trimmed.
fn field(batch: &Batch<Record>, span: Span) -> &str {
    batch.get(span).trim()
}

/// The display name, or the user name when there is none.
fn author<'b>(batch: &'b Batch<Record>, spans: &Spans) -> Option<&'b str> {
    [spans.name, spans.username]
        .into_iter()
        .map(|span| field(batch, span))
        .find(|name| !name.is_empty())
}

impl Builder<'_> {
    fn build(&mut self, mut batches: Batches<Record>) {
        while let Some(batch) = batches.next() {
            for record in &batch.records {
                match record {
                    Record::Thread(spans) => self.thread(batch, spans),
                    Record::Post(spans) => self.post(batch, spans),
                    Record::Cut(Open::Post) => self.lost = ": the post it ends in was left out",
                    Record::Cut(Open::Thread) => {
                        self.lost = ": the thread it ends in was left out";
                    }
                }
            }
        }
    }

    fn thread(&mut self, batch: &Batch<Record>, spans: &Spans) {
        let id = field(batch, spans.id);
        if id.is_empty() {
            self.counts.threads_without_id += 1;
            return;
        }
        let index = self.entries.index(id);
        let entry = &mut self.entries.entries[index];
        // A thread defined twice keeps its first definition.
        if entry.defined {
            return;
        }
        entry.defined = true;
        let time = read_time(field(batch, spans.created_at), &mut self.counts.bad_dates);
        let article = html_text::fragment_to_text(batch.get(spans.message), Links::WithAddress);
        let title = xml::one_line(batch.get(spans.title));
        let link = Some(field(batch, spans.link)).filter(|link| !link.is_empty());
        entry.comments.set_thread(ThreadFields {
            title: &title,
            article: &article,
            author: author(batch, spans),
            time,
            id: Some(id),
            url: link,
            ..ThreadFields::default()
        });
        self.defined.push(index);
    }

    fn post(&mut self, batch: &Batch<Record>, spans: &Spans) {
        let counts = &mut self.counts;
        let deleted = read_flag(field(batch, spans.is_deleted), &mut counts.bad_flags);
        let spam = read_flag(field(batch, spans.is_spam), &mut counts.bad_flags);
        let status = if deleted {
            Status::Deleted
        } else if spam {
            Status::Spam
        } else {
            Status::Approved
        };
        let id = Some(field(batch, spans.id)).filter(|id| !id.is_empty());
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
        let thread = field(batch, spans.thread);
        if thread.is_empty() {
            counts.without_thread += 1;
            return;
        }
        let parent = Some(field(batch, spans.parent)).filter(|p| !p.is_empty());
        if let Some(parent) = parent {
            self.reply_parents.push_str(parent);
            self.reply_parents.push('\0');
        }
        let time = read_time(field(batch, spans.created_at), &mut counts.bad_dates);
        let body = html_text::fragment_to_text(batch.get(spans.message), Links::WithAddress);
        let fields = CommentFields {
            author: author(batch, spans),
            body: &body,
            time,
            id,
            status,
            ..CommentFields::default()
        };
        let index = self.entries.index(thread);
        let entry = &mut self.entries.entries[index];
        entry.posts += 1;
        entry.comments.push_reply(id, parent, fields);
    }

    /// The threads the file defines that have posts, in the order it defines them.
    fn finish(mut self) -> (Vec<Thread>, Counts, &'static str) {
        let mut entries: Vec<Option<Entry>> = self.entries.entries.into_iter().map(Some).collect();
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
            .split_terminator('\0')
            .filter(|parent| self.left_out.contains(*parent))
            .count();
        counts.under_left_out = under_left_out.min(counts.orphans);
        counts.orphans -= counts.under_left_out;
        (threads, self.counts, self.lost)
    }
}

impl Counts {
    fn report(&self, report: &mut Report, cut_fields: usize) {
        let left_out = self.deleted + self.spam;
        if left_out > 0 {
            let mut kinds = Vec::new();
            for (count, kind) in [(self.deleted, "deleted"), (self.spam, "spam")] {
                if count > 0 {
                    kinds.push(format!("{} {kind}", crate::text::thousands(count)));
                }
            }
            let mut note = format!(
                "{} post{} left out ({}; --all-comments shows them)",
                crate::text::thousands(left_out),
                xml::plural(left_out),
                kinds.join(", ")
            );
            note.push_str(&xml::replies_under_placeholders(self.under_left_out));
            report.note(note);
        }
        match self.without_id {
            0 => {}
            1 => report.note("1 post has no id: it is kept, but no reply can name it"),
            n => report.note(format!(
                "{} posts have no id: they are kept, but no reply can name them",
                crate::text::thousands(n)
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
        xml::note_orphans(report, self.orphans);
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
