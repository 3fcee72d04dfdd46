use proptest::prelude::*;

use super::*;
use crate::pack::Source;
use crate::pack::checklist::import;
use crate::pack::lens::json::{self, Value};
use crate::review::model::PracticeNa;
use crate::review::{Answer, Timestamp};

const NOW: Timestamp = Timestamp(1_795_687_200);

fn import_str(name: &str, json: &str) -> Imported {
    import(name, json.as_bytes(), Source::Builtin("t.json"), None)
        .unwrap_or_else(|e| panic!("{}", e.report()))
}

/// Each item's status and comments as a checklist states them: no status is not verified.
fn filled(i: &Imported) -> Vec<(Status, Option<String>)> {
    i.checklist
        .items
        .iter()
        .map(|it| (it.status, it.comments.clone()))
        .collect()
}

/// The keys of every item, in the order written.
fn item_keys(text: &str) -> Vec<Vec<String>> {
    let doc = json::parse(text).unwrap();
    let Value::Object(top) = &doc.root.value else {
        panic!()
    };
    let items = top.iter().find(|m| m.key == "items").unwrap();
    let Value::Array(items) = &items.value.value else {
        panic!()
    };
    items
        .iter()
        .map(|i| match &i.value {
            Value::Object(m) => m.iter().map(|m| m.key.clone()).collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// The document with every item's `status` and `comments` removed.
fn without_answers(text: &str) -> serde_json::Value {
    let mut v: serde_json::Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
    for item in v["items"].as_array_mut().unwrap() {
        let item = item.as_object_mut().unwrap();
        item.remove("status");
        item.remove("comments");
    }
    v
}

#[test]
fn a_review_edited_in_scorps_is_written_back_item_by_item() {
    let json = r#"{
  "items": [
    {"category": "C", "subcategory": "S", "waf": "Security", "text": "A", "guid": "aaaaaaaa-1", "severity": "High", "id": "01"},
    {"category": "C", "subcategory": "S", "waf": "Security", "text": "B", "guid": "bbbbbbbb-2", "severity": "Low", "status": "Open", "comments": "old"},
    {"category": "C", "subcategory": "S", "waf": "Security", "text": "C", "guid": "cccccccc-3", "severity": "Low"},
    {"category": "C", "subcategory": "S", "waf": "Security", "text": "D", "guid": "dddddddd-4", "severity": "Low"},
    {"category": "C", "subcategory": "T", "waf": "Security", "text": "E", "guid": "eeeeeeee-5", "severity": "Low"},
    {"category": "C", "subcategory": "U", "waf": "Security", "text": "F", "guid": "ffffffff-6", "severity": "Low"}
  ]
}"#;
    let i = import_str("t.json", json);
    let mut review = i.review("W", NOW).review;
    let mut na = std::collections::BTreeMap::new();
    na.insert(
        "cccccccc-3".to_string(),
        PracticeNa {
            reason: NaReason::ArchitectureConstraints,
            note: "no zones here".into(),
        },
    );
    na.insert(
        "dddddddd-4".to_string(),
        PracticeNa {
            reason: NaReason::Other,
            note: String::new(),
        },
    );
    review.answers.insert(
        "t/sec-c-s".into(),
        Answer {
            state: State::Answered,
            selected: vec!["aaaaaaaa-1".into()],
            notes: "Checked with Ana.\n[bbbbbbbb] B\nwaiting for budget".into(),
            evidence: vec!["https://wiki/adr-1".into()],
            not_applicable: na,
            ..Answer::default()
        },
    );
    review.answers.insert(
        "t/sec-c-t".into(),
        Answer {
            state: State::NotApplicable,
            reason: "no such service".into(),
            ..Answer::default()
        },
    );
    let out = export(&i, &review, "t").unwrap();
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    assert_eq!(out.statuses, [1, 1, 1, 1, 2, 0]);
    let back = import_str("t.json", &out.json);
    assert_eq!(
        filled(&back),
        [
            (
                Status::Fulfilled,
                Some("Checked with Ana.\nEvidence: https://wiki/adr-1".into())
            ),
            (Status::Open, Some("waiting for budget".into())),
            (Status::NotApplicable, Some("no zones here".into())),
            (Status::NotRequired, None),
            (
                Status::NotApplicable,
                Some("Not applicable: no such service".into())
            ),
            (Status::NotVerified, None),
        ]
    );
    // Nothing else changed, and members are added after the last one.
    assert_eq!(without_answers(&out.json), without_answers(json));
    let keys = item_keys(&out.json);
    assert_eq!(
        keys[0],
        [
            "category",
            "subcategory",
            "waf",
            "text",
            "guid",
            "severity",
            "id",
            "status",
            "comments"
        ]
    );
    assert_eq!(
        keys[1],
        [
            "category",
            "subcategory",
            "waf",
            "text",
            "guid",
            "severity",
            "status",
            "comments"
        ]
    );
    assert!(
        out.json
            .contains("\"severity\": \"Low\", \"status\": \"Not verified\"}"),
        "{}",
        out.json
    );
}

#[test]
fn a_translated_checklist_gets_its_own_names_and_its_bom_and_line_endings_back() {
    let json = "\u{feff}{\r\n\"items\": [\r\n  {\"category\": \"C\", \"waf\": \"安全\", \"text\": \"T\", \"guid\": \"g1\", \"severity\": \"高い\", \"status\": \"達成\"}\r\n],\r\n\"status\": [{\"name\": \"未確認\"}, {\"name\": \"開ける\"}, {\"name\": \"達成\"}, {\"name\": \"必要なし\"}, {\"name\": \"該当なし\"}]\r\n}\r\n";
    let i = import_str("t.json", json);
    let mut review = i.review("W", NOW).review;
    let key = review.answers.keys().next().unwrap().clone();
    review.answers.get_mut(&key).unwrap().selected = vec!["none".into()];
    let out = export(&i, &review, "t").unwrap();
    assert_eq!(
        out.json,
        json.replace("\"status\": \"達成\"}", "\"status\": \"開ける\"}")
    );
    assert!(out.json.starts_with('\u{feff}') && out.json.ends_with("}\r\n"));
    assert!(
        out.json.contains("\"status\": \"開ける\"}\r\n]"),
        "{}",
        out.json
    );
}

#[test]
fn the_review_and_the_checklist_disagreeing_is_said() {
    let i = import_str(
        "t.json",
        r#"{"items": [{"category": "C", "waf": "Cost", "text": "T", "guid": "g1", "severity": "High"}]}"#,
    );
    let mut review = i.review("W", NOW).review;
    review.packs[0].digest = "sha256:other".into();
    review.answers.insert(
        "t/gone".into(),
        Answer {
            notes: "x".into(),
            ..Answer::default()
        },
    );
    let out = export(&i, &review, "t").unwrap();
    assert_eq!(
        out.notes,
        [
            "the review was answered against another content of pack `t` than this checklist gives (the digests differ); items are matched by question and guid, so check the result",
            "1 answer(s) of the review are to questions this checklist does not have; they are not written",
        ]
    );
}

/// A generated filled checklist: items with a group, a status (or none), comments (or none).
fn generated(items: &[(usize, Option<usize>, Option<String>)]) -> String {
    const STATUS: [&str; 8] = [
        "Not verified",
        "Open",
        "Fulfilled",
        "Not required",
        "N/A",
        "fulfilled",
        "",
        "Risk accepted",
    ];
    let items: Vec<serde_json::Value> = items
        .iter()
        .enumerate()
        .map(|(i, (group, status, comments))| {
            let waf = ["Security", "Cost"][group % 2];
            let mut v = serde_json::json!({
                "category": "Cat", "subcategory": format!("G{group}"), "waf": waf,
                "text": format!("Item {i}"), "guid": format!("{:08x}-{i}", i * 7919 % 5), "severity": "High",
            });
            if let Some(s) = status {
                v["status"] = STATUS[*s].into();
            }
            if let Some(c) = comments {
                v["comments"] = c.clone().into();
            }
            v
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "items": items })).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// import → export → import gives every item its status and comments back, and export
    /// changes nothing else in the file.
    #[test]
    fn import_export_import_keeps_statuses_and_comments(
        items in proptest::collection::vec(
            (0usize..4, proptest::option::of(0usize..8),
             proptest::option::of("[a-z\\[\\]\\\\\"é \n]{0,30}")),
            1..50,
        )
    ) {
        let json = generated(&items);
        let first = import_str("filled.json", &json);
        let review = first.review("W", NOW).review;
        let out = export(&first, &review, &first.pack.id).unwrap();
        prop_assert!(out.notes.is_empty(), "{:?}", out.notes);
        let second = import_str("filled.json", &out.json);
        prop_assert_eq!(filled(&second), filled(&first));
        prop_assert_eq!(without_answers(&out.json), without_answers(&json));
        // A second round changes nothing at all.
        let again = export(&second, &second.review("W", NOW).review, &second.pack.id).unwrap();
        prop_assert_eq!(again.json, out.json);
    }
}
