#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;

use super::*;
use crate::fsutil::read_limited;

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn replaces_the_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.review.toml");
    std::fs::write(&path, "old").unwrap();
    atomic_write(&path, b"new").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    assert_eq!(names(dir.path()), ["a.review.toml"]);
}

#[test]
fn a_missing_folder_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    assert!(atomic_write(&dir.path().join("no/such/file"), b"x").is_err());
}

#[test]
fn a_symlink_stays_a_link_and_its_target_is_updated() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/a.review.toml");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.review.toml");
    std::os::unix::fs::symlink("real/a.review.toml", &link).unwrap();
    atomic_write(&link, b"new").unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    assert_eq!(names(&dir.path().join("real")), ["a.review.toml"]);
}

#[test]
fn a_link_to_a_missing_file_creates_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("out.md");
    std::os::unix::fs::symlink("made.md", &link).unwrap();
    atomic_write(&link, b"x").unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("made.md")).unwrap(),
        "x"
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn pipes_and_folders_are_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let err = atomic_write(&folder, b"x").unwrap_err();
    assert_eq!(err.to_string(), "it is a folder, not a regular file");
    assert!(folder.is_dir());
    let fifo = dir.path().join("pipe");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let link = dir.path().join("to-pipe");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        let err = atomic_write(&link, b"x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "it is a named pipe (FIFO), not a regular file"
        );
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
}

#[test]
fn the_target_keeps_its_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("private.review.toml");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    atomic_write(&path, b"new").unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn temporary_names_are_recognised_and_only_dead_ones_swept() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("a.review.toml");
    let mine = temp_path(&target);
    let name = mine.file_name().unwrap().to_str().unwrap().to_string();
    assert_eq!(stale_pid(&name, &host_tag()), Some(std::process::id()));
    assert_eq!(stale_pid(&name, "00000000"), None, "another host's");
    assert_eq!(stale_pid(".a.review.toml.tmp", &host_tag()), None);
    let dead = format!(".a.review.toml.{}-999999999-0{TEMP_SUFFIX}", host_tag());
    let other_host = ".a.review.toml.00000000-999999999-0.scorps-tmp".to_string();
    for n in [&name, &dead, &other_host] {
        std::fs::write(dir.path().join(n), "half").unwrap();
    }
    sweep_stale_temps(dir.path());
    let mut kept = vec![name, other_host];
    kept.sort();
    assert_eq!(names(dir.path()), kept);
}

#[test]
fn output_over_a_file_read_this_run_is_refused_by_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.review.toml");
    std::fs::write(&input, "format = 1").unwrap();
    read_limited(&input, 100).unwrap();
    let err = write_output(&input, b"# backlog").unwrap_err().to_string();
    assert!(err.starts_with("refusing to write"), "{err}");
    assert!(err.contains("this run read it as input"), "{err}");
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let hard = dir.path().join("hard.md");
    std::fs::hard_link(&input, &hard).unwrap();
    for other in [&link, &hard] {
        let err = write_output(other, b"# backlog").unwrap_err().to_string();
        assert!(err.contains("in.review.toml, which this run read"), "{err}");
    }
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "format = 1");
    write_output(&dir.path().join("out.md"), b"# backlog").unwrap();
}

#[test]
fn output_onto_a_folder_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let err = write_output(dir.path(), b"x").unwrap_err().to_string();
    assert!(err.contains("it is a folder, not a regular file"), "{err}");
    assert!(err.contains("help: -o takes the path of a file"), "{err}");
}

#[test]
fn a_file_read_for_update_may_be_replaced_unless_it_was_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let backlog = dir.path().join("backlog.md");
    std::fs::write(&backlog, "# Improvement backlog").unwrap();
    crate::fsutil::read_for_update(&backlog, 100).unwrap();
    write_output(&backlog, b"# merged").unwrap();
    let review = dir.path().join("r.review.toml");
    std::fs::write(&review, "format = 1").unwrap();
    read_limited(&review, 100).unwrap();
    crate::fsutil::read_for_update(&review, 100).unwrap();
    assert!(
        write_output(&review, b"# merged").is_err(),
        "the review stays an input"
    );
}
