//! Any text given to the review loader is a review or an error, never a panic; a review that
//! loads saves as text that loads to the same review.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scorps::review::store;

fuzz_target!(|text: &str| {
    if let Ok(mut review) = store::parse("fuzz.review.toml", text) {
        // Packs listed twice are dropped on load and never written back.
        review.dropped_packs.clear();
        let saved = store::to_toml(&review).expect("a loaded review serialises");
        let again = store::parse("saved.review.toml", &saved).expect("a saved review loads");
        assert_eq!(review, again, "save and load changed the review");
    }
});
