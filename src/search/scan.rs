//! The full-text scan on a worker thread: each new query cancels the scan before it, and
//! what is found is sent back in batches as the scan goes, so the reader shows the first
//! matches while the rest of a huge thread is still being read.

use super::text::TextQuery;
use crate::text::fold::FoldBuffer;
use crate::thread::Thread;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

/// Comments scanned between two looks at the cancel flag; each block's matches go back
/// at once (about a millisecond of scanning).
const BLOCK: usize = 2048;
/// Threads that help the worker, at most (one per core beyond the first).
const MAX_HELPERS: usize = 3;

/// What a scan found since its last batch.
pub struct Found {
    pub generation: u64,
    /// Matching comments, in the order scanned.
    pub ids: Vec<u32>,
    /// Whether the title or the article holds the query (told in the first batch).
    pub article: bool,
    /// Comments scanned so far.
    pub scanned: usize,
    pub done: bool,
}

struct Job {
    generation: u64,
    query: Arc<TextQuery>,
    start: usize,
}

/// The worker and the way to it. Dropping it cancels the scan and ends the worker.
pub struct Scanner {
    jobs: Sender<Job>,
    found: Receiver<Found>,
    /// The scan the worker should be doing: a newer number cancels the one it is on.
    current: Arc<AtomicU64>,
    generation: u64,
}

impl Scanner {
    /// Starts the worker; None if no thread can be started.
    pub fn new(thread: Arc<Thread>) -> Option<Scanner> {
        let (jobs, job_queue) = mpsc::channel::<Job>();
        let (found_send, found) = mpsc::channel();
        let current = Arc::new(AtomicU64::new(0));
        let flag = Arc::clone(&current);
        std::thread::Builder::new()
            .name("text-search".into())
            .spawn(move || work(&thread, &job_queue, &found_send, &flag))
            .ok()?;
        Some(Scanner {
            jobs,
            found,
            current,
            generation: 0,
        })
    }

    /// Cancels the scan in progress and starts one for `query` at comment `start`, going to
    /// the end and then from the top. Returns its number, which its batches carry.
    pub fn start(&mut self, query: Arc<TextQuery>, start: usize) -> u64 {
        self.generation += 1;
        self.current.store(self.generation, Ordering::Relaxed);
        // A worker that is gone (it cannot be, short of a panic) sends nothing back.
        let _ = self.jobs.send(Job {
            generation: self.generation,
            query,
            start,
        });
        self.generation
    }

    /// Cancels the scan in progress, if any.
    pub fn cancel(&mut self) {
        self.generation += 1;
        self.current.store(self.generation, Ordering::Relaxed);
    }

    /// The batches of the current scan that arrived since the last call.
    pub fn take_found(&mut self) -> Vec<Found> {
        self.found
            .try_iter()
            .filter(|found| found.generation == self.generation)
            .collect()
    }
}

impl Drop for Scanner {
    fn drop(&mut self) {
        self.current.store(u64::MAX, Ordering::Relaxed);
    }
}

fn work(thread: &Thread, jobs: &Receiver<Job>, found: &Sender<Found>, current: &AtomicU64) {
    let mut scratch = FoldBuffer::default();
    while let Ok(mut job) = jobs.recv() {
        // Keys typed while the last scan ran: only the newest query matters.
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        if current.load(Ordering::Relaxed) != job.generation {
            continue;
        }
        if scan(thread, &job, &mut scratch, found, current).is_err() {
            // The reader is gone.
            return;
        }
    }
}

/// Scans every comment once, from `job.start` to the end and then from the top; stops early
/// when cancelled. The comments go in blocks to as many threads as there are cores, taken
/// in order, so the matches nearest the start come first. Errs only when nobody listens.
fn scan(
    thread: &Thread,
    job: &Job,
    scratch: &mut FoldBuffer,
    found: &Sender<Found>,
    current: &AtomicU64,
) -> Result<(), mpsc::SendError<Found>> {
    let query = &job.query;
    let article =
        query.is_match(thread.title(), scratch) || query.is_match(thread.article(), scratch);
    let len = thread.len();
    let start = job.start.min(len);
    let next_block = AtomicUsize::new(0);
    let scanned = AtomicUsize::new(0);
    let gone = AtomicBool::new(false);
    // One block: the comments at positions `block * BLOCK ..` of the scan's order.
    let scan_blocks = |scratch: &mut FoldBuffer| loop {
        let block = next_block.fetch_add(1, Ordering::Relaxed);
        let from = block.saturating_mul(BLOCK);
        if from >= len || current.load(Ordering::Relaxed) != job.generation {
            return;
        }
        let mut ids = Vec::new();
        for position in from..(from + BLOCK).min(len) {
            let id = (start + position) % len;
            if !thread.is_missing(id) && query.is_match(thread.body(id), scratch) {
                ids.push(id as u32);
            }
        }
        let done = scanned.fetch_add((from + BLOCK).min(len) - from, Ordering::Relaxed);
        let batch = Found {
            generation: job.generation,
            ids,
            article,
            scanned: done + BLOCK.min(len - from),
            done: false,
        };
        if found.send(batch).is_err() {
            gone.store(true, Ordering::Relaxed);
            return;
        }
    };
    let helpers = std::thread::available_parallelism().map_or(1, |n| n.get()) - 1;
    std::thread::scope(|scope| {
        for _ in 0..helpers.min(MAX_HELPERS) {
            // A helper that cannot be started leaves its blocks to the others.
            let _ = std::thread::Builder::new()
                .name("text-search".into())
                .spawn_scoped(scope, || scan_blocks(&mut FoldBuffer::default()));
        }
        scan_blocks(scratch);
    });
    if gone.load(Ordering::Relaxed) || current.load(Ordering::Relaxed) != job.generation {
        return Ok(());
    }
    found.send(Found {
        generation: job.generation,
        ids: Vec::new(),
        article,
        scanned: len,
        done: true,
    })
}
