//! Conformance with real AWS custom lenses: the ten community lenses in `../shared/lenses/`
//! (never copied into this repository; CI has them at the same place).
//!
//! For each lens: it imports; the pack loads with no errors; pillar, question and choice counts
//! match the JSON (read independently with `serde_json`); for every selection (or 2,000 random ones
//! when a question has more) the risk scorps computes equals the lens's own rules evaluated
//! directly the way AWS reads them; and import → export → import keeps ids and risks.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use scorps::pack::lens::{self, READING, Reading, aws_choice_id, aws_risk};
use scorps::pack::{Pack, Question, Risk, Source, lint, rule};

/// The lens folder, or `None` (with a note) when it is missing outside CI. In CI a missing folder
/// is a failure: the check must not pass by silently doing nothing.
fn lens_files() -> Option<Vec<PathBuf>> {
    // Read at run time (cargo sets it for tests too), so the skip and CI paths can be tried by
    // running the test binary with another CARGO_MANIFEST_DIR.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let dir = manifest.join("../shared/lenses");
    if !dir.is_dir() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "{} is missing: CI must provide the real AWS lenses for the conformance check",
                dir.display()
            );
        }
        eprintln!(
            "SKIPPED: lens conformance: {} does not exist (CI has it; the check runs there)",
            dir.display()
        );
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        10,
        "expected the ten lenses of ../shared/lenses/README.md"
    );
    Some(files)
}

/// The lens as plain JSON, read without scorps's reader (the one NaN in the corpus is a value).
fn raw_json(bytes: &[u8]) -> serde_json::Value {
    let text = String::from_utf8_lossy(bytes);
    let text = text
        .trim_start_matches('\u{feff}')
        .replace(": NaN", ": null");
    serde_json::from_str(&text).unwrap()
}

/// The lens's own verdict on a selection: its rules in written order, `default` when none holds
/// (high when the lens has none), read as AWS reads them.
fn lens_risk(question: &serde_json::Value, selected: &[&str], reading: Reading) -> Risk {
    let level = |r: &serde_json::Value| match r["risk"].as_str() {
        Some("NO_RISK") => Risk::None,
        Some("MEDIUM_RISK") => Risk::Medium,
        _ => Risk::High,
    };
    let rules = question["riskRules"].as_array().unwrap();
    let default = rules
        .iter()
        .find(|r| r["condition"].as_str().map(str::trim) == Some("default"))
        .map_or(Risk::High, level);
    let holding = rules
        .iter()
        .filter(|r| r["condition"].as_str().map(str::trim) != Some("default"))
        .filter_map(|r| {
            let cond = rule::parse(r["condition"].as_str().unwrap()).unwrap();
            cond.eval(&|name| selected.contains(&name))
                .then(|| level(r))
        });
    aws_risk(holding.collect::<Vec<_>>(), default, reading)
}

/// Every selection of a question, or a fixed pseudo-random sample of 2,000 when there are more.
fn selections(q: &Question) -> Vec<u32> {
    let all: Vec<u32> = q.selections().take(4097).collect();
    if all.len() <= 4096 {
        return all;
    }
    let practices: Vec<u32> = q.practices().map(|(i, _)| 1 << i).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut out = Vec::new();
    while out.len() < 2000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mask = practices
            .iter()
            .enumerate()
            .filter(|(j, _)| seed & (1 << j) != 0)
            .fold(0, |m, (_, b)| m | b);
        out.push(if mask == 0 {
            q.none_choice().map_or(practices[0], |i| 1 << i)
        } else {
            mask
        });
    }
    out
}

fn selected_ids(q: &Question, s: u32) -> Vec<&str> {
    q.choices
        .iter()
        .enumerate()
        .filter(|(i, _)| s & (1 << i) != 0)
        .map(|(_, c)| c.id.as_str())
        .collect()
}

fn import(path: &Path) -> (Pack, Vec<String>) {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    match lens::import_bytes(&name, &bytes, Source::File(path.to_path_buf())) {
        Ok((pack, warnings)) => (pack, warnings.iter().map(ToString::to_string).collect()),
        Err(e) => panic!("{name} does not import:\n{}", e.report()),
    }
}

#[test]
fn real_lenses_import_and_mean_what_they_say() {
    let Some(files) = lens_files() else { return };
    let mut summary = String::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (pack, warnings) = import(path);
        let json = raw_json(&std::fs::read(path).unwrap());
        let pillars = json["pillars"].as_array().unwrap();
        assert_eq!(pack.pillars.len(), pillars.len(), "{name}: pillars");
        let (mut checked, mut differ) = (0, 0);
        for (p, jp) in pack.pillars.iter().zip(pillars) {
            let jqs = jp["questions"].as_array().unwrap();
            assert_eq!(
                p.questions.len(),
                jqs.len(),
                "{name}: questions of pillar {}",
                jp["id"]
            );
            for (q, jq) in p.questions.iter().zip(jqs) {
                assert_eq!(q.id, jq["id"].as_str().unwrap(), "{name}");
                let ids: Vec<&str> = jq["choices"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["id"].as_str().unwrap())
                    .collect();
                assert_eq!(
                    q.choices.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
                    ids,
                    "{name}: choices of {}",
                    q.id
                );
                let mut differs = false;
                for s in selections(q) {
                    let sel = selected_ids(q, s);
                    assert_eq!(
                        q.risk(s),
                        lens_risk(jq, &sel, READING),
                        "{name}: question {} with {sel:?}",
                        q.id
                    );
                    differs |= lens_risk(jq, &sel, Reading::FirstMatch)
                        != lens_risk(jq, &sel, Reading::WorstWins);
                    checked += 1;
                }
                differ += usize::from(differs);
            }
        }
        let lints = lint::lint(&pack);
        assert!(lints.iter().all(|w| !w.is_error()), "{name}");
        summary.push_str(&format!(
            "{name}: {} pillars, {} questions, {} choices; {} import warnings, {} lint warnings; {checked} selections checked; {differ} questions read differently under worst-wins\n",
            pack.pillars.len(),
            pack.question_count(),
            pack.questions().map(|(_, q)| q.choices.len()).sum::<usize>(),
            warnings.len(),
            lints.len(),
        ));
    }
    eprintln!("{summary}");
    insta::assert_snapshot!("real_lenses", summary);
}

#[test]
fn real_lenses_survive_export_and_import() {
    let Some(files) = lens_files() else { return };
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (pack, _) = import(path);
        let exported = lens::export(&pack).unwrap_or_else(|e| panic!("{name}: {}", e.report()));
        let (back, _) =
            lens::import_bytes(&name, exported.json.as_bytes(), Source::File(path.clone()))
                .unwrap_or_else(|e| panic!("{name}: {}", e.report()));
        for ((pa, a), (pb, b)) in pack.questions().zip(back.questions()) {
            assert_eq!(
                lens::aws_pillar_id(&pa.id),
                lens::aws_pillar_id(&pb.id),
                "{name}"
            );
            assert_eq!(a.id, b.id, "{name}");
            let ids: Vec<String> = a
                .choices
                .iter()
                .map(|c| aws_choice_id(&c.id, c.none))
                .collect();
            assert_eq!(
                ids,
                b.choices.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
                "{name}"
            );
            for s in selections(a) {
                assert_eq!(
                    a.risk(s),
                    b.risk(s),
                    "{name}: question {} with {:?}",
                    a.id,
                    selected_ids(a, s)
                );
            }
        }
        assert_eq!(pack.question_count(), back.question_count(), "{name}");
    }
}

#[test]
fn packs_check_accepts_every_real_lens() {
    let Some(files) = lens_files() else { return };
    let out = assert_cmd::Command::cargo_bin("scorps")
        .unwrap()
        .args(["packs", "check"])
        .args(&files)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains(": ok: pack `"))
            .count(),
        10,
        "{stderr}"
    );
    assert!(!stderr.lines().any(|l| l.starts_with("error")), "{stderr}");
}
