//! 数据更正: a wrong number fixed where it is seen, kept beside the imported data — what, where,
//! old → new, when — so that re-importing a newer file re-applies it by school id and field, and
//! the report can list it.

use super::builder::{RecordProblem, SchoolBuilder};
use super::headers::TextColumn;
use super::{Dataset, Field};

/// One value corrected by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub school_id: String,
    pub field: Field,
    /// The value the data had (`None`: empty).
    pub old: Option<f64>,
    pub new: f64,
    /// When it was made (RFC 3339).
    pub at: String,
}

/// Why a value cannot be the correction.
#[derive(Debug, Clone, PartialEq)]
pub enum CorrectionProblem {
    NoSchool(String),
    /// The value as the importer would refuse it.
    Value(RecordProblem),
    /// The value is the one the data has.
    Unchanged,
}

impl CorrectionProblem {
    pub fn message(&self, zh: bool) -> String {
        match (self, zh) {
            (CorrectionProblem::NoSchool(id), true) => format!("没有学校标识码为“{id}”的学校"),
            (CorrectionProblem::NoSchool(id), false) => format!("no school has the id \"{id}\""),
            (CorrectionProblem::Unchanged, true) => "数值未改变".into(),
            (CorrectionProblem::Unchanged, false) => "the value is unchanged".into(),
            (CorrectionProblem::Value(p), _) => match (p, zh) {
                (RecordProblem::Negative, true) => "不能为负数".into(),
                (RecordProblem::Negative, false) => "cannot be negative".into(),
                (RecordProblem::NotWhole, true) => "人数、间数等须为整数".into(),
                (RecordProblem::NotWhole, false) => "a count must be a whole number".into(),
                (RecordProblem::WrongSection(k), true) => {
                    format!("{}没有这个学段", k.zh())
                }
                (RecordProblem::WrongSection(k), false) => {
                    format!("a {} has no such section", k.en())
                }
                (RecordProblem::Absurd(max), true) => {
                    format!(
                        "超出任何学校的范围（最多 {}）",
                        crate::format::as_typed(*max)
                    )
                }
                (RecordProblem::Absurd(max), false) => {
                    format!(
                        "beyond any school (at most {})",
                        crate::format::as_typed(*max)
                    )
                }
                (RecordProblem::UnknownKind(_) | RecordProblem::UnknownLocation(_), true) => {
                    "无效的值".into()
                }
                (RecordProblem::UnknownKind(_) | RecordProblem::UnknownLocation(_), false) => {
                    "not a valid value".into()
                }
            },
        }
    }
}

/// Sets one value of a school as a correction, checked as the importer checks a cell; the list
/// of corrections keeps the first old value of each (school, field), and a value set back to it
/// leaves the list. Nothing changes on an error.
pub fn correct(
    data: &mut Dataset,
    corrections: &mut Vec<Correction>,
    school_id: &str,
    field: Field,
    value: f64,
    at: &str,
) -> Result<Correction, CorrectionProblem> {
    let school = data
        .schools
        .iter_mut()
        .find(|s| s.id == school_id)
        .ok_or_else(|| CorrectionProblem::NoSchool(school_id.to_string()))?;
    let mut b = SchoolBuilder::new();
    let _ = b.text(TextColumn::Kind, Some(school.kind.zh()));
    if let Some(p) = b.number(field, value, 1.0).into_iter().next() {
        return Err(CorrectionProblem::Value(p));
    }
    let before = school.values.get(field);
    if before == Some(value) {
        return Err(CorrectionProblem::Unchanged);
    }
    school.values.set(field, value);
    let made = match corrections
        .iter()
        .position(|c| c.school_id == school_id && c.field == field)
    {
        Some(i) if corrections[i].old == Some(value) => {
            let mut c = corrections.remove(i);
            c.new = value;
            c.at = at.to_string();
            c
        }
        Some(i) => {
            corrections[i].new = value;
            corrections[i].at = at.to_string();
            corrections[i].clone()
        }
        None => {
            let c = Correction {
                school_id: school_id.to_string(),
                field,
                old: before,
                new: value,
                at: at.to_string(),
            };
            corrections.push(c.clone());
            c
        }
    };
    Ok(made)
}

/// Takes a correction back: the value it replaced is restored.
pub fn revert(
    data: &mut Dataset,
    corrections: &mut Vec<Correction>,
    index: usize,
) -> Option<Correction> {
    if index >= corrections.len() {
        return None;
    }
    let c = corrections.remove(index);
    if let Some(s) = data.schools.iter_mut().find(|s| s.id == c.school_id) {
        match c.old {
            Some(v) => s.values.set(c.field, v),
            None => s.values.clear(c.field),
        }
    }
    Some(c)
}

/// What re-applying the corrections to newly imported data did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reapplied {
    /// Set again on the new data.
    pub applied: usize,
    /// The new file already has the corrected value: the correction is no longer needed.
    pub fixed_in_file: usize,
    /// The school is not in the new file: kept, not applied.
    pub missing: usize,
}

/// Re-applies corrections to newly imported data by school id and field; a correction the new
/// file has made itself is dropped; the old value each shows becomes the new file's.
pub fn reapply(data: &mut Dataset, corrections: &mut Vec<Correction>) -> Reapplied {
    let mut out = Reapplied::default();
    corrections.retain_mut(|c| {
        let Some(s) = data.schools.iter_mut().find(|s| s.id == c.school_id) else {
            out.missing += 1;
            return true;
        };
        let now = s.values.get(c.field);
        if now == Some(c.new) {
            out.fixed_in_file += 1;
            return false;
        }
        c.old = now;
        s.values.set(c.field, c.new);
        out.applied += 1;
        true
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{School, SchoolKind};

    fn data() -> Dataset {
        Dataset {
            schools: vec![
                School::new("A", "甲小学", SchoolKind::Primary).with(Field::StudentsPrimary, 500.0),
                School::new("B", "乙中学", SchoolKind::Junior).with(Field::StudentsJunior, 300.0),
            ],
            ..Dataset::default()
        }
    }

    #[test]
    fn a_correction_is_checked_kept_once_and_taken_back() {
        let mut d = data();
        let mut list = Vec::new();
        let c = correct(&mut d, &mut list, "A", Field::StudentsPrimary, 520.0, "t1").unwrap();
        assert_eq!((c.old, c.new), (Some(500.0), 520.0));
        assert_eq!(d.schools[0].students(crate::model::Level::Primary), 520.0);
        // Corrected again: still one entry, its first old value kept.
        correct(&mut d, &mut list, "A", Field::StudentsPrimary, 530.0, "t2").unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(
            (list[0].old, list[0].new, list[0].at.as_str()),
            (Some(500.0), 530.0, "t2")
        );
        // Refused as the importer refuses: negative, fractional count, a section the school lacks.
        assert_eq!(
            correct(&mut d, &mut list, "A", Field::StudentsPrimary, -1.0, "t").unwrap_err(),
            CorrectionProblem::Value(RecordProblem::Negative)
        );
        assert_eq!(
            correct(&mut d, &mut list, "A", Field::BackbonePrimary, 2.5, "t").unwrap_err(),
            CorrectionProblem::Value(RecordProblem::NotWhole)
        );
        assert!(matches!(
            correct(&mut d, &mut list, "A", Field::StudentsJunior, 10.0, "t").unwrap_err(),
            CorrectionProblem::Value(RecordProblem::WrongSection(_))
        ));
        assert_eq!(
            correct(&mut d, &mut list, "Z", Field::StudentsPrimary, 1.0, "t").unwrap_err(),
            CorrectionProblem::NoSchool("Z".into())
        );
        // Set back to the file's value: no longer a correction.
        correct(&mut d, &mut list, "A", Field::StudentsPrimary, 500.0, "t3").unwrap();
        assert!(list.is_empty());
        // A new field corrected, then taken back: empty again.
        correct(&mut d, &mut list, "B", Field::BackboneJunior, 4.0, "t4").unwrap();
        assert_eq!(d.schools[1].values.get(Field::BackboneJunior), Some(4.0));
        revert(&mut d, &mut list, 0).unwrap();
        assert_eq!(d.schools[1].values.get(Field::BackboneJunior), None);
    }

    #[test]
    fn corrections_are_reapplied_to_a_newer_file() {
        let mut d = data();
        let mut list = Vec::new();
        correct(&mut d, &mut list, "A", Field::StudentsPrimary, 520.0, "t").unwrap();
        correct(&mut d, &mut list, "B", Field::StudentsJunior, 310.0, "t").unwrap();
        list.push(Correction {
            school_id: "C".into(),
            field: Field::StudentsPrimary,
            old: Some(1.0),
            new: 2.0,
            at: "t".into(),
        });
        // The newer file: A has another value (re-applied), B already fixed, C gone.
        let mut newer = data();
        newer.schools[0].values.set(Field::StudentsPrimary, 505.0);
        newer.schools[1].values.set(Field::StudentsJunior, 310.0);
        let r = reapply(&mut newer, &mut list);
        assert_eq!(
            r,
            Reapplied {
                applied: 1,
                fixed_in_file: 1,
                missing: 1
            }
        );
        assert_eq!(
            newer.schools[0].values.get(Field::StudentsPrimary),
            Some(520.0)
        );
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].old, Some(505.0));
    }
}
