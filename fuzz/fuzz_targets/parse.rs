//! Fuzzes the parsers: any bytes, read with detection and as each format. Whatever they are,
//! parsing must not panic, the tree must keep its invariants, the outline dump must be inert
//! and the JSON dump must read back to the same tree (tests/common/tree.rs, shared with the
//! tests). Run it as the README says; keep each crash in tests/fuzz-regressions/.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/tree.rs"]
mod tree;

fuzz_target!(|data: &[u8]| {
    tree::check_all_formats(data);
});
