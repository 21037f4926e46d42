//! Turning one record — a row of an imported table, or a new school in a scenario — into a
//! [`School`], with the same checks wherever it comes from: the kind and the location understood,
//! counts whole, no negative values, and no value for a section the school's kind does not have.
//! The callers say where a problem is (a cell, a change); this says what it is.

use super::headers::TextColumn;
use super::{Field, FieldValues, Location, School, SchoolKind};

/// What is wrong with one value of a record.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordProblem {
    /// The school kind is not one the app knows.
    UnknownKind(String),
    /// The location is not one the app knows.
    UnknownLocation(String),
    /// A value below 0 (not kept).
    Negative,
    /// A count with a fraction (kept, rounded).
    NotWhole,
    /// A value for a section this kind of school does not have (kept).
    WrongSection(SchoolKind),
    /// A value beyond what any school has (not kept): the most allowed.
    Absurd(f64),
}

/// A school being read from a record, value by value.
#[derive(Debug, Clone, Default)]
pub struct SchoolBuilder {
    pub id: Option<String>,
    pub name: Option<String>,
    pub kind: Option<SchoolKind>,
    parent_id: Option<String>,
    township: Option<String>,
    location: Option<Location>,
    county: Option<String>,
    feeds_into: Option<String>,
    values: FieldValues,
}

/// How far from a whole number a count may be and still be read as one.
const WHOLE_TOLERANCE: f64 = 1e-6;

impl SchoolBuilder {
    pub fn new() -> SchoolBuilder {
        SchoolBuilder::default()
    }

    /// A text value (trimmed; empty is no value). An unknown kind or location is a problem and
    /// is not kept.
    pub fn text(&mut self, column: TextColumn, text: Option<&str>) -> Result<(), RecordProblem> {
        let text = text.map(str::trim).filter(|t| !t.is_empty());
        match column {
            TextColumn::SchoolId => self.id = text.map(str::to_string),
            TextColumn::Name => self.name = text.map(str::to_string),
            TextColumn::ParentId => self.parent_id = text.map(str::to_string),
            TextColumn::Township => self.township = text.map(str::to_string),
            TextColumn::County => self.county = text.map(str::to_string),
            TextColumn::FeedsInto => self.feeds_into = text.map(str::to_string),
            TextColumn::Kind => {
                if let Some(t) = text {
                    self.kind = Some(
                        SchoolKind::parse(t)
                            .ok_or_else(|| RecordProblem::UnknownKind(t.to_string()))?,
                    );
                }
            }
            TextColumn::Location => {
                if let Some(t) = text {
                    self.location = Some(
                        Location::parse(t)
                            .ok_or_else(|| RecordProblem::UnknownLocation(t.to_string()))?,
                    );
                }
            }
        }
        Ok(())
    }

    /// A number for a field as read (`factor` scales an amount given in other units, such as
    /// 万元), and what is wrong with it (nothing: empty). A negative value is refused; a count
    /// with a fraction is kept rounded and reported; a value for a section the kind (when
    /// already known) lacks is kept and reported.
    pub fn number(&mut self, field: Field, value: f64, factor: f64) -> Vec<RecordProblem> {
        if value < 0.0 {
            return vec![RecordProblem::Negative];
        }
        if value * factor > field.measure().max() || (value * factor).is_nan() {
            return vec![RecordProblem::Absurd(field.measure().max())];
        }
        let (v, whole) = if field.measure().is_count() {
            let r = value.round();
            (r, (value - r).abs() <= WHOLE_TOLERANCE)
        } else {
            (value * factor, true)
        };
        self.values.set(field, v);
        let mut problems = Vec::new();
        if !whole {
            problems.push(RecordProblem::NotWhole);
        }
        match self.kind {
            Some(k) if v > 0.0 && !k.allows(field.scope()) => {
                problems.push(RecordProblem::WrongSection(k))
            }
            _ => {}
        }
        problems
    }

    /// The required columns (id, name, kind) that have no value.
    pub fn missing(&self) -> Vec<TextColumn> {
        [
            (TextColumn::SchoolId, self.id.is_none()),
            (TextColumn::Name, self.name.is_none()),
            (TextColumn::Kind, self.kind.is_none()),
        ]
        .into_iter()
        .filter_map(|(c, missing)| missing.then_some(c))
        .collect()
    }

    /// The fields with a value above 0 for a section the school's kind does not have.
    pub fn wrong_sections(&self) -> Vec<Field> {
        let Some(kind) = self.kind else {
            return Vec::new();
        };
        Field::ALL
            .iter()
            .copied()
            .filter(|&f| self.values.value(f) > 0.0 && !kind.allows(f.scope()))
            .collect()
    }

    /// The school (an empty id or name, and a primary school, where they are missing: the
    /// caller has reported that).
    pub fn build(self) -> School {
        let mut school = School::new(
            self.id.unwrap_or_default(),
            self.name.unwrap_or_default(),
            self.kind.unwrap_or(SchoolKind::Primary),
        );
        school.parent_id = self.parent_id;
        school.township = self.township;
        school.location = self.location;
        school.county = self.county;
        school.feeds_into = self.feeds_into;
        school.values = self.values;
        school
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_record_read_with_every_check() {
        let mut b = SchoolBuilder::new();
        assert_eq!(b.text(TextColumn::Kind, Some(" 小学 ")), Ok(()));
        assert_eq!(
            b.text(TextColumn::Location, Some("月球")),
            Err(RecordProblem::UnknownLocation("月球".into()))
        );
        assert_eq!(
            b.number(Field::BackbonePrimary, -1.0, 1.0),
            vec![RecordProblem::Negative]
        );
        assert_eq!(
            b.number(Field::BackbonePrimary, 2.4, 1.0),
            vec![RecordProblem::NotWhole]
        );
        assert_eq!(b.number(Field::EquipmentValueYuan, 12.5, 10_000.0), vec![]);
        assert_eq!(
            b.number(Field::BackboneJunior, 3.0, 1.0),
            vec![RecordProblem::WrongSection(SchoolKind::Primary)]
        );
        assert_eq!(
            b.number(Field::QualifiedJunior, 1.5, 1.0),
            vec![
                RecordProblem::NotWhole,
                RecordProblem::WrongSection(SchoolKind::Primary)
            ]
        );
        assert_eq!(b.missing(), vec![TextColumn::SchoolId, TextColumn::Name]);
        // In the order of the fields (Field::ALL), whatever the order of the columns.
        assert_eq!(
            b.wrong_sections(),
            vec![Field::QualifiedJunior, Field::BackboneJunior]
        );
        let s = b.build();
        assert_eq!(s.value(Field::BackbonePrimary), 2.0);
        assert_eq!(s.value(Field::EquipmentValueYuan), 125_000.0);
        assert_eq!(s.location, None);
    }
}
