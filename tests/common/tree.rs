//! What every parsed thread must satisfy, whatever its input: the arena's invariants, an inert
//! outline dump and a JSON dump that reads back to the same tree.

use std::path::Path;
use thread_tui::thread::formats::Family;
use thread_tui::thread::{Format, LoadError, Thread, json, parse_bytes};

/// Pre-order with nested subtree ranges, depth = parent depth + 1 (top level 1), counts that
/// add up, ordinals that count the real comments in order, children found by jumping over
/// subtrees.
pub fn assert_tree_invariants(thread: &Thread) {
    let len = thread.len();
    let mut placeholders = 0;
    let mut next_ordinal = 1;
    let mut open: Vec<usize> = Vec::new();
    for id in 0..len {
        let end = thread.subtree_end(id);
        assert!(id < end && end <= len, "subtree_end({id}) = {end} of {len}");
        // Pre-order: the open ancestors whose ranges ended are closed; what is left is the path.
        while open.last().is_some_and(|&a| thread.subtree_end(a) <= id) {
            open.pop();
        }
        assert_eq!(thread.parent(id), open.last().copied(), "parent of {id}");
        match thread.parent(id) {
            Some(p) => {
                assert!(p < id);
                assert_eq!(thread.depth(id), thread.depth(p) + 1, "depth of {id}");
                assert!(
                    end <= thread.subtree_end(p),
                    "{id}'s range leaves its parent's"
                );
            }
            None => assert_eq!(thread.depth(id), 1, "top-level {id}"),
        }
        open.push(id);
        if thread.is_missing(id) {
            placeholders += 1;
        } else {
            assert_eq!(thread.ordinal(id), next_ordinal, "ordinal of {id}");
            next_ordinal += 1;
        }
        if len <= 2_000 {
            let children: Vec<usize> = thread.children(Some(id)).collect();
            let expected: Vec<usize> = (id + 1..end)
                .filter(|&c| thread.parent(c) == Some(id))
                .collect();
            assert_eq!(children, expected, "children of {id}");
        }
    }
    assert_eq!(thread.comment_count() + placeholders, len);
    let top: Vec<usize> = thread.children(None).collect();
    assert_eq!(top.len(), thread.top_level_count());
    assert!(top.iter().all(|&id| thread.depth(id) == 1));
}

/// The outline dump holds no control character but '\n'; the JSON dump reads back the same.
pub fn assert_dumps_hold(thread: &Thread) {
    let mut outline = Vec::new();
    thread_tui::dump::write_outline(thread, &mut outline).unwrap();
    let outline = String::from_utf8(outline).expect("the outline is UTF-8");
    if let Some(c) = outline.chars().find(|&c| c.is_control() && c != '\n') {
        panic!("control {:#06x} in the outline", u32::from(c));
    }
    let mut dumped = Vec::new();
    json::write(thread, &mut dumped).unwrap();
    let back = parse_bytes(dumped, Some(Format::Json), Path::new("dump.json"))
        .expect("the JSON dump reads back")
        .into_main_thread();
    assert_eq!(back.len(), thread.len());
    assert_eq!(back.title(), thread.title());
    assert_eq!(back.date(), thread.date());
    assert_eq!(back.article(), thread.article());
    for id in 0..thread.len() {
        assert_eq!(back.depth(id), thread.depth(id), "depth of {id}");
        assert_eq!(back.author(id), thread.author(id), "author of {id}");
        assert_eq!(back.body(id), thread.body(id), "body of {id}");
        assert_eq!(
            back.is_missing(id),
            thread.is_missing(id),
            "placeholder {id}"
        );
    }
}

/// Parses `bytes` with detection and as each format; every tree must hold. Only the not-text
/// check and the JSON reader may refuse.
pub fn check_all_formats(bytes: &[u8]) {
    for format in std::iter::once(None).chain(Format::ALL.iter().copied().map(Some)) {
        match parse_bytes(bytes.to_vec(), format, Path::new("input")) {
            Ok(loaded) => {
                if let Some(format) = format {
                    assert_eq!(loaded.format, format);
                }
                for thread in &loaded.threads {
                    assert_tree_invariants(thread);
                    assert_dumps_hold(thread);
                }
            }
            Err(LoadError::NotText { why, .. }) => assert!(
                bytes.contains(&0)
                    || bytes.starts_with(&[0xFF, 0xFE])
                    || bytes.starts_with(&[0xFE, 0xFF])
                    || why.contains("not UTF-8"),
                "refused as not text"
            ),
            // Only the structured formats refuse what they cannot read.
            Err(LoadError::Format { .. } | LoadError::Unknown { .. }) => {
                assert!(!format.is_some_and(|f| f.spec().family == Family::Text))
            }
            Err(other) => panic!("{format:?}: {other}"),
        }
    }
}
