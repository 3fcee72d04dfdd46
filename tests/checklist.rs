//! `scorps checklist import|export` and `--pack CHECKLIST.json` against the fixtures in
//! `tests/fixtures/checklists/`: each quirk a located warning, each broken checklist a located
//! error with exit 2 and nothing written, a filled checklist a review and back.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/checklists")
        .join(name)
}

/// scorps run from the fixture folder (so messages name files as `quirks.json`), with its
/// config and data folders in a fresh temporary place.
fn scorps(home: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("scorps").unwrap();
    cmd.current_dir(fixture(""))
        .env("SCORPS_CONFIG_DIR", home.path().join("config"))
        .env("SCORPS_DATA_DIR", home.path().join("data"))
        .env("SCORPS_AS_OF", "2026-12-01")
        .env("NO_COLOR", "1");
    cmd
}

fn stderr_lines(out: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(String::from)
        .collect()
}

fn run_ok(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn every_quirk_is_a_warning_with_its_place_and_the_import_says_what_it_did() {
    let home = tempfile::tempdir().unwrap();
    let out = run_ok(scorps(&home).args(["checklist", "import", "quirks.json"]));
    let w = |rest: &str| format!("warning: quirks.json:{rest}");
    assert_eq!(
        stderr_lines(&out),
        [
            w("14:9: items[1] (guid `b1e2d3c4-0000-4000-8000-000000000001`): the item has no `severity`; it counts as medium"),
            w("21:9: items[2] (guid `{C0FFEE00 1}`): `waf` \"Governance\" is not one of the five pillars; it becomes the pillar `governance`"),
            w("21:9: items[2] (guid `{C0FFEE00 1}`): the item has no `subcategory`; its `service` stands in"),
            w("21:9: items[2] (guid `{C0FFEE00 1}`): severity \"Critical\" is not High, Medium or Low; it counts as medium"),
            w("21:9: items[2] (guid `{C0FFEE00 1}`): the guid is not a valid practice id (letters, digits, '_', '-'); the practice id is `C0FFEE00-1`"),
            w("23:28: items[2] (guid `{C0FFEE00 1}`): `subcategory` is \"&nbsp\", the workbook's mark for an empty cell; it is read as empty"),
            w("26:13: items[2] (guid `{C0FFEE00 1}`): `Text` is read as `text`"),
            w("29:21: items[2] (guid `{C0FFEE00 1}`): `link` is not an http(s) address; it is left out"),
            w("31:9: items[3] (guid `b1e2d3c4-0000-4000-8000-000000000001`): the guid is also the guid of items[1]; this item's practice id is `b1e2d3c4-0000-4000-8000-000000000001-2`"),
            w("39:9: items[4] (guid `d4e5f6a7-0000-4000-8000-000000000002`): the item has `title` instead of `text`; it is read as the text"),
            w("39:9: items[4] (guid `d4e5f6a7-0000-4000-8000-000000000002`): the item has no `waf`; it goes to pillar `reliability`"),
            w("39:9: items[4] (guid `d4e5f6a7-0000-4000-8000-000000000002`): the item has no `category`; it is grouped by its `service`"),
            w("39:9: items[4] (guid `d4e5f6a7-0000-4000-8000-000000000002`): the item has `priority` instead of `severity`; it is read as the severity"),
            "imported checklist `Quirks checklist` as pack `quirks` 2024.3.7: 5 item(s) in 3 question(s) of 3 pillar(s), 13 warning(s)".to_string(),
        ]
    );
    insta::assert_snapshot!("quirks_as_yaml", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn broken_checklists_fail_with_exit_2_the_place_and_nothing_written() {
    let home = tempfile::tempdir().unwrap();
    let pack = home.path().join("out.yaml");
    let review = home.path().join("out.review.toml");
    for (file, first) in [
        (
            "no-text.json",
            "error: no-text.json:4:70: items[1] (guid `g-2`): the item has no `text`",
        ),
        (
            "no-guid.json",
            "error: no-guid.json:4:5: items[1]: the item has no `guid`",
        ),
        (
            "unknown-status.json",
            "error: unknown-status.json:4:123: items[1] (guid `g-2`): unknown status \"Done\"",
        ),
        (
            "neither.json",
            "error: neither.json:1:1: this JSON is neither an AWS custom lens (it has no `pillars`) nor an Azure review checklist (it has no `items`)",
        ),
        (
            "items-not-list.json",
            "error: items-not-list.json:2:12: `items` must be a list, not an object",
        ),
    ] {
        for args in [
            vec![
                "checklist",
                "import",
                file,
                "-o",
                pack.to_str().unwrap(),
                "--review",
                review.to_str().unwrap(),
            ],
            vec!["--pack", file, "packs", "list"],
            vec!["packs", "check", file],
        ] {
            let out = scorps(&home).args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = stderr_lines(&out);
            assert_eq!(err[0], first, "{args:?}: {err:?}");
            assert!(out.stdout.is_empty(), "{args:?}");
            assert!(!pack.exists() && !review.exists(), "{args:?} wrote a file");
        }
    }
    let out = scorps(&home)
        .args(["checklist", "import", "unknown-status.json"])
        .output()
        .unwrap();
    assert!(
        stderr_lines(&out).contains(
            &"  help: use one of: Not verified, Open, Fulfilled, Not required, N/A, Risk accepted"
                .into()
        )
    );
    let out = scorps(&home)
        .args(["checklist", "import", "not-json.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&out)[0],
        "error: not-json.json:4:5: not valid JSON: expected `,` or `]` after a list item but found `{`"
    );
    let out = scorps(&home)
        .args(["checklist", "import", "../lenses/quirks.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&out),
        [
            "error: ../lenses/quirks.json:1:1: this is an AWS custom lens (it has `pillars`), not an Azure review checklist",
            "  help: import it with `scorps lens import`",
        ]
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let home = tempfile::tempdir().unwrap();
    let big = home.path().join("big.json");
    let mut text = String::from("{\"items\": [");
    text.push_str(&" ".repeat(8 * 1024 * 1024));
    text.push_str("]}");
    std::fs::write(&big, text).unwrap();
    for args in [
        vec!["checklist", "import", big.to_str().unwrap()],
        vec!["--pack", big.to_str().unwrap(), "packs", "list"],
    ] {
        let out = scorps(&home).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr_lines(&out);
        assert!(
            err[0].starts_with(&format!(
                "error: {}: the file is 8388621 bytes",
                big.display()
            )) && err[0].contains("limited to 8 MiB"),
            "{err:?}"
        );
    }
}

#[test]
fn a_filled_checklist_becomes_a_review_that_scores_and_goes_back_unchanged() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let (pack, review, back) = (
        dir.join("payments.yaml"),
        dir.join("payments.review.toml"),
        dir.join("back.json"),
    );
    let out = run_ok(scorps(&home).args([
        "checklist",
        "import",
        "filled.json",
        "-o",
        pack.to_str().unwrap(),
        "--review",
        review.to_str().unwrap(),
        "--workload",
        "Payments",
    ]));
    assert_eq!(
        stderr_lines(&out),
        [
            format!("wrote {}", pack.display()),
            "imported checklist `Payments landing zone` as pack `filled` 2024.6.10: 7 item(s) in 4 question(s) of 4 pillar(s), 0 warning(s)".into(),
            format!(
                "wrote {}: 3 question(s) answered, 1 unanswered; items: 2 not verified, 1 open, 2 fulfilled, 1 not required, 1 n/a; 3 comment(s)",
                review.display()
            ),
        ]
    );
    // The review scores as the severities say: the open high item makes its question high.
    let out = run_ok(scorps(&home).args([
        "--pack",
        pack.to_str().unwrap(),
        "score",
        review.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let score: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let risks: Vec<(String, serde_json::Value)> = score["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["question"].as_str().unwrap().to_string(),
                q["risk"].clone(),
            )
        })
        .collect();
    assert_eq!(
        risks,
        [
            ("sec-network-ingress".to_string(), "high".into()),
            ("rel-bc-and-dr-backups".to_string(), "none".into()),
            ("ops-operations-monitoring".to_string(), "none".into()),
            ("cost-cost-budgets".to_string(), serde_json::Value::Null),
        ]
    );
    // The same pack read from the checklist itself: the review opens with no note of a change.
    let out = run_ok(scorps(&home).args([
        "--pack",
        "filled.json",
        "checklist",
        "export",
        review.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]));
    assert_eq!(
        stderr_lines(&out),
        [
            format!("wrote {}", back.display()),
            format!(
                "exported pack `filled` of {} into 7 item(s): 2 not verified, 1 open, 2 fulfilled, 1 not required, 1 n/a",
                review.display()
            ),
        ]
    );
    // Import → export gives the filled checklist back byte for byte, but for the status of the
    // one item that had none, added after its last member in the file's own style.
    let filled = std::fs::read_to_string(fixture("filled.json")).unwrap();
    let expected = filled.replace(
        "\"comments\": \"Ask finance who owns the alerts.\"\n",
        "\"comments\": \"Ask finance who owns the alerts.\",\n      \"status\": \"Not verified\"\n",
    );
    assert_ne!(expected, filled);
    assert_eq!(std::fs::read_to_string(&back).unwrap(), expected);
    // A YAML pack needs the checklist named.
    let out = scorps(&home)
        .args([
            "--pack",
            pack.to_str().unwrap(),
            "checklist",
            "export",
            review.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&out),
        [
            format!(
                "error: the review's pack `filled` ({}) is a YAML pack; export writes into the checklist JSON it was imported from",
                pack.display()
            ),
            "  help: give that file with --checklist CHECKLIST.json".into(),
        ]
    );
    let out = run_ok(scorps(&home).args([
        "checklist",
        "export",
        review.to_str().unwrap(),
        "--checklist",
        "filled.json",
    ]));
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
}

#[test]
fn an_import_never_replaces_a_review_and_export_names_what_is_missing() {
    let home = tempfile::tempdir().unwrap();
    let review = home.path().join("r.review.toml");
    std::fs::write(&review, "format = 1\n").unwrap();
    let out = scorps(&home)
        .args([
            "checklist",
            "import",
            "filled.json",
            "--review",
            review.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&out)[0],
        format!(
            "error: {} already exists; a review is never replaced by an import",
            review.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&review).unwrap(), "format = 1\n");
    std::fs::remove_file(&review).unwrap();
    run_ok(scorps(&home).args([
        "checklist",
        "import",
        "filled.json",
        "--review",
        review.to_str().unwrap(),
    ]));
    for (args, first) in [
        (
            vec!["checklist", "export", review.to_str().unwrap()],
            "error: none of the review's packs (filled) is loaded from a checklist".to_string(),
        ),
        (
            vec![
                "checklist",
                "export",
                review.to_str().unwrap(),
                "--id",
                "nope",
            ],
            format!(
                "error: {}: the review has no pack `nope`; its packs are: filled",
                review.display()
            ),
        ),
    ] {
        let out = scorps(&home).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr_lines(&out)[0], first, "{args:?}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_checklist_is_a_pack_wherever_packs_are_taken() {
    let home = tempfile::tempdir().unwrap();
    let out = run_ok(scorps(&home).args(["--pack", "filled.json", "packs", "list"]));
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        list.lines()
            .any(|l| l.starts_with("filled ") && l.contains("Payments landing zone")),
        "{list}"
    );
    let out = run_ok(scorps(&home).args([
        "--pack",
        "filled.json",
        "packs",
        "explain",
        "filled",
        "sec-network-ingress",
    ]));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("high"), "{table}");
    let out = run_ok(scorps(&home).args(["packs", "check", "--strict", "filled.json"]));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"));
}
