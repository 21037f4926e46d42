//! The MILP's start from a plan.

use super::super::repair::repair;
use super::super::repair::rounding_tests::{
    eight_rounds_of_cuts, generated, solves_to_its_own_optimum, split_relaxation,
};
use super::*;
use crate::evaluate::REL_TOL;

#[test]
fn a_plan_a_hair_under_a_threshold_starts_the_milp_meeting_it() {
    // A plan passing every section, with one m² or 元 addition lowered until its section sits
    // 0.8 × the evaluation's tolerance under that threshold: still met, as the plan's check
    // has it. The start must say "meets" there and satisfy every section's rule row, or HiGHS
    // drops the whole start (as it did when "meets" was judged with the model's margin).
    let p = generated();
    let cuts = Cuts::new(p.cv_groups.len());
    let pre = Spec {
        cv: CvMode::Ignore,
        ..Spec::all_pass()
    };
    let Ok(lp) = solve(&p, &pre, &cuts, 10.0, None, true) else {
        panic!("the relaxation solves");
    };
    let Some(mut a) = repair(&p, &lp.a) else {
        panic!("a repaired plan");
    };
    let Ok(built) = build(&p, &Spec::all_pass(), &cuts, false) else {
        panic!("the MILP builds");
    };
    // A section's indicator met through a continuous addition that can be lowered so far.
    let mut hair = None;
    'find: for &(_, i, k) in &built.y_cols {
        let s = &p.secs[i];
        let t = p.thresholds[k][s.level as usize];
        let value = p.value(i, k, &a);
        if !crate::evaluate::reaches(value, t) {
            continue;
        }
        for &(v, c) in &s.terms[k] {
            let less = (value - t * (1.0 - 0.8 * REL_TOL)) * s.students / p.scale[k] / c;
            if !p.integer[v] && c > 0.0 && less > 0.0 && less < a[v] {
                a[v] -= less;
                hair = Some((i, k));
                break 'find;
            }
        }
    }
    let Some((i, k)) = hair else {
        panic!("a continuous addition to lower");
    };
    let t = p.thresholds[k][p.secs[i].level as usize];
    assert!(p.value(i, k, &a) < t * MEETS, "under the model's margin");
    assert!((0..p.secs.len()).all(|j| p.passes(j, &a)));
    let cols = start_columns(&p, &built, &a);
    let Some(&(y, _, _)) = built.y_cols.iter().find(|&&(_, j, kk)| j == i && kk == k) else {
        panic!("the indicator's column");
    };
    assert_eq!(cols[y.index()], 1.0);
    for (j, need) in built.y_need.iter().enumerate() {
        let met: f64 = built
            .y_cols
            .iter()
            .filter(|&&(_, jj, _)| jj == j)
            .map(|&(y, _, _)| cols[y.index()])
            .sum();
        assert!(
            met >= *need,
            "section {j}: {met} of {need} met at the start"
        );
    }
}

#[test]
fn a_dive_makes_every_choice_whole_costs_no_less_and_leaves_the_model_as_it_was() {
    // The generated county's relaxation after 8 rounds of cuts splits some choices; each dive
    // makes them whole (one at a time, solving again after each; the strong one trying each
    // both ways): every "meets" 0 or 1, the LP no cheaper than the relaxation, the model's
    // bounds put back (solved again: the relaxation's own optimum), and its rounding passes.
    for strong in [false, true] {
        let (p, mut built, lp) = split_relaxation();
        assert!(lp.y.iter().any(|&y| undecided(y)), "no split choice");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let dived = dive(&p, &mut built, &lp, deadline, strong);
        let Ok(Some(dived)) = dived else {
            panic!("the dive ends in a relaxation");
        };
        assert!(!dived.y.iter().any(|&y| undecided(y)));
        assert!(dived.objective >= lp.objective * (1.0 - 1e-9));
        solves_to_its_own_optimum(&p, &mut built, &lp);
        let Some(plan) = super::super::repair::from_relaxed(&p, &dived.a) else {
            panic!("a plan from the dive");
        };
        assert!((0..p.secs.len()).all(|i| p.passes(i, &plan)));
    }
}

#[test]
fn an_infeasible_relaxation_keeps_its_model() {
    // Every "meets" of a section that must meet some fixed to 0: infeasible; the model stays,
    // and with its bounds put back it solves to the relaxation's own optimum.
    let (p, mut built, lp) = split_relaxation();
    let Some(i) = (0..p.secs.len()).find(|&i| built.y_need[i] > 0.0) else {
        panic!("a section with choices to make");
    };
    let cols: Vec<Col> = built
        .y_cols
        .iter()
        .filter(|&&(_, j, _)| j == i)
        .map(|&(c, _, _)| c)
        .collect();
    let zero: Vec<(Col, f64, f64)> = cols.iter().map(|&c| (c, 0.0, 0.0)).collect();
    let open: Vec<(Col, f64, f64)> = cols.iter().map(|&c| (c, 0.0, 1.0)).collect();
    assert!(set_bounds(&mut built, &zero).is_ok());
    assert!(matches!(
        run(&p, &mut built, 30.0, None),
        Err(SolveFail::Infeasible)
    ));
    assert!(set_bounds(&mut built, &open).is_ok());
    solves_to_its_own_optimum(&p, &mut built, &lp);
}

#[test]
fn a_start_the_milp_is_sure_of_is_proven_to_the_same_cost() {
    // The MILP with some cuts, solved as HiGHS would find its own plan, then again from that
    // plan with the try that does not look for another first: both proven, to the same cost
    // within the optimal gap, each bound under the other's plan.
    let p = generated();
    let spec = Spec::all_pass();
    let cuts = eight_rounds_of_cuts(&p);
    let never = std::sync::atomic::AtomicBool::new(false);
    let cancellable = super::super::interrupt::solve_cancellable;
    let Ok(own) = cancellable(&p, &spec, &cuts, 120.0, None, false, &never) else {
        panic!("the MILP solves");
    };
    let Ok(sure) = cancellable(&p, &spec, &cuts, 120.0, Some(&own.a), true, &never) else {
        panic!("the MILP solves from its plan");
    };
    assert!(own.optimal && sure.optimal);
    assert!((own.objective - sure.objective).abs() <= OPTIMAL_GAP * own.objective);
    assert!(sure.bound <= own.objective * (1.0 + 1e-9));
    assert!(own.bound <= sure.objective * (1.0 + 1e-9));
    assert!((0..p.secs.len()).all(|i| p.passes(i, &sure.a)));
}
