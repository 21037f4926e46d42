//! Unit costs and the cost of a scenario.

use super::{Change, Scenario};
use crate::model::{Dataset, Field};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What one unit of a field costs and how it falls due (DATA-FORMAT §4): once (a room is built
/// once), every year (a teacher is paid every year), or both. A plain number in a cost file is a
/// one-time cost.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct UnitCost {
    pub once: f64,
    pub per_year: f64,
}

impl UnitCost {
    pub fn once(once: f64) -> UnitCost {
        UnitCost {
            once,
            per_year: 0.0,
        }
    }

    pub fn per_year(per_year: f64) -> UnitCost {
        UnitCost {
            once: 0.0,
            per_year,
        }
    }

    /// What a unit costs over `years` years: once, plus every year.
    pub fn over(&self, years: f64) -> f64 {
        self.once + years * self.per_year
    }

    /// Whether both parts are finite and not negative.
    pub fn is_valid(&self) -> bool {
        [self.once, self.per_year]
            .iter()
            .all(|v| v.is_finite() && *v >= 0.0)
    }
}

impl Serialize for UnitCost {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        if self.per_year == 0.0 {
            return s.serialize_f64(self.once);
        }
        let mut m = s.serialize_map(None)?;
        if self.once != 0.0 {
            m.serialize_entry("once", &self.once)?;
        }
        m.serialize_entry("per_year", &self.per_year)?;
        m.end()
    }
}

impl<'de> Deserialize<'de> for UnitCost {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<UnitCost, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Parts {
            #[serde(default)]
            once: f64,
            #[serde(default)]
            per_year: f64,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Plain(f64),
            Parts(Parts),
        }
        match Either::deserialize(d).map_err(|_| {
            serde::de::Error::custom(
                "a unit cost is a number (paid once) or {\"once\": …, \"per_year\": …}",
            )
        })? {
            Either::Plain(once) => Ok(UnitCost::once(once)),
            Either::Parts(p) => Ok(UnitCost {
                once: p.once,
                per_year: p.per_year,
            }),
        }
    }
}

/// Teachers moved between schools (交流轮岗) as the planner may use them: the fields it may
/// move, the yearly cost of each teacher moved, and the most of its teachers a school may send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferCost {
    pub fields: Vec<String>,
    pub per_year: f64,
    pub max_out_share: f64,
}

/// The cost in 元 of one unit of each field the user may add (one teacher, one m², one 元, one
/// room), once and every year. Fields not listed cost nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostTable {
    pub costs: BTreeMap<String, UnitCost>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<TransferCost>,
}

impl Default for CostTable {
    /// The documented defaults (DATA-FORMAT.md §4's example): a teacher's yearly cost to the
    /// county budget; construction per m², equipment at face value and a fitted room, once.
    fn default() -> Self {
        let yearly = [
            (Field::QualifiedPrimary, 90_000.0),
            (Field::QualifiedJunior, 100_000.0),
            (Field::BackbonePrimary, 20_000.0),
            (Field::BackboneJunior, 20_000.0),
            (Field::PeArtPrimary, 120_000.0),
            (Field::PeArtJunior, 120_000.0),
        ]
        .map(|(f, c)| (f, UnitCost::per_year(c)));
        let once = [
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
        .map(|(f, c)| (f, UnitCost::once(c)));
        let costs = yearly
            .into_iter()
            .chain(once)
            .map(|(f, c)| (f.key().to_string(), c))
            .collect();
        CostTable {
            costs,
            transfer: None,
        }
    }
}

impl CostTable {
    /// A field's unit cost over one year: once plus one year's (0 when it is not listed).
    pub fn cost(&self, field: Field) -> f64 {
        self.unit(field).over(1.0)
    }

    /// A field's unit cost, once and every year (0 when it is not listed).
    pub fn unit(&self, field: Field) -> UnitCost {
        self.costs.get(field.key()).copied().unwrap_or_default()
    }

    /// Sets a unit cost; a negative or non-finite part is refused.
    pub fn set(&mut self, field: Field, cost: UnitCost) -> bool {
        if cost.is_valid() {
            self.costs.insert(field.key().to_string(), cost);
            true
        } else {
            false
        }
    }

    /// Why the table cannot be used, if it cannot: a negative or non-finite cost, a transfer
    /// block out of range.
    pub fn check(&self) -> Result<(), String> {
        for (k, c) in &self.costs {
            if !c.is_valid() {
                return Err(format!(
                    "{k} 的单位费用应为不小于 0 的数 / the unit cost of {k} must be a number ≥ 0"
                ));
            }
        }
        if let Some(t) = &self.transfer {
            if !(t.per_year.is_finite() && t.per_year >= 0.0) {
                return Err("transfer.per_year 应为不小于 0 的数 / must be a number ≥ 0".into());
            }
            if !(t.max_out_share.is_finite() && (0.0..=1.0).contains(&t.max_out_share)) {
                return Err(
                    "transfer.max_out_share 应在 0 到 1 之间 / must be between 0 and 1".into(),
                );
            }
            for key in &t.fields {
                let teacher = Field::from_key(key).is_some_and(|f| {
                    crate::model::Level::BOTH
                        .iter()
                        .any(|l| super::transfer::teacher_fields(*l).contains(&f))
                });
                if !teacher {
                    return Err(format!(
                        "transfer.fields 中的“{key}”不是教师数字段 / \"{key}\" in transfer.fields is not a teacher count"
                    ));
                }
            }
        }
        Ok(())
    }
}

/// What a scenario costs, in total, per school and per field: in its first year, what is paid
/// once plus one year of what recurs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CostReport {
    pub total: f64,
    /// What is paid once, and what recurs every year (`total` is their sum).
    pub once: f64,
    pub per_year: f64,
    /// (school id, cost), in the order the schools first appear in the changes.
    pub per_school: Vec<(String, f64)>,
    /// (field, units added, cost).
    pub per_field: Vec<(Field, f64, f64)>,
    /// (field, paid once, paid every year), in the order of `per_field`.
    pub per_field_split: Vec<(Field, f64, f64)>,
    /// Teachers moved between schools at a yearly cost (in `per_year`, not in `per_field`).
    pub moved: f64,
}

impl CostReport {
    /// What recurs every year (teachers' salaries, as the cost table says).
    pub fn yearly(&self) -> f64 {
        self.per_year
    }

    /// What is paid once (building, equipment, rooms).
    pub fn one_off(&self) -> f64 {
        self.once
    }

    /// How a field's cost falls due: (once, every year).
    pub fn split_of(&self, field: Field) -> (f64, f64) {
        self.per_field_split
            .iter()
            .find(|(f, _, _)| *f == field)
            .map_or((0.0, 0.0), |(_, o, y)| (*o, *y))
    }

    fn add(&mut self, school: &str, field: Field, units: f64, unit: UnitCost) {
        let cost = unit.over(1.0);
        if units <= 0.0 || cost <= 0.0 {
            return;
        }
        let c = units * cost;
        self.total += c;
        self.once += units * unit.once;
        self.per_year += units * unit.per_year;
        match self
            .per_field_split
            .iter_mut()
            .find(|(f, _, _)| *f == field)
        {
            Some(entry) => {
                entry.1 += units * unit.once;
                entry.2 += units * unit.per_year;
            }
            None => self
                .per_field_split
                .push((field, units * unit.once, units * unit.per_year)),
        }
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
/// above the value before it) cost, and teachers moved at the transfer's yearly cost;
/// reductions, moves of students, merges and closures cost nothing; a new
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
                    report.add(school_id, f, *amount, costs.unit(f));
                }
            }
            Change::Set {
                school_id,
                field,
                value,
            } => {
                if let Some(f) = Field::from_key(field) {
                    let before = applying.school(school_id).map_or(0.0, |s| s.value(f));
                    report.add(school_id, f, value - before, costs.unit(f));
                }
            }
            Change::NewSchool { school } => {
                if let Ok(s) = super::school_from_record(school) {
                    for &f in Field::ALL {
                        report.add(&s.id, f, s.value(f), costs.unit(f));
                    }
                }
            }
            Change::Transfer { to, count, .. } => {
                // A teacher moved is paid every year (交流轮岗 allowance), where costed.
                let c = count * costs.transfer.as_ref().map_or(0.0, |t| t.per_year);
                if c > 0.0 {
                    report.total += c;
                    report.per_year += c;
                    report.moved += count;
                    match report.per_school.iter_mut().find(|(s, _)| s == to) {
                        Some(entry) => entry.1 += c,
                        None => report.per_school.push((to.clone(), c)),
                    }
                }
            }
            Change::MoveStudents { .. } | Change::Merge { .. } | Change::Close { .. } => {}
        }
        // A change that does not apply is refused by `apply`; the costs go on as before.
        let _ = applying.step(change);
    }
    report
}
