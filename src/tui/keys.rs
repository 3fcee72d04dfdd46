//! Every key, once: the table that turns key presses into messages and from which the footer,
//! the `?` help and the key table of `docs/review-screen.md` are all produced.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::app::{App, Focus, Msg, Overlay, Screen};
use super::start::Row;

/// Where a key works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The walk, with the question focused.
    Question,
    /// The walk, with the navigator focused.
    Navigator,
    /// The walk, with the notes pane focused (not writing).
    Notes,
    /// Writing notes.
    Editing,
    /// Asking why a question is flagged.
    Flag,
    /// Leaving failed to save.
    Unsaved,
    /// A round of votes in the room.
    Round,
    /// The votes on the current question.
    Reveal,
    Help,
    Summary,
    Find,
    Evidence,
    Reason,
    Export,
    /// Accepting a risk.
    Accept,
    /// Naming a backlog item's owner.
    Owner,
    /// Why a practice does not apply.
    PracticeNa,
    /// The start screen, on any row.
    Start,
    /// The start screen, on a row that is not a text field.
    StartList,
    /// The start screen, on the row that opens a file by its path.
    StartOpen,
    /// Every screen.
    Anywhere,
}

impl Context {
    /// Whether a binding listed for `self` works in `other`.
    fn includes(self, other: Context) -> bool {
        self == other
            || self == Context::Anywhere
            || (self == Context::Start && matches!(other, Context::StartList | Context::StartOpen))
    }

    /// The heading the help and the docs give this context.
    pub fn heading(self) -> &'static str {
        match self {
            Context::Question => "Walk: the question",
            Context::Navigator => "Walk: the navigator",
            Context::Notes => "Walk: the notes pane",
            Context::Editing => "Writing notes",
            Context::Flag => "Flag",
            Context::Unsaved => "Leaving without a save",
            Context::Round => "Vote in the room (a round)",
            Context::Reveal => "Votes: the reveal",
            Context::Help => "Help",
            Context::Summary => "Summary",
            Context::Find => "Find",
            Context::Evidence => "Evidence links",
            Context::Reason => "Not applicable",
            Context::Export => "Export",
            Context::Accept => "Accept a risk",
            Context::Owner => "Owner",
            Context::PracticeNa => "A practice that does not apply",
            Context::Start | Context::StartList | Context::StartOpen => "Start screen",
            Context::Anywhere => "Anywhere",
        }
    }
}

/// One line of the key table.
pub struct Binding {
    /// The keys that trigger it (none: a line of documentation only, like the mouse).
    pub codes: &'static [KeyCode],
    /// With the control key held.
    pub ctrl: bool,
    /// How the keys are written in the help and the docs.
    pub keys: &'static str,
    /// What it does.
    pub help: &'static str,
    /// The footer's short form, keys and word; `None` keeps it out of the footer.
    pub footer: Option<(&'static str, &'static str)>,
    /// Where it works (the first is where the help and the docs list it).
    pub contexts: &'static [Context],
    /// The message for the key pressed.
    pub msg: fn(KeyCode) -> Msg,
}

use Context as C;

const WALK: &[Context] = &[C::Question, C::Navigator, C::Notes];
const DIGITS: &[KeyCode] = &[
    KeyCode::Char('1'),
    KeyCode::Char('2'),
    KeyCode::Char('3'),
    KeyCode::Char('4'),
    KeyCode::Char('5'),
    KeyCode::Char('6'),
    KeyCode::Char('7'),
    KeyCode::Char('8'),
    KeyCode::Char('9'),
];

fn digit(code: KeyCode) -> Msg {
    match code {
        KeyCode::Char(c @ '1'..='9') => Msg::Toggle(c as usize - '1' as usize),
        _ => Msg::ToggleHighlighted,
    }
}

macro_rules! bind {
    ($codes:expr, $keys:literal, $help:literal, $footer:expr, $contexts:expr, $msg:expr) => {
        Binding {
            codes: $codes,
            ctrl: false,
            keys: $keys,
            help: $help,
            footer: $footer,
            contexts: $contexts,
            msg: $msg,
        }
    };
}

/// Every key of every screen, in the order the help and the docs list them.
pub static BINDINGS: &[Binding] = &[
    // The question.
    bind!(
        &[
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Char('k'),
            KeyCode::Char('j')
        ],
        "↑ ↓  k j",
        "highlight the previous or next practice",
        None,
        &[C::Question],
        updown
    ),
    bind!(
        &[KeyCode::Char(' ')],
        "space",
        "tick or untick the highlighted practice",
        Some(("space/1-9", "tick")),
        &[C::Question],
        |_| Msg::ToggleHighlighted
    ),
    bind!(
        DIGITS,
        "1-9",
        "tick or untick practice 1 to 9",
        None,
        &[C::Question],
        digit
    ),
    bind!(
        &[KeyCode::Char('0')],
        "0",
        "tick \"None of these\"",
        Some(("0", "none")),
        &[C::Question],
        |_| Msg::ChooseNone
    ),
    bind!(
        &[KeyCode::Char('A')],
        "A",
        "the highlighted practice does not apply, with a reason; again: it applies",
        None,
        &[C::Question],
        |_| Msg::AskPracticeNa
    ),
    bind!(
        &[KeyCode::Right, KeyCode::Char('l'), KeyCode::Enter],
        "→ l enter",
        "next question",
        Some(("→", "next")),
        &[C::Question],
        |_| Msg::NextQuestion
    ),
    bind!(
        &[KeyCode::Char('w')],
        "w",
        "show all of \"why it matters\", or fold it again",
        Some(("w", "why")),
        &[C::Question],
        |_| Msg::ToggleWhy
    ),
    bind!(
        &[KeyCode::PageDown, KeyCode::PageUp],
        "PgDn PgUp",
        "scroll the question when it does not fit (the wheel too)",
        None,
        &[C::Question],
        |c| if c == KeyCode::PageUp {
            Msg::PageUp
        } else {
            Msg::PageDown
        }
    ),
    // The navigator.
    bind!(
        &[
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Char('k'),
            KeyCode::Char('j')
        ],
        "↑ ↓  k j",
        "previous or next question",
        Some(("↑↓", "question")),
        &[C::Navigator],
        updown
    ),
    bind!(
        &[KeyCode::Right, KeyCode::Char('l'), KeyCode::Enter],
        "→ l enter",
        "answer the question (focus moves to it)",
        Some(("enter", "answer")),
        &[C::Navigator],
        |_| Msg::NextQuestion
    ),
    // Both.
    bind!(
        &[KeyCode::Left, KeyCode::Char('h')],
        "← h",
        "previous question",
        None,
        WALK,
        |_| Msg::PrevQuestion
    ),
    bind!(
        &[KeyCode::Char('n')],
        "n",
        "write notes (esc when done)",
        Some(("n", "notes")),
        WALK,
        |_| Msg::EditNotes
    ),
    bind!(
        &[KeyCode::Char('a')],
        "a",
        "not applicable, with a reason (an empty reason clears it)",
        Some(("a", "n/a")),
        WALK,
        |_| Msg::AskNotApplicable
    ),
    bind!(
        &[KeyCode::Char('f')],
        "f",
        "flag the question to revisit, with a reason for the parking lot; again to unflag",
        Some(("f", "flag")),
        WALK,
        |_| Msg::ToggleFlag
    ),
    bind!(
        &[KeyCode::Char('s')],
        "s",
        "summary: scores and high risks",
        Some(("s", "summary")),
        WALK,
        |_| Msg::OpenSummary
    ),
    bind!(
        &[KeyCode::Char('e')],
        "e",
        "evidence links: add, or select and delete",
        Some(("e", "evidence")),
        WALK,
        |_| Msg::AskEvidence
    ),
    bind!(
        &[KeyCode::Char('x')],
        "x",
        "export the markdown backlog",
        Some(("x", "export")),
        WALK,
        |_| Msg::AskExport
    ),
    bind!(
        &[KeyCode::Char('/')],
        "/",
        "find a question",
        Some(("/", "find")),
        WALK,
        |_| Msg::OpenFind
    ),
    bind!(
        &[KeyCode::Char('p')],
        "p",
        "presentation mode: the question, its practices and the risk, full width",
        Some(("p", "present")),
        WALK,
        |_| Msg::TogglePresent
    ),
    bind!(
        &[KeyCode::Char('v')],
        "v",
        "vote in the room: each voter ticks in turn, then the reveal",
        Some(("v", "vote")),
        WALK,
        |_| Msg::StartRound
    ),
    bind!(
        &[KeyCode::Char('V')],
        "V",
        "the votes on this question (voters' own files appear as they arrive)",
        None,
        WALK,
        |_| Msg::ShowVotes
    ),
    bind!(
        &[KeyCode::Char('r')],
        "r",
        "accept the risk for a while: owner, last day, reason (an empty owner removes it)",
        Some(("r", "accept")),
        WALK,
        |_| Msg::AskAccept
    ),
    bind!(
        &[KeyCode::Char('c')],
        "c",
        "confirm the answer still holds (it is no longer stale)",
        Some(("c", "confirm")),
        WALK,
        |_| Msg::Confirm
    ),
    bind!(
        &[KeyCode::Char('o')],
        "o",
        "owner of the question's backlog item (empty: nobody)",
        None,
        WALK,
        |_| Msg::AskOwner
    ),
    bind!(
        &[KeyCode::Tab],
        "tab",
        "move the focus: navigator, question, notes (never starts writing)",
        Some(("tab", "focus")),
        WALK,
        |_| Msg::FocusNext
    ),
    bind!(
        &[KeyCode::Esc],
        "esc",
        "back to the question",
        None,
        WALK,
        |_| Msg::Back
    ),
    bind!(
        &[KeyCode::Char('?')],
        "?",
        "this help",
        Some(("?", "help")),
        WALK,
        |_| Msg::OpenHelp
    ),
    bind!(
        &[KeyCode::Char('q')],
        "q",
        "save and quit",
        Some(("q", "quit")),
        WALK,
        |_| Msg::Quit
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "write notes",
        Some(("enter", "write")),
        &[C::Notes],
        |_| Msg::EditNotes
    ),
    // Writing notes.
    bind!(
        &[KeyCode::Esc],
        "esc",
        "stop writing; the notes are saved as you type",
        Some(("esc", "done")),
        &[C::Editing],
        |_| Msg::Back
    ),
    bind!(
        &[KeyCode::Tab],
        "tab",
        "stop writing and move the focus",
        Some(("tab", "focus")),
        &[C::Editing],
        |_| Msg::FocusNext
    ),
    bind!(
        &[],
        "enter",
        "a new line",
        Some(("enter", "new line")),
        &[C::Editing],
        |_| Msg::Back
    ),
    // Overlays.
    bind!(
        &[
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::PageUp,
            KeyCode::PageDown
        ],
        "↑ ↓ PgUp PgDn",
        "scroll the help",
        Some(("↑↓", "scroll")),
        &[C::Help],
        |c| match c {
            KeyCode::Up => Msg::Up,
            KeyCode::Down => Msg::Down,
            KeyCode::PageUp => Msg::PageUp,
            _ => Msg::PageDown,
        }
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "flag it, with the reason typed (it may be empty)",
        Some(("enter", "flag")),
        &[C::Flag],
        |_| Msg::Submit
    ),
    bind!(
        &[KeyCode::Esc],
        "esc",
        "close without flagging",
        Some(("esc", "cancel")),
        &[C::Flag],
        |_| Msg::Back
    ),
    bind!(
        &[KeyCode::Esc, KeyCode::Char('?'), KeyCode::Char('q')],
        "esc ? q",
        "close the help",
        Some(("esc", "close")),
        &[C::Help],
        |_| Msg::Back
    ),
    bind!(
        &[
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Char('k'),
            KeyCode::Char('j')
        ],
        "↑ ↓  k j",
        "select a high risk",
        Some(("↑↓", "select")),
        &[C::Summary],
        updown
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "open the selected high risk",
        Some(("enter", "open")),
        &[C::Summary],
        |_| Msg::Submit
    ),
    bind!(
        &[KeyCode::Char('x')],
        "x",
        "export the markdown backlog",
        Some(("x", "export")),
        &[C::Summary],
        |_| Msg::AskExport
    ),
    bind!(
        &[KeyCode::Esc, KeyCode::Char('s'), KeyCode::Char('q')],
        "esc s q",
        "close the summary",
        Some(("esc", "close")),
        &[C::Summary],
        |_| Msg::Back
    ),
    // A round in the room.
    bind!(
        &[
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Char('k'),
            KeyCode::Char('j')
        ],
        "↑ ↓  k j",
        "highlight the previous or next practice",
        None,
        &[C::Round],
        updown
    ),
    bind!(
        &[KeyCode::Char(' ')],
        "space",
        "tick or untick the highlighted practice",
        Some(("space/1-9", "tick")),
        &[C::Round],
        |_| Msg::ToggleHighlighted
    ),
    bind!(
        DIGITS,
        "1-9",
        "tick or untick practice 1 to 9",
        None,
        &[C::Round],
        digit
    ),
    bind!(
        &[KeyCode::Char('0')],
        "0",
        "tick \"None of these\"",
        Some(("0", "none")),
        &[C::Round],
        |_| Msg::ChooseNone
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "done: the vote is hidden and the next voter's turn begins (nothing ticked: pass)",
        Some(("enter", "done")),
        &[C::Round],
        |_| Msg::Submit
    ),
    bind!(
        &[KeyCode::Esc],
        "esc",
        "stop the round: none of its votes is kept",
        Some(("esc", "stop")),
        &[C::Round],
        |_| Msg::Back
    ),
    // The reveal.
    bind!(
        &[KeyCode::Char('v')],
        "v",
        "vote again in the room",
        Some(("v", "vote again")),
        &[C::Reveal],
        |_| Msg::StartRound
    ),
    bind!(
        &[
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::PageUp,
            KeyCode::PageDown
        ],
        "↑ ↓ PgUp PgDn",
        "scroll the votes",
        Some(("↑↓", "scroll")),
        &[C::Reveal],
        |c| match c {
            KeyCode::Up => Msg::Up,
            KeyCode::Down => Msg::Down,
            KeyCode::PageUp => Msg::PageUp,
            _ => Msg::PageDown,
        }
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "take the agreed answer into the review (then adjust it as usual)",
        Some(("enter", "take agreed")),
        &[C::Reveal],
        |_| Msg::Submit
    ),
    bind!(
        &[KeyCode::Esc, KeyCode::Char('V'), KeyCode::Char('q')],
        "esc V q",
        "close the votes",
        Some(("esc", "close")),
        &[C::Reveal],
        |_| Msg::Back
    ),
    bind!(
        &[KeyCode::Up, KeyCode::Down],
        "↑ ↓",
        "select a question",
        Some(("↑↓", "select")),
        &[C::Find],
        updown
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "open the selected question",
        Some(("enter", "open")),
        &[C::Find],
        |_| Msg::Submit
    ),
    bind!(
        &[KeyCode::Esc],
        "esc",
        "close",
        Some(("esc", "close")),
        &[C::Find],
        |_| Msg::Back
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "add the typed link",
        Some(("enter", "add")),
        &[C::Evidence],
        |_| Msg::Submit
    ),
    bind!(
        &[KeyCode::Up, KeyCode::Down],
        "↑ ↓",
        "select a link",
        Some(("↑↓", "select")),
        &[C::Evidence],
        updown
    ),
    bind!(
        &[KeyCode::Delete],
        "delete",
        "remove the selected link",
        Some(("delete", "remove")),
        &[C::Evidence],
        |_| Msg::DeleteEvidence
    ),
    Binding {
        codes: &[KeyCode::Char('d')],
        ctrl: true,
        keys: "ctrl+d",
        help: "remove the selected link",
        footer: None,
        contexts: &[C::Evidence],
        msg: |_| Msg::DeleteEvidence,
    },
    bind!(
        &[KeyCode::Esc],
        "esc",
        "close",
        Some(("esc", "close")),
        &[C::Evidence],
        |_| Msg::Back
    ),
    bind!(
        &[KeyCode::Up, KeyCode::Down, KeyCode::BackTab, KeyCode::Tab],
        "↑ ↓  tab",
        "move between owner, last day and reason",
        Some(("tab", "field")),
        &[C::Accept],
        updown_tab
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "accept the risk until that day (with the owner empty: remove the acceptance)",
        Some(("enter", "accept")),
        &[C::Accept],
        |_| Msg::Submit
    ),
    bind!(
        &[KeyCode::Esc],
        "esc",
        "close without changing anything",
        Some(("esc", "cancel")),
        &[C::Accept],
        |_| Msg::Back
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "save the owner (an empty name removes it)",
        Some(("enter", "save")),
        &[C::Owner],
        |_| Msg::Submit
    ),
    bind!(
        &[KeyCode::Esc],
        "esc",
        "close without changing anything",
        Some(("esc", "cancel")),
        &[C::Owner],
        |_| Msg::Back
    ),
    bind!(
        &[KeyCode::Up, KeyCode::Down],
        "↑ ↓",
        "pick the reason: out of scope, business priorities, architecture constraints, other",
        Some(("↑↓", "reason")),
        &[C::PracticeNa],
        updown
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "mark the practice not applicable, with the reason and the words typed",
        Some(("enter", "save")),
        &[C::PracticeNa],
        |_| Msg::Submit
    ),
    bind!(
        &[KeyCode::Esc],
        "esc",
        "close without changing anything",
        Some(("esc", "cancel")),
        &[C::PracticeNa],
        |_| Msg::Back
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "save the reason (an empty one clears not applicable)",
        Some(("enter", "save")),
        &[C::Reason],
        |_| Msg::Submit
    ),
    bind!(
        &[KeyCode::Esc],
        "esc",
        "close without changing anything",
        Some(("esc", "cancel")),
        &[C::Reason],
        |_| Msg::Back
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "write the backlog to the file named",
        Some(("enter", "write")),
        &[C::Export],
        |_| Msg::Submit
    ),
    bind!(
        &[KeyCode::Esc],
        "esc",
        "close without writing",
        Some(("esc", "cancel")),
        &[C::Export],
        |_| Msg::Back
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "save the review to the file named, then leave",
        Some(("enter", "save there")),
        &[C::Unsaved],
        |_| Msg::Submit
    ),
    Binding {
        codes: &[KeyCode::Char('q')],
        ctrl: true,
        keys: "ctrl+q",
        help: "leave without saving: what the file does not have is lost",
        footer: Some(("ctrl+q", "leave unsaved")),
        contexts: &[C::Unsaved],
        msg: |_| Msg::QuitUnsaved,
    },
    bind!(
        &[KeyCode::Esc],
        "esc",
        "stay in the review (try again later)",
        Some(("esc", "stay")),
        &[C::Unsaved],
        |_| Msg::Back
    ),
    // The start screen.
    bind!(
        &[KeyCode::Tab],
        "tab",
        "on the open row: complete the path (folders and *.review.toml files)",
        Some(("tab", "complete")),
        &[C::StartOpen],
        |_| Msg::Complete
    ),
    bind!(
        &[KeyCode::Up, KeyCode::Down, KeyCode::BackTab, KeyCode::Tab],
        "↑ ↓  tab",
        "move between rows",
        Some(("↑↓ tab", "move")),
        &[C::Start],
        updown_tab
    ),
    bind!(
        &[KeyCode::Char('k'), KeyCode::Char('j')],
        "k j",
        "move between rows (outside a text field)",
        None,
        &[C::StartList],
        updown
    ),
    bind!(
        &[KeyCode::Enter],
        "enter",
        "open the recent review, go to the next field, or start the review",
        Some(("enter", "open/next/start")),
        &[C::Start],
        |_| Msg::Submit
    ),
    bind!(
        &[KeyCode::Char(' ')],
        "space",
        "tick or untick the pack",
        Some(("space", "pick a pack")),
        &[C::StartList],
        |_| Msg::TogglePack
    ),
    bind!(
        &[KeyCode::Char('q')],
        "q",
        "quit (outside a text field)",
        None,
        &[C::StartList],
        |_| Msg::Quit
    ),
    bind!(
        &[KeyCode::Esc],
        "esc",
        "quit",
        Some(("esc", "quit")),
        &[C::Start],
        |_| Msg::Quit
    ),
    // Everywhere.
    Binding {
        codes: &[KeyCode::Char('c')],
        ctrl: true,
        keys: "ctrl+c",
        help: "save and quit, from anywhere",
        footer: None,
        contexts: &[C::Anywhere],
        msg: |_| Msg::Quit,
    },
    bind!(
        &[],
        "mouse",
        "click a practice to tick it, a question to open it",
        None,
        &[C::Anywhere],
        |_| Msg::Back
    ),
    bind!(
        &[],
        "wheel",
        "scroll the practices or the questions",
        None,
        &[C::Anywhere],
        |_| Msg::Back
    ),
];

fn updown(code: KeyCode) -> Msg {
    match code {
        KeyCode::Up | KeyCode::Char('k') => Msg::Up,
        _ => Msg::Down,
    }
}

fn updown_tab(code: KeyCode) -> Msg {
    match code {
        KeyCode::Up | KeyCode::BackTab => Msg::Up,
        _ => Msg::Down,
    }
}

/// The binding for a key in a context, if any.
pub fn lookup(context: Context, key: KeyEvent) -> Option<&'static Binding> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    BINDINGS.iter().find(|b| {
        b.ctrl == ctrl
            && b.codes.contains(&key.code)
            && b.contexts.iter().any(|c| c.includes(context))
    })
}

/// Where the keys go on the start screen.
pub fn start_context(form: &super::start::StartForm) -> Context {
    match form.row {
        Row::Field(_) => Context::Start,
        Row::Open => Context::StartOpen,
        _ => Context::StartList,
    }
}

/// Where the keys go now.
pub fn context(app: &App) -> Context {
    if let Screen::Start(form) = &app.screen {
        return start_context(form);
    }
    match &app.overlay {
        Some(Overlay::Help) => Context::Help,
        Some(Overlay::Summary { .. }) => Context::Summary,
        Some(Overlay::Find { .. }) => Context::Find,
        Some(Overlay::Evidence { .. }) => Context::Evidence,
        Some(Overlay::Reason(_)) => Context::Reason,
        Some(Overlay::Export(_)) => Context::Export,
        Some(Overlay::Flag(_)) => Context::Flag,
        Some(Overlay::Accept(_)) => Context::Accept,
        Some(Overlay::Owner(_)) => Context::Owner,
        Some(Overlay::PracticeNa { .. }) => Context::PracticeNa,
        Some(Overlay::Unsaved { .. }) => Context::Unsaved,
        Some(Overlay::Round(_)) => Context::Round,
        Some(Overlay::Reveal { .. }) => Context::Reveal,
        None => match app.focus {
            Focus::Navigator => Context::Navigator,
            Focus::Question => Context::Question,
            Focus::Notes => Context::Notes,
            Focus::Editing => Context::Editing,
        },
    }
}

/// The footer's hints for a context, in table order.
pub fn footer(context: Context) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.iter().any(|c| c.includes(context)))
        .filter_map(|b| b.footer)
        .collect()
}

/// The footer's hints for where the keys go now; a voter's walk leaves out the keys it refuses.
pub fn footer_of(app: &App) -> Vec<(&'static str, &'static str)> {
    let context = context(app);
    BINDINGS
        .iter()
        .filter(|b| b.contexts.iter().any(|c| c.includes(context)))
        .filter(|b| {
            app.ballot.is_none()
                || b.codes
                    .first()
                    .is_none_or(|code| super::ballot::refused(app, &(b.msg)(*code)).is_none())
        })
        .filter_map(|b| b.footer)
        .collect()
}

/// The heading a binding is listed under.
fn heading(b: &Binding) -> &'static str {
    if b.contexts == WALK {
        "Walk: the question and the navigator"
    } else {
        b.contexts.first().map_or("", |c| c.heading())
    }
}

/// The bindings grouped under their headings, in table order, keeping those `keep` accepts.
pub fn sections(keep: impl Fn(&Binding) -> bool) -> Vec<(&'static str, Vec<&'static Binding>)> {
    let mut out: Vec<(&'static str, Vec<&'static Binding>)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| keep(b)) {
        let h = heading(b);
        match out.last_mut() {
            Some((last, list)) if *last == h => list.push(b),
            _ => out.push((h, vec![b])),
        }
    }
    out
}

/// The sections of the `?` help: the walk and what works anywhere.
pub fn help_sections() -> Vec<(&'static str, Vec<&'static Binding>)> {
    sections(|b| {
        b.contexts.iter().any(|c| {
            matches!(
                c,
                Context::Question
                    | Context::Navigator
                    | Context::Notes
                    | Context::Editing
                    | Context::Anywhere
            )
        })
    })
}

/// The key table of `docs/review-screen.md`: one table per section.
pub fn markdown() -> String {
    let mut out = String::new();
    for (i, (heading, list)) in sections(|_| true).into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "**{heading}**\n\n| key | what it does |\n|---|---|\n"
        ));
        for b in list {
            out.push_str(&format!(
                "| `{}` | {} |\n",
                b.keys.replace('|', "\\|"),
                b.help.replace('|', "\\|")
            ));
        }
    }
    out
}

/// The message for a terminal event, if any; `size` is the terminal's width and height.
pub fn to_msg(app: &App, event: &Event, size: (u16, u16)) -> Option<Msg> {
    let (width, height) = size;
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_msg(app, *key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                col: m.column,
                row: m.row,
                width,
                height,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Msg::Scroll {
                col: m.column,
                row: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
                width,
                height,
            }),
            _ => None,
        },
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        Event::Paste(text) => Some(Msg::Paste(text.clone())),
        _ => None,
    }
}

fn key_msg(app: &App, key: KeyEvent) -> Option<Msg> {
    let context = context(app);
    if let Some(binding) = lookup(context, key) {
        return Some((binding.msg)(key.code));
    }
    match context {
        Context::Editing => Some(Msg::NotesKey(key)),
        Context::Start
        | Context::StartList
        | Context::StartOpen
        | Context::Find
        | Context::Evidence
        | Context::Reason
        | Context::Flag
        | Context::Unsaved
        | Context::Export
        | Context::Accept
        | Context::Owner
        | Context::PracticeNa => Some(Msg::InputKey(key)),
        _ => None,
    }
}
