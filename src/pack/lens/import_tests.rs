use std::path::PathBuf;

use super::*;
use crate::pack::Risk;
use crate::pack::lens::choice::short_title;

/// A lens with one question whose choices and rules are given as JSON fragments.
fn lens(choices: &str, rules: &str) -> String {
    format!(
        r#"{{"schemaVersion": "2021-11-01", "name": "T", "description": "D",
"pillars": [{{"id": "security", "name": "Security", "questions": [
{{"id": "Q1", "title": "Q?", "description": "Why.",
"choices": [{choices}],
"riskRules": [{rules}]}}]}}]}}"#
    )
}

const ABN: &str = r#"{"id": "a", "title": "A", "improvementPlan": {"displayText": "do a"}},
{"id": "b", "title": "B", "improvementPlan": {"displayText": "do b"}},
{"id": "q_no", "title": "None of these"}"#;

fn run(text: &str) -> Result<Imported, PackErrors> {
    import("t.json", text.as_bytes(), Source::Builtin("t.json"), None)
}

fn errors(text: &str) -> Vec<String> {
    run(text).map_or_else(
        |e| e.0.iter().map(ToString::to_string).collect(),
        |_| Vec::new(),
    )
}

fn warnings(text: &str) -> Vec<String> {
    run(text).map_or_else(
        |e| panic!("{}", e.report()),
        |i| i.warnings.iter().map(ToString::to_string).collect(),
    )
}

#[test]
fn pack_ids_come_from_file_names() {
    let id = |f: &str| id_from_file_name(&Source::File(PathBuf::from(f)), f);
    assert_eq!(
        id("lenses/custom-lens-elasticache-v2.0 .json"),
        "custom-lens-elasticache-v2-0"
    );
    assert_eq!(id("Amazon_ECS_Lens.json"), "amazon-ecs-lens");
    assert_eq!(id("--Café  Lens--.json"), "caf-lens");
    assert_eq!(id("___.json"), "lens");
}

#[test]
fn versions_are_padded_or_refused() {
    assert_eq!(version_from("1.0").as_deref(), Some("1.0.0"));
    assert_eq!(version_from("v2").as_deref(), Some("2.0.0"));
    assert_eq!(version_from("1.2.3-rc.1").as_deref(), Some("1.2.3-rc.1"));
    assert_eq!(version_from("latest"), None);
    assert_eq!(version_from("1.2.3.4"), None);
}

#[test]
fn long_resource_text_makes_a_short_link_title() {
    assert_eq!(
        short_title("  Read\n the guide ", "https://x"),
        "Read the guide"
    );
    assert_eq!(short_title("", "https://x"), "https://x");
    let long = "word, ".repeat(30);
    let title = short_title(&long, "https://x");
    assert!(
        title.ends_with("word…") && title.chars().count() <= 100,
        "{title}"
    );
}

#[test]
fn rules_keep_the_lens_order_and_conditions_verbatim() {
    let text = lens(
        ABN,
        r#"{"condition": "a && b", "risk": "NO_RISK"}, {"condition": " !a ", "risk": "HIGH_RISK"}, {"condition": "default", "risk": "MEDIUM_RISK"}"#,
    );
    let imported = run(&text).unwrap();
    assert!(imported.yaml.contains("        risk:\n          - none: a && b\n          - high: \"!a\"\n          - default: medium\n"), "{}", imported.yaml);
    let q = &imported.pack.pillars[0].questions[0];
    // First match decides (AWS's documented reading): a and b selected → none, though `!a` …
    assert_eq!(q.risk_of(["a", "b"]), Some(Risk::None));
    assert_eq!(q.risk_of(["b"]), Some(Risk::High));
    assert_eq!(q.risk_of(["a"]), Some(Risk::Medium));
    assert_eq!(q.risk_of(["q_no"]), Some(Risk::High));
    assert!(q.choices[2].none);
}

#[test]
fn the_pack_in_memory_is_the_pack_the_yaml_describes() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lenses/quirks.json"
    ))
    .unwrap();
    let imported = run(&text).unwrap();
    let again = load_str("again.yaml", &imported.yaml, Source::Builtin("again.yaml")).unwrap();
    let (a, b) = (&imported.pack, &again);
    assert_eq!(
        (&a.id, &a.name, &a.version, &a.description),
        (&b.id, &b.name, &b.version, &b.description)
    );
    for ((pa, qa), (pb, qb)) in a.questions().zip(b.questions()) {
        assert_eq!(
            (&pa.id, &pa.name, &qa.id, &qa.title, &qa.why),
            (&pb.id, &pb.name, &qb.id, &qb.title, &qb.why)
        );
        for (ca, cb) in qa.choices.iter().zip(&qb.choices) {
            assert_eq!(
                (&ca.id, &ca.title, &ca.help, &ca.improve, &ca.links, ca.none),
                (&cb.id, &cb.title, &cb.help, &cb.improve, &cb.links, cb.none)
            );
        }
        assert!(qa.selections().all(|s| qa.risk(s) == qb.risk(s)));
    }
    assert_eq!(a.question_count(), b.question_count());
}

#[test]
fn positions_point_into_the_lens() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lenses/quirks.json"
    ))
    .unwrap();
    let pack = run(&text).unwrap().pack;
    let (_, q) = pack.question("OPS1").unwrap();
    assert_eq!(
        (q.pos, q.choices[1].pos),
        (Pos::new(13, 17), Pos::new(28, 21))
    );
    let RiskRules::Ordered {
        rules, default_pos, ..
    } = &q.risk
    else {
        panic!("thresholds")
    };
    assert_eq!(
        (rules[0].pos, *default_pos),
        (Pos::new(36, 29), Some(Pos::new(35, 24)))
    );
    assert!(pack.digest.starts_with("sha256:"));
}

#[test]
fn links_are_one_per_address_and_prefer_link_text() {
    let choice = r#"{"id": "a", "title": "A",
 "helpfulResource": {"displayText": "A long paragraph about a.", "url": "https://x/1"},
 "improvementPlan": {"displayText": "Do a.", "url": "https://x/2"},
 "additionalResources": [{"type": "HELPFUL_RESOURCE", "content": [{"displayText": "Guide", "url": "https://x/2"}, {"url": "https://x/3"}]}]},
{"id": "a_no", "title": "None of these"}"#;
    let pack = run(&lens(
        choice,
        r#"{"condition": "a", "risk": "NO_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}"#,
    ))
    .unwrap()
    .pack;
    let c = &pack.pillars[0].questions[0].choices[0];
    let links: Vec<(&str, &str)> = c
        .links
        .iter()
        .map(|l| (l.title.as_str(), l.url.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("A long paragraph about a.", "https://x/1"),
            ("Guide", "https://x/2"),
            ("https://x/3", "https://x/3")
        ]
    );
    assert_eq!(
        (c.help.as_str(), c.improve.as_str()),
        ("A long paragraph about a.", "Do a.")
    );
}

#[test]
fn lenient_quirks_are_warnings_with_places() {
    let text = lens(
        r#"{"id": "a", "title": 42, "improvementPlan": {"displayText": null}}, {"id": "b", "title": "", "improvementPlan": {"displayText": "x"}}"#,
        r#"{"condition": "a", "risk": "no_risk"}, {"condition": "a || b", "risk": "MEDIUM_RISK"}, {"condition": "b", "risk": "MEDIUM_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}"#,
    );
    assert_eq!(
        warnings(&text),
        [
            "warning: t.json:4:34: question `Q1`, choice `a`: `title` is a number; it is read as the text \"42\"",
            "warning: t.json:4:73: question `Q1`, choice `a`: `displayText` is null; it is read as empty",
            "warning: t.json:4:102: question `Q1`, choice `b`: `title` is empty; the id `b` is used instead",
            "warning: t.json:5:14: question `Q1`: the question has more than one risk rule of the same level; AWS allows one per level",
            "warning: t.json:5:42: question `Q1`: risk `no_risk` is read as `NO_RISK`",
        ]
    );
}

#[test]
fn broken_lenses_fail_with_every_problem_located() {
    let text = lens(
        r#"{"id": "a b", "title": "A"}, {"id": NaN, "title": "B"}, {"id": "c", "title": "C"}"#,
        r#"{"condition": "c &&", "risk": "NO_RISK"}, {"condition": "c", "risk": "LOW"}, {"condition": "default", "risk": "HIGH_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}"#,
    );
    assert_eq!(
        errors(&text),
        [
            "error: t.json:4:20: question `Q1`: invalid choice id `a b`",
            "error: t.json:4:49: question `Q1`: the choice id must be text, not NaN",
            "error: t.json:5:34: question `Q1`: invalid condition `c &&`: the condition ends too early: a choice id is missing",
            "error: t.json:5:84: question `Q1`: unknown risk `LOW`",
            "error: t.json:5:153: question `Q1`: the question has two `default` risk rules",
        ]
    );
    assert_eq!(
        errors("[1]"),
        ["error: t.json:1:1: a lens must be a JSON object, not a list"]
    );
    assert_eq!(
        errors(r#"{"name": "x"}"#),
        ["error: t.json:1:1: the lens has no pillars"]
    );
    assert_eq!(
        errors(&lens("", "")),
        ["error: t.json:3:8: question `Q1`: the question has no choices"]
    );
    assert_eq!(
        errors(&lens(r#"{"id": "x_no", "title": "None of these"}"#, "")),
        ["error: t.json:3:8: question `Q1`: the question has no practices, only \"None of these\""]
    );
}

#[test]
fn bad_bytes_and_bad_ids_are_refused() {
    let e = import(
        "t.json",
        b"{\n \"name\": \"\xff\"}",
        Source::Builtin("t.json"),
        None,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "error: t.json:2:11: the file is not UTF-8 text"
    );
    let e = import(
        "t.json",
        lens(ABN, "").as_bytes(),
        Source::Builtin("t.json"),
        Some("Bad Id"),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "error: t.json: invalid pack id `Bad Id` given with --id"
    );
    let ok = import(
        "t.json",
        lens(ABN, "").as_bytes(),
        Source::Builtin("t.json"),
        Some("my-lens"),
    )
    .unwrap();
    assert_eq!(ok.pack.id, "my-lens");
}

#[test]
fn two_pillars_that_map_to_one_id_are_refused() {
    let q =
        r#"{"id": "QQ", "title": "Q?", "choices": [{"id": "a", "title": "A"}], "riskRules": []}"#;
    let text = format!(
        r#"{{"name": "T", "pillars": [{{"id": "performance", "name": "P", "questions": [{}]}},
{{"id": "performanceEfficiency", "name": "P2", "questions": [{}]}}]}}"#,
        q,
        q.replace("QQ", "QR")
    );
    assert_eq!(
        errors(&text),
        [
            "error: t.json:2:1: pillar `performanceEfficiency`: pillar `performanceEfficiency` becomes `performance`, like pillar `performance` before it"
        ]
    );
}

use proptest::prelude::Strategy as _;

/// Every JSON pointer into `v`, the root included.
fn pointers(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
        serde_json::Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| pointers(x, format!("{at}/{k}"), out)),
        _ => {}
    }
}

proptest::proptest! {
    /// Whatever value of a valid lens is replaced by whatever JSON, the import either works or
    /// reports errors in the lens: it never panics and never fails inside (an internal error
    /// would mean the draft passed the importer's checks but not the pack loader's).
    #[test]
    fn mangled_lenses_fail_cleanly(
        which in 0usize..1000,
        with in proptest::prop_oneof![
            proptest::strategy::Just(serde_json::json!(null)),
            proptest::strategy::Just(serde_json::json!([])),
            proptest::strategy::Just(serde_json::json!({})),
            proptest::strategy::Just(serde_json::json!("")),
            proptest::strategy::Just(serde_json::json!(7)),
            proptest::strategy::Just(serde_json::json!("a")),
            proptest::strategy::Just(serde_json::json!("q_no")),
            proptest::strategy::Just(serde_json::json!("default")),
            proptest::strategy::Just(serde_json::json!("!a || b")),
            proptest::strategy::Just(serde_json::json!("HIGH_RISK")),
            proptest::strategy::Just(serde_json::json!("None of these")),
            proptest::strategy::Just(serde_json::json!("ftp://x")),
            proptest::strategy::Just(serde_json::json!([{"id": "a", "title": "A"}])),
            "\\PC{0,12}".prop_map(serde_json::Value::String),
        ],
    ) {
        let text = lens(ABN, r#"{"condition": "a && b", "risk": "NO_RISK"}, {"condition": "a || q_no", "risk": "HIGH_RISK"}, {"condition": "default", "risk": "MEDIUM_RISK"}"#);
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut all = Vec::new();
        pointers(&v, String::new(), &mut all);
        let at = &all[which % all.len()];
        if at.is_empty() { v = with } else if let Some(slot) = v.pointer_mut(at) { *slot = with }
        let mangled = serde_json::to_string_pretty(&v).unwrap();
        if let Err(e) = run(&mangled) {
            proptest::prop_assert!(!e.0.is_empty());
            proptest::prop_assert!(e.0.iter().all(|e| !e.to_string().contains("internal error")), "{}\n{mangled}", e.report());
        }
    }
}
