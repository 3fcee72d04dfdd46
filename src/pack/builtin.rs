//! The packs shipped inside the binary.
//!
//! `build.rs` validates `pillars/*.yaml` and embeds each pack as JSON, so a start of scorps reads
//! JSON instead of parsing and validating YAML; the YAML texts are embedded too, for reference.

use super::{Pack, Source};

// `FILES` (the YAML texts) and `EMBEDDED` (the packs the build validated, as JSON).
include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// Built-in packs that a new review includes only when asked for.
pub(crate) const OPT_IN: [&str; 1] = ["engineering-excellence"];

/// Every built-in pack, validated when scorps was built.
///
/// The build refuses an invalid pack and a test checks that each embedded pack equals its YAML
/// loaded at run time, so a failure here is a build defect; such a pack is skipped rather than
/// taking the whole program down.
pub fn packs() -> Vec<Pack> {
    FILES
        .iter()
        .zip(EMBEDDED)
        .filter_map(|((name, _), json)| {
            let mut pack: Pack = serde_json::from_str(json).ok()?;
            pack.source = Source::Builtin(name);
            Some(pack)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{lint, load_str};

    #[test]
    fn every_embedded_pack_equals_its_yaml_loaded_at_run_time() {
        let embedded = packs();
        assert_eq!(embedded.len(), FILES.len());
        for ((name, text), pack) in FILES.iter().zip(&embedded) {
            let loaded = load_str(name, text, Source::Builtin(name))
                .unwrap_or_else(|e| panic!("{}", e.report()));
            // Every field: ids, texts, positions, rules and their compiled form, the digest.
            assert_eq!(&loaded, pack, "{name}");
            assert_eq!(pack.source, Source::Builtin(name));
        }
    }

    #[test]
    fn every_builtin_loads_and_passes_lint_without_warnings() {
        for (name, text) in FILES {
            let pack = load_str(name, text, Source::Builtin(name))
                .unwrap_or_else(|e| panic!("{}", e.report()));
            let warnings = lint::lint(&pack);
            assert!(
                warnings.is_empty(),
                "{name}:\n{}",
                warnings
                    .iter()
                    .map(|w| w.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }

    #[test]
    fn builtins_follow_the_content_rules() {
        for pack in packs() {
            let n = pack.question_count();
            assert!((8..=12).contains(&n), "{}: {n} questions", pack.id);
            for (_, q) in pack.questions() {
                let practices = q.practices().count();
                assert!(
                    (3..=7).contains(&practices),
                    "{}/{}: {practices} practices",
                    pack.id,
                    q.id
                );
                let none = q
                    .none_choice()
                    .expect("every built-in question has None of these");
                assert_eq!(
                    none,
                    q.choices.len() - 1,
                    "{}/{}: None of these comes last",
                    pack.id,
                    q.id
                );
                assert!(!q.why.trim().is_empty(), "{}/{}: why", pack.id, q.id);
                for (_, c) in q.practices() {
                    assert!(
                        !c.improve.trim().is_empty() && !c.help.trim().is_empty(),
                        "{}/{}/{}",
                        pack.id,
                        q.id,
                        c.id
                    );
                }
            }
        }
        assert_eq!(packs().len(), FILES.len());
    }
}
