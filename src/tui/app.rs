//! The TUI's model: one `App` that holds everything a frame shows.
//!
//! The Elm Architecture: keys and other events become [`Msg`]s, [`update`](super::update::update)
//! changes the `App` and returns an [`Effect`] for the loop to carry out (saving, exporting,
//! opening files), and the views draw from `&App` without changing it. Time comes in as a
//! message too, so the whole state machine is deterministic under test.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::start::StartForm;
use crate::pack::{Pack, Pillar, Question, Risk};
use crate::review::{Answer, Review, State, key};

/// Which pane takes the keys on the walk screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Navigator,
    Question,
    Notes,
}

/// A question in walk order: indices into packs, pillars and questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QRef {
    pub pack: usize,
    pub pillar: usize,
    pub question: usize,
}

/// A review being walked.
#[derive(Debug, Clone)]
pub struct Session {
    pub path: PathBuf,
    pub review: Review,
    pub packs: Vec<Pack>,
    /// The questions walked, in order (all, or those of `--pillar`, or the flagged ones).
    pub order: Vec<QRef>,
    /// Index into `order`.
    pub cursor: usize,
    /// Highlighted choice of the current question.
    pub choice: usize,
    /// Notes on opening: changed packs, answers whose question is gone.
    pub notices: Vec<String>,
    /// What subset is walked, for the header ("all questions", "pillar security", "flagged").
    pub scope: String,
}

impl Session {
    pub fn current(&self) -> Option<(&Pack, &Pillar, &Question)> {
        let r = self.order.get(self.cursor)?;
        self.get(*r)
    }

    pub fn get(&self, r: QRef) -> Option<(&Pack, &Pillar, &Question)> {
        let pack = self.packs.get(r.pack)?;
        let pillar = pack.pillars.get(r.pillar)?;
        Some((pack, pillar, pillar.questions.get(r.question)?))
    }

    pub fn answer_of(&self, r: QRef) -> Option<&Answer> {
        let (pack, _, q) = self.get(r)?;
        self.review.answer(&pack.id, &q.id)
    }

    /// The question's state, risk and flag, as the scorecard counts them.
    pub fn state_of(&self, r: QRef) -> (State, Option<Risk>, bool) {
        match self.get(r) {
            Some((pack, _, q)) => {
                let (state, risk) = crate::review::score::status(&self.review, &pack.id, q);
                (
                    state,
                    risk,
                    self.review
                        .answer(&pack.id, &q.id)
                        .is_some_and(|a| a.flagged),
                )
            }
            None => (State::Unanswered, None, false),
        }
    }

    /// The answer to the current question, created when missing.
    pub fn answer_mut(&mut self) -> Option<&mut Answer> {
        let r = *self.order.get(self.cursor)?;
        let (pack, _, q) = self.get(r)?;
        let k = key(&pack.id, &q.id);
        Some(self.review.answers.entry(k).or_default())
    }

    /// The key of the current question, `<pack>/<question>`.
    pub fn current_key(&self) -> Option<String> {
        self.current().map(|(p, _, q)| key(&p.id, &q.id))
    }

    /// Answered or not-applicable questions of those walked, and their total.
    pub fn progress(&self) -> (usize, usize) {
        let done = self
            .order
            .iter()
            .filter(|r| self.state_of(**r).0 != State::Unanswered)
            .count();
        (done, self.order.len())
    }
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
    /// The scorecard; `selected` indexes the high-risk list.
    Summary {
        selected: usize,
    },
    /// Where to write the markdown backlog.
    Export(LineInput),
}

/// A one-line text input with a cursor (in characters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    pub cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    fn byte(&self, at: usize) -> usize {
        self.text
            .char_indices()
            .nth(at)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Applies an editing key; returns false for keys it does not use.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        let len = self.text.chars().count();
        match key.code {
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Char(c)
                if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() =>
            {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }
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

/// Everything the TUI shows.
pub struct App {
    pub screen: Screen,
    pub session: Option<Session>,
    pub focus: Focus,
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
    pub quit: bool,
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
    Create(super::start::NewReview),
    /// Open an existing review file.
    Open(PathBuf),
    /// Save and leave.
    Quit,
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
    /// A key for the open one-line input.
    InputKey(KeyEvent),
    /// Remove the selected evidence link.
    DeleteEvidence,
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
    Opened(Box<Session>),
}

impl App {
    /// An app on the start screen.
    pub fn start(form: StartForm, now: u64) -> App {
        App::blank(Screen::Start(Box::new(form)), now)
    }

    /// An app walking a review, at the question it was left on (or the first unanswered one).
    pub fn walk(session: Session, now: u64) -> App {
        let mut app = App::blank(Screen::Walk, now);
        app.enter_session(session);
        app
    }

    fn blank(screen: Screen, now: u64) -> App {
        App {
            screen,
            session: None,
            focus: Focus::Question,
            overlay: None,
            notes: TextArea::default(),
            message: None,
            now,
            session_started: now,
            question_started: now,
            timebox_minutes: 0,
            color: true,
            export_dir: None,
            quit: false,
        }
    }

    pub(crate) fn enter_session(&mut self, mut session: Session) {
        let resume = session.review.position.clone();
        let at = resume
            .and_then(|k| {
                session.order.iter().position(|r| {
                    session
                        .get(*r)
                        .is_some_and(|(p, _, q)| key(&p.id, &q.id) == k)
                })
            })
            .or_else(|| {
                session
                    .order
                    .iter()
                    .position(|r| session.state_of(*r).0 == State::Unanswered)
            })
            .unwrap_or(0);
        session.cursor = at;
        session.choice = 0;
        if let Some(first) = session.notices.first() {
            self.message = Some((first.clone(), Tone::Info));
        }
        self.session = Some(session);
        self.screen = Screen::Walk;
        self.focus = Focus::Question;
        self.session_started = self.now;
        self.load_notes();
    }

    /// Puts the current question's notes into the editor.
    pub(crate) fn load_notes(&mut self) {
        let notes = self
            .session
            .as_ref()
            .and_then(|s| s.order.get(s.cursor).and_then(|r| s.answer_of(*r)))
            .map(|a| a.notes.clone())
            .unwrap_or_default();
        let lines: Vec<String> = notes
            .split('\n')
            .map(|l| crate::text::clean_line(l).into_owned())
            .collect();
        self.notes = TextArea::new(lines);
        self.notes.set_placeholder_text("Notes: press n to write");
        self.question_started = self.now;
    }
}
