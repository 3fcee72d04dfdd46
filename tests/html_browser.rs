//! The exported HTML in a real browser: headless Chromium reads the page (its DOM has the radar
//! polygon at the scores' points, and no script ran or was added), prints it to PDF and takes a
//! screenshot.
//!
//! `.ci/run` installs `chromium-headless-shell`. Under CI (`CI=true`) a missing browser fails the
//! test; elsewhere the test is skipped with a note. `SCORPS_BROWSER` names another binary.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

const DEMO: &str = "tests/fixtures/packs/backlog-demo.yaml";
const PAYMENTS: &str = "tests/fixtures/reviews/payments.review.toml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The browser to use, if one is installed.
fn browser() -> Option<PathBuf> {
    if let Some(b) = std::env::var_os("SCORPS_BROWSER").filter(|b| !b.is_empty()) {
        return Some(PathBuf::from(b));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium-headless-shell",
        "chromium",
        "chromium-browser",
        "google-chrome",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|p| p.is_file())
}

/// The browser, or `None` (with a note) where a missing one is allowed.
fn browser_or_skip() -> Option<PathBuf> {
    let found = browser();
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "no headless browser under CI: .ci/run installs chromium-headless-shell"
        );
        eprintln!(
            "note: no chromium found; skipping the browser test (apt-get install chromium-headless-shell)"
        );
    }
    found
}

/// Runs the browser headless on a file and returns its stdout. A time limit keeps a wedged
/// browser from hanging the suite; it asserts nothing about speed.
fn headless(browser: &Path, args: &[&str], page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} failed: {}",
        browser.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The value of `name="…"` in the first tag of `dom` that starts with `open`.
fn attribute<'a>(dom: &'a str, open: &str, name: &str) -> Option<&'a str> {
    let tag = &dom[dom.find(open)?..];
    let tag = &tag[..tag.find('>')?];
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    Some(&tag[start..start + tag[start..].find('"')?])
}

#[test]
fn the_page_renders_prints_and_keeps_its_radar() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("payments.html");
    let status = Command::cargo_bin("scorps")
        .unwrap()
        .current_dir(root())
        .env(
            "SCORPS_CONFIG_DIR",
            root().join("tests/fixtures/no-such-dir"),
        )
        .env("SCORPS_DATA_DIR", root().join("tests/fixtures/no-such-dir"))
        .env("SCORPS_AS_OF", "2026-12-01")
        .args(["--pack", DEMO, "export", PAYMENTS, "--format", "html", "-o"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(status.status.success());

    let dom = headless(&browser, &["--dump-dom"], &page);
    // Security 50 and reliability 50 on the first two of six axes, the rest at the centre.
    assert_eq!(
        attribute(&dom, "<polygon class=\"score\"", "points"),
        Some("260,110 303.3,135 260,160 260,160 260,160 260,160"),
        "{dom}"
    );
    assert!(
        !dom.contains("<script"),
        "the page has no script, and none ran"
    );
    assert_eq!(dom.matches("<article class=\"item").count(), 5);

    let pdf = dir.path().join("payments.pdf");
    headless(
        &browser,
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
        ],
        &page,
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF was printed");

    let png = dir.path().join("payments.png");
    headless(
        &browser,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1000,1400",
        ],
        &page,
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG was taken");
}
