//! The register on the review screen: accepting a risk (`r`), confirming an answer (`c`), the
//! owner of a backlog item (`o`) and a practice that does not apply (`A`), with their overlays;
//! and what the walk shows of the register (a mark in the navigator, a note on the risk line).
//!
//! Every change is a [`Edit`] the domain session applies; "today" is the UTC day of `app.now`,
//! so tests control it with the clock message like everything else.

use super::app::{App, Effect, Msg, Overlay, Tone};
use super::input::LineInput;
use super::update::edit;
use crate::review::model::NaReason;
use crate::review::register::{AsOf, Register, Standing};
use crate::review::session::{Edit, QRef, Refusal};
use crate::review::{Day, Timestamp};

/// The fields of the accept overlay.
#[derive(Debug, Clone)]
pub struct AcceptForm {
    pub owner: LineInput,
    pub until: LineInput,
    pub reason: LineInput,
    /// 0 owner, 1 until, 2 reason.
    pub field: usize,
    /// Why the last enter was not taken.
    pub error: Option<String>,
}

impl AcceptForm {
    pub const LABELS: [&'static str; 3] = ["Owner", "Until", "Reason"];

    pub fn input(&self, i: usize) -> &LineInput {
        match i {
            0 => &self.owner,
            1 => &self.until,
            _ => &self.reason,
        }
    }

    fn input_mut(&mut self) -> &mut LineInput {
        match self.field {
            0 => &mut self.owner,
            1 => &mut self.until,
            _ => &mut self.reason,
        }
    }
}

/// The day the screen judges the register on, with the settings' review period.
pub fn as_of(app: &App) -> AsOf {
    AsOf {
        day: today(app),
        review_days: app.review_days,
    }
}

fn today(app: &App) -> Day {
    Timestamp(i64::try_from(app.now).unwrap_or(i64::MAX)).day()
}

/// The register of the review on screen, as of today.
pub fn register(app: &App) -> Option<Register> {
    let s = app.session()?;
    Some(Register::of(s.review(), s.packs(), as_of(app)))
}

/// The navigator's mark for a question: `!` an acceptance that no longer holds, `A` an accepted
/// risk, `◷` a stale answer; `None` for nothing to say.
pub fn mark(register: &Register, key: &str) -> Option<&'static str> {
    match register.acceptance(key).map(|a| a.standing) {
        Some(Standing::Expired | Standing::Outgrown) => Some("!"),
        Some(Standing::Holds) => Some("A"),
        _ if register.is_stale(key) => Some("◷"),
        _ => None,
    }
}

/// What the risk line says of the current question's register entry, or nothing.
pub fn note(app: &App) -> String {
    let (Some(s), Some(reg)) = (app.session(), register(app)) else {
        return String::new();
    };
    let Some(key) = s.current_key() else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some(a) = reg.acceptance(&key) {
        parts.push(acceptance_text(a));
    }
    if let Some(st) = reg.stale.iter().find(|x| x.place.id == key) {
        parts.push(format!("stale since {}: c confirms", st.due));
    }
    if let Some(owner) = s.current_answer().map(|a| a.owner.as_str())
        && !owner.is_empty()
    {
        parts.push(format!("owner {owner}"));
    }
    parts.join(" · ")
}

/// An acceptance in a few words: `accepted until 2027-03-31 (Ana)`, `acceptance expired after
/// 2027-03-31 (Ana)`, …
pub fn acceptance_text(a: &crate::review::register::Accepted) -> String {
    match a.standing {
        Standing::Holds => format!("accepted until {} ({})", a.until, a.owner),
        Standing::Expired => format!("acceptance expired after {} ({})", a.until, a.owner),
        Standing::Outgrown => format!(
            "accepted at {} only: open again ({})",
            a.accepted_risk.as_str(),
            a.owner
        ),
        Standing::Moot => format!("acceptance moot: no risk now ({})", a.owner),
    }
}

/// The walk's register keys.
pub(super) fn walk(app: &mut App, msg: Msg) -> Option<Effect> {
    let s = app.session()?;
    if s.current().is_none() {
        app.message = Some((Refusal::NoQuestion.to_string(), Tone::Error));
        return None;
    }
    let answer = s.current_answer().cloned().unwrap_or_default();
    let at_risk = s.current().is_some_and(|(_, _, q)| {
        matches!(
            crate::review::register::risk_of(q, &answer),
            Some(crate::pack::Risk::High | crate::pack::Risk::Medium)
        )
    });
    match msg {
        Msg::AskAccept if !at_risk && answer.accepted.is_none() => {
            app.message = Some((Refusal::NotAtRisk.to_string(), Tone::Error));
            None
        }
        Msg::AskAccept => {
            let until = today(app).plus(i64::from(app.accept_days));
            let form = match &answer.accepted {
                Some(a) => AcceptForm {
                    owner: LineInput::new(&a.owner),
                    until: LineInput::new(&a.until.to_string()),
                    reason: LineInput::new(&a.reason),
                    field: 0,
                    error: None,
                },
                None => AcceptForm {
                    owner: LineInput::new(&answer.owner),
                    until: LineInput::new(&until.to_string()),
                    reason: LineInput::default(),
                    field: 0,
                    error: None,
                },
            };
            app.overlay = Some(Overlay::Accept(form));
            None
        }
        Msg::Confirm => edit(app, Edit::Confirm),
        Msg::AskOwner => {
            app.overlay = Some(Overlay::Owner(LineInput::new(&answer.owner)));
            None
        }
        Msg::AskPracticeNa => {
            let choice = app.choice;
            let id = s
                .current()
                .and_then(|(_, _, q)| q.choices.get(choice))
                .map(|c| c.id.clone());
            if let Some(id) = id
                && answer.not_applicable.contains_key(&id)
            {
                return edit(app, Edit::ClearPracticeNotApplicable(choice));
            }
            app.overlay = Some(Overlay::PracticeNa {
                choice,
                reason: 0,
                note: LineInput::default(),
            });
            None
        }
        _ => None,
    }
}

/// Keys for the register's overlays (esc was handled before).
pub(super) fn overlay(app: &mut App, msg: Msg) -> Option<Effect> {
    match app.overlay.as_mut()? {
        Overlay::Accept(form) => match msg {
            Msg::InputKey(key) => {
                form.input_mut().key(key);
                form.error = None;
                None
            }
            Msg::Up => {
                form.field = (form.field + 2) % 3;
                None
            }
            Msg::Down => {
                form.field = (form.field + 1) % 3;
                None
            }
            Msg::Submit => submit_accept(app),
            _ => None,
        },
        Overlay::Owner(input) => match msg {
            Msg::InputKey(key) => {
                input.key(key);
                None
            }
            Msg::Submit => {
                let name = input.text.trim().to_string();
                app.overlay = None;
                edit(app, Edit::Owner(name))
            }
            _ => None,
        },
        Overlay::PracticeNa { reason, note, .. } => match msg {
            Msg::InputKey(key) => {
                note.key(key);
                None
            }
            Msg::Up => {
                *reason = (*reason + NaReason::ALL.len() - 1) % NaReason::ALL.len();
                None
            }
            Msg::Down => {
                *reason = (*reason + 1) % NaReason::ALL.len();
                None
            }
            Msg::Submit => {
                let Some(Overlay::PracticeNa {
                    choice,
                    reason,
                    note,
                }) = app.overlay.take()
                else {
                    return None;
                };
                edit(
                    app,
                    Edit::PracticeNotApplicable {
                        choice,
                        reason: NaReason::ALL[reason],
                        note: note.text,
                    },
                )
            }
            _ => None,
        },
        _ => None,
    }
}

/// Enter on the accept overlay: an empty owner removes the acceptance; otherwise the day is read
/// and the edit made. A refusal stays in the overlay, so nothing typed is lost.
fn submit_accept(app: &mut App) -> Option<Effect> {
    let Some(Overlay::Accept(form)) = &app.overlay else {
        return None;
    };
    let accepted = app
        .session()
        .and_then(|s| s.current_answer())
        .is_some_and(|a| a.accepted.is_some());
    if form.owner.text.trim().is_empty() && accepted {
        app.overlay = None;
        return edit(app, Edit::ClearAcceptance);
    }
    let until = match form.until.text.parse::<Day>() {
        Ok(day) => day,
        Err(e) => return refuse(app, e.to_string(), 1),
    };
    let change = Edit::Accept {
        owner: form.owner.text.clone(),
        until,
        reason: form.reason.text.clone(),
    };
    let now = Timestamp(i64::try_from(app.now).unwrap_or(i64::MAX));
    // Tried on a copy first: a refusal keeps the overlay open with what was typed.
    let mut trial = app.session()?.clone();
    if let crate::review::session::Outcome::Refused(r) = trial.apply(change.clone(), now) {
        let field = match r {
            Refusal::OwnerRequired => 0,
            Refusal::UntilPassed => 1,
            _ => 2,
        };
        return refuse(app, r.to_string(), field);
    }
    app.overlay = None;
    edit(app, change)
}

fn refuse(app: &mut App, error: String, field: usize) -> Option<Effect> {
    if let Some(Overlay::Accept(form)) = &mut app.overlay {
        form.error = Some(error);
        form.field = field;
    }
    None
}

/// Text pasted into a register overlay's input; `false` when none is open.
pub(super) fn paste(app: &mut App, text: &str) -> bool {
    match &mut app.overlay {
        Some(Overlay::Accept(form)) => form.input_mut().insert_str(text),
        Some(Overlay::Owner(input) | Overlay::PracticeNa { note: input, .. }) => {
            input.insert_str(text);
        }
        _ => return false,
    }
    true
}

/// Whether a question of the walk is stale, accepted or past its acceptance (for the navigator).
pub fn nav_mark(app: &App, register: &Register, r: QRef) -> Option<&'static str> {
    let key = app.session()?.key_of(r)?;
    mark(register, &key)
}
