//! Unit costs and the cost of a scenario.

use super::{Change, Scenario};
use crate::model::{Dataset, Field};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The cost in 元 of one unit of each field the user may add (one teacher, one m², one 元, one
/// room). Fields not listed cost nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostTable {
    pub costs: BTreeMap<String, f64>,
}

impl Default for CostTable {
    /// The documented defaults (DATA-FORMAT.md §4's example): a teacher's yearly cost to the
    /// county budget, construction per m², equipment at face value, a fitted multimedia room.
    fn default() -> Self {
        let costs = [
            (Field::QualifiedPrimary, 90_000.0),
            (Field::QualifiedJunior, 100_000.0),
            (Field::BackbonePrimary, 20_000.0),
            (Field::BackboneJunior, 20_000.0),
            (Field::PeArtPrimary, 120_000.0),
            (Field::PeArtJunior, 120_000.0),
            (Field::TeachingAreaM2, 3_000.0),
            (Field::SportsAreaM2, 600.0),
            (Field::EquipmentValueYuan, 1.0),
            (Field::MultimediaRooms, 50_000.0),
            (Field::MusicRooms, 150_000.0),
            (Field::ArtRooms, 150_000.0),
            // A class needs a classroom (about 70 m² at 3,000 元) and its furnishing: an
            // assumption to edit, like every unit cost.
            (Field::ClassesPrimary, 250_000.0),
            (Field::ClassesJunior, 250_000.0),
        ]
        .into_iter()
        .map(|(f, c)| (f.key().to_string(), c))
        .collect();
        CostTable { costs }
    }
}

impl CostTable {
    /// The unit cost of a field (0 when it is not listed).
    pub fn cost(&self, field: Field) -> f64 {
        self.costs.get(field.key()).copied().unwrap_or(0.0)
    }

    /// Sets a unit cost; a negative or non-finite cost is refused.
    pub fn set(&mut self, field: Field, cost: f64) -> bool {
        if cost.is_finite() && cost >= 0.0 {
            self.costs.insert(field.key().to_string(), cost);
            true
        } else {
            false
        }
    }
}

/// What a scenario costs, in total, per school and per field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CostReport {
    pub total: f64,
    /// (school id, cost), in the order the schools first appear in the changes.
    pub per_school: Vec<(String, f64)>,
    /// (field, units added, cost).
    pub per_field: Vec<(Field, f64, f64)>,
}

impl CostReport {
    /// What recurs every year: the people added (teachers' yearly cost); the rest — building,
    /// equipment, rooms, classes — is paid once.
    pub fn yearly(&self) -> f64 {
        self.per_field
            .iter()
            .filter(|(f, _, _)| f.measure() == crate::model::Measure::Persons)
            .map(|(_, _, c)| c)
            .sum()
    }

    /// What is paid once.
    pub fn one_off(&self) -> f64 {
        (self.total - self.yearly()).max(0.0)
    }

    fn add(&mut self, school: &str, field: Field, units: f64, cost: f64) {
        if units <= 0.0 || cost <= 0.0 {
            return;
        }
        let c = units * cost;
        self.total += c;
        match self.per_school.iter_mut().find(|(s, _)| s == school) {
            Some(entry) => entry.1 += c,
            None => self.per_school.push((school.to_string(), c)),
        }
        match self.per_field.iter_mut().find(|(f, _, _)| *f == field) {
            Some(entry) => {
                entry.1 += units;
                entry.2 += c;
            }
            None => self.per_field.push((field, units, c)),
        }
    }
}

/// The cost of a scenario: what it adds, at the unit costs. Additions (and the part of a `set`
/// above the value before it) cost; reductions, moves, merges and closures cost nothing; a new
/// school costs what it is built with. Changes that cannot apply are left out (the scenario is
/// refused elsewhere).
pub fn cost_of(data: &Dataset, scenario: &Scenario, costs: &CostTable) -> CostReport {
    let mut report = CostReport::default();
    let mut applying = super::Applying::new(data);
    for change in &scenario.changes {
        match change {
            Change::Add {
                school_id,
                field,
                amount,
            } => {
                if let Some(f) = Field::from_key(field) {
                    report.add(school_id, f, *amount, costs.cost(f));
                }
            }
            Change::Set {
                school_id,
                field,
                value,
            } => {
                if let Some(f) = Field::from_key(field) {
                    let before = applying.school(school_id).map_or(0.0, |s| s.value(f));
                    report.add(school_id, f, value - before, costs.cost(f));
                }
            }
            Change::NewSchool { school } => {
                if let Ok(s) = super::school_from_record(school) {
                    for &f in Field::ALL {
                        report.add(&s.id, f, s.value(f), costs.cost(f));
                    }
                }
            }
            Change::MoveStudents { .. }
            | Change::Merge { .. }
            | Change::Close { .. }
            | Change::Transfer { .. } => {}
        }
        // A change that does not apply is refused by `apply`; the costs go on as before.
        let _ = applying.step(change);
    }
    report
}
