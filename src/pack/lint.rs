//! Lint: what is legal in a pack but probably a mistake.
//!
//! Each question's rules are checked over every selection a squad can give (every non-empty set
//! of practices, and "None of these" alone), so the findings are exact, not heuristics.

use super::error::PackError;
use super::{MissingRisk, Pack, Question, Risk, RiskRules, UNDECLARED_IF_MISSING};

/// The most truth-table steps lint takes for one pack (selections × the size of the rules, see
/// [`Question::truth_table_cost`]; about a second of work). A hostile pack of 20-choice questions
/// or long conditions would otherwise take minutes; past the budget, questions are still checked
/// for everything but their truth tables, and one warning says how many were skipped.
pub(crate) const LINT_BUDGET: u64 = 1 << 28;

/// Every warning for a pack, in file order.
pub fn lint(pack: &Pack) -> Vec<PackError> {
    let file = pack.source.to_string();
    let mut out = Vec::new();
    let mut budget = LINT_BUDGET;
    let mut skipped = Vec::new();
    for (_, q) in pack.questions() {
        // Only ordered rules are checked selection by selection; levels and thresholds cost
        // nothing here, so they leave the budget to the questions that need it.
        let cost = match q.risk {
            RiskRules::Ordered { .. } => q.truth_table_cost(),
            RiskRules::IfMissing | RiskRules::Thresholds => 0,
        };
        let exhaustive = cost <= budget;
        if exhaustive {
            budget -= cost;
        } else {
            skipped.push(q.id.as_str());
        }
        question(&file, &pack.id, q, exhaustive, &mut out);
    }
    labels(&file, pack, &mut out);
    out.sort_by_key(|w| w.pos);
    if let Some(first) = skipped.first() {
        out.push(
            PackError::warning(
                &file,
                super::Pos::default(),
                format!(
                    "{} question(s), from `{first}` on, were not checked selection by selection: the pack's truth tables take more than {LINT_BUDGET} steps (selections × size of the rules)",
                    skipped.len()
                ),
            )
            .context(format!("pack `{}`", pack.id))
            .help("split the pack into smaller ones, give questions fewer practices, or shorten long conditions"),
        );
    }
    out
}

/// The longest short label that fits the narrow places it is shown in (the review navigator is
/// 24 columns wide).
pub(crate) const SHORT_MAX: usize = 24;

/// Short labels that are long or shared with another question, and references listed twice.
fn labels(file: &str, pack: &Pack, out: &mut Vec<PackError>) {
    let questions: Vec<&Question> = pack.questions().map(|(_, q)| q).collect();
    for q in &questions {
        let warn = |message: String, help: &str| {
            PackError::warning(file, q.pos, message)
                .context(format!("pack `{}`, question `{}`", pack.id, q.id))
                .help(help)
        };
        for (i, r) in q.refs.iter().enumerate() {
            if q.refs[..i].contains(r) {
                out.push(warn(
                    format!("reference `{r}` is listed twice"),
                    "remove the second one",
                ));
            }
        }
        let Some(short) = &q.short else { continue };
        let length = short.chars().count();
        if length > SHORT_MAX {
            out.push(warn(
                format!("the short label `{short}` has {length} characters; keep it to {SHORT_MAX}"),
                "say it in a few words: it is shown where there is little room (the review navigator, reports)",
            ));
        }
        if let Some(other) = questions
            .iter()
            .find(|o| o.id != q.id && o.label().eq_ignore_ascii_case(short))
        {
            out.push(warn(
                format!(
                    "the short label `{short}` is also the label of question `{}`",
                    other.id
                ),
                "give every question its own short label",
            ));
        }
    }
}

fn question(file: &str, pack: &str, q: &Question, exhaustive: bool, out: &mut Vec<PackError>) {
    let ctx = format!("pack `{pack}`, question `{}`", q.id);
    let warn = |pos, message: String, help: &str| {
        PackError::warning(file, pos, message)
            .context(ctx.clone())
            .help(help)
    };
    for (_, c) in q.practices() {
        if c.improve.trim().is_empty() {
            out.push(warn(
                c.pos,
                format!("practice `{}` has no `improve` text", c.id),
                "add `improve:` saying what to do when the practice is missing; it becomes the backlog task",
            ));
        }
    }
    if matches!(q.risk, RiskRules::IfMissing) {
        for (_, c) in q.practices().filter(|(_, c)| c.if_missing.is_none()) {
            out.push(warn(
                c.pos,
                format!(
                    "practice `{}` has no `if_missing` while others in the question do; it counts as {UNDECLARED_IF_MISSING}",
                    c.id
                ),
                "give every practice of the question `if_missing: high`, `medium` or `low`",
            ));
        }
    }
    let RiskRules::Ordered {
        rules,
        default,
        default_pos,
    } = &q.risk
    else {
        return;
    };
    if default_pos.is_none() {
        out.push(warn(
            q.pos,
            "the risk rules have no `default`; high is assumed".into(),
            "end the rules with `- default: high` (or the level you mean)",
        ));
    }
    let mentioned: Vec<&str> = rules.iter().flat_map(|r| r.condition.names()).collect();
    for (_, c) in q.practices() {
        if !mentioned.contains(&c.id.as_str()) {
            out.push(warn(
                c.pos,
                format!(
                    "practice `{}` is not mentioned by any risk rule, so it never changes the risk",
                    c.id
                ),
                "name it in a rule, or remove the practice",
            ));
        }
    }
    if !exhaustive {
        return;
    }
    let mut decided = vec![0usize; rules.len()];
    let mut by_default = 0;
    let mut reached = [false; 3];
    // The first selection where each rule (and, last, the default) gives less risk than a
    // declared `if_missing` of a practice it leaves out.
    let mut too_low: Vec<Option<(u32, usize, MissingRisk)>> = vec![None; rules.len() + 1];
    for sel in q.selections() {
        let decider = q.deciding_rule(sel);
        let risk = match decider {
            Some(i) => {
                decided[i] += 1;
                rules[i].level
            }
            None => {
                by_default += 1;
                *default
            }
        };
        reached[risk as usize] = true;
        let slot = &mut too_low[decider.unwrap_or(rules.len())];
        if slot.is_none()
            && let Some((missing, level)) = q.worst_missing(sel, None)
            && level.risk() > risk
        {
            *slot = Some((sel, missing, level));
        }
    }
    for (i, found) in too_low.iter().enumerate() {
        let Some((sel, missing, missing_level)) = *found else {
            continue;
        };
        let (who, level, pos) = match rules.get(i) {
            Some(r) => (format!("rule {}", i + 1), r.level, r.pos),
            None => (
                "the default".to_string(),
                *default,
                default_pos.unwrap_or(q.pos),
            ),
        };
        out.push(warn(
            pos,
            format!(
                "{who} gives {level} while `{}` ({missing_level} if missing) is not ticked, e.g. {}",
                q.choices[missing].id,
                describe_selection(q, sel)
            ),
            "raise the rule's level, require the practice in its condition, or lower its `if_missing`",
        ));
    }
    for (rule, n) in rules.iter().zip(&decided) {
        if *n == 0 {
            out.push(warn(
                rule.pos,
                format!("the rule `{}: {}` can never decide: earlier rules cover every selection it holds for", rule.level, rule.condition.abbreviated(120)),
                "reorder the rules, narrow an earlier one, or remove this one",
            ));
        }
    }
    if by_default == 0 && default_pos.is_some() {
        out.push(warn(
            default_pos.unwrap_or(q.pos),
            format!("the default `{default}` is never reached: the rules cover every selection"),
            "remove a rule that catches everything, or drop the default",
        ));
    }
    if !reached[Risk::None as usize] {
        out.push(warn(
            q.pos,
            "no selection gives risk `none`: the squad can never clear this question".into(),
            "add a `none:` rule for the practices that make the question safe",
        ));
    }
}

/// A selection in words: "for \"None of these\"", "when only `a` is ticked", "when only `a` and
/// `b` are ticked".
fn describe_selection(q: &Question, sel: u32) -> String {
    let ticked: Vec<String> = q
        .choices
        .iter()
        .enumerate()
        .filter(|(i, _)| sel & (1 << i) != 0)
        .map(|(_, c)| format!("`{}`", c.id))
        .collect();
    if q.none_choice().is_some_and(|n| sel == 1 << n) {
        return "for \"None of these\"".to_string();
    }
    match ticked.split_last() {
        Some((last, [])) => format!("when only {last} is ticked"),
        Some((last, rest)) => format!("when only {} and {last} are ticked", rest.join(", ")),
        None => "when nothing is ticked".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{Source, load_str};

    fn warnings(risk: &str) -> Vec<String> {
        let text = format!(
            "schema: 1\nid: t\nname: T\nversion: 1.0.0\npillars:\n  - id: security\n    name: S\n    questions:\n      - id: q\n        title: Q?\n        choices:\n          - {{ id: a, title: A, improve: do a }}\n          - {{ id: b, title: B, improve: do b }}\n          - {{ id: c, title: C }}\n          - {{ id: none, title: None of these, none: true }}\n        risk:\n{risk}"
        );
        let pack = load_str("t.yaml", &text, Source::Builtin("t.yaml")).unwrap();
        lint(&pack).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn clean_rules_have_no_warnings_but_a_missing_improve() {
        let w = warnings(
            "          - none: a && b && c\n          - medium: a || b || c\n          - default: high\n",
        );
        assert_eq!(
            w,
            [
                "warning: built-in (t.yaml):14:19: pack `t`, question `q`: practice `c` has no `improve` text"
            ]
        );
    }

    #[test]
    fn shadowed_rule_unmentioned_practice_and_missing_default() {
        let w = warnings("          - medium: a || b\n          - none: a && b\n");
        assert!(
            w.iter()
                .any(|w| w.contains(":18:19:")
                    && w.contains("the rule `none: a && b` can never decide")),
            "{w:?}"
        );
        assert!(
            w.iter()
                .any(|w| w.contains("practice `c` is not mentioned")),
            "{w:?}"
        );
        assert!(
            w.iter()
                .any(|w| w.contains("the risk rules have no `default`")),
            "{w:?}"
        );
        assert!(
            w.iter()
                .any(|w| w.contains("no selection gives risk `none`")),
            "{w:?}"
        );
    }

    #[test]
    fn questions_past_the_budget_are_still_linted_cheaply() {
        // q0 is small; q1..q3 have 19 practices and a 998-name condition: 2^19 selections × about
        // 1,500 nodes each, past the budget on their own, so none of their tables is computed.
        let mut text = String::from(
            "schema: 1\nid: big\nname: Big\nversion: 1.0.0\npillars:\n  - id: security\n    name: S\n    questions:\n      - id: q0\n        title: Q?\n        choices:\n          - { id: a, title: A, improve: x }\n          - { id: b, title: B, improve: x }\n        risk:\n          - medium: a || b\n          - none: a && b\n          - default: high\n",
        );
        let long: Vec<String> = (0..499)
            .map(|i| format!("c{} && !c{}", i % 10, i % 10))
            .collect();
        for q in 1..4 {
            text.push_str(&format!(
                "      - id: q{q}\n        title: Q?\n        choices:\n"
            ));
            for c in 0..19 {
                text.push_str(&format!(
                    "          - {{ id: c{c}, title: C, improve: x }}\n"
                ));
            }
            text.push_str(&format!(
                "        risk:\n          - medium: \"{}\"\n          - none: c0 && c1\n          - default: high\n",
                long.join(" || ")
            ));
        }
        let pack = load_str("big.yaml", &text, Source::Builtin("big.yaml")).unwrap();
        let (_, q1) = pack.question("q1").unwrap();
        assert!(
            q1.truth_table_cost() > LINT_BUDGET,
            "{}",
            q1.truth_table_cost()
        );
        let w: Vec<String> = lint(&pack).iter().map(ToString::to_string).collect();
        assert_eq!(
            w.last().map(String::as_str),
            Some(
                "warning: built-in (big.yaml): pack `big`: 3 question(s), from `q1` on, were not checked selection by selection: the pack's truth tables take more than 268435456 steps (selections × size of the rules)"
            ),
            "{w:?}"
        );
        // The small question's table is checked; checks that need no table still run on all.
        assert!(
            w.iter()
                .any(|w| w.contains("q0") && w.contains("the rule `none: a && b` can never decide")),
            "{w:?}"
        );
        assert!(
            w.iter()
                .any(|w| w.contains("q3") && w.contains("practice `c18` is not mentioned")),
            "{w:?}"
        );
    }

    #[test]
    fn questions_without_rules_use_none_of_the_budget() {
        // 40 questions of 19 practices with `if_missing` levels, as a large Azure checklist
        // gives: nothing to check selection by selection, so no budget warning.
        let mut text = String::from(
            "schema: 1\nid: big\nname: Big\nversion: 1.0.0\npillars:\n  - id: security\n    name: S\n    questions:\n",
        );
        for q in 0..40 {
            text.push_str(&format!(
                "      - id: q{q}\n        title: Q?\n        choices:\n"
            ));
            for c in 0..19 {
                text.push_str(&format!(
                    "          - {{ id: c{c}, title: C, improve: x, if_missing: high }}\n"
                ));
            }
        }
        let pack = load_str("big.yaml", &text, Source::Builtin("big.yaml")).unwrap();
        assert!(lint(&pack).is_empty(), "{:?}", lint(&pack));
    }

    #[test]
    fn unreachable_default() {
        let w = warnings(
            "          - none: a && b && c\n          - medium: a || b || c || none\n          - default: high\n",
        );
        assert!(
            w.iter()
                .any(|w| w.contains("the default `high` is never reached")),
            "{w:?}"
        );
    }
}
