use super::*;
use crate::pack::{Source, load_str};

fn pack(id: &str, titles: &[&str]) -> Pack {
    let choices: String = titles
        .iter()
        .enumerate()
        .map(|(i, t)| format!("          - {{ id: c{i}, title: \"{t}\", improve: x }}\n"))
        .collect();
    let text = format!(
        "schema: 1\nid: {id}\nname: N\nversion: 1.0.0\npillars:\n  - id: security\n    name: S\n    questions:\n      - id: q\n        title: Q?\n        choices:\n{choices}          - {{ id: none, title: None of these, none: true }}\n"
    );
    load_str(
        &format!("{id}.yaml"),
        &text,
        Source::File(format!("{id}.yaml").into()),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn warnings(checked: &[&Pack], others: &[&Pack]) -> Vec<String> {
    near_duplicates(checked, others)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn words_drop_case_punctuation_plurals_and_stop_words() {
    assert_eq!(
        words("Backups are tested: every restore, of the backups!"),
        ["backup", "restore", "tested"]
    );
    assert_eq!(words("Multi-factor access"), ["access", "factor", "multi"]);
    assert_eq!(words("The"), Vec::<String>::new());
}

#[test]
fn a_reworded_title_is_a_near_duplicate_named_with_both_places() {
    let builtin = pack(
        "base",
        &["Backups run automatically every night", "Logs are kept"],
    );
    let mine = pack(
        "mine",
        &[
            "Our backups run automatically each night",
            "Alerts page a person",
        ],
    );
    assert_eq!(
        warnings(&[&mine], &[&builtin]),
        [
            "warning: mine.yaml:12:19: pack `mine`, question `q`, choice `c0`: practice title \"Our backups run automatically each night\" nearly repeats \"Backups run automatically every night\" (pack `base`, question `q`, choice `c0`, at base.yaml:12:19)"
        ]
    );
}

#[test]
fn titles_that_differ_in_a_meaningful_word_are_not() {
    // {restore, tested, quarter} and {restore, tested, year}: 2 shared of 4 words, 50 %.
    let a = pack("a", &["A restore is tested every quarter"]);
    let b = pack("b", &["A restore is tested every year"]);
    assert!(warnings(&[&a], &[&b]).is_empty());
    // One shared word is never enough, however short the titles.
    let c = pack("c", &["Backups"]);
    let d = pack("d", &["The backups"]);
    assert!(warnings(&[&c], &[&d]).is_empty());
}

#[test]
fn checked_files_are_compared_with_earlier_ones_not_with_their_own_pack() {
    let first = pack(
        "first",
        &["Secrets live in a secrets manager", "Secrets manager lives"],
    );
    let second = pack("second", &["Secrets live in the secrets manager"]);
    // The same pack id in the catalog (the file overrides it) is not a duplicate of itself.
    let catalog_copy = pack("second", &["Secrets live in the secrets manager"]);
    let found = warnings(&[&first, &second], &[&catalog_copy]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("warning: second.yaml:12:19: pack `second`")
            && found[0].contains("(pack `first`, question `q`, choice `c0`, at first.yaml:12:19)"),
        "{found:?}"
    );
}
