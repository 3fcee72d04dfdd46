//! `scorps lens import|export` and `--pack LENS.json` against the fixture lenses in
//! `tests/fixtures/lenses/`: each quirk is a located warning, each broken lens a located error
//! with exit 2.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lenses")
        .join(name)
}

/// scorps run from the fixture folder (so messages name files as `quirks.json`), with its
/// config and data folders in a fresh temporary place.
fn scorps(home: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("scorps").unwrap();
    cmd.current_dir(fixture(""))
        .env("SCORPS_CONFIG_DIR", home.path().join("config"))
        .env("SCORPS_DATA_DIR", home.path().join("data"))
        .env("NO_COLOR", "1");
    cmd
}

fn stderr_lines(out: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn every_quirk_is_a_warning_with_its_place() {
    let home = tempfile::tempdir().unwrap();
    let out = scorps(&home)
        .args(["lens", "import", "quirks.json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stderr_lines(&out),
        [
            "warning: quirks.json:3:3: `_version` is not part of the AWS lens format; it gives the pack version 2.1.0",
            "warning: quirks.json:4:3: `_note` is not part of the AWS lens format; it is ignored",
            "warning: quirks.json:14:20: question `OPS1`: `title` is NaN, which is not valid JSON; the id `OPS1` is used instead",
            "warning: quirks.json:15:26: question `OPS1`: `description` is NaN, which is not valid JSON; it is read as empty",
            "warning: quirks.json:16:11: question `OPS1`: `url` is not a key of an AWS question; it is read as the question's helpful resource link",
            "warning: quirks.json:21:77: question `OPS1`, choice `OPS1_1`: `Url` is read as `url`",
            "warning: quirks.json:24:176: question `OPS1`, choice `OPS1_1`: `ftp://example.org/x` is not an http(s) address; it is left out",
            "warning: quirks.json:30:15: question `OPS1`: unknown key `notes` in a choice; it is ignored",
            "warning: quirks.json:35:24: question `OPS1`: the question has no `default` risk rule; `default: high` is added",
            "warning: quirks.json:53:21: question `FLOW1`: choice `FLOW1_x` is titled \"None of these\" but its id does not end in `_no`; it is read as the exclusive \"None of these\"",
            "imported pack `quirks` 2.1.0: 2 pillar(s), 2 question(s), 10 warning(s)",
        ]
    );
    insta::assert_snapshot!("quirks_as_yaml", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn a_bom_and_crlf_are_warnings() {
    let home = tempfile::tempdir().unwrap();
    let out = scorps(&home)
        .args(["lens", "import", "bom-crlf.json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        stderr_lines(&out)[..2],
        [
            "warning: bom-crlf.json:1:1: the file starts with a byte order mark (BOM); it is ignored",
            "warning: bom-crlf.json:1:1: the file has Windows (CRLF) line endings; they are read as LF",
        ]
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("      - id: SEC1\n        title: Is MFA enforced?\n")
    );
}

#[test]
fn broken_lenses_fail_with_exit_2_and_the_place() {
    let home = tempfile::tempdir().unwrap();
    for (file, first) in [
        (
            "not-json.json",
            "error: not-json.json:5:24: not valid JSON: expected `,` or `}` after an object member but found `\"`",
        ),
        (
            "no-pillars.json",
            "error: no-pillars.json:5:14: the lens has no pillars",
        ),
        (
            "unknown-choice.json",
            "error: unknown-choice.json:18:39: question `SEC1`: the condition `SEC1_1 && SEC1_2` names `SEC1_2`, which is not a choice of this question",
        ),
        (
            "duplicate-ids.json",
            "error: duplicate-ids.json:15:21: question `SEC1`: choice `SEC1_1` is defined twice in the question",
        ),
    ] {
        for args in [
            vec!["lens", "import", file],
            vec!["--pack", file, "packs", "list"],
            vec!["packs", "check", file],
        ] {
            let out = scorps(&home).args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = stderr_lines(&out);
            assert_eq!(err[0], first, "{args:?}: {err:?}");
            assert!(out.stdout.is_empty(), "{args:?}");
        }
    }
    let out = scorps(&home)
        .args(["lens", "import", "duplicate-ids.json"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("error: duplicate-ids.json:20:17: question `SEC1`: question `SEC1` is defined twice in the lens"));
    let out = scorps(&home)
        .args(["lens", "import", "unknown-choice.json"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("  help: use one of: SEC1_1, SEC1_no"));
}

#[test]
fn a_lens_is_a_pack_wherever_packs_are_taken() {
    let home = tempfile::tempdir().unwrap();
    scorps(&home)
        .args(["--pack", "quirks.json", "packs", "list"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("quirks")
                .and(predicate::str::contains("operational-excellence,team-flow")),
        );
    scorps(&home)
        .args([
            "--pack",
            "quirks.json",
            "packs",
            "explain",
            "quirks",
            "FLOW1",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("FLOW1_a"));
    scorps(&home)
        .args(["packs", "check", "quirks.json"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "quirks.json: ok: pack `quirks` 2.1.0, 2 questions",
        ));
}

#[test]
fn import_writes_a_pack_file_that_checks_and_exports_back() {
    let home = tempfile::tempdir().unwrap();
    let pack = home.path().join("ops.yaml");
    scorps(&home)
        .args(["lens", "import", "quirks.json", "--id", "ops-lens", "-o"])
        .arg(&pack)
        .assert()
        .success()
        .stderr(predicate::str::contains("imported pack `ops-lens` 2.1.0"));
    let text = std::fs::read_to_string(&pack).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=./scorps-pack.schema.json\n"),
        "{text}"
    );
    assert!(text.contains("\nid: ops-lens\n"));
    scorps(&home)
        .args(["packs", "check", "--strict"])
        .arg(&pack)
        .assert()
        .success();

    let lens = home.path().join("ops.json");
    scorps(&home)
        .args(["lens", "export"])
        .arg(&pack)
        .arg("-o")
        .arg(&lens)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "pillar id `team-flow` is written as `team_flow`",
        ));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&lens).unwrap()).unwrap();
    assert_eq!(json["schemaVersion"], "2021-11-01");
    assert_eq!(json["pillars"][0]["id"], "operationalExcellence");
    scorps(&home)
        .args(["lens", "import"])
        .arg(&lens)
        .assert()
        .success();
}

#[test]
fn export_takes_a_pack_id_and_refuses_unknown_ones() {
    let home = tempfile::tempdir().unwrap();
    let out = scorps(&home)
        .args(["lens", "export", "reliability"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["pillars"][0]["id"], "reliability");
    scorps(&home)
        .args(["lens", "export", "no-such-pack"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: no pack or file named `no-such-pack`; known packs: security,",
        ));
    scorps(&home)
        .args(["lens", "import", "quirks.json", "--id", "Not An Id"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: quirks.json: invalid pack id `Not An Id` given with --id",
        ));
    scorps(&home)
        .args(["lens", "import", "missing.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: missing.json: cannot read the lens:",
        ));
}
