//! The parsed tree of the two real saved threads in data/, compared with what a careful
//! reader of the files sees.

use std::collections::HashMap;
use std::path::Path;
use thread_tui::thread::{Format, Thread, json, load_path};

fn load(name: &str) -> (Thread, Format) {
    let loaded = load_path(&Path::new("data").join(name), None).expect("seed file loads");
    assert_eq!(loaded.replaced_sequences, 0);
    (loaded.main_thread().clone(), loaded.format)
}

/// One line per node: two spaces per level below the top, then the author.
fn tree_listing(thread: &Thread) -> String {
    let mut out = String::new();
    for id in 0..thread.len() {
        out.push_str(&"  ".repeat(thread.depth(id) - 1));
        if thread.is_missing(id) {
            out.push_str("[missing]");
        } else {
            out.push_str(thread.author(id).unwrap_or("(unknown)"));
        }
        out.push('\n');
    }
    out
}

fn find(thread: &Thread, author: &str, body_start: &str) -> usize {
    (0..thread.len())
        .find(|&id| thread.author(id) == Some(author) && thread.body(id).starts_with(body_start))
        .unwrap_or_else(|| panic!("no comment by {author} starting {body_start:?}"))
}

fn authors_count(thread: &Thread) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for id in 0..thread.len() {
        if let Some(author) = thread.author(id) {
            *counts.entry(author).or_default() += 1;
        }
    }
    counts
}

#[test]
fn numbered_seed_tree_is_every_header_at_its_level() {
    let (thread, format) = load("losing-battle-for-belarus.txt");
    assert_eq!(format, Format::Numbered);
    // The expected listing was made from the file's headers with grep and their indentation,
    // plus the one placeholder a reader infers under J Roderet.
    let expected = include_str!("fixtures/losing-battle-for-belarus.tree");
    assert_eq!(tree_listing(&thread), expected);
}

#[test]
fn numbered_seed_facts() {
    let (thread, _) = load("losing-battle-for-belarus.txt");
    assert_eq!(thread.comment_count(), 149);
    assert_eq!(thread.len(), 150);
    assert_eq!(thread.children(None).count(), 15);
    let counts = authors_count(&thread);
    assert_eq!(counts["occupybacon"], 30);
    assert_eq!(counts["Jens Holm"], 23);

    let placeholders: Vec<usize> = (0..thread.len())
        .filter(|&id| thread.is_missing(id))
        .collect();
    assert_eq!(placeholders.len(), 1);
    let placeholder = placeholders[0];
    assert_eq!(thread.author(placeholder), None);
    assert_eq!(thread.body(placeholder), "");
    assert_eq!(thread.depth(placeholder), 2);
    assert_eq!(
        thread.author(thread.parent(placeholder).unwrap()),
        Some("J Roderet")
    );
    let replies: Vec<_> = thread
        .children(Some(placeholder))
        .map(|id| thread.author(id))
        .collect();
    assert_eq!(replies, [Some("occupybacon"), Some("Jens Holm")]);

    let last = thread.len() - 1;
    assert_eq!(thread.author(last), Some("N/A"));
    assert_eq!(thread.ordinal(last), 149);
}

#[test]
fn numbered_seed_article() {
    let (thread, _) = load("losing-battle-for-belarus.txt");
    assert_eq!(thread.date(), Some("MAY 2021"));
    assert_eq!(thread.title(), "Is Lukashenko Losing Battle For Belarus?");
    let article = thread.article();
    assert!(article.starts_with("Belarus has been passing through a deep political crisis"));
    assert!(article.ends_with("the Union State not only on paper (since 1996), but de-facto."));
    let paragraphs: Vec<&str> = article.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 17);
    // The bullet lines stay lines of one paragraph, with their indentation.
    assert_eq!(
        paragraphs[3]
            .lines()
            .map(|l| l.chars().take(10).collect::<String>())
            .collect::<Vec<_>>(),
        ["  • The fu", "  • The pr", "  • The ps", "  • The cr"]
    );
    assert!(!article.contains("says:"));
}

#[test]
fn numbered_seed_texts() {
    let (thread, _) = load("losing-battle-for-belarus.txt");
    let first = find(&thread, "Dick Von Dast'Ard", "");
    assert_eq!(
        thread.body(first),
        "He needs to start planning his political funeral."
    );
    assert_eq!(thread.depth(first), 1);

    let ashur = find(&thread, "Ashur-ban-them-all", "Ha russia");
    assert_eq!(
        thread.body(ashur),
        "Ha russia letting Belarus fall so they can move in with peace keeping force, resulting in full integration.\n\n\
         Well now that’s long term planning.\n\n\
         But for Ukraine that means Russian troops on even more that its borders."
    );

    let lone = find(&thread, "Lone Ranger", "Crimea was");
    assert_eq!(
        thread.body(lone),
        "Crimea was, is and will be Russia.\n60 years of temporary Ukrop occupation ended in 2014.\nPeople are happy."
    );
    assert_eq!(thread.depth(lone), 5);

    let quote = find(&thread, "Fog of War", "” Miltaries");
    assert_eq!(
        thread.body(quote),
        "” Miltaries are under command of the civilians ”\n\n\
         This has proven so effective in the Western world hasnt it ? The war in Syria would be long over if the Russian military ran things."
    );

    // The header at line 99 has no text: the next header follows after blank lines.
    let empty = find(&thread, "Ashur-ban-them-all", "");
    let empty = (empty..thread.len())
        .find(|&id| thread.author(id) == Some("Ashur-ban-them-all") && thread.body(id).is_empty())
        .expect("an empty comment");
    assert_eq!(thread.depth(empty), 5);
    assert_eq!(
        thread.author(thread.parent(empty).unwrap()),
        Some("occupybacon")
    );
    assert_eq!(thread.body(empty + 1).split(' ').next(), Some("Crimea"));
}

const FLAT_AUTHORS: [Option<&str>; 31] = [
    None,
    None,
    None,
    None,
    None,
    None,
    Some("Kenny Jones ™"),
    None,
    None,
    Some("Harry Smith"),
    Some("Tommy Jensen"),
    Some("Tommy Jensen"),
    None,
    None,
    None,
    None,
    Some("Kenny Jones ™"),
    None,
    Some("Steve Standley"),
    None,
    None,
    None,
    None,
    Some("Tommy Jensen"),
    Some("Harry Smith"),
    Some("Tommy Jensen"),
    None,
    Some("Harry Smith"),
    Some("Trap Is Not Gay"),
    Some("Raptar Driver"),
    None,
];

#[test]
fn flat_seed_tree() {
    let (thread, format) = load("integration-with-russia.txt");
    assert_eq!(format, Format::Flat);
    assert_eq!(thread.comment_count(), 31);
    assert_eq!(thread.children(None).count(), 31);
    let authors: Vec<Option<&str>> = (0..thread.len()).map(|id| thread.author(id)).collect();
    assert_eq!(authors, FLAT_AUTHORS);
    assert_eq!(authors.iter().filter(|a| a.is_some()).count(), 12);
    assert!((0..thread.len()).all(|id| thread.depth(id) == 1 && !thread.is_missing(id)));
}

#[test]
fn flat_seed_article_and_texts() {
    let (thread, _) = load("integration-with-russia.txt");
    assert_eq!(thread.date(), None);
    assert_eq!(
        thread.title(),
        "Lukashenko Calls For Further Integration With Russia, After Sabotaging It For Years"
    );
    let article = thread.article();
    assert!(article.starts_with("On February 11th, in a stark change in course and policy,"));
    assert!(article.ends_with("as the alleged survey showed."));
    assert_eq!(article.split("\n\n").count(), 22);

    assert_eq!(
        thread.body(0),
        "Looks like he knows only Putin can protect him from CIA-created phony revolutions. Can’t stage a coup in Minsk if the real capital is in Moscow."
    );
    // A multi-paragraph comment whose last paragraph holds a quote and its source.
    assert_eq!(
        thread.body(12).split("\n\n").nth(1),
        Some(
            "These words explain everything.\n“It is much easier to die for ones ideals, than to live for them”\nF. Dostoevsky"
        )
    );
    let tommy = find(&thread, "Tommy Jensen", "I dont follow");
    assert_eq!(thread.body(tommy).split("\n\n").count(), 3);
    assert!(
        thread
            .body(tommy)
            .ends_with("A wise President Lukashenko make the right choice in the right moment.")
    );
    // "Harry Smith" directly followed by "Tommy Jensen": a comment with no text.
    assert_eq!(thread.author(24), Some("Harry Smith"));
    assert_eq!(thread.body(24), "");
    // The page's closing line is furniture, not part of the last comment.
    assert!(
        thread
            .body(30)
            .ends_with("nothing wrong with getting closer to Russia!")
    );
    assert!(!(0..thread.len()).any(|id| thread.body(id).contains("Would love your thoughts")));
}

#[test]
fn json_dump_round_trips_for_both_seeds() {
    for name in [
        "losing-battle-for-belarus.txt",
        "integration-with-russia.txt",
    ] {
        let (thread, _) = load(name);
        let mut first = Vec::new();
        json::write(&thread, &mut first).unwrap();
        let mut reread = json::parse(&first).expect("the dump is valid thread JSON");
        assert_eq!(reread.len(), 1, "one thread, one line");
        let reread = reread.remove(0);
        assert_eq!(tree_listing(&reread), tree_listing(&thread), "{name}");
        let mut second = Vec::new();
        json::write(&reread, &mut second).unwrap();
        assert_eq!(
            String::from_utf8(second).unwrap(),
            String::from_utf8(first).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn json_dump_has_the_documented_shape() {
    let (thread, _) = load("losing-battle-for-belarus.txt");
    let mut out = Vec::new();
    json::write(&thread, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with(
        "{\"title\":\"Is Lukashenko Losing Battle For Belarus?\",\"date\":\"MAY 2021\",\"article\":\"Belarus has been"
    ));
    assert!(text.contains(
        "\"comments\":[{\"author\":\"Dick Von Dast'Ard\",\"body\":\"He needs to start planning his political funeral.\",\"missing\":false,\"children\":[{\"author\":\"Jens Holm\""
    ));
    assert!(text.contains(
        "{\"author\":null,\"body\":\"\",\"missing\":true,\"children\":[{\"author\":\"occupybacon\""
    ));
    assert!(text.ends_with("}]}\n"));
}
