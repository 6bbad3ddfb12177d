//! The terminal session around the app: raw mode, alternate screen, mouse capture and
//! bracketed paste, restored on every way out (quit, error, panic, SIGINT/SIGTERM/SIGHUP) and
//! around Ctrl-z.

use crate::app::App;
use crate::ui;
use anyhow::Result;
use ratatui::Terminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;
use ratatui::prelude::CrosstermBackend;
use std::io::{self, IsTerminal, Stdout, Write, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// How often the loop looks at the signal flag while no input arrives.
const SIGNAL_POLL: Duration = Duration::from_millis(100);
/// The same while the author index is being built or the text scanned: a search waiting for
/// the index (`--author`) follows within a frame of its arrival, and the scan's matches
/// show as they are found.
const INDEX_POLL: Duration = Duration::from_millis(16);
/// Input already waiting is handled before the next frame, up to this many events: a
/// burst of keys costs one frame and one search, and signals are still seen between bursts.
const EVENTS_PER_FRAME: usize = 1024;
/// How long the loop waits for the next event of a burst. Not zero: crossterm's reader
/// returns nothing for a zero timeout even when it holds parsed events.
const BURST_WAIT: Duration = Duration::from_millis(1);

/// Puts the terminal back as it was. Safe to call twice; errors are ignored because the
/// terminal may already be gone (SIGHUP).
pub fn restore() {
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    // Bracketed paste: a paste arrives as one event, not as thousands of keys.
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Restores the terminal before the panic message is printed, so it is readable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Runs the reader until the user quits. Returns the signal that ended it, if one did.
pub fn run(app: &mut App) -> Result<Option<i32>> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    install_panic_hook();
    // The author index is built on a second thread from here on: keys, quit and signals are
    // answered while it is made, and the search says it is indexing until it is there.
    app.index_in_background();
    if let Err(err) = enter() {
        restore();
        return Err(err.into());
    }
    // Starts crossterm's event reader, and with it its SIGWINCH handler, before the first
    // frame: a resize before the first poll would otherwise go unnoticed. Nothing is consumed.
    let _ = event::poll(Duration::ZERO);
    let result = Terminal::new(CrosstermBackend::new(stdout()))
        .map_err(anyhow::Error::from)
        .and_then(|mut terminal| event_loop(&mut terminal, app, &signal));
    restore();
    result
}

/// A terminal that hung up (window closed, connection lost) answers no terminal ioctl. Reads
/// from it return nothing at once, so without this check the loop would spin; SIGHUP usually
/// says so first, but only to the terminal's foreground process group.
/// Stdout is the terminal drawn on (stdin may be the thread itself, with keys read from
/// /dev/tty).
fn terminal_gone() -> bool {
    !io::stdout().is_terminal()
}

fn event_loop(terminal: &mut Term, app: &mut App, signal: &AtomicUsize) -> Result<Option<i32>> {
    let hung_up = Some(signal_hook::consts::SIGHUP);
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| ui::render(frame, app))?;
            dirty = false;
        }
        let caught = signal.load(Ordering::Relaxed);
        if caught != 0 {
            return Ok(Some(caught as i32));
        }
        let mut timeout = if app.is_busy() || app.is_loading() {
            INDEX_POLL
        } else {
            SIGNAL_POLL
        };
        for _ in 0..EVENTS_PER_FRAME {
            let event = match event::poll(timeout).and_then(|ready| {
                if ready {
                    event::read().map(Some)
                } else {
                    Ok(None)
                }
            }) {
                Ok(Some(event)) => event,
                Ok(None) if terminal_gone() => return Ok(hung_up),
                Ok(None) => break,
                Err(_) if terminal_gone() => return Ok(hung_up),
                Err(err) => return Err(err.into()),
            };
            // Only the first wait may be long: what is already there is taken at once.
            timeout = BURST_WAIT;
            dirty |= handle(app, event);
            if app.should_quit {
                return Ok(None);
            }
            if app.suspend_requested || app.redraw_requested {
                break;
            }
        }
        // Typed text is searched for once per burst; the index may have arrived meanwhile.
        dirty |= app.settle();
        if app.suspend_requested {
            app.suspend_requested = false;
            suspend(terminal)?;
            dirty = true;
        }
        if app.redraw_requested {
            app.redraw_requested = false;
            repaint_all(terminal)?;
            dirty = true;
        }
        if let Some(sequence) = app.clipboard_request.take() {
            // Between frames: OSC 52 draws nothing and moves no cursor.
            let out = terminal.backend_mut();
            out.write_all(sequence.as_bytes())?;
            out.flush()?;
        }
    }
}

/// Hands one event to the app; returns whether the screen may have changed.
fn handle(app: &mut App, event: Event) -> bool {
    match event {
        Event::Key(key) => app.handle_key(key),
        Event::Paste(text) => app.on_paste(&text),
        Event::Mouse(mouse)
            if !matches!(mouse.kind, MouseEventKind::Moved | MouseEventKind::Drag(_)) =>
        {
            app.on_mouse(mouse)
        }
        Event::Resize(..) | Event::FocusGained => {}
        _ => return false,
    }
    true
}

/// Ctrl-z: hand the terminal back, stop until `fg`, then take it again and redraw it all.
fn suspend(terminal: &mut Term) -> Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter()?;
    repaint_all(terminal)
}

/// Clears the screen and makes the next frame paint every cell.
///
/// Not `terminal.clear()`: ratatui 0.30 asks the terminal for the cursor position there
/// (ESC[6n) and fails when no answer comes within 2 s. A resize to the current size (which
/// may have changed while stopped) clears the screen and forces a full redraw.
fn repaint_all(terminal: &mut Term) -> Result<()> {
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}
