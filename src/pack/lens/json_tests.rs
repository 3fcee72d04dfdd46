use proptest::prelude::*;

use super::*;

fn err(text: &str) -> (u32, u32, String) {
    let e = parse(text).unwrap_err();
    (e.pos.line, e.pos.col, e.message)
}

#[test]
fn values_keep_their_positions() {
    let doc =
        parse("{\n  \"a\": [1, -2.5e3, true, null],\n  \"b\": \"x\\n\\u00e9\\ud83d\\ude00\"\n}")
            .unwrap();
    let Value::Object(members) = &doc.root.value else {
        panic!("not an object")
    };
    assert_eq!(
        (members[0].key.as_str(), members[0].key_pos),
        ("a", Pos::new(2, 3))
    );
    let Value::Array(items) = &members[0].value.value else {
        panic!("not a list")
    };
    assert_eq!(
        items[1],
        Node {
            pos: Pos::new(2, 12),
            value: Value::Number("-2.5e3".into())
        }
    );
    assert_eq!(members[1].value.value, Value::String("x\né😀".into()));
    assert_eq!(members[1].value.pos, Pos::new(3, 8));
    assert!(doc.quirks.is_empty());
}

#[test]
fn nan_bom_and_crlf_are_tolerated_and_noted() {
    let doc = parse("\u{feff}{\r\n\"t\": NaN,\r\n\"u\": -Infinity}").unwrap();
    let Value::Object(m) = &doc.root.value else {
        panic!("not an object")
    };
    assert_eq!(
        m[0].value,
        Node {
            pos: Pos::new(2, 6),
            value: Value::NaN("NaN")
        }
    );
    assert_eq!(m[1].value.value, Value::NaN("-Infinity"));
    let quirks: Vec<String> = doc
        .quirks
        .iter()
        .map(|(p, m)| format!("{}:{} {m}", p.line, p.col))
        .collect();
    assert_eq!(
        quirks,
        [
            "1:1 the file starts with a byte order mark (BOM); it is ignored",
            "1:1 the file has Windows (CRLF) line endings; they are read as LF"
        ]
    );
}

#[test]
fn errors_say_where_and_what() {
    assert_eq!(
        err("{\"a\": 1,\n \"b\" 2}"),
        (
            2,
            6,
            "expected `:` after the key \"b\" but found `2`".into()
        )
    );
    assert_eq!(
        err("{\"a\": 1 \"b\": 2}"),
        (
            1,
            9,
            "expected `,` or `}` after an object member but found `\"`".into()
        )
    );
    assert_eq!(
        err("[1, 2,]"),
        (1, 7, "expected a JSON value but found `]`".into())
    );
    assert_eq!(
        err("{\"a\": \"open}"),
        (1, 7, "this string is never closed".into())
    );
    assert_eq!(
        err("not json"),
        (1, 1, "expected a JSON value but found `n`".into())
    );
    assert_eq!(
        err(""),
        (
            1,
            1,
            "expected a JSON value but found the end of the file".into()
        )
    );
    assert_eq!(
        err("{} {}"),
        (
            1,
            4,
            "unexpected text after the end of the JSON document".into()
        )
    );
    assert_eq!(
        err("\"\\x\""),
        (
            1,
            2,
            "unknown escape; JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX".into()
        )
    );
    assert_eq!(
        err("\"\\ud800\""),
        (1, 2, "a lone UTF-16 surrogate in a `\\u` escape".into())
    );
    assert_eq!(
        err("{'a': 1}"),
        (1, 2, "expected a key in double quotes but found `'`".into())
    );
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(err(&text).2.contains("nested more than 64"));
}

proptest! {
    /// Whatever serde_json reads, this reader reads to the same value.
    #[test]
    fn agrees_with_serde_json(v in arb_json()) {
        let text = serde_json::to_string_pretty(&v).unwrap();
        let doc = parse(&text).unwrap();
        prop_assert_eq!(to_serde(&doc.root), v);
    }

    #[test]
    fn never_panics(text in "[\\[\\]{}\":,0-9a-zA-Z\\\\ .eE+-]{0,40}") {
        let _ = parse(&text);
    }
}

fn to_serde(n: &Node) -> serde_json::Value {
    match &n.value {
        Value::Null | Value::NaN(_) => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(s) => serde_json::from_str(s).unwrap(),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Array(a) => serde_json::Value::Array(a.iter().map(to_serde).collect()),
        Value::Object(m) => serde_json::Value::Object(
            m.iter()
                .map(|m| (m.key.clone(), to_serde(&m.value)))
                .collect(),
        ),
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::Array),
            prop::collection::btree_map("[a-zA-Z_]{1,6}", inner, 0..5)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
