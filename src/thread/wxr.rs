//! WordPress exports (WXR): an RSS file with one `<item>` per post, page or attachment, and
//! the post's comments as `<wp:comment>` elements that name their parent. Each item with
//! comments is a thread. Read as a stream: one item is held at a time.

use super::formats::{Family, FormatError, FormatSpec, Input, Options, Parse, Parsed, Report};
use super::html_text::{self, Links};
use super::sniff::{Head, Sniff};
use super::xml::{self, Ending, Event, FieldText};
use super::{CommentFields, Status, Thread, ThreadAssembler, ThreadFields, Timestamp};
use memchr::memmem;
use std::collections::HashSet;
use std::io::BufRead;

pub static SPEC: FormatSpec = FormatSpec {
    name: "wordpress",
    label: "WordPress export (WXR .xml)",
    family: Family::Xml,
    sniff,
    parse: Parse::Stream(parse),
    input: Input::Text,
};

/// An `<rss>` root with WordPress's export namespace or elements in the head.
fn sniff(head: &Head) -> Sniff {
    let Some(root) = xml::root_element(head.trimmed()) else {
        return Sniff::No;
    };
    let wordpress = [
        &b"wordpress.org/export/"[..],
        b"<wp:wxr_version",
        b"<wp:post_id",
        b"<wp:comment>",
    ]
    .iter()
    .any(|mark| memmem::find(head.bytes(), mark).is_some());
    if xml::local_part(&root) == "rss" && wordpress {
        Sniff::Sure
    } else {
        Sniff::No
    }
}

/// The elements read, by where they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Content,
    Creator,
    PostId,
    PostDate,
    PostDateGmt,
    CommentId,
    CommentParent,
    CommentAuthor,
    CommentDate,
    CommentDateGmt,
    CommentContent,
    CommentApproved,
    CommentType,
}

/// A child of `<item>` (names matched without their prefixes, which exports do not always
/// declare; `content:encoded` apart from `excerpt:encoded`).
fn item_field(local: &str, prefix: Option<&str>) -> Option<Field> {
    Some(match local {
        "title" => Field::Title,
        "link" => Field::Link,
        "encoded" if prefix == Some("content") => Field::Content,
        "creator" => Field::Creator,
        "post_id" => Field::PostId,
        "post_date" => Field::PostDate,
        "post_date_gmt" => Field::PostDateGmt,
        _ => return None,
    })
}

fn comment_field(local: &str) -> Option<Field> {
    Some(match local {
        "comment_id" => Field::CommentId,
        "comment_parent" => Field::CommentParent,
        "comment_author" => Field::CommentAuthor,
        "comment_date" => Field::CommentDate,
        "comment_date_gmt" => Field::CommentDateGmt,
        "comment_content" => Field::CommentContent,
        "comment_approved" => Field::CommentApproved,
        "comment_type" => Field::CommentType,
        _ => return None,
    })
}

/// What an item says of itself (reused from item to item).
#[derive(Default)]
struct ItemText {
    title: String,
    link: String,
    content: String,
    creator: String,
    post_id: String,
    date: String,
    date_gmt: String,
}

#[derive(Default)]
struct CommentText {
    id: String,
    parent: String,
    author: String,
    date: String,
    date_gmt: String,
    content: String,
    approved: String,
    kind: String,
}

/// The item being read.
struct Item {
    depth: usize,
    text: ItemText,
    /// Made at the first comment kept.
    comments: Option<ThreadAssembler>,
    /// Ids of the comments left out, and the parents replies named: a reply to a comment
    /// left out sits under a placeholder, which is said with the comments left out.
    left_out: HashSet<Box<str>>,
    reply_parents: Vec<Box<str>>,
}

/// What is said once the file is read.
#[derive(Default)]
struct Counts {
    pending: usize,
    spam: usize,
    trash: usize,
    under_left_out: usize,
    pingbacks: usize,
    bad_dates: usize,
    orphans: usize,
    items_without_comments: usize,
    items: usize,
}

struct Reader<'o> {
    options: &'o Options,
    threads: Vec<Thread>,
    item: Option<Item>,
    /// Kept between items so that their buffers are reused.
    spare: ItemText,
    /// The depth of the open `<wp:comment>`.
    comment: Option<usize>,
    comment_text: CommentText,
    /// The field being read and its depth.
    field: Option<(Field, usize)>,
    text: FieldText,
    counts: Counts,
}

fn parse(input: &mut dyn BufRead, options: &Options, report: &mut Report) -> Parsed {
    let mut reader = Reader {
        options,
        threads: Vec::new(),
        item: None,
        spare: ItemText::default(),
        comment: None,
        comment_text: CommentText::default(),
        field: None,
        text: FieldText::default(),
        counts: Counts::default(),
    };
    let ending = xml::read(input, |event| reader.event(event));
    if reader.counts.items == 0 && reader.item.is_none() {
        let why = ending
            .first_error()
            .map_or(String::new(), |e| format!(" ({e})"));
        return Err(FormatError::new(format!(
            "no <item> elements: not a WordPress export{why}"
        )));
    }
    reader.finish(&ending, report);
    Ok(reader.threads)
}

impl Reader<'_> {
    fn event(&mut self, event: Event) {
        match event {
            Event::Open(element) => {
                if self.field.is_some() {
                    // Markup inside a field (an export that did not escape its HTML): its
                    // text is read with the field.
                    return;
                }
                let depth = element.depth;
                let local = element.local_name();
                let Some(item) = &self.item else {
                    if local == "item" {
                        self.open_item(depth);
                    }
                    return;
                };
                if let Some(comment) = self.comment {
                    if depth == comment + 1
                        && let Some(field) = comment_field(local)
                    {
                        self.open_field(field, depth);
                    }
                } else if depth == item.depth + 1 {
                    if local == "comment" {
                        self.comment = Some(depth);
                        self.comment_text.clear();
                    } else if let Some(field) = item_field(local, element.prefix()) {
                        self.open_field(field, depth);
                    }
                }
            }
            // Empty fields read as empty, which they already are.
            Event::Empty(_) => {}
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
                if let Some(comment) = self.comment
                    && depth <= comment
                {
                    self.comment = None;
                    self.close_comment();
                }
                if self.item.as_ref().is_some_and(|item| depth <= item.depth) {
                    self.close_item();
                }
            }
        }
    }

    fn open_item(&mut self, depth: usize) {
        let mut text = std::mem::take(&mut self.spare);
        text.clear();
        self.item = Some(Item {
            depth,
            text,
            comments: None,
            left_out: HashSet::new(),
            reply_parents: Vec::new(),
        });
        self.counts.items += 1;
    }

    fn open_field(&mut self, field: Field, depth: usize) {
        self.field = Some((field, depth));
        self.text.clear();
    }

    fn store(&mut self, field: Field) {
        let Some(item) = &mut self.item else {
            return;
        };
        let c = &mut self.comment_text;
        let target = match field {
            Field::Title => &mut item.text.title,
            Field::Link => &mut item.text.link,
            Field::Content => &mut item.text.content,
            Field::Creator => &mut item.text.creator,
            Field::PostId => &mut item.text.post_id,
            Field::PostDate => &mut item.text.date,
            Field::PostDateGmt => &mut item.text.date_gmt,
            Field::CommentId => &mut c.id,
            Field::CommentParent => &mut c.parent,
            Field::CommentAuthor => &mut c.author,
            Field::CommentDate => &mut c.date,
            Field::CommentDateGmt => &mut c.date_gmt,
            Field::CommentContent => &mut c.content,
            Field::CommentApproved => &mut c.approved,
            Field::CommentType => &mut c.kind,
        };
        target.clear();
        target.push_str(self.text.as_str());
    }

    fn close_comment(&mut self) {
        let Some(item) = &mut self.item else {
            return;
        };
        let c = &self.comment_text;
        let counts = &mut self.counts;
        // Pingbacks and trackbacks are notes that another page linked here, not comments.
        if matches!(c.kind.trim(), "pingback" | "trackback") {
            counts.pingbacks += 1;
            return;
        }
        let status = match c.approved.trim() {
            "1" | "" | "approve" | "approved" => Status::Approved,
            "spam" => Status::Spam,
            "trash" | "post-trashed" => Status::Deleted,
            // "0", "hold", and anything else: not shown on the site.
            _ => Status::Pending,
        };
        let id = Some(c.id.trim()).filter(|id| !id.is_empty());
        if status != Status::Approved && !self.options.all_comments {
            match status {
                Status::Spam => counts.spam += 1,
                Status::Deleted => counts.trash += 1,
                _ => counts.pending += 1,
            }
            if let Some(id) = id {
                item.left_out.insert(id.into());
            }
            return;
        }
        let parent = Some(c.parent.trim()).filter(|p| !p.is_empty() && *p != "0");
        if let Some(parent) = parent {
            item.reply_parents.push(parent.into());
        }
        let time = wordpress_time(&c.date_gmt, &c.date, &mut counts.bad_dates);
        let body = html_text::autop_to_text(&c.content, Links::WithAddress);
        let author = Some(c.author.trim()).filter(|a| !a.is_empty());
        let fields = CommentFields {
            author,
            body: &body,
            time,
            id,
            status,
            ..CommentFields::default()
        };
        item.comments
            .get_or_insert_with(ThreadAssembler::new)
            .push_reply(id, parent, fields);
    }

    fn close_item(&mut self) {
        let Some(item) = self.item.take() else {
            return;
        };
        let Item {
            text,
            comments,
            left_out,
            reply_parents,
            ..
        } = item;
        let Some(mut comments) = comments else {
            self.counts.items_without_comments += 1;
            self.spare = text;
            return;
        };
        let mut bad_dates = 0;
        let time = wordpress_time(&text.date_gmt, &text.date, &mut bad_dates);
        let title = one_line(&html_text::fragment_to_text(&text.title, Links::TextOnly));
        let article = html_text::autop_to_text(&text.content, Links::WithAddress);
        let present = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
        let (author, id, url) = (
            present(&text.creator),
            present(&text.post_id),
            present(&text.link),
        );
        comments.set_thread(ThreadFields {
            title: &title,
            article: &article,
            author: author.as_deref(),
            time,
            id: id.as_deref(),
            url: url.as_deref(),
            ..ThreadFields::default()
        });
        let (thread, orphans) = comments.finish();
        let under_left_out = reply_parents
            .iter()
            .filter(|parent| left_out.contains(*parent))
            .count();
        self.counts.under_left_out += under_left_out;
        self.counts.orphans += orphans.saturating_sub(under_left_out);
        self.threads.push(thread);
        self.spare = text;
    }

    fn finish(&mut self, ending: &Ending, report: &mut Report) {
        let mut lost = String::new();
        if self.comment.take().is_some() {
            lost = ": the comment it ends in was left out".into();
        } else if self
            .item
            .as_ref()
            .is_some_and(|item| item.comments.is_none())
        {
            lost = ": the item it ends in was left out".into();
        }
        if self.item.is_some() {
            // The comments read before the cut are whole: keep them.
            self.counts.items -= 1;
            if self
                .item
                .as_ref()
                .is_some_and(|item| item.comments.is_some())
            {
                self.close_item();
            } else {
                self.item = None;
            }
        }
        let counts = &self.counts;
        let left_out = counts.pending + counts.spam + counts.trash;
        if left_out > 0 {
            let mut kinds = Vec::new();
            for (count, kind) in [
                (counts.pending, "pending"),
                (counts.spam, "spam"),
                (counts.trash, "in the trash"),
            ] {
                if count > 0 {
                    kinds.push(format!("{count} {kind}"));
                }
            }
            let mut note = format!(
                "{left_out} comment{} left out ({}; --all-comments shows them)",
                plural(left_out),
                kinds.join(", ")
            );
            if counts.under_left_out > 0 {
                note.push_str(&format!(
                    "; {} {} to them {} under {}",
                    counts.under_left_out,
                    if counts.under_left_out == 1 {
                        "reply"
                    } else {
                        "replies"
                    },
                    if counts.under_left_out == 1 {
                        "is"
                    } else {
                        "are"
                    },
                    if counts.under_left_out == 1 {
                        "a placeholder"
                    } else {
                        "placeholders"
                    },
                ));
            }
            report.note(note);
        }
        report.skipped(
            counts.pingbacks,
            "pingback or trackback",
            "pingbacks and trackbacks",
            "left out (they are not comments)",
        );
        report.skipped(
            counts.orphans,
            "reply whose parent is not in the file is",
            "replies whose parents are not in the file are",
            "under placeholders",
        );
        report.skipped(
            counts.bad_dates,
            "date could not be read: its comment is",
            "dates could not be read: their comments are",
            "shown without a time",
        );
        report.skipped(
            self.text.cut_fields,
            "text longer than 16 MiB was",
            "texts longer than 16 MiB were",
            "cut short",
        );
        if self.threads.is_empty() {
            report.note(format!(
                "no post in this export has comments ({} item{})",
                counts.items,
                plural(counts.items)
            ));
        } else {
            report.skipped(
                counts.items_without_comments,
                "item without comments (a post, page or attachment) is",
                "items without comments (posts, pages, attachments...) are",
                "not listed",
            );
        }
        if let Some(note) = ending.describe(&lost) {
            report.note(note);
        }
    }
}

impl ItemText {
    fn clear(&mut self) {
        for text in [
            &mut self.title,
            &mut self.link,
            &mut self.content,
            &mut self.creator,
            &mut self.post_id,
            &mut self.date,
            &mut self.date_gmt,
        ] {
            text.clear();
        }
    }
}

impl CommentText {
    fn clear(&mut self) {
        for text in [
            &mut self.id,
            &mut self.parent,
            &mut self.author,
            &mut self.date,
            &mut self.date_gmt,
            &mut self.content,
            &mut self.approved,
            &mut self.kind,
        ] {
            text.clear();
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// Titles are one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// WordPress writes a time twice: in UTC (`*_gmt`, `0000-00-00 00:00:00` when unknown) and in
/// the site's time zone without an offset. The UTC one when there is one; a date that does
/// not read is counted in `bad`.
fn wordpress_time(gmt: &str, local: &str, bad: &mut usize) -> Option<Timestamp> {
    let unknown = |s: &str| s.is_empty() || s.starts_with("0000-00-00");
    let (gmt, local) = (gmt.trim(), local.trim());
    if !unknown(gmt)
        && let Some(time) = Timestamp::parse_iso(gmt)
    {
        if time.offset().is_some() {
            return Some(time);
        }
        let (y, mo, d, h, mi, s) = time.civil();
        return Timestamp::from_parts(y, mo, d, h, mi, s, Some(0));
    }
    if !unknown(local)
        && let Some(time) = Timestamp::parse_iso(local)
    {
        return Some(time);
    }
    if !unknown(gmt) || !unknown(local) {
        *bad += 1;
    }
    None
}
