//! The event loop: draw, wait for events (or the one-second clock), handle them, save.
//!
//! SIGTERM, SIGHUP and SIGINT save and restore the terminal; a panic restores it too, and the
//! atomic saves mean the file on disk is always the last complete state. When a forced exit cannot
//! save to the review file, the review is written to a rescue file in the temporary folder and the
//! error says where. Pastes arrive whole (bracketed paste), so a paste is one change and one save.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use super::app::{App, Msg};
use super::effects::{Runtime, dispatch, flush, save_pending};
use super::{keys, view};
use crate::review::Timestamp;

fn now_secs() -> u64 {
    Timestamp::now().0.max(0) as u64
}

/// Runs the TUI until the user quits or a signal asks it to stop; says which review file was
/// open at the end.
pub fn run(mut app: App, mut rt: Runtime) -> anyhow::Result<Option<std::path::PathBuf>> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            std::io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste
        );
        previous(info);
    }));
    let result = event_loop(&mut terminal, &mut app, &mut rt, &stop);
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
    result.map(|()| app.saved_elsewhere.or_else(|| app.walk.map(|w| w.file)))
}

/// Reads terminal events on a thread of its own and hands them over.
///
/// crossterm 0.29 retries an end-of-file read without pause and without returning (its mio
/// source never breaks out on `Ok(0)`), so once the terminal is gone a `poll` or `read` never
/// comes back. On its own thread that cannot stop the loop from noticing, saving and leaving;
/// the thread ends with the process.
fn spawn_reader() -> mpsc::Receiver<std::io::Result<event::Event>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        loop {
            let ev = event::read();
            let failed = ev.is_err();
            if tx.send(ev).is_err() || failed {
                return;
            }
        }
    });
    rx
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    rt: &mut Runtime,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let events = spawn_reader();
    loop {
        let size = terminal.size()?;
        if app.size != (size.width, size.height) {
            dispatch(app, rt, Msg::Resize(size.width, size.height));
        }
        terminal.draw(|frame| view::draw(app, frame))?;
        if app.quit {
            return Ok(());
        }
        // The clock ticks once a second; signals are noticed within that second.
        let first = events.recv_timeout(Duration::from_secs(1));
        // A terminal can go away without a SIGHUP reaching us (its window closed, the other end
        // of the pty killed): once stdin or stdout stops being a terminal, leave as on SIGHUP.
        let hung_up = !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal();
        let gone = matches!(first, Err(mpsc::RecvTimeoutError::Disconnected));
        // Every change made in this batch carries the time it was made.
        dispatch(app, rt, Msg::Tick(now_secs()));
        let mut lost = stop.load(Ordering::Relaxed) || hung_up || gone;
        if let Ok(first) = first {
            // Everything already waiting (a paste arrives as hundreds of keys) is handled first,
            // then saved once: nothing reaches the screen before it is on disk, and a paste does
            // not cost a save per character.
            let size = terminal.size()?;
            let mut next = Some(first);
            let mut budget = 4096;
            while let Some(ev) = next.take() {
                let Ok(ev) = ev else {
                    lost = true;
                    break;
                };
                if let Some(msg) = keys::to_msg(app, &ev, (size.width, size.height)) {
                    dispatch(app, rt, msg);
                }
                budget -= 1;
                if !app.quit && budget > 0 {
                    next = events.try_recv().ok();
                }
            }
        }
        if lost {
            // Leaving is not up to us now: save what there is, and say so if that fails.
            if let Some(e) = save_pending(app, rt) {
                anyhow::bail!("NOT SAVED: {e}{}", rescue(app));
            }
            dispatch(app, rt, Msg::Quit);
            return Ok(());
        }
        flush(app, rt);
    }
}

/// Writes the review to a rescue file in the temporary folder; says where, or that it failed.
fn rescue(app: &App) -> String {
    let Some(w) = &app.walk else {
        return String::new();
    };
    let path = std::env::temp_dir().join(format!(
        "{}.rescued-{}.review.toml",
        super::review_stem(&w.file),
        std::process::id()
    ));
    match crate::review::store::save(&path, w.session.review()) {
        Ok(()) => format!(
            "\n  help: the answers were written to {} instead",
            path.display()
        ),
        Err(e) => format!("\n  and no rescue copy could be written either: {e}"),
    }
}
