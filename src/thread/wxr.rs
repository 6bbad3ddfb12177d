//! WordPress exports (WXR): an RSS file with one `<item>` per post, page or attachment, and
//! the post's comments as `<wp:comment>` elements that name their parent. Each item with
//! comments is a thread. Read as a stream: the XML is read into records (an item's fields,
//! each comment, the item's end) on the calling thread, and another thread makes them into
//! threads, one item at a time.

use super::budget::CommentBudget;
use super::formats::{Family, FormatError, FormatSpec, Input, Options, Parse, Parsed, Report};
use super::html_text::{self, Links};
use super::sniff::{Head, Sniff};
use super::xml::{self, Batch, Batches, Ending, Event, RecordReader, Records, Span};
use super::{CommentFields, Status, Thread, ThreadAssembler, ThreadFields, Timestamp};
use memchr::memmem;
use std::collections::{HashMap, HashSet};
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

/// A child of `<item>` that is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ItemField {
    Title,
    Link,
    Content,
    Creator,
    PostId,
    PostDate,
    PostDateGmt,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CommentField {
    Id,
    Parent,
    Author,
    Date,
    DateGmt,
    Content,
    Approved,
    Kind,
}

/// Names are matched without their prefixes, which exports do not always declare;
/// `content:encoded` apart from `excerpt:encoded`.
fn item_field(local: &str, prefix: Option<&str>) -> Option<ItemField> {
    Some(match local {
        "title" => ItemField::Title,
        "link" => ItemField::Link,
        "encoded" if prefix == Some("content") => ItemField::Content,
        "creator" => ItemField::Creator,
        "post_id" => ItemField::PostId,
        "post_date" => ItemField::PostDate,
        "post_date_gmt" => ItemField::PostDateGmt,
        _ => return None,
    })
}

fn comment_field(local: &str) -> Option<CommentField> {
    Some(match local {
        "comment_id" => CommentField::Id,
        "comment_parent" => CommentField::Parent,
        "comment_author" => CommentField::Author,
        "comment_date" => CommentField::Date,
        "comment_date_gmt" => CommentField::DateGmt,
        "comment_content" => CommentField::Content,
        "comment_approved" => CommentField::Approved,
        "comment_type" => CommentField::Kind,
        _ => return None,
    })
}

/// A comment's fields, as spans of its batch's text.
#[derive(Clone, Copy, Debug, Default)]
struct CommentSpans {
    id: Span,
    parent: Span,
    author: Span,
    date: Span,
    date_gmt: Span,
    content: Span,
    approved: Span,
    kind: Span,
}

impl CommentSpans {
    fn set(&mut self, field: CommentField, span: Span) {
        *match field {
            CommentField::Id => &mut self.id,
            CommentField::Parent => &mut self.parent,
            CommentField::Author => &mut self.author,
            CommentField::Date => &mut self.date,
            CommentField::DateGmt => &mut self.date_gmt,
            CommentField::Content => &mut self.content,
            CommentField::Approved => &mut self.approved,
            CommentField::Kind => &mut self.kind,
        } = span;
    }
}

/// What the XML side hands over, in file order.
enum Record {
    /// A `<wp:author>` of the channel: a login (what `dc:creator` names) and the name shown.
    Author {
        login: Span,
        name: Span,
    },
    ItemStart,
    ItemField(ItemField, Span),
    Comment(CommentSpans),
    ItemEnd,
    /// The XML ended inside an item (and inside one of its comments, when `in_comment`).
    Cut {
        in_comment: bool,
    },
}

/// A field being read: of the item, or of its open comment.
#[derive(Clone, Copy)]
enum Target {
    Item(ItemField),
    Comment(CommentField),
    /// `wp:author_login` (true) or `wp:author_display_name`.
    Author {
        login: bool,
    },
}

/// The XML side: where in the file the reader is.
#[derive(Default)]
struct XmlSide {
    /// The depth of the open `<wp:author>` (outside items), and its login and name.
    author: Option<usize>,
    author_spans: (Span, Span),
    /// The depth of the open `<item>`, and of its open `<wp:comment>`.
    item: Option<usize>,
    comment: Option<usize>,
    comment_spans: CommentSpans,
    /// The field being read and its depth.
    field: Option<(Target, usize)>,
    items: usize,
}

impl RecordReader<Record> for XmlSide {
    fn event(&mut self, event: Event, records: &mut Records<Record>) {
        match event {
            Event::Open(element) => {
                if self.field.is_some() {
                    // Markup inside a field (an export that did not escape its HTML): its
                    // text is read with the field.
                    return;
                }
                let depth = element.depth;
                let local = element.local_name();
                let Some(item) = self.item else {
                    let field = match (local, self.author) {
                        ("item", None) => {
                            self.item = Some(depth);
                            self.items += 1;
                            records.push(Record::ItemStart);
                            return;
                        }
                        ("author", None) => {
                            self.author = Some(depth);
                            self.author_spans = Default::default();
                            return;
                        }
                        ("author_login", Some(at)) if depth == at + 1 => {
                            Target::Author { login: true }
                        }
                        ("author_display_name", Some(at)) if depth == at + 1 => {
                            Target::Author { login: false }
                        }
                        _ => return,
                    };
                    self.field = Some((field, depth));
                    records.begin_field();
                    return;
                };
                let target = if let Some(comment) = self.comment {
                    comment_field(local)
                        .filter(|_| depth == comment + 1)
                        .map(Target::Comment)
                } else if depth != item + 1 {
                    None
                } else if local == "comment" {
                    self.comment = Some(depth);
                    self.comment_spans = CommentSpans::default();
                    None
                } else {
                    item_field(local, element.prefix()).map(Target::Item)
                };
                if let Some(target) = target {
                    self.field = Some((target, depth));
                    records.begin_field();
                }
            }
            // Empty fields read as empty, which they already are.
            Event::Empty(_) => {}
            Event::Text(text) => {
                if self.field.is_some() {
                    records.push_text(&text);
                }
            }
            Event::Close { depth } => {
                if let Some((target, at)) = self.field
                    && depth <= at
                {
                    self.field = None;
                    let span = records.end_field();
                    match target {
                        Target::Item(field) => records.push(Record::ItemField(field, span)),
                        Target::Comment(field) => self.comment_spans.set(field, span),
                        Target::Author { login: true } => self.author_spans.0 = span,
                        Target::Author { login: false } => self.author_spans.1 = span,
                    }
                }
                if self.author.is_some_and(|author| depth <= author) {
                    self.author = None;
                    let (login, name) = self.author_spans;
                    records.push(Record::Author { login, name });
                }
                if self.comment.is_some_and(|comment| depth <= comment) {
                    self.comment = None;
                    records.push(Record::Comment(self.comment_spans));
                }
                if self.item.is_some_and(|item| depth <= item) {
                    self.item = None;
                    records.push(Record::ItemEnd);
                }
            }
        }
    }

    fn end(&mut self, _ending: &Ending, records: &mut Records<Record>) {
        if self.item.is_some() {
            records.push(Record::Cut {
                in_comment: self.comment.is_some(),
            });
        }
    }
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

    fn set(&mut self, field: ItemField, text: &str) {
        let target = match field {
            ItemField::Title => &mut self.title,
            ItemField::Link => &mut self.link,
            ItemField::Content => &mut self.content,
            ItemField::Creator => &mut self.creator,
            ItemField::PostId => &mut self.post_id,
            ItemField::PostDate => &mut self.date,
            ItemField::PostDateGmt => &mut self.date_gmt,
        };
        target.clear();
        target.push_str(text);
    }
}

/// The item being built.
struct Item {
    text: ItemText,
    /// Made at the first comment kept.
    comments: Option<ThreadAssembler>,
    /// Ids of the comments left out (moderated ones, and pingbacks), and the parents replies
    /// named: a reply to a comment left out sits under a placeholder, which is said with the
    /// comments left out.
    left_out: HashSet<Box<str>>,
    pingbacks: HashSet<Box<str>>,
    /// Each ended by a NUL, which no text holds.
    reply_parents: String,
}

/// What is said once the file is read.
#[derive(Default)]
struct Counts {
    pending: usize,
    spam: usize,
    trash: usize,
    under_left_out: usize,
    pingbacks: usize,
    under_pingbacks: usize,
    bad_dates: usize,
    orphans: usize,
    items_without_comments: usize,
    items: usize,
}

/// The building side: records to threads.
struct Builder<'o> {
    options: &'o Options,
    threads: Vec<Thread>,
    item: Option<Item>,
    /// Kept between items so that their buffers are reused.
    spare: ItemText,
    counts: Counts,
    /// What the cut at the end of the file took, for the report.
    lost: &'static str,
    /// The names shown for the logins `dc:creator` gives.
    authors: HashMap<String, String>,
    /// The file's comment budget, which every thread takes from.
    budget: CommentBudget,
}

fn parse(input: &mut dyn BufRead, options: &Options, report: &mut Report) -> Parsed {
    let mut xml = XmlSide::default();
    let budget = report.budget();
    let (ending, cut_fields, built) = xml::read_records(input, &mut xml, |batches| {
        let mut builder = Builder {
            options,
            threads: Vec::new(),
            item: None,
            spare: ItemText::default(),
            counts: Counts::default(),
            lost: "",
            authors: HashMap::new(),
            budget,
        };
        builder.build(batches);
        builder
    });
    if xml.items == 0 && ending.is_cut_short() && ending.first_error().is_none() {
        return Err(FormatError::new(
            "the file ends before its first <item> (cut short?)",
        ));
    }
    if xml.items == 0 {
        let why = ending
            .first_error()
            .map_or(String::new(), |e| format!(" ({e})"));
        return Err(FormatError::new(format!(
            "no <item> elements: not a WordPress export{why}"
        )));
    }
    built.report(&ending, cut_fields, report);
    Ok(built.threads)
}

impl Builder<'_> {
    fn build(&mut self, mut batches: Batches<Record>) {
        while let Some(batch) = batches.next() {
            for record in &batch.records {
                match *record {
                    Record::Author { login, name } => {
                        let (login, name) = (batch.get(login).trim(), batch.get(name).trim());
                        if !login.is_empty() && !name.is_empty() {
                            self.authors.insert(login.to_string(), name.to_string());
                        }
                    }
                    Record::ItemStart => {
                        let mut text = std::mem::take(&mut self.spare);
                        text.clear();
                        self.item = Some(Item {
                            text,
                            comments: None,
                            left_out: HashSet::new(),
                            pingbacks: HashSet::new(),
                            reply_parents: String::new(),
                        });
                        self.counts.items += 1;
                    }
                    Record::ItemField(field, span) => {
                        if let Some(item) = &mut self.item {
                            item.text.set(field, batch.get(span));
                        }
                    }
                    Record::Comment(spans) => self.comment(batch, &spans),
                    Record::ItemEnd => self.close_item(),
                    Record::Cut { in_comment } => self.cut(in_comment),
                }
            }
        }
    }

    fn comment(&mut self, batch: &Batch<Record>, spans: &CommentSpans) {
        let Some(item) = &mut self.item else {
            return;
        };
        let text = |span: Span| batch.get(span).trim();
        let counts = &mut self.counts;
        let id = Some(text(spans.id)).filter(|id| !id.is_empty());
        // Pingbacks and trackbacks are notes that another page linked here, not comments.
        if matches!(text(spans.kind), "pingback" | "trackback") {
            counts.pingbacks += 1;
            if let Some(id) = id {
                item.pingbacks.insert(id.into());
            }
            return;
        }
        let status = match text(spans.approved) {
            "1" | "" | "approve" | "approved" => Status::Approved,
            "spam" => Status::Spam,
            "trash" | "post-trashed" => Status::Deleted,
            // "0", "hold", and anything else: not shown on the site.
            _ => Status::Pending,
        };
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
        let parent = Some(text(spans.parent)).filter(|p| !p.is_empty() && *p != "0");
        if let Some(parent) = parent {
            item.reply_parents.push_str(parent);
            item.reply_parents.push('\0');
        }
        let time = wordpress_time(
            text(spans.date_gmt),
            text(spans.date),
            &mut counts.bad_dates,
        );
        let body = html_text::autop_to_text(batch.get(spans.content), Links::WithAddress);
        let fields = CommentFields {
            author: Some(text(spans.author)).filter(|a| !a.is_empty()),
            body: &body,
            time,
            id,
            status,
            ..CommentFields::default()
        };
        item.comments
            .get_or_insert_with(|| ThreadAssembler::new(self.budget.clone()))
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
            pingbacks,
            reply_parents,
        } = item;
        let Some(mut comments) = comments else {
            self.counts.items_without_comments += 1;
            self.spare = text;
            return;
        };
        let mut bad_dates = 0;
        let time = wordpress_time(&text.date_gmt, &text.date, &mut bad_dates);
        let title = xml::one_line(&html_text::fragment_to_text(&text.title, Links::TextOnly));
        let article = html_text::autop_to_text(&text.content, Links::WithAddress);
        let present = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
        let author =
            present(&text.creator).map(|login| self.authors.get(&login).cloned().unwrap_or(login));
        let (id, url) = (present(&text.post_id), present(&text.link));
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
        let replies_to = |left: &HashSet<Box<str>>| {
            reply_parents
                .split_terminator('\0')
                .filter(|parent| left.contains(*parent))
                .count()
        };
        let (under_left_out, under_pingbacks) = (replies_to(&left_out), replies_to(&pingbacks));
        self.counts.under_left_out += under_left_out;
        self.counts.under_pingbacks += under_pingbacks;
        self.counts.orphans += orphans.saturating_sub(under_left_out + under_pingbacks);
        self.threads.push(thread);
        self.spare = text;
    }

    /// The file ended inside the item: the comments read before the cut are whole, so an
    /// item with comments is kept; one without is left out, not counted.
    fn cut(&mut self, in_comment: bool) {
        let Some(item) = &self.item else {
            return;
        };
        self.lost = if in_comment {
            ": the comment it ends in was left out"
        } else if item.comments.is_none() {
            ": the item it ends in was left out"
        } else {
            ""
        };
        self.counts.items -= 1;
        if item.comments.is_some() {
            self.close_item();
        } else {
            self.item = None;
        }
    }

    fn report(&self, ending: &Ending, cut_fields: usize, report: &mut Report) {
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
                    kinds.push(format!("{} {kind}", crate::text::thousands(count)));
                }
            }
            let mut note = format!(
                "{} comment{} left out ({}; --all-comments shows them)",
                crate::text::thousands(left_out),
                xml::plural(left_out),
                kinds.join(", ")
            );
            note.push_str(&xml::replies_under_placeholders(counts.under_left_out));
            report.note(note);
        }
        if counts.pingbacks > 0 {
            report.note(format!(
                "{} left out (they are not comments){}",
                if counts.pingbacks == 1 {
                    "1 pingback or trackback".to_string()
                } else {
                    format!("{} pingbacks and trackbacks", counts.pingbacks)
                },
                xml::replies_under_placeholders(counts.under_pingbacks)
            ));
        }
        xml::note_orphans(report, counts.orphans);
        report.skipped(
            counts.bad_dates,
            "date could not be read: its comment is",
            "dates could not be read: their comments are",
            "shown without a time",
        );
        report.skipped(
            cut_fields,
            "text longer than 16 MiB was",
            "texts longer than 16 MiB were",
            "cut short",
        );
        if self.threads.is_empty() {
            report.note(format!(
                "no post in this export has comments ({} item{})",
                counts.items,
                xml::plural(counts.items)
            ));
        } else {
            report.skipped(
                counts.items_without_comments,
                "item without comments (a post, page or attachment) is",
                "items without comments (posts, pages, attachments...) are",
                "not listed",
            );
        }
        if let Some(note) = ending.describe(self.lost) {
            report.note(note);
        }
    }
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
