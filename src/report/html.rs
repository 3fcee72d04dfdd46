//! The frame of scorps' HTML pages: one self-contained file with inline CSS and SVG, no script
//! and nothing fetched from anywhere, readable in a light or dark theme and on paper.
//!
//! A Content-Security-Policy in the page itself forbids scripts and every outside resource, so
//! even a browser that opens a tampered copy loads nothing. Text from reviews and packs goes
//! through [`esc`]: control characters removed, `& < > " '` written as entities.

use std::fmt::Write;

use crate::text::{clean_block, clean_line};

/// Text for an element or an attribute value: one line, escaped.
pub fn esc(text: &str) -> String {
    escape(&clean_line(text))
}

/// Text that may span lines (shown with `white-space: pre-line`), escaped.
pub fn esc_block(text: &str) -> String {
    escape(&clean_block(text))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A link when `url` is an http(s) address, else the escaped text. Links open nothing by
/// themselves: they are followed only when clicked.
pub fn link(title: &str, url: &str) -> String {
    let url = clean_line(url);
    let url = url.trim();
    let text = if title.trim().is_empty() {
        esc(url)
    } else {
        esc(title)
    };
    if crate::backlog::escape::is_web_url(url) {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{text}</a>",
            escape(url)
        )
    } else if title.trim().is_empty() {
        text
    } else {
        format!("{text} ({})", esc(url))
    }
}

/// A score for a cell: one decimal, or an em dash.
pub fn score(value: Option<f64>) -> String {
    crate::backlog::escape::score(value)
}

/// The colour band of a score, 0 (0–19) to 4 (80–100), or `na` without one: a CSS class.
pub fn band(score: Option<f64>) -> String {
    score.map_or_else(
        || "na".to_string(),
        |s| format!("b{}", ((s.clamp(0.0, 100.0) / 20.0) as usize).min(4)),
    )
}

/// The whole page around `body` (already HTML).
pub fn page(title: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + STYLE.len() + 512);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    out.push_str("<meta name=\"generator\" content=\"scorps\">\n");
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    let _ = writeln!(out, "<style>{STYLE}</style>");
    out.push_str("</head>\n<body>\n<main>\n");
    out.push_str(body);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Light colours by default, dark ones when the reader's system asks, plain ink on paper.
const STYLE: &str = r#"
:root { --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --card: #f6f8fa;
  --high: #cf222e; --medium: #bf8700; --none: #1a7f37; --accent: #0969da; --target: #8250df;
  --b0: #f4c7c3; --b1: #f8dcc0; --b2: #fbeec0; --b3: #d5ecc2; --b4: #b7e1c1; --na: #eaeef2; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #8d96a0; --line: #30363d; --card: #161b22;
    --high: #ff7b72; --medium: #e3b341; --none: #56d364; --accent: #4493f8; --target: #d2a8ff;
    --b0: #5c2426; --b1: #5a3a1c; --b2: #4d4317; --b3: #2a4a25; --b4: #1d4d2f; --na: #21262d; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
a { color: var(--accent); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
.facts { color: var(--muted); margin: 0 0 1rem; }
.overview { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.radar { width: 30rem; max-width: 100%; height: auto; }
.radar .grid { fill: none; stroke: var(--line); stroke-width: 1; }
.radar .axis { stroke: var(--line); stroke-width: 1; }
.radar .label { fill: var(--fg); font-size: 11px; }
.radar .score { fill: var(--accent); fill-opacity: .25; stroke: var(--accent); stroke-width: 2; }
.radar .milestone { fill: none; stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 4 3; }
.radar .target { fill: none; stroke: var(--target); stroke-width: 2; }
.legend { color: var(--muted); font-size: .85rem; }
.legend .key { display: inline-block; width: 1.5em; border-top: 2px solid var(--accent); vertical-align: middle; }
.legend .key.milestone { border-top: 2px dashed var(--muted); }
.legend .key.target { width: .7em; height: .7em; border: 2px solid var(--target); border-radius: 50%; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: var(--card); }
td.below { outline: 2px solid var(--target); outline-offset: -2px; }
.counts { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0; list-style: none; }
.counts li { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; }
.counts b { font-size: 1.3rem; margin-right: .3rem; }
.high { color: var(--high); } .medium { color: var(--medium); } .none { color: var(--none); }
.item { border: 1px solid var(--line); border-left: 4px solid var(--muted); border-radius: 6px;
  padding: .75rem 1rem; margin: 1rem 0; background: var(--card); break-inside: avoid; }
.item.risk-high { border-left-color: var(--high); }
.item.risk-medium { border-left-color: var(--medium); }
.item .meta { color: var(--muted); margin: 0 0 .5rem; }
.item p { margin: .4rem 0; white-space: pre-line; }
.tasks { list-style: none; padding-left: .25rem; }
.tasks li::before { content: "☐ "; }
.heatmap td.cell { font-variant-numeric: tabular-nums; }
.heatmap td:nth-child(2), .heatmap th:nth-child(2) { text-align: left; }
.heatmap td:last-child { white-space: nowrap; }
.b0 { background: var(--b0); } .b1 { background: var(--b1); } .b2 { background: var(--b2); }
.b3 { background: var(--b3); } .b4 { background: var(--b4); } .na { background: var(--na); color: var(--muted); }
.scroll { overflow-x: auto; }
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #444444; --card: #ffffff; --line: #999999; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  .item, .overview, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { margin: 15mm; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_cleaned() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\"\u{1b}[31m"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc_block("a\nb\u{7}"), "a\nb");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            link("", "https://wiki/a?b=1&c=\"2\""),
            "<a href=\"https://wiki/a?b=1&amp;c=&quot;2&quot;\" rel=\"noopener noreferrer\">https://wiki/a?b=1&amp;c=&quot;2&quot;</a>"
        );
        assert_eq!(link("", "javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(link("Runbook", "page 4"), "Runbook (page 4)");
    }

    #[test]
    fn bands_split_the_scale_in_fifths() {
        let bands: Vec<String> = [
            Some(0.0),
            Some(19.9),
            Some(20.0),
            Some(79.9),
            Some(80.0),
            Some(100.0),
            None,
        ]
        .into_iter()
        .map(band)
        .collect();
        assert_eq!(bands, ["b0", "b0", "b1", "b3", "b4", "b4", "na"]);
    }

    #[test]
    fn the_page_forbids_scripts_and_outside_resources() {
        let p = page("T <x>", "<p>hi</p>\n");
        assert!(p.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
        assert!(p.contains("<title>T &lt;x&gt;</title>"));
        assert!(!p.contains("url(") && !p.contains("@import") && !p.contains("<script"));
    }
}
