//! Charts drawn with text, for a terminal or a markdown page: a sparkline of scores over time and
//! a horizontal bar with an optional target mark.
//!
//! Scores are on the fixed 0–100 scale, never stretched to the data, so the same height means the
//! same score in every chart. Plain Unicode block characters only: no colour, no escape sequence,
//! so the output reads the same in a pipe, a file or a pull request.

/// Eight heights for a sparkline, lowest first.
const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Eighths of a cell for a bar's ragged end.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// One character per score: ▁ for 0 up to █ for 100, `·` where there is no score.
pub fn sparkline(scores: &[Option<f64>]) -> String {
    scores
        .iter()
        .map(|s| match s {
            Some(s) => {
                let level = (s.clamp(0.0, 100.0) / 100.0 * 7.0).round() as usize;
                SPARKS[level]
            }
            None => '·',
        })
        .collect()
}

/// A bar `width` cells long for 100, with eighth-cell precision; a `│` marks the target when it
/// falls past the bar's end. Always exactly `width` characters.
pub fn bar(score: Option<f64>, target: Option<f64>, width: usize) -> String {
    let eighths = score.map_or(0, |s| {
        (s.clamp(0.0, 100.0) / 100.0 * (width * 8) as f64).round() as usize
    });
    let mut cells: Vec<char> = Vec::with_capacity(width);
    cells.extend(std::iter::repeat_n('█', eighths / 8));
    if cells.len() < width {
        cells.push(EIGHTHS[eighths % 8]);
    }
    cells.resize(width, ' ');
    if let Some(t) = target {
        let at = ((t.clamp(0.0, 100.0) / 100.0) * width as f64).round() as usize;
        let at = at.min(width.saturating_sub(1));
        if cells[at] == ' ' {
            cells[at] = '│';
        }
    }
    cells.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_use_the_fixed_scale() {
        assert_eq!(
            sparkline(&[Some(0.0), Some(50.0), Some(100.0), None]),
            "▁▅█·"
        );
        assert_eq!(
            sparkline(&[Some(37.5), Some(37.5)]),
            "▄▄",
            "flat stays flat"
        );
    }

    #[test]
    fn bars_are_exactly_as_wide_as_asked() {
        assert_eq!(bar(Some(50.0), None, 10), "█████     ");
        assert_eq!(bar(Some(100.0), None, 4), "████");
        assert_eq!(bar(Some(0.0), None, 4), "    ");
        assert_eq!(bar(None, None, 3), "   ");
        assert_eq!(bar(Some(56.25), None, 4), "██▎ ");
        assert_eq!(bar(Some(20.0), Some(80.0), 10), "██      │ ");
        assert_eq!(
            bar(Some(90.0), Some(80.0), 10),
            "█████████ ",
            "a reached target is covered"
        );
        for s in [0.0, 12.5, 33.3, 99.9, 100.0] {
            assert_eq!(bar(Some(s), Some(100.0), 12).chars().count(), 12);
        }
    }
}
