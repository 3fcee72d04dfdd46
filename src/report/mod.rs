//! Reports over reviews: what changed between two of them ([`diff`]), a workload's scores across
//! its milestones ([`trend`]), targets ([`targets`]), and a portfolio of many workloads
//! ([`portfolio`]).

pub mod chart;
pub mod diff;
pub mod diff_view;
pub mod html;
pub mod portfolio;
pub mod portfolio_html;
pub mod radar;
pub mod targets;
pub mod trend;

/// Aligned columns separated by two spaces; `right` aligns a column to the right (numbers).
/// Widths count characters, so `—` is one column wide.
pub fn columns<const N: usize>(
    header: Option<[&str; N]>,
    rows: &[[String; N]],
    right: [bool; N],
) -> String {
    let header = header.map(|h| h.map(String::from));
    let mut widths = [0usize; N];
    for row in header.iter().chain(rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String; N]| {
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[i] - cell.chars().count());
            if i > 0 {
                s.push_str("  ");
            }
            if right[i] {
                s.push_str(&pad);
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&pad);
            }
        }
        s.trim_end().to_string() + "\n"
    };
    header.iter().chain(rows).map(line).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_align_text_left_and_numbers_right() {
        let rows = [
            ["Security".to_string(), "50.0".to_string()],
            ["Cost".to_string(), "—".to_string()],
        ];
        assert_eq!(
            super::columns(Some(["PILLAR", "SCORE"]), &rows, [false, true]),
            "PILLAR    SCORE\nSecurity   50.0\nCost          —\n"
        );
    }
}
