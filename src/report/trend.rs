//! A workload's scores across its milestones and today: "are we getting better?".
//!
//! Each milestone contributes its frozen scores (no pack is loaded to read them); the review as it
//! is now is the last point. Pillars are every pillar any point has, in pillar order, each with
//! its target when one is set.

use std::fmt::Write;

use serde::Serialize;

use super::chart::{bar, sparkline};
use super::targets::{self, Targets};
use crate::backlog::escape::{self, inline};
use crate::pack::pillar_rank;
use crate::review::milestone::Milestone;
use crate::review::score::Scorecard;
use crate::text::clean_line;

/// The version of the JSON shape.
pub const FORMAT: u32 = 1;

/// A pillar as a row of the trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub id: String,
    pub name: String,
    pub target: Option<f64>,
}

/// The scores at one moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// The milestone's name, or `now`.
    pub name: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub milestone: bool,
    pub overall: Option<f64>,
    pub completion: f64,
    /// One per [`Trend::pillars`], in the same order; `None` where the point has no score.
    pub pillars: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub format: u32,
    pub workload: String,
    pub pillars: Vec<Series>,
    pub points: Vec<Point>,
}

/// The trend of a review: its milestones (oldest first), then `now` scored from `current`.
pub fn trend(
    workload: &str,
    milestones: &[Milestone],
    current: &Scorecard,
    today: &str,
    targets: &Targets,
) -> Trend {
    let mut pillars: Vec<Series> = Vec::new();
    let mut add = |id: &str, name: &str| match pillars.iter_mut().find(|s| s.id == id) {
        Some(s) => s.name = clean_line(name).into_owned(),
        None => pillars.push(Series {
            id: id.to_string(),
            name: clean_line(name).into_owned(),
            target: targets.get(id),
        }),
    };
    for m in milestones {
        for p in &m.pillars {
            add(&p.id, &p.name);
        }
    }
    for p in &current.pillars {
        add(&p.id, &p.name);
    }
    pillars.sort_by_key(|s| pillar_rank(&s.id));
    let mut points: Vec<Point> = milestones
        .iter()
        .map(|m| Point {
            name: clean_line(&m.name).into_owned(),
            date: m.date.date(),
            milestone: true,
            overall: m.overall,
            completion: m.completion,
            pillars: pillars.iter().map(|s| m.pillar_score(&s.id)).collect(),
        })
        .collect();
    points.push(Point {
        name: "now".into(),
        date: today.to_string(),
        milestone: false,
        overall: current.overall,
        completion: current.completion,
        pillars: pillars
            .iter()
            .map(|s| {
                current
                    .pillars
                    .iter()
                    .find(|p| p.id == s.id)
                    .and_then(|p| p.score)
            })
            .collect(),
    });
    Trend {
        format: FORMAT,
        workload: clean_line(workload.trim()).into_owned(),
        pillars,
        points,
    }
}

impl Trend {
    /// Rows of (name, scores over time, target): overall first, then each pillar.
    fn rows(&self) -> Vec<(String, Vec<Option<f64>>, Option<f64>)> {
        let mut rows = vec![(
            "Overall".to_string(),
            self.points.iter().map(|p| p.overall).collect(),
            None,
        )];
        for (i, s) in self.pillars.iter().enumerate() {
            rows.push((
                s.name.clone(),
                self.points.iter().map(|p| p.pillars[i]).collect(),
                s.target,
            ));
        }
        rows
    }

    fn has_targets(&self) -> bool {
        self.pillars.iter().any(|s| s.target.is_some())
    }

    fn title(&self) -> String {
        let n = self.points.len() - 1;
        format!(
            "{}: {n} milestone{} and now",
            self.workload,
            if n == 1 { "" } else { "s" }
        )
    }
}

/// First to last change of a series: `+20.8`, or `—` without two scores.
fn change(scores: &[Option<f64>]) -> String {
    let first = scores.iter().flatten().next();
    let last = scores.last().copied().flatten();
    match (first, last) {
        (Some(f), Some(l)) if scores.iter().flatten().count() > 1 => format!("{:+.1}", l - f),
        _ => "—".into(),
    }
}

/// The table (series × points, with target, sparkline and change) and a bar chart of the overall
/// score at each point.
pub fn text(t: &Trend) -> String {
    let mut out = t.title() + "\n\n";
    let has_targets = t.has_targets();
    let mut header = vec![String::new()];
    let mut dates = vec![String::new()];
    for p in &t.points {
        header.push(p.name.clone());
        dates.push(p.date.clone());
    }
    if has_targets {
        header.push("TARGET".into());
        dates.push(String::new());
    }
    header.extend(["TREND".to_string(), "CHANGE".to_string()]);
    dates.extend([String::new(), String::new()]);
    let mut rows = vec![header, dates];
    for (name, scores, target) in t.rows() {
        let mut row = vec![name];
        row.extend(marked(&scores, target));
        if has_targets {
            row.push(targets::format(target));
        }
        row.push(sparkline(&scores));
        row.push(change(&scores));
        rows.push(row);
    }
    let n = rows[0].len();
    let mut right = vec![true; n];
    right[0] = false;
    right[n - 2] = false;
    out.push_str(&table(&rows, &right));
    if has_targets {
        out.push_str("\n▼ below its target now.\n");
    }
    out.push_str("\nOverall score\n");
    let width = |names: &mut dyn Iterator<Item = &String>| {
        names.map(|n| n.chars().count()).max().unwrap_or(0)
    };
    let label_w = width(&mut t.points.iter().map(|p| &p.name));
    for p in &t.points {
        let _ = writeln!(
            out,
            "  {:<label_w$}  {}  {}",
            p.name,
            bar(p.overall, None, 40),
            escape::score(p.overall)
        );
    }
    let now = t.points.last().map_or(&[][..], |p| &p.pillars[..]);
    let _ = writeln!(
        out,
        "\nNow, by pillar{}",
        if has_targets {
            " (│ marks the target)"
        } else {
            ""
        }
    );
    let name_w = width(&mut t.pillars.iter().map(|s| &s.name));
    for (s, score) in t.pillars.iter().zip(now) {
        let _ = writeln!(
            out,
            "  {:<name_w$}  {}  {}",
            s.name,
            bar(*score, s.target, 40),
            escape::score(*score)
        );
    }
    out
}

/// Like [`columns`] for rows of any length.
fn table(rows: &[Vec<String>], right: &[bool]) -> String {
    let mut widths = vec![0; right.len()];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[i] - cell.chars().count());
            if i > 0 {
                line.push_str("  ");
            }
            if right[i] {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The same table as markdown, with the dates in the header.
pub fn markdown(t: &Trend) -> String {
    let mut out = format!("## Trend: {}\n\n", inline(&t.title()));
    let has_targets = t.has_targets();
    let mut head = vec!["Pillar".to_string()];
    head.extend(
        t.points
            .iter()
            .map(|p| format!("{} ({})", inline(&p.name), p.date)),
    );
    if has_targets {
        head.push("Target".into());
    }
    head.extend(["Trend".to_string(), "Change".to_string()]);
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let mut align = vec!["---"];
    align.extend(std::iter::repeat_n("---:", head.len() - 3));
    align.extend(["---", "---:"]);
    let _ = writeln!(out, "| {} |", align.join(" | "));
    for (i, (name, scores, target)) in t.rows().into_iter().enumerate() {
        let mut row = vec![if i == 0 {
            "**Overall**".to_string()
        } else {
            inline(&name)
        }];
        row.extend(marked(&scores, target));
        if has_targets {
            row.push(targets::format(target));
        }
        row.push(sparkline(&scores));
        row.push(change(&scores));
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    if has_targets {
        out.push_str("\n▼ below its target now.\n");
    }
    out
}

/// The scores of a row as cells, today's marked `▼` when it is below the target.
fn marked(scores: &[Option<f64>], target: Option<f64>) -> Vec<String> {
    let last = scores.len().saturating_sub(1);
    scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut cell = escape::score(*s);
            if i == last && target.is_some_and(|t| targets::is_below(*s, t)) {
                cell.push_str(" ▼");
            }
            cell
        })
        .collect()
}

/// The trend as pretty-printed JSON with a final newline.
pub fn json(t: &Trend) -> Result<String, serde_json::Error> {
    Ok(serde_json::to_string_pretty(t)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::build::tests::review;
    use crate::review::milestone::Milestone;
    use crate::review::score::score;
    use crate::review::{PackRef, State, Timestamp};

    #[test]
    fn milestones_then_now_with_targets_and_changes() {
        let (old, packs) = review(&[("secrets", State::Answered, &["none"], false)]);
        let refs: Vec<PackRef> = packs.iter().map(PackRef::of).collect();
        let q3 = Milestone::freeze(
            "q3",
            Timestamp(1_795_687_200),
            &old,
            &refs,
            &score(&old, &packs),
        );
        let (now, _) = review(&[
            ("secrets", State::Answered, &["vault"], false),
            (
                "backups",
                State::Answered,
                &["automated", "restore-tests"],
                false,
            ),
        ]);
        let mut map = std::collections::BTreeMap::new();
        map.insert("security".to_string(), 80.0);
        let targets = Targets::resolve(&map, &Default::default());
        let t = trend(
            "Payments API",
            &[q3],
            &score(&now, &packs),
            "2027-02-20",
            &targets,
        );
        assert_eq!(t.points.len(), 2);
        assert_eq!(t.points[0].overall, Some(0.0));
        assert_eq!(t.points[1].overall, Some(75.0));
        assert_eq!(t.points[0].pillars, [Some(0.0), None]);
        assert_eq!(t.pillars[0].target, Some(80.0));
        let out = text(&t);
        assert!(
            out.starts_with("Payments API: 1 milestone and now\n"),
            "{out}"
        );
        assert!(
            out.contains("\nOverall             0.0        75.0       —  ▁▆      +75.0\n"),
            "{out}"
        );
        assert!(
            out.contains("\nReliability           —       100.0       —  ·█          —\n"),
            "{out}"
        );
        let bar_line = format!("\n  now  {}{}  75.0\n", "█".repeat(30), " ".repeat(10));
        assert!(out.contains(&bar_line), "{out}");
        let md = markdown(&t);
        assert!(
            md.contains("| Security | 0.0 | 50.0 ▼ | 80 | ▁▅ | +50.0 |"),
            "{md}"
        );
    }
}
