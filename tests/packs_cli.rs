//! `scorps packs …`, `completions`, `manpage` and `--help`, run as a user runs them.
//!
//! Every test runs in its own temporary working folder with `SCORPS_DATA_DIR` and
//! `SCORPS_CONFIG_DIR` pointing at temporary folders, so the developer's own packs and settings
//! never leak in.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use scorps::pack::builtin;
use tempfile::TempDir;

/// A working folder and a home for scorps's data and config.
struct Sandbox {
    cwd: TempDir,
    home: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            cwd: tempfile::tempdir().unwrap(),
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn data(&self) -> PathBuf {
        self.home.path().join("data")
    }

    fn config(&self) -> PathBuf {
        self.home.path().join("config")
    }

    fn scorps(&self) -> Command {
        let mut cmd = Command::cargo_bin("scorps").unwrap();
        cmd.current_dir(self.cwd.path())
            .env("SCORPS_DATA_DIR", self.data())
            .env("SCORPS_CONFIG_DIR", self.config())
            .env_remove("NO_COLOR");
        cmd
    }

    /// Writes a file; a relative path is taken from the working folder.
    fn write(&self, path: impl AsRef<Path>, text: &str) -> PathBuf {
        let path = self.cwd.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/packs")
        .join(name)
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A valid one-question pack.
fn pack(id: &str, name: &str) -> String {
    format!(
        "schema: 1\nid: {id}\nname: {name}\nversion: 2.0.0\npillars:\n  - id: security\n    name: Security\n    questions:\n      - id: q\n        title: A question?\n        choices:\n          - {{ id: a, title: A, improve: Do A. }}\n          - {{ id: none, title: None of these, none: true }}\n"
    )
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The row of `packs list` for a pack id.
fn row<'a>(list: &'a str, id: &str) -> &'a str {
    list.lines()
        .find(|l| l.split_whitespace().next() == Some(id))
        .unwrap_or_else(|| panic!("no row `{id}` in\n{list}"))
}

// ---------------------------------------------------------------------------------------------
// packs list

#[test]
fn list_shows_every_builtin_with_id_name_version_pillars_questions_and_source() {
    let sb = Sandbox::new();
    let out = sb.scorps().args(["packs", "list"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "no overrides, no warnings"
    );
    let list = String::from_utf8(out.stdout).unwrap();
    let header: Vec<&str> = list.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        ["ID", "NAME", "VERSION", "PILLARS", "QUESTIONS", "SOURCE"]
    );
    let packs = builtin::packs();
    assert_eq!(list.lines().count(), 1 + packs.len());
    for (pack, (file, _)) in packs.iter().zip(builtin::FILES) {
        let row = row(&list, &pack.id);
        let pillars: Vec<&str> = pack.pillars.iter().map(|p| p.id.as_str()).collect();
        for cell in [
            &pack.name,
            &pack.version,
            &pillars.join(","),
            &pack.question_count().to_string(),
        ] {
            assert!(row.contains(cell.as_str()), "`{cell}` missing from {row}");
        }
        assert!(row.ends_with(&format!("built-in ({file})")), "{row}");
    }
}

#[test]
fn a_pack_given_with_pack_overrides_the_builtin_and_says_so_with_both_sources() {
    let sb = Sandbox::new();
    sb.write("my-security.yaml", &pack("security", "Our security"));
    let out = sb
        .scorps()
        .args(["--pack", "my-security.yaml", "packs", "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        "note: pack `security` from my-security.yaml overrides the one from built-in (security.yaml)"
    );
    let list = String::from_utf8(out.stdout).unwrap();
    let row = row(&list, "security");
    assert!(
        row.contains("Our security") && row.contains("2.0.0") && row.ends_with("my-security.yaml"),
        "{row}"
    );
    assert_eq!(
        list.lines().count(),
        1 + builtin::FILES.len(),
        "replaced, not added"
    );
}

#[test]
fn packs_are_found_in_the_data_dir_and_the_project_folder() {
    let sb = Sandbox::new();
    let user = sb.write(
        sb.data().join("packs/team.yaml"),
        &pack("team-extra", "Team extra"),
    );
    sb.write(
        ".scorps/packs/project.yml",
        &pack("project-extra", "Project extra"),
    );
    sb.write(".scorps/packs/README.md", "not a pack");
    let list = stdout_of(sb.scorps().args(["packs", "list"]));
    assert!(
        row(&list, "team-extra").ends_with(&user.display().to_string()),
        "{list}"
    );
    assert!(
        row(&list, "project-extra").ends_with(".scorps/packs/project.yml"),
        "{list}"
    );
    assert_eq!(list.lines().count(), 1 + builtin::FILES.len() + 2);
}

#[test]
fn config_pack_dirs_are_read_after_the_data_dir() {
    let sb = Sandbox::new();
    let extra = sb.home.path().join("extra");
    let file = sb.write(
        extra.join("extra.yaml"),
        &pack("from-config", "From config"),
    );
    sb.write(
        sb.config().join("config.toml"),
        &format!("pack_dirs = [{:?}]\n", extra.display().to_string()),
    );
    let list = stdout_of(sb.scorps().args(["packs", "list"]));
    assert!(
        row(&list, "from-config").ends_with(&file.display().to_string()),
        "{list}"
    );
}

#[test]
fn later_sources_win_data_dir_then_project_then_pack_flag() {
    let sb = Sandbox::new();
    let user = sb.write(
        sb.data().join("packs/shared.yaml"),
        &pack("shared", "From data"),
    );
    sb.write(".scorps/packs/shared.yaml", &pack("shared", "From project"));
    sb.write("cli/shared.yaml", &pack("shared", "From flag"));
    let out = sb
        .scorps()
        .args(["packs", "list", "--pack", "cli/shared.yaml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let notes: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        notes,
        [
            format!("note: pack `shared` from .scorps/packs/shared.yaml overrides the one from {}", user.display()),
            "note: pack `shared` from cli/shared.yaml overrides the one from .scorps/packs/shared.yaml".to_string(),
        ]
    );
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(row(&list, "shared").contains("From flag"), "{list}");
}

#[test]
fn a_broken_pack_in_a_discovered_folder_stops_the_command_with_its_location() {
    let sb = Sandbox::new();
    sb.write(
        ".scorps/packs/broken.yaml",
        &pack("broken", "Broken").replace("version: 2.0.0", "version: 2"),
    );
    sb.scorps()
        .args(["packs", "list"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("error: .scorps/packs/broken.yaml:4:10: pack `broken`: version `2` is not a semantic version"));
}

#[test]
fn a_missing_pack_path_is_an_error() {
    let sb = Sandbox::new();
    sb.scorps()
        .args(["--pack", "nope.yaml", "packs", "list"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("error: nope.yaml: cannot read the pack")
                .and(predicate::str::contains("help: check the path")),
        );
}

#[test]
fn a_schema_file_beside_the_packs_is_not_read_as_a_pack() {
    let sb = Sandbox::new();
    sb.write(".scorps/packs/team.yaml", &pack("team", "Team"));
    sb.write(
        ".scorps/packs/scorps-pack.schema.json",
        &scorps::pack::raw::schema_json().unwrap(),
    );
    let list = stdout_of(sb.scorps().args(["packs", "list"]));
    row(&list, "team");
    let list = stdout_of(sb.scorps().args([
        "--pack",
        manifest("pillars").to_str().unwrap(),
        "packs",
        "list",
    ]));
    assert!(
        row(&list, "security").contains("pillars/security.yaml"),
        "{list}"
    );
}

// ---------------------------------------------------------------------------------------------
// packs check

#[test]
fn check_a_clean_pack_exits_0_and_says_ok() {
    let sb = Sandbox::new();
    sb.scorps()
        .args([
            "packs",
            "check",
            fixture("small.yaml").to_str().unwrap(),
            "--strict",
        ])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::ends_with(
            "small.yaml: ok: pack `team-basics` 1.2.0, 2 questions\n",
        ));
}

#[test]
fn a_pack_of_if_missing_levels_passes_check_strict() {
    let sb = Sandbox::new();
    sb.scorps()
        .args([
            "packs",
            "check",
            "--strict",
            fixture("levels.yaml").to_str().unwrap(),
        ])
        .assert()
        .success()
        .stderr(predicate::str::ends_with(
            "levels.yaml: ok: pack `levels` 1.0.0, 1 questions\n",
        ));
}

const LINT_WARNINGS: [&str; 5] = [
    "warnings.yaml:9:13: pack `lint-me`, question `secrets`: the risk rules have no `default`; high is assumed",
    "warnings.yaml:9:13: pack `lint-me`, question `secrets`: no selection gives risk `none`",
    "warnings.yaml:15:17: pack `lint-me`, question `secrets`: practice `rotation` has no `improve` text",
    "warnings.yaml:17:17: pack `lint-me`, question `secrets`: practice `scanning` is not mentioned by any risk rule",
    "warnings.yaml:25:19: pack `lint-me`, question `secrets`: the rule `none: vault && rotation` can never decide",
];

#[test]
fn check_prints_lint_warnings_and_still_exits_0() {
    let sb = Sandbox::new();
    let out = sb
        .scorps()
        .args(["packs", "check", fixture("warnings.yaml").to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    for w in LINT_WARNINGS {
        assert!(
            stderr.contains(&format!("warning: {}", fixture(w).display())),
            "`{w}` missing:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("ok: pack `lint-me` 0.1.0, 1 questions, 5 warning(s)"),
        "{stderr}"
    );
}

#[test]
fn strict_makes_warnings_fail_with_exit_2_and_never_says_ok() {
    let sb = Sandbox::new();
    let file = fixture("warnings.yaml");
    let out = sb
        .scorps()
        .args(["packs", "check", "--strict", file.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(LINT_WARNINGS[2]), "{stderr}");
    assert!(
        stderr.ends_with(&format!(
            "\n{}: fails --strict: pack `lint-me` 0.1.0, 1 questions, 5 warning(s)\n0 error(s), 5 warning(s) (--strict)\n",
            file.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains(": ok:"), "{stderr}");
}

#[test]
fn check_errors_exit_2() {
    let sb = Sandbox::new();
    let bad = sb.write(
        "bad.yaml",
        &pack("bad", "Bad").replace("title: A,", "titel: A,"),
    );
    sb.scorps()
        .args(["packs", "check", bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.yaml:12:22: question `q`, choice `a`: unknown field `titel`",
        ));
}

#[test]
fn check_reports_on_every_file_given() {
    let sb = Sandbox::new();
    sb.write(
        "bad.yaml",
        &pack("bad", "Bad").replace("schema: 1", "schema: 3"),
    );
    std::fs::copy(fixture("small.yaml"), sb.cwd.path().join("small.yaml")).unwrap();
    std::fs::copy(
        fixture("warnings.yaml"),
        sb.cwd.path().join("warnings.yaml"),
    )
    .unwrap();
    let out = sb
        .scorps()
        .args(["packs", "check", "small.yaml", "bad.yaml", "warnings.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("small.yaml: ok: pack `team-basics`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: bad.yaml:1:9: unsupported pack schema 3"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warnings.yaml: ok: pack `lint-me` 0.1.0, 1 questions, 5 warning(s)"),
        "{stderr}"
    );
    assert!(stderr.ends_with("1 error(s), 5 warning(s)\n"), "{stderr}");
}

#[test]
fn every_builtin_pack_file_passes_check_strict() {
    let sb = Sandbox::new();
    let files: Vec<PathBuf> = builtin::FILES
        .iter()
        .map(|(f, _)| manifest("pillars").join(f))
        .collect();
    let out = sb
        .scorps()
        .args(["packs", "check", "--strict"])
        .args(&files)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert!(warnings.is_empty(), "{stderr}");
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains(": ok: pack `"))
            .count(),
        files.len(),
        "{stderr}"
    );
}

#[test]
fn a_practice_that_nearly_repeats_a_builtin_one_is_named_with_both_places() {
    let sb = Sandbox::new();
    let security = builtin::packs()
        .into_iter()
        .find(|p| p.id == "security")
        .unwrap();
    let (_, q) = security.questions().next().unwrap();
    let (_, c) = q.practices().next().unwrap();
    let text = pack("mine", "Mine").replace("title: A,", &format!("title: \"Our {}\",", c.title));
    sb.write("mine.yaml", &text);
    let out = sb
        .scorps()
        .args(["packs", "check", "--strict", "mine.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let expected = format!(
        "warning: mine.yaml:12:19: pack `mine`, question `q`, choice `a`: practice title \"Our {}\" nearly repeats \"{}\" (pack `security`, question `{}`, choice `{}`, at built-in (security.yaml):{}:{})",
        c.title, c.title, q.id, c.id, c.pos.line, c.pos.col
    );
    assert!(stderr.contains(&expected), "{expected}\n{stderr}");
    // A pack of the project folder is compared too.
    sb.write(
        ".scorps/packs/team.yaml",
        &pack("team", "Team").replace(
            "title: A,",
            "title: \"Deploys are rolled back in one step\",",
        ),
    );
    sb.write(
        "other.yaml",
        &pack("other", "Other").replace(
            "title: A,",
            "title: \"Deploys can be rolled back in one step\",",
        ),
    );
    let out = sb
        .scorps()
        .args(["packs", "check", "other.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("nearly repeats \"Deploys are rolled back in one step\" (pack `team`, question `q`, choice `a`, at .scorps/packs/team.yaml:12:19)"),
        "{stderr}"
    );
}

#[test]
fn check_needs_at_least_one_file() {
    Sandbox::new()
        .scorps()
        .args(["packs", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("FILES"));
}

#[test]
fn hostile_text_in_an_error_cannot_reach_the_terminal() {
    let sb = Sandbox::new();
    let bad = sb.write(
        "bad.yaml",
        &pack("bad", "Bad").replace(
            "name: Bad\n",
            "name: Bad\n\"evil\\e]0;owned\\a\\e[2J\": 1\n",
        ),
    );
    let out = sb
        .scorps()
        .args(["packs", "check", bad.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("unknown field `evil"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// packs show

#[test]
fn show_by_id_lays_out_every_question_and_practice() {
    let sb = Sandbox::new();
    let out = stdout_of(sb.scorps().args(["packs", "show", "security"]));
    assert!(
        out.starts_with("Security (security 2.0.0)\nsource: built-in (security.yaml)\n"),
        "{out}"
    );
    let security = builtin::packs()
        .into_iter()
        .find(|p| p.id == "security")
        .unwrap();
    for (_, q) in security.questions() {
        assert!(
            out.contains(&format!("{}  [{}]", q.title, q.id)),
            "{}",
            q.id
        );
        for c in &q.choices {
            assert!(
                out.contains(&format!("{}  ({})", c.title, c.id)),
                "{}/{}",
                q.id,
                c.id
            );
        }
    }
}

#[test]
fn show_by_file() {
    let sb = Sandbox::new();
    let out =
        stdout_of(
            sb.scorps()
                .args(["packs", "show", fixture("small.yaml").to_str().unwrap()]),
        );
    for line in [
        "Team basics (team-basics 1.2.0)",
        "== Reliability (reliability) — 2 questions",
        "1. How do you make sure data can be restored?  [backups]",
        "   A backup nobody has restored is a hope, not a plan.",
        "   [ ] Backups run automatically  (automated)",
        "   ( ) None of these  (none)",
        "   risk: none: automated && restore-tested · medium: automated || restore-tested · default: high",
        "2. Who hears about an outage first?  [alerts]",
    ] {
        assert!(
            out.lines().any(|l| l == line),
            "`{line}` missing from\n{out}"
        );
    }
}

#[test]
fn show_strips_control_characters_from_a_hostile_pack() {
    let sb = Sandbox::new();
    let hostile = fixture("hostile.yaml");
    let out = stdout_of(
        sb.scorps()
            .args(["packs", "show", hostile.to_str().unwrap()]),
    );
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\r'] {
        assert!(!out.contains(bad), "{bad:?} in {out:?}");
    }
    for text in [
        "Hostile pack (hostile 1.0.0)",
        "Clears the screen and hides this text.",
        "1. Does it blink?  [bells]",
        "[ ] Plain link text  (plain)",
    ] {
        assert!(out.contains(text), "`{text}` missing from\n{out}");
    }
    let list = stdout_of(
        sb.scorps()
            .args(["--pack", hostile.to_str().unwrap(), "packs", "list"]),
    );
    assert!(
        !list.contains('\u{1b}') && row(&list, "hostile").contains("Hostile pack"),
        "{list:?}"
    );
}

#[test]
fn show_an_unknown_pack_lists_the_known_ones() {
    Sandbox::new()
        .scorps()
        .args(["packs", "show", "nope"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "error: no pack or file named `nope`; known packs: security, reliability,",
        ));
}

// ---------------------------------------------------------------------------------------------
// packs explain

#[test]
fn explain_prints_a_small_truth_table_in_full() {
    let sb = Sandbox::new();
    let out = stdout_of(sb.scorps().args([
        "packs",
        "explain",
        fixture("small.yaml").to_str().unwrap(),
        "backups",
    ]));
    insta::assert_snapshot!("explain_small", out);
}

#[test]
fn explain_shows_the_thresholds_of_a_question_without_rules() {
    let sb = Sandbox::new();
    let out = stdout_of(sb.scorps().args([
        "packs",
        "explain",
        fixture("small.yaml").to_str().unwrap(),
        "alerts",
    ]));
    insta::assert_snapshot!("explain_thresholds", out);
}

#[test]
fn explain_shows_the_if_missing_levels_of_a_question_without_rules() {
    let sb = Sandbox::new();
    let out = stdout_of(sb.scorps().args([
        "packs",
        "explain",
        fixture("levels.yaml").to_str().unwrap(),
        "secrets",
    ]));
    insta::assert_snapshot!("explain_if_missing", out);
}

#[test]
fn show_prints_short_refs_evidence_and_each_practice_level() {
    let sb = Sandbox::new();
    let out =
        stdout_of(
            sb.scorps()
                .args(["packs", "show", fixture("levels.yaml").to_str().unwrap()]),
        );
    for line in [
        "1. How do you keep secrets out of the code?  [secrets]\n   short: Secrets\n   refs: aws:SEC02, azure:SE:09\n",
        "   [ ] Secrets live in a secrets manager  (vault) · high if missing\n       evidence: The secrets manager's access log for the service.\n",
        "   [ ] Commits are scanned for secrets  (scanning) · medium if missing\n",
        "   [ ] Secrets are rotated on a schedule  (rotation) · low if missing\n",
        "   ( ) None of these  (none)\n",
        "   risk: the worst `if_missing` among the practices not ticked\n",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
}

#[test]
fn coverage_lists_each_reference_with_the_questions_naming_it() {
    let sb = Sandbox::new();
    let levels = fixture("levels.yaml");
    let out =
        stdout_of(
            sb.scorps()
                .args(["--pack", levels.to_str().unwrap(), "packs", "coverage"]),
        );
    // The built-in packs name references too: the fixture's rows sit among theirs, a reference
    // both name lists the built-in question first, and the column is as wide as the longest one.
    let header = out.lines().next().unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["REFERENCE", "QUESTIONS"],
        "{out}"
    );
    let column = header.find("QUESTIONS").unwrap();
    let row = |reference: &str| {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(reference))
            .unwrap_or_else(|| panic!("no row for {reference}\n{out}"))
    };
    assert_eq!(
        &row("aws:SEC02")[column..],
        "levels/secrets (Secrets)",
        "{out}"
    );
    assert!(
        row("azure:SE:09").ends_with("levels/secrets (Secrets)"),
        "{out}"
    );
    let md = stdout_of(sb.scorps().args([
        "--pack",
        levels.to_str().unwrap(),
        "packs",
        "coverage",
        "--format",
        "md",
    ]));
    assert!(
        md.contains("\n## `azure`\n\n") && md.contains("| Reference | Questions |\n|---|---|\n"),
        "{md}"
    );
    assert!(
        md.contains("\n| `aws:SEC02` | `levels/secrets` Secrets |\n"),
        "{md}"
    );
    assert!(
        md.lines()
            .any(|l| l.starts_with("| `azure:SE:09` | ")
                && l.ends_with("`levels/secrets` Secrets |")),
        "{md}"
    );
}

/// docs/packs-coverage.md is the coverage of the built-in packs; it must not fall behind them.
#[test]
fn the_committed_coverage_page_is_current() {
    let sb = Sandbox::new();
    let generated = stdout_of(sb.scorps().args(["packs", "coverage", "--format", "md"]));
    let committed = std::fs::read_to_string(manifest("docs/packs-coverage.md")).unwrap();
    assert!(
        committed == generated,
        "docs/packs-coverage.md is stale: run `scorps packs coverage --format md > docs/packs-coverage.md`\n{generated}"
    );
}

/// A question of 19 practices and "None of these" whose rules name choices 2,994 times: under the
/// load limit, but its truth table would take billions of steps.
fn costly_pack() -> String {
    let mut text = String::from(
        "schema: 1\nid: costly\nname: Costly\nversion: 1.0.0\npillars:\n  - id: security\n    name: S\n    questions:\n      - id: wide\n        title: Wide?\n        choices:\n",
    );
    for c in 0..19 {
        text.push_str(&format!(
            "          - {{ id: c{c}, title: Practice {c}, improve: x }}\n"
        ));
    }
    text.push_str("          - { id: none, title: None of these, none: true }\n        risk:\n");
    for level in ["none", "medium", "high"] {
        let terms: Vec<String> = (0..499)
            .map(|i| format!("c{} && !c{}", i % 19, i % 19))
            .collect();
        text.push_str(&format!(
            "          - {level}: \"{}\"\n",
            terms.join(" || ")
        ));
    }
    text + "          - default: high\n"
}

#[test]
fn check_and_explain_stay_bounded_on_long_conditions() {
    let sb = Sandbox::new();
    sb.write("costly.yaml", &costly_pack());
    let out = sb
        .scorps()
        .args(["packs", "check", "costly.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: costly.yaml: pack `costly`: 1 question(s), from `wide` on, were not checked selection by selection: the pack's truth tables take more than 268435456 steps (selections × size of the rules)"),
        "{stderr}"
    );
    let explained = stdout_of(
        sb.scorps()
            .args(["packs", "explain", "costly.yaml", "wide"]),
    );
    assert!(
        explained.contains("\nSelections (524288): not tabulated: going through them would take "),
        "{explained}"
    );
    assert!(
        explained.contains("more than 268435456; shorten the conditions or split the question\n"),
        "{explained}"
    );
    // Long conditions are shown cut, with how many names were left out.
    assert!(
        explained.contains(" … (998 choice names in all)\n"),
        "{explained}"
    );
}

#[test]
fn explain_collapses_a_question_with_many_practices() {
    let sb = Sandbox::new();
    let out = stdout_of(sb.scorps().args([
        "packs",
        "explain",
        fixture("many-practices.yaml").to_str().unwrap(),
        "wide",
    ]));
    assert!(out.lines().count() < 60, "collapsed:\n{out}");
    insta::assert_snapshot!("explain_collapsed", out);
}

#[test]
fn explain_a_builtin_question_by_pack_id() {
    let security = builtin::packs()
        .into_iter()
        .find(|p| p.id == "security")
        .unwrap();
    let (_, q) = security.questions().next().unwrap();
    let out = stdout_of(
        Sandbox::new()
            .scorps()
            .args(["packs", "explain", "security", &q.id]),
    );
    assert!(
        out.starts_with(&format!("security/{}: {}\n", q.id, q.title)),
        "{out}"
    );
    assert!(
        out.contains(&format!("Selections ({}):", q.selections().count())),
        "{out}"
    );
}

#[test]
fn explain_an_unknown_question_lists_the_question_ids() {
    Sandbox::new()
        .scorps()
        .args(["packs", "explain", fixture("small.yaml").to_str().unwrap(), "nope"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: pack `team-basics` has no question `nope`; its questions are: backups, alerts\n");
}

// ---------------------------------------------------------------------------------------------
// completions, manpage, --help

#[test]
fn completions_and_manpage_are_printed() {
    let sb = Sandbox::new();
    let bash = stdout_of(sb.scorps().args(["completions", "bash"]));
    assert!(
        bash.contains("_scorps()") && bash.contains("explain"),
        "{bash}"
    );
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        assert!(
            !stdout_of(sb.scorps().args(["completions", shell])).is_empty(),
            "{shell}"
        );
    }
    let man = stdout_of(sb.scorps().arg("manpage"));
    assert!(
        man.starts_with(".TH SCORPS 1") && man.contains(".SH COMMANDS"),
        "{man}"
    );
    sb.scorps()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'tcsh'"));
}

/// The subcommands a `--help` text lists under "Commands:" (without `help`).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(String::from)
        .collect()
}

#[test]
fn every_command_help_has_examples() {
    let sb = Sandbox::new();
    let mut queue: Vec<Vec<String>> = vec![Vec::new()];
    let mut seen = 0;
    while let Some(path) = queue.pop() {
        let help = stdout_of(sb.scorps().args(&path).arg("--help"));
        assert!(
            help.contains("Example"),
            "`scorps {} --help` has no examples:\n{help}",
            path.join(" ")
        );
        for sub in subcommands(&help) {
            queue.push(path.iter().cloned().chain([sub]).collect());
        }
        seen += 1;
    }
    // scorps, 10 commands, 5 packs and 2 lens subcommands.
    assert!(seen >= 18, "only {seen} commands found");
}
