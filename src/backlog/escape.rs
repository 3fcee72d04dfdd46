//! Markdown escaping for text that came from people or packs.
//!
//! Notes, names, reasons, evidence and pack text are written by anyone. In a backlog they must
//! read as the words they are: never a table cell break, a heading, a list, a link, emphasis, a
//! math span or raw HTML. Every ASCII punctuation character may be backslash-escaped in
//! `CommonMark` (and GitHub's and GitLab's flavours), so the characters that mean something are
//! escaped; `<`, `>` and `&` become HTML entities so no tag or entity survives. Text that starts a
//! line (a list item, a line of a note) goes through [`line_start`] too, so that it cannot open a
//! block (`-`, `+`, `=`, `1.`).

use crate::text::{clean_block, clean_line};

/// Characters escaped with a backslash wherever they appear.
const SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '{', '}', '#', '|', '~', '$'];

/// One line of markdown text: control characters removed, line breaks become spaces,
/// surrounding space trimmed, everything that means something inside a line escaped. Safe in a
/// table cell, a heading or after a label; at the start of a line or list item, wrap it in
/// [`line_start`].
pub fn inline(text: &str) -> String {
    let text = clean_line(text);
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Escaped text (from [`inline`] or [`link`]) made safe at the start of a line: what would open a
/// block there, a list marker (`-`, `+`, `1.`, `1)`) or a setext underline (`=`), is escaped.
pub fn line_start(text: String) -> String {
    let first = text.chars().next();
    if matches!(first, Some('-' | '+' | '=')) {
        return format!("\\{text}");
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(text[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    text
}

/// Text of several lines: paragraphs (blank-line separated) kept, the lines inside a paragraph
/// kept as hard breaks, and every line escaped as [`inline`]. Empty when there is no text.
pub fn block(text: &str) -> String {
    let text = clean_block(text);
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.split('\n') {
        let line = line_start(inline(line));
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else if let Some(p) = paragraphs.last_mut() {
            p.push(line);
        }
    }
    paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Whether `url` is an http(s) address that may become a link (the scheme in any case).
pub fn is_web_url(url: &str) -> bool {
    crate::text::is_web_url(url)
}

/// A link when `url` is http(s), else the escaped text of both. `title` may be empty.
pub fn link(title: &str, url: &str) -> String {
    let url = clean_line(url);
    let url = url.trim();
    let text = if title.trim().is_empty() {
        inline(url)
    } else {
        inline(title)
    };
    if is_web_url(url) {
        format!("[{text}]({})", destination(url))
    } else if title.trim().is_empty() {
        text
    } else {
        format!("{text} ({})", inline(url))
    }
}

/// A link destination that cannot end early or carry markup: the characters that delimit it
/// are percent-encoded.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' | ')' | '<' | '>' | '"' | '\'' | '\\' | '`' | '|' | '[' | ']' | '{' | '}' | '^' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// A score for a table: one decimal, or an em dash when there is none.
pub fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

/// A completion share as a whole percentage.
pub fn percent(share: f64) -> String {
    format!("{}%", crate::review::score::percent(share))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_markup_and_html() {
        assert_eq!(
            inline("a | b `c` <script>x</script> & *y* _z_ [l](u) # $m$"),
            r"a \| b \`c\` &lt;script&gt;x&lt;/script&gt; &amp; \*y\* \_z\_ \[l\](u) \# \$m\$"
        );
        assert_eq!(inline("two\nlines\r\n"), "two lines");
        assert_eq!(inline("\u{1b}[31mred\u{1b}[0m"), "red");
    }

    #[test]
    fn line_starts_cannot_open_blocks() {
        let start = |s: &str| line_start(inline(s));
        assert_eq!(start("- item"), r"\- item");
        assert_eq!(start("  + item"), r"\+ item");
        assert_eq!(start("==="), r"\===");
        assert_eq!(start("12. step"), r"12\. step");
        assert_eq!(start("3) step"), r"3\) step");
        assert_eq!(start("2026 was fine"), "2026 was fine");
        assert_eq!(start("> quote"), "&gt; quote");
        assert_eq!(inline("1.0.0"), "1.0.0", "inside a line nothing needs it");
    }

    #[test]
    fn blocks_keep_paragraphs_and_lines() {
        assert_eq!(
            block("one\n- two\n\n\n\n    three  \n"),
            "one\\\n\\- two\n\nthree"
        );
        assert_eq!(block("\n \n"), "");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            link("", "https://wiki/adr-12"),
            "[https://wiki/adr-12](https://wiki/adr-12)"
        );
        assert_eq!(
            link("Docs", "HTTP://x.example/a_(b)"),
            r"[Docs](HTTP://x.example/a_%28b%29)"
        );
        assert_eq!(link("", "javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(link("", "wiki page 12"), "wiki page 12");
        assert_eq!(link("", "https://"), "https://");
        assert_eq!(link("x", "ftp://a"), "x (ftp://a)");
        assert_eq!(
            link("", "HTTPS://x.example"),
            "[HTTPS://x.example](HTTPS://x.example)"
        );
    }

    #[test]
    fn invisible_characters_never_reach_an_export() {
        assert_eq!(inline("pay\u{200B}ments\u{FEFF}"), "payments");
        assert_eq!(block("one\u{2028}two\u{2029}three"), "one\\\ntwo\\\nthree");
        assert_eq!(inline("x\u{9f}hidden payload\u{9c}y"), "xy");
    }
}
