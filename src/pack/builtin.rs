//! The packs shipped inside the binary.

use super::load::load_str;
use super::{Pack, Source};

/// File name and text of every built-in pack, in the order they are offered.
pub const FILES: [(&str, &str); 7] = [
    ("security.yaml", include_str!("../../pillars/security.yaml")),
    (
        "reliability.yaml",
        include_str!("../../pillars/reliability.yaml"),
    ),
    (
        "operational-excellence.yaml",
        include_str!("../../pillars/operational-excellence.yaml"),
    ),
    (
        "performance.yaml",
        include_str!("../../pillars/performance.yaml"),
    ),
    ("cost.yaml", include_str!("../../pillars/cost.yaml")),
    (
        "sustainability.yaml",
        include_str!("../../pillars/sustainability.yaml"),
    ),
    (
        "engineering-excellence.yaml",
        include_str!("../../pillars/engineering-excellence.yaml"),
    ),
];

/// Built-in packs that a new review includes only when asked for.
pub(crate) const OPT_IN: [&str; 1] = ["engineering-excellence"];

/// Every built-in pack, parsed.
///
/// The texts are checked by the test suite, so a failure here is a build defect; such a pack is
/// skipped rather than taking the whole program down.
pub fn packs() -> Vec<Pack> {
    FILES
        .iter()
        .filter_map(|(name, text)| {
            load_str(&format!("pillars/{name}"), text, Source::Builtin(name)).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::lint;

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
