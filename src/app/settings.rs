//! What persists between runs (window size and position are persisted by eframe itself): the
//! language, theme, panel, last files, export folder, chart choices.

use crate::i18n::{Lang, Tr};
use crate::model::Level;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The key of the settings in eframe's storage.
pub const SETTINGS_KEY: &str = "junheng-settings";

/// How many recent files the File menu keeps.
pub const RECENT_MAX: usize = 10;

/// The panels of the main window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Panel {
    #[default]
    Overview,
    Indicator,
    School,
    Matrix,
    Table,
    Scenario,
    Compare,
    Readiness,
    Standard,
    Plan,
    /// 年度推演: enrolment projected, every year judged.
    Years,
    /// 整改台账: the plan's measures, who does them, and how far they are.
    Ledger,
    /// 县区对比: only for data of several counties.
    Counties,
}

impl Panel {
    pub const ALL: [Panel; 13] = [
        Panel::Overview,
        Panel::Indicator,
        Panel::School,
        Panel::Matrix,
        Panel::Table,
        Panel::Scenario,
        Panel::Compare,
        Panel::Readiness,
        Panel::Standard,
        Panel::Plan,
        Panel::Years,
        Panel::Ledger,
        Panel::Counties,
    ];

    /// The tab title.
    pub fn title(self, tr: Tr) -> &'static str {
        match self {
            Panel::Overview => tr.s("总览", "Overview"),
            Panel::Indicator => tr.s("指标", "Indicators"),
            Panel::School => tr.s("学校", "School"),
            Panel::Matrix => tr.s("达标矩阵", "Pass/fail matrix"),
            Panel::Table => tr.s("数据表", "Data table"),
            Panel::Scenario => tr.s("方案", "Scenario"),
            Panel::Compare => tr.s("方案比较", "Compare"),
            Panel::Readiness => tr.s("达标总览", "Readiness"),
            Panel::Standard => tr.s("标准", "Standard"),
            Panel::Plan => tr.s("生成方案", "Plan"),
            Panel::Years => tr.s("年度推演", "Years"),
            Panel::Ledger => tr.s("整改台账", "Ledger"),
            Panel::Counties => tr.s("县区对比", "Counties"),
        }
    }
}

/// Light, dark, or as the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// Which levels a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum LevelChoice {
    #[default]
    Both,
    Primary,
    Junior,
}

impl LevelChoice {
    /// The levels to show.
    pub fn levels(self) -> &'static [Level] {
        match self {
            LevelChoice::Both => &Level::BOTH,
            LevelChoice::Primary => &[Level::Primary],
            LevelChoice::Junior => &[Level::Junior],
        }
    }
}

/// What persists between runs (window size and position are persisted by eframe itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub theme: Theme,
    pub panel: Panel,
    /// The last data file opened (not the sample).
    pub last_file: Option<PathBuf>,
    /// The last project file saved or opened (reopened at start: nothing is lost).
    pub last_project: Option<PathBuf>,
    /// Where chart and slide images go (default: a folder in the home folder).
    pub export_dir: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    pub level: LevelChoice,
    pub indicator: usize,
    /// Column mappings made in the mapping window: a file with the same header is read with
    /// its mapping again.
    pub mappings: Vec<crate::io::mapping::Mapping>,
    /// Slides on a dark background (the default is the light 投影 theme, for projectors).
    pub dark_slides: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Zh,
            theme: Theme::System,
            panel: Panel::Overview,
            last_file: None,
            last_project: None,
            export_dir: None,
            recent: Vec::new(),
            level: LevelChoice::Both,
            indicator: 0,
            mappings: Vec::new(),
            dark_slides: false,
        }
    }
}

impl Settings {
    /// Reads the settings from eframe's storage; defaults where there are none.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Settings {
        storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default()
    }
}

/// The view saved in a project file.
#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SavedView {
    pub settings: Settings,
    pub active: Option<usize>,
    /// The county shown, in data of several.
    pub county: Option<String>,
}
