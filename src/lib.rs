//! thread-tui: a terminal reader for saved discussion threads.
//! `main.rs` is a thin shell over these modules; tests and benchmarks use them directly.
#![forbid(unsafe_code)]

pub mod cli;
pub mod dump;
pub mod text;
pub mod thread;
