//! The planner's continuous additions — m² and 元, which the model may add in any amount — rounded
//! up to the units a plan is written and bought in (whole m², 100 元), then verified again by the
//! evaluator like any plan. The rounded plan costs a little more than the model's optimum; that
//! optimum stays the plan's lower bound and the difference is said.

use super::problem::Problem;
use super::{Plan, PlanError, PlanStatus};
use crate::evaluate::Evaluation;
use crate::model::{Dataset, Field, Measure};
use crate::scenario::CostTable;
use crate::standard::Standard;
use std::time::Instant;

/// The unit a field's addition is rounded up to: 1 m², 100 元; `None` for counts (already whole).
pub fn unit(field: Field) -> Option<f64> {
    match field.measure() {
        Measure::Area => Some(1.0),
        Measure::Money => Some(100.0),
        _ => None,
    }
}

/// The additions with each continuous one rounded up to its unit (an amount a hair over a whole
/// unit from floating point — 260.0000000001 — is that unit, not the next).
pub(super) fn round_up(p: &Problem, a: &[f64]) -> Vec<f64> {
    a.iter()
        .zip(&p.vars)
        .map(|(&x, (_, field))| match unit(*field) {
            Some(u) if x > 0.0 => ((x / u) - 1e-9).ceil().max(1.0) * u,
            _ => x,
        })
        .collect()
}

/// A verified rounded plan: optimal no longer claimed where rounding cost more than the 0.01 % an
/// optimum allows, and the difference said.
pub(super) fn rounded(mut plan: Plan) -> Plan {
    let extra = plan.total_cost - plan.lower_bound;
    plan.rounded_optimum = plan.status == PlanStatus::Optimal;
    if plan.status == PlanStatus::Optimal
        && !super::problem::proven(plan.total_cost, plan.lower_bound)
    {
        plan.status = PlanStatus::Feasible;
    }
    let (zh, en) = if extra > 0.5 {
        (
            format!(
                "面积按整平方米、金额按整百元向上取整；比未取整的最低费用（下界）高 {} 元",
                crate::format::thousands(extra)
            ),
            format!(
                "Areas rounded up to whole m² and money to 100 yuan: {} yuan above the unrounded least cost (the bound)",
                crate::format::thousands(extra)
            ),
        )
    } else {
        (
            "面积按整平方米、金额按整百元向上取整".to_string(),
            "Areas rounded up to whole m² and money to 100 yuan".to_string(),
        )
    };
    let join = |a: &str, b: String, sep: &str| {
        if a.is_empty() {
            b
        } else {
            format!("{a}{sep}{b}")
        }
    };
    plan.message_zh = join(&plan.message_zh, zh, "；");
    plan.message_en = join(&plan.message_en, en, "; ");
    plan
}

/// As [`finish_exact`], with the continuous additions rounded up first when asked (and the
/// rounded plan verified again; where it does not pass or does not fit the budget, the exact
/// plan).
#[allow(clippy::too_many_arguments)]
pub(super) fn finish(
    data: &Dataset,
    standard: &Standard,
    (allowed, costs, budget, round): (&[Field], &CostTable, Option<f64>, bool),
    before: &Evaluation,
    p: &Problem,
    a: &[f64],
    status: PlanStatus,
    lower_bound: f64,
    messages: (String, String),
    rounds: usize,
    cuts: usize,
    started: Instant,
) -> Result<Plan, PlanError> {
    if round && status != PlanStatus::Infeasible {
        let r = round_up(p, a);
        let fits = budget.is_none_or(|b| p.cost_of(&r) <= b + 1e-6);
        if r != a && fits {
            let plan = super::finish::finish_exact(
                data,
                standard,
                (allowed, costs, budget),
                before,
                p,
                &r,
                status,
                lower_bound,
                messages.clone(),
                rounds,
                cuts,
                started,
            )?;
            if plan.status != PlanStatus::Infeasible {
                return Ok(rounded(plan));
            }
        }
    }
    super::finish::finish_exact(
        data,
        standard,
        (allowed, costs, budget),
        before,
        p,
        a,
        status,
        lower_bound,
        messages,
        rounds,
        cuts,
        started,
    )
}
