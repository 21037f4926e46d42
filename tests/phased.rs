//! Phased plans (issue 16, DATA-FORMAT §4 "Phased plans"): on a small county the planner's
//! dated plan costs what an exhaustive search over every dated addition finds cheapest, with and
//! without a yearly budget; every judged year passes with its margin in an independent timeline
//! evaluation; each year's spending as [`spending`] accounts it is within its budget and adds up
//! to the total; a budget too small is refused naming the year.

use junheng::plan::phased::{first_year_failing, plan_phased, spending, PhasedOptions};
use junheng::plan::{PlanOptions, PlanStatus, Rule};
use junheng::scenario::{Change, CostTable, Scenario, UnitCost};
use junheng::timeline::{timeline, Options};
use junheng::{Dataset, Standard};
use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

mod common;
use common::phased::school;

/// Three schools whose enrolment grows (bigger classes entering), so that each year needs more
/// backbone teachers than the last.
fn county() -> Dataset {
    Dataset {
        schools: vec![
            school("A", [50., 45., 40., 35., 30., 25.], 2.0),
            school("B", [40., 35., 30., 25., 20., 20.], 1.0),
            school("C", [60., 55., 50., 45., 40., 35.], 3.0),
        ],
        ..Dataset::default()
    }
}

fn costs() -> CostTable {
    let mut costs = CostTable {
        costs: BTreeMap::new(),
        transfer: None,
    };
    costs.costs.insert(
        "backbone_primary".into(),
        UnitCost {
            once: 20_000.0,
            per_year: 10_000.0,
        },
    );
    costs
}

fn options(budgets: BTreeMap<i32, f64>) -> PhasedOptions {
    let mut plan = PlanOptions::from_costs(costs()).expect("costs");
    plan.rule = Rule::National;
    let mut timeline = Options::new(2024, 2026);
    // Grade 1 grows a fifth each year.
    timeline.trend = Some(0.2);
    PhasedOptions {
        plan,
        timeline,
        target_year: 2025,
        budgets,
        cv_margin: 0.02,
        base: Default::default(),
    }
}

/// Every dated plan of 0–2 backbone teachers per school and year (3 schools × 3 years: 3⁹ plans),
/// judged by the timeline itself: the least total spending of those that pass every year from the
/// target with the margin and keep within the budgets.
fn exhaustive(data: &Dataset, standard: &Standard, opts: &PhasedOptions) -> Option<f64> {
    let ids = ["A", "B", "C"];
    let years = [2024, 2025, 2026];
    let mut best: Option<f64> = None;
    for code in 0..3usize.pow(9) {
        let mut sc = Scenario::new("x", Vec::new());
        let mut c = code;
        for year in years {
            for id in ids {
                let n = (c % 3) as f64;
                c /= 3;
                if n > 0.0 {
                    sc.push(
                        Change::Add {
                            school_id: id.into(),
                            field: "backbone_primary".into(),
                            amount: n,
                        },
                        Some(year),
                    );
                }
            }
        }
        let spent = spending(&sc, &opts.plan.costs, 2024, 2026, &opts.budgets);
        if spent
            .iter()
            .any(|y| y.budget.is_some_and(|b| y.spent > b + 1e-6))
        {
            continue;
        }
        let total: f64 = spent.iter().map(|y| y.spent).sum();
        if best.is_some_and(|b| b <= total) {
            continue;
        }
        let tl = timeline(data, Some(&sc), standard, &opts.timeline).expect("timeline");
        if first_year_failing(
            &tl,
            standard,
            opts.target_year,
            opts.cv_margin,
            Rule::National,
        )
        .is_none()
        {
            best = Some(total);
        }
    }
    best
}

#[test]
fn the_phased_plan_costs_what_exhaustive_search_finds_cheapest() {
    let data = county();
    let standard = Standard::national_2017();
    let opts = options(BTreeMap::new());
    let plan = plan_phased(
        &data,
        &standard,
        &opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("plan");
    assert_eq!(plan.status, PlanStatus::Optimal, "{}", plan.message_en);
    let best = exhaustive(&data, &standard, &opts).expect("a plan exists");
    assert!(
        (plan.total_cost - best).abs() < 0.5,
        "planner {} against exhaustive {best}",
        plan.total_cost
    );
    // Nothing is needed before it is: the base year (judged from 2025) spends nothing.
    assert_eq!(plan.years[0].spent, 0.0);
    // The independent accounting and the verdict of the timeline itself.
    let years = spending(&plan.scenario, &opts.plan.costs, 2024, 2026, &opts.budgets);
    let total: f64 = years.iter().map(|y| y.spent).sum();
    assert!((total - plan.total_cost).abs() < 1e-6);
    let tl = timeline(&data, Some(&plan.scenario), &standard, &opts.timeline).expect("timeline");
    assert_eq!(
        first_year_failing(&tl, &standard, 2025, 0.02, Rule::National),
        None
    );
    for y in tl.years.iter().filter(|y| y.year >= 2025) {
        for c in &y.evaluation.cv[0] {
            assert!(c.cv <= c.limit - 0.02, "{}: CV {}", y.year, c.cv);
        }
    }
    // Without the plan, 2025 fails (the test is not empty).
    let bare = timeline(&data, None, &standard, &opts.timeline).expect("timeline");
    assert!(first_year_failing(&bare, &standard, 2025, 0.02, Rule::National).is_some());
}

#[test]
fn a_yearly_budget_moves_spending_between_years_and_is_kept() {
    let data = county();
    let standard = Standard::national_2017();
    let free = plan_phased(
        &data,
        &standard,
        &options(BTreeMap::new()),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("plan");
    // A 2025 budget below what the free plan spends that year: part of it must come earlier.
    let b2025 = free.years[1].spent - 15_000.0;
    assert!(
        b2025 > 0.0,
        "the free plan spends {} in 2025",
        free.years[1].spent
    );
    let opts = options(BTreeMap::from([(2025, b2025)]));
    let plan = plan_phased(
        &data,
        &standard,
        &opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("plan");
    assert_eq!(plan.status, PlanStatus::Optimal, "{}", plan.message_en);
    assert!(plan.years[1].spent <= b2025 + 1e-6);
    assert!(plan.years[0].spent > 0.0, "something is bought in 2024");
    assert!(plan.total_cost > free.total_cost);
    let best = exhaustive(&data, &standard, &opts).expect("a plan within the budget");
    assert!(
        (plan.total_cost - best).abs() < 0.5,
        "planner {} against exhaustive {best}",
        plan.total_cost
    );
    assert_eq!(plan.years[1].budget, Some(b2025));
}

#[test]
fn a_budget_that_cannot_pay_is_refused_naming_its_year() {
    let data = county();
    let standard = Standard::national_2017();
    let opts = options(BTreeMap::from([(2024, 0.0), (2025, 0.0)]));
    let plan = plan_phased(
        &data,
        &standard,
        &opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("an answer");
    assert_eq!(plan.status, PlanStatus::Infeasible);
    // The best partial plan: nothing can be bought in 2024 or 2025, so 2026's sections are
    // brought to their rule in 2026, within its (unlimited) budget.
    assert!(!plan.scenario.changes.is_empty());
    assert!((0..plan.scenario.changes.len()).all(|i| plan.scenario.year_of(i) == Some(2026)));
    assert_eq!(plan.years[0].spent, 0.0);
    assert_eq!(plan.years[1].spent, 0.0);
    let last = plan.timeline.years.last().expect("2026");
    assert!(last.evaluation.units.iter().all(|u| u.passes));
    assert!(
        plan.message_zh.contains("2025 年需") && plan.message_zh.contains("预算 0.00 万元"),
        "{}",
        plan.message_zh
    );
}

#[test]
fn bad_phased_options_are_refused() {
    let data = county();
    let standard = Standard::national_2017();
    let mut opts = options(BTreeMap::new());
    opts.target_year = 2030;
    let e = plan_phased(
        &data,
        &standard,
        &opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect_err("target after the end");
    assert!(e.to_string().contains("2030"), "{e}");
    let mut opts = options(BTreeMap::from([(2031, 1.0)]));
    opts.cv_margin = 0.0;
    let e = plan_phased(
        &data,
        &standard,
        &opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect_err("a budget outside the years");
    assert!(e.to_string().contains("2031"), "{e}");
    let mut opts = options(BTreeMap::new());
    opts.cv_margin = f64::NAN;
    assert!(plan_phased(
        &data,
        &standard,
        &opts,
        &AtomicBool::new(false),
        &mut |_| {}
    )
    .is_err());
}
