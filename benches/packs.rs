//! How long packs take to load, lint and explain.
//!
//! Loading runs at every start, so it must stay well under what a person notices: the seven
//! built-in packs, and a generated pack of 3,000 questions (about ten times the largest real AWS
//! lens). Lint and the truth table enumerate every selection of a question, which doubles with
//! each practice: a 15-choice question (14 practices and "None of these": 16,384 selections)
//! and a 20-choice one, the most the format allows (524,288), show what that costs.
//!
//! The built-in packs are read at every start too: from the JSON the build embeds, and, for
//! comparison, from their YAML. Checking a pack compares its titles with every loaded pack.
//!
//! Run with `cargo bench --bench packs`.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use scorps::pack::{Pack, Source, builtin, explain, lint, load_str, similar};

/// A pack of `pillars` × `questions` questions, each with `practices` practices plus "None of
/// these" and risk rules that mention every practice.
fn generated(pillars: usize, questions: usize, practices: usize) -> String {
    let mut y =
        String::from("schema: 1\nid: generated\nname: Generated\nversion: 1.0.0\npillars:\n");
    for p in 0..pillars {
        let _ = write!(
            y,
            "  - id: pillar-{p}\n    name: Pillar {p}\n    questions:\n"
        );
        for q in 0..questions {
            let _ = write!(
                y,
                "      - id: q-{p}-{q}\n        title: Question {q} of pillar {p}?\n        why: Because it matters for question {q}.\n        choices:\n"
            );
            for c in 1..=practices {
                let _ = write!(
                    y,
                    "          - id: p{c}\n            title: Practice {c}\n            help: What practice {c} looks like.\n            improve: Adopt practice {c}.\n"
                );
            }
            y.push_str("          - id: none\n            title: None of these\n            none: true\n        risk:\n");
            let all: Vec<String> = (1..=practices).map(|c| format!("p{c}")).collect();
            let _ = writeln!(y, "          - none: {}", all.join(" && "));
            let _ = writeln!(
                y,
                "          - medium: p1 && (p2 || {})",
                all[2..].join(" || ")
            );
            // A condition that starts with `!` is quoted: YAML reads a leading `!` as a tag.
            y.push_str("          - high: \"!p1 && !p2\"\n          - default: medium\n");
        }
    }
    y
}

fn load(name: &'static str, text: &str) -> Pack {
    load_str(name, text, Source::Builtin(name)).unwrap_or_else(|e| panic!("{}", e.report()))
}

fn benches(c: &mut Criterion) {
    // What every start pays (the packs the build validated, read from JSON), against what it paid
    // before build.rs (parsing and validating the YAML).
    c.bench_function("load the 7 built-in packs", |b| b.iter(builtin::packs));
    c.bench_function("parse the 7 built-in packs from YAML", |b| {
        b.iter(|| {
            builtin::FILES
                .iter()
                .map(|(name, text)| load(name, black_box(text)))
                .collect::<Vec<Pack>>()
        });
    });
    let builtins = builtin::packs();
    let others: Vec<&Pack> = builtins.iter().collect();
    c.bench_function(
        "near-duplicate titles, 1 pack against the 7 built-ins",
        |b| b.iter(|| similar::near_duplicates(black_box(&others[..1]), &others)),
    );

    let text = generated(6, 500, 5);
    let pack = load("generated.yaml", &text);
    assert_eq!(pack.question_count(), 3_000);
    assert!(
        lint::lint(&pack).is_empty(),
        "the generated pack is clean, so lint measures the checks alone"
    );
    eprintln!(
        "generated pack: {} bytes, {} questions",
        text.len(),
        pack.question_count()
    );
    let mut heavy = c.benchmark_group("3,000 questions");
    heavy.sample_size(20);
    heavy.bench_function("load the generated pack", |b| {
        b.iter(|| load("generated.yaml", black_box(&text)));
    });
    heavy.bench_function("lint the generated pack", |b| {
        b.iter(|| lint::lint(black_box(&pack)));
    });
    heavy.finish();

    let wide = load("wide.yaml", &generated(1, 1, 14));
    let (_, q) = wide.questions().next().expect("one question");
    assert_eq!(q.choices.len(), 15);
    c.bench_function("risk of every selection, 15 choices", |b| {
        b.iter(|| {
            black_box(q)
                .selections()
                .map(|s| q.risk(s) as usize)
                .sum::<usize>()
        });
    });
    c.bench_function("explain (truth table text), 15 choices", |b| {
        b.iter(|| explain::explain("wide", black_box(q)));
    });

    let widest = load("widest.yaml", &generated(1, 1, 19));
    let mut widest_group = c.benchmark_group("20 choices");
    widest_group.sample_size(10);
    widest_group.bench_function("lint one 20-choice question", |b| {
        b.iter(|| lint::lint(black_box(&widest)));
    });
    widest_group.finish();
}

criterion_group!(packs, benches);
criterion_main!(packs);
