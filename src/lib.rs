//! thread-tui: a terminal reader for saved discussion threads.
//! `main.rs` is a thin shell over these modules; tests and benchmarks use them directly.
#![forbid(unsafe_code)]

pub mod action;
pub mod app;
pub mod bitset;
pub mod browse;
pub mod cli;
pub mod config;
pub mod document;
pub mod dump;
pub mod export;
pub mod inputs;
pub mod keymap;
pub mod library;
pub mod line_edit;
pub mod osc52;
pub mod outline;
pub mod panel;
pub mod save;
pub mod search;
pub mod shelf;
pub mod state;
pub mod terminal;
pub mod text;
pub mod thread;
pub mod ui;
