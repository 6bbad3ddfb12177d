//! The full-text scan on a worker thread: each new query cancels the scan before it, and
//! what is found is sent back in batches as the scan goes, so the reader shows the first
//! matches while the rest of a huge thread is still being read.

use super::text::TextQuery;
use crate::thread::Thread;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

/// Comments scanned between two looks at the cancel flag and the clock.
const STRIDE: usize = 256;
/// How often a batch goes back while matches keep coming.
const BATCH_INTERVAL: Duration = Duration::from_millis(8);
/// How often the progress goes back while nothing is found.
const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

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
    let mut scratch = Vec::new();
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
/// when cancelled. Errs only when nobody listens any more.
fn scan(
    thread: &Thread,
    job: &Job,
    scratch: &mut Vec<u8>,
    found: &Sender<Found>,
    current: &AtomicU64,
) -> Result<(), mpsc::SendError<Found>> {
    let query = &job.query;
    let article =
        query.is_match(thread.title(), scratch) || query.is_match(thread.article(), scratch);
    let len = thread.len();
    let start = job.start.min(len);
    let mut batch = Found {
        generation: job.generation,
        ids: Vec::new(),
        article,
        scanned: 0,
        done: false,
    };
    let mut last_sent = Instant::now();
    let order = (start..len).chain(0..start);
    for (scanned, id) in order.enumerate() {
        if scanned % STRIDE == 0 {
            if current.load(Ordering::Relaxed) != job.generation {
                return Ok(());
            }
            let waited = last_sent.elapsed();
            if (!batch.ids.is_empty() && waited >= BATCH_INTERVAL) || waited >= PROGRESS_INTERVAL {
                batch.scanned = scanned;
                let next = Found {
                    generation: job.generation,
                    ids: Vec::new(),
                    article,
                    scanned,
                    done: false,
                };
                found.send(std::mem::replace(&mut batch, next))?;
                last_sent = Instant::now();
            }
        }
        if !thread.is_missing(id) && query.is_match(thread.body(id), scratch) {
            batch.ids.push(id as u32);
        }
    }
    batch.scanned = len;
    batch.done = true;
    found.send(batch)
}
