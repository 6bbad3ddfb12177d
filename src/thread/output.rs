//! Where parsers put the text they keep: regions of a few megabytes, each a `String` built
//! from already validated `&str` pieces, so text is checked as UTF-8 once, on its way in.
//! A piece (a name, a body) never straddles two regions; nodes hold byte ranges into them.

use super::{Text, TextRange};
use std::collections::HashMap;
use std::sync::mpsc::Receiver;

/// The largest region; the first ones are smaller, so a small thread holds a small buffer.
pub const REGION_BYTES: usize = 4 << 20;
const FIRST_REGION_BYTES: usize = 4 << 10;
/// Distinct names stored once each; past this many, new names are stored per comment.
const MAX_SHARED_NAMES: usize = 1 << 16;
/// Ranges are u32 offsets: a thread keeps at most this much text.
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

/// Where kept text goes: appended to the current region, in pieces that each end up
/// contiguous in one region.
pub struct Output {
    closed: Vec<String>,
    starts: Vec<u32>,
    current: String,
    /// Global offset of `current`'s first byte.
    base: usize,
    /// Start (in `current`) of the piece being written.
    piece: usize,
    /// Regions paged in ahead of time by the reading thread.
    fresh: Option<Receiver<String>>,
    /// A fresh region too small for a long piece, kept for the next switch.
    spare: Option<String>,
    /// Commenters' names written so far: a name is written once and shared by its comments
    /// (less text to hold, and the author index can tell names apart by range).
    names: HashMap<String, TextRange>,
    /// More text was written than ranges can address.
    overflowed: bool,
}

impl Default for Output {
    fn default() -> Self {
        Output::new(None)
    }
}

impl Output {
    pub fn new(fresh: Option<Receiver<String>>) -> Self {
        Output {
            closed: Vec::new(),
            starts: Vec::new(),
            current: String::new(),
            base: 0,
            piece: 0,
            fresh,
            spare: None,
            names: HashMap::new(),
            overflowed: false,
        }
    }

    /// Global offset of the next byte written.
    pub fn position(&self) -> usize {
        self.base + self.current.len()
    }

    /// Whether the text outgrew what ranges can address: the thread must be refused.
    pub fn overflowed(&self) -> bool {
        self.overflowed || self.position() > MAX_TEXT_BYTES
    }

    /// Starts a piece at the current position.
    pub fn begin(&mut self) {
        self.piece = self.current.len();
    }

    /// Ends the piece begun last and returns its range.
    pub fn finish(&mut self) -> TextRange {
        let range = TextRange::new(self.base + self.piece..self.position());
        self.piece = self.current.len();
        range
    }

    /// Forgets the piece just finished (`range`, from [`finish`](Self::finish)): the text of a
    /// comment that is not kept. A range that is not the last piece stays.
    pub fn take_back(&mut self, range: TextRange) {
        let start = (range.start as usize).checked_sub(self.base);
        if let Some(start) = start
            && range.end as usize == self.position()
            && start <= self.current.len()
        {
            self.current.truncate(start);
            self.piece = self.piece.min(start);
        }
    }

    #[inline]
    pub fn push(&mut self, text: &str) {
        if self.current.capacity() - self.current.len() < text.len() {
            self.next_region(text.len());
        }
        self.current.push_str(text);
    }

    /// A whole piece at once.
    pub fn emit(&mut self, text: &str) -> TextRange {
        self.begin();
        self.push(text);
        self.finish()
    }

    /// A commenter's name: the range of the same name written earlier, if any.
    pub fn emit_name(&mut self, name: &str) -> TextRange {
        if let Some(&range) = self.names.get(name) {
            return range;
        }
        let range = self.emit(name);
        if self.names.len() < MAX_SHARED_NAMES {
            self.names.insert(name.to_string(), range);
        }
        range
    }

    pub fn push_newlines(&mut self, count: usize) {
        self.push(&"\n\n"[..count.min(2)]);
    }

    /// Moves on to a region with room for the open piece plus `extra` bytes; the open piece is
    /// moved along so that it stays contiguous.
    #[cold]
    fn next_region(&mut self, extra: usize) {
        let carried = self.current.len() - self.piece;
        let needed = carried + extra;
        if self.piece == 0 && carried >= REGION_BYTES {
            // A piece larger than a region (a whole file that is one article) grows where it
            // is: a large allocation is reallocated by remapping its pages, where a copy
            // into a fresh region would hold the piece twice.
            self.current.reserve(extra);
            return;
        }
        let mut next = self
            .spare
            .take()
            .or_else(|| self.fresh.as_ref().and_then(|fresh| fresh.try_recv().ok()));
        if let Some(region) = next.take_if(|region| region.capacity() < needed) {
            self.spare = Some(region);
        }
        let mut next = next.unwrap_or_else(|| {
            // Regions double from a few kilobytes up to REGION_BYTES: many small threads
            // (an export's) do not each hold megabytes.
            let grown = (2 * self.current.capacity()).clamp(FIRST_REGION_BYTES, REGION_BYTES);
            String::with_capacity(grown.max(2 * needed))
        });
        next.push_str(&self.current[self.piece..]);
        self.current.truncate(self.piece);
        let done = std::mem::replace(&mut self.current, next);
        if !done.is_empty() {
            match u32::try_from(self.base) {
                Ok(start) => self.starts.push(start),
                Err(_) => self.overflowed = true,
            }
            self.base += done.len();
            self.closed.push(done);
        }
        self.piece = 0;
    }

    /// Drops everything written (a restart in another format); keeps the current region.
    pub fn reset(&mut self) {
        self.names.clear();
        self.closed.clear();
        self.starts.clear();
        self.current.clear();
        self.base = 0;
        self.piece = 0;
        self.overflowed = false;
    }

    pub fn into_text(mut self) -> Text {
        if !self.current.is_empty() || self.closed.is_empty() {
            self.starts
                .push(u32::try_from(self.base).unwrap_or(u32::MAX));
            self.current.shrink_to_fit();
            self.closed.push(self.current);
        }
        Text::from_regions(self.closed, self.starts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_stay_whole_across_regions() {
        let mut out = Output::default();
        let name = out.emit("name");
        out.begin();
        let long = "x".repeat(REGION_BYTES - 2);
        out.push("first");
        out.push_newlines(2);
        out.push(&long);
        let body = out.finish();
        let text = out.into_text();
        assert_eq!(text.get(name), "name");
        assert_eq!(text.get(body), format!("first\n\n{long}"));
        assert_eq!(text.len(), 4 + 7 + long.len());
    }

    #[test]
    fn a_piece_larger_than_a_region_grows_in_place() {
        let mut out = Output::default();
        let before = out.emit("before");
        out.begin();
        let line = "y".repeat(1000);
        for _ in 0..3 * REGION_BYTES / line.len() {
            out.push(&line);
        }
        let big = out.finish();
        let after = out.emit("after");
        let text = out.into_text();
        assert_eq!(text.get(before), "before");
        assert_eq!(text.get(big).len(), 3 * REGION_BYTES / 1000 * 1000);
        assert!(text.get(big).bytes().all(|b| b == b'y'));
        assert_eq!(text.get(after), "after");
    }

    #[test]
    fn text_past_what_ranges_address_is_flagged_not_lost() {
        let mut out = Output::default();
        out.emit("kept");
        assert!(!out.overflowed());
        // As if four gigabytes had been written before.
        out.base = MAX_TEXT_BYTES - 2;
        out.emit("more");
        assert!(out.overflowed());
    }

    #[test]
    fn a_small_thread_holds_a_small_buffer() {
        let mut out = Output::default();
        out.emit("a short comment");
        assert!(out.current.capacity() <= FIRST_REGION_BYTES);
    }
}
