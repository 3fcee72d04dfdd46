//! AWS conditions that mean exactly what a question's rules mean.
//!
//! A pack question decides risk by ordered rules (first match) or by thresholds; an AWS lens
//! allows at most three rules, one per level, and is read in ways that differ when rules overlap
//! (see [`Reading`](super::Reading)). So export works from what the question *does*: for each
//! level, the set of selections that get it. For each level it builds a condition that holds on
//! exactly that set — from the rules themselves (rule i decides where `cond_i && !cond_1 && … &&
//! !cond_{i-1}`), from the thresholds, or as a small sum of products read off the truth table —
//! and keeps the shortest. The conditions never overlap, so the order of the AWS rules and the
//! reading do not matter; the level with the longest condition becomes the `default` instead of
//! being written out, which keeps every question within three rules.

use super::super::rule::{Compiled, Expr};
use super::super::{MissingRisk, Question, Risk, RiskRules, UNDECLARED_IF_MISSING};

/// A condition over choice indices, with constants so that thresholds fold cleanly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum F {
    Const(bool),
    Var(u32),
    Not(Box<F>),
    And(Vec<F>),
    Or(Vec<F>),
}

impl F {
    pub fn holds(&self, m: u32) -> bool {
        match self {
            F::Const(b) => *b,
            F::Var(i) => m & (1 << i) != 0,
            F::Not(f) => !f.holds(m),
            F::And(fs) => fs.iter().all(|f| f.holds(m)),
            F::Or(fs) => fs.iter().any(|f| f.holds(m)),
        }
    }

    fn from_compiled(c: &Compiled) -> F {
        match c {
            Compiled::Var(i) => F::Var(*i),
            Compiled::Not(e) => F::not(F::from_compiled(e)),
            Compiled::And(es) => F::and(es.iter().map(F::from_compiled).collect()),
            Compiled::Or(es) => F::or(es.iter().map(F::from_compiled).collect()),
        }
    }

    fn not(f: F) -> F {
        match f {
            F::Const(b) => F::Const(!b),
            F::Not(inner) => *inner,
            f => F::Not(Box::new(f)),
        }
    }

    fn and(parts: Vec<F>) -> F {
        let mut out = Vec::new();
        for p in parts {
            match p {
                F::Const(true) => {}
                F::Const(false) => return F::Const(false),
                F::And(inner) => out.extend(inner),
                p => out.push(p),
            }
        }
        match out.len() {
            0 => F::Const(true),
            1 => out.remove(0),
            _ => F::And(out),
        }
    }

    fn or(parts: Vec<F>) -> F {
        let mut out = Vec::new();
        for p in parts {
            match p {
                F::Const(false) => {}
                F::Const(true) => return F::Const(true),
                F::Or(inner) => out.extend(inner),
                p => out.push(p),
            }
        }
        match out.len() {
            0 => F::Const(false),
            1 => out.remove(0),
            _ => F::Or(out),
        }
    }

    /// The condition with choice `i` named `names[i]`; `None` for a constant.
    pub fn to_expr(&self, names: &[String]) -> Option<Expr> {
        Some(match self {
            F::Const(_) => return None,
            F::Var(i) => Expr::Var(names.get(*i as usize)?.clone()),
            F::Not(f) => Expr::Not(Box::new(f.to_expr(names)?)),
            F::And(fs) => Expr::And(fs.iter().map(|f| f.to_expr(names)).collect::<Option<_>>()?),
            F::Or(fs) => Expr::Or(fs.iter().map(|f| f.to_expr(names)).collect::<Option<_>>()?),
        })
    }
}

/// What to write for a question: rules that never overlap, and the level of every other selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    pub rules: Vec<(Risk, Expr)>,
    pub default: Risk,
}

/// The truth table above this many selections is not searched for a sum of products (the
/// structural conditions are used); 2^12 keeps the search well under a millisecond.
const TABLE_LIMIT: usize = 4096;

/// Plans the AWS rules of `q`, naming choice `i` as `names[i]`.
pub(crate) fn plan(q: &Question, names: &[String]) -> Plan {
    let valid: Vec<u32> = q.selections().collect();
    let risks: Vec<Risk> = valid.iter().map(|s| q.risk(*s)).collect();
    let mut levels: Vec<(Risk, Option<Expr>, usize)> = Vec::new();
    for level in [Risk::High, Risk::Medium, Risk::None] {
        let on: Vec<bool> = risks.iter().map(|r| *r == level).collect();
        if !on.contains(&true) {
            continue;
        }
        let mut candidates = vec![structural(q, level)];
        if valid.len() <= TABLE_LIMIT {
            candidates.push(sum_of_products(&valid, &on, q.choices.len() as u32));
        }
        let best = candidates
            .into_iter()
            .filter(|f| valid.iter().zip(&on).all(|(s, o)| f.holds(*s) == *o))
            .filter_map(|f| f.to_expr(names))
            .min_by_key(|e| e.to_string().len());
        let cost = best.as_ref().map_or(usize::MAX, |e| e.to_string().len());
        levels.push((level, best, cost));
    }
    // The level left to `default` is the one that costs most to write out; ties keep the pack's
    // own default, then the higher risk.
    let pack_default = match &q.risk {
        RiskRules::Ordered { default, .. } => *default,
        RiskRules::Thresholds | RiskRules::IfMissing => Risk::High,
    };
    let default = levels
        .iter()
        .max_by_key(|(level, _, cost)| (*cost, *level == pack_default, *level))
        .map_or(pack_default, |(level, _, _)| *level);
    let rules = levels
        .into_iter()
        .filter(|(l, _, _)| *l != default)
        .filter_map(|(l, e, _)| Some((l, e?)))
        .collect();
    Plan { rules, default }
}

/// The condition under which `q`'s own rules (or thresholds) give `level`.
fn structural(q: &Question, level: Risk) -> F {
    match &q.risk {
        RiskRules::Ordered { rules, default, .. } => {
            let conds: Vec<F> = rules
                .iter()
                .map(|r| F::from_compiled(&r.compiled))
                .collect();
            let valid: Vec<u32> = q.selections().collect();
            let overlap = |a: &F, b: &F| valid.iter().any(|s| a.holds(*s) && b.holds(*s));
            let mut parts = Vec::new();
            for (i, r) in rules.iter().enumerate() {
                if r.level != level {
                    continue;
                }
                // Earlier rules take the selections they hold for; only those that share some
                // selection with this one need to be excluded.
                let earlier = conds[..i]
                    .iter()
                    .filter(|c| overlap(c, &conds[i]))
                    .map(|c| F::not(c.clone()));
                parts.push(F::and(
                    std::iter::once(conds[i].clone()).chain(earlier).collect(),
                ));
            }
            if *default == level {
                parts.push(F::and(conds.iter().map(|c| F::not(c.clone())).collect()));
            }
            F::or(parts)
        }
        RiskRules::Thresholds => {
            let practices: Vec<u32> = q.practices().map(|(i, _)| i as u32).collect();
            let all = F::and(practices.iter().map(|i| F::Var(*i)).collect());
            let half = practices.len().div_ceil(2).max(1);
            let enough = at_least(half, &practices);
            match level {
                Risk::None => all,
                Risk::Medium => F::and(vec![enough, F::not(all)]),
                Risk::High => F::not(enough),
            }
        }
        RiskRules::IfMissing => {
            // Some practice of a level is missing; "None of these" clears every practice bit, so
            // it falls under the worst level, as it should.
            let missing_at = |wanted: MissingRisk| {
                F::or(
                    q.practices()
                        .filter(|(_, c)| c.if_missing.unwrap_or(UNDECLARED_IF_MISSING) == wanted)
                        .map(|(i, _)| F::not(F::Var(i as u32)))
                        .collect(),
                )
            };
            let high = missing_at(MissingRisk::High);
            let medium = missing_at(MissingRisk::Medium);
            match level {
                Risk::High => high,
                Risk::Medium => F::and(vec![F::not(high), medium]),
                Risk::None => F::and(vec![F::not(high), F::not(medium)]),
            }
        }
    }
}

/// "At least `k` of `vars` are selected", split in halves so that it grows far slower than the
/// list of every k-subset.
fn at_least(k: usize, vars: &[u32]) -> F {
    if k == 0 {
        return F::Const(true);
    }
    if k > vars.len() {
        return F::Const(false);
    }
    if k == 1 {
        return F::or(vars.iter().map(|i| F::Var(*i)).collect());
    }
    if k == vars.len() {
        return F::and(vars.iter().map(|i| F::Var(*i)).collect());
    }
    let (a, b) = vars.split_at(vars.len() / 2);
    let lo = k.saturating_sub(b.len());
    F::or(
        (lo..=k.min(a.len()))
            .map(|j| F::and(vec![at_least(j, a), at_least(k - j, b)]))
            .collect(),
    )
}

/// A sum of products that holds on the `on` selections of `valid` and on none of the others;
/// assignments that are not selections (nothing chosen, "None of these" with a practice) are
/// free. Each uncovered selection is widened greedily into a prime cube, dropping negative
/// literals first (conditions read better as "has a and b"); redundant cubes are removed.
fn sum_of_products(valid: &[u32], on: &[bool], n: u32) -> F {
    let full = if n >= 32 { u32::MAX } else { (1u32 << n) - 1 };
    let ons: Vec<u32> = valid
        .iter()
        .zip(on)
        .filter(|(_, o)| **o)
        .map(|(s, _)| *s)
        .collect();
    let offs: Vec<u32> = valid
        .iter()
        .zip(on)
        .filter(|(_, o)| !**o)
        .map(|(s, _)| *s)
        .collect();
    let covers = |(care, val): (u32, u32), s: u32| s & care == val & care;
    let mut cubes: Vec<(u32, u32)> = Vec::new();
    for &s in &ons {
        if cubes.iter().any(|c| covers(*c, s)) {
            continue;
        }
        let mut care = full;
        let order = (0..n)
            .filter(|i| s & (1 << i) == 0)
            .chain((0..n).filter(|i| s & (1 << i) != 0));
        for i in order {
            let wider = care & !(1 << i);
            if !offs.iter().any(|f| covers((wider, s), *f)) {
                care = wider;
            }
        }
        cubes.push((care, s & care));
    }
    let mut i = cubes.len();
    while i > 0 {
        i -= 1;
        let others = |s: u32| {
            cubes
                .iter()
                .enumerate()
                .any(|(j, c)| j != i && covers(*c, s))
        };
        if ons
            .iter()
            .filter(|s| covers(cubes[i], **s))
            .all(|s| others(*s))
        {
            cubes.remove(i);
        }
    }
    F::or(
        cubes
            .into_iter()
            .map(|(care, val)| {
                let lits = (0..n).filter(|i| care & (1 << i) != 0).map(|i| {
                    if val & (1 << i) != 0 {
                        F::Var(i)
                    } else {
                        F::not(F::Var(i))
                    }
                });
                F::and(lits.collect())
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{Source, load_str};

    fn question(choices: &[&str], risk: &str) -> Question {
        let list: String = choices
            .iter()
            .map(|c| {
                let none = if c.ends_with("_no") {
                    ", none: true"
                } else {
                    ""
                };
                format!("          - {{ id: {c}, title: {c}, improve: x{none} }}\n")
            })
            .collect();
        let text = format!(
            "schema: 1\nid: t\nname: T\nversion: 1.0.0\npillars:\n  - id: security\n    name: S\n    questions:\n      - id: q\n        title: Q?\n        choices:\n{list}{risk}"
        );
        let pack = load_str("t.yaml", &text, Source::Builtin("t.yaml")).unwrap();
        pack.pillars[0].questions[0].clone()
    }

    fn shown(p: &Plan) -> Vec<String> {
        p.rules
            .iter()
            .map(|(l, e)| format!("{l}: {e}"))
            .chain([format!("default: {}", p.default)])
            .collect()
    }

    fn names(q: &Question) -> Vec<String> {
        q.choices.iter().map(|c| c.id.clone()).collect()
    }

    #[test]
    fn overlapping_rules_become_disjoint_conditions() {
        let q = question(
            &["a", "b", "c", "x_no"],
            "        risk:\n          - none: a && b && c\n          - medium: a || b\n          - default: high\n",
        );
        // High only for {c} and "None of these"; medium costs most to write, so it is the default.
        assert_eq!(
            shown(&plan(&q, &names(&q))),
            ["high: !a && !b", "none: a && b && c", "default: medium"]
        );
        let p = plan(&q, &names(&q));
        for s in q.selections() {
            let holding: Vec<Risk> = p
                .rules
                .iter()
                .filter(|(_, e)| e.eval(&|n| s & (1 << q.choice_index(n).unwrap()) != 0))
                .map(|(l, _)| *l)
                .collect();
            assert!(
                holding.len() <= 1,
                "rules overlap at {s:b}: {:?}",
                shown(&p)
            );
            assert_eq!(
                holding.first().copied().unwrap_or(p.default),
                q.risk(s),
                "at {s:b}"
            );
        }
    }

    #[test]
    fn thresholds_become_explicit_conditions() {
        let q = question(&["a", "b", "c", "d", "x_no"], "");
        let p = plan(&q, &names(&q));
        assert_eq!(p.default, Risk::Medium, "{:?}", shown(&p));
        for s in q.selections() {
            let holding: Vec<Risk> = p
                .rules
                .iter()
                .filter(|(_, e)| e.eval(&|n| s & (1 << q.choice_index(n).unwrap()) != 0))
                .map(|(l, _)| *l)
                .collect();
            assert_eq!(
                holding.first().copied().unwrap_or(p.default),
                q.risk(s),
                "at {s:b}"
            );
        }
    }

    #[test]
    fn at_least_is_exact_and_small() {
        let vars: Vec<u32> = (0..14).collect();
        let f = at_least(7, &vars);
        for m in 0u32..(1 << 14) {
            assert_eq!(f.holds(m), m.count_ones() >= 7);
        }
        let size = f
            .to_expr(&(0..14).map(|i| format!("c{i}")).collect::<Vec<_>>())
            .unwrap()
            .to_string()
            .len();
        assert!(size < 20_000, "{size}");
    }

    #[test]
    fn a_question_with_one_outcome_is_only_a_default() {
        let q = question(&["a", "b"], "        risk:\n          - default: medium\n");
        assert_eq!(shown(&plan(&q, &names(&q))), ["default: medium"]);
    }
}
