//! When no phased plan passes: why (a section or CV no addition can fix, or the budgets, named
//! by year), and the best partial plan DATA-FORMAT §4 asks for instead.

use super::{dated, model, spending, PhasedOptions, YearSpend};
use crate::evaluate::Evaluation;
use crate::model::Dataset;
use crate::plan::milp::{Cuts, CvMode, Objective, Spec};
use crate::plan::problem::Problem;
use crate::plan::{oa, Progress};
use crate::standard::Standard;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// The most section-years passing within the budgets (CVs aside), then the least cost for as
/// many: two solves, as the plan of one year does within a budget.
pub(super) fn partial_plan(
    p: &Problem,
    until: Instant,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&Progress),
    started: Instant,
) -> Option<Vec<f64>> {
    let most = Spec {
        objective: Objective::MaxPassing,
        budget: None,
        all_pass: false,
        min_passing: None,
        cv: CvMode::Ignore,
        capped: true,
    };
    let mut cuts = Cuts::new(p.cv_groups.len());
    let r1 = oa::outer_approximation(
        p, &most, &mut cuts, until, "phased", cancel, progress, started,
    )
    .ok()?;
    let least = Spec {
        objective: Objective::MinCost,
        min_passing: Some(r1.solved.passing),
        ..most
    };
    match oa::outer_approximation(
        p, &least, &mut cuts, until, "phased", cancel, progress, started,
    ) {
        Ok(r) => Some(r.solved.a),
        Err(_) => Some(r1.solved.a),
    }
}

/// Why no phased plan passes: a section or CV no allowed addition can fix (named with its year),
/// or the budgets (named: the years whose budget the cheapest plan without budgets overspends).
pub(super) fn why_infeasible(
    data: &Dataset,
    standard: &Standard,
    judged: &[(i32, &Evaluation)],
    opts: &PhasedOptions,
    deadline: Instant,
    cancel: &AtomicBool,
) -> (String, String) {
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    for &(year, ev) in judged {
        let single = Problem::new(
            standard,
            ev,
            &opts.plan.allowed,
            &opts.plan.costs,
            opts.plan.rule,
        );
        for (z, e) in crate::plan::diagnose::structural_problems(&single, ev, standard) {
            zh.push(format!("{year} 年：{z}"));
            en.push(format!("{year}: {e}"));
        }
    }
    if zh.is_empty() && !opts.budgets.is_empty() {
        let m = model(data, standard, judged, opts, false);
        let mut cuts = Cuts::new(m.p.cv_groups.len());
        let spec = Spec::all_pass();
        let started = Instant::now();
        let free = oa::outer_approximation(
            &m.p,
            &spec,
            &mut cuts,
            deadline,
            "phased",
            cancel,
            &mut |_| {},
            started,
        );
        if let Ok(Some((a, _))) = free.map(|r| r.incumbent) {
            let s = dated(&m, &a);
            let years = spending(
                &s,
                &opts.plan.costs,
                opts.timeline.base_year,
                opts.timeline.to,
                &opts.budgets,
            );
            let over: Vec<&YearSpend> = years
                .iter()
                .filter(|y| y.budget.is_some_and(|b| y.spent > b + 0.5))
                .collect();
            let list = |zh: bool| {
                over.iter()
                    .map(|y| {
                        let b = y.budget.unwrap_or(0.0);
                        if zh {
                            format!(
                                "{} 年需 {} 万元，预算 {} 万元",
                                y.year,
                                crate::format::wan(y.spent),
                                crate::format::wan(b)
                            )
                        } else {
                            format!(
                                "{} needs {} 万元 against a budget of {} 万元",
                                y.year,
                                crate::format::wan(y.spent),
                                crate::format::wan(b)
                            )
                        }
                    })
                    .collect::<Vec<_>>()
            };
            zh.push(format!(
                "逐年预算不足以使每年全部达标：不限预算时最省的方案{}",
                if over.is_empty() {
                    "各年支出都在预算内，但预算合在一起仍不够（提前建设的一次性费用）".to_string()
                } else {
                    format!("：{}", list(true).join("；"))
                }
            ));
            en.push(format!(
                "The yearly budgets are not enough for every year to pass: the cheapest plan without budgets{}",
                if over.is_empty() {
                    " keeps within each year but the budgets together are still short".to_string()
                } else {
                    format!(": {}", list(false).join("; "))
                }
            ));
        }
    }
    if zh.is_empty() {
        zh.push("在时间限制内未找到每年全部达标的方案".into());
        en.push("No plan passing every year was found within the time limit".into());
    }
    (zh.join("；"), en.join("; "))
}
