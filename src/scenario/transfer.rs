//! 交流轮岗: teachers moved from one school to another (DATA-FORMAT §2, `transfer`). The fields
//! listed describe the same teachers (two backbone teachers who are also qualified), so each
//! moves by the same count; they must be teacher counts of one level.

use super::{check_whole, set_checked, ChangeProblem};
use crate::model::{Field, Level, School};

/// The teacher counts of a level a transfer may move.
/// The teacher counts of a level a transfer may move (the form in the window offers the same).
pub fn teacher_fields(level: Level) -> [Field; 5] {
    match level {
        Level::Primary => [
            Field::TeachersPrimary,
            Field::QualifiedPrimary,
            Field::BackbonePrimary,
            Field::PeArtPrimary,
            Field::MidTitlePrimary,
        ],
        Level::Junior => [
            Field::TeachersJunior,
            Field::QualifiedJunior,
            Field::BackboneJunior,
            Field::PeArtJunior,
            Field::MidTitleJunior,
        ],
    }
}

/// Moves `count` of each field from school `from` to school `to` (positions in `schools`).
pub(super) fn apply(
    schools: &mut [School],
    (from, to): (usize, usize),
    count: f64,
    fields: &[String],
) -> Result<(), ChangeProblem> {
    if fields.is_empty() {
        return Err(ChangeProblem::BadTransfer(
            "未列出教师字段 / no teacher field listed".into(),
        ));
    }
    if !(count.is_finite() && count > 0.0) {
        return Err(ChangeProblem::BadNumber(count));
    }
    if from == to {
        return Err(ChangeProblem::SameSchool(schools[from].id.clone()));
    }
    let mut parsed = Vec::new();
    for key in fields {
        let f = super::field_of(key)?;
        if parsed.contains(&f) {
            return Err(ChangeProblem::BadTransfer(format!(
                "“{key}”列出两次 / \"{key}\" is listed twice"
            )));
        }
        parsed.push(f);
    }
    let level = Level::BOTH
        .into_iter()
        .find(|l| parsed.iter().all(|f| teacher_fields(*l).contains(f)))
        .ok_or_else(|| {
            ChangeProblem::BadTransfer(format!(
                "“{}”不都是同一学段的教师数 / are not all teacher counts of one level",
                fields.join("、")
            ))
        })?;
    for &i in &[from, to] {
        let s = &schools[i];
        if !s.kind.allows(level.scope()) {
            return Err(ChangeProblem::NoSuchSection {
                school_id: s.id.clone(),
                kind: s.kind,
                section: level,
            });
        }
    }
    for f in parsed {
        check_whole(f, count)?;
        // A donor that would go below zero is refused, naming it and the field.
        let left = schools[from].value(f) - count;
        set_checked(&mut schools[from], f, left)?;
        let now = schools[to].value(f) + count;
        set_checked(&mut schools[to], f, now)?;
    }
    Ok(())
}

/// A school's teachers of a level: `teachers_primary` / `teachers_junior`, or where that is not
/// given (or smaller), the largest of its counted kinds of teachers — each a part of all its
/// teachers, so never more than it has.
pub fn teachers(school: &School, level: Level) -> f64 {
    teacher_fields(level)
        .iter()
        .map(|f| school.value(*f))
        .fold(0.0, f64::max)
}

/// The teachers a scenario moves (交流轮岗) against the county's teachers: the figures of the
/// guarantee items (10) 交流轮岗教师比例 and (11) 骨干教师比例.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exchange {
    /// Teachers moved.
    pub moved: f64,
    /// Of them, backbone teachers (a move listing a backbone count).
    pub backbone: f64,
    /// The county's teachers (both levels), as [`teachers`] counts them.
    pub teachers: f64,
}

impl Exchange {
    /// Teachers moved as a share of the county's, in %.
    pub fn share_pct(&self) -> f64 {
        if self.teachers > 0.0 {
            self.moved / self.teachers * 100.0
        } else {
            0.0
        }
    }

    /// Backbone teachers as a share of those moved, in %.
    pub fn backbone_pct(&self) -> f64 {
        if self.moved > 0.0 {
            self.backbone / self.moved * 100.0
        } else {
            0.0
        }
    }
}

/// The teachers moved by the scenario's changes whose year (`None`: undated) `counts`, against
/// the teachers of `data`; `None` when it moves nobody then.
pub fn exchange(
    data: &crate::model::Dataset,
    scenario: &super::Scenario,
    counts: impl Fn(Option<i32>) -> bool,
) -> Option<Exchange> {
    let (mut moved, mut backbone) = (0.0, 0.0);
    for (i, c) in scenario.changes.iter().enumerate() {
        if !counts(scenario.year_of(i)) {
            continue;
        }
        if let super::Change::Transfer { count, fields, .. } = c {
            moved += count;
            if fields
                .iter()
                .any(|k| k == Field::BackbonePrimary.key() || k == Field::BackboneJunior.key())
            {
                backbone += count;
            }
        }
    }
    if moved <= 0.0 {
        return None;
    }
    let teachers = data
        .schools
        .iter()
        .map(|s| {
            Level::BOTH
                .iter()
                .filter(|l| s.kind.allows(l.scope()))
                .map(|l| teachers(s, *l))
                .sum::<f64>()
        })
        .sum();
    Some(Exchange {
        moved,
        backbone,
        teachers,
    })
}
