//! Editing a line typed in a prompt (a search, a file name): inserting at the cursor, and
//! the cursor moves and deletions the prompt's key table names. The cursor is a byte offset.

use crate::action::Action;

/// Inserts `text` at `cursor`, keeping the line to `max_chars` characters; moves the cursor
/// past what went in. Returns whether all of `text` fit.
pub fn insert(line: &mut String, cursor: &mut usize, text: &str, max_chars: usize) -> bool {
    let room = max_chars.saturating_sub(line.chars().count());
    let taken: String = text.chars().take(room).collect();
    let at = line.floor_char_boundary((*cursor).min(line.len()));
    line.insert_str(at, &taken);
    *cursor = at + taken.len();
    taken.len() == text.len()
}

/// Carries out an editing action (`Action::edits_text`) on `line`; returns whether the
/// text changed (a move changes only the cursor). Other actions do nothing.
pub fn apply(line: &mut String, cursor: &mut usize, action: Action) -> bool {
    let at = line.floor_char_boundary((*cursor).min(line.len()));
    let before = line[..at].chars().next_back().map_or(0, char::len_utf8);
    let after = line[at..].chars().next().map_or(0, char::len_utf8);
    let removal = match action {
        Action::DeleteToStart => 0..at,
        Action::DeleteToEnd => at..line.len(),
        Action::DeleteWordBefore => {
            let start = line[..at]
                .trim_end()
                .rfind(' ')
                .map_or(0, |space| space + 1);
            start..at
        }
        Action::DeleteBefore => at - before..at,
        Action::DeleteAfter => at..at + after,
        Action::CursorStart => {
            *cursor = 0;
            return false;
        }
        Action::CursorEnd => {
            *cursor = line.len();
            return false;
        }
        Action::CursorLeft => {
            *cursor = at - before;
            return false;
        }
        Action::CursorRight => {
            *cursor = at + after;
            return false;
        }
        _ => return false,
    };
    *cursor = removal.start;
    if removal.is_empty() {
        return false;
    }
    line.replace_range(removal, "");
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(line: &str, cursor: usize, action: Action) -> (String, usize, bool) {
        let mut line = line.to_string();
        let mut cursor = cursor;
        let changed = apply(&mut line, &mut cursor, action);
        (line, cursor, changed)
    }

    #[test]
    fn deletions_and_moves_work_on_characters() {
        let line = "zoë and ünal";
        let end = line.len();
        assert_eq!(
            edited(line, end, Action::DeleteWordBefore),
            ("zoë and ".into(), 9, true)
        );
        assert_eq!(
            edited(line, 4, Action::DeleteBefore),
            ("zo and ünal".into(), 2, true)
        );
        assert_eq!(
            edited(line, 2, Action::DeleteAfter),
            ("zo and ünal".into(), 2, true)
        );
        assert_eq!(edited(line, 4, Action::CursorLeft), (line.into(), 2, false));
        assert_eq!(
            edited(line, 2, Action::CursorRight),
            (line.into(), 4, false)
        );
        assert_eq!(
            edited(line, 4, Action::DeleteToStart),
            (" and ünal".into(), 0, true)
        );
        assert_eq!(
            edited(line, 4, Action::DeleteToEnd),
            ("zoë".into(), 4, true)
        );
        assert_eq!(
            edited(line, 0, Action::DeleteBefore),
            (line.into(), 0, false)
        );
        assert_eq!(edited(line, 0, Action::Accept), (line.into(), 0, false));
    }

    #[test]
    fn insertion_stops_at_the_limit() {
        let mut line = "ab".to_string();
        let mut cursor = 1;
        assert!(insert(&mut line, &mut cursor, "é", 4));
        assert_eq!((line.as_str(), cursor), ("aéb", 3));
        assert!(!insert(&mut line, &mut cursor, "xyz", 4));
        assert_eq!((line.as_str(), cursor), ("aéxb", 4));
    }
}
