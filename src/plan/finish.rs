//! A solved plan made whole: the additions and teachers moved turned into changes, applied with
//! the scenario code and evaluated by the evaluator (the plan is verified by the same code that
//! judges it), the rooms and classes of the guarantee items added, and the plan explained per
//! school and per resource.

use super::problem::{Kind, Problem};
use super::{guarantee_additions, moves, Plan, PlanError, PlanStatus, Rule, SchoolPart};
use crate::evaluate::{evaluate, Evaluation};
use crate::model::{Dataset, Field};
use crate::scenario::{apply, Change, CostTable, Scenario};
use crate::standard::Standard;
use std::time::Instant;

/// Turns additions into changes, applies them with the scenario code, evaluates the result with
/// the evaluator (the plan is verified by the same code that judges it), and explains it.
#[allow(clippy::too_many_arguments)]
pub(super) fn finish_exact(
    data: &Dataset,
    standard: &Standard,
    (allowed, costs, budget): (&[Field], &CostTable, Option<f64>),
    before: &Evaluation,
    p: &Problem,
    a: &[f64],
    mut status: PlanStatus,
    lower_bound: f64,
    (mut zh, mut en): (String, String),
    rounds: usize,
    cuts: usize,
    started: Instant,
) -> Result<Plan, PlanError> {
    let mut order: Vec<usize> = (0..p.vars.len())
        .filter(|&v| a[v] > 0.0 && p.kinds[v] == Kind::Add)
        .collect();
    order.sort_by_key(|&v| (p.vars[v].0, p.vars[v].1));
    let changes: Vec<Change> = order
        .iter()
        .map(|&v| Change::Add {
            school_id: data.schools[p.vars[v].0].id.clone(),
            field: p.vars[v].1.key().to_string(),
            amount: a[v],
        })
        .collect();
    let mut changes = changes;
    // Teachers moved (交流轮岗), after the additions: each a transfer from one school to another.
    let moved = moves::matched(p, a);
    let ids: Vec<String> = data.schools.iter().map(|s| s.id.clone()).collect();
    changes.extend(moved.iter().map(|m| m.change(&ids)));
    let mut scenario = Scenario {
        name: "plan".into(),
        changes: changes.clone(),
        years: Vec::new(),
    };
    let mut dataset = apply(data, &scenario).map_err(|e| PlanError::Apply(e.message(false)))?;
    // The guarantee items computed from school data: missing music and art rooms and classes for
    // oversized classes are fixed exactly (each school's own count, independent of the rest) when
    // their fields may change.
    let mut extra_cost = 0.0;
    // Classes first (more classes can need more rooms), then rooms: at most a few passes.
    for _ in 0..3 {
        let mut more = guarantee_additions(&dataset, standard, allowed);
        if let Some(b) = budget {
            // Within a budget, rooms and classes come after the indicators, while money is left.
            let mut left = b - p.cost_of(a) - extra_cost;
            more.retain(|(_, f, amount)| {
                let c = amount * costs.cost(*f);
                if c <= left + 1e-6 {
                    left -= c;
                    true
                } else {
                    false
                }
            });
        }
        if more.is_empty() {
            break;
        }
        for (school_id, field, amount) in &more {
            extra_cost += amount * costs.cost(*field);
            changes.push(Change::Add {
                school_id: school_id.clone(),
                field: field.key().to_string(),
                amount: *amount,
            });
        }
        scenario.changes = changes.clone();
        dataset = apply(data, &scenario).map_err(|e| PlanError::Apply(e.message(false)))?;
    }
    let evaluation = evaluate(&dataset, standard);
    let all_pass = evaluation.units.iter().all(|u| u.passes)
        && match p.rule {
            Rule::National => true,
            Rule::Strict => evaluation
                .units
                .iter()
                .all(|u| u.indicators.iter().all(|r| r.met)),
        };
    let passes = all_pass && evaluation.summary.iter().all(|s| s.cv_rule_met);
    if status != PlanStatus::Infeasible && !passes {
        // The evaluator disagrees with the model (a tolerance): say so rather than claim a pass.
        status = PlanStatus::Infeasible;
        zh = "方案经评估未能全部达标（数值容差），请报告此数据".into();
        en = "The evaluator does not confirm the plan (a numeric tolerance); please report this data"
            .into();
    }
    let total_cost = p.cost_of(a) + extra_cost;
    let lower_bound = lower_bound + extra_cost;
    // Explanation: per school, what it gets, what it costs, what it fixes; and per resource.
    let mut per_school: Vec<SchoolPart> = Vec::new();
    let mut per_field: Vec<(String, f64, f64)> = Vec::new();
    for change in &changes {
        let Change::Add {
            school_id,
            field,
            amount,
        } = change
        else {
            continue;
        };
        let Some(f) = Field::from_key(field) else {
            continue;
        };
        let c = amount * costs.cost(f);
        let i = match per_school.iter().position(|x| &x.school_id == school_id) {
            Some(i) => i,
            None => {
                per_school.push(SchoolPart {
                    school_id: school_id.clone(),
                    name: data
                        .school(school_id)
                        .map(|x| x.name.clone())
                        .unwrap_or_default(),
                    ..SchoolPart::default()
                });
                per_school.len() - 1
            }
        };
        let part = &mut per_school[i];
        part.additions.push((field.clone(), *amount, c));
        part.cost += c;
        let fix = match f {
            Field::MusicRooms | Field::ArtRooms => Some("音乐美术专用教室"),
            Field::ClassesPrimary | Field::ClassesJunior => Some("班额"),
            _ => None,
        };
        if let Some(fix) = fix.filter(|fix| !part.fixes.iter().any(|x| x == fix)) {
            part.fixes.push(fix.to_string());
        }
        match per_field.iter_mut().find(|(k, _, _)| k == field) {
            Some(e) => {
                e.1 += amount;
                e.2 += c;
            }
            None => per_field.push((field.clone(), *amount, c)),
        }
    }
    let move_cost = costs.transfer.as_ref().map_or(0.0, |t| t.per_year);
    for m in &moved {
        for (school, other, incoming) in [(m.from, m.to, false), (m.to, m.from, true)] {
            let id = &data.schools[school].id;
            let i = match per_school.iter().position(|x| &x.school_id == id) {
                Some(i) => i,
                None => {
                    per_school.push(SchoolPart {
                        school_id: id.clone(),
                        name: data.schools[school].name.clone(),
                        ..SchoolPart::default()
                    });
                    per_school.len() - 1
                }
            };
            let cost = if incoming { m.count * move_cost } else { 0.0 };
            let part = &mut per_school[i];
            part.cost += cost;
            part.moves.push(moves::Move {
                field: m.field.key().to_string(),
                count: m.count,
                other_id: data.schools[other].id.clone(),
                other_name: data.schools[other].name.clone(),
                incoming,
                cost,
            });
        }
    }
    for part in &mut per_school {
        for (ub, ua) in before.units.iter().zip(&evaluation.units) {
            if ub.school_id != part.school_id || ua.school_id != part.school_id {
                continue;
            }
            for (k, (rb, ra)) in ub.indicators.iter().zip(&ua.indicators).enumerate() {
                if !rb.met && ra.met {
                    part.fixes.push(format!(
                        "{} {}",
                        ub.level.zh(),
                        standard.indicators[k].short(true)
                    ));
                }
            }
            if !ub.passes && ua.passes {
                part.now_passing.push(ub.level.zh().to_string());
            }
        }
    }
    per_field.sort_by(|x, y| y.2.total_cmp(&x.2));
    Ok(Plan {
        status,
        total_cost,
        lower_bound: if status == PlanStatus::Optimal {
            lower_bound.min(total_cost)
        } else {
            lower_bound
        },
        changes,
        dataset,
        evaluation,
        message_zh: zh,
        message_en: en,
        rounds,
        cuts,
        elapsed_s: started.elapsed().as_secs_f64(),
        per_school,
        per_field,
        rounded_optimum: false,
        one_time_cost: 0.0,
        per_year_cost: 0.0,
        years_costed: 1.0,
    })
}
