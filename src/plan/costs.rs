//! Costs that fall due once or every year (DATA-FORMAT §4): the planner minimises one-time +
//! years × yearly. It solves with each unit cost folded into that one number, then splits the
//! plan's cost again into what is paid once and what is paid every year.

use super::{plan_folded, Plan, PlanError, PlanOptions, Progress};
use crate::model::{Dataset, Field};
use crate::scenario::{Change, CostTable, UnitCost};
use crate::standard::Standard;
use std::sync::atomic::AtomicBool;

/// The most years a plan's yearly costs are counted over.
pub const MAX_YEARS_COSTED: f64 = 100.0;

/// Each unit cost as one number: once + `years` × every year.
fn folded(costs: &CostTable, years: f64) -> CostTable {
    CostTable {
        costs: costs
            .costs
            .iter()
            .map(|(k, c)| (k.clone(), UnitCost::once(c.over(years))))
            .collect(),
        // A teacher moved is paid every year, like a salary.
        transfer: costs.transfer.clone().map(|mut t| {
            t.per_year *= years;
            t
        }),
    }
}

/// What a plan's additions cost once and every year, at these unit costs.
pub fn split(changes: &[Change], costs: &CostTable) -> (f64, f64) {
    let (mut once, mut yearly) = (0.0, 0.0);
    for c in changes {
        match c {
            Change::Add { field, amount, .. } => {
                if let Some(f) = Field::from_key(field) {
                    let u = costs.unit(f);
                    once += amount * u.once;
                    yearly += amount * u.per_year;
                }
            }
            Change::Transfer { count, .. } => {
                yearly += count * costs.transfer.as_ref().map_or(0.0, |t| t.per_year);
            }
            _ => {}
        }
    }
    (once, yearly)
}

/// Finds the plan. `progress` is called after each round (from the calling thread); setting
/// `cancel` returns the best plan so far at the end of the current round.
pub fn plan(
    data: &Dataset,
    standard: &Standard,
    options: &PlanOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Plan, PlanError> {
    let years = options.years;
    if !(years.is_finite() && (1.0..=MAX_YEARS_COSTED).contains(&years)) {
        return Err(PlanError::YearsCosted(years));
    }
    let mut solved = options.clone();
    solved.costs = folded(&options.costs, years);
    let mut plan = plan_folded(data, standard, &solved, cancel, progress)?;
    let (once, yearly) = split(&plan.changes, &options.costs);
    plan.one_time_cost = once;
    plan.per_year_cost = yearly;
    plan.years_costed = years;
    Ok(plan)
}
