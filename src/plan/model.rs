//! The mixed-integer model of PLANNER.md and its outer-approximation loop, solved with HiGHS.
//!
//! Decision variables are the additions a(s, f) for each school and allowed field. Each section's
//! indicator is affine in them; the school rule is a set of MILP rows with binaries; each CV limit
//! is a second-order cone, handled by the extended formulation (one small cone per section,
//! t_i ≥ w_i d_i² ÷ (L·m), Σ t_i ≤ L·m) and tangent cuts added only where the current solution
//! violates a cone.

use super::{Progress, Rule};
use crate::evaluate::Evaluation;
use crate::model::{Field, Level, Scope};
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

    /// The CV of a group under additions `a`, with the values and their weighted mean.
    pub fn cv(&self, g: &CvGroup, a: &[f64]) -> (f64, Vec<f64>, f64) {
        let x: Vec<f64> = g.members.iter().map(|&i| self.value(i, g.k, a)).collect();
        let (cv, m) = weighted_cv(&x, &g.weights);
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

/// The weighted CV (population form, weights summing to 1) and the weighted mean.
fn weighted_cv(x: &[f64], w: &[f64]) -> (f64, f64) {
    let m: f64 = x.iter().zip(w).map(|(x, w)| w * x).sum();
    let var: f64 = x.iter().zip(w).map(|(x, w)| w * (x - m).powi(2)).sum();
    (if m > 0.0 { var.sqrt() / m } else { 0.0 }, m)
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

/// The objective is in 万元, so that its coefficients are of the size of the rows'.
const OBJ_UNIT: f64 = 10_000.0;

/// How many units of a field one model variable stands for: 1 for counts; for m² and 元, what
/// 1 万元 buys, so that every column has coefficients of a similar size (HiGHS is sensitive to
/// a column in 元 beside one in teachers).
fn unit(p: &Problem, v: usize) -> f64 {
    if p.integer[v] || p.cost[v] <= 0.0 {
        1.0
    } else {
        OBJ_UNIT / p.cost[v]
    }
}

/// A model built for HiGHS, with the columns the loop needs to read and to cut on.
pub struct Built {
    model: Option<highs::Model>,
    a: Vec<Col>,
    units: Vec<f64>,
    pass_cols: Vec<Option<Col>>,
    constant_passing: usize,
    over_cols: Vec<Option<Col>>,
    t_cols: Vec<Vec<Col>>,
    x_cols: Vec<Vec<Col>>,
    m_cols: Vec<Option<Col>>,
    /// The "meets the threshold" binaries: (column, section, indicator).
    y_cols: Vec<(Col, usize, usize)>,
    /// Cuts of each group already rows of the model.
    cuts_in: Vec<usize>,
    /// The groups active when it was built.
    active: Vec<bool>,
    obj_cost: bool,
    relax: bool,
    ncols: usize,
}

/// Builds and solves one MILP (or, with `relax`, its continuous relaxation).
pub fn solve(
    p: &Problem,
    spec: &Spec,
    cuts: &Cuts,
    time_limit: f64,
    warm: Option<&[f64]>,
    relax: bool,
) -> Result<Solved, SolveFail> {
    let mut built = build(p, spec, cuts, relax)?;
    run(p, &mut built, time_limit, warm)
}

/// Adds the rows of cuts found since the model was built (or last extended): the LP keeps its
/// basis, so the next solve starts from where the last one ended.
pub fn extend(built: &mut Built, cuts: &Cuts) -> Result<(), SolveFail> {
    let Some(model) = built.model.as_mut() else {
        return Err(SolveFail::Solver("no model".into()));
    };
    for (gi, list) in cuts.cuts.iter().enumerate() {
        let Some(m) = built.m_cols[gi] else {
            continue;
        };
        for &(j, alpha, beta) in &list[built.cuts_in[gi]..] {
            model
                .try_add_row(
                    0.0..,
                    [
                        (built.t_cols[gi][j], 1.0),
                        (built.x_cols[gi][j], -alpha),
                        (m, alpha + beta),
                    ],
                )
                .map_err(|e| SolveFail::Solver(format!("{e:?}")))?;
        }
        built.cuts_in[gi] = list.len();
    }
    Ok(())
}

/// Whether the model has every active group (else it must be rebuilt).
pub fn covers(built: &Built, cuts: &Cuts) -> bool {
    built.active == cuts.active
}

/// Builds the model of a stage with the cuts so far.
pub fn build(p: &Problem, spec: &Spec, cuts: &Cuts, relax: bool) -> Result<Built, SolveFail> {
    let mut pb = RowProblem::default();
    let obj_cost = spec.objective == Objective::MinCost;
    let units: Vec<f64> = (0..p.vars.len()).map(|v| unit(p, v)).collect();
    let int = |v: bool| v && !relax;
    let a: Vec<Col> = (0..p.vars.len())
        .map(|v| {
            let upper = if spec.capped { p.cap[v] } else { f64::INFINITY } / units[v];
            let c = if obj_cost {
                p.cost[v] * units[v] / OBJ_UNIT
            } else {
                0.0
            };
            if upper.is_finite() {
                pb.add_column_with_integrality(c, 0.0..=upper.max(0.0), int(p.integer[v]))
            } else {
                pb.add_column_with_integrality(c, 0.0.., int(p.integer[v]))
            }
        })
        .collect();
    let mut pass_cols: Vec<Option<Col>> = Vec::with_capacity(p.secs.len());
    let mut y_cols: Vec<(Col, usize, usize)> = Vec::new();
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
            Some(pb.add_column_with_integrality(c, 0.0..=1.0, int(true)))
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
            let terms: Vec<(Col, f64)> = s.terms[k]
                .iter()
                .map(|&(v, c)| (a[v], c * units[v]))
                .collect();
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
                let y = pb.add_column_with_integrality(0.0, 0.0..=1.0, int(true));
                y_cols.push((y, i, k));
                let mut row = terms;
                if pvar.is_none() {
                    // The convex hull of "y = 0: at least the floor; y = 1: the threshold"
                    // (additions ≥ 0): Σ c·a ≥ L0 + (L1 − L0)·y. Tighter than the threshold row
                    // and the floor row apart, so the relaxation's bound is closer (measured: the
                    // LP bound of a 65-section county 1.0% → 0.4% below the optimum).
                    let l0 = (floor_need * (1.0 + 1e-12) - base).max(0.0);
                    let l1 = full * (1.0 + 1e-12) - base;
                    row.push((y, -(l1 - l0)));
                    pb.add_row(l0.., row);
                } else {
                    row.push((y, -full * (1.0 + 1e-12)));
                    pb.add_row(-base.., row);
                }
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
            .zip(&units)
            .filter(|((_, c), _)| **c > 0.0)
            .map(|((col, c), u)| (*col, *c * u / OBJ_UNIT))
            .collect();
        pb.add_row(..=b / OBJ_UNIT, row);
    }
    // CV groups: X_i = value, M = Σ w X, t_i ≥ cuts, Σ t ≤ L'·M (+ big-M · over).
    let mut over_cols: Vec<Option<Col>> = vec![None; p.cv_groups.len()];
    let mut t_cols: Vec<Vec<Col>> = vec![Vec::new(); p.cv_groups.len()];
    let mut x_cols: Vec<Vec<Col>> = vec![Vec::new(); p.cv_groups.len()];
    let mut m_cols: Vec<Option<Col>> = vec![None; p.cv_groups.len()];
    let mut cuts_in = vec![0usize; p.cv_groups.len()];
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
                        row.push((a[v], -c * f * units[v]));
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
                let z = pb.add_column_with_integrality(c, 0.0..=1.0, int(true));
                row.push((z, -big));
                over_cols[gi] = Some(z);
            }
            pb.add_row(..=0.0, row);
            for &(j, alpha, beta) in &cuts.cuts[gi] {
                // t_j − α·X_j + (α + β)·M ≥ 0
                pb.add_row(0.0.., [(ts[j], 1.0), (xs[j], -alpha), (m, alpha + beta)]);
            }
            cuts_in[gi] = cuts.cuts[gi].len();
            t_cols[gi] = ts;
            x_cols[gi] = xs;
            m_cols[gi] = Some(m);
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
    model.set_option("mip_rel_gap", 1e-4);
    model.set_option("threads", 1);
    if relax {
        // Re-solves after adding cuts start from the last basis; presolve would discard it.
        model.set_option("presolve", "off");
    }
    Ok(Built {
        model: Some(model),
        a,
        units,
        pass_cols,
        constant_passing,
        over_cols,
        t_cols,
        x_cols,
        m_cols,
        y_cols,
        cuts_in,
        active: cuts.active.clone(),
        obj_cost,
        relax,
        ncols,
    })
}

/// Solves a built model and reads the plan; the model stays in `built` for more rows.
pub fn run(
    p: &Problem,
    built: &mut Built,
    time_limit: f64,
    warm: Option<&[f64]>,
) -> Result<Solved, SolveFail> {
    let Some(mut model) = built.model.take() else {
        return Err(SolveFail::Solver("no model".into()));
    };
    let (a, units, relax, obj_cost) = (&built.a, &built.units, built.relax, built.obj_cost);
    model.set_option("time_limit", time_limit.max(0.05));
    if let Some(w) = warm.filter(|_| !relax) {
        // A complete start: the additions and every column they imply, so that HiGHS has a
        // feasible plan to prune against from its first node.
        let mut cols = vec![0.0; built.ncols];
        for (v, x) in w.iter().enumerate() {
            cols[a[v].index()] = *x / units[v];
        }
        for &(y, i, k) in &built.y_cols {
            let t = p.thresholds[k][p.secs[i].level as usize];
            cols[y.index()] = if p.value(i, k, w) >= t * (1.0 + 1e-12) {
                1.0
            } else {
                0.0
            };
        }
        for (i, c) in built.pass_cols.iter().enumerate() {
            if let Some(c) = c {
                cols[c.index()] = if p.passes(i, w) { 1.0 } else { 0.0 };
            }
        }
        for (gi, g) in p.cv_groups.iter().enumerate() {
            let Some(m_col) = built.m_cols[gi] else {
                continue;
            };
            let (_, x, m) = p.cv(g, w);
            let limit = g.limit * (1.0 - CV_MARGIN);
            cols[m_col.index()] = m;
            for (j, (&xj, &wj)) in x.iter().zip(&g.weights).enumerate() {
                cols[built.x_cols[gi][j].index()] = xj;
                if m > 0.0 {
                    cols[built.t_cols[gi][j].index()] = wj * (xj - m).powi(2) / (limit * m);
                }
            }
            if let Some(z) = built.over_cols[gi] {
                cols[z.index()] = if p.cv_over(g, w) { 1.0 } else { 0.0 };
            }
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
            let x = cols[c.index()].max(0.0) * units[v];
            if p.integer[v] && !relax {
                x.round()
            } else if x < 1e-9 {
                0.0
            } else {
                x
            }
        })
        .collect();
    let scale_obj = if obj_cost { OBJ_UNIT } else { 1.0 };
    let objective = solved.objective_value() * scale_obj;
    let optimal = status == HighsModelStatus::Optimal;
    let bound = if optimal {
        // Within the MIP gap: the dual bound is what is proven.
        solved
            .double_info_value(c"mip_dual_bound")
            .ok()
            .filter(|b| b.is_finite() && !relax)
            .map_or(objective, |b| (b * scale_obj).min(objective))
    } else {
        solved
            .double_info_value(c"mip_dual_bound")
            .ok()
            .filter(|b| b.is_finite())
            .map_or(f64::NEG_INFINITY, |b| b * scale_obj)
    };
    let over = built
        .over_cols
        .iter()
        .map(|z| z.is_some_and(|z| cols[z.index()] > 0.5))
        .collect();
    let t = built
        .t_cols
        .iter()
        .map(|ts| ts.iter().map(|t| cols[t.index()]).collect())
        .collect();
    let passing = built.constant_passing
        + built
            .pass_cols
            .iter()
            .flatten()
            .filter(|c| cols[c.index()] > 0.5)
            .count();
    built.model = Some(highs::Model::from(solved));
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
        // Each member's shortfall g − t; cut the largest, enough to cover nearly all of it
        // (hundreds of near-zero cuts a round only slow the LP down).
        let mut short: Vec<(usize, f64, f64)> = Vec::new();
        let mut total = 0.0;
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
            let gap = g_val - t_now;
            if gap > 1e-12 * (1.0 + g_val) {
                short.push((j, d, gap));
                total += gap;
            }
        }
        short.sort_by(|a, b| b.2.total_cmp(&a.2));
        let mut covered = 0.0;
        for (n, &(j, d, gap)) in short.iter().enumerate() {
            if !first && n >= 50 && covered >= 0.98 * total {
                break;
            }
            let w = g.weights[j];
            let alpha = 2.0 * w * d / (limit * m);
            let beta = w * d * d / (limit * m * m);
            cuts.cuts[gi].push((j, alpha, beta));
            covered += gap;
        }
    }
    violated
}

/// Makes every CV meet its limit by raising the lowest sections with the cheapest allowed
/// resource (a primal heuristic: it gives a plan, and so an upper bound, at every round).
/// Water-filling: the lowest sections of a violated group are raised to a common level τ, the
/// smallest that brings the CV within its limit. Returns `None` when a CV cannot be brought down
/// with the fields allowed.
pub fn repair(p: &Problem, a: &[f64]) -> Option<Vec<f64>> {
    let mut a = a.to_vec();
    for _ in 0..10_000 {
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
        let target = g.limit * (1.0 - 2.0 * CV_MARGIN);
        let raisable: Vec<bool> = g
            .members
            .iter()
            .map(|&i| !p.secs[i].terms[g.k].is_empty())
            .collect();
        let cv_at = |tau: f64| -> f64 {
            let xs: Vec<f64> = x
                .iter()
                .zip(&raisable)
                .map(|(&v, &r)| if r { v.max(tau) } else { v })
                .collect();
            weighted_cv(&xs, &g.weights).0
        };
        let lo0 = x.iter().copied().fold(f64::INFINITY, f64::min);
        let mut hi = m.max(lo0);
        if cv_at(hi) > target {
            // Raising to the mean is not enough: raise further, up to the highest value.
            let top = x.iter().copied().fold(0.0, f64::max);
            hi = top;
            if cv_at(hi) > target {
                return None;
            }
        }
        let mut lo = lo0;
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if cv_at(mid) > target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let tau = hi;
        let mut changed = false;
        for (j, &i) in g.members.iter().enumerate() {
            if !raisable[j] || x[j] >= tau {
                continue;
            }
            let s = &p.secs[i];
            let need_num = (tau - x[j]) * s.students / p.scale[g.k];
            let &(v, c) = s.terms[g.k]
                .iter()
                .min_by(|(v1, c1), (v2, c2)| (p.cost[*v1] / c1).total_cmp(&(p.cost[*v2] / c2)))?;
            let mut add = need_num / c;
            if p.integer[v] {
                add = (add - 1e-9).ceil().max(0.0);
            }
            if add > 0.0 {
                a[v] += add;
                changed = true;
            }
        }
        if !changed {
            // Rounding left it a hair over: one more unit for the lowest raisable section.
            let j = (0..x.len())
                .filter(|&j| raisable[j])
                .min_by(|&i, &j| x[i].total_cmp(&x[j]))?;
            let s = &p.secs[g.members[j]];
            let &(v, c) = s.terms[g.k].first()?;
            a[v] += if p.integer[v] {
                1.0
            } else {
                m * 1e-6 * s.students / p.scale[g.k] / c
            };
        }
    }
    None
}

/// Makes every section pass the school rule by adding, section by section, the cheapest way to
/// the thresholds it is missing (after rounding the integer additions up). With [`repair`], turns
/// the continuous relaxation's solution into a plan.
pub fn fix_sections(p: &Problem, a: &[f64]) -> Vec<f64> {
    let mut a: Vec<f64> = a
        .iter()
        .enumerate()
        .map(|(v, x)| {
            if p.integer[v] {
                (x - 1e-6).ceil().max(0.0)
            } else {
                *x
            }
        })
        .collect();
    // What it takes to bring section i's indicator k to `ratio` of its threshold: (var, amount,
    // cost), or None when it is there already or cannot be raised.
    let step = |a: &[f64], i: usize, k: usize, ratio: f64| -> Option<(usize, f64, f64)> {
        let s = &p.secs[i];
        let t = p.thresholds[k][s.level as usize];
        if t <= 0.0 || crate::evaluate::reaches(p.value(i, k, a), t * ratio) {
            return None;
        }
        let need = p.need(i, k, ratio) * (1.0 + 1e-12)
            - (s.num[k] + s.terms[k].iter().map(|&(v, c)| c * a[v]).sum::<f64>());
        s.terms[k]
            .iter()
            .map(|&(v, c)| {
                let mut amount = need / c;
                if p.integer[v] {
                    amount = (amount - 1e-9).ceil().max(1.0);
                }
                (v, amount, amount * p.cost[v])
            })
            .min_by(|x, y| x.2.total_cmp(&y.2))
    };
    for i in 0..p.secs.len() {
        if p.passes(i, &a) {
            continue;
        }
        let n = p.scale.len();
        match p.rule {
            Rule::Strict => {
                for k in 0..n {
                    if let Some((v, amount, _)) = step(&a, i, k, 1.0) {
                        a[v] += amount;
                    }
                }
            }
            Rule::National => {
                // Every indicator to the floor, then the cheapest missing ones to the threshold.
                for k in 0..n {
                    if let Some((v, amount, _)) = step(&a, i, k, p.floor) {
                        a[v] += amount;
                    }
                }
                let mut missing: Vec<(usize, f64, f64)> =
                    (0..n).filter_map(|k| step(&a, i, k, 1.0)).collect();
                missing.sort_by(|x, y| x.2.total_cmp(&y.2));
                for (v, amount, _) in missing {
                    if p.passes(i, &a) {
                        break;
                    }
                    a[v] += amount;
                }
            }
        }
    }
    a
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
    let repairing = spec.objective == Objective::MinCost && spec.cv == CvMode::AllMet;
    let total = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    if repairing {
        // Round 0: the thresholds alone (no CV rows) — a valid lower bound, and, repaired, a
        // first plan. When the CVs do not bind, this is already the answer.
        let pre = Spec {
            cv: CvMode::Ignore,
            ..*spec
        };
        let s0 = solve(p, &pre, cuts, total * 0.3, None, false)?;
        bound = bound.max(s0.bound);
        if let Some(c) = repair(p, &s0.a) {
            let cost = p.cost_of(&c);
            incumbent = Some((c, cost));
        }
        let over = p.cv_groups.iter().filter(|g| p.cv_over(g, &s0.a)).count();
        progress(&Progress {
            stage,
            round: 0,
            bound,
            best: incumbent.as_ref().map(|(_, c)| *c),
            cvs_over: over,
            cuts: cuts.count(),
            elapsed_s: started.elapsed().as_secs_f64(),
        });
        if let Some((a, cost)) = &incumbent {
            if cost - bound <= 1e-4 * cost.abs().max(1.0) && s0.optimal {
                return Ok(OaResult {
                    converged: true,
                    solved: Solved {
                        a: a.clone(),
                        objective: *cost,
                        ..s0
                    },
                    rounds: 1,
                    bound,
                    incumbent,
                });
            }
        }
        warm = incumbent.as_ref().map(|(a, _)| a.clone());
    }
    let lp_deadline = Instant::now()
        + std::time::Duration::from_secs_f64(
            deadline
                .saturating_duration_since(Instant::now())
                .as_secs_f64()
                * 0.5,
        );
    if spec.cv != CvMode::Ignore {
        // Cuts at the continuous relaxation first: LPs are cheap, and most of the cone's shape
        // is learnt before the first MILP (PLANNER.md).
        let mut built: Option<Built> = None;
        let mut last = f64::NEG_INFINITY;
        for _ in 0..500 {
            let left = lp_deadline
                .saturating_duration_since(Instant::now())
                .as_secs_f64();
            if left <= 0.0 || cancel.load(Ordering::Relaxed) {
                break;
            }
            let b = match built.as_mut() {
                Some(b) if covers(b, cuts) => {
                    if extend(b, cuts).is_err() {
                        break;
                    }
                    b
                }
                _ => {
                    let Ok(b) = build(p, spec, cuts, true) else {
                        break;
                    };
                    built.insert(b)
                }
            };
            let t0 = Instant::now();
            let Ok(lp) = run(p, b, left, None) else {
                break;
            };
            if std::env::var_os("JUNHENG_PLAN_DEBUG").is_some() {
                eprintln!("lp solve {:.3}s", t0.elapsed().as_secs_f64());
            }
            if spec.objective == Objective::MinCost && lp.optimal {
                // The relaxation with valid cuts bounds the cost from below.
                bound = bound.max(lp.objective);
            }
            let added = add_cuts(p, cuts, &lp);
            if std::env::var_os("JUNHENG_PLAN_DEBUG").is_some() {
                eprintln!(
                    "lp objective {:.2} violated {added} cuts {} at {:.3}s",
                    lp.objective,
                    cuts.count(),
                    started.elapsed().as_secs_f64()
                );
            }
            // Stop when the relaxation's bound has stopped moving: the rest is the MILP's work.
            let stalled = lp.objective - last <= 1e-5 * lp.objective.abs().max(1.0);
            last = lp.objective;
            let stop = added == 0 || stalled || Instant::now() >= lp_deadline;
            if repairing && (stop || p.secs.len() > 500) {
                // The relaxation, rounded and repaired, is often a far better plan than round 0's.
                if let Some(c) = repair(p, &fix_sections(p, &lp.a)) {
                    let cost = p.cost_of(&c);
                    if incumbent.as_ref().is_none_or(|(_, best)| cost < *best) {
                        incumbent = Some((c, cost));
                    }
                }
                progress(&Progress {
                    stage,
                    round: 0,
                    bound,
                    best: incumbent.as_ref().map(|(_, c)| *c),
                    cvs_over: added,
                    cuts: cuts.count(),
                    elapsed_s: started.elapsed().as_secs_f64(),
                });
            }
            if stop {
                break;
            }
        }
    }
    loop {
        rounds += 1;
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        let solved = solve(p, spec, cuts, left, warm.as_deref(), false)?;
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
            .is_some_and(|(_, c)| *c - bound <= 1e-4 * c.abs().max(1.0));
        if violated == 0 || out_of_time || cancel.load(Ordering::Relaxed) || gap_closed {
            return Ok(OaResult {
                converged: violated == 0,
                solved,
                rounds,
                bound,
                incumbent,
            });
        }
        warm = Some(match &incumbent {
            Some((a, _)) => a.clone(),
            None => solved.a.clone(),
        });
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
