//! YAML errors reworded for pack authors: where, in which pillar, question and choice, what was
//! found there, and what to do.
//!
//! serde-saphyr knows where a problem is but not which question it belongs to (the
//! [`outline`](super::outline) finds that), and it words its errors for programmers ("expected
//! sequence start", "invalid u32"). Here each kind of error gets a message in an author's words
//! that quotes the text found at the position, so the one-line error is enough to fix the file.

use serde_saphyr::Error;
use serde_saphyr::budget::BudgetBreach;

use super::error::{PackError, Pos};
use super::outline::context_at;
use crate::text::clean_line;

/// Where the format is described, for errors that need more than a line of advice.
const SEE_FORMAT: &str = "fix the YAML at that place; docs/pack-format.md describes the format and \
                          `scorps packs schema` lists every field";
const RULE_HELP: &str = "each risk rule is one `level: condition` pair, e.g. `- medium: a || b`; the \
                         levels are none, medium and high, and the last rule may be `- default: high`";
/// The longest quote of the offending text in a message.
const MAX_FOUND: usize = 40;

/// Turns a YAML or serde error into a located message with the ids around it and advice.
pub(crate) fn yaml_error(name: &str, text: &str, e: &Error) -> PackError {
    let mut pos = e
        .location()
        .map_or(Pos::default(), |l| Pos::new(l.line(), l.column()));
    if e.to_string().contains("found a tab") {
        // saphyr points at the value the tab interrupts; the author needs the tab itself.
        pos = first_tab_from(text, pos).unwrap_or(pos);
    }
    if let Error::UnsupportedTag { tag, .. } = original(e) {
        // saphyr points at the tagged value; the mistake is the tag before it.
        pos = tag_before(text, pos, tag).unwrap_or(pos);
    }
    let found = found_at(text, pos);
    let (message, help) = describe(original(e), found.as_deref(), text);
    // Only a file that parses as YAML has an outline; an alias bomb is not expanded twice.
    let context = if is_about_the_data(original(e)) {
        context_at(text, pos).unwrap_or_default()
    } else {
        String::new()
    };
    PackError::new(name, pos, message)
        .context(context)
        .help(help)
}

/// The error itself, without the snippet and alias wrappers serde-saphyr puts around it.
fn original(mut e: &Error) -> &Error {
    loop {
        match e {
            Error::WithSnippet { error, .. } | Error::AliasError { error, .. } => e = error,
            _ => return e,
        }
    }
}

/// Whether the YAML was read and the error is about what it holds (a type, a field, a key).
fn is_about_the_data(e: &Error) -> bool {
    matches!(
        e,
        Error::Unexpected { .. }
            | Error::InvalidScalar { .. }
            | Error::SerdeInvalidType { .. }
            | Error::SerdeInvalidValue { .. }
            | Error::SerdeInvalidLength { .. }
            | Error::SerdeUnknownField { .. }
            | Error::SerdeUnknownVariant { .. }
            | Error::SerdeMissingField { .. }
            | Error::SerdeVariantId { .. }
            | Error::DuplicateMappingKey { .. }
            | Error::ExpectedMappingEndAfterEnumVariantValue { .. }
            | Error::ExpectedStringKeyForExternallyTaggedEnum { .. }
            | Error::ExternallyTaggedEnumExpectedScalarOrMapping { .. }
            | Error::NullIntoString { .. }
            | Error::UnsupportedTag { .. }
            | Error::Message { .. }
    )
}

/// The message and the help for one error.
fn describe(e: &Error, found: Option<&str>, text: &str) -> (String, String) {
    let found = found.map(|f| format!(", found `{f}`")).unwrap_or_default();
    let say = |message: String, help: &str| (message, help.to_string());
    match e {
        Error::Eof { .. }
            if text
                .lines()
                .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) =>
        {
            say(
                "the file is empty".into(),
                "a pack needs `schema: 1`, `id`, `name`, `version` and `pillars`; docs/pack-format.md has an example",
            )
        }
        Error::Eof { .. } => say(
            "the file ends in the middle of a value".into(),
            "close every `[`, `{` and quote",
        ),
        Error::MultipleDocuments { .. } => say(
            "the file holds more than one YAML document (a second `---`)".into(),
            "keep one pack per file: remove the `---` line or split the file",
        ),
        Error::Unexpected { expected, .. } if expected.contains("enum") => say(
            format!("a risk rule must be a single `level: condition` pair{found}"),
            RULE_HELP,
        ),
        Error::Unexpected { expected, .. } => {
            say(format!("expected {}{found}", shape(expected)), SEE_FORMAT)
        }
        Error::InvalidScalar { ty, .. } => {
            say(format!("expected {}{found}", scalar(ty)), SEE_FORMAT)
        }
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => say(
            format!("expected {expected}, found {unexpected}"),
            SEE_FORMAT,
        ),
        Error::SerdeUnknownField {
            field, expected, ..
        } => say(
            format!(
                "unknown field `{field}`; expected one of {}",
                expected.join(", ")
            ),
            "remove the field or fix its spelling; `scorps packs schema` lists every field",
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } if expected.contains(&"default") => say(
            format!(
                "unknown risk rule `{variant}`; a rule is one of {}",
                expected.join(", ")
            ),
            RULE_HELP,
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } if expected.contains(&"low") => say(
            format!(
                "unknown `if_missing` level `{variant}`; expected one of {}",
                expected.join(", ")
            ),
            "`if_missing` is low, medium or high: the risk a workload runs without the practice",
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => say(
            format!(
                "unknown risk level `{variant}`; expected one of {}",
                expected.join(", ")
            ),
            "a level is none, medium or high",
        ),
        Error::SerdeMissingField { field, .. } => say(
            format!("missing field `{field}`"),
            &format!("add `{field}:`; `scorps packs schema` lists what each part needs"),
        ),
        Error::UnsupportedTag { tag, .. } => say(
            format!("`{tag}` is read as a YAML tag, not as text"),
            "quote a value that starts with `!`, e.g. `- high: \"!mfa && !sso\"`: YAML takes a leading `!` for a tag",
        ),
        Error::NullIntoString { .. } => say(
            "the value is empty; text is expected here".into(),
            "write the text after the colon (or \"\" for an empty text)",
        ),
        Error::DuplicateMappingKey { key, .. } => say(
            format!(
                "the key `{}` is written twice in the same mapping",
                key.as_deref().unwrap_or("?")
            ),
            "write each key once: delete or rename one of them",
        ),
        Error::ExpectedMappingEndAfterEnumVariantValue { .. }
        | Error::ExpectedStringKeyForExternallyTaggedEnum { .. }
        | Error::ExternallyTaggedEnumExpectedScalarOrMapping { .. } => say(
            format!("a risk rule must be a single `level: condition` pair{found}"),
            RULE_HELP,
        ),
        Error::Budget { breach, .. } => say(
            budget(breach),
            "write the pack out plainly: packs need a few levels of nesting and few or no aliases",
        ),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => say(
            format!("aliases expand to too much data (an alias bomb?){found}"),
            "write the text out instead of repeating it through `*alias` references",
        ),
        other => {
            let mut message = other.to_string();
            // saphyr appends the position; it is already in front of the message.
            if let Some(at) = message.rfind(" at line ") {
                message.truncate(at);
            }
            if message.contains("recursion limit") {
                say(
                    format!("the YAML nests too deeply{found}"),
                    "packs need a few levels of nesting; close the brackets you opened",
                )
            } else if message.contains("found a tab") {
                say(
                    "a tab indents this line".into(),
                    "indent with spaces: YAML does not allow tabs for indentation",
                )
            } else {
                say(
                    message,
                    "fix the YAML here or just above: an unclosed `[`, `{` or quote is often noticed only lines later",
                )
            }
        }
    }
}

/// The YAML shape saphyr expected, in an author's words.
fn shape(expected: &str) -> String {
    match expected {
        "sequence start" => "a list (`- item` lines or `[a, b]`)".into(),
        "mapping start" => "a mapping (`key: value` lines)".into(),
        "string scalar" => "text".into(),
        other => other.to_string(),
    }
}

/// The scalar type saphyr expected, in an author's words.
fn scalar(ty: &str) -> String {
    match ty {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number".into(),
        "bool" | "boolean" => "`true` or `false`".into(),
        other => other.to_string(),
    }
}

fn budget(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Depth { depth } => {
            format!("the YAML nests {depth} levels deep; packs may nest at most 48")
        }
        BudgetBreach::Aliases { aliases } => format!("the file uses more than {aliases} aliases"),
        BudgetBreach::Anchors { anchors } => {
            format!("the file defines more than {anchors} anchors")
        }
        other => format!("the file is too large to read as a pack ({other:?})"),
    }
}

/// The text at a position, up to the end of the line (comments left out), shortened.
fn found_at(text: &str, pos: Pos) -> Option<String> {
    if !pos.is_known() {
        return None;
    }
    let line = text.lines().nth(pos.line as usize - 1)?;
    let rest: String = line
        .chars()
        .skip(pos.col.saturating_sub(1) as usize)
        .collect();
    let rest = rest.split(" #").next().unwrap_or_default().trim();
    if rest.is_empty() {
        return None;
    }
    let rest = clean_line(rest);
    Some(if rest.chars().count() > MAX_FOUND {
        rest.chars().take(MAX_FOUND).collect::<String>() + "…"
    } else {
        rest.into_owned()
    })
}

/// Where `tag` is written on the line of `pos`, before the column.
fn tag_before(text: &str, pos: Pos, tag: &str) -> Option<Pos> {
    let line: Vec<char> = text
        .lines()
        .nth(pos.line.checked_sub(1)? as usize)?
        .chars()
        .collect();
    let tag: Vec<char> = tag.chars().collect();
    let end = (pos.col as usize).min(line.len());
    let col = (0..end).rev().find(|&i| line[i..].starts_with(&tag))?;
    Some(Pos::new(u64::from(pos.line), col as u64 + 1))
}

/// The first tab in the indentation of a line at or after `pos`.
fn first_tab_from(text: &str, pos: Pos) -> Option<Pos> {
    text.lines()
        .enumerate()
        .skip(pos.line.saturating_sub(1) as usize)
        .find_map(|(i, line)| {
            let indent: Vec<char> = line.chars().take_while(|c| c.is_whitespace()).collect();
            let col = indent.iter().position(|c| *c == '\t')?;
            Some(Pos::new(i as u64 + 1, col as u64 + 1))
        })
}

#[cfg(test)]
mod tests {
    use crate::pack::{Source, load_str};

    const PACK: &str = "schema: 1\nid: p\nname: P\nversion: 1.0.0\npillars:\n  - id: security\n    name: S\n    questions:\n      - id: q1\n        title: Q?\n        choices:\n          - id: a\n            title: A\n          - id: b\n            title: B\n        risk:\n          - none: a && b\n      - id: q2\n        title: Q2?\n        choices:\n          - { id: c, title: C }\n";

    fn error_with(from: &str, to: &str) -> String {
        assert!(PACK.contains(from), "{from}");
        let text = PACK.replacen(from, to, 1);
        load_str("p.yaml", &text, Source::Builtin("p.yaml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn serde_errors_name_the_ids_around_them() {
        assert_eq!(
            error_with(
                "            title: B\n",
                "            title: B\n            colour: red\n"
            ),
            "error: p.yaml:16:13: question `q1`, choice `b`: unknown field `colour`; expected one of id, title, help, improve, evidence, links, none, if_missing"
        );
        assert_eq!(
            error_with("          - none: a && b\n", "          - severe: a && b\n"),
            "error: p.yaml:17:13: question `q1`: unknown risk rule `severe`; a rule is one of none, medium, high, default"
        );
        assert_eq!(
            error_with("    name: S\n", "    name: [S]\n"),
            "error: p.yaml:7:11: pack `p`, pillar `security`: expected text, found `[S]`"
        );
        assert_eq!(
            error_with("schema: 1", "schema: one"),
            "error: p.yaml:1:9: pack `p`: expected a whole number, found `one`"
        );
    }

    #[test]
    fn flow_items_and_items_without_ids() {
        assert_eq!(
            error_with("{ id: c, title: C }", "{ id: c, title: C, x: 1 }"),
            "error: p.yaml:21:32: question `q2`, choice `c`: unknown field `x`; expected one of id, title, help, improve, evidence, links, none, if_missing"
        );
        assert_eq!(
            error_with("      - id: q2\n", "      - id: [q2]\n"),
            "error: p.yaml:18:13: question 2: expected text, found `[q2]`"
        );
    }

    #[test]
    fn a_key_after_a_list_is_not_inside_its_last_item() {
        let e = error_with("    name: S\n    questions:\n", "    questions:\n");
        let text = format!("{}    name: [S]\n", PACK.replacen("    name: S\n", "", 1));
        let e2 = load_str("p.yaml", &text, Source::Builtin("p.yaml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing field `name`"), "{e}");
        assert_eq!(
            e2,
            "error: p.yaml:21:11: pack `p`, pillar `security`: expected text, found `[S]`"
        );
    }

    #[test]
    fn a_condition_starting_with_not_must_be_quoted() {
        assert_eq!(
            error_with("- none: a && b", "- none: !a && b"),
            "error: p.yaml:17:19: question `q1`: `!a` is read as a YAML tag, not as text"
        );
        let quoted = PACK.replacen("- none: a && b", "- none: \"!a && b\"", 1);
        assert!(load_str("p.yaml", &quoted, Source::Builtin("p.yaml")).is_ok());
    }

    #[test]
    fn empty_files_and_several_documents() {
        let empty = load_str("e.yaml", "# nothing\n\n", Source::Builtin("e.yaml"))
            .unwrap_err()
            .to_string();
        assert_eq!(empty, "error: e.yaml:3:1: the file is empty");
        let two = format!("{PACK}---\n{PACK}");
        let e = load_str("two.yaml", &two, Source::Builtin("two.yaml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("more than one YAML document"), "{e}");
    }
}
