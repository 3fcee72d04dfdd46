//! scorps: Well-Architected reviews in a terminal.
//!
//! The domain — packs, reviews, scores, the backlog and reports — has no terminal dependency and
//! no I/O beyond explicit load and save functions. The TUI and the CLI are thin shells over it.

#![forbid(unsafe_code)]

pub mod backlog;
pub mod config;
pub mod fsutil;
pub mod pack;
pub mod report;
pub mod review;
pub mod text;
pub mod tui;
pub mod vote;
