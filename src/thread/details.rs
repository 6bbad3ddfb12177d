//! What some sources say about a thread and its comments beyond author and text: times, ids,
//! links, scores, replies left out of the file, moderation status. Kept in columns beside the
//! arena that stay empty for sources that say nothing, so plain text threads pay nothing.

use super::{TextRange, Timestamp};

/// A comment's standing with the site's moderators (exports say; pages show only approved).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Status {
    #[default]
    Approved,
    /// Held for moderation (WordPress `0`).
    Pending,
    Spam,
    /// Deleted by its author or a moderator, kept for its replies.
    Deleted,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Approved => "approved",
            Status::Pending => "pending",
            Status::Spam => "spam",
            Status::Deleted => "deleted",
        }
    }

    pub fn from_name(name: &str) -> Option<Status> {
        [
            Status::Approved,
            Status::Pending,
            Status::Spam,
            Status::Deleted,
        ]
        .into_iter()
        .find(|s| s.name() == name)
    }
}

/// One optional value per node, stored only once some node has one.
#[derive(Clone, Debug)]
pub struct Column<T> {
    values: Vec<T>,
}

impl<T> Default for Column<T> {
    fn default() -> Self {
        Column { values: Vec::new() }
    }
}

impl<T: Copy + Default + PartialEq> Column<T> {
    pub fn get(&self, id: usize) -> T {
        self.values.get(id).copied().unwrap_or_default()
    }

    pub fn set(&mut self, id: usize, value: T) {
        if id >= self.values.len() {
            if value == T::default() {
                return;
            }
            self.values.resize(id + 1, T::default());
        }
        self.values[id] = value;
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Forgets the values of nodes `len` and after.
    fn truncate(&mut self, len: usize) {
        self.values.truncate(len);
    }

    /// The values in a new node order: `order[new] = old`.
    fn reordered(&self, order: &[u32]) -> Self {
        if self.values.is_empty() {
            return Column::default();
        }
        Column {
            values: order.iter().map(|&old| self.get(old as usize)).collect(),
        }
    }

    fn trimmed(mut self) -> Self {
        while self.values.last() == Some(&T::default()) {
            self.values.pop();
        }
        self.values.shrink_to_fit();
        self
    }
}

/// Per-comment details, by node id.
#[derive(Clone, Debug, Default)]
pub struct Details {
    pub time: Column<Option<Timestamp>>,
    /// The source's id for the comment (`comment-123`, a Reddit or Hacker News id).
    pub id: Column<Option<TextRange>>,
    pub url: Column<Option<TextRange>>,
    pub score: Column<Option<i64>>,
    /// Replies the source counts that are not in the file (Reddit's "load more").
    pub more_replies: Column<u32>,
    /// How many levels of the page a placeholder stands for (0 and 1 both mean one).
    pub skipped_levels: Column<u32>,
    pub status: Column<Status>,
}

impl Details {
    /// Forgets the details of nodes `len` and after.
    pub(super) fn truncate(&mut self, len: usize) {
        self.time.truncate(len);
        self.id.truncate(len);
        self.url.truncate(len);
        self.score.truncate(len);
        self.more_replies.truncate(len);
        self.skipped_levels.truncate(len);
        self.status.truncate(len);
    }

    /// The details in a new node order: `order[new] = old`.
    pub(super) fn reordered(&self, order: &[u32]) -> Details {
        Details {
            time: self.time.reordered(order),
            id: self.id.reordered(order),
            url: self.url.reordered(order),
            score: self.score.reordered(order),
            more_replies: self.more_replies.reordered(order),
            skipped_levels: self.skipped_levels.reordered(order),
            status: self.status.reordered(order),
        }
    }

    pub(super) fn trimmed(self) -> Details {
        Details {
            time: self.time.trimmed(),
            id: self.id.trimmed(),
            url: self.url.trimmed(),
            score: self.score.trimmed(),
            more_replies: self.more_replies.trimmed(),
            skipped_levels: self.skipped_levels.trimmed(),
            status: self.status.trimmed(),
        }
    }
}

/// What the source says about the thread itself.
#[derive(Clone, Debug, Default)]
pub struct ThreadInfo {
    pub title: TextRange,
    /// The date line shown above the title, as the page wrote it ("MAY 2021").
    pub date: Option<TextRange>,
    pub article: TextRange,
    /// Who wrote the article or started the thread, where the source says.
    pub author: Option<TextRange>,
    pub time: Option<Timestamp>,
    pub id: Option<TextRange>,
    pub url: Option<TextRange>,
    pub score: Option<i64>,
    /// Top-level comments the source counts that are not in the file.
    pub more_replies: u32,
}
