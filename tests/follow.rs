//! Following people and words: the commenters' figures (panel and `--dump commenters`), the
//! picker under the commenter prompt and exact tracking, several commenters at once, the
//! context and exchange views, full-text search with its highlights, and reading long
//! comments under a header that stays. Screens are insta snapshots (tests/snapshots/follow__*).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use thread_tui::action::Action;
use thread_tui::app::{App, Focus, Mode, ReaderView};
use thread_tui::dump::commenters::HEADER;
use thread_tui::outline::Row;
use thread_tui::thread::{AuthorIndex, Options, Thread, load_path, parse_bytes, parse_bytes_with};
use thread_tui::ui;

const BELARUS: &str = "data/losing-battle-for-belarus.txt";

fn belarus() -> App {
    let loaded = load_path(Path::new(BELARUS), None).expect("sample loads");
    App::new(
        loaded.into_main_thread(),
        "losing-battle-for-belarus.txt".into(),
    )
}

/// A numbered thread from (level, author, body) rows.
fn numbered(comments: &[(usize, &str, &str)]) -> App {
    let mut text = String::from("Title\n\nThe article.\n");
    for (n, (level, author, body)) in comments.iter().enumerate() {
        let indent = "  ".repeat(*level);
        text.push_str(&format!(
            "\n{indent}{}. {author} says:\n\n{indent}  {body}\n",
            n + 1
        ));
    }
    let loaded = parse_bytes(text.into_bytes(), None, Path::new("t")).unwrap();
    App::new(loaded.into_main_thread(), "t.txt".into())
}

/// Types keys: plain characters, or `<Enter>`, `<Esc>`, `<Tab>`, `<Down>`, `<Up>`, `<Space>`,
/// `<PgDn>`, `<BS>`.
fn press(app: &mut App, keys: &str) {
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (event, used) = if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            let code = match &rest[1..end] {
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Tab" => KeyCode::Tab,
                "Down" => KeyCode::Down,
                "Up" => KeyCode::Up,
                "Space" => KeyCode::Char(' '),
                "PgDn" => KeyCode::PageDown,
                "BS" => KeyCode::Backspace,
                other => panic!("unknown key <{other}>"),
            };
            (KeyEvent::new(code, KeyModifiers::NONE), end + 1)
        } else {
            (KeyEvent::from(KeyCode::Char(c)), c.len_utf8())
        };
        app.on_key(event);
        rest = &rest[used..];
    }
}

fn screen(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::render(frame, app)).unwrap();
    terminal
}

fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// Lets the text scan finish, as the reader's loop does between frames.
fn finish_scan(app: &mut App) {
    let start = Instant::now();
    while app.is_busy() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the scan never ended"
        );
        app.settle();
        std::thread::sleep(Duration::from_millis(1));
    }
    app.settle();
}

fn select(app: &mut App, id: usize) {
    app.doc.outline.reveal(&app.doc.thread, id);
}

/// The first comment by `author` whose text starts with `start`.
fn find(thread: &Thread, author: &str, start: &str) -> usize {
    (0..thread.len())
        .find(|&id| thread.author(id) == Some(author) && thread.body(id).starts_with(start))
        .unwrap_or_else(|| panic!("{author}: {start}"))
}

fn selected_author(app: &App) -> Option<&str> {
    match app.doc.outline.selected {
        Row::Comment(id) => app.doc.thread.author(id),
        Row::Article => None,
    }
}

fn matches(app: &App) -> Vec<usize> {
    (0..app.doc.thread.len())
        .filter(|&id| app.doc.search.is_match(id))
        .collect()
}

#[test]
fn the_commenters_figures_on_the_sample() {
    let app = belarus();
    let thread = &app.doc.thread;
    let index = AuthorIndex::build(thread);
    let who = |name| index.find(thread, name).expect(name);
    let occupy = index.stats(who("occupybacon"));
    let jens = index.stats(who("Jens Holm"));
    assert_eq!((occupy.comments, jens.comments), (30, 23));
    assert_eq!(
        index.by_count()[..2],
        [who("occupybacon"), who("Jens Holm")],
        "the most comments first"
    );
    // Each figure against the thread, counted here the plain way.
    for &one in index.by_count() {
        let name = index.name(thread, one);
        let theirs: Vec<usize> = (0..thread.len())
            .filter(|&id| thread.author(id) == Some(name))
            .collect();
        let stats = index.stats(one);
        assert_eq!(stats.comments as usize, theirs.len(), "{name}");
        let top = theirs.iter().filter(|&&id| thread.depth(id) == 1).count();
        assert_eq!(stats.top_level as usize, top, "{name}");
        assert_eq!(stats.replies_written as usize, theirs.len() - top, "{name}");
        let words: usize = theirs
            .iter()
            .map(|&id| thread.body(id).split_whitespace().count())
            .sum();
        assert_eq!(stats.words as usize, words, "{name}");
        assert_eq!(
            (stats.first as usize, stats.last as usize),
            (theirs[0], *theirs.last().unwrap()),
            "{name}"
        );
        assert_eq!(index.comments_of(one).len(), theirs.len());
    }
    // Everyone's answers add up to everyone's replies received.
    let received: u32 = index
        .by_count()
        .iter()
        .map(|&w| index.stats(w).replies_received)
        .sum();
    let answering = (0..thread.len())
        .filter(|&id| index.answers(id).is_some())
        .count();
    assert_eq!(received as usize, answering);
}

#[test]
fn whom_a_commenter_answers_and_who_answers_them() {
    let app = belarus();
    let thread = &app.doc.thread;
    let index = AuthorIndex::build(thread);
    let who = |name| index.find(thread, name).expect(name);
    let lone = index.partners(who("Lone Ranger"));
    // Every one of Lone Ranger's seven comments answers occupybacon, who answers back seven
    // times (the run of replies the page stopped nesting counts, see the exchange test).
    assert_eq!(lone.answers, [(who("occupybacon"), 7)]);
    assert_eq!(lone.answered_by, [(who("occupybacon"), 7)]);
    let occupy = index.partners(who("occupybacon"));
    assert_eq!(occupy.answers[0], (who("Lone Ranger"), 7));
    let answering: Vec<usize> = index
        .comments_of(who("occupybacon"))
        .iter()
        .map(|&id| id as usize)
        .filter(|&id| index.answers(id).is_none())
        .collect();
    // All their comments answer someone but one, which answers a comment the page lost.
    let lost = find(thread, "occupybacon", "Cheap commie lies");
    assert_eq!(answering, [lost]);
    assert!(thread.is_missing(thread.parent(lost).unwrap()));
}

#[test]
fn the_commenters_panel_sorts_and_tracks() {
    let mut app = belarus();
    screen(&mut app, 100, 30);
    press(&mut app, "c");
    assert_eq!(app.mode, Mode::Commenters);
    insta::assert_snapshot!("panel_by_comments", screen(&mut app, 100, 30).backend());
    // l sorts by the next column (top-level comments), r reverses it.
    press(&mut app, "l");
    let index = app.doc.authors.get().unwrap().clone();
    let first = app.doc.panel.order[0];
    assert_eq!(
        index.stats(first).top_level,
        index
            .by_count()
            .iter()
            .map(|&w| index.stats(w).top_level)
            .max()
            .unwrap()
    );
    press(&mut app, "hhh");
    assert_eq!(app.doc.panel.sort, thread_tui::panel::Column::Last);
    press(&mut app, "r");
    let first_last = index.stats(app.doc.panel.order[0]).last;
    assert!(
        app.doc
            .panel
            .order
            .iter()
            .all(|&w| index.stats(w).last <= first_last)
    );
    // Sorted by name, then down to Jens Holm and Enter: the outline tracks him.
    press(&mut app, "hhhhhhhh");
    assert_eq!(app.doc.panel.sort, thread_tui::panel::Column::Name);
    let jens = app
        .doc
        .panel
        .order
        .iter()
        .position(|&w| index.name(&app.doc.thread, w) == "Jens Holm")
        .unwrap();
    press(&mut app, "g");
    for _ in 0..jens {
        press(&mut app, "j");
    }
    insta::assert_snapshot!("panel_by_name_on_jens", screen(&mut app, 100, 30).backend());
    press(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.doc.search.match_count(), 23);
    assert_eq!(selected_author(&app), Some("Jens Holm"));
    let status = rows(&screen(&mut app, 100, 30)).pop().unwrap();
    assert!(status.contains("@Jens Holm 1/23"), "{status}");
}

#[test]
fn dump_commenters_is_tab_separated() {
    let output = Command::new(env!("CARGO_BIN_EXE_thread-tui"))
        .args(["--dump", "commenters", BELARUS])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], HEADER);
    assert!(
        lines[1].starts_with("occupybacon\t30\t0\t30\t"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("Jens Holm\t23\t"), "{}", lines[2]);
    let columns = HEADER.split('\t').count();
    assert!(lines.iter().all(|l| l.split('\t').count() == columns));
    let index = AuthorIndex::build(belarus().doc.thread.as_ref());
    assert_eq!(lines.len(), 1 + index.len());
}

#[test]
fn dump_commenters_keeps_hostile_names_on_their_line() {
    let json = r#"{"title": "T", "article": "", "comments": [
        {"author": "Tab\tand\nline\u001b[31m", "body": "x", "time": "2019-08-03T04:11:00Z",
         "children": [{"author": "B", "body": "y z"}]}]}"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.json");
    std::fs::write(&path, json.replace('\n', " ")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_thread-tui"))
        .args(["--dump", "commenters"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "{text:?}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text:?}");
    let first: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(
        first,
        [
            "Tab     and^Jline^[[31m",
            "1",
            "1",
            "0",
            "1",
            "0",
            "1",
            "1",
            "2019-08-03T04:11:00+00:00",
            "1",
            "2019-08-03T04:11:00+00:00"
        ]
    );
    assert_eq!(lines[2], "B\t1\t0\t1\t0\t1\t2\t2\t\t2\t");
}

/// The names the issue tried: parts of names cannot tell these apart.
fn davids() -> App {
    numbered(&[
        (1, "David", "first"),
        (2, "David Nelson", "second"),
        (1, "DAVID RODRIGUEZ", "third"),
        (2, "David", "fourth"),
        (1, "Zoë", "fifth"),
    ])
}

#[test]
fn the_picker_lists_matching_commenters_and_enter_tracks_exactly_one() {
    let mut app = davids();
    screen(&mut app, 100, 30);
    press(&mut app, "/dav");
    // Typing alone matches parts of names, as before.
    assert_eq!(app.doc.search.match_count(), 4);
    insta::assert_snapshot!("picker_dav", screen(&mut app, 100, 30).backend());
    // The list: most comments first, then who came first.
    let index = app.doc.authors.get().unwrap().clone();
    let listed: Vec<&str> = app
        .doc
        .prompt
        .candidates
        .iter()
        .map(|&w| index.name(&app.doc.thread, w))
        .collect();
    assert_eq!(listed, ["David", "David Nelson", "DAVID RODRIGUEZ"]);
    // Down chooses a row and the search shows that commenter alone, live.
    press(&mut app, "<Down><Down>");
    assert_eq!(app.doc.search.match_count(), 1);
    assert_eq!(selected_author(&app), Some("David Nelson"));
    press(&mut app, "<Up>");
    assert_eq!(app.doc.search.match_count(), 2);
    insta::assert_snapshot!("picker_dav_chosen", screen(&mut app, 100, 30).backend());
    press(&mut app, "<Enter>");
    assert_eq!(app.doc.search.part(), "");
    assert_eq!(
        matches(&app)
            .iter()
            .map(|&id| app.doc.thread.author(id).unwrap())
            .collect::<Vec<_>>(),
        ["David", "David"],
        "exactly David, not David Nelson"
    );
    // Tab cycles through the rows and back to what was typed.
    press(&mut app, "/dav<Tab><Tab><Tab><Tab>");
    assert_eq!(app.doc.prompt.chosen, None);
    assert_eq!(app.doc.search.match_count(), 4);
    // Enter without choosing keeps the part of a name, beside the tracked name.
    press(&mut app, "<BS><BS><BS>zo<Enter>");
    assert_eq!(app.doc.search.match_count(), 3);
    let status = rows(&screen(&mut app, 100, 30)).pop().unwrap();
    assert!(status.contains("@David /zo 1/3"), "{status}");
}

#[test]
fn a_tracks_the_selected_author_and_several_are_tracked_at_once() {
    let mut app = belarus();
    screen(&mut app, 100, 30);
    let thread = app.doc.thread.clone();
    select(&mut app, find(&thread, "Jens Holm", ""));
    press(&mut app, "a");
    assert_eq!(app.doc.search.match_count(), 23);
    select(&mut app, find(&thread, "occupybacon", ""));
    press(&mut app, "a");
    assert_eq!(app.doc.search.match_count(), 53);
    let status = rows(&screen(&mut app, 100, 30)).pop().unwrap();
    assert!(status.contains("@Jens Holm @occupybacon"), "{status}");
    // n walks both, in file order.
    let mut seen = Vec::new();
    for _ in 0..53 {
        press(&mut app, "n");
        seen.push(selected_author(&app).unwrap().to_string());
    }
    assert_eq!(seen.iter().filter(|a| *a == "Jens Holm").count(), 23);
    assert_eq!(seen.iter().filter(|a| *a == "occupybacon").count(), 30);
    // a again on one of them stops tracking that one only.
    select(&mut app, find(&thread, "occupybacon", ""));
    press(&mut app, "a");
    assert_eq!(app.doc.search.match_count(), 23);
    assert_eq!(
        app.notice.as_deref(),
        Some("No longer tracking occupybacon")
    );
    press(&mut app, "<Esc>");
    assert!(!app.doc.search.is_active());
}

#[test]
fn a_folded_row_tells_how_many_matches_it_hides() {
    let mut app = belarus();
    screen(&mut app, 100, 30);
    let thread = app.doc.thread.clone();
    select(&mut app, find(&thread, "occupybacon", ""));
    press(&mut app, "az");
    let ashur = thread.children(None).nth(1).unwrap();
    let hidden = (ashur + 1..thread.subtree_end(ashur))
        .filter(|&id| thread.author(id) == Some("occupybacon"))
        .count();
    let outline = rows(&screen(&mut app, 100, 30));
    let row = outline
        .iter()
        .find(|r| r.contains("Ashur-ban-them-all  +28"))
        .unwrap();
    assert!(row.contains(&format!("+28  {hidden} found ")), "{row}");
}

#[test]
fn context_shows_the_chain_down_to_the_comment_as_one_text() {
    let mut app = belarus();
    screen(&mut app, 100, 30);
    let thread = app.doc.thread.clone();
    let smaller = find(&thread, "Lone Ranger", "Smaller cities");
    select(&mut app, smaller);
    press(&mut app, "r");
    assert_eq!(app.doc.reader_view, ReaderView::Context);
    assert_eq!(app.doc.focus, Focus::Reader);
    insta::assert_snapshot!("context_lone_ranger", screen(&mut app, 100, 30).backend());
    let laid = app.doc.reader_text.clone().unwrap();
    let chain: Vec<usize> = laid.sections.iter().map(|&(id, _)| id).collect();
    let mut expected: Vec<usize> = thread.ancestors(smaller).collect();
    expected.reverse();
    expected.push(smaller);
    assert_eq!(chain, expected);
    // The text scrolls (on a screen too short for it); r again goes back to the comment.
    screen(&mut app, 100, 16);
    press(&mut app, "<Space>");
    assert_eq!(app.doc.reader_scroll, app.layout.reader_body_rows);
    press(&mut app, "r");
    assert_eq!(app.doc.reader_view, ReaderView::Comment);
    assert_eq!(app.doc.focus, Focus::Outline);
}

#[test]
fn the_exchange_of_two_people_filters_the_outline_and_reads_as_one_text() {
    let mut app = belarus();
    screen(&mut app, 100, 30);
    let thread = app.doc.thread.clone();
    select(&mut app, find(&thread, "Lone Ranger", "Crimea was"));
    press(&mut app, "e");
    assert_eq!(app.doc.reader_view, ReaderView::Exchange);
    // Their back-and-forth, as the page shows it: replies under occupybacon's comment, in a
    // run of siblings where the page stopped nesting, and one more pair further down.
    let said: Vec<String> = matches(&app)
        .iter()
        .map(|&id| {
            let first_line = thread.body(id).lines().next().unwrap_or("");
            format!("{}: {first_line}", thread.author(id).unwrap())
        })
        .map(|line| line.chars().take(30).collect())
        .collect();
    assert_eq!(
        said,
        [
            "Lone Ranger: Crimea was, is and",
            "occupybacon: People of China are",
            "Lone Ranger: They already joined.",
            "occupybacon: Good, Putin’s Eurasia",
            "Lone Ranger: Its still Moscow :)",
            "occupybacon: For a short period,",
            "Lone Ranger: What signs?",
            "occupybacon: Moscow, Petersburg a",
            "Lone Ranger: There are poor place",
            "occupybacon: You are entitled to",
            "occupybacon: And your point is?",
            "Lone Ranger: Smaller cities and t",
            "Lone Ranger: No need to invade.",
            "occupybacon: The Chinese-Russian ",
        ]
        .map(|s| s.chars().take(30).collect::<String>())
    );
    assert!(app.doc.outline.filter().is_some());
    insta::assert_snapshot!("exchange_wide", screen(&mut app, 100, 30).backend());
    // n walks it, and the reader follows to that comment's place in the text.
    press(&mut app, "nnn");
    let selected = app.doc.selected_comment().unwrap();
    assert!(thread.body(selected).starts_with("Good, Putin"));
    screen(&mut app, 100, 30);
    let laid = app.doc.reader_text.clone().unwrap();
    assert_eq!(Some(app.doc.reader_scroll), laid.section_of(selected));
    insta::assert_snapshot!("exchange_nnn", screen(&mut app, 100, 30).backend());
    // e again: the whole tree and the comment.
    press(&mut app, "e");
    assert!(app.doc.outline.filter().is_none());
    assert!(!app.doc.search.is_active());
    assert_eq!(app.doc.reader_view, ReaderView::Comment);
}

#[test]
fn an_exchange_needs_a_reply_to_someone_else() {
    let mut app = belarus();
    press(&mut app, "e");
    assert!(app.notice.as_deref().unwrap().starts_with("Select a reply"));
    let thread = app.doc.thread.clone();
    select(&mut app, thread.children(None).next().unwrap());
    press(&mut app, "e");
    assert!(app.notice.as_deref().unwrap().contains("no exchange"));
    assert_eq!(app.doc.reader_view, ReaderView::Comment);
}

/// Comments holding `word`, folded the plain way (these texts need no accent folding).
fn holding(thread: &Thread, word: &str) -> Vec<usize> {
    (0..thread.len())
        .filter(|&id| thread.body(id).to_lowercase().contains(word))
        .collect()
}

#[test]
fn full_text_search_finds_marks_and_highlights_words() {
    let mut app = belarus();
    screen(&mut app, 100, 30);
    press(&mut app, "tputin");
    finish_scan(&mut app);
    let thread = app.doc.thread.clone();
    let expected = holding(&thread, "putin");
    assert_eq!(matches(&app), expected);
    press(&mut app, "<Enter>");
    assert_eq!(app.doc.selected_comment(), Some(expected[0]));
    insta::assert_snapshot!("text_putin", screen(&mut app, 100, 30).backend());
    // In the reader every match is in the match style.
    let terminal = screen(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    let reader = app.layout.reader;
    let marked: String = (reader.y..reader.bottom())
        .flat_map(|y| (reader.x..reader.right()).map(move |x| (x, y)))
        .filter(|&pos| buffer[pos].style().bg == Some(ratatui::style::Color::Yellow))
        .map(|pos| buffer[pos].symbol().to_string())
        .collect();
    let in_body = thread.body(expected[0]).matches("Putin").count();
    assert_eq!(marked, "Putin".repeat(in_body));
    // n walks them; f shows them alone.
    press(&mut app, "n");
    assert_eq!(app.doc.selected_comment(), Some(expected[1]));
    press(&mut app, "f");
    assert!(app.doc.outline.filter().is_some());
    let status = rows(&screen(&mut app, 100, 30)).pop().unwrap();
    assert!(
        status.contains(&format!("“putin” 2/{} [filter]", expected.len())),
        "{status}"
    );
}

#[test]
fn text_and_commenter_searches_combine() {
    let mut app = belarus();
    screen(&mut app, 100, 30);
    let thread = app.doc.thread.clone();
    select(&mut app, find(&thread, "occupybacon", ""));
    press(&mut app, "atputin<Enter>");
    finish_scan(&mut app);
    let expected: Vec<usize> = holding(&thread, "putin")
        .into_iter()
        .filter(|&id| thread.author(id) == Some("occupybacon"))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(
        matches(&app),
        expected,
        "what occupybacon wrote about Putin"
    );
    let status = rows(&screen(&mut app, 100, 30)).pop().unwrap();
    assert!(status.contains("@occupybacon “putin”"), "{status}");
    // Esc in the prompt gives back the text search as it was.
    press(&mut app, "tgas<Esc>");
    finish_scan(&mut app);
    assert_eq!(app.doc.search.text(), "putin");
    assert_eq!(matches(&app), expected);
}

#[test]
fn a_new_keystroke_replaces_the_scan_of_the_last() {
    let mut app = belarus();
    // Typed without a pause: the scans of "l", "lu" and "luk" are cancelled or ignored.
    press(&mut app, "tluka");
    finish_scan(&mut app);
    assert_eq!(matches(&app), holding(&app.doc.thread, "luka"));
    press(&mut app, "<BS><BS><BS>");
    finish_scan(&mut app);
    assert_eq!(matches(&app), holding(&app.doc.thread, "l"));
}

#[test]
fn space_pages_through_a_long_comment_under_a_header_that_stays() {
    let mut app = belarus();
    screen(&mut app, 100, 30);
    let thread = app.doc.thread.clone();
    let longest = (0..thread.len())
        .max_by_key(|&id| thread.body(id).len())
        .unwrap();
    select(&mut app, longest);
    press(&mut app, "<Tab>");
    let before = rows(&screen(&mut app, 100, 30));
    press(&mut app, "<Space>");
    let rows_after = rows(&screen(&mut app, 100, 30));
    assert_eq!(app.doc.reader_scroll, app.layout.reader_body_rows);
    // The header (author, position, the chain it answers, the rule) is where it was.
    let reader_x = app.layout.reader.x as usize;
    let header = |screen: &[String]| -> Vec<String> {
        screen[1..5]
            .iter()
            .map(|r| r.chars().skip(reader_x).collect())
            .collect()
    };
    assert_eq!(header(&rows_after), header(&before));
    assert_ne!(rows_after, before);
    insta::assert_snapshot!("reader_paged", screen(&mut app, 100, 30).backend());
}

#[test]
fn the_reader_header_tells_time_score_status_and_replies_left_out() {
    let json = r#"{"title": "T", "article": "A.", "more": 40, "score": 7, "comments": [
        {"author": "Ann", "body": "first", "time": "2019-08-03T04:11:00Z", "score": 12,
         "more": 3, "status": "pending",
         "children": [{"author": "Bo", "body": "second", "time": "2019-08-03T06:30:00+02:00",
                       "score": -1}]}]}"#;
    let options = Options {
        all_comments: true,
        ..Options::default()
    };
    let loaded = parse_bytes_with(
        json.replace('\n', " ").into_bytes(),
        Path::new("t.json"),
        &options,
    )
    .unwrap();
    let mut app = App::new(loaded.into_main_thread(), "t.json".into());
    let text = |app: &mut App| rows(&screen(app, 100, 12)).join("\n");
    let article = text(&mut app);
    assert!(article.contains("7 points · 2 comments"), "{article}");
    assert!(article.contains("40 more not in this file"), "{article}");
    app.update(Action::Down);
    let first = text(&mut app);
    for fact in [
        "2019-08-03 04:11 UTC · 12 points",
        "pending · 1 reply · 3 more replies not in this file",
    ] {
        assert!(first.contains(fact), "{fact}\n{first}");
    }
    app.update(Action::Down);
    let second = text(&mut app);
    for fact in [
        "2019-08-03 06:30 +02:00 · -1 point",
        "no replies",
        "↳ to Ann",
    ] {
        assert!(second.contains(fact), "{fact}\n{second}");
    }
}

/// Rows of the outline after (or before) `row`, counting up to `limit`.
fn rows_beside(app: &App, row: Row, forward: bool, limit: usize) -> usize {
    let outline = &app.doc.outline;
    let thread = &app.doc.thread;
    let mut count = 0;
    let mut at = row;
    while count < limit {
        let next = if forward {
            outline.next_row(thread, at)
        } else {
            outline.prev_row(thread, at)
        };
        match next {
            Some(next) => at = next,
            None => break,
        }
        count += 1;
    }
    count
}

#[test]
fn every_move_and_jump_keeps_a_margin_around_the_selection() {
    let mut app = belarus();
    screen(&mut app, 100, 30);
    let thread = app.doc.thread.clone();
    select(&mut app, find(&thread, "occupybacon", ""));
    press(&mut app, "a");
    for key in [
        "n", "n", "n", "}", "}", "n", "N", "J", "K", "p", "G", "g", "n", "{", "j", "k",
    ] {
        press(&mut app, key);
        screen(&mut app, 100, 30);
        let selected = app.doc.outline.selected;
        let shown = &app.layout.outline_rows;
        let at = shown.iter().position(|&row| row == selected).unwrap();
        let (above, below) = (at, shown.len() - 1 - at);
        assert!(
            below >= rows_beside(&app, selected, true, 3),
            "after {key}: {below} rows below the selection"
        );
        assert!(
            above >= rows_beside(&app, selected, false, 3),
            "after {key}: {above} rows above the selection"
        );
    }
}
