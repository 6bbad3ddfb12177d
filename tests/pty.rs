//! The real binary in a pseudo-terminal: the terminal is restored on every way out (q,
//! Ctrl-C, SIGINT, SIGTERM, SIGHUP, a panic while drawing, the terminal going away),
//! Ctrl-Z suspends to the shell and `fg` redraws, resize storms do not break it, and with
//! stdin or stdout not a terminal it refuses without writing an escape code.
//!
//! Each run goes through `sh -c` (or an interactive bash for job control) that prints
//! `stty -a` before and after, so "restored" means the tty modes are byte-for-byte the same
//! as before, on top of the escape sequences that leave the alternate screen, show the
//! cursor and turn mouse capture off.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::FromRawFd;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, SlavePty, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_thread-tui");
const SAMPLE: &str = "data/losing-battle-for-belarus.txt";
/// Long enough for a debug build on a loaded 2-core machine; reached only when broken.
const TIMEOUT: Duration = Duration::from_secs(60);

const ENTER_ALT: &str = "\x1b[?1049h";
const LEAVE_ALT: &str = "\x1b[?1049l";
const SHOW_CURSOR: &str = "\x1b[?25h";
const MOUSE_ON: &str = "\x1b[?1000h";
const MOUSE_OFF: &str = "\x1b[?1000l";
const PASTE_ON: &str = "\x1b[?2004h";
const PASTE_OFF: &str = "\x1b[?2004l";

/// A program running in a new pseudo-terminal, with everything it wrote collected.
struct Pty {
    /// The pty's handles; all `None` once `hang_up` closed them.
    master: Option<Box<dyn MasterPty + Send>>,
    // Kept open so the pty outlives the program and reads never hit a hung-up terminal.
    slave: Option<Box<dyn SlavePty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Vec<u8>>>,
    stop_reading: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    /// How far `wait_for` has consumed the output.
    seen: usize,
    /// The configuration and state directories of this run, unless the test gives its own:
    /// no test reads the user's configuration or remembers places in their home.
    _home: tempfile::TempDir,
}

/// Copies everything the master end receives into `sink` until `stop` is set. Polls with a
/// short timeout instead of blocking in read(2), so it can let go of its handle on request.
fn read_master(
    master: &dyn MasterPty,
    sink: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
) -> JoinHandle<()> {
    let fd = master.as_raw_fd().expect("a unix pty");
    // SAFETY: dup(2) returns a new descriptor (checked below) that the File then owns alone.
    let dup = unsafe { libc::dup(fd) };
    assert!(dup >= 0, "dup of the pty master");
    let mut file = unsafe { File::from_raw_fd(dup) };
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while !stop.load(Ordering::Relaxed) {
            let mut poll = libc::pollfd {
                fd: dup,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd, owned by this frame.
            let ready = unsafe { libc::poll(&mut poll, 1, 20) };
            if ready <= 0 || poll.revents & libc::POLLIN == 0 {
                if poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                    std::thread::sleep(Duration::from_millis(20));
                }
                continue;
            }
            match file.read(&mut buf) {
                Ok(0) | Err(_) => std::thread::sleep(Duration::from_millis(20)),
                Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
            }
        }
    })
}

impl Pty {
    fn spawn(argv: &[&str], env: &[(&str, &str)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                ..PtySize::default()
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(argv[0]);
        cmd.args(&argv[1..]);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("LC_ALL", "C.UTF-8");
        let home = tempfile::tempdir().unwrap();
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env("XDG_STATE_HOME", home.path().join("state"));
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("the program starts");
        let output = Arc::new(Mutex::new(Vec::new()));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let reader = read_master(
            &*pair.master,
            Arc::clone(&output),
            Arc::clone(&stop_reading),
        );
        let writer = pair.master.take_writer().unwrap();
        Pty {
            master: Some(pair.master),
            slave: Some(pair.slave),
            writer: Some(writer),
            child,
            output,
            stop_reading,
            reader: Some(reader),
            seen: 0,
            _home: home,
        }
    }

    /// Closes every handle on the pty, as when a terminal window is closed: the kernel hangs
    /// the terminal up for the programs in it.
    fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        self.writer = None;
        self.slave = None;
        self.master = None;
    }

    fn resize(&self, rows: u16, cols: u16) {
        let size = PtySize {
            rows,
            cols,
            ..PtySize::default()
        };
        self.master.as_ref().unwrap().resize(size).unwrap();
    }

    /// Waits until the program writes something more (a frame) after the output reached `len`.
    fn wait_growth(&self, len: usize, what: &str) {
        let started = Instant::now();
        while self.output.lock().unwrap().len() <= len {
            assert!(
                started.elapsed() < TIMEOUT,
                "nothing drawn after {what}; output:\n{}",
                visible(&self.text())
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn len(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// `sh -c SCRIPT thread-tui`: the script names the binary as "$0".
    fn sh(script: &str) -> Pty {
        Pty::spawn(&["sh", "-c", script, BIN], &[])
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// Waits until `needle` appears after what was already consumed; returns the output
    /// from there up to and including it.
    fn wait_for(&mut self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            {
                let out = self.output.lock().unwrap();
                if let Some(at) = find(&out[self.seen..], needle.as_bytes()) {
                    let end = self.seen + at + needle.len();
                    let part = String::from_utf8_lossy(&out[self.seen..end]).into_owned();
                    self.seen = end;
                    return part;
                }
            }
            if started.elapsed() > TIMEOUT {
                panic!(
                    "no {needle:?} within {TIMEOUT:?}; output so far:\n{}",
                    visible(&self.text())
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the program has written nothing for a moment (it caught up with input).
    fn wait_quiet(&self) {
        let started = Instant::now();
        let mut last = usize::MAX;
        loop {
            let len = self.output.lock().unwrap().len();
            if len == last {
                return;
            }
            last = len;
            assert!(started.elapsed() < TIMEOUT, "the program never went quiet");
            std::thread::sleep(Duration::from_millis(300));
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().unwrap();
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
    }

    /// The pid of the thread-tui started by the shell (a child of the pty's first process).
    fn app_pid(&self) -> u32 {
        let shell = self.child.process_id().expect("the shell's pid");
        let started = Instant::now();
        loop {
            if let Some(pid) = child_named(shell, "thread-tui") {
                return pid;
            }
            assert!(started.elapsed() < TIMEOUT, "thread-tui never started");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits for the first process to end.
    fn wait_exit(&mut self) {
        let started = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            if started.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!(
                    "the program did not end; output:\n{}",
                    visible(&self.text())
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // Never leave a process behind, even when an assertion failed.
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop_reading.store(true, Ordering::Relaxed);
    }
}

impl Pty {
    /// The screen as the terminal shows it now (see `replay`).
    fn screen(&self) -> Vec<String> {
        replay(&self.text(), 30, 100)
    }

    /// Waits until the screen satisfies `test`; returns it.
    fn wait_screen(&self, what: &str, test: impl Fn(&[String]) -> bool) -> Vec<String> {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if test(&screen) {
                return screen;
            }
            assert!(
                started.elapsed() < TIMEOUT,
                "the screen never showed {what}:\n{}",
                screen.join("\n")
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the status line (the last row) contains `needle`; returns the line.
    fn wait_status(&self, needle: &str) -> String {
        let screen = self.wait_screen(needle, |rows| {
            rows.last().is_some_and(|status| status.contains(needle))
        });
        screen.last().cloned().unwrap_or_default()
    }
}

/// Replays what the program wrote since it last entered the alternate screen on a grid of
/// `rows` x `cols`: text, cursor moves and clears (what ratatui's backend writes); other
/// sequences are skipped. Every character takes one cell: enough for the sample's text.
fn replay(output: &str, rows: usize, cols: usize) -> Vec<String> {
    let output = output.rfind(ENTER_ALT).map_or(output, |at| &output[at..]);
    let mut grid = vec![vec![' '; cols]; rows];
    let (mut row, mut col) = (0usize, 0usize);
    let mut chars = output.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => match chars.next() {
                Some('[') => {
                    let mut params = String::new();
                    let mut last = ' ';
                    for p in chars.by_ref() {
                        if ('\x40'..='\x7e').contains(&p) {
                            last = p;
                            break;
                        }
                        params.push(p);
                    }
                    match last {
                        'H' | 'f' => {
                            let mut numbers = params.split(';').map(|n| n.parse().unwrap_or(1));
                            row = numbers.next().unwrap_or(1).max(1) - 1;
                            col = numbers.next().unwrap_or(1).max(1) - 1;
                        }
                        'J' if params == "2" => grid = vec![vec![' '; cols]; rows],
                        _ => {}
                    }
                }
                Some(']') => {
                    // An OSC string ends with BEL or ESC \.
                    while let Some(p) = chars.next() {
                        if p == '\x07' || (p == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            },
            '\r' => col = 0,
            '\n' => row += 1,
            c if c.is_control() => {}
            c => {
                if let Some(cell) = grid.get_mut(row).and_then(|r| r.get_mut(col)) {
                    *cell = c;
                }
                col += 1;
            }
        }
    }
    grid.into_iter().map(String::from_iter).collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Output with escapes spelled out, for failure messages.
fn visible(s: &str) -> String {
    s.replace('\x1b', "␛").replace('\r', "")
}

/// A direct child of `parent` whose command name is `name`, from /proc.
fn child_named(parent: u32, name: &str) -> Option<u32> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // "pid (comm) state ppid ...": comm may hold spaces, so split at the last ')'.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let comm = &stat[open + 1..close];
        let ppid = stat[close + 1..].split_whitespace().nth(1);
        if comm == name && ppid == Some(parent.to_string().as_str()) {
            return Some(pid);
        }
    }
    None
}

/// The `stty -a` report in a piece of output (from "speed" on), trimmed.
fn stty_block(s: &str) -> &str {
    let at = s
        .find("speed ")
        .unwrap_or_else(|| panic!("no stty report in {}", visible(s)));
    s[at..].trim()
}

fn is_running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        !stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

fn kill(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .args(["-s", signal, &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -s {signal} {pid}");
}

/// Checks that `session` (the reader's output, from any point after it took the terminal)
/// ends with the terminal handed back: after the last time the alternate screen or mouse
/// capture was turned on, they are turned off and the cursor is shown.
fn assert_restored(session: &str) {
    let last_on = [ENTER_ALT, MOUSE_ON, PASTE_ON]
        .iter()
        .filter_map(|seq| session.rfind(seq))
        .max()
        .unwrap_or(0);
    let tail = &session[last_on..];
    for seq in [
        LEAVE_ALT,
        SHOW_CURSOR,
        MOUSE_OFF,
        PASTE_OFF,
        "\x1b[?1002l",
        "\x1b[?1003l",
        "\x1b[?1006l",
    ] {
        assert!(
            tail.contains(seq),
            "{:?} missing at the end:\n{}",
            seq,
            visible(tail)
        );
    }
}

/// The script around one run: the tty modes before and after, and the exit status.
fn wrapped(command: &str) -> String {
    format!("stty -a; echo BEFORE-END; {command}; echo \"EXIT=$?\"; stty -a; echo AFTER-END")
}

/// Starts the sample in the reader, waits for its first frame; returns (pty, stty before).
fn start_reader() -> (Pty, String) {
    start_with(&format!("\"$0\" {SAMPLE}"), &[])
}

/// Starts `command` (the binary is "$0") with `env`; waits for the first frame.
fn start_with(command: &str, env: &[(&str, &str)]) -> (Pty, String) {
    let mut pty = Pty::spawn(&["sh", "-c", &wrapped(command), BIN], env);
    let before = pty.wait_for("BEFORE-END").replace("BEFORE-END", "");
    pty.wait_for(" Outline ");
    (pty, stty_block(&before).to_string())
}

/// Waits for the wrapper to finish; checks the exit status, the tty modes and the sequences.
fn finish(mut pty: Pty, stty_before: &str, expected_exit: i32) -> String {
    let session = pty.wait_for("EXIT=");
    let after = pty.wait_for("AFTER-END");
    let code: String = after.chars().take_while(char::is_ascii_digit).collect();
    assert_eq!(
        code,
        expected_exit.to_string(),
        "exit status; output:\n{}",
        visible(&pty.text())
    );
    let stty_after = after.replace("AFTER-END", "");
    let stty_after = stty_block(&stty_after);
    assert_eq!(
        stty_after, stty_before,
        "the tty modes differ after the run"
    );
    assert!(
        stty_after.contains(" icanon") && stty_after.contains(" echo "),
        "{stty_after}"
    );
    assert_restored(&session);
    pty.wait_exit();
    session
}

#[test]
fn q_restores_the_terminal_and_exits_0() {
    let (mut pty, before) = start_reader();
    // Bracketed paste is on while the reader runs (and off again after: `finish`).
    assert!(pty.text().contains(PASTE_ON), "{}", visible(&pty.text()));
    pty.send(b"q");
    finish(pty, &before, 0);
}

#[test]
fn ctrl_c_as_a_key_quits_with_0() {
    let (mut pty, before) = start_reader();
    // In raw mode the tty sends Ctrl-C on as a byte instead of raising SIGINT.
    pty.send(b"\x03");
    finish(pty, &before, 0);
}

fn signal_restores(signal: &str, number: i32) {
    let (pty, before) = start_reader();
    let pid = pty.app_pid();
    kill(pid, signal);
    let session = finish(pty, &before, 128 + number);
    assert!(!session.contains("panicked"), "{}", visible(&session));
}

#[test]
fn sigint_restores_the_terminal_and_exits_130() {
    signal_restores("INT", 2);
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    signal_restores("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    signal_restores("HUP", 1);
}

#[test]
fn a_terminal_that_goes_away_ends_the_reader() {
    let (mut pty, _) = start_reader();
    let pid = pty.app_pid();
    // Every handle on the pty closed, as when the terminal window is: the reader sees a hung-up
    // terminal (reads return nothing) and gets SIGHUP. It must end, not spin.
    pty.hang_up();
    let started = Instant::now();
    while is_running(pid) {
        if started.elapsed() > TIMEOUT {
            kill(pid, "KILL");
            panic!("thread-tui {pid} still ran {TIMEOUT:?} after a hangup");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_resize_storm_and_tiny_sizes_do_not_break_the_reader() {
    let (mut pty, before) = start_reader();
    let sizes = [
        (1, 1),
        (0, 0),
        (3, 10),
        (30, 100),
        (5, 20),
        (11, 37),
        (0, 80),
        (24, 0),
        (50, 200),
        (2, 2),
    ];
    for round in 0..3 {
        for (n, &(rows, cols)) in sizes.iter().enumerate() {
            // Each size is seen: the reader redraws (at least a reset) for every SIGWINCH.
            let len = pty.len();
            pty.resize(rows, cols);
            pty.wait_growth(len, &format!("round {round}, resize to {rows}x{cols}"));
            if (round + n) % 4 == 0 {
                // Keys in between: movement, a kept search, help opened and closed.
                pty.send(b"j/occ\r?xG");
            }
        }
        // Then a burst it cannot keep up with.
        for &(rows, cols) in sizes.iter().cycle().take(50) {
            pty.resize(rows, cols);
        }
    }
    pty.resize(3, 10);
    pty.wait_quiet();
    // Back to full size from a size that showed the notice: a full redraw.
    pty.resize(30, 100);
    let storm = pty.wait_for(" Outline ");
    assert!(
        storm.contains("Terminal"),
        "the tiny sizes showed the notice"
    );
    pty.send(b"q");
    let session = finish(pty, &before, 0);
    assert!(!session.contains("panicked"), "{}", visible(&session));
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    let mut pty = Pty::spawn(
        &["bash", "--norc", "--noprofile", "-i"],
        &[("PS1", "$ "), ("HISTFILE", "/dev/null")],
    );
    // Markers are computed by the shell so the echoed command line never matches them.
    pty.send(b"stty -a; echo BEFORE-$((6*7))\r");
    let before = pty.wait_for("BEFORE-42").replace("BEFORE-42", "");
    let before = stty_block(&before).to_string();
    pty.send(format!("{BIN} {SAMPLE}\r").as_bytes());
    pty.wait_for(" Outline ");
    let pid = pty.app_pid();

    pty.send(b"\x1a");
    let suspended = pty.wait_for("Stopped");
    assert_restored(&suspended);
    let started = Instant::now();
    while !std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .unwrap()
        .contains(") T ")
    {
        assert!(started.elapsed() < TIMEOUT, "thread-tui is not stopped");
        std::thread::sleep(Duration::from_millis(10));
    }
    // At the shell the tty is cooked, as before.
    pty.send(b"stty -a; echo MID-$((6*7))\r");
    let mid = pty.wait_for("MID-42").replace("MID-42", "");
    assert_eq!(stty_block(&mid), before, "tty modes while suspended");

    pty.send(b"fg\r");
    // Back: the alternate screen again, cleared and fully redrawn.
    let back = pty.wait_for(" Outline ");
    assert!(back.contains(ENTER_ALT), "{}", visible(&back));
    assert!(
        back.contains("\x1b[2J"),
        "the screen is cleared before the redraw"
    );
    pty.wait_for("Is Lukashenko Losing");
    pty.send(b"j");
    pty.wait_for("Dick Von Dast");
    pty.send(b"q");
    let session = pty.wait_for(LEAVE_ALT);
    assert_restored(&session);
    // Typed only at bash's next prompt: until the reader has exited, it reads the terminal.
    pty.wait_for("$ ");
    pty.send(b"echo EXIT-$((100+$?)); stty -a; echo AFTER-$((6*7))\r");
    pty.wait_for("EXIT-100");
    let after = pty.wait_for("AFTER-42").replace("AFTER-42", "");
    assert_eq!(stty_block(&after), before, "tty modes after the run");
    pty.send(b"exit\r");
    pty.wait_exit();
}

#[test]
fn stdin_not_a_terminal_is_refused_without_escape_codes() {
    let mut pty = Pty::sh(&format!(
        "\"$0\" {SAMPLE} < /dev/null; echo \"EXIT=$?\"; \"$0\" {SAMPLE} | cat; echo \"PIPE=$?\"; echo END-END"
    ));
    let out = pty.wait_for("END-END");
    assert!(
        out.contains(
            "thread-tui: the reader needs a terminal, and stdin is not one; \
             to print the thread use --dump outline or --dump json"
        ),
        "{out}"
    );
    assert!(out.contains("EXIT=1"), "{out}");
    assert!(out.contains("and stdout is not one"), "{out}");
    assert!(
        !out.contains('\x1b'),
        "an escape code reached the terminal: {}",
        visible(&out)
    );
    pty.wait_exit();
}

/// Child side of `a_panic_while_drawing_restores_the_terminal_first`: does nothing unless
/// that test runs this binary with THREAD_TUI_PANIC_CHILD set.
#[test]
fn panic_child() {
    if std::env::var_os("THREAD_TUI_PANIC_CHILD").is_none() {
        return;
    }
    let loaded = thread_tui::thread::load_path(Path::new(SAMPLE), None).unwrap();
    let mut app = thread_tui::app::App::new(loaded.into_main_thread(), "sample".into());
    // A selection past the last comment: drawing it indexes out of bounds.
    app.doc.outline.selected = thread_tui::outline::Row::Comment(usize::MAX / 2);
    let _ = thread_tui::terminal::run(&mut app);
}

#[test]
fn a_panic_while_drawing_restores_the_terminal_first() {
    let this_test = std::env::current_exe().unwrap();
    let script = wrapped("\"$0\" --exact panic_child --nocapture --test-threads=1");
    let mut pty = Pty::spawn(
        &["sh", "-c", &script, &this_test.to_string_lossy()],
        &[("THREAD_TUI_PANIC_CHILD", "1"), ("RUST_BACKTRACE", "0")],
    );
    let before = pty.wait_for("BEFORE-END").replace("BEFORE-END", "");
    let before = stty_block(&before).to_string();
    let session = pty.wait_for("EXIT=");
    let panicked = session
        .find("panicked at")
        .unwrap_or_else(|| panic!("the child did not panic:\n{}", visible(&session)));
    // The terminal was handed back before the message was printed.
    assert_restored(&session[..panicked]);
    assert!(
        session[..panicked].contains(ENTER_ALT),
        "it had taken the terminal"
    );
    let after = pty.wait_for("AFTER-END");
    assert!(
        after.starts_with("101"),
        "libtest's status for a failed test: {}",
        visible(&after)
    );
    let after = after.replace("AFTER-END", "");
    assert_eq!(stty_block(&after), before, "tty modes after the panic");
    pty.wait_exit();
}

#[test]
fn no_color_marks_the_selection_with_reverse_video_and_uses_no_colour() {
    let (mut pty, before) = start_with(&format!("\"$0\" {SAMPLE}"), &[("NO_COLOR", "1")]);
    pty.send(b"j");
    pty.wait_status("#1/149");
    pty.wait_quiet();
    let frames = pty.text();
    let frames = &frames[frames.rfind(ENTER_ALT).unwrap()..];
    assert!(
        frames.contains("\x1b[7m"),
        "no reverse video: {}",
        visible(frames)
    );
    // SGR 30-49 set colours (38 and 48 the extended ones); 39 and 49 put the default back,
    // which crossterm writes once at the end of each frame.
    let mut rest = frames;
    while let Some(at) = rest.find("\x1b[") {
        let params: String = rest[at + 2..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ';')
            .collect();
        let sgr = rest[at + 2 + params.len()..].starts_with('m');
        for param in params.split(';').filter(|_| sgr) {
            let colour = matches!(param.parse::<u32>(), Ok(30..=38 | 40..=48));
            assert!(!colour, "a colour was set: {params}: {}", visible(frames));
        }
        rest = &rest[at + 2..];
    }
    pty.send(b"q");
    finish(pty, &before, 0);
}

#[test]
fn ctrl_l_repaints_the_whole_screen() {
    let (mut pty, before) = start_reader();
    pty.wait_status("? help");
    let len = pty.len();
    pty.send(b"\x0c");
    pty.wait_growth(len, "Ctrl-l");
    pty.wait_quiet();
    let repaint = pty.text()[len..].to_string();
    assert!(repaint.contains("\x1b[2J"), "{}", visible(&repaint));
    assert!(
        repaint.contains("Is Lukashenko Losing"),
        "every cell is drawn again"
    );
    pty.send(b"q");
    finish(pty, &before, 0);
}

#[test]
fn y_writes_the_comment_to_the_terminal_as_osc_52_and_nothing_of_its_escapes() {
    use base64::Engine;
    // A comment whose author and text hold escape sequences, a C1 control and a bidi override.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.json");
    std::fs::write(
        &path,
        r#"{"title":"T","date":null,"article":"A","comments":[{"author":"Eve \u001b]0;owned\u0007","body":"Paste \u001b[201~ then \u001b]52;c;AAAA\u0007 and \u009b2J \u202eevil","missing":false,"children":[]}]}"#,
    )
    .unwrap();
    let (mut pty, before) = start_with(&format!("\"$0\" {}", path.display()), &[]);
    pty.wait_status("? help");
    pty.send(b"jy");
    pty.wait_for("\x1b]52;c;");
    let payload = pty.wait_for("\x07");
    let payload = payload.strip_suffix('\x07').unwrap();
    assert!(
        payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
        "{}",
        visible(payload)
    );
    let copied = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .unwrap();
    assert_eq!(
        String::from_utf8(copied).unwrap(),
        "Eve ]0;owned\n\nPaste [201~ then ]52;c;AAAA and 2J evil\n"
    );
    pty.wait_status("Copied 54 B to the clipboard: the comment by Eve ^[]0;owned^G");
    // The one OSC 52 is thread-tui's: none of the comment's sequences reached the terminal.
    let written = pty.text();
    assert_eq!(written.matches("\x1b]52;").count(), 1);
    for escape in ["\x1b]0;owned", "\x1b[201~", "\u{9b}2J", "\u{202e}"] {
        assert!(!written.contains(escape), "{}", visible(escape));
    }
    pty.send(b"q");
    finish(pty, &before, 0);
}

#[test]
fn an_empty_author_option_opens_without_a_search() {
    let (pty, before) = start_with(&format!("\"$0\" --author '' {SAMPLE}"), &[]);
    let status = pty.wait_status("? help");
    assert!(status.contains("article · 149 comments"), "{status}");
    assert!(!status.contains("No commenter"), "{status}");
    assert!(!status.contains("│ /"), "no search: {status}");
    let mut pty = pty;
    pty.send(b"q");
    finish(pty, &before, 0);
}

#[test]
fn esc_then_a_key_typed_quickly_is_not_typed_into_the_prompt() {
    let (mut pty, before) = start_reader();
    pty.send(b"/occ");
    pty.wait_status("/occ 1/30");
    // One write, as a terminal sends Esc and `j` typed within a few milliseconds: crossterm
    // reads it as Alt+j. The prompt closes (giving back no search) and j moves down.
    pty.send(b"\x1bj");
    let status = pty.wait_status("#1/149");
    assert!(!status.contains("/occ"), "{status}");
    pty.send(b"q");
    finish(pty, &before, 0);
}

#[test]
fn a_bracketed_paste_is_one_edit_and_ctrl_c_is_answered_at_once() {
    let (mut pty, before) = start_reader();
    pty.send(b"/");
    pty.wait_status("Enter keep");
    // 100 KB in one paste: searched for once, cut to the longest query with a notice; the
    // prompt shows its end, where the cursor is.
    let mut paste = b"\x1b[200~".to_vec();
    paste.extend(std::iter::repeat_n(b'x', 100_000));
    paste.extend_from_slice(b"\x1b[201~");
    pty.send(&paste);
    let status = pty.wait_status("xxx no match");
    assert!(status.starts_with(" /…xxx"), "{status}");
    pty.send(b"\x03");
    finish(pty, &before, 0);
}

/// Writes `bytes` to the pty on another thread: a terminal that does not bracket pastes
/// sends them as keys, and the write blocks while the program reads slowly.
fn send_in_background(pty: &mut Pty, bytes: Vec<u8>) -> JoinHandle<Box<dyn Write + Send>> {
    let mut writer = pty.writer.take().expect("the pty's writer");
    std::thread::spawn(move || {
        let _ = writer.write_all(&bytes);
        let _ = writer.flush();
        writer
    })
}

#[test]
fn a_paste_as_keys_costs_one_search_per_burst() {
    let (mut pty, before) = start_reader();
    pty.send(b"/");
    pty.wait_status("Enter keep");
    let mut keys = vec![b'x'; 20_000];
    keys.extend_from_slice(b"\rg");
    let writer = send_in_background(&mut pty, keys);
    // Enter kept the search once every key was read, g went to the article.
    let status = pty.wait_status("article · 149 comments");
    assert!(status.contains("/xxx"), "{status}");
    let started = Instant::now();
    while !writer.is_finished() {
        assert!(started.elapsed() < TIMEOUT, "the keys were never all read");
        std::thread::sleep(Duration::from_millis(10));
    }
    pty.writer = Some(writer.join().unwrap());
    pty.send(b"q");
    finish(pty, &before, 0);
}

/// A numbered thread of `count` comments, each by a different commenter with a non-ASCII
/// name (the slow way through the name folding): the author index takes seconds to build.
fn distinct_names(count: usize) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".txt").tempfile().unwrap();
    let mut text = String::from("Many commenters\n\nThe article.\n");
    for n in 1..=count {
        text.push_str(&format!(
            "\n  {n}. Zoë Ñame{n:07} says:\n\n    Comment {n}.\n"
        ));
    }
    file.write_all(text.as_bytes()).unwrap();
    file
}

#[test]
fn the_author_index_is_built_off_the_ui_thread() {
    let file = distinct_names(100_000);
    let path = file.path().to_str().unwrap();
    let (mut pty, before) = start_with(&format!("\"$0\" '{path}'"), &[]);
    // Typed at once: the prompt answers, and says the search waits for the index.
    pty.send(b"/zo");
    pty.wait_status("/zo indexing…");
    // Once the index is there, the search works.
    pty.wait_status("/zo 1/100,000");
    pty.send(b"\r\x03");
    finish(pty, &before, 0);
}

#[test]
fn a_signal_is_answered_while_the_author_index_is_built() {
    let file = distinct_names(100_000);
    let path = file.path().to_str().unwrap();
    let (pty, before) = start_with(&format!("\"$0\" --author zoe '{path}'"), &[]);
    // `--author` waits for the index too, without holding the first frame back.
    pty.wait_status("/zoe indexing…");
    let pid = pty.app_pid();
    kill(pid, "TERM");
    finish(pty, &before, 143);
}

/// Runs the sample with the state in `state`, types `keys`, waits for `expected` in the
/// status line and quits; returns the status line.
fn run_and_quit(state: &Path, args: &str, keys: &[u8], expected: &str) -> String {
    let env = [("XDG_STATE_HOME", state.to_str().unwrap())];
    let (mut pty, before) = start_with(&format!("\"$0\" {args} {SAMPLE}"), &env);
    pty.send(keys);
    let status = pty.wait_status(expected);
    pty.wait_quiet();
    let status = pty.screen().last().cloned().unwrap_or(status);
    pty.send(b"q");
    finish(pty, &before, 0);
    status
}

#[test]
fn reopening_a_file_returns_to_where_it_was_left() {
    let state = tempfile::tempdir().unwrap();
    // Fold all, unfold the second thread, go into it, search for a commenter.
    let left = run_and_quit(state.path(), "", b"zjlj/occupy\r", "/occupy");
    assert!(left.contains("folded"), "{left}");
    let places = std::fs::read_to_string(state.path().join("thread-tui/places.toml")).unwrap();
    assert!(places.contains("losing-battle-for-belarus.txt"), "{places}");
    assert!(places.contains("query = \"occupy\""), "{places}");
    // The same selection, folds and search, without a key pressed.
    let reopened = run_and_quit(state.path(), "", b"", "/occupy");
    assert_eq!(reopened, left);
    // --fresh opens at the top and leaves the remembered place alone.
    let fresh = run_and_quit(state.path(), "--fresh", b"", "? help");
    assert!(fresh.contains("article · 149 comments"), "{fresh}");
    assert!(
        !fresh.contains("folded") && !fresh.contains("/occupy"),
        "{fresh}"
    );
    let again = run_and_quit(state.path(), "", b"", "/occupy");
    assert_eq!(again, left);
}

#[test]
fn a_damaged_state_file_is_a_notice_and_is_replaced() {
    let state = tempfile::tempdir().unwrap();
    let dir = state.path().join("thread-tui");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("places.toml"), "[[place]\npath = 3\n\u{0}garbage").unwrap();
    let status = run_and_quit(state.path(), "", b"", "remembered places unreadable");
    assert!(status.contains("article · 149 comments"), "{status}");
    // Quitting wrote a good file in its place: the next run opens without the notice.
    let places = std::fs::read_to_string(dir.join("places.toml")).unwrap();
    assert!(
        places.contains("[[place]]") && !places.contains("garbage"),
        "{places}"
    );
    let status = run_and_quit(state.path(), "", b"j", "#1/149");
    assert!(!status.contains("unreadable"), "{status}");
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["places.toml"]);
}

/// The peak resident memory of a running process (VmHWM), in bytes.
fn peak_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no VmHWM in {status}"));
    kb * 1024
}

#[test]
fn a_comment_that_is_one_huge_line_is_read_in_memory_bounded_by_the_file() {
    // One line of 16 MB: every row of it kept as a string of its own took 4.4 times its size.
    let mut body = String::new();
    let mut words = 0;
    while body.len() < 16 << 20 {
        body.push_str(&format!("w{words:08} "));
        words += 1;
    }
    let last = format!("w{:08}", words - 1);
    let mut file = tempfile::Builder::new().suffix(".json").tempfile().unwrap();
    write!(
        file,
        r#"{{"title":"One line","date":null,"article":"a","comments":[{{"author":"Ann","body":"{body}","missing":false,"children":[]}}]}}"#
    )
    .unwrap();
    let size = file.as_file().metadata().unwrap().len();
    let path = file.path().to_str().unwrap();
    let (mut pty, before) = start_with(&format!("\"$0\" '{path}'"), &[]);
    // The comment, then its last rows.
    pty.send(b"j");
    pty.wait_status("#1/1");
    pty.send(b"\tG");
    pty.wait_screen("the comment's last word", |rows| {
        rows.iter().any(|row| row.contains(&last))
    });
    // As the memory tests measure (tests/memory.rs): 1.5 times the file and a constant.
    let peak = peak_memory(pty.app_pid());
    let limit = size * 3 / 2 + (40 << 20);
    assert!(
        peak <= limit,
        "peak {} MB for a {} MB file (limit {} MB)",
        peak >> 20,
        size >> 20,
        limit >> 20
    );
    pty.send(b"q");
    finish(pty, &before, 0);
}
