//! Shared by the tests that check parsed trees (and by fuzz/fuzz_targets/parse.rs).
#![allow(dead_code)]

pub mod keys;
pub mod timed;
pub mod tree;
