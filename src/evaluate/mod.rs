//! Indicator values, the school pass rule and the enrolment-weighted CV.
//!
//! [`evaluate`] is a pure function of (dataset, standard): cheap enough to rerun on every edit.

pub mod compare;
pub mod conditions;
pub mod counties;
mod cv;
pub mod json;

pub use cv::{weighted_cv, CvStats};

use crate::model::{Dataset, Field, Level, School, SchoolKind, Scope, FIELD_COUNT};
use crate::standard::{CvWeighting, Standard};
use std::collections::HashMap;

/// Relative tolerance for "value reaches threshold": 21 ÷ 500 × 100 is not exactly 4.2 in floating
/// point, and a value exactly at the threshold meets it.
pub const REL_TOL: f64 = 1e-9;

/// `value ≥ target`, allowing a relative error of [`REL_TOL`].
pub fn reaches(value: f64, target: f64) -> bool {
    value >= target - REL_TOL * target.abs()
}

/// `value ≤ limit`, allowing a relative error of [`REL_TOL`].
pub fn within(value: f64, limit: f64) -> bool {
    value <= limit + REL_TOL * limit.abs()
}

/// One indicator of one section.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorResult {
    pub value: f64,
    pub threshold: f64,
    /// Reaches the threshold.
    pub met: bool,
    /// Reaches the floor of the school rule (85% of the threshold).
    pub above_floor: bool,
    /// The numerator the section has (teachers, m², 元, rooms), after splitting shared resources.
    pub numerator: f64,
    /// How much more of the numerator's unit this section needs to reach the threshold (0 when met).
    pub shortfall: f64,
}

/// One evaluated section (评估单元): a school's primary or junior part.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Index of the school in the dataset.
    pub school: usize,
    pub school_id: String,
    pub name: String,
    pub level: Level,
    pub students: f64,
    /// This section's share of the school's shared resources (1 for a single-section school).
    pub share: f64,
    /// Teaching points merged into this section.
    pub merged_points: Vec<String>,
    /// One result per indicator of the standard, in the standard's order.
    pub indicators: Vec<IndicatorResult>,
    pub met_count: usize,
    pub passes: bool,
}

/// What one section lacks on one indicator, in the unit of the data field that closes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    /// The field to add to (for a combined school's shared resource, the whole school's field).
    pub field: Field,
    /// How much to add: a whole number for teachers and rooms, m² or 元 otherwise.
    pub amount: f64,
}

/// Why a section passes or fails the school rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Every indicator reaches its threshold.
    AllMet,
    /// Enough indicators are met and the rest reach the floor: (indicator, value ÷ threshold).
    PassesWithMissed(Vec<(usize, f64)>),
    /// Fewer indicators met than the rule needs.
    TooFewMet { met: usize, needed: usize },
    /// Enough are met, but these are under the floor: (indicator, value ÷ threshold).
    BelowFloor(Vec<(usize, f64)>),
}

impl Unit {
    /// What it takes to reach indicator `k`'s threshold, or `None` when it is met.
    ///
    /// A combined school's shared resource is split between its sections, so closing a section's
    /// gap takes `shortfall ÷ share` added to the whole school.
    pub fn gap(&self, k: usize, standard: &Standard) -> Option<Gap> {
        let r = self.indicators.get(k)?;
        if r.met {
            return None;
        }
        let field = *standard.indicators.get(k)?.numerator(self.level).first()?;
        let mut amount = r.shortfall;
        if field.scope() == Scope::School && self.share > 0.0 {
            amount /= self.share;
        }
        if field.measure().is_count() {
            amount = (amount - REL_TOL * amount.max(1.0)).ceil().max(1.0);
        }
        Some(Gap { field, amount })
    }

    /// The reason for this section's verdict under the standard's school rule.
    pub fn verdict(&self, standard: &Standard) -> Verdict {
        let missed: Vec<(usize, f64)> = self
            .indicators
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.met)
            .map(|(k, r)| {
                (
                    k,
                    if r.threshold > 0.0 {
                        r.value / r.threshold
                    } else {
                        0.0
                    },
                )
            })
            .collect();
        let needed = standard.def.school_rule.min_met;
        if missed.is_empty() {
            Verdict::AllMet
        } else if self.met_count < needed {
            Verdict::TooFewMet {
                met: self.met_count,
                needed,
            }
        } else {
            let below: Vec<(usize, f64)> = missed
                .iter()
                .copied()
                .filter(|&(k, _)| !self.indicators[k].above_floor)
                .collect();
            if below.is_empty() {
                Verdict::PassesWithMissed(missed)
            } else {
                Verdict::BelowFloor(below)
            }
        }
    }

    /// Indices of the indicators that are not met.
    pub fn failing(&self) -> impl Iterator<Item = usize> + '_ {
        self.indicators
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.met)
            .map(|(i, _)| i)
    }
}

/// Why a school or section is left out of the evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum ExclusionReason {
    /// A teaching point that names no central school.
    TeachingPointWithoutParent,
    /// A teaching point whose `parent_id` matches no school that has a primary section.
    TeachingPointParentMissing(String),
    /// A teaching point below the standard's minimum size.
    TeachingPointTooSmall { students: f64, minimum: f64 },
    /// The standard leaves teaching points out.
    TeachingPointsExcluded,
    /// A section of the school's kind with no students: nothing to divide by.
    NoStudents,
}

impl ExclusionReason {
    /// The reason in English, as printed in JSON.
    pub fn en(&self) -> String {
        match self {
            ExclusionReason::TeachingPointWithoutParent => {
                "teaching point without parent_id".to_string()
            }
            ExclusionReason::TeachingPointParentMissing(p) => {
                format!(
                    "teaching point whose parent_id \"{p}\" is not a school with a primary section"
                )
            }
            ExclusionReason::TeachingPointTooSmall { students, minimum } => {
                format!("teaching point with {students} students, below the standard's minimum of {minimum}")
            }
            ExclusionReason::TeachingPointsExcluded => {
                "teaching points are left out by the standard".to_string()
            }
            ExclusionReason::NoStudents => "section has no students".to_string(),
        }
    }

    /// The reason in Chinese.
    pub fn zh(&self) -> String {
        match self {
            ExclusionReason::TeachingPointWithoutParent => {
                "教学点未填所属学校，不参与资源配置评估".to_string()
            }
            ExclusionReason::TeachingPointParentMissing(p) => {
                format!("教学点所属学校“{p}”不存在或没有小学部")
            }
            ExclusionReason::TeachingPointTooSmall { students, minimum } => {
                format!("教学点学生 {students} 人，少于标准规定的 {minimum} 人")
            }
            ExclusionReason::TeachingPointsExcluded => "标准规定教学点不参与评估".to_string(),
            ExclusionReason::NoStudents => "该学段没有在校生，无法计算生均指标".to_string(),
        }
    }
}

/// A school or section left out, with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Exclusion {
    pub school: usize,
    pub school_id: String,
    pub name: String,
    /// The section, when only one section of the school is left out.
    pub level: Option<Level>,
    pub reason: ExclusionReason,
}

/// The CV of one indicator at one level, against its limit.
#[derive(Debug, Clone, PartialEq)]
pub struct CvResult {
    pub cv: f64,
    pub mean: f64,
    pub sd: f64,
    pub limit: f64,
    pub met: bool,
}

/// One level's composite CV (the mean of its indicator CVs), for standards that have one.
#[derive(Debug, Clone, PartialEq)]
pub struct CompositeResult {
    pub cv: f64,
    pub limit: f64,
    pub met: bool,
}

/// Per-level counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LevelSummary {
    pub units: usize,
    pub passing: usize,
    pub cv_met: usize,
    /// Whether the CV rule holds at this level (all CVs, or the composite where there is one).
    pub cv_rule_met: bool,
    pub students: f64,
}

/// The result of evaluating a dataset against a standard.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub standard_id: String,
    pub cv_weighting: CvWeighting,
    pub units: Vec<Unit>,
    pub excluded: Vec<Exclusion>,
    /// Per level (index `Level as usize`), one CV per indicator; empty for a level with no section.
    pub cv: [Vec<CvResult>; 2],
    pub composite: [Option<CompositeResult>; 2],
    pub summary: [LevelSummary; 2],
    pub resource_allocation_met: bool,
}

impl Evaluation {
    /// The units of one level.
    pub fn units_of(&self, level: Level) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(move |u| u.level == level)
    }

    /// The CVs of one level, one per indicator (empty when the level has no section).
    pub fn cv_of(&self, level: Level) -> &[CvResult] {
        &self.cv[level as usize]
    }

    /// The summary of one level.
    pub fn summary_of(&self, level: Level) -> &LevelSummary {
        &self.summary[level as usize]
    }

    /// The levels that have at least one evaluated section, primary first.
    pub fn levels(&self) -> Vec<Level> {
        Level::BOTH
            .into_iter()
            .filter(|l| self.summary_of(*l).units > 0)
            .collect()
    }
}

/// A school's fields with its merged teaching points added.
struct Effective<'a> {
    school: &'a School,
    added: Option<[f64; FIELD_COUNT]>,
}

impl Effective<'_> {
    fn value(&self, field: Field) -> f64 {
        let base = self.school.value(field);
        match &self.added {
            Some(a) => base + a[field.index()],
            None => base,
        }
    }
}

/// Evaluates every section of the dataset against the standard.
pub fn evaluate(data: &Dataset, standard: &Standard) -> Evaluation {
    let mut excluded = Vec::new();
    let rule = &standard.def.teaching_points;

    // Teaching points: merge into the central school, or leave out with a reason.
    let mut merged: HashMap<usize, ([f64; FIELD_COUNT], Vec<String>)> = HashMap::new();
    if data
        .schools
        .iter()
        .any(|s| s.kind == SchoolKind::TeachingPoint)
    {
        let index: HashMap<&str, usize> = data
            .schools
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        for (i, s) in data.schools.iter().enumerate() {
            if s.kind != SchoolKind::TeachingPoint {
                continue;
            }
            let students = s.students(Level::Primary) + s.students(Level::Junior);
            let reason = if !rule.merge_into_parent {
                Some(ExclusionReason::TeachingPointsExcluded)
            } else if students < rule.min_students {
                Some(ExclusionReason::TeachingPointTooSmall {
                    students,
                    minimum: rule.min_students,
                })
            } else {
                match s
                    .parent_id
                    .as_deref()
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                {
                    None => Some(ExclusionReason::TeachingPointWithoutParent),
                    Some(p) => match index.get(p) {
                        Some(&pi) if data.schools[pi].kind.levels().contains(&Level::Primary) => {
                            let entry = merged
                                .entry(pi)
                                .or_insert_with(|| ([0.0; FIELD_COUNT], Vec::new()));
                            for f in Field::ALL {
                                entry.0[f.index()] += s.value(*f);
                            }
                            entry.1.push(s.id.clone());
                            None
                        }
                        _ => Some(ExclusionReason::TeachingPointParentMissing(p.to_string())),
                    },
                }
            };
            if let Some(reason) = reason {
                excluded.push(Exclusion {
                    school: i,
                    school_id: s.id.clone(),
                    name: s.name.clone(),
                    level: None,
                    reason,
                });
            }
        }
    }

    let floor = standard.def.school_rule.floor_ratio;
    let min_met = standard.def.school_rule.min_met;
    let mut units = Vec::with_capacity(data.schools.iter().map(|s| s.kind.levels().len()).sum());
    for (i, school) in data.schools.iter().enumerate() {
        let levels = school.kind.levels();
        if levels.is_empty() {
            continue;
        }
        let (added, points) = match merged.remove(&i) {
            Some((a, p)) => (Some(a), p),
            None => (None, Vec::new()),
        };
        let eff = Effective { school, added };
        let students_of = |scope: Scope| -> f64 {
            if !school.kind.allows(scope) {
                return 0.0;
            }
            match scope {
                Scope::Primary => eff.value(Field::StudentsPrimary),
                Scope::Junior => eff.value(Field::StudentsJunior),
                Scope::Senior => eff.value(Field::StudentsSenior),
                Scope::School => 0.0,
            }
        };
        let weighted_total = standard.split_weight(Some(Level::Primary))
            * students_of(Scope::Primary)
            + standard.split_weight(Some(Level::Junior)) * students_of(Scope::Junior)
            + standard.split_weight(None) * students_of(Scope::Senior);
        for &level in levels {
            let students = students_of(level.scope());
            if students.is_nan() || students <= 0.0 {
                excluded.push(Exclusion {
                    school: i,
                    school_id: school.id.clone(),
                    name: school.name.clone(),
                    level: Some(level),
                    reason: ExclusionReason::NoStudents,
                });
                continue;
            }
            let share = standard.split_weight(Some(level)) * students / weighted_total;
            let mut indicators = Vec::with_capacity(standard.indicators.len());
            for ind in &standard.indicators {
                let scale = ind.def.scale;
                let numerator: f64 = ind
                    .numerator(level)
                    .iter()
                    .map(|&f| {
                        if f.scope() == Scope::School {
                            share * eff.value(f)
                        } else {
                            eff.value(f)
                        }
                    })
                    .sum();
                let value = numerator / students * scale;
                let threshold = ind.threshold(level);
                let met = reaches(value, threshold);
                let shortfall = if met {
                    0.0
                } else {
                    (threshold * students / scale - numerator).max(0.0)
                };
                indicators.push(IndicatorResult {
                    value,
                    threshold,
                    met,
                    above_floor: reaches(value, floor * threshold),
                    numerator,
                    shortfall,
                });
            }
            let met_count = indicators.iter().filter(|r| r.met).count();
            let passes = met_count >= min_met && indicators.iter().all(|r| r.met || r.above_floor);
            units.push(Unit {
                school: i,
                school_id: school.id.clone(),
                name: school.name.clone(),
                level,
                students,
                share,
                merged_points: points.clone(),
                indicators,
                met_count,
                passes,
            });
        }
    }
    excluded.sort_by_key(|e| e.school);

    let mut cv: [Vec<CvResult>; 2] = [Vec::new(), Vec::new()];
    let mut composite: [Option<CompositeResult>; 2] = [None, None];
    let mut summary: [LevelSummary; 2] = Default::default();
    let weighting = standard.def.cv.weighting;
    for level in Level::BOTH {
        let lu: Vec<&Unit> = units.iter().filter(|u| u.level == level).collect();
        let s = &mut summary[level as usize];
        s.units = lu.len();
        s.passing = lu.iter().filter(|u| u.passes).count();
        s.students = lu.iter().map(|u| u.students).sum();
        if lu.is_empty() {
            s.cv_rule_met = true;
            continue;
        }
        let limit = standard.cv_limit(level);
        // Each indicator's values side by side, gathered in one pass over the sections.
        let weights: Vec<f64> = lu
            .iter()
            .map(|u| match weighting {
                CvWeighting::Enrolment => u.students,
                CvWeighting::Unweighted => 1.0,
            })
            .collect();
        let mut values: Vec<Vec<f64>> =
            vec![Vec::with_capacity(lu.len()); standard.indicators.len()];
        for u in &lu {
            for (column, r) in values.iter_mut().zip(&u.indicators) {
                column.push(r.value);
            }
        }
        let results: Vec<CvResult> = values
            .iter()
            .map(|column| {
                let stats = weighted_cv(weights.iter().copied().zip(column.iter().copied()));
                CvResult {
                    cv: stats.cv,
                    mean: stats.mean,
                    sd: stats.sd,
                    limit,
                    met: within(stats.cv, limit),
                }
            })
            .collect();
        s.cv_met = results.iter().filter(|r| r.met).count();
        s.cv_rule_met = match standard.composite_limit(level) {
            Some(climit) => {
                let mean = results.iter().map(|r| r.cv).sum::<f64>() / results.len() as f64;
                let met = within(mean, climit);
                composite[level as usize] = Some(CompositeResult {
                    cv: mean,
                    limit: climit,
                    met,
                });
                met
            }
            None => s.cv_met == results.len(),
        };
        cv[level as usize] = results;
    }
    let resource_allocation_met = summary
        .iter()
        .all(|s| s.passing == s.units && s.cv_rule_met);
    Evaluation {
        standard_id: standard.id().to_string(),
        cv_weighting: weighting,
        units,
        excluded,
        cv,
        composite,
        summary,
        resource_allocation_met,
    }
}
