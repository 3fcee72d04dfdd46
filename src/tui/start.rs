//! The start screen: resume a recent review, open any review by its path, or set up a new one.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use super::app::Effect;
use super::input::LineInput;
use super::recent::Recent;

/// Everything needed to create a review file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReview {
    pub path: PathBuf,
    pub workload: String,
    pub team: String,
    pub facilitator: String,
    pub participants: Vec<String>,
    /// Workload properties: what it is, where it runs, its architecture, who owns the review.
    pub description: String,
    pub environment: String,
    pub architecture: String,
    pub owner: String,
    pub packs: Vec<String>,
    /// Minutes allowed per pillar, when the facilitator sets a timebox.
    pub pillar_minutes: Option<u32>,
}

/// A text field of the new-review form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Workload,
    Team,
    Facilitator,
    Participants,
    Description,
    Environment,
    Architecture,
    Owner,
    PillarMinutes,
    File,
}

impl Field {
    /// In screen order.
    pub const ALL: [Field; 10] = [
        Field::Workload,
        Field::Team,
        Field::Facilitator,
        Field::Participants,
        Field::Description,
        Field::Environment,
        Field::Architecture,
        Field::Owner,
        Field::PillarMinutes,
        Field::File,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Workload => "Workload",
            Field::Team => "Team",
            Field::Facilitator => "Facilitator",
            Field::Participants => "Participants",
            Field::Description => "Description",
            Field::Environment => "Environment",
            Field::Architecture => "Architecture",
            Field::Owner => "Review owner",
            Field::PillarMinutes => "Min./pillar",
            Field::File => "File",
        }
    }
}

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
    /// Open a review file by its path.
    Open,
    Field(Field),
    Pack(usize),
    Start,
}

#[derive(Debug, Clone)]
pub struct StartForm {
    pub recent: Vec<Recent>,
    /// The text of each field, in [`Field::ALL`] order.
    fields: [LineInput; 10],
    /// The path typed on the open row.
    pub open: LineInput,
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
        pillar_minutes: Option<u32>,
    ) -> StartForm {
        let row = if recent.is_empty() {
            Row::Field(Field::Workload)
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
                LineInput::default(),
                LineInput::default(),
                LineInput::default(),
                LineInput::default(),
                LineInput::new(&pillar_minutes.map(|m| m.to_string()).unwrap_or_default()),
                LineInput::new(&file_name_for("")),
            ],
            open: LineInput::default(),
            packs,
            row,
            file_edited: false,
            error: None,
        }
    }

    pub fn field(&self, f: Field) -> &LineInput {
        &self.fields[f as usize]
    }

    fn field_mut(&mut self, f: Field) -> &mut LineInput {
        &mut self.fields[f as usize]
    }

    /// Every row in screen order.
    pub fn rows(&self) -> Vec<Row> {
        (0..self.recent.len())
            .map(Row::Recent)
            .chain([Row::Open])
            .chain(Field::ALL.into_iter().map(Row::Field))
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

    /// Enter: open a recent review, start the review, or move on to the next row (a pack row is
    /// left as it is: space ticks packs).
    pub fn submit(&mut self) -> Option<Effect> {
        match self.row {
            Row::Recent(i) => self.recent.get(i).map(|r| Effect::Open(r.path.clone())),
            Row::Open => {
                let path = self.open.text.trim();
                if path.is_empty() {
                    self.error =
                        Some("Type the path of a review file, or pick a recent one.".into());
                    return None;
                }
                Some(Effect::Open(PathBuf::from(path)))
            }
            Row::Field(_) | Row::Pack(_) => {
                self.move_by(1);
                None
            }
            Row::Start => self.new_review().map(|n| Effect::Create(Box::new(n))),
        }
    }

    /// Space on a pack row: tick or untick that pack.
    pub fn toggle_pack(&mut self) {
        if let Row::Pack(i) = self.row
            && let Some(p) = self.packs.get_mut(i)
        {
            p.selected = !p.selected;
            self.error = None;
        }
    }

    /// A key for the text field under the cursor; the file name follows the workload until it is
    /// edited by hand.
    pub fn type_key(&mut self, key: KeyEvent) {
        if self.row == Row::Open {
            if self.open.key(key) {
                self.error = None;
            }
            return;
        }
        let Row::Field(f) = self.row else { return };
        if !self.field_mut(f).key(key) {
            return;
        }
        match f {
            Field::File => self.file_edited = true,
            Field::Workload if !self.file_edited => {
                let name = file_name_for(&self.field(Field::Workload).text);
                *self.field_mut(Field::File) = LineInput::new(&name);
            }
            _ => {}
        }
        self.error = None;
    }

    /// Pasted text goes into the text field under the cursor.
    pub fn paste(&mut self, text: &str) {
        match self.row {
            Row::Open => self.open.insert_str(text),
            Row::Field(f) => {
                self.field_mut(f).insert_str(text);
                match f {
                    Field::File => self.file_edited = true,
                    Field::Workload if !self.file_edited => {
                        let name = file_name_for(&self.field(Field::Workload).text);
                        *self.field_mut(Field::File) = LineInput::new(&name);
                    }
                    _ => {}
                }
            }
            _ => return,
        }
        self.error = None;
    }

    /// Tab on the open row: completes the path typed as far as the folder's entries agree,
    /// offering folders and review files (`*.review.toml`).
    pub fn complete(&mut self) {
        let typed = self.open.text.clone();
        let (dir, stem) = match typed.rfind('/') {
            Some(i) => (typed[..=i].to_string(), typed[i + 1..].to_string()),
            None => (String::new(), typed.clone()),
        };
        let folder = if dir.is_empty() { "." } else { dir.as_str() };
        let Ok(entries) = std::fs::read_dir(folder) else {
            self.error = Some(format!("No folder {folder}"));
            return;
        };
        let mut names: Vec<(String, bool)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_str()?.to_string();
                let is_dir = e.path().is_dir();
                (name.starts_with(&stem)
                    && !name.starts_with('.')
                    && (is_dir || name.ends_with(".review.toml")))
                .then_some((name, is_dir))
            })
            .collect();
        names.sort();
        let Some((first, _)) = names.first() else {
            self.error = Some("No review file or folder starts with that.".into());
            return;
        };
        let mut common: String = first.clone();
        for (name, _) in &names[1..] {
            let shared = common
                .chars()
                .zip(name.chars())
                .take_while(|(a, b)| a == b)
                .count();
            common = common.chars().take(shared).collect();
        }
        let mut completed = format!("{dir}{common}");
        if let [(_, true)] = names.as_slice() {
            completed.push('/');
        }
        self.error = (names.len() > 1).then(|| {
            let shown: Vec<&str> = names.iter().take(6).map(|(n, _)| n.as_str()).collect();
            format!("{} match: {}", names.len(), shown.join("  "))
        });
        self.open = LineInput::new(&completed);
    }

    /// The new review as filled in, or `None` with `error` set.
    pub fn new_review(&mut self) -> Option<NewReview> {
        let [
            workload,
            team,
            facilitator,
            participants,
            description,
            environment,
            architecture,
            owner,
            minutes,
            file,
        ] = self.fields.clone().map(|f| f.text.trim().to_string());
        let packs: Vec<String> = self
            .packs
            .iter()
            .filter(|p| p.selected)
            .map(|p| p.id.clone())
            .collect();
        self.error = if workload.is_empty() {
            self.row = Row::Field(Field::Workload);
            Some("Name the workload under review.".into())
        } else if file.is_empty() {
            self.row = Row::Field(Field::File);
            Some("Give the review a file name.".into())
        } else if !minutes.is_empty() && minutes.parse::<u32>().is_err() {
            self.row = Row::Field(Field::PillarMinutes);
            Some("Minutes per pillar: a whole number, or empty for no timebox.".into())
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
            description,
            environment,
            architecture,
            owner,
            packs,
            pillar_minutes: minutes.parse().ok().filter(|m| *m > 0),
        })
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
        StartForm::new(vec![], packs, "Orion", "Sam", None)
    }

    fn typed(form: &mut StartForm, text: &str) {
        for c in text.chars() {
            form.type_key(KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c)));
        }
    }

    #[test]
    fn the_file_name_follows_the_workload_until_edited() {
        let mut f = form();
        typed(&mut f, "Payments API!");
        assert_eq!(f.field(Field::File).text, "payments-api.review.toml");
        assert_eq!(file_name_for("  "), "review.review.toml");
    }

    #[test]
    fn starting_needs_a_workload_and_a_pack() {
        let mut f = form();
        f.row = Row::Start;
        assert_eq!(f.submit(), None);
        assert_eq!(f.error.as_deref(), Some("Name the workload under review."));
        assert_eq!(f.row, Row::Field(Field::Workload));
        typed(&mut f, "Payments");
        f.row = Row::Pack(0);
        f.toggle_pack();
        f.row = Row::Start;
        assert_eq!(f.submit(), None);
        assert_eq!(f.error.as_deref(), Some("Pick at least one pack."));
        f.packs[0].selected = true;
        *f.field_mut(Field::Participants) = LineInput::new("Ana, Ben,");
        *f.field_mut(Field::Environment) = LineInput::new(" production ");
        *f.field_mut(Field::Owner) = LineInput::new("Ana");
        f.row = Row::Start;
        let Some(Effect::Create(n)) = f.submit() else {
            panic!("expected a new review")
        };
        assert_eq!(
            (
                n.environment.as_str(),
                n.owner.as_str(),
                n.description.as_str()
            ),
            ("production", "Ana", "")
        );
        assert_eq!(
            (n.workload.as_str(), n.team.as_str(), n.participants.len()),
            ("Payments", "Orion", 2)
        );
        assert_eq!(n.path, PathBuf::from("payments.review.toml"));
    }
}
