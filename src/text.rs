//! Untrusted text made safe for a terminal.
//!
//! Pack and review text comes from files anyone can write. Before it reaches a terminal, escape
//! sequences, other control characters and bidirectional overrides are removed, so a hostile pack
//! cannot move the cursor, retitle the window or hide text.

use std::borrow::Cow;

/// Whether `c` may never be shown: C0/C1 controls, DEL, and bidi overrides/isolates.
fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Text for one line of a terminal: controls removed, tabs and line breaks become spaces.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(strip(text, |c| {
        matches!(c, '\t' | '\n' | '\r').then_some(' ')
    }))
}

/// Text that may span lines: line breaks kept, other controls removed, tabs become spaces.
pub fn clean_block(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hostile(c) && c != '\n') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(strip(text, |c| match c {
        '\n' => Some('\n'),
        '\t' => Some(' '),
        _ => None,
    }))
}

/// Removes hostile characters; an escape sequence (`ESC [ ... final`) goes as a whole so that no
/// half of it is left on screen.
fn strip(text: &str, keep: impl Fn(char) -> Option<char>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            match chars.peek() {
                Some('[') => {
                    chars.next();
                    // CSI: parameters and intermediates, then one final byte in @..~.
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                Some(']') => {
                    chars.next();
                    // OSC: ends with BEL or ESC \.
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' {
                            break;
                        }
                        if c == '\u{1b}' {
                            chars.next_if_eq(&'\\');
                            break;
                        }
                    }
                }
                _ => {
                    chars.next();
                }
            }
        } else if is_hostile(c) {
            if let Some(k) = keep(c) {
                out.push(k);
            }
        } else {
            out.push(c);
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
    }

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(clean_line("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(clean_line("x\u{1b}]0;owned\u{7}y"), "xy");
        assert_eq!(clean_line("x\u{1b}]0;owned\u{1b}\\y"), "xy");
    }

    #[test]
    fn controls_and_bidi_are_removed() {
        assert_eq!(clean_line("a\u{0}b\u{7}c\u{202E}d\u{9b}e"), "abcde");
        assert_eq!(clean_line("one\ntwo\tthree"), "one two three");
        assert_eq!(clean_block("one\ntwo\r\tthree"), "one\ntwo three");
    }
}
