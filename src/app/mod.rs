//! The desktop app (eframe, glow renderer). It shows the core's evaluation and computes nothing
//! itself: panels read [`Loaded`] and send [`Command`]s, which [`JunhengApp::apply`] carries out in
//! one place per frame.

pub mod fonts;
pub mod format;
pub mod i18n;
pub mod views;

pub use i18n::{Lang, Tr};

use crate::evaluate::{evaluate, Evaluation};
use crate::io::{load_path, template, ImportError, ImportOptions, Imported, Issue};
use crate::model::{Dataset, Level};
use crate::sample;
use crate::standard::Standard;
use eframe::egui;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::Instant;

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
}

impl Panel {
    pub const ALL: [Panel; 5] = [
        Panel::Overview,
        Panel::Indicator,
        Panel::School,
        Panel::Matrix,
        Panel::Table,
    ];

    /// The tab title.
    pub fn title(self, tr: Tr) -> &'static str {
        match self {
            Panel::Overview => tr.s("总览", "Overview"),
            Panel::Indicator => tr.s("指标", "Indicators"),
            Panel::School => tr.s("学校", "School"),
            Panel::Matrix => tr.s("达标矩阵", "Pass/fail matrix"),
            Panel::Table => tr.s("数据表", "Data table"),
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

/// The data on screen: a dataset, its evaluation and where it came from.
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
}

/// A background import in progress.
struct Loading {
    path: PathBuf,
    rx: Receiver<Result<Loaded, ImportError>>,
    started: Instant,
}

/// What a system file dialog is for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DialogPurpose {
    Open,
    Template,
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
    /// Shown after the system dialog returned nothing (no portal, or cancelled).
    pub dialog_hint: bool,
}

/// The app.
pub struct JunhengApp {
    pub settings: Settings,
    pub standard: Standard,
    pub loaded: Loaded,
    pub problems: Option<Problems>,
    pub view: ViewState,
    /// A short message in the status bar (template written, file opened).
    pub status: Option<String>,
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
            status: None,
            commands: Vec::new(),
            loading: None,
            dialog: None,
            started: Instant::now(),
            first_frame_reported: false,
        };
        app.apply_theme(ctx);
        if let Some(path) = file.or_else(|| app.settings.last_file.clone()) {
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
                    self.loaded = Loaded::new(i, &self.standard, None);
                    self.settings.last_file = None;
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
                if i < self.loaded.evaluation.units.len() {
                    self.view.section = Some(i);
                    self.settings.panel = Panel::School;
                }
            }
            Command::DismissProblems => self.problems = None,
            Command::ShowMethod(show) => self.view.method_window = show,
        }
    }

    /// Imports a file on a worker thread; the UI stays responsive and shows progress.
    fn start_loading(&mut self, ctx: &egui::Context, path: PathBuf) {
        let (tx, rx) = channel();
        let standard = self.standard.clone();
        let ctx = ctx.clone();
        let p = path.clone();
        std::thread::spawn(move || {
            let result = load_path(&p, &standard, &ImportOptions::default())
                .map(|i| Loaded::new(i, &standard, Some(p)));
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        self.loading = Some(Loading {
            path,
            rx,
            started: Instant::now(),
        });
    }

    /// Picks up a finished import: new data, or the problems with the old data kept.
    fn poll_loading(&mut self) {
        let Some(loading) = &self.loading else {
            return;
        };
        let result = match loading.rx.try_recv() {
            Ok(r) => r,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err(ImportError { issues: Vec::new() })
            }
        };
        let path = loading.path.clone();
        self.loading = None;
        let tr = self.tr();
        match result {
            Ok(loaded) => {
                self.status = Some(format!(
                    "{}{} ({} {})",
                    tr.s("已导入 ", "Imported "),
                    loaded.source,
                    loaded.dataset.schools.len(),
                    tr.s("所学校", "schools")
                ));
                self.loaded = loaded;
                self.problems = None;
                self.view.section = None;
                self.view.open_window = false;
                self.settings.last_file = Some(path.clone());
                self.settings.recent.retain(|p| p != &path);
                self.settings.recent.insert(0, path);
                self.settings.recent.truncate(RECENT_MAX);
            }
            Err(e) => {
                let file = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string());
                // A file that no longer opens is not the one to reopen next time.
                if self.settings.last_file.as_deref() == Some(path.as_path()) {
                    self.settings.last_file = self.loaded.path.clone();
                }
                self.problems = Some(Problems {
                    file,
                    issues: e.issues,
                });
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
        let (open_title, save_title) = (
            title.s("打开学校数据", "Open school data").to_string(),
            title
                .s("保存数据模板", "Save the data template")
                .to_string(),
        );
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new();
            let picked = match purpose {
                DialogPurpose::Open => dialog
                    .set_title(open_title)
                    .add_filter(
                        "xlsx / xls / ods / csv / json",
                        &["xlsx", "xls", "ods", "csv", "json", "txt"],
                    )
                    .pick_file(),
                DialogPurpose::Template => dialog
                    .set_title(save_title)
                    .add_filter("xlsx", &["xlsx"])
                    .set_file_name("学校数据模板.xlsx")
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
        let open = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);
        if ctx.input_mut(|i| i.consume_shortcut(&open)) {
            self.command(Command::ShowOpenWindow(true));
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
        self.poll_dialog();
        self.handle_dropped_files(&ctx);
        self.handle_shortcuts(&ctx);
        self.apply_commands(&ctx);
        if self.loading.is_some() || self.dialog.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
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
