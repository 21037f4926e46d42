//! Comparing a scenario's evaluation with the baseline's.

use super::{Evaluation, Unit};
use crate::model::Level;

/// A section whose verdict differs between the baseline and a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictChange {
    pub school_id: String,
    pub name: String,
    pub level: Level,
    /// `true`: newly passing; `false`: newly failing (or a new section that fails).
    pub now_passes: bool,
}

/// The sections whose verdict a scenario changed, newly passing first.
pub fn verdict_changes(baseline: &Evaluation, scenario: &Evaluation) -> Vec<VerdictChange> {
    let before = |u: &Unit| {
        baseline
            .units
            .iter()
            .find(|b| b.school_id == u.school_id && b.level == u.level)
            .map(|b| b.passes)
    };
    let mut out: Vec<VerdictChange> = scenario
        .units
        .iter()
        .filter(|u| before(u) != Some(u.passes) && !(before(u).is_none() && u.passes))
        .map(|u| VerdictChange {
            school_id: u.school_id.clone(),
            name: u.name.clone(),
            level: u.level,
            now_passes: u.passes,
        })
        .collect();
    out.sort_by_key(|c| !c.now_passes);
    out
}

/// The baseline value of a section's indicator, matched by school id and level.
pub fn baseline_value(baseline: &Evaluation, unit: &Unit, k: usize) -> Option<f64> {
    baseline
        .units
        .iter()
        .find(|b| b.school_id == unit.school_id && b.level == unit.level)
        .map(|b| b.indicators[k].value)
}

/// A section whose count of indicators met moved under a change: what closing a school does to
/// the school that takes its students.
#[derive(Debug, Clone, PartialEq)]
pub struct MetChange {
    pub school_id: String,
    pub name: String,
    pub level: Level,
    pub before: usize,
    pub after: usize,
    pub passes_before: bool,
    pub passes_after: bool,
}

/// The sections in both evaluations whose count of indicators met differs, the largest drop
/// first.
pub fn met_changes(baseline: &Evaluation, scenario: &Evaluation) -> Vec<MetChange> {
    let mut out: Vec<MetChange> = scenario
        .units
        .iter()
        .filter_map(|u| {
            let b = baseline
                .units
                .iter()
                .find(|b| b.school_id == u.school_id && b.level == u.level)?;
            (b.met_count != u.met_count).then(|| MetChange {
                school_id: u.school_id.clone(),
                name: u.name.clone(),
                level: u.level,
                before: b.met_count,
                after: u.met_count,
                passes_before: b.passes,
                passes_after: u.passes,
            })
        })
        .collect();
    out.sort_by_key(|c| c.after as i64 - c.before as i64);
    out
}
