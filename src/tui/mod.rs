//! The terminal UI: a thin shell over the domain.
//!
//! `app` holds the state, `update` changes it, `view` draws it, `keys` turns terminal events into
//! messages, and this module runs the loop: it draws, waits for an event (or the one-second clock
//! tick), and carries out the effects `update` asks for — saving after every change, exporting,
//! opening files. SIGTERM and SIGHUP save and restore the terminal; a panic restores it too, and
//! the atomic saves mean the file on disk is always the last complete state.

pub mod app;
pub mod keys;
pub mod layout;
pub mod start;
pub mod theme;
pub mod update;
pub mod view;

#[cfg(test)]
mod tests;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use self::app::{App, Effect, Msg, QRef, Session};
use self::start::{NewReview, Recent};
use crate::pack::{Catalog, Pack};
use crate::review::resolve::{Resolved, orphans};
use crate::review::{Review, Timestamp, store};

/// Which questions a session walks.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only these pillar ids (empty: all).
    pub pillars: Vec<String>,
    /// Only questions flagged when the review was opened.
    pub flagged: bool,
}

/// Builds a session over a review and its packs.
pub fn session(path: PathBuf, review: Review, resolved: Resolved, filter: &Filter) -> Session {
    let mut order = Vec::new();
    for (pi, pack) in resolved.packs.iter().enumerate() {
        for (li, pillar) in pack.pillars.iter().enumerate() {
            if !filter.pillars.is_empty() && !filter.pillars.contains(&pillar.id) {
                continue;
            }
            for (qi, q) in pillar.questions.iter().enumerate() {
                if filter.flagged && !review.answer(&pack.id, &q.id).is_some_and(|a| a.flagged) {
                    continue;
                }
                order.push(QRef {
                    pack: pi,
                    pillar: li,
                    question: qi,
                });
            }
        }
    }
    let mut notices = Vec::new();
    if !resolved.changes.is_empty() {
        let names: Vec<String> = resolved
            .changes
            .iter()
            .map(|c| {
                if c.was == c.now {
                    c.id.clone()
                } else {
                    format!("{} {} → {}", c.id, c.was, c.now)
                }
            })
            .collect();
        notices.push(format!(
            "Changed since this review was answered: {}. Answers are kept; the review now records the packs as they are.",
            names.join(", ")
        ));
    }
    if !resolved.orphans.is_empty() {
        notices.push(format!(
            "{} answer(s) to questions no longer in the packs are kept in the file: {}",
            resolved.orphans.len(),
            resolved.orphans.join(", ")
        ));
    }
    if order.is_empty() {
        notices.push("No question matches the --pillar/--flagged filter.".into());
    }
    let scope = match (filter.flagged, filter.pillars.is_empty()) {
        (true, _) => "Flagged questions".to_string(),
        (false, false) => format!("Pillar {}", filter.pillars.join(", ")),
        (false, true) => "Questions".to_string(),
    };
    Session {
        path,
        review,
        packs: resolved.packs,
        order,
        cursor: 0,
        choice: 0,
        notices,
        scope,
    }
}

/// A review's name without its ending: `payments.review.toml` → `payments`.
pub fn review_stem(review: &Path) -> String {
    let name = review
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".review.toml")
        .or_else(|| name.strip_suffix(".toml"))
        .unwrap_or(&name);
    if stem.is_empty() {
        "review".to_string()
    } else {
        stem.to_string()
    }
}

/// Where the backlog goes by default: the export folder, else beside the review, named after it.
pub fn default_export_path(review: &Path, export_dir: Option<&Path>) -> PathBuf {
    let file = format!("{}.backlog.md", review_stem(review));
    match export_dir {
        Some(dir) => dir.join(file),
        None => review.with_file_name(file),
    }
}

/// What the loop needs besides the app: packs, the lock, where recent reviews are kept.
pub struct Runtime {
    pub catalog: Catalog,
    pub lock: Option<store::Lock>,
    pub recent_file: Option<PathBuf>,
    pub filter: Filter,
    /// A change not yet written: saved once the events waiting now are handled, before the
    /// screen shows it.
    pub unsaved: bool,
}

/// Opens an existing review: lock, read, bind to packs. The file is never changed on failure.
pub fn open(
    path: &Path,
    catalog: &Catalog,
    filter: &Filter,
) -> anyhow::Result<(Session, store::Lock)> {
    let lock = store::Lock::acquire(path)?;
    let mut review = store::load(path)?;
    let resolved = crate::review::resolve(&review, catalog)?;
    // From here on the squad answers against the packs as they are now; the next save records
    // that, so the change is reported once, not on every later command.
    if !resolved.changes.is_empty() {
        review.packs = resolved
            .packs
            .iter()
            .map(crate::review::PackRef::of)
            .collect();
    }
    Ok((session(path.to_path_buf(), review, resolved, filter), lock))
}

/// Creates a review file from the start form (or the command line) and opens it.
pub fn create(
    new: &NewReview,
    catalog: &Catalog,
    filter: &Filter,
) -> anyhow::Result<(Session, store::Lock)> {
    if new.path.exists() {
        anyhow::bail!(
            "{} already exists: resume it, or pick another file name",
            new.path.display()
        );
    }
    let packs: Vec<&Pack> = new
        .packs
        .iter()
        .map(|id| {
            catalog
                .get(id)
                .ok_or_else(|| anyhow::anyhow!("no pack `{id}` is loaded"))
        })
        .collect::<anyhow::Result<_>>()?;
    let lock = store::Lock::acquire(&new.path)?;
    let review = Review::new(
        &new.workload,
        &new.team,
        &new.facilitator,
        new.participants.clone(),
        &packs,
    );
    store::save(&new.path, &review)?;
    let packs: Vec<Pack> = packs.into_iter().cloned().collect();
    let resolved = Resolved {
        orphans: orphans(&review, &packs),
        packs,
        changes: Vec::new(),
    };
    Ok((session(new.path.clone(), review, resolved, filter), lock))
}

/// The recent reviews, newest first, that still exist.
pub fn load_recent(file: Option<&Path>) -> Vec<Recent> {
    #[derive(serde::Deserialize, Default)]
    struct File {
        #[serde(default)]
        recent: Vec<Recent>,
    }
    let Some(text) = file.and_then(|f| crate::fsutil::read_text(f, 1024 * 1024).ok()) else {
        return Vec::new();
    };
    let parsed: File = toml::from_str(&text).unwrap_or_default();
    parsed
        .recent
        .into_iter()
        .filter(|r| r.path.exists())
        .collect()
}

/// Puts a review at the top of the recent list (at most 12 are kept).
pub fn remember(file: Option<&Path>, path: &Path, review: &Review) {
    #[derive(serde::Serialize)]
    struct File<'a> {
        recent: &'a [Recent],
    }
    let Some(file) = file else { return };
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut list = load_recent(Some(file));
    list.retain(|r| r.path != path);
    let now = Timestamp::now().to_string();
    let opened = format!("{} {}", &now[..10], &now[11..16]);
    list.insert(
        0,
        Recent {
            path,
            workload: review.workload.clone(),
            team: review.team.clone(),
            opened,
        },
    );
    list.truncate(12);
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(text) = toml::to_string(&File { recent: &list }) {
        let _ = crate::fsutil::atomic_write(file, text.as_bytes());
    }
}

fn now_secs() -> u64 {
    Timestamp::now().0.max(0) as u64
}

/// Takes over a review that was opened or created, or says why it could not be: on the start
/// form when that is the screen up (the status line is the walk's), else on the status line.
fn started(
    app: &mut App,
    rt: &mut Runtime,
    result: anyhow::Result<(Session, store::Lock)>,
) -> Option<Msg> {
    match result {
        Ok((session, lock)) => {
            rt.lock = Some(lock);
            remember(rt.recent_file.as_deref(), &session.path, &session.review);
            Some(Msg::Opened(Box::new(session)))
        }
        Err(e) => {
            let text = format!("{e:#}").replace('\n', " ");
            if let app::Screen::Start(form) = &mut app.screen {
                form.error = Some(text);
                None
            } else {
                Some(Msg::Done(Err(text)))
            }
        }
    }
}

/// Carries out one effect; what it reports goes back into the app as a message.
fn perform(app: &mut App, rt: &mut Runtime, effect: Effect) -> Option<Msg> {
    match effect {
        Effect::Save => {
            rt.unsaved = true;
            None
        }
        Effect::Export(path) => {
            let s = app.session.as_ref()?;
            // Never over the review, a pack or anything else this session read, nor a device.
            let written = crate::backlog::export(&s.review, &s.packs, crate::backlog::Format::Md)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    crate::fsutil::write_output(&path, text.as_bytes()).map_err(|e| e.to_string())
                });
            Some(Msg::Done(
                written
                    .map(|()| format!("Backlog written to {}", path.display()))
                    .map_err(|e| e.replace('\n', " ")),
            ))
        }
        Effect::Open(path) => started(app, rt, open(&path, &rt.catalog, &rt.filter)),
        Effect::Create(new) => started(app, rt, create(&new, &rt.catalog, &rt.filter)),
        Effect::Quit => {
            let failed = app
                .session
                .as_ref()
                .and_then(|s| store::save(&s.path, &s.review).err());
            if let Some(e) = failed {
                // Stay open: leaving now would lose what is on screen.
                return Some(Msg::Done(Err(format!("NOT SAVED, not quitting: {e}"))));
            }
            if let Some(s) = &app.session {
                remember(rt.recent_file.as_deref(), &s.path, &s.review);
            }
            app.quit = true;
            None
        }
    }
}

/// Writes the review if anything changed since the last save; a failure is shown in red.
pub fn flush(app: &mut App, rt: &mut Runtime) {
    if !std::mem::take(&mut rt.unsaved) {
        return;
    }
    let failed = app
        .session
        .as_ref()
        .and_then(|s| store::save(&s.path, &s.review).err());
    if let Some(e) = failed {
        rt.unsaved = true;
        dispatch(app, rt, Msg::Done(Err(format!("NOT SAVED: {e}"))));
    }
}

/// Sends a message through `update` and carries out the effects that follow.
pub fn dispatch(app: &mut App, rt: &mut Runtime, msg: Msg) {
    let mut next = Some(msg);
    while let Some(msg) = next.take() {
        if let Some(effect) = update::update(app, msg) {
            next = perform(app, rt, effect);
        }
    }
}

/// Runs the TUI until the user quits or a signal asks it to stop.
pub fn run(mut app: App, mut rt: Runtime) -> anyhow::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let result = event_loop(&mut terminal, &mut app, &mut rt, &stop);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
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
        if stop.load(Ordering::Relaxed) || hung_up || gone {
            flush(app, rt);
            dispatch(app, rt, Msg::Quit);
            if let Some(s) = &app.session {
                store::save(&s.path, &s.review)?;
            }
            return Ok(());
        }
        if let Ok(first) = first {
            // Everything already waiting (a paste arrives as hundreds of keys) is handled first,
            // then saved once: nothing reaches the screen before it is on disk, and a paste does
            // not cost a save per character.
            let size = terminal.size()?;
            let mut next = Some(first);
            let mut budget = 4096;
            while let Some(ev) = next.take() {
                if let Some(msg) = keys::to_msg(app, &ev?, (size.width, size.height)) {
                    dispatch(app, rt, msg);
                }
                budget -= 1;
                if !app.quit && budget > 0 {
                    next = events.try_recv().ok();
                }
            }
        }
        flush(app, rt);
        dispatch(app, rt, Msg::Tick(now_secs()));
    }
}
