//! `score`, `export`, `check`, `diff` and `report` driven through the real binary, on the fixture
//! pack `tests/fixtures/packs/backlog-demo.yaml` (never the built-in packs, so editing those never
//! changes a snapshot) and the fixture reviews beside it, which carry fixed dates.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use assert_cmd::Command;

const DEMO: &str = "tests/fixtures/packs/backlog-demo.yaml";
const DEMO_V2: &str = "tests/fixtures/packs-v2/backlog-demo.yaml";
const PAYMENTS: &str = "tests/fixtures/reviews/payments.review.toml";
const PAYMENTS_Q3: &str = "tests/fixtures/reviews/payments-q3.review.toml";
const PAYMENTS_Q4: &str = "tests/fixtures/reviews-v2/payments-q4.review.toml";

/// The binary, run from the repository root with no user config or packs.
fn scorps() -> Command {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut cmd = Command::cargo_bin("scorps").unwrap();
    cmd.current_dir(root)
        .env(
            "SCORPS_CONFIG_DIR",
            Path::new(root).join("tests/fixtures/no-such-dir"),
        )
        .env(
            "SCORPS_DATA_DIR",
            Path::new(root).join("tests/fixtures/no-such-dir"),
        )
        // The fixtures carry fixed dates: judge staleness and expiry on a fixed day too.
        .env("SCORPS_AS_OF", "2026-12-01")
        .env("NO_COLOR", "1");
    cmd
}

/// Runs with the demo pack; returns stdout, stderr and the exit code.
fn run(args: &[&str]) -> (String, String, i32) {
    run_with(scorps(), &[&["--pack", DEMO], args].concat())
}

fn run_with(mut cmd: Command, args: &[&str]) -> (String, String, i32) {
    let out = cmd.args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// Runs a command that must succeed quietly and returns its stdout.
fn ok(args: &[&str]) -> String {
    let (stdout, stderr, code) = run(args);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!(stderr, "", "a clean run says nothing on stderr");
    stdout
}

#[test]
fn score_text() {
    insta::assert_snapshot!("score_text", ok(&["score", PAYMENTS]));
}

#[test]
fn score_json() {
    let out = ok(&["score", PAYMENTS, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["overall"], 50.0);
    insta::assert_snapshot!("score_json", out);
}

#[test]
fn export_markdown() {
    let out = ok(&["export", PAYMENTS]);
    assert_eq!(
        out,
        ok(&["export", PAYMENTS, "--format", "md"]),
        "markdown is the default"
    );
    insta::assert_snapshot!("export_md", out);
}

#[test]
fn export_markdown_parses_into_a_table_and_task_lists() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let out = ok(&["export", PAYMENTS]);
    let events: Vec<Event<'_>> =
        Parser::new_ext(&out, Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS).collect();
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Table(_))))
            .count(),
        1
    );
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::TableRow)))
            .count(),
        3,
        "two pillars and overall"
    );
    // secrets: 3 missing practices, access: 1, backups: 1.
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, Event::TaskListMarker(false)))
            .count(),
        5
    );
    // The only raw HTML is the exporter's own markers, one per item and one per task.
    let html: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Html(h) | Event::InlineHtml(h) => Some(h.trim_end().to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(html.len(), 5 + 5, "{html:?}");
    assert!(
        html.iter()
            .all(|h| h.starts_with("<!-- scorps:item backlog-demo/")
                || h.starts_with("<!-- scorps:task ")),
        "{html:?}"
    );
}

#[test]
fn export_csv() {
    let out = ok(&["export", PAYMENTS, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let ids: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "backlog-demo/secrets",
            "backlog-demo/access",
            "backlog-demo/backups",
            "backlog-demo/patching",
            "backlog-demo/capacity"
        ]
    );
    insta::assert_snapshot!("export_csv", out);
}

#[test]
fn export_json() {
    let out = ok(&["export", PAYMENTS, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 5);
    insta::assert_snapshot!("export_json", out);
}

#[test]
fn export_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backlog.csv");
    let target_text = target.display().to_string();
    let (stdout, stderr, code) = run(&["export", PAYMENTS, "--format", "csv", "-o", &target_text]);
    assert_eq!((stdout.as_str(), code), ("", 0));
    assert_eq!(stderr.replace(&target_text, "[OUT]"), "wrote [OUT]\n");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        ok(&["export", PAYMENTS, "--format", "csv"])
    );
}

#[test]
fn export_format_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "export_format = \"csv\"\n").unwrap();
    let mut cmd = scorps();
    cmd.env("SCORPS_CONFIG_DIR", dir.path());
    let (stdout, _, code) = run_with(cmd, &["--pack", DEMO, "export", PAYMENTS]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with(
            "id,summary,pillar,risk,priority,description,labels,external_id,owner,accepted_until\n"
        ),
        "{stdout}"
    );

    std::fs::write(dir.path().join("config.toml"), "export_format = \"xlsx\"\n").unwrap();
    let mut cmd = scorps();
    cmd.env("SCORPS_CONFIG_DIR", dir.path());
    let (stdout, stderr, code) = run_with(cmd, &["--pack", DEMO, "export", PAYMENTS]);
    assert_eq!((stdout.as_str(), code), ("", 2));
    assert!(
        stderr.contains(
            "config.toml: export_format: unknown export format `xlsx`; use md, csv, json or html"
        ),
        "{stderr}"
    );
}

#[test]
fn check_passes_within_the_limits() {
    let (stdout, stderr, code) = run(&["check", PAYMENTS, "--max-high", "1", "--max-medium", "2"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        format!(
            "ok: {PAYMENTS}: 1 high-risk (at most 1), 2 medium-risk (at most 2), 1 unanswered\n"
        )
    );
}

#[test]
fn check_fails_and_says_what_exceeded() {
    let (stdout, _, code) = run(&[
        "check",
        PAYMENTS,
        "--max-high",
        "0",
        "--max-medium",
        "5",
        "--max-unanswered",
        "0",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!(
            "failed: {PAYMENTS}: 1 high-risk question, more than the 0 allowed\n  backlog-demo/secrets  How are secrets stored and rotated?\n\
             failed: {PAYMENTS}: 1 unanswered question, more than the 0 allowed\n  backlog-demo/capacity  How do you plan capacity?\n"
        )
    );
}

#[test]
fn check_without_limits_says_so() {
    let (stdout, stderr, code) = run(&["check", PAYMENTS]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        format!("ok: {PAYMENTS}: 1 high-risk, 2 medium-risk, 1 unanswered\n")
    );
    assert_eq!(
        stderr,
        "note: no limit given; pass --max-high, --max-medium, --max-unanswered, --max-accepted, --max-expired, --max-stale or --below-target\n"
    );
}

#[test]
fn check_bad_input_exits_2() {
    let cases = [
        (
            "tests/fixtures/reviews/nope.review.toml",
            "error: cannot read tests/fixtures/reviews/nope.review.toml: No such file or directory",
        ),
        (
            "tests/fixtures/bad/corrupt.review.toml",
            "error: tests/fixtures/bad/corrupt.review.toml:8:19: unclosed array, expected `]`",
        ),
        (
            "tests/fixtures/bad/unknown-pack.review.toml",
            "error: tests/fixtures/bad/unknown-pack.review.toml: the review uses pack `no-such-pack` 2.0.0, which is not loaded\n  help: pass the pack with --pack PATH",
        ),
    ];
    for (file, message) in cases {
        let (stdout, stderr, code) = run(&["check", file, "--max-high", "0"]);
        assert_eq!((stdout.as_str(), code), ("", 2), "{file}: {stderr}");
        assert!(stderr.starts_with(message), "{file}: {stderr}");
    }
    // Without --pack the demo pack is not loaded.
    let (_, stderr, code) = run_with(scorps(), &["check", PAYMENTS]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("the review uses pack `backlog-demo` 1.0.0, which is not loaded"),
        "{stderr}"
    );
    let (_, stderr, code) = run(&["check", PAYMENTS, "--max-high", "many"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("invalid value 'many' for '--max-high <N>'"),
        "{stderr}"
    );
}

#[test]
fn diff_same_pack_version() {
    let (stdout, stderr, code) = run(&["diff", PAYMENTS_Q3, PAYMENTS]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    insta::assert_snapshot!("diff_text", stdout);
}

/// Old review answered against 1.0.0, new against 1.1.0: each is read against its own version.
fn diff_versions(format: &str) -> String {
    let (stdout, stderr, code) = run_with(
        scorps(),
        &[
            "--pack",
            DEMO,
            "--pack",
            DEMO_V2,
            "diff",
            PAYMENTS,
            PAYMENTS_Q4,
            "--format",
            format,
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        format!("note: pack `backlog-demo` from {DEMO_V2} overrides the one from {DEMO}\n")
    );
    stdout
}

#[test]
fn diff_across_pack_versions() {
    let text = diff_versions("text");
    assert!(text.contains("pack backlog-demo: 1.0.0 → 1.1.0"), "{text}");
    insta::assert_snapshot!("diff_versions_text", text);
    insta::assert_snapshot!("diff_versions_md", diff_versions("md"));
    let json = diff_versions("json");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let changes: Vec<(&str, &str)> = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["id"].as_str().unwrap(), q["change"].as_str().unwrap()))
        .collect();
    assert!(
        changes.contains(&("backlog-demo/sbom", "added"))
            && changes.contains(&("backlog-demo/patching", "removed")),
        "{changes:?}"
    );
    insta::assert_snapshot!("diff_versions_json", json);
}

#[test]
fn report_of_a_folder() {
    let (stdout, stderr, code) = run(&["report", "tests/fixtures/reviews"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "note: tests/fixtures/reviews/payments-q3.review.toml is an older review of `Payments API` than tests/fixtures/reviews/payments.review.toml; left out\n\
         note: tests/fixtures/reviews/archive/checkout-2025.review.toml is an older review of `Checkout` than tests/fixtures/reviews/checkout.review.toml; left out\n"
    );
    insta::assert_snapshot!("report_md", stdout);
    let json = ok_ignoring_notes(&["report", "tests/fixtures/reviews", "--format", "json"]);
    insta::assert_snapshot!("report_json", json);
}

fn ok_ignoring_notes(args: &[&str]) -> String {
    let (stdout, stderr, code) = run(args);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn report_of_files() {
    let out = ok(&[
        "report",
        PAYMENTS_Q3,
        "tests/fixtures/reviews/checkout.review.toml",
    ]);
    assert!(
        out.contains("| Payments API | Orion | 37.5 | 16.7 | 100.0 | 2 | 1 | 67% | 2026-08-14 |"),
        "{out}"
    );
}

#[test]
fn report_bad_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let (_, stderr, code) = run(&["report", &dir.path().display().to_string()]);
    assert_eq!(code, 2);
    assert!(
        stderr.ends_with(": no review files (*.review.toml) in this folder or below it\n"),
        "{stderr}"
    );
    let (_, stderr, code) = run(&["report", "tests/fixtures/bad"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: tests/fixtures/bad/corrupt.review.toml:8:19:"),
        "{stderr}"
    );
}

/// Runs in a temporary folder's parent-independent way: paths given absolute.
fn merge_into(review: &Path, backlog: &Path) -> (String, String, i32) {
    run(&[
        "export",
        &review.display().to_string(),
        "--merge",
        &backlog.display().to_string(),
    ])
}

#[test]
fn export_merge_keeps_the_teams_edits_and_a_second_run_is_identical() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("payments.review.toml");
    let backlog = dir.path().join("backlog.md");
    let hide = |s: &str| s.replace(&dir.path().display().to_string(), "[DIR]");
    std::fs::copy(PAYMENTS_Q3, &review).unwrap();
    let (stdout, stderr, code) = merge_into(&review, &backlog);
    assert_eq!((stdout.as_str(), code), ("", 0));
    assert_eq!(
        hide(&stderr),
        "note: [DIR]/backlog.md does not exist yet; writing a new backlog\nwrote [DIR]/backlog.md\n"
    );
    let first = std::fs::read_to_string(&backlog).unwrap();
    assert_eq!(
        first,
        ok(&["export", PAYMENTS_Q3]),
        "a new backlog is the plain export"
    );

    // The team ticks a task, names an owner, adds a line under a task and a paragraph.
    let edited = first
        .replace("- [ ] **Secrets are rotated automatically**", "- [X] **Secrets are rotated automatically**")
        .replace(
            "<!-- scorps:task scanning -->\n",
            "<!-- scorps:task scanning -->\n  - Gitleaks trial in the platform repo first\n",
        )
        .replacen("**Owner:** _unassigned_", "**Owner:** @ana (SEC-41)", 1)
        .replace(
            "Agree a patch deadline by severity and track it. <!-- scorps:task sla -->\n\n**Owner:** _unassigned_\n",
            "Agree a patch deadline by severity and track it. <!-- scorps:task sla -->\n\n**Owner:** _unassigned_\n\nRenovate is on for the API repos; the workers follow in May.\n",
        );
    std::fs::write(&backlog, &edited).unwrap();

    // A quarter later the answers changed: access is fixed, backups and capacity are new.
    let now = std::fs::read_to_string(PAYMENTS).unwrap().replace(
        "selected = [\"least-privilege\", \"mfa\"]",
        "selected = [\"least-privilege\", \"mfa\", \"break-glass\"]",
    );
    std::fs::write(&review, now).unwrap();
    let (_, stderr, code) = merge_into(&review, &backlog);
    assert_eq!(
        (hide(&stderr).as_str(), code),
        ("wrote [DIR]/backlog.md\n", 0)
    );
    let merged = std::fs::read_to_string(&backlog).unwrap();
    assert!(
        merged.contains("- [x] **Secrets are rotated automatically**"),
        "{merged}"
    );
    assert!(merged.contains("**Owner:** @ana (SEC-41)"));
    assert!(merged.contains(
        "<!-- scorps:task scanning -->\n  - Gitleaks trial in the platform repo first\n"
    ));
    assert!(merged.contains("Renovate is on for the API repos; the workers follow in May."));
    let (active, resolved) = merged.split_once("## Resolved since last export").unwrap();
    assert!(resolved.contains("### `backlog-demo/access`"), "{merged}");
    assert!(!active.contains("backlog-demo/access"), "{merged}");
    insta::assert_snapshot!("export_merged_md", merged);

    let (_, _, code) = merge_into(&review, &backlog);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(&backlog).unwrap(),
        merged,
        "the same review merged again gives the same bytes"
    );
}

#[test]
fn export_merge_refuses_what_it_cannot_merge() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    std::fs::write(&notes, "# Shopping list\n\n- [ ] eggs\n").unwrap();
    let (stdout, stderr, code) =
        run(&["export", PAYMENTS, "--merge", &notes.display().to_string()]);
    assert_eq!((stdout.as_str(), code), ("", 2));
    assert_eq!(
        stderr.replace(&dir.path().display().to_string(), "[DIR]"),
        "error: [DIR]/notes.md: not a scorps backlog (no `<!-- scorps:item … -->` marker and no \"# Improvement backlog\" title); it is left untouched\n  help: check the path, or export to a new file with -o\n"
    );
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "# Shopping list\n\n- [ ] eggs\n"
    );
    let (_, stderr, code) = run(&["export", PAYMENTS, "--format", "csv", "--merge", "b.md"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: --merge updates a markdown backlog; it cannot be used with --format csv\n  help: drop --format, or write the csv export with -o\n"
    );
    let (_, stderr, code) = run(&["export", PAYMENTS, "--merge", "b.md", "-o", "c.md"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("'--merge <BACKLOG.md>' cannot be used with '--output <OUT>'"),
        "{stderr}"
    );
}

#[test]
fn csv_external_ids_are_stable_across_runs_and_answers() {
    let ids = |file: &str| -> Vec<(String, String)> {
        let out = ok(&["export", file, "--format", "csv"]);
        csv::Reader::from_reader(out.as_bytes())
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), r[7].to_string())
            })
            .collect()
    };
    let now = ids(PAYMENTS);
    assert_eq!(now, ids(PAYMENTS), "the same review, the same ids");
    assert!(
        now.iter()
            .all(|(id, ext)| *ext == format!("scorps:payments-api:{id}")),
        "{now:?}"
    );
    for (id, ext) in ids(PAYMENTS_Q3) {
        if let Some((_, same)) = now.iter().find(|(i, _)| *i == id) {
            assert_eq!(&ext, same, "{id}: one id whatever the answers");
        }
    }
}

#[test]
fn report_sums_up_notes_per_pack_and_shows_the_change_since_a_milestone() {
    let dir = tempfile::tempdir().unwrap();
    let hide = |s: &str| s.replace(&dir.path().display().to_string(), "[DIR]");
    // Three workloads answered against another content of the pack (the digest differs).
    let stale = std::fs::read_to_string(PAYMENTS)
        .unwrap()
        .replace("sha256:6b74", "sha256:0000");
    for n in 1..=3 {
        let text = stale.replace("Payments API", &format!("Workload {n}"));
        std::fs::write(dir.path().join(format!("w{n}.review.toml")), text).unwrap();
    }
    // One with a milestone taken when it was the Q3 review.
    let q = dir.path().join("payments.review.toml");
    std::fs::copy(PAYMENTS_Q3, &q).unwrap();
    let file = q.display().to_string();
    let (_, stderr, code) = run(&["milestone", &file, "2026-q3", "--date", "2026-08-14"]);
    assert_eq!(code, 0, "{stderr}");
    std::fs::copy(PAYMENTS, &q).unwrap();
    let (stdout, stderr, code) = run(&["report", &dir.path().display().to_string()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        hide(&stderr),
        "note: 3 reviews (the first: [DIR]/w1.review.toml) recorded a different `backlog-demo` 1.0.0 (the pack changed since); answers are kept\n"
    );
    assert!(
        stdout.contains("| Completion | Since milestone | Updated |")
            && stdout.contains("| Payments API | Orion | 50.0 | 50.0 | 50.0 | 1 | 2 | 83% | +12.5 since 2026-q3 | 2026-11-26 |")
            && stdout.contains("| Workload 1 | Orion | 50.0 | 50.0 | 50.0 | 1 | 2 | 83% | — | 2026-11-26 |"),
        "{stdout}"
    );
    let (json, _, _) = run(&[
        "report",
        &dir.path().display().to_string(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["workloads"][0]["since_milestone"]["change"], 12.5);
    assert_eq!(
        v["workloads"][1]["since_milestone"],
        serde_json::Value::Null
    );
}

#[test]
fn report_names_the_first_bad_file_in_order() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..40 {
        std::fs::copy(PAYMENTS, dir.path().join(format!("w{n:02}.review.toml"))).unwrap();
    }
    std::fs::write(
        dir.path().join("w17.review.toml"),
        "format = 1\nworkload = [\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("w31.review.toml"), "not toml at all").unwrap();
    for _ in 0..3 {
        let (stdout, stderr, code) = run(&["report", &dir.path().display().to_string()]);
        assert_eq!((stdout.as_str(), code), ("", 2));
        assert!(
            stderr
                .replace(&dir.path().display().to_string(), "[DIR]")
                .starts_with("error: [DIR]/w17.review.toml:"),
            "{stderr}"
        );
    }
}
