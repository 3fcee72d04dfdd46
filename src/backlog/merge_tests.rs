use super::*;
use crate::backlog::build::build;
use crate::backlog::build::tests::review;
use crate::backlog::markdown::render;
use crate::review::State;

/// secrets (high, 3 tasks), access (medium), backups (medium), capacity (flagged, unanswered).
fn first() -> Backlog {
    let (r, packs) = review(&[
        ("secrets", State::Answered, &["none"], false),
        (
            "access",
            State::Answered,
            &["least-privilege", "mfa"],
            false,
        ),
        ("backups", State::Answered, &["automated"], false),
        ("capacity", State::Unanswered, &[], true),
    ]);
    build(&r, &packs)
}

/// A quarter later: secrets improved to medium (vault in place), access resolved, alerts new.
fn second() -> Backlog {
    let (mut r, packs) = review(&[
        ("secrets", State::Answered, &["vault"], false),
        (
            "access",
            State::Answered,
            &["least-privilege", "mfa", "break-glass"],
            false,
        ),
        ("backups", State::Answered, &["automated"], false),
        ("alerts", State::Answered, &["none"], false),
        ("capacity", State::Unanswered, &[], true),
    ]);
    r.updated = crate::review::Timestamp(1_803_000_000);
    r.answers.get_mut("backlog-demo/backups").unwrap().notes = "Restore drill booked.".into();
    build(&r, &packs)
}

fn ids_in_order(md: &str) -> Vec<String> {
    md.lines()
        .filter_map(|l| marker_id(l, "item").map(str::to_string))
        .collect()
}

#[test]
fn merging_an_export_into_itself_changes_nothing() {
    let b = first();
    let md = render(&b);
    assert_eq!(merge(&md, &b), md);
}

#[test]
fn ticks_owners_and_team_text_survive_a_new_review_and_a_second_run_is_identical() {
    let edited = render(&first())
        .replace(
            "- [ ] **Secrets are rotated automatically**",
            "- [x] **Secrets are rotated automatically**",
        )
        .replace(
            "- [ ] **Commits are scanned for secrets**: Add a secret scanner to CI and to the pre-commit hooks. ([Gitleaks](https://github.com/gitleaks/gitleaks)) <!-- scorps:task scanning -->\n",
            "- [ ] **Commits are scanned for secrets**: Add a secret scanner to CI and to the pre-commit hooks. ([Gitleaks](https://github.com/gitleaks/gitleaks)) <!-- scorps:task scanning -->\n  - blocked on the CI upgrade, see PLAT-12\n",
        )
        .replacen("**Owner:** _unassigned_", "**Owner:** @ana (PLAT-7)", 1)
        .replacen(
            "**Owner:** _unassigned_\n",
            "**Owner:** _unassigned_\n\nDiscussed at the retro: do this after the migration.\n",
            2,
        );
    let merged = merge(&edited, &second());
    assert!(
        merged.contains("- [x] **Secrets are rotated automatically**"),
        "{merged}"
    );
    assert!(
        !merged.contains("**Secrets live in a managed vault**"),
        "a practice now in place has no task"
    );
    assert!(
        merged.contains(
            "<!-- scorps:task scanning -->\n  - blocked on the CI upgrade, see PLAT-12\n"
        ),
        "{merged}"
    );
    assert!(merged.contains("**Owner:** @ana (PLAT-7)"), "{merged}");
    assert!(
        merged.contains("**Notes:** Restore drill booked.\n\n**Owner:** _unassigned_\n\nDiscussed at the retro: do this after the migration.\n"),
        "team text under the owner line stays with its item: {merged}"
    );
    assert_eq!(
        ids_in_order(&merged),
        [
            "backlog-demo/alerts",
            "backlog-demo/secrets",
            "backlog-demo/backups",
            "backlog-demo/capacity",
            "backlog-demo/access",
        ],
        "alerts is new and high: first in backlog order, so first here; access resolved"
    );
    let resolved = merged
        .split("## Resolved since last export")
        .nth(1)
        .unwrap();
    assert!(
        resolved.contains("### `backlog-demo/access`: Who can reach production, and how?\n\n_Resolved: no longer at high or medium risk, nor flagged, in the review of 2027-02-19._"),
        "{resolved}"
    );
    assert!(
        merged.contains("### 2. `backlog-demo/secrets`"),
        "renumbered: {merged}"
    );
    assert_eq!(
        merge(&merged, &second()),
        merged,
        "a second run changes nothing"
    );
}

#[test]
fn the_parser_tolerates_reordering_capital_x_and_old_headings() {
    let md = render(&first());
    // Move backups above secrets, tick with a capital X, and drop every marker.
    let blocks: Vec<&str> = md.split("\n<!-- scorps:item ").collect();
    let (head, items) = blocks.split_first().unwrap();
    let mut reordered = head.to_string();
    for i in [2, 0, 1, 3] {
        reordered.push_str("\n<!-- scorps:item ");
        reordered.push_str(items[i]);
    }
    let tolerant = reordered.replace(
        "- [ ] **Restores are tested every quarter**",
        "- [X] **Restores are tested every quarter**",
    );
    let merged = merge(&tolerant, &first());
    assert_eq!(
        ids_in_order(&merged),
        [
            "backlog-demo/backups",
            "backlog-demo/secrets",
            "backlog-demo/access",
            "backlog-demo/capacity"
        ],
        "the team's order is kept"
    );
    assert!(merged.contains("- [x] **Restores are tested every quarter**"));
    let no_markers: String = tolerant
        .lines()
        .filter(|l| !l.starts_with("<!-- scorps:item"))
        .map(|l| match l.find(" <!-- scorps:task") {
            Some(i) => format!("{}\n", &l[..i]),
            None => format!("{l}\n"),
        })
        .collect();
    assert!(!no_markers.contains("scorps:"), "{no_markers}");
    assert_eq!(
        merge(&no_markers, &first()),
        merged,
        "items found by heading, tasks by title"
    );
}

#[test]
fn resolved_items_come_back_with_their_ticks_and_team_sections_stay_last() {
    let with_section = format!(
        "{}\n## Decisions\n\nWe accept the capacity risk until Q3.\n",
        render(&first()).replace(
            "- [ ] **Emergency access is logged and reviewed**",
            "- [x] **Emergency access is logged and reviewed**"
        )
    );
    let resolved = merge(&with_section, &second());
    assert!(
        resolved.ends_with("## Decisions\n\nWe accept the capacity risk until Q3.\n"),
        "{resolved}"
    );
    let back = merge(&resolved, &first());
    let (active, gone) = back.split_once("## Resolved since last export").unwrap();
    assert!(
        active.contains("- [x] **Emergency access is logged and reviewed**"),
        "access is at risk again, with its tick: {back}"
    );
    assert_eq!(ids_in_order(gone), ["backlog-demo/alerts"], "{back}");
    assert!(back.ends_with("## Decisions\n\nWe accept the capacity risk until Q3.\n"));
}

#[test]
fn only_backlogs_are_merged() {
    assert!(looks_like_backlog(&render(&first())));
    assert!(looks_like_backlog("notes\n<!-- scorps:item a/b -->\n"));
    assert!(!looks_like_backlog("# Shopping list\n- [ ] eggs\n"));
    assert_eq!(marker_id("<!--scorps:ITEM  a/b-->", "item"), Some("a/b"));
    assert_eq!(marker_id("<!-- scorps:item -->", "item"), None);
    assert_eq!(task_line("  * [X] **T**"), Some((true, " **T**")));
    assert_eq!(task_line("- [y] no"), None);
}
