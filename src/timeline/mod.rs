//! Years (DATA-FORMAT §5): the base year's enrolment projected grade by grade to later years, the
//! scenario's changes applied from their years, each year evaluated, and the sections that pass
//! in the base year but fail later named with the year and the reason. No I/O.

mod project;

pub use project::{project, Intake, IntakeRow};

use crate::evaluate::{evaluate, Evaluation, Unit};
use crate::model::{Dataset, Level};
use crate::scenario::{apply, Scenario, ScenarioError};
use crate::standard::Standard;
use std::collections::HashMap;

/// How the years are projected.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The school year the data describe.
    pub base_year: i32,
    /// The last year projected.
    pub to: i32,
    /// The share of a grade that goes on to the next grade next year (default 1).
    pub survival: f64,
    /// Grade 1 and grade 7 intakes by school and year, where known.
    pub intake: Intake,
    /// Instead of a table: grade 1 grows by this share each year (−0.03: 3 % fewer a year).
    pub trend: Option<f64>,
}

/// A timeline as a project keeps it (the 年度推演 page's settings): the years, the survival rate
/// and the grade-1 trend.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Spec {
    pub base_year: i32,
    pub to: i32,
    pub survival: f64,
    #[serde(default)]
    pub trend: Option<f64>,
}

impl Spec {
    /// The options it stands for (no intake table).
    pub fn options(&self) -> Options {
        let mut o = Options::new(self.base_year, self.to);
        o.survival = self.survival;
        o.trend = self.trend;
        o
    }

    /// The years it spans.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.base_year..=self.to
    }
}

/// The most years a timeline spans.
pub const MAX_YEARS: i32 = 50;

impl Options {
    pub fn new(base_year: i32, to: i32) -> Options {
        Options {
            base_year,
            to,
            survival: 1.0,
            intake: Intake::default(),
            trend: None,
        }
    }

    /// Why these options cannot be projected, if they cannot.
    pub fn check(&self) -> Result<(), TimelineError> {
        let bad = |what: String| Err(TimelineError::Options(what));
        if !(1900..=2200).contains(&self.base_year) || self.to < self.base_year {
            return bad(format!(
                "年份应为 1900–2200，且结束年份不早于基年（{} → {}） / the years must be 1900–2200, the last not before the base year",
                self.base_year, self.to
            ));
        }
        if self.to - self.base_year > MAX_YEARS {
            return bad(format!(
                "最多推演 {MAX_YEARS} 年 / at most {MAX_YEARS} years"
            ));
        }
        if !(self.survival.is_finite() && self.survival > 0.0 && self.survival <= 2.0) {
            return bad(format!(
                "升级率应大于 0、不超过 2，而不是 {} / the survival rate must be in (0, 2]",
                crate::format::as_typed(self.survival)
            ));
        }
        if let Some(t) = self.trend {
            if !(t.is_finite() && t > -1.0 && t <= 1.0) {
                return bad(format!(
                    "一年级趋势应在 −1 到 1 之间，而不是 {} / the grade-1 trend must be in (−1, 1]",
                    crate::format::as_typed(t)
                ));
            }
        }
        Ok(())
    }
}

/// Why a timeline was not made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TimelineError {
    #[error("{0}")]
    Options(String),
    /// The scenario does not apply in a year (its changes, as of that year, on that year's data).
    #[error("{} 年：{}", .year, .error.message(true))]
    Scenario { year: i32, error: ScenarioError },
}

/// One year: its data (projected, the changes of that year and before applied) and their
/// evaluation.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: i32,
    pub data: Dataset,
    pub evaluation: Evaluation,
}

impl Year {
    /// A year of actual data, evaluated as it is (no projection, no scenario).
    pub fn actual(year: i32, data: Dataset, standard: &Standard) -> Year {
        let evaluation = evaluate(&data, standard);
        Year {
            year,
            data,
            evaluation,
        }
    }

    /// This year's sections by (school id, level), to look each up once per year.
    pub fn sections(&self) -> HashMap<(&str, Level), &Unit> {
        self.evaluation
            .units
            .iter()
            .map(|u| ((u.school_id.as_str(), u.level), u))
            .collect()
    }
}

/// A section that passes in the base year and first fails in a later one.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstFailure {
    pub school_id: String,
    pub name: String,
    pub level: Level,
    pub year: i32,
    /// "生均体育运动场馆面积 7.31 < 7.5：在校生 1,450 → 1,588".
    pub reason: String,
}

/// The years, what first fails when, and what the reader should know.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub base_year: i32,
    pub years: Vec<Year>,
    pub first_failures: Vec<FirstFailure>,
    pub notes: Vec<String>,
}

/// Projects `data` (the base year) to `options.to`, applies `scenario` year by year, evaluates
/// every year and names the first failures.
pub fn timeline(
    data: &Dataset,
    scenario: Option<&Scenario>,
    standard: &Standard,
    options: &Options,
) -> Result<Timeline, TimelineError> {
    options.check()?;
    let (projected, notes) = project(data, options);
    let mut years = Vec::with_capacity(projected.len());
    for (i, d) in projected.into_iter().enumerate() {
        let year = options.base_year + i as i32;
        let d = match scenario {
            Some(sc) => apply(&d, &sc.as_of(year))
                .map_err(|error| TimelineError::Scenario { year, error })?,
            None => d,
        };
        let evaluation = evaluate(&d, standard);
        years.push(Year {
            year,
            data: d,
            evaluation,
        });
    }
    let first_failures = first_failures(&years, standard);
    Ok(Timeline {
        base_year: options.base_year,
        years,
        first_failures,
        notes,
    })
}

/// Each section passing in the base year and failing later: the first year it fails, and why —
/// the first indicator it met in the base year and misses then, with the enrolment that moved.
fn first_failures(years: &[Year], standard: &Standard) -> Vec<FirstFailure> {
    let Some(base) = years.first() else {
        return Vec::new();
    };
    // Each later year's sections by (school, level): one pass over every year, not a search of
    // every year for every section.
    let later: Vec<_> = years[1..].iter().map(Year::sections).collect();
    let mut out = Vec::new();
    for b in base.evaluation.units.iter().filter(|u| u.passes) {
        let later = years[1..].iter().zip(&later).find_map(|(y, f)| {
            f.get(&(b.school_id.as_str(), b.level))
                .filter(|u| !u.passes)
                .map(|u| (y.year, *u))
        });
        let Some((year, u)) = later else {
            continue;
        };
        let k = (0..u.indicators.len())
            .find(|&k| b.indicators[k].met && !u.indicators[k].met)
            .or_else(|| (0..u.indicators.len()).find(|&k| !u.indicators[k].met))
            .unwrap_or(0);
        let ind = &standard.indicators[k];
        let r = &u.indicators[k];
        out.push(FirstFailure {
            school_id: u.school_id.clone(),
            name: u.name.clone(),
            level: u.level,
            year,
            reason: format!(
                "{} {} < {}：在校生 {} → {}",
                ind.name(true),
                crate::format::indicator_against(ind, r.value, r.threshold),
                crate::format::indicator_threshold(ind, r.threshold),
                crate::format::thousands(b.students),
                crate::format::thousands(u.students)
            ),
        });
    }
    out.sort_by(|a, b| {
        a.year
            .cmp(&b.year)
            .then_with(|| a.school_id.cmp(&b.school_id))
    });
    out
}

impl Timeline {
    /// The levels its sections are of (those of the base year).
    pub fn levels(&self) -> Vec<Level> {
        self.years
            .first()
            .map(|y| y.evaluation.levels())
            .unwrap_or_default()
    }

    /// The JSON of DATA-FORMAT §5: each year's `units`, `cv` and `summary` as in §3.
    pub fn to_json(&self, standard: &Standard) -> serde_json::Value {
        let years: Vec<serde_json::Value> = self
            .years
            .iter()
            .map(|y| {
                let mut m = serde_json::Map::new();
                m.insert("year".into(), y.year.into());
                if let serde_json::Value::Object(ev) = y.evaluation.to_json(standard) {
                    m.extend(ev);
                }
                serde_json::Value::Object(m)
            })
            .collect();
        serde_json::json!({
            "base_year": self.base_year,
            "years": years,
            "first_failures": self.first_failures.iter().map(|f| serde_json::json!({
                "school_id": f.school_id,
                "name": f.name,
                "section": f.level.key(),
                "year": f.year,
                "reason": f.reason,
            })).collect::<Vec<_>>(),
            "notes": self.notes,
        })
    }
}
