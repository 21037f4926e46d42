//! The app's state, as views read it: the settings, the work ([`Workspace`]) and what is derived
//! from it, the undo history, and the status of background work. Changed only by
//! `command_handling`; views see it through a read-only [`Ctx`].

use super::command::{Command, CommandSender};
use super::settings::{Panel, Settings};
use crate::evaluate::Evaluation;
use crate::i18n::Tr;
use crate::io::Issue;
use crate::model::Dataset;
use crate::plan::explain::Explanation;
use crate::scenario::Change;
use crate::standard::Standard;
use crate::workspace::{Derived, History, Workspace};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Unsaved work is saved at least this often.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

/// A failed import: the file and every located problem. The previous data stays on screen.
#[derive(Debug, Clone)]
pub struct Problems {
    pub file: String,
    /// The one data file imported (not several, not a project): its columns can be mapped.
    pub path: Option<PathBuf>,
    /// A failed import's problems (the old data stays).
    pub issues: Vec<Issue>,
    /// A successful import's notes: values to check, rows skipped, formulas saved as 0.
    pub notes: Vec<String>,
}

/// The mapping window: the file it maps, and its header and first rows once read.
#[derive(Debug, Clone)]
pub struct MappingSession {
    pub path: PathBuf,
    pub preview: Option<Result<crate::io::import::preview::Preview, String>>,
    /// Where the mapping was last saved as a file, or why it could not be.
    pub written: Option<Result<PathBuf, String>>,
}

/// The planner at work: its cancel flag, when it started and the last progress it reported.
#[derive(Debug, Clone)]
pub struct Planning {
    pub cancel: Arc<AtomicBool>,
    pub started: Instant,
    pub last: Option<crate::plan::Progress>,
    /// The evaluation the plan starts from (for "before → after").
    pub base: Evaluation,
    /// The changes of the scenario the plan adds to.
    pub base_changes: Vec<Change>,
}

/// A finished plan: the planner's answer, what it started from, the scenario it opened as, and
/// its explanation in the current language.
#[derive(Debug, Clone)]
pub struct PlanOutcome {
    pub plan: crate::plan::Plan,
    pub base: Evaluation,
    pub scenario: String,
    pub explanation: Explanation,
}

/// A finished phased plan and the dated scenario it opened as.
#[derive(Debug, Clone)]
pub struct PhasedOutcome {
    pub plan: crate::plan::phased::PhasedPlan,
    pub scenario: String,
}

/// A background import in progress.
#[derive(Debug, Clone)]
pub struct Loading {
    /// Which open this is: a later open makes an earlier one's result stale.
    pub id: u64,
    pub path: PathBuf,
    pub started: Instant,
}

/// The 生成方案 form: which fields may change, the budget, the rule and the time limit.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanForm {
    pub allowed: Vec<crate::model::Field>,
    pub use_budget: bool,
    /// In 万元.
    pub budget_wan: f64,
    pub rule: crate::plan::Rule,
    pub time_limit: f64,
    /// The years over which yearly costs count (1: the first year's spending).
    pub years: f64,
    /// A phased plan over the 年度推演's years instead of one year's additions.
    pub phased: bool,
    /// The first year that must pass (a phased plan); `None`: the year after the base year.
    pub target_year: Option<i32>,
    /// Each CV at least this far under its limit in every judged year.
    pub cv_margin: f64,
    /// Each year's budget in 万元, for the years that have one.
    pub budgets: std::collections::BTreeMap<i32, f64>,
}

impl Default for PlanForm {
    fn default() -> Self {
        PlanForm {
            allowed: crate::plan::default_allowed(),
            use_budget: false,
            budget_wan: 500.0,
            rule: crate::plan::Rule::National,
            time_limit: 60.0,
            years: 1.0,
            phased: false,
            target_year: None,
            cv_margin: 0.02,
            budgets: std::collections::BTreeMap::new(),
        }
    }
}

/// Everything the views read.
#[derive(Debug)]
pub struct AppState {
    pub settings: Settings,
    /// The data, standard, scenarios, costs and county items: the project.
    pub workspace: Workspace,
    /// What is computed from the workspace, once per change.
    pub derived: Derived,
    pub history: History,
    pub problems: Option<Problems>,
    /// Why the last change was refused (nothing was applied).
    pub change_error: Option<String>,
    /// Why the last standard could not be used.
    pub standard_error: Option<String>,
    /// The file the 年度推演 page is reading (an intake table or a past year), while it reads.
    pub years_loading: Option<String>,
    /// Whether there is work not yet saved.
    pub dirty: bool,
    /// Counts edits, so a save that finishes after a later edit leaves the work unsaved.
    pub generation: u64,
    /// A short message in the status bar (template written, file opened).
    pub status: Option<String>,
    /// The slide shown in presentation mode, or `None` outside it.
    pub presenting: Option<usize>,
    /// The section shown in the school view.
    pub section: Option<usize>,
    pub loading: Option<Loading>,
    /// How many opens have started (each open's id).
    pub opens: u64,
    /// The planner running on its worker thread.
    pub planning: Option<Planning>,
    /// The last plan made (or why it failed), with the scenario it opened as.
    pub plan_outcome: Option<Result<PlanOutcome, String>>,
    /// The last phased plan made (or why it failed).
    pub phased_outcome: Option<Result<PhasedOutcome, String>>,
    /// A save running in the background.
    pub saving: bool,
    /// A save asked for while another was running: it starts when that one is done.
    pub pending_save: Option<(PathBuf, bool)>,
    /// Which piece of work is on screen: opening a project, the sample or a new project makes a
    /// new one, so a save that finishes later cannot give its file to other work.
    pub document: u64,
    /// The mapping window, while it is open.
    pub mapping: Option<MappingSession>,
    /// A system file dialog is open.
    pub dialog_open: bool,
    /// Shown after the system dialog returned nothing (no portal, or cancelled).
    pub dialog_hint: bool,
    /// How often unsaved work is saved ([`AUTOSAVE_EVERY`]; tests shorten it).
    pub autosave_every: Duration,
    pub last_save: Instant,
}

impl AppState {
    /// The translator for the current language.
    pub fn tr(&self) -> Tr {
        Tr(self.settings.lang)
    }

    /// The standard in use.
    pub fn standard(&self) -> &Standard {
        &self.workspace.standard
    }

    /// The scenario shown, with what it gives, when it applies to the data: what the planners,
    /// the reports and the 生成方案 heading start from.
    pub fn applied_scenario(
        &self,
    ) -> Option<(
        &crate::scenario::Scenario,
        &crate::workspace::ScenarioResult,
    )> {
        match (&self.derived.scenario, self.workspace.active_scenario()) {
            (Some(Ok(r)), Some(sc)) => Some((sc, r)),
            _ => None,
        }
    }

    /// The evaluation every view shows: the active scenario's, or the baseline's.
    pub fn shown(&self) -> &Evaluation {
        self.derived.shown()
    }

    /// The data every view shows: the active scenario's, or the baseline's.
    pub fn shown_data(&self) -> &Dataset {
        self.derived.shown_data(&self.workspace)
    }

    /// The baseline's data as every view shows it: the shown county's, in data of several.
    pub fn base_data(&self) -> &Dataset {
        self.derived.base_data(&self.workspace)
    }

    /// Whether a scenario is being shown (so views draw the baseline as ghosts).
    pub fn comparing(&self) -> bool {
        self.derived.comparing()
    }

    /// Whether an import is running.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Whether the shown panel is this one.
    pub fn on(&self, panel: Panel) -> bool {
        self.settings.panel == panel
    }

    /// A school's name by id (the id itself when the data has no such school).
    pub fn school_name(&self, id: &str) -> String {
        self.workspace
            .loaded
            .dataset
            .school(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    }

    /// A copy to draw images from on another thread: everything but the undo history.
    pub fn for_drawing(&self) -> AppState {
        AppState {
            settings: self.settings.clone(),
            workspace: self.workspace.clone(),
            derived: self.derived.clone(),
            history: History::default(),
            problems: None,
            change_error: None,
            standard_error: None,
            years_loading: None,
            dirty: self.dirty,
            generation: self.generation,
            status: None,
            presenting: self.presenting,
            section: self.section,
            loading: None,
            opens: self.opens,
            planning: None,
            plan_outcome: self.plan_outcome.clone(),
            phased_outcome: self.phased_outcome.clone(),
            saving: false,
            pending_save: None,
            document: self.document,
            mapping: None,
            dialog_open: false,
            dialog_hint: false,
            autosave_every: self.autosave_every,
            last_save: self.last_save,
        }
    }

    /// Where chart and slide images are saved.
    pub fn export_dir(&self) -> PathBuf {
        self.settings
            .export_dir
            .clone()
            .unwrap_or_else(|| super::tasks::home_file("均衡图表"))
    }
}

/// What a view gets: the state, read-only, and a way to send commands.
pub struct Ctx<'a> {
    state: &'a AppState,
    tx: &'a CommandSender,
}

impl<'a> Ctx<'a> {
    pub fn new(state: &'a AppState, tx: &'a CommandSender) -> Ctx<'a> {
        Ctx { state, tx }
    }

    /// Asks the app to do something; it happens at the start of the next frame.
    pub fn command(&self, command: Command) {
        self.tx.send(command);
    }

    /// The state, for a helper that takes it whole.
    pub fn state(&self) -> &'a AppState {
        self.state
    }
}

impl std::ops::Deref for Ctx<'_> {
    type Target = AppState;

    fn deref(&self) -> &AppState {
        self.state
    }
}
