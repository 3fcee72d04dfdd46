//! Any text given to the risk condition parser is a condition or a syntax error, never a panic;
//! a condition that parses prints back as one that parses to the same tree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scorps::pack::rule;

fuzz_target!(|text: &str| {
    if let Ok(expr) = rule::parse(text) {
        let again = rule::parse(&expr.to_string()).expect("a printed condition parses");
        assert_eq!(expr, again, "print and parse again changed {text:?}");
    }
});
