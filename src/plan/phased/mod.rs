//! Phased plans (DATA-FORMAT §4 "Phased plans", PLANNER.md): additions dated by year over a
//! projected timeline; what is added stays. Every year from the target year to the end passes —
//! each section its rule, each CV its limit less a margin — each year's spending (one-time costs
//! of that year's additions, yearly costs of everything added so far) stays within that year's
//! budget, and the total over the timeline is minimised and proven, by the same outer
//! approximation as a plan of one year over a model with one copy of every section per judged
//! year.

mod guarantee;
mod infeasible;

use super::milp::{Cuts, SolveFail, Spec};
use super::problem::{Builder, Kind, Problem};
use super::{oa, PlanError, PlanOptions, PlanStatus, Progress, Rule};
use crate::evaluate::{within, Evaluation};
use crate::model::{Dataset, Field};
use crate::scenario::{Change, CostTable, Scenario};
use crate::standard::Standard;
use crate::timeline::{timeline, Options as TimelineOptions, Timeline};
use infeasible::{partial_plan, why_infeasible};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// What a phased plan may do, and over which years.
#[derive(Debug, Clone, PartialEq)]
pub struct PhasedOptions {
    /// Unit costs (once and every year), the fields that may change, the rule, the time limit
    /// and rounding, as for a plan of one year (`years` is not used: each addition is costed
    /// from its year to the end).
    pub plan: PlanOptions,
    /// The projection: base year, last year, survival, intake.
    pub timeline: TimelineOptions,
    /// The first year that must pass.
    pub target_year: i32,
    /// What may be spent in a year, for the years that have a budget.
    pub budgets: BTreeMap<i32, f64>,
    /// Each CV must stay at least this far under its limit in every judged year.
    pub cv_margin: f64,
    /// The dated changes the plan starts from (a scenario already decided): applied before the
    /// plan's own, and counted in each year's spending against its budget. Empty for none.
    pub base: Scenario,
}

/// What is spent in one year of a phased plan.
#[derive(Debug, Clone, PartialEq)]
pub struct YearSpend {
    pub year: i32,
    /// One-time costs of the additions of this year.
    pub one_time: f64,
    /// Yearly costs of everything added this year and before.
    pub per_year: f64,
    pub spent: f64,
    pub budget: Option<f64>,
}

/// What one year's additions do: the section-indicators they bring to their thresholds and the
/// sections that pass because of them (judged on that year's enrolment, against the plan as it
/// stood the year before).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    pub year: i32,
    /// (school id, "小学 骨干教师").
    pub reaches: Vec<(String, String)>,
    /// (school id, "小学").
    pub now_passing: Vec<(String, String)>,
}

impl Step {
    /// "因此达标：第2学校 初中 骨干教师、…" and "整体达标：第2学校 初中", those it has, the
    /// schools named from `data`.
    pub fn sentences(&self, data: &Dataset, zh: bool) -> Vec<String> {
        let name = |id: &str| data.school(id).map_or(id.to_string(), |x| x.name.clone());
        let sep = if zh { "、" } else { ", " };
        let mut out = Vec::new();
        for (lead, list) in [
            (if zh { "因此达标：" } else { "Reaches: " }, &self.reaches),
            (
                if zh {
                    "整体达标："
                } else {
                    "Section passes: "
                },
                &self.now_passing,
            ),
        ] {
            if !list.is_empty() {
                let items: Vec<String> = list
                    .iter()
                    .map(|(id, what)| format!("{} {what}", name(id)))
                    .collect();
                out.push(format!("{lead}{}", items.join(sep)));
            }
        }
        out
    }
}

/// A phased plan: the dated changes, what each year costs, and the timeline they give.
#[derive(Debug, Clone)]
pub struct PhasedPlan {
    pub status: PlanStatus,
    /// The spending of every year, base year to the last, added up.
    pub total_cost: f64,
    pub lower_bound: f64,
    /// All one-time costs, and the yearly cost once everything is in place.
    pub one_time_cost: f64,
    pub per_year_cost: f64,
    /// The plan as a dated scenario (each change with its year).
    pub scenario: Scenario,
    pub years: Vec<YearSpend>,
    /// What each year's additions fix, base year to the last.
    pub steps: Vec<Step>,
    pub target_year: i32,
    pub cv_margin: f64,
    /// Every year projected with the plan's changes as of that year.
    pub timeline: Timeline,
    pub message_zh: String,
    pub message_en: String,
    pub rounds: usize,
    pub cuts: usize,
    pub elapsed_s: f64,
}

/// What a dated scenario spends in each year from `from` to `to` at these unit costs (an undated
/// change counts from `from`): the independent accounting of DATA-FORMAT §4.
pub fn spending(
    scenario: &Scenario,
    costs: &CostTable,
    from: i32,
    to: i32,
    budgets: &BTreeMap<i32, f64>,
) -> Vec<YearSpend> {
    (from..=to)
        .map(|year| {
            let (mut one_time, mut per_year) = (0.0, 0.0);
            for (i, c) in scenario.changes.iter().enumerate() {
                let y = scenario.year_of(i).unwrap_or(from).max(from);
                let (field, amount) = match c {
                    Change::Add { field, amount, .. } => (field, amount),
                    Change::Transfer { count, .. } => {
                        // A teacher moved is paid every year from the year of the move.
                        if y <= year {
                            per_year += count * costs.transfer.as_ref().map_or(0.0, |t| t.per_year);
                        }
                        continue;
                    }
                    _ => continue,
                };
                let Some(f) = Field::from_key(field) else {
                    continue;
                };
                let u = costs.unit(f);
                if y == year {
                    one_time += amount * u.once;
                }
                if y <= year {
                    per_year += amount * u.per_year;
                }
            }
            YearSpend {
                year,
                one_time,
                per_year,
                spent: one_time + per_year,
                budget: budgets.get(&year).copied(),
            }
        })
        .collect()
}

/// A dated scenario year by year, from the first of `span` (a timeline's years) and its first
/// dated change to the last of either: each year's spending at these unit costs and the
/// positions of the changes taking effect that year (an undated one in the first). `None` for a
/// scenario without years.
pub fn by_year(
    scenario: &Scenario,
    costs: &CostTable,
    span: Option<(i32, i32)>,
) -> Option<Vec<(YearSpend, Vec<usize>)>> {
    if !scenario.is_dated() {
        return None;
    }
    let dated = (0..scenario.changes.len()).filter_map(|i| scenario.year_of(i));
    let from = dated.clone().chain(span.map(|s| s.0)).min()?;
    let to = dated.chain(span.map(|s| s.1)).max()?;
    let years = spending(scenario, costs, from, to, &BTreeMap::new());
    Some(
        years
            .into_iter()
            .map(|y| {
                let changes = (0..scenario.changes.len())
                    .filter(|&i| scenario.year_of(i).unwrap_or(from) == y.year)
                    .collect();
                (y, changes)
            })
            .collect(),
    )
}

impl PhasedOptions {
    fn check(&self) -> Result<(), PlanError> {
        let t = &self.timeline;
        t.check()
            .map_err(|e| PlanError::Phased(e.to_string(), e.to_string()))?;
        if !(t.base_year..=t.to).contains(&self.target_year) {
            return Err(PlanError::Phased(
                format!(
                    "目标年份 {} 应在 {}–{} 年之间",
                    self.target_year, t.base_year, t.to
                ),
                format!(
                    "the target year {} must be within {}–{}",
                    self.target_year, t.base_year, t.to
                ),
            ));
        }
        if !(self.cv_margin.is_finite() && (0.0..0.2).contains(&self.cv_margin)) {
            return Err(PlanError::Phased(
                format!(
                    "差异系数余量应在 0 到 0.2 之间，而不是 {}",
                    crate::format::as_typed(self.cv_margin)
                ),
                format!(
                    "the CV margin must be from 0 to under 0.2, not {}",
                    crate::format::as_typed(self.cv_margin)
                ),
            ));
        }
        for (&year, &b) in &self.budgets {
            if !((t.base_year..=t.to).contains(&year) && b.is_finite() && b >= 0.0) {
                return Err(PlanError::Phased(
                    format!(
                        "{year} 年的预算 {} 无效：年份应在 {}–{} 年之间，预算应为非负数",
                        crate::format::as_typed(b),
                        t.base_year,
                        t.to
                    ),
                    format!(
                        "the budget of {year}, {}, is not valid: the year must be within {}–{} and the budget 0 or more",
                        crate::format::as_typed(b),
                        t.base_year,
                        t.to
                    ),
                ));
            }
        }
        self.plan.check_costs_and_limit()
    }
}

/// The model: one copy of every section per judged year, an addition per school, field and
/// year from the base year on, and a budget row per year that has one.
struct Model {
    p: Problem,
    /// The base data's school ids, by position.
    ids: Vec<String>,
    /// (school id, field, year) of each variable.
    keys: Vec<(String, Field, i32)>,
}

fn model(
    data: &Dataset,
    standard: &Standard,
    years: &[(i32, &Evaluation)],
    opts: &PhasedOptions,
    with_budgets: bool,
) -> Model {
    let (base, to) = (opts.timeline.base_year, opts.timeline.to);
    let costs = &opts.plan.costs;
    let school_index: HashMap<&str, usize> = data
        .schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut b = Builder::new(standard, &opts.plan.allowed, costs);
    let mut parts = Vec::new();
    for &(year, ev) in years {
        let mut part = Vec::with_capacity(ev.units.len());
        for u in &ev.units {
            if let Some(&school) = school_index.get(u.school_id.as_str()) {
                // What was added or moved in this year or any year before is there.
                part.push(b.section(u, school, base..=year));
            }
        }
        parts.push(part);
    }
    let move_cost = costs.transfer.as_ref().map_or(0.0, |t| t.per_year);
    // An addition of year y is paid once in y and every year from y to the end; a teacher
    // moved in y every year from y to the end.
    let (once, yearly): (Vec<f64>, Vec<f64>) = b
        .vars
        .iter()
        .zip(&b.kinds)
        .map(|((_, f), kind)| match kind {
            Kind::Add => {
                let u = costs.unit(*f);
                (u.once, u.per_year)
            }
            Kind::In => (0.0, move_cost),
            Kind::Out => (0.0, 0.0),
        })
        .unzip();
    let cost: Vec<f64> = (0..b.vars.len())
        .map(|v| {
            let y = b.years[v];
            // Of two plans that cost the same, the one that builds later (when it is needed):
            // a millionth more per year earlier, far inside the 0.01 % an optimum allows.
            (once[v] + yearly[v] * f64::from(to - y + 1)) * (1.0 + 1e-6 * f64::from(to - y))
        })
        .collect();
    let keys: Vec<(String, Field, i32)> = b
        .vars
        .iter()
        .zip(&b.years)
        .map(|((school, f), y)| (data.schools[*school].id.clone(), *f, *y))
        .collect();
    let (kinds, var_years) = (b.kinds, b.years);
    let mut p = Problem::assemble(
        standard,
        b.vars,
        cost,
        b.secs,
        opts.plan.rule,
        &parts,
        opts.cv_margin,
    );
    p.kinds = kinds;
    p.years = var_years;
    if let Some(t) = &costs.transfer {
        p.transfer_rows(
            |school, level| t.max_out_share * super::teachers(&data.schools[school], level),
            |school, f| data.schools[school].value(f),
        );
    }
    if with_budgets {
        for (&year, &budget) in &opts.budgets {
            let row: Vec<(usize, f64)> = (0..p.vars.len())
                .filter(|&v| p.years[v] <= year)
                .map(|v| {
                    let first = if p.years[v] == year { once[v] } else { 0.0 };
                    (v, first + yearly[v])
                })
                .filter(|&(_, c)| c > 0.0)
                .collect();
            p.budget_rows.push((year, p.rows.len()));
            p.rows.push((row, budget));
        }
    }
    let ids = data.schools.iter().map(|s| s.id.clone()).collect();
    Model { p, keys, ids }
}

/// The additions as a dated scenario, by year, then school, then field.
fn dated(m: &Model, a: &[f64]) -> Scenario {
    let mut order: Vec<usize> = (0..a.len())
        .filter(|&v| a[v] > 0.0 && m.p.kinds[v] == Kind::Add)
        .collect();
    order.sort_by(|&x, &y| {
        let (kx, ky) = (&m.keys[x], &m.keys[y]);
        kx.2.cmp(&ky.2)
            .then_with(|| m.p.vars[x].0.cmp(&m.p.vars[y].0))
            .then_with(|| kx.1.cmp(&ky.1))
    });
    let mut scenario = Scenario::new("phased plan", Vec::new());
    for v in order {
        let (school_id, field, year) = &m.keys[v];
        scenario.push(
            Change::Add {
                school_id: school_id.clone(),
                field: field.key().to_string(),
                amount: a[v],
            },
            Some(*year),
        );
    }
    // Teachers moved, after the additions of their year.
    for mv in super::moves::matched(&m.p, a) {
        scenario.insert_by_year(mv.change(&m.ids), mv.year);
    }
    scenario
}

/// `base`'s changes, then `plan`'s, each with its year: the whole dated scenario, from the
/// original data.
pub(crate) fn combined(base: &Scenario, plan: &Scenario) -> Scenario {
    let mut all = Scenario::new(&plan.name, Vec::new());
    for s in [base, plan] {
        for (i, c) in s.changes.iter().enumerate() {
            all.push(c.clone(), s.year_of(i));
        }
    }
    all
}

/// Every school of any year of a timeline, as a dataset to index the model's schools by: the
/// base year's, then those a scenario opens later, each as it first appears.
fn roster(tl: &Timeline) -> Dataset {
    let mut years = tl.years.iter();
    let Some(first) = years.next() else {
        return Dataset::default();
    };
    let mut out = first.data.clone();
    let mut seen: std::collections::HashSet<String> =
        out.schools.iter().map(|s| s.id.clone()).collect();
    for y in years {
        for s in &y.data.schools {
            if seen.insert(s.id.clone()) {
                out.schools.push(s.clone());
            }
        }
    }
    out
}

/// Whether every judged year of a timeline passes: each section its rule and each CV its limit
/// less the margin, as the evaluator computes them. `None` when it does; else the first failure.
pub fn first_year_failing(
    tl: &Timeline,
    standard: &Standard,
    target_year: i32,
    margin: f64,
    rule: Rule,
) -> Option<(i32, String)> {
    for y in tl.years.iter().filter(|y| y.year >= target_year) {
        let ev = &y.evaluation;
        if let Some(u) = ev
            .units
            .iter()
            .find(|u| !u.passes || (rule == Rule::Strict && u.indicators.iter().any(|r| !r.met)))
        {
            return Some((y.year, format!("{} {}", u.name, u.level.zh())));
        }
        for level in crate::model::Level::BOTH {
            for (k, c) in ev.cv[level as usize].iter().enumerate() {
                if !within(c.cv, c.limit - margin) {
                    let name = standard.indicators.get(k).map_or("", |i| i.short(true));
                    return Some((
                        y.year,
                        format!("{} {name} 差异系数 {}", level.zh(), crate::format::cv(c.cv)),
                    ));
                }
            }
        }
    }
    None
}

/// Finds the cheapest phased plan. `progress` is told after each round; `cancel` stops it
/// between rounds with the best plan so far.
pub fn plan_phased(
    data: &Dataset,
    standard: &Standard,
    opts: &PhasedOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&Progress),
) -> Result<PhasedPlan, PlanError> {
    let started = Instant::now();
    if standard.def.cv.composite_limit.is_some() {
        return Err(PlanError::Composite);
    }
    opts.check()?;
    let given = (!opts.base.changes.is_empty()).then_some(&opts.base);
    let projected = timeline(data, given, standard, &opts.timeline)
        .map_err(|e| PlanError::Phased(e.to_string(), e.to_string()))?;
    let (base, to) = (opts.timeline.base_year, opts.timeline.to);
    // What the base scenario spends comes first out of each year's budget.
    let base_spend = spending(&opts.base, &opts.plan.costs, base, to, &opts.budgets);
    if let Some(y) = base_spend
        .iter()
        .find(|y| y.budget.is_some_and(|b| y.spent > b + 1e-6))
    {
        let b = crate::format::wan(y.budget.unwrap_or(0.0));
        let spent = crate::format::wan(y.spent);
        return Err(PlanError::Phased(
            format!("所依据的方案在 {} 年已支出 {spent} 万元，超过该年预算 {b} 万元", y.year),
            format!(
                "the scenario the plan starts from already spends {spent} 万元 in {}, over that year's budget of {b} 万元",
                y.year
            ),
        ));
    }
    // The plan's own changes have what the base scenario leaves of each year's budget.
    let mut own_opts = opts.clone();
    own_opts.budgets = base_spend
        .iter()
        .filter_map(|y| y.budget.map(|b| (y.year, b - y.spent)))
        .collect();
    let own_opts = &own_opts;
    // Schools the base scenario opens are planned for too.
    let roster_owned;
    let data_roster: &Dataset = if given.is_some() {
        roster_owned = roster(&projected);
        &roster_owned
    } else {
        data
    };
    let judged: Vec<(i32, &Evaluation)> = projected
        .years
        .iter()
        .filter(|y| y.year >= own_opts.target_year)
        .map(|y| (y.year, &y.evaluation))
        .collect();
    if judged.iter().all(|(_, ev)| ev.units.is_empty()) {
        return Err(PlanError::Empty);
    }
    let m = model(data_roster, standard, &judged, own_opts, true);
    let deadline = started + Duration::from_secs_f64(own_opts.plan.time_limit);
    let mut cuts = Cuts::new(m.p.cv_groups.len());
    let spec = Spec::all_pass();
    let solved = oa::outer_approximation(
        &m.p, &spec, &mut cuts, deadline, "phased", cancel, progress, started,
    );
    let mut rounds = 0;
    let found = match solved {
        Ok(r) => {
            rounds = r.rounds;
            r.incumbent.map(|(a, cost)| (a, cost, r.bound))
        }
        Err(SolveFail::Infeasible) => None,
        Err(SolveFail::Solver(s)) => return Err(PlanError::Solver(s)),
        Err(SolveFail::TimeLimit) => None,
    };
    let Some((a, cost, bound)) = found else {
        let (zh, en) = why_infeasible(data_roster, standard, &judged, own_opts, deadline, cancel);
        // The best partial plan (DATA-FORMAT §4): the most section-years passing within the
        // budgets, then the least cost; CVs are not asked of it.
        let until = deadline.max(Instant::now() + Duration::from_secs(5));
        let partial = partial_plan(&m.p, until, cancel, progress, started);
        let own = partial.map_or_else(
            || Scenario::new("phased plan", Vec::new()),
            |a| dated(&m, &a),
        );
        let scenario = combined(&opts.base, &own);
        let tl = timeline(data, Some(&scenario), standard, &own_opts.timeline).unwrap_or(projected);
        let years = spending(&scenario, &own_opts.plan.costs, base, to, &opts.budgets);
        let spent = total(&years);
        return Ok(PhasedPlan::new(
            (PlanStatus::Infeasible, spent),
            scenario,
            years,
            Vec::new(),
            tl,
            own_opts,
            (zh, en),
            (rounds, cuts.count(), started),
        ));
    };
    let proven = super::problem::proven(cost, bound);
    let mut status = if proven {
        PlanStatus::Optimal
    } else {
        PlanStatus::Feasible
    };
    let (mut zh, mut en) = (String::new(), String::new());
    if !proven {
        // The gap is the plan's own, shown beside it (format::gap_percent).
        zh = "到达时间限制或已取消：返回目前最好的方案，未证明最优".to_string();
        en = "Time limit or cancel: the best plan so far, not proven optimal".to_string();
    }
    // Areas and money rounded up when asked, kept only where the budgets still hold.
    let mut additions = a;
    if own_opts.plan.round {
        let r = super::round::round_up(&m.p, &additions);
        if m.p.within_rows(&r) {
            additions = r;
        }
    }
    let mut own = dated(&m, &additions);
    let own_cost = |own: &Scenario| {
        total(&spending(
            own,
            &own_opts.plan.costs,
            base,
            to,
            &own_opts.budgets,
        ))
    };
    let before = own_cost(&own);
    // The rooms and classes of the guarantee items each judged year needs, within the budgets.
    let left_out = guarantee::add_guarantee(data, standard, opts, &opts.base, &mut own)
        .map_err(PlanError::Apply)?;
    let extra = own_cost(&own) - before;
    let scenario = combined(&opts.base, &own);
    // Verified by the same code that judges a timeline.
    let tl = timeline(data, Some(&scenario), standard, &own_opts.timeline)
        .map_err(|e| PlanError::Apply(e.to_string()))?;
    if let Some((year, what)) = first_year_failing(
        &tl,
        standard,
        own_opts.target_year,
        own_opts.cv_margin,
        own_opts.plan.rule,
    ) {
        status = PlanStatus::Infeasible;
        zh = format!("方案经逐年评估未能全部达标（{year} 年：{what}；数值容差），请报告此数据");
        en = format!("The evaluator does not confirm the plan ({year}: {what}; a numeric tolerance); please report this data");
    }
    if !left_out.is_empty() {
        let (z, e) = guarantee::left_out_message(&left_out);
        zh = [zh, z]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("；");
        en = [en, e]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
    }
    let years = spending(&scenario, &own_opts.plan.costs, base, to, &opts.budgets);
    let steps = steps(&projected, &tl, &own, standard);
    let lower_bound = bound + extra.max(0.0) + total(&base_spend);
    Ok(PhasedPlan::new(
        (status, lower_bound),
        scenario,
        years,
        steps,
        tl,
        own_opts,
        (zh, en),
        (rounds, cuts.count(), started),
    ))
}

/// What the years spend, added up.
fn total(years: &[YearSpend]) -> f64 {
    years.iter().map(|y| y.spent).sum()
}

impl PhasedPlan {
    /// The plan, its totals from its years: all spent, all one-time, the yearly cost once
    /// everything is in place; the bound at most the total.
    #[allow(clippy::too_many_arguments)]
    fn new(
        (status, lower_bound): (PlanStatus, f64),
        scenario: Scenario,
        years: Vec<YearSpend>,
        steps: Vec<Step>,
        timeline: Timeline,
        opts: &PhasedOptions,
        (message_zh, message_en): (String, String),
        (rounds, cuts, started): (usize, usize, Instant),
    ) -> PhasedPlan {
        let total_cost = total(&years);
        PhasedPlan {
            status,
            total_cost,
            lower_bound: lower_bound.min(total_cost),
            one_time_cost: years.iter().map(|y| y.one_time).sum(),
            per_year_cost: years.last().map_or(0.0, |y| y.per_year),
            scenario,
            years,
            steps,
            target_year: opts.target_year,
            cv_margin: opts.cv_margin,
            timeline,
            message_zh,
            message_en,
            rounds,
            cuts,
            elapsed_s: started.elapsed().as_secs_f64(),
        }
    }
}

/// What each year's additions fix: that year evaluated with the plan as of the year before and
/// as of the year itself.
fn steps(
    projected: &Timeline,
    planned: &Timeline,
    scenario: &Scenario,
    standard: &Standard,
) -> Vec<Step> {
    let mut out = Vec::new();
    for (bare, with) in projected.years.iter().zip(&planned.years) {
        let year = bare.year;
        let mut step = Step {
            year,
            ..Step::default()
        };
        let adds_this_year = (0..scenario.changes.len()).any(|i| scenario.year_of(i) == Some(year));
        let before = if adds_this_year {
            crate::scenario::apply(&bare.data, &scenario.as_of(year - 1))
                .ok()
                .map(|d| crate::evaluate::evaluate(&d, standard))
        } else {
            None
        };
        if let Some(before) = before {
            let sections = with.sections();
            for ub in &before.units {
                let Some(ua) = sections.get(&(ub.school_id.as_str(), ub.level)) else {
                    continue;
                };
                for (k, (rb, ra)) in ub.indicators.iter().zip(&ua.indicators).enumerate() {
                    if !rb.met && ra.met {
                        step.reaches.push((
                            ub.school_id.clone(),
                            format!("{} {}", ub.level.zh(), standard.indicators[k].short(true)),
                        ));
                    }
                }
                if !ub.passes && ua.passes {
                    step.now_passing
                        .push((ub.school_id.clone(), ub.level.zh().to_string()));
                }
            }
        }
        out.push(step);
    }
    out
}

impl PhasedPlan {
    /// (best − bound) ÷ best.
    pub fn gap(&self) -> f64 {
        if self.total_cost > 0.0 {
            ((self.total_cost - self.lower_bound) / self.total_cost).max(0.0)
        } else {
            0.0
        }
    }

    /// The JSON of DATA-FORMAT §4 for a phased plan: the keys of a plan of one year (with
    /// `evaluation` that of the target year), each change with its `"year"`, and `years`.
    pub fn to_json(&self, standard: &Standard) -> serde_json::Value {
        let target = self
            .timeline
            .years
            .iter()
            .find(|y| y.year == self.target_year)
            .map(|y| y.evaluation.to_json(standard));
        serde_json::json!({
            "status": self.status.key(),
            "total_cost": self.total_cost,
            "one_time_cost": self.one_time_cost,
            "per_year_cost": self.per_year_cost,
            "lower_bound": self.lower_bound,
            "changes": self.scenario.changes_json(),
            "years": self.years.iter().map(|y| serde_json::json!({
                "year": y.year,
                "one_time": y.one_time,
                "per_year": y.per_year,
                "spent": y.spent,
                "budget": y.budget,
            })).collect::<Vec<_>>(),
            "steps": self.steps.iter().map(|st| serde_json::json!({
                "year": st.year,
                "reaches": st.reaches.iter().map(|(id, what)| serde_json::json!({"school_id": id, "what": what})).collect::<Vec<_>>(),
                "now_passing": st.now_passing.iter().map(|(id, level)| serde_json::json!({"school_id": id, "level": level})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "evaluation": target,
            "target_year": self.target_year,
            "base_year": self.timeline.base_year,
            "to": self.timeline.years.last().map(|y| y.year),
            "cv_margin": self.cv_margin,
            "timeline": self.timeline.to_json(standard),
            "gap": self.gap(),
            "message": self.message_zh,
            "message_en": self.message_en,
            "rounds": self.rounds,
            "cuts": self.cuts,
            "seconds": self.elapsed_s,
        })
    }
}
