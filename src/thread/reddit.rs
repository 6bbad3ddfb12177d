//! Reddit: the `.json` of a comments page (an array of two Listings: the post, then the
//! comment tree), a single Listing of comments, or a bdfr archive (the post's fields with its
//! comments in `comments`, replies in `replies` arrays). Read as a stream with an explicit
//! stack, so neither the file's size nor its nesting is held on the call stack.
//!
//! Reddit writes a comment's `replies` before its `author` and `body`: a comment is pushed
//! when its replies begin (so that they follow it in page order) and completed when its
//! object ends. `more` entries count replies that are not in the file: they go to their
//! parent's count, never into the tree.

use super::assemble::{CommentFields, ThreadAssembler, ThreadFields};
use super::budget::CommentBudget;
use super::formats::{Family, FormatError, FormatSpec, Input, Options, Parse, Parsed, Report};
use super::json_values::{Broken, Step, Values, a_value, settings, unescape_markdown};
use super::sniff::{Head, Sniff};
use super::{Status, Timestamp};
use std::io::BufRead;
use struson::reader::{JsonReader, JsonStreamReader, ValueType};

pub static SPEC: FormatSpec = FormatSpec {
    name: "reddit",
    label: "Reddit comments page JSON",
    family: Family::Json,
    sniff,
    parse: Parse::Stream(parse_stream),
    input: Input::Text,
};

/// Keys of Reddit's things (`kind`/`data` envelopes around Listings, posts and comments), or
/// of a bdfr archive; never thread-tui's own JSON (`article`, `missing`).
fn sniff(head: &Head) -> Sniff {
    if !head.is_json() {
        return Sniff::No;
    }
    let keys = head.json_keys();
    let has = |key: &str| keys.contains(key);
    if has("article") || has("missing") {
        return Sniff::No;
    }
    let reddit_field = [
        "selftext",
        "subreddit",
        "link_id",
        "num_comments",
        "created_utc",
    ]
    .into_iter()
    .any(has);
    let listing = has("kind") && has("data") && has("children") && reddit_field;
    let archive =
        head.first_byte() == Some(b'{') && has("comments") && has("selftext") && has("created_utc");
    if listing || archive {
        Sniff::Sure
    } else {
        Sniff::No
    }
}

const SITE: &str = "https://www.reddit.com";
/// No handle: not pushed, or no comment above.
const NONE: u32 = u32::MAX;

/// What a thing is, from its `kind` or its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Not said: decided from the fields when the object ends.
    Unknown,
    Listing,
    Post,
    Comment,
    More,
    /// A kind thread-tui does not read (an account, a subreddit, an award...).
    Other,
}

impl Kind {
    fn of(name: &str) -> Kind {
        match name {
            "Listing" => Kind::Listing,
            "t3" => Kind::Post,
            "t1" => Kind::Comment,
            "more" => Kind::More,
            _ => Kind::Other,
        }
    }
}

/// One open object or array.
#[derive(Clone, Copy, Debug)]
struct Frame {
    /// The level a comment here is at (1 = top level).
    level: u32,
    /// The comment whose replies hold this, or NONE.
    owner: u32,
    /// An object's own handle once pushed as a comment.
    handle: u32,
    /// An object's kind; for an array, the kind of its objects that do not say.
    kind: Kind,
    is_array: bool,
    /// The top of `Walk::fields` belongs to this object.
    has_fields: bool,
    /// Its `data` was read: an envelope, with nothing of its own.
    envelope: bool,
    /// The `data` of an envelope: Reddit's API, which escapes `&`, `<`, `>` in text.
    escaped: bool,
    /// The root value (a bdfr archive's post).
    root: bool,
    /// Its body is `[deleted]` or `[removed]`.
    deleted: bool,
    /// An author or a body was read.
    named: bool,
}

impl Frame {
    fn new(level: u32, owner: u32, kind: Kind) -> Frame {
        Frame {
            level,
            owner,
            handle: NONE,
            kind,
            is_array: false,
            has_fields: false,
            envelope: false,
            escaped: false,
            root: false,
            deleted: false,
            named: false,
        }
    }

    fn array(level: u32, owner: u32, kind: Kind) -> Frame {
        Frame {
            is_array: true,
            ..Frame::new(level, owner, kind)
        }
    }

    /// Whether replies here make this object a comment.
    fn may_be_comment(&self) -> bool {
        self.kind == Kind::Comment || (self.kind == Kind::Unknown && !self.root)
    }
}

/// The fields of a post, a comment or a `more` that thread-tui keeps.
#[derive(Default)]
struct Fields {
    title: Option<String>,
    selftext: Option<String>,
    author: Option<String>,
    body: Option<String>,
    id: Option<String>,
    permalink: Option<String>,
    url: Option<String>,
    time: Option<Timestamp>,
    score: Option<i64>,
    count: Option<u32>,
}

/// The keys read; every other key is skipped.
#[derive(Clone, Copy)]
enum Key {
    Kind,
    Data,
    Children,
    Replies,
    Comments,
    Title,
    Selftext,
    Author,
    Body,
    Id,
    Permalink,
    Url,
    Created,
    Score,
    Count,
    Other,
}

impl Key {
    fn of(name: &str) -> Key {
        match name {
            "kind" => Key::Kind,
            "data" => Key::Data,
            "children" => Key::Children,
            "replies" => Key::Replies,
            "comments" => Key::Comments,
            "title" => Key::Title,
            "selftext" => Key::Selftext,
            "author" => Key::Author,
            "body" => Key::Body,
            "id" => Key::Id,
            "permalink" => Key::Permalink,
            "url" => Key::Url,
            "created_utc" => Key::Created,
            "score" => Key::Score,
            "count" => Key::Count,
            _ => Key::Other,
        }
    }
}

fn parse_stream(input: &mut dyn BufRead, _options: &Options, report: &mut Report) -> Parsed {
    let mut reader = JsonStreamReader::new_custom(input, settings());
    // Reddit has nothing --all-comments would add: deleted comments are on the page.
    let mut walk = Walk::new(report.budget());
    let broken = walk.walk(&mut reader).err();
    if broken.is_none() {
        // The whole value was read: anything but white space after it is not read.
        walk.values.trailing = reader.consume_trailing_whitespace().is_err();
    }
    walk.finish(broken, report)
}

struct Walk {
    assembler: ThreadAssembler,
    values: Values,
    stack: Vec<Frame>,
    /// The fields of the open objects that have some, innermost last.
    fields: Vec<Fields>,
    post_read: bool,
    /// Top-level comments counted but not in the file.
    more_top_level: u32,
    /// Posts after the first (a subreddit's listing): the first is the thread.
    other_posts: usize,
    other_kinds: usize,
    /// `more` stubs without a count: "continue this thread" links.
    uncounted: usize,
}

impl Walk {
    fn new(budget: CommentBudget) -> Self {
        Walk {
            assembler: ThreadAssembler::new(budget),
            values: Values::default(),
            stack: Vec::new(),
            fields: Vec::new(),
            post_read: false,
            more_top_level: 0,
            other_posts: 0,
            other_kinds: 0,
            uncounted: 0,
        }
    }

    fn walk(&mut self, reader: &mut impl JsonReader) -> Step {
        let root = match reader.peek()? {
            ValueType::Array => {
                reader.begin_array()?;
                Frame::array(1, NONE, Kind::Unknown)
            }
            ValueType::Object => {
                reader.begin_object()?;
                Frame {
                    root: true,
                    ..Frame::new(1, NONE, Kind::Unknown)
                }
            }
            other => {
                return Err(Broken::shape(format!(
                    "the JSON is {}, not a Reddit page",
                    a_value(other)
                )));
            }
        };
        self.stack.push(root);
        while let Some(&top) = self.stack.last() {
            if top.is_array {
                self.array_step(reader, top)?;
            } else {
                self.object_step(reader, top)?;
            }
        }
        Ok(())
    }

    fn array_step(&mut self, reader: &mut impl JsonReader, top: Frame) -> Step {
        if !reader.has_next()? {
            reader.end_array()?;
            self.stack.pop();
            return Ok(());
        }
        match reader.peek()? {
            ValueType::Object => {
                reader.begin_object()?;
                self.stack.push(Frame::new(top.level, top.owner, top.kind));
                Ok(())
            }
            // A `more` lists the ids of the comments it stands for.
            ValueType::String | ValueType::Null => Ok(reader.skip_value()?),
            _ => self.values.wrong_type(reader),
        }
    }

    fn object_step(&mut self, reader: &mut impl JsonReader, top: Frame) -> Step {
        if !reader.has_next()? {
            reader.end_object()?;
            self.stack.pop();
            self.end_object(top, true);
            return Ok(());
        }
        let key = Key::of(reader.next_name()?);
        let at = self.stack.len() - 1;
        match key {
            Key::Kind => {
                if let Some(kind) = self.values.string(reader)? {
                    self.stack[at].kind = Kind::of(&kind);
                }
            }
            Key::Data => match reader.peek()? {
                ValueType::Object => {
                    reader.begin_object()?;
                    self.stack[at].envelope = true;
                    self.stack.push(Frame {
                        escaped: true,
                        ..Frame::new(top.level, top.owner, top.kind)
                    });
                }
                _ => self.values.wrong_type(reader)?,
            },
            Key::Children => match reader.peek()? {
                ValueType::Array => {
                    reader.begin_array()?;
                    self.stack
                        .push(Frame::array(top.level, top.owner, Kind::Unknown));
                }
                _ => self.values.wrong_type(reader)?,
            },
            Key::Replies => match reader.peek()? {
                ValueType::Object => {
                    let owner = self.push_early(at);
                    reader.begin_object()?;
                    self.stack
                        .push(Frame::new(top.level + 1, owner, Kind::Unknown));
                }
                ValueType::Array => {
                    reader.begin_array()?;
                    if reader.has_next()? {
                        let owner = self.push_early(at);
                        self.stack
                            .push(Frame::array(top.level + 1, owner, Kind::Comment));
                    } else {
                        reader.end_array()?;
                    }
                }
                // Reddit writes "" for no replies.
                ValueType::String | ValueType::Null => reader.skip_value()?,
                _ => self.values.wrong_type(reader)?,
            },
            Key::Comments => match reader.peek()? {
                ValueType::Array => {
                    reader.begin_array()?;
                    self.stack
                        .push(Frame::array(top.level, top.owner, Kind::Comment));
                }
                _ => self.values.wrong_type(reader)?,
            },
            Key::Title => self.string_field(reader, at, |f| &mut f.title)?,
            Key::Selftext => self.string_field(reader, at, |f| &mut f.selftext)?,
            Key::Author => {
                let read = self.string_field(reader, at, |f| &mut f.author);
                self.stack[at].named |= self.fields.last().is_some_and(|f| f.author.is_some());
                read?;
            }
            Key::Body => {
                let read = self.string_field(reader, at, |f| &mut f.body);
                let body = self.fields.last().and_then(|f| f.body.as_deref());
                self.stack[at].named |= body.is_some();
                self.stack[at].deleted = matches!(body, Some("[deleted]" | "[removed]"));
                read?;
            }
            Key::Id => {
                let id = self.values.id(reader)?;
                self.fields_of(at).id = id;
            }
            Key::Permalink => self.string_field(reader, at, |f| &mut f.permalink)?,
            Key::Url => self.string_field(reader, at, |f| &mut f.url)?,
            Key::Created => {
                let time = self.values.unix_time(reader)?;
                self.fields_of(at).time = time;
            }
            Key::Score => {
                let score = self.values.integer(reader)?;
                self.fields_of(at).score = score;
            }
            Key::Count => {
                let count = self.values.count(reader)?;
                self.fields_of(at).count = count;
            }
            Key::Other => reader.skip_value()?,
        }
        Ok(())
    }

    /// The fields of the object at `at` (the innermost open one).
    fn fields_of(&mut self, at: usize) -> &mut Fields {
        if !self.stack[at].has_fields {
            self.stack[at].has_fields = true;
            self.fields.push(Fields::default());
        }
        let last = self.fields.len() - 1;
        &mut self.fields[last]
    }

    fn string_field(
        &mut self,
        reader: &mut impl JsonReader,
        at: usize,
        slot: fn(&mut Fields) -> &mut Option<String>,
    ) -> Step {
        self.fields_of(at);
        let last = self.fields.len() - 1;
        let fields = &mut self.fields[last];
        self.values.string_into(reader, slot(fields))
    }

    fn take_fields(&mut self, frame: &mut Frame) -> Fields {
        if std::mem::take(&mut frame.has_fields) {
            self.fields.pop().unwrap_or_default()
        } else {
            Fields::default()
        }
    }

    /// Pushes the comment at `at` now that its replies begin; returns its handle (NONE
    /// when the object is not a comment: its replies then hang from a placeholder).
    fn push_early(&mut self, at: usize) -> u32 {
        let mut frame = self.stack[at];
        if frame.handle != NONE || !frame.may_be_comment() {
            return frame.handle;
        }
        let fields = self.take_fields(&mut frame);
        frame.handle = self.push_comment(&frame, fields);
        self.stack[at] = frame;
        frame.handle
    }

    fn comment_fields<'a>(frame: &Frame, fields: &'a Fields) -> CommentFields<'a> {
        CommentFields {
            author: fields.author.as_deref(),
            body: fields.body.as_deref().unwrap_or(""),
            time: fields.time,
            id: fields.id.as_deref(),
            url: None,
            score: fields.score,
            more_replies: 0,
            status: if frame.deleted {
                Status::Deleted
            } else {
                Status::Approved
            },
        }
    }

    fn push_comment(&mut self, frame: &Frame, fields: Fields) -> u32 {
        let fields = unescaped(frame, fields);
        let url = fields.permalink.as_deref().map(absolute);
        let handle = self.assembler.push_at_level(
            frame.level as usize,
            CommentFields {
                url: url.as_deref(),
                ..Self::comment_fields(frame, &fields)
            },
        );
        u32::try_from(handle).unwrap_or(NONE)
    }

    /// An object ended (`complete`), or the file broke inside it.
    fn end_object(&mut self, mut frame: Frame, complete: bool) {
        let fields = self.take_fields(&mut frame);
        if frame.envelope {
            return;
        }
        let has = |field: &Option<String>| field.is_some();
        let kind = match frame.kind {
            Kind::Unknown if frame.handle != NONE || has(&fields.body) => Kind::Comment,
            Kind::Unknown if has(&fields.title) || has(&fields.selftext) => Kind::Post,
            Kind::Unknown if fields.count.is_some() => Kind::More,
            kind => kind,
        };
        match kind {
            // The file broke inside its replies, before its author and text.
            Kind::Comment if frame.handle != NONE && !complete && !frame.named => {
                self.assembler.mark_missing(frame.handle as usize);
            }
            Kind::Comment if frame.handle != NONE => {
                let fields = unescaped(&frame, fields);
                let url = fields.permalink.as_deref().map(absolute);
                self.assembler.complete(
                    frame.handle as usize,
                    CommentFields {
                        url: url.as_deref(),
                        ..Self::comment_fields(&frame, &fields)
                    },
                );
            }
            // A comment the file breaks in is kept if something of it was read.
            Kind::Comment if complete || has(&fields.author) || has(&fields.body) => {
                self.push_comment(&frame, fields);
            }
            Kind::Post if !self.post_read && (complete || has(&fields.title)) => {
                self.post_read = true;
                self.set_post(&frame, fields);
            }
            Kind::Post if complete => self.other_posts += 1,
            Kind::More => match fields.count {
                Some(count) if count > 0 => match frame.owner {
                    NONE => self.more_top_level = self.more_top_level.saturating_add(count),
                    owner => self.assembler.add_more_replies(owner as usize, count),
                },
                _ => self.uncounted += 1,
            },
            Kind::Other if complete => self.other_kinds += 1,
            _ => {}
        }
    }

    fn set_post(&mut self, frame: &Frame, fields: Fields) {
        let fields = unescaped(frame, fields);
        let address = fields
            .permalink
            .as_deref()
            .map(absolute)
            .or_else(|| fields.url.clone());
        // A link post links elsewhere: the link is the article (before any text).
        let link = fields
            .url
            .as_deref()
            .filter(|url| Some(*url) != address.as_deref() && url.starts_with("http"));
        let text = fields.selftext.as_deref().unwrap_or("");
        let article = match link {
            Some(link) if text.is_empty() => link.to_string(),
            Some(link) => format!("{link}\n\n{text}"),
            None => text.to_string(),
        };
        self.assembler.set_thread(ThreadFields {
            title: fields.title.as_deref().unwrap_or(""),
            date: None,
            article: &article,
            author: fields.author.as_deref(),
            time: fields.time,
            id: fields.id.as_deref(),
            url: address.as_deref(),
            score: fields.score,
            more_replies: 0,
        });
    }

    fn finish(mut self, broken: Option<Broken>, report: &mut Report) -> Parsed {
        if broken.is_some() {
            // What was open when the file broke: the innermost first, so a comment cut
            // short still lands after the replies above it.
            while let Some(frame) = self.stack.pop() {
                if !frame.is_array {
                    self.end_object(frame, false);
                }
            }
        }
        if self.assembler.is_empty() && !self.post_read {
            return Err(FormatError::new(match broken {
                Some(broken) => broken.message(),
                None => "no Reddit post or comment in it".to_string(),
            }));
        }
        self.assembler.add_more_top_level(self.more_top_level);
        let mut skipped = Vec::new();
        if self.other_posts > 0 {
            skipped.push(plural(
                self.other_posts,
                "more post skipped (thread-tui opens the first)",
                "more posts skipped (thread-tui opens the first)",
            ));
        }
        if self.other_kinds > 0 {
            skipped.push(plural(
                self.other_kinds,
                "entry that is neither post nor comment skipped",
                "entries that are neither post nor comment skipped",
            ));
        }
        self.values.report(broken.as_ref(), &skipped, report);
        report.skipped(
            self.uncounted,
            "comment has replies",
            "comments have replies",
            "that Reddit left out of the file without counting them (\"continue this thread\")",
        );
        let (thread, _) = self.assembler.finish();
        Ok(vec![thread])
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::text::thousands(count),
        if count == 1 { one } else { many }
    )
}

/// The text fields as written: Reddit's API escapes `&`, `<` and `>` in them (bdfr, which
/// asks for raw JSON, does not).
fn unescaped(frame: &Frame, mut fields: Fields) -> Fields {
    if frame.escaped {
        for text in [&mut fields.title, &mut fields.selftext, &mut fields.body] {
            *text = text.take().map(unescape_markdown);
        }
    }
    fields
}

/// Reddit's permalinks are paths on the site.
fn absolute(link: &str) -> String {
    if link.starts_with('/') {
        format!("{SITE}{link}")
    } else {
        link.to_string()
    }
}
