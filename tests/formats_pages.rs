//! Saved web pages (`.html`): the parsed tree of small pages written in the shapes of
//! WordPress (new and old themes), Blogger (German interface) and Hacker News item pages, a
//! page of no known platform, detection, hostile pages, and the real saved pages in
//! ../shared/real-samples compared with what a careful reader sees in them.

mod common;

#[path = "../examples/gen/src/wordpress_page.rs"]
mod wordpress_page;

use common::tree::{assert_dumps_hold, assert_tree_invariants};
use std::path::{Path, PathBuf};
use thread_tui::thread::sniff::{Head, Sniff, detect};
use thread_tui::thread::{Format, LoadError, Loaded, Status, Thread, parse_bytes};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new("tests/fixtures/pages").join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// A real file from ../shared/real-samples. CI has ../shared beside the repository, so a
/// missing file fails the test rather than skipping it.
fn real_sample(name: &str) -> Vec<u8> {
    let path = PathBuf::from("../shared/real-samples").join(name);
    std::fs::read(&path).unwrap_or_else(|err| {
        panic!(
            "{}: {err} (the real samples must be in ../shared beside the repository)",
            path.display()
        )
    })
}

fn load(bytes: Vec<u8>, name: &str) -> Loaded {
    let loaded = parse_bytes(bytes, None, Path::new(name)).expect("the page loads");
    assert_eq!(loaded.format, Format::Html, "{name} detected as a page");
    assert_eq!(loaded.threads.len(), 1);
    let thread = loaded.main_thread();
    assert_tree_invariants(thread);
    assert_dumps_hold(thread);
    loaded
}

/// One line per comment: indentation for the level, author, time, id.
fn outline(thread: &Thread) -> Vec<String> {
    (0..thread.len())
        .map(|id| {
            format!(
                "{}{} | {} | {}",
                "  ".repeat(thread.depth(id) - 1),
                thread.author(id).unwrap_or("(unknown)"),
                thread.time(id).map_or("-".to_string(), |t| t.to_string()),
                thread.comment_id(id).unwrap_or("-"),
            )
        })
        .collect()
}

fn bodies(thread: &Thread) -> Vec<&str> {
    (0..thread.len()).map(|id| thread.body(id)).collect()
}

/// Words of a page's furniture that must never be in a comment's text or name.
fn assert_no_furniture(thread: &Thread, words: &[&str]) {
    for id in 0..thread.len() {
        for word in words {
            assert!(
                !thread.body(id).contains(word),
                "comment {id} holds {word:?}: {:?}",
                thread.body(id)
            );
            assert!(
                !thread.author(id).unwrap_or("").contains(word),
                "author {id} holds {word:?}"
            );
        }
    }
}

#[test]
fn wordpress_new_theme_in_french() {
    let loaded = load(fixture("wordpress-fr.html"), "fr.html");
    let thread = loaded.main_thread();
    assert_eq!(
        outline(thread),
        [
            "Paul Girard | 2021-05-14T10:02:13+00:00 | comment-501",
            "  Lucie Marchand | 2021-05-14T11:15:00+00:00 | comment-502",
            "    Paul Girard | 2021-05-15T07:40:00+00:00 | comment-503",
            "Nadia | 2021-05-16T18:20:45+00:00 | comment-505",
        ]
    );
    assert_eq!(
        bodies(thread),
        [
            "Bravo à toute l’équipe !\n\nLes courgettes aussi étaient superbes.",
            "Merci Paul, elles sont à partager — passe au bac no 4.",
            // An empty comment stays, empty.
            "",
            "Est-ce qu’il reste une place ?\nJe peux venir le samedi.\n\n\
             > une vingtaine de voisins\n\nNous sommes trois.",
        ]
    );
    assert_eq!(
        thread.comment_url(0),
        Some("https://carnet.example.org/2021/05/jardin-partage/#comment-501")
    );
    assert_no_furniture(
        thread,
        &[
            "Répondre",
            "dit",
            "Modifier",
            "attente",
            "Commentaire",
            "Ping",
        ],
    );
    assert_eq!(thread.title(), "Le jardin partagé du quai");
    assert_eq!(thread.date(), Some("14 mai 2021"));
    assert_eq!(
        thread.article_time().map(|t| t.to_string()).as_deref(),
        Some("2021-05-14T09:30:00+02:00")
    );
    assert_eq!(thread.article_author(), Some("Lucie Marchand"));
    assert_eq!(
        thread.url(),
        Some("https://carnet.example.org/2021/05/jardin-partage/")
    );
    assert_eq!(
        thread.article(),
        "Depuis mars, une vingtaine de voisins cultivent les bacs du quai.\n\n\
         Les tomates ont tenu malgré la grêle : voir les photos."
    );
    assert_eq!(
        loaded.notes,
        ["1 pingback or trackback was left out (links from other pages, not comments)"]
    );
}

#[test]
fn wordpress_old_theme_in_german_and_latin_1() {
    let loaded = load(fixture("wordpress-old-de-latin1.html"), "de.html");
    let thread = loaded.main_thread();
    assert_eq!(
        outline(thread),
        [
            // The date link's text: the page's own clock, no offset.
            "Jens Köhler | 2009-02-10T18:05:00 | comment-7",
            "  Marta | 2009-02-11T07:30:00 | comment-8",
            // "gestern" (yesterday) is no date.
            "Anonym | - | comment-10",
        ]
    );
    assert_eq!(
        bodies(thread),
        [
            "Bei uns im Tal nur Regen.\n\nGrüße aus Füssen",
            "Dann kommt er eben nächste Woche.",
            "Schöne Bilder.",
        ]
    );
    assert_no_furniture(thread, &["Antworten", "sagt", "Februar", "Trackback"]);
    assert_eq!(thread.title(), "Schneefall im Februar");
    assert_eq!(
        thread.article(),
        "Über Nacht fielen dreißig Zentimeter Neuschnee.\n\nDie Straße zur Hütte ist gesperrt."
    );
    assert_eq!(
        loaded.notes,
        [
            "1 pingback or trackback was left out (links from other pages, not comments)",
            "read as windows-1252, as the page declares",
        ]
    );
}

#[test]
fn blogger_in_german_with_times_of_day_only() {
    let loaded = load(fixture("blogger-de.html"), "blogger.html");
    let thread = loaded.main_thread();
    assert_eq!(
        outline(thread),
        [
            // "20:20" shown; the permalink's showComment= says the day, and the offset follows.
            "Greta | 2014-03-09T20:20:00+01:00 | c111",
            "  Hanna | 2014-03-10T09:30:00+01:00 | c222",
            // "11:45" and no moment in the link: no time, never a guessed date.
            "Anonym | - | c333",
        ]
    );
    assert_eq!(
        bodies(thread),
        [
            "Hallo Hanna,\n\nden ersten kenne ich schon – sehr schön!\nLiebe Grüße",
            "Danke dir :)",
            "Gibt es das auch als Hörbuch?",
        ]
    );
    assert_no_furniture(
        thread,
        &[
            "Antworten",
            "Löschen",
            "Kommentar hinzufügen",
            "Weitere laden",
            "20:20",
        ],
    );
    assert_eq!(thread.title(), "(Lesetipp) Drei Bücher für den März");
    assert_eq!(thread.date(), Some("Sonntag, 9. März 2014"));
    assert_eq!(thread.article_author(), Some("Hanna"));
    assert_eq!(
        thread.article(),
        "Diesen Monat habe ich drei Romane gelesen.\n\nDer erste spielt an der Ostsee."
    );
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
}

#[test]
fn hacker_news_item_page_with_spacer_widths_and_a_deleted_comment() {
    let loaded = load(fixture("hn-item-ask.html"), "hn.html");
    let thread = loaded.main_thread();
    assert_eq!(
        outline(thread),
        [
            "alice | 2019-06-01T09:15:00+00:00 | 9001",
            "  bob | 2019-06-01T09:40:12+00:00 | 9002",
            "    (unknown) | 2019-06-01T10:02:00+00:00 | 9003",
            "      carol | 2019-06-01T10:30:00+00:00 | 9004",
            "dave | 2019-06-01T11:00:00+00:00 | 9005",
            // An age title without Unix seconds: the time as written, no offset.
            "  erin | 2019-06-01T12:00:00 | 9006",
        ]
    );
    assert_eq!(
        bodies(thread),
        [
            "Ours runs on a single Raspberry Pi.\n\n\
             Backups go to a USB disk every night, and we test a restore once a month.",
            "How big is the database? > 10 GB would worry me on an SD card.",
            "[deleted]",
            "Whatever was above, I agree: test the restore. See https://example.com/restore",
            "[flagged]",
            "Flagged for what? It was only a link.",
        ]
    );
    assert_eq!(thread.status(2), Status::Deleted);
    assert_eq!(thread.status(4), Status::Approved);
    assert_eq!(
        thread.comment_url(1),
        Some("https://news.ycombinator.com/item?id=9002")
    );
    assert_no_furniture(thread, &["reply", "ago", "[-]", "upvote"]);
    assert_eq!(
        thread.title(),
        "Ask HN: How do you back up a small club's server?"
    );
    assert_eq!(
        thread.article(),
        "Our sailing club has one server for bookings.\n\nWhat do you use for backups?"
    );
    assert_eq!(thread.article_author(), Some("quinn"));
    assert_eq!(thread.article_score(), Some(42));
    assert_eq!(thread.thread_id(), Some("9000"));
    assert_eq!(
        thread.url(),
        Some("https://news.ycombinator.com/item?id=9000")
    );
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
}

#[test]
fn a_page_of_no_known_platform_is_an_article_and_says_so() {
    let loaded = load(fixture("generic-article.html"), "radio.html");
    let thread = loaded.main_thread();
    assert_eq!(thread.len(), 0);
    assert_eq!(thread.title(), "Repairing a 1970s radio");
    assert_eq!(
        thread.article(),
        "The dial lamp had failed and the volume knob crackled.\n\n\
         A drop of contact cleaner fixed the knob; the lamp is a 6.3 V bulb.\n\n\
         • contact cleaner\n• a 6.3 V bulb"
    );
    assert_eq!(
        thread.article_time().map(|t| t.to_string()).as_deref(),
        Some("2022-11-05T08:00:00+00:00")
    );
    assert_eq!(
        loaded.notes,
        [
            "no comment section recognised (thread-tui reads WordPress, Blogger and Hacker \
             News pages): the page's text is shown as the article"
        ]
    );
}

#[test]
fn text_forced_as_a_page_is_its_text() {
    let text = std::fs::read("data/integration-with-russia.txt").expect("seed");
    let loaded = parse_bytes(text, Some(Format::Html), Path::new("t.txt")).expect("reads");
    let thread = loaded.main_thread();
    assert_eq!(thread.len(), 0);
    // Text read as HTML: white space, line ends included, is one space.
    assert!(
        thread
            .article()
            .starts_with("Lukashenko Calls For Further Integration")
    );
    assert!(loaded.notes[0].starts_with("no comment section recognised"));
}

const FIXTURES: [&str; 5] = [
    "wordpress-fr.html",
    "wordpress-old-de-latin1.html",
    "blogger-de.html",
    "hn-item-ask.html",
    "generic-article.html",
];

fn html_sniff(bytes: &[u8]) -> Sniff {
    (Format::Html.spec().sniff)(&Head::new(bytes, true))
}

#[test]
fn detection_claims_pages_and_nothing_else() {
    for name in FIXTURES {
        let bytes = fixture(name);
        assert_eq!(html_sniff(&bytes), Sniff::Sure, "{name}");
        assert_eq!(detect(&Head::new(&bytes, true)), Ok(Format::Html), "{name}");
    }
    for page in [
        &b"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body></body></html>"[..],
        b"\n\n<HTML><BODY>shouting</BODY></HTML>",
        b"<!-- saved from url=(0022)https://example.org/ -->\r\n<html>",
    ] {
        assert_eq!(html_sniff(page), Sniff::Sure, "{}", String::from_utf8_lossy(page));
        assert_eq!(detect(&Head::new(page, true)), Ok(Format::Html));
    }
    // A page without a doctype or <html>: a strong guess.
    assert_eq!(
        html_sniff(b"<head><title>t</title></head><body>b</body>"),
        Sniff::Maybe(80)
    );
    for not_a_page in [
        &b"<b>bold</b> is how a comment may start"[..],
        b"<htmlish> is not a tag",
        b"<?xml version=\"1.0\"?><disqus><thread/></disqus>",
        b"{\"title\": \"<html>\"}",
        b"<!DOCTYPE note SYSTEM \"note.dtd\"><note/>",
        b"<!-- a comment that never ends",
        b"",
    ] {
        assert_eq!(
            html_sniff(not_a_page),
            Sniff::No,
            "{}",
            String::from_utf8_lossy(not_a_page)
        );
    }
}

#[test]
fn detection_leaves_other_formats_files_alone() {
    let mut files: Vec<PathBuf> = [
        "data",
        "tests/quirks",
        "tests/fuzz-regressions",
        "../shared/seeds",
    ]
    .iter()
    .flat_map(|dir| {
        std::fs::read_dir(dir)
            .unwrap_or_else(|err| panic!("{dir}: {err}"))
            .map(|entry| entry.expect("entry").path())
    })
    .collect();
    for name in [
        "derived-wp-lemire.lynx-dump.txt",
        "derived-wp-lemire.w3m-dump.txt",
        "disqus-remark42-radiot-excerpt.xml",
        "hn-algolia-item-1-hnapi.json",
        "pipermail-numpy-2001-November.txt",
        "reddit-self-1cebxh.json",
        "text-wp-copy-mattdyson-robotarm.txt",
    ] {
        files.push(PathBuf::from("../shared/real-samples").join(name));
    }
    assert!(files.len() >= 14);
    for path in files {
        let bytes = std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        assert_eq!(html_sniff(&bytes), Sniff::No, "{}", path.display());
        assert_ne!(detect(&Head::new(&bytes, true)), Ok(Format::Html));
    }
}

#[test]
fn an_empty_comment_section_is_said() {
    let page = b"<!doctype html><title>Quiet</title><div class='entry-content'><p>Text.</p></div>\
                 <ol class='comment-list'></ol>";
    let loaded = load(page.to_vec(), "quiet.html");
    assert_eq!(loaded.main_thread().len(), 0);
    assert_eq!(loaded.main_thread().article(), "Text.");
    assert_eq!(
        loaded.notes,
        ["the page's comment section holds no comments"]
    );
}

#[test]
fn a_page_cut_short_keeps_the_comments_before_the_cut() {
    let page = fixture("wordpress-fr.html");
    let text = String::from_utf8(page).expect("utf-8");
    let cut = text.find("<li id=\"comment-505\"").expect("last comment");
    let loaded = load(text.as_bytes()[..cut].to_vec(), "cut.html");
    let authors: Vec<_> = (0..loaded.main_thread().len())
        .map(|id| loaded.main_thread().author(id))
        .collect();
    assert_eq!(
        authors,
        [
            Some("Paul Girard"),
            Some("Lucie Marchand"),
            Some("Paul Girard")
        ]
    );
}

#[test]
fn a_deeply_nested_page_is_flattened_said_and_keeps_its_comments() {
    // The comments come first, then markup nested far deeper than any page.
    let page = String::from_utf8(fixture("wordpress-fr.html")).expect("utf-8");
    let bomb = format!(
        "{}bottom{}",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    let hostile = page.replace("</body>", &format!("{bomb}</body>"));
    let loaded = load(hostile.into_bytes(), "deep.html");
    assert_eq!(loaded.main_thread().comment_count(), 4);
    assert!(
        loaded
            .notes
            .iter()
            .any(|n| n.ends_with("elements nested more than 512 deep were flattened")),
        "{:?}",
        loaded.notes
    );
    // A comment list inside the deep part cannot be told apart: its text becomes the article.
    let buried = format!(
        "<html><body>{}<ol class='comment-list'><li class='comment'><p>lost</p></li></ol></body></html>",
        "<div>".repeat(5_000)
    );
    let loaded = load(buried.into_bytes(), "buried.html");
    assert_eq!(loaded.main_thread().len(), 0);
    assert!(loaded.main_thread().article().contains("lost"));
}

#[test]
fn a_page_too_large_to_hold_parsed_is_refused() {
    let mut page = b"<!doctype html><html><body>".to_vec();
    page.resize(thread_tui::thread::html::MAX_PAGE_BYTES + 1, b'a');
    match parse_bytes(page, None, Path::new("huge.html")) {
        Err(err @ LoadError::Format { .. }) => assert_eq!(
            err.to_string(),
            "huge.html: not a valid html file: larger than 32 MiB, the most thread-tui reads of \
             a saved page"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn garbage_given_as_a_page_does_not_panic() {
    let mut bytes: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    bytes.extend_from_slice(b"<ol class=comment-list><li class=comment><b class=fn>\0</b>");
    let loaded = parse_bytes(bytes, Some(Format::Html), Path::new("x.html")).expect("reads");
    assert_tree_invariants(loaded.main_thread());
    assert_dumps_hold(loaded.main_thread());
}

#[test]
fn the_benchmark_page_generator_writes_what_it_says() {
    let page = wordpress_page::page(300, 7);
    assert!(
        page.len() > 300 * 2000,
        "about 2.5 KB a comment: {}",
        page.len()
    );
    let loaded = load(page.into_bytes(), "generated.html");
    let thread = loaded.main_thread();
    assert_eq!(thread.comment_count(), 300);
    assert!((0..thread.len()).all(|id| thread.depth(id) <= 5 && thread.time(id).is_some()));
    assert!(thread.top_level_count() < 300);
    assert_no_furniture(thread, &["Reply", "says", "January"]);
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
}

// ------------------------------------------------------------------ real saved pages

#[test]
fn real_wordpress_page_lemire_simdjson() {
    let loaded = load(real_sample("wp-lemire-simdjson.html"), "wp.html");
    let thread = loaded.main_thread();
    assert_eq!(
        thread.title(),
        "JSON parsing: simdjson vs. JSON for Modern C++"
    );
    // 5 comments, 3 top-level, 2 replies (by the author).
    assert_eq!(
        outline(thread),
        [
            "degski | 2019-08-03T04:11:57+00:00 | comment-421882",
            "degski | 2019-08-05T02:51:17+00:00 | comment-422154",
            "  Daniel Lemire | 2019-08-05T13:46:09+00:00 | comment-422230",
            "wmu | 2019-08-05T16:43:48+00:00 | comment-422240",
            "  Daniel Lemire | 2019-08-05T20:28:59+00:00 | comment-422257",
        ]
    );
    assert!(
        thread
            .body(0)
            .starts_with("Thanks, for posting this.\n\nThat is well")
    );
    assert_eq!(
        thread.body(4),
        "We support a conventional DOM traversal as well as JSON pointers. Our DOM tree is \
         immutable.\n\nPlease try it out!"
    );
    assert_no_furniture(thread, &["Reply", "says", "August", "Leave a"]);
    assert!(
        thread
            .article()
            .starts_with("JSON is the ubiquitous data format")
    );
    assert!(!thread.article().contains("window._wpemojiSettings"));
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
}

#[test]
fn real_blogger_page_in_german() {
    let loaded = load(
        real_sample("blogger-de-abookshelffullofsunshine.html"),
        "blogger.html",
    );
    let thread = loaded.main_thread();
    // 2 comments: "Ruby", and a reply by "Unknown"; the page shows only "21:00" and "07:56".
    assert_eq!(
        outline(thread),
        [
            "Ruby | 2013-10-07T21:00:01+02:00 | c4265235981837780782",
            "  Unknown | 2013-10-09T07:56:37+02:00 | c8091037830143968017",
        ]
    );
    assert!(
        thread
            .body(0)
            .starts_with("Hey,\n\nein wirklich tolles Interview.")
    );
    assert!(thread.body(0).ends_with("Lieben Gruß,\nRuby"));
    assert_no_furniture(thread, &["Antworten", "Löschen", "21:00"]);
    assert_eq!(
        thread.title(),
        "(News) Viertes eigenes Blog-Interview: Dieses Mal mit Anne Lück"
    );
    assert!(thread.article().starts_with("Vor einiger Zeit durfte ich"));
}

#[test]
fn real_hacker_news_item_page() {
    let loaded = load(real_sample("hn-item-page-48350598-easyhn.html"), "hn.html");
    let thread = loaded.main_thread();
    assert_eq!(thread.title(), "Chuwi Minibook X");
    // 124 comments, 36 top-level, depth up to 8.
    assert_eq!(thread.comment_count(), 124);
    assert_eq!(thread.len(), 124);
    assert_eq!(thread.top_level_count(), 36);
    assert_eq!((0..thread.len()).map(|id| thread.depth(id)).max(), Some(8));
    for id in 0..thread.len() {
        assert!(thread.author(id).is_some(), "comment {id} has its author");
        assert!(thread.time(id).is_some(), "comment {id} has its time");
        assert!(!thread.body(id).is_empty(), "comment {id} has its text");
    }
    assert_eq!(thread.author(0), Some("winter_blue"));
    assert_eq!(
        thread.time(0).map(|t| t.to_string()).as_deref(),
        Some("2026-06-01T00:51:16+00:00")
    );
    assert_eq!(thread.author(1), Some("djfergus"));
    assert_eq!(thread.depth(1), 2);
    assert_no_furniture(thread, &["hours ago", "[–]", "upvote"]);
    // "reply" is a word people write; the reply link is not in the text.
    for id in 0..thread.len() {
        assert!(
            !thread.body(id).ends_with("reply"),
            "{id}: {:?}",
            thread.body(id)
        );
    }
    assert_eq!(thread.article_author(), Some("thcipriani"));
    assert_eq!(thread.article_score(), Some(148));
    assert_eq!(
        thread.article(),
        "https://tylercipriani.com/blog/2026/05/28/chuwi-minibook-x/"
    );
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
}
