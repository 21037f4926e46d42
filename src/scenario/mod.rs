//! What-if scenarios: an ordered list of changes applied to the loaded data (DATA-FORMAT.md §2),
//! and what a scenario costs.

mod cost;
mod dated;
pub mod describe;
mod transfer;
pub use describe::amount;
pub use transfer::{exchange, teacher_fields, teachers, Exchange};

pub use cost::{cost_of, CostReport, CostTable, TransferCost, UnitCost};

use crate::model::{Dataset, Field, Level, School, SchoolKind, Scope};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A school as written inside a change: the keys of DATA-FORMAT.md §1.
pub type SchoolRecord = serde_json::Map<String, serde_json::Value>;

/// The identity of a school formed by a merge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeInto {
    pub school_id: String,
    pub name: String,
    pub kind: SchoolKind,
}

/// One change. The JSON names are a contract (DATA-FORMAT.md §2). A key the change does not have
/// (a misspelt `"ammount"`, or a `"year"` this version does not apply) is refused, not ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// Add to a numeric field (a negative amount removes).
    Add {
        school_id: String,
        field: String,
        amount: f64,
    },
    /// Set a numeric field.
    Set {
        school_id: String,
        field: String,
        value: f64,
    },
    /// Move students of one section from one school to another.
    MoveStudents {
        from: String,
        to: String,
        section: Level,
        count: f64,
    },
    /// Open a new school.
    NewSchool { school: SchoolRecord },
    /// Merge schools into one: their counts add up.
    Merge {
        school_ids: Vec<String>,
        into: MergeInto,
    },
    /// Close a school; its students go to another school.
    Close {
        school_id: String,
        students_to: String,
    },
    /// Move teachers between schools (交流轮岗): every listed field — teacher counts of one
    /// level, describing the same teachers — moves by `count`.
    Transfer {
        from: String,
        to: String,
        count: f64,
        fields: Vec<String>,
    },
}

/// A named, ordered list of changes. Without a name, a scenario file takes its file's name.
/// (Read and written by `dated.rs`: each change's `"year"` sits in its JSON object; equal when
/// the names, the changes and each change's year are.)
#[derive(Debug, Clone, Default)]
pub struct Scenario {
    pub name: String,
    pub changes: Vec<Change>,
    /// The school year each change takes effect from (its `"year"`), aligned with `changes`;
    /// a missing entry or `None`: from the base year. See [`Scenario::year_of`].
    pub years: Vec<Option<i32>>,
}

/// Why a change cannot be applied.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeProblem {
    UnknownSchool(String),
    UnknownField(String),
    /// The result would be negative.
    Negative {
        school_id: String,
        field: Field,
        result: f64,
    },
    /// A count (students, teachers, rooms) must change by a whole number.
    NotWhole {
        field: Field,
        amount: f64,
    },
    /// The school's kind has no such section.
    NoSuchSection {
        school_id: String,
        kind: SchoolKind,
        section: Level,
    },
    /// The id is already used by another school.
    DuplicateId(String),
    /// A new school's record is incomplete or malformed.
    BadSchool(String),
    /// Fewer than one school to merge, or a school named twice.
    BadMerge(String),
    /// A number that is not finite, or a count to move that is not positive.
    BadNumber(f64),
    /// Closing a school into itself.
    SameSchool(String),
    /// A transfer's fields are not teacher counts of one level.
    BadTransfer(String),
}

impl ChangeProblem {
    /// The problem in Chinese or English.
    pub fn message(&self, zh: bool) -> String {
        match (self, zh) {
            (ChangeProblem::UnknownSchool(id), true) => format!("没有学校标识码为“{id}”的学校"),
            (ChangeProblem::UnknownSchool(id), false) => format!("no school has the id \"{id}\""),
            (ChangeProblem::UnknownField(f), true) => match Field::suggest(f) {
                Some(s) => format!("“{f}”不是数据字段；是否指“{}”？", s.key()),
                None => format!("“{f}”不是数据字段"),
            },
            (ChangeProblem::UnknownField(f), false) => match Field::suggest(f) {
                Some(s) => format!("\"{f}\" is not a data field; did you mean \"{}\"?", s.key()),
                None => format!("\"{f}\" is not a data field"),
            },
            (
                ChangeProblem::Negative {
                    school_id,
                    field,
                    result,
                },
                true,
            ) => format!(
                "{school_id} 的“{}”将变为 {result}，不能为负数",
                field.zh_headers()[0]
            ),
            (
                ChangeProblem::Negative {
                    school_id,
                    field,
                    result,
                },
                false,
            ) => format!(
                "{school_id}'s {} would become {result}; it cannot be negative",
                field.key()
            ),
            (ChangeProblem::NotWhole { field, amount }, true) => {
                format!("“{}”只能按整数变化，不能是 {amount}", field.zh_headers()[0])
            }
            (ChangeProblem::NotWhole { field, amount }, false) => {
                format!("{} changes by whole numbers, not {amount}", field.key())
            }
            (
                ChangeProblem::NoSuchSection {
                    school_id,
                    kind,
                    section,
                },
                true,
            ) => format!("{school_id} 是{}，没有{}学段", kind.zh(), section.zh()),
            (
                ChangeProblem::NoSuchSection {
                    school_id,
                    kind,
                    section,
                },
                false,
            ) => format!(
                "{school_id} is a {} and has no {} section",
                kind.en(),
                section.key()
            ),
            (ChangeProblem::DuplicateId(id), true) => format!("学校标识码“{id}”已被其他学校使用"),
            (ChangeProblem::DuplicateId(id), false) => {
                format!("the id \"{id}\" is used by another school")
            }
            (ChangeProblem::BadSchool(m), true) => format!("新学校的数据有误：{m}"),
            (ChangeProblem::BadSchool(m), false) => format!("the new school is invalid: {m}"),
            (ChangeProblem::BadMerge(m), true) => format!("合并有误：{m}"),
            (ChangeProblem::BadMerge(m), false) => format!("invalid merge: {m}"),
            (ChangeProblem::BadNumber(x), true) => format!("数值 {x} 无效"),
            (ChangeProblem::BadNumber(x), false) => format!("the number {x} is invalid"),
            (ChangeProblem::SameSchool(id), true) => format!("不能把 {id} 的学生转入它自己"),
            (ChangeProblem::SameSchool(id), false) => {
                format!("cannot move {id}'s students into itself")
            }
            (ChangeProblem::BadTransfer(why), true) => format!("交流轮岗：{why}"),
            (ChangeProblem::BadTransfer(why), false) => format!("transfer: {why}"),
        }
    }
}

/// A change that could not be applied: its position (1-based, as the user counts) and why.
/// Nothing of the scenario is applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("第 {position} 项变更无法应用 / change {position} cannot be applied: {}", .problem.message(true))]
pub struct ScenarioError {
    pub position: usize,
    pub problem: ChangeProblem,
}

impl ScenarioError {
    /// The message in Chinese or English.
    pub fn message(&self, zh: bool) -> String {
        if zh {
            format!(
                "第 {} 项变更无法应用：{}",
                self.position,
                self.problem.message(true)
            )
        } else {
            format!(
                "change {} cannot be applied: {}",
                self.position,
                self.problem.message(false)
            )
        }
    }
}

fn field_of(key: &str) -> Result<Field, ChangeProblem> {
    Field::from_key(key).ok_or_else(|| ChangeProblem::UnknownField(key.to_string()))
}

fn check_whole(field: Field, amount: f64) -> Result<(), ChangeProblem> {
    if !amount.is_finite() {
        return Err(ChangeProblem::BadNumber(amount));
    }
    if field.measure().is_count() && (amount - amount.round()).abs() > 1e-9 {
        return Err(ChangeProblem::NotWhole { field, amount });
    }
    Ok(())
}

struct Index {
    map: HashMap<String, usize>,
}

impl Index {
    fn new(schools: &[School]) -> Index {
        Index {
            map: schools
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), i))
                .collect(),
        }
    }

    fn get(&self, id: &str) -> Result<usize, ChangeProblem> {
        self.map
            .get(id)
            .copied()
            .ok_or_else(|| ChangeProblem::UnknownSchool(id.to_string()))
    }
}

/// Changes applied one after another to a copy of the schools, with the index by id built once
/// and kept up to date (most changes leave the list as it is; a new school is added to the
/// index; a merge or a close rebuilds it).
pub(crate) struct Applying {
    pub schools: Vec<School>,
    index: Index,
}

impl Applying {
    pub fn new(data: &Dataset) -> Applying {
        let schools = data.schools.clone();
        Applying {
            index: Index::new(&schools),
            schools,
        }
    }

    /// Applies one change; on failure the state is not to be used further.
    pub fn step(&mut self, change: &Change) -> Result<(), ChangeProblem> {
        apply_one(&mut self.schools, &self.index, change)?;
        match change {
            Change::NewSchool { .. } => {
                if let Some(s) = self.schools.last() {
                    self.index.map.insert(s.id.clone(), self.schools.len() - 1);
                }
            }
            Change::Merge { .. } | Change::Close { .. } => self.index = Index::new(&self.schools),
            _ => {}
        }
        Ok(())
    }

    /// A school by id, as it stands now.
    pub fn school(&self, id: &str) -> Option<&School> {
        self.index.get(id).ok().and_then(|i| self.schools.get(i))
    }
}

/// Sets a field after checking the result is not negative, nor beyond what any school has.
fn set_checked(school: &mut School, field: Field, value: f64) -> Result<(), ChangeProblem> {
    if !(value.is_finite() && value <= field.measure().max()) {
        return Err(ChangeProblem::BadNumber(value));
    }
    if value < -1e-9 {
        return Err(ChangeProblem::Negative {
            school_id: school.id.clone(),
            field,
            result: value,
        });
    }
    let before = school.value(field);
    school.values.set(field, value.max(0.0));
    // More classes for the same students: the level's classes are rebalanced evenly, so the
    // largest class becomes at most ⌈students ÷ classes⌉ (how a scenario fixes 大班额).
    let level = match field {
        Field::ClassesPrimary => Some(Level::Primary),
        Field::ClassesJunior => Some(Level::Junior),
        _ => None,
    };
    if let Some(level) = level {
        let classes = school.value(field);
        let largest_field = match level {
            Level::Primary => Field::LargestClassPrimary,
            Level::Junior => Field::LargestClassJunior,
        };
        if classes > before && classes > 0.0 {
            if let Some(largest) = school.values.get(largest_field) {
                let even = (school.value(level.students_field()) / classes).ceil();
                school.values.set(largest_field, largest.min(even));
            }
        }
    }
    Ok(())
}

/// Builds a school from a change's record (English keys or Chinese headers), with the same
/// checks as an imported row ([`crate::model::builder`]).
pub fn school_from_record(record: &SchoolRecord) -> Result<School, ChangeProblem> {
    use crate::model::builder::{RecordProblem, SchoolBuilder};
    use crate::model::headers::{classify, ColumnKind, TextColumn};
    let mut builder = SchoolBuilder::new();
    for (key, value) in record {
        match classify(key) {
            ColumnKind::Text(column) => {
                let text = match value {
                    serde_json::Value::String(s) => Some(s.clone()),
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    _ => None,
                };
                builder.text(column, text.as_deref()).map_err(|p| match p {
                    RecordProblem::UnknownKind(t) => {
                        ChangeProblem::BadSchool(format!("kind \"{t}\""))
                    }
                    RecordProblem::UnknownLocation(t) => {
                        ChangeProblem::BadSchool(format!("location \"{t}\""))
                    }
                    other => ChangeProblem::BadSchool(format!("{key}: {other:?}")),
                })?;
                if column == TextColumn::Kind && builder.kind.is_none() {
                    return Err(ChangeProblem::BadSchool("kind \"\"".into()));
                }
            }
            ColumnKind::Number(field, factor) => {
                let v = match value {
                    serde_json::Value::Number(n) => n.as_f64(),
                    serde_json::Value::Null => continue,
                    _ => None,
                }
                .filter(|v| v.is_finite())
                .ok_or_else(|| ChangeProblem::BadSchool(format!("{key} is not a number")))?;
                // A section the kind lacks is checked once the whole record is read (the kind
                // may come after the numbers).
                match builder.number(field, v, factor).first() {
                    Some(RecordProblem::Negative) => {
                        return Err(ChangeProblem::BadSchool(format!("{key} is negative")))
                    }
                    Some(RecordProblem::Absurd(max)) => {
                        return Err(ChangeProblem::BadSchool(format!(
                            "{key} = {v} is beyond any school (at most {max})"
                        )))
                    }
                    Some(RecordProblem::NotWhole) => {
                        return Err(ChangeProblem::NotWhole { field, amount: v })
                    }
                    _ => {}
                }
            }
            ColumnKind::Unknown => {}
        }
    }
    if let Some(column) = builder.missing().first() {
        return Err(ChangeProblem::BadSchool(format!(
            "{} is missing",
            column.key()
        )));
    }
    if let (Some(f), Some(kind)) = (builder.wrong_sections().first().copied(), builder.kind) {
        return Err(ChangeProblem::NoSuchSection {
            school_id: builder.id.clone().unwrap_or_default(),
            kind,
            section: section_of(f),
        });
    }
    Ok(builder.build())
}

/// A non-zero value for a field of a section the school does not have is refused.
fn require_section(s: &School, f: Field, v: f64) -> Result<(), ChangeProblem> {
    if s.kind.allows(f.scope()) || v == 0.0 {
        return Ok(());
    }
    Err(ChangeProblem::NoSuchSection {
        school_id: s.id.clone(),
        kind: s.kind,
        section: section_of(f),
    })
}

/// The section a field belongs to (whole-school fields count as primary).
fn section_of(f: Field) -> Level {
    if f.scope() == Scope::Junior {
        Level::Junior
    } else {
        Level::Primary
    }
}

fn apply_one(
    schools: &mut Vec<School>,
    index: &Index,
    change: &Change,
) -> Result<(), ChangeProblem> {
    match change {
        Change::Add {
            school_id,
            field,
            amount,
        } => {
            let f = field_of(field)?;
            check_whole(f, *amount)?;
            let i = index.get(school_id)?;
            require_section(&schools[i], f, *amount)?;
            let s = &mut schools[i];
            let v = s.value(f) + amount;
            set_checked(s, f, v)
        }
        Change::Set {
            school_id,
            field,
            value,
        } => {
            let f = field_of(field)?;
            check_whole(f, *value)?;
            let i = index.get(school_id)?;
            // A value for a section the school does not have would be ignored: refused, as `add`.
            require_section(&schools[i], f, *value)?;
            set_checked(&mut schools[i], f, *value)
        }
        Change::MoveStudents {
            from,
            to,
            section,
            count,
        } => {
            let f = section.students_field();
            check_whole(f, *count)?;
            if *count <= 0.0 {
                return Err(ChangeProblem::BadNumber(*count));
            }
            if from == to {
                return Err(ChangeProblem::SameSchool(from.clone()));
            }
            let (a, b) = (index.get(from)?, index.get(to)?);
            for &i in &[a, b] {
                let s = &schools[i];
                if !s.kind.allows(section.scope()) {
                    return Err(ChangeProblem::NoSuchSection {
                        school_id: s.id.clone(),
                        kind: s.kind,
                        section: *section,
                    });
                }
            }
            let from_left = schools[a].value(f) - count;
            set_checked(&mut schools[a], f, from_left)?;
            let to_now = schools[b].value(f) + count;
            set_checked(&mut schools[b], f, to_now)
        }
        Change::NewSchool { school } => {
            let s = school_from_record(school)?;
            if index.map.contains_key(&s.id) {
                return Err(ChangeProblem::DuplicateId(s.id));
            }
            schools.push(s);
            Ok(())
        }
        Change::Transfer {
            from,
            to,
            count,
            fields,
        } => transfer::apply(schools, (index.get(from)?, index.get(to)?), *count, fields),
        Change::Merge { school_ids, into } => {
            if school_ids.is_empty() {
                return Err(ChangeProblem::BadMerge("no school to merge".into()));
            }
            let mut positions = Vec::new();
            for id in school_ids {
                let i = index.get(id)?;
                if positions.contains(&i) {
                    return Err(ChangeProblem::BadMerge(format!("{id} is named twice")));
                }
                positions.push(i);
            }
            if into.school_id.trim().is_empty() || into.name.trim().is_empty() {
                return Err(ChangeProblem::BadMerge(
                    "the merged school needs an id and a name".into(),
                ));
            }
            if let Some(&other) = index.map.get(&into.school_id) {
                if !positions.contains(&other) {
                    return Err(ChangeProblem::DuplicateId(into.school_id.clone()));
                }
            }
            let first = positions[0];
            let mut merged = School::new(into.school_id.clone(), into.name.clone(), into.kind);
            merged.township = schools[first].township.clone();
            merged.county = schools[first].county.clone();
            merged.feeds_into = schools[first].feeds_into.clone();
            merged.location = schools[first].location;
            merged.extra = schools[first].extra.clone();
            for &f in Field::ALL {
                let present: Vec<f64> = positions
                    .iter()
                    .filter_map(|&i| schools[i].values.get(f))
                    .collect();
                if !present.is_empty() {
                    merged.values.set(f, present.iter().sum());
                }
            }
            // Rooms of a given minimum size: the smallest of the merged schools' smallest.
            for f in [Field::SmallestMusicRoomM2, Field::SmallestArtRoomM2] {
                let smallest = positions
                    .iter()
                    .filter_map(|&i| schools[i].values.get(f))
                    .fold(f64::INFINITY, f64::min);
                if smallest.is_finite() {
                    merged.values.set(f, smallest);
                }
            }
            for &f in Field::ALL {
                if merged.value(f) > 0.0 && !into.kind.allows(f.scope()) {
                    return Err(ChangeProblem::NoSuchSection {
                        school_id: merged.id.clone(),
                        kind: into.kind,
                        section: section_of(f),
                    });
                }
            }
            let merged_ids: Vec<String> =
                positions.iter().map(|&i| schools[i].id.clone()).collect();
            for s in schools.iter_mut() {
                if s.parent_id.as_ref().is_some_and(|p| merged_ids.contains(p)) {
                    s.parent_id = Some(into.school_id.clone());
                }
            }
            schools[first] = merged;
            let mut rest: Vec<usize> = positions[1..].to_vec();
            rest.sort_unstable_by(|a, b| b.cmp(a));
            for i in rest {
                schools.remove(i);
            }
            Ok(())
        }
        Change::Close {
            school_id,
            students_to,
        } => {
            if school_id == students_to {
                return Err(ChangeProblem::SameSchool(school_id.clone()));
            }
            let (a, b) = (index.get(school_id)?, index.get(students_to)?);
            for level in Level::BOTH {
                let f = level.students_field();
                let n = schools[a].value(f);
                if n > 0.0 {
                    if !schools[b].kind.allows(level.scope()) {
                        return Err(ChangeProblem::NoSuchSection {
                            school_id: schools[b].id.clone(),
                            kind: schools[b].kind,
                            section: level,
                        });
                    }
                    let v = schools[b].value(f) + n;
                    schools[b].values.set(f, v);
                }
            }
            let closed = schools[a].id.clone();
            let target = schools[b].id.clone();
            for s in schools.iter_mut() {
                if s.parent_id.as_deref() == Some(closed.as_str()) {
                    s.parent_id = Some(target.clone());
                }
            }
            schools.remove(a);
            Ok(())
        }
    }
}

/// Applies a scenario to a dataset. Either every change applies, or the first that cannot is
/// reported with its position and nothing is applied.
pub fn apply(data: &Dataset, scenario: &Scenario) -> Result<Dataset, ScenarioError> {
    let mut applying = Applying::new(data);
    for (i, change) in scenario.changes.iter().enumerate() {
        applying.step(change).map_err(|problem| ScenarioError {
            position: i + 1,
            problem,
        })?;
    }
    Ok(Dataset {
        schools: applying.schools,
        extra_columns: data.extra_columns.clone(),
        source: data.source.clone(),
    })
}

impl Scenario {
    /// Parses a scenario file's JSON.
    pub fn from_json(text: &str) -> Result<Scenario, serde_json::Error> {
        serde_json::from_str(text)
    }
}

impl Change {
    /// The school the change is about (for per-school listings and costs).
    pub fn school_id(&self) -> Option<&str> {
        match self {
            Change::Add { school_id, .. } | Change::Set { school_id, .. } => Some(school_id),
            Change::MoveStudents { to, .. } => Some(to),
            Change::NewSchool { school } => school.get("school_id").and_then(|v| v.as_str()),
            Change::Merge { into, .. } => Some(&into.school_id),
            Change::Close { school_id, .. } => Some(school_id),
            Change::Transfer { to, .. } => Some(to),
        }
    }
}
