//! Every input the parser fuzzer (fuzz/, see the README) ever crashed on, kept in
//! tests/fuzz-regressions/, must now parse in every format into a tree that holds.

mod common;

use std::fs;
use std::path::Path;

#[test]
fn every_kept_fuzz_input_parses_and_holds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut checked = 0;
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.extension().is_some_and(|ext| ext == "md") {
            continue;
        }
        let bytes = fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| common::tree::check_all_formats(&bytes));
        assert!(outcome.is_ok(), "{} fails again", path.display());
        checked += 1;
    }
    assert!(checked > 0, "no inputs in {}", dir.display());
}
