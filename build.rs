//! Validates the built-in packs when scorps is built, and embeds them ready to use.
//!
//! `pillars/*.yaml` stay the source of truth, but parsing YAML was most of what every start of
//! scorps cost (issue 10: 8 ms for `scorps packs list` against 2 ms for `--version`). So the build
//! reads each built-in pack with the loader's own code — the raw types, the YAML bounds and the
//! validation, shared through `#[path]` — stops with the loader's message when one is invalid, and
//! writes the validated pack as JSON, which `src/pack/builtin.rs` reads back many times faster.
//! Digests stay the sha256 of the YAML bytes. The list below is the only list of built-in packs.

// The shared modules hold much more than the build uses.
#![allow(dead_code)]

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "src/text.rs"]
mod text;

#[path = "src/pack"]
mod pack {
    pub mod diagnose;
    pub mod error;
    mod model;
    mod outline;
    pub mod raw;
    pub mod rule;
    pub mod validate;

    pub use self::error::PackError;
    pub use self::model::*;
}

use pack::{Pack, Source};

/// Every built-in pack, in the order they are offered.
const BUILTINS: [&str; 7] = [
    "security.yaml",
    "reliability.yaml",
    "operational-excellence.yaml",
    "performance.yaml",
    "cost.yaml",
    "sustainability.yaml",
    "engineering-excellence.yaml",
];

fn main() -> ExitCode {
    // A change to the shared sources rebuilds this script, which runs it again.
    println!("cargo::rerun-if-changed=pillars");
    println!("cargo::rerun-if-changed=build.rs");
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            eprintln!("{report}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(env("OUT_DIR")?);
    let mut failures = Vec::new();
    let mut files = String::new();
    let mut embedded = String::new();
    for name in BUILTINS {
        let path = manifest.join("pillars").join(name);
        match embed(name, &path, &out) {
            Ok(json) => {
                let _ = writeln!(files, "    ({name:?}, include_str!({:?})),", text(&path));
                let _ = writeln!(embedded, "    include_str!({:?}),", text(&json));
            }
            Err(report) => failures.push(report),
        }
    }
    if !failures.is_empty() {
        return Err(format!(
            "{}\nthe built-in packs in pillars/ must load without errors",
            failures.join("\n")
        ));
    }
    let count = BUILTINS.len();
    let code = format!(
        "/// File name and text of every built-in pack, in the order they are offered.\n\
         pub const FILES: [(&str, &str); {count}] = [\n{files}];\n\n\
         /// Each built-in pack as validated by the build, in JSON, in the order of [`FILES`].\n\
         const EMBEDDED: [&str; {count}] = [\n{embedded}];\n"
    );
    write(&out.join("builtin.rs"), &code)
}

/// Loads, validates and writes one pack as JSON; the error is what the loader would print.
fn embed(name: &'static str, path: &Path, out: &Path) -> Result<PathBuf, String> {
    let shown = format!("pillars/{name}");
    let text = std::fs::read_to_string(path).map_err(|e| format!("error: {shown}: {e}"))?;
    let raw: pack::raw::RawPack =
        serde_saphyr::from_str_with_options(&text, pack::raw::yaml_options())
            .map_err(|e| report(&[pack::diagnose::yaml_error(&shown, &text, &e)]))?;
    let digest = pack::raw::sha256(text.as_bytes());
    let pack: Pack = pack::validate::pack(&shown, raw, Source::Builtin(name), digest)
        .map_err(|errors| report(&errors))?;
    let json = serde_json::to_string(&pack).map_err(|e| format!("error: {shown}: {e}"))?;
    let target = out.join(format!("{name}.json"));
    write(&target, &json)?;
    Ok(target)
}

/// Errors as the loader prints them: the located line, then the help.
fn report(errors: &[pack::PackError]) -> String {
    errors
        .iter()
        .map(|e| format!("{e}\n  help: {}", e.help))
        .collect::<Vec<_>>()
        .join("\n")
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("error: cargo did not set {name} for the build script"))
}

fn text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("error: cannot write {}: {e}", path.display()))
}
