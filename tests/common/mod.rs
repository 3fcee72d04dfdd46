//! What the pseudo-terminal tests share: starting the real binary in a pty with its own data and
//! config folders, reading what it writes so it never blocks, and waiting for files and exits.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::Expect;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;

/// The repository's root, for fixtures.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `scorps --pack PACK ARGS…` run in `dir`, with the data and config folders inside it.
pub fn command(dir: &Path, pack: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_scorps"));
    cmd.arg("--pack").arg(pack).args(args);
    cmd.current_dir(dir)
        .env("SCORPS_DATA_DIR", dir.join("data"))
        .env("SCORPS_CONFIG_DIR", dir.join("config"))
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR");
    cmd
}

/// The command in a 100×30 pty, with a generous (not a speed) limit on every expect.
pub fn spawn(cmd: Command) -> Session {
    let mut session = expectrl::Session::spawn(cmd).expect("spawn scorps in a pty");
    session.get_process_mut().set_window_size(100, 30).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session
}

/// Reads whatever the program wrote, so that it never blocks on a full pty.
pub fn drain(session: &mut Session) {
    let mut buf = [0u8; 8192];
    while let Ok(n) = session.try_read(&mut buf) {
        if n == 0 {
            break;
        }
    }
}

/// Waits (up to a generous limit, not a speed check) until the file holds `needle`.
pub fn wait_for_file(session: &mut Session, path: &Path, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        drain(session);
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if text.contains(needle) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{} never contained {needle:?}; it holds:\n{text}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub fn wait_exit(session: &mut Session) -> WaitStatus {
    drain(session);
    session.get_process().wait().unwrap()
}

/// Sends keys with a pause between them, so a lone ESC never merges with the next key into
/// alt+key.
pub fn send_slowly(session: &mut Session, keys: &[&str]) {
    for k in keys {
        session.send(k).unwrap();
        std::thread::sleep(Duration::from_millis(120));
    }
}
