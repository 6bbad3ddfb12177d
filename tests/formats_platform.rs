//! Reddit and Hacker News JSON: the trees read from fixtures of each shape (authors, nesting,
//! times, scores, replies not in the file, bodies), detection both ways, bad input, and the
//! real files in ../shared/real-samples giving what a careful reader sees.

mod common;

#[path = "../examples/gen/src/platform.rs"]
mod platform;
#[path = "../examples/gen/src/rng.rs"]
mod rng;

use common::tree::{assert_dumps_hold, assert_tree_invariants};
use std::path::{Path, PathBuf};
use std::process::Command;
use thread_tui::thread::formats::Family;
use thread_tui::thread::sniff::{Head, Sniff, detect};
use thread_tui::thread::{
    Format, LoadError, Loaded, Options, Status, Thread, json, load_path, load_path_with,
    parse_bytes, parse_bytes_with,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/platform")
        .join(name)
}

fn load(name: &str) -> Loaded {
    let loaded = load_path(&fixture(name), None).unwrap_or_else(|e| panic!("{name}: {e}"));
    for thread in &loaded.threads {
        assert_tree_invariants(thread);
        assert_dumps_hold(thread);
    }
    loaded
}

fn load_all_comments(name: &str) -> Loaded {
    let options = Options {
        all_comments: true,
        ..Options::default()
    };
    load_path_with(&fixture(name), &options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn parse(bytes: impl Into<Vec<u8>>) -> Result<Loaded, LoadError> {
    parse_bytes(bytes.into(), None, Path::new("input.json"))
}

/// One line per node: indentation by depth, then what a reader sees of it and its details.
fn tree(thread: &Thread) -> Vec<String> {
    (0..thread.len())
        .map(|id| {
            let indent = "  ".repeat(thread.depth(id) - 1);
            if thread.is_missing(id) {
                return format!("{indent}[missing]");
            }
            let mut line = format!(
                "{indent}{}: {}",
                thread.author(id).unwrap_or("(none)"),
                thread.body(id)
            );
            if let Some(time) = thread.time(id) {
                line.push_str(&format!(" | {time}"));
            }
            if let Some(score) = thread.score(id) {
                line.push_str(&format!(" | score {score}"));
            }
            if thread.more_replies(id) > 0 {
                line.push_str(&format!(" | {} more", thread.more_replies(id)));
            }
            if thread.status(id) != Status::Approved {
                line.push_str(&format!(" | {}", thread.status(id).name()));
            }
            line
        })
        .collect()
}

const PERMALINK: &str =
    "https://www.reddit.com/r/Breadit/comments/abc123/tips_tricks_for_a_sourdough_starter_3/";

#[test]
fn a_reddit_page_gives_the_post_and_its_comment_tree() {
    let loaded = load("reddit-page.json");
    assert_eq!(loaded.format, Format::Reddit);
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "Tips & tricks for a sourdough starter <3");
    assert_eq!(
        thread.article(),
        "My starter is 3 days old & smells odd.\n\nIs 25<30 °C too warm?"
    );
    assert_eq!(thread.article_author(), Some("crumb_queen"));
    assert_eq!(
        thread.article_time().map(|t| t.to_string()).as_deref(),
        Some("2020-09-13T12:26:40+00:00")
    );
    assert_eq!(thread.thread_id(), Some("abc123"));
    assert_eq!(thread.url(), Some(PERMALINK));
    assert_eq!(thread.article_score(), Some(412));
    // The `more` stub at the top level.
    assert_eq!(thread.more_top_level(), 40);
    assert_eq!(
        tree(thread),
        [
            "levain_larry: Feed it twice a day.\n\n> it smells odd\n\nThat is normal & fine. | 2020-09-13T12:28:20+00:00 | score 120 | 12 more",
            "  crumb_queen: Thanks! What flour? | 2020-09-13T12:30:00+00:00 | score 15",
            "    [deleted]: [deleted] | 2020-09-13T12:31:40+00:00 | score 1 | 4 more | deleted",
            // `&amp;lt;` is what someone who typed `&lt;` gets: unescaped once.
            "      rye_guy: Rye, always <rye>. Literally &lt; is how you write it. | 2020-09-13T12:33:20+00:00 | score 7",
            "    [deleted]: [removed] | 2020-09-13T12:32:30+00:00 | score 1 | deleted",
            // An account deleted, its comment kept: shown as the page shows it.
            "  [deleted]: I kept mine in the oven with the light on. | 2020-09-13T12:35:00+00:00 | score 33",
            "proofer: Use the float test: https://example.com/float?a=1&b=2 | 2020-09-13T12:36:40+00:00 | score -2",
        ]
    );
    assert_eq!(thread.comment_id(3), Some("c0004"));
    assert_eq!(
        thread.comment_url(0),
        Some(format!("{PERMALINK}c0001/").as_str())
    );
    // The "continue this thread" stub has no count: said, not made up.
    assert_eq!(
        loaded.notes,
        [
            "1 comment has replies that Reddit left out of the file without counting them (\"continue this thread\")"
        ]
    );
}

#[test]
fn a_single_listing_of_comments_is_read_without_a_post() {
    let loaded = load("reddit-listing.json");
    assert_eq!(loaded.format, Format::Reddit);
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "");
    assert_eq!(thread.more_top_level(), 2);
    assert_eq!(
        tree(thread),
        [
            "fell_runner: Which peak first? | 2020-01-01T00:00:00+00:00 | score 9",
            "  hill_walker: Ben Nevis > Snowdon. | 2020-01-01T00:01:00+00:00 | score 3",
        ]
    );
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
}

#[test]
fn a_bdfr_archive_is_reddit_and_its_raw_text_is_kept_as_written() {
    let loaded = load("reddit-bdfr.json");
    // It has thread-tui's `comments` and `body` too, and must not be read as thread-tui JSON.
    assert_eq!(loaded.format, Format::Reddit);
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "What is your favourite knot?");
    assert_eq!(thread.article(), "Mine is the bowline & I tie it <blind>.");
    assert_eq!(thread.article_author(), Some("deckhand_dee"));
    assert_eq!(thread.thread_id(), Some("xyz789"));
    assert_eq!(
        tree(thread),
        [
            // bdfr saves raw JSON: `&amp;` here is what the commenter typed.
            "knotty_nora: Clove hitch, written as &amp; in HTML. | 2022-04-15T05:28:20+00:00 | score 10",
            "  deckhand_dee: Too easy! | 2022-04-15T05:35:00+00:00 | score 4",
            "bosun_bo: Figure eight. | 2022-04-15T05:36:40+00:00 | score 2",
        ]
    );
}

#[test]
fn a_link_post_has_its_link_as_the_article() {
    let page = r#"[{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"subreddit": "maps", "title": "Old map", "selftext": "", "author": "cartographer", "url": "https://example.com/old-map.png", "permalink": "/r/maps/comments/m1/old_map/", "created_utc": 1500000000}}]}}, {"kind": "Listing", "data": {"children": []}}]"#;
    let loaded = parse(page).unwrap();
    assert_eq!(loaded.format, Format::Reddit);
    let thread = loaded.main_thread();
    assert_eq!(thread.article(), "https://example.com/old-map.png");
    assert_eq!(
        thread.url(),
        Some("https://www.reddit.com/r/maps/comments/m1/old_map/")
    );
    assert!(thread.is_empty());
}

#[test]
fn a_hacker_news_item_gives_the_story_and_its_comments_as_text() {
    let loaded = load("hn-item.json");
    assert_eq!(loaded.format, Format::Hackernews);
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "Show HN: A tiny clock made of relays");
    // A link story: the link is the article.
    assert_eq!(thread.article(), "https://example.org/relay-clock");
    assert_eq!(thread.article_author(), Some("tinkerer"));
    assert_eq!(thread.article_score(), Some(128));
    assert_eq!(
        thread.url(),
        Some("https://news.ycombinator.com/item?id=4242")
    );
    assert_eq!(
        tree(thread),
        [
            "volt_vera: Lovely build. How loud is it?\n\nMine clicks > 60 dB & wakes the cat. See https://example.org/db or the cat <https://example.org/cat>. | 2015-03-01T09:30:00+00:00",
            // Deleted, kept for its reply, as the site shows it.
            "  (none): [deleted] | 2015-03-01T10:00:00+00:00 | deleted",
            "    tinkerer: It's about as loud as a typewriter. | 2015-03-01T11:00:00+00:00",
            "retro_ray: Code:\n\n  loop:\n    tick() | 2015-03-01T09:45:00+00:00",
        ]
    );
    assert_eq!(thread.comment_id(0), Some("4243"));
    assert_eq!(thread.comment_count(), 4);
    assert_eq!(
        loaded.notes,
        [
            "1 deleted or dead comment without replies was left out, as the site does (--all-comments keeps them)"
        ]
    );
    // --all-comments keeps the deleted comment without replies, marked.
    let all = load_all_comments("hn-item.json");
    let thread = all.main_thread();
    assert_eq!(thread.comment_count(), 5);
    assert_eq!(
        tree(thread)[3],
        "  (none): [deleted] | 2015-03-01T10:05:00+00:00 | deleted"
    );
    assert!(all.notes.is_empty(), "{:?}", all.notes);
}

#[test]
fn an_hn_readers_saved_item_is_read_too() {
    let loaded = load("hn-reader.json");
    assert_eq!(loaded.format, Format::Hackernews);
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "Ask HN: What do you keep on your desk?");
    // `item?id=` is the reader's own link, not the story's.
    assert_eq!(thread.article(), "Curious what stays within reach.");
    assert_eq!(thread.article_author(), Some("desk_dana"));
    assert_eq!(
        thread.article_time().map(|t| t.to_string()).as_deref(),
        Some("2017-07-14T02:40:00+00:00")
    );
    assert_eq!(
        tree(thread),
        [
            "plant_pete: A cactus named Gerald. | 2017-07-14T02:45:00+00:00",
            "  (none): [deleted] | 2017-07-14T02:50:00+00:00 | deleted",
            "    desk_dana: Gerald deserves better. | 2017-07-14T02:55:00+00:00",
            "mug_mia: Three mugs & a notebook. | 2017-07-14T02:46:40+00:00",
        ]
    );
    // The dead comment has no replies: left out and said; --all-comments shows it marked.
    assert_eq!(loaded.notes.len(), 1);
    let all = load_all_comments("hn-reader.json");
    assert_eq!(
        tree(all.main_thread())[3],
        "  troll_tom: Something rude. | 2017-07-14T02:56:40+00:00 | deleted"
    );
}

// ------------------------------------------------------------------ detection

fn sniff(format: Format, bytes: &[u8]) -> Sniff {
    (format.spec().sniff)(&Head::new(bytes, true))
}

const FIXTURES: &[(&str, Format)] = &[
    ("reddit-page.json", Format::Reddit),
    ("reddit-page-truncated.json", Format::Reddit),
    ("reddit-listing.json", Format::Reddit),
    ("reddit-bdfr.json", Format::Reddit),
    ("hn-item.json", Format::Hackernews),
    ("hn-item-truncated.json", Format::Hackernews),
    ("hn-reader.json", Format::Hackernews),
];

#[test]
fn each_fixture_is_detected_as_its_format_and_claimed_by_no_other() {
    for &(name, format) in FIXTURES {
        let bytes = std::fs::read(fixture(name)).unwrap();
        assert_eq!(detect(&Head::new(&bytes, true)), Ok(format), "{name}");
        for &other in Format::ALL {
            // A bdfr archive has thread-tui's `comments` and `body`: JSON is sure of it too,
            // and Reddit wins the tie by coming first in Format::ALL.
            let tie = name == "reddit-bdfr.json" && other == Format::Json;
            let rating = sniff(other, &bytes);
            if other == format || tie {
                assert_eq!(rating, Sniff::Sure, "{other} on {name}");
            } else if other.spec().family == Family::Json {
                assert_eq!(rating, Sniff::No, "{other} on {name}");
            } else {
                // Text formats guess at most (flat is everything's fallback).
                assert!(rating < Sniff::Sure, "{other} on {name}");
            }
        }
    }
}

#[test]
fn thread_tui_json_is_never_claimed_by_the_platform_formats() {
    // The dumps of these very threads carry `id`, `time`, `score`, `more` and `status` too.
    for &(name, _) in FIXTURES {
        let loaded = load(name);
        let mut dump = Vec::new();
        json::write_all(&loaded.threads, &mut dump).unwrap();
        assert_eq!(detect(&Head::new(&dump, true)), Ok(Format::Json), "{name}");
        assert_eq!(sniff(Format::Reddit, &dump), Sniff::No, "{name}");
        assert_eq!(sniff(Format::Hackernews, &dump), Sniff::No, "{name}");
        // And it reads back to the same tree, details included.
        let back = parse(dump).unwrap();
        assert_eq!(back.format, Format::Json);
        assert_eq!(
            tree(back.main_thread()),
            tree(loaded.main_thread()),
            "{name}"
        );
        assert_eq!(
            back.main_thread().more_top_level(),
            loaded.main_thread().more_top_level()
        );
    }
}

#[test]
fn text_files_are_never_claimed_by_the_platform_formats() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = ["data", "tests/quirks", "../shared/seeds"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).unwrap())
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        for format in [Format::Reddit, Format::Hackernews] {
            assert_eq!(sniff(format, &bytes), Sniff::No, "{format} on {path:?}");
        }
    }
}

#[test]
fn a_big_file_is_detected_from_its_first_mebibyte() {
    let mut reddit = Vec::new();
    platform::write_reddit(4_000, 7, &mut reddit).unwrap();
    let mut hn = Vec::new();
    platform::write_hackernews(4_000, 7, &mut hn).unwrap();
    for (bytes, format) in [(reddit, Format::Reddit), (hn, Format::Hackernews)] {
        assert!(bytes.len() > 2 << 20);
        let head = Head::new(&bytes[..1 << 20], false);
        assert_eq!(detect(&head), Ok(format));
        let options = Options {
            all_comments: true,
            ..Options::default()
        };
        let loaded = parse_bytes_with(bytes, Path::new("big.json"), &options).unwrap();
        assert_eq!(loaded.format, format);
        assert_eq!(loaded.main_thread().comment_count(), 4_000);
        assert_tree_invariants(loaded.main_thread());
    }
}

#[test]
fn json_of_an_unknown_shape_is_refused_naming_the_shapes_read() {
    for unknown in [
        &br#"{"items": [{"by": "pg", "kids": [2, 3]}]}"#[..],
        br#"[1, 2, 3]"#,
    ] {
        let err = parse(unknown).unwrap_err();
        let LoadError::Unknown { what, .. } = &err else {
            panic!("{err}");
        };
        for format in [Format::Reddit, Format::Hackernews, Format::Json] {
            assert!(what.contains(format.spec().label), "{what}");
        }
    }
}

#[test]
fn a_forced_format_on_the_wrong_shape_says_why() {
    let err = parse_bytes(
        b"[1, 2]".to_vec(),
        Some(Format::Hackernews),
        Path::new("a.json"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a.json: not a valid hackernews file: the JSON is an array, not a Hacker News item"
    );
    let err = parse_bytes(
        b"\"text\"".to_vec(),
        Some(Format::Reddit),
        Path::new("a.json"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a.json: not a valid reddit file: the JSON is a string, not a Reddit page"
    );
    let err = parse_bytes(
        b"[1, 2]".to_vec(),
        Some(Format::Reddit),
        Path::new("a.json"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a.json: not a valid reddit file: no Reddit post or comment in it"
    );
}

// ------------------------------------------------------------------ bad input

#[test]
fn a_reddit_file_cut_in_the_middle_shows_what_came_before() {
    let loaded = load("reddit-page-truncated.json");
    let thread = loaded.main_thread();
    // The post came whole, before the cut.
    assert_eq!(thread.title(), "Tips & tricks for a sourdough starter <3");
    // Reddit writes a comment's author and text after its replies: the cut came before
    // those of the three comments above, which stand as placeholders for the reply.
    assert_eq!(
        tree(thread),
        [
            "[missing]",
            "  [missing]",
            "    [missing]",
            // Its time comes after its text in the file.
            "      rye_guy: Rye, always <ry | score 7",
        ]
    );
    assert_eq!(
        loaded.notes,
        [
            "the file ends in the middle of the JSON at line 1, column 1864: what came before it is shown"
        ]
    );
}

#[test]
fn a_hacker_news_file_cut_in_the_middle_shows_what_came_before() {
    let loaded = load("hn-item-truncated.json");
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "Show HN: A tiny clock made of relays");
    assert_eq!(
        tree(thread),
        [
            "volt_vera: Lovely build. How loud is it?\n\nMine clicks > 60 dB & wakes the cat. See https://example.org/db or the cat <https://example.org/cat>. | 2015-03-01T09:30:00+00:00",
            "  (none): [deleted] | 2015-03-01T10:00:00+00:00 | deleted",
            "    tinkerer: It's about as lo | 2015-03-01T11:00:00+00:00",
        ]
    );
    assert_eq!(
        loaded.notes,
        [
            "the file ends in the middle of the JSON at line 48, column 48: what came before it is shown"
        ]
    );
}

#[test]
fn cuts_of_the_fixtures_read_or_are_refused_without_panic() {
    for (n, &(name, format)) in FIXTURES.iter().enumerate() {
        let bytes = std::fs::read(fixture(name)).unwrap();
        // Every 11th byte, from a different start in each file: about a thousand cuts.
        for end in (n..bytes.len()).step_by(11) {
            match parse_bytes(bytes[..end].to_vec(), Some(format), Path::new("cut.json")) {
                Ok(loaded) => {
                    for thread in &loaded.threads {
                        assert_tree_invariants(thread);
                    }
                }
                Err(LoadError::Format { .. }) => {}
                Err(other) => panic!("{name} cut at {end}: {other}"),
            }
        }
    }
}

#[test]
fn a_hundred_thousand_levels_of_nesting_are_read_without_recursion() {
    const LEVELS: usize = 100_000;
    let mut hn = String::from(r#"{"id": 1, "created_at_i": 1, "title": "Deep", "children": ["#);
    for n in 0..LEVELS {
        hn.push_str(&format!(
            r#"{{"id": {}, "author": "a{}", "text": "t{n}", "children": ["#,
            n + 2,
            n % 7
        ));
    }
    hn.push_str(&"]}".repeat(LEVELS + 1));
    let mut reddit = String::from(r#"[{"kind": "Listing", "data": {"children": []}}, "#);
    for _ in 0..LEVELS {
        reddit.push_str(
            r#"{"kind": "Listing", "data": {"children": [{"kind": "t1", "data": {"link_id": "t3_x", "replies": "#,
        );
    }
    reddit.push_str("\"\"");
    for n in (0..LEVELS).rev() {
        reddit.push_str(&format!(
            r#", "author": "r{}", "body": "b{n}", "created_utc": 1600000000}}}}]}}}}"#,
            n % 7
        ));
    }
    reddit.push(']');
    for (text, format) in [(hn, Format::Hackernews), (reddit, Format::Reddit)] {
        let loaded = parse(text).unwrap();
        assert_eq!(loaded.format, format);
        assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
        let thread = loaded.main_thread();
        assert_eq!(thread.comment_count(), LEVELS);
        assert_eq!(thread.depth(LEVELS - 1), LEVELS);
        let prefix = if format == Format::Reddit { "b" } else { "t" };
        assert_eq!(thread.body(LEVELS - 1), format!("{prefix}{}", LEVELS - 1));
        assert_tree_invariants(thread);
    }
}

#[test]
fn fields_of_the_wrong_type_are_skipped_and_counted_in_one_line() {
    let hn = r#"{"id": 1, "title": ["not", "a", "title"], "created_at": 12, "points": "many", "children": [
        {"id": 2, "author": 5, "text": "<p>kept", "created_at_i": {"no": 1}, "children": "none"},
        {"id": 3, "author": "bo", "text": {"a": 1}, "points": 1e400, "children": [7, null, {"id": 4, "author": "cy", "text": "deep", "children": []}]}
    ]}"#;
    let loaded = parse(hn).unwrap();
    assert_eq!(loaded.format, Format::Hackernews);
    assert_eq!(
        tree(loaded.main_thread()),
        ["(none): kept", "bo: ", "  cy: deep"]
    );
    assert_eq!(loaded.notes, ["9 fields of an unexpected type skipped"]);

    let reddit = r#"[{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"subreddit": "s", "title": 7, "score": "high"}}]}},
        {"kind": "Listing", "data": {"children": [
            {"kind": "t1", "data": {"link_id": "t3_x", "replies": 7, "author": "ann", "body": ["no"], "created_utc": "yesterday"}},
            {"kind": "t1", "data": {"link_id": "t3_x", "replies": {"kind": "Listing", "data": {"children": [
                {"kind": "t1", "data": {"replies": "", "author": "cat", "body": "fine", "score": true}},
                {"kind": "more", "data": {"count": "lots", "children": []}},
                {"kind": "t2", "data": {"name": "an account"}}]}}, "author": "bob", "body": "ok"}}]}}]"#;
    let loaded = parse(reddit).unwrap();
    assert_eq!(loaded.format, Format::Reddit);
    assert_eq!(
        tree(loaded.main_thread()),
        ["ann: ", "bob: ok", "  cat: fine"]
    );
    assert_eq!(
        loaded.notes,
        [
            "1 entry that is neither post nor comment skipped; 7 fields of an unexpected type skipped",
            "1 comment has replies that Reddit left out of the file without counting them (\"continue this thread\")",
        ]
    );
}

#[test]
fn what_follows_the_json_value_is_said_not_read() {
    for name in ["hn-reader.json", "reddit-listing.json"] {
        let mut bytes = std::fs::read(fixture(name)).unwrap();
        let alone = parse(bytes.clone()).unwrap();
        bytes.extend_from_slice(b"\n{\"another\": \"value\"}\n");
        let loaded = parse(bytes).unwrap();
        assert_eq!(
            tree(loaded.main_thread()),
            tree(alone.main_thread()),
            "{name}"
        );
        assert_eq!(
            loaded.notes[0], "what follows the JSON value was skipped",
            "{name}"
        );
        assert_eq!(loaded.notes.len(), alone.notes.len() + 1, "{name}");
    }
}

#[test]
fn a_huge_string_is_cut_to_a_mebibyte_and_said() {
    let huge = "word ".repeat(600_000);
    let hn = format!(
        r#"{{"id": 1, "created_at_i": 1, "title": "Long", "children": [{{"id": 2, "author": "a", "text": "<p>{huge}", "children": []}}, {{"id": 3, "author": "b", "text": "after", "children": []}}]}}"#
    );
    let reddit = format!(
        r#"[{{"kind": "Listing", "data": {{"children": [{{"kind": "t1", "data": {{"link_id": "t3_x", "replies": "", "author": "a", "body": "{huge}"}}}}, {{"kind": "t1", "data": {{"link_id": "t3_x", "replies": "", "author": "b", "body": "after"}}}}]}}}}]"#
    );
    for (text, format) in [(hn, Format::Hackernews), (reddit, Format::Reddit)] {
        let loaded = parse(text).unwrap();
        assert_eq!(loaded.format, format);
        let thread = loaded.main_thread();
        assert_eq!(thread.comment_count(), 2);
        let kept = thread.body(0);
        assert!(
            kept.len() <= 1 << 20 && kept.len() > 1_000_000,
            "{}",
            kept.len()
        );
        assert!(kept.starts_with("word word"));
        assert_eq!(thread.body(1), "after");
        assert_eq!(loaded.notes, ["1 text longer than 1 MiB was cut to 1 MiB"]);
    }
}

#[test]
fn the_binary_reads_a_cut_file_and_says_what_it_skipped() {
    let output = Command::new(env!("CARGO_BIN_EXE_thread-tui"))
        .args(["--dump", "outline"])
        .arg(fixture("reddit-page-truncated.json"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 4);
    assert!(
        stdout.ends_with("└─ rye_guy: Rye, always <ry\n"),
        "{stdout}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.ends_with("reddit-page-truncated.json: the file ends in the middle of the JSON at line 1, column 1864: what came before it is shown\n"),
        "{stderr}"
    );
}

// ------------------------------------------------------------------ real files

/// A real file beside the repository (CI has ../shared): missing is a failure, not a skip.
fn real_sample(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/real-samples")
        .join(name);
    assert!(path.is_file(), "{} is missing", path.display());
    path
}

#[test]
fn the_real_reddit_page_gives_what_a_careful_reader_sees() {
    let loaded = load_path(&real_sample("reddit-self-1cebxh.json"), None).unwrap();
    assert_eq!(loaded.format, Format::Reddit);
    let thread = loaded.main_thread();
    assert_tree_invariants(thread);
    assert!(
        thread
            .title()
            .starts_with("my wife passed away eight months ago")
    );
    assert_eq!(thread.comment_count(), 199);
    assert_eq!(thread.len(), 199);
    assert_eq!(thread.top_level_count(), 38);
    assert_eq!((0..thread.len()).map(|id| thread.depth(id)).max(), Some(10));
    // 125 `more` stubs: one on the top level, one under each of 121 comments, and three
    // "continue this thread" links without a count.
    let with_more = (0..thread.len())
        .filter(|&id| thread.more_replies(id) > 0)
        .count();
    assert_eq!(with_more, 121);
    assert!(thread.more_top_level() > 0);
    assert_eq!(
        loaded.notes,
        [
            "3 comments have replies that Reddit left out of the file without counting them (\"continue this thread\")"
        ]
    );
    let counted: u32 = (0..thread.len())
        .map(|id| thread.more_replies(id))
        .sum::<u32>()
        + thread.more_top_level();
    assert_eq!(counted, 1660);
    // Escaped Markdown comes out as written.
    assert!(!(0..thread.len()).any(|id| thread.body(id).contains("&amp;")));
    assert!((0..thread.len()).any(|id| thread.body(id).contains(" & ")));
}

#[test]
fn the_real_hacker_news_item_gives_what_a_careful_reader_sees() {
    let path = real_sample("hn-algolia-item-1-hnapi.json");
    let loaded = load_path(&path, None).unwrap();
    assert_eq!(loaded.format, Format::Hackernews);
    let thread = loaded.main_thread();
    assert_tree_invariants(thread);
    assert_eq!(thread.title(), "Y Combinator");
    assert_eq!(thread.article_author(), Some("pg"));
    assert_eq!(thread.comment_count(), 19);
    assert_eq!(thread.top_level_count(), 5);
    assert!((0..thread.len()).all(|id| thread.author(id).is_some()));
    assert!((0..thread.len()).all(|id| !thread.body(id).contains('<')));
    // The 20th entry is deleted and has no replies: left out, and said.
    assert_eq!(
        loaded.notes,
        [
            "1 deleted or dead comment without replies was left out, as the site does (--all-comments keeps them)"
        ]
    );
    let options = Options {
        all_comments: true,
        ..Options::default()
    };
    let all = load_path_with(&path, &options).unwrap();
    let thread = all.main_thread();
    assert_eq!(thread.comment_count(), 20);
    let deleted: Vec<usize> = (0..thread.len())
        .filter(|&id| thread.status(id) == Status::Deleted)
        .collect();
    assert_eq!(deleted.len(), 1);
    assert_eq!(thread.author(deleted[0]), None);
    assert!(!thread.has_children(deleted[0]));
}
