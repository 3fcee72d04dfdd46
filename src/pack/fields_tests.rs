//! `short`, `refs` and `evidence`: what the loader accepts and refuses, and what lint says.

use super::*;
use crate::pack::lint::lint;

/// A pack of questions, each given as the YAML lines between `title:` and `choices:`.
fn pack(questions: &[&str]) -> Result<Pack, String> {
    let mut text = String::from(
        "schema: 1\nid: t\nname: T\nversion: 1.0.0\npillars:\n  - id: security\n    name: S\n    questions:\n",
    );
    for (i, extra) in questions.iter().enumerate() {
        text.push_str(&format!(
            "      - id: q{i}\n        title: Q?\n{extra}        choices:\n          - {{ id: a, title: A, improve: x, evidence: the log }}\n          - {{ id: none, title: None of these, none: true }}\n"
        ));
    }
    load_str("t.yaml", &text, Source::Builtin("t.yaml")).map_err(|e| e.to_string())
}

fn warnings(pack: &Pack) -> Vec<String> {
    lint(pack).iter().map(ToString::to_string).collect()
}

#[test]
fn short_refs_and_evidence_are_read_into_the_model() {
    let p = pack(&[
        "        short: Restore drills\n        refs: [aws:REL09, dora:trunk-based, azure:RE:05]\n",
        "",
    ])
    .unwrap();
    let (_, q0) = p.question("q0").unwrap();
    let (_, q1) = p.question("q1").unwrap();
    assert_eq!(q0.label(), "Restore drills");
    assert_eq!(q1.label(), "q1", "no short: the id");
    assert_eq!(q0.refs, ["aws:REL09", "dora:trunk-based", "azure:RE:05"]);
    assert_eq!(q0.choices[0].evidence, "the log");
    assert!(warnings(&p).is_empty(), "{:?}", warnings(&p));
}

#[test]
fn malformed_references_are_errors_that_say_what_is_wrong() {
    let cases = [
        (
            "REL09",
            "reference `REL09` has no scheme: write it as `scheme:area`",
        ),
        (
            "AWS:REL09",
            "reference `AWS:REL09` has the scheme `AWS`; a scheme is lowercase letters, digits and '-'",
        ),
        ("\"aws:\"", "reference `aws:` has nothing after the colon"),
        (
            "\"aws:REL 09\"",
            "reference `aws:REL 09` has ` ` in its area; an area is letters, digits and . _ / : -",
        ),
    ];
    for (written, message) in cases {
        let err = pack(&[&format!("        refs: [{written}]\n")]).unwrap_err();
        assert_eq!(
            err,
            format!("error: t.yaml:11:16: question `q0`: {message}"),
            "{written}"
        );
    }
}

#[test]
fn a_blank_short_and_evidence_on_none_of_these_are_errors() {
    assert_eq!(
        pack(&["        short: \" \"\n"]).unwrap_err(),
        "error: t.yaml:11:16: question `q0`: `short` must be a few words on one line"
    );
    let text = "schema: 1\nid: t\nname: T\nversion: 1.0.0\npillars:\n  - id: security\n    name: S\n    questions:\n      - id: q\n        title: Q?\n        choices:\n          - { id: a, title: A, improve: x }\n          - { id: none, title: None, none: true, evidence: nothing }\n";
    assert_eq!(
        load_str("t.yaml", text, Source::Builtin("t.yaml"))
            .unwrap_err()
            .to_string(),
        "error: t.yaml:13:19: question `q`, choice `none`: \"None of these\" cannot have `evidence`: there is nothing to prove"
    );
}

#[test]
fn lint_warns_about_long_and_shared_labels_and_repeated_references() {
    let p = pack(&[
        "        short: Restores are tested every quarter\n",
        "        short: q2\n",
        "",
        "        refs: [aws:REL09, aws:REL09]\n",
    ])
    .unwrap();
    assert_eq!(
        warnings(&p),
        [
            "warning: built-in (t.yaml):9:13: pack `t`, question `q0`: the short label `Restores are tested every quarter` has 33 characters; keep it to 24",
            "warning: built-in (t.yaml):15:13: pack `t`, question `q1`: the short label `q2` is also the label of question `q2`",
            "warning: built-in (t.yaml):26:13: pack `t`, question `q3`: reference `aws:REL09` is listed twice",
        ]
    );
}
