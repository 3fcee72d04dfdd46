use super::*;
use crate::pack::lens::import;
use crate::pack::{Source, builtin, load_str};

fn pack(body: &str) -> Pack {
    let text =
        format!("schema: 1\nid: t\nname: T\nversion: 1.0.0\ndescription: D\npillars:\n{body}");
    load_str("t.yaml", &text, Source::File("t.yaml".into()))
        .unwrap_or_else(|e| panic!("{}", e.report()))
}

fn question(id: &str, choices: &[(&str, bool)], risk: &str) -> String {
    let list: String = choices
        .iter()
        .map(|(c, none)| {
            let extra = if *none {
                ", none: true"
            } else {
                ", improve: do it"
            };
            format!("          - {{ id: {c}, title: {c}{extra} }}\n")
        })
        .collect();
    format!("      - id: {id}\n        title: {id}?\n        choices:\n{list}{risk}")
}

fn lines(errors: &[PackError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

/// Every selection of every question gets the same risk from the original and the re-import.
fn assert_same_risks(original: &Pack, back: &Pack) {
    assert_eq!(original.question_count(), back.question_count());
    for ((_, a), (_, b)) in original.questions().zip(back.questions()) {
        assert_eq!(aws_id(&a.id), b.id);
        let ids: Vec<String> = a
            .choices
            .iter()
            .map(|c| aws_choice_id(&c.id, c.none))
            .collect();
        assert_eq!(
            ids,
            b.choices.iter().map(|c| c.id.clone()).collect::<Vec<_>>()
        );
        for s in a.selections() {
            assert_eq!(a.risk(s), b.risk(s), "question `{}`, selection {s:b}", a.id);
        }
    }
}

fn round_trip(p: &Pack) -> (Exported, Pack) {
    let exported = export(p).unwrap_or_else(|e| panic!("{}", e.report()));
    let back = import(
        "t.json",
        exported.json.as_bytes(),
        Source::Builtin("t.json"),
        None,
    )
    .unwrap_or_else(|e| panic!("{}\n{}", e.report(), exported.json));
    (exported, back.pack)
}

#[test]
fn ids_are_made_fit_for_aws_and_said_so() {
    let q1 = question(
        "q",
        &[("mfa-on", false), ("dns_no", false), ("none", true)],
        "        risk:\n          - none: mfa-on && dns_no\n          - default: high\n",
    );
    let p = pack(&format!(
        "  - id: team-flow\n    name: Flow\n    questions:\n{q1}"
    ));
    let (exported, back) = round_trip(&p);
    assert_eq!(
        lines(&exported.warnings),
        [
            "warning: t.yaml:10:13: pillar `team-flow`: pillar id `team-flow` is written as `team_flow` (AWS ids are 3–128 letters, digits and '_')",
            "warning: t.yaml:10:13: question `q`: ids are renamed for AWS (3–128 letters, digits and '_'; only \"None of these\" ends in `_no`): `q` → `q__`, `mfa-on` → `mfa_on`, `dns_no` → `dns_no_`, `none` → `none_no`",
        ]
    );
    assert_eq!(back.pillars[0].id, "team_flow");
    assert_same_risks(&p, &back);
}

#[test]
fn the_lens_reads_like_the_aws_template() {
    let q1 = question(
        "backups",
        &[("daily", false), ("tested", false), ("none", true)],
        "        risk:\n          - medium: daily\n          - none: daily && tested\n          - default: high\n",
    );
    let p = pack(&format!(
        "  - id: reliability\n    name: Reliability\n    questions:\n{q1}"
    ));
    let (exported, back) = round_trip(&p);
    let json: serde_json::Value = serde_json::from_str(&exported.json).unwrap();
    assert_eq!(json["schemaVersion"], "2021-11-01");
    let q = &json["pillars"][0]["questions"][0];
    assert_eq!(json["pillars"][0]["id"], "reliability");
    assert_eq!(q["choices"][2]["id"], "none_no");
    assert!(q["choices"][2].get("improvementPlan").is_none());
    assert_eq!(q["choices"][0]["improvementPlan"]["displayText"], "do it");
    // The rule `none: daily && tested` never decides (medium takes `daily` first): the truth
    // table, not the rule text, is what is written.
    assert_eq!(
        q["riskRules"],
        serde_json::json!([
            {"condition": "daily", "risk": "MEDIUM_RISK"},
            {"condition": "default", "risk": "HIGH_RISK"}
        ])
    );
    assert_same_risks(&p, &back);
}

#[test]
fn thresholds_are_written_as_conditions() {
    let q1 = question(
        "ci",
        &[
            ("a", false),
            ("b", false),
            ("c", false),
            ("d", false),
            ("none", true),
        ],
        "",
    );
    let p = pack(&format!(
        "  - id: security\n    name: S\n    questions:\n{q1}"
    ));
    let (exported, back) = round_trip(&p);
    let json: serde_json::Value = serde_json::from_str(&exported.json).unwrap();
    let rules = json["pillars"][0]["questions"][0]["riskRules"]
        .as_array()
        .unwrap()
        .len();
    assert!(rules <= 3, "{}", exported.json);
    assert_same_risks(&p, &back);
}

#[test]
fn if_missing_levels_are_written_as_equivalent_rules() {
    let p = pack(
        "  - id: security\n    name: S\n    questions:\n      - id: secrets\n        title: Secrets?\n        choices:\n          - { id: vault, title: V, improve: x, if_missing: high }\n          - { id: scan, title: S, improve: x, if_missing: medium }\n          - { id: rotate, title: R, improve: x, if_missing: low }\n          - { id: none, title: None, none: true }\n",
    );
    let (exported, back) = round_trip(&p);
    let json: serde_json::Value = serde_json::from_str(&exported.json).unwrap();
    assert_eq!(
        json["pillars"][0]["questions"][0]["riskRules"],
        serde_json::json!([
            {"condition": "!vault", "risk": "HIGH_RISK"},
            {"condition": "vault && scan", "risk": "NO_RISK"},
            {"condition": "default", "risk": "MEDIUM_RISK"}
        ]),
        "{}",
        exported.json
    );
    assert_same_risks(&p, &back);
}

#[test]
fn text_is_shortened_and_links_move_to_additional_resources() {
    let long = "word ".repeat(40);
    let links: String = (0..12)
        .map(|i| format!("              - {{ title: L{i}, url: \"https://x/{i}\" }}\n"))
        .collect();
    let body = format!(
        "  - id: security\n    name: S\n    questions:\n      - id: qq1\n        title: {long}\n        choices:\n          - id: alpha\n            title: Alpha\n            help: Helps.\n            links:\n{links}          - {{ id: beta, title: Beta, improve: do b }}\n"
    );
    let p = pack(&body);
    let (exported, back) = round_trip(&p);
    assert_eq!(
        lines(&exported.warnings),
        [
            "warning: t.yaml:10:13: question `qq1`: the title has 199 characters; AWS allows 128, so it is shortened",
            "warning: t.yaml:13:17: question `qq1`, choice `alpha`: the practice has no `improve` text; AWS requires an improvement plan, so its title is used",
            "warning: t.yaml:13:17: question `qq1`, choice `alpha`: the choice has 12 links; AWS takes 10, the rest are left out",
        ]
    );
    let json: serde_json::Value = serde_json::from_str(&exported.json).unwrap();
    let title = json["pillars"][0]["questions"][0]["title"]
        .as_str()
        .unwrap();
    assert!(
        title.chars().count() <= 128 && title.ends_with("word…"),
        "{title}"
    );
    let extra = &json["pillars"][0]["questions"][0]["choices"][0]["additionalResources"];
    assert_eq!(
        (
            extra[0]["type"].as_str(),
            extra[0]["content"].as_array().map(Vec::len)
        ),
        (Some("IMPROVEMENT_PLAN"), Some(5))
    );
    assert_eq!(
        (
            extra[1]["type"].as_str(),
            extra[1]["content"].as_array().map(Vec::len)
        ),
        (Some("HELPFUL_RESOURCE"), Some(5))
    );
    let c = &back.pillars[0].questions[0].choices[0];
    assert_eq!(
        c.links,
        p.pillars[0].questions[0].choices[0].links[..10].to_vec()
    );
    assert_eq!(c.help, "Helps.");
}

#[test]
fn structure_that_cannot_fit_is_an_error_naming_the_limit() {
    let choices: Vec<(String, bool)> = (0..16).map(|i| (format!("c{i}"), false)).collect();
    let refs: Vec<(&str, bool)> = choices.iter().map(|(c, n)| (c.as_str(), *n)).collect();
    let p = pack(&format!(
        "  - id: security\n    name: S\n    questions:\n{}",
        question("big", &refs, "")
    ));
    let e = export(&p).unwrap_err();
    assert_eq!(
        lines(&e.0),
        ["error: t.yaml:10:13: question `big`: the question has 16 choices; AWS allows 15"]
    );

    let many: String = (0..21)
        .map(|i| question(&format!("q{i:02}"), &[("a", false)], ""))
        .collect();
    let e = export(&pack(&format!(
        "  - id: security\n    name: S\n    questions:\n{many}"
    )))
    .unwrap_err();
    assert_eq!(
        lines(&e.0),
        [
            "error: t.yaml:10:13: pillar `security`: the pillar has 21 questions; AWS allows 20 per pillar"
        ]
    );

    let pillars: String = (0..11)
        .map(|i| {
            format!(
                "  - id: p{i:02}\n    name: P\n    questions:\n{}",
                question(&format!("q{i:02}"), &[("a", false)], "")
            )
        })
        .collect();
    let e = export(&pack(&pillars)).unwrap_err();
    assert_eq!(
        lines(&e.0)[0],
        "error: t.yaml: pack `t`: the pack has 11 pillars; an AWS lens allows 10"
    );

    let clash = question("q-1", &[("a-b", false), ("a_b", false)], "");
    let e = export(&pack(&format!(
        "  - id: security\n    name: S\n    questions:\n{clash}"
    )))
    .unwrap_err();
    assert_eq!(
        lines(&e.0),
        ["error: t.yaml:14:19: question `q-1`: two choices become `a_b` in AWS"]
    );
}

#[test]
fn every_builtin_pack_exports_and_comes_back_with_the_same_risks() {
    for p in builtin::packs() {
        let (exported, back) = round_trip(&p);
        let unexpected: Vec<String> = lines(&exported.warnings)
            .into_iter()
            .filter(|w| {
                !w.contains("ids are renamed for AWS")
                    && !w.contains(
                        "pillar id `engineering-excellence` is written as `engineering_excellence`",
                    )
            })
            .collect();
        assert!(unexpected.is_empty(), "{}: {unexpected:?}", p.id);
        assert_same_risks(&p, &back);
    }
}
