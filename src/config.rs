//! The configuration file: the theme and the key tables per mode, read over the embedded
//! defaults (`src/keymap.toml`, `src/themes.toml`). A file is taken whole or not at all:
//! any mistake is an error naming its file, line and column, and nothing of it is used.

use crate::action::Action;
use crate::keymap::{DEFAULT_KEYS, Key, KeyMode, Keymap};
use crate::ui::theme::{Theme, ThemeFile};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use toml::Spanned;

/// The built-in themes, in the configuration file's `[themes.NAME]` form.
pub const DEFAULT_THEMES: &str = include_str!("themes.toml");

/// The top of the default configuration: what it is and the theme chosen.
const DEFAULT_HEADER: &str = "\
# thread-tui's configuration: $XDG_CONFIG_HOME/thread-tui/config.toml (else
# ~/.config/thread-tui/config.toml), or the file given with --config. This is the default
# one (thread-tui --print-config); a file of yours needs only what it changes: its tables
# are read over these.

# The theme: \"dark\", \"light\" or one of yours from [themes.NAME].
theme = \"dark\"

";

/// The whole default configuration, as `--print-config` writes it.
pub fn default_text() -> String {
    format!("{DEFAULT_HEADER}{DEFAULT_THEMES}\n{DEFAULT_KEYS}")
}

/// A mistake in a configuration file, where it is (line and column from 1, columns in
/// characters), or a file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub place: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// The error at byte `offset` of `text`.
    fn at(path: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        ConfigError {
            path: path.to_string(),
            place: Some((
                before.matches('\n').count() + 1,
                before[line_start..].chars().count() + 1,
            )),
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
    theme: Option<Spanned<String>>,
    themes: Option<Ordered<Spanned<String>, ThemeFile>>,
    keys: Option<Ordered<Spanned<KeyMode>, KeyTable>>,
}

/// One `[keys.MODE]` table: key names (with their place, for messages) and bindings.
type KeyTable = Ordered<Spanned<String>, Bound>;

/// Keys and themes in force.
#[derive(Clone, Debug)]
pub struct Config {
    pub keymap: Arc<Keymap>,
    theme: String,
    themes: Vec<(String, Theme)>,
}

static DEFAULTS: LazyLock<Config> = LazyLock::new(|| {
    let empty = Config {
        keymap: Arc::new(Keymap::default()),
        theme: String::new(),
        themes: Vec::new(),
    };
    // The embedded file is part of the program, and tests read it: it cannot be broken.
    empty
        .with_file(&default_text(), "(built-in configuration)")
        .expect("the built-in configuration is valid")
});

/// The built-in configuration.
pub fn defaults() -> &'static Config {
    &DEFAULTS
}

/// Where the configuration file is looked for: `$XDG_CONFIG_HOME/thread-tui/config.toml`,
/// else `~/.config/thread-tui/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    base_dir("XDG_CONFIG_HOME", ".config").map(|dir| dir.join("thread-tui").join("config.toml"))
}

/// `$VAR` when it is an absolute path (the XDG rule), else `$HOME/fallback`.
pub fn base_dir(var: &str, fallback: &str) -> Option<PathBuf> {
    let from_var = std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute());
    from_var.or_else(|| {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|home| home.is_absolute())
            .map(|home| home.join(fallback))
    })
}

/// The configuration in force: `explicit` (`--config`, which must exist), else the file
/// at `default_path` when there is one, over the defaults.
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => match default_path() {
            Some(path) if path.exists() => path,
            _ => return Ok(defaults().clone()),
        },
    };
    let name = path.display().to_string();
    let unreadable = |message: String| ConfigError {
        path: name.clone(),
        place: None,
        message,
    };
    // A directory or a FIFO given as the file: said, not read (a FIFO would block).
    if path.exists() && !path.is_file() {
        return Err(unreadable("not a regular file".into()));
    }
    let text = std::fs::read_to_string(&path)
        .map_err(|err| unreadable(crate::thread::load::describe_io_error(&err)))?;
    defaults().with_file(&text, &name)
}

impl Config {
    /// The theme of that name.
    pub fn theme(&self, name: &str) -> Option<Theme> {
        self.themes
            .iter()
            .find(|(known, _)| known == name)
            .map(|&(_, theme)| theme)
    }

    /// The theme the file chose.
    pub fn chosen_theme(&self) -> Theme {
        self.theme(&self.theme).unwrap_or_default()
    }

    pub fn theme_name(&self) -> &str {
        &self.theme
    }

    /// This configuration with a file's settings over it; nothing of the file on an error.
    pub fn with_file(&self, text: &str, path: &str) -> Result<Config, ConfigError> {
        let file: File =
            toml::from_str(text).map_err(|err| ConfigError::from_toml(path, text, &err))?;
        let mut config = self.clone();
        let error = |span: std::ops::Range<usize>, message: String| {
            ConfigError::at(path, text, span.start, message)
        };
        for (name, table) in file.themes.map_or_else(Vec::new, |themes| themes.0) {
            let base_name = match &table.base {
                Some(base) => base,
                None => &name,
            };
            let base = match config.theme(base_name.get_ref()) {
                Some(theme) => theme,
                None if table.base.is_some() => {
                    return Err(error(
                        base_name.span(),
                        config.unknown_theme(base_name.get_ref()),
                    ));
                }
                // A new theme starts from the dark one (the first, in the defaults).
                None => config.theme("dark").unwrap_or(Theme::MONO),
            };
            let theme = table
                .apply(base)
                .map_err(|(span, message)| error(span, message))?;
            match config
                .themes
                .iter_mut()
                .find(|(known, _)| known == name.get_ref())
            {
                Some(entry) => entry.1 = theme,
                None => config.themes.push((name.into_inner(), theme)),
            }
        }
        if let Some(theme) = file.theme {
            if config.theme(theme.get_ref()).is_none() {
                return Err(error(theme.span(), config.unknown_theme(theme.get_ref())));
            }
            config.theme = theme.into_inner();
        }
        if let Some(keys) = file.keys {
            let mut keymap = Keymap::clone(&config.keymap);
            apply_key_tables(&mut keymap, keys, text, path)?;
            config.keymap = Arc::new(keymap);
        }
        Ok(config)
    }

    fn unknown_theme(&self, name: &str) -> String {
        let known: Vec<String> = self
            .themes
            .iter()
            .map(|(name, _)| format!("`{name}`"))
            .collect();
        format!(
            "unknown theme `{name}`, expected one of {}",
            known.join(", ")
        )
    }
}

/// Reads the `[keys.MODE]` tables of a configuration file into `keymap`, over what it
/// holds (tests use it to remap keys). On an error `keymap` may be half changed.
pub fn apply_keys(keymap: &mut Keymap, text: &str, path: &str) -> Result<(), ConfigError> {
    let file: File =
        toml::from_str(text).map_err(|err| ConfigError::from_toml(path, text, &err))?;
    match file.keys {
        Some(keys) => apply_key_tables(keymap, keys, text, path),
        None => Ok(()),
    }
}

fn apply_key_tables(
    keymap: &mut Keymap,
    keys: Ordered<Spanned<KeyMode>, KeyTable>,
    text: &str,
    path: &str,
) -> Result<(), ConfigError> {
    for (mode, table) in keys.0 {
        let mode = *mode.get_ref();
        let mut seen: Vec<(Key, &Spanned<String>)> = Vec::new();
        for (name, Bound(action)) in &table.0 {
            let key = Key::parse(name.get_ref())
                .map_err(|message| ConfigError::at(path, text, name.span().start, message))?;
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                let line = ConfigError::at(path, text, first.span().start, "")
                    .place
                    .map_or(0, |(line, _)| line);
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
        // The message names every action; new ones join the list.
        let unknown = error("[keys.outline]\nj = \"down\"\nx = \"dwn\"\n");
        assert!(
            unknown.starts_with(
                "c.toml:3:5: unknown action `dwn`, expected one of `down`, `up`, `page_down`, "
            ),
            "{unknown}"
        );
        assert!(
            unknown.ends_with("`redraw`, `suspend`, `quit`"),
            "{unknown}"
        );
        assert_eq!(
            error("[keys.outline]\nj = { unfold_to_level = 300 }\n"),
            "c.toml:2:5: invalid value: integer `300`, expected u8: in `unfold_to_level`"
        );
        assert_eq!(
            error("[keys.outlin]\nj = \"down\"\n"),
            "c.toml:1:7: unknown name `outlin`, expected one of `outline`, `reader`, `prompt`, \
             `help`, `list`, `panel`, `global`"
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
