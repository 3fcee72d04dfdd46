//! The risk register through the real binary: `accept` and `owner` on a copy of a fixture
//! review, `check --as-of` with every limit on either side of an acceptance's last day, and the
//! register in `score` and `export`. Each test works in a temporary folder outside the
//! repository, with the fixture pack copied beside the review.

// Tests fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A folder outside the repository holding `demo.yaml` and `payments.review.toml`.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(ROOT);
        std::fs::copy(
            root.join("tests/fixtures/packs/backlog-demo.yaml"),
            dir.path().join("demo.yaml"),
        )
        .unwrap();
        std::fs::copy(
            root.join("tests/fixtures/reviews/payments.review.toml"),
            dir.path().join("payments.review.toml"),
        )
        .unwrap();
        Env { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }

    /// Runs scorps in the folder with the demo pack; stdout, stderr, exit code.
    fn run(&self, args: &[&str]) -> (String, String, i32) {
        let out = Command::cargo_bin("scorps")
            .unwrap()
            .current_dir(self.dir.path())
            .env("SCORPS_CONFIG_DIR", self.path("no-config"))
            .env("SCORPS_DATA_DIR", self.path("no-data"))
            .env_remove("SCORPS_AS_OF")
            .env("NO_COLOR", "1")
            .args(["--pack", "demo.yaml"])
            .args(args)
            .output()
            .unwrap();
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
            out.status.code().unwrap_or(-1),
        )
    }

    /// Writes into the review, as scorps would, an acceptance of the high risk of
    /// `backlog-demo/secrets` until `until`, by Ana, with a fixed date (for snapshots).
    fn accepted_by_hand(&self, until: &str) {
        let text = self
            .read("payments.review.toml")
            .replace("format = 1\n", "format = 2\n")
            + &format!(
                "\n[answers.\"backlog-demo/secrets\".accepted]\nowner = \"Ana\"\nuntil = {until}\nrisk = \"high\"\nreason = \"The vault migration lands in April.\"\non = 2026-11-26T12:00:00Z\n"
            );
        std::fs::write(self.path("payments.review.toml"), text).unwrap();
    }

    /// Accepts the high risk of `backlog-demo/secrets` until `until`, owned by Ana.
    fn accept_secrets(&self, until: &str) {
        let (_, stderr, code) = self.run(&[
            "accept",
            "payments.review.toml",
            "backlog-demo/secrets",
            "--owner",
            "Ana",
            "--until",
            until,
            "--reason",
            "The vault migration lands in April.",
        ]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(
            stderr,
            "payments.review.toml: backlog-demo/secrets: Risk accepted.\n"
        );
    }
}

#[test]
fn accept_writes_the_acceptance_and_raises_the_format() {
    let env = Env::new();
    let before = env.read("payments.review.toml");
    assert!(before.starts_with("format = 1\n"));
    env.accept_secrets("2099-03-31");
    let after = env.read("payments.review.toml");
    assert!(after.starts_with("format = 2\n"), "{after}");
    assert!(
        after.contains(
            "[answers.\"backlog-demo/secrets\".accepted]\nowner = \"Ana\"\nuntil = 2099-03-31\nrisk = \"high\"\nreason = \"The vault migration lands in April.\"\non = "
        ),
        "{after}"
    );
    // Every other answer, and the resume position, are as they were.
    let parse = |t: &str| t.parse::<toml::Table>().unwrap();
    let (mut a, mut b) = (parse(&after), parse(&before));
    for t in [&mut a, &mut b] {
        t.remove("format");
        t.remove("updated");
        let secrets = t["answers"]["backlog-demo/secrets"].clone();
        let mut secrets = secrets.as_table().unwrap().clone();
        secrets.remove("updated");
        secrets.remove("accepted");
        t["answers"]
            .as_table_mut()
            .unwrap()
            .insert("backlog-demo/secrets".into(), secrets.into());
    }
    assert_eq!(a, b);
    // Accepting the same again changes `on` only: still a change; clearing brings format 1 back.
    let (_, stderr, code) = env.run(&[
        "accept",
        "payments.review.toml",
        "backlog-demo/secrets",
        "--clear",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "payments.review.toml: backlog-demo/secrets: Acceptance removed: the risk is open.\n"
    );
    assert!(env.read("payments.review.toml").starts_with("format = 1\n"));
    let (_, stderr, code) = env.run(&[
        "accept",
        "payments.review.toml",
        "backlog-demo/secrets",
        "--clear",
    ]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "payments.review.toml: backlog-demo/secrets: already so; the file is unchanged\n"
        )
    );
}

#[test]
fn accept_refuses_what_the_rules_refuse_and_leaves_the_file_alone() {
    let env = Env::new();
    let before = env.read("payments.review.toml");
    let base = ["accept", "payments.review.toml"];
    let cases: &[(&[&str], &str)] = &[
        (
            &["backlog-demo/patching", "--owner", "Ana", "--reason", "r"],
            "error: payments.review.toml: backlog-demo/patching: Only a question at high or medium risk has a risk to accept; nothing changed.",
        ),
        (
            &[
                "backlog-demo/secrets",
                "--owner",
                "Ana",
                "--until",
                "2001-01-01",
                "--reason",
                "r",
            ],
            "error: payments.review.toml: backlog-demo/secrets: That day has passed: accept until today or a later day (YYYY-MM-DD).",
        ),
        (
            &[
                "backlog-demo/secrets",
                "--owner",
                "Ana",
                "--until",
                "31/03/2099",
                "--reason",
                "r",
            ],
            "error: --until: `31/03/2099` is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31",
        ),
        (
            &["backlog-demo/secrets", "--owner", " ", "--reason", "r"],
            "error: payments.review.toml: backlog-demo/secrets: An accepted risk needs an owner; nothing changed.",
        ),
        (
            &["backlog-demo/nope", "--owner", "Ana", "--reason", "r"],
            "error: payments.review.toml: no question `backlog-demo/nope` in the review's packs\n  help: name questions as PACK/QUESTION",
        ),
        (
            &["backlog-demo/secrets", "--owner", "Ana"],
            "error: the following required arguments were not provided:\n  --reason <REASON>",
        ),
        (
            &[
                "backlog-demo/secrets",
                "--owner",
                "Ana",
                "--reason",
                "r",
                "--clear",
            ],
            "error: the argument '--owner <OWNER>' cannot be used with '--clear'",
        ),
    ];
    for (args, message) in cases {
        let (stdout, stderr, code) = env.run(&[&base[..], args].concat());
        assert_eq!((stdout.as_str(), code), ("", 2), "{args:?}: {stderr}");
        assert!(stderr.starts_with(message), "{args:?}: {stderr}");
    }
    assert_eq!(env.read("payments.review.toml"), before, "never rewritten");
    assert!(!env.path("payments.review.toml.lock").exists());
}

#[test]
fn accept_without_until_offers_the_config_default() {
    let env = Env::new();
    std::fs::create_dir(env.path("no-config")).unwrap();
    std::fs::write(env.path("no-config/config.toml"), "accept_days = 30\n").unwrap();
    let (_, stderr, code) = env.run(&[
        "accept",
        "payments.review.toml",
        "backlog-demo/backups",
        "--owner",
        "Ben",
        "--reason",
        "restore test booked",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = env.read("payments.review.toml");
    let until = text
        .lines()
        .find_map(|l| l.strip_prefix("until = "))
        .unwrap()
        .to_string();
    let on = text
        .lines()
        .find_map(|l| l.strip_prefix("on = "))
        .unwrap()
        .to_string();
    let on_day: jiff::civil::Date = on[..10].parse().unwrap();
    let until: jiff::civil::Date = until.parse().unwrap();
    assert_eq!(on_day.until(until).unwrap().get_days(), 30, "{text}");
    assert!(text.contains("risk = \"medium\""), "{text}");
}

#[test]
fn an_accepted_high_risk_passes_the_day_before_and_fails_the_day_after_naming_the_owner() {
    let env = Env::new();
    let check = |as_of: &str| {
        env.run(&[
            "check",
            "payments.review.toml",
            "--max-high",
            "0",
            "--as-of",
            as_of,
        ])
    };
    let (stdout, _, code) = check("2099-03-30");
    assert_eq!(code, 1, "not accepted yet: {stdout}");
    env.accept_secrets("2099-03-31");
    for day in ["2099-03-30", "2099-03-31"] {
        let (stdout, stderr, code) = check(day);
        assert_eq!(code, 0, "{day}: {stdout}{stderr}");
        assert_eq!(
            stdout,
            "ok: payments.review.toml: 0 high-risk (at most 0), 2 medium-risk, 1 unanswered, 1 accepted, 5 stale\n"
        );
    }
    let (stdout, _, code) = check("2099-04-01");
    assert_eq!(code, 1);
    // Then the answer's staleness, whose day is the day the risk was accepted.
    assert!(
        stdout.starts_with(
            "failed: payments.review.toml: 1 high-risk question, more than the 0 allowed\n  backlog-demo/secrets  How are secrets stored and rotated?  (accepted by Ana until 2099-03-31; expired on 2099-04-01)  (last confirmed "
        ),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
}

#[test]
fn check_counts_accepted_expired_and_stale_apart() {
    let env = Env::new();
    env.accept_secrets("2099-03-31");
    let check = |args: &[&str]| env.run(&[&["check", "payments.review.toml"][..], args].concat());

    let (out, _, code) = check(&["--max-accepted", "1", "--as-of", "2099-03-31"]);
    assert_eq!(code, 0, "{out}");
    let (out, _, code) = check(&["--max-accepted", "0", "--as-of", "2099-03-31"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("failed: payments.review.toml: 1 accepted risk, more than the 0 allowed\n  backlog-demo/secrets  How are secrets stored and rotated?  (accepted by Ana until 2099-03-31)"),
        "{out}"
    );

    let (out, _, code) = check(&["--max-expired", "0", "--as-of", "2099-03-31"]);
    assert_eq!(code, 0, "{out}");
    let (out, _, code) = check(&["--max-expired", "0", "--as-of", "2099-04-01"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("failed: payments.review.toml: 1 expired risk, more than the 0 allowed\n  backlog-demo/secrets  How are secrets stored and rotated?  (accepted by Ana until 2099-03-31; expired on 2099-04-01)"),
        "{out}"
    );

    // The fixture's answers were last changed on 2026-11-26: due 180 days later.
    let (out, _, code) = check(&["--max-stale", "0", "--as-of", "2027-05-25"]);
    assert_eq!(
        (code, out.contains("0 stale (at most 0)")),
        (0, true),
        "{out}"
    );
    // Accepting the risk of `secrets` changed its answer: it is fresh, the other four are not.
    let (out, _, code) = check(&["--max-stale", "3", "--as-of", "2027-05-26"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("failed: payments.review.toml: 4 stale answers, more than the 3 allowed\n")
            && out.contains("  backlog-demo/alerts  How do you learn that users are affected?  (last confirmed 2026-11-26, due 2027-05-25)\n"),
        "{out}"
    );
}

#[test]
fn check_as_of_must_be_a_day() {
    let env = Env::new();
    for bad in ["2099-13-01", "tomorrow", "2099-03-31T00:00:00Z"] {
        let (stdout, stderr, code) = env.run(&[
            "check",
            "payments.review.toml",
            "--max-high",
            "0",
            "--as-of",
            bad,
        ]);
        assert_eq!((stdout.as_str(), code), ("", 2), "{bad}");
        assert_eq!(
            stderr,
            format!(
                "error: --as-of: `{bad}` is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31\n"
            )
        );
    }
    let out = Command::cargo_bin("scorps")
        .unwrap()
        .current_dir(env.dir.path())
        .env("SCORPS_CONFIG_DIR", env.path("no-config"))
        .env("SCORPS_DATA_DIR", env.path("no-data"))
        .env("SCORPS_AS_OF", "soon")
        .args(["--pack", "demo.yaml", "check", "payments.review.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: SCORPS_AS_OF: `soon` is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31\n"
    );
}

#[test]
fn owner_sets_and_clears_and_every_export_writes_it() {
    let env = Env::new();
    let (_, stderr, code) = env.run(&[
        "owner",
        "payments.review.toml",
        "backlog-demo/backups",
        "Ben",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "payments.review.toml: backlog-demo/backups: Owner set.\n"
    );
    let (md, _, _) = env.run(&["export", "payments.review.toml", "--as-of", "2026-12-01"]);
    assert!(md.contains("**Owner:** Ben\n"), "{md}");
    assert!(
        md.contains("**Owner:** _unassigned_\n"),
        "other items have none"
    );
    let (json, _, _) = env.run(&[
        "export",
        "payments.review.toml",
        "--format",
        "json",
        "--as-of",
        "2026-12-01",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let item = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "backlog-demo/backups")
        .unwrap();
    assert_eq!(item["owner"], "Ben");
    let (csv, _, _) = env.run(&[
        "export",
        "payments.review.toml",
        "--format",
        "csv",
        "--as-of",
        "2026-12-01",
    ]);
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    let headers = rd.headers().unwrap().clone();
    let owner_at = headers.iter().position(|h| h == "owner").unwrap();
    let owners: Vec<String> = rd
        .records()
        .map(|r| r.unwrap()[owner_at].to_string())
        .collect();
    assert!(owners.contains(&"Ben".to_string()), "{owners:?}");
    let (_, stderr, code) = env.run(&[
        "owner",
        "payments.review.toml",
        "backlog-demo/backups",
        "--clear",
    ]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            0,
            "payments.review.toml: backlog-demo/backups: Owner removed.\n"
        )
    );
    let (_, stderr, code) =
        env.run(&["owner", "payments.review.toml", "backlog-demo/backups", " "]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: an owner needs a name\n  help: pass --clear to remove the owner\n"
    );
}

#[test]
fn export_writes_the_register_section_and_json() {
    let env = Env::new();
    env.accepted_by_hand("2099-03-31");
    // A practice that does not apply, written as the review screen writes it.
    let text = env.read("payments.review.toml")
        + "\n[answers.\"backlog-demo/secrets\".not_applicable.rotation]\nreason = \"business-priorities\"\nnote = \"Keys | rotate | with the vault, later.\"\n";
    std::fs::write(env.path("payments.review.toml"), text).unwrap();
    let (md, stderr, code) = env.run(&["export", "payments.review.toml", "--as-of", "2099-04-01"]);
    assert_eq!(code, 0, "{stderr}");
    let section = &md[md.find("## Risk register").unwrap()..md.find("## Backlog").unwrap()];
    insta::assert_snapshot!("register_section", section);
    assert!(
        md.contains(
            "**Risk expired on 2099-04-01: open again (accepted by Ana until 2099-03-31)**"
        ),
        "{md}"
    );
    let (json, _, _) = env.run(&[
        "export",
        "payments.review.toml",
        "--format",
        "json",
        "--as-of",
        "2099-03-31",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], 1, "fields were added; none changed meaning");
    let r = &v["register"];
    assert_eq!(r["as_of"], "2099-03-31");
    assert_eq!(r["accepted"][0]["id"], "backlog-demo/secrets");
    assert_eq!(r["accepted"][0]["standing"], "holds");
    assert_eq!(r["accepted"][0]["owner"], "Ana");
    assert_eq!(r["practices_not_applicable"][0]["practice"], "rotation");
    assert_eq!(
        r["practices_not_applicable"][0]["reason"],
        "business-priorities"
    );
    assert_eq!(r["stale"].as_array().unwrap().len(), 5);
    let secrets = &v["items"][0];
    assert_eq!(secrets["id"], "backlog-demo/secrets");
    assert_eq!(secrets["acceptance"]["until"], "2099-03-31");
    assert_eq!(secrets["acceptance"]["standing"], "holds");
    // The practice that does not apply is no task.
    let tasks: Vec<&str> = secrets["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["practice"].as_str().unwrap())
        .collect();
    assert_eq!(tasks, ["vault", "scanning"]);
}

#[test]
fn score_shows_the_register_apart_from_open_risks() {
    let env = Env::new();
    env.accepted_by_hand("2099-03-31");
    let (text, _, code) = env.run(&["score", "payments.review.toml", "--as-of", "2099-03-31"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("score_with_register", text);
    let (json, _, _) = env.run(&[
        "score",
        "payments.review.toml",
        "--format",
        "json",
        "--as-of",
        "2099-04-01",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["high"], 1, "the risk stays what the rules say");
    assert_eq!(v["register"]["counts"]["open_high"], 1);
    assert_eq!(v["register"]["counts"]["expired"], 1);
    assert_eq!(v["register"]["counts"]["accepted"], 0);
    assert_eq!(v["register"]["accepted"][0]["standing"], "expired");
}

#[test]
fn the_review_screen_refuses_a_file_being_accepted_into() {
    // The lock keeps one editor per file: `accept` takes it like the review screen does.
    let env = Env::new();
    std::fs::write(env.path("payments.review.toml.lock"), "pid 1\n").unwrap();
    let (_, stderr, code) = env.run(&[
        "accept",
        "payments.review.toml",
        "backlog-demo/secrets",
        "--owner",
        "Ana",
        "--reason",
        "r",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("payments.review.toml is being edited by"),
        "{stderr}"
    );
}
