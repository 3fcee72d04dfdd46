//! `scorps packs schema`: the JSON Schema editors validate packs with.
//!
//! The schema is generated from the serde types the loader reads, so these tests check that it is
//! valid JSON, that the copy committed beside the built-in packs is current, that every built-in
//! pack fits it, and that it flags the mistakes the loader refuses. The check is a light JSON
//! Schema evaluator written here (no extra dependency); patterns are left to the loader.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use scorps::pack::builtin;
use serde_json::Value;

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// `scorps packs schema`, away from the developer's own folders.
fn schema_text() -> String {
    let home = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("scorps")
        .unwrap()
        .current_dir(home.path())
        .env("SCORPS_DATA_DIR", home.path().join("data"))
        .env("SCORPS_CONFIG_DIR", home.path().join("config"))
        .args(["packs", "schema"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A valid one-question pack.
fn pack(id: &str, name: &str) -> String {
    format!(
        "schema: 1\nid: {id}\nname: {name}\nversion: 2.0.0\npillars:\n  - id: security\n    name: Security\n    questions:\n      - id: q\n        title: A question?\n        choices:\n          - {{ id: a, title: A, improve: Do A. }}\n          - {{ id: none, title: None of these, none: true }}\n"
    )
}

fn schema() -> Value {
    serde_json::from_str(&schema_text()).expect("the schema is JSON")
}

#[test]
fn schema_is_json_that_describes_pillars_choices_and_risk() {
    let schema = schema();
    assert_eq!(schema["type"], "object");
    assert_eq!(
        schema["properties"]["pillars"]["items"]["$ref"],
        "#/$defs/RawPillar"
    );
    assert_eq!(
        schema["$defs"]["RawPillar"]["properties"]["questions"]["items"]["$ref"],
        "#/$defs/RawQuestion"
    );
    assert_eq!(
        schema["$defs"]["RawQuestion"]["properties"]["choices"]["maxItems"],
        20
    );
    assert!(schema["$defs"]["RawQuestion"]["properties"]["risk"].is_object());
    assert_eq!(
        schema["$defs"]["RawLevel"]["enum"],
        serde_json::json!(["none", "medium", "high"])
    );
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let generated = schema_text();
    let committed = std::fs::read_to_string(manifest("pillars/scorps-pack.schema.json")).unwrap();
    assert!(
        committed == generated,
        "pillars/scorps-pack.schema.json is stale: run `scorps packs schema > pillars/scorps-pack.schema.json`"
    );
    for (file, text) in builtin::FILES {
        assert_eq!(
            text.lines().next(),
            Some("# yaml-language-server: $schema=./scorps-pack.schema.json"),
            "{file}"
        );
    }
}

/// What a light JSON Schema check finds wrong: `$ref`, `type`, `enum`, `oneOf`, `anyOf`,
/// `properties`, `additionalProperties: false`, `required`, `items`, `minItems`/`maxItems`,
/// `minimum`/`maximum`. Patterns are left to the loader.
fn violations(value: &Value, schema: &Value, root: &Value, path: &str, out: &mut Vec<String>) {
    if let Some(name) = schema.get("$ref").and_then(Value::as_str) {
        let def = &root["$defs"][name.trim_start_matches("#/$defs/")];
        assert!(def.is_object(), "dangling {name}");
        return violations(value, def, root, path, out);
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let fits = |t: &&str| match *t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "null" => value.is_null(),
            _ => false,
        };
        if !types.iter().any(fits) {
            out.push(format!("{path}: {value} is not {types:?}"));
            return;
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && !values.contains(value)
    {
        out.push(format!("{path}: {value} is not one of {values:?}"));
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let fitting = options
            .iter()
            .filter(|o| {
                let mut v = Vec::new();
                violations(value, o, root, path, &mut v);
                v.is_empty()
            })
            .count();
        if fitting != 1 {
            out.push(format!(
                "{path}: {value} fits {fitting} of the oneOf options"
            ));
        }
    }
    if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
        let fits_one = options.iter().any(|o| {
            let mut v = Vec::new();
            violations(value, o, root, path, &mut v);
            v.is_empty()
        });
        if !fits_one {
            out.push(format!("{path}: {value} fits none of the anyOf options"));
        }
    }
    if let Some(n) = value.as_f64() {
        let below = schema
            .get("minimum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n < m);
        let above = schema
            .get("maximum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n > m);
        if below || above {
            out.push(format!("{path}: {n} is out of range"));
        }
    }
    if let Value::Object(map) = value {
        let properties = schema.get("properties").and_then(Value::as_object);
        if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
            for key in map
                .keys()
                .filter(|k| !properties.is_some_and(|p| p.contains_key(*k)))
            {
                out.push(format!("{path}: property `{key}` is not allowed"));
            }
        }
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !map.contains_key(required) {
                out.push(format!("{path}: `{required}` is required"));
            }
        }
        for (key, v) in map {
            if let Some(s) = properties.and_then(|p| p.get(key)) {
                violations(v, s, root, &format!("{path}.{key}"), out);
            }
        }
    }
    if let Value::Array(items) = value {
        let len = items.len() as u64;
        if schema
            .get("minItems")
            .and_then(Value::as_u64)
            .is_some_and(|m| len < m)
            || schema
                .get("maxItems")
                .and_then(Value::as_u64)
                .is_some_and(|m| len > m)
        {
            out.push(format!("{path}: {len} items is out of range"));
        }
        if let Some(s) = schema.get("items") {
            for (i, v) in items.iter().enumerate() {
                violations(v, s, root, &format!("{path}[{i}]"), out);
            }
        }
    }
}

fn check_against_schema(yaml: &str) -> Vec<String> {
    let value: Value = serde_saphyr::from_str(yaml).expect("YAML");
    let schema = schema();
    let mut out = Vec::new();
    violations(&value, &schema, &schema, "$", &mut out);
    out
}

#[test]
fn schema_knows_short_refs_evidence_and_if_missing() {
    let schema = schema();
    let question = &schema["$defs"]["RawQuestion"]["properties"];
    assert_eq!(question["short"]["minLength"], 1, "{question}");
    assert_eq!(question["refs"]["type"], "array", "{question}");
    assert!(
        question["refs"]["items"]["pattern"]
            .as_str()
            .is_some_and(|p| p.starts_with("^[a-z]")),
        "{question}"
    );
    let choice = &schema["$defs"]["RawChoice"]["properties"];
    assert_eq!(choice["evidence"]["type"], "string", "{choice}");
    assert_eq!(
        schema["$defs"]["RawIfMissing"]["enum"],
        serde_json::json!(["low", "medium", "high"])
    );
}

#[test]
fn every_builtin_pack_fits_the_schema() {
    let all: Vec<String> = [
        "tests/fixtures/packs/small.yaml",
        "tests/fixtures/packs/warnings.yaml",
        "tests/fixtures/packs/levels.yaml",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(manifest(f)).unwrap())
    .chain(builtin::FILES.iter().map(|(_, t)| t.to_string()))
    .collect();
    for text in &all {
        let wrong = check_against_schema(text);
        assert!(
            wrong.is_empty(),
            "{}:\n{}",
            text.lines().nth(2).unwrap_or_default(),
            wrong.join("\n")
        );
    }
}

#[test]
fn the_schema_flags_what_the_loader_refuses() {
    let ok = pack("p", "P") + "        risk:\n          - none: a\n          - default: high\n";
    assert_eq!(check_against_schema(&ok), Vec::<String>::new());
    let cases = [
        (
            ok.replace("name: P", "name: P\ncolour: red"),
            "$: property `colour` is not allowed",
        ),
        (
            ok.replace("schema: 1", "schema: 2"),
            "$.schema: 2 is out of range",
        ),
        (
            ok.replace("- none: a", "- critical: a"),
            "$.pillars[0].questions[0].risk[0]: {\"critical\":\"a\"} fits 0 of the oneOf options",
        ),
        (
            ok.replace("default: high", "default: severe"),
            "risk[1]: {\"default\":\"severe\"} fits 0 of the oneOf options",
        ),
        (
            ok.replace("title: A,", "titel: A,"),
            "$.pillars[0].questions[0].choices[0]: property `titel` is not allowed",
        ),
        (
            ok.replace("none: true", "none: 1"),
            "$.pillars[0].questions[0].choices[1].none: 1 is not [\"boolean\"]",
        ),
        (
            ok.replace("    questions:\n", "    questions: []\n    x:\n"),
            "$.pillars[0].questions: 0 items is out of range",
        ),
        (
            ok.replace("improve: Do A.", "improve: Do A., if_missing: severe"),
            "$.pillars[0].questions[0].choices[0].if_missing: \"severe\" fits none of the anyOf options",
        ),
        (
            ok.replace(
                "        title: A question?\n",
                "        title: A question?\n        refs: aws:REL09\n",
            ),
            "$.pillars[0].questions[0].refs: \"aws:REL09\" is not [\"array\"]",
        ),
    ];
    for (yaml, expected) in cases {
        let wrong = check_against_schema(&yaml);
        assert!(
            wrong.iter().any(|w| w.contains(expected)),
            "expected `{expected}` in {wrong:?}"
        );
    }
}
