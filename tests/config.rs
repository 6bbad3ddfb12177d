//! The configuration file as a user meets it: the defaults printed and read back, a partial
//! file over them, a broken one refused with its place and exit 2, the file found through
//! XDG_CONFIG_HOME; and the completions and man page the binary generates.

use std::path::Path;
use std::process::{Command, Output};
use thread_tui::config::{self, Config};

const BIN: &str = env!("CARGO_BIN_EXE_thread-tui");
const SAMPLE: &str = "data/losing-battle-for-belarus.txt";

/// Runs the binary with its configuration directory in `home` (never the user's).
fn run(home: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_printed_defaults_read_back_as_the_defaults() {
    let home = tempfile::tempdir().unwrap();
    let printed = run(home.path(), &["--print-config"]);
    assert!(printed.status.success());
    let text = String::from_utf8(printed.stdout).unwrap();
    assert_eq!(text, config::default_text());
    let read = config::defaults().with_file(&text, "config.toml").unwrap();
    assert_eq!(read.keymap.help(), config::defaults().keymap.help());
    assert_eq!(read.theme_name(), "dark");
    assert_eq!(read.chosen_theme(), config::defaults().chosen_theme());
}

#[test]
fn a_partial_file_changes_only_what_it_says() {
    let read: Config = config::defaults()
        .with_file(
            "theme = \"light\"\n[keys.global]\nx = \"quit\"\n[themes.light]\ndim = { fg = 240 }\n",
            "mine.toml",
        )
        .unwrap();
    assert_eq!(read.theme_name(), "light");
    let light = config::defaults().theme("light").unwrap();
    assert_ne!(read.chosen_theme(), light, "dim changed");
    assert_eq!(read.chosen_theme().border(true), light.border(true));
    let quit = read.keymap.keys_for(
        &[thread_tui::keymap::KeyMode::Global],
        thread_tui::action::Action::Quit,
    );
    let names: Vec<String> = quit.iter().map(ToString::to_string).collect();
    assert_eq!(names, ["x", "q", "Ctrl-c"]);
    // A theme of one's own starts from its base.
    let mine = config::defaults()
        .with_file(
            "theme = \"mine\"\n[themes.mine]\nbase = \"light\"\n",
            "mine.toml",
        )
        .unwrap();
    assert_eq!(mine.chosen_theme(), light);
}

#[test]
fn a_broken_file_is_refused_with_its_place_and_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("broken.toml");
    std::fs::write(
        &file,
        "theme = \"light\"\n\n[keys.outline]\nctrl-x = \"fold_al\"\n",
    )
    .unwrap();
    let output = run(home.path(), &["--config", file.to_str().unwrap(), SAMPLE]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let message = stderr(&output);
    let expected = format!(
        "thread-tui: {}:4:10: unknown action `fold_al`, expected one of `down`",
        file.display()
    );
    assert!(message.starts_with(&expected), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");

    for (text, place_and_message) in [
        (
            "theme = \"sepia\"\n",
            "1:9: unknown theme `sepia`, expected one of `dark`, `light`",
        ),
        (
            "[keys.outline]\n\"alt-x\" = \"quit\"\n",
            "2:1: \"alt-x\": Alt keys cannot be bound (terminals send them as Esc and the key)",
        ),
        (
            "[themes.dark]\nauthors = [1]\n",
            "2:11: a theme has 2 to 32 author colours, not 1",
        ),
        (
            "[themes.dark]\ndim = { fg = \"mauve\" }\n",
            "2:14: invalid value: string \"mauve\", expected a colour: a name (red, darkgray, lightyellow), \"#rrggbb\" or 0 to 255",
        ),
        (
            "[themes.mine]\nbase = \"sepia\"\n",
            "2:8: unknown theme `sepia`, expected one of `dark`, `light`",
        ),
        (
            "colour = 3\n",
            "1:1: unknown field `colour`, expected one of `theme`, `themes`, `keys`",
        ),
    ] {
        std::fs::write(&file, text).unwrap();
        let output = run(home.path(), &["--config", file.to_str().unwrap(), SAMPLE]);
        assert_eq!(output.status.code(), Some(2), "{text}");
        assert_eq!(
            stderr(&output),
            format!("thread-tui: {}:{place_and_message}\n", file.display())
        );
    }

    let missing = home.path().join("missing.toml");
    let output = run(
        home.path(),
        &["--config", missing.to_str().unwrap(), SAMPLE],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!("thread-tui: {}: no such file\n", missing.display())
    );
}

#[test]
fn the_file_in_xdg_config_home_is_read() {
    let home = tempfile::tempdir().unwrap();
    // No file: the defaults, and a dump works.
    assert!(
        run(home.path(), &["--dump", "outline", SAMPLE])
            .status
            .success()
    );
    let dir = home.path().join("thread-tui");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "[keys.prompt]\nenter = \"acept\"\n",
    )
    .unwrap();
    let output = run(home.path(), &["--dump", "outline", SAMPLE]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("thread-tui/config.toml:2:9: unknown action `acept`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn completions_and_the_man_page_come_from_the_command_line_definition() {
    let home = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef thread-tui"),
        ("fish", "complete -c thread-tui"),
    ] {
        let output = run(home.path(), &["--completions", shell]);
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {script}");
        for option in ["print-config", "fresh", "author", "dump"] {
            assert!(script.contains(option), "{shell} lacks --{option}");
        }
    }
    let output = run(home.path(), &["--man"]);
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(
        page.starts_with(".ie") && page.contains(".TH thread-tui 1"),
        "{page}"
    );
    for option in ["\\-\\-config", "\\-\\-print\\-config", "\\-\\-fresh"] {
        assert!(page.contains(option), "{option} missing: {page}");
    }
    let unknown = run(home.path(), &["--completions", "tcsh"]);
    assert_eq!(unknown.status.code(), Some(2));
}
