//! The planner's problem: sections with their indicators affine in the additions, the CV groups,
//! and the arithmetic the other parts share (weighted CVs, costs). No solver here.

use super::Rule;
use crate::evaluate::Evaluation;
use crate::model::{Field, Level, Scope};
use crate::scenario::CostTable;
use crate::standard::{CvWeighting, Standard};
use std::collections::HashMap;

/// The CV limit is tightened by this relative margin in the model, so that a plan the model
/// accepts meets the limit in the evaluator's arithmetic too.
pub const CV_MARGIN: f64 = 1e-6;

/// A threshold (or floor) counts as met in the model at this fraction of it: the evaluator takes
/// a value as reaching its threshold within a relative [`crate::evaluate::REL_TOL`], so a count
/// that lands exactly on it (21 teachers for 500 students at 4.2 per 100) meets it, and the
/// model must not ask for one more; half that tolerance leaves room for rounding in the sums.
pub const MEETS: f64 = 1.0 - 0.5 * crate::evaluate::REL_TOL;

/// How far above its proven bound a plan may cost and still be called optimal: 0.01 %.
pub const OPTIMAL_GAP: f64 = 1e-4;

/// Whether a plan of `cost` is proven optimal by `bound` (within [`OPTIMAL_GAP`]).
pub fn proven(cost: f64, bound: f64) -> bool {
    cost - bound <= OPTIMAL_GAP * cost.abs().max(1.0)
}

/// One section as the model sees it.
#[derive(Debug, Clone)]
pub struct Sec {
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
    /// Extra rows Σ coef·a ≤ rhs over the additions (a phased plan's budget of each year;
    /// teachers moved: as many received as sent, a school's share sent).
    pub rows: Vec<(Vec<(usize, f64)>, f64)>,
    /// What each variable does (all additions unless teachers may be moved), and its year
    /// (0 in a plan of one year).
    pub kinds: Vec<Kind>,
    pub years: Vec<i32>,
    /// (year, index in `rows`) of each year's budget row (a phased plan).
    pub budget_rows: Vec<(i32, usize)>,
}

/// The sections of one level and one indicator whose CV must stay within a limit.
pub struct CvGroup {
    pub level: Level,
    pub k: usize,
    pub limit: f64,
    pub members: Vec<usize>,
    pub weights: Vec<f64>,
}

/// What a variable does: adds to a school, or moves teachers out of or into it (交流轮岗).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Add,
    Out,
    In,
}

/// Sections and their variables as the model sees them: an addition per school, allowed field
/// and year, and, where teachers may be moved, teachers sent and received per school, field
/// and year (PLANNER.md: O(n) variables, balanced per field and year, instead of pairs).
pub struct Builder<'a> {
    standard: &'a Standard,
    allowed: &'a [Field],
    moved: Vec<Field>,
    /// (school index in the base data, field) of each variable, with its kind and year.
    pub vars: Vec<(usize, Field)>,
    pub kinds: Vec<Kind>,
    pub years: Vec<i32>,
    index: HashMap<(usize, Field, i32, Kind), usize>,
    pub secs: Vec<Sec>,
}

impl<'a> Builder<'a> {
    pub fn new(standard: &'a Standard, allowed: &'a [Field], costs: &CostTable) -> Builder<'a> {
        let moved = costs
            .transfer
            .as_ref()
            .map(|t| t.fields.iter().filter_map(|k| Field::from_key(k)).collect())
            .unwrap_or_default();
        Builder {
            standard,
            allowed,
            moved,
            vars: Vec::new(),
            kinds: Vec::new(),
            years: Vec::new(),
            index: HashMap::new(),
            secs: Vec::new(),
        }
    }

    fn var(&mut self, school: usize, f: Field, year: i32, kind: Kind) -> usize {
        *self
            .index
            .entry((school, f, year, kind))
            .or_insert_with(|| {
                self.vars.push((school, f));
                self.kinds.push(kind);
                self.years.push(year);
                self.vars.len() - 1
            })
    }

    /// Adds the section `u` (of the school at `school` in the base data), which has what is
    /// added or moved in each of `years`; returns its index.
    pub fn section(
        &mut self,
        u: &crate::evaluate::Unit,
        school: usize,
        years: std::ops::RangeInclusive<i32>,
    ) -> usize {
        let standard = self.standard;
        let mut num = Vec::with_capacity(standard.indicators.len());
        let mut terms = Vec::with_capacity(standard.indicators.len());
        for (k, ind) in standard.indicators.iter().enumerate() {
            num.push(u.indicators[k].numerator);
            let mut t = Vec::new();
            for &f in ind.numerator(u.level) {
                let coef = if f.scope() == Scope::School {
                    u.share
                } else {
                    1.0
                };
                if coef <= 0.0 {
                    continue;
                }
                let add = self.allowed.contains(&f);
                // Teachers are moved between sections of one level: a count of the section.
                let moved = self.moved.contains(&f) && f.scope() != Scope::School;
                for y in years.clone() {
                    if add {
                        t.push((self.var(school, f, y, Kind::Add), coef));
                    }
                    if moved {
                        t.push((self.var(school, f, y, Kind::Out), -coef));
                        t.push((self.var(school, f, y, Kind::In), coef));
                    }
                }
            }
            terms.push(t);
        }
        self.secs.push(Sec {
            level: u.level,
            students: u.students,
            num,
            terms,
        });
        self.secs.len() - 1
    }
}

impl Problem {
    /// Builds the problem from a baseline evaluation (`costs` already what each unit costs over
    /// the years costed; a transfer's `per_year` likewise).
    pub fn new(
        standard: &Standard,
        ev: &Evaluation,
        allowed: &[Field],
        costs: &CostTable,
        rule: Rule,
    ) -> Problem {
        let mut b = Builder::new(standard, allowed, costs);
        for u in &ev.units {
            b.section(u, u.school, 0..=0);
        }
        let move_cost = costs.transfer.as_ref().map_or(0.0, |t| t.per_year);
        let cost: Vec<f64> = b
            .vars
            .iter()
            .zip(&b.kinds)
            .map(|((_, f), kind)| match kind {
                Kind::Add => costs.cost(*f),
                Kind::In => move_cost,
                Kind::Out => 0.0,
            })
            .collect();
        let all: Vec<usize> = (0..b.secs.len()).collect();
        let mut p = Problem::assemble(standard, b.vars, cost, b.secs, rule, &[all], 0.0);
        p.kinds = b.kinds;
        p.years = b.years;
        p
    }

    /// A problem from its sections and additions: `parts` are the sets of sections whose CVs are
    /// judged together (one per year of a phased plan), each CV limit lowered by `margin`.
    pub fn assemble(
        standard: &Standard,
        vars: Vec<(usize, Field)>,
        cost: Vec<f64>,
        secs: Vec<Sec>,
        rule: Rule,
        parts: &[Vec<usize>],
        margin: f64,
    ) -> Problem {
        let integer: Vec<bool> = vars.iter().map(|(_, f)| f.measure().is_count()).collect();
        let thresholds: Vec<[f64; 2]> = standard
            .indicators
            .iter()
            .map(|i| [i.threshold(Level::Primary), i.threshold(Level::Junior)])
            .collect();
        let scale: Vec<f64> = standard.indicators.iter().map(|i| i.def.scale).collect();
        let mut cv_groups = Vec::new();
        for part in parts {
            for level in Level::BOTH {
                let members: Vec<usize> = part
                    .iter()
                    .copied()
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
                        limit: standard.cv_limit(level) - margin,
                        members: members.clone(),
                        weights: weights.clone(),
                    });
                }
            }
        }
        let kinds = vec![Kind::Add; vars.len()];
        let years = vec![0; vars.len()];
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
            rows: Vec::new(),
            kinds,
            years,
            budget_rows: Vec::new(),
        };
        p.cap = p.natural_caps();
        p
    }

    /// Whether any variable moves teachers.
    pub fn moves(&self) -> bool {
        self.kinds.iter().any(|k| *k != Kind::Add)
    }

    /// The rows of teachers moved: per field and year as many received as sent; each school
    /// sends at most `cap(school, level)` teachers in all and, of a field, at most what it has
    /// (`has(school, field)`), over all the years.
    pub fn transfer_rows(
        &mut self,
        cap: impl Fn(usize, Level) -> f64,
        has: impl Fn(usize, Field) -> f64,
    ) {
        let mut balance: HashMap<(Field, i32), Vec<(usize, f64)>> = HashMap::new();
        let mut sent: HashMap<(usize, Level), Vec<(usize, f64)>> = HashMap::new();
        let mut sent_of: HashMap<(usize, Field), Vec<(usize, f64)>> = HashMap::new();
        for (v, kind) in self.kinds.iter().enumerate() {
            let (school, f) = self.vars[v];
            let year = self.years[v];
            match kind {
                Kind::Add => {}
                Kind::In => balance.entry((f, year)).or_default().push((v, 1.0)),
                Kind::Out => {
                    balance.entry((f, year)).or_default().push((v, -1.0));
                    let level = match f.scope() {
                        Scope::Junior => Level::Junior,
                        _ => Level::Primary,
                    };
                    sent.entry((school, level)).or_default().push((v, 1.0));
                    sent_of.entry((school, f)).or_default().push((v, 1.0));
                }
            }
        }
        let mut keys: Vec<_> = balance.keys().copied().collect();
        keys.sort();
        for key in keys {
            let row = balance.remove(&key).unwrap_or_default();
            let neg: Vec<(usize, f64)> = row.iter().map(|&(v, c)| (v, -c)).collect();
            self.rows.push((row, 0.0));
            self.rows.push((neg, 0.0));
        }
        let mut keys: Vec<_> = sent.keys().copied().collect();
        keys.sort();
        for key in keys {
            let row = sent.remove(&key).unwrap_or_default();
            let c = cap(key.0, key.1).max(0.0).floor();
            for &(v, _) in &row {
                self.cap[v] = c;
            }
            self.rows.push((row, c));
        }
        let mut keys: Vec<_> = sent_of.keys().copied().collect();
        keys.sort();
        for key in keys {
            let row = sent_of.remove(&key).unwrap_or_default();
            let c = has(key.0, key.1).max(0.0).floor();
            for &(v, _) in &row {
                self.cap[v] = self.cap[v].min(c);
            }
            self.rows.push((row, c));
        }
    }

    /// Whether additions keep within every extra row (a phased plan's yearly budgets).
    pub fn within_rows(&self, a: &[f64]) -> bool {
        self.rows.iter().all(|(row, rhs)| {
            row.iter().map(|&(v, c)| c * a[v]).sum::<f64>() <= rhs + 1e-6 * rhs.abs().max(1.0)
        })
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
        self.passes_by(i, a, crate::evaluate::reaches)
    }

    /// As [`Problem::passes`], each threshold and floor reached by a margin the model's rows
    /// take for met too (what a continuous amount cut back to a threshold must keep).
    pub fn passes_clearly(&self, i: usize, a: &[f64]) -> bool {
        self.passes_by(i, a, |v, t| v >= t * (1.0 + 1e-9))
    }

    fn passes_by(&self, i: usize, a: &[f64], reaches: impl Fn(f64, f64) -> bool) -> bool {
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
            if reaches(v, t) {
                met += 1;
            } else if self.rule == Rule::Strict || !reaches(v, self.floor * t) {
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
pub(super) fn weighted_cv(x: &[f64], w: &[f64]) -> (f64, f64) {
    let m: f64 = x.iter().zip(w).map(|(x, w)| w * x).sum();
    let var: f64 = x.iter().zip(w).map(|(x, w)| w * (x - m).powi(2)).sum();
    (if m > 0.0 { var.sqrt() / m } else { 0.0 }, m)
}
