//! `docs/pack-format.md` shows packs and command output; these tests keep them true.
//!
//! Every complete pack in a `yaml` block (one that starts a pack with `schema: 1` and an `id`)
//! must pass `scorps packs check --strict`, and the `explain` output shown for the example must be
//! what scorps prints.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use assert_cmd::Command;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use tempfile::TempDir;

/// The fenced code blocks of the page: (language, text).
fn code_blocks() -> Vec<(String, String)> {
    let page =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/pack-format.md"))
            .unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new(&page) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                current = Some((lang.to_string(), String::new()));
            }
            Event::Text(text) => {
                if let Some((_, body)) = current.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

fn complete_packs() -> Vec<String> {
    code_blocks()
        .into_iter()
        .filter(|(lang, text)| lang == "yaml" && text.contains("\nschema: 1\nid: "))
        .map(|(_, text)| text)
        .collect()
}

fn scorps(dir: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("scorps").unwrap();
    cmd.current_dir(dir.path())
        .env("SCORPS_DATA_DIR", dir.path().join("data"))
        .env("SCORPS_CONFIG_DIR", dir.path().join("config"));
    cmd
}

#[test]
fn every_complete_example_passes_check_strict() {
    let packs = complete_packs();
    assert!(!packs.is_empty(), "the page has a complete example");
    for text in packs {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("example.yaml"), &text).unwrap();
        let out = scorps(&dir)
            .args(["packs", "check", "--strict", "example.yaml"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && !stderr.contains("warning"),
            "{stderr}\n{text}"
        );
    }
}

/// Whether the lines a page shows are what scorps printed. A shown line that is only `…` stands
/// for any number of printed lines (the built-in packs' rows in the coverage example); every other
/// line must match exactly, in order.
fn shown_matches(shown: &[&str], printed: &[&str]) -> bool {
    match shown.split_first() {
        None => printed.is_empty(),
        Some((&"…", rest)) => {
            (0..=printed.len()).any(|skip| shown_matches(rest, &printed[skip..]))
        }
        Some((line, rest)) => printed
            .split_first()
            .is_some_and(|(first, more)| first == line && shown_matches(rest, more)),
    }
}

#[test]
fn an_ellipsis_line_stands_for_any_run_of_printed_lines_and_nothing_else() {
    assert!(shown_matches(&["a", "…", "d"], &["a", "b", "c", "d"]));
    assert!(shown_matches(&["a", "…", "d"], &["a", "d"]));
    assert!(!shown_matches(&["a", "…", "d"], &["a", "b", "c"]));
    assert!(!shown_matches(&["a", "d"], &["a", "b", "d"]));
}

#[test]
fn console_output_shown_for_the_example_is_what_scorps_prints() {
    let dir = tempfile::tempdir().unwrap();
    let example = complete_packs().into_iter().next().unwrap();
    std::fs::write(dir.path().join("payments-platform.yaml"), &example).unwrap();
    let mut checked = 0;
    for (lang, block) in code_blocks()
        .into_iter()
        .filter(|(lang, _)| lang == "console")
    {
        let Some(command) = block
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("$ scorps "))
        else {
            continue;
        };
        let runnable = [
            "packs explain payments-platform.yaml ",
            "packs check --strict payments-platform.yaml",
            "--pack payments-platform.yaml packs coverage",
        ];
        if !runnable.iter().any(|r| command.starts_with(r)) {
            continue;
        }
        let args: Vec<&str> = command.split_whitespace().collect();
        let out = scorps(&dir).args(&args).output().unwrap();
        // What the page shows after the command, up to the next prompt.
        let shown: Vec<&str> = block
            .lines()
            .skip(1)
            .take_while(|l| !l.starts_with('$'))
            .collect();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let printed: Vec<&str> = printed.lines().collect();
        assert!(
            shown_matches(&shown, &printed),
            "{lang}: scorps {command}\nshown:\n{}\nprinted:\n{}",
            shown.join("\n"),
            printed.join("\n")
        );
        checked += 1;
    }
    assert_eq!(
        checked, 3,
        "the check, explain and coverage examples were found"
    );
}
