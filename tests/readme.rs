//! The README stays true: its key table is the one the program uses, and it names the
//! commands CI runs.

#[test]
fn readme_key_table_matches_the_keymap() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let table = thread_tui::keymap::markdown_table();
    assert!(
        readme.contains(&table),
        "README.md's key table is out of date; it should contain:\n{table}"
    );
}

#[test]
fn readme_starts_with_the_two_commands() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let ci = std::fs::read_to_string(".ci/run").unwrap();
    let first_block: Vec<&str> = readme
        .split("```")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(
        first_block,
        [
            "cargo run --release -- data/losing-battle-for-belarus.txt",
            "cargo test --locked"
        ]
    );
    assert!(ci.lines().any(|l| l.trim() == "cargo test --locked"));
}
