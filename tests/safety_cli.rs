//! Nothing lost, nothing let in, through the real binary: `-o` never replaces an input or
//! anything but a file, reads are bounded and refuse what is not a file, a pack listed twice
//! counts once, and every CSV cell is inert. Each test names the finding it pins.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// A temporary folder holding the demo pack and a review of it, with its own config and data.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            fixture("packs/backlog-demo.yaml"),
            dir.path().join("demo.yaml"),
        )
        .unwrap();
        std::fs::copy(
            fixture("reviews/payments.review.toml"),
            dir.path().join("r.review.toml"),
        )
        .unwrap();
        Place { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }

    /// scorps in this folder; a hang (a pipe read, a device read) fails instead of waiting.
    fn scorps(&self) -> Command {
        let mut cmd = Command::cargo_bin("scorps").unwrap();
        cmd.current_dir(self.dir.path())
            .env("SCORPS_CONFIG_DIR", self.path("config"))
            .env("SCORPS_DATA_DIR", self.path("data"))
            .env("SCORPS_AS_OF", "2026-12-01")
            .env("NO_COLOR", "1")
            .timeout(Duration::from_secs(60));
        cmd
    }

    fn mkfifo(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        let ok = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(ok.success());
        path
    }
}

// Finding 1: an output over an input.

#[test]
fn export_over_its_own_review_is_refused() {
    let p = Place::new();
    let before = p.read("r.review.toml");
    p.scorps()
        .args(["--pack", "demo.yaml", "export", "r.review.toml", "-o", "r.review.toml"])
        .assert()
        .code(2)
        .stderr(contains(
            "error: refusing to write r.review.toml: this run read it as input, and the output would replace it\n  help: choose another file name for the output",
        ));
    assert_eq!(p.read("r.review.toml"), before);
}

#[test]
fn export_through_another_name_of_its_review_is_refused() {
    let p = Place::new();
    symlink("r.review.toml", p.path("backlog.md")).unwrap();
    std::fs::create_dir(p.path("sub")).unwrap();
    for out in ["backlog.md", "sub/../r.review.toml", "./r.review.toml"] {
        p.scorps()
            .args(["--pack", "demo.yaml", "export", "r.review.toml", "-o", out])
            .assert()
            .code(2)
            .stderr(contains("refusing to write"));
    }
    assert!(p.read("r.review.toml").starts_with("format = 1"));
}

#[test]
fn export_over_a_loaded_pack_is_refused() {
    let p = Place::new();
    let before = p.read("demo.yaml");
    p.scorps()
        .args([
            "--pack",
            "demo.yaml",
            "export",
            "r.review.toml",
            "-o",
            "demo.yaml",
        ])
        .assert()
        .code(2)
        .stderr(contains(
            "refusing to write demo.yaml: this run read it as input",
        ));
    // A pack found in the project folder is an input too.
    std::fs::create_dir_all(p.path(".scorps/packs")).unwrap();
    std::fs::rename(p.path("demo.yaml"), p.path(".scorps/packs/demo.yaml")).unwrap();
    p.scorps()
        .args(["export", "r.review.toml", "-o", ".scorps/packs/demo.yaml"])
        .assert()
        .code(2)
        .stderr(contains("refusing to write .scorps/packs/demo.yaml"));
    assert_eq!(p.read(".scorps/packs/demo.yaml"), before);
}

#[test]
fn lens_import_over_its_lens_is_refused() {
    let p = Place::new();
    std::fs::copy(fixture("lenses/quirks.json"), p.path("q.json")).unwrap();
    let before = p.read("q.json");
    p.scorps()
        .args(["lens", "import", "q.json", "-o", "q.json"])
        .assert()
        .code(2)
        .stderr(contains(
            "refusing to write q.json: this run read it as input",
        ));
    assert_eq!(p.read("q.json"), before);
}

#[test]
fn lens_export_over_its_pack_is_refused() {
    let p = Place::new();
    let before = p.read("demo.yaml");
    p.scorps()
        .args(["lens", "export", "demo.yaml", "-o", "demo.yaml"])
        .assert()
        .code(2)
        .stderr(contains(
            "refusing to write demo.yaml: this run read it as input",
        ));
    assert_eq!(p.read("demo.yaml"), before);
}

// Finding 2: an output onto a symlink or something that is not a file.

#[test]
fn output_through_a_symlink_updates_its_target() {
    let p = Place::new();
    std::fs::create_dir(p.path("docs")).unwrap();
    std::fs::write(p.path("docs/backlog.md"), "old").unwrap();
    symlink("docs/backlog.md", p.path("backlog.md")).unwrap();
    p.scorps()
        .args([
            "--pack",
            "demo.yaml",
            "export",
            "r.review.toml",
            "-o",
            "backlog.md",
        ])
        .assert()
        .success();
    let link = std::fs::symlink_metadata(p.path("backlog.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert!(
        p.read("docs/backlog.md").starts_with("# "),
        "the target is updated"
    );
}

#[test]
fn output_onto_a_pipe_or_a_folder_is_refused() {
    let p = Place::new();
    let fifo = p.mkfifo("out.md");
    p.scorps()
        .args(["--pack", "demo.yaml", "export", "r.review.toml", "-o", "out.md"])
        .assert()
        .code(2)
        .stderr(contains(
            "error: refusing to write out.md: it is a named pipe (FIFO), not a regular file\n  help: -o takes the path of a file; to throw the output away, leave out -o and redirect it",
        ));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    std::fs::create_dir(p.path("folder")).unwrap();
    p.scorps()
        .args([
            "--pack",
            "demo.yaml",
            "export",
            "r.review.toml",
            "-o",
            "folder",
        ])
        .assert()
        .code(2)
        .stderr(contains("refusing to write folder: it is a folder"));
}

// Finding 7: every read of a user file is bounded and refuses what is not a file.

#[test]
fn a_review_that_is_a_device_or_a_pipe_is_refused_at_once() {
    let p = Place::new();
    p.scorps()
        .args(["--pack", "demo.yaml", "score", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(contains(
            "cannot read /dev/zero: it is a character device, not a regular file\n  help: give the path of a review file (NAME.review.toml)",
        ));
    p.mkfifo("pipe.review.toml");
    p.scorps()
        .args(["--pack", "demo.yaml", "score", "pipe.review.toml"])
        .assert()
        .code(2)
        .stderr(contains(
            "cannot read pipe.review.toml: it is a named pipe (FIFO), not a regular file",
        ));
}

#[test]
fn a_pack_lens_or_config_that_is_a_pipe_is_refused_at_once() {
    let p = Place::new();
    p.mkfifo("pipe.yaml");
    p.scorps()
        .args(["--pack", "pipe.yaml", "packs", "list"])
        .assert()
        .code(2)
        .stderr(contains("cannot read the pack: it is a named pipe (FIFO)"));
    p.mkfifo("pipe.json");
    p.scorps()
        .args(["lens", "import", "pipe.json"])
        .assert()
        .code(2)
        .stderr(contains("cannot read the lens: it is a named pipe (FIFO)"));
    std::fs::create_dir(p.path("config")).unwrap();
    p.mkfifo("config/config.toml");
    p.scorps()
        .args(["packs", "list"])
        .assert()
        .code(2)
        .stderr(contains(
            "config.toml: it is a named pipe (FIFO), not a regular file",
        ));
}

// Finding 12: a pack listed twice in a review counts once.

#[test]
fn a_pack_listed_twice_counts_once() {
    let p = Place::new();
    let text = p.read("r.review.toml");
    let start = text.find("[[packs]]").unwrap();
    let end = start + text[start..].find("\n\n").unwrap() + 2;
    let twice = format!("{}{}{}", &text[..end], &text[start..end], &text[end..]);
    std::fs::write(p.path("twice.review.toml"), twice).unwrap();
    let score = |file: &str| {
        let out = p
            .scorps()
            .args(["--pack", "demo.yaml", "score", file, "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(score("twice.review.toml"), score("r.review.toml"));
}

// Finding 11: no CSV cell can be a formula, whatever its source.

#[test]
fn a_pillar_name_cannot_become_a_formula_in_csv() {
    let p = Place::new();
    let pack = p.read("demo.yaml").replacen(
        "    name: Security\n",
        "    name: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"\n",
        1,
    );
    std::fs::write(p.path("demo.yaml"), pack).unwrap();
    let out = p
        .scorps()
        .args([
            "--pack",
            "demo.yaml",
            "export",
            "r.review.toml",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("'=HYPERLINK("), "{text}");
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    for row in rows.records() {
        for cell in row.unwrap().iter() {
            let first = cell.trim_start().chars().next();
            assert!(!matches!(first, Some('=' | '+' | '-' | '@')), "{cell:?}");
        }
    }
}

// Finding 13: a lens whose pack would be over the pack limit says so, not "internal error".

#[test]
fn a_lens_whose_pack_is_too_large_says_so() {
    let p = Place::new();
    // Short lines of help text: 3 bytes each in JSON, an indented line each in YAML.
    let help = "x\\n".repeat(40_000);
    let choices: Vec<String> = (0..20)
        .map(|c| {
            format!(
                r#"{{"id":"Q_{c}","title":"Practice {c}","helpfulResource":{{"displayText":"{help}"}},"improvementPlan":{{"displayText":"Do it."}}}}"#
            )
        })
        .collect();
    let lens = format!(
        r#"{{"schemaVersion":"2021-11-01","name":"Big","description":"Big.","pillars":[{{"id":"security","name":"Security","questions":[{{"id":"Q","title":"Q?","choices":[{}],"riskRules":[{{"condition":"default","risk":"HIGH_RISK"}}]}}]}}]}}"#,
        choices.join(",")
    );
    assert!(lens.len() < 3 * 1024 * 1024);
    std::fs::write(p.path("big.json"), lens).unwrap();
    p.scorps()
        .args(["lens", "import", "big.json", "-o", "big.yaml"])
        .assert()
        .code(2)
        .stderr(contains(
            "error: big.json: the lens is 2.3 MiB and the pack it makes would be",
        ))
        .stderr(contains("over the 8 MiB a pack may have"))
        .stderr(contains("help: split the lens into several lenses"))
        .stderr(predicates::str::contains("internal error").not());
    assert!(!p.path("big.yaml").exists());
}
