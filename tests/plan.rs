//! The planner against exhaustive search on small counties, the CV and 85% cases, infeasible
//! input and budget mode; the plan applied with `evaluate --scenario` passes.

use junheng::evaluate::evaluate;
use junheng::io::{load_bytes, ImportOptions};
use junheng::model::{Dataset, Field};
use junheng::plan::{plan, Plan, PlanOptions, PlanStatus, Rule};
use junheng::scenario::{apply, Change, CostTable, Scenario};
use junheng::Standard;
use std::sync::atomic::AtomicBool;

const HEADER: &str =
    "学校标识码,学校名称,学校类型,小学在校生数,小学高于规定学历教师数,小学县级及以上骨干教师数,\
小学体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数\n";

fn county(rows: &[&str]) -> Dataset {
    let text = format!("{HEADER}{}\n", rows.join("\n"));
    load_bytes(
        text.as_bytes(),
        "small.csv",
        &Standard::national_2017(),
        &ImportOptions::default(),
    )
    .expect("loads")
    .dataset
}

fn options(fields: &[(Field, f64)], rule: Rule, budget: Option<f64>) -> PlanOptions {
    let mut costs = CostTable {
        costs: Default::default(),
        transfer: None,
    };
    for (f, c) in fields {
        costs.set(*f, junheng::scenario::UnitCost::once(*c));
    }
    let mut o = PlanOptions::from_costs(costs).expect("valid costs");
    o.rule = rule;
    o.budget = budget;
    o.time_limit = 30.0;
    o
}

fn run(data: &Dataset, o: &PlanOptions) -> Plan {
    plan(
        data,
        &Standard::national_2017(),
        o,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("plans")
}

/// Whether the data passes everything under a rule, judged by the evaluator alone.
fn passes(data: &Dataset, rule: Rule) -> (usize, usize, bool) {
    let ev = evaluate(data, &Standard::national_2017());
    let passing = ev
        .units
        .iter()
        .filter(|u| match rule {
            Rule::National => u.passes,
            Rule::Strict => u.indicators.iter().all(|r| r.met),
        })
        .count();
    let cvs_over = ev.cv.iter().flatten().filter(|r| !r.met).count();
    (
        passing,
        cvs_over,
        passing == ev.units.len() && ev.summary.iter().all(|s| s.cv_rule_met),
    )
}

/// Every combination of additions in the box: the cheapest that passes everything, or with a
/// budget the best (most passing, fewest CVs over, least cost).
fn exhaustive(
    data: &Dataset,
    vars: &[(&str, Field, u32)],
    costs: &[(Field, f64)],
    rule: Rule,
    budget: Option<f64>,
) -> (f64, usize, usize) {
    let cost_of = |f: Field| costs.iter().find(|(g, _)| *g == f).map_or(0.0, |c| c.1);
    let mut best: Option<(usize, usize, f64)> = None;
    let mut amounts = vec![0u32; vars.len()];
    loop {
        let cost: f64 = vars
            .iter()
            .zip(&amounts)
            .map(|((_, f, _), a)| cost_of(*f) * f64::from(*a))
            .sum();
        if budget.is_none_or(|b| cost <= b + 1e-9) {
            let changes = vars
                .iter()
                .zip(&amounts)
                .filter(|(_, a)| **a > 0)
                .map(|((s, f, _), a)| Change::Add {
                    school_id: s.to_string(),
                    field: f.key().into(),
                    amount: f64::from(*a),
                })
                .collect();
            let d = apply(
                data,
                &Scenario {
                    name: "x".into(),
                    changes,
                    years: Vec::new(),
                },
            )
            .expect("applies");
            let (passing, over, all) = passes(&d, rule);
            let better = match (budget, best) {
                (_, None) => budget.is_some() || all,
                (None, Some((_, _, c))) => all && cost < c - 1e-9,
                (Some(_), Some((bp, bo, bc))) => {
                    (
                        passing,
                        std::cmp::Reverse(over),
                        std::cmp::Reverse(cost_key(cost)),
                    ) > (bp, std::cmp::Reverse(bo), std::cmp::Reverse(cost_key(bc)))
                }
            };
            if better {
                best = Some((passing, over, cost));
            }
        }
        // Next combination.
        let mut i = 0;
        loop {
            if i == vars.len() {
                let (p, o, c) = best.expect("a plan in the box");
                return (c, p, o);
            }
            if amounts[i] < vars[i].2 {
                amounts[i] += 1;
                break;
            }
            amounts[i] = 0;
            i += 1;
        }
    }
}

fn cost_key(c: f64) -> i64 {
    (c * 100.0).round() as i64
}

fn amount(plan: &Plan, school: &str, field: Field) -> f64 {
    plan.changes
        .iter()
        .filter_map(|c| match c {
            Change::Add {
                school_id,
                field: f,
                amount,
            } if school_id == school && f == field.key() => Some(*amount),
            _ => None,
        })
        .sum()
}

/// Three schools; A and C lack backbone teachers, B's multimedia rooms are at 87%, and the
/// multimedia CV is far over 0.50 (A has many rooms) — the thresholds alone cost 40,000.
fn cv_county() -> Dataset {
    county(&[
        "A,甲小学,小学,200,10,1,2,1000,2000,500000,20",
        "B,乙小学,小学,300,13,3,3,1500,3000,750000,6",
        "C,丙小学,小学,150,7,1,2,800,1500,400000,3",
    ])
}

/// The unit costs of DATA-FORMAT.md §4's example, as a COSTS.json.
const EXAMPLE_COSTS: &str = r#"{"costs": {"qualified_primary": 90000, "backbone_primary": 20000, "pe_art_primary": 120000,
           "qualified_junior": 100000, "backbone_junior": 20000, "pe_art_junior": 120000,
           "teaching_area_m2": 3000, "sports_area_m2": 600, "equipment_value_yuan": 1,
           "multimedia_rooms": 50000}}"#;

const COSTS: &[(Field, f64)] = &[
    (Field::BackbonePrimary, 20_000.0),
    (Field::MultimediaRooms, 50_000.0),
];

#[test]
fn the_cheapest_plan_equals_exhaustive_search_when_a_cv_binds() {
    let data = cv_county();
    let before = evaluate(&data, &Standard::national_2017());
    let k = 6; // multimedia
    assert!(
        before.cv_of(junheng::Level::Primary)[k].cv > 0.5,
        "the multimedia CV starts over its limit"
    );
    let p = run(&data, &options(COSTS, Rule::National, None));
    assert_eq!(p.status, PlanStatus::Optimal, "{}", p.message_en);
    let vars = [
        ("A", Field::BackbonePrimary, 3),
        ("B", Field::BackbonePrimary, 3),
        ("C", Field::BackbonePrimary, 3),
        ("B", Field::MultimediaRooms, 14),
        ("C", Field::MultimediaRooms, 12),
    ];
    let (best, _, _) = exhaustive(&data, &vars, COSTS, Rule::National, None);
    assert!(
        (p.total_cost - best).abs() < 1e-6,
        "plan {} vs exhaustive {best}",
        p.total_cost
    );
    assert!((p.lower_bound - best).abs() <= 1e-4 * best);
    // The thresholds alone would cost 40,000 (one backbone teacher each for A and C): the CV
    // makes the plan add rooms the thresholds do not need.
    assert!(p.total_cost > 40_000.0);
    assert!(
        amount(&p, "B", Field::MultimediaRooms) + amount(&p, "C", Field::MultimediaRooms) > 0.0
    );
    assert!(amount(&p, "A", Field::MultimediaRooms) == 0.0);
    // Verified by the evaluator.
    assert!(p.evaluation.resource_allocation_met);
    let cv = p.evaluation.cv_of(junheng::Level::Primary)[k].cv;
    assert!(cv <= 0.5, "{cv}");
    // Explained: per school and per resource, summing to the total.
    let per_school: f64 = p.per_school.iter().map(|s| s.cost).sum();
    let per_field: f64 = p.per_field.iter().map(|f| f.2).sum();
    assert!((per_school - p.total_cost).abs() < 1e-6);
    assert!((per_field - p.total_cost).abs() < 1e-6);
    let a = p.per_school.iter().find(|s| s.school_id == "A").expect("A");
    assert!(a.fixes.contains(&"小学 骨干教师".to_string()));
    assert_eq!(a.now_passing, ["小学"]);
}

#[test]
fn a_count_that_lands_exactly_on_its_threshold_meets_it() {
    // A: 18 qualified teachers for 500 students; 21 make exactly 4.2 per 100, the threshold
    // (value ≥ threshold). Under the strict rule the plan adds 3 — not a fourth for a margin
    // the standard does not ask. The same with the backbone teachers of B: 5 for 500 is
    // exactly 1.0. (The model's rows ask for the threshold to within half the evaluator's
    // tolerance, and the plan it is started from judges "met" the same way.)
    let data = county(&[
        "A,甲小学,小学,500,18,6,5,2500,4000,1100000,12",
        "B,乙小学,小学,500,25,4,5,2500,4000,1100000,12",
        "C,丙小学,小学,400,20,5,4,2000,3200,900000,10",
    ]);
    let costs = [
        (Field::QualifiedPrimary, 90_000.0),
        (Field::BackbonePrimary, 20_000.0),
    ];
    let p = run(&data, &options(&costs, Rule::Strict, None));
    assert_eq!(p.status, PlanStatus::Optimal);
    assert_eq!(amount(&p, "A", Field::QualifiedPrimary), 3.0);
    assert_eq!(amount(&p, "B", Field::BackbonePrimary), 1.0);
    assert_eq!(p.total_cost, 290_000.0);
    // The proven bound is of the same problem: not above the plan's cost.
    assert!(
        (p.total_cost - p.lower_bound).abs() <= 1e-4 * p.total_cost,
        "bound {} for a plan of {}",
        p.lower_bound,
        p.total_cost
    );
    assert!(p.evaluation.units.iter().all(|u| u.passes));
    let vars = [
        ("A", Field::QualifiedPrimary, 5),
        ("B", Field::BackbonePrimary, 3),
    ];
    let (best, _, _) = exhaustive(&data, &vars, &costs, Rule::Strict, None);
    assert_eq!(p.total_cost, best);
}

#[test]
fn the_85_percent_rule_lets_a_school_skip_its_most_expensive_indicator() {
    // B's multimedia rooms are at 2.0 / 2.3 = 87%: under the national rule B passes without a
    // room; under the strict rule it needs 1 (7 / 300 × 100 = 2.33).
    let data = county(&[
        "A,甲小学,小学,200,10,2,2,1000,2000,500000,5",
        "B,乙小学,小学,300,13,3,3,1500,3000,750000,6",
        "C,丙小学,小学,150,7,1,2,800,1500,400000,4",
    ]);
    let national = run(&data, &options(COSTS, Rule::National, None));
    assert_eq!(national.status, PlanStatus::Optimal);
    assert_eq!(amount(&national, "B", Field::MultimediaRooms), 0.0);
    assert_eq!(national.total_cost, 20_000.0, "only C's backbone teacher");
    let strict = run(&data, &options(COSTS, Rule::Strict, None));
    assert_eq!(strict.status, PlanStatus::Optimal);
    assert_eq!(amount(&strict, "B", Field::MultimediaRooms), 1.0);
    let vars = [
        ("A", Field::BackbonePrimary, 2),
        ("B", Field::BackbonePrimary, 2),
        ("C", Field::BackbonePrimary, 2),
        ("A", Field::MultimediaRooms, 2),
        ("B", Field::MultimediaRooms, 2),
        ("C", Field::MultimediaRooms, 2),
    ];
    for (p, rule) in [(&national, Rule::National), (&strict, Rule::Strict)] {
        let (best, _, _) = exhaustive(&data, &vars, COSTS, rule, None);
        assert_eq!(p.total_cost, best, "{rule:?}");
    }
}

/// A tiny linear congruential generator: the same counties on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % u64::from(n)) as u32
    }
}

#[test]
fn random_small_counties_agree_with_exhaustive_search_on_cost() {
    let mut rng = Lcg(7);
    let mut checked = 0;
    for _ in 0..6 {
        let rows: Vec<String> = ["A", "B", "C"]
            .iter()
            .map(|id| {
                let students = 100 + 50 * rng.next(5);
                let backbone = rng.next(4);
                let rooms = 1 + rng.next(9);
                format!(
                    "{id},{id}小学,小学,{students},{},{backbone},{},{},{},{},{rooms}",
                    students / 20 + 1,
                    students / 80 + 1,
                    students * 5,
                    students * 8,
                    students * 2100,
                )
            })
            .collect();
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let data = county(&refs);
        let p = run(&data, &options(COSTS, Rule::National, None));
        assert_eq!(p.status, PlanStatus::Optimal, "{rows:?}: {}", p.message_en);
        let box_ = 5;
        let vars: Vec<(&str, Field, u32)> = ["A", "B", "C"]
            .iter()
            .flat_map(|s| {
                [
                    (*s, Field::BackbonePrimary, 3),
                    (*s, Field::MultimediaRooms, box_),
                ]
            })
            .collect();
        // The box must hold the plan for the comparison to mean something.
        let inside = vars
            .iter()
            .all(|(s, f, max)| amount(&p, s, *f) <= f64::from(*max));
        if !inside {
            continue;
        }
        let (best, _, _) = exhaustive(&data, &vars, COSTS, Rule::National, None);
        assert!(
            (p.total_cost - best).abs() < 1e-6,
            "{rows:?}: plan {} vs exhaustive {best}",
            p.total_cost
        );
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} counties fitted the box");
}

#[test]
fn budget_mode_matches_exhaustive_search() {
    let data = cv_county();
    let full = run(&data, &options(COSTS, Rule::National, None));
    let vars = [
        ("A", Field::BackbonePrimary, 2),
        ("B", Field::BackbonePrimary, 1),
        ("C", Field::BackbonePrimary, 2),
        ("B", Field::MultimediaRooms, 8),
        ("C", Field::MultimediaRooms, 8),
    ];
    for budget in [20_000.0, 60_000.0, full.total_cost] {
        let p = run(&data, &options(COSTS, Rule::National, Some(budget)));
        let (best_cost, best_pass, best_over) =
            exhaustive(&data, &vars, COSTS, Rule::National, Some(budget));
        let (passing, over, all) = passes(&p.dataset, Rule::National);
        assert_eq!((passing, over), (best_pass, best_over), "budget {budget}");
        assert!((p.total_cost - best_cost).abs() < 1e-6, "budget {budget}");
        assert!(p.total_cost <= budget + 1e-6);
        if all {
            assert_ne!(p.status, PlanStatus::Infeasible);
        } else {
            assert_eq!(p.status, PlanStatus::Infeasible);
            assert!(p.message_zh.contains("预算"), "{}", p.message_zh);
        }
    }
}

#[test]
fn infeasible_input_says_why_and_returns_the_best_partial_plan() {
    let data = cv_county();
    // Backbone teachers may not be added: A and C cannot reach 6 of 7 … A's backbone is at 50%.
    let p = run(
        &data,
        &options(&[(Field::MultimediaRooms, 50_000.0)], Rule::National, None),
    );
    assert_eq!(p.status, PlanStatus::Infeasible);
    assert!(
        p.message_zh.contains("不允许增加小学县级及以上骨干教师数"),
        "{}",
        p.message_zh
    );
    assert!(
        p.message_en.contains("backbone_primary"),
        "{}",
        p.message_en
    );
    // The partial plan still fixes what it can: B passes, and the multimedia CV is brought down.
    let (passing, over, _) = passes(&p.dataset, Rule::National);
    assert_eq!(passing, 1);
    assert_eq!(over, 0);

    // A budget too small: the best partial plan within it, and a message.
    let p = run(&data, &options(COSTS, Rule::National, Some(20_000.0)));
    assert_eq!(p.status, PlanStatus::Infeasible);
    assert!(p.total_cost <= 20_000.0);
    let (passing, _, _) = passes(&p.dataset, Rule::National);
    assert_eq!(
        passing, 2,
        "one backbone teacher makes one more school pass"
    );
    assert!(
        p.message_zh.contains("预算 2.00 万元不足"),
        "{}",
        p.message_zh
    );
}

#[test]
fn the_sample_plan_applied_with_evaluate_scenario_passes_everything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let costs = dir.path().join("costs.json");
    std::fs::write(&costs, EXAMPLE_COSTS).expect("write");
    let scenario = dir.path().join("plan.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["plan", "--sample", "--json", "--costs"])
        .arg(&costs)
        .arg("--out")
        .arg(&scenario)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["status"], "optimal");
    let total = v["total_cost"].as_f64().expect("cost");
    assert!((v["lower_bound"].as_f64().expect("bound") - total).abs() <= 1e-4 * total);
    assert_eq!(v["evaluation"]["summary"]["resource_allocation_met"], true);
    assert!(!v["changes"].as_array().expect("changes").is_empty());
    // The changes as a scenario, through evaluate --scenario: every section and CV passes, and
    // the evaluation is the plan's.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["evaluate", "--sample", "--json", "--scenario"])
        .arg(&scenario)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(e["summary"]["resource_allocation_met"], true);
    assert_eq!(e["summary"], v["evaluation"]["summary"]);
    assert_eq!(e["cv"], v["evaluation"]["cv"]);
    assert_eq!(
        e["scenario"]["cost"]
            .as_f64()
            .map(|c| (c - total).abs() < 1e-3),
        Some(true)
    );
    // Infeasible through the command line: a status and a message, exit 0, no hang.
    std::fs::write(&costs, r#"{"costs": {"multimedia_rooms": 50000}}"#).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["plan", "--sample", "--json", "--costs"])
        .arg(&costs)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["status"], "infeasible");
    assert!(v["message"]
        .as_str()
        .expect("message")
        .contains("不允许增加"));
}

#[test]
fn a_composite_standard_is_refused_with_a_reason() {
    let data = cv_county();
    let s = Standard::builtin("basic-2012").expect("2012");
    let e = plan(
        &data,
        &s,
        &options(COSTS, Rule::National, None),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect_err("refused");
    assert!(e.to_string().contains("综合差异系数"));
}

#[test]
fn rooms_and_classes_are_planned_when_allowed() {
    use junheng::evaluate::conditions::{evaluate_conditions, Condition};
    let standard = Standard::national_2017();
    let data = junheng::sample::load(&standard).expect("sample").dataset;
    let mut costs = CostTable::default();
    costs.costs.retain(|k, _| {
        !matches!(
            k.as_str(),
            "mid_title_primary" | "mid_title_junior" | "computers" | "books"
        )
    });
    let mut o = PlanOptions::from_costs(costs.clone()).expect("costs");
    o.time_limit = 30.0;
    let p = plan(&data, &standard, &o, &AtomicBool::new(false), &mut |_| {}).expect("plans");
    assert_eq!(p.status, PlanStatus::Optimal);
    // S01: 1,450 students in 30 classes of up to 52: 3 more classes (⌈1450 ÷ 45⌉ = 33).
    assert_eq!(amount(&p, "S01", Field::ClassesPrimary), 3.0);
    // S10 has no music or art room.
    assert_eq!(amount(&p, "S10", Field::MusicRooms), 1.0);
    assert_eq!(amount(&p, "S10", Field::ArtRooms), 1.0);
    // After the plan, no school lacks rooms or classes (a room too small is a building matter,
    // and classes merely uneven — S11 — a matter of moving students between classes: neither is
    // bought).
    use junheng::evaluate::conditions::Lack;
    for sc in evaluate_conditions(&p.dataset, &standard) {
        for r in &sc.results {
            if matches!(r.condition, Condition::MusicArtRooms | Condition::ClassSize) {
                let counts: Vec<&Lack> = r
                    .lacks
                    .iter()
                    .filter(|l| {
                        matches!(
                            l,
                            Lack::MusicRooms { .. } | Lack::ArtRooms { .. }
                        ) || matches!(l, Lack::ClassTooLarge { add_classes, .. } if *add_classes > 0.0)
                    })
                    .collect();
                assert!(counts.is_empty(), "{} {:?}", sc.school_id, counts);
            }
        }
    }
    // The rooms and classes are costed at the table's prices, in the total.
    let extra: f64 = p
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Add { field, amount, .. } => Field::from_key(field)
                .filter(|f| {
                    matches!(
                        f,
                        Field::MusicRooms
                            | Field::ArtRooms
                            | Field::ClassesPrimary
                            | Field::ClassesJunior
                    )
                })
                .map(|f| amount * costs.cost(f)),
            _ => None,
        })
        .sum();
    assert!(extra > 0.0);
    let without = {
        let mut c = costs.clone();
        for f in [
            Field::MusicRooms,
            Field::ArtRooms,
            Field::ClassesPrimary,
            Field::ClassesJunior,
        ] {
            c.costs.remove(f.key());
        }
        let mut o = PlanOptions::from_costs(c).expect("costs");
        o.time_limit = 30.0;
        plan(&data, &standard, &o, &AtomicBool::new(false), &mut |_| {}).expect("plans")
    };
    assert!((p.total_cost - without.total_cost - extra).abs() < 1e-3);
}

#[test]
fn a_plan_on_top_of_a_scenario_lists_both_and_reproduces_its_evaluation() {
    // The demo scenario merges two schools and opens a new one that fails everything; the plan
    // adds to it, and its changes (the scenario's first) reproduce the evaluation from the data.
    let dir = tempfile::tempdir().expect("tempdir");
    let costs = dir.path().join("costs.json");
    std::fs::write(&costs, EXAMPLE_COSTS).expect("write");
    let base =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/demo-scenario.json");
    let out_file = dir.path().join("plan.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["plan", "--sample", "--json", "--scenario"])
        .arg(&base)
        .arg("--costs")
        .arg(&costs)
        .arg("--out")
        .arg(&out_file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["status"], "optimal");
    let changes = v["changes"].as_array().expect("changes");
    assert_eq!(
        changes[4]["op"], "merge",
        "the base scenario's changes come first"
    );
    assert_eq!(changes[5]["op"], "new_school");
    assert!(changes.len() > 6);
    // The new school 银杏小学 (N1) gets what it lacks.
    assert!(changes[6..].iter().any(|c| c["school_id"] == "N1"));
    let e = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["evaluate", "--sample", "--json", "--scenario"])
        .arg(&out_file)
        .output()
        .expect("runs");
    assert!(e.status.success(), "{}", String::from_utf8_lossy(&e.stderr));
    let e: serde_json::Value = serde_json::from_slice(&e.stdout).expect("JSON");
    assert_eq!(e["summary"], v["evaluation"]["summary"]);
    assert_eq!(e["summary"]["resource_allocation_met"], true);
}

/// `round`: the sample's cheapest plan with its areas in whole m² and its money in 100 元, every
/// section and CV still passing by the evaluator, costing at most one unit more per addition than
/// the unrounded optimum, which stays its lower bound.
#[test]
fn a_rounded_plan_buys_whole_square_metres_and_hundreds_of_yuan_and_still_passes() {
    let standard = Standard::national_2017();
    let data = junheng::sample::load(&standard).expect("sample").dataset;
    let costs = [
        (Field::BackbonePrimary, 20_000.0),
        (Field::BackboneJunior, 20_000.0),
        (Field::QualifiedPrimary, 90_000.0),
        (Field::PeArtPrimary, 120_000.0),
        (Field::TeachingAreaM2, 3_000.0),
        (Field::SportsAreaM2, 600.0),
        (Field::EquipmentValueYuan, 1.0),
        (Field::MultimediaRooms, 50_000.0),
    ];
    let exact = run(&data, &options(&costs, Rule::National, None));
    assert_eq!(exact.status, PlanStatus::Optimal);
    let fractional = |p: &Plan| {
        p.changes.iter().any(|c| match c {
            Change::Add { amount, .. } => amount.fract() != 0.0,
            _ => false,
        })
    };
    assert!(fractional(&exact), "the sample's optimum has fractional m²");
    let mut o = options(&costs, Rule::National, None);
    o.round = true;
    let rounded = run(&data, &o);
    assert!(rounded.rounded_optimum);
    assert_ne!(rounded.status, PlanStatus::Infeasible);
    let mut extra_units = 0.0;
    for c in &rounded.changes {
        let Change::Add { field, amount, .. } = c else {
            continue;
        };
        let f = Field::from_key(field).expect("a field");
        let Some(unit) = junheng::plan::round_unit(f) else {
            assert_eq!(amount.fract(), 0.0, "{field} +{amount}");
            continue;
        };
        assert_eq!((amount / unit).fract(), 0.0, "{field} +{amount}");
        extra_units += unit * costs.iter().find(|(g, _)| *g == f).map_or(0.0, |(_, c)| *c);
    }
    // Verified by the evaluator, as applied from the changes alone.
    let applied = apply(
        &data,
        &Scenario {
            name: "rounded".into(),
            changes: rounded.changes.clone(),
            years: Vec::new(),
        },
    )
    .expect("applies");
    let (_, over, all) = passes(&applied, Rule::National);
    assert!(all && over == 0, "the rounded plan passes everything");
    // The bound is the unrounded optimum; rounding adds less than a unit per continuous addition.
    assert!((rounded.lower_bound - exact.total_cost).abs() <= 1e-4 * exact.total_cost);
    assert!(rounded.total_cost >= exact.total_cost - 1e-6);
    assert!(rounded.total_cost - exact.total_cost < extra_units);
    assert!(
        rounded.message_zh.contains("整平方米"),
        "{}",
        rounded.message_zh
    );
}

/// Costs that fall due once or every year (DATA-FORMAT §4): a plain number is once, an object
/// separates the two; the plan reports one-time, yearly and total = one-time + years × yearly,
/// each equal to an accounting of its changes at the file's unit costs.
#[test]
fn one_time_and_yearly_costs_are_reported_and_the_total_counts_the_years() {
    let json = r#"{"costs": {"qualified_primary": {"per_year": 120000},
        "backbone_primary": {"once": 5000, "per_year": 20000}, "pe_art_primary": {"per_year": 120000},
        "qualified_junior": {"per_year": 130000}, "backbone_junior": {"per_year": 20000},
        "pe_art_junior": {"per_year": 120000}, "teaching_area_m2": 3000,
        "sports_area_m2": {"once": 600}, "equipment_value_yuan": 1, "multimedia_rooms": {"once": 50000}}}"#;
    let costs: CostTable = serde_json::from_str(json).expect("parses");
    use junheng::scenario::UnitCost;
    assert_eq!(costs.unit(Field::TeachingAreaM2), UnitCost::once(3000.0));
    assert_eq!(
        costs.unit(Field::BackbonePrimary),
        UnitCost {
            once: 5000.0,
            per_year: 20000.0
        }
    );
    assert_eq!(
        costs.unit(Field::QualifiedPrimary),
        UnitCost::per_year(120000.0)
    );
    // Written back as it was read: plain where once only.
    let back: CostTable =
        serde_json::from_str(&serde_json::to_string(&costs).expect("writes")).expect("reads");
    assert_eq!(back, costs);
    assert!(
        serde_json::from_str::<CostTable>(r#"{"costs": {"backbone_primary": {"yearly": 1}}}"#)
            .is_err()
    );
    let data = junheng::sample::load(&Standard::national_2017())
        .expect("sample")
        .dataset;
    let accounting = |p: &Plan| {
        let (mut once, mut yearly) = (0.0, 0.0);
        for c in &p.changes {
            if let Change::Add { field, amount, .. } = c {
                let u = costs.unit(Field::from_key(field).expect("field"));
                once += amount * u.once;
                yearly += amount * u.per_year;
            }
        }
        (once, yearly)
    };
    for years in [1.0, 5.0] {
        let mut o = PlanOptions::from_costs(costs.clone()).expect("valid");
        o.years = years;
        o.time_limit = 30.0;
        let p = run(&data, &o);
        assert_eq!(p.status, PlanStatus::Optimal, "{}", p.message_en);
        let (once, yearly) = accounting(&p);
        assert!((p.one_time_cost - once).abs() < 1e-6, "{years}");
        assert!((p.per_year_cost - yearly).abs() < 1e-6, "{years}");
        assert!(
            (p.total_cost - (once + years * yearly)).abs() < 1e-3 * p.total_cost.max(1.0),
            "{years}: {} ≠ {once} + {years} × {yearly}",
            p.total_cost
        );
        assert!(yearly > 0.0, "teachers are added: something recurs");
        let j = p.to_json(&Standard::national_2017());
        assert_eq!(j["years_costed"], years);
        assert_eq!(j["one_time_cost"].as_f64(), Some(p.one_time_cost));
        assert_eq!(j["per_year_cost"].as_f64(), Some(p.per_year_cost));
    }
    // Years outside 1–100 are refused.
    let mut o = PlanOptions::from_costs(costs).expect("valid");
    o.years = 0.0;
    assert!(plan(
        &data,
        &Standard::national_2017(),
        &o,
        &AtomicBool::new(false),
        &mut |_| {}
    )
    .is_err());
}
