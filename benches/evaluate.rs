//! Load and evaluate a generated county at national scale (200,000 schools), and evaluate alone
//! at county (5,000 sections) and national scale.
//!
//! Run: `cargo bench --bench evaluate`

use criterion::{criterion_group, criterion_main, Criterion};
use junheng::cli::generate_county;
use junheng::evaluate::evaluate;
use junheng::io::{load_bytes, ImportOptions};
use junheng::Standard;
use std::hint::black_box;
use std::time::Duration;

fn national(c: &mut Criterion) {
    let standard = Standard::national_2017();
    let csv = generate_county(200_000, 1);
    let mut group = c.benchmark_group("national_200k_schools");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("load_csv_and_evaluate", |b| {
        b.iter(|| {
            let imported = load_bytes(
                black_box(csv.as_bytes()),
                "national.csv",
                &standard,
                &ImportOptions::default(),
            )
            .map_err(|e| e.to_string());
            match imported {
                Ok(i) => black_box(evaluate(&i.dataset, &standard).units.len()),
                Err(e) => panic!("generated county failed to load: {e}"),
            }
        })
    });
    let data = match load_bytes(
        csv.as_bytes(),
        "n.csv",
        &standard,
        &ImportOptions::default(),
    ) {
        Ok(i) => i.dataset,
        Err(e) => panic!("generated county failed to load: {e}"),
    };
    group.bench_function("evaluate_only", |b| {
        b.iter(|| black_box(evaluate(black_box(&data), &standard).units.len()))
    });
    group.finish();
}

fn county(c: &mut Criterion) {
    let standard = Standard::national_2017();
    // About 5,000 sections: nine-year schools give two.
    let csv = generate_county(4_600, 7);
    let data = match load_bytes(
        csv.as_bytes(),
        "c.csv",
        &standard,
        &ImportOptions::default(),
    ) {
        Ok(i) => i.dataset,
        Err(e) => panic!("generated county failed to load: {e}"),
    };
    let sections = evaluate(&data, &standard).units.len();
    c.bench_function(&format!("evaluate_{sections}_sections"), |b| {
        b.iter(|| black_box(evaluate(black_box(&data), &standard).units.len()))
    });
}

criterion_group!(benches, national, county);
criterion_main!(benches);
