//! `export --format html` and `report --format html`, read back with an HTML5 tokenizer
//! (html5gum, WHATWG-compliant): no script, nothing loaded from outside, the radar's points where
//! the scores put them, text from reviews escaped; and a snapshot of each document.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use html5gum::{Token, Tokenizer};

const DEMO: &str = "tests/fixtures/packs/backlog-demo.yaml";
const PAYMENTS: &str = "tests/fixtures/reviews/payments.review.toml";
const PAYMENTS_Q3: &str = "tests/fixtures/reviews/payments-q3.review.toml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scorps(args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("scorps")
        .unwrap()
        .current_dir(root())
        .env(
            "SCORPS_CONFIG_DIR",
            root().join("tests/fixtures/no-such-dir"),
        )
        .env("SCORPS_DATA_DIR", root().join("tests/fixtures/no-such-dir"))
        .env("SCORPS_AS_OF", "2026-12-01")
        .arg("--pack")
        .arg(DEMO)
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// A start tag: its name and attributes.
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: BTreeMap<String, String>,
}

/// Every start tag and the text inside `<style>`, from a WHATWG tokenizer; tokenizer errors fail.
fn tokens(html: &str) -> (Vec<Tag>, String) {
    let mut tags = Vec::new();
    let mut style = String::new();
    let mut in_style = false;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(t) => {
                let name = String::from_utf8_lossy(&t.name).into_owned();
                in_style = name == "style";
                let attrs = t
                    .attributes
                    .iter()
                    .map(|(k, v)| {
                        (
                            String::from_utf8_lossy(k).into_owned(),
                            String::from_utf8_lossy(&v.value).into_owned(),
                        )
                    })
                    .collect();
                tags.push(Tag { name, attrs });
            }
            Token::EndTag(_) => in_style = false,
            Token::String(s) if in_style => style.push_str(&String::from_utf8_lossy(&s.value)),
            Token::Error(e) => panic!("HTML error: {:?}", e.value),
            _ => {}
        }
    }
    (tags, style)
}

/// Nothing runs and nothing is fetched: no script, no element that loads a resource, no
/// attribute that names one, links only as `<a href>` to http(s), no `url()` or `@import`.
fn assert_self_contained(html: &str) {
    let (tags, style) = tokens(html);
    for t in &tags {
        assert!(
            ![
                "script", "link", "img", "iframe", "object", "embed", "image", "use", "base"
            ]
            .contains(&t.name.as_str()),
            "<{}> in the page",
            t.name
        );
        for (k, v) in &t.attrs {
            assert!(
                !k.starts_with("on") && k != "src" && k != "srcset" && k != "xlink:href",
                "<{} {k}=…>",
                t.name
            );
            if k == "href" {
                assert_eq!(t.name, "a", "href on <{}>", t.name);
                assert!(v.starts_with("https://") || v.starts_with("http://"), "{v}");
            }
        }
    }
    assert!(
        !style.contains("url(") && !style.contains("@import"),
        "{style}"
    );
    assert!(style.contains("prefers-color-scheme: dark") && style.contains("@media print"));
}

/// The radar's point for a score on axis `i` of `n`: centre (260, 160), radius 100, first axis up.
fn expected_point(i: usize, n: usize, score: f64) -> String {
    let angle = (-90.0 + 360.0 * i as f64 / n as f64).to_radians();
    let r = score;
    let round = |v: f64| {
        let v = (v * 10.0).round() / 10.0;
        if v == 0.0 { 0.0 } else { v }
    };
    format!(
        "{},{}",
        round(260.0 + r * angle.cos()),
        round(160.0 + r * angle.sin())
    )
}

fn polygon<'a>(tags: &'a [Tag], class: &str) -> &'a str {
    tags.iter()
        .find(|t| t.name == "polygon" && t.attrs.get("class").map(String::as_str) == Some(class))
        .and_then(|t| t.attrs.get("points"))
        .unwrap_or_else(|| panic!("no polygon of class {class}"))
}

/// A copy of the payments review with a milestone taken when it was `payments-q3`, and targets.
fn review_with_history(dir: &Path) -> String {
    let review = dir.join("payments.review.toml");
    std::fs::copy(root().join(PAYMENTS_Q3), &review).unwrap();
    let file = review.display().to_string();
    let (_, stderr, code) = scorps(&["milestone", &file, "2026-q3", "--date", "2026-08-14"]);
    assert_eq!(code, 0, "{stderr}");
    let mut text = std::fs::read_to_string(root().join(PAYMENTS)).unwrap();
    text.push_str("\n[targets]\nsecurity = 80\nreliability = 40\n");
    std::fs::write(&review, text).unwrap();
    file
}

#[test]
fn the_export_page_is_self_contained_and_its_radar_matches_the_scores() {
    let dir = tempfile::tempdir().unwrap();
    let file = review_with_history(dir.path());
    let (html, stderr, code) = scorps(&["export", &file, "--format", "html"]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    assert_self_contained(&html);
    let (tags, _) = tokens(&html);
    // Six well-known axes; this review covers security (50.0) and reliability (50.0).
    let now: Vec<String> = [50.0, 50.0, 0.0, 0.0, 0.0, 0.0]
        .iter()
        .enumerate()
        .map(|(i, s)| expected_point(i, 6, *s))
        .collect();
    assert_eq!(polygon(&tags, "score"), now.join(" "));
    // The milestone: security 16.7 (1 of 3 answered at medium… as frozen), reliability 100.
    let then: Vec<String> = [100.0 / 6.0, 100.0, 0.0, 0.0, 0.0, 0.0]
        .iter()
        .enumerate()
        .map(|(i, s)| expected_point(i, 6, *s))
        .collect();
    assert_eq!(polygon(&tags, "milestone"), then.join(" "));
    let rings: Vec<(String, String)> = tags
        .iter()
        .filter(|t| t.name == "circle")
        .map(|t| (t.attrs["cx"].clone(), t.attrs["cy"].clone()))
        .collect();
    let at = |i, s| {
        let p = expected_point(i, 6, s);
        let (x, y) = p.split_once(',').unwrap();
        (x.to_string(), y.to_string())
    };
    assert_eq!(rings, [at(0, 80.0), at(1, 40.0)], "one ring per target");
    let items = tags.iter().filter(|t| t.name == "article").count();
    assert_eq!(items, 5, "every backlog item");
    insta::assert_snapshot!("export_html", html);
}

#[test]
fn hostile_review_text_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("h.review.toml");
    let text = std::fs::read_to_string(root().join(PAYMENTS))
        .unwrap()
        .replace(
            "workload = \"Payments API\"",
            "workload = \"Pay<script>alert(1)</script>\\\"'ments\"",
        )
        .replace(
            "Rotation is manual, twice a year.",
            "</p><img src=x onerror=alert(1)><a href=\\\"javascript:alert(1)\\\">x</a>\\u001b[31m",
        )
        .replace(
            "\"Secrets runbook, page 4\"",
            "\"javascript:alert(document.cookie)\", \"https://ok.example/?q=<b>\\\"\"",
        );
    std::fs::write(&review, text).unwrap();
    let (html, stderr, code) =
        scorps(&["export", &review.display().to_string(), "--format", "html"]);
    assert_eq!(code, 0, "{stderr}");
    assert_self_contained(&html);
    assert!(!html.contains('\u{1b}'));
    assert!(html.contains("<title>Improvement backlog: Pay&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;ments</title>"));
    assert!(
        html.contains("&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    assert!(
        html.contains("<li>javascript:alert(document.cookie)</li>"),
        "{html}"
    );
    assert!(
        html.contains("href=\"https://ok.example/?q=&lt;b&gt;&quot;\""),
        "{html}"
    );
}

#[test]
fn the_report_page_is_a_heatmap() {
    let dir = tempfile::tempdir().unwrap();
    review_with_history(dir.path());
    std::fs::copy(
        root().join("tests/fixtures/reviews/checkout.review.toml"),
        dir.path().join("checkout.review.toml"),
    )
    .unwrap();
    let (html, stderr, code) = scorps(&[
        "report",
        &dir.path().display().to_string(),
        "--format",
        "html",
    ]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    assert_self_contained(&html);
    let (tags, _) = tokens(&html);
    let cells: Vec<&str> = tags
        .iter()
        .filter(|t| t.name == "td")
        .filter_map(|t| t.attrs.get("class").map(String::as_str))
        .collect();
    // Checkout: overall 70 (b3), security 83.3 (b4), reliability 50 (b2); Payments: 50, 50 below
    // its target of 80, 50.
    assert_eq!(
        cells,
        [
            "cell b3",
            "cell b4",
            "cell b2",
            "cell b2",
            "cell b2 below",
            "cell b2"
        ]
    );
    insta::assert_snapshot!(
        "report_html",
        html.replace(&dir.path().display().to_string(), "[DIR]")
    );
}
