//! `--dump commenters`: the commenters panel as tab-separated values, one commenter a line,
//! the most comments first, for pipes and spreadsheets. One thread gives the panel's columns;
//! several (a library, a file of many threads) or a filtered dump give each commenter's
//! comments, threads and first and last time across them.

use super::select::Selection;
use crate::text::sanitize::sanitize_line;
use crate::thread::{AuthorIndex, Thread, Timestamp};
use std::collections::HashMap;
use std::io::{self, Write};

/// The header line: the columns in order.
pub const HEADER: &str = "commenter\tcomments\ttop_level\treplies_written\treplies_received\t\
people_answered\twords\tfirst\tfirst_time\tlast\tlast_time";

/// Writes the header and one line per commenter. Positions are the numbers the reader
/// shows (`#12`, without the `#`); times are RFC 3339, empty when the source gives none.
/// Names are sanitised: a tab or a control character in a name cannot break a line.
pub fn write(thread: &Thread, out: &mut impl Write) -> io::Result<()> {
    let index = AuthorIndex::build(thread);
    writeln!(out, "{HEADER}")?;
    let time = |node: u32| {
        thread
            .time(node as usize)
            .map_or(String::new(), |t| t.to_string())
    };
    for &who in index.by_count() {
        let s = index.stats(who);
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            sanitize_line(index.name(thread, who)),
            s.comments,
            s.top_level,
            s.replies_written,
            s.replies_received,
            s.people_answered,
            s.words,
            thread.ordinal(s.first as usize),
            time(s.first),
            thread.ordinal(s.last as usize),
            time(s.last),
        )?;
    }
    out.flush()
}

/// The header of the table across threads.
pub const ACROSS_HEADER: &str = "commenter\tcomments\tthreads\tfirst_time\tlast_time";

/// A commenter's figures across threads.
#[derive(Clone, Copy, Debug, Default)]
struct Across {
    comments: usize,
    threads: usize,
    first: Option<Timestamp>,
    last: Option<Timestamp>,
}

/// Counts commenters thread by thread; writes the panel's table when it saw one whole thread,
/// the table across threads otherwise.
#[derive(Default)]
pub struct Tally {
    /// The one thread's table, while only one whole thread was seen.
    single: Option<Vec<u8>>,
    threads: usize,
    rows: HashMap<String, Across>,
}

impl Tally {
    /// Counts the chosen comments of `thread`; `whole` when every comment is chosen.
    pub fn add(&mut self, thread: &Thread, selection: &Selection, whole: bool) {
        self.threads += 1;
        self.single = None;
        if self.threads == 1 && whole {
            let mut table = Vec::new();
            // Writing to memory cannot fail.
            if write(thread, &mut table).is_ok() {
                self.single = Some(table);
            }
        }
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for item in selection.walk(thread) {
            let Some(name) = thread.author(item.id) else {
                continue;
            };
            let row = self.rows.entry(name.to_string()).or_default();
            row.comments += 1;
            if seen.insert(name, ()).is_none() {
                row.threads += 1;
            }
            if let Some(time) = thread.time(item.id) {
                row.first = Some(row.first.map_or(time, |t| t.min(time)));
                row.last = Some(row.last.map_or(time, |t| t.max(time)));
            }
        }
    }

    pub fn finish(self, out: &mut impl Write) -> io::Result<()> {
        if let Some(table) = self.single {
            out.write_all(&table)?;
            return out.flush();
        }
        let mut rows: Vec<(String, Across)> = self.rows.into_iter().collect();
        rows.sort_by(|a, b| b.1.comments.cmp(&a.1.comments).then_with(|| a.0.cmp(&b.0)));
        writeln!(out, "{ACROSS_HEADER}")?;
        let time = |t: Option<Timestamp>| t.map_or(String::new(), |t| t.to_string());
        for (name, row) in rows {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                sanitize_line(&name),
                row.comments,
                row.threads,
                time(row.first),
                time(row.last)
            )?;
        }
        out.flush()
    }
}
