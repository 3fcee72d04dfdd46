use proptest::prelude::*;

use super::*;
use crate::pack::checklist::Status;
use crate::pack::{MissingRisk, Risk, RiskRules};
use crate::review::score::status as question_status;
use crate::review::{State, Timestamp};

const NOW: Timestamp = Timestamp(1_795_687_200);

fn import_str(json: &str) -> Imported {
    import("t.json", json.as_bytes(), Source::Builtin("t.json"), None)
        .unwrap_or_else(|e| panic!("{}", e.report()))
}

/// One item: pillar, category, subcategory, severity, status, comments.
type Spec<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
);

fn checklist(items: &[Spec]) -> String {
    let items: Vec<serde_json::Value> = items
        .iter()
        .enumerate()
        .map(|(i, (waf, cat, sub, sev, status, comments))| {
            let mut v = serde_json::json!({
                "category": cat, "subcategory": sub, "waf": waf,
                "text": format!("Item {i}"), "guid": format!("{i:08x}-aaaa"), "severity": sev,
                "link": "https://learn.microsoft.com/x",
            });
            if let Some(s) = status {
                v["status"] = (*s).into();
            }
            if let Some(c) = comments {
                v["comments"] = (*c).into();
            }
            v
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "items": items,
        "metadata": {"name": "Test checklist", "timestamp": "June 10, 2024"},
    }))
    .unwrap()
}

#[test]
fn the_pack_is_the_yaml_it_writes_and_the_same_every_time() {
    let json = checklist(&[
        ("Security", "Identity", "MFA", "High", None, None),
        ("Operations", "Deploy", "Pipelines", "Low", None, None),
        ("Security", "Identity", "MFA", "Medium", None, None),
    ]);
    let a = import_str(&json);
    let b = import_str(&json);
    assert_eq!(a.yaml, b.yaml, "deterministic");
    let from_yaml = load_str("p.yaml", &a.yaml, Source::Builtin("p.yaml")).unwrap();
    assert_eq!(from_yaml.digest, a.pack.digest);
    assert_eq!(a.pack.id, "t");
    assert_eq!(a.pack.version, "2024.6.10");
    let questions: Vec<(&str, &str, usize)> = a
        .pack
        .questions()
        .map(|(p, q)| (p.id.as_str(), q.id.as_str(), q.choices.len()))
        .collect();
    assert_eq!(
        questions,
        [
            ("security", "sec-identity-mfa", 3),
            ("operational-excellence", "ops-deploy-pipelines", 2),
        ]
    );
    let (_, q) = a.pack.question("sec-identity-mfa").unwrap();
    assert!(matches!(q.risk, RiskRules::IfMissing));
    let levels: Vec<Option<MissingRisk>> = q.choices.iter().map(|c| c.if_missing).collect();
    assert_eq!(
        levels,
        [Some(MissingRisk::High), Some(MissingRisk::Medium), None]
    );
    let none = &q.choices[2];
    assert!(none.none && none.id == "none" && none.title == "None of these");
    let c = &q.choices[0];
    assert_eq!(
        (c.id.as_str(), c.title.as_str(), c.improve.as_str()),
        ("00000000-aaaa", "Item 0", "Item 0")
    );
    assert_eq!(c.links[0].url, "https://learn.microsoft.com/x");
    // Positions point at the checklist: the question at its first item, choices at theirs.
    assert_eq!(q.pos, a.checklist.items[0].pos);
    assert_eq!(q.choices[1].pos, a.checklist.items[2].pos);
    assert!(a.yaml.starts_with(
        "# yaml-language-server: $schema=./scorps-pack.schema.json\n# Imported by `scorps checklist import` from an Azure review checklist\nschema: 1\n"
    ));
}

#[test]
fn a_question_takes_the_worst_severity_among_missing_items() {
    let i = import_str(&checklist(&[
        ("Security", "C", "S", "High", None, None),
        ("Security", "C", "S", "Medium", None, None),
        ("Security", "C", "S", "Low", None, None),
    ]));
    let (_, q) = i.pack.question("sec-c-s").unwrap();
    let ids: Vec<&str> = q.choices.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(q.risk_of([ids[1], ids[2]]), Some(Risk::High));
    assert_eq!(q.risk_of([ids[0], ids[2]]), Some(Risk::Medium));
    assert_eq!(
        q.risk_of([ids[0], ids[1]]),
        Some(Risk::None),
        "low adds no risk"
    );
    assert_eq!(q.risk_of(["none"]), Some(Risk::High));
}

#[test]
fn statuses_become_answers_with_the_sessions_invariants() {
    let i = import_str(&checklist(&[
        // q1: fulfilled, open, not verified (counts as missing, marked in the notes)
        (
            "Security",
            "A",
            "One",
            "High",
            Some("Fulfilled"),
            Some("done [by] Ana"),
        ),
        ("Security", "A", "One", "Medium", Some("Open"), None),
        ("Security", "A", "One", "Low", Some("Not verified"), None),
        // q2: every item open → "None of these"
        ("Security", "A", "Two", "Medium", Some("Open"), None),
        ("Security", "A", "Two", "Low", Some("open"), Some("")),
        // q3: not required and N/A → practices not applicable
        (
            "Reliability",
            "B",
            "Three",
            "High",
            Some("Not required"),
            Some("later"),
        ),
        ("Reliability", "B", "Three", "High", Some("N/A"), None),
        // q4: only not verified, with a comment → unanswered, the comment kept
        ("Reliability", "B", "Four", "High", None, Some("ask Ben")),
        // q5: nothing → no answer at all
        ("Cost", "C", "Five", "High", None, None),
        // q6: risk accepted → missing, marked in the notes
        ("Cost", "C", "Six", "Medium", Some("Risk accepted"), None),
    ]));
    let a = i.review("Payments", NOW);
    assert_eq!((a.answered, a.unanswered), (4, 2));
    assert_eq!(a.statuses, [3, 3, 1, 1, 1, 1]);
    assert_eq!(a.comments, 3);
    let r = &a.review;
    assert_eq!(
        (r.workload.as_str(), r.created, r.updated),
        ("Payments", NOW, NOW)
    );
    assert_eq!(r.packs[0].digest, i.pack.digest);
    let q1 = r.answer("t", "sec-a-one").unwrap();
    assert_eq!(q1.state, State::Answered);
    assert_eq!(q1.selected, ["00000000-aaaa"]);
    assert_eq!(
        q1.notes,
        "[00000000] Item 0\ndone [by] Ana\n[00000002 not verified] Item 2"
    );
    let q2 = r.answer("t", "sec-a-two").unwrap();
    assert_eq!(
        (q2.selected.as_slice(), q2.notes.as_str()),
        (&["none".to_string()][..], "")
    );
    let q3 = r.answer("t", "rel-b-three").unwrap();
    assert!(q3.selected.is_empty() && q3.state == State::Answered);
    let reasons: Vec<(&str, &str)> = q3
        .not_applicable
        .iter()
        .map(|(id, na)| (id.as_str(), na.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("00000005-aaaa", "business-priorities"),
            ("00000006-aaaa", "out-of-scope")
        ]
    );
    let q4 = r.answer("t", "rel-b-four").unwrap();
    assert_eq!(
        (q4.state, q4.notes.as_str()),
        (State::Unanswered, "[00000007] Item 7\nask Ben")
    );
    assert!(
        r.answer("t", "cost-c-five").is_none(),
        "blank answers are left out"
    );
    for a in r.answers.values() {
        assert!(a.selected.iter().all(|s| !a.not_applicable.contains_key(s)));
        assert!(!a.is_blank());
    }
}

#[test]
fn every_status_name_is_read_in_any_letter_case() {
    for (name, status) in [
        ("not verified", Status::NotVerified),
        ("OPEN", Status::Open),
        ("Fulfilled", Status::Fulfilled),
        ("Not Required", Status::NotRequired),
        ("n/a", Status::NotApplicable),
        ("risk Accepted", Status::RiskAccepted),
        ("", Status::NotVerified),
    ] {
        let i = import_str(&checklist(&[(
            "Security",
            "C",
            "S",
            "High",
            Some(name),
            None,
        )]));
        assert_eq!(i.checklist.items[0].status, status, "{name}");
    }
}

/// Builds a checklist from generated (pillar, group, severity, status) items.
fn generated(items: &[(usize, usize, usize, usize)]) -> String {
    const WAF: [&str; 3] = ["Security", "Reliability", "Cost"];
    const SEV: [&str; 3] = ["High", "Medium", "Low"];
    let specs: Vec<(String, String, &str, Option<&str>)> = items
        .iter()
        .map(|&(w, g, s, st)| {
            let status = [
                None,
                Some("Not verified"),
                Some("Open"),
                Some("Fulfilled"),
                Some("Not required"),
                Some("Risk accepted"),
                Some("N/A"),
            ][st];
            (WAF[w].to_string(), format!("G{g}"), SEV[s], status)
        })
        .collect();
    let spec: Vec<Spec> = specs
        .iter()
        .map(|(w, g, s, st)| (w.as_str(), "Cat", g.as_str(), *s, *st, None))
        .collect();
    checklist(&spec)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Random statuses score as the severities say: a question is at the worst severity among
    /// its items that are open, risk accepted or (in an answered question) not verified; low adds no risk; a
    /// question whose items are all not verified is unanswered.
    #[test]
    fn scores_follow_the_severities(
        items in proptest::collection::vec((0usize..3, 0usize..3, 0usize..3, 0usize..7), 1..60)
    ) {
        let i = import_str(&generated(&items));
        let review = i.review("W", NOW).review;
        let mut seen = 0;
        for (_, q) in i.pack.questions() {
            let members: Vec<_> = i.checklist.items.iter().filter(|it| it.question == q.id).collect();
            seen += members.len();
            let answered = members.iter().any(|m| m.status != Status::NotVerified);
            let expected = answered.then(|| {
                members
                    .iter()
                    .filter(|m| {
                        matches!(
                            m.status,
                            Status::Open | Status::NotVerified | Status::RiskAccepted
                        )
                    })
                    .map(|m| m.severity.risk())
                    .max()
                    .unwrap_or(Risk::None)
            });
            let (state, risk) = question_status(&review, &i.pack.id, q);
            prop_assert_eq!(state == State::Answered, answered);
            prop_assert_eq!(risk, expected, "question {}", q.id);
        }
        prop_assert_eq!(seen, items.len(), "every item is a practice");
    }
}
