//! Random packs — ordered rules in any order and of any levels, any default or none, thresholds,
//! ids with `-`, practices ending in `_no`, with or without "None of these" — survive
//! export → import with the same risk for every selection a squad can give.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use scorps::pack::lens::{self, aws_choice_id, aws_id, aws_pillar_id};
use scorps::pack::rule::Expr;
use scorps::pack::{Source, load_str};

/// Ordered rules (level, condition) and the default level, if written.
type GenRules = (Vec<(&'static str, Expr)>, Option<&'static str>);

#[derive(Debug, Clone)]
struct GenQuestion {
    practices: usize,
    none: Option<&'static str>,
    /// `None`: thresholds. Otherwise the rules (level, condition over choice indices) and default.
    rules: Option<GenRules>,
}

const PRACTICE_IDS: [&str; 7] = ["a", "b-1", "c_no", "dd", "e-e", "f", "g"];

fn choice_ids(q: &GenQuestion) -> Vec<&'static str> {
    PRACTICE_IDS[..q.practices]
        .iter()
        .copied()
        .chain(q.none)
        .collect()
}

fn arb_expr(names: Vec<&'static str>) -> impl Strategy<Value = Expr> {
    let leaf = prop::sample::select(names).prop_map(|n| Expr::Var(n.to_string()));
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| Expr::Not(Box::new(e))),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Expr::And),
            prop::collection::vec(inner, 2..4).prop_map(Expr::Or),
        ]
    })
}

fn arb_question() -> impl Strategy<Value = GenQuestion> {
    (
        1usize..=6,
        prop::option::of(prop::sample::select(vec!["none", "n_no"])),
    )
        .prop_flat_map(|(practices, none)| {
            let names: Vec<&'static str> = PRACTICE_IDS[..practices]
                .iter()
                .copied()
                .chain(none)
                .collect();
            let level = prop::sample::select(vec!["none", "medium", "high"]);
            let rules = (
                prop::collection::vec((level.clone(), arb_expr(names)), 0..4),
                prop::option::of(level),
            );
            prop::option::weighted(0.8, rules).prop_map(move |rules| {
                // An empty `risk:` block is not a pack; no rules and no default means thresholds.
                let rules = rules.filter(|(r, d)| !r.is_empty() || d.is_some());
                GenQuestion {
                    practices,
                    none,
                    rules,
                }
            })
        })
}

fn yaml(pillars: &[(&str, Vec<GenQuestion>)]) -> String {
    let mut out = String::from("schema: 1\nid: gen\nname: Generated\nversion: 1.0.0\npillars:\n");
    let mut n = 0;
    for (pid, questions) in pillars {
        out.push_str(&format!("  - id: {pid}\n    name: P\n    questions:\n"));
        for q in questions {
            n += 1;
            out.push_str(&format!(
                "      - id: q-{n}\n        title: Q{n}?\n        choices:\n"
            ));
            for id in choice_ids(q) {
                let extra = if Some(id) == q.none {
                    "none: true"
                } else {
                    "improve: do it"
                };
                out.push_str(&format!(
                    "          - {{ id: {id}, title: {id}, {extra} }}\n"
                ));
            }
            if let Some((rules, default)) = &q.rules {
                out.push_str("        risk:\n");
                for (level, e) in rules {
                    out.push_str(&format!("          - {level}: \"{e}\"\n"));
                }
                if let Some(d) = default {
                    out.push_str(&format!("          - default: {d}\n"));
                }
            }
        }
    }
    out
}

fn arb_pack() -> impl Strategy<Value = String> {
    let pillar_ids = prop::sample::subsequence(
        vec![
            "security",
            "cost",
            "operational-excellence",
            "my-pillar",
            "ux",
        ],
        1..=3,
    );
    pillar_ids
        .prop_flat_map(|ids| {
            let n = ids.len();
            (
                Just(ids),
                prop::collection::vec(prop::collection::vec(arb_question(), 1..=3), n),
            )
        })
        .prop_map(|(ids, qs)| yaml(&ids.into_iter().zip(qs).collect::<Vec<_>>()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, max_shrink_iters: 2000, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_keeps_every_risk(text in arb_pack()) {
        let pack = load_str("gen.yaml", &text, Source::File("gen.yaml".into())).map_err(|e| TestCaseError::fail(format!("{}\n{text}", e.report())))?;
        let exported = lens::export(&pack).map_err(|e| TestCaseError::fail(format!("{}\n{text}", e.report())))?;
        let (back, _) = lens::import_bytes("gen.json", exported.json.as_bytes(), Source::File("gen.json".into()))
            .map_err(|e| TestCaseError::fail(format!("{}\n{}", e.report(), exported.json)))?;
        prop_assert_eq!(pack.question_count(), back.question_count());
        for (p, b) in pack.pillars.iter().zip(&back.pillars) {
            prop_assert_eq!(aws_pillar_id(&p.id), aws_pillar_id(&b.id));
        }
        for ((_, a), (_, b)) in pack.questions().zip(back.questions()) {
            prop_assert_eq!(aws_id(&a.id), b.id.clone());
            let ids: Vec<String> = a.choices.iter().map(|c| aws_choice_id(&c.id, c.none)).collect();
            prop_assert_eq!(&ids, &b.choices.iter().map(|c| c.id.clone()).collect::<Vec<_>>());
            prop_assert_eq!(a.none_choice(), b.none_choice());
            for s in a.selections() {
                prop_assert_eq!(a.risk(s), b.risk(s), "question {} selection {:b}\n{}\n{}", a.id, s, text, exported.json);
            }
        }
    }
}
