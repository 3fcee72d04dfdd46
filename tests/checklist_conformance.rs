//! Conformance with real Azure review checklists: the ten in `../shared/checklists/` (never
//! copied into this repository; CI has them at the same place).
//!
//! For each checklist, read independently with `serde_json`: every item is a practice (count in
//! = count out) whose id is its guid, in the pillar its `waf` names, with its severity as
//! `if_missing`; questions hold at most 19 practices and a "None of these"; `packs check
//! --strict` is clean. Then, with statuses and comments drawn at random (a fixed seed per file):
//! every question scores as the severities say, and export into the blank checklist gives every
//! item its status and comments and changes nothing else, keys in their order.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::path::PathBuf;

use assert_cmd::Command;
use scorps::pack::checklist::{self, Status};
use scorps::pack::{Risk, lens};
use scorps::review::Timestamp;
use scorps::review::score::status as question_status;
use serde_json::Value;

/// The checklist folder, or `None` (with a note) when it is missing outside CI. In CI a missing
/// folder is a failure: the check must not pass by silently doing nothing.
fn checklist_files() -> Option<Vec<PathBuf>> {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let dir = manifest.join("../shared/checklists");
    if !dir.is_dir() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "{} is missing: CI must provide the real Azure checklists for the conformance check",
                dir.display()
            );
        }
        eprintln!(
            "SKIPPED: checklist conformance: {} does not exist (CI has it; the check runs there)",
            dir.display()
        );
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".json") && !name.ends_with(".schema.json")
        })
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        10,
        "expected the ten checklists of ../shared/checklists/README.md"
    );
    Some(files)
}

/// The pillar a `waf` value names, as docs/checklists.md maps it.
fn pillar_of(waf: &str) -> &'static str {
    match waf {
        "Security" => "security",
        "Reliability" => "reliability",
        "Operations" => "operational-excellence",
        "Cost" => "cost",
        "Performance" => "performance",
        other => panic!("unexpected waf {other}"),
    }
}

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const COMMENTS: [&str; 5] = [
    "",
    "Done in the platform team's pipeline.",
    "[follow-up] owner: Ana\nsecond line",
    "\\ starts with a backslash",
    "quotes \" and ünïcode ✓",
];

#[test]
fn real_checklists_import_with_every_item_where_it_belongs() {
    let Some(files) = checklist_files() else {
        return;
    };
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let json: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let items = json["items"].as_array().unwrap();
        let imported = checklist::import_file(path, None)
            .unwrap_or_else(|e| panic!("{name} does not import:\n{}", e.report()));
        assert!(
            imported.warnings.is_empty(),
            "{name}: {:?}",
            imported.warnings
        );
        let pack = &imported.pack;
        let practices: usize = pack.questions().map(|(_, q)| q.practices().count()).sum();
        assert_eq!(practices, items.len(), "{name}: items in = practices out");
        let mut at: HashMap<&str, (&str, &scorps::pack::Question)> = HashMap::new();
        for (p, q) in pack.questions() {
            assert!(q.practices().count() <= 19, "{name}: {}", q.id);
            assert_eq!(
                q.choices.iter().filter(|c| c.none).count(),
                1,
                "{name}: {}",
                q.id
            );
            for (_, c) in q.practices() {
                at.insert(c.id.as_str(), (p.id.as_str(), q));
            }
        }
        for item in items {
            let guid = item["guid"].as_str().unwrap();
            let (pillar, q) = at
                .get(guid)
                .unwrap_or_else(|| panic!("{name}: guid {guid} is no practice"));
            assert_eq!(
                *pillar,
                pillar_of(item["waf"].as_str().unwrap()),
                "{name}: {guid}"
            );
            let choice = &q.choices[q.choice_index(guid).unwrap()];
            assert_eq!(
                choice.title,
                item["text"].as_str().unwrap().trim(),
                "{name}"
            );
            assert_eq!(
                choice.if_missing.map(scorps::pack::MissingRisk::as_str),
                Some(item["severity"].as_str().unwrap().to_lowercase().as_str()),
                "{name}: {guid}"
            );
            let category = item["category"].as_str().unwrap();
            // Groups are compared without letter case ("DB/App tuning", "DB/APP tuning").
            assert!(
                q.title
                    .to_lowercase()
                    .starts_with(&category.trim().to_lowercase()),
                "{name}: {}",
                q.title
            );
        }
        // The pack a file gives is the same whichever way it is read.
        let (loaded, _) = scorps::pack::load_file(path).unwrap();
        assert_eq!(loaded.digest, pack.digest, "{name}");
    }
}

#[test]
fn real_checklists_pass_packs_check_strict() {
    let Some(files) = checklist_files() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    for path in &files {
        let out = Command::cargo_bin("scorps")
            .unwrap()
            .env("SCORPS_CONFIG_DIR", home.path().join("config"))
            .env("SCORPS_DATA_DIR", home.path().join("data"))
            .current_dir(home.path())
            .args(["packs", "check", "--strict"])
            .arg(path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{}: {stderr}", path.display());
        assert!(!stderr.contains("warning"), "{}: {stderr}", path.display());
    }
}

/// The keys of every item, in the order written.
fn item_keys(text: &str) -> Vec<Vec<String>> {
    let doc = lens::json::parse(text).unwrap();
    let lens::json::Value::Object(top) = &doc.root.value else {
        panic!()
    };
    let items = top.iter().find(|m| m.key == "items").unwrap();
    let lens::json::Value::Array(items) = &items.value.value else {
        panic!()
    };
    items
        .iter()
        .map(|i| match &i.value {
            lens::json::Value::Object(m) => m.iter().map(|m| m.key.clone()).collect(),
            _ => Vec::new(),
        })
        .collect()
}

fn without_answers(mut v: Value) -> Value {
    for item in v["items"].as_array_mut().unwrap() {
        let item = item.as_object_mut().unwrap();
        item.remove("status");
        item.remove("comments");
    }
    v
}

#[test]
fn random_statuses_score_as_their_severities_and_export_back_into_the_blank_checklist() {
    let Some(files) = checklist_files() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for (n, path) in files.iter().enumerate() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let blank_text = std::fs::read_to_string(path).unwrap();
        let blank: Value = serde_json::from_str(&blank_text).unwrap();
        let mut filled = blank.clone();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (n as u64 + 1));
        let mut drawn = Vec::new();
        for item in filled["items"].as_array_mut().unwrap() {
            let status = Status::ALL[rng.next(Status::ALL.len())];
            let comment = COMMENTS[rng.next(COMMENTS.len())];
            item["status"] = status.name().into();
            if !comment.is_empty() {
                item["comments"] = comment.into();
            }
            drawn.push((status, comment));
        }
        let filled_path = dir.path().join(&name);
        std::fs::write(&filled_path, serde_json::to_string_pretty(&filled).unwrap()).unwrap();
        let imported = checklist::import_file(&filled_path, None).unwrap();
        let review = imported.review("W", Timestamp(1_795_687_200)).review;

        // Scores: the worst severity among the open, risk accepted or (in an answered question)
        // not verified items; low adds nothing; a question with every item not verified is unanswered.
        let mut by_question: HashMap<&str, Vec<(Status, &str)>> = HashMap::new();
        let blank_items = blank["items"].as_array().unwrap();
        for ((item, (status, _)), read) in blank_items.iter().zip(&drawn).zip(imported.items()) {
            assert_eq!(
                read.guid,
                item["guid"].as_str().unwrap(),
                "{name}: file order"
            );
            by_question
                .entry(read.question)
                .or_default()
                .push((*status, item["severity"].as_str().unwrap()));
        }
        for (_, q) in imported.pack.questions() {
            let members = &by_question[q.id.as_str()];
            let answered = members.iter().any(|(s, _)| *s != Status::NotVerified);
            let expected = answered.then(|| {
                members
                    .iter()
                    .filter(|(s, _)| {
                        matches!(s, Status::Open | Status::NotVerified | Status::RiskAccepted)
                    })
                    .map(|(_, sev)| match *sev {
                        "High" => Risk::High,
                        "Medium" => Risk::Medium,
                        _ => Risk::None,
                    })
                    .max()
                    .unwrap_or(Risk::None)
            });
            let (_, risk) = question_status(&review, &imported.pack.id, q);
            assert_eq!(risk, expected, "{name}: {}", q.id);
        }

        // Export into the blank checklist: every item's status and comment, nothing else.
        let blank_imported = checklist::import_file(path, Some(&imported.pack.id)).unwrap();
        assert_eq!(blank_imported.pack.digest, imported.pack.digest, "{name}");
        let out = checklist::export(&blank_imported, &review, &imported.pack.id).unwrap();
        assert!(out.notes.is_empty(), "{name}: {:?}", out.notes);
        let back: Value = serde_json::from_str(&out.json).unwrap();
        for (item, (status, comment)) in back["items"].as_array().unwrap().iter().zip(&drawn) {
            assert_eq!(item["status"], status.name(), "{name}: {}", item["guid"]);
            assert_eq!(
                item.get("comments").and_then(Value::as_str).unwrap_or(""),
                *comment,
                "{name}: {}",
                item["guid"]
            );
        }
        assert_eq!(without_answers(back), without_answers(blank), "{name}");
        let keys = item_keys(&out.json);
        for (before, after) in item_keys(&blank_text).iter().zip(&keys) {
            assert_eq!(&after[..before.len()], &before[..], "{name}: key order");
        }
        // Import → export → import of the filled file keeps every status and comment.
        let round = checklist::export(&imported, &review, &imported.pack.id).unwrap();
        let round_path = dir.path().join(format!("round-{name}"));
        std::fs::write(&round_path, &round.json).unwrap();
        let again = checklist::import_file(&round_path, Some(&imported.pack.id)).unwrap();
        let reread: Vec<(Status, &str)> = again
            .items()
            .map(|i| (i.status, i.comments.unwrap_or("")))
            .collect();
        assert_eq!(reread, drawn, "{name}");
    }
}
