//! Writes a draft pack as YAML that reads like a hand-written pack.
//!
//! Written by hand rather than through a serializer so that the file looks like the built-in
//! packs: the schema comment first, keys in the documented order, long text folded at about 100
//! columns (`>-`), multi-line text as a literal block (`|-`), and quotes only where YAML needs
//! them. Each scalar picks the most readable style that is certain to read back to the exact same
//! string, and falls back to a double-quoted string with escapes otherwise; a property test checks
//! that promise against the YAML parser for arbitrary text.

use std::fmt::Write;

use super::Draft;

/// Where lines of folded text should end, counting the indentation.
const WIDTH: usize = 100;

pub(crate) fn emit(d: &Draft, lens_file: &str) -> String {
    let mut out = String::new();
    out.push_str("# yaml-language-server: $schema=./scorps-pack.schema.json\n");
    let from: String = lens_file
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let _ = writeln!(
        out,
        "# Imported by `scorps lens import` from the AWS custom lens {from}"
    );
    out.push_str("schema: 1\n");
    field(&mut out, 0, "id", &d.id);
    field(&mut out, 0, "name", &d.name);
    field(&mut out, 0, "version", &d.version);
    if !d.description.is_empty() {
        field(&mut out, 0, "description", &d.description);
    }
    out.push_str("pillars:\n");
    for p in &d.pillars {
        item(&mut out, 4, "id", &p.id);
        field(&mut out, 4, "name", &p.name);
        out.push_str("    questions:\n");
        for q in &p.questions {
            item(&mut out, 8, "id", &q.id);
            field(&mut out, 8, "title", &q.title);
            if !q.why.is_empty() {
                field(&mut out, 8, "why", &q.why);
            }
            out.push_str("        choices:\n");
            for c in &q.choices {
                item(&mut out, 12, "id", &c.id);
                field(&mut out, 12, "title", &c.title);
                if !c.help.is_empty() {
                    field(&mut out, 12, "help", &c.help);
                }
                if !c.improve.is_empty() {
                    field(&mut out, 12, "improve", &c.improve);
                }
                if !c.links.is_empty() {
                    out.push_str("            links:\n");
                    for l in &c.links {
                        item(&mut out, 16, "title", &l.title);
                        field(&mut out, 16, "url", &l.url);
                    }
                }
                if c.none {
                    out.push_str("            none: true\n");
                }
            }
            out.push_str("        risk:\n");
            for r in &q.rules {
                item(&mut out, 12, r.level.as_str(), &r.condition);
            }
            let _ = writeln!(out, "          - default: {}", q.default);
        }
    }
    out
}

/// `key: value` at `indent`.
pub(crate) fn field(out: &mut String, indent: usize, key: &str, value: &str) {
    out.push_str(&" ".repeat(indent));
    out.push_str(key);
    out.push(':');
    out.push_str(&scalar(value, indent + 2));
    out.push('\n');
}

/// `- key: value`, the first key of a list item whose other keys sit at `indent`.
pub(crate) fn item(out: &mut String, indent: usize, key: &str, value: &str) {
    out.push_str(&" ".repeat(indent - 2));
    out.push_str("- ");
    out.push_str(key);
    out.push(':');
    out.push_str(&scalar(value, indent + 2));
    out.push('\n');
}

/// The value part after `key:`: ` plain`, ` "quoted"`, or a block scalar indented by `indent`.
pub(crate) fn scalar(s: &str, indent: usize) -> String {
    if s.contains('\n') && block_safe(s) {
        let pad = " ".repeat(indent);
        let lines: Vec<String> = s
            .split('\n')
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("{pad}{l}")
                }
            })
            .collect();
        return format!(" |-\n{}", lines.join("\n"));
    }
    if plain_safe(s) && indent + s.chars().count() <= WIDTH + 20 {
        return format!(" {s}");
    }
    let long = indent + s.chars().count() > WIDTH;
    if long && s.contains(' ') && !s.contains('\n') && block_safe(s) && !s.contains("  ") {
        return format!(" >-\n{}", fold(s, indent));
    }
    if plain_safe(s) {
        return format!(" {s}");
    }
    format!(" {}", quoted(s))
}

/// Characters YAML shows as they are: printable, and none of the line or byte-order breaks.
fn printable(c: char) -> bool {
    !c.is_control()
        && !matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// Whether `s` can be written without quotes and read back as the same string.
fn plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    // Booleans, nulls and anything number-like (`1.0.0`, `0x1F`, `.5`, `+1`) in YAML 1.1 or 1.2.
    let looks_typed = {
        let l = s.to_ascii_lowercase();
        let mut chars = s.chars().skip_while(|c| "+-.".contains(*c));
        let numeric_start = chars.next().is_some_and(|c| c.is_ascii_digit() || c == '.');
        matches!(
            l.as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~"
        ) || (numeric_start && !s.contains(char::is_whitespace))
            || l.trim_start_matches(['+', '-']).starts_with(".inf")
            || l.starts_with(".nan")
    };
    !looks_typed
        && s.chars().all(printable)
        && !"-?:,[]{}#&*!|>'\"%@` ".contains(first)
        && !s.ends_with(char::is_whitespace)
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
}

/// Whether `s` can be the content of a block scalar (literal or folded) read back exactly.
fn block_safe(s: &str) -> bool {
    let lines: Vec<&str> = s.split('\n').collect();
    lines
        .first()
        .is_some_and(|l| !l.is_empty() && !l.starts_with(' '))
        && !s.ends_with('\n')
        && lines
            .iter()
            .all(|l| !l.ends_with(' ') && l.chars().all(printable))
}

/// Folds one line of text at single spaces into lines of about [`WIDTH`] columns. A folded
/// block reads each line break back as one space, so every break replaces exactly one space
/// between two words (the caller rules out runs of spaces).
fn fold(s: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let room = WIDTH.saturating_sub(indent).max(40);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > room {
            lines.push(format!("{pad}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(format!("{pad}{line}"));
    lines.join("\n")
}

/// A double-quoted YAML string: JSON-style escapes for `"`, `\` and every unprintable character.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if !printable(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[derive(serde::Deserialize)]
    struct Doc {
        v: String,
    }

    fn read_back(s: &str, indent: usize) -> String {
        let text = format!("{}v:{}\n", " ".repeat(indent - 2), scalar(s, indent));
        // Nest the key so that block indentation is exercised at the same depth as in a pack.
        let text = if indent > 2 {
            let mut nested = String::new();
            let mut pad = 0;
            while pad + 2 < indent {
                nested.push_str(&format!("{}k:\n", " ".repeat(pad)));
                pad += 2;
            }
            nested + &text
        } else {
            text
        };
        let value: serde_json::Value =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let mut v = &value;
        while let Some(inner) = v.get("k") {
            v = inner;
        }
        let doc: Doc = serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{e}\n{text}"));
        doc.v
    }

    #[test]
    fn tricky_text_reads_back_the_same() {
        for s in [
            "plain words",
            "a: b",
            "ends with colon:",
            "has # a hash",
            "#starts with hash",
            "- dash",
            "!a || b",
            "(!OPS4_1)",
            "\"quoted\" words",
            "'single'",
            "line one\nline two\n\nline four",
            "\nleading newline",
            "trailing newline\n",
            "tab\there",
            "  leading spaces",
            "trailing space ",
            "true",
            "1.0.0",
            "0x1F",
            "~",
            "null",
            "Übersicht: naïve café — “quotes” 日本語 😀",
            "bell\u{7} and esc\u{1b}[31m",
            "line\u{2028}separator",
            "a very long sentence that goes on and on, well past the width of a hundred columns, so that it must be folded onto more lines than one",
            "long text with  double spaces that goes on and on, well past the width of a hundred columns, so that it cannot fold",
            "",
        ] {
            assert_eq!(read_back(s, 10), s, "{s:?} as {}", scalar(s, 10));
            assert_eq!(read_back(s, 2), s, "{s:?} as {}", scalar(s, 2));
        }
    }

    #[test]
    fn styles_are_the_readable_ones() {
        assert_eq!(scalar("Use MFA", 4), " Use MFA");
        assert_eq!(scalar("a: b", 4), " \"a: b\"");
        assert_eq!(scalar("one\ntwo", 4), " |-\n    one\n    two");
        assert_eq!(scalar("1.0.0", 4), " \"1.0.0\"");
        let long = "word ".repeat(40);
        let folded = scalar(long.trim_end(), 4);
        assert!(folded.starts_with(" >-\n    word"), "{folded}");
        assert!(folded.lines().all(|l| l.len() <= WIDTH), "{folded}");
    }

    proptest! {
        #[test]
        fn any_text_reads_back_the_same(s in any::<String>(), indent in 1usize..8) {
            prop_assert_eq!(read_back(&s, indent * 2), s);
        }

        #[test]
        fn wordy_text_reads_back_the_same(s in "[a-zé:#\"' \n-]{0,300}") {
            prop_assert_eq!(read_back(&s, 12), s);
        }
    }
}
