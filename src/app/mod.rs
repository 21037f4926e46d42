//! The desktop app (eframe, glow renderer). It shows the core's results and computes nothing
//! itself. The state ([`AppState`]) is changed in one place, `command_handling`, by the
//! [`Command`]s views send and the [`command::Done`] messages background tasks send; views get a
//! read-only [`Ctx`] and their own widget state, never the whole app.

pub mod actions;
pub mod chrome;
pub mod command;
mod command_handling;
mod done_handling;
pub mod export;
pub mod fonts;
pub mod format;
mod mapping_handling;
mod phased_handling;
pub mod settings;
pub mod state;
pub mod tasks;
pub mod views;

pub use crate::i18n::{Lang, Tr};
pub use command::{Command, CommandSender};
pub use settings::{LevelChoice, Panel, Settings, Theme, SETTINGS_KEY};
pub use state::{AppState, Ctx, PhasedOutcome, PlanForm, PlanOutcome, AUTOSAVE_EVERY};

use crate::io::Imported;
use crate::model::Dataset;
use crate::project::now_rfc3339;
use crate::standard::Standard;
use crate::workspace::{Derived, History, Loaded, Workspace};
use command::Message;
use eframe::egui;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::Instant;

/// When `main` began, for the start-up figure printed with `JUNHENG_TIMING=1`.
pub static PROCESS_START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// The open, save and report windows: whether each is shown, and the paths being typed.
#[derive(Default)]
pub struct WindowsState {
    pub open: bool,
    pub template: bool,
    pub save_as: bool,
    pub report: bool,
    pub method: bool,
    pub path_input: String,
    pub template_input: String,
    /// The template window writes the per-school form.
    pub per_school: bool,
    /// The meeting window, with what is being typed.
    pub meeting: Option<crate::project::Meeting>,
    pub save_as_input: String,
    pub report_input: String,
    /// The 关于 window, and its icon once drawn.
    pub about: bool,
    pub about_icon: Option<egui::TextureHandle>,
}

/// Each view's own widget state (what is being typed, a sort order); not data, not persisted.
#[derive(Default)]
pub struct ViewState {
    pub windows: WindowsState,
    pub school_search: String,
    pub matrix_sort_failures: bool,
    /// The indicator view draws every section (scrolling) instead of the lowest that fit.
    pub indicator_all: bool,
    /// The 年度推演 settings, intake table and past years' files being typed, until applied.
    pub years_form: views::years_inputs::YearsForm,
    /// The 整改台账 page's filters and the texts being typed.
    pub ledger_form: views::ledger::LedgerForm,
    pub table: views::table::TableState,
    pub rename_input: String,
    /// The change form's state in the scenario view.
    pub change_form: views::scenario::ChangeForm,
    /// Evidence notes being typed, per county item, until committed.
    pub evidence_drafts: std::collections::HashMap<String, String>,
    /// The standard page's edits not yet applied.
    pub standard_draft: Option<views::standard::Draft>,
    pub plan_form: PlanForm,
    /// The mapping window's choices.
    pub mapping: views::mapping::Draft,
}

/// The app: its state, each view's widget state, and the channel commands and task results
/// arrive by.
pub struct JunhengApp {
    pub state: AppState,
    pub view: ViewState,
    tx: CommandSender,
    rx: Receiver<Message>,
    started: Instant,
    first_frame_reported: bool,
}

impl std::ops::Deref for JunhengApp {
    type Target = AppState;

    fn deref(&self) -> &AppState {
        &self.state
    }
}

impl JunhengApp {
    /// Creates the app: the file from the command line, else the last project or file, else the
    /// sample.
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
        let imported = crate::sample::load(&standard).unwrap_or_else(|_| Imported {
            // The sample is embedded and tested; an empty dataset keeps the app alive regardless.
            dataset: Dataset::default(),
            notes: Vec::new(),
            format: String::new(),
            rows: Vec::new(),
        });
        let workspace = Workspace::new(Loaded::new(imported, None), standard, now_rfc3339());
        let tr = Tr(settings.lang);
        let derived = Derived::compute(&workspace, tr, settings.panel == Panel::Compare);
        let (tx, rx) = CommandSender::channel(Some(ctx.clone()));
        let theme = settings.theme;
        let state = AppState {
            settings,
            workspace,
            derived,
            history: History::default(),
            problems: None,
            change_error: None,
            standard_error: None,
            years_loading: None,
            dirty: false,
            generation: 0,
            status: None,
            presenting: None,
            section: None,
            loading: None,
            opens: 0,
            planning: None,
            plan_outcome: None,
            phased_outcome: None,
            saving: false,
            pending_save: None,
            document: 0,
            mapping: None,
            dialog_open: false,
            dialog_hint: false,
            autosave_every: AUTOSAVE_EVERY,
            last_save: Instant::now(),
        };
        let app = JunhengApp {
            state,
            view: ViewState::default(),
            tx,
            rx,
            started: Instant::now(),
            first_frame_reported: false,
        };
        command_handling::apply_theme(ctx, theme);
        let start = file
            .or_else(|| app.settings.last_project.clone().filter(|p| p.exists()))
            .or_else(|| app.settings.last_file.clone());
        if let Some(path) = start {
            app.command(Command::Open(path));
        }
        app
    }

    /// Queues a command; it is applied at the start of the next frame.
    pub fn command(&self, command: Command) {
        self.tx.send(command);
    }

    /// The read-only context views draw from.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx::new(&self.state, &self.tx)
    }

    fn handle_dropped_files(&self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        // One file or folder opens as itself; several dropped together are one county's tables.
        match dropped.len() {
            0 => {}
            1 => self.command(Command::Open(dropped[0].clone())),
            _ => self.command(Command::OpenMany(dropped)),
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
        self.handle_dropped_files(&ctx);
        for c in actions::pressed(&ctx, self.presenting.is_some()) {
            self.command(c);
        }
        self.handle_messages(&ctx);
        self.autosave();
        if self.dirty {
            ctx.request_repaint_after(self.autosave_every);
        }
        if self.loading.is_some() || self.dialog_open || self.planning.is_some() || self.saving {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let view = &mut self.view;
        let app = Ctx::new(&self.state, &self.tx);
        if let Some(slide) = app.presenting {
            views::present::show(&app, ui, slide, true);
            self.report_first_frame();
            return;
        }
        egui::Panel::top("menu").show(ui, |ui| chrome::menu::show(&app, ui));
        egui::Panel::top("tabs").show(ui, |ui| chrome::tabs::show(&app, ui));
        egui::Panel::bottom("status").show(ui, |ui| chrome::status::show(&app, ui));
        if app.problems.is_some() {
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(180.0)
                .show(ui, |ui| chrome::problems::show(&app, ui));
        }
        egui::CentralPanel::default().show(ui, |ui| match app.settings.panel {
            Panel::Overview => views::overview::show(&app, ui),
            Panel::Indicator => views::indicator::show(&app, &mut view.indicator_all, ui),
            Panel::School => views::school::show(&app, &mut view.school_search, ui),
            Panel::Matrix => views::matrix::show(&app, &mut view.matrix_sort_failures, ui),
            Panel::Table => views::table::show(&app, &mut view.table, ui),
            Panel::Scenario => {
                views::scenario::show(&app, &mut view.change_form, &mut view.rename_input, ui)
            }
            Panel::Compare => views::compare::show(&app, ui),
            Panel::Readiness => views::readiness::show(&app, &mut view.evidence_drafts, ui),
            Panel::Standard => views::standard::show(&app, &mut view.standard_draft, ui),
            Panel::Plan => views::plan::show(&app, &mut view.plan_form, ui),
            Panel::Counties => views::counties::show(&app, ui),
            Panel::Years => views::years::show(&app, &mut view.years_form, ui),
            Panel::Ledger => views::ledger::show(&app, &mut view.ledger_form, ui),
        });
        views::windows::show(&app, &mut view.windows, &ctx);
        views::about::show(&app, &mut view.windows, &ctx);
        views::mapping::show(&app, &mut view.mapping, &ctx);
        self.report_first_frame();
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

/// Opens the window. `file` is a data file or project named on the command line.
pub fn run(files: Vec<PathBuf>) -> eframe::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("均衡 junheng — 义务教育优质均衡发展评估")
        .with_app_id("junheng");
    // The embedded icon is a PNG made with the package; a broken one leaves the default icon.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 520.0])
            .with_drag_and_drop(true),
        renderer: eframe::Renderer::Glow,
        persist_window: true,
        ..Default::default()
    };
    let mut files: Vec<PathBuf> = files.iter().map(|f| absolute(f)).collect();
    eframe::run_native(
        "junheng",
        options,
        Box::new(move |cc| {
            // One file (or project) opens as before; several are read together as one county.
            let one = if files.len() == 1 { files.pop() } else { None };
            let app = JunhengApp::new(cc, one);
            if files.len() > 1 {
                app.command(Command::OpenMany(files));
            }
            Ok(Box::new(app))
        }),
    )
}

/// The app's icon (256 px; the package installs it with the SVG and 48/128 px sizes).
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/junheng-256.png");

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
