//! The `scorps` binary: parse the command line, run the command, map the outcome to an exit
//! code (0 ok, 1 a `check` limit exceeded, 2 bad input or usage).

#![forbid(unsafe_code)]

mod cli;
mod commands;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use scorps::pack::load::PackErrors;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => report(&err),
    }
}

/// Prints an error once, with its chain, and picks the exit code.
fn report(err: &anyhow::Error) -> ExitCode {
    // A closed pipe (`scorps export … | head`) is not a failure.
    if err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    }) {
        return ExitCode::SUCCESS;
    }
    let mut stderr = std::io::stderr().lock();
    if let Some(errors) = err.downcast_ref::<PackErrors>() {
        let _ = writeln!(stderr, "{}", errors.report());
    } else {
        // Errors that name their cause in their own words keep it as a source too: a cause
        // already said is not said again.
        let mut said = err.to_string();
        let _ = writeln!(stderr, "error: {said}");
        for cause in err.chain().skip(1) {
            let text = cause.to_string();
            if said.contains(&text) {
                continue;
            }
            let _ = writeln!(stderr, "  {text}");
            said.push_str(&text);
        }
    }
    ExitCode::from(2)
}
