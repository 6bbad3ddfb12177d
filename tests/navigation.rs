//! Navigation and folding on the arena: jumps skip folded sub-threads, the selection is
//! never hidden, and fold counts are right.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use std::path::Path;
use thread_tui::action::Action;
use thread_tui::app::{App, Focus};
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
    match app.outline.selected {
        Row::Comment(id) => app.thread.author(id),
        Row::Article => Some("<article>"),
    }
}

/// The selected row is on screen: no folded ancestor hides it.
fn assert_selection_shown(app: &App) {
    if let Row::Comment(id) = app.outline.selected {
        assert!(
            app.thread.ancestors(id).all(|a| !app.outline.is_folded(a)),
            "selection {id} is inside a folded sub-thread"
        );
    }
}

#[test]
fn down_skips_a_folded_sub_thread() {
    let mut app = belarus();
    let ashur = app.thread.children(None).nth(1).unwrap();
    app.outline.selected = Row::Comment(ashur);
    app.update(Action::ToggleFold);
    assert!(app.outline.is_folded(ashur));
    app.update(Action::Down);
    assert_eq!(selected_author(&app), Some("Raptar Driver"));
    app.update(Action::Up);
    assert_eq!(app.outline.selected, Row::Comment(ashur));
    app.update(Action::Up);
    // Up from Ashur lands on the last visible row of the first thread.
    assert_eq!(selected_author(&app), Some("cechas vodobenikov"));
}

#[test]
fn folding_an_ancestor_moves_the_selection_to_it() {
    let mut app = belarus();
    let lone = find(&app.thread, "Lone Ranger", 0);
    app.outline.selected = Row::Comment(lone);
    app.update(Action::FoldAll);
    let root = app.thread.root_of(lone);
    assert_eq!(app.outline.selected, Row::Comment(root));
    assert_selection_shown(&app);
    // Fold all folds every top-level thread that has replies.
    let with_replies = app
        .thread
        .children(None)
        .filter(|&id| app.thread.has_children(id))
        .count();
    assert_eq!(app.outline.folded_count(), with_replies);
    assert_eq!(with_replies, 10);
}

#[test]
fn fold_counts_hide_real_comments_only() {
    let app = belarus();
    let roderet = find(&app.thread, "J Roderet", 0);
    // 16 replies under J Roderet plus one placeholder for the level the page skipped.
    assert_eq!(app.thread.descendant_count(roderet), 17);
    assert_eq!(app.thread.hidden_by_fold(roderet), 16);
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
    assert_eq!(app.outline.selected, Row::Article);

    // From deep inside a thread, } goes to the next top-level thread.
    let lone = find(&app.thread, "Lone Ranger", 0);
    app.outline.selected = Row::Comment(lone);
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
    let lone = find(&app.thread, "Lone Ranger", 0);
    app.outline.selected = Row::Comment(lone);
    app.update(Action::Parent);
    assert_eq!(selected_author(&app), Some("occupybacon"));
    // h on an unfolded comment with replies folds it; a second h goes to its parent.
    app.update(Action::FoldOrParent);
    assert!(app.outline.is_folded(app.thread.parent(lone).unwrap()));
    app.update(Action::FoldOrParent);
    assert_eq!(selected_author(&app), Some("Ashur-ban-them-all"));
    // l unfolds, and a second l goes to the first reply.
    app.update(Action::Down);
    app.update(Action::UnfoldOrChild);
    assert!(!app.outline.is_folded(app.thread.parent(lone).unwrap()));
    app.update(Action::UnfoldOrChild);
    assert_eq!(
        app.thread.body(match app.outline.selected {
            Row::Comment(id) => id,
            Row::Article => unreachable!(),
        }),
        ""
    );
    // Parent of a top-level comment is the article.
    app.update(Action::NextThread);
    app.update(Action::Parent);
    assert_eq!(app.outline.selected, Row::Article);
}

#[test]
fn sibling_jumps_skip_over_folded_sub_threads() {
    let mut app = belarus();
    let snow = find(&app.thread, "SnowCatzor", 0);
    app.outline.selected = Row::Comment(snow);
    app.update(Action::FoldSubtree);
    assert!(app.outline.is_folded(snow));
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
    let deep = find(&app.thread, "Lone Ranger", 3);
    app.outline.selected = Row::Comment(deep);
    app.update(Action::UnfoldToLevel(2));
    assert_selection_shown(&app);
    if let Row::Comment(id) = app.outline.selected {
        assert_eq!(app.thread.depth(id), 2);
    }
    // Every comment at level 2 with replies is folded, none above it.
    let at_two = (0..app.thread.len())
        .filter(|&id| app.thread.depth(id) == 2 && app.thread.has_children(id))
        .count();
    assert_eq!(app.outline.folded_count(), at_two);
    app.update(Action::UnfoldAll);
    assert_eq!(app.outline.folded_count(), 0);
}

#[test]
fn paging_and_ends() {
    let mut app = belarus();
    app.layout.outline = Rect::new(0, 0, 40, 12);
    app.update(Action::PageDown);
    assert_eq!(
        app.outline.selected,
        Row::Comment(9),
        "a page is the pane's inner height"
    );
    app.update(Action::HalfPageUp);
    assert_eq!(app.outline.selected, Row::Comment(4));
    app.update(Action::Last);
    assert_eq!(app.outline.selected, Row::Comment(app.thread.len() - 1));
    app.update(Action::Down);
    assert_eq!(app.outline.selected, Row::Comment(app.thread.len() - 1));
    app.update(Action::First);
    assert_eq!(app.outline.selected, Row::Article);
    app.update(Action::Up);
    assert_eq!(app.outline.selected, Row::Article);
}

#[test]
fn search_finds_every_comment_of_a_commenter_and_wraps() {
    let mut app = belarus();
    app.on_key(KeyEvent::from(KeyCode::Char('/')));
    for c in "JENS".chars() {
        app.on_key(KeyEvent::from(KeyCode::Char(c)));
    }
    app.on_key(KeyEvent::from(KeyCode::Enter));
    assert_eq!(app.search.match_count(), 23);
    assert_eq!(selected_author(&app), Some("Jens Holm"));
    let first = app.outline.selected;
    for _ in 0..22 {
        app.update(Action::NextMatch);
        assert_eq!(selected_author(&app), Some("Jens Holm"));
        assert!(app.notice.is_none());
    }
    app.update(Action::NextMatch);
    assert_eq!(app.outline.selected, first);
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
        app.outline.selected,
        Row::Article,
        "Esc in the prompt goes back"
    );
    assert!(!app.search.is_active());
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
    assert_eq!(app.search.match_count(), 1);
    assert_eq!(selected_author(&app), Some("Zoë Ångström"));
    // Tab completes from the commenters: "zo" matches both, Tab cycles through them.
    app.on_key(KeyEvent::from(KeyCode::Backspace));
    app.on_key(KeyEvent::from(KeyCode::Tab));
    assert_eq!(app.search.query(), "Zoltan");
    app.on_key(KeyEvent::from(KeyCode::Tab));
    assert_eq!(app.search.query(), "Zoë Ångström");
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
    let selected = app.outline.selected;
    app.update(Action::ToggleFilter);
    let shown: Vec<usize> = std::iter::successors(Some(Row::Article), |&row| {
        app.outline.next_row(&app.thread, row)
    })
    .filter_map(|row| match row {
        Row::Comment(id) => Some(id),
        Row::Article => None,
    })
    .collect();
    let authors: Vec<_> = shown
        .iter()
        .map(|&id| app.thread.author(id).unwrap())
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
    assert_eq!(app.outline.selected, selected);
    app.update(Action::ToggleFilter);
    assert!(app.outline.filter().is_none());
    assert_eq!(app.outline.selected, selected);
}

#[test]
fn reader_focus_turns_movement_into_scrolling() {
    let mut app = belarus();
    app.layout.reader = Rect::new(40, 0, 60, 10);
    app.layout.reader_lines = 100;
    app.update(Action::SwitchFocus);
    assert_eq!(app.focus, Focus::Reader);
    app.update(Action::Down);
    app.update(Action::PageDown);
    assert_eq!(app.reader_scroll, 9);
    assert_eq!(app.outline.selected, Row::Article);
    app.update(Action::Last);
    assert_eq!(app.reader_scroll, 92);
}

#[test]
fn mouse_click_selects_and_toggles_and_wheel_scrolls() {
    let mut app = belarus();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| thread_tui::ui::draw(f, &mut app))
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
    assert!(app.outline.is_folded(1));
    app.on_mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
    // Three rows down from the folded Jens Holm: the second thread, its first reply, then
    // that reply's reply.
    let rows: Vec<_> = [4, 5, 6].iter().map(|&id| app.thread.author(id)).collect();
    assert_eq!(
        rows,
        [
            Some("Ashur-ban-them-all"),
            Some("Fog of War"),
            Some("Ashur-ban-them-all")
        ]
    );
    assert_eq!(app.outline.selected, Row::Comment(6));
}

#[test]
fn growing_the_screen_fills_it_from_above() {
    let mut app = belarus();
    app.update(Action::Last);
    app.outline.scroll_to_selection(&app.thread, 5);
    let small_top = app.outline.top;
    app.outline.scroll_to_selection(&app.thread, 40);
    let rows = app.outline.visible_rows(&app.thread, 40);
    assert_eq!(rows.len(), 40);
    assert!(app.outline.top < small_top);
    assert_eq!(rows.last(), Some(&app.outline.selected));
    // Going back to the top puts the article on the first row.
    app.update(Action::First);
    app.outline.scroll_to_selection(&app.thread, 40);
    assert_eq!(app.outline.top, Row::Article);
}

#[test]
fn author_option_opens_with_the_search_active() {
    let app = belarus().with_author_search("occupy");
    assert_eq!(app.search.query(), "occupy");
    assert_eq!(app.search.match_count(), 30);
    assert_eq!(selected_author(&app), Some("occupybacon"));
    assert!(app.notice.is_none());
    let app = belarus().with_author_search("nobody");
    assert_eq!(app.outline.selected, Row::Article);
    assert_eq!(app.notice.as_deref(), Some("No commenter matches “nobody”"));
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
            app.outline.unfold_to_level(&app.thread, level);
        }
        let expected: Vec<usize> = (0..app.thread.len())
            .filter(|&id| app.thread.depth(id) == level && app.thread.has_children(id))
            .collect();
        let folded: Vec<usize> = (0..app.thread.len())
            .filter(|&id| app.outline.is_folded(id))
            .collect();
        assert_eq!(folded, expected, "level {level}");
        assert_eq!(app.outline.folded_count(), expected.len());
    }
}
