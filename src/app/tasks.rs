//! Background work, in one place: opening files, the planner, system file dialogs, saving the
//! project, and writing reports and images. Each runs on its own thread with what it needs
//! copied in, and reports back through the app's channel as a [`Done`]; the UI never waits.

use super::command::{CommandSender, Done, Written};
use super::export;
use super::state::AppState;
use crate::i18n::Tr;
use crate::io::open::open_paths;
use crate::io::ImportOptions;
use crate::project::Project;
use crate::standard::Standard;
use eframe::egui;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// What a system file dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    Open,
    Template,
    SaveAs,
    Report,
    /// An intake table for the 年度推演 page.
    Intake,
    /// A past year's data for the 年度推演 page.
    PastYear,
}

/// A file in the user's home folder (documents go there by default).
pub fn home_file(name: &str) -> PathBuf {
    let home = std::env::var_os("USERPROFILE")
        .or_else(|| std::env::var_os("HOME"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    home.join(name)
}

/// Where work is autosaved before the project has a file of its own.
pub fn autosave_path() -> Option<PathBuf> {
    let dir = eframe::storage_dir("junheng")?;
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("autosave.junheng"))
}

/// Imports a file, a folder or several files, or opens a project, on a worker thread.
pub fn open(
    tx: &CommandSender,
    id: u64,
    paths: Vec<PathBuf>,
    standard: Standard,
    mappings: Vec<crate::io::mapping::Mapping>,
    tr: Tr,
) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        // A file whose header a mapping was made for is read with it.
        let options = ImportOptions {
            saved_mappings: mappings,
            ..ImportOptions::default()
        };
        let result = open_paths(&paths, &standard, &options, tr);
        tx.done(Done::Opened {
            id,
            paths,
            result: Box::new(result),
        });
    });
}

/// Writes the ledger (整改台账) as a workbook on a worker thread.
pub fn ledger(
    tx: &CommandSender,
    path: PathBuf,
    ledger: crate::ledger::Ledger,
    data: crate::model::Dataset,
    tr: Tr,
) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        let result =
            crate::report::ledger_xlsx::write(&path, &ledger, &data, &crate::project::today())
                .map(|()| {
                    format!(
                        "{}{}",
                        tr.s("已导出整改台账：", "Ledger written: "),
                        path.display()
                    )
                })
                .map_err(|e| {
                    format!(
                        "{}{e}",
                        tr.s("无法导出整改台账：", "Cannot write the ledger: ")
                    )
                });
        tx.done(Done::Written {
            what: Written::Report,
            result,
        });
    });
}

/// Makes the timelines of the 年度推演 on a worker thread.
pub fn years(tx: &CommandSender, job: crate::workspace::YearsJob) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        tx.done(Done::Years(Box::new(job.run())));
    });
}

/// Reads an intake table on a worker thread.
pub fn read_intake(tx: &CommandSender, path: PathBuf) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        let result = crate::io::intake::load_intake(&path);
        tx.done(Done::IntakeRead(Box::new(result)));
    });
}

/// Reads a past year's data file (or the data of a project) on a worker thread, as an open
/// reads it: every problem refuses it, located.
pub fn read_past(
    tx: &CommandSender,
    path: PathBuf,
    year: i32,
    standard: Standard,
    mappings: Vec<crate::io::mapping::Mapping>,
    tr: Tr,
) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        let options = ImportOptions {
            saved_mappings: mappings,
            ..ImportOptions::default()
        };
        let result = open_paths(std::slice::from_ref(&path), &standard, &options, tr)
            .map(|opened| crate::project::PastYear {
                year,
                source: opened.imported.dataset.source.clone(),
                dataset: opened.imported.dataset,
            })
            .map_err(|e| e.to_string());
        tx.done(Done::PastRead(Box::new(result)));
    });
}

/// Reads a file's header and first rows for the mapping window, on a worker thread.
pub fn preview(tx: &CommandSender, path: PathBuf, mappings: Vec<crate::io::mapping::Mapping>) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        let options = ImportOptions {
            saved_mappings: mappings,
            ..ImportOptions::default()
        };
        let result = crate::io::import::preview::preview_path(&path, &options);
        tx.done(Done::Previewed {
            path,
            result: Box::new(result.map_err(|e| e.to_string())),
        });
    });
}

/// Runs the planner on a worker thread; progress and the result come back as messages.
pub fn plan(
    tx: &CommandSender,
    data: crate::model::Dataset,
    standard: Standard,
    options: crate::plan::PlanOptions,
    cancel: Arc<AtomicBool>,
) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        let progress = tx.clone();
        let result = crate::plan::plan(&data, &standard, &options, &cancel, &mut |p| {
            progress.done(Done::PlanProgress(p.clone()));
        });
        tx.done(Done::Planned(Box::new(result.map_err(|e| e.to_string()))));
    });
}

/// Runs the phased planner on a worker thread; progress and the result come back as messages.
pub fn plan_phased(
    tx: &CommandSender,
    data: crate::model::Dataset,
    standard: Standard,
    options: crate::plan::phased::PhasedOptions,
    cancel: Arc<AtomicBool>,
) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        let progress = tx.clone();
        let result =
            crate::plan::phased::plan_phased(&data, &standard, &options, &cancel, &mut |p| {
                progress.done(Done::PlanProgress(p.clone()));
            });
        tx.done(Done::PlannedPhased(Box::new(
            result.map_err(|e| e.to_string()),
        )));
    });
}

/// Runs the system file dialog on its own thread; where no desktop portal exists it returns at
/// once with nothing, and the path field stays the way in.
pub fn dialog(tx: &CommandSender, purpose: DialogPurpose, tr: Tr) {
    let tx = tx.clone();
    let open_title = tr
        .s("打开学校数据或项目", "Open school data or a project")
        .to_string();
    let save_title = tr.s("保存数据模板", "Save the data template").to_string();
    let project_title = tr.s("项目另存为", "Save the project as").to_string();
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
                .set_title("报告 / Report")
                .add_filter("Excel (xlsx)", &["xlsx"])
                .add_filter("PDF", &["pdf"])
                .add_filter("PowerPoint (pptx)", &["pptx"])
                .add_filter("Word (docx)", &["docx"])
                .set_file_name("资源配置评估报告.xlsx")
                .save_file(),
            DialogPurpose::SaveAs => dialog
                .set_title(project_title)
                .add_filter("junheng", &["junheng"])
                .set_file_name("均衡项目.junheng")
                .save_file(),
            DialogPurpose::Intake => dialog
                .set_title("招生表 / Intake table")
                .add_filter("csv / xlsx", &["csv", "txt", "xlsx", "xls", "ods"])
                .pick_file(),
            DialogPurpose::PastYear => dialog
                .set_title("往年数据 / Past data")
                .add_filter(
                    "xlsx / xls / ods / csv / json / junheng",
                    &["xlsx", "xls", "ods", "csv", "json", "txt", "junheng"],
                )
                .pick_file(),
        };
        tx.done(Done::Picked(purpose, picked));
    });
}

/// What a save is of: the document and its edit count when it started, and whether it is an
/// autosave before the project has a file.
#[derive(Debug, Clone, Copy)]
pub struct SaveOf {
    pub document: u64,
    pub generation: u64,
    pub autosave: bool,
}

/// Saves the project on a worker thread.
pub fn save(tx: &CommandSender, path: PathBuf, project: Project, of: SaveOf) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        let result = crate::store::save(&path, &project).map_err(|e| e.to_string());
        tx.done(Done::Saved { path, of, result });
    });
}

/// Writes the report of what is shown (Excel or PDF by extension) on a worker thread.
pub fn report(tx: &CommandSender, path: PathBuf, state: &AppState) {
    let tx = tx.clone();
    let tr = state.tr();
    let data = state.shown_data().clone();
    let evaluation = state.shown().clone();
    let standard = state.standard().clone();
    let county = state.workspace.county.clone();
    let scenario = state
        .applied_scenario()
        .map(|(sc, r)| (sc.clone(), r.cost.clone(), state.derived.baseline.clone()));
    let counties = state.derived.by_county.clone();
    let shown_county = state.workspace.shown_county.clone();
    let corrections = state.workspace.corrections.clone();
    let meeting = state.workspace.meeting.clone();
    // The timeline shown on the 年度推演 page (the scenario's when one is shown).
    let timeline = state
        .derived
        .years
        .as_ref()
        .and_then(|y| y.shown().ok().cloned());
    let ledger = state.workspace.ledger.clone();
    let costs = state.workspace.costs.clone();
    let past = state
        .derived
        .years
        .as_ref()
        .map(|y| y.past.clone())
        .unwrap_or_default();
    std::thread::spawn(move || {
        let input = crate::report::ReportInput {
            data: &data,
            evaluation: &evaluation,
            standard: &standard,
            scenario: scenario.as_ref().map(|(s, c, b)| (s, c, b)),
            made_at: crate::project::now_rfc3339(),
            county: &county,
            counties: &counties,
            shown_county: shown_county.as_deref(),
            corrections: &corrections,
            meeting: &meeting,
            timeline: timeline.as_ref(),
            past: &past,
            ledger: ledger.as_ref(),
            costs: Some(&costs),
        };
        let result = crate::report::write(&path, &input)
            .map(|()| {
                format!(
                    "{}{}",
                    tr.s("已导出报告：", "Report written: "),
                    path.display()
                )
            })
            .map_err(|e| format!("{}{e}", tr.s("无法导出报告：", "Cannot write the report: ")));
        tx.done(Done::Written {
            what: Written::Report,
            result,
        });
    });
}

/// Draws images off screen from a copy of the state and writes them as PNGs, on a worker
/// thread: `pages` are (file name, size in points, scale, what to draw).
pub fn images(
    tx: &CommandSender,
    state: &AppState,
    dir: PathBuf,
    pages: Vec<(String, egui::Vec2, f32, Page)>,
    done_message: String,
) {
    let tx = tx.clone();
    let state = state.for_drawing();
    std::thread::spawn(move || {
        let tr = state.tr();
        // Commands from off-screen drawing go nowhere.
        let (sink, _rx) = CommandSender::channel(None);
        let ctx = super::state::Ctx::new(&state, &sink);
        let mut result = std::fs::create_dir_all(&dir).map_err(|e| e.to_string());
        for (name, size, scale, page) in &pages {
            if result.is_err() {
                break;
            }
            // Slides in the slides' theme (light 投影 unless dark was chosen); charts light.
            let theme = match page {
                Page::Slide(_) if state.settings.dark_slides => egui::Theme::Dark,
                _ => egui::Theme::Light,
            };
            let img = export::render_in(theme, *size, *scale, |ui| match page {
                Page::Chart(spec) => super::views::charts::draw_spec(&ctx, *spec, ui),
                Page::Slide(i) => {
                    // An exported slide carries none of the presenter's controls.
                    super::views::present::show(&ctx, ui, *i, false);
                }
            });
            result = export::write_png(&dir.join(name), &img);
        }
        let result = result
            .map(|()| done_message)
            .map_err(|e| format!("{}{e}", tr.s("无法保存图片：", "Cannot save the images: ")));
        tx.done(Done::Written {
            what: Written::Images,
            result,
        });
    });
}

/// One image to draw.
#[derive(Debug, Clone, Copy)]
pub enum Page {
    Chart(super::views::charts::ChartSpec),
    Slide(usize),
}

/// The file a save writes: `.junheng` added when the name has no extension.
pub fn project_file(path: &Path) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension("junheng")
    } else {
        path.to_path_buf()
    }
}

/// The whole project as it would be saved.
pub fn project(state: &AppState) -> Project {
    let ws = &state.workspace;
    let mut county = ws.county.clone();
    county.sort_by(|a, b| a.key.cmp(&b.key));
    Project {
        dataset: ws.loaded.dataset.clone(),
        source_file: ws.loaded.source.clone(),
        imported_at: ws.imported_at.clone(),
        scenarios: ws.scenarios.clone(),
        costs: ws.costs.clone(),
        county,
        corrections: ws.corrections.clone(),
        meeting: ws.meeting.clone(),
        timeline: ws.timeline,
        intake: ws.intake.clone(),
        history: ws.history.clone(),
        ledger: ws.ledger.clone(),
        standard_id: ws.standard.id().to_string(),
        standard_json: if ws.standard.is_builtin() {
            String::new()
        } else {
            serde_json::to_string_pretty(&ws.standard.def).unwrap_or_default()
        },
        view: serde_json::to_string(&super::settings::SavedView {
            settings: state.settings.clone(),
            active: ws.active,
            county: ws.shown_county.clone(),
        })
        .unwrap_or_default(),
    }
}
