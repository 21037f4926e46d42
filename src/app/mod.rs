//! The desktop app (eframe, glow renderer). It shows the core's evaluation and computes nothing
//! itself: panels read [`Loaded`] and send [`Command`]s, which [`JunhengApp::apply`] carries out in
//! one place per frame.

pub mod export;
pub mod fonts;
pub mod format;
pub mod i18n;
pub mod views;
pub mod workspace;

pub use i18n::{Lang, Tr};

use crate::evaluate::{evaluate, Evaluation};
use crate::io::{load_path, template, ImportError, ImportOptions, Imported, Issue};
use crate::model::{Dataset, Field, Level};
use crate::project::{now_rfc3339, Project};
use crate::sample;
use crate::scenario::{Change, Scenario, ScenarioError};
use crate::standard::{Standard, StandardDef};
use eframe::egui;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::Instant;
use workspace::{History, ScenarioResult, Snapshot, Workspace};

/// When `main` began, for the start-up figure printed with `JUNHENG_TIMING=1`.
pub static PROCESS_START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// The key of the settings in eframe's storage.
pub const SETTINGS_KEY: &str = "junheng-settings";

/// How many recent files the File menu keeps.
const RECENT_MAX: usize = 10;

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
}

impl Panel {
    pub const ALL: [Panel; 10] = [
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
struct SavedView {
    settings: Settings,
    active: Option<usize>,
}

/// The data on screen: a dataset, its evaluation and where it came from.
#[derive(Clone)]
pub struct Loaded {
    pub dataset: Dataset,
    pub evaluation: Evaluation,
    /// The file name shown to the user.
    pub source: String,
    /// The file on disk; `None` for the embedded sample.
    pub path: Option<PathBuf>,
    /// "CSV, GBK/GB18030", "Excel/WPS", …
    pub format: String,
    /// Notes from the import (skipped totals rows).
    pub notes: Vec<String>,
}

impl Loaded {
    fn new(imported: Imported, standard: &Standard, path: Option<PathBuf>) -> Loaded {
        let evaluation = evaluate(&imported.dataset, standard);
        Loaded {
            source: imported.dataset.source.clone(),
            dataset: imported.dataset,
            evaluation,
            path,
            format: imported.format,
            notes: imported.notes,
        }
    }

    /// Whether this is the embedded sample county.
    pub fn is_sample(&self) -> bool {
        self.path.is_none()
    }
}

/// A failed import: the file and every located problem. The previous data stays on screen.
pub struct Problems {
    pub file: String,
    pub issues: Vec<Issue>,
}

/// Everything the UI can ask for. Applied in one place, [`JunhengApp::apply`].
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Import a data file (in the background).
    Open(PathBuf),
    /// Show the embedded sample county.
    OpenSample,
    /// Show the Open window (path field, browse button, recent files).
    ShowOpenWindow(bool),
    /// Ask the system file dialog for a file to open (off the UI thread).
    BrowseOpen,
    /// Show the template window.
    ShowTemplateWindow(bool),
    /// Write the empty data template.
    WriteTemplate(PathBuf),
    /// Ask the system file dialog where to save the template.
    BrowseTemplate,
    SetPanel(Panel),
    SetLang(Lang),
    SetTheme(Theme),
    SetLevel(LevelChoice),
    SelectIndicator(usize),
    /// Show one section (index into the evaluation's units) in the school view.
    ShowSection(usize),
    DismissProblems,
    ShowMethod(bool),
    /// Add a change to the active scenario (a new scenario when the baseline is shown).
    AddChange(Change),
    /// Use this standard (a built-in one, or a copy with edited thresholds and limits); undoable,
    /// saved in the project when it is not a built-in one as shipped.
    SetStandard(Box<StandardDef>),
    /// Run the planner on a worker thread with the plan form's settings.
    StartPlan,
    /// Stop the planner at the end of its current round; its best plan so far is kept.
    CancelPlan,
    /// Remove the change at this position of the active scenario.
    RemoveChange(usize),
    NewScenario,
    DuplicateScenario(usize),
    RenameScenario(usize, String),
    DeleteScenario(usize),
    /// Show a scenario in every view, or the baseline with `None`.
    SelectScenario(Option<usize>),
    SetCost(Field, f64),
    Undo,
    Redo,
    /// Save the project to its file (Save As when it has none).
    SaveProject,
    /// Save the project to a new file.
    SaveProjectAs(PathBuf),
    ShowSaveAsWindow(bool),
    BrowseSaveAs,
    /// Start a new project on the data on screen: no scenarios, default costs, no file yet.
    NewProject,
    ShowReportWindow(bool),
    /// Enter a county-level item of the whole standard: its value (yes = 1, no = 0, or a
    /// figure; `None` clears it) and where the evidence is.
    SetCountyEntry {
        key: String,
        value: Option<f64>,
        evidence: String,
    },
    /// Save a chart as a PNG at 2× scale into the export folder.
    ExportChart(views::charts::ChartSpec),
    /// Save every slide as a PNG (1920×1080) into a new folder in the export folder.
    ExportSlides,
    /// Presentation mode: full screen, one slide at a time.
    StartPresentation,
    StopPresentation,
    /// Move by this many slides (±1).
    Slide(i64),
    /// Write the Excel report of what is shown (the scenario, when one is).
    ExportReport(PathBuf),
    BrowseReport,
}

/// The planner at work: its messages, its cancel flag, and the last progress it reported.
pub struct Planning {
    rx: Receiver<PlanMessage>,
    pub cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    pub started: Instant,
    pub last: Option<crate::plan::Progress>,
    /// The evaluation the plan starts from (for "before → after").
    base: Evaluation,
    /// The changes of the scenario the plan adds to.
    base_changes: Vec<Change>,
}

enum PlanMessage {
    Progress(crate::plan::Progress),
    Done(Box<Result<crate::plan::Plan, String>>),
}

/// A finished plan: the planner's answer, what it started from, and the scenario it opened as.
pub struct PlanOutcome {
    pub plan: crate::plan::Plan,
    pub base: Evaluation,
    pub scenario: String,
}

/// The 生成方案 form: which fields may change, the budget, the rule and the time limit.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanForm {
    pub allowed: Vec<Field>,
    pub use_budget: bool,
    /// In 万元.
    pub budget_wan: f64,
    pub rule: crate::plan::Rule,
    pub time_limit: f64,
}

impl Default for PlanForm {
    fn default() -> Self {
        PlanForm {
            allowed: crate::plan::default_allowed(),
            use_budget: false,
            budget_wan: 500.0,
            rule: crate::plan::Rule::National,
            time_limit: 60.0,
        }
    }
}

/// What a background open produces: imported data, or a whole project.
pub struct Opened {
    pub loaded: Loaded,
    /// Present when a `.junheng` project was opened.
    pub workspace: Option<Workspace>,
    /// The project's saved view (JSON), to restore.
    pub view: String,
    /// The project's standard (its own copy, or a built-in one by id); `None` for a data file.
    pub standard: Option<Standard>,
}

/// Why a background open failed.
pub enum OpenError {
    Import(ImportError),
    Project(String),
}

/// A background import in progress.
struct Loading {
    path: PathBuf,
    rx: Receiver<Result<Opened, OpenError>>,
    started: Instant,
}

/// What a system file dialog is for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DialogPurpose {
    Open,
    Template,
    SaveAs,
    Report,
}

/// Transient state of the views; not data, not persisted.
#[derive(Default)]
pub struct ViewState {
    pub section: Option<usize>,
    pub school_search: String,
    pub matrix_sort_failures: bool,
    pub table: views::table::TableState,
    pub open_window: bool,
    pub template_window: bool,
    pub method_window: bool,
    pub path_input: String,
    pub template_input: String,
    pub save_as_window: bool,
    pub save_as_input: String,
    pub report_window: bool,
    pub report_input: String,
    /// Evidence notes being typed, per county item, until committed.
    pub evidence_drafts: std::collections::HashMap<String, String>,
    pub rename_input: String,
    /// The change form's state in the scenario view.
    pub change_form: views::scenario::ChangeForm,
    /// The compare view's columns, for the revision they were computed at.
    pub compare_cache: Option<(u64, Vec<views::compare::Column>)>,
    /// Shown after the system dialog returned nothing (no portal, or cancelled).
    pub dialog_hint: bool,
    /// The standard page's edits not yet applied.
    pub standard_draft: Option<views::standard::Draft>,
    /// Why the last standard could not be used.
    pub standard_error: Option<String>,
    pub plan_form: PlanForm,
}

/// The app.
pub struct JunhengApp {
    pub settings: Settings,
    pub standard: Standard,
    pub loaded: Loaded,
    pub problems: Option<Problems>,
    pub view: ViewState,
    /// Scenarios, costs and the project file.
    pub workspace: Workspace,
    /// The active scenario applied and evaluated, or why it cannot apply.
    pub scenario: Option<Result<ScenarioResult, ScenarioError>>,
    /// Why the last change was refused (nothing was applied).
    pub change_error: Option<String>,
    /// Whether there is work not yet saved.
    pub dirty: bool,
    /// Bumped whenever the data, scenarios or costs change (views cache on it).
    pub revision: u64,
    history: History,
    last_save: Instant,
    /// How often unsaved work is saved ([`AUTOSAVE_EVERY`]; tests shorten it).
    pub autosave_every: std::time::Duration,
    /// A short message in the status bar (template written, file opened).
    pub status: Option<String>,
    /// The slide shown in presentation mode, or `None` outside it.
    pub presenting: Option<usize>,
    /// The planner running on its worker thread.
    pub planning: Option<Planning>,
    /// The last plan made (or why it failed), with the scenario it opened as.
    pub plan_outcome: Option<Result<PlanOutcome, String>>,
    commands: Vec<Command>,
    loading: Option<Loading>,
    dialog: Option<(DialogPurpose, Receiver<Option<PathBuf>>)>,
    started: Instant,
    first_frame_reported: bool,
}

impl JunhengApp {
    /// Creates the app: the file from the command line, else the last file, else the sample.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> JunhengApp {
        let settings = Settings::load(cc.storage);
        JunhengApp::with_settings(&cc.egui_ctx, settings, file)
    }

    /// Creates the app with given settings (tests use this to check what persists).
    pub fn with_settings(
        ctx: &egui::Context,
        settings: Settings,
        file: Option<PathBuf>,
    ) -> JunhengApp {
        fonts::install(ctx);
        let standard = Standard::national_2017();
        let loaded = match sample::load(&standard) {
            Ok(i) => Loaded::new(i, &standard, None),
            // The sample is embedded and tested; an empty dataset keeps the app alive regardless.
            Err(_) => Loaded::new(
                Imported {
                    dataset: Dataset::default(),
                    notes: Vec::new(),
                    format: String::new(),
                },
                &standard,
                None,
            ),
        };
        let mut app = JunhengApp {
            settings,
            standard,
            loaded,
            problems: None,
            view: ViewState::default(),
            workspace: Workspace {
                imported_at: now_rfc3339(),
                ..Workspace::default()
            },
            scenario: None,
            change_error: None,
            dirty: false,
            revision: 0,
            history: History::default(),
            last_save: Instant::now(),
            autosave_every: AUTOSAVE_EVERY,
            status: None,
            presenting: None,
            planning: None,
            plan_outcome: None,
            commands: Vec::new(),
            loading: None,
            dialog: None,
            started: Instant::now(),
            first_frame_reported: false,
        };
        app.apply_theme(ctx);
        let start = file
            .or_else(|| app.settings.last_project.clone().filter(|p| p.exists()))
            .or_else(|| app.settings.last_file.clone());
        if let Some(path) = start {
            app.command(Command::Open(path));
        }
        app
    }

    /// Queues a command; it is applied at the start of the next frame.
    pub fn command(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The translator for the current language.
    pub fn tr(&self) -> Tr {
        Tr(self.settings.lang)
    }

    /// Whether an import is running.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.settings.theme {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        });
    }

    /// Applies every queued command. The only place that changes the app's state.
    fn apply_commands(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            self.apply(ctx, command);
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let tr = self.tr();
        match command {
            Command::Open(path) => self.start_loading(ctx, path),
            Command::OpenSample => {
                if let Ok(i) = sample::load(&self.standard) {
                    let loaded = Loaded::new(i, &self.standard, None);
                    self.mutate(tr.s("打开示例数据", "Open the sample"), |app| {
                        app.loaded = loaded;
                        app.workspace = Workspace {
                            imported_at: now_rfc3339(),
                            ..Workspace::default()
                        };
                    });
                    self.settings.last_file = None;
                    self.settings.last_project = None;
                    self.view.section = None;
                    self.problems = None;
                }
            }
            Command::ShowOpenWindow(show) => {
                self.view.open_window = show;
                self.view.dialog_hint = false;
            }
            Command::BrowseOpen => self.spawn_dialog(ctx, DialogPurpose::Open),
            Command::ShowTemplateWindow(show) => {
                self.view.template_window = show;
                self.view.dialog_hint = false;
                if show && self.view.template_input.is_empty() {
                    self.view.template_input = default_template_path().display().to_string();
                }
            }
            Command::BrowseTemplate => self.spawn_dialog(ctx, DialogPurpose::Template),
            Command::WriteTemplate(path) => {
                self.status = Some(match template::write(&path) {
                    Ok(()) => {
                        self.view.template_window = false;
                        format!(
                            "{}{}",
                            tr.s("已生成数据模板：", "Template written: "),
                            path.display()
                        )
                    }
                    Err(e) => format!(
                        "{}{}: {e}",
                        tr.s("无法写入模板：", "Cannot write the template: "),
                        path.display()
                    ),
                });
            }
            Command::SetPanel(p) => self.settings.panel = p,
            Command::SetLang(l) => self.settings.lang = l,
            Command::SetTheme(t) => {
                self.settings.theme = t;
                self.apply_theme(ctx);
            }
            Command::SetLevel(l) => self.settings.level = l,
            Command::SelectIndicator(k) => {
                if k < self.standard.indicators.len() {
                    self.settings.indicator = k;
                }
            }
            Command::ShowSection(i) => {
                if i < self.shown().units.len() {
                    self.view.section = Some(i);
                    self.settings.panel = Panel::School;
                }
            }
            Command::DismissProblems => self.problems = None,
            Command::ShowMethod(show) => self.view.method_window = show,
            Command::AddChange(change) => self.add_change(change),
            Command::SetStandard(def) => self.set_standard(*def),
            Command::StartPlan => self.start_plan(ctx),
            Command::CancelPlan => {
                if let Some(p) = &self.planning {
                    p.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
            Command::RemoveChange(i) => {
                if let Some(a) = self.workspace.active {
                    if self.workspace.scenarios[a].changes.get(i).is_some() {
                        let label = format!(
                            "{}{}",
                            tr.s("删除变更：", "Remove change: "),
                            self.workspace.scenarios[a].changes[i].describe(tr.zh())
                        );
                        self.mutate(&label, |app| {
                            app.workspace.scenarios[a].changes.remove(i);
                        });
                    }
                }
            }
            Command::NewScenario => {
                let name = self.unique_name(tr.s("方案", "Scenario"));
                self.mutate(
                    &format!("{}{name}", tr.s("新建方案：", "New scenario: ")),
                    |app| {
                        app.workspace.scenarios.push(Scenario {
                            name,
                            changes: Vec::new(),
                        });
                        app.workspace.active = Some(app.workspace.scenarios.len() - 1);
                    },
                );
            }
            Command::DuplicateScenario(i) => {
                if let Some(sc) = self.workspace.scenarios.get(i).cloned() {
                    let name = self.unique_name(&format!("{} {}", sc.name, tr.s("副本", "copy")));
                    self.mutate(
                        &format!("{}{name}", tr.s("复制方案：", "Duplicate scenario: ")),
                        |app| {
                            app.workspace.scenarios.push(Scenario { name, ..sc });
                            app.workspace.active = Some(app.workspace.scenarios.len() - 1);
                        },
                    );
                }
            }
            Command::RenameScenario(i, name) => {
                let name = name.trim().to_string();
                if i < self.workspace.scenarios.len()
                    && !name.is_empty()
                    && !self.workspace.scenarios.iter().any(|s| s.name == name)
                {
                    self.mutate(
                        &format!("{}{name}", tr.s("重命名方案：", "Rename scenario: ")),
                        |app| {
                            app.workspace.scenarios[i].name = name;
                        },
                    );
                } else if !name.is_empty() && i < self.workspace.scenarios.len() {
                    self.change_error = Some(format!(
                        "{}“{name}”",
                        tr.s("已有同名方案：", "A scenario already has the name ")
                    ));
                }
            }
            Command::DeleteScenario(i) => {
                if let Some(sc) = self.workspace.scenarios.get(i) {
                    let label = format!("{}{}", tr.s("删除方案：", "Delete scenario: "), sc.name);
                    self.mutate(&label, |app| {
                        app.workspace.scenarios.remove(i);
                        app.workspace.active = match app.workspace.active {
                            Some(a) if a == i => None,
                            Some(a) if a > i => Some(a - 1),
                            other => other,
                        };
                    });
                }
            }
            Command::SelectScenario(sel) => {
                if sel.is_none_or(|i| i < self.workspace.scenarios.len()) {
                    self.workspace.active = sel;
                    self.view.section = None;
                    self.recompute();
                }
            }
            Command::SetCost(field, cost) => {
                if cost.is_finite() && cost >= 0.0 && self.workspace.costs.cost(field) != cost {
                    let label = format!(
                        "{}{} = {cost}",
                        tr.s("单价：", "Unit cost: "),
                        if tr.zh() {
                            field.zh_headers()[0]
                        } else {
                            field.key()
                        }
                    );
                    self.mutate(&label, |app| {
                        app.workspace.costs.set(field, cost);
                    });
                }
            }
            Command::Undo => {
                if let Some(prev) = self.history.undo(self.snapshot(String::new())) {
                    self.status = Some(format!("{}{}", tr.s("已撤销：", "Undone: "), prev.label));
                    self.restore(prev);
                }
            }
            Command::Redo => {
                if let Some(next) = self.history.redo(self.snapshot(String::new())) {
                    self.status = Some(format!("{}{}", tr.s("已重做：", "Redone: "), next.label));
                    self.restore(next);
                }
            }
            Command::SaveProject => match self.workspace.project_path.clone() {
                Some(path) => self.save_project(&path),
                None => self.apply(ctx, Command::ShowSaveAsWindow(true)),
            },
            Command::SaveProjectAs(path) => {
                let path = if path.extension().is_none() {
                    path.with_extension("junheng")
                } else {
                    path
                };
                self.save_project(&path);
                if !self.dirty {
                    self.view.save_as_window = false;
                }
            }
            Command::ShowSaveAsWindow(show) => {
                self.view.save_as_window = show;
                self.view.dialog_hint = false;
                if show && self.view.save_as_input.is_empty() {
                    let stem = std::path::Path::new(&self.loaded.source)
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "均衡项目".into());
                    self.view.save_as_input = default_template_path()
                        .with_file_name(format!("{stem}.junheng"))
                        .display()
                        .to_string();
                }
            }
            Command::BrowseSaveAs => self.spawn_dialog(ctx, DialogPurpose::SaveAs),
            Command::SetCountyEntry {
                key,
                value,
                evidence,
            } => {
                let Some(item) = crate::readiness::COUNTY_ITEMS.iter().find(|i| i.key == key)
                else {
                    return;
                };
                let current = self.workspace.county.iter().find(|e| e.key == key);
                if current.map(|e| (e.value, e.evidence.as_str()))
                    == Some((value, evidence.as_str()))
                    || (current.is_none() && value.is_none() && evidence.is_empty())
                {
                    return;
                }
                let label = format!(
                    "{}{}",
                    tr.s("填写：", "Entered: "),
                    if tr.zh() { item.name_zh } else { item.name_en }
                );
                self.mutate(&label, |app| {
                    app.workspace.county.retain(|e| e.key != key);
                    app.workspace.county.push(crate::readiness::CountyEntry {
                        key,
                        value,
                        evidence,
                    });
                });
            }
            Command::ShowReportWindow(show) => {
                self.view.report_window = show;
                self.view.dialog_hint = false;
                if show && self.view.report_input.is_empty() {
                    self.view.report_input = default_template_path()
                        .with_file_name("资源配置评估报告.xlsx")
                        .display()
                        .to_string();
                }
            }
            Command::BrowseReport => self.spawn_dialog(ctx, DialogPurpose::Report),
            Command::ExportReport(path) => {
                let path = if path.extension().is_none() {
                    path.with_extension("xlsx")
                } else {
                    path
                };
                let result = self.write_report(&path);
                self.status = Some(match result {
                    Ok(()) => {
                        self.view.report_window = false;
                        format!(
                            "{}{}",
                            tr.s("已导出报告：", "Report written: "),
                            path.display()
                        )
                    }
                    Err(e) => format!("{}{e}", tr.s("无法导出报告：", "Cannot write the report: ")),
                });
            }
            Command::ExportChart(spec) => {
                let dir = self.export_dir();
                let path = dir.join(format!("{}.png", spec.file_stem(self)));
                let img = export::render(egui::vec2(900.0, 520.0), 2.0, |ui| {
                    views::charts::draw_spec(self, spec, ui)
                });
                let written = std::fs::create_dir_all(&dir)
                    .map_err(|e| e.to_string())
                    .and_then(|()| export::write_png(&path, &img));
                self.status = Some(match written {
                    Ok(()) => format!(
                        "{}{}",
                        tr.s("图片已保存：", "Image saved: "),
                        path.display()
                    ),
                    Err(e) => format!("{}{e}", tr.s("无法保存图片：", "Cannot save the image: ")),
                });
            }
            Command::ExportSlides => {
                let stamp: String = now_rfc3339()
                    .chars()
                    .filter(|c| c.is_ascii_digit())
                    .collect();
                let dir = self.export_dir().join(format!("slides-{stamp}"));
                let n = views::present::slides(self).len();
                let mut result = std::fs::create_dir_all(&dir).map_err(|e| e.to_string());
                for i in 0..n {
                    if result.is_err() {
                        break;
                    }
                    let img = export::render(egui::vec2(1920.0, 1080.0), 1.0, |ui| {
                        let _ = views::present::show(self, ui, i);
                    });
                    result = export::write_png(&dir.join(format!("slide-{:02}.png", i + 1)), &img);
                }
                self.status = Some(match result {
                    Ok(()) => format!(
                        "{}{n}{}{}",
                        tr.s("已保存 ", "Saved "),
                        tr.s(" 张幻灯片到 ", " slides to "),
                        dir.display()
                    ),
                    Err(e) => format!(
                        "{}{e}",
                        tr.s("无法保存幻灯片：", "Cannot save the slides: ")
                    ),
                });
            }
            Command::StartPresentation => {
                self.presenting = Some(0);
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
            }
            Command::StopPresentation => {
                self.presenting = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            }
            Command::Slide(step) => {
                if let Some(i) = self.presenting {
                    let n = views::present::slides(self).len() as i64;
                    self.presenting = Some((i as i64 + step).clamp(0, (n - 1).max(0)) as usize);
                }
            }
            Command::NewProject => {
                self.mutate(tr.s("新建项目", "New project"), |app| {
                    app.workspace = Workspace {
                        imported_at: app.workspace.imported_at.clone(),
                        ..Workspace::default()
                    };
                });
                self.settings.last_project = None;
            }
        }
    }

    /// The evaluation every view shows: the active scenario's, or the baseline's.
    pub fn shown(&self) -> &Evaluation {
        shown_of(&self.scenario, &self.loaded)
    }

    /// The data every view shows: the active scenario's, or the baseline's.
    pub fn shown_data(&self) -> &Dataset {
        match &self.scenario {
            Some(Ok(r)) => &r.dataset,
            _ => &self.loaded.dataset,
        }
    }

    /// Whether a scenario is being shown (so views draw the baseline as ghosts).
    pub fn comparing(&self) -> bool {
        matches!(self.scenario, Some(Ok(_)))
    }

    fn unique_name(&self, base: &str) -> String {
        (1..)
            .map(|n| format!("{base} {n}"))
            .find(|n| !self.workspace.scenarios.iter().any(|s| &s.name == n))
            .unwrap_or_else(|| base.to_string())
    }

    fn snapshot(&self, label: String) -> Snapshot {
        Snapshot {
            loaded: self.loaded.clone(),
            workspace: self.workspace.clone(),
            standard: self.standard.clone(),
            label,
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.loaded = s.loaded;
        self.workspace = s.workspace;
        self.standard = s.standard;
        self.clamp_indicator();
        self.dirty = true;
        self.view.section = None;
        self.recompute();
    }

    /// Starts the planner on a worker thread: on the active scenario's data when one is shown
    /// (the plan adds to it), else on the baseline. The UI stays responsive; progress arrives by
    /// channel.
    fn start_plan(&mut self, ctx: &egui::Context) {
        if self.planning.is_some() {
            return;
        }
        let form = self.view.plan_form.clone();
        let (data, base, base_changes) = match (&self.scenario, self.workspace.active) {
            (Some(Ok(r)), Some(a)) => (
                r.dataset.clone(),
                r.evaluation.clone(),
                self.workspace.scenarios[a].changes.clone(),
            ),
            _ => (
                self.loaded.dataset.clone(),
                self.loaded.evaluation.clone(),
                Vec::new(),
            ),
        };
        let mut costs = self.workspace.costs.clone();
        costs.costs.retain(|k, _| {
            crate::model::Field::from_key(k).is_some_and(|f| form.allowed.contains(&f))
        });
        let options = crate::plan::PlanOptions {
            costs,
            allowed: form.allowed.clone(),
            budget: form.use_budget.then_some(form.budget_wan * 10_000.0),
            rule: form.rule,
            time_limit: form.time_limit.max(1.0),
        };
        let standard = self.standard.clone();
        let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = cancel.clone();
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let progress_tx = tx.clone();
            let repaint = ctx.clone();
            let result = crate::plan::plan(&data, &standard, &options, &flag, &mut |p| {
                let _ = progress_tx.send(PlanMessage::Progress(p.clone()));
                repaint.request_repaint();
            });
            let _ = tx.send(PlanMessage::Done(Box::new(
                result.map_err(|e| e.to_string()),
            )));
            ctx.request_repaint();
        });
        self.plan_outcome = None;
        self.planning = Some(Planning {
            rx,
            cancel,
            started: Instant::now(),
            last: None,
            base,
            base_changes,
        });
    }

    /// Picks up the planner's progress and, when it is done, opens its plan as a new scenario
    /// (one undoable step).
    fn poll_plan(&mut self) {
        let mut done = None;
        if let Some(p) = self.planning.as_mut() {
            while let Ok(msg) = p.rx.try_recv() {
                match msg {
                    PlanMessage::Progress(pr) => p.last = Some(pr),
                    PlanMessage::Done(r) => done = Some(*r),
                }
            }
        }
        let Some(result) = done else {
            return;
        };
        let Some(planning) = self.planning.take() else {
            return;
        };
        let tr = self.tr();
        match result {
            Ok(plan) => {
                let name = self.unique_name(tr.s("生成方案", "Generated plan"));
                let mut changes = planning.base_changes;
                changes.extend(plan.changes.iter().cloned());
                let scenario = Scenario {
                    name: name.clone(),
                    changes,
                };
                self.mutate(
                    &format!("{}{name}", tr.s("生成方案：", "Plan: ")),
                    |app| {
                        app.workspace.scenarios.push(scenario);
                        app.workspace.active = Some(app.workspace.scenarios.len() - 1);
                    },
                );
                self.status = Some(format!(
                    "{}{name}",
                    tr.s("方案已生成并打开：", "Plan made and opened: ")
                ));
                self.plan_outcome = Some(Ok(PlanOutcome {
                    plan,
                    base: planning.base,
                    scenario: name,
                }));
            }
            Err(e) => self.plan_outcome = Some(Err(e)),
        }
    }

    /// Keeps the chosen indicator inside the standard's list (standards differ in length).
    fn clamp_indicator(&mut self) {
        if self.settings.indicator >= self.standard.indicators.len() {
            self.settings.indicator = 0;
        }
    }

    /// Uses another standard (a built-in one, or an edited copy): every view re-evaluates.
    fn set_standard(&mut self, def: StandardDef) {
        let tr = self.tr();
        if def == self.standard.def {
            return;
        }
        match Standard::from_def(def) {
            Ok(standard) => {
                let label = format!(
                    "{}{}",
                    tr.s("标准：", "Standard: "),
                    if tr.zh() {
                        &standard.def.name_zh
                    } else {
                        &standard.def.name_en
                    }
                );
                self.mutate(&label, |app| {
                    app.loaded.evaluation = evaluate(&app.loaded.dataset, &standard);
                    app.standard = standard;
                    app.clamp_indicator();
                    app.view.compare_cache = None;
                });
                self.view.standard_error = None;
            }
            Err(e) => self.view.standard_error = Some(e.to_string()),
        }
    }

    /// Changes the work: recorded for undo, marked unsaved, the scenario recomputed.
    fn mutate(&mut self, label: &str, f: impl FnOnce(&mut JunhengApp)) {
        self.history.record(self.snapshot(label.to_string()));
        f(self);
        self.dirty = true;
        self.change_error = None;
        self.recompute();
    }

    /// Re-applies and re-evaluates the active scenario.
    fn recompute(&mut self) {
        self.revision += 1;
        self.scenario = workspace::compute(&self.loaded, &self.workspace, &self.standard);
    }

    /// Adds a change to the active scenario after checking it applies; refused with the reason
    /// otherwise, and nothing changes.
    fn add_change(&mut self, change: Change) {
        let tr = self.tr();
        let (mut trial, index) = match self.workspace.active {
            Some(a) => (self.workspace.scenarios[a].clone(), Some(a)),
            None => (
                Scenario {
                    name: self.unique_name(tr.s("方案", "Scenario")),
                    changes: Vec::new(),
                },
                None,
            ),
        };
        trial.changes.push(change.clone());
        if let Err(e) = crate::scenario::apply(&self.loaded.dataset, &trial) {
            self.change_error = Some(e.message(tr.zh()));
            return;
        }
        let label = change.describe(tr.zh());
        self.mutate(&label, |app| match index {
            Some(a) => app.workspace.scenarios[a] = trial,
            None => {
                app.workspace.scenarios.push(trial);
                app.workspace.active = Some(app.workspace.scenarios.len() - 1);
            }
        });
    }

    /// Where chart and slide images are saved.
    pub fn export_dir(&self) -> PathBuf {
        self.settings
            .export_dir
            .clone()
            .unwrap_or_else(|| default_template_path().with_file_name("均衡图表"))
    }

    /// Writes the Excel report of what is shown: the active scenario with its cost and the
    /// baseline beside it, or the baseline.
    pub fn write_report(&self, path: &std::path::Path) -> Result<(), String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if ext.as_deref() != Some("xlsx") {
            return Err(self
                .tr()
                .s(
                    "报告文件名应以 .xlsx 结尾",
                    "the report file must end in .xlsx",
                )
                .to_string());
        }
        let scenario = match (&self.scenario, self.workspace.active) {
            (Some(Ok(r)), Some(a)) => self
                .workspace
                .scenarios
                .get(a)
                .map(|sc| (sc, &r.cost, &self.loaded.evaluation)),
            _ => None,
        };
        let input = crate::io::report_xlsx::ReportInput {
            data: self.shown_data(),
            evaluation: self.shown(),
            standard: &self.standard,
            scenario,
            made_at: now_rfc3339(),
            county: &self.workspace.county,
        };
        if ext.as_deref() == Some("pdf") {
            crate::io::report_pdf::write(path, &input).map_err(|e| e.to_string())
        } else {
            crate::io::report_xlsx::write(path, &input).map_err(|e| e.to_string())
        }
    }

    /// The whole project as it would be saved.
    pub fn project(&self) -> Project {
        Project {
            dataset: self.loaded.dataset.clone(),
            source_file: self.loaded.source.clone(),
            imported_at: self.workspace.imported_at.clone(),
            scenarios: self.workspace.scenarios.clone(),
            costs: self.workspace.costs.clone(),
            county: {
                let mut c = self.workspace.county.clone();
                c.sort_by(|a, b| a.key.cmp(&b.key));
                c
            },
            standard_id: self.standard.id().to_string(),
            standard_json: if self.standard.is_builtin() {
                String::new()
            } else {
                serde_json::to_string_pretty(&self.standard.def).unwrap_or_default()
            },
            view: serde_json::to_string(&SavedView {
                settings: self.settings.clone(),
                active: self.workspace.active,
            })
            .unwrap_or_default(),
        }
    }

    fn save_project(&mut self, path: &std::path::Path) {
        let tr = self.tr();
        match crate::store::save(path, &self.project()) {
            Ok(()) => {
                self.workspace.project_path = Some(path.to_path_buf());
                self.settings.last_project = Some(path.to_path_buf());
                self.dirty = false;
                self.last_save = Instant::now();
                self.status = Some(format!("{}{}", tr.s("已保存 ", "Saved "), path.display()));
            }
            Err(e) => {
                self.last_save = Instant::now();
                self.status = Some(format!("{}{e}", tr.s("保存失败：", "Save failed: ")));
            }
        }
    }

    /// At most 30 s of work at risk: unsaved work goes to the project file, or, before the
    /// project has one, to an autosave file in the app's data folder that reopens at start.
    fn autosave(&mut self) {
        if !self.dirty || self.last_save.elapsed() < self.autosave_every {
            return;
        }
        let path = match &self.workspace.project_path {
            Some(p) => p.clone(),
            None => match autosave_path() {
                Some(p) => p,
                None => return,
            },
        };
        let keep_path = self.workspace.project_path.clone();
        self.save_project(&path);
        if keep_path.is_none() {
            // The autosave file is not the user's project: Save still asks where to save.
            self.workspace.project_path = None;
        }
    }

    /// Imports a file, or opens a project, on a worker thread; the UI stays responsive.
    fn start_loading(&mut self, ctx: &egui::Context, path: PathBuf) {
        let (tx, rx) = channel();
        let standard = self.standard.clone();
        let ctx = ctx.clone();
        let p = path.clone();
        std::thread::spawn(move || {
            let is_project = p
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("junheng"));
            let result = if is_project {
                crate::store::open(&p)
                    .map_err(|e| OpenError::Project(e.to_string()))
                    .and_then(|project| {
                        let standard = project.standard().map_err(|e| {
                            OpenError::Project(format!(
                                "项目中的标准无法使用 / the project's standard cannot be used: {e}"
                            ))
                        })?;
                        let imported = Imported {
                            dataset: project.dataset,
                            notes: Vec::new(),
                            format: "均衡项目 / junheng project".into(),
                        };
                        Ok(Opened {
                            loaded: Loaded::new(imported, &standard, Some(p.clone())),
                            workspace: Some(Workspace {
                                scenarios: project.scenarios,
                                active: None,
                                costs: project.costs,
                                project_path: Some(p.clone()),
                                imported_at: project.imported_at,
                                county: project.county,
                            }),
                            view: project.view,
                            standard: Some(standard),
                        })
                    })
            } else {
                load_path(&p, &standard, &ImportOptions::default())
                    .map(|i| Opened {
                        loaded: Loaded::new(i, &standard, Some(p)),
                        workspace: None,
                        view: String::new(),
                        standard: None,
                    })
                    .map_err(OpenError::Import)
            };
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        self.loading = Some(Loading {
            path,
            rx,
            started: Instant::now(),
        });
    }

    /// Picks up a finished open: new data, or the problems with the old data kept.
    fn poll_loading(&mut self) {
        let Some(loading) = &self.loading else {
            return;
        };
        let result = match loading.rx.try_recv() {
            Ok(r) => r,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err(OpenError::Import(ImportError { issues: Vec::new() }))
            }
        };
        let path = loading.path.clone();
        self.loading = None;
        let tr = self.tr();
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        match result {
            Ok(opened) => {
                self.status = Some(format!(
                    "{}{} ({} {})",
                    tr.s("已打开 ", "Opened "),
                    file,
                    opened.loaded.dataset.schools.len(),
                    tr.s("所学校", "schools")
                ));
                let is_project = opened.workspace.is_some();
                let view: Option<SavedView> = serde_json::from_str(&opened.view).ok();
                let label = format!("{}{file}", tr.s("打开 ", "Open "));
                self.mutate(&label, |app| {
                    app.loaded = opened.loaded;
                    if let Some(standard) = opened.standard {
                        app.standard = standard;
                        app.clamp_indicator();
                    }
                    match opened.workspace {
                        Some(ws) => app.workspace = ws,
                        None => {
                            // New data for the same work: scenarios and costs stay, and are
                            // re-applied to the new data.
                            app.workspace.active = None;
                            app.workspace.imported_at = now_rfc3339();
                        }
                    }
                });
                if is_project {
                    // The view as it was saved: panel, level, indicator and the scenario shown.
                    if let Some(v) = view {
                        self.settings.panel = v.settings.panel;
                        self.settings.level = v.settings.level;
                        self.settings.indicator = v.settings.indicator;
                        if v.active.is_none_or(|a| a < self.workspace.scenarios.len()) {
                            self.workspace.active = v.active;
                            self.recompute();
                        }
                    }
                    // Freshly opened: nothing unsaved, and undo does not cross into the file.
                    self.dirty = false;
                    self.history = History::default();
                    self.settings.last_project = Some(path.clone());
                } else {
                    self.settings.last_file = Some(path.clone());
                }
                self.problems = None;
                self.view.section = None;
                self.view.open_window = false;
                self.settings.recent.retain(|p| p != &path);
                self.settings.recent.insert(0, path);
                self.settings.recent.truncate(RECENT_MAX);
            }
            Err(e) => {
                if self.settings.last_file.as_deref() == Some(path.as_path()) {
                    self.settings.last_file = self.loaded.path.clone();
                }
                if self.settings.last_project.as_deref() == Some(path.as_path()) {
                    self.settings.last_project = None;
                }
                let issues = match e {
                    OpenError::Import(e) => e.issues,
                    OpenError::Project(msg) => vec![Issue {
                        file: file.clone(),
                        sheet: None,
                        row: None,
                        row_kind: crate::io::RowKind::Row,
                        column: None,
                        column_letters: None,
                        value: None,
                        kind: crate::io::IssueKind::Unreadable(msg),
                    }],
                };
                self.problems = Some(Problems { file, issues });
            }
        }
    }

    /// Runs the system file dialog on its own thread; where no desktop portal exists it returns
    /// at once with nothing, and the path field stays the way in.
    fn spawn_dialog(&mut self, ctx: &egui::Context, purpose: DialogPurpose) {
        if self.dialog.is_some() {
            return;
        }
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let title = self.tr();
        let (open_title, save_title, project_title) = (
            title
                .s("打开学校数据或项目", "Open school data or a project")
                .to_string(),
            title
                .s("保存数据模板", "Save the data template")
                .to_string(),
            title.s("项目另存为", "Save the project as").to_string(),
        );
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new();
            let picked = match purpose {
                DialogPurpose::Open => dialog
                    .set_title(open_title)
                    .add_filter(
                        "xlsx / xls / ods / csv / json / junheng",
                        &["xlsx", "xls", "ods", "csv", "json", "txt", "junheng"],
                    )
                    .pick_file(),
                DialogPurpose::Template => dialog
                    .set_title(save_title)
                    .add_filter("xlsx", &["xlsx"])
                    .set_file_name("学校数据模板.xlsx")
                    .save_file(),
                DialogPurpose::Report => dialog
                    .set_title("Excel 报告 / Excel report")
                    .add_filter("xlsx", &["xlsx"])
                    .set_file_name("资源配置评估报告.xlsx")
                    .save_file(),
                DialogPurpose::SaveAs => dialog
                    .set_title(project_title)
                    .add_filter("junheng", &["junheng"])
                    .set_file_name("均衡项目.junheng")
                    .save_file(),
            };
            let _ = tx.send(picked);
            ctx.request_repaint();
        });
        self.dialog = Some((purpose, rx));
    }

    fn poll_dialog(&mut self) {
        let Some((purpose, rx)) = &self.dialog else {
            return;
        };
        let picked = match rx.try_recv() {
            Ok(p) => p,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
        };
        let purpose = *purpose;
        self.dialog = None;
        match (purpose, picked) {
            (DialogPurpose::Open, Some(p)) => {
                self.view.path_input = p.display().to_string();
                self.command(Command::Open(p));
            }
            (DialogPurpose::Template, Some(p)) => self.command(Command::WriteTemplate(p)),
            (DialogPurpose::Report, Some(p)) => {
                self.view.report_input = p.display().to_string();
                self.command(Command::ExportReport(p));
            }
            (DialogPurpose::SaveAs, Some(p)) => {
                self.view.save_as_input = p.display().to_string();
                self.command(Command::SaveProjectAs(p));
            }
            (_, None) => self.view.dialog_hint = true,
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.command(Command::Open(path));
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let shortcuts = [
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
                Command::ShowOpenWindow(true),
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
                Command::SaveProject,
            ),
            // Shift first: Ctrl+Shift+Z must not also match Ctrl+Z.
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
                Command::Redo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
                Command::Redo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Z),
                Command::Undo,
            ),
        ];
        for (shortcut, command) in shortcuts {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.command(command);
            }
        }
        let key = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k));
        if self.presenting.is_some() {
            if key(Key::Escape) {
                self.command(Command::StopPresentation);
            }
            if key(Key::ArrowRight) || key(Key::Space) || key(Key::PageDown) || key(Key::ArrowDown)
            {
                self.command(Command::Slide(1));
            }
            if key(Key::ArrowLeft) || key(Key::PageUp) || key(Key::ArrowUp) {
                self.command(Command::Slide(-1));
            }
        } else if key(Key::F5) {
            self.command(Command::StartPresentation);
        }
    }

    fn report_first_frame(&mut self) {
        if !self.first_frame_reported {
            self.first_frame_reported = true;
            if std::env::var_os("JUNHENG_TIMING").is_some() {
                let since_start = PROCESS_START
                    .get()
                    .map(|t| {
                        format!(
                            "{:.0} ms after main() began, ",
                            t.elapsed().as_secs_f64() * 1000.0
                        )
                    })
                    .unwrap_or_default();
                eprintln!(
                    "junheng: first frame drawn {since_start}{:.0} ms after the app was created",
                    self.started.elapsed().as_secs_f64() * 1000.0
                );
            }
        }
    }

    /// Draws one frame into `ui` (the whole window).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_loading();
        self.poll_plan();
        self.poll_dialog();
        self.handle_dropped_files(&ctx);
        self.handle_shortcuts(&ctx);
        self.apply_commands(&ctx);
        self.autosave();
        if self.dirty {
            ctx.request_repaint_after(self.autosave_every);
        }
        if self.loading.is_some() || self.dialog.is_some() || self.planning.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }

        if let Some(slide) = self.presenting {
            if let Some(c) = views::present::show(self, ui, slide) {
                self.command(c);
            }
            self.report_first_frame();
            return;
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::top("tabs").show(ui, |ui| self.tab_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.problems.is_some() {
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(180.0)
                .show(ui, |ui| self.problems_panel(ui));
        }
        egui::CentralPanel::default().show(ui, |ui| match self.settings.panel {
            Panel::Overview => views::overview::show(self, ui),
            Panel::Indicator => views::indicator::show(self, ui),
            Panel::School => views::school::show(self, ui),
            Panel::Matrix => views::matrix::show(self, ui),
            Panel::Table => views::table::show(self, ui),
            Panel::Scenario => views::scenario::show(self, ui),
            Panel::Compare => views::compare::show(self, ui),
            Panel::Readiness => views::readiness::show(self, ui),
            Panel::Standard => views::standard::show(self, ui),
            Panel::Plan => views::plan::show(self, ui),
        });
        views::windows::show(self, &ctx);
        self.report_first_frame();
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let tr = self.tr();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(tr.s("文件", "File"), |ui| {
                if ui
                    .button(tr.s("打开…  (Ctrl+O)", "Open…  (Ctrl+O)"))
                    .clicked()
                {
                    self.command(Command::ShowOpenWindow(true));
                }
                if ui
                    .button(tr.s("打开示例数据", "Open the sample county"))
                    .clicked()
                {
                    self.command(Command::OpenSample);
                }
                ui.menu_button(tr.s("最近打开", "Recent files"), |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label(tr.s("（无）", "(none)"));
                    }
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.command(Command::Open(path));
                        }
                    }
                });
                ui.separator();
                if ui.button(tr.s("新建项目", "New project")).clicked() {
                    self.command(Command::NewProject);
                }
                if ui
                    .button(tr.s("保存项目  (Ctrl+S)", "Save project  (Ctrl+S)"))
                    .clicked()
                {
                    self.command(Command::SaveProject);
                }
                if ui.button(tr.s("项目另存为…", "Save project as…")).clicked() {
                    self.command(Command::ShowSaveAsWindow(true));
                }
                ui.separator();
                if ui
                    .button(tr.s("导出报告（Excel / PDF）…", "Export a report (Excel / PDF)…"))
                    .clicked()
                {
                    self.command(Command::ShowReportWindow(true));
                }
                if ui
                    .button(tr.s("保存全部幻灯片为 PNG", "Save all slides as PNG"))
                    .clicked()
                {
                    self.command(Command::ExportSlides);
                }
                if ui
                    .button(tr.s("生成数据模板…", "Write a data template…"))
                    .clicked()
                {
                    self.command(Command::ShowTemplateWindow(true));
                }
                ui.separator();
                if ui.button(tr.s("退出", "Quit")).clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button(tr.s("编辑", "Edit"), |ui| {
                let undo = match self.history.undo_label() {
                    Some(l) => format!("{}{l}  (Ctrl+Z)", tr.s("撤销：", "Undo: ")),
                    None => tr.s("撤销  (Ctrl+Z)", "Undo  (Ctrl+Z)").to_string(),
                };
                if ui
                    .add_enabled(self.history.undo_label().is_some(), egui::Button::new(undo))
                    .clicked()
                {
                    self.command(Command::Undo);
                }
                let redo = match self.history.redo_label() {
                    Some(l) => format!("{}{l}  (Ctrl+Shift+Z)", tr.s("重做：", "Redo: ")),
                    None => tr
                        .s("重做  (Ctrl+Shift+Z)", "Redo  (Ctrl+Shift+Z)")
                        .to_string(),
                };
                if ui
                    .add_enabled(self.history.redo_label().is_some(), egui::Button::new(redo))
                    .clicked()
                {
                    self.command(Command::Redo);
                }
            });
            ui.menu_button(tr.s("视图", "View"), |ui| {
                for p in Panel::ALL {
                    if ui
                        .selectable_label(self.settings.panel == p, p.title(tr))
                        .clicked()
                    {
                        self.command(Command::SetPanel(p));
                    }
                }
                ui.separator();
                for (t, name) in [
                    (Theme::System, tr.s("跟随系统", "Follow the system")),
                    (Theme::Light, tr.s("浅色", "Light")),
                    (Theme::Dark, tr.s("深色", "Dark")),
                ] {
                    if ui
                        .selectable_label(self.settings.theme == t, name)
                        .clicked()
                    {
                        self.command(Command::SetTheme(t));
                    }
                }
            });
            ui.menu_button("语言 / Language", |ui| {
                if ui
                    .selectable_label(self.settings.lang == Lang::Zh, "中文")
                    .clicked()
                {
                    self.command(Command::SetLang(Lang::Zh));
                }
                if ui
                    .selectable_label(self.settings.lang == Lang::En, "English")
                    .clicked()
                {
                    self.command(Command::SetLang(Lang::En));
                }
            });
            ui.menu_button(tr.s("帮助", "Help"), |ui| {
                if ui.button(tr.s("计算方法", "How it is computed")).clicked() {
                    self.command(Command::ShowMethod(true));
                }
            });
        });
    }

    fn tab_bar(&mut self, ui: &mut egui::Ui) {
        let tr = self.tr();
        ui.horizontal(|ui| {
            for p in Panel::ALL {
                if ui
                    .selectable_label(self.settings.panel == p, p.title(tr))
                    .clicked()
                {
                    self.command(Command::SetPanel(p));
                }
            }
            ui.separator();
            if ui
                .button(tr.s("▶ 演示 (F5)", "▶ Present (F5)"))
                .clicked()
            {
                self.command(Command::StartPresentation);
            }
            ui.separator();
            let current = match self.workspace.active.and_then(|a| self.workspace.scenarios.get(a)) {
                Some(sc) => sc.name.clone(),
                None => tr.s("现状（基线）", "Baseline").to_string(),
            };
            egui::ComboBox::new("scenario-select", tr.s("显示", "Showing"))
                .selected_text(current)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(self.workspace.active.is_none(), tr.s("现状（基线）", "Baseline"))
                        .clicked()
                    {
                        self.command(Command::SelectScenario(None));
                    }
                    for (i, sc) in self.workspace.scenarios.iter().enumerate() {
                        if ui.selectable_label(self.workspace.active == Some(i), &sc.name).clicked() {
                            self.commands.push(Command::SelectScenario(Some(i)));
                        }
                    }
                });
            ui.separator();
            if self.loaded.is_sample() {
                ui.label(
                    egui::RichText::new(tr.s("示例数据", "Sample data"))
                        .color(egui::Color32::WHITE)
                        .background_color(format::colors::NEAR)
                        .strong(),
                )
                .on_hover_text(tr.s(
                    "这是内置的合成示例县，不是真实学校。用“文件 → 打开…”导入本县数据。",
                    "This is the built-in synthetic sample county, not real schools. Use File → Open… to import your county.",
                ));
            }
            ui.label(egui::RichText::new(&self.loaded.source).strong());
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        let tr = self.tr();
        ui.horizontal(|ui| {
            if let Some(loading) = &self.loading {
                ui.spinner();
                ui.label(format!(
                    "{}{} ({:.1} s)",
                    tr.s("正在导入 ", "Importing "),
                    loading.path.display(),
                    loading.started.elapsed().as_secs_f32()
                ));
                ui.separator();
            }
            let ev = &self.loaded.evaluation;
            ui.label(format!(
                "{} {} · {} {} · {}",
                self.loaded.dataset.schools.len(),
                tr.s("所学校", "schools"),
                ev.units.len(),
                tr.s("个评估单元", "sections"),
                if tr.zh() {
                    &self.standard.def.name_zh
                } else {
                    &self.standard.def.name_en
                }
            ));
            if !self.loaded.format.is_empty() {
                ui.separator();
                ui.label(&self.loaded.format);
            }
            ui.separator();
            let project = match &self.workspace.project_path {
                Some(p) => p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                None => tr.s("未保存的项目", "Unsaved project").to_string(),
            };
            ui.label(if self.dirty {
                format!(
                    "{project} {}",
                    tr.s("（有未保存的修改）", "(unsaved changes)")
                )
            } else {
                project
            });
            if let Some(s) = &self.status {
                ui.separator();
                ui.label(s);
            }
        });
    }

    fn problems_panel(&mut self, ui: &mut egui::Ui) {
        let tr = self.tr();
        let Some(problems) = &self.problems else {
            return;
        };
        let zh = tr.zh();
        let title = format!(
            "{}{}{}{}",
            tr.s("导入失败：", "Import failed: "),
            problems.file,
            tr.s("，问题数 ", ", problems: "),
            problems.issues.len()
        );
        let messages: Vec<String> = problems.issues.iter().map(|i| i.message(zh)).collect();
        ui.horizontal(|ui| {
            ui.label(
                egui::RichText::new(title)
                    .color(format::colors::BELOW)
                    .strong(),
            );
            ui.label(tr.s(
                "（原有数据未改变；请在表格中改正后重新导入）",
                "(the data on screen is unchanged; fix the file and import it again)",
            ));
            if ui.button(tr.s("关闭", "Close")).clicked() {
                self.command(Command::DismissProblems);
            }
        });
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            for m in messages {
                ui.label(m);
            }
        });
    }
}

impl eframe::App for JunhengApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

/// The evaluation shown: the scenario's when it applies, else the baseline's. A free function
/// so views can borrow it beside other fields of the app.
pub fn shown_of<'a>(
    scenario: &'a Option<Result<ScenarioResult, ScenarioError>>,
    loaded: &'a Loaded,
) -> &'a Evaluation {
    match scenario {
        Some(Ok(r)) => &r.evaluation,
        _ => &loaded.evaluation,
    }
}

/// Unsaved work is saved at least this often.
pub const AUTOSAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// Where work is autosaved before the project has a file of its own.
pub fn autosave_path() -> Option<PathBuf> {
    let dir = eframe::storage_dir("junheng")?;
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("autosave.junheng"))
}

/// Where the template is written by default: the user's documents or home folder.
fn default_template_path() -> PathBuf {
    let home = std::env::var_os("USERPROFILE")
        .or_else(|| std::env::var_os("HOME"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    home.join("学校数据模板.xlsx")
}

/// Opens the window. `file` is a data file named on the command line.
pub fn run(file: Option<PathBuf>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("均衡 junheng — 义务教育优质均衡发展评估")
            .with_app_id("junheng")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 520.0])
            .with_drag_and_drop(true),
        renderer: eframe::Renderer::Glow,
        persist_window: true,
        ..Default::default()
    };
    let file = file.map(|f| absolute(&f));
    eframe::run_native(
        "junheng",
        options,
        Box::new(move |cc| Ok(Box::new(JunhengApp::new(cc, file)))),
    )
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
