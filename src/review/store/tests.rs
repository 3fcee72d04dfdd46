use super::*;
use crate::review::model::{Answer, State, Timestamp, key};

const HEAD: &str = "format = 1\nworkload = \"W\"\ncreated = 2026-11-26T10:00:00Z\nupdated = 2026-11-26T10:00:00Z\n";

fn design_review() -> Review {
    let mut r = Review::new(
        "Payments API",
        "Orion",
        "Sam",
        vec!["Ana".into(), "Ben".into()],
        &[],
    );
    r.created = Timestamp(1_795_687_200);
    r.updated = Timestamp(1_795_690_933);
    r.answers.insert(
        key("security", "identities"),
        Answer {
            state: State::Answered,
            selected: vec!["central-idp".into(), "mfa".into()],
            notes: "MFA for admins only".into(),
            updated: Timestamp(1_795_688_042),
            ..Answer::default()
        },
    );
    r
}

#[test]
fn the_file_reads_like_the_design() {
    let r = design_review();
    let text = to_toml(&r).unwrap();
    insta::assert_snapshot!(text);
    assert_eq!(parse("x", &text).unwrap(), r);
}

#[test]
fn parse_errors_name_the_line() {
    let err = parse(
        "x.review.toml",
        "format = 1\nworkload = \"W\"\ncreated = nope\n",
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("x.review.toml:3:"), "{err}");
    assert!(err.contains("left untouched"), "{err}");
}

#[test]
fn newer_formats_are_refused() {
    let text = HEAD.replace("format = 1", "format = 9");
    let err = parse("x", &text).unwrap_err().to_string();
    assert!(err.contains("review format 9 is newer"), "{err}");
}

#[test]
fn a_pack_listed_twice_is_kept_once_and_noted() {
    let pack = "[[packs]]\nid = \"security\"\nversion = \"1.0.0\"\ndigest = \"sha256:a\"\n";
    let second = pack.replace("1.0.0", "2.0.0");
    let r = parse("x", &format!("{HEAD}{pack}{second}")).unwrap();
    assert_eq!(r.packs.len(), 1);
    assert_eq!(r.packs[0].version, "1.0.0", "the first entry wins");
    assert_eq!(r.dropped_packs.len(), 1);
    assert_eq!(r.dropped_packs[0].version, "2.0.0");
    assert!(
        !to_toml(&r).unwrap().contains("2.0.0"),
        "never written back"
    );
}

#[test]
fn a_leap_second_stays_in_its_minute() {
    let text = HEAD.replace(
        "updated = 2026-11-26T10:00:00Z",
        "updated = 2016-12-31T23:59:60Z",
    );
    let r = parse("x", &text).unwrap();
    assert_eq!(r.updated.to_string(), "2016-12-31T23:59:59Z");
}

#[test]
fn resaving_is_a_fixed_point_and_arrays_stay_on_one_line() {
    let mut r = design_review();
    r.answers.get_mut("security/identities").unwrap().evidence =
        (0..50).map(|i| format!("e{i}")).collect();
    let once = to_toml(&r).unwrap();
    let twice = to_toml(&parse("x", &once).unwrap()).unwrap();
    assert_eq!(once, twice);
    assert!(once.contains("evidence = [\"e0\", \"e1\", "), "{once}");
    assert_eq!(once.lines().count(), 14, "{once}");
}

#[test]
fn existing_files_load_and_lose_nothing_when_saved() {
    for file in [
        "payments.review.toml",
        "checkout.review.toml",
        "payments-q3.review.toml",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/reviews")
            .join(file);
        let before = load(&path).unwrap();
        let after = parse("saved", &to_toml(&before).unwrap()).unwrap();
        assert_eq!(before, after, "{file}");
    }
}

#[cfg(unix)]
#[test]
fn an_unchanged_review_is_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.review.toml");
    let r = design_review();
    save(&path, &r).unwrap();
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let first = inode(&path);
    save(&path, &r).unwrap();
    assert_eq!(inode(&path), first, "same bytes: the file was left alone");
    let mut changed = r.clone();
    changed.workload = "Payments".into();
    save(&path, &changed).unwrap();
    assert_ne!(inode(&path), first, "a change is written (by rename)");
}

#[test]
fn a_review_over_the_read_limit_is_refused_at_save_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.review.toml");
    let r = design_review();
    save(&path, &r).unwrap();
    let mut big = r.clone();
    big.answers.get_mut("security/identities").unwrap().notes =
        "x".repeat(MAX_REVIEW_BYTES as usize);
    let err = save(&path, &big).unwrap_err().to_string();
    assert!(err.starts_with("not saved: "), "{err}");
    assert!(
        err.contains("16.0 MiB, over the 16 MiB a review may have"),
        "{err}"
    );
    assert_eq!(load(&path).unwrap(), r, "the file on disk is unchanged");
}

#[cfg(unix)]
#[test]
fn a_file_over_the_limit_or_not_a_file_is_not_read() {
    let err = load(Path::new("/dev/zero")).unwrap_err().to_string();
    assert_eq!(
        err,
        "cannot read /dev/zero: it is a character device, not a regular file\n  help: give the path of a review file (NAME.review.toml)"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.review.toml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_REVIEW_BYTES + 1).unwrap();
    let err = load(&path).unwrap_err().to_string();
    assert!(err.contains("it is larger than 16 MiB"), "{err}");
}

#[test]
fn text_that_is_not_utf8_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.review.toml");
    std::fs::write(&path, b"format = 1\nworkload = \"W\xff\"\n").unwrap();
    let err = load(&path).unwrap_err().to_string();
    assert!(
        err.contains("a.review.toml:2:14: the file is not UTF-8 text"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn an_output_never_replaces_the_review_its_editor_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.review.toml");
    let r = design_review();
    save(&path, &r).unwrap();
    let mut changed = r.clone();
    changed.workload = "Payments".into();
    save(&path, &changed).unwrap();
    let err = crate::fsutil::write_output(&path, b"# backlog")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("refusing to write"), "{err}");
    assert_eq!(load(&path).unwrap(), changed);
}
