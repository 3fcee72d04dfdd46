//! The risk a question derives from its practices' `if_missing` levels, and where explicit rules,
//! the thresholds and lint meet them.

use super::*;
use crate::pack::lint::lint;

/// A one-question pack; `choices` are YAML flow mappings after `id: X, title: X`.
fn question(choices: &[(&str, &str)], risk: &str) -> Result<Pack, String> {
    let list: String = choices
        .iter()
        .map(|(id, extra)| {
            format!("          - {{ id: {id}, title: {id}, improve: do it{extra} }}\n")
        })
        .collect();
    let text = format!(
        "schema: 1\nid: t\nname: T\nversion: 1.0.0\npillars:\n  - id: security\n    name: S\n    questions:\n      - id: q\n        title: Q?\n        choices:\n{list}          - {{ id: none, title: None of these, none: true }}\n{risk}"
    );
    load_str("t.yaml", &text, Source::Builtin("t.yaml")).map_err(|e| e.to_string())
}

fn risks(pack: &Pack, selections: &[&[&str]]) -> Vec<Risk> {
    let (_, q) = pack.question("q").unwrap();
    selections
        .iter()
        .map(|s| q.risk_of(s.iter().copied()).unwrap())
        .collect()
}

fn warnings(pack: &Pack) -> Vec<String> {
    lint(pack).iter().map(ToString::to_string).collect()
}

/// The warnings about `if_missing` levels (the rules below leave `badge` unmentioned on purpose).
fn level_warnings(pack: &Pack) -> Vec<String> {
    warnings(pack)
        .into_iter()
        .filter(|w| w.contains("if missing"))
        .collect()
}

const LEVELS: [(&str, &str); 3] = [
    ("mfa", ", if_missing: high"),
    ("sso", ", if_missing: medium"),
    ("badge", ", if_missing: low"),
];

#[test]
fn the_worst_missing_practice_decides_and_low_adds_no_risk() {
    let pack = question(&LEVELS, "").unwrap();
    let (_, q) = pack.question("q").unwrap();
    assert!(matches!(q.risk, RiskRules::IfMissing));
    assert_eq!(
        risks(
            &pack,
            &[
                &["mfa", "sso", "badge"],
                &["mfa", "sso"],
                &["mfa", "badge"],
                &["sso", "badge"],
                &["mfa"],
                &["none"],
            ]
        ),
        [
            Risk::None,
            Risk::None,
            Risk::Medium,
            Risk::High,
            Risk::Medium,
            Risk::High
        ]
    );
    assert_eq!(q.choices[2].if_missing, Some(MissingRisk::Low));
    assert_eq!(q.choices[3].if_missing, None, "None of these has no level");
    assert!(warnings(&pack).is_empty(), "{:?}", warnings(&pack));
}

#[test]
fn only_low_practices_give_no_risk_even_for_none_of_these() {
    let pack = question(
        &[("a", ", if_missing: low"), ("b", ", if_missing: low")],
        "",
    )
    .unwrap();
    assert_eq!(risks(&pack, &[&["a"], &["none"]]), [Risk::None, Risk::None]);
}

#[test]
fn an_undeclared_practice_counts_as_medium_and_lint_names_it() {
    let pack = question(&[("mfa", ", if_missing: low"), ("sso", "")], "").unwrap();
    assert_eq!(
        risks(&pack, &[&["mfa"], &["sso"], &["none"]]),
        [Risk::Medium, Risk::None, Risk::Medium]
    );
    assert_eq!(
        warnings(&pack),
        [
            "warning: built-in (t.yaml):13:19: pack `t`, question `q`: practice `sso` has no `if_missing` while others in the question do; it counts as medium"
        ]
    );
}

#[test]
fn without_any_if_missing_the_thresholds_still_apply() {
    let pack = question(&[("a", ""), ("b", ""), ("c", "")], "").unwrap();
    let (_, q) = pack.question("q").unwrap();
    assert!(matches!(q.risk, RiskRules::Thresholds));
    assert_eq!(
        risks(&pack, &[&["a", "b", "c"], &["a", "b"], &["a"]]),
        [Risk::None, Risk::Medium, Risk::High]
    );
}

#[test]
fn explicit_rules_win_and_lint_flags_a_rule_below_a_missing_level() {
    let rules = "        risk:\n          - none: sso\n          - medium: mfa\n          - default: high\n";
    let pack = question(&LEVELS, rules).unwrap();
    // The rules decide, even where they say less than the levels.
    assert_eq!(
        risks(&pack, &[&["sso"], &["mfa", "badge"]]),
        [Risk::None, Risk::Medium]
    );
    assert_eq!(
        level_warnings(&pack),
        [
            "warning: built-in (t.yaml):17:19: pack `t`, question `q`: rule 1 gives none while `mfa` (high if missing) is not ticked, e.g. when only `sso` is ticked"
        ]
    );
}

#[test]
fn lint_flags_a_default_below_a_missing_level_for_none_of_these() {
    let rules = "        risk:\n          - none: mfa && sso\n          - high: \"!mfa\"\n          - default: low-is-not-a-level\n";
    assert!(question(&LEVELS, rules).is_err());
    let rules = "        risk:\n          - none: mfa && sso\n          - medium: mfa\n          - default: medium\n";
    let pack = question(&LEVELS, rules).unwrap();
    assert_eq!(
        level_warnings(&pack),
        [
            "warning: built-in (t.yaml):19:22: pack `t`, question `q`: the default gives medium while `mfa` (high if missing) is not ticked, e.g. when only `sso` is ticked"
        ]
    );
    // Rules that honour every level: no warning.
    let rules = "        risk:\n          - high: \"!mfa\"\n          - medium: \"!sso\"\n          - default: none\n";
    let pack = question(&LEVELS, rules).unwrap();
    assert!(
        level_warnings(&pack).is_empty(),
        "{:?}",
        level_warnings(&pack)
    );
    // "None of these" leaves every practice missing.
    let rules = "        risk:\n          - high: \"!mfa && !none\"\n          - medium: \"!sso || none\"\n          - default: none\n";
    let pack = question(&LEVELS, rules).unwrap();
    assert_eq!(
        level_warnings(&pack),
        [
            "warning: built-in (t.yaml):18:21: pack `t`, question `q`: rule 2 gives medium while `mfa` (high if missing) is not ticked, e.g. for \"None of these\""
        ]
    );
}

#[test]
fn if_missing_on_none_of_these_is_a_load_error() {
    let text = question(&[("a", ", if_missing: high")], "")
        .map(|_| ())
        .and_then(|()| {
            let pack = "schema: 1\nid: t\nname: T\nversion: 1.0.0\npillars:\n  - id: security\n    name: S\n    questions:\n      - id: q\n        title: Q?\n        choices:\n          - { id: a, title: A, improve: x }\n          - { id: none, title: None, none: true, if_missing: low }\n";
            load_str("t.yaml", pack, Source::Builtin("t.yaml")).map(|_| ()).map_err(|e| e.to_string())
        })
        .unwrap_err();
    assert_eq!(
        text,
        "error: t.yaml:13:62: question `q`, choice `none`: \"None of these\" cannot have `if_missing`: it is not a practice"
    );
}
