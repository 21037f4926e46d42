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

/// A generated county, loaded through the importer.
fn county_data(schools: usize, seed: u64, standard: &Standard) -> junheng::Dataset {
    let csv = generate_county(schools, seed);
    match load_bytes(
        csv.as_bytes(),
        "generated.csv",
        standard,
        &ImportOptions::default(),
    ) {
        Ok(i) => i.dataset,
        Err(e) => panic!("generated county failed to load: {e}"),
    }
}

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
    let data = county_data(200_000, 1, &standard);
    group.bench_function("evaluate_only", |b| {
        b.iter(|| black_box(evaluate(black_box(&data), &standard).units.len()))
    });
    // 500 changes on 200,000 schools: the index by id is built once, not per change.
    let many = junheng::scenario::Scenario {
        name: "500".into(),
        changes: (0..500)
            .map(|j| junheng::scenario::Change::Add {
                school_id: format!("G{:06}", j * 397 % 200_000),
                field: "sports_area_m2".into(),
                amount: 100.0,
            })
            .collect(),
        years: Vec::new(),
    };
    group.bench_function("apply_500_changes", |b| {
        b.iter(|| match junheng::scenario::apply(black_box(&data), &many) {
            Ok(d) => black_box(d.schools.len()),
            Err(e) => panic!("{e}"),
        })
    });
    group.finish();
}

fn county(c: &mut Criterion) {
    let standard = Standard::national_2017();
    // About 5,000 sections: nine-year schools give two.
    let data = county_data(4_600, 7, &standard);
    let sections = evaluate(&data, &standard).units.len();
    c.bench_function(&format!("evaluate_{sections}_sections"), |b| {
        b.iter(|| black_box(evaluate(black_box(&data), &standard).units.len()))
    });
}

/// Issue 4's targets: one change applied and re-evaluated at 5,000 sections, and a project of
/// 5,000 schools and 20 scenarios saved and opened.
fn scenarios_and_projects(c: &mut Criterion) {
    use junheng::project::Project;
    use junheng::scenario::{apply, Change, Scenario};
    let standard = Standard::national_2017();
    let data = county_data(4_600, 7, &standard);
    let sections = evaluate(&data, &standard).units.len();
    let one_change = Scenario {
        name: "one".into(),
        changes: vec![Change::Add {
            school_id: "G000010".into(),
            field: "sports_area_m2".into(),
            amount: 500.0,
        }],
        years: Vec::new(),
    };
    c.bench_function(
        &format!("apply_one_change_and_evaluate_{sections}_sections"),
        |b| {
            b.iter(|| match apply(black_box(&data), &one_change) {
                Ok(d) => black_box(evaluate(&d, &standard).units.len()),
                Err(e) => panic!("{e}"),
            })
        },
    );

    let data = county_data(5_000, 3, &standard);
    let mut project = Project::new(data, "2026-11-29T00:00:00Z".into());
    for i in 0..20 {
        project.scenarios.push(Scenario {
            name: format!("方案 {i}"),
            changes: (0..10)
                .map(|j| Change::Add {
                    school_id: format!("G{:06}", i * 10 + j),
                    field: "backbone_primary".into(),
                    amount: 1.0,
                })
                .collect(),
            years: Vec::new(),
        });
    }
    let dir = std::env::temp_dir().join("junheng-bench-store");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("p5000.junheng");
    let _ = std::fs::remove_file(&path);
    let mut group = c.benchmark_group("project_5000_schools_20_scenarios");
    group.sample_size(20);
    group.bench_function("save", |b| {
        b.iter(|| {
            if let Err(e) = junheng::store::save(&path, &project) {
                panic!("{e}");
            }
        })
    });
    group.bench_function("open", |b| {
        b.iter(|| match junheng::store::open(&path) {
            Ok(p) => black_box(p.dataset.schools.len()),
            Err(e) => panic!("{e}"),
        })
    });
    group.finish();
}

/// Issue 13's target: a province's file of 100 counties and 30,000 schools opens and compares
/// in under 2 s — loaded, and what the window derives from it (every county judged alone and
/// ranked, the shown county's guarantee items and readiness).
fn province(c: &mut Criterion) {
    use junheng::workspace::{Derived, Loaded, Workspace};
    let standard = Standard::national_2017();
    let csv = junheng::cli::generate_counties(30_000, 5, false, 100);
    let mut group = c.benchmark_group("province_100_counties_30000_schools");
    group.sample_size(10);
    group.bench_function("load_and_compare", |b| {
        b.iter(|| {
            let imported = match load_bytes(
                black_box(csv.as_bytes()),
                "province.csv",
                &standard,
                &ImportOptions::default(),
            ) {
                Ok(i) => i,
                Err(e) => panic!("{e}"),
            };
            let ws = Workspace::new(Loaded::new(imported, None), standard.clone(), String::new());
            let d = Derived::compute(&ws, junheng::i18n::Tr(junheng::i18n::Lang::Zh), false);
            black_box(d.county_ranking.len())
        })
    });
    group.finish();
}

/// DATA-FORMAT §5: a county of about 5,000 sections (7,000 schools, enrolment by grade and
/// feeds_into) projected over 10 years, each year evaluated, the first failures found.
fn years(c: &mut Criterion) {
    let standard = Standard::national_2017();
    let csv = junheng::cli::with_grades(&generate_county(7_000, 1));
    let data = match load_bytes(
        csv.as_bytes(),
        "grades.csv",
        &standard,
        &ImportOptions::default(),
    ) {
        Ok(i) => i.dataset,
        Err(e) => panic!("generated county failed to load: {e}"),
    };
    let sections = evaluate(&data, &standard).units.len();
    let mut group = c.benchmark_group(format!("timeline_{sections}_sections"));
    group.sample_size(10);
    let options = junheng::timeline::Options::new(2024, 2034);
    group.bench_function("project_and_evaluate_10_years", |b| {
        b.iter(
            || match junheng::timeline::timeline(black_box(&data), None, &standard, &options) {
                Ok(t) => black_box(t.first_failures.len()),
                Err(e) => panic!("{e}"),
            },
        )
    });
    // Moving the toolbar's year: the timelines are made; choosing a year picks that year's
    // data and evaluation from them and brings the views' results (guarantee items, readiness)
    // up to date — what happens between the click and the next frame.
    let imported = match load_bytes(
        csv.as_bytes(),
        "grades.csv",
        &standard,
        &ImportOptions::default(),
    ) {
        Ok(i) => i,
        Err(e) => panic!("{e}"),
    };
    let tr = junheng::i18n::Tr(junheng::i18n::Lang::Zh);
    let mut ws = junheng::workspace::Workspace::new(
        junheng::workspace::Loaded::new(imported, None),
        standard.clone(),
        "t".into(),
    );
    ws.timeline = Some(junheng::timeline::Spec {
        base_year: 2024,
        to: 2034,
        survival: 1.0,
        trend: None,
    });
    let mut derived = junheng::workspace::Derived::compute(&ws, tr, false);
    if let Some(job) = derived.years_job.take() {
        derived.install_years(job.run(), &ws, tr, false);
    }
    let mut year = 2025;
    group.bench_function("select_year", |b| {
        b.iter(|| {
            year = if year == 2034 { 2025 } else { year + 1 };
            ws.shown_year = Some(year);
            derived.update(&ws, tr, false);
            black_box(derived.shown().units.len())
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    national,
    county,
    scenarios_and_projects,
    province,
    years
);
criterion_main!(benches);
