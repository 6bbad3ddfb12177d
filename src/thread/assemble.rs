//! The way in for formats that hand over whole comments: by depth in page order (a nested
//! page or JSON tree), or with their own ids and their parents' ids in any order (exports,
//! mail archives). Text is copied into the thread's buffer as it arrives; a tree given by
//! parent ids is put in pre-order once, at the end, without recursion.

use super::Timestamp;
use super::budget::CommentBudget;
use super::builder::finish_nodes;
use super::output::Output;
use super::{Details, NO_PARENT, Node, Status, TextRange, Thread, ThreadBuilder, ThreadInfo};
use std::collections::HashMap;

/// One comment as a format reads it. Only `body` is required.
#[derive(Clone, Copy, Debug, Default)]
pub struct CommentFields<'a> {
    pub author: Option<&'a str>,
    pub body: &'a str,
    pub time: Option<Timestamp>,
    /// The source's id, shown and dumped (`comment-123`).
    pub id: Option<&'a str>,
    pub url: Option<&'a str>,
    pub score: Option<i64>,
    /// Replies the source counts that are not in the file.
    pub more_replies: u32,
    pub status: Status,
}

/// What a format knows of the thread itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct ThreadFields<'a> {
    pub title: &'a str,
    /// The date line shown above the title, as written.
    pub date: Option<&'a str>,
    pub article: &'a str,
    pub author: Option<&'a str>,
    pub time: Option<Timestamp>,
    pub id: Option<&'a str>,
    pub url: Option<&'a str>,
    pub score: Option<i64>,
    pub more_replies: u32,
}

/// A node as it arrived, before the tree is known.
struct Pending {
    node: Node,
    /// Index of the parent key in `keys`, when the comment named one.
    parent_key: Option<u32>,
}

/// Collects one thread's comments. Use either [`push_at_level`](Self::push_at_level) for
/// every comment, or [`push_reply`](Self::push_reply) for every comment: not both.
pub struct ThreadAssembler {
    out: Output,
    info: ThreadInfo,
    /// Parent mode takes from it here; depth mode in the builder.
    budget: CommentBudget,
    /// Depth mode: nodes go straight into the arena.
    builder: ThreadBuilder,
    /// Parent mode: nodes in arrival order, with details by arrival index.
    pending: Vec<Pending>,
    pending_details: Details,
    /// Source keys seen, as ids into `key_owner`.
    keys: HashMap<Box<str>, u32>,
    /// For each key id, the arrival index of the comment that has it.
    key_owner: Vec<u32>,
    /// Replies whose parent never showed up, or that formed a cycle.
    orphans: usize,
}

/// Marks a key id that no comment has claimed (yet).
const UNCLAIMED: u32 = u32::MAX;

impl ThreadAssembler {
    /// An assembler whose comments take from `budget` (the file's: see
    /// [`Report::budget`](super::Report::budget)); those past it are counted, not kept.
    pub fn new(budget: CommentBudget) -> Self {
        ThreadAssembler {
            out: Output::default(),
            info: ThreadInfo::default(),
            budget: budget.clone(),
            builder: ThreadBuilder::new(budget),
            pending: Vec::new(),
            pending_details: Details::default(),
            keys: HashMap::new(),
            key_owner: Vec::new(),
            orphans: 0,
        }
    }

    fn optional(&mut self, text: Option<&str>) -> Option<TextRange> {
        text.map(|text| self.out.emit(text))
    }

    /// Sets what is known of the thread (title, article...). May be called at any time.
    pub fn set_thread(&mut self, fields: ThreadFields) {
        self.info = ThreadInfo {
            title: self.out.emit(fields.title),
            date: self.optional(fields.date),
            article: self.out.emit(fields.article),
            author: fields.author.map(|name| self.out.emit_name(name)),
            time: fields.time,
            id: self.optional(fields.id),
            url: self.optional(fields.url),
            score: fields.score,
            more_replies: fields.more_replies,
        };
    }

    /// Top-level comments the source counts that are not in the file.
    pub fn add_more_top_level(&mut self, count: u32) {
        self.info.more_replies = self.info.more_replies.saturating_add(count);
    }

    fn node(&mut self, fields: &CommentFields) -> Node {
        Node {
            author: fields.author.map(|name| self.out.emit_name(name)),
            body: self.out.emit(fields.body),
            parent: NO_PARENT,
            depth: 1,
            subtree_end: 0,
            missing: false,
        }
    }

    fn record_details(details: &mut Details, out: &mut Output, at: usize, fields: &CommentFields) {
        details.time.set(at, fields.time);
        if let Some(id) = fields.id {
            details.id.set(at, Some(out.emit(id)));
        }
        if let Some(url) = fields.url {
            details.url.set(at, Some(out.emit(url)));
        }
        details.score.set(at, fields.score);
        details.more_replies.set(at, fields.more_replies);
        details.status.set(at, fields.status);
    }

    /// Adds a comment at page level `level` (1 = top level), in page order. Returns a handle
    /// for [`add_more_replies`](Self::add_more_replies).
    pub fn push_at_level(&mut self, level: usize, fields: CommentFields) -> usize {
        if !self.builder.has_room() {
            // Counted, not kept: its text is not copied either.
            return self.builder.push(level, None, TextRange::EMPTY);
        }
        let node = self.node(&fields);
        let id = self.builder.push(level, node.author, node.body);
        Self::record_details(self.builder.details_mut(), &mut self.out, id, &fields);
        id
    }

    /// Completes a comment pushed before all its fields were read: JSON that puts a comment's
    /// replies before its text (Reddit's does) has it pushed when the replies begin, so that
    /// they follow it in page order, and completed once its object ends. Sets the author,
    /// body, time, id, url and score that `fields` has (a non-empty body), adds its
    /// `more_replies`, and sets its status.
    pub fn complete(&mut self, handle: usize, fields: CommentFields) {
        if self.pending.is_empty() && !self.builder.keeps(handle) {
            return;
        }
        let author = fields.author.map(|name| self.out.emit_name(name));
        let body = (!fields.body.is_empty()).then(|| self.out.emit(fields.body));
        let details = if self.pending.is_empty() {
            if author.is_some() {
                self.builder.set_author(handle, author);
            }
            if let Some(body) = body {
                self.builder.set_body(handle, body);
            }
            self.builder.details_mut()
        } else {
            let Some(pending) = self.pending.get_mut(handle) else {
                return;
            };
            if author.is_some() {
                pending.node.author = author;
            }
            if let Some(body) = body {
                pending.node.body = body;
            }
            &mut self.pending_details
        };
        if fields.time.is_some() {
            details.time.set(handle, fields.time);
        }
        if let Some(id) = fields.id {
            details.id.set(handle, Some(self.out.emit(id)));
        }
        if let Some(url) = fields.url {
            details.url.set(handle, Some(self.out.emit(url)));
        }
        if fields.score.is_some() {
            details.score.set(handle, fields.score);
        }
        let more = details.more_replies.get(handle);
        details
            .more_replies
            .set(handle, more.saturating_add(fields.more_replies));
        details.status.set(handle, fields.status);
    }

    /// Makes a comment pushed at a level before its fields were read a placeholder: the file
    /// broke off inside its replies, before anything of it came.
    pub fn mark_missing(&mut self, handle: usize) {
        if self.pending.is_empty() && handle < self.builder.len() {
            self.builder.set_missing(handle, true);
        }
    }

    /// Adds a comment with the source's key for it and its parent's key (None for a
    /// top-level comment), in any order: a reply may come before its parent.
    pub fn push_reply(
        &mut self,
        key: Option<&str>,
        parent: Option<&str>,
        fields: CommentFields,
    ) -> usize {
        let at = self.pending.len();
        if !self.budget.take() {
            // Not kept: the handle names no comment.
            return usize::MAX;
        }
        let node = self.node(&fields);
        Self::record_details(&mut self.pending_details, &mut self.out, at, &fields);
        let parent_key = parent.map(|parent| self.key_id(parent));
        if let Some(key) = key {
            let key = self.key_id(key);
            // The first comment to claim a key keeps it.
            if self.key_owner[key as usize] == UNCLAIMED {
                self.key_owner[key as usize] = at as u32;
            }
        }
        self.pending.push(Pending { node, parent_key });
        at
    }

    fn key_id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.keys.get(key) {
            return id;
        }
        let id = self.key_owner.len() as u32;
        self.keys.insert(key.into(), id);
        self.key_owner.push(UNCLAIMED);
        id
    }

    /// Replies to the comment `handle` that the source counts but are not in the file.
    pub fn add_more_replies(&mut self, handle: usize, count: u32) {
        if handle >= self.len() {
            return;
        }
        let details = if self.pending.is_empty() {
            self.builder.details_mut()
        } else {
            &mut self.pending_details
        };
        let now = details.more_replies.get(handle);
        details.more_replies.set(handle, now.saturating_add(count));
    }

    /// Comments added so far.
    pub fn len(&self) -> usize {
        self.builder.len() + self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Replies put under a placeholder because their parent is not in the file (or because
    /// their parents formed a cycle). Known once the thread is finished.
    pub fn orphans(&self) -> usize {
        self.orphans
    }

    /// Whether more text was kept than a thread can address.
    pub fn overflowed(&self) -> bool {
        self.out.overflowed()
    }

    /// The thread, with a tree given by parent ids put in pre-order: siblings keep the order
    /// they arrived in; a reply whose parent is missing goes under a placeholder for it.
    pub fn finish(mut self) -> (Thread, usize) {
        if self.pending.is_empty() {
            let text = self.out.into_text();
            return (self.builder.finish(text, self.info), 0);
        }
        let count = self.pending.len();
        // Parent of each comment as an index: arrival index, a placeholder index past the
        // comments (one per missing parent key), or none.
        let mut placeholder_of_key: HashMap<u32, u32> = HashMap::new();
        let mut placeholders = 0u32;
        let mut parent_of: Vec<u32> = Vec::with_capacity(count);
        for (at, pending) in self.pending.iter().enumerate() {
            let parent = match pending.parent_key {
                None => NO_PARENT,
                Some(key) => match self.key_owner[key as usize] {
                    owner if owner != UNCLAIMED && owner as usize != at => owner,
                    // Its own parent: read as top level.
                    owner if owner != UNCLAIMED => NO_PARENT,
                    _ => {
                        self.orphans += 1;
                        *placeholder_of_key.entry(key).or_insert_with(|| {
                            placeholders += 1;
                            count as u32 + placeholders - 1
                        })
                    }
                },
            };
            parent_of.push(parent);
        }
        let total = count + placeholders as usize;
        // Children lists in arrival order, linked through `first_child`/`next_sibling`.
        let mut first_child = vec![NO_PARENT; total];
        let mut last_child = vec![NO_PARENT; total];
        let mut next_sibling = vec![NO_PARENT; total];
        // Roots in arrival order; a placeholder takes the place of its first reply.
        let mut roots: Vec<u32> = Vec::new();
        for (at, &parent) in parent_of.iter().enumerate() {
            let at = at as u32;
            if parent == NO_PARENT {
                roots.push(at);
                continue;
            }
            let p = parent as usize;
            if first_child[p] == NO_PARENT {
                if p >= count {
                    roots.push(parent);
                }
                first_child[p] = at;
            } else {
                next_sibling[last_child[p] as usize] = at;
            }
            last_child[p] = at;
        }
        // Pre-order walk with an explicit stack; whatever is not reached sits on a cycle.
        let mut order: Vec<u32> = Vec::with_capacity(total);
        let mut depth_of: Vec<u32> = Vec::with_capacity(total);
        let mut seen = vec![false; total];
        let mut stack: Vec<(u32, u32)> = Vec::new();
        let mut children: Vec<u32> = Vec::new();
        let cycle_starts = (0..count as u32).filter(|&at| parent_of[at as usize] != NO_PARENT);
        for root in roots.iter().copied().chain(cycle_starts) {
            if seen[root as usize] {
                continue;
            }
            if (root as usize) < count && parent_of[root as usize] != NO_PARENT {
                // Not reached from a root: on a cycle. Break it here, as a top-level comment.
                self.orphans += 1;
            }
            stack.push((root, 1));
            while let Some((node, depth)) = stack.pop() {
                if std::mem::replace(&mut seen[node as usize], true) {
                    continue;
                }
                order.push(node);
                depth_of.push(depth);
                // Pushed in reverse so the first reply is visited first.
                children.clear();
                let mut child = first_child[node as usize];
                while child != NO_PARENT {
                    children.push(child);
                    child = next_sibling[child as usize];
                }
                stack.extend(children.iter().rev().map(|&c| (c, depth + 1)));
            }
        }
        // Nodes in pre-order, each parent the nearest open node one level up.
        let mut nodes: Vec<Node> = Vec::with_capacity(total);
        let mut missing: Vec<u32> = Vec::new();
        let mut path: Vec<u32> = Vec::new();
        for (new, (&old, &depth)) in order.iter().zip(&depth_of).enumerate() {
            path.truncate(depth as usize - 1);
            let parent = path.last().copied().unwrap_or(NO_PARENT);
            let node = if (old as usize) < count {
                Node {
                    parent,
                    depth,
                    ..self.pending[old as usize].node.clone()
                }
            } else {
                missing.push(new as u32);
                Node {
                    author: None,
                    body: TextRange::EMPTY,
                    parent,
                    depth,
                    subtree_end: 0,
                    missing: true,
                }
            };
            nodes.push(node);
            path.push(new as u32);
        }
        let details = self.pending_details.reordered(&order);
        let text = self.out.into_text();
        let thread = finish_nodes(nodes, missing, details, text, self.info);
        (thread, self.orphans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(thread: &Thread) -> Vec<String> {
        (0..thread.len())
            .map(|id| {
                let name = if thread.is_missing(id) {
                    "?".to_string()
                } else {
                    thread.body(id).to_string()
                };
                format!("{}{name}", "  ".repeat(thread.depth(id) - 1))
            })
            .collect()
    }

    fn reply<'a>(body: &'a str) -> CommentFields<'a> {
        CommentFields {
            body,
            ..CommentFields::default()
        }
    }

    #[test]
    fn replies_before_their_parents_find_them() {
        let mut assembler = ThreadAssembler::new(CommentBudget::unlimited());
        assembler.push_reply(Some("3"), Some("1"), reply("c"));
        assembler.push_reply(Some("1"), None, reply("a"));
        assembler.push_reply(Some("2"), None, reply("b"));
        assembler.push_reply(Some("4"), Some("3"), reply("d"));
        assembler.push_reply(Some("5"), Some("1"), reply("e"));
        let (thread, orphans) = assembler.finish();
        assert_eq!(shape(&thread), ["a", "  c", "    d", "  e", "b"]);
        assert_eq!(orphans, 0);
    }

    #[test]
    fn missing_parents_become_placeholders_and_cycles_are_broken() {
        let mut assembler = ThreadAssembler::new(CommentBudget::unlimited());
        assembler.push_reply(Some("1"), None, reply("a"));
        assembler.push_reply(Some("2"), Some("gone"), reply("b"));
        assembler.push_reply(Some("3"), Some("gone"), reply("c"));
        assembler.push_reply(Some("4"), Some("5"), reply("d"));
        assembler.push_reply(Some("5"), Some("4"), reply("e"));
        assembler.push_reply(Some("6"), Some("6"), reply("f"));
        let (thread, orphans) = assembler.finish();
        assert_eq!(shape(&thread), ["a", "?", "  b", "  c", "f", "d", "  e"]);
        assert_eq!(orphans, 3);
        assert_eq!(thread.comment_count(), 6);
    }

    #[test]
    fn a_comment_pushed_before_its_fields_is_completed_in_place() {
        let mut assembler = ThreadAssembler::new(CommentBudget::unlimited());
        let parent = assembler.push_at_level(1, reply(""));
        assembler.push_at_level(2, reply("child"));
        assembler.add_more_replies(parent, 4);
        assembler.complete(
            parent,
            CommentFields {
                author: Some("Ann"),
                body: "parent",
                id: Some("p1"),
                score: Some(3),
                more_replies: 1,
                status: Status::Deleted,
                ..CommentFields::default()
            },
        );
        let (thread, _) = assembler.finish();
        assert_eq!(shape(&thread), ["parent", "  child"]);
        assert_eq!(thread.author(0), Some("Ann"));
        assert_eq!(thread.comment_id(0), Some("p1"));
        assert_eq!(thread.score(0), Some(3));
        assert_eq!(thread.more_replies(0), 5);
        assert_eq!(thread.status(0), Status::Deleted);
        assert_eq!(thread.status(1), Status::Approved);
    }

    #[test]
    fn details_follow_their_comments_into_pre_order() {
        let mut assembler = ThreadAssembler::new(CommentBudget::unlimited());
        let time = Timestamp::parse_iso("2020-01-02T03:04:05Z");
        assembler.push_reply(
            Some("2"),
            Some("1"),
            CommentFields {
                body: "reply",
                id: Some("c2"),
                time,
                score: Some(-3),
                ..CommentFields::default()
            },
        );
        let parent = assembler.push_reply(Some("1"), None, reply("parent"));
        assembler.add_more_replies(parent, 7);
        let (thread, _) = assembler.finish();
        assert_eq!(thread.body(1), "reply");
        assert_eq!(thread.comment_id(1), Some("c2"));
        assert_eq!(thread.time(1), time);
        assert_eq!(thread.score(1), Some(-3));
        assert_eq!(thread.more_replies(0), 7);
        assert_eq!(thread.comment_id(0), None);
    }

    #[test]
    fn replies_past_the_budget_are_counted_not_kept() {
        let budget = CommentBudget::with_limit(2, "file");
        let mut assembler = ThreadAssembler::new(budget.clone());
        assembler.push_reply(Some("1"), None, reply("a"));
        assembler.push_reply(Some("2"), Some("1"), reply("b"));
        let past = assembler.push_reply(Some("3"), Some("2"), reply("c"));
        assembler.add_more_replies(past, 4);
        assembler.complete(past, reply("changed"));
        let (thread, orphans) = assembler.finish();
        assert_eq!(shape(&thread), ["a", "  b"]);
        assert_eq!(orphans, 0);
        assert_eq!(budget.dropped(), 1);
    }

    #[test]
    fn comments_at_levels_past_the_budget_copy_no_text() {
        let budget = CommentBudget::with_limit(1, "file");
        let mut assembler = ThreadAssembler::new(budget.clone());
        assembler.push_at_level(1, reply("kept"));
        let past = assembler.push_at_level(2, reply("not kept"));
        assembler.complete(past, reply("nor this"));
        assembler.add_more_replies(past, 3);
        let (thread, _) = assembler.finish();
        assert_eq!(shape(&thread), ["kept"]);
        assert_eq!(thread.more_replies(0), 0);
        assert_eq!(thread.text_len(), "kept".len());
        assert_eq!(budget.dropped(), 1);
    }
}
