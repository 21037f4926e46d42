//! The planner at its limits: cancelled from the start or while HiGHS is in its branch and
//! bound, and stopped by its time limit on a county too big to prove in it — each time a plan
//! that passes everything, with its gap, never an error.

use junheng::io::{load_bytes, ImportOptions};
use junheng::model::Dataset;
use junheng::plan::{plan, PlanOptions, PlanStatus, Rule};
use junheng::scenario::CostTable;
use junheng::Standard;
use std::sync::atomic::AtomicBool;

const EXAMPLE_COSTS: &str = r#"{"costs": {"qualified_primary": 90000, "backbone_primary": 20000, "pe_art_primary": 120000,
           "qualified_junior": 100000, "backbone_junior": 20000, "pe_art_junior": 120000,
           "teaching_area_m2": 3000, "sports_area_m2": 600, "equipment_value_yuan": 1,
           "multimedia_rooms": 50000}}"#;

/// Whether every section passes its rule and every CV its limit.
fn passes(data: &Dataset, rule: Rule) -> (usize, usize, bool) {
    let ev = junheng::evaluate::evaluate(data, &Standard::national_2017());
    let failing = ev
        .units
        .iter()
        .filter(|u| !u.passes || (rule == Rule::Strict && u.indicators.iter().any(|r| !r.met)))
        .count();
    let over = ev.summary.iter().filter(|s| !s.cv_rule_met).count();
    (failing, over, failing == 0 && over == 0)
}

/// The generated county of seed 2 (`generate --wide`: 8 of 14 CVs over) and the example costs.
fn skewed_county() -> (Dataset, PlanOptions) {
    county(64, 2)
}

/// A generated county (`generate --wide`) and the example costs.
fn county(schools: usize, seed: u64) -> (Dataset, PlanOptions) {
    let csv = junheng::cli::generate_county_with(schools, seed, true);
    let data = load_bytes(
        csv.as_bytes(),
        "w.csv",
        &Standard::national_2017(),
        &ImportOptions::default(),
    )
    .expect("loads")
    .dataset;
    let costs: CostTable = serde_json::from_str(EXAMPLE_COSTS).expect("the example parses");
    let o = PlanOptions::from_costs(costs).expect("valid costs");
    (data, o)
}

#[test]
fn cancelling_returns_the_best_plan_so_far_without_hanging() {
    // A county where the CVs bind hard (8 of 14 over): cancelled from the start, the planner
    // stops after its first round with a plan that passes everything and a proven bound.
    let (data, mut o) = skewed_county();
    o.time_limit = 30.0;
    let cancel = AtomicBool::new(true);
    let mut rounds = Vec::new();
    let p = plan(&data, &Standard::national_2017(), &o, &cancel, &mut |pr| {
        rounds.push(pr.round)
    })
    .expect("a plan");
    assert!(!rounds.is_empty(), "progress was reported");
    assert!(p.status != PlanStatus::Infeasible, "{}", p.message_en);
    let (_, over, all) = passes(&p.dataset, Rule::National);
    assert!(all, "{over} CVs over");
    assert!(p.lower_bound <= p.total_cost);
    assert!(p.lower_bound > 0.0);
}

#[test]
fn a_cancel_during_the_milp_interrupts_highs() {
    // The same county: cancelled once the relaxation's cuts are in, just as the first MILP
    // starts. That MILP would prove the county optimal (README, Speed: seed 2); interrupted
    // inside HiGHS's branch and bound, it returns its start, the best plan so far, with its gap.
    let (data, mut o) = skewed_county();
    o.time_limit = 60.0;
    let cancel = AtomicBool::new(false);
    let p = plan(&data, &Standard::national_2017(), &o, &cancel, &mut |pr| {
        if pr.round == 0 && pr.cuts > 0 {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    })
    .expect("a plan");
    assert_eq!(p.status, PlanStatus::Feasible, "{}", p.message_en);
    assert!(p.message_zh.starts_with("已取消"), "{}", p.message_zh);
    // The gap is the plan's own (shown beside it, after any rounding), not restated in the
    // message as a second figure in another policy.
    assert!(!p.message_zh.contains('%'), "{}", p.message_zh);
    assert!(p.gap() > 1e-4, "gap {}", p.gap());
    let (_, over, all) = passes(&p.dataset, Rule::National);
    assert!(all, "{over} CVs over");
}

#[test]
fn the_time_limit_returns_the_best_plan_so_far() {
    // 400 schools cannot be proven in 4 s: the plan at the limit passes everything, with a
    // proven bound under its cost, whichever try of the MILP round the limit falls in.
    let (data, mut o) = county(400, 3);
    o.time_limit = 4.0;
    let never = AtomicBool::new(false);
    let p = plan(&data, &Standard::national_2017(), &o, &never, &mut |_| {})
        .expect("a plan, not an error");
    assert_ne!(p.status, PlanStatus::Infeasible, "{}", p.message_en);
    let (_, over, all) = passes(&p.dataset, Rule::National);
    assert!(all, "{over} CVs over");
    assert!(p.lower_bound > 0.0 && p.lower_bound <= p.total_cost);
}
