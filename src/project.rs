//! A project: the imported data with where it came from, the scenarios, the unit costs, the
//! chosen standard and the view settings. What `store` saves and opens; no I/O here.

use crate::model::Dataset;
use crate::readiness::CountyEntry;
use crate::scenario::{CostTable, Scenario};

/// The meeting the work is shown at: on the title slide, the PDF cover and the Excel summary.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Meeting {
    /// The county's name (县名), as the leaders read it.
    pub county: String,
    /// The meeting (局长办公会, 县政府常务会议 …).
    pub title: String,
    /// Its date, as typed (2026-12-03, 2026年12月3日).
    pub date: String,
}

impl Meeting {
    /// The county's name: the one entered, else `fallback` (the county shown, or the data file's
    /// name without its extension).
    pub fn county_or(&self, fallback: &str) -> String {
        if self.county.is_empty() {
            fallback.to_string()
        } else {
            self.county.clone()
        }
    }
}

/// The data's name as a county's: the file name without its extension ("示例县（合成数据）").
pub fn county_from_source(source: &str) -> String {
    std::path::Path::new(source)
        .file_stem()
        .map_or_else(|| source.to_string(), |s| s.to_string_lossy().into_owned())
}

/// A year of actual data before the base year (往年实际数据): evaluated as it is and drawn before
/// the projection.
#[derive(Debug, Clone, PartialEq)]
pub struct PastYear {
    pub year: i32,
    /// The name of the file it was read from.
    pub source: String,
    pub dataset: Dataset,
}

/// Everything a planner's work consists of.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub dataset: Dataset,
    /// The name of the file the data was imported from.
    pub source_file: String,
    /// When it was imported (RFC 3339, UTC).
    pub imported_at: String,
    pub scenarios: Vec<Scenario>,
    pub costs: CostTable,
    /// The county-level items of the whole standard, as entered (sorted by key).
    pub county: Vec<CountyEntry>,
    /// 数据更正: values fixed by hand (already in `dataset`).
    pub corrections: Vec<crate::model::correction::Correction>,
    /// The meeting the work is shown at.
    pub meeting: Meeting,
    /// The 年度推演 settings, once set.
    pub timeline: Option<crate::timeline::Spec>,
    /// The timeline's grade-1 and grade-7 intakes by school and year (empty: none).
    pub intake: crate::timeline::Intake,
    /// Years of actual data before the base year, in order.
    pub history: Vec<PastYear>,
    /// The rectification ledger (整改台账), once made.
    pub ledger: Option<crate::ledger::Ledger>,
    /// The id of the chosen standard.
    pub standard_id: String,
    /// The whole standard as JSON when it is not a built-in one as shipped (a copy edited in the
    /// app, or a user's file); empty for a built-in standard.
    pub standard_json: String,
    /// The view settings, as the app serialises them (JSON).
    pub view: String,
}

impl Project {
    /// A project around freshly imported data.
    pub fn new(dataset: Dataset, imported_at: String) -> Project {
        Project {
            source_file: dataset.source.clone(),
            dataset,
            imported_at,
            scenarios: Vec::new(),
            costs: CostTable::default(),
            county: Vec::new(),
            corrections: Vec::new(),
            meeting: Meeting::default(),
            timeline: None,
            intake: Default::default(),
            history: Vec::new(),
            ledger: None,
            standard_id: "national-2017".to_string(),
            standard_json: String::new(),
            view: String::new(),
        }
    }

    /// The project's standard: its own copy when it has one, else the built-in one by id.
    pub fn standard(&self) -> Result<crate::Standard, crate::standard::StandardError> {
        if self.standard_json.trim().is_empty() {
            crate::Standard::builtin(&self.standard_id)
        } else {
            crate::Standard::from_json(&self.standard_json)
        }
    }

    /// A scenario by name.
    pub fn scenario(&self, name: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.name == name)
    }
}

/// Today's date (UTC) as ISO 8601: "2026-11-30".
pub fn today() -> String {
    let now = now_rfc3339();
    now.get(..10).unwrap_or(&now).to_string()
}

/// The current time as RFC 3339 UTC, without a date crate: seconds since the epoch, converted
/// with the civil-from-days algorithm.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
