//! 交流轮岗 in the planner (issue 16, part 2): teachers moved between schools of one level at a
//! yearly cost per teacher, a school sending at most its share. A backbone CV fixed by moving
//! teachers alone, as cheaply as exhaustive search over the moves finds; the plan applies as a
//! scenario and passes; a share too small to fix it alone makes the plan hire the rest.

use junheng::evaluate::evaluate;
use junheng::io::{load_bytes, ImportOptions};
use junheng::model::{Dataset, Field, Level};
use junheng::plan::{plan, PlanOptions, PlanStatus};
use junheng::scenario::{apply, Change, CostTable, Scenario, TransferCost, UnitCost};
use junheng::Standard;
use std::sync::atomic::AtomicBool;

/// Four primary schools of 500 pupils, alike but for backbone teachers: A has 20, the others 5
/// (4 and 1 per 100 pupils: every school meets the threshold, the CV is 0.742).
fn county() -> Dataset {
    let mut text = String::from(
        "school_id,name,kind,students_primary,teachers_primary,qualified_primary,backbone_primary,\
pe_art_primary,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms\n",
    );
    for (id, backbone) in [("A", 20), ("B", 5), ("C", 5), ("D", 5)] {
        text.push_str(&format!(
            "{id},学校{id},primary,500,40,30,{backbone},6,3000,5000,1500000,15\n"
        ));
    }
    load_bytes(
        text.as_bytes(),
        "transfer.csv",
        &Standard::national_2017(),
        &ImportOptions::default(),
    )
    .expect("loads")
    .dataset
}

fn options(share: f64) -> PlanOptions {
    let mut costs = CostTable {
        costs: Default::default(),
        transfer: Some(TransferCost {
            fields: vec!["backbone_primary".into()],
            per_year: 20_000.0,
            max_out_share: share,
        }),
    };
    costs.set(Field::BackbonePrimary, UnitCost::once(200_000.0));
    let mut o = PlanOptions::from_costs(costs).expect("valid costs");
    o.time_limit = 30.0;
    o
}

fn backbone_cv(data: &Dataset) -> f64 {
    let ev = evaluate(data, &Standard::national_2017());
    ev.cv_of(Level::Primary)[1].cv
}

/// The fewest backbone teachers A can send to B, C and D (0–6 each) for the CV to meet 0.5.
fn fewest_moves(data: &Dataset) -> f64 {
    let mut best = f64::INFINITY;
    for b in 0..=6 {
        for c in 0..=6 {
            for d in 0..=6 {
                let n = f64::from(b + c + d);
                if n >= best {
                    continue;
                }
                let changes: Vec<Change> = [("B", b), ("C", c), ("D", d)]
                    .iter()
                    .filter(|(_, k)| *k > 0)
                    .map(|(to, k)| Change::Transfer {
                        from: "A".into(),
                        to: (*to).into(),
                        count: f64::from(*k),
                        fields: vec!["backbone_primary".into()],
                    })
                    .collect();
                let after = apply(data, &Scenario::new("x", changes)).expect("applies");
                if backbone_cv(&after) <= 0.5 {
                    best = n;
                }
            }
        }
    }
    best
}

#[test]
fn a_backbone_cv_is_fixed_by_moving_teachers_without_hiring() {
    let data = county();
    assert!(
        (backbone_cv(&data) - 0.7423).abs() < 1e-4,
        "{}",
        backbone_cv(&data)
    );
    let o = options(0.3);
    let p = plan(
        &data,
        &Standard::national_2017(),
        &o,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("plans");
    assert_eq!(p.status, PlanStatus::Optimal, "{}", p.message_en);
    assert!(
        p.changes
            .iter()
            .all(|c| matches!(c, Change::Transfer { .. })),
        "only moves: {:?}",
        p.changes
    );
    let moved: f64 = p
        .changes
        .iter()
        .map(|c| match c {
            Change::Transfer { from, count, .. } => {
                assert_eq!(from, "A");
                *count
            }
            _ => 0.0,
        })
        .sum();
    assert_eq!(moved, fewest_moves(&data));
    assert!((p.total_cost - moved * 20_000.0).abs() < 1e-6);
    assert!((p.per_year_cost - moved * 20_000.0).abs() < 1e-6);
    assert_eq!(p.one_time_cost, 0.0);
    // The plan as a scenario: the CV within its limit, every school passing (A included).
    let after = apply(&data, &p.scenario("p")).expect("applies");
    assert!(backbone_cv(&after) <= 0.5);
    let ev = evaluate(&after, &Standard::national_2017());
    assert!(ev.units.iter().all(|u| u.passes));
    assert!(ev.resource_allocation_met);
    // Explained: the sender and each receiver.
    let a = p.per_school.iter().find(|s| s.school_id == "A").expect("A");
    assert!(a.moves.iter().all(|m| !m.incoming));
    assert_eq!(a.moves.iter().map(|m| m.count).sum::<f64>(), moved);
}

#[test]
fn a_school_sends_no_more_than_its_share_and_the_plan_hires_the_rest() {
    let data = county();
    // A may send 5 % of its 40 teachers: 2, not enough alone (it takes 4, the test above).
    assert_eq!(fewest_moves(&data), 4.0);
    let o = options(0.05);
    let p = plan(
        &data,
        &Standard::national_2017(),
        &o,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("plans");
    assert_eq!(p.status, PlanStatus::Optimal, "{}", p.message_en);
    let sent: f64 = p
        .changes
        .iter()
        .map(|c| match c {
            Change::Transfer { count, .. } => *count,
            _ => 0.0,
        })
        .sum();
    assert!(sent <= 2.0, "sent {sent}");
    assert!(sent > 0.0, "moving is cheaper than hiring: {:?}", p.changes);
    let hired: f64 = p
        .changes
        .iter()
        .map(|c| match c {
            Change::Add { amount, .. } => *amount,
            _ => 0.0,
        })
        .sum();
    assert!(hired > 0.0);
    let after = apply(&data, &p.scenario("p")).expect("applies");
    assert!(backbone_cv(&after) <= 0.5);
    assert!((p.total_cost - (sent * 20_000.0 + hired * 200_000.0)).abs() < 1e-6);
}

#[test]
fn a_phased_plan_moves_teachers_in_the_year_they_are_needed_and_pays_them_every_year() {
    use junheng::plan::phased::{plan_phased, spending, PhasedOptions};
    let data = county();
    let standard = Standard::national_2017();
    let opts = PhasedOptions {
        plan: options(0.3),
        timeline: junheng::timeline::Options::new(2024, 2026),
        target_year: 2025,
        budgets: Default::default(),
        cv_margin: 0.0,
        base: Default::default(),
    };
    let p = plan_phased(
        &data,
        &standard,
        &opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("plans");
    assert_eq!(p.status, PlanStatus::Optimal, "{}", p.message_en);
    // The same four moves as the plan of one year, dated 2025 (a year earlier would pay a year
    // more), paid in 2025 and 2026.
    let mut moved = 0.0;
    for (i, c) in p.scenario.changes.iter().enumerate() {
        match c {
            Change::Transfer { from, count, .. } => {
                assert_eq!(from, "A");
                assert_eq!(p.scenario.year_of(i), Some(2025));
                moved += count;
            }
            other => panic!("only moves: {other:?}"),
        }
    }
    assert_eq!(moved, 4.0);
    let years = spending(&p.scenario, &opts.plan.costs, 2024, 2026, &opts.budgets);
    let spent: Vec<f64> = years.iter().map(|y| y.spent).collect();
    assert_eq!(spent, vec![0.0, 80_000.0, 80_000.0]);
    assert!((p.total_cost - 160_000.0).abs() < 1e-6);
    // Each judged year passes in the timeline of the dated plan.
    for y in p.timeline.years.iter().filter(|y| y.year >= 2025) {
        assert!(y.evaluation.resource_allocation_met, "{}", y.year);
    }
    assert!(!p.timeline.years[0].evaluation.resource_allocation_met);
}
