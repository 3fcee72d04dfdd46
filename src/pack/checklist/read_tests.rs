use crate::pack::checklist::{Imported, import};
use crate::pack::{MissingRisk, Source};

fn read(json: &str) -> Result<Imported, Vec<String>> {
    import("t.json", json.as_bytes(), Source::Builtin("t.json"), None)
        .map_err(|e| e.0.iter().map(ToString::to_string).collect())
}

fn warnings(json: &str) -> Vec<String> {
    match read(json) {
        Ok(i) => i.warnings.iter().map(ToString::to_string).collect(),
        Err(e) => panic!("{e:?}"),
    }
}

/// A checklist of the given items, one per line so that positions are easy to read.
fn checklist(items: &[&str]) -> String {
    format!(
        "{{\"items\": [\n{}\n],\n\"metadata\": {{\"name\": \"T\"}}}}",
        items.join(",\n")
    )
}

const OK: &str = r#"{"category": "C", "subcategory": "S", "waf": "Security", "text": "Do it", "guid": "g1", "severity": "High"}"#;

#[test]
fn a_tidy_item_has_no_warnings() {
    let i = read(&checklist(&[OK])).unwrap();
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    let item = &i.checklist.items[0];
    assert_eq!(
        (item.id.as_str(), item.text.as_str(), item.severity),
        ("g1", "Do it", MissingRisk::High)
    );
    assert_eq!(
        (item.pillar.as_str(), item.pillar_name.as_str()),
        ("security", "Security")
    );
}

#[test]
fn items_without_text_or_guid_are_errors_naming_index_and_guid() {
    let errors = read(&checklist(&[
        OK,
        r#"{"category": "C", "text": "", "guid": "g2"}"#,
        r#"{"category": "C", "text": "No guid"}"#,
        r#"{"category": "C", "text": "Odd", "guid": 7}"#,
        r#""just text""#,
    ]))
    .unwrap_err();
    assert_eq!(
        errors,
        [
            "error: t.json:3:27: items[1] (guid `g2`): the item has no `text`",
            "error: t.json:4:1: items[2]: the item has no `guid`",
            "error: t.json:5:42: items[3]: `guid` must be text, not a number",
            "error: t.json:6:1: items[4]: the item must be a JSON object, not text",
        ]
    );
}

#[test]
fn an_unknown_status_is_an_error_listing_the_known_ones() {
    let json = checklist(&[r#"{"category": "C", "text": "T", "guid": "g1", "status": "Done"}"#]);
    let Err(errors) = import("t.json", json.as_bytes(), Source::Builtin("t.json"), None) else {
        panic!("imported")
    };
    assert_eq!(
        errors.0[0].to_string(),
        "error: t.json:2:56: items[0] (guid `g1`): unknown status \"Done\""
    );
    assert_eq!(
        errors.0[0].help,
        "use one of: Not verified, Open, Fulfilled, Not required, N/A, Risk accepted"
    );
}

#[test]
fn the_shape_of_the_file_is_checked() {
    for (json, message) in [
        (
            r#"{"items": {}}"#,
            "error: t.json:1:11: `items` must be a list, not an object",
        ),
        (
            r#"{"items": []}"#,
            "error: t.json:1:11: the checklist has no items",
        ),
        (
            "[]",
            "error: t.json:1:1: a checklist must be a JSON object, not a list",
        ),
        (
            r#"{"metadata": {}}"#,
            "error: t.json:1:1: the checklist has no `items`",
        ),
        (
            "{\"items\": [\n  {,",
            "error: t.json:2:4: not valid JSON: expected a key in double quotes but found `,`",
        ),
    ] {
        assert_eq!(read(json).err().unwrap_or_default(), [message], "{json}");
    }
}

#[test]
fn each_kind_of_quirk_is_one_warning_with_the_count_and_the_first_item() {
    let w = warnings(&checklist(&[
        r#"{"category": "C", "subcategory": "S", "waf": "Security", "text": "A", "guid": "g1"}"#,
        r#"{"category": "C", "subcategory": "&nbsp", "waf": "Governance", "text": "B", "guid": "g2", "severity": "Critical"}"#,
        r#"{"category": "C", "subcategory": "S", "waf": "Security", "text": "C", "guid": "g3"}"#,
        r#"{"Category": "C", "subcategory": "S", "text": "D", "guid": "g1", "severity": "Low", "link": "ftp://x"}"#,
        r#"{"subcategory": "S", "service": "AKS", "waf": "Cost", "title": "E", "guid": "{E 5}", "priority": "High"}"#,
    ]));
    assert_eq!(
        w,
        [
            "warning: t.json:2:1: 2 items, the first items[0] (guid `g1`): the item has no `severity`; it counts as medium",
            "warning: t.json:3:1: items[1] (guid `g2`): `waf` \"Governance\" is not one of the five pillars; it becomes the pillar `governance`",
            "warning: t.json:3:1: items[1] (guid `g2`): severity \"Critical\" is not High, Medium or Low; it counts as medium",
            "warning: t.json:3:34: items[1] (guid `g2`): `subcategory` is \"&nbsp\", the workbook's mark for an empty cell; it is read as empty",
            "warning: t.json:5:1: items[3] (guid `g1`): the item has no `waf`; it goes to pillar `general`",
            "warning: t.json:5:1: items[3] (guid `g1`): the guid is also the guid of items[0]; this item's practice id is `g1-2`",
            "warning: t.json:5:2: items[3] (guid `g1`): `Category` is read as `category`",
            "warning: t.json:5:93: items[3] (guid `g1`): `link` is not an http(s) address; it is left out",
            "warning: t.json:6:1: items[4] (guid `{E 5}`): the item has `title` instead of `text`; it is read as the text",
            "warning: t.json:6:1: items[4] (guid `{E 5}`): the item has no `category`; it is grouped by its `service`",
            "warning: t.json:6:1: items[4] (guid `{E 5}`): the item has `priority` instead of `severity`; it is read as the severity",
            "warning: t.json:6:1: items[4] (guid `{E 5}`): the guid is not a valid practice id (letters, digits, '_', '-'); the practice id is `E-5`",
        ]
    );
    let i = read(&checklist(&[
        OK,
        r#"{"subcategory": "S", "service": "AKS", "waf": "Cost", "title": "E", "guid": "{E 5}", "priority": "High"}"#,
    ]))
    .unwrap();
    let e = &i.checklist.items[1];
    assert_eq!(
        (
            e.text.as_str(),
            e.severity,
            e.category.as_str(),
            e.id.as_str()
        ),
        ("E", MissingRisk::High, "AKS", "E-5")
    );
}

#[test]
fn a_translated_checklist_is_read_through_its_own_lists() {
    let json = r#"{"items": [
{"category": "C", "subcategory": "S", "waf": "安全", "text": "T", "guid": "g1", "severity": "低い", "status": "達成"}
],
"waf": [{"name": "確実"}, {"name": "安全"}, {"name": "費用"}, {"name": "オペレーションズ"}, {"name": "パフォーマンス"}],
"severities": [{"name": "高い"}, {"name": "中程度"}, {"name": "低い"}],
"status": [{"name": "未確認"}, {"name": "開ける"}, {"name": "達成"}, {"name": "必要なし"}, {"name": "該当なし"}],
"metadata": {"name": "AKS", "timestamp": "February 20, 2024"}}"#;
    let i = read(json).unwrap();
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    let item = &i.checklist.items[0];
    assert_eq!(item.pillar, "security");
    assert_eq!(item.severity, MissingRisk::Low);
    assert_eq!(item.status, crate::pack::checklist::Status::Fulfilled);
    assert_eq!(i.pack.version, "2024.2.20");
}

#[test]
fn metadata_gives_name_version_and_description() {
    let i = read(&format!(
        "{{\"items\": [{OK}], \"metadata\": {{\"name\": \"AKS\", \"state\": \"GA\", \"timestamp\": \"12/15/2023 11:48:52\"}}}}"
    ))
    .unwrap();
    assert_eq!(
        (
            i.pack.name.as_str(),
            i.pack.version.as_str(),
            i.pack.description.as_str()
        ),
        (
            "AKS",
            "2023.12.15",
            "Azure review checklist (GA) of 12/15/2023 11:48:52."
        )
    );
    let w = warnings(&format!(
        "{{\"items\": [{OK}], \"metadata\": {{\"timestamp\": \"someday\"}}}}"
    ));
    assert_eq!(
        w,
        [
            "warning: t.json:1:1: metadata: the timestamp `someday` is not a date scorps reads; the pack version is 1.0.0",
            "warning: t.json:1:1: the checklist has no `metadata.name`; the pack is named `t`",
        ]
    );
}
