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
                    .map(std::string::ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }

    #[test]
    fn builtins_follow_the_content_rules() {
        for pack in packs() {
            // The content plan of the 2.0.0 packs: 10 to 14 questions, at most 9 practices each.
            let n = pack.question_count();
            assert!((10..=14).contains(&n), "{}: {n} questions", pack.id);
            for (_, q) in pack.questions() {
                let practices = q.practices().count();
                assert!(
                    (3..=9).contains(&practices),
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

    /// Every calibrated practice says what done looks like and what proof to show, and every
    /// question has a short label for the navigator that fits at 80 columns.
    #[test]
    fn builtins_carry_levels_evidence_and_labels() {
        for pack in packs() {
            let mut labels = std::collections::HashSet::new();
            for (_, q) in pack.questions() {
                let short = q.short.as_deref().unwrap_or_default();
                assert!(
                    !short.is_empty() && short.chars().count() <= 18,
                    "{}/{}: short label {short:?}",
                    pack.id,
                    q.id
                );
                assert!(labels.insert(short), "{}: {short} twice", pack.id);
                assert!(!q.refs.is_empty(), "{}/{}: refs", pack.id, q.id);
                for (_, c) in q.practices() {
                    let at = format!("{}/{}/{}", pack.id, q.id, c.id);
                    assert!(c.if_missing.is_some(), "{at}: if_missing");
                    assert!(!c.evidence.trim().is_empty(), "{at}: evidence");
                    assert!(c.improve.contains("Done when"), "{at}: a finish line");
                }
            }
        }
    }

    /// Missing any high-level practice gives high, whatever else is ticked; else missing a medium
    /// one gives medium; else no risk. Walked over every selection of every built-in question.
    #[test]
    fn every_selection_of_every_built_in_question_follows_the_levels() {
        use crate::pack::{MissingRisk, Risk};
        let mut walked = 0u64;
        for pack in packs() {
            for (_, q) in pack.questions() {
                assert!(q.practices().count() <= 9, "{}/{}", pack.id, q.id);
                for mask in q.selections() {
                    let missing = |level| {
                        q.practices()
                            .any(|(i, c)| mask & (1 << i) == 0 && c.if_missing == Some(level))
                    };
                    let want = if missing(MissingRisk::High) {
                        Risk::High
                    } else if missing(MissingRisk::Medium) {
                        Risk::Medium
                    } else {
                        Risk::None
                    };
                    assert_eq!(
                        q.risk(mask),
                        want,
                        "{}/{} selection {mask:b}",
                        pack.id,
                        q.id
                    );
                    walked += 1;
                }
            }
        }
        assert!(walked > 3_000, "{walked}");
    }

    /// "Asked in <Pack> › <label>" sentences point at a question that exists: the pack's name
    /// and one of its short labels.
    #[test]
    fn cross_references_name_real_questions() {
        let all = packs();
        let mut bad = Vec::new();
        for pack in &all {
            for (_, q) in pack.questions() {
                for c in &q.choices {
                    for (i, _) in c.help.match_indices(" › ") {
                        let before = &c.help[..i];
                        let after = &c.help[i + " › ".len()..];
                        let target = all.iter().find(|p| before.ends_with(&p.name));
                        let found = target.is_some_and(|p| {
                            p.questions().any(|(_, t)| {
                                t.short.as_deref().is_some_and(|l| {
                                    after.starts_with(l)
                                        && after[l.len()..].starts_with(['.', ',', ';', ' ', ')'])
                                })
                            })
                        });
                        if !found {
                            let shown: String =
                                c.help[i.saturating_sub(30)..].chars().take(70).collect();
                            bad.push(format!("{}/{}/{}: …{shown}", pack.id, q.id, c.id));
                        }
                    }
                }
            }
        }
        assert!(
            bad.is_empty(),
            "references to no question:\n{}",
            bad.join("\n")
        );
    }
}
