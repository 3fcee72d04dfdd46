//! A radar chart of pillar scores as inline SVG, and the geometry behind it (which a terminal
//! canvas can use too).
//!
//! The axes are the six well-known pillars in pillar order, then any custom pillar of the review,
//! the first pointing up and the rest clockwise. A score of 100 reaches the outer ring; a pillar
//! without a score (not reviewed, or nothing answered) is drawn at the centre and labelled `—`.
//! Today's scores are a filled polygon, the last milestone a dashed one, targets a ring on each
//! axis that has one. Coordinates are rounded to one decimal.

use std::fmt::Write;

use super::html::esc;
use crate::pack::PILLAR_ORDER;

/// Centre and radius of the chart in its 520 × 320 view box (wide enough for the labels).
pub const CX: f64 = 260.0;
pub const CY: f64 = 160.0;
pub const R: f64 = 100.0;

/// An axis: a pillar id and the name shown at its end.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub id: String,
    pub name: String,
}

/// The six well-known pillars, then the custom ones given (id, name), without repeats.
pub fn axes<'a>(pillars: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<Axis> {
    let mut out: Vec<Axis> = PILLAR_ORDER
        .iter()
        .map(|(id, name)| Axis {
            id: id.to_string(),
            name: name.to_string(),
        })
        .collect();
    for (id, name) in pillars {
        match out.iter_mut().find(|a| a.id == id) {
            Some(a) => a.name = name.to_string(),
            None => out.push(Axis {
                id: id.to_string(),
                name: name.to_string(),
            }),
        }
    }
    out
}

/// Where a score sits on axis `i` of `n` (0 at the centre, 100 on the outer ring).
pub fn point(i: usize, n: usize, score: f64) -> (f64, f64) {
    let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
    let r = R * score.clamp(0.0, 100.0) / 100.0;
    (round(CX + r * angle.cos()), round(CY + r * angle.sin()))
}

fn round(v: f64) -> f64 {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 { 0.0 } else { r } // no "-0"
}

/// The `points` attribute of a polygon through `scores` (missing ones at the centre).
pub fn polygon(scores: &[Option<f64>]) -> String {
    let n = scores.len();
    scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (x, y) = point(i, n, s.unwrap_or(0.0));
            format!("{x},{y}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What to draw: one score per axis now, at the last milestone (with its name), and targets.
#[derive(Debug, Clone, Default)]
pub struct Series {
    pub now: Vec<Option<f64>>,
    pub milestone: Option<(String, Vec<Option<f64>>)>,
    pub targets: Vec<Option<f64>>,
}

/// The chart as an `<svg>` element.
pub fn svg(axes: &[Axis], series: &Series) -> String {
    let n = axes.len();
    let mut out = String::new();
    out.push_str("<svg class=\"radar\" viewBox=\"0 0 520 320\" role=\"img\" aria-labelledby=\"radar-title\">\n");
    out.push_str(
        "<title id=\"radar-title\">Score per pillar, 0 at the centre to 100 at the edge</title>\n",
    );
    for level in [25.0, 50.0, 75.0, 100.0] {
        let ring = polygon(&vec![Some(level); n]);
        let _ = writeln!(out, "<polygon class=\"grid\" points=\"{ring}\"/>");
    }
    for (i, axis) in axes.iter().enumerate() {
        let (x, y) = point(i, n, 100.0);
        let _ = writeln!(
            out,
            "<line class=\"axis\" x1=\"{CX}\" y1=\"{CY}\" x2=\"{x}\" y2=\"{y}\"/>"
        );
        let (lx, ly) = point(i, n, 118.0);
        let anchor = if (lx - CX).abs() < 1.0 {
            "middle"
        } else if lx > CX {
            "start"
        } else {
            "end"
        };
        let score = series.now.get(i).copied().flatten();
        let _ = writeln!(
            out,
            "<text class=\"label\" x=\"{lx}\" y=\"{}\" text-anchor=\"{anchor}\">{} {}</text>",
            round(ly + 4.0),
            esc(&axis.name),
            super::html::score(score)
        );
    }
    if let Some((name, scores)) = &series.milestone {
        let _ = writeln!(
            out,
            "<polygon class=\"milestone\" points=\"{}\"><title>{}</title></polygon>",
            polygon(scores),
            esc(&format!("Milestone {name}"))
        );
    }
    let _ = writeln!(
        out,
        "<polygon class=\"score\" points=\"{}\"><title>Now</title></polygon>",
        polygon(&series.now)
    );
    for (i, t) in series.targets.iter().enumerate() {
        if let Some(t) = t {
            let (x, y) = point(i, n, *t);
            let _ = writeln!(
                out,
                "<circle class=\"target\" cx=\"{x}\" cy=\"{y}\" r=\"4\"><title>{} target {}</title></circle>",
                esc(&axes[i].name),
                super::targets::format(Some(*t))
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_six_pillars_come_first_then_custom_ones() {
        let a = axes([("reliability", "Reliability"), ("dora", "DORA")]);
        let ids: Vec<&str> = a.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "security",
                "reliability",
                "operational-excellence",
                "performance",
                "cost",
                "sustainability",
                "dora"
            ]
        );
    }

    #[test]
    fn points_follow_the_scores() {
        assert_eq!(
            point(0, 6, 100.0),
            (260.0, 60.0),
            "the first axis points up"
        );
        assert_eq!(point(0, 6, 0.0), (260.0, 160.0));
        assert_eq!(point(3, 6, 50.0), (260.0, 210.0), "half way down");
        assert_eq!(
            point(1, 4, 100.0),
            (360.0, 160.0),
            "a quarter turn is right"
        );
        assert_eq!(
            polygon(&[Some(100.0), None, Some(50.0), Some(100.0)]),
            "260,60 260,160 260,210 160,160"
        );
    }

    #[test]
    fn the_svg_has_a_polygon_per_series_and_rings_for_targets() {
        let a = axes([]);
        let s = Series {
            now: vec![Some(50.0), None, None, None, None, None],
            milestone: Some(("q3 <b>".into(), vec![Some(25.0); 6])),
            targets: vec![Some(80.0), None, None, None, None, None],
        };
        let svg = svg(&a, &s);
        assert!(svg.contains(&format!(
            "<polygon class=\"score\" points=\"{}\">",
            polygon(&s.now)
        )));
        assert!(svg.contains("<title>Milestone q3 &lt;b&gt;</title>"));
        assert_eq!(svg.matches("<circle class=\"target\"").count(), 1);
        assert!(
            svg.contains(">Security 50.0</text>") && svg.contains(">Cost optimisation —</text>")
        );
    }
}
