//! `scorps manpage`: one manual page for the whole tool, written from the command definitions and
//! the review screen's key table, so that it never drifts from either.
//!
//! The page `clap_mangen` writes points at a page per subcommand (`scorps-review(1)`) that nothing installs,
//! and prints the help's examples under a heading "EXTRA". This page instead has every command in
//! one COMMANDS section, then the review screen's keys, files, environment and exit status.

use std::fmt::Write as _;

use clap::Command;
use scorps::tui::keys;

/// Escapes text for roff: backslashes, hyphens (so they print as ASCII), and a leading dot or
/// quote that would start a request.
fn esc(text: &str) -> String {
    let mut out = text.replace('\\', "\\\\").replace('-', "\\-");
    if out.starts_with('.') || out.starts_with('\'') {
        out.insert_str(0, "\\&");
    }
    out
}

/// One paragraph per line of text, each escaped.
fn para(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "{}", esc(line));
    }
}

fn usage(cmd: &mut Command) -> String {
    cmd.render_usage()
        .to_string()
        .trim_start_matches("Usage:")
        .trim()
        .to_string()
}

/// The options and positional arguments of a command, as a roff list.
fn arguments(out: &mut String, cmd: &Command) {
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" || arg.is_global_set() && cmd.get_name() != "scorps" {
            continue;
        }
        let mut names = Vec::new();
        if let Some(short) = arg.get_short() {
            names.push(format!("\\fB\\-{short}\\fR"));
        }
        if let Some(long) = arg.get_long() {
            names.push(format!("\\fB\\-\\-{}\\fR", esc(long)));
        }
        let value = arg
            .get_value_names()
            .map(|v| {
                v.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|_| arg.get_action().takes_values());
        let head = match (names.is_empty(), value) {
            (true, _) => format!("\\fI{}\\fR", esc(&id.to_uppercase())),
            (false, Some(v)) => format!("{} \\fI{}\\fR", names.join(", "), esc(&v)),
            (false, None) => names.join(", "),
        };
        let _ = writeln!(out, ".TP\n{head}");
        let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            help = format!("{help} [one of: {}]", values.join(", "))
                .trim_start()
                .to_string();
        }
        para(out, &help);
    }
}

/// A command and its subcommands under one heading each.
fn command(out: &mut String, cmd: &mut Command, depth: usize) {
    let subs: Vec<Command> = cmd
        .get_subcommands()
        .filter(|s| s.get_name() != "help")
        .cloned()
        .collect();
    if depth > 0 && subs.is_empty() {
        let _ = writeln!(out, ".SS \"{}\"", esc(&usage(cmd)));
        para(
            out,
            &cmd.get_about().map(ToString::to_string).unwrap_or_default(),
        );
        arguments(out, cmd);
        if let Some(after) = cmd.get_after_help() {
            let _ = writeln!(out, ".PP\n.nf");
            para(out, &after.to_string());
            let _ = writeln!(out, ".fi");
        }
    }
    // Built, each subcommand's usage already names its parents (`scorps packs check`).
    for mut sub in subs {
        command(out, &mut sub, depth + 1);
    }
}

/// The whole page.
pub fn render(mut cmd: Command) -> String {
    cmd.build();
    let mut out = String::new();
    let version = cmd.get_version().unwrap_or_default().to_string();
    let _ = writeln!(
        out,
        ".TH SCORPS 1 \"\" \"scorps {}\" \"User Commands\"",
        esc(&version)
    );
    let _ = writeln!(
        out,
        ".SH NAME\nscorps \\- Well\\-Architected reviews in a terminal"
    );
    let _ = writeln!(
        out,
        ".SH SYNOPSIS\n.B scorps\n[\\fB\\-\\-pack\\fR \\fIPATH\\fR]... [\\fICOMMAND\\fR] [\\fIARGS\\fR]"
    );
    let _ = writeln!(out, ".SH DESCRIPTION");
    para(
        &mut out,
        "scorps runs Well-Architected reviews in a terminal. A facilitator and a squad walk through\n\
         question packs for the six pillars (security, cost, operational excellence, reliability,\n\
         performance, sustainability), tick the practices they have, and scorps turns what is\n\
         missing into an improvement backlog. Packs are YAML, reviews TOML, exports markdown, CSV\n\
         or JSON: plain files that live in git beside the code.",
    );
    let _ = writeln!(
        out,
        ".PP\nWithout a command, scorps opens the start screen."
    );
    let _ = writeln!(out, ".SH OPTIONS");
    arguments(&mut out, &cmd);
    let _ = writeln!(out, ".SH COMMANDS");
    command(&mut out, &mut cmd, 0);
    let _ = writeln!(out, ".SH THE REVIEW SCREEN");
    for (heading, bindings) in keys::sections(|b| !b.keys.is_empty()) {
        let _ = writeln!(out, ".SS \"{}\"", esc(heading));
        for b in bindings {
            let _ = writeln!(out, ".TP\n\\fB{}\\fR", esc(b.keys));
            para(&mut out, b.help);
        }
    }
    let _ = writeln!(out, ".SH FILES");
    for (file, what) in FILES {
        let _ = writeln!(out, ".TP\n\\fI{}\\fR", esc(file));
        para(&mut out, what);
    }
    let _ = writeln!(out, ".SH ENVIRONMENT");
    for (name, what) in ENVIRONMENT {
        let _ = writeln!(out, ".TP\n\\fB{}\\fR", esc(name));
        para(&mut out, what);
    }
    let _ = writeln!(out, ".SH EXIT STATUS");
    for (code, what) in [
        ("0", "Success."),
        ("1", "scorps check: a limit was exceeded."),
        (
            "2",
            "Bad input or usage: an invalid pack or review, a missing file, a review held by another process.",
        ),
    ] {
        let _ = writeln!(out, ".TP\n{code}");
        para(&mut out, what);
    }
    if let Some(after) = cmd.get_after_help() {
        let _ = writeln!(out, ".SH EXAMPLES\n.nf");
        let text = after.to_string();
        let examples = text.split("\n\nExit codes").next().unwrap_or_default();
        para(&mut out, examples.trim_start_matches("Examples:\n"));
        let _ = writeln!(out, ".fi");
    }
    let _ = writeln!(out, ".SH SEE ALSO");
    para(
        &mut out,
        "The guides in the project's docs/ folder: facilitation.md, review-screen.md, pack-format.md, backlog.md, lens.md, checklists.md, security.md.",
    );
    out
}

const FILES: [(&str, &str); 9] = [
    (
        "NAME.review.toml",
        "A review: who reviewed what against which packs, and every answer. Written only by scorps, atomically.",
    ),
    (
        "NAME.review.toml.lock",
        "Held while a review is being edited; names the process, host and user.",
    ),
    (
        "NAME.milestones.toml",
        "The review's milestones: frozen answers, pack versions and scores (scorps milestone).",
    ),
    (
        "NAME.votes/",
        "The votes on the review: VOTER.toml for each voter's own (scorps vote), _room.toml for the rounds in the room.",
    ),
    (
        "<config dir>/scorps/config.toml",
        "Settings, all optional: facilitator, team, pack_dirs, export_format, export_dir, timebox_minutes, color.",
    ),
    (
        "<data dir>/scorps/packs/",
        "The user's own packs (YAML, or AWS lens JSON).",
    ),
    (
        "<data dir>/scorps/recent.toml",
        "The reviews the start screen offers to resume.",
    ),
    (
        "./.scorps/packs/",
        "The project's packs, read after the user's.",
    ),
    (
        "pillars/*.yaml",
        "The built-in packs, embedded in the binary.",
    ),
];

const ENVIRONMENT: [(&str, &str); 4] = [
    (
        "SCORPS_CONFIG_DIR",
        "Replaces the platform's configuration folder.",
    ),
    ("SCORPS_DATA_DIR", "Replaces the platform's data folder."),
    (
        "NO_COLOR",
        "When set and not empty, the review screen draws without colour.",
    ),
    (
        "SCORPS_AS_OF",
        "The day dates are judged on (YYYY-MM-DD) for every command that takes --as-of, e.g. for a whole pipeline.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> String {
        render(<crate::cli::Cli as clap::CommandFactory>::command())
    }

    #[test]
    fn one_page_with_every_command_and_the_screen() {
        let page = page();
        for heading in [
            ".SH COMMANDS",
            ".SH THE REVIEW SCREEN",
            ".SH FILES",
            ".SH ENVIRONMENT",
            ".SH EXIT STATUS",
            ".SH EXAMPLES",
        ] {
            assert!(page.contains(heading), "{heading} missing:\n{page}");
        }
        assert!(
            !page.contains("(1)"),
            "no page refers to pages nothing installs"
        );
        assert!(!page.contains("EXTRA"));
        for cmd in [
            "scorps review",
            "scorps packs check",
            "scorps lens import",
            "scorps score",
        ] {
            assert!(
                page.contains(&format!(".SS \"{}", esc(cmd))),
                "{cmd} missing:\n{page}"
            );
        }
        assert!(page.contains("SCORPS_DATA_DIR") && page.contains("NO_COLOR"));
        assert!(page.contains("tick or untick the highlighted practice"));
    }

    #[test]
    fn no_line_starts_a_roff_request_by_accident() {
        for line in page().lines() {
            if let Some(rest) = line.strip_prefix('.') {
                let request = rest.split_whitespace().next().unwrap_or_default();
                assert!(
                    ["TH", "SH", "SS", "TP", "PP", "B", "nf", "fi"].contains(&request),
                    "{line}"
                );
            }
        }
    }
}
