//! Comment sections saved as text: a browser copy (`copy`) and a text-browser dump
//! (`text-dump`: w3m, lynx, lynx -nolist, bullets for `ul.children`), on fixtures of our own
//! in tests/fixtures/{copy,dump}/ and on the real files in ../shared/real-samples/.

mod common;

use std::path::{Path, PathBuf};
use thread_tui::thread::sniff::{Head, Sniff, detect};
use thread_tui::thread::{Format, Loaded, Thread, dates, parse_bytes, says};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// A real file from ../shared/real-samples: CI has it beside the repository, so a missing
/// file fails the test rather than skipping it.
fn real_sample(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/real-samples")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|err| {
        panic!(
            "{}: {err} (../shared must sit beside the repository)",
            path.display()
        )
    })
}

fn load(bytes: &[u8], format: Option<Format>) -> Loaded {
    let loaded = parse_bytes(bytes.to_vec(), format, Path::new("page.txt")).expect("parses");
    for thread in &loaded.threads {
        common::tree::assert_tree_invariants(thread);
        common::tree::assert_dumps_hold(thread);
    }
    loaded
}

/// `depth author time: body` for each node, bodies with newlines shown as `|`.
fn listing(thread: &Thread) -> Vec<String> {
    (0..thread.len())
        .map(|id| {
            let author = if thread.is_missing(id) {
                "[missing]"
            } else {
                thread.author(id).unwrap_or("(unknown)")
            };
            let time = thread.time(id).map_or("-".to_string(), |t| t.to_string());
            format!(
                "{} {author} {time}: {}",
                thread.depth(id),
                thread.body(id).replace('\n', "|")
            )
        })
        .collect()
}

/// No comment holds the page's furniture: date and Reply lines, avatar text, link markers,
/// the comment form, pingbacks; no name has any of it either.
fn assert_clean(thread: &Thread) {
    const FORM: &[&str] = &[
        "Name *",
        "Email *",
        "Website",
        "Leave a Reply",
        "Post navigation",
        "Recent Posts",
    ];
    for id in 0..thread.len() {
        let body = thread.body(id);
        for line in body.lines() {
            let line = line.trim();
            assert!(!dates::is_date_line(line), "date line in {id}: {body:?}");
            assert!(!says::is_reply_line(line), "Reply line in {id}: {body:?}");
            assert!(!says::is_pingback_line(line), "pingback in {id}: {body:?}");
            assert!(!FORM.contains(&line), "form in {id}: {body:?}");
            assert!(!line.starts_with('['), "avatar or marker in {id}: {body:?}");
        }
        if let Some(author) = thread.author(id) {
            assert!(!author.contains(['[', ']', ':']), "{author:?}");
            assert!(!author.to_lowercase().ends_with(" says"), "{author:?}");
        }
    }
}

fn sniff(format: Format, bytes: &[u8]) -> Sniff {
    (format.spec().sniff)(&Head::new(bytes, true))
}

fn detected(bytes: &[u8]) -> Format {
    detect(&Head::new(bytes, true)).expect("a format")
}

const COPIES: &[&str] = &["copy/english.txt", "copy/german.txt", "copy/uppercase.txt"];
const DUMPS: &[&str] = &[
    "dump/w3m.txt",
    "dump/lynx.txt",
    "dump/lynx-nolist.txt",
    "dump/bullets.txt",
    "dump/bullets-lynx.txt",
];

#[test]
fn copy_in_english_with_pingbacks_and_the_comment_form() {
    let loaded = load(&fixture("copy/english.txt"), None);
    assert_eq!(loaded.format, Format::Copy);
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "Building a Box Kite");
    // The menus above the title are left out; the article keeps its lines.
    assert!(
        thread
            .article()
            .starts_with("Last spring I built a box kite")
    );
    assert!(
        thread
            .article()
            .ends_with("Enjoy! Questions are welcome below.")
    );
    assert!(!thread.article().contains("SKIP TO CONTENT"));
    assert_eq!(
        listing(thread),
        [
            "1 Marta Quill 2013-02-08T23:48:00: How long did the lashing take?||\
             I tried waxed thread too and it slipped.||Thanks",
            // A quoted header line inside the text is text: no date follows it and no
            // Reply line comes before it.
            "1 Ivo Brandt 2013-02-25T21:46:00: Hi Marta||About an hour. Tie a clove hitch \
             first.|Ivo Brandt says:|that is what I tell everyone.",
            // 08/03/2019: day or month first? A date line, but no time.
            "1 Odile -: Which ripstop weight did you use?",
            // The sign-off stays in the text it ends.
            "1 Geoff Tanner 2013-03-10T13:37:00: Hi,||mine flies well in light wind.||\
             Thanks,||Geoff",
        ]
    );
    assert_clean(thread);
    assert_eq!(
        loaded.notes,
        [
            "2 pingbacks and trackbacks left out (links from other pages, not comments)",
            "1 comment's date line does not say one point in time (08/03/2019: day or month \
             first?): no time given",
        ]
    );
}

#[test]
fn copy_in_german_reads_sagt_and_its_dates() {
    let loaded = load(&fixture("copy/german.txt"), None);
    assert_eq!(loaded.format, Format::Copy);
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "Brot ohne Kneten");
    // The date line above the title dates the article.
    assert_eq!(thread.date(), Some("9. Februar 2019"));
    assert_eq!(
        thread.article_time().map(|t| t.to_string()).as_deref(),
        Some("2019-02-09T00:00:00")
    );
    assert_eq!(
        thread.article(),
        "Ein Teig, der über Nacht reift, braucht kein Kneten.\n\n\
         Mehl, Wasser, Salz und etwas Hefe genügen."
    );
    assert_eq!(
        listing(thread),
        [
            "1 Hannelore Specht 2019-02-10T18:05:00: Wie lange bei welcher Temperatur?",
            "1 Jürgen 2019-02-11T07:30:00: Zwölf Stunden bei Raumtemperatur.||Viele Grüße",
            "1 Élodie 2019-08-03T04:11:00: Merci pour la recette !",
        ]
    );
    assert_clean(thread);
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
}

#[test]
fn copy_of_an_upper_case_theme() {
    let loaded = load(&fixture("copy/uppercase.txt"), None);
    assert_eq!(loaded.format, Format::Copy);
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "A NOTE ON TEA");
    assert_eq!(
        listing(thread),
        [
            "1 ALYSSA 2019-08-03T04:11:00: I use eighty degrees.",
            "1 BEN OKAFOR 2019-08-04T21:05:00: Seventy for sencha.||\
             ALYSSA SAYS: is what my kettle should print.",
        ]
    );
    assert_clean(thread);
}

#[test]
fn w3m_dump_nests_by_its_own_indentation() {
    let loaded = load(&fixture("dump/w3m.txt"), None);
    assert_eq!(loaded.format, Format::TextDump);
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "Parsing logs quickly");
    // The sidebar above the title is left out; the avatar line of the byline is dropped.
    assert!(thread.article().starts_with("Logs are text."));
    assert!(
        thread
            .article()
            .contains("    size      fast   slow\nsmall.log")
    );
    assert!(!thread.article().contains("[4b7361]"));
    assert!(!thread.article().contains("Recent Posts"));
    let listing = listing(thread);
    assert_eq!(
        listing[..6],
        [
            "1 Nadia Kern 2019-08-03T04:11:00: Thanks for the write-up.||The second table \
             surprised me: I expected the gap to be smaller on|small files.",
            "1 Oskar 2019-08-05T02:51:00: Is there a package for it yet?",
            "2 Ada 2019-08-05T13:46:00: Not yet: next month.",
            "3 Oskar 2019-08-05T14:00:00: Good to know.",
            "2 Nadia Kern -: Same question here.",
            "1 Priya 2019-08-06T10:00:00: Short one.",
        ]
    );
    // " 9." and "10." line up on their text: both top level.
    assert_eq!(
        listing[11..],
        [
            "1 Vera 2019-08-06T10:30:00: Nine.",
            "1 Wim 2019-08-07T23:48:00: Ten: the number is right-aligned, the text stays in \
             its column.",
        ]
    );
    assert_eq!(thread.comment_count(), 13);
    assert_eq!(thread.top_level_count(), 10);
    assert_clean(thread);
}

/// The lynx fixtures hold the same comments: with link markers and the link list, and
/// without (-nolist).
const LYNX_LISTING: [&str; 5] = [
    "1 Nadia Kern 2019-08-03T04:11:00: Thanks for the write-up.|The second table surprised \
     me: I expected the gap to be smaller, as|the old post said.",
    "1 Oskar 2019-08-05T02:51:00: Is there a package for it yet?",
    "2 Ada 2019-08-05T13:46:00: Not yet: see the plan.",
    "3 Oskar 2019-08-05T14:00:00: Good to know.",
    "1 Priya -: Short one, with a footnote [1] that is not a link.",
];

#[test]
fn lynx_dump_with_link_markers_and_the_link_list() {
    let loaded = load(&fixture("dump/lynx.txt"), None);
    assert_eq!(loaded.format, Format::TextDump);
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "Parsing logs quickly");
    // Markers go from the article too; lynx's paragraph indentation goes, a table keeps its
    // own.
    assert_eq!(
        thread.article(),
        "Logs are text. Text is slow to parse unless you are careful about every\n\
         byte you touch, says the benchmark page.\n    size      fast   slow\n\
         small.log     2 GB/s 0.1 GB/s\n\nPublished by\n\nAda\n\nPosted on August 2, 2019"
    );
    assert_eq!(listing(thread), LYNX_LISTING);
    // The date links to the comment: its id and address.
    let ids: Vec<Option<&str>> = (0..thread.len()).map(|id| thread.comment_id(id)).collect();
    assert_eq!(
        ids,
        [
            Some("comment-101"),
            Some("comment-102"),
            Some("comment-103"),
            Some("comment-104"),
            None
        ]
    );
    assert_eq!(
        thread.comment_url(2),
        Some("https://ada.example/2019/08/02/parsing-logs-quickly/#comment-103")
    );
    assert_clean(thread);
    // The link list is not a comment and not text.
    assert!((0..thread.len()).all(|id| !thread.body(id).contains("https://")));
}

#[test]
fn lynx_dump_without_the_link_list() {
    let loaded = load(&fixture("dump/lynx-nolist.txt"), None);
    assert_eq!(loaded.format, Format::TextDump);
    let thread = loaded.main_thread();
    assert_eq!(listing(thread), LYNX_LISTING);
    assert!((0..thread.len()).all(|id| thread.comment_id(id).is_none()));
    assert_clean(thread);
}

#[test]
fn bullets_for_replies_nest_by_indentation() {
    let expected = [
        "1 Nadia Kern 2021-06-03T08:15:00: Which variety?",
        "2 Ada 2021-06-03T09:00:00: Gardener's Delight.",
        "3 Nadia Kern 2021-06-03T09:30:00: Thanks!",
        "4 Bo 2021-06-04T07:00:00: Same here.",
        "2 Oskar 2021-06-05T18:00:00: Mine split in the rain.",
        "1 Priya 2021-06-06T10:00:00: Good tip.",
    ];
    let loaded = load(&fixture("dump/bullets.txt"), None);
    assert_eq!(loaded.format, Format::TextDump);
    assert_eq!(listing(loaded.main_thread()), expected);
    assert_clean(loaded.main_thread());

    // lynx: "*" and "+" bullets, the top-level number alone on its line.
    let loaded = load(&fixture("dump/bullets-lynx.txt"), None);
    assert_eq!(loaded.format, Format::TextDump);
    let without_bo: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|line| !line.contains(" Bo "))
        .collect();
    assert_eq!(listing(loaded.main_thread()), without_bo);
    assert_clean(loaded.main_thread());
}

fn seed_and_quirk_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [
        Path::new("data"),
        Path::new("tests/quirks"),
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"),
    ] {
        let entries = std::fs::read_dir(dir)
            .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
            .map(|entry| entry.expect("a directory entry").path());
        files.extend(entries.filter(|path| path.extension().is_some_and(|e| e == "txt")));
    }
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    files
}

#[test]
fn detection_tells_copies_dumps_and_the_older_text_formats_apart() {
    for name in COPIES {
        let bytes = fixture(name);
        assert_eq!(detected(&bytes), Format::Copy, "{name}");
        assert_eq!(sniff(Format::TextDump, &bytes), Sniff::No, "{name}");
        assert_eq!(sniff(Format::Numbered, &bytes), Sniff::No, "{name}");
    }
    for name in DUMPS {
        let bytes = fixture(name);
        assert_eq!(detected(&bytes), Format::TextDump, "{name}");
        assert_eq!(sniff(Format::Copy, &bytes), Sniff::No, "{name}");
    }
    // The seeds and the quirk files stay numbered or flat.
    for path in seed_and_quirk_files() {
        let bytes = std::fs::read(&path).expect("readable");
        assert_eq!(sniff(Format::Copy, &bytes), Sniff::No, "{}", path.display());
        assert_eq!(
            sniff(Format::TextDump, &bytes),
            Sniff::No,
            "{}",
            path.display()
        );
        assert!(
            matches!(detected(&bytes), Format::Numbered | Format::Flat),
            "{}",
            path.display()
        );
    }
}

#[test]
fn other_real_files_are_neither_copies_nor_dumps() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-samples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("../shared/real-samples beside the repository") {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with("text-wp-copy") || name.starts_with("derived-wp-lemire") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        let head = &bytes[..bytes.len().min(1 << 20)];
        assert_eq!(sniff(Format::Copy, head), Sniff::No, "{name}");
        assert_eq!(sniff(Format::TextDump, head), Sniff::No, "{name}");
        checked += 1;
    }
    assert!(checked >= 5, "{checked} files");
}

#[test]
fn a_count_the_comments_do_not_reach_is_said() {
    let page = "Paged\n\nText.\n\n5 thoughts on “Paged”\n\
                Ann says:\nMay 1, 2020 at 1:00 pm\nFirst.\nReply\nShow more replies\n\
                Bob says:\nMay 2, 2020 at 1:00 pm\nSecond.\nReply\n\
                « Older Comments\n";
    let loaded = load(page.as_bytes(), None);
    assert_eq!(loaded.format, Format::Copy);
    assert_eq!(loaded.main_thread().comment_count(), 2);
    assert_eq!(
        loaded.notes,
        [
            "the page says it has 5 comments; 2 were found (the others may be on other pages \
             of the comments)",
            "1 line between comments was left out (after a comment's Reply line, before the \
             next comment)",
        ]
    );
}

#[test]
fn a_date_below_the_text_is_the_comments_date() {
    let page = "T\n\nText.\n\n2 thoughts on “T”\n\
                Ann says:\nFirst.\n\nMay 1, 2020 at 1:00 pm\nReply\n\
                Bob says:\nSecond, on 03.08.2019 04:11.\nMay 2, 2020 at 1:00 pm\n\nReply\n";
    let loaded = load(page.as_bytes(), None);
    assert_eq!(loaded.format, Format::Copy);
    assert_eq!(
        listing(loaded.main_thread()),
        [
            "1 Ann 2020-05-01T13:00:00: First.",
            "1 Bob 2020-05-02T13:00:00: Second, on 03.08.2019 04:11.",
        ]
    );
}

#[test]
fn a_page_without_comments_forced_as_copy_or_dump_is_an_article_and_says_so() {
    let page = b"A Title\n\nSome text.\n\nBob says:\nmore text\n";
    assert_eq!(detected(page), Format::Flat);
    for format in [Format::Copy, Format::TextDump] {
        let loaded = load(page, Some(format));
        let thread = loaded.main_thread();
        assert_eq!(thread.comment_count(), 0);
        assert_eq!(thread.title(), "A Title");
        assert_eq!(thread.article(), "Some text.\n\nBob says:\nmore text");
        assert_eq!(loaded.notes.len(), 1, "{:?}", loaded.notes);
        assert!(loaded.notes[0].starts_with("no comment section found"));
    }
}

#[test]
fn cut_and_broken_pages_still_make_sound_trees() {
    for name in COPIES.iter().chain(DUMPS) {
        let text = String::from_utf8(fixture(name)).expect("UTF-8 fixture");
        let cuts = (0..text.len())
            .step_by(149)
            .filter(|&at| text.is_char_boundary(at));
        for cut in cuts {
            common::tree::check_all_formats(&text.as_bytes()[..cut]);
        }
        // Every line end lost: one long line.
        common::tree::check_all_formats(text.replace('\n', " ").as_bytes());
        // Indentation lost.
        let flat: String = text
            .lines()
            .map(|l| format!("{}\n", l.trim_start()))
            .collect();
        common::tree::check_all_formats(flat.as_bytes());
    }
}

#[test]
fn a_deep_dump_nests_without_recursion() {
    // One column a level: the step is the file's, and the file stays small.
    let depth = 1000;
    let mut text = String::from("Deep\n\nArticle.\n\n1000 thoughts on “Deep”\n\n");
    for level in 0..depth {
        let pad = " ".repeat(level);
        text.push_str(&format!(
            "{pad} 1. Person {level} says:\n{pad}    August 3, 2019 at 4:11 am\n\n\
             {pad}    Reply number {level}.\n\n{pad}    Reply\n"
        ));
    }
    let loaded = load(text.as_bytes(), None);
    assert_eq!(loaded.format, Format::TextDump);
    let thread = loaded.main_thread();
    assert_eq!(thread.comment_count(), depth);
    assert_eq!(thread.depth(depth - 1), depth);
    assert_eq!(thread.body(depth - 1), "Reply number 999.");
}

#[test]
fn hostile_lines_are_text_or_headers_never_a_panic() {
    let long_name = "N".repeat(200_000);
    let mut text = format!("T\n\n1 thought on “T”\n{long_name} says:\nAugust 3, 2019\nx\nReply\n");
    text.push_str("\u{202e}Evil\u{1b}[2J says:\nAugust 4, 2019 at 4:11 am\nhi\nReply\n");
    text.push_str(&"[".repeat(10_000));
    text.push_str("\n  12345678901234567890.\n[99999999999]x says:\n");
    for format in [None, Some(Format::Copy), Some(Format::TextDump)] {
        let loaded = load(text.as_bytes(), format);
        let thread = loaded.main_thread();
        // The name too long for a header stays text; the escape sequence is the sanitiser's.
        assert!((0..thread.len()).all(|id| thread.author(id).is_none_or(|a| a.len() < 100)));
    }
}

#[test]
fn real_browser_copy_of_a_wordpress_page() {
    let loaded = load(&real_sample("text-wp-copy-mattdyson-robotarm.txt"), None);
    assert_eq!(loaded.format, Format::Copy);
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "Robot Arm");
    assert!(
        thread
            .article()
            .starts_with("A couple of years ago I was given")
    );
    assert!(!thread.article().contains("SKIP TO CONTENT"));
    // The page says 50 thoughts: one of them is a pingback.
    assert_eq!(thread.comment_count(), 49);
    assert_eq!(thread.top_level_count(), 49);
    assert_eq!(
        loaded.notes,
        ["1 pingback or trackback left out (links from other pages, not comments)"]
    );
    assert!((0..thread.len()).all(|id| thread.time(id).is_some()));
    assert_eq!(thread.author(0), Some("Alastair"));
    assert_eq!(
        thread.time(0).map(|t| t.to_string()).as_deref(),
        Some("2013-02-08T23:48:00")
    );
    assert_eq!(thread.author(48), Some("hqc"));
    assert_eq!(
        thread.body(48),
        "I get it, the idProduct should be 0001 for my case"
    );
    let matt = (0..thread.len())
        .filter(|&id| thread.author(id) == Some("Matt"))
        .count();
    assert_eq!(matt, 15);
    // What the flat reading made commenters of is text or furniture here.
    let geoff = (0..thread.len())
        .find(|&id| thread.author(id) == Some("Geoff"))
        .expect("Geoff's comment");
    assert!(thread.body(geoff).ends_with("Thanks,\n\nGeoff"));
    assert_clean(thread);
}

fn assert_lemire(loaded: &Loaded) {
    assert_eq!(loaded.format, Format::TextDump);
    let thread = loaded.main_thread();
    assert_eq!(
        thread.title(),
        "JSON parsing: simdjson vs. JSON for Modern C++"
    );
    assert!(
        thread
            .article()
            .starts_with("JSON is the ubiquitous data format")
    );
    let outline: Vec<String> = (0..thread.len())
        .map(|id| {
            format!(
                "{} {} {}",
                thread.depth(id),
                thread.author(id).unwrap_or("(unknown)"),
                thread.time(id).map_or("-".to_string(), |t| t.to_string())
            )
        })
        .collect();
    assert_eq!(
        outline,
        [
            "1 degski 2019-08-03T04:11:00",
            "1 degski 2019-08-05T02:51:00",
            "2 Daniel Lemire 2019-08-05T13:46:00",
            "1 wmu 2019-08-05T16:43:00",
            "2 Daniel Lemire 2019-08-05T20:28:00",
        ]
    );
    assert!(thread.body(0).starts_with("Thanks, for posting this."));
    assert!(thread.body(4).ends_with("Please try it out!"));
    assert_clean(thread);
}

#[test]
fn real_w3m_dump_of_a_wordpress_page() {
    let loaded = load(&real_sample("derived-wp-lemire.w3m-dump.txt"), None);
    assert_lemire(&loaded);
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
}

#[test]
fn real_lynx_dump_of_a_wordpress_page() {
    let loaded = load(&real_sample("derived-wp-lemire.lynx-dump.txt"), None);
    assert_lemire(&loaded);
    let thread = loaded.main_thread();
    assert_eq!(thread.comment_id(0), Some("comment-421882"));
    assert_eq!(thread.comment_id(4), Some("comment-422257"));
    // The bracketed words in the text are not link markers: they stay.
    assert!(thread.body(0).contains("[nlohmann/json]"));
    assert!(
        thread
            .body(3)
            .starts_with("Daniel, you wrote “[JSON for Modern C++]")
    );
}
