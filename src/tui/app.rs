//! The TUI's model: one `App` that holds everything a frame shows.
//!
//! The Elm Architecture: keys and other events become [`Msg`]s, [`update`](super::update::update)
//! changes the `App` and returns an [`Effect`] for the loop to carry out (saving, exporting,
//! opening files), and the views draw from `&App` without changing it. Time comes in as a
//! message too, so the whole state machine is deterministic under test.
//!
//! The review itself, the walk and the rules of answering belong to the domain
//! ([`crate::review::session::Session`]); the app keeps only what is the screen's: which pane
//! has the focus, the highlighted practice, overlays and text inputs, the status line, clocks.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::input::LineInput;
use super::start::StartForm;
use crate::review::session::Session;

/// Which pane takes the keys on the walk screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Navigator,
    Question,
    /// The notes pane, not yet editing (enter or `n` starts).
    Notes,
    /// Writing notes.
    Editing,
}

/// A small window over the screen asking for something.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help,
    /// Why the current question does not apply.
    Reason(LineInput),
    /// Evidence links of the current question: an input line and the list.
    Evidence {
        input: LineInput,
        selected: Option<usize>,
    },
    /// Find a question by words in its title or id.
    Find {
        input: LineInput,
        selected: usize,
    },
    /// Flag the question, with an optional reason for the parking lot.
    Flag(LineInput),
    /// The scorecard; `selected` indexes the list of risks and flags.
    Summary {
        selected: usize,
    },
    /// Where to write the markdown backlog.
    Export(LineInput),
    /// A round of votes in the room on the current question: whose turn, their hidden ticks.
    Round(Box<super::vote::Round>),
    /// The votes on the current question; `scroll` is the first line shown.
    Reveal {
        scroll: usize,
    },
    /// Accept the current question's risk: owner, last day, reason.
    Accept(super::register::AcceptForm),
    /// Who owns the current question's backlog item.
    Owner(LineInput),
    /// Why the practice at `choice` does not apply: a reason from the fixed list and words.
    PracticeNa {
        choice: usize,
        /// Index into `NaReason::ALL`.
        reason: usize,
        note: LineInput,
    },
    /// Leaving failed to save: save elsewhere, leave without saving, or stay.
    Unsaved {
        error: String,
        /// How many answers differ from the file on disk.
        lost: usize,
        input: LineInput,
    },
}

/// Which screen is up.
#[derive(Debug)]
pub enum Screen {
    Start(Box<StartForm>),
    Walk,
}

/// How a message at the bottom should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// A review open on the walk screen: the file it lives in and the domain session.
#[derive(Debug, Clone)]
pub struct Walk {
    pub file: PathBuf,
    pub session: Session,
    /// Said once on opening: changed packs, answers whose question is gone.
    pub notices: Vec<String>,
    /// The review's newest milestone, for the summary's "was".
    pub milestone: Option<crate::review::milestone::Milestone>,
}

/// Everything the TUI shows.
pub struct App {
    pub screen: Screen,
    pub walk: Option<Walk>,
    pub focus: Focus,
    /// The highlighted choice of the current question.
    pub choice: usize,
    /// The first line of the question pane when the squad scrolled it (else it follows the
    /// highlighted practice).
    pub scroll: Option<usize>,
    /// Whether "why it matters" is shown whole.
    pub why_open: bool,
    /// Presentation mode: only the question, its practices and the risk, full width.
    pub present: bool,
    /// The first line of the help overlay.
    pub help_scroll: usize,
    /// The terminal's size, as last seen.
    pub size: (u16, u16),
    /// Seconds since the epoch up to which time has been counted into the review.
    pub counted: u64,
    /// Whether this sitting changed the review (beyond the time it took).
    pub changed: bool,
    /// Minutes per pillar from the settings, when the review sets none.
    pub pillar_minutes: Option<u32>,
    /// Target scores per pillar from the settings (the review's own win).
    pub config_targets: std::collections::BTreeMap<String, f64>,
    pub overlay: Option<Overlay>,
    /// The notes editor of the current question.
    pub notes: TextArea<'static>,
    pub message: Option<(String, Tone)>,
    /// Seconds since the epoch, as last told by a tick.
    pub now: u64,
    pub session_started: u64,
    pub question_started: u64,
    /// Minutes per question before the clock shows a cue; 0 for none.
    pub timebox_minutes: u32,
    pub color: bool,
    /// Where exports go by default (else beside the review).
    pub export_dir: Option<PathBuf>,
    /// Days an accepted risk lasts unless the squad picks a day (the config's `accept_days`).
    pub accept_days: u32,
    /// Days after its last confirmation an answer is due again (the config's `review_days`).
    pub review_days: u32,
    pub quit: bool,
    /// Where the review was saved when its own file could not take it.
    pub saved_elsewhere: Option<PathBuf>,
    /// On a voter's own walk (`scorps vote`): whose votes, saved where instead of the review.
    pub ballot: Option<super::ballot::Ballot>,
    /// The votes on the review, as last read, for the reveal.
    pub votes: super::vote::Board,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("screen", &self.screen)
            .field("focus", &self.focus)
            .field("overlay", &self.overlay)
            .finish_non_exhaustive()
    }
}

/// Something the update asks the loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the review file (after every change).
    Save,
    /// Write the markdown backlog here.
    Export(PathBuf),
    /// Create a review file and open it.
    Create(Box<super::start::NewReview>),
    /// Open an existing review file.
    Open(PathBuf),
    /// Save and leave.
    Quit,
    /// Save the review to another file, then leave.
    SaveAs(PathBuf),
    /// Leave without saving what the file does not have.
    Discard,
    /// Read the votes folder (when it changed since the last read, or always when `force`).
    ReadVotes { force: bool },
    /// Add a round's votes to the room's file, then read the votes folder.
    RecordRound(super::vote::Recorded),
}

/// Everything that can happen.
#[derive(Debug, Clone)]
pub enum Msg {
    Up,
    Down,
    NextQuestion,
    PrevQuestion,
    /// Toggle the choice at this index of the current question.
    Toggle(usize),
    ToggleHighlighted,
    /// Tick "None of these".
    ChooseNone,
    /// Cycle focus: navigator → question → notes.
    FocusNext,
    EditNotes,
    /// A key for the notes editor.
    NotesKey(KeyEvent),
    AskEvidence,
    AskNotApplicable,
    ToggleFlag,
    OpenFind,
    OpenSummary,
    AskExport,
    OpenHelp,
    /// Esc: leave an editor or overlay.
    Back,
    /// Enter inside an overlay or the start form.
    Submit,
    /// Space on the start form: tick or untick the pack under the cursor.
    TogglePack,
    /// Tab on the start form's open row: complete the path.
    Complete,
    /// A key for the open one-line input.
    InputKey(KeyEvent),
    /// Text pasted in one piece (bracketed paste).
    Paste(String),
    /// Leaving failed: the error and how many answers would be lost.
    CannotSave {
        error: String,
        lost: usize,
    },
    /// Leave without saving, after being told what is lost.
    QuitUnsaved,
    /// Remove the selected evidence link.
    DeleteEvidence,
    /// Accept the current question's risk (or change or remove the acceptance).
    AskAccept,
    /// The current answer still holds.
    Confirm,
    /// Set the owner of the current question's backlog item.
    AskOwner,
    /// The highlighted practice does not apply (or applies again).
    AskPracticeNa,
    /// Show the whole "why it matters", or fold it again.
    ToggleWhy,
    /// Presentation mode on or off.
    TogglePresent,
    PageUp,
    PageDown,
    /// The terminal's new size.
    Resize(u16, u16),
    Quit,
    /// The clock: seconds since the epoch.
    Tick(u64),
    /// A mouse click at a screen cell, with the terminal size.
    Click {
        col: u16,
        row: u16,
        width: u16,
        height: u16,
    },
    /// Mouse wheel over a cell: down when true.
    Scroll {
        col: u16,
        row: u16,
        down: bool,
        width: u16,
        height: u16,
    },
    /// Report of a save or export the loop carried out.
    Done(Result<String, String>),
    /// A review file was opened or created by the loop.
    Opened(Box<Walk>),
    /// Start a round of votes in the room on the current question.
    StartRound,
    /// Show the votes on the current question.
    ShowVotes,
    /// The loop read the votes folder.
    VotesRead(Box<super::vote::Read>),
}

impl App {
    /// An app on the start screen.
    pub fn start(form: StartForm, now: u64) -> App {
        App::blank(Screen::Start(Box::new(form)), now)
    }

    /// An app walking a review, at the question the session starts on.
    pub fn walk(walk: Walk, now: u64) -> App {
        let mut app = App::blank(Screen::Walk, now);
        app.enter(walk);
        app
    }

    fn blank(screen: Screen, now: u64) -> App {
        App {
            screen,
            walk: None,
            focus: Focus::Question,
            choice: 0,
            scroll: None,
            why_open: false,
            present: false,
            help_scroll: 0,
            size: (80, 24),
            counted: now,
            changed: false,
            pillar_minutes: None,
            config_targets: std::collections::BTreeMap::new(),
            overlay: None,
            notes: TextArea::default(),
            message: None,
            now,
            session_started: now,
            question_started: now,
            timebox_minutes: 0,
            color: true,
            export_dir: None,
            accept_days: crate::review::register::ACCEPT_DAYS,
            review_days: crate::review::register::REVIEW_DAYS,
            quit: false,
            saved_elsewhere: None,
            ballot: None,
            votes: super::vote::Board::default(),
        }
    }

    /// Shows a review on the walk screen.
    pub(crate) fn enter(&mut self, walk: Walk) {
        if let Some(first) = walk.notices.first() {
            self.message = Some((first.clone(), Tone::Info));
        }
        self.walk = Some(walk);
        self.screen = Screen::Walk;
        self.focus = Focus::Question;
        self.session_started = self.now;
        self.counted = self.now;
        self.changed = false;
        self.question_opened();
    }

    pub fn session(&self) -> Option<&Session> {
        self.walk.as_ref().map(|w| &w.session)
    }

    pub(crate) fn session_mut(&mut self) -> Option<&mut Session> {
        self.walk.as_mut().map(|w| &mut w.session)
    }

    /// Seconds not yet counted into the review: this sitting's time on the current question.
    pub fn uncounted(&self) -> u64 {
        self.now.saturating_sub(self.counted)
    }

    /// Minutes allowed per pillar: the review's, else the settings'.
    pub fn pillar_timebox(&self) -> Option<u32> {
        self.session()
            .and_then(|s| s.review().pillar_minutes)
            .or(self.pillar_minutes)
            .filter(|m| *m > 0)
    }

    /// The target score of each pillar: the review's, else the settings'.
    pub fn targets(&self) -> crate::report::targets::Targets {
        let review = self
            .session()
            .map(|s| s.review().targets.clone())
            .unwrap_or_default();
        crate::report::targets::Targets::resolve(&review, &self.config_targets)
    }

    /// What the walk covers, for the navigator's title.
    pub fn scope(&self) -> String {
        let Some(session) = self.session() else {
            return String::new();
        };
        scope(session)
    }

    /// A new question is up: the first practice highlighted, its notes in the editor, its clock
    /// started.
    pub(crate) fn question_opened(&mut self) {
        self.choice = 0;
        self.scroll = None;
        self.why_open = false;
        // Notes over the limit are never edited here (the file keeps them): no need to load them.
        let notes = self
            .session()
            .and_then(Session::current_answer)
            .map(|a| a.notes.clone())
            .filter(|n| n.len() <= crate::review::session::MAX_NOTES)
            .unwrap_or_default();
        let lines: Vec<String> = notes
            .split('\n')
            .map(|l| crate::text::clean_line(l).into_owned())
            .collect();
        self.notes = TextArea::new(lines);
        self.notes
            .set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        self.notes
            .set_placeholder_text("No notes yet: n writes, e adds evidence links");
        self.question_started = self.now;
    }
}

/// "Questions", "Pillar security", "Flagged questions".
fn scope(session: &Session) -> String {
    let filter = session.filter();
    if filter.flagged {
        "Flagged questions".to_string()
    } else if !filter.pillars.is_empty() {
        // The pillars by name, as the navigator's headings show them.
        let names: Vec<&str> = filter
            .pillars
            .iter()
            .map(|id| {
                session
                    .packs()
                    .iter()
                    .flat_map(|p| &p.pillars)
                    .find(|p| &p.id == id)
                    .map_or(id.as_str(), |p| p.name.as_str())
            })
            .collect();
        names.join(", ")
    } else if !filter.questions.is_empty() {
        format!("{} chosen questions", filter.questions.len())
    } else {
        "Questions".to_string()
    }
}
