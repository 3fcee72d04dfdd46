//! Any bytes given to the lens importer are a pack or an error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scorps::pack::Source;
use scorps::pack::lens::import_bytes;

fuzz_target!(|bytes: &[u8]| {
    let _ = import_bytes("fuzz.json", bytes, Source::Builtin("fuzz"));
});
