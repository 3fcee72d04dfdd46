use super::*;
use crate::review::store::parse;

fn demo() -> Pack {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/packs/backlog-demo.yaml"
    );
    crate::pack::load_file(std::path::Path::new(path))
        .unwrap()
        .0
}

fn review(answers: &str) -> Review {
    let text = format!(
        "format = 1\nworkload = \"W\"\ncreated = 2026-11-26T10:00:00Z\nupdated = 2026-11-26T10:00:00Z\n\n{answers}"
    );
    parse("x.review.toml", &text).unwrap()
}

#[test]
fn a_sound_review_has_none() {
    let r = review(
        "[answers.\"backlog-demo/secrets\"]\nstate = \"answered\"\nselected = [\"vault\", \"rotation\"]\n\n[answers.\"backlog-demo/access\"]\nstate = \"answered\"\nselected = [\"none\"]\n",
    );
    assert_eq!(anomalies(&r, &[demo()]), []);
}

#[test]
fn none_with_practices_is_noted_with_its_key() {
    let r = review(
        "[answers.\"backlog-demo/secrets\"]\nstate = \"answered\"\nselected = [\"vault\", \"none\", \"scanning\"]\n",
    );
    let found = anomalies(&r, &[demo()]);
    assert_eq!(
        found,
        [Anomaly::NoneWithPractices {
            key: "backlog-demo/secrets".into(),
            none: "none".into(),
            practices: vec!["vault".into(), "scanning".into()],
        }]
    );
    assert_eq!(
        found[0].to_string(),
        "`answers.\"backlog-demo/secrets\"` selects \"None of these\" (`none`) together with `vault`, `scanning`; one of them is wrong: answer the question again"
    );
}

#[test]
fn unknown_and_repeated_choices_are_noted() {
    let r = review(
        "[answers.\"backlog-demo/access\"]\nstate = \"answered\"\nselected = [\"mfa\", \"sso\\u001b[2J\", \"mfa\"]\n",
    );
    let found: Vec<String> = anomalies(&r, &[demo()])
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "`answers.\"backlog-demo/access\"` selects `sso`, which the question does not have (renamed or removed from the pack?); it counts as not selected",
            "`answers.\"backlog-demo/access\"` selects `mfa` more than once",
        ]
    );
}

#[test]
fn a_pack_listed_twice_is_noted_and_counted_once() {
    let pack = "[[packs]]\nid = \"backlog-demo\"\nversion = \"1.0.0\"\ndigest = \"sha256:a\"\n\n";
    let r = review(&format!("{pack}{pack}"));
    assert_eq!(r.packs.len(), 1);
    let found = anomalies(&r, &[demo()]);
    assert_eq!(found.len(), 1);
    assert!(
        found[0]
            .to_string()
            .starts_with("`[[packs]]` lists pack `backlog-demo` more than once"),
        "{}",
        found[0]
    );
}

#[test]
fn answers_to_questions_no_pack_has_are_left_to_orphans() {
    let r = review("[answers.\"other/q\"]\nstate = \"answered\"\nselected = [\"x\"]\n");
    assert_eq!(anomalies(&r, &[demo()]), []);
}

#[test]
fn practices_both_ticked_and_not_applicable_or_unknown_are_noted() {
    let r = review(
        "[answers.\"backlog-demo/access\"]\nstate = \"answered\"\nselected = [\"mfa\"]\n\n[answers.\"backlog-demo/access\".not_applicable.mfa]\nreason = \"out-of-scope\"\n\n[answers.\"backlog-demo/access\".not_applicable.none]\nreason = \"other\"\n\n[answers.\"backlog-demo/access\".not_applicable.break-glass]\nreason = \"other\"\n",
    );
    let found: Vec<String> = anomalies(&r, &[demo()])
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "`answers.\"backlog-demo/access\"` both selects `mfa` and marks it not applicable; it counts as in place",
            "`answers.\"backlog-demo/access\"` marks `none` not applicable, which is no practice of the question; it is ignored",
        ]
    );
}
