//! Any text given to the pack loader is a pack or an error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scorps::pack::{Source, load_str};

fuzz_target!(|text: &str| {
    let _ = load_str("fuzz.yaml", text, Source::Builtin("fuzz"));
});
