//! The MILP's start from a plan.

use super::super::repair::repair;
use super::super::repair::rounding_tests::generated;
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
