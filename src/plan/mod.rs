//! The planner (`junheng plan`, and 生成方案 in the app): the cheapest additions after which every
//! section passes the school rule and every CV meets its limit — exactly, by a mixed-integer model
//! whose CV cones are handled by outer approximation (../shared/PLANNER.md), solved with HiGHS.
//!
//! With a budget: the additions within it that make the most sections pass, then leave the fewest
//! CVs over their limit, then cost least (three solves, each fixing the one before).

mod costs;
mod cuts;
mod diagnose;
pub mod explain;
mod finish;
mod interrupt;
mod milp;
pub mod moves;
mod oa;
pub mod phased;
mod problem;
mod repair;
mod round;
mod rows;

pub use costs::{plan, MAX_YEARS_COSTED};
pub use round::unit as round_unit;

use crate::evaluate::{evaluate, Evaluation};
use crate::model::{Dataset, Field, Level};
use crate::scenario::{Change, CostTable, Scenario};
use crate::standard::Standard;
use diagnose::structural_problems;
use milp::{Cuts, CvMode, Objective, SolveFail, Spec};
use problem::Problem;
use serde::{Deserialize, Serialize};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// The school rule the plan must meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The standard's rule: 6 of 7 met, the rest at 85% or more.
    #[default]
    National,
    /// Every indicator met.
    Strict,
}

/// What the planner may do.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOptions {
    /// Unit costs, in 元 per unit of each field.
    pub costs: CostTable,
    /// The fields the planner may increase; any other field is never changed.
    pub allowed: Vec<Field>,
    pub budget: Option<f64>,
    pub rule: Rule,
    /// Seconds before the best plan so far is returned with its gap.
    pub time_limit: f64,
    /// Round the continuous additions up to whole m² and 100 元 (and verify the result again).
    pub round: bool,
    /// The years over which what recurs is costed (`--years`, 1 by default): the cost
    /// minimised is one-time + years × yearly.
    pub years: f64,
}

impl PlanOptions {
    /// The options of a COSTS.json (DATA-FORMAT.md §4): every field it names may change.
    pub fn from_costs(costs: CostTable) -> Result<PlanOptions, String> {
        let mut allowed = Vec::new();
        for key in costs.costs.keys() {
            match Field::from_key(key) {
                Some(f) => allowed.push(f),
                None => {
                    let hint = Field::suggest(key)
                        .map(|f| format!("（是否指“{0}”？/ did you mean \"{0}\"?）", f.key()))
                        .unwrap_or_default();
                    return Err(format!(
                        "单价表中的“{key}”不是数据字段 / \"{key}\" in the costs is not a data field{hint}"
                    ));
                }
            }
        }
        Ok(PlanOptions {
            costs,
            allowed,
            budget: None,
            rule: Rule::National,
            time_limit: 60.0,
            round: false,
            years: 1.0,
        })
    }
}

impl PlanOptions {
    /// The unit costs (each part 0 to [`MAX_UNIT_COST`], the transfer block valid) and the time
    /// limit (1 s to a day), as every planner needs them.
    pub(crate) fn check_costs_and_limit(&self) -> Result<(), PlanError> {
        for (k, c) in &self.costs.costs {
            for part in [c.once, c.per_year] {
                if !(part.is_finite() && (0.0..=MAX_UNIT_COST).contains(&part)) {
                    return Err(PlanError::NegativeCost(format!(
                        "{k} = {}",
                        crate::format::as_typed(part)
                    )));
                }
            }
        }
        self.costs.check().map_err(PlanError::NegativeCost)?;
        if !(self.time_limit.is_finite() && (1.0..=86_400.0).contains(&self.time_limit)) {
            return Err(PlanError::TimeLimit(self.time_limit));
        }
        Ok(())
    }
}

/// How good the plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Cost proven minimal within 0.01%.
    Optimal,
    /// A plan that passes, with `lower_bound` the best proven bound (time limit or cancel).
    Feasible,
    /// No plan within the fields and budget given: `changes` is the best partial plan.
    Infeasible,
}

impl PlanStatus {
    pub fn key(self) -> &'static str {
        match self {
            PlanStatus::Optimal => "optimal",
            PlanStatus::Feasible => "feasible",
            PlanStatus::Infeasible => "infeasible",
        }
    }
}

/// Reported after each round of the solve.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub stage: &'static str,
    pub round: usize,
    /// The proven lower bound on the cost (MinCost stage), or the stage's objective bound.
    pub bound: f64,
    /// The cost of the best plan so far that passes everything, when there is one.
    pub best: Option<f64>,
    /// CVs over their limit at this round's solution (before cuts).
    pub cvs_over: usize,
    pub cuts: usize,
    pub elapsed_s: f64,
}

impl Progress {
    /// (best − bound) ÷ best, when there is a plan.
    pub fn gap(&self) -> Option<f64> {
        self.best.map(|b| {
            if b > 0.0 {
                ((b - self.bound) / b).max(0.0)
            } else {
                0.0
            }
        })
    }
}

/// One school's part of the plan, for the leadership explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct SchoolPart {
    pub school_id: String,
    pub name: String,
    /// (field key, amount, cost).
    pub additions: Vec<(String, f64, f64)>,
    pub cost: f64,
    /// "小学 骨干教师" … the section-indicators that reach their threshold because of it.
    pub fixes: Vec<String>,
    /// Sections that pass after the plan and did not before.
    pub now_passing: Vec<String>,
    /// Teachers it sends or receives (交流轮岗).
    pub moves: Vec<moves::Move>,
}

/// The planner's answer.
#[derive(Debug, Clone)]
pub struct Plan {
    pub status: PlanStatus,
    pub total_cost: f64,
    pub lower_bound: f64,
    pub changes: Vec<Change>,
    /// The data after the plan (and the base scenario, if any).
    pub dataset: Dataset,
    pub evaluation: Evaluation,
    /// What the user should know: why infeasible, time limit, cancelled.
    pub message_zh: String,
    pub message_en: String,
    pub rounds: usize,
    pub cuts: usize,
    pub elapsed_s: f64,
    pub per_school: Vec<SchoolPart>,
    /// (field key, units, cost), largest cost first.
    pub per_field: Vec<(String, f64, f64)>,
    /// The proven cheapest plan with its areas and money rounded up (`--round`, the window):
    /// `status` then says `feasible` when rounding cost more than 0.01 %, and `lower_bound` is the
    /// unrounded optimum.
    pub rounded_optimum: bool,
    /// What the plan pays once, what it pays every year, and over how many years `total_cost`
    /// counts the latter (DATA-FORMAT §4).
    pub one_time_cost: f64,
    pub per_year_cost: f64,
    pub years_costed: f64,
}

impl Plan {
    /// (best − bound) ÷ best.
    pub fn gap(&self) -> f64 {
        if self.total_cost > 0.0 {
            ((self.total_cost - self.lower_bound) / self.total_cost).max(0.0)
        } else {
            0.0
        }
    }

    /// The plan as a scenario (DATA-FORMAT.md §2).
    pub fn scenario(&self, name: &str) -> Scenario {
        Scenario {
            name: name.to_string(),
            changes: self.changes.clone(),
            years: Vec::new(),
        }
    }

    /// The JSON of DATA-FORMAT.md §4, with the explanation after the contract's keys.
    pub fn to_json(&self, standard: &Standard) -> serde_json::Value {
        serde_json::json!({
            "status": self.status.key(),
            "total_cost": self.total_cost,
            "one_time_cost": self.one_time_cost,
            "per_year_cost": self.per_year_cost,
            "years_costed": self.years_costed,
            "lower_bound": self.lower_bound,
            "changes": self.changes,
            "evaluation": self.evaluation.to_json(standard),
            "gap": self.gap(),
            "rounded_optimum": self.rounded_optimum,
            "message": self.message_zh,
            "message_en": self.message_en,
            "rounds": self.rounds,
            "cuts": self.cuts,
            "seconds": self.elapsed_s,
            "per_school": self.per_school.iter().map(|s| serde_json::json!({
                "school_id": s.school_id,
                "name": s.name,
                "cost": s.cost,
                "additions": s.additions.iter().map(|(f, a, c)| serde_json::json!({"field": f, "amount": a, "cost": c})).collect::<Vec<_>>(),
                "fixes": s.fixes,
                "now_passing": s.now_passing,
                "moves": s.moves,
            })).collect::<Vec<_>>(),
            "per_field": self.per_field.iter().map(|(f, a, c)| serde_json::json!({"field": f, "amount": a, "cost": c})).collect::<Vec<_>>(),
        })
    }
}

/// The most a unit of anything may cost (元): a billion, far above any building or salary, and
/// well inside the solver's numerical range.
pub const MAX_UNIT_COST: f64 = 1e9;

/// Why no plan could be made at all.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("规划器只支持逐项差异系数限值的标准；综合差异系数（2012 标准）不是凸约束，无法精确求解 / the planner supports standards with a limit per CV; a composite CV (2012) is not a convex constraint")]
    Composite,
    #[error("数据中没有可评估的学段 / the data has no section to plan for")]
    Empty,
    #[error("单价应为 0 到 {MAX_UNIT_COST} 元之间的数：{0} / a unit cost must be a number from 0 to {MAX_UNIT_COST} yuan: {0}")]
    NegativeCost(String),
    #[error("时间限制应为 1 到 86400 秒之间的数，不是 {0} / the time limit must be a number of seconds from 1 to 86400, not {0}")]
    TimeLimit(f64),
    #[error("预算应为非负数，不是 {0} / the budget must be 0 or more, not {0}")]
    Budget(f64),
    #[error("求解器出错 / the solver failed: {0}")]
    Solver(String),
    #[error("计费年数应为 1 到 100 年，而不是 {0} / the years costed must be 1 to 100, not {0}")]
    YearsCosted(f64),
    #[error("方案无法应用 / the plan could not be applied: {0}")]
    Apply(String),
    /// A phased plan's years, budgets or margin (Chinese, English).
    #[error("{0} / {1}")]
    Phased(String, String),
}

/// Finds the plan, every unit cost already what it costs over the years costed
/// ([`costs::plan`] folds them and splits the result again).
fn plan_folded(
    data: &Dataset,
    standard: &Standard,
    options: &PlanOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Plan, PlanError> {
    let started = Instant::now();
    if standard.def.cv.composite_limit.is_some() {
        return Err(PlanError::Composite);
    }
    options.check_costs_and_limit()?;
    if let Some(b) = options.budget {
        if !(b.is_finite() && b >= 0.0) {
            return Err(PlanError::Budget(b));
        }
    }
    let ev = evaluate(data, standard);
    if ev.units.is_empty() {
        return Err(PlanError::Empty);
    }
    let mut p = Problem::new(
        standard,
        &ev,
        &options.allowed,
        &options.costs,
        options.rule,
    );
    if let Some(t) = &options.costs.transfer {
        p.transfer_rows(
            |school, level| t.max_out_share * teachers(&data.schools[school], level),
            |school, f| data.schools[school].value(f),
        );
    }
    let deadline = started + Duration::from_secs_f64(options.time_limit.clamp(0.1, 86_400.0));
    let mut cuts = Cuts::new(p.cv_groups.len());
    let mut rounds = 0;
    let problems = structural_problems(&p, &ev, standard);
    let fail = |e: SolveFail| match e {
        SolveFail::Solver(s) => PlanError::Solver(s),
        SolveFail::Infeasible => PlanError::Solver("infeasible stage".into()),
        SolveFail::TimeLimit => PlanError::Solver("time limit before any solution".into()),
    };

    if options.budget.is_none() && problems.is_empty() {
        // The cheapest plan that passes everything.
        let spec = Spec::all_pass();
        match oa::outer_approximation(
            &p, &spec, &mut cuts, deadline, "min_cost", cancel, progress, started,
        ) {
            Ok(r) => {
                rounds += r.rounds;
                if let Some((a, cost)) = r.incumbent {
                    let proven = problem::proven(cost, r.bound);
                    let status = if proven {
                        PlanStatus::Optimal
                    } else {
                        PlanStatus::Feasible
                    };
                    let (zh, en) = if proven {
                        (String::new(), String::new())
                    } else {
                        // The gap itself is the plan's `gap`, shown beside it in one policy
                        // (format::gap_percent) and after any rounding; a second figure here
                        // would be of the plan before rounding.
                        let (why_zh, why_en) = if cancel.load(std::sync::atomic::Ordering::Relaxed)
                        {
                            ("已取消", "Cancelled")
                        } else {
                            ("到达时间限制", "Time limit reached")
                        };
                        (
                            format!("{why_zh}：返回目前最好的方案，未证明最优"),
                            format!("{why_en}: the best plan so far, not proven optimal"),
                        )
                    };
                    return round::finish(
                        data,
                        standard,
                        (
                            &options.allowed,
                            &options.costs,
                            options.budget,
                            options.round,
                        ),
                        &ev,
                        &p,
                        &a,
                        status,
                        r.bound.min(cost),
                        (zh, en),
                        rounds,
                        cuts.count(),
                        started,
                    );
                }
                // No plan meets every CV yet (time limit or cancel before one was found).
                let (zh, en) = (
                    "在时间限制内未找到满足全部差异系数的方案；以下为目前的方案".to_string(),
                    "No plan meeting every CV was found within the time limit; this is the current one".to_string(),
                );
                return round::finish(
                    data,
                    standard,
                    (
                        &options.allowed,
                        &options.costs,
                        options.budget,
                        options.round,
                    ),
                    &ev,
                    &p,
                    &r.solved.a,
                    PlanStatus::Infeasible,
                    r.bound,
                    (zh, en),
                    rounds,
                    cuts.count(),
                    started,
                );
            }
            Err(SolveFail::Infeasible) => {}
            Err(e) => return Err(fail(e)),
        }
    }

    // Budget mode, or no plan can pass everything: most sections passing, then fewest CVs over,
    // then least cost.
    let capped = true;
    let stage1 = Spec {
        objective: Objective::MaxPassing,
        budget: options.budget,
        all_pass: false,
        min_passing: None,
        cv: CvMode::Ignore,
        capped,
    };
    let r1 = oa::outer_approximation(
        &p,
        &stage1,
        &mut cuts,
        deadline,
        "max_passing",
        cancel,
        progress,
        started,
    )
    .map_err(fail)?;
    rounds += r1.rounds;
    let best_passing = r1.solved.passing;
    let stage2 = Spec {
        objective: Objective::MinCvOver,
        min_passing: Some(best_passing),
        cv: CvMode::AtMostOver(None),
        ..stage1
    };
    let r2 = oa::outer_approximation(
        &p,
        &stage2,
        &mut cuts,
        deadline,
        "min_cv_over",
        cancel,
        progress,
        started,
    );
    let (over, r2_solution) = match r2 {
        Ok(r) => {
            rounds += r.rounds;
            (
                r.solved.over.iter().filter(|o| **o).count(),
                Some(r.solved.a),
            )
        }
        Err(_) => (p.cv_groups.len(), None),
    };
    let stage3 = Spec {
        objective: Objective::MinCost,
        cv: CvMode::AtMostOver(Some(over)),
        ..stage2
    };
    let r3 = oa::outer_approximation(
        &p, &stage3, &mut cuts, deadline, "min_cost", cancel, progress, started,
    );
    let (a, bound, converged) = match r3 {
        Ok(r) => {
            rounds += r.rounds;
            let conv = r.converged && r.solved.optimal;
            (r.solved.a, r.bound, conv)
        }
        Err(_) => match r2_solution {
            Some(a) => {
                let c = p.cost_of(&a);
                (a, c, false)
            }
            None => (r1.solved.a.clone(), p.cost_of(&r1.solved.a), false),
        },
    };
    let total = p.secs.len();
    let passing = (0..total).filter(|&i| p.passes(i, &a)).count();
    let cvs_over = p.cv_groups.iter().filter(|g| p.cv_over(g, &a)).count();
    let everything = passing == total && cvs_over == 0;
    let status = if everything {
        if converged {
            PlanStatus::Optimal
        } else {
            PlanStatus::Feasible
        }
    } else {
        PlanStatus::Infeasible
    };
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if !everything {
        match options.budget {
            Some(b) if problems.is_empty() => {
                zh.push(format!(
                    "预算 {:.2} 万元不足以使全部达标：预算内最多 {passing}/{total} 个评估单元达标，{cvs_over} 项差异系数仍超限",
                    b / 10_000.0
                ));
                en.push(format!(
                    "A budget of {b:.0} yuan is not enough: at most {passing} of {total} sections pass within it, and {cvs_over} CVs stay over their limit"
                ));
            }
            _ => {
                zh.push(format!(
                    "无法使全部达标：最多 {passing}/{total} 个评估单元达标，{cvs_over} 项差异系数仍超限"
                ));
                en.push(format!(
                    "No plan passes everything: at most {passing} of {total} sections pass, and {cvs_over} CVs stay over their limit"
                ));
            }
        }
    }
    for (z, e) in problems {
        zh.push(z);
        en.push(e);
    }
    round::finish(
        data,
        standard,
        (
            &options.allowed,
            &options.costs,
            options.budget,
            options.round,
        ),
        &ev,
        &p,
        &a,
        status,
        if everything { bound } else { p.cost_of(&a) },
        (zh.join("；"), en.join("; ")),
        rounds,
        cuts.count(),
        started,
    )
}

/// What each school needs of music rooms, art rooms and classes to meet the computed guarantee
/// items (one room of each per 12 classes; classes enough that evenly spread they fit the
/// largest class allowed), for the fields that may change: (school id, field, amount).
pub fn guarantee_additions(
    data: &Dataset,
    standard: &Standard,
    allowed: &[Field],
) -> Vec<(String, Field, f64)> {
    use crate::evaluate::conditions::{evaluate_conditions, Lack};
    let mut out = Vec::new();
    for sc in evaluate_conditions(data, standard) {
        for r in &sc.results {
            for lack in &r.lacks {
                let (field, amount) = match lack {
                    Lack::MusicRooms { needed, have } => (Field::MusicRooms, needed - have),
                    Lack::ArtRooms { needed, have } => (Field::ArtRooms, needed - have),
                    Lack::ClassTooLarge {
                        level, add_classes, ..
                    } => (
                        match level {
                            Level::Primary => Field::ClassesPrimary,
                            Level::Junior => Field::ClassesJunior,
                        },
                        *add_classes,
                    ),
                    _ => continue,
                };
                if amount > 0.0 && allowed.contains(&field) {
                    out.push((sc.school_id.clone(), field, amount.ceil()));
                }
            }
        }
    }
    out
}

/// A school's teachers of a level, what the share it may send is of.
pub(crate) use crate::scenario::teachers;

/// The default fields the planner may increase: those of DATA-FORMAT.md §4's example.
pub fn default_allowed() -> Vec<Field> {
    vec![
        Field::QualifiedPrimary,
        Field::QualifiedJunior,
        Field::BackbonePrimary,
        Field::BackboneJunior,
        Field::PeArtPrimary,
        Field::PeArtJunior,
        Field::TeachingAreaM2,
        Field::SportsAreaM2,
        Field::EquipmentValueYuan,
        Field::MultimediaRooms,
    ]
}
