//! Reports of an evaluation: the Excel workbook and the PDF, written from one [`ReportInput`] by
//! one [`write`] that chooses the format by the file's extension. Used by the command line and
//! the window alike.

pub mod deck;
pub mod docx;
pub mod ledger_xlsx;
pub mod pdf;
pub mod pptx;
pub mod xlsx;
pub mod xlsx_years;

use crate::evaluate::Evaluation;
use crate::model::Dataset;
use crate::scenario::{CostReport, Scenario};
use crate::standard::Standard;
use std::path::Path;

/// What a report is about.
pub struct ReportInput<'a> {
    pub data: &'a Dataset,
    pub evaluation: &'a Evaluation,
    pub standard: &'a Standard,
    /// The scenario shown, with its cost and the baseline evaluation.
    pub scenario: Option<(&'a Scenario, &'a CostReport, &'a Evaluation)>,
    /// When the report is made (shown on the summary).
    pub made_at: String,
    /// The county-level items of the whole standard, as entered.
    pub county: &'a [crate::readiness::CountyEntry],
    /// In data of several counties: each county evaluated on its own (the 县区对比 sheet and
    /// pages), and the one the rest of the report is about; empty and `None` otherwise.
    pub counties: &'a [crate::evaluate::counties::CountyEvaluation],
    pub shown_county: Option<&'a str>,
    /// 数据更正: values fixed by hand (already in `data`), listed in the report.
    pub corrections: &'a [crate::model::correction::Correction],
    /// The county's name, the meeting and its date (the cover and the summary).
    pub meeting: &'a crate::project::Meeting,
    /// The years of the 年度推演, when set (the timeline's slides, pages and sheet).
    pub timeline: Option<&'a crate::timeline::Timeline>,
    /// Years of actual data before the timeline's base year, drawn before it (solid lines).
    pub past: &'a [crate::timeline::Year],
    /// The ledger (整改台账), when one is kept: the draft's 整改措施 and the deck's progress slide.
    pub ledger: Option<&'a crate::ledger::Ledger>,
    /// The unit costs, for what a dated scenario spends each year (the 逐年投入 table and slide).
    pub costs: Option<&'a crate::scenario::CostTable>,
}

/// One colour per indicator in every chart of the years (the window's, the PDF's, the slides'
/// and the workbook's), the same for an indicator's actual and projected line.
pub const SERIES_RGB: [(u8, u8, u8); 7] = [
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (23, 190, 207),
];

impl ReportInput<'_> {
    /// The county's name: the meeting's, else the county shown, else the data file's name.
    pub fn county_name(&self) -> String {
        let fallback = match self.shown_county {
            Some(c) => c.to_string(),
            None => crate::project::county_from_source(&self.data.source),
        };
        self.meeting.county_or(&fallback)
    }

    /// "县：某县　会议：县政府常务会议　日期：2026-12-03", what of it is known.
    pub fn meeting_line(&self) -> String {
        let mut parts = vec![format!("县：{}", self.county_name())];
        if !self.meeting.title.is_empty() {
            parts.push(format!("会议：{}", self.meeting.title));
        }
        if !self.meeting.date.is_empty() {
            parts.push(format!("日期：{}", self.meeting.date));
        }
        parts.join("　")
    }

    /// "three-counties.csv", or "three-counties.csv（甲县）" for one county of several.
    pub fn source(&self) -> String {
        match self.shown_county {
            Some(c) => format!("{}（{c}）", self.data.source),
            None => self.data.source.clone(),
        }
    }
}

/// One year of a dated scenario: what it spends and what it does.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow {
    pub year: i32,
    pub one_time: f64,
    pub per_year: f64,
    pub spent: f64,
    /// The year's changes, described.
    pub changes: Vec<String>,
}

impl ReportInput<'_> {
    /// A dated scenario year by year (DATA-FORMAT §4 "Phased plans"): from the timeline's base
    /// year (else its first change's) to its last year (else its last change's), each year's
    /// one-time and yearly spending at the unit costs and its changes; `None` for a scenario
    /// without years or without unit costs.
    pub fn year_rows(&self) -> Option<Vec<YearRow>> {
        let (sc, _, _) = self.scenario?;
        let span = self
            .timeline
            .and_then(|t| t.years.last().map(|y| (t.base_year, y.year)));
        let years = crate::plan::phased::by_year(sc, self.costs?, span)?;
        Some(
            years
                .into_iter()
                .map(|(y, changes)| YearRow {
                    year: y.year,
                    one_time: y.one_time,
                    per_year: y.per_year,
                    spent: y.spent,
                    changes: changes
                        .into_iter()
                        .map(|i| sc.changes[i].describe_in(Some(self.data), true))
                        .collect(),
                })
                .collect(),
        )
    }

    /// The whole standard's readiness for this input.
    pub fn readiness(&self) -> crate::readiness::Readiness {
        let conditions = crate::evaluate::conditions::evaluate_conditions(self.data, self.standard);
        crate::readiness::readiness(
            self.evaluation,
            &conditions,
            self.county,
            self.standard,
            true,
        )
    }
}

/// The formats a report can be written in, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Pdf,
    /// The editable PowerPoint deck.
    Pptx,
    /// The self-assessment report draft (Word).
    Docx,
}

impl Format {
    /// The format a path's extension names (case-insensitive), if any.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(Format::Xlsx),
            "pdf" => Some(Format::Pdf),
            "pptx" => Some(Format::Pptx),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// Why a report was not written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(
        "报告文件名应以 .xlsx、.pdf、.pptx 或 .docx 结尾 / the report must be an .xlsx, .pdf, .pptx or .docx file: {0}"
    )]
    Extension(String),
    #[error("{0}")]
    Write(String),
}

/// Writes the report in the format the path's extension names (.xlsx, .pdf or .pptx).
pub fn write(path: &Path, input: &ReportInput<'_>) -> Result<(), ReportError> {
    match Format::of(path) {
        Some(Format::Xlsx) => {
            xlsx::write(path, input).map_err(|e| ReportError::Write(e.to_string()))
        }
        Some(Format::Pdf) => pdf::write(path, input).map_err(|e| ReportError::Write(e.to_string())),
        Some(Format::Pptx) => {
            pptx::write(path, input).map_err(|e| ReportError::Write(e.to_string()))
        }
        Some(Format::Docx) => docx::write(path, input).map_err(ReportError::Write),
        None => Err(ReportError::Extension(path.display().to_string())),
    }
}
