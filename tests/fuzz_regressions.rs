//! Inputs the fuzzers once found troublesome (`tests/fixtures/fuzz/<target>/`), replayed through
//! the same code as the fuzz targets in `fuzz/fuzz_targets/`. Each has a row below saying how it
//! must end; a test checks every file has a row.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use scorps::pack::{Source, lens, load_str, rule};
use scorps::review::store;

/// Target, file, and a part of the first error's text (`""`: it must load).
const ROWS: &[(&str, &str, &str)] = &[
    // Stalled the instrumented build for 10 s: a mangled alias bomb, refused at its first error.
    (
        "pack_load",
        "slow-mangled-alias-bomb.yaml",
        "expected a mapping (`key: value` lines)",
    ),
    // 13 s in the instrumented build (0.3 s in a release build): alias bombs refused at a typo.
    (
        "pack_load",
        "slow-alias-bomb-unknown-field-1.yaml",
        "unknown field `s`",
    ),
    (
        "pack_load",
        "slow-alias-bomb-unknown-field-2.yaml",
        "unknown field `s`",
    ),
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz")
}

/// What the fuzz target does with the bytes, as the first error's text or `""`.
fn replay(target: &str, bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    match target {
        "pack_load" => load_str("fuzz.yaml", &text, Source::Builtin("fuzz"))
            .err()
            .map_or_else(String::new, |e| e.0[0].to_string()),
        "condition" => match rule::parse(&text) {
            Ok(expr) if rule::parse(&expr.to_string()).ok().as_ref() == Some(&expr) => {
                String::new()
            }
            Ok(expr) => format!("`{expr}` does not parse back to the same condition"),
            Err(e) => e.message,
        },
        "review_load" => match store::parse("fuzz.review.toml", &text) {
            Ok(mut review) => {
                review.dropped_packs.clear();
                let again = store::to_toml(&review)
                    .map_err(|e| e.to_string())
                    .and_then(|saved| store::parse("saved", &saved).map_err(|e| e.to_string()));
                match again {
                    Ok(again) if again == review => String::new(),
                    Ok(_) => "save and load changed the review".into(),
                    Err(e) => format!("a loaded review did not save and load: {e}"),
                }
            }
            Err(e) => e.to_string(),
        },
        "lens_import" => lens::import_bytes("fuzz.json", bytes, Source::Builtin("fuzz"))
            .err()
            .map_or_else(String::new, |e| e.0[0].to_string()),
        other => format!("no fuzz target `{other}`"),
    }
}

#[test]
fn every_kept_input_ends_as_its_row_says() {
    for (target, file, expected) in ROWS {
        let bytes = std::fs::read(dir().join(target).join(file)).unwrap();
        let got = replay(target, &bytes);
        if expected.is_empty() {
            assert_eq!(got, "", "{target}/{file}");
        } else {
            assert!(got.contains(expected), "{target}/{file}: {got}");
        }
    }
}

#[test]
fn every_kept_input_has_a_row() {
    for target in std::fs::read_dir(dir()).unwrap() {
        let target = target.unwrap();
        let name = target.file_name().to_string_lossy().into_owned();
        for file in std::fs::read_dir(target.path()).unwrap() {
            let file = file.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                ROWS.iter().any(|(t, f, _)| *t == name && *f == file),
                "{name}/{file} has no row in ROWS"
            );
        }
    }
}
