//! `--dump commenters`: the commenters panel as tab-separated values, one commenter a line,
//! the most comments first, for pipes and spreadsheets.

use crate::text::sanitize::sanitize_line;
use crate::thread::{AuthorIndex, Thread};
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
