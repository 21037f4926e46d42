//! Phased plans (issue 16), the rest of what a plan of one year does: the rooms and classes of
//! the guarantee items, computed from each judged year's projected enrolment and dated when first
//! needed (or named when no budget can take them), and a plan that starts from a dated scenario
//! already decided, whose spending counts against each year's budget.

use junheng::model::{Field, School};
use junheng::plan::phased::{first_year_failing, plan_phased, spending, PhasedOptions};
use junheng::plan::{PlanOptions, PlanStatus, Rule};
use junheng::scenario::{Change, CostTable, Scenario, UnitCost};
use junheng::timeline::{timeline, Options};
use junheng::{Dataset, Standard};
use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

mod common;

/// The phased tests' school (every indicator well met but backbone teachers) with `classes`
/// classes whose largest has 50 students (over the 45 allowed), one art room, `music` music rooms.
fn school(id: &str, grades: [f64; 6], backbone: f64, classes: f64, music: f64) -> School {
    let mut s = common::phased::school(id, grades, backbone);
    s.values.set(Field::ClassesPrimary, classes);
    s.values.set(Field::LargestClassPrimary, 50.0);
    s.values.set(Field::MusicRooms, music);
    s.values.set(Field::ArtRooms, 1.0);
    s
}

/// A's enrolment grows with a fifth more entering each year: 225 students in 5 classes in 2024,
/// 260 in 2025 (6 classes of 45 needed), 302 in 2026 (7). B has no music room.
fn county() -> Dataset {
    Dataset {
        schools: vec![
            school("A", [50., 45., 40., 35., 30., 25.], 2.0, 5.0, 1.0),
            school("B", [40., 35., 30., 25., 20., 20.], 1.0, 9.0, 0.0),
            school("C", [60., 55., 50., 45., 40., 35.], 3.0, 12.0, 1.0),
        ],
        ..Dataset::default()
    }
}

fn options(budgets: BTreeMap<i32, f64>) -> PhasedOptions {
    let mut costs = CostTable {
        costs: BTreeMap::new(),
        transfer: None,
    };
    for (key, once, per_year) in [
        ("backbone_primary", 20_000.0, 10_000.0),
        ("classes_primary", 0.0, 50_000.0),
        ("music_rooms", 300_000.0, 0.0),
    ] {
        costs.costs.insert(key.into(), UnitCost { once, per_year });
    }
    let mut plan = PlanOptions::from_costs(costs).expect("costs");
    plan.rule = Rule::National;
    let mut timeline = Options::new(2024, 2026);
    timeline.trend = Some(0.2);
    PhasedOptions {
        plan,
        timeline,
        target_year: 2025,
        budgets,
        cv_margin: 0.02,
        base: Scenario::default(),
    }
}

fn run(data: &Dataset, opts: &PhasedOptions) -> junheng::plan::phased::PhasedPlan {
    plan_phased(
        data,
        &Standard::national_2017(),
        opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("plan")
}

/// (school, field, amount, year) of each addition of a dated scenario.
fn additions(sc: &Scenario) -> Vec<(String, String, f64, Option<i32>)> {
    sc.changes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Change::Add {
                school_id,
                field,
                amount,
            } => Some((school_id.clone(), field.clone(), *amount, sc.year_of(i))),
            _ => None,
        })
        .collect()
}

#[test]
fn classes_and_rooms_are_added_in_the_year_each_is_first_needed() {
    let data = county();
    let opts = options(BTreeMap::new());
    let plan = run(&data, &opts);
    assert_eq!(plan.status, PlanStatus::Optimal, "{}", plan.message_en);
    let adds = additions(&plan.scenario);
    let of = |id: &str, field: &str| -> Vec<(f64, Option<i32>)> {
        adds.iter()
            .filter(|a| a.0 == id && a.1 == field)
            .map(|a| (a.2, a.3))
            .collect()
    };
    // A: a sixth class for 2025's 260 students, a seventh for 2026's 302.
    assert_eq!(
        of("A", "classes_primary"),
        vec![(1.0, Some(2025)), (1.0, Some(2026))]
    );
    // B's music room from the first judged year; no school else needs one (≤ 12 classes).
    assert_eq!(of("B", "music_rooms"), vec![(1.0, Some(2025))]);
    assert!(of("A", "music_rooms").is_empty() && of("C", "music_rooms").is_empty());
    // The reported total is the independent accounting of every change, rooms and classes too.
    let years = spending(&plan.scenario, &opts.plan.costs, 2024, 2026, &opts.budgets);
    let total: f64 = years.iter().map(|y| y.spent).sum();
    assert!((total - plan.total_cost).abs() < 1e-6);
    // 2025: the room once, a class a year; 2026: two classes a year.
    let rooms_and_classes_2025 = 300_000.0 + 50_000.0;
    let backbone_2025: f64 = adds
        .iter()
        .filter(|a| a.1 == "backbone_primary" && a.3 == Some(2025))
        .map(|a| a.2 * 30_000.0)
        .sum();
    assert!((years[1].spent - rooms_and_classes_2025 - backbone_2025).abs() < 1e-6);
    // Every judged year still passes with its margin, and no guarantee lack is left to fix.
    let standard = Standard::national_2017();
    let tl = timeline(&data, Some(&plan.scenario), &standard, &opts.timeline).expect("timeline");
    assert_eq!(
        first_year_failing(&tl, &standard, 2025, 0.02, Rule::National),
        None
    );
    for y in tl.years.iter().filter(|y| y.year >= 2025) {
        let more = junheng::plan::guarantee_additions(&y.data, &standard, &opts.plan.allowed);
        assert!(more.is_empty(), "{}: {more:?}", y.year);
    }
    assert!(plan.lower_bound <= plan.total_cost + 1e-6);
    assert!(plan.gap() < 1e-4, "gap {}", plan.gap());
}

#[test]
fn a_room_no_budget_can_take_is_named() {
    let data = county();
    let free = run(&data, &options(BTreeMap::new()));
    // 2025's budget pays the indicators and the class but not the 300,000 元 room; 2024 has none.
    let b2025 = free.years[1].spent - 300_000.0 + 100_000.0;
    let opts = options(BTreeMap::from([(2024, 0.0), (2025, b2025)]));
    let plan = run(&data, &opts);
    let rooms: Vec<_> = additions(&plan.scenario)
        .into_iter()
        .filter(|a| a.1 == "music_rooms")
        .collect();
    // 2026 has no budget, but the room is needed from 2025: it is named, not put off.
    assert!(rooms.is_empty(), "{rooms:?}");
    assert!(
        plan.message_zh.contains("B（2025 年）音乐教室 1"),
        "{}",
        plan.message_zh
    );
    assert!(plan.years[1].spent <= b2025 + 1e-6);
    assert_eq!(plan.years[0].spent, 0.0);
}

#[test]
fn a_plan_starts_from_a_dated_scenario_and_counts_its_spending() {
    let data = county();
    let standard = Standard::national_2017();
    let free = run(&data, &options(BTreeMap::new()));
    let mut decided = Scenario::new("已定", Vec::new());
    decided.push(
        Change::Add {
            school_id: "B".into(),
            field: "backbone_primary".into(),
            amount: 3.0,
        },
        Some(2025),
    );
    let mut opts = options(BTreeMap::new());
    opts.base = decided.clone();
    let plan = run(&data, &opts);
    assert_eq!(plan.status, PlanStatus::Optimal, "{}", plan.message_en);
    // The whole dated scenario: the decided change first, with its year.
    assert_eq!(plan.scenario.changes[0], decided.changes[0]);
    assert_eq!(plan.scenario.year_of(0), Some(2025));
    // Its spending is in the years and the total, by the independent accounting.
    let years = spending(&plan.scenario, &opts.plan.costs, 2024, 2026, &opts.budgets);
    let total: f64 = years.iter().map(|y| y.spent).sum();
    assert!((total - plan.total_cost).abs() < 1e-6);
    let decided_cost: f64 = spending(&decided, &opts.plan.costs, 2024, 2026, &opts.budgets)
        .iter()
        .map(|y| y.spent)
        .sum();
    assert!((decided_cost - (3.0 * 30_000.0 + 3.0 * 10_000.0)).abs() < 1e-6);
    // Starting from three of B's teachers costs at least what planning freely does.
    assert!(plan.total_cost >= free.total_cost - 1e-6);
    assert!(plan.lower_bound >= decided_cost);
    let tl = timeline(&data, Some(&plan.scenario), &standard, &opts.timeline).expect("timeline");
    assert_eq!(
        first_year_failing(&tl, &standard, 2025, 0.02, Rule::National),
        None
    );
    // A budget the decided changes alone overspend is refused, naming the year.
    let mut opts = options(BTreeMap::from([(2025, 50_000.0)]));
    opts.base = decided;
    let e = plan_phased(
        &data,
        &standard,
        &opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect_err("over the 2025 budget");
    assert!(e.to_string().contains("2025 年已支出 9.00 万元"), "{e}");
}
