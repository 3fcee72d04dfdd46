use super::*;
use crate::backlog::build::tests::review;
use crate::review::State;
use crate::review::score::score;

fn frozen(name: &str, date: i64) -> (Milestone, Review, Vec<crate::pack::Pack>) {
    let (r, packs) = review(&[
        ("secrets", State::Answered, &["vault"], false),
        ("backups", State::Answered, &["none"], false),
        ("alerts", State::NotApplicable, &[], false),
    ]);
    let refs: Vec<PackRef> = packs.iter().map(PackRef::of).collect();
    let m = Milestone::freeze(name, Timestamp(date), &r, &refs, &score(&r, &packs));
    (m, r, packs)
}

#[test]
fn the_milestones_file_sits_beside_the_review() {
    assert_eq!(
        path_for(Path::new("q4/payments.review.toml")),
        Path::new("q4/payments.milestones.toml")
    );
    assert_eq!(
        path_for(Path::new("old.toml")),
        Path::new("old.milestones.toml")
    );
    assert_eq!(
        path_for(Path::new("a@b/.review.toml")),
        Path::new("a@b/.review.toml.milestones.toml")
    );
}

#[test]
fn names_are_words_without_at_or_slash() {
    assert_eq!(check_name("2026-q3"), Ok(()));
    assert_eq!(check_name("baseline_v1.2"), Ok(()));
    assert_eq!(check_name(""), Err("a milestone needs a name".into()));
    assert_eq!(
        check_name("q3@x"),
        Err("`@` cannot be in a milestone name; use letters, digits, `.`, `_` and `-` (e.g. 2026-q3)".into())
    );
    assert!(check_name("a/b").is_err());
    assert!(check_name("two words").is_err());
    assert!(check_name(&"x".repeat(65)).is_err());
}

#[test]
fn frozen_scores_are_recomputed_from_the_frozen_answers() {
    let (m, r, packs) = frozen("q3", 1_795_687_200);
    assert_eq!(m.overall, Some(25.0));
    assert_eq!(m.pillar_score("security"), Some(50.0));
    assert_eq!(m.pillar_score("reliability"), Some(0.0));
    assert_eq!(m.totals.not_applicable, 1);
    let again = score(&m.review(&r), &packs);
    let frozen = Milestone::freeze("again", m.date, &m.review(&r), &m.packs, &again);
    assert_eq!(
        Milestone {
            name: m.name.clone(),
            ..frozen
        },
        m,
        "the same numbers, exactly"
    );
}

#[test]
fn add_writes_a_file_that_reads_back_and_refuses_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let review_path = dir.path().join("payments.review.toml");
    let (q4, ..) = frozen("q4", 1_803_000_000);
    let (q3, ..) = frozen("q3", 1_795_687_200);
    let written = add(&review_path, q4.clone()).unwrap();
    assert_eq!(written, dir.path().join("payments.milestones.toml"));
    add(&review_path, q3.clone()).unwrap();
    let all = load(&review_path).unwrap();
    assert_eq!(
        all,
        [q3.clone(), q4.clone()],
        "oldest first, exactly as frozen"
    );
    assert_eq!(last(&review_path).unwrap(), Some(q4));
    let err = add(&review_path, q3).unwrap_err().to_string();
    assert!(
        err.contains(
            "payments.milestones.toml already has a milestone named `q3` (taken 2026-11-26)"
        ) && err.contains("`scorps milestones ")
            && err.contains("payments.review.toml` lists them"),
        "{err}"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["payments.milestones.toml"],
        "no lock or temporary left"
    );
}

#[test]
fn no_file_means_no_milestones_and_a_bad_file_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let review_path = dir.path().join("a.review.toml");
    assert_eq!(load(&review_path).unwrap(), []);
    assert_eq!(last(&review_path).unwrap(), None);
    let err = parse("a.milestones.toml", "format = 1\n[[milestone]]\nname = 3\n")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("a.milestones.toml:3:8: "), "{err}");
    let err = parse("a.milestones.toml", "format = 7\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("format 7 is newer"), "{err}");
}

#[test]
fn milestones_are_written_in_format_2_only_when_an_answer_uses_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.review.toml");
    let (m, mut review, packs) = frozen("a", 1);
    add(&file, m).unwrap();
    let refs: Vec<PackRef> = packs.iter().map(PackRef::of).collect();
    let card = score(&review, &packs);
    let text = std::fs::read_to_string(path_for(&file)).unwrap();
    assert!(text.contains("\nformat = 1\n"), "{text}");
    if let Some(a) = review.answers.values_mut().next() {
        a.owner = "Ana".into();
    }
    add(
        &file,
        Milestone::freeze("b", Timestamp(2), &review, &refs, &card),
    )
    .unwrap();
    let text = std::fs::read_to_string(path_for(&file)).unwrap();
    assert!(text.contains("\nformat = 2\n"), "{text}");
    assert_eq!(
        load(&file).unwrap()[1]
            .answers
            .values()
            .next()
            .unwrap()
            .owner,
        "Ana"
    );
}
