//! Rewriting a few values of a JSON text and leaving every other byte as it was.
//!
//! Export must give back the checklist the team started from, so that the workbook and any
//! script read it as before and a diff shows only statuses and comments. Rather than writing the
//! whole document again (which would reorder keys with `serde_json`, or need its
//! `preserve_order` feature, and would re-indent and re-escape everything), export edits the
//! original text: it replaces a value where the member exists and adds members after an
//! object's last one otherwise, copying that member's indentation, line ending and `:` spacing.
//! Positions come from the reader ([`crate::pack::lens::json`]) as line and column in
//! characters and are turned into byte offsets in one pass over the text.

use std::collections::BTreeMap;

use crate::pack::Pos;

/// One change to the text.
#[derive(Debug, Clone)]
pub(crate) enum Edit {
    /// Replace the JSON value that starts at `at` with `json`.
    Replace { at: Pos, json: String },
    /// Add members after the member whose key and value start at `key` and `value`; each is
    /// `(key, json value)`.
    Append {
        key: Pos,
        value: Pos,
        members: Vec<(String, String)>,
    },
}

/// A JSON string with the escapes JSON requires; other characters are kept as they are.
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The byte offset of each position, counting as the reader does (a line break is `\n`; every
/// other character, `\r` included, is one column).
fn offsets(text: &str, positions: impl IntoIterator<Item = Pos>) -> BTreeMap<Pos, usize> {
    let mut wanted: Vec<Pos> = positions.into_iter().collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = BTreeMap::new();
    let mut next = wanted.into_iter().peekable();
    let (mut line, mut col) = (1u32, 1u32);
    for (at, c) in text.char_indices() {
        while next.peek().is_some_and(|p| *p < Pos { line, col }) {
            next.next();
        }
        if next.peek() == Some(&Pos { line, col }) {
            out.insert(Pos { line, col }, at);
            next.next();
        }
        if next.peek().is_none() {
            break;
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    out
}

/// Where the JSON value starting at byte `start` ends (one past its last byte).
fn value_end(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let string_end = |mut i: usize| -> Option<usize> {
        i += 1;
        loop {
            match *b.get(i)? {
                b'\\' => i += 2,
                b'"' => return Some(i + 1),
                _ => i += 1,
            }
        }
    };
    match *b.get(start)? {
        b'"' => string_end(start),
        b'{' | b'[' => {
            let (mut i, mut depth) = (start, 0usize);
            loop {
                match *b.get(i)? {
                    b'"' => {
                        i = string_end(i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let len = b[start..]
                .iter()
                .position(|c| b",}] \t\r\n".contains(c))
                .unwrap_or(b.len() - start);
            Some(start + len)
        }
    }
}

/// Applies the edits; `Err` names a position that is not where a value starts (a bug in the
/// caller, never in the text).
pub(crate) fn apply(text: &str, edits: &[Edit]) -> Result<String, String> {
    let positions = edits.iter().flat_map(|e| match e {
        Edit::Replace { at, .. } => vec![*at],
        Edit::Append { key, value, .. } => vec![*key, *value],
    });
    let at = offsets(text, positions);
    let byte = |p: &Pos| {
        at.get(p)
            .copied()
            .ok_or_else(|| format!("no value at {}:{}", p.line, p.col))
    };
    // (start, end, replacement), in text order; an append is an empty range after a value.
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    for e in edits {
        match e {
            Edit::Replace { at, json } => {
                let start = byte(at)?;
                let end = value_end(text, start).ok_or("a value never ends")?;
                spans.push((start, end, json.clone()));
            }
            Edit::Append {
                key,
                value,
                members,
            } => {
                let (key, value) = (byte(key)?, byte(value)?);
                let end = value_end(text, value).ok_or("a value never ends")?;
                let key_end = value_end(text, key).ok_or("a key never ends")?;
                let colon = &text[key_end..value];
                let indent_from = text[..key]
                    .rfind(|c: char| !c.is_whitespace())
                    .map_or(0, |i| i + 1);
                // The whitespace before the last key: a line break and indentation, or nothing in
                // compact JSON.
                let indent = &text[indent_from..key];
                let mut add = String::new();
                for (k, v) in members {
                    add.push(',');
                    add.push_str(indent);
                    add.push_str(&json_string(k));
                    add.push_str(colon);
                    add.push_str(v);
                }
                spans.push((end, end, add));
            }
        }
    }
    spans.sort_by_key(|(start, end, _)| (*start, *end));
    let mut out = String::with_capacity(text.len() + spans.len() * 32);
    let mut from = 0;
    for (start, end, with) in spans {
        if start < from {
            return Err("two edits overlap".into());
        }
        out.push_str(&text[from..start]);
        out.push_str(&with);
        from = end;
    }
    out.push_str(&text[from..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::lens::json::{Value, parse};

    /// The positions of an object member's key and value, by key.
    fn member(text: &str, path: &[usize], key: &str) -> (Pos, Pos) {
        let doc = parse(text).unwrap();
        let mut node = &doc.root;
        for &i in path {
            node = match &node.value {
                Value::Object(m) => &m[i].value,
                Value::Array(a) => &a[i],
                _ => panic!(),
            };
        }
        let Value::Object(members) = &node.value else {
            panic!()
        };
        let m = members.iter().find(|m| m.key == key).unwrap();
        (m.key_pos, m.value.pos)
    }

    #[test]
    fn replaces_values_and_appends_members_in_the_files_own_style() {
        let text = "{\r\n  \"items\": [\r\n    {\r\n      \"text\": \"Tag \\\"all\\\" ✓\",\r\n      \"status\": \"Open\"\r\n    },\r\n    {\"text\": \"b\",\"x\":[1,{\"y\":\"]\"}]}\r\n  ]\r\n}\r\n";
        let (_, status) = member(text, &[0, 0], "status");
        let (key, value) = member(text, &[0, 1], "x");
        let out = apply(
            text,
            &[
                Edit::Replace {
                    at: status,
                    json: json_string("Fulfilled"),
                },
                Edit::Append {
                    key,
                    value,
                    members: vec![
                        ("status".into(), json_string("N/A")),
                        ("comments".into(), json_string("line\n\"two\"")),
                    ],
                },
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            "{\r\n  \"items\": [\r\n    {\r\n      \"text\": \"Tag \\\"all\\\" ✓\",\r\n      \"status\": \"Fulfilled\"\r\n    },\r\n    {\"text\": \"b\",\"x\":[1,{\"y\":\"]\"}],\"status\":\"N/A\",\"comments\":\"line\\n\\\"two\\\"\"}\r\n  ]\r\n}\r\n"
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["items"][1]["comments"], "line\n\"two\"");
    }

    #[test]
    fn a_position_that_is_not_a_value_is_an_error() {
        let err = apply(
            "{}",
            &[Edit::Replace {
                at: Pos::new(9, 9),
                json: "1".into(),
            }],
        )
        .unwrap_err();
        assert_eq!(err, "no value at 9:9");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(json_string("a\u{1}b\tc"), "\"a\\u0001b\\tc\"");
    }
}
