//! The configuration file: key tables per mode, read over the embedded defaults. A file is
//! taken whole or not at all: any mistake is an error naming its file, line and column.

use crate::action::Action;
use crate::keymap::{Key, KeyMode, Keymap};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;
use toml::Spanned;

/// A mistake in a configuration file, where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ConfigError {
    /// The error at byte `offset` of `text`; lines and columns count from 1, columns in
    /// characters.
    fn at(path: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        ConfigError {
            path: path.to_string(),
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            message: message.into(),
        }
    }

    fn from_toml(path: &str, text: &str, err: &toml::de::Error) -> Self {
        // toml's messages can run over lines ("invalid key\nexpected ..."): one line here.
        let message = err
            .message()
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(": ")
            // serde's word for an unknown mode (`[keys.outlin]`).
            .replace("unknown variant", "unknown name");
        ConfigError::at(path, text, err.span().map_or(0, |span| span.start), message)
    }
}

/// A table's entries in the order written (the help lists keys in that order).
struct Ordered<K, V>(Vec<(K, V)>);

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Ordered<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Entries<K, V> {
            type Value = Ordered<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

/// What a key is bound to: an action, or `"none"` to unbind a default key.
struct Bound(Option<Action>);

impl<'de> Deserialize<'de> for Bound {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BoundVisitor;
        impl<'de> Visitor<'de> for BoundVisitor {
            type Value = Bound;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "an action name (\"fold_all\"), an action with its value \
                     ({ unfold_to_level = 3 }) or \"none\"",
                )
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Bound, E> {
                if name == "none" {
                    return Ok(Bound(None));
                }
                Action::deserialize(de::value::StrDeserializer::<E>::new(name))
                    .map(|a| Bound(Some(a)))
                    .map_err(|err| E::custom(err.to_string().replace("variant", "action")))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Bound, A::Error> {
                Action::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|a| Bound(Some(a)))
                    .map_err(|err| de::Error::custom(err.to_string().replace("variant", "action")))
            }
        }
        deserializer.deserialize_any(BoundVisitor)
    }
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    keys: Option<Ordered<Spanned<KeyMode>, KeyTable>>,
}

/// One `[keys.MODE]` table: key names (with their place, for messages) and bindings.
type KeyTable = Ordered<Spanned<String>, Bound>;

/// Reads the `[keys.MODE]` tables of a configuration file into `keymap`, over what it
/// holds. On an error `keymap` may be half changed: callers apply to a copy.
pub fn apply_keys(keymap: &mut Keymap, text: &str, path: &str) -> Result<(), ConfigError> {
    let file: File =
        toml::from_str(text).map_err(|err| ConfigError::from_toml(path, text, &err))?;
    for (mode, table) in file.keys.map_or_else(Vec::new, |keys| keys.0) {
        let mode = *mode.get_ref();
        let mut seen: Vec<(Key, &Spanned<String>)> = Vec::new();
        for (name, Bound(action)) in &table.0 {
            let key = Key::parse(name.get_ref())
                .map_err(|message| ConfigError::at(path, text, name.span().start, message))?;
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                let line = ConfigError::at(path, text, first.span().start, "").line;
                let message = format!(
                    "\"{}\" is the key \"{}\" of line {line} again, in [keys.{}]",
                    name.get_ref(),
                    first.get_ref(),
                    mode.name()
                );
                return Err(ConfigError::at(path, text, name.span().start, message));
            }
            keymap.bind(mode, seen.len(), key, *action);
            seen.push((key, name));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        let mut keymap = Keymap::default();
        apply_keys(&mut keymap, text, "c.toml")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn mistakes_are_told_with_their_place() {
        assert_eq!(
            error("[keys.outline]\nj = \"down\"\nx = \"dwn\"\n"),
            "c.toml:3:5: unknown action `dwn`, expected one of `down`, `up`, `page_down`, \
             `page_up`, `half_page_down`, `half_page_up`, `first`, `last`, `fold_or_parent`, \
             `unfold_or_child`, `toggle_fold`, `toggle_fold_or_read`, `parent`, `next_sibling`, \
             `prev_sibling`, `next_thread`, `prev_thread`, `fold_all`, `unfold_all`, \
             `unfold_to_level`, `fold_subtree`, `unfold_subtree`, `start_search`, `next_match`, \
             `prev_match`, `toggle_filter`, `clear_search`, `complete`, `cursor_left`, \
             `cursor_right`, `cursor_start`, `cursor_end`, `delete_before`, `delete_after`, \
             `delete_to_start`, `delete_to_end`, `delete_word_before`, `accept`, `cancel`, \
             `switch_focus`, `help`, `close_help`, `redraw`, `suspend`, `quit`"
        );
        assert_eq!(
            error("[keys.outline]\nj = { unfold_to_level = 300 }\n"),
            "c.toml:2:5: invalid value: integer `300`, expected u8: in `unfold_to_level`"
        );
        assert_eq!(
            error("[keys.outlin]\nj = \"down\"\n"),
            "c.toml:1:7: unknown name `outlin`, expected one of `outline`, `reader`, `prompt`, \
             `help`, `global`"
        );
        assert_eq!(
            error("[keys.reader]\n\n  ctrl-jj = \"down\"\n"),
            "c.toml:3:3: unknown key \"ctrl-jj\": a key is a character (j, G, ?), a name \
             (enter, esc, tab, backtab, space, backspace, delete, insert, home, end, pgup, pgdn, \
             up, down, left, right, f1 to f12), or ctrl- before either (ctrl-d)"
        );
        assert_eq!(
            error("[keys.outline]\npgdn = \"down\"\nPageDown = \"up\"\n"),
            "c.toml:3:1: \"PageDown\" is the key \"pgdn\" of line 2 again, in [keys.outline]"
        );
        assert_eq!(
            error("[keys.outline\nj = \"down\"\n"),
            "c.toml:1:14: unclosed table, expected `]`"
        );
        assert_eq!(
            error("[keys.help]\nq = 3\n"),
            "c.toml:2:5: invalid type: integer `3`, expected an action name (\"fold_all\"), \
             an action with its value ({ unfold_to_level = 3 }) or \"none\""
        );
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(
            error("# Zoë's keys\n[keys.outline]\n\"ö\" = \"down\" ; \n"),
            "c.toml:3:14: unexpected key or value, expected newline, `#`"
        );
    }
}
