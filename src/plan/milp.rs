//! The mixed-integer model of PLANNER.md, built and solved with HiGHS: the only file that
//! imports `highs`.
//!
//! Decision variables are the additions a(s, f) for each school and allowed field. Each section's
//! indicator is affine in them; the school rule is a set of MILP rows with binaries; each CV limit
//! is a second-order cone, handled by the extended formulation (one small cone per section,
//! t_i ≥ w_i d_i² ÷ (L·m), Σ t_i ≤ L·m) and tangent cuts added only where the current solution
//! violates a cone.

use super::problem::*;
use super::rows::Rows;
use super::Rule;
use highs::{Col, HighsModelStatus, RowProblem, Sense};

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

impl Spec {
    /// The cheapest plan after which every section passes and every CV meets its limit.
    pub fn all_pass() -> Spec {
        Spec {
            objective: Objective::MinCost,
            budget: None,
            all_pass: true,
            min_passing: None,
            cv: CvMode::AllMet,
            capped: false,
        }
    }
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
    /// The "meets the threshold" columns' values, in the order of the model's `y_cols`.
    pub y: Vec<f64>,
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
    /// Per section: how many of its "meets" columns must be 1 (the national rule).
    y_need: Vec<f64>,
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
    let mut rows = Rows::default();
    for (gi, list) in cuts.cuts.iter().enumerate() {
        let Some(m) = built.m_cols[gi] else {
            continue;
        };
        for &(j, alpha, beta) in &list[built.cuts_in[gi]..] {
            let row = [
                (built.t_cols[gi][j], 1.0),
                (built.x_cols[gi][j], -alpha),
                (m, alpha + beta),
            ];
            rows.push(0.0, f64::INFINITY, &row)
                .ok_or_else(|| SolveFail::Solver("too many rows".into()))?;
        }
    }
    if !rows.add_to(model) {
        return Err(SolveFail::Solver("HiGHS refused the cuts".into()));
    }
    for (gi, list) in cuts.cuts.iter().enumerate() {
        if built.m_cols[gi].is_some() {
            built.cuts_in[gi] = list.len();
        }
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
    let mut y_need = vec![0.0; p.secs.len()];
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
            // Teachers sent away lower a section: then nothing it has already is taken for met.
            let sends = s.terms[k].iter().any(|&(_, c)| c < 0.0);
            // Where whole counts (teachers, rooms; added in any year, moved in or out) of one
            // size are all that move the indicator, every level it must reach is a whole number
            // of them: the row in those units, rounded up, holds for every plan and is far
            // tighter for the relaxation (HiGHS's presolve does it for the MILP alone; without
            // it the relaxation's bound on a city was 0.35 % under the MILP's, and its rounded
            // plans as far off).
            let whole: Option<(Vec<(Col, f64)>, f64)> = match s.terms[k].first() {
                Some(&(_, c0))
                    if c0 != 0.0
                        && s.terms[k].iter().all(|&(v, c)| {
                            p.integer[v] && (c.abs() - c0.abs()).abs() <= 1e-12 * c0.abs()
                        }) =>
                {
                    let cols = s.terms[k].iter().map(|&(v, c)| (a[v], c.signum()));
                    Some((cols.collect(), c0.abs()))
                }
                _ => None,
            };
            // A level in those units, rounded up.
            let units_of = |level: f64, c: f64| (level / c - 1e-9).ceil();
            // Floor (or, strict, the threshold itself): Σ c·a ≥ need·p − base.
            let floor_gap = floor_need * MEETS - base;
            if floor_gap > 0.0 || sends {
                let mut row = terms.clone();
                match pvar {
                    None => match &whole {
                        Some((cols, c)) => pb.add_row(units_of(floor_gap, *c).., cols.clone()),
                        None => pb.add_row(floor_gap.., row),
                    },
                    Some(pv) => {
                        row.push((pv, -floor_need * MEETS));
                        pb.add_row(-base.., row)
                    }
                }
            }
            if p.rule == Rule::National {
                if (base >= full * MEETS && !sends) || terms.is_empty() {
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
                    let l0 = floor_need * MEETS - base;
                    // Σ c·a ≥ 0 when nothing can be sent away: the tighter row.
                    let l0 = if sends { l0 } else { l0.max(0.0) };
                    let l1 = full * MEETS - base;
                    match &whole {
                        Some((cols, c)) => {
                            let (n0, n1) = (units_of(l0, *c), units_of(l1, *c));
                            let mut row = cols.clone();
                            row.push((y, -(n1 - n0)));
                            pb.add_row(n0.., row);
                        }
                        None => {
                            row.push((y, -(l1 - l0)));
                            pb.add_row(l0.., row);
                        }
                    }
                } else {
                    row.push((y, -full * MEETS));
                    pb.add_row(-base.., row);
                }
                y_terms.push((y, 1.0));
            }
        }
        if p.rule == Rule::National {
            let need = p.min_met as f64 - y_const;
            y_need[i] = need;
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
    for (row, rhs) in &p.rows {
        let row: Vec<(Col, f64)> = row
            .iter()
            .map(|&(v, c)| (a[v], c * units[v] / OBJ_UNIT))
            .collect();
        pb.add_row(..=rhs / OBJ_UNIT, row);
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
                                .map(|&(v, c)| (c * p.cap[v]).max(0.0) * p.scale[g.k] / s.students)
                                .sum::<f64>()
                    })
                    .fold(0.0, f64::max);
                // Teachers sent away can lower a section below where it starts, and so the
                // mean (unweighted CVs): bound both from below.
                let lows: Vec<f64> = g
                    .members
                    .iter()
                    .map(|&i| {
                        let s = &p.secs[i];
                        p.value(i, g.k, &zero)
                            + s.terms[g.k]
                                .iter()
                                .map(|&(v, c)| (c * p.cap[v]).min(0.0) * p.scale[g.k] / s.students)
                                .sum::<f64>()
                    })
                    .collect();
                let lo = lows
                    .iter()
                    .chain(&x0)
                    .copied()
                    .fold(f64::INFINITY, f64::min);
                let m_low = if p.moves() {
                    lows.iter().zip(&g.weights).map(|(x, w)| w * x).sum::<f64>()
                } else {
                    m0
                };
                let d = (hi - lo).max(0.0);
                let big = if m_low > 0.0 {
                    d * d / (limit * m_low) * 1.01 + 1.0
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
    model.set_option("mip_rel_gap", OPTIMAL_GAP);
    model.set_option("threads", 1);
    // HiGHS's RINS sub-MIPs and its root reduced-cost heuristic spend seconds for a last
    // thousandth of a percent that the tree proves anyway. Measured on generated counties
    // (README, Speed): seeds 1–5 took 9.5 s in all with both on, 6.6 s without RINS, 4.6 s
    // without either; seeds 6–10, 9.9 s without RINS, 9.0 s without either.
    model.set_option("mip_heuristic_run_rins", false);
    model.set_option("mip_heuristic_run_root_reduced_cost", false);
    if relax {
        // Re-solves after adding cuts start from the last basis; presolve would discard it.
        model.set_option("presolve", "off");
        // Devex pricing, not HiGHS's choice (steepest edge): after each round's thousands of
        // new rows, steepest edge's weights cost more than they save. Measured on the city
        // (`plan city.csv --time-limit 30`): a round's LP 3.0–5.1 s → 1.2–2.3 s, and the gap
        // at 30 s 0.039 % → 0.015 %; seeds 1–10 of the generated counties no slower.
        model.set_option("simplex_dual_edge_weight_strategy", 1);
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
        y_need,
        cuts_in,
        active: cuts.active.clone(),
        obj_cost,
        relax,
        ncols,
    })
}

/// A complete start for HiGHS from plan `w`: the additions and every column they imply, so
/// that HiGHS has a feasible plan to prune against from its first node.
fn start_columns(p: &Problem, built: &Built, w: &[f64]) -> Vec<f64> {
    let (a, units) = (&built.a, &built.units);
    let mut cols = vec![0.0; built.ncols];
    for (v, x) in w.iter().enumerate() {
        cols[a[v].index()] = *x / units[v];
    }
    // "Meets" as the plan's check has it (within the evaluation's tolerance), not by the
    // model's own margin: a rounded plan's m² or 元 can sit a hair under a threshold (the
    // relaxation's rows hold to HiGHS's tolerance), and with its "meets" 0 there the
    // section's rule row failed, and HiGHS dropped the start (seed 2: every MILP began
    // without a plan). HiGHS then raises those columns by the hair itself.
    for &(y, i, k) in &built.y_cols {
        let t = p.thresholds[k][p.secs[i].level as usize];
        cols[y.index()] = if crate::evaluate::reaches(p.value(i, k, w), t) {
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
    cols
}

impl Built {
    /// The HiGHS model, while it is not being solved.
    pub fn model_mut(&mut self) -> Option<&mut highs::Model> {
        self.model.as_mut()
    }
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
        let cols = start_columns(p, built, w);
        let _ = model.try_set_solution(Some(&cols), None, None, None);
    }
    // HiGHS counts its time limit from the first solve of a model, not from this one (its
    // issue 1331): a model solved again (the relaxation after each round of cuts, a MILP's
    // second try) would be left only what the earlier solves had not used.
    // SAFETY: `model` is a live HiGHS instance owned here; the call only resets its clocks.
    unsafe {
        highs_sys::Highs_zeroAllClocks(model.as_ptr());
    }
    let solved = model
        .try_solve()
        .map_err(|e| SolveFail::Solver(format!("{e:?}")))?;
    let status = solved.status();
    let has_solution = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    match status {
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            // The model stays, for more rows or other bounds (a dive's trial).
            built.model = Some(highs::Model::from(solved));
            return Err(SolveFail::Infeasible);
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
    let y = built
        .y_cols
        .iter()
        .map(|(c, _, _)| cols[c.index()])
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
        y,
        passing,
    })
}

/// The relaxation again with each section's choice of thresholds made whole: per section, the
/// indicators the relaxation went furthest toward meeting (its largest "meets" values), as many
/// as the rule asks, are to be met and the rest need only their floors. The relaxation splits
/// such choices (half of one threshold, half of another), which a rounding then pays in full
/// twice; this one's additions round far closer to a plan. The model is left as it was (a
/// solve that fails other than infeasible leaves none, as [`run`] does: the caller builds it
/// again).
pub fn with_choices_made(
    p: &Problem,
    built: &mut Built,
    lp: &Solved,
    time_limit: f64,
) -> Result<Solved, SolveFail> {
    if built.y_cols.is_empty() || lp.y.len() != built.y_cols.len() {
        return Err(SolveFail::Solver("no choices to make".into()));
    }
    let mut per_section: Vec<Vec<(usize, f64)>> = vec![Vec::new(); p.secs.len()];
    for (n, ((_, i, _), &v)) in built.y_cols.iter().zip(&lp.y).enumerate() {
        per_section[*i].push((n, v));
    }
    let mut fixed = vec![0.0; built.y_cols.len()];
    for (i, ys) in per_section.iter_mut().enumerate() {
        ys.sort_by(|x, y| y.1.total_cmp(&x.1));
        let need = built.y_need[i].max(0.0).ceil() as usize;
        for (rank, &(n, v)) in ys.iter().enumerate() {
            if rank < need || v >= 1.0 - 1e-6 {
                fixed[n] = 1.0;
            }
        }
    }
    let cols: Vec<Col> = built.y_cols.iter().map(|(c, _, _)| *c).collect();
    let made: Vec<(Col, f64, f64)> = cols.iter().zip(&fixed).map(|(&c, &f)| (c, f, f)).collect();
    let open: Vec<(Col, f64, f64)> = cols.iter().map(|&c| (c, 0.0, 1.0)).collect();
    set_bounds(built, &made)?;
    let out = run(p, built, time_limit, None);
    if built.model.is_some() {
        set_bounds(built, &open)?;
    }
    out
}

/// Whether a relaxation's "meets" value is still undecided (strictly between 0 and 1).
pub fn undecided(y: f64) -> bool {
    y > 1e-6 && y < 1.0 - 1e-6
}

/// Sets the bounds of some of a model's columns.
fn set_bounds(built: &mut Built, bounds: &[(Col, f64, f64)]) -> Result<(), SolveFail> {
    let model = built
        .model
        .as_mut()
        .ok_or(SolveFail::Solver("no model".into()))?;
    for &(c, lo, hi) in bounds {
        // SAFETY: `model` is a live HiGHS instance and `c` one of its columns.
        let status = unsafe {
            highs_sys::Highs_changeColBounds(model.as_mut_ptr(), c.index() as i32, lo, hi)
        };
        if status == highs_sys::STATUS_ERROR {
            return Err(SolveFail::Solver("changeColBounds".into()));
        }
    }
    Ok(())
}

#[path = "dive.rs"]
mod dive;
pub use dive::dive;

#[cfg(test)]
#[path = "milp_tests.rs"]
mod tests;
