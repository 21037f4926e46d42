//! The mixed-integer model of PLANNER.md and its outer-approximation loop, solved with HiGHS.
//!
//! Decision variables are the additions a(s, f) for each school and allowed field. Each section's
//! indicator is affine in them; the school rule is a set of MILP rows with binaries; each CV limit
//! is a second-order cone, handled by the extended formulation (one small cone per section,
//! t_i ≥ w_i d_i² ÷ (L·m), Σ t_i ≤ L·m) and tangent cuts added only where the current solution
//! violates a cone.

use super::{Progress, Rule};
use crate::evaluate::Evaluation;
use crate::model::{Dataset, Field, Level, Scope};
use crate::scenario::CostTable;
use crate::standard::{CvWeighting, Standard};
use highs::{Col, HighsModelStatus, RowProblem, Sense};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// The CV limit is tightened by this relative margin in the model, so that a plan the model
/// accepts meets the limit in the evaluator's arithmetic too.
pub const CV_MARGIN: f64 = 1e-6;

/// One section as the model sees it.
#[derive(Debug, Clone)]
pub struct Sec {
    pub school: usize,
    pub level: Level,
    pub students: f64,
    /// Per indicator: the baseline numerator and the additions that raise it, as
    /// (variable, numerator units per unit added).
    pub num: Vec<f64>,
    pub terms: Vec<Vec<(usize, f64)>>,
}

/// The fixed data of a planning problem.
pub struct Problem {
    /// (school index, field) of each addition variable.
    pub vars: Vec<(usize, Field)>,
    pub cost: Vec<f64>,
    pub integer: Vec<bool>,
    /// Upper bounds (∞ when free); used for the big-M of "CV over" binaries.
    pub cap: Vec<f64>,
    pub secs: Vec<Sec>,
    /// Per indicator: threshold per level (0 = none), scale.
    pub thresholds: Vec<[f64; 2]>,
    pub scale: Vec<f64>,
    pub min_met: usize,
    pub floor: f64,
    pub rule: Rule,
    /// (level, indicator) → the sections of that level, with their weights.
    pub cv_groups: Vec<CvGroup>,
}

/// The sections of one level and one indicator whose CV must stay within a limit.
pub struct CvGroup {
    pub level: Level,
    pub k: usize,
    pub limit: f64,
    pub members: Vec<usize>,
    pub weights: Vec<f64>,
}

impl Problem {
    /// Builds the problem from a baseline evaluation.
    pub fn new(
        data: &Dataset,
        standard: &Standard,
        ev: &Evaluation,
        allowed: &[Field],
        costs: &CostTable,
        rule: Rule,
    ) -> Problem {
        let mut vars: Vec<(usize, Field)> = Vec::new();
        let mut index: HashMap<(usize, Field), usize> = HashMap::new();
        let mut secs = Vec::with_capacity(ev.units.len());
        for u in &ev.units {
            let level = u.level;
            let mut num = Vec::with_capacity(standard.indicators.len());
            let mut terms = Vec::with_capacity(standard.indicators.len());
            for (k, ind) in standard.indicators.iter().enumerate() {
                num.push(u.indicators[k].numerator);
                let mut t = Vec::new();
                for &f in ind.numerator(level) {
                    if !allowed.contains(&f) {
                        continue;
                    }
                    let coef = if f.scope() == Scope::School {
                        u.share
                    } else {
                        1.0
                    };
                    if coef <= 0.0 {
                        continue;
                    }
                    let v = *index.entry((u.school, f)).or_insert_with(|| {
                        vars.push((u.school, f));
                        vars.len() - 1
                    });
                    t.push((v, coef));
                }
                terms.push(t);
            }
            secs.push(Sec {
                school: u.school,
                level,
                students: u.students,
                num,
                terms,
            });
        }
        let _ = data;
        let cost: Vec<f64> = vars.iter().map(|(_, f)| costs.cost(*f)).collect();
        let integer: Vec<bool> = vars.iter().map(|(_, f)| f.measure().is_count()).collect();
        let thresholds: Vec<[f64; 2]> = standard
            .indicators
            .iter()
            .map(|i| [i.threshold(Level::Primary), i.threshold(Level::Junior)])
            .collect();
        let scale: Vec<f64> = standard.indicators.iter().map(|i| i.def.scale).collect();
        let mut cv_groups = Vec::new();
        for level in Level::BOTH {
            let members: Vec<usize> = (0..secs.len())
                .filter(|&i| secs[i].level == level)
                .collect();
            if members.is_empty() {
                continue;
            }
            let weights: Vec<f64> = match standard.def.cv.weighting {
                CvWeighting::Enrolment => {
                    let p: f64 = members.iter().map(|&i| secs[i].students).sum();
                    members.iter().map(|&i| secs[i].students / p).collect()
                }
                CvWeighting::Unweighted => vec![1.0 / members.len() as f64; members.len()],
            };
            for k in 0..standard.indicators.len() {
                cv_groups.push(CvGroup {
                    level,
                    k,
                    limit: standard.cv_limit(level),
                    members: members.clone(),
                    weights: weights.clone(),
                });
            }
        }
        let mut p = Problem {
            cap: vec![f64::INFINITY; vars.len()],
            vars,
            cost,
            integer,
            secs,
            thresholds,
            scale,
            min_met: standard.def.school_rule.min_met,
            floor: standard.def.school_rule.floor_ratio,
            rule,
            cv_groups,
        };
        p.cap = p.natural_caps();
        p
    }

    /// The value of indicator `k` of section `i` under additions `a`.
    pub fn value(&self, i: usize, k: usize, a: &[f64]) -> f64 {
        let s = &self.secs[i];
        let num = s.num[k] + s.terms[k].iter().map(|&(v, c)| c * a[v]).sum::<f64>();
        num * self.scale[k] / s.students
    }

    /// What a section needs in numerator units to reach `ratio` × threshold of indicator `k`.
    pub fn need(&self, i: usize, k: usize, ratio: f64) -> f64 {
        let s = &self.secs[i];
        self.thresholds[k][s.level as usize] * ratio * s.students / self.scale[k]
    }

    /// A bound on each addition that no sensible plan exceeds: enough to bring every section the
    /// field serves up to the larger of the threshold and the county's highest value.
    fn natural_caps(&self) -> Vec<f64> {
        let mut top: HashMap<(Level, usize), f64> = HashMap::new();
        let zero = vec![0.0; self.vars.len()];
        for (i, s) in self.secs.iter().enumerate() {
            for k in 0..self.scale.len() {
                let v = self.value(i, k, &zero);
                let e = top.entry((s.level, k)).or_insert(0.0);
                *e = e.max(v).max(self.thresholds[k][s.level as usize]);
            }
        }
        let mut cap = vec![0.0_f64; self.vars.len()];
        for s in &self.secs {
            for k in 0..self.scale.len() {
                let target = top.get(&(s.level, k)).copied().unwrap_or(0.0);
                let need = (target * s.students / self.scale[k] - s.num[k]).max(0.0);
                for &(v, c) in &s.terms[k] {
                    let mut amount = need / c;
                    if self.integer[v] {
                        amount = amount.ceil();
                    }
                    cap[v] = cap[v].max(amount);
                }
            }
        }
        cap
    }

    /// The CV of a group under additions `a`.
    pub fn cv(&self, g: &CvGroup, a: &[f64]) -> (f64, Vec<f64>, f64) {
        let x: Vec<f64> = g.members.iter().map(|&i| self.value(i, g.k, a)).collect();
        let m: f64 = x.iter().zip(&g.weights).map(|(x, w)| w * x).sum();
        let var: f64 = x
            .iter()
            .zip(&g.weights)
            .map(|(x, w)| w * (x - m).powi(2))
            .sum();
        let cv = if m > 0.0 { var.sqrt() / m } else { 0.0 };
        (cv, x, m)
    }

    /// Whether a group's CV is over its limit under `a` (with the evaluator's tolerance).
    pub fn cv_over(&self, g: &CvGroup, a: &[f64]) -> bool {
        let (cv, _, _) = self.cv(g, a);
        !crate::evaluate::within(cv, g.limit)
    }

    /// Whether a section passes the school rule under `a`.
    pub fn passes(&self, i: usize, a: &[f64]) -> bool {
        let s = &self.secs[i];
        let l = s.level as usize;
        let mut met = 0;
        for k in 0..self.scale.len() {
            let t = self.thresholds[k][l];
            if t <= 0.0 {
                met += 1;
                continue;
            }
            let v = self.value(i, k, a);
            if crate::evaluate::reaches(v, t) {
                met += 1;
            } else if self.rule == Rule::Strict || !crate::evaluate::reaches(v, self.floor * t) {
                return false;
            }
        }
        match self.rule {
            Rule::Strict => true,
            Rule::National => met >= self.min_met,
        }
    }

    /// The cost of additions.
    pub fn cost_of(&self, a: &[f64]) -> f64 {
        a.iter().zip(&self.cost).map(|(a, c)| a * c).sum()
    }
}

/// What one MILP optimises.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Objective {
    /// Least cost; every section must pass and every CV meet its limit.
    MinCost,
    /// Most sections passing (CVs ignored).
    MaxPassing,
    /// Fewest CVs over their limit, with at least `min_passing` sections passing.
    MinCvOver,
}

/// The constraints and objective of one stage.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub objective: Objective,
    pub budget: Option<f64>,
    /// Every section must pass (MinCost without budget), or at least this many.
    pub all_pass: bool,
    pub min_passing: Option<usize>,
    /// CVs must all be met, or at most this many may be over (with binaries), or they are ignored.
    pub cv: CvMode,
    /// Apply the caps of [`Problem::cap`] as bounds.
    pub capped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CvMode {
    Ignore,
    AllMet,
    AtMostOver(Option<usize>),
}

/// Tangent cuts for one CV group: per member, (α, β) meaning t ≥ α·(X − M) − β·M.
#[derive(Default, Clone)]
pub struct Cuts {
    pub active: Vec<bool>,
    pub cuts: Vec<Vec<(usize, f64, f64)>>,
}

impl Cuts {
    pub fn new(groups: usize) -> Cuts {
        Cuts {
            active: vec![false; groups],
            cuts: vec![Vec::new(); groups],
        }
    }

    pub fn count(&self) -> usize {
        self.cuts.iter().map(Vec::len).sum()
    }
}

/// The result of one MILP.
pub struct Solved {
    pub a: Vec<f64>,
    pub objective: f64,
    /// The proven bound on the objective (equal to it at optimality).
    pub bound: f64,
    pub optimal: bool,
    /// Per CV group with an "over" binary: its value.
    pub over: Vec<bool>,
    /// Per CV group and member: the t values (for cut decisions).
    pub t: Vec<Vec<f64>>,
    pub passing: usize,
}

/// Why a MILP gave no plan.
#[derive(Debug, Clone, PartialEq)]
pub enum SolveFail {
    Infeasible,
    TimeLimit,
    Solver(String),
}

/// Builds and solves one MILP.
pub fn solve(
    p: &Problem,
    spec: &Spec,
    cuts: &Cuts,
    time_limit: f64,
    warm: Option<&[f64]>,
) -> Result<Solved, SolveFail> {
    let mut pb = RowProblem::default();
    let obj_cost = spec.objective == Objective::MinCost;
    let a: Vec<Col> = (0..p.vars.len())
        .map(|v| {
            let upper = if spec.capped { p.cap[v] } else { f64::INFINITY };
            let c = if obj_cost { p.cost[v] } else { 0.0 };
            if upper.is_finite() {
                pb.add_column_with_integrality(c, 0.0..=upper.max(0.0), p.integer[v])
            } else {
                pb.add_column_with_integrality(c, 0.0.., p.integer[v])
            }
        })
        .collect();
    let mut pass_cols: Vec<Option<Col>> = Vec::with_capacity(p.secs.len());
    let mut constant_passing = 0usize;
    for (i, s) in p.secs.iter().enumerate() {
        let l = s.level as usize;
        let pvar = if spec.all_pass {
            None
        } else {
            let c = if spec.objective == Objective::MaxPassing {
                -1.0
            } else {
                0.0
            };
            Some(pb.add_integer_column(c, 0.0..=1.0))
        };
        pass_cols.push(pvar);
        let mut y_terms: Vec<(Col, f64)> = Vec::new();
        let mut y_const = 0.0;
        for k in 0..p.scale.len() {
            let t = p.thresholds[k][l];
            if t <= 0.0 {
                y_const += 1.0;
                continue;
            }
            let base = s.num[k];
            let full = p.need(i, k, 1.0);
            let floor_need = if p.rule == Rule::Strict {
                full
            } else {
                p.need(i, k, p.floor)
            };
            let terms: Vec<(Col, f64)> = s.terms[k].iter().map(|&(v, c)| (a[v], c)).collect();
            // Floor (or, strict, the threshold itself): Σ c·a ≥ need·p − base.
            let floor_gap = floor_need * (1.0 + 1e-12) - base;
            if floor_gap > 0.0 {
                let mut row = terms.clone();
                match pvar {
                    None => pb.add_row(floor_gap.., row),
                    Some(pv) => {
                        row.push((pv, -floor_need * (1.0 + 1e-12)));
                        pb.add_row(-base.., row)
                    }
                }
            }
            if p.rule == Rule::National {
                if base >= full * (1.0 + 1e-12) || terms.is_empty() {
                    if crate::evaluate::reaches(base * p.scale[k] / s.students, t) {
                        y_const += 1.0;
                    }
                    continue;
                }
                let y = pb.add_integer_column(0.0, 0.0..=1.0);
                let mut row = terms;
                row.push((y, -full * (1.0 + 1e-12)));
                pb.add_row(-base.., row);
                y_terms.push((y, 1.0));
            }
        }
        if p.rule == Rule::National {
            let need = p.min_met as f64 - y_const;
            if need > 0.0 {
                match pvar {
                    None => pb.add_row(need.., y_terms),
                    Some(pv) => {
                        let mut row = y_terms;
                        row.push((pv, -need));
                        pb.add_row(0.0.., row)
                    }
                }
            }
        }
        if spec.all_pass {
            constant_passing += 1;
        }
    }
    if let Some(minp) = spec.min_passing {
        let row: Vec<(Col, f64)> = pass_cols.iter().flatten().map(|&c| (c, 1.0)).collect();
        pb.add_row((minp as f64 - constant_passing as f64).., row);
    }
    if let Some(b) = spec.budget {
        let row: Vec<(Col, f64)> = a
            .iter()
            .zip(&p.cost)
            .filter(|(_, c)| **c > 0.0)
            .map(|(col, c)| (*col, *c))
            .collect();
        pb.add_row(..=b, row);
    }
    // CV groups: X_i = value, M = Σ w X, t_i ≥ cuts, Σ t ≤ L'·M (+ big-M · over).
    let mut over_cols: Vec<Option<Col>> = vec![None; p.cv_groups.len()];
    let mut t_cols: Vec<Vec<Col>> = vec![Vec::new(); p.cv_groups.len()];
    if spec.cv != CvMode::Ignore {
        let zero = vec![0.0; p.vars.len()];
        for (gi, g) in p.cv_groups.iter().enumerate() {
            if !cuts.active[gi] {
                continue;
            }
            let limit = g.limit * (1.0 - CV_MARGIN);
            let xs: Vec<Col> = g
                .members
                .iter()
                .map(|&i| {
                    let s = &p.secs[i];
                    let x = pb.add_column::<f64, _>(0.0, ..);
                    let f = p.scale[g.k] / s.students;
                    let mut row = vec![(x, 1.0)];
                    for &(v, c) in &s.terms[g.k] {
                        row.push((a[v], -c * f));
                    }
                    let rhs = s.num[g.k] * f;
                    pb.add_row(rhs..=rhs, row);
                    x
                })
                .collect();
            let m = pb.add_column::<f64, _>(0.0, ..);
            let mut row = vec![(m, 1.0)];
            for (x, w) in xs.iter().zip(&g.weights) {
                row.push((*x, -w));
            }
            pb.add_row(0.0..=0.0, row);
            let ts: Vec<Col> = g
                .members
                .iter()
                .map(|_| pb.add_column(0.0, 0.0..))
                .collect();
            let mut row: Vec<(Col, f64)> = ts.iter().map(|t| (*t, 1.0)).collect();
            row.push((m, -limit));
            if let CvMode::AtMostOver(_) = spec.cv {
                // Big-M from the bounds: every t is at most w·D² ÷ (L·m₀).
                let (_, x0, m0) = p.cv(g, &zero);
                let hi = g
                    .members
                    .iter()
                    .map(|&i| {
                        let s = &p.secs[i];
                        p.value(i, g.k, &zero)
                            + s.terms[g.k]
                                .iter()
                                .map(|&(v, c)| c * p.cap[v] * p.scale[g.k] / s.students)
                                .sum::<f64>()
                    })
                    .fold(0.0, f64::max);
                let lo = x0.iter().copied().fold(f64::INFINITY, f64::min);
                let d = (hi - lo).max(0.0);
                let big = if m0 > 0.0 {
                    d * d / (limit * m0) * 1.01 + 1.0
                } else {
                    1e6
                };
                let c = if spec.objective == Objective::MinCvOver {
                    1.0
                } else {
                    0.0
                };
                let z = pb.add_integer_column(c, 0.0..=1.0);
                row.push((z, -big));
                over_cols[gi] = Some(z);
            }
            pb.add_row(..=0.0, row);
            for &(j, alpha, beta) in &cuts.cuts[gi] {
                // t_j − α·X_j + (α + β)·M ≥ 0
                pb.add_row(0.0.., [(ts[j], 1.0), (xs[j], -alpha), (m, alpha + beta)]);
            }
            t_cols[gi] = ts;
        }
        if let CvMode::AtMostOver(Some(max)) = spec.cv {
            let row: Vec<(Col, f64)> = over_cols.iter().flatten().map(|&z| (z, 1.0)).collect();
            if !row.is_empty() {
                pb.add_row(..=max as f64, row);
            }
        }
    }
    let ncols = pb.num_cols();
    let mut model = pb
        .try_optimise(Sense::Minimise)
        .map_err(|e| SolveFail::Solver(format!("{e:?}")))?;
    model.make_quiet();
    model.set_option("time_limit", time_limit.max(0.05));
    model.set_option("mip_rel_gap", 1e-6);
    model.set_option("threads", 1);
    if let Some(w) = warm {
        let mut cols = vec![0.0; ncols];
        for (v, x) in w.iter().enumerate() {
            cols[a[v].index()] = *x;
        }
        let _ = model.try_set_solution(Some(&cols), None, None, None);
    }
    let solved = model
        .try_solve()
        .map_err(|e| SolveFail::Solver(format!("{e:?}")))?;
    let status = solved.status();
    let has_solution = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    match status {
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            return Err(SolveFail::Infeasible)
        }
        HighsModelStatus::Optimal
        | HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget => {}
        other => return Err(SolveFail::Solver(format!("{other:?}"))),
    }
    if !has_solution {
        return Err(if status == HighsModelStatus::Optimal {
            SolveFail::Solver("no solution".into())
        } else {
            SolveFail::TimeLimit
        });
    }
    let sol = solved.get_solution();
    let cols = sol.columns();
    let values: Vec<f64> = a
        .iter()
        .enumerate()
        .map(|(v, c)| {
            let x = cols[c.index()].max(0.0);
            if p.integer[v] {
                x.round()
            } else if x < 1e-9 {
                0.0
            } else {
                x
            }
        })
        .collect();
    let objective = solved.objective_value();
    let optimal = status == HighsModelStatus::Optimal;
    let bound = if optimal {
        // Within the MIP gap: the dual bound is what is proven.
        solved
            .double_info_value(c"mip_dual_bound")
            .ok()
            .filter(|b| b.is_finite())
            .map_or(objective, |b| b.min(objective))
    } else {
        solved
            .double_info_value(c"mip_dual_bound")
            .ok()
            .filter(|b| b.is_finite())
            .unwrap_or(f64::NEG_INFINITY)
    };
    let over = over_cols
        .iter()
        .map(|z| z.is_some_and(|z| cols[z.index()] > 0.5))
        .collect();
    let t = t_cols
        .iter()
        .map(|ts| ts.iter().map(|t| cols[t.index()]).collect())
        .collect();
    let passing = constant_passing
        + pass_cols
            .iter()
            .flatten()
            .filter(|c| cols[c.index()] > 0.5)
            .count();
    Ok(Solved {
        a: values,
        objective,
        bound,
        optimal,
        over,
        t,
        passing,
    })
}

/// Adds tangent cuts where the solution violates a cone; returns how many CV groups are over
/// (and not allowed to be). A group is activated (its variables enter the model) the first time
/// it is found over.
pub fn add_cuts(p: &Problem, cuts: &mut Cuts, solved: &Solved) -> usize {
    let mut violated = 0;
    for (gi, g) in p.cv_groups.iter().enumerate() {
        if solved.over.get(gi).copied().unwrap_or(false) {
            continue;
        }
        let (cv, x, m) = p.cv(g, &solved.a);
        if cv <= g.limit * (1.0 - CV_MARGIN * 0.5) || m <= 0.0 {
            continue;
        }
        violated += 1;
        let limit = g.limit * (1.0 - CV_MARGIN);
        let first = !cuts.active[gi];
        cuts.active[gi] = true;
        for (j, (&xj, &w)) in x.iter().zip(&g.weights).enumerate() {
            let d = xj - m;
            let g_val = w * d * d / (limit * m);
            let t_now = if first {
                0.0
            } else {
                solved
                    .t
                    .get(gi)
                    .and_then(|t| t.get(j))
                    .copied()
                    .unwrap_or(0.0)
            };
            if g_val > t_now + 1e-12 * (1.0 + g_val) {
                let alpha = 2.0 * w * d / (limit * m);
                let beta = w * d * d / (limit * m * m);
                cuts.cuts[gi].push((j, alpha, beta));
            }
        }
    }
    violated
}

/// Makes every CV meet its limit by raising the lowest sections with the cheapest allowed
/// resource (a primal heuristic: it gives a plan, and so an upper bound, at every round).
/// Returns `None` when a CV cannot be brought down with the fields allowed.
pub fn repair(p: &Problem, a: &[f64]) -> Option<Vec<f64>> {
    let mut a = a.to_vec();
    for _ in 0..200_000 {
        let mut worst: Option<(usize, f64)> = None;
        for (gi, g) in p.cv_groups.iter().enumerate() {
            let (cv, _, _) = p.cv(g, &a);
            if cv > g.limit * (1.0 - CV_MARGIN) {
                let r = cv / g.limit;
                if worst.is_none_or(|(_, w)| r > w) {
                    worst = Some((gi, r));
                }
            }
        }
        let Some((gi, _)) = worst else {
            return Some(a);
        };
        let g = &p.cv_groups[gi];
        let (_, x, m) = p.cv(g, &a);
        // The lowest section that can be raised, and the next value above it (or the mean).
        let mut order: Vec<usize> = (0..x.len()).collect();
        order.sort_by(|&i, &j| x[i].total_cmp(&x[j]));
        let j = order
            .iter()
            .copied()
            .find(|&j| !p.secs[g.members[j]].terms[g.k].is_empty())?;
        let next = order
            .iter()
            .map(|&o| x[o])
            .find(|&v| v > x[j] * (1.0 + 1e-9) + 1e-12)
            .unwrap_or(m)
            .min(m.max(x[j]));
        let i = g.members[j];
        let s = &p.secs[i];
        let target = if next > x[j] { next } else { x[j] + m * 0.01 };
        let need_num = ((target - x[j]) * s.students / p.scale[g.k]).max(1e-9);
        // The cheapest way to add numerator units.
        let &(v, c) = s.terms[g.k]
            .iter()
            .min_by(|(v1, c1), (v2, c2)| (p.cost[*v1] / c1).total_cmp(&(p.cost[*v2] / c2)))?;
        let mut add = need_num / c;
        if p.integer[v] {
            add = add.ceil().max(1.0);
        }
        a[v] += add;
    }
    None
}

/// The outer-approximation loop for one stage: solve, cut, repeat until no cone is violated.
pub struct OaResult {
    pub solved: Solved,
    /// Whether the last solution meets every CV it must (the loop converged).
    pub converged: bool,
    pub rounds: usize,
    /// The best bound proven over the rounds (MinCost: the largest MILP bound).
    pub bound: f64,
    /// The cheapest plan found that meets every CV (MinCost only; from the heuristic or the
    /// converged solution), with its cost.
    pub incumbent: Option<(Vec<f64>, f64)>,
}

/// Runs the loop. `progress` is told after each round; `cancel` stops it between rounds.
#[allow(clippy::too_many_arguments)]
pub fn outer_approximation(
    p: &Problem,
    spec: &Spec,
    cuts: &mut Cuts,
    deadline: Instant,
    stage: &'static str,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&Progress),
    started: Instant,
) -> Result<OaResult, SolveFail> {
    let mut rounds = 0;
    let mut bound = f64::NEG_INFINITY;
    let mut incumbent: Option<(Vec<f64>, f64)> = None;
    let mut warm: Option<Vec<f64>> = None;
    loop {
        rounds += 1;
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        let solved = solve(p, spec, cuts, left, warm.as_deref())?;
        if spec.objective == Objective::MinCost {
            bound = bound.max(solved.bound);
        } else {
            bound = solved.bound;
        }
        let violated = if spec.cv == CvMode::Ignore {
            0
        } else {
            add_cuts(p, cuts, &solved)
        };
        if spec.objective == Objective::MinCost && spec.cv == CvMode::AllMet {
            let candidate = if violated == 0 {
                Some(solved.a.clone())
            } else {
                repair(p, &solved.a)
            };
            if let Some(c) = candidate {
                let cost = p.cost_of(&c);
                if incumbent.as_ref().is_none_or(|(_, best)| cost < *best) {
                    incumbent = Some((c, cost));
                }
            }
        }
        progress(&Progress {
            stage,
            round: rounds,
            bound,
            best: incumbent.as_ref().map(|(_, c)| *c),
            cvs_over: violated,
            cuts: cuts.count(),
            elapsed_s: started.elapsed().as_secs_f64(),
        });
        let out_of_time = Instant::now() >= deadline || !solved.optimal;
        let gap_closed = incumbent
            .as_ref()
            .is_some_and(|(_, c)| *c - bound <= 1e-4 * c.abs().max(1.0) * 0.01);
        if violated == 0 || out_of_time || cancel.load(Ordering::Relaxed) || gap_closed {
            return Ok(OaResult {
                converged: violated == 0,
                solved,
                rounds,
                bound,
                incumbent,
            });
        }
        warm = Some(solved.a.clone());
        if rounds >= 2_000 {
            return Ok(OaResult {
                converged: false,
                solved,
                rounds,
                bound,
                incumbent,
            });
        }
    }
}
