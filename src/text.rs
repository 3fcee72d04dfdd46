//! Untrusted text made safe for a terminal and for exports.
//!
//! Pack and review text comes from files anyone can write. Before it reaches a terminal or an
//! export, escape sequences, other control characters, bidirectional overrides and invisible
//! characters are removed, so a hostile pack cannot move the cursor, retitle the window, hide
//! text, or make two different strings look the same.
//!
//! A control sequence goes as a whole, in its 7-bit form (`ESC [ … final`, `ESC ] … ST`,
//! `ESC P|X|^|_ … ST`, `ESC ( B`) and its 8-bit C1 form (CSI U+009B; OSC U+009D; DCS U+0090,
//! SOS U+0098, PM U+009E and APC U+009F, each a string ended by ST, `ESC \` or U+009C, or BEL).
//! A string that never ends takes the rest of the text with it, as a terminal would.

use std::borrow::Cow;

/// Whether `c` may never be shown: C0/C1 controls, DEL, bidi marks, overrides and isolates,
/// characters that draw nothing (zero-width space, word joiner, BOM, invisible operators, tags,
/// interlinear annotations), and the Unicode line and paragraph separators.
fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{180E}'
            | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}'
            | '\u{2028}' | '\u{2029}')
}

/// Characters that end a line: kept as a line break in a block, a space in a line.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// Text for one line of a terminal: controls removed, tabs and line breaks become spaces.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(strip(text, |c| {
        (c == '\t' || c == '\r' || is_line_break(c)).then_some(' ')
    }))
}

/// Text that may span lines: line breaks kept (the Unicode separators become `\n`), other
/// controls removed, tabs become spaces.
pub fn clean_block(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hostile(c) && c != '\n') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(strip(text, |c| match c {
        '\t' => Some(' '),
        c if is_line_break(c) => Some('\n'),
        _ => None,
    }))
}

/// Whether `url` starts with an http(s) scheme, in any case (`HTTPS://` is the same scheme).
pub fn has_web_scheme(url: &str) -> bool {
    web_rest(url).is_some()
}

/// Whether `url` is an http(s) address that may become a link: a web scheme, something after
/// it, and no space or control character anywhere.
pub fn is_web_url(url: &str) -> bool {
    web_rest(url).is_some_and(|rest| {
        !rest.is_empty() && !url.chars().any(|c| c.is_whitespace() || is_hostile(c))
    })
}

/// What follows the `http://` or `https://` of `url`.
fn web_rest(url: &str) -> Option<&str> {
    ["https://", "http://"].iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    })
}

/// What a character that opens a control sequence opens.
enum Opens {
    /// A CSI: parameters and intermediates, then one final byte in `@..~`.
    Csi,
    /// A string (OSC, DCS, SOS, PM, APC) ended by ST or BEL.
    Str,
}

/// The C1 character that opens a sequence, or the character after ESC that does.
fn opens(c: char, after_esc: bool) -> Option<Opens> {
    match (after_esc, c) {
        (true, '[') | (false, '\u{9b}') => Some(Opens::Csi),
        (true, ']' | 'P' | 'X' | '^' | '_') => Some(Opens::Str),
        (false, '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}') => Some(Opens::Str),
        _ => None,
    }
}

/// Removes hostile characters; a control sequence goes as a whole so that no half of it is
/// left on screen.
fn strip(text: &str, keep: impl Fn(char) -> Option<char>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let sequence = if c == '\u{1b}' {
            match chars.peek().and_then(|&n| opens(n, true)) {
                Some(kind) => {
                    chars.next();
                    Some(kind)
                }
                None => {
                    // ESC, intermediates (space to `/`), one final character.
                    while chars
                        .next_if(|n| ('\u{20}'..='\u{2f}').contains(n))
                        .is_some()
                    {}
                    chars.next();
                    continue;
                }
            }
        } else {
            opens(c, false)
        };
        match sequence {
            Some(Opens::Csi) => {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            Some(Opens::Str) => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' || c == '\u{9c}' {
                        break;
                    }
                    if c == '\u{1b}' {
                        chars.next_if_eq(&'\\');
                        break;
                    }
                }
            }
            None if is_hostile(c) => {
                if let Some(k) = keep(c) {
                    out.push(k);
                }
            }
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(clean_line("MFA for admins"), Cow::Borrowed(_)));
        assert!(matches!(clean_block("one\ntwo"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(clean_line("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(clean_line("x\u{1b}]0;owned\u{7}y"), "xy");
        assert_eq!(clean_line("x\u{1b}]0;owned\u{1b}\\y"), "xy");
        assert_eq!(clean_line("x\u{1b}(By"), "xy", "charset designation");
        assert_eq!(clean_line("x\u{1b}7y"), "xy", "save cursor");
    }

    #[test]
    fn device_and_application_strings_are_removed_whole() {
        for open in ["\u{1b}P", "\u{1b}X", "\u{1b}^", "\u{1b}_"] {
            assert_eq!(
                clean_line(&format!("a{open}1;2|payload\u{1b}\\b")),
                "ab",
                "{open:?}"
            );
        }
        // 8-bit forms: DCS, SOS, PM, APC, OSC ended by ST (U+009C), CSI by its final byte.
        for open in ['\u{90}', '\u{98}', '\u{9e}', '\u{9f}', '\u{9d}'] {
            assert_eq!(
                clean_line(&format!("a{open}payload text\u{9c}b")),
                "ab",
                "{open:?}"
            );
        }
        assert_eq!(clean_line("a\u{9b}31mred"), "ared");
        assert_eq!(clean_block("a\u{90}never ends\nat all"), "a");
    }

    #[test]
    fn controls_and_bidi_are_removed() {
        assert_eq!(clean_line("a\u{0}b\u{7}c\u{202E}d\u{80}e"), "abcde");
        assert_eq!(clean_line("a\u{61C}b\u{2067}c"), "abc");
        assert_eq!(clean_line("one\ntwo\tthree"), "one two three");
        assert_eq!(clean_block("one\ntwo\r\tthree"), "one\ntwo three");
    }

    #[test]
    fn invisible_characters_and_separators_are_removed() {
        assert_eq!(
            clean_line("pay\u{200B}ments\u{FEFF} \u{2060}api"),
            "payments api"
        );
        assert_eq!(clean_line("a\u{E0041}\u{E0042}b"), "ab", "tag characters");
        assert_eq!(clean_line("one\u{2028}two\u{2029}three"), "one two three");
        assert_eq!(
            clean_block("one\u{2028}two\u{2029}three\u{85}four"),
            "one\ntwo\nthree\nfour"
        );
        assert_eq!(
            clean_line("emoji \u{1F469}\u{200D}\u{1F4BB}"),
            "emoji \u{1F469}\u{200D}\u{1F4BB}"
        );
    }

    #[test]
    fn web_urls_ignore_the_case_of_the_scheme() {
        assert!(is_web_url("HTTPS://example.org/a"));
        assert!(is_web_url("Http://example.org"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://a b"));
        assert!(!is_web_url("https://a\u{202E}b"));
        assert!(!is_web_url("httpsx://a"));
        assert!(has_web_scheme("HTTPS://a b") && !has_web_scheme("ftp://a"));
    }
}
