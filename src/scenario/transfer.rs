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
