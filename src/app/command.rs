//! Everything the window can be asked to do, and the one channel it arrives by: views, menus and
//! shortcuts send [`Command`]s; background tasks report back with [`Done`]. Both are applied in
//! one place, `command_handling`.

use super::settings::{LevelChoice, Panel, Theme};
use super::tasks::DialogPurpose;
use super::views;
use crate::i18n::Lang;
use crate::io::open::{OpenError, Opened};
use crate::model::Field;
use crate::scenario::Change;
use crate::standard::StandardDef;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};

/// What the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Import a data file or a folder of tables, or open a project (in the background).
    Open(PathBuf),
    /// Import several data files (or folders) together as one county (in the background).
    OpenMany(Vec<PathBuf>),
    /// Show the embedded sample county.
    OpenSample,
    /// Show the Open window (path field, browse button, recent files).
    ShowOpenWindow(bool),
    /// Ask the system file dialog for a file to open (off the UI thread).
    BrowseOpen,
    /// Show the template window.
    ShowTemplateWindow(bool),
    /// Write the empty data template, or (true) the per-school form.
    WriteTemplate(PathBuf, bool),
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
    /// As `AddChange`, the change holding from a school year on (DATA-FORMAT §2).
    AddChangeFrom(Change, i32),
    /// Use this standard (a built-in one, or a copy with edited thresholds, limits and county
    /// items); undoable, saved in the project when it is not a built-in one as shipped.
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
    /// In data of several counties, show this county in every view.
    SelectCounty(String),
    /// 数据更正: set one value of the data (undoable, kept in the project, re-applied to a
    /// newer import).
    Correct {
        school_id: String,
        field: Field,
        value: f64,
    },
    /// Take back the correction at this position of the 数据更正 list.
    RevertCorrection(usize),
    /// The county's name, the meeting and its date (undoable, saved in the project).
    SetMeeting(crate::project::Meeting),
    /// Show the meeting window (filled from the project), or close it.
    ShowMeetingWindow(bool),
    /// Open the mapping window for a data file (its header and first rows read in the
    /// background), or close it with `None`.
    ShowMapping(Option<PathBuf>),
    /// Keep this mapping for files with its header and import the window's file with it.
    ApplyMapping(crate::io::mapping::Mapping),
    /// Save a mapping as a JSON file (for `junheng … --mapping FILE`).
    WriteMapping(PathBuf, crate::io::mapping::Mapping),
    SetCost(Field, crate::scenario::UnitCost),
    /// Lets the planner move teachers at this cost and share, or not (undoable).
    SetTransfer(Option<crate::scenario::TransferCost>),
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
    /// Show a year of the timeline in every view (`None`: the base year).
    SelectYear(Option<i32>),
    /// Set (or clear) the 年度推演 settings: an edit, saved with the project.
    SetTimeline(Option<crate::timeline::Spec>),
    /// Read an intake table (grade-1 / grade-7 intakes by school and year) on a worker thread;
    /// it replaces the project's when read.
    LoadIntake(PathBuf),
    /// Replace the timeline's intake table: an edit, saved with the project.
    SetIntake(crate::timeline::Intake),
    /// Read a data file of an earlier year (actual data, drawn before the projection) on a
    /// worker thread; it is added to the project when read.
    AddPastYear(PathBuf, i32),
    /// Remove the past year's data.
    RemovePastYear(i32),
    /// The 关于 window: version, licences.
    ShowAbout(bool),
    /// Make the ledger (整改台账) from the scenario at this position.
    MakeLedger(usize),
    /// Replace an item of the ledger (status, unit, person, note, deadline, evidence).
    SetLedgerItem(usize, Box<crate::ledger::Item>),
    /// Remove the ledger.
    ClearLedger,
    /// Write the ledger as a workbook.
    ExportLedger(PathBuf),
    /// Pick an intake table with the system dialog.
    BrowseIntake,
    /// Pick a past year's data file with the system dialog.
    BrowsePastYear,
    /// The report window, its file named for the editable PowerPoint deck (.pptx).
    ShowDeckWindow,
    /// The report window, its file named for the self-assessment report draft (.docx).
    ShowDocxWindow,
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
    /// Slides (and exported slides) on a dark background instead of the light 投影 one.
    SetDarkSlides(bool),
    StopPresentation,
    /// Move by this many slides (±1).
    Slide(i64),
    /// Write the report of what is shown (the scenario, when one is): Excel or PDF, by the
    /// file's extension.
    ExportReport(PathBuf),
    BrowseReport,
    /// Close the window.
    Quit,
}

/// What a background task reports when it is done (or has news).
pub enum Done {
    Opened {
        /// Which open (only the latest counts).
        id: u64,
        /// What was opened: one file, folder or project, or several files read together.
        paths: Vec<PathBuf>,
        result: Box<Result<Opened, OpenError>>,
    },
    /// A file's header and first rows for the mapping window.
    Previewed {
        path: PathBuf,
        result: Box<Result<crate::io::import::preview::Preview, String>>,
    },
    PlanProgress(crate::plan::Progress),
    Planned(Box<Result<crate::plan::Plan, String>>),
    /// A phased plan's answer.
    PlannedPhased(Box<Result<crate::plan::phased::PhasedPlan, String>>),
    /// The system file dialog's answer (`None`: cancelled, or no desktop portal).
    Picked(DialogPurpose, Option<PathBuf>),
    Saved {
        path: PathBuf,
        of: super::tasks::SaveOf,
        result: Result<(), String>,
    },
    /// Timelines made on a worker.
    Years(Box<crate::workspace::Years>),
    /// An intake table read for the 年度推演 page.
    IntakeRead(Box<Result<crate::timeline::Intake, String>>),
    /// A past year's data read for the 年度推演 page.
    PastRead(Box<Result<crate::project::PastYear, String>>),
    /// A file written (report, images): the status line to show, and whether it worked.
    Written {
        what: Written,
        result: Result<String, String>,
    },
}

/// What a [`Done::Written`] was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Report,
    Images,
}

/// One message on the app's channel.
pub enum Message {
    Command(Command),
    Done(Done),
}

/// Sends commands (views, menus) and task results (worker threads) to the app.
#[derive(Clone)]
pub struct CommandSender {
    tx: Sender<Message>,
    repaint: Option<eframe::egui::Context>,
}

impl CommandSender {
    /// A channel: the sender, and the receiver the app drains every frame.
    pub fn channel(repaint: Option<eframe::egui::Context>) -> (CommandSender, Receiver<Message>) {
        let (tx, rx) = std::sync::mpsc::channel();
        (CommandSender { tx, repaint }, rx)
    }

    /// Asks the app to do something at the start of the next frame.
    pub fn send(&self, command: Command) {
        let _ = self.tx.send(Message::Command(command));
    }

    /// Reports a task's result, and wakes the window to pick it up.
    pub fn done(&self, done: Done) {
        let _ = self.tx.send(Message::Done(done));
        if let Some(ctx) = &self.repaint {
            ctx.request_repaint();
        }
    }
}
