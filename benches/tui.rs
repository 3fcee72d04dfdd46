//! The review screen's hot paths: drawing the walk, and one keypress through update and save.

// Tests and benches fail loudly on purpose: a panic is their way to report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scorps::pack::Catalog;
use scorps::review::Review;
use scorps::review::open::bind;
use scorps::review::session::Filter;
use scorps::tui::app::{App, Effect, Msg};
use scorps::tui::{update::update, view, walk};

fn walk_app(dir: &std::path::Path) -> App {
    let catalog = Catalog::builtins();
    let packs = catalog.default_review_packs();
    let review = Review::new("Payments API", "Orion", "Sam", vec!["Ana".into()], &packs);
    let opened = bind(&dir.join("bench.review.toml"), review, &catalog).expect("packs resolve");
    App::walk(walk(opened, &Filter::default()).expect("a walk"), 0)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = walk_app(dir.path());
    update(&mut app, Msg::Toggle(0));
    update(&mut app, Msg::Toggle(1));

    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("draw the walk at 120x40", |b| {
        b.iter(|| {
            terminal.draw(|f| view::draw(black_box(&app), f)).unwrap();
        });
    });

    let mut summary = walk_app(dir.path());
    update(&mut summary, Msg::OpenSummary);
    c.bench_function("draw the summary at 120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| view::draw(black_box(&summary), f))
                .unwrap();
        });
    });

    c.bench_function("keypress: toggle a practice, update and atomic save", |b| {
        b.iter(|| {
            let effect = update(&mut app, Msg::ToggleHighlighted);
            assert_eq!(effect, Some(Effect::Save));
            let w = app.walk.as_ref().unwrap();
            scorps::review::store::save(&w.file, w.session.review()).unwrap();
        });
    });

    c.bench_function("keypress: toggle a practice, update only", |b| {
        b.iter(|| black_box(update(&mut app, Msg::ToggleHighlighted)));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
