//! How many comments a file (or a library of files) may hold. A comment costs 36 to 70 bytes
//! whatever its text, so a file of comments a few bytes long (`{}` in JSON) would take ten
//! times its size; real threads run to hundreds of bytes a comment. Past the budget,
//! comments are counted and said, never held.

use crate::text::thousands;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Comments held whatever the size; past these, one for every [`BYTES_PER_COMMENT`] bytes.
const FREE_COMMENTS: usize = 1 << 18;
const BYTES_PER_COMMENT: usize = 64;
/// What a mailbox's message costs, read and kept, in comments (about 190 bytes against 36
/// and its text).
const MESSAGE_COST: usize = 4;

/// A file's share of a budget: the places its own bytes pay for, then the free places it
/// shares (with the other files of a library), and what it could not take, counted.
#[derive(Clone, Debug)]
pub struct CommentBudget {
    pool: Arc<Pool>,
    share: Arc<Share>,
}

#[derive(Debug)]
struct Pool {
    limit: usize,
    /// The free places left, shared by every file.
    free: AtomicUsize,
    /// What holds it, for the note: "file" or "library".
    holder: &'static str,
}

#[derive(Debug, Default)]
struct Share {
    /// Places of the file's own left: no other file takes them, so a file of a library
    /// keeps what its bytes pay for whatever order the files are read in (only the free
    /// places go to those read first).
    own: AtomicUsize,
    /// What it was given of its own, and what it took of the free places.
    own_given: usize,
    free_taken: AtomicUsize,
    comments: AtomicUsize,
    messages: AtomicUsize,
}

impl CommentBudget {
    pub fn unlimited() -> Self {
        CommentBudget::with_limit(usize::MAX, "file")
    }

    /// The budget of a file of `bytes`.
    pub fn for_file(bytes: usize) -> Self {
        CommentBudget::pool(bytes, "file").share(bytes)
    }

    /// The budget of a library whose files hold `bytes` in all: each file takes its share
    /// with [`share`](Self::share).
    pub fn for_library(bytes: usize) -> Self {
        CommentBudget::pool(bytes, "library")
    }

    fn pool(bytes: usize, holder: &'static str) -> Self {
        CommentBudget {
            pool: Arc::new(Pool {
                limit: FREE_COMMENTS.saturating_add(bytes / BYTES_PER_COMMENT),
                free: AtomicUsize::new(FREE_COMMENTS),
                holder,
            }),
            share: Arc::default(),
        }
    }

    /// A budget of `limit` free places.
    pub fn with_limit(limit: usize, holder: &'static str) -> Self {
        CommentBudget {
            pool: Arc::new(Pool {
                limit,
                free: AtomicUsize::new(limit),
                holder,
            }),
            share: Arc::default(),
        }
    }

    /// The share of a file of `bytes`: the places its bytes pay for, and the free ones.
    pub fn share(&self, bytes: usize) -> Self {
        let own = bytes / BYTES_PER_COMMENT;
        CommentBudget {
            pool: Arc::clone(&self.pool),
            share: Arc::new(Share {
                own: AtomicUsize::new(own),
                own_given: own,
                ..Share::default()
            }),
        }
    }

    fn take_places(&self, places: usize) -> bool {
        let take = |left: &AtomicUsize| {
            left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(places)
            })
            .is_ok()
        };
        if take(&self.share.own) {
            return true;
        }
        let taken = take(&self.pool.free);
        if taken {
            self.share.free_taken.fetch_add(places, Ordering::Relaxed);
        }
        taken
    }

    /// Gives back the places this share took, and forgets what it could not take: its file
    /// is read again as another format, or not at all.
    pub fn give_back(&self) {
        let share = &self.share;
        share.own.store(share.own_given, Ordering::Relaxed);
        let free = share.free_taken.swap(0, Ordering::Relaxed);
        self.pool.free.fetch_add(free, Ordering::Relaxed);
        share.comments.store(0, Ordering::Relaxed);
        share.messages.store(0, Ordering::Relaxed);
    }

    /// Takes one comment's place: false once none is left (the comment is counted as not
    /// read).
    pub fn take(&self) -> bool {
        let taken = self.take_places(1);
        if !taken {
            self.count_dropped();
        }
        taken
    }

    /// Takes a place without counting a comment when there is none (a placeholder for
    /// skipped levels is no comment of the file).
    pub fn try_take(&self) -> bool {
        self.take_places(1)
    }

    /// Counts a comment not read.
    pub fn count_dropped(&self) {
        self.share.comments.fetch_add(1, Ordering::Relaxed);
    }

    /// Takes the places of a mailbox's message, comment and all: false once they are not
    /// there (the message is counted as not read).
    pub fn take_message(&self) -> bool {
        let taken = self.take_places(MESSAGE_COST);
        if !taken {
            self.share.messages.fetch_add(1, Ordering::Relaxed);
        }
        taken
    }

    /// Whether a comment would still be held.
    pub fn has_room(&self) -> bool {
        self.share.own.load(Ordering::Relaxed) > 0 || self.pool.free.load(Ordering::Relaxed) > 0
    }

    /// Comments of this share not read because the budget was spent.
    pub fn dropped(&self) -> usize {
        self.share.comments.load(Ordering::Relaxed)
    }

    /// Messages of this share not read because the budget was spent.
    fn dropped_messages(&self) -> usize {
        self.share.messages.load(Ordering::Relaxed)
    }

    /// What this share left out, one line each: "12 comments were not read: a file holds at
    /// most 730,894 (262,144 and one more for every 64 of its bytes)".
    pub fn notes(&self) -> Vec<String> {
        let limit = self.pool.limit;
        let holder = self.pool.holder;
        let mut notes = Vec::new();
        for (count, one, many, per) in [
            (self.dropped(), "comment", "comments", 1),
            (self.dropped_messages(), "message", "messages", MESSAGE_COST),
        ] {
            if count > 0 {
                let (what, were) = if count == 1 {
                    (one, "was")
                } else {
                    (many, "were")
                };
                let most = limit / per;
                let most_what = if most == 1 { one } else { many };
                notes.push(format!(
                    "{} {what} {were} not read: a {holder} holds at most {} {most_what} ({} \
                     and one more for every {} of its bytes)",
                    thousands(count),
                    thousands(most),
                    thousands(FREE_COMMENTS / per),
                    BYTES_PER_COMMENT * per,
                ));
            }
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_of_a_library_share_its_places_and_count_their_own() {
        let library = CommentBudget::with_limit(5, "library");
        let (a, b) = (library.share(0), library.share(0));
        assert!(a.take() && a.take() && b.take());
        assert!(!b.take_message(), "a message takes four places");
        assert!(b.take() && a.take());
        assert!(!a.take() && !a.take() && !b.take());
        assert_eq!((a.dropped(), b.dropped(), b.dropped_messages()), (2, 1, 1));
        assert_eq!(
            a.notes(),
            [
                "2 comments were not read: a library holds at most 5 comments (262,144 and one \
              more for every 64 of its bytes)"
            ]
        );
        assert_eq!(
            b.notes(),
            [
                "1 comment was not read: a library holds at most 5 comments (262,144 and one \
                 more for every 64 of its bytes)",
                "1 message was not read: a library holds at most 1 message (65,536 and one \
                 more for every 256 of its bytes)"
            ]
        );
    }

    #[test]
    fn a_file_keeps_the_places_its_bytes_pay_for_whatever_the_others_take() {
        let library = CommentBudget::for_library(3 * BYTES_PER_COMMENT);
        let (greedy, later) = (
            library.share(BYTES_PER_COMMENT),
            library.share(2 * BYTES_PER_COMMENT),
        );
        while greedy.take() {}
        // The free places are gone, the later file's own two are not.
        assert!(later.take() && later.take());
        assert!(!later.take());
        assert_eq!(greedy.dropped(), 1);
        assert_eq!(later.dropped(), 1);
        // A file read again gives back what it took.
        greedy.give_back();
        assert!(later.take());
    }
}
