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
    /// Extra rows Σ coef·a ≤ rhs over the additions (a phased plan's budget of each year).
    pub rows: Vec<(Vec<(usize, f64)>, f64)>,
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
                level,
                students: u.students,
                num,
                terms,
            });
        }
        let cost: Vec<f64> = vars.iter().map(|(_, f)| costs.cost(*f)).collect();
        let all: Vec<usize> = (0..secs.len()).collect();
        Problem::assemble(standard, vars, cost, secs, rule, &[all], 0.0)
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
        };
        p.cap = p.natural_caps();
        p
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
pub(super) fn weighted_cv(x: &[f64], w: &[f64]) -> (f64, f64) {
    let m: f64 = x.iter().zip(w).map(|(x, w)| w * x).sum();
    let var: f64 = x.iter().zip(w).map(|(x, w)| w * (x - m).powi(2)).sum();
    (if m > 0.0 { var.sqrt() / m } else { 0.0 }, m)
}
