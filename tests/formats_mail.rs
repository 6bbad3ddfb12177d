//! Mailing-list archives (mbox, pipermail .txt): threads from References/In-Reply-To and the
//! subject, authors, times and decoded bodies of the fixtures in tests/fixtures/mail/, the
//! real pipermail sample in ../shared, detection, and hostile mail.

mod common;

use common::tree::{assert_dumps_hold, assert_tree_invariants, check_all_formats};
use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use thread_tui::thread::sniff::{self, Head, Sniff};
use thread_tui::thread::{Format, LoadError, Loaded, Thread, load_path, parse_bytes};

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures/mail").join(name)
}

fn load(name: &str) -> Loaded {
    let loaded = load_path(&fixture(name), None).expect("fixture loads");
    assert_eq!(loaded.format, Format::Mbox, "{name} is detected as mbox");
    for thread in &loaded.threads {
        assert_tree_invariants(thread);
        assert_dumps_hold(thread);
    }
    loaded
}

fn parse(bytes: Vec<u8>) -> Loaded {
    parse_bytes(bytes, Some(Format::Mbox), Path::new("test.mbox")).expect("mbox parses")
}

/// The thread as a person sees it: the title and article's author, then one line per
/// comment, indented by level, with its author and the first line of its text.
fn listing(thread: &Thread) -> Vec<String> {
    let mut lines = vec![format!(
        "{} / {}",
        thread.title(),
        thread.article_author().unwrap_or("(unknown)")
    )];
    for id in 0..thread.len() {
        let first_line = thread.body(id).lines().next().unwrap_or("");
        lines.push(format!(
            "{}{}: {first_line}",
            "  ".repeat(thread.depth(id)),
            thread.author(id).unwrap_or("(unknown)"),
        ));
    }
    lines
}

fn times(thread: &Thread) -> Vec<String> {
    std::iter::once(thread.article_time())
        .chain((0..thread.len()).map(|id| thread.time(id)))
        .map(|time| time.map_or("-".into(), |t| t.to_string()))
        .collect()
}

#[test]
fn references_in_reply_to_and_subjects_make_the_threads() {
    let loaded = load("threads.mbox");
    assert_eq!(loaded.threads.len(), 3);
    let [garden, compost, lone] = &loaded.threads[..] else {
        unreachable!()
    };
    assert_eq!(
        listing(garden),
        [
            "Tomato seedlings keep falling over / Alice Moreau",
            // In-Reply-To the root: a top-level comment.
            "  Okafor, Bob: Alice Moreau wrote:",
            // References, nearest last.
            "    carol at example.com: A fan helps too: the stems get stronger when they move.",
            // In-Reply-To only.
            "      Alice Moreau: Thank you both, the fan works.",
            // No header links it: its subject (without "AW:" and the list tag) does.
            "  Dmitri Volkov: Mine did the same until I sowed them later in spring.",
        ]
    );
    // The signature stays in the text and is nobody's comment.
    assert!(
        garden.article().ends_with(
            "Is it the light or the water?\n\n-- \nAlice Moreau\nAllotment 14, north gate"
        )
    );
    assert_eq!(garden.thread_id(), Some("seedlings-1@example.org"));
    assert_eq!(garden.comment_id(0), Some("reply-bob@example.net"));
    assert_eq!(
        garden.body(0),
        "Alice Moreau wrote:\n> My tomato seedlings grow tall and thin, then fall over.\n\n\
         That is legginess: too little light. Move them closer to the lamp."
    );
    assert_eq!(
        times(garden),
        [
            "2024-03-04T09:15:00+01:00",
            "2024-03-04T10:02:11-05:00",
            "2024-03-04T16:30:00+00:00",
            "2024-03-05T08:00:00+01:00",
            "2024-03-05T10:45:00+01:00",
        ]
    );
    // A reply that comes before the message it answers; the root names a message that is
    // not in the file (its subject must not make it a reply to its own reply); the nearest
    // reference in the file wins over a nearer one that is missing.
    assert_eq!(
        listing(compost),
        [
            "Compost bins: wood or plastic? / Frank Dubois",
            "  Erin Walsh: Wood breathes better, but it rots in five years.",
            "    Gita Rao: Plastic, if it sits in the shade.",
        ]
    );
    assert_eq!(
        listing(lone),
        [" / Hana Sato"],
        "no subject, no references: a thread of its own"
    );
    assert_eq!(times(lone), ["2024-03-07T08:00:00+09:00"]);
    assert_eq!(
        loaded.notes,
        ["1 duplicate message (a Message-ID seen before) left out"]
    );
    // The reader opens the thread with the most comments.
    assert_eq!(
        loaded.main_thread().title(),
        "Tomato seedlings keep falling over"
    );
}

#[test]
fn encodings_charsets_and_mime_parts_are_decoded() {
    let loaded = load("encodings.mbox");
    assert_eq!(loaded.threads.len(), 1);
    let thread = &loaded.threads[0];
    // RFC 2047 subject and name; quoted-printable ISO-8859-1 with a soft line break.
    assert_eq!(thread.title(), "Café meeting — Thursday");
    assert_eq!(thread.article_author(), Some("Renée Dupré"));
    assert_eq!(
        thread.article(),
        "We meet at the café on Thursday. This line is long enough that the mailer had to \
         break it with a soft line break.\n\n-- \nRenée"
    );
    assert_eq!(
        listing(thread)[1..],
        [
            "  Jonas Becker: Grüße aus Köln!",
            "  Luis Ortega: Allí estaré, señora. ¿A qué hora?",
            "  Mia Lindqvist: The agenda is attached.",
            "    Noor Haddad: Thanks & see you there.",
            "      Renée Dupré: From the minutes of the last meeting:",
        ]
    );
    // base64 with CR LF inside.
    assert_eq!(thread.body(0), "Grüße aus Köln!\nDer Kompost ist fertig.");
    // multipart/mixed: the plain alternative, not the HTML one, and no attachment bytes.
    assert_eq!(
        thread.body(2),
        "The agenda is attached.\nPlain text wins over the HTML part."
    );
    // HTML only: turned into text, the link's address kept, the script gone.
    assert_eq!(
        thread.body(3),
        "Thanks & see you there.\n\nDirections: the map <https://example.org/map>"
    );
    // mboxrd quoting undone; a "From " line that no header follows is text.
    assert_eq!(
        thread.body(4),
        "From the minutes of the last meeting:\n\
         >From here on the quote was quoted twice.\n\
         > From an ordinary quote, left alone.\n\n\
         From Monday on we start at nine.\n\
         A line in the middle:\n\
         From bob Mon Apr  1 14:00:00 2024\n\
         is not a separator when no header follows it."
    );
    assert_eq!(loaded.notes, ["1 attachment left out (not text)"]);
}

#[test]
fn pipermail_archives_name_authors_in_parentheses_and_hold_every_message_twice() {
    let loaded = load("pipermail-2001-November.txt");
    let listings: Vec<Vec<String>> = loaded.threads.iter().map(listing).collect();
    assert_eq!(
        listings,
        [
            vec![
                "Watering schedule for ferns / Ann Lee",
                "  Sam Ortiz: Ann Lee wrote:",
                // In-Reply-To a digest not in the archive: the subject links it.
                "  pat at example.net: A pebble tray under the pot works well for me.",
            ],
            vec![
                // A folded subject reads as one line.
                "Aphids on the roses again / Kim Novak",
                "  Ann Lee: Ladybirds, every time.",
            ],
        ]
    );
    let ferns = &loaded.threads[0];
    // asctime dates say no offset, so none is made up.
    assert_eq!(
        times(ferns),
        [
            "2001-11-02T10:24:10",
            "2001-11-02T11:40:07",
            "2001-11-05T00:56:09"
        ]
    );
    // A body line starting "From " after a blank line is text; the signature stays in the
    // body; pipermail's scrubbed-attachment notice is text the archive wrote.
    assert!(
        ferns
            .body(0)
            .contains("\n\nFrom experience: dry air is the real enemy.\n\n-- \nSam Ortiz")
    );
    assert!(ferns.body(1).ends_with("An HTML attachment was scrubbed...\nURL: http://lists.example.org/pipermail/plants/attachments/20011105/pebbles.htm"));
    assert_eq!(
        loaded.notes,
        ["5 duplicate messages (a Message-ID seen before) left out"]
    );
}

#[test]
fn broken_mime_a_message_without_headers_and_a_cut_file_are_read_as_far_as_they_go() {
    let loaded = load("broken.mbox");
    let listings: Vec<Vec<String>> = loaded.threads.iter().map(listing).collect();
    assert_eq!(
        listings,
        [
            vec![
                "Seed swap on Saturday / Olga Petrova",
                // Its multipart boundary never comes: the text is read as it is.
                "  Tom Berg: I will bring bean seeds. The boundary this message declares never comes.",
                // The file ends inside its attachment: the text before it is whole.
                "  Uma Iyer: Count me in. I have pumpkin seeds and a photo of last year's crop:",
            ],
            // No headers: the separator line says who and when.
            vec![" / vera at example.org"],
        ]
    );
    // The part that is not base64 is left out, the good text part kept.
    assert_eq!(
        loaded.threads[0].article(),
        "The seed swap is on Saturday at the library."
    );
    assert_eq!(
        loaded.threads[1].article(),
        "This message lost its headers on the way; its text is still worth reading."
    );
    assert_eq!(times(&loaded.threads[1]), ["2024-05-03T09:00:00"]);
    assert_eq!(
        loaded.notes,
        [
            "1 attachment left out (not text); 3 messages with a broken MIME part read as far \
             as they go; 1 message without headers shown as it is; the file ends in the middle \
             of a line (cut short?)"
        ]
    );
}

#[test]
fn crlf_line_ends_give_the_same_threads() {
    let raw = fs::read(fixture("threads.mbox")).unwrap();
    let crlf = String::from_utf8(raw.clone())
        .unwrap()
        .replace('\n', "\r\n");
    let lf = parse(raw);
    let crlf = parse(crlf.into_bytes());
    let listings =
        |loaded: &Loaded| -> Vec<Vec<String>> { loaded.threads.iter().map(listing).collect() };
    assert_eq!(listings(&lf), listings(&crlf));
    assert_eq!(lf.threads[0].article(), crlf.threads[0].article());
}

/// The real Mailman archive in ../shared (CI has it beside the repository): what its README
/// says a careful reader sees.
#[test]
fn the_real_pipermail_archive_holds_82_messages_in_23_threads() {
    let path = Path::new("../shared/real-samples/pipermail-numpy-2001-November.txt");
    assert!(
        path.exists(),
        "{} is missing: CI has ../shared",
        path.display()
    );
    let loaded = load_path(path, None).expect("the archive loads");
    assert_eq!(loaded.format, Format::Mbox);
    assert_eq!(loaded.threads.len(), 23);
    let messages: usize = loaded.threads.iter().map(|t| 1 + t.comment_count()).sum();
    assert_eq!(messages, 82);
    assert_eq!(
        loaded.notes,
        ["82 duplicate messages (a Message-ID seen before) left out"]
    );
    for thread in &loaded.threads {
        assert_tree_invariants(thread);
        assert!(!thread.title().is_empty() && !thread.title().starts_with('['));
        // Every message names its sender and date; no signature line is taken for a name.
        assert!(thread.article_author().is_some() && thread.article_time().is_some());
        for id in 0..thread.len() {
            let author = thread.author(id).expect("every reply has an author");
            assert!(
                !author.starts_with('-') && !author.contains('<'),
                "{author}"
            );
            assert!(thread.time(id).is_some());
            assert_eq!(thread.depth(id) == 1, thread.parent(id).is_none());
        }
    }
}

#[test]
fn the_readme_example_reads_as_the_readme_says() {
    let readme = fs::read_to_string("README.md").unwrap();
    let section = &readme[readme
        .find("### Mailing-list archives (mbox)")
        .expect("the section")..];
    let example = section.split("```\n").nth(1).expect("the example block");
    let loaded = parse(example.as_bytes().to_vec());
    assert_eq!(loaded.threads.len(), 1);
    assert_eq!(
        listing(&loaded.threads[0]),
        [
            "Watering schedule for ferns / Ann Lee",
            "  Sam Ortiz: > How often do you water a Boston fern in winter?",
        ]
    );
    assert!(section.contains(
        "gives the thread \"Watering schedule for ferns\" by Ann Lee with one comment by Sam Ortiz"
    ));
}

// ------------------------------------------------------------------ detection

fn mbox_sniff(bytes: &[u8]) -> Sniff {
    (Format::Mbox.spec().sniff)(&Head::new(bytes, true))
}

#[test]
fn detection_picks_mbox_for_archives_and_nothing_else() {
    for name in [
        "threads.mbox",
        "encodings.mbox",
        "pipermail-2001-November.txt",
        "broken.mbox",
    ] {
        let bytes = fs::read(fixture(name)).unwrap();
        assert_eq!(mbox_sniff(&bytes), Sniff::Sure, "{name}");
        assert_eq!(sniff::detect(&Head::new(&bytes, true)), Ok(Format::Mbox));
    }
    // Every other kind of file this project reads (the other formats' fixtures included),
    // and the real files of other formats.
    let mut others: Vec<PathBuf> = Vec::new();
    let mut dirs: Vec<PathBuf> = [
        "data",
        "tests/quirks",
        "tests/fixtures",
        "../shared/seeds",
        "../shared/real-samples",
    ]
    .map(PathBuf::from)
    .into();
    while let Some(dir) = dirs.pop() {
        let entries = fs::read_dir(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
        for path in entries.map(|entry| entry.unwrap().path()) {
            if path.is_dir() {
                dirs.push(path);
            } else {
                others.push(path);
            }
        }
    }
    others.retain(|path| {
        let path = path.to_string_lossy();
        !path.contains("pipermail") && !path.contains("fixtures/mail/")
    });
    assert!(others.len() >= 14, "{others:?}");
    for path in others {
        let bytes = fs::read(&path).unwrap();
        assert_eq!(mbox_sniff(&bytes), Sniff::No, "{}", path.display());
    }
    // The first message's headers damaged: the messages after it still say what it is.
    let mut damaged = fs::read_to_string(fixture("threads.mbox")).unwrap();
    damaged = damaged.replacen("Return-Path: <alice@example.org>\n", "\tcut off\n", 1);
    let head = Head::new(damaged.as_bytes(), true);
    assert_eq!(mbox_sniff(damaged.as_bytes()), Sniff::Maybe(60));
    assert_eq!(sniff::detect(&head), Ok(Format::Mbox));
    for text in [
        // A title that starts with "From".
        "From Russia, with doubts\n\nThe article.\n",
        // A dated "From " line with no header after it.
        "From ann Mon Mar  4 09:15:00 2024\n\nJust text.\n",
        // Headers without a separator (one .eml message).
        "From: ann@example.org\nSubject: hi\n\ntext\n",
        // A separator followed by "Word: text" lines that are no mail headers.
        "From ann Mon Mar  4 09:15:00 2024\nNote: this is a diary\n\n",
        "",
    ] {
        assert_eq!(mbox_sniff(text.as_bytes()), Sniff::No, "{text:?}");
    }
}

#[test]
fn a_file_that_is_no_mailbox_is_refused_when_mbox_is_forced() {
    let err = parse_bytes(
        fs::read("data/integration-with-russia.txt").unwrap(),
        Some(Format::Mbox),
        Path::new("x.txt"),
    )
    .expect_err("not a mailbox");
    match err {
        LoadError::Format { message, .. } => {
            assert!(message.contains("no message found"), "{message}")
        }
        other => panic!("{other}"),
    }
    // An empty file is an empty thread, as for every format.
    let empty = parse(Vec::new());
    assert_eq!(empty.threads.len(), 1);
    assert!(empty.threads[0].is_empty());
}

#[test]
fn the_binary_reads_an_archive_and_says_what_it_skipped() {
    let output = Command::new(env!("CARGO_BIN_EXE_thread-tui"))
        .args(["--dump", "outline"])
        .arg(fixture("threads.mbox"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "thread-tui: {}: 1 duplicate message (a Message-ID seen before) left out\n",
            fixture("threads.mbox").display()
        )
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("Okafor, Bob: Alice Moreau wrote:"),
        "{stdout}"
    );
}

// ------------------------------------------------------------------ hostile mail

const HEAD: &str = "From x@example.org Mon Mar  4 09:15:00 2024\nFrom: X <x@example.org>\n\
                    Subject: hostile\nMessage-ID: <h@example.org>\nMIME-Version: 1.0\n";

#[test]
fn thousands_of_nested_multiparts_are_walked_without_recursion() {
    let levels = 5_000;
    let mut mail = format!("{HEAD}Content-Type: multipart/mixed; boundary=\"b0\"\n\n");
    for level in 1..levels {
        mail += &format!(
            "--b{}\nContent-Type: multipart/mixed; boundary=\"b{level}\"\n\n",
            level - 1
        );
    }
    mail += &format!("--b{}\nContent-Type: text/plain\n\ndeep text\n", levels - 1);
    for level in (0..levels).rev() {
        mail += &format!("--b{level}--\n");
    }
    let loaded = parse(mail.into_bytes());
    assert_eq!(loaded.threads[0].article(), "deep text");
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
}

#[test]
fn deeply_nested_messages_and_endless_parts_stop_at_the_part_limit() {
    // Each nested message/rfc822 is a message inside the one before: read to the limit,
    // and dropped without recursion (a recursive drop overflows a test thread's stack).
    let nested = format!(
        "{HEAD}Content-Type: message/rfc822\n\n{}Subject: inner\n\ninnermost\n",
        "Subject: x\nContent-Type: message/rfc822\n\n".repeat(50_000)
    );
    let loaded = parse(nested.into_bytes());
    assert_eq!(loaded.threads.len(), 1);
    assert_eq!(
        loaded.notes,
        [
            "1 attachment left out (not text); 1 message with over 20 000 MIME boundary and \
          Content-Type lines read only that far"
        ]
    );
    let parts: String = (0..30_000)
        .map(|i| format!("--p\nContent-Type: text/plain\n\npart {i}\n"))
        .collect();
    let many = format!("{HEAD}Content-Type: multipart/mixed; boundary=\"p\"\n\n{parts}--p--\n");
    let loaded = parse(many.into_bytes());
    let article = loaded.threads[0].article();
    assert!(
        article.starts_with("part 0\n\npart 1\n\n"),
        "{}",
        &article[..40]
    );
    assert!(article.contains("part 9998") && !article.contains("part 10001"));
}

#[test]
fn a_message_over_16_mib_is_read_to_its_first_16_mib() {
    // A base64 attachment of 20 MiB after the text: the text is kept, the rest counted.
    let line = "A".repeat(76) + "\n";
    let attachment = line.repeat((20 << 20) / line.len());
    let mail = format!(
        "{HEAD}Content-Type: multipart/mixed; boundary=\"z\"\n\n--z\nContent-Type: text/plain\n\n\
         see the attachment\n--z\nContent-Type: application/octet-stream\n\
         Content-Transfer-Encoding: base64\n\n{attachment}--z--\n\
         From y@example.org Mon Mar  4 10:00:00 2024\nFrom: Y <y@example.org>\n\
         Subject: Re: hostile\nIn-Reply-To: <h@example.org>\n\nthe next message is whole\n"
    );
    let loaded = parse(mail.into_bytes());
    let thread = &loaded.threads[0];
    assert_eq!(thread.article(), "see the attachment");
    assert_eq!(thread.body(0), "the next message is whole");
    assert_eq!(
        loaded.notes,
        [
            "1 attachment left out (not text); 1 message with a broken MIME part read as far as \
          it goes; 1 message over 16 MiB read only to its first 16 MiB"
        ]
    );
}

#[test]
fn an_endless_line_nul_bytes_and_invalid_utf8_are_read() {
    let long = "word ".repeat(600_000);
    let mail = format!(
        "{HEAD}\n{long}\n\u{0}NUL\u{1b}[2J and \u{7}\nFrom y@example.org Mon Mar  4 10:00:00 2024\n\
         From: Y <y@example.org>\nSubject: Re: hostile\n\nbad \u{FFFD}\n"
    );
    let mut bytes = mail.into_bytes();
    let bad = bytes.len() - 4;
    bytes.splice(bad..bad + 3, [0xFF, 0xFE]);
    let loaded = parse(bytes);
    let thread = &loaded.threads[0];
    assert_eq!(
        thread.article(),
        format!("{long}\n\0NUL\u{1b}[2J and \u{7}")
    );
    assert_eq!(thread.body(0), "bad \u{FFFD}\u{FFFD}");
    assert_dumps_hold(thread);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any sequence of mail-shaped lines: no panic, and the trees hold.
    #[test]
    fn mail_shaped_input_keeps_the_tree_invariants(lines in proptest::collection::vec(0usize..MAIL_LINES.len(), 0..80)) {
        let text: String = lines.iter().map(|&i| MAIL_LINES[i]).collect::<Vec<_>>().join("\n");
        let bytes = format!("{HEAD}{text}").into_bytes();
        check_all_formats(&bytes);
        let loaded = parse(bytes);
        for thread in &loaded.threads {
            assert_tree_invariants(thread);
        }
    }
}

const MAIL_LINES: &[&str] = &[
    "",
    "From a@example.org Mon Mar  4 09:15:00 2024",
    "From b at example.org  Tue Mar  5 10:00:00 2024",
    "From: A <a@example.org>",
    "From: b at example.org (B)",
    "Subject: Re: [list] hello",
    "Subject: =?utf-8?q?caf=C3=A9?=",
    "Message-ID: <1@example.org>",
    "Message-ID: <2@example.org>",
    "In-Reply-To: <1@example.org>",
    "In-Reply-To: <2@example.org>",
    "References: <2@example.org> <1@example.org>",
    "Date: Mon, 4 Mar 2024 09:15:00 +0100",
    "Date: garbage",
    "Content-Type: multipart/mixed; boundary=\"b\"",
    "Content-Type: message/rfc822",
    "Content-Type: text/html",
    "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: quoted-printable",
    "--b",
    "--b--",
    "SGVsbG8gd29ybGQ=",
    "caf=E9 =",
    "<p>html <b>text</p>",
    ">From quoted",
    "> quoted",
    "-- ",
    " folded continuation",
    "plain text line",
];
