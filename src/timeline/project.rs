//! The projection of DATA-FORMAT §5, exactly:
//!
//! - grade k next year is grade k−1 this year times the survival rate (k = 2–6, 8–9);
//! - grade 1 is the intake table's for that school and year, else (with a trend) this year's
//!   grade 1 times (1 + trend), else the base year's;
//! - grade 7 is the intake table's, else this year's grade 6 of the primary sections that feed
//!   the school (`feeds_into` names it; a combined school's own primary section unless its
//!   `feeds_into` names another school), plus a share of the grade 6 of primary sections that
//!   feed no named school, shared among all junior sections by their base-year grade 7;
//! - a section's students are the sum of its grades, not rounded; a section without a whole set
//!   of grade columns keeps its base-year enrolment (and is named in the notes); every other field
//!   keeps its base-year value.

use super::Options;
use crate::model::{Dataset, Level};
use std::collections::HashMap;

/// Grade 1 and grade 7 intakes by school and year (`--intake`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Intake {
    /// (school id, year) → (grade 1, grade 7), each where given.
    pub entries: HashMap<(String, i32), (Option<f64>, Option<f64>)>,
}

/// One row of an intake table: a school's grade-1 and grade-7 intake in a year, each where given.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IntakeRow {
    pub school_id: String,
    pub year: i32,
    #[serde(default)]
    pub grade_1: Option<f64>,
    #[serde(default)]
    pub grade_7: Option<f64>,
}

impl Intake {
    /// The table's rows, by school id and year.
    pub fn rows(&self) -> Vec<IntakeRow> {
        let mut rows: Vec<IntakeRow> = self
            .entries
            .iter()
            .map(|((id, year), (g1, g7))| IntakeRow {
                school_id: id.clone(),
                year: *year,
                grade_1: *g1,
                grade_7: *g7,
            })
            .collect();
        rows.sort_by(|a, b| a.school_id.cmp(&b.school_id).then(a.year.cmp(&b.year)));
        rows
    }

    /// A table of these rows; refused, naming the row, when a school appears twice in a year,
    /// a year is outside 1900–2200 or an intake is not a number of students (0–100,000).
    pub fn from_rows(rows: &[IntakeRow]) -> Result<Intake, String> {
        let mut intake = Intake::default();
        for (i, r) in rows.iter().enumerate() {
            let at = |what: &str| {
                format!(
                    "招生表第 {} 行（{}，{}）：{what}",
                    i + 1,
                    r.school_id,
                    r.year
                )
            };
            if r.school_id.trim().is_empty() {
                return Err(at("学校标识码不能为空 / the school id is empty"));
            }
            if !(1900..=2200).contains(&r.year) {
                return Err(at("年份应为 1900–2200 / the year must be 1900–2200"));
            }
            for v in [r.grade_1, r.grade_7].into_iter().flatten() {
                if !(v.is_finite() && (0.0..=1e5).contains(&v)) {
                    return Err(at(&format!(
                        "“{}”不是 0–100,000 的人数 / is not a number of students",
                        crate::format::as_typed(v)
                    )));
                }
            }
            if intake
                .entries
                .insert((r.school_id.clone(), r.year), (r.grade_1, r.grade_7))
                .is_some()
            {
                return Err(at(
                    "同一学校同一年出现两次 / the school appears twice that year",
                ));
            }
        }
        Ok(intake)
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn grade_1(&self, id: &str, year: i32) -> Option<f64> {
        self.entries.get(&(id.to_string(), year)).and_then(|e| e.0)
    }
    fn grade_7(&self, id: &str, year: i32) -> Option<f64> {
        self.entries.get(&(id.to_string(), year)).and_then(|e| e.1)
    }
}

/// A section's grades, where the school has every grade of it.
fn grades_of(data: &Dataset, i: usize, level: Level) -> Option<Vec<f64>> {
    level
        .grades()
        .iter()
        .map(|g| data.schools[i].values.get(*g))
        .collect()
}

/// Where a primary section's grade 6 goes: a junior section (by school position), or the shared
/// pool.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Feeds {
    School(usize),
    Pool,
}

/// The data of every year from the base year to `options.to` (the base year's as given), and the
/// notes: schools without grades, `feeds_into` naming no junior section.
pub fn project(data: &Dataset, options: &Options) -> (Vec<Dataset>, Vec<String>) {
    let n = data.schools.len();
    let index: HashMap<&str, usize> = data
        .schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut notes = Vec::new();
    // This year's grades of each section that has them.
    let mut primary: Vec<Option<Vec<f64>>> =
        (0..n).map(|i| grades_of(data, i, Level::Primary)).collect();
    let mut junior: Vec<Option<Vec<f64>>> =
        (0..n).map(|i| grades_of(data, i, Level::Junior)).collect();
    let base_grade_1: Vec<f64> = primary
        .iter()
        .map(|g| g.as_ref().map_or(0.0, |g| g[0]))
        .collect();
    let base_grade_7: Vec<f64> = junior
        .iter()
        .map(|g| g.as_ref().map_or(0.0, |g| g[0]))
        .collect();
    let pool_weight: f64 = base_grade_7.iter().sum();
    for (i, s) in data.schools.iter().enumerate() {
        for level in s.kind.levels() {
            let has = match level {
                Level::Primary => primary[i].is_some(),
                Level::Junior => junior[i].is_some(),
            };
            if !has {
                notes.push(format!(
                    "{}（{}）{}没有分年级在校生数：各年沿用 {} 年的在校生数 / no enrolment by grade: its {} students stay as in the base year",
                    s.name,
                    s.id,
                    level.zh(),
                    options.base_year,
                    level.key()
                ));
            }
        }
    }
    // Where each primary section's grade 6 goes.
    let feeds: Vec<Option<Feeds>> = (0..n)
        .map(|i| {
            primary[i].as_ref()?;
            let s = &data.schools[i];
            let target = match &s.feeds_into {
                Some(id) => match index.get(id.as_str()) {
                    Some(&j) if data.schools[j].kind.levels().contains(&Level::Junior) => {
                        Feeds::School(j)
                    }
                    _ => {
                        notes.push(format!(
                            "{}（{}）的对口初中“{id}”不是数据中的初中：其毕业生按各初中七年级人数分配 / feeds_into \"{id}\" names no junior school: its graduates are shared",
                            s.name, s.id
                        ));
                        Feeds::Pool
                    }
                },
                None if s.kind.levels().contains(&Level::Junior) => Feeds::School(i),
                None => Feeds::Pool,
            };
            Some(target)
        })
        .collect();
    // Intakes for schools the data do not hold are used nowhere: say so, once a school.
    let mut unknown: Vec<&str> = options
        .intake
        .entries
        .keys()
        .map(|(id, _)| id.as_str())
        .filter(|id| !index.contains_key(id))
        .collect();
    unknown.sort_unstable();
    unknown.dedup();
    for id in unknown {
        notes.push(format!(
            "招生表中的学校“{id}”不在数据中：其招生数未使用 / the intake table's school \"{id}\" is not in the data: its intakes are not used"
        ));
    }
    if pool_weight <= 0.0 && feeds.contains(&Some(Feeds::Pool)) {
        notes.push(
            "没有初中填写七年级人数：未指定对口初中的小学毕业生无法分配 / no junior section has a grade 7: unassigned graduates go nowhere"
                .into(),
        );
    }
    let s = options.survival;
    let mut out = Vec::with_capacity((options.to - options.base_year + 1).max(1) as usize);
    out.push(data.clone());
    for year in options.base_year + 1..=options.to {
        // Grade 6 leaving each primary section this year, to its junior section or the pool.
        let mut inflow = vec![0.0; n];
        let mut pool = 0.0;
        for i in 0..n {
            if let (Some(g), Some(f)) = (&primary[i], feeds[i]) {
                match f {
                    Feeds::School(j) => inflow[j] += g[5],
                    Feeds::Pool => pool += g[5],
                }
            }
        }
        for i in 0..n {
            let id = data.schools[i].id.as_str();
            if let Some(g) = &mut primary[i] {
                for k in (1..6).rev() {
                    g[k] = g[k - 1] * s;
                }
                g[0] = match (options.intake.grade_1(id, year), options.trend) {
                    (Some(x), _) => x,
                    (None, Some(t)) => g[0] * (1.0 + t),
                    (None, None) => base_grade_1[i],
                };
            }
            if let Some(g) = &mut junior[i] {
                g[2] = g[1] * s;
                g[1] = g[0] * s;
                let share = if pool_weight > 0.0 {
                    pool * base_grade_7[i] / pool_weight
                } else {
                    0.0
                };
                g[0] = options
                    .intake
                    .grade_7(id, year)
                    .unwrap_or(inflow[i] + share);
            }
        }
        let mut d = data.clone();
        for (i, school) in d.schools.iter_mut().enumerate() {
            for (level, grades) in [(Level::Primary, &primary[i]), (Level::Junior, &junior[i])] {
                if let Some(g) = grades {
                    for (f, v) in level.grades().iter().zip(g) {
                        school.values.set(*f, *v);
                    }
                    school.values.set(level.students_field(), g.iter().sum());
                }
            }
        }
        out.push(d);
    }
    (out, notes)
}
