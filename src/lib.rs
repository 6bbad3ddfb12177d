//! thread-tui: a terminal reader for saved discussion threads.
//! `main.rs` is a thin shell over these modules; tests and benchmarks use them directly.
#![forbid(unsafe_code)]

pub mod action;
pub mod app;
pub mod bitset;
pub mod cli;
pub mod document;
pub mod dump;
pub mod keymap;
pub mod outline;
pub mod search;
pub mod terminal;
pub mod text;
pub mod thread;
pub mod ui;
