//! The planner's benchmark: prints figures rather than asserting times (a 2 s or 60 s solve does
//! not suit criterion's repeated sampling).
//!
//! `cargo bench --bench plan` — five counties of ~65 sections (seeds 1–5) and a city of 1,465
//! sections (1,400 schools), generated with skewed resources so that 8 of the 14 CVs start over
//! their limits; the default unit costs of DATA-FORMAT.md §4; the national rule; a 60 s time
//! limit for the counties and the 30 s issue 16 asks of the city.

use junheng::cli::generate_county_with;
use junheng::io::{load_bytes, ImportOptions};
use junheng::plan::{plan, PlanOptions};
use junheng::scenario::CostTable;
use junheng::Standard;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

fn main() {
    let standard = Standard::national_2017();
    let costs = CostTable {
        costs: [
            ("qualified_primary", 90_000.0),
            ("backbone_primary", 20_000.0),
            ("pe_art_primary", 120_000.0),
            ("qualified_junior", 100_000.0),
            ("backbone_junior", 20_000.0),
            ("pe_art_junior", 120_000.0),
            ("teaching_area_m2", 3_000.0),
            ("sports_area_m2", 600.0),
            ("equipment_value_yuan", 1.0),
            ("multimedia_rooms", 50_000.0),
        ]
        .into_iter()
        .map(|(k, c)| (k.to_string(), junheng::scenario::UnitCost::once(c)))
        .collect(),
        transfer: None,
    };
    let Ok(mut options) = PlanOptions::from_costs(costs) else {
        eprintln!("invalid costs");
        return;
    };
    println!(
        "{:<28} {:>8} {:>9} {:>10} {:>16} {:>16} {:>8} {:>7} {:>7}",
        "county", "sections", "CVs over", "status", "cost (yuan)", "bound", "gap", "cuts", "s"
    );
    for (name, schools, seed, limit) in [
        ("county, 64 schools", 64usize, 1u64, 60.0),
        ("county, 64 schools", 64, 2, 60.0),
        ("county, 64 schools", 64, 3, 60.0),
        ("county, 64 schools", 64, 4, 60.0),
        ("county, 64 schools", 64, 5, 60.0),
        ("city, 1400 schools", 1400, 1, 30.0),
    ] {
        options.time_limit = limit;
        let csv = generate_county_with(schools, seed, true);
        let Ok(imported) = load_bytes(
            csv.as_bytes(),
            "bench.csv",
            &standard,
            &ImportOptions::default(),
        ) else {
            eprintln!("the generated county does not load");
            return;
        };
        let ev = junheng::evaluate(&imported.dataset, &standard);
        let over = ev.cv.iter().flatten().filter(|r| !r.met).count();
        let started = Instant::now();
        let result = plan(
            &imported.dataset,
            &standard,
            &options,
            &AtomicBool::new(false),
            &mut |_| {},
        );
        let secs = started.elapsed().as_secs_f64();
        match result {
            Ok(p) => println!(
                "{:<28} {:>8} {:>9} {:>10} {:>16.0} {:>16.0} {:>7.3}% {:>7} {:>7.2}",
                format!("{name} (seed {seed})"),
                ev.units.len(),
                over,
                p.status.key(),
                p.total_cost,
                p.lower_bound,
                p.gap() * 100.0,
                p.cuts,
                secs
            ),
            Err(e) => println!("{name}: {e}"),
        }
    }
}
