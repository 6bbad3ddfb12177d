//! Navigation and folding on the arena: jumps skip folded sub-threads, the selection is
//! never hidden, and fold counts are right.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use std::path::Path;
use thread_tui::action::Action;
use thread_tui::app::{App, Focus, Mode};
use thread_tui::outline::Row;
use thread_tui::thread::{Thread, load_path};

fn open(name: &str) -> App {
    let loaded = load_path(&Path::new("data").join(name), None).unwrap();
    App::new(loaded.into_main_thread(), name.to_string())
}

fn belarus() -> App {
    open("losing-battle-for-belarus.txt")
}

fn find(thread: &Thread, author: &str, nth: usize) -> usize {
    (0..thread.len())
        .filter(|&id| thread.author(id) == Some(author))
        .nth(nth)
        .unwrap()
}

fn selected_author(app: &App) -> Option<&str> {
    match app.doc.outline.selected {
        Row::Comment(id) => app.doc.thread.author(id),
        Row::Article => Some("<article>"),
    }
}

/// The selected row is on screen: no folded ancestor hides it.
fn assert_selection_shown(app: &App) {
    if let Row::Comment(id) = app.doc.outline.selected {
        assert!(
            app.doc
                .thread
                .ancestors(id)
                .all(|a| !app.doc.outline.is_folded(a)),
            "selection {id} is inside a folded sub-thread"
        );
    }
}

#[test]
fn down_skips_a_folded_sub_thread() {
    let mut app = belarus();
    let ashur = app.doc.thread.children(None).nth(1).unwrap();
    app.doc.outline.selected = Row::Comment(ashur);
    app.update(Action::ToggleFold);
    assert!(app.doc.outline.is_folded(ashur));
    app.update(Action::Down);
    assert_eq!(selected_author(&app), Some("Raptar Driver"));
    app.update(Action::Up);
    assert_eq!(app.doc.outline.selected, Row::Comment(ashur));
    app.update(Action::Up);
    // Up from Ashur lands on the last visible row of the first thread.
    assert_eq!(selected_author(&app), Some("cechas vodobenikov"));
}

#[test]
fn folding_an_ancestor_moves_the_selection_to_it() {
    let mut app = belarus();
    let lone = find(&app.doc.thread, "Lone Ranger", 0);
    app.doc.outline.selected = Row::Comment(lone);
    app.update(Action::FoldAll);
    let root = app.doc.thread.root_of(lone);
    assert_eq!(app.doc.outline.selected, Row::Comment(root));
    assert_selection_shown(&app);
    // Fold all folds every top-level thread that has replies.
    let with_replies = app
        .doc
        .thread
        .children(None)
        .filter(|&id| app.doc.thread.has_children(id))
        .count();
    assert_eq!(app.doc.outline.folded_count(), with_replies);
    assert_eq!(with_replies, 10);
}

#[test]
fn fold_counts_hide_real_comments_only() {
    let app = belarus();
    let roderet = find(&app.doc.thread, "J Roderet", 0);
    // 16 replies under J Roderet plus one placeholder for the level the page skipped.
    assert_eq!(app.doc.thread.descendant_count(roderet), 17);
    assert_eq!(app.doc.thread.hidden_by_fold(roderet), 16);
}

#[test]
fn sibling_and_thread_jumps() {
    let mut app = belarus();
    app.update(Action::NextThread);
    assert_eq!(selected_author(&app), Some("Dick Von Dast'Ard"));
    app.update(Action::NextThread);
    assert_eq!(selected_author(&app), Some("Ashur-ban-them-all"));
    app.update(Action::NextSibling);
    assert_eq!(selected_author(&app), Some("Raptar Driver"));
    app.update(Action::PrevSibling);
    app.update(Action::PrevSibling);
    assert_eq!(selected_author(&app), Some("Dick Von Dast'Ard"));
    app.update(Action::PrevSibling);
    assert_eq!(
        selected_author(&app),
        Some("Dick Von Dast'Ard"),
        "no sibling before the first"
    );
    app.update(Action::PrevThread);
    assert_eq!(app.doc.outline.selected, Row::Article);

    // From deep inside a thread, } goes to the next top-level thread.
    let lone = find(&app.doc.thread, "Lone Ranger", 0);
    app.doc.outline.selected = Row::Comment(lone);
    app.update(Action::NextThread);
    assert_eq!(selected_author(&app), Some("Raptar Driver"));
    app.update(Action::Last);
    assert_eq!(selected_author(&app), Some("N/A"));
    app.update(Action::NextThread);
    assert_eq!(
        selected_author(&app),
        Some("N/A"),
        "stays on the last thread"
    );
}

#[test]
fn parent_and_child_moves() {
    let mut app = belarus();
    let lone = find(&app.doc.thread, "Lone Ranger", 0);
    app.doc.outline.selected = Row::Comment(lone);
    app.update(Action::Parent);
    assert_eq!(selected_author(&app), Some("occupybacon"));
    // h on an unfolded comment with replies folds it; a second h goes to its parent.
    app.update(Action::FoldOrParent);
    assert!(
        app.doc
            .outline
            .is_folded(app.doc.thread.parent(lone).unwrap())
    );
    app.update(Action::FoldOrParent);
    assert_eq!(selected_author(&app), Some("Ashur-ban-them-all"));
    // l unfolds, and a second l goes to the first reply.
    app.update(Action::Down);
    app.update(Action::UnfoldOrChild);
    assert!(
        !app.doc
            .outline
            .is_folded(app.doc.thread.parent(lone).unwrap())
    );
    app.update(Action::UnfoldOrChild);
    assert_eq!(
        app.doc.thread.body(match app.doc.outline.selected {
            Row::Comment(id) => id,
            Row::Article => unreachable!(),
        }),
        ""
    );
    // Parent of a top-level comment is the article.
    app.update(Action::NextThread);
    app.update(Action::Parent);
    assert_eq!(app.doc.outline.selected, Row::Article);
}

#[test]
fn sibling_jumps_skip_over_folded_sub_threads() {
    let mut app = belarus();
    let snow = find(&app.doc.thread, "SnowCatzor", 0);
    app.doc.outline.selected = Row::Comment(snow);
    app.update(Action::FoldSubtree);
    assert!(app.doc.outline.is_folded(snow));
    app.update(Action::Down);
    assert_eq!(selected_author(&app), Some("AM Hants"));
    app.update(Action::Up);
    app.update(Action::UnfoldOrChild);
    // Fold-subtree also folded the replies, so only the direct replies show.
    app.update(Action::Down);
    assert_eq!(selected_author(&app), Some("Jens Holm"));
    app.update(Action::Down);
    assert_eq!(selected_author(&app), Some("Fog of War"));
    app.update(Action::UnfoldSubtree);
    app.update(Action::Down);
    assert_eq!(selected_author(&app), Some("occupybacon"));
}

#[test]
fn unfold_to_level_keeps_the_selection_visible() {
    let mut app = belarus();
    let deep = find(&app.doc.thread, "Lone Ranger", 3);
    app.doc.outline.selected = Row::Comment(deep);
    app.update(Action::UnfoldToLevel(2));
    assert_selection_shown(&app);
    if let Row::Comment(id) = app.doc.outline.selected {
        assert_eq!(app.doc.thread.depth(id), 2);
    }
    // Every comment at level 2 with replies is folded, none above it.
    let at_two = (0..app.doc.thread.len())
        .filter(|&id| app.doc.thread.depth(id) == 2 && app.doc.thread.has_children(id))
        .count();
    assert_eq!(app.doc.outline.folded_count(), at_two);
    app.update(Action::UnfoldAll);
    assert_eq!(app.doc.outline.folded_count(), 0);
}

#[test]
fn paging_and_ends() {
    let mut app = belarus();
    app.layout.outline = Rect::new(0, 0, 40, 12);
    app.update(Action::PageDown);
    assert_eq!(
        app.doc.outline.selected,
        Row::Comment(9),
        "a page is the pane's inner height"
    );
    app.update(Action::HalfPageUp);
    assert_eq!(app.doc.outline.selected, Row::Comment(4));
    app.update(Action::Last);
    assert_eq!(
        app.doc.outline.selected,
        Row::Comment(app.doc.thread.len() - 1)
    );
    app.update(Action::Down);
    assert_eq!(
        app.doc.outline.selected,
        Row::Comment(app.doc.thread.len() - 1)
    );
    app.update(Action::First);
    assert_eq!(app.doc.outline.selected, Row::Article);
    app.update(Action::Up);
    assert_eq!(app.doc.outline.selected, Row::Article);
}

#[test]
fn search_finds_every_comment_of_a_commenter_and_wraps() {
    let mut app = belarus();
    app.on_key(KeyEvent::from(KeyCode::Char('/')));
    for c in "JENS".chars() {
        app.on_key(KeyEvent::from(KeyCode::Char(c)));
    }
    app.on_key(KeyEvent::from(KeyCode::Enter));
    assert_eq!(app.doc.search.match_count(), 23);
    assert_eq!(selected_author(&app), Some("Jens Holm"));
    let first = app.doc.outline.selected;
    for _ in 0..22 {
        app.update(Action::NextMatch);
        assert_eq!(selected_author(&app), Some("Jens Holm"));
        assert!(app.notice.is_none());
    }
    app.update(Action::NextMatch);
    assert_eq!(app.doc.outline.selected, first);
    assert_eq!(app.notice.as_deref(), Some("Search wrapped to the top"));
    app.update(Action::PrevMatch);
    assert_eq!(app.notice.as_deref(), Some("Search wrapped to the bottom"));
}

#[test]
fn search_unfolds_to_reveal_a_match() {
    let mut app = belarus();
    app.update(Action::FoldAll);
    app.on_key(KeyEvent::from(KeyCode::Char('/')));
    for c in "lone".chars() {
        app.on_key(KeyEvent::from(KeyCode::Char(c)));
    }
    assert_eq!(selected_author(&app), Some("Lone Ranger"));
    assert_selection_shown(&app);
    app.on_key(KeyEvent::from(KeyCode::Esc));
    assert_eq!(
        app.doc.outline.selected,
        Row::Article,
        "Esc in the prompt goes back"
    );
    assert!(!app.doc.search.is_active());
}

#[test]
fn accent_and_case_insensitive_search_with_completion() {
    let text = "T\n\n  1. Zoë Ångström says:\n\n    hi\n\n  2. Zoltan says:\n\n    yo\n";
    let loaded =
        thread_tui::thread::parse_bytes(text.as_bytes().to_vec(), None, Path::new("t")).unwrap();
    let mut app = App::new(loaded.into_main_thread(), "t".into());
    app.on_key(KeyEvent::from(KeyCode::Char('/')));
    for c in "ZOE".chars() {
        app.on_key(KeyEvent::from(KeyCode::Char(c)));
    }
    assert_eq!(app.doc.search.match_count(), 1);
    assert_eq!(selected_author(&app), Some("Zoë Ångström"));
    // "zo" matches both; Tab chooses from the picker (most comments first, then who came
    // first), the search shows the one chosen, and Enter tracks exactly that name.
    app.on_key(KeyEvent::from(KeyCode::Backspace));
    assert_eq!(app.doc.search.match_count(), 2);
    app.on_key(KeyEvent::from(KeyCode::Tab));
    assert_eq!(app.doc.search.match_count(), 1);
    assert_eq!(selected_author(&app), Some("Zoë Ångström"));
    app.on_key(KeyEvent::from(KeyCode::Tab));
    assert_eq!(selected_author(&app), Some("Zoltan"));
    assert_eq!(
        app.doc.search.part(),
        "ZO",
        "choosing leaves what was typed"
    );
    app.on_key(KeyEvent::from(KeyCode::Enter));
    assert_eq!(app.doc.search.part(), "");
    assert_eq!(app.doc.search.people().tracked.len(), 1);
    assert_eq!(app.doc.search.match_count(), 1);
    assert_eq!(selected_author(&app), Some("Zoltan"));
}

#[test]
fn filter_shows_matches_and_their_ancestors_and_keeps_the_selection() {
    let mut app = belarus();
    app.on_key(KeyEvent::from(KeyCode::Char('/')));
    for c in "kishan".chars() {
        app.on_key(KeyEvent::from(KeyCode::Char(c)));
    }
    app.on_key(KeyEvent::from(KeyCode::Enter));
    app.update(Action::NextMatch);
    let selected = app.doc.outline.selected;
    app.update(Action::ToggleFilter);
    let shown: Vec<usize> = std::iter::successors(Some(Row::Article), |&row| {
        app.doc.outline.next_row(&app.doc.thread, row)
    })
    .filter_map(|row| match row {
        Row::Comment(id) => Some(id),
        Row::Article => None,
    })
    .collect();
    let authors: Vec<_> = shown
        .iter()
        .map(|&id| app.doc.thread.author(id).unwrap())
        .collect();
    assert_eq!(
        authors,
        [
            "AM Hants",
            "Jens Holm",
            "cechas vodobenikov",
            "Jens Holm",
            "Kishan Chali",
            "occupybacon",
            "cechas vodobenikov",
            "occupybacon",
            "Kishan Chali"
        ]
    );
    assert_eq!(app.doc.outline.selected, selected);
    app.update(Action::ToggleFilter);
    assert!(app.doc.outline.filter().is_none());
    assert_eq!(app.doc.outline.selected, selected);
}

#[test]
fn reader_focus_turns_movement_into_scrolling() {
    let mut app = belarus();
    app.layout.reader = Rect::new(40, 0, 60, 10);
    app.layout.reader_lines = 100;
    app.layout.reader_body_rows = 8;
    app.update(Action::SwitchFocus);
    assert_eq!(app.doc.focus, Focus::Reader);
    app.update(Action::Down);
    app.update(Action::PageDown);
    assert_eq!(app.doc.reader_scroll, 9);
    assert_eq!(app.doc.outline.selected, Row::Article);
    app.update(Action::Last);
    assert_eq!(app.doc.reader_scroll, 92);
}

#[test]
fn mouse_click_selects_and_toggles_and_wheel_scrolls() {
    let mut app = belarus();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| thread_tui::ui::render(f, &mut app))
        .unwrap();
    let click = |column, row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // Row 3 of the screen is the second comment (Jens Holm), its marker after the guide.
    app.on_mouse(click(20, 3));
    assert_eq!(selected_author(&app), Some("Jens Holm"));
    let marker = app.layout.marker_columns[2];
    app.on_mouse(click(marker, 3));
    assert!(app.doc.outline.is_folded(1));
    app.on_mouse(click(marker, 3));
    assert!(!app.doc.outline.is_folded(1), "a second click unfolds");
}

fn wheel(app: &mut App, kind: MouseEventKind) {
    app.on_mouse(MouseEvent {
        kind,
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
}

/// The outline's rows on screen after a redraw at 100x30 (27 rows).
fn rows_on_screen(app: &mut App) -> Vec<Row> {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| thread_tui::ui::render(f, app)).unwrap();
    app.layout.outline_rows.clone()
}

#[test]
fn the_wheel_scrolls_the_view_and_the_selection_follows_only_off_screen() {
    let mut app = belarus();
    rows_on_screen(&mut app);
    for _ in 0..10 {
        app.update(Action::Down);
    }
    let selected = app.doc.outline.selected;
    let before = rows_on_screen(&mut app);
    assert_eq!(before[0], Row::Article);
    wheel(&mut app, MouseEventKind::ScrollDown);
    let after = rows_on_screen(&mut app);
    assert_eq!(after[0], before[3], "a notch scrolls three rows");
    assert_eq!(app.doc.outline.selected, selected, "the selection stays");
    // Scrolled until the selection would leave the top: it stays on the first row.
    for _ in 0..5 {
        wheel(&mut app, MouseEventKind::ScrollDown);
    }
    let rows = rows_on_screen(&mut app);
    assert_eq!(rows[0], Row::Comment(17));
    assert_eq!(app.doc.outline.selected, rows[0]);
    // And back up: it stays on the last row until the view returns over it.
    for _ in 0..4 {
        wheel(&mut app, MouseEventKind::ScrollUp);
    }
    let rows = rows_on_screen(&mut app);
    assert_eq!(rows[0], Row::Comment(5));
    assert_eq!(
        app.doc.outline.selected,
        Row::Comment(17),
        "still on screen"
    );
    assert!(rows.contains(&app.doc.outline.selected));
    for _ in 0..10 {
        wheel(&mut app, MouseEventKind::ScrollUp);
    }
    let rows = rows_on_screen(&mut app);
    assert_eq!(rows[0], Row::Article, "the wheel stops at the top");
    assert_eq!(app.doc.outline.selected, Row::Comment(17));
    // A selection near the end of the thread is pulled up to the last row.
    app.update(Action::Last);
    rows_on_screen(&mut app);
    for _ in 0..20 {
        wheel(&mut app, MouseEventKind::ScrollUp);
    }
    let rows = rows_on_screen(&mut app);
    assert_eq!(app.doc.outline.selected, *rows.last().unwrap());
    assert_ne!(
        app.doc.outline.selected,
        app.doc.outline.last_row(&app.doc.thread)
    );
}

#[test]
fn the_selection_keeps_a_margin_and_a_long_jump_centres_it() {
    let mut app = belarus();
    // 27 rows: going down, the view starts to scroll when the selection is 3 rows from the end.
    rows_on_screen(&mut app);
    for _ in 0..23 {
        app.update(Action::Down);
        rows_on_screen(&mut app);
    }
    let at = |app: &App, rows: &[Row]| rows.iter().position(|&r| r == app.doc.outline.selected);
    let rows = rows_on_screen(&mut app);
    assert_eq!(rows[0], Row::Article);
    assert_eq!(at(&app, &rows), Some(23));
    app.update(Action::Down);
    let rows = rows_on_screen(&mut app);
    assert_eq!(at(&app, &rows), Some(23));
    assert_eq!(rows[0], Row::Comment(0));
    // Going up, the same margin above.
    for _ in 0..10 {
        app.update(Action::Down);
        rows_on_screen(&mut app);
    }
    for _ in 0..21 {
        app.update(Action::Up);
        rows_on_screen(&mut app);
    }
    let rows = rows_on_screen(&mut app);
    assert_eq!(at(&app, &rows), Some(3));
    assert_eq!(rows[0], Row::Comment(9));
    // A jump farther than a screen puts the selection in the middle.
    app.update(Action::First);
    rows_on_screen(&mut app);
    let far = find(&app.doc.thread, "Kishan Chali", 0);
    assert!(far > 60);
    app.doc.outline.reveal(&app.doc.thread, far);
    let rows = rows_on_screen(&mut app);
    assert_eq!(at(&app, &rows), Some(13));
    // A jump to just below the screen (`n`, `l`) keeps three rows under the selection.
    let mut app = belarus();
    rows_on_screen(&mut app);
    app.doc.outline.selected = Row::Comment(27);
    let rows = rows_on_screen(&mut app);
    assert_eq!(at(&app, &rows), Some(23));
}

#[test]
fn growing_the_screen_fills_it_from_above() {
    let mut app = belarus();
    app.update(Action::Last);
    app.doc.outline.scroll_to_selection(&app.doc.thread, 5);
    let small_top = app.doc.outline.top;
    app.doc.outline.scroll_to_selection(&app.doc.thread, 40);
    let rows = app.doc.outline.visible_rows(&app.doc.thread, 40);
    assert_eq!(rows.len(), 40);
    assert!(app.doc.outline.top < small_top);
    assert_eq!(rows.last(), Some(&app.doc.outline.selected));
    // Going back to the top puts the article on the first row.
    app.update(Action::First);
    app.doc.outline.scroll_to_selection(&app.doc.thread, 40);
    assert_eq!(app.doc.outline.top, Row::Article);
}

#[test]
fn author_option_opens_with_the_search_active() {
    let mut app = belarus().with_author_search("occupy");
    app.settle();
    assert_eq!(app.doc.search.part(), "occupy");
    assert_eq!(app.doc.search.match_count(), 30);
    assert_eq!(selected_author(&app), Some("occupybacon"));
    assert!(app.notice.is_none());
    let mut app = belarus().with_author_search("nobody");
    app.settle();
    assert_eq!(app.doc.outline.selected, Row::Article);
    assert_eq!(app.notice.as_deref(), Some("No commenter matches “nobody”"));
}

#[test]
fn an_empty_author_option_is_no_search() {
    for name in ["", "  "] {
        let mut app = belarus().with_author_search(name);
        app.settle();
        assert!(!app.doc.search.is_active(), "{name:?}");
        assert_eq!(app.notice, None);
    }
}

#[test]
fn unfold_to_each_level_folds_exactly_that_level() {
    // A chain 12 levels deep under the seed's threads exercises the walk past level 9 too.
    let mut text = std::fs::read_to_string("data/losing-battle-for-belarus.txt").unwrap();
    for level in 1..=12 {
        let indent = "  ".repeat(level);
        text.push_str(&format!(
            "\n{indent}1. Deep {level} says:\n\n{indent}  text\n"
        ));
    }
    let loaded = thread_tui::thread::parse_bytes(text.into_bytes(), None, Path::new("t")).unwrap();
    let mut app = App::new(loaded.into_main_thread(), "t".into());
    for level in 1..=12 {
        app.update(Action::UnfoldToLevel(level.min(9) as u8));
        if level > 9 {
            app.doc.outline.unfold_to_level(&app.doc.thread, level);
        }
        let expected: Vec<usize> = (0..app.doc.thread.len())
            .filter(|&id| app.doc.thread.depth(id) == level && app.doc.thread.has_children(id))
            .collect();
        let folded: Vec<usize> = (0..app.doc.thread.len())
            .filter(|&id| app.doc.outline.is_folded(id))
            .collect();
        assert_eq!(folded, expected, "level {level}");
        assert_eq!(app.doc.outline.folded_count(), expected.len());
    }
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
    let loaded = thread_tui::thread::parse_bytes(text.into_bytes(), None, Path::new("t")).unwrap();
    App::new(loaded.into_main_thread(), "t".into())
}

fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\x08' => KeyCode::Backspace,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        app.on_key(KeyEvent::from(code));
    }
}

/// The outline's text rows at 100x30.
fn outline_text(app: &mut App) -> Vec<String> {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| thread_tui::ui::render(f, app)).unwrap();
    let buffer = terminal.backend().buffer();
    let area = app.layout.outline;
    (area.y + 1..area.y + area.height - 1)
        .map(|y| {
            (area.x + 1..area.x + area.width - 1)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

fn filtered_tree() -> App {
    numbered(&[
        (1, "Ann", "root a"),
        (2, "Target", "match b"),
        (3, "Target", "match c"),
        (4, "Other", "hidden under c"),
        (3, "Other", "hidden d"),
        (2, "Other", "hidden e"),
        (1, "Fay", "root f"),
        (2, "Target", "match g"),
        (1, "Other", "hidden h"),
    ])
}

#[test]
fn folding_works_in_the_filtered_view_and_its_markers_and_guides_are_its_own() {
    let mut app = filtered_tree();
    type_keys(&mut app, "/target\nf");
    assert!(app.doc.outline.filter().is_some());
    assert_eq!(
        outline_text(&mut app),
        [
            "▣ Title",
            "▾ Ann root a",
            // Target's sibling (Other, e) is filtered out: no guide continues below it.
            "╰╴▾ Target match b",
            // Its only reply is filtered out: nothing to fold.
            "  ╰╴· Target match c",
            "▾ Fay root f",
            "╰╴· Target match g",
        ]
    );
    // Space on a row with shown replies folds them away, in this view.
    app.doc.outline.selected = Row::Comment(1);
    app.update(Action::ToggleFold);
    assert_eq!(
        outline_text(&mut app)[2..4],
        // The fold hides one row, a match.
        ["╰╴▸ Target  +1  1 found  match b", "▾ Fay root f"]
    );
    app.update(Action::UnfoldOrChild);
    assert_eq!(outline_text(&mut app)[3], "  ╰╴· Target match c");
    // h folds, h again goes to the parent; z folds the top-level threads.
    app.update(Action::FoldOrParent);
    assert!(app.doc.outline.shows_folded(&app.doc.thread, 1));
    app.update(Action::FoldOrParent);
    assert_eq!(app.doc.outline.selected, Row::Comment(0));
    app.update(Action::FoldAll);
    assert_eq!(
        outline_text(&mut app),
        [
            "▣ Title",
            "▸ Ann  +2  2 found  root a",
            "▸ Fay  +1  1 found  root f"
        ]
    );
    // Leaving the filter gives back the whole tree's folds (none) untouched.
    app.update(Action::ToggleFilter);
    assert_eq!(app.doc.outline.folded_count(), 0);
    assert_eq!(outline_text(&mut app).len(), 10);
}

#[test]
fn slash_starts_from_the_current_search_and_esc_gives_it_back() {
    let mut app = belarus();
    type_keys(&mut app, "/occupy\n");
    let first = app.doc.outline.selected;
    // `/` opens on the query, cursor at its end: typing edits it.
    type_keys(&mut app, "/");
    assert_eq!(app.doc.search.part(), "occupy");
    assert_eq!(app.doc.prompt.cursor, "occupy".len());
    type_keys(&mut app, "\x08\x08\x08\x08\x08\x08lone");
    assert_eq!(app.doc.search.part(), "lone");
    assert_eq!(selected_author(&app), Some("Lone Ranger"));
    // Esc: the search from before, its matches and the selection.
    type_keys(&mut app, "\x1b");
    assert_eq!(app.doc.search.part(), "occupy");
    assert_eq!(app.doc.search.match_count(), 30);
    assert_eq!(app.doc.outline.selected, first);
    // With the filter on, `/` shows the whole tree while typing; Esc brings the filter back.
    type_keys(&mut app, "f");
    assert!(app.doc.outline.filter().is_some());
    type_keys(&mut app, "/x");
    assert!(app.doc.outline.filter().is_none());
    type_keys(&mut app, "\x1b");
    assert!(app.doc.outline.filter().is_some());
    assert_eq!(app.doc.search.part(), "occupy");
    // Enter keeps a new query and filters by it.
    type_keys(&mut app, "/\x08\x08\x08\x08\x08\x08lone\n");
    assert_eq!(app.doc.search.part(), "lone");
    assert!(app.doc.outline.filter().is_some());
    assert!(
        app.doc
            .outline
            .filter()
            .unwrap()
            .contains(find(&app.doc.thread, "Lone Ranger", 0))
    );
    assert!(
        !app.doc
            .outline
            .filter()
            .unwrap()
            .contains(find(&app.doc.thread, "Raptar Driver", 0))
    );
}

#[test]
fn the_prompt_edits_at_its_cursor() {
    let mut app = belarus();
    type_keys(&mut app, "/jens");
    let key = |code| KeyEvent::from(code);
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    app.on_key(key(KeyCode::Left));
    app.on_key(key(KeyCode::Left));
    type_keys(&mut app, "X");
    assert_eq!(app.doc.search.part(), "jeXns");
    app.on_key(key(KeyCode::Delete));
    app.on_key(key(KeyCode::Backspace));
    assert_eq!(app.doc.search.part(), "jes");
    app.on_key(key(KeyCode::Home));
    type_keys(&mut app, "a ");
    app.on_key(key(KeyCode::End));
    app.on_key(ctrl('w'));
    assert_eq!(app.doc.search.part(), "a ");
    type_keys(&mut app, "holm");
    app.on_key(key(KeyCode::Left));
    app.on_key(ctrl('u'));
    assert_eq!(app.doc.search.part(), "m");
    assert_eq!(app.doc.prompt.cursor, 0);
    app.on_key(ctrl('e'));
    assert_eq!(app.doc.prompt.cursor, 1);
}

#[test]
fn filter_with_a_search_that_found_nothing_says_so() {
    let mut app = belarus();
    type_keys(&mut app, "/zzz\nf");
    assert!(app.doc.outline.filter().is_none());
    assert_eq!(
        app.notice.as_deref(),
        Some("No commenter matches “zzz”: nothing to filter")
    );
    type_keys(&mut app, "\x1bf");
    assert_eq!(
        app.notice.as_deref(),
        Some("Nothing to filter: search with / or t first")
    );
}

#[test]
fn letters_without_a_decomposition_are_found_by_their_plain_spelling() {
    let mut app = numbered(&[
        (1, "Łukasz Wąsik", "a"),
        (1, "Øystein Ødegaard", "b"),
        (1, "Straße Fan", "c"),
        (1, "Đorđe Þórsson", "d"),
    ]);
    for (query, author) in [
        ("lukasz", "Łukasz Wąsik"),
        ("oystein", "Øystein Ødegaard"),
        ("odegaard", "Øystein Ødegaard"),
        ("strasse", "Straße Fan"),
        ("dorde thorsson", "Đorđe Þórsson"),
    ] {
        type_keys(&mut app, &format!("/{query}\n"));
        assert_eq!(app.doc.search.match_count(), 1, "{query}");
        assert_eq!(selected_author(&app), Some(author), "{query}");
        type_keys(&mut app, "\x1b");
    }
}

#[test]
fn esc_then_a_key_read_as_alt_key_is_both_keys() {
    let mut app = belarus();
    type_keys(&mut app, "/occ");
    // What a terminal sends for Esc then `j` typed quickly.
    app.on_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT));
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        !app.doc.search.is_active(),
        "Esc gave back the empty search"
    );
    assert_eq!(
        app.doc.outline.selected,
        Row::Comment(0),
        "then j moved down"
    );
    // In the normal view: Esc clears the search, then the key does its job.
    type_keys(&mut app, "/occ\n");
    app.on_key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::ALT));
    assert!(!app.doc.search.is_active());
    assert_eq!(app.doc.outline.selected, Row::Article);
}

#[test]
fn a_paste_is_one_edit_and_is_capped() {
    let mut app = belarus();
    type_keys(&mut app, "/");
    app.on_paste("Jens\r\nHolm");
    assert_eq!(app.doc.search.part(), "Jens  Holm");
    type_keys(&mut app, "\x1b/");
    app.on_paste(&"x".repeat(100_000));
    assert_eq!(
        app.doc.search.part().len(),
        thread_tui::search::MAX_QUERY_CHARS
    );
    assert_eq!(app.doc.search.match_count(), 0);
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("characters at most")
    );
    // Outside the prompt a paste does nothing but say where it goes.
    type_keys(&mut app, "\x1b");
    app.on_paste("occupy");
    assert!(!app.doc.search.is_active());
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn enter_on_a_narrow_screen_reads_the_comment_and_comes_back() {
    let mut app = belarus();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 20)).unwrap();
    let mut draw = |app: &mut App| {
        terminal.draw(|f| thread_tui::ui::render(f, app)).unwrap();
    };
    draw(&mut app);
    app.update(Action::Down);
    app.on_key(KeyEvent::from(KeyCode::Enter));
    assert_eq!(app.doc.focus, Focus::Reader);
    assert!(!app.doc.outline.is_folded(0), "Enter did not fold");
    draw(&mut app);
    assert!(app.layout.outline.is_empty() && !app.layout.reader.is_empty());
    app.on_key(KeyEvent::from(KeyCode::Enter));
    assert_eq!(app.doc.focus, Focus::Outline);
    // On a wide screen Enter folds, as Space does.
    let mut wide = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    wide.draw(|f| thread_tui::ui::render(f, &mut app)).unwrap();
    app.on_key(KeyEvent::from(KeyCode::Enter));
    assert!(app.doc.outline.is_folded(0));
    assert_eq!(app.doc.focus, Focus::Outline);
}
