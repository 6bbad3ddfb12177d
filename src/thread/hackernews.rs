//! Hacker News: an item with its comments nested, in either of two shapes. Algolia's items
//! API (`hn.algolia.com/api/v1/items/ID`): `id`, `author`, `created_at`, `title`, `url`,
//! `text` (HTML), `points`, replies in `children`. The shape HN readers save (HNPWA,
//! node-hnapi): `user`, `content` (HTML), `time` (Unix seconds), `level`, replies in
//! `comments`. Nesting gives the tree (`level` is not needed); read as a stream with an
//! explicit stack, so the depth of the nesting is never on the call stack.
//!
//! A deleted comment (no author and no text, or `deleted: true`) and a dead one (`dead:
//! true`) are kept when they have replies, as the site shows them: a deleted one as
//! "[deleted]" without an author, a dead one with its text; both with the status `deleted`.
//! Without replies the site does not show them: they are left out and counted, unless
//! `--all-comments` keeps them.

use super::assemble::{CommentFields, ThreadAssembler, ThreadFields};
use super::budget::CommentBudget;
use super::formats::{Family, FormatError, FormatSpec, Input, Options, Parse, Parsed, Report};
use super::html_text::{Links, fragment_to_text};
use super::json_values::{Broken, Step, Values, a_value, settings};
use super::sniff::{Head, Sniff};
use super::{Status, Timestamp};
use std::io::BufRead;
use struson::reader::{JsonReader, JsonStreamReader, ValueType};

pub static SPEC: FormatSpec = FormatSpec {
    name: "hackernews",
    label: "Hacker News item JSON",
    family: Family::Json,
    sniff,
    parse: Parse::Stream(parse_stream),
    input: Input::Text,
};

/// The items API: nested `children` with its own time and author keys. The readers' shape:
/// nested `comments` with `user` and `content` (or `level`, `time_ago`). Neither is
/// thread-tui's own JSON (`article`, `body`, `missing`) nor Reddit's (`kind`, `data`).
fn sniff(head: &Head) -> Sniff {
    if head.first_byte() != Some(b'{') {
        return Sniff::No;
    }
    let keys = head.json_keys();
    let has = |key: &str| keys.contains(key);
    if ["article", "missing", "body", "kind"].into_iter().any(has) {
        return Sniff::No;
    }
    let api = has("children")
        && (has("created_at") || has("created_at_i") || has("story_id") || has("points"));
    let reader = has("comments") && has("user") && (has("content") || has("level"));
    if api || reader {
        Sniff::Sure
    } else {
        Sniff::No
    }
}

const ITEM_URL: &str = "https://news.ycombinator.com/item?id=";
const NONE: u32 = u32::MAX;

/// One open item: the story at the bottom of the stack, a comment at each level above.
#[derive(Clone, Copy, Default)]
struct Frame {
    /// Its handle once pushed (NONE until then).
    handle: u32,
    /// The reader is inside its replies array.
    in_replies: bool,
    /// The top of `Walk::fields` belongs to it.
    has_fields: bool,
    /// It named an author, or had text.
    has_author: bool,
    has_text: bool,
    deleted: bool,
    dead: bool,
}

impl Frame {
    fn new() -> Frame {
        Frame {
            handle: NONE,
            ..Frame::default()
        }
    }

    /// Deleted: said so, or neither author nor text.
    fn is_deleted(&self) -> bool {
        self.deleted || (!self.has_author && !self.has_text)
    }

    fn status(&self) -> Status {
        if self.is_deleted() || self.dead {
            Status::Deleted
        } else {
            Status::Approved
        }
    }
}

#[derive(Default)]
struct Fields {
    author: Option<String>,
    /// HTML.
    text: Option<String>,
    title: Option<String>,
    url: Option<String>,
    id: Option<String>,
    /// `created_at` (RFC 3339) wins over Unix seconds.
    iso_time: Option<Timestamp>,
    unix_time: Option<Timestamp>,
    score: Option<i64>,
}

impl Fields {
    fn time(&self) -> Option<Timestamp> {
        self.iso_time.or(self.unix_time)
    }

    fn item_url(&self) -> Option<String> {
        self.id
            .as_deref()
            .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
            .map(|id| format!("{ITEM_URL}{id}"))
    }
}

#[derive(Clone, Copy)]
enum Key {
    Author,
    Text,
    Title,
    Url,
    Id,
    CreatedAt,
    UnixTime,
    Points,
    Deleted,
    Dead,
    Replies,
    Other,
}

impl Key {
    fn of(name: &str) -> Key {
        match name {
            "author" | "user" => Key::Author,
            "text" | "content" => Key::Text,
            "title" => Key::Title,
            "url" => Key::Url,
            "id" => Key::Id,
            "created_at" => Key::CreatedAt,
            "created_at_i" | "time" => Key::UnixTime,
            "points" => Key::Points,
            "deleted" => Key::Deleted,
            "dead" => Key::Dead,
            "children" | "comments" => Key::Replies,
            _ => Key::Other,
        }
    }
}

/// An HTML body as text. One that HTML reads as it is written (no markup, no entity, no
/// white space to collapse, no control character) skips the parser.
fn html_to_text(html: &str) -> String {
    let plain = !html.contains("  ")
        && !html.starts_with(' ')
        && !html.ends_with(' ')
        && html
            .bytes()
            .all(|b| b >= b' ' && b != b'<' && b != b'&' && b != 0x7F);
    if plain {
        html.to_string()
    } else {
        fragment_to_text(html, Links::WithAddress)
    }
}

fn parse_stream(input: &mut dyn BufRead, options: &Options, report: &mut Report) -> Parsed {
    let mut reader = JsonStreamReader::new_custom(input, settings());
    let mut walk = Walk::new(*options, report.budget());
    let broken = walk.walk(&mut reader).err();
    if broken.is_none() {
        // The whole value was read: anything but white space after it is not read.
        walk.values.trailing = reader.consume_trailing_whitespace().is_err();
    }
    walk.finish(broken, report)
}

struct Walk {
    options: Options,
    assembler: ThreadAssembler,
    values: Values,
    /// The story is `stack[0]`; the comment at level n is `stack[n]`.
    stack: Vec<Frame>,
    fields: Vec<Fields>,
    story_read: bool,
    /// Deleted or dead comments without replies, left out.
    left_out: usize,
}

impl Walk {
    fn new(options: Options, budget: CommentBudget) -> Self {
        Walk {
            options,
            assembler: ThreadAssembler::new(budget),
            values: Values::default(),
            stack: Vec::new(),
            fields: Vec::new(),
            story_read: false,
            left_out: 0,
        }
    }

    fn walk(&mut self, reader: &mut impl JsonReader) -> Step {
        match reader.peek()? {
            ValueType::Object => reader.begin_object()?,
            other => {
                return Err(Broken::shape(format!(
                    "the JSON is {}, not a Hacker News item",
                    a_value(other)
                )));
            }
        }
        self.stack.push(Frame::new());
        while let Some(&top) = self.stack.last() {
            if top.in_replies {
                self.reply_step(reader)?;
            } else {
                self.field_step(reader, top)?;
            }
        }
        Ok(())
    }

    fn reply_step(&mut self, reader: &mut impl JsonReader) -> Step {
        if !reader.has_next()? {
            reader.end_array()?;
            if let Some(top) = self.stack.last_mut() {
                top.in_replies = false;
            }
            return Ok(());
        }
        match reader.peek()? {
            ValueType::Object => {
                reader.begin_object()?;
                self.stack.push(Frame::new());
                Ok(())
            }
            ValueType::Null => Ok(reader.skip_value()?),
            _ => self.values.wrong_type(reader),
        }
    }

    fn field_step(&mut self, reader: &mut impl JsonReader, top: Frame) -> Step {
        if !reader.has_next()? {
            reader.end_object()?;
            self.stack.pop();
            let level = self.stack.len();
            self.end_item(top, level, true);
            return Ok(());
        }
        let key = Key::of(reader.next_name()?);
        let at = self.stack.len() - 1;
        match key {
            // What was read of a string the file breaks in is kept: flags first, then `?`.
            Key::Author => {
                let read = self.string_field(reader, at, |f| &mut f.author);
                let named = self.fields.last().is_some_and(|f| f.author.is_some());
                self.stack[at].has_author = named;
                read?;
            }
            Key::Text => {
                let read = self.string_field(reader, at, |f| &mut f.text);
                let text = self.fields.last().and_then(|f| f.text.as_deref());
                self.stack[at].has_text = text.is_some_and(|t| !t.trim().is_empty());
                read?;
            }
            Key::Title => self.string_field(reader, at, |f| &mut f.title)?,
            Key::Url => self.string_field(reader, at, |f| &mut f.url)?,
            Key::Id => {
                let id = self.values.id(reader)?;
                self.fields_of(at).id = id;
            }
            Key::CreatedAt => {
                let time = self.values.iso_time(reader)?;
                self.fields_of(at).iso_time = time;
            }
            Key::UnixTime => {
                let time = self.values.unix_time(reader)?;
                self.fields_of(at).unix_time = time;
            }
            Key::Points => {
                let score = self.values.integer(reader)?;
                self.fields_of(at).score = score;
            }
            Key::Deleted => self.stack[at].deleted = self.values.flag(reader)?,
            Key::Dead => self.stack[at].dead = self.values.flag(reader)?,
            Key::Replies => match reader.peek()? {
                ValueType::Array => {
                    reader.begin_array()?;
                    if reader.has_next()? {
                        self.push_early(at);
                        self.stack[at].in_replies = true;
                    } else {
                        reader.end_array()?;
                    }
                }
                ValueType::Null => reader.skip_value()?,
                _ => self.values.wrong_type(reader)?,
            },
            Key::Other => reader.skip_value()?,
        }
        Ok(())
    }

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
        self.values
            .string_into(reader, slot(&mut self.fields[last]))
    }

    fn take_fields(&mut self, frame: &mut Frame) -> Fields {
        if std::mem::take(&mut frame.has_fields) {
            self.fields.pop().unwrap_or_default()
        } else {
            Fields::default()
        }
    }

    /// A comment is pushed when its replies begin, so that they follow it in page order:
    /// with replies it is kept, deleted or not. The story (level 0) is not a comment.
    fn push_early(&mut self, at: usize) {
        let mut frame = self.stack[at];
        if at == 0 || frame.handle != NONE {
            return;
        }
        let fields = self.take_fields(&mut frame);
        let handle = self.push_comment(&frame, at, &fields);
        frame.handle = u32::try_from(handle).unwrap_or(NONE);
        self.stack[at] = frame;
    }

    /// The body: the text, or "[deleted]" as the site shows a deleted comment.
    fn body(frame: &Frame, fields: &Fields) -> String {
        match fields.text.as_deref() {
            Some(html) if frame.has_text => html_to_text(html),
            _ if frame.is_deleted() => "[deleted]".to_string(),
            _ => String::new(),
        }
    }

    fn push_comment(&mut self, frame: &Frame, level: usize, fields: &Fields) -> usize {
        let body = Self::body(frame, fields);
        self.assembler.push_at_level(
            level,
            CommentFields {
                author: fields.author.as_deref(),
                body: &body,
                time: fields.time(),
                id: fields.id.as_deref(),
                // The address is the story's with the comment's id: derived, not held.
                url: None,
                score: fields.score,
                more_replies: 0,
                status: frame.status(),
            },
        )
    }

    /// An item ended (`complete`), or the file broke inside it.
    fn end_item(&mut self, mut frame: Frame, level: usize, complete: bool) {
        let fields = self.take_fields(&mut frame);
        if level == 0 {
            if complete || frame.has_author || frame.has_text || fields.title.is_some() {
                self.set_story(&frame, &fields);
            }
            return;
        }
        if frame.handle != NONE {
            // Pushed when its replies began: what came after them completes it.
            let body = Self::body(&frame, &fields);
            self.assembler.complete(
                frame.handle as usize,
                CommentFields {
                    author: fields.author.as_deref(),
                    body: if frame.has_text { &body } else { "" },
                    time: fields.time(),
                    id: fields.id.as_deref(),
                    url: None,
                    score: fields.score,
                    more_replies: 0,
                    status: frame.status(),
                },
            );
            return;
        }
        if !complete && !frame.has_author && !frame.has_text {
            // Cut off before anything of it could be shown.
            return;
        }
        if frame.status() == Status::Deleted && !self.options.all_comments {
            self.left_out += 1;
            return;
        }
        self.push_comment(&frame, level, &fields);
    }

    fn set_story(&mut self, frame: &Frame, fields: &Fields) {
        self.story_read = true;
        let text = match fields.text.as_deref() {
            Some(html) if frame.has_text => html_to_text(html),
            _ => String::new(),
        };
        // A link story's link is its article (before any text); readers save `item?id=`
        // for a story without one.
        let link = fields.url.as_deref().filter(|url| url.starts_with("http"));
        let article = match link {
            Some(link) if text.is_empty() => link.to_string(),
            Some(link) => format!("{link}\n\n{text}"),
            None => text,
        };
        let url = fields.item_url();
        self.assembler.set_thread(ThreadFields {
            title: fields.title.as_deref().unwrap_or(""),
            date: None,
            article: &article,
            author: fields.author.as_deref(),
            time: fields.time(),
            id: fields.id.as_deref(),
            url: url.as_deref(),
            score: fields.score,
            more_replies: 0,
        });
    }

    fn finish(mut self, broken: Option<Broken>, report: &mut Report) -> Parsed {
        if broken.is_some() {
            // The items still open, innermost first: a comment cut short lands after the
            // replies above it, and the story gets what was read of it.
            while let Some(frame) = self.stack.pop() {
                let level = self.stack.len();
                self.end_item(frame, level, false);
            }
        }
        if self.assembler.is_empty() && !self.story_read {
            return Err(FormatError::new(match broken {
                Some(broken) => broken.message(),
                None => "no Hacker News item in it".to_string(),
            }));
        }
        self.values.report(broken.as_ref(), &[], report);
        report.skipped(
            self.left_out,
            "deleted or dead comment without replies was",
            "deleted or dead comments without replies were",
            "left out, as the site does (--all-comments keeps them)",
        );
        let (thread, _) = self.assembler.finish();
        Ok(vec![thread])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_skips_the_html_parser_with_the_same_result() {
        for text in [
            "plain words, and more.",
            "Ünïcödé ✓ 日本語 emoji 😀 quotes \"like\" 'these'",
            "a > b",
            " leading",
            "trailing ",
            "two  spaces",
            "a\nline",
            "tab\there",
            "nul\0byte",
            "x &amp; y",
            "<p>para",
        ] {
            assert_eq!(
                html_to_text(text),
                fragment_to_text(text, Links::WithAddress),
                "{text:?}"
            );
        }
    }
}
