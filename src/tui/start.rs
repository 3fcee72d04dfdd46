//! The start screen: resume a recent review or set up a new one.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use serde::{Deserialize, Serialize};

use super::app::{Effect, LineInput};

/// A review opened before, remembered in `<data dir>/recent.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recent {
    pub path: PathBuf,
    pub workload: String,
    #[serde(default)]
    pub team: String,
    /// When it was last opened, `YYYY-MM-DD HH:MM` UTC.
    #[serde(default)]
    pub opened: String,
}

/// Everything needed to create a review file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReview {
    pub path: PathBuf,
    pub workload: String,
    pub team: String,
    pub facilitator: String,
    pub participants: Vec<String>,
    pub packs: Vec<String>,
}

/// The text fields of the new-review form, in screen order.
pub const FIELDS: [&str; 5] = ["Workload", "Team", "Facilitator", "Participants", "File"];

/// A pack offered for the new review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackChoice {
    pub id: String,
    pub name: String,
    pub questions: usize,
    pub selected: bool,
}

/// One row of the start screen that can take the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Recent(usize),
    Field(usize),
    Pack(usize),
    Start,
}

#[derive(Debug, Clone)]
pub struct StartForm {
    pub recent: Vec<Recent>,
    pub fields: [LineInput; 5],
    pub packs: Vec<PackChoice>,
    pub row: Row,
    /// Whether the file name was typed by hand (else it follows the workload).
    pub file_edited: bool,
    pub error: Option<String>,
}

/// A file name from a workload: `Payments API` → `payments-api.review.toml`.
pub fn file_name_for(workload: &str) -> String {
    let mut slug = String::new();
    for c in workload.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    format!(
        "{}.review.toml",
        if slug.is_empty() { "review" } else { slug }
    )
}

impl StartForm {
    pub fn new(
        recent: Vec<Recent>,
        packs: Vec<PackChoice>,
        team: &str,
        facilitator: &str,
    ) -> StartForm {
        let row = if recent.is_empty() {
            Row::Field(0)
        } else {
            Row::Recent(0)
        };
        StartForm {
            recent,
            fields: [
                LineInput::default(),
                LineInput::new(team),
                LineInput::new(facilitator),
                LineInput::default(),
                LineInput::new(&file_name_for("")),
            ],
            packs,
            row,
            file_edited: false,
            error: None,
        }
    }

    /// Every row in screen order.
    pub fn rows(&self) -> Vec<Row> {
        (0..self.recent.len())
            .map(Row::Recent)
            .chain((0..FIELDS.len()).map(Row::Field))
            .chain((0..self.packs.len()).map(Row::Pack))
            .chain([Row::Start])
            .collect()
    }

    pub fn move_by(&mut self, delta: isize) {
        let rows = self.rows();
        let at = rows.iter().position(|r| *r == self.row).unwrap_or(0) as isize;
        let next = (at + delta).clamp(0, rows.len() as isize - 1) as usize;
        self.row = rows[next];
    }

    /// Enter: open a recent review, move to the next field, toggle a pack, or start.
    pub fn submit(&mut self) -> Option<Effect> {
        match self.row {
            Row::Recent(i) => self.recent.get(i).map(|r| Effect::Open(r.path.clone())),
            Row::Field(_) => {
                self.move_by(1);
                None
            }
            Row::Pack(i) => {
                if let Some(p) = self.packs.get_mut(i) {
                    p.selected = !p.selected;
                }
                None
            }
            Row::Start => self.new_review().map(Effect::Create),
        }
    }

    /// The new review as filled in, or `None` with `error` set.
    pub fn new_review(&mut self) -> Option<NewReview> {
        let [workload, team, facilitator, participants, file] =
            self.fields.clone().map(|f| f.text.trim().to_string());
        let packs: Vec<String> = self
            .packs
            .iter()
            .filter(|p| p.selected)
            .map(|p| p.id.clone())
            .collect();
        self.error = if workload.is_empty() {
            self.row = Row::Field(0);
            Some("Name the workload under review.".into())
        } else if file.is_empty() {
            self.row = Row::Field(4);
            Some("Give the review a file name.".into())
        } else if packs.is_empty() {
            self.row = Row::Pack(0);
            Some("Pick at least one pack.".into())
        } else {
            None
        };
        if self.error.is_some() {
            return None;
        }
        let participants = participants
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        Some(NewReview {
            path: PathBuf::from(file),
            workload,
            team,
            facilitator,
            participants,
            packs,
        })
    }

    /// A key on the start screen; returns an effect, or `Some(Effect::Quit)` for esc.
    pub fn key(&mut self, key: KeyEvent) -> Option<Effect> {
        match key.code {
            KeyCode::Esc => return Some(Effect::Quit),
            KeyCode::Up | KeyCode::BackTab => self.move_by(-1),
            KeyCode::Down | KeyCode::Tab => self.move_by(1),
            KeyCode::Enter => return self.submit(),
            KeyCode::Char(' ') if matches!(self.row, Row::Pack(_)) => return self.submit(),
            KeyCode::Char('q') if !matches!(self.row, Row::Field(_)) => return Some(Effect::Quit),
            KeyCode::Char('k') if !matches!(self.row, Row::Field(_)) => self.move_by(-1),
            KeyCode::Char('j') if !matches!(self.row, Row::Field(_)) => self.move_by(1),
            _ => {
                if let Row::Field(i) = self.row
                    && self.fields[i].key(key)
                {
                    if i == 4 {
                        self.file_edited = true;
                    } else if i == 0 && !self.file_edited {
                        self.fields[4] = LineInput::new(&file_name_for(&self.fields[0].text));
                    }
                    self.error = None;
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> StartForm {
        let packs = vec![PackChoice {
            id: "security".into(),
            name: "Security".into(),
            questions: 10,
            selected: true,
        }];
        StartForm::new(vec![], packs, "Orion", "Sam")
    }

    fn typed(form: &mut StartForm, text: &str) {
        for c in text.chars() {
            form.key(KeyEvent::from(KeyCode::Char(c)));
        }
    }

    #[test]
    fn the_file_name_follows_the_workload_until_edited() {
        let mut f = form();
        typed(&mut f, "Payments API!");
        assert_eq!(f.fields[4].text, "payments-api.review.toml");
        assert_eq!(file_name_for("  "), "review.review.toml");
    }

    #[test]
    fn starting_needs_a_workload_and_a_pack() {
        let mut f = form();
        f.row = Row::Start;
        assert_eq!(f.submit(), None);
        assert_eq!(f.error.as_deref(), Some("Name the workload under review."));
        assert_eq!(f.row, Row::Field(0));
        typed(&mut f, "Payments");
        f.row = Row::Pack(0);
        f.submit();
        f.row = Row::Start;
        assert_eq!(f.submit(), None);
        assert_eq!(f.error.as_deref(), Some("Pick at least one pack."));
        f.packs[0].selected = true;
        f.fields[3] = LineInput::new("Ana, Ben,");
        f.row = Row::Start;
        let Some(Effect::Create(n)) = f.submit() else {
            panic!("expected a new review")
        };
        assert_eq!(
            (n.workload.as_str(), n.team.as_str(), n.participants.len()),
            ("Payments", "Orion", 2)
        );
        assert_eq!(n.path, PathBuf::from("payments.review.toml"));
    }
}
