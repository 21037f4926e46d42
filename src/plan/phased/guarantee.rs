//! The guarantee items of a phased plan: music and art rooms (one of each per 12 classes) and
//! classes enough for the largest class allowed, computed from each judged year's projected data
//! with the plan applied — enrolment moves, so a school may need a class more in a later year.
//! Each is dated at the first judged year that needs it (later is cheaper when it costs every
//! year), earlier only when that year's budget has no room; what fits no budget is named.

use super::{spending, PhasedOptions};
use crate::model::{Dataset, Field};
use crate::plan::guarantee_additions;
use crate::scenario::{Change, Scenario};
use crate::standard::Standard;
use crate::timeline::timeline;

/// A room or class the budgets had no room for: (school id, field, amount, the year needed).
pub type LeftOut = (String, Field, f64, i32);

/// Adds to `plan` (the plan's own dated changes, applied after `base`) the rooms and classes
/// the judged years need. Returns what no year's budget could take.
pub(crate) fn add_guarantee(
    data: &Dataset,
    standard: &Standard,
    opts: &PhasedOptions,
    base: &Scenario,
    plan: &mut Scenario,
) -> Result<Vec<LeftOut>, String> {
    let (first, to) = (opts.timeline.base_year, opts.timeline.to);
    let mut left_out: Vec<LeftOut> = Vec::new();
    // Each pass adds what the first year still short needs; a year's additions can make
    // classes, then rooms, so a few passes a year at most.
    let years = (to - opts.target_year + 1).max(1) as usize;
    for _ in 0..years * 3 {
        let all = super::combined(base, plan);
        let tl = timeline(data, Some(&all), standard, &opts.timeline).map_err(|e| e.to_string())?;
        let needed = tl
            .years
            .iter()
            .filter(|y| y.year >= opts.target_year)
            .find_map(|y| {
                let more: Vec<_> = guarantee_additions(&y.data, standard, &opts.plan.allowed)
                    .into_iter()
                    .filter(|(s, f, _)| !left_out.iter().any(|l| &l.0 == s && l.1 == *f))
                    .collect();
                (!more.is_empty()).then_some((y.year, more))
            });
        let Some((year, more)) = needed else {
            break;
        };
        for (school_id, field, amount) in more {
            let change = Change::Add {
                school_id: school_id.clone(),
                field: field.key().to_string(),
                amount,
            };
            let placed = (first..=year).rev().any(|at| {
                let i = plan.insert_by_year(change.clone(), at);
                let all = super::combined(base, plan);
                let fits = spending(&all, &opts.plan.costs, first, to, &opts.budgets)
                    .iter()
                    .all(|y| y.budget.is_none_or(|b| y.spent <= b + 1e-6));
                if !fits {
                    plan.remove(i);
                }
                fits
            });
            if !placed {
                left_out.push((school_id, field, amount, year));
            }
        }
    }
    Ok(left_out)
}

/// What was left out, said in Chinese and English.
pub(crate) fn left_out_message(left: &[LeftOut]) -> (String, String) {
    if left.is_empty() {
        return (String::new(), String::new());
    }
    let zh: Vec<String> = left
        .iter()
        .map(|(s, f, a, y)| {
            format!(
                "{s}（{y} 年）{} {}",
                crate::format::noun(*f).0,
                crate::format::thousands(*a)
            )
        })
        .collect();
    let en: Vec<String> = left
        .iter()
        .map(|(s, f, a, y)| {
            format!(
                "{s} ({y}): {} {}",
                crate::format::thousands(*a),
                crate::format::noun(*f).1
            )
        })
        .collect();
    (
        format!(
            "保障项目所需的功能室和班级因各年预算不足未列入：{}",
            zh.join("，")
        ),
        format!(
            "Rooms and classes the guarantee items need that no year's budget could take: {}",
            en.join(", ")
        ),
    )
}
