use super::*;
use crate::review::Review;
use crate::review::store::save;

fn review_in(dir: &Path) -> PathBuf {
    dir.join("a.review.toml")
}

fn blank() -> Review {
    Review::new("W", "", "", vec![], &[])
}

#[test]
fn a_second_lock_is_refused_and_says_who_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let review = review_in(dir.path());
    let first = Lock::acquire(&review).unwrap();
    let err = Lock::acquire(&review).unwrap_err().to_string();
    assert!(
        err.contains("is being edited by")
            && err.contains(&format!("process {}", std::process::id())),
        "{err}"
    );
    drop(first);
    assert!(Lock::acquire(&review).is_ok());
}

#[test]
fn the_lock_appears_whole_with_its_holder() {
    let dir = tempfile::tempdir().unwrap();
    let review = review_in(dir.path());
    let lock = Lock::acquire(&review).unwrap();
    let text = std::fs::read_to_string(lock.path()).unwrap();
    assert!(
        text.starts_with(&format!("pid = {}\n", std::process::id())),
        "{text}"
    );
    assert!(text.contains("token = "), "{text}");
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["a.review.toml.lock"], "no temporary file is left");
}

#[test]
fn a_stale_lock_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let review = review_in(dir.path());
    std::fs::write(
        Lock::path_for(&review),
        format!("pid = 999999999\nhost = \"{}\"\n", fsutil::hostname()),
    )
    .unwrap();
    assert!(Lock::acquire(&review).is_ok());
}

#[test]
fn an_empty_or_half_written_lock_is_never_stale_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let review = review_in(dir.path());
    for text in ["", "pid = 12", "host = \"x\"\n"] {
        std::fs::write(Lock::path_for(&review), text).unwrap();
        let err = Lock::acquire(&review).unwrap_err().to_string();
        assert!(err.contains("is being edited by"), "{text:?}: {err}");
        assert_eq!(
            std::fs::read_to_string(Lock::path_for(&review)).unwrap(),
            text
        );
    }
    std::fs::write(Lock::path_for(&review), "").unwrap();
    let err = Lock::acquire(&review).unwrap_err().to_string();
    assert!(
        err.contains("an unknown process (the lock file is empty or unreadable)"),
        "{err}"
    );
}

#[test]
fn another_hosts_lock_is_never_stale() {
    let dir = tempfile::tempdir().unwrap();
    let review = review_in(dir.path());
    std::fs::write(
        Lock::path_for(&review),
        "pid = 999999999\nhost = \"elsewhere\"\n",
    )
    .unwrap();
    assert!(Lock::acquire(&review).is_err());
}

#[cfg(unix)]
#[test]
fn a_link_and_its_target_share_one_lock() {
    let dir = tempfile::tempdir().unwrap();
    let target = review_in(dir.path());
    std::fs::write(&target, "").unwrap();
    let link = dir.path().join("link.review.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let _held = Lock::acquire(&target).unwrap();
    assert_eq!(Lock::path_for(&link), Lock::path_for(&target));
    let err = Lock::acquire(&link).unwrap_err().to_string();
    assert!(err.contains("is being edited by"), "{err}");
}

#[test]
fn a_holder_notices_a_deleted_lock_and_refuses_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let review = review_in(dir.path());
    let lock = Lock::acquire(&review).unwrap();
    save(&review, &blank()).unwrap();
    std::fs::remove_file(lock.path()).unwrap();
    let err = lock.still_held().unwrap_err().to_string();
    assert!(err.contains("was deleted"), "{err}");
    let err = save(&review, &blank()).unwrap_err().to_string();
    assert!(err.starts_with("not saved: "), "{err}");
    assert!(err.contains("is no longer locked by this session"), "{err}");
}

#[test]
fn a_holder_whose_lock_was_taken_neither_saves_nor_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let review = review_in(dir.path());
    let lock = Lock::acquire(&review).unwrap();
    let theirs = format!(
        "pid = 1\nhost = \"{}\"\nuser = \"ana\"\nsince = \"then\"\n",
        fsutil::hostname()
    );
    std::fs::write(lock.path(), &theirs).unwrap();
    let err = save(&review, &blank()).unwrap_err().to_string();
    assert!(
        err.contains("ana on") && err.contains("took it over"),
        "{err}"
    );
    let path = lock.path().to_path_buf();
    drop(lock);
    assert_eq!(std::fs::read_to_string(path).unwrap(), theirs);
}

#[test]
fn a_save_without_the_lock_is_refused_while_another_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let review = review_in(dir.path());
    std::fs::write(
        Lock::path_for(&review),
        format!("pid = 1\nhost = \"{}\"\n", fsutil::hostname()),
    )
    .unwrap();
    let err = save(&review, &blank()).unwrap_err().to_string();
    assert!(err.contains("is being edited by"), "{err}");
    assert!(!review.exists());
}

#[test]
fn racing_acquirers_get_one_lock_between_them() {
    let dir = tempfile::tempdir().unwrap();
    let review = review_in(dir.path());
    for _ in 0..150 {
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let (review, barrier) = (review.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Lock::acquire(&review).ok()
                })
            })
            .collect();
        let won: Vec<Lock> = handles
            .into_iter()
            .filter_map(|h| h.join().unwrap())
            .collect();
        assert_eq!(won.len(), 1);
    }
}
