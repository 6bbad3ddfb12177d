//! WordPress (WXR) and Disqus exports: the threads of our own small exports in
//! tests/fixtures/exports/ (nesting, replies before their parents, moderation, pingbacks,
//! broken dates, undeclared prefixes, a stray byte, a cut file), detection both ways,
//! `--all-comments`, hostile XML, and the real Disqus sample in ../shared/real-samples.

mod common;
#[path = "../examples/gen/src/exports.rs"]
mod exports;
#[path = "../examples/gen/src/rng.rs"]
mod rng;

use common::timed::run_timed;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use thread_tui::app::{App, Shelf, View};
use thread_tui::library::{FileState, loader};
use thread_tui::thread::sniff::{Head, Sniff, detect};
use thread_tui::thread::{
    Format, LoadError, Loaded, Options, Status, Thread, json, parse_bytes, parse_bytes_with,
};
use thread_tui::ui;

fn fixture(name: &str) -> Vec<u8> {
    fs::read(Path::new("tests/fixtures/exports").join(name)).expect("fixture exists")
}

fn load(bytes: &[u8], all_comments: bool) -> Loaded {
    let options = Options {
        format: None,
        all_comments,
    };
    let loaded = parse_bytes_with(bytes.to_vec(), Path::new("export.xml"), &options)
        .expect("the export loads");
    for thread in &loaded.threads {
        common::tree::assert_tree_invariants(thread);
        common::tree::assert_dumps_hold(thread);
    }
    loaded
}

/// `depth author: first line of the body [status] time` for each node.
fn listing(thread: &Thread) -> Vec<String> {
    (0..thread.len())
        .map(|id| {
            let indent = "  ".repeat(thread.depth(id) - 1);
            if thread.is_missing(id) {
                return format!("{indent}[placeholder]");
            }
            let mut line = format!(
                "{indent}{}: {}",
                thread.author(id).unwrap_or("(unknown)"),
                thread.body(id).lines().next().unwrap_or("")
            );
            if thread.status(id) != Status::Approved {
                line.push_str(&format!(" [{}]", thread.status(id).name()));
            }
            match thread.time(id) {
                Some(time) => line.push_str(&format!(" @{time}")),
                None => line.push_str(" @-"),
            }
            line
        })
        .collect()
}

// ------------------------------------------------------------------ WordPress

#[test]
fn wordpress_posts_with_comments_are_threads_in_file_order() {
    let loaded = load(&fixture("wordpress.xml"), false);
    assert_eq!(loaded.format, Format::Wordpress);
    assert_eq!(
        loaded.threads.len(),
        2,
        "the page and the attachment are not threads"
    );
    let post = &loaded.threads[0];
    assert_eq!(post.title(), "Parsing recipes & other files quickly");
    // The name the channel's <wp:author> gives the login dc:creator names.
    assert_eq!(post.article_author(), Some("Odile Marchetti"));
    assert_eq!(post.thread_id(), Some("41"));
    assert_eq!(
        post.url(),
        Some("https://kettle.example.org/2023/03/parsing-recipes/")
    );
    assert_eq!(
        post.article_time().map(|t| t.to_string()).as_deref(),
        Some("2023-03-04T09:30:00+00:00")
    );
    // Stored line ends are breaks, as WordPress shows them; code kept verbatim; links with
    // their address.
    assert_eq!(
        post.article(),
        "I keep my recipes as plain files.\nEach one starts with a title line.\n\n\
         Here is the loop that reads them:\n\n\
         for line in lines {\n    if line.starts_with('#') { continue; }\n}\n\n\
         More on the file format <https://kettle.example.org/format/> next week."
    );
    assert_eq!(
        listing(post),
        [
            "Bertil Nyqvist: Why not a real parser? @2023-03-04T10:02:00+00:00",
            // 103 came before its parent 102 in the file.
            "  odile: The files are tiny, and I wanted no dependencies. @2023-03-04T10:40:00+00:00",
            "    Bertil Nyqvist: Fair enough. Thanks! @2023-03-04T11:15:00+00:00",
            // No UTC time: the site's local time, without an offset.
            "    Local Only: Imported from an old blog: no UTC time. @2023-03-07T18:45:00",
            // The pending comment is left out; its approved reply stays, under a placeholder.
            "[placeholder]",
            "  Maren Holt: Answering the held comment above. @2023-03-05T08:00:00+00:00",
            // A date that does not read: the comment without a time.
            "Ines About-Time: My clock is broken & so is this date. @-",
        ]
    );
    assert_eq!(
        post.body(0),
        "Why not a real parser?\n\nI tried serde and it was fine."
    );
    assert_eq!(
        post.body(1),
        "The files are tiny, and I wanted no dependencies.\nAlso: see why <https://kettle.example.org/why/>."
    );
    assert_eq!(post.comment_id(1), Some("102"));
    let tea = &loaded.threads[1];
    assert_eq!(tea.title(), "Tea at altitude");
    // Gutenberg's block comments are not text; HTML entities are decoded.
    assert_eq!(tea.article(), "Water boils at 90 °C up here.");
    assert_eq!(
        listing(tea),
        ["Maren Holt: Green tea likes it cooler anyway. @2023-04-10T14:20:00+00:00"]
    );
    assert_eq!(
        loaded.notes,
        [
            "3 comments left out (1 pending, 1 spam, 1 in the trash; --all-comments shows them); \
             1 reply to them is under a placeholder",
            "1 pingback or trackback left out (they are not comments)",
            "1 date could not be read: its comment is shown without a time",
            "2 items without comments (posts, pages, attachments...) are not listed",
        ]
    );
    // The thread with the most comments is the main one (a lone thread opens at it).
    assert_eq!(loaded.main_index(), 0);
}

#[test]
fn wordpress_all_comments_keeps_moderated_ones_marked() {
    let loaded = load(&fixture("wordpress.xml"), true);
    let post = &loaded.threads[0];
    assert_eq!(
        listing(post),
        [
            "Bertil Nyqvist: Why not a real parser? @2023-03-04T10:02:00+00:00",
            "  odile: The files are tiny, and I wanted no dependencies. @2023-03-04T10:40:00+00:00",
            "    Bertil Nyqvist: Fair enough. Thanks! @2023-03-04T11:15:00+00:00",
            "    Local Only: Imported from an old blog: no UTC time. @2023-03-07T18:45:00",
            "  Second Thoughts: I take it back. [deleted] @2023-03-05T09:00:00+00:00",
            "Held Back: Waiting for a moderator. [pending] @2023-03-05T07:00:00+00:00",
            "  Maren Holt: Answering the held comment above. @2023-03-05T08:00:00+00:00",
            "Cheap Pills: buy now <https://spam.example.com> [spam] @2023-03-05T08:30:00+00:00",
            "Ines About-Time: My clock is broken & so is this date. @-",
        ]
    );
    // The pingback is still not a comment.
    assert_eq!(
        loaded.notes,
        [
            "1 pingback or trackback left out (they are not comments)",
            "1 date could not be read: its comment is shown without a time",
            "2 items without comments (posts, pages, attachments...) are not listed",
        ]
    );
    // The JSON says the status.
    let mut dump = Vec::new();
    json::write(post, &mut dump).unwrap();
    let dump = String::from_utf8(dump).unwrap();
    for status in [
        "\"status\":\"pending\"",
        "\"status\":\"spam\"",
        "\"status\":\"deleted\"",
    ] {
        assert!(dump.contains(status), "{status} in {dump}");
    }
}

#[test]
fn wordpress_cut_anywhere_keeps_the_whole_comments_before_the_cut() {
    let whole = fixture("wordpress.xml");
    let full = load(&whole, false);
    let full_comments: Vec<String> = full.threads.iter().flat_map(listing).collect();
    let end = whole.len() - "</channel>\n</rss>\n".len();
    for cut in (0..end).step_by(53) {
        let loaded = match parse_bytes(
            whole[..cut].to_vec(),
            Some(Format::Wordpress),
            Path::new("cut.xml"),
        ) {
            Ok(loaded) => loaded,
            // Cut before the first <item>: nothing to read, and the cut is said (nothing at
            // all is no export).
            Err(LoadError::Format { message, .. }) => {
                let expected = if cut == 0 {
                    "no <item> elements: not a WordPress export"
                } else {
                    "the file ends before its first <item> (cut short?)"
                };
                assert_eq!(message, expected, "{cut}");
                continue;
            }
            Err(other) => panic!("{cut}: {other}"),
        };
        let comments: Vec<String> = loaded.threads.iter().flat_map(listing).collect();
        // What is read is what the whole file gives, up to the cut (a reply whose parent is
        // past the cut sits under a placeholder until then).
        for line in comments.iter().filter(|l| !l.contains("[placeholder]")) {
            let bare = line.trim_start();
            assert!(
                full_comments.iter().any(|f| f.trim_start() == bare),
                "{cut}: {line} is not in the whole file"
            );
        }
        assert!(
            loaded
                .notes
                .iter()
                .any(|n| n.starts_with("the file ends early (cut short?)")),
            "{cut}: {:?}",
            loaded.notes
        );
    }
    // Cut inside comment 105: the ones before it are kept, and the cut is said.
    let at = find(&whole, b"Answering the held");
    let loaded = load(&whole[..at], false);
    let post = &loaded.threads[0];
    assert_eq!(post.comment_count(), 3);
    assert_eq!(
        loaded.notes.last().map(String::as_str),
        Some("the file ends early (cut short?): the comment it ends in was left out")
    );
}

fn find(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("needle in the fixture")
}

#[test]
fn wordpress_quirks_unescaped_markup_stray_end_tags_and_odd_values() {
    let xml = r#"<rss><channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Quirks</title><wp:post_id>9</wp:post_id>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Raw &amp; Ready</wp:comment_author>
<wp:comment_content><p>Unescaped <b>markup</b> inside</p>&nbsp;and a lone & ampersand</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved></stray></wp:comment>
<wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_author>Odd Status</wp:comment_author>
<wp:comment_content>post-trashed</wp:comment_content><wp:comment_approved>post-trashed</wp:comment_approved></wp:comment>
<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_parent>3</wp:comment_parent>
<wp:comment_author>Own Parent</wp:comment_author><wp:comment_content>I reply to myself</wp:comment_content>
<wp:comment_type>trackback</wp:comment_type></wp:comment>
<wp:comment><wp:comment_id>4</wp:comment_id><wp:comment_parent>99</wp:comment_parent>
<wp:comment_author>Orphan</wp:comment_author><wp:comment_content>My parent is gone</wp:comment_content>
</wp:comment>
</item></channel></rss>"#;
    let loaded = load(xml.as_bytes(), false);
    assert_eq!(loaded.format, Format::Wordpress);
    let thread = &loaded.threads[0];
    assert_eq!(
        listing(thread),
        [
            "Raw & Ready: Unescaped markup inside and a lone & ampersand @-",
            "[placeholder]",
            "  Orphan: My parent is gone @-",
        ]
    );
    assert_eq!(
        loaded.notes,
        [
            "1 comment left out (1 in the trash; --all-comments shows them)",
            "1 pingback or trackback left out (they are not comments)",
            "1 reply whose parent is not in the file is under a placeholder",
        ]
    );
}

// ------------------------------------------------------------------ Disqus

#[test]
fn disqus_threads_in_definition_order_with_posts_from_anywhere() {
    let loaded = load(&fixture("disqus.xml"), false);
    assert_eq!(loaded.format, Format::Disqus);
    assert_eq!(
        loaded.threads.len(),
        2,
        "the thread without posts is not listed"
    );
    let ferries = &loaded.threads[0];
    assert_eq!(ferries.title(), "The night ferries return");
    assert_eq!(ferries.article_author(), Some("Harbour Desk"));
    assert_eq!(ferries.thread_id(), Some("7001"));
    assert_eq!(
        ferries.url(),
        Some("https://harbour.example.com/2019/ferries/")
    );
    assert_eq!(
        listing(ferries),
        [
            "Ana Ferreira: Good news for the island. @2019-05-02T18:30:00+00:00",
            // A user name when there is no display name.
            "  night_owl: Is the timetable out? @2019-05-02T20:05:00+00:00",
            // This reply came first in the file, before its parent and its thread.
            "    Tomasz Wren: They said the same in 2017. @2019-05-03T08:30:00+00:00",
            // The deleted post's reply, under a placeholder.
            "[placeholder]",
            "  Ana Ferreira: Why regret it? @2019-05-03T09:20:00+00:00",
        ]
    );
    assert_eq!(
        ferries.body(0),
        "Good news for the island.\nLess driving for us."
    );
    assert_eq!(
        ferries.body(1),
        "Is the timetable out?\n\nmon-fri 23:00\nsat     01:00"
    );
    let cranes = &loaded.threads[1];
    assert_eq!(cranes.title(), "New cranes & old quays");
    assert_eq!(cranes.article(), "The port buys two cranes.");
    assert_eq!(
        listing(cranes),
        [
            "Pia Lindqvist: Finally! I missed the 11 pm boat. @2019-05-02T19:10:00+00:00",
            // An unquoted attribute, a date that does not read.
            "  Pia Lindqvist: Cranes & more cranes — lovely. @-",
            // No id: kept, as a top-level post.
            "Lone Writer: A post that lost its id. @2019-05-04T12:00:00+00:00",
        ]
    );
    assert_eq!(
        cranes.body(0),
        "Finally! I missed the 11 pm boat.\n\nTimetable: https://harbour.example.com/timetable"
    );
    assert_eq!(
        loaded.notes,
        [
            "2 posts left out (1 deleted, 1 spam; --all-comments shows them); \
             1 reply to them is under a placeholder",
            "1 post has no id: it is kept, but no reply can name it",
            "1 post belongs to a thread not in the file: it was left out",
            "1 thread without comments is not listed",
            "1 date could not be read: its post is shown without a time",
        ]
    );
}

#[test]
fn disqus_all_comments_keeps_deleted_and_spam_marked() {
    let loaded = load(&fixture("disqus.xml"), true);
    assert_eq!(
        listing(&loaded.threads[0]),
        [
            "Ana Ferreira: Good news for the island. @2019-05-02T18:30:00+00:00",
            "  night_owl: Is the timetable out? @2019-05-02T20:05:00+00:00",
            "    Tomasz Wren: They said the same in 2017. @2019-05-03T08:30:00+00:00",
            "Gone Person: I regret this. [deleted] @2019-05-03T09:00:00+00:00",
            "  Ana Ferreira: Why regret it? @2019-05-03T09:20:00+00:00",
            "Ticket Bot: Cheap tickets here [spam] @2019-05-03T10:00:00+00:00",
        ]
    );
    assert!(!loaded.notes.iter().any(|n| n.contains("left out (")));
}

#[test]
fn disqus_truncated_copy_keeps_what_came_before_the_cut() {
    let loaded = load(&fixture("disqus-truncated.xml"), false);
    assert_eq!(loaded.format, Format::Disqus);
    assert_eq!(loaded.threads.len(), 2);
    assert_eq!(
        listing(&loaded.threads[0]),
        [
            "Ana Ferreira: Good news for the island. @2019-05-02T18:30:00+00:00",
            "  night_owl: Is the timetable out? @2019-05-02T20:05:00+00:00",
            "    Tomasz Wren: They said the same in 2017. @2019-05-03T08:30:00+00:00",
        ]
    );
    assert_eq!(
        loaded.notes.last().map(String::as_str),
        Some("the file ends early (cut short?): the post it ends in was left out")
    );
}

/// The real excerpt of a Disqus export (remark42's test data): its README says 2 threads.
#[test]
fn disqus_real_sample_gives_its_two_threads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/real-samples/disqus-remark42-radiot-excerpt.xml");
    let bytes = fs::read(&path).unwrap_or_else(|err| {
        panic!(
            "{}: {err} (CI has ../shared beside the repository)",
            path.display()
        )
    });
    // It starts with a stray backtick before the XML declaration.
    assert_eq!(bytes.first(), Some(&b'`'));
    assert_eq!(detect(&Head::new(&bytes, true)), Ok(Format::Disqus));
    let loaded = load(&bytes, false);
    assert_eq!(loaded.threads.len(), 2);
    let counts: Vec<usize> = loaded.threads.iter().map(Thread::comment_count).collect();
    // The spam post is left out; the post without an id and the one with a bad date and an
    // unquoted thread reference are kept.
    assert_eq!(counts, [2, 3]);
    assert!(
        loaded
            .threads
            .iter()
            .all(|t| t.title() == "Радио-Т: Радио-Т 229")
    );
    assert_eq!(loaded.threads[1].author(2), Some("Noname"));
    assert_eq!(loaded.threads[1].time(2), None);
    assert_eq!(
        loaded.notes,
        [
            "1 post left out (1 spam; --all-comments shows them)",
            "1 post has no id: it is kept, but no reply can name it",
            "1 date could not be read: its post is shown without a time",
            "1 isDeleted or isSpam value is neither true nor false: read as false",
        ]
    );
    assert_eq!(load(&bytes, true).threads[1].comment_count(), 4);
}

/// The generated exports the benchmarks read (examples/gen), small enough for a debug build
/// but many batches long: every comment the generator wrote is read, left out with a count,
/// or a pingback, and each body is whole.
#[test]
fn generated_exports_of_many_batches_lose_nothing() {
    const COMMENTS: u64 = 4000;
    for export in [exports::Export::Wordpress, exports::Export::Disqus] {
        let mut bytes = Vec::new();
        exports::write(export, COMMENTS, 7, &mut bytes).unwrap();
        assert!(bytes.len() > 3 << 20, "{} bytes: one batch", bytes.len());
        let loaded = load(&bytes, false);
        let kept: usize = loaded.threads.iter().map(Thread::comment_count).sum();
        // "12 comments left out (...)", "3 pingbacks and trackbacks left out (...)".
        let counted: usize = loaded
            .notes
            .iter()
            .filter(|note| note.contains(" left out ("))
            .map(|note| note.split(' ').next().unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(
            kept + counted,
            COMMENTS as usize,
            "{export:?}: {:?}",
            loaded.notes
        );
        for thread in &loaded.threads {
            assert!(thread.title().contains(" about "), "{}", thread.title());
            for id in (0..thread.len()).filter(|&id| !thread.is_missing(id)) {
                let author = thread.author(id).unwrap();
                assert_eq!(author.split(' ').count(), 2, "{author}");
                let body = thread.body(id);
                assert!(
                    body.ends_with(['.', '?', '!', '}']) && !body.contains("</"),
                    "{export:?}: {body:?}"
                );
            }
        }
        // Everything kept with --all-comments.
        let all = load(&bytes, true);
        let kept_all: usize = all.threads.iter().map(Thread::comment_count).sum();
        let pingbacks = kept + counted - kept_all;
        assert!(
            all.notes.iter().all(|n| !n.contains("comments left out (")),
            "{:?}",
            all.notes
        );
        assert_eq!(export == exports::Export::Disqus, pingbacks == 0);
    }
}

// ------------------------------------------------------------------ detection

/// Every other format's fixtures (tests/fixtures/* but ours, tests/quirks), the fuzz
/// regressions, the seeds and the real samples but the Disqus one.
fn other_inputs() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![
        root.join("tests/fixtures"),
        root.join("tests/quirks"),
        root.join("tests/fuzz-regressions"),
        root.join("data"),
        root.join("../shared/seeds"),
        root.join("../shared/real-samples"),
    ];
    let mut files = Vec::new();
    while let Some(dir) = dirs.pop() {
        let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.ends_with("fixtures/exports") || path.to_string_lossy().contains("disqus") {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else {
                let bytes = fs::read(&path).unwrap();
                files.push((path, bytes));
            }
        }
    }
    assert!(files.len() > 10);
    files
}

#[test]
fn detection_picks_the_exports_and_nothing_else() {
    for (name, format) in [
        ("wordpress.xml", Format::Wordpress),
        ("disqus.xml", Format::Disqus),
        ("disqus-truncated.xml", Format::Disqus),
    ] {
        let bytes = fixture(name);
        assert_eq!(detect(&Head::new(&bytes, true)), Ok(format), "{name}");
        // No other format claims them.
        for other in Format::ALL.iter().filter(|&&f| f != format) {
            let rating = (other.spec().sniff)(&Head::new(&bytes, true));
            assert!(rating < Sniff::Maybe(2), "{other} rates {name} {rating:?}");
        }
    }
    for (path, bytes) in other_inputs() {
        for format in [Format::Wordpress, Format::Disqus] {
            let rating = (format.spec().sniff)(&Head::new(&bytes, true));
            assert_eq!(rating, Sniff::No, "{format} claims {}", path.display());
        }
    }
    // An RSS feed that is not a WordPress export, and XML of other shapes.
    for xml in [
        &b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x</title></item></channel></rss>"[..],
        b"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>",
        b"Plain text that mentions <disqus> and wordpress.org/export/ in passing.",
    ] {
        for format in [Format::Wordpress, Format::Disqus] {
            assert_eq!((format.spec().sniff)(&Head::new(xml, true)), Sniff::No);
        }
    }
    let unknown = parse_bytes(
        b"<?xml version=\"1.0\"?><rss><channel></channel></rss>".to_vec(),
        None,
        Path::new("feed.xml"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        unknown.contains("it reads WordPress export (WXR .xml); Disqus export (.xml)"),
        "{unknown}"
    );
}

// ------------------------------------------------------------------ hostile XML

#[test]
fn entities_are_never_expanded_from_a_doctype() {
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE disqus [\n<!ENTITY lol \"lol\">\n");
    for level in 1..10 {
        let previous = if level == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", level - 1)
        };
        laughs.push_str(&format!(
            "<!ENTITY lol{level} \"{}\">\n",
            format!("&{previous};").repeat(10)
        ));
    }
    laughs.push_str(
        "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n<!ENTITY web SYSTEM \"http://192.0.2.1/x\">\n]>\n\
         <disqus><thread dsq:id=\"1\"><title>&lol9;</title></thread>\
         <post dsq:id=\"2\"><message>&lol9; &xxe; &web; &amp;</message><thread dsq:id=\"1\"/></post></disqus>",
    );
    let loaded = load(laughs.as_bytes(), false);
    let thread = &loaded.threads[0];
    assert_eq!(thread.title(), "&lol9;");
    // Written as they are (the HTML reader knows none of them), never replaced.
    assert_eq!(thread.body(0), "&lol9; &xxe; &web; &");
    assert!(thread.text_len() < laughs.len());
}

/// Runs the debug binary's outline dump of `path`; returns its peak memory and stderr.
fn peak_memory(path: &Path) -> (u64, String) {
    let args = [
        OsStr::new("--dump"),
        OsStr::new("outline"),
        path.as_os_str(),
    ];
    let timed = run_timed(env!("CARGO_BIN_EXE_thread-tui"), &args, Stdio::piped());
    assert_eq!(timed.output.status.code(), Some(0), "{}", timed.stderr);
    (timed.peak_rss, timed.stderr)
}

#[test]
fn huge_attributes_and_cdata_stay_within_the_file_size() {
    const HUGE: usize = 48 << 20;
    const CONSTANT: u64 = 40 << 20;
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, parts: &[&[u8]]| {
        let path = dir.path().join(name);
        let mut file = fs::File::create(&path).unwrap();
        for part in parts {
            file.write_all(part).unwrap();
        }
        path
    };
    let filler = vec![b'a'; HUGE];
    let attribute = write(
        "attribute.xml",
        &[
            b"<disqus><thread dsq:id=\"1\"><title>t</title></thread><post dsq:id=\"2\" junk=\"",
            &filler,
            b"\"><message>kept</message><thread dsq:id=\"1\"/></post></disqus>",
        ],
    );
    let cdata = write(
        "cdata.xml",
        &[
            b"<disqus><thread dsq:id=\"1\"><title>t</title></thread><post dsq:id=\"2\"><message><![CDATA[<p>",
            &filler,
            &filler,
            b"</p>]]></message><thread dsq:id=\"1\"/></post></disqus>",
        ],
    );
    for path in [&attribute, &cdata] {
        let size = fs::metadata(path).unwrap().len();
        let (peak, stderr) = peak_memory(path);
        assert!(
            peak <= size * 3 / 2 + CONSTANT,
            "{}: {peak} bytes for a file of {size}\n{stderr}",
            path.display()
        );
    }
    let (_, stderr) = peak_memory(&cdata);
    assert!(
        stderr.contains("1 text longer than 16 MiB was cut short"),
        "{stderr}"
    );
}

#[test]
fn deep_nesting_and_broken_markup_do_not_break_the_reader() {
    // A million open elements inside a message, never closed.
    let mut deep = String::from("<disqus><thread dsq:id=\"1\"><title>t</title></thread>");
    deep.push_str("<post dsq:id=\"2\"><thread dsq:id=\"1\"/><message>");
    deep.push_str(&"<x>".repeat(1_000_000));
    let loaded = load(deep.as_bytes(), false);
    // The post never ends, so its thread has no comments: an empty thread is opened.
    assert_eq!(loaded.threads.len(), 1);
    assert!(loaded.threads[0].is_empty());
    assert!(
        loaded
            .notes
            .iter()
            .any(|n| n.contains("the post it ends in was left out")),
        "{:?}",
        loaded.notes
    );
    // Broken markup in the middle: what is around it is read.
    let broken = "<disqus><thread dsq:id=\"1\"><title>t</title></thread>\
        <post dsq:id=\"2\"><message>first</message><thread dsq:id=\"1\"/></post>\
        <post dsq:id=\"3\"><message>a <![CDATA[ never ends";
    let loaded = load(broken.as_bytes(), false);
    assert_eq!(listing(&loaded.threads[0]), ["(unknown): first @-"]);
    // Markup quick-xml cannot read, in the middle: skipped, counted, and read on.
    let skipped = "<disqus><thread dsq:id=\"1\"><title>t</title></thread>\
        <post dsq:id=\"2\"><message>before</message><!oops><thread dsq:id=\"1\"/></post>\
        <post dsq:id=\"3\"><message>after</message><thread dsq:id=\"1\"/></post></disqus>";
    let loaded = load(skipped.as_bytes(), false);
    assert_eq!(
        listing(&loaded.threads[0]),
        ["(unknown): before @-", "(unknown): after @-"]
    );
    assert_eq!(loaded.notes.len(), 1, "{:?}", loaded.notes);
    assert!(
        loaded.notes[0].starts_with("broken XML skipped 1 time (first at byte 94 "),
        "{:?}",
        loaded.notes
    );
    // Every format's fuzz checks hold on these too.
    common::tree::check_all_formats(deep.as_bytes());
    common::tree::check_all_formats(broken.as_bytes());
}

// ------------------------------------------------------------------ the binary and the reader

#[test]
fn dump_json_writes_one_line_per_thread_and_reads_back() {
    let path = Path::new("tests/fixtures/exports/wordpress.xml");
    let output = Command::new(env!("CARGO_BIN_EXE_thread-tui"))
        .args(["--dump", "json"])
        .arg(path)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("wordpress.xml: 3 comments left out (1 pending, 1 spam, 1 in the trash"),
        "{stderr}"
    );
    let back = parse_bytes(stdout.clone().into_bytes(), None, Path::new("dump.jsonl")).unwrap();
    assert_eq!(back.format, Format::Json);
    let mut again = Vec::new();
    json::write_all(&back.threads, &mut again).unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), stdout);
}

#[test]
fn a_folder_of_exports_opens_in_the_library_with_a_row_per_post() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("blog.xml"), fixture("wordpress.xml")).unwrap();
    fs::write(dir.path().join("comments.xml"), fixture("disqus.xml")).unwrap();
    let library = loader::load_blocking(vec![dir.path().to_path_buf()], Options::default(), |_| {});
    let formats: Vec<String> = library
        .files
        .iter()
        .map(|f| match &f.state {
            FileState::Loaded { format, .. } => format!("{}: {format}", f.shown),
            other => panic!("{}: {other:?}", f.shown),
        })
        .collect();
    assert_eq!(formats, ["blog.xml: wordpress", "comments.xml: disqus"]);
    let titles: Vec<(String, usize)> = library
        .entries_in_file_order()
        .into_iter()
        .map(|e| {
            let entry = &library.entries[e];
            (entry.thread.title().to_string(), entry.summary.comments)
        })
        .collect();
    assert_eq!(
        titles,
        [
            // Placeholders are not comments.
            ("Parsing recipes & other files quickly".to_string(), 6),
            ("Tea at altitude".into(), 1),
            ("The night ferries return".into(), 4),
            ("New cranes & old quays".into(), 3),
        ]
    );
    // The list shows every post; Enter opens the one selected.
    let mut app = App::with_library(Shelf::new(library, None));
    let mut terminal = Terminal::new(TestBackend::new(120, 12)).unwrap();
    terminal.draw(|frame| ui::render(frame, &mut app)).unwrap();
    let screen = format!("{:?}", terminal.backend());
    for (title, _) in &titles {
        assert!(screen.contains(title.as_str()), "{title} not in\n{screen}");
    }
    app.on_key(KeyEvent::from(KeyCode::Char('j')));
    app.on_key(KeyEvent::from(KeyCode::Enter));
    assert_eq!(app.view, View::Thread);
    assert_eq!(app.doc.thread.title(), "Tea at altitude");
    assert_eq!(app.doc.thread.author(0), Some("Maren Holt"));
}

#[test]
fn the_reader_shows_a_held_comment_with_its_status_and_time() {
    let options = Options {
        format: None,
        all_comments: true,
    };
    let loaded = thread_tui::thread::load_path_with(
        Path::new("tests/fixtures/exports/wordpress.xml"),
        &options,
    )
    .unwrap();
    let mut app = App::new(loaded.into_main_thread(), "wordpress.xml".into());
    let mut terminal = Terminal::new(TestBackend::new(100, 16)).unwrap();
    terminal.draw(|frame| ui::render(frame, &mut app)).unwrap();
    // Down to "Held Back", the pending comment.
    for _ in 0..6 {
        app.on_key(KeyEvent::from(KeyCode::Char('j')));
    }
    terminal.draw(|frame| ui::render(frame, &mut app)).unwrap();
    insta::assert_snapshot!(terminal.backend());
}
