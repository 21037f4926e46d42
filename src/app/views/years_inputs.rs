//! What the 年度推演 page is set with, all saved with the project: the years, the survival rate
//! and the grade-1 trend; the intake table (grade-1 / grade-7 intakes by school and year, read
//! from a file and edited here); and years of actual data before the base year.

use super::super::format::colors;
use super::super::{Command, Ctx, Tr};
use crate::timeline::{Intake, IntakeRow, Spec};
use eframe::egui::{self, RichText};
use std::path::PathBuf;

/// Rows of the intake table shown at once (the rest scroll).
const INTAKE_HEIGHT: f32 = 220.0;

/// The page's inputs being typed, until applied.
#[derive(Debug, Clone)]
pub struct YearsForm {
    pub spec: Option<Spec>,
    pub intake_path: String,
    /// The intake table as edited, until applied (`None`: as saved).
    pub intake: Option<Vec<IntakeRow>>,
    /// The school and year of a row to add.
    pub new_school: String,
    pub new_year: i32,
    pub past_path: String,
    pub past_year: i32,
    /// Why the edited intake table was not applied.
    pub error: Option<String>,
}

impl Default for YearsForm {
    fn default() -> YearsForm {
        YearsForm {
            spec: None,
            intake_path: String::new(),
            intake: None,
            new_school: String::new(),
            new_year: 2025,
            past_path: String::new(),
            past_year: 2023,
            error: None,
        }
    }
}

/// The years, the survival rate and the grade-1 trend, applied with 推演.
pub fn settings(
    app: &Ctx,
    form: &mut YearsForm,
    ui: &mut egui::Ui,
    tr: Tr,
    out: &mut Vec<Command>,
) {
    let saved = app.workspace.timeline;
    let spec = form.spec.get_or_insert_with(|| {
        saved.unwrap_or(Spec {
            base_year: 2024,
            to: 2030,
            survival: 1.0,
            trend: None,
        })
    });
    ui.horizontal_wrapped(|ui| {
        let id = ui.label(tr.s("基年", "Base year")).id;
        ui.add(egui::DragValue::new(&mut spec.base_year).range(1900..=2200))
            .labelled_by(id);
        let id = ui.label(tr.s("推演到", "To")).id;
        ui.add(egui::DragValue::new(&mut spec.to).range(spec.base_year..=spec.base_year + 50))
            .labelled_by(id);
        let id = ui.label(tr.s("升级率", "Survival")).id;
        ui.add(
            egui::DragValue::new(&mut spec.survival)
                .range(0.5..=1.5)
                .speed(0.001)
                .fixed_decimals(3),
        )
        .labelled_by(id);
        let mut has_trend = spec.trend.is_some();
        if ui
            .checkbox(
                &mut has_trend,
                tr.s("一年级逐年变化", "Grade 1 changes yearly"),
            )
            .changed()
        {
            spec.trend = has_trend.then_some(-0.02);
        }
        if let Some(t) = &mut spec.trend {
            let mut pct = *t * 100.0;
            if ui
                .add(
                    egui::DragValue::new(&mut pct)
                        .range(-50.0..=50.0)
                        .speed(0.1)
                        .suffix(" %"),
                )
                .changed()
            {
                *t = pct / 100.0;
            }
        }
        let changed = saved != Some(*spec);
        if ui
            .add_enabled(changed, egui::Button::new(tr.s("推演", "Project")))
            .clicked()
        {
            out.push(Command::SetTimeline(Some(*spec)));
        }
        if saved.is_some() && ui.button(tr.s("清除推演", "Clear")).clicked() {
            out.push(Command::SetTimeline(None));
        }
    });
    if let Some(file) = &app.years_loading {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("{}{file}", tr.s("正在读入 ", "Reading ")));
        });
    }
    if let Some(e) = &app.change_error {
        ui.label(RichText::new(e).color(colors::BELOW));
    }
}

/// A path field with 浏览… and the button that reads it.
fn path_row(
    ui: &mut egui::Ui,
    tr: Tr,
    label: &str,
    path: &mut String,
    browse: Command,
    read: &str,
    out: &mut Vec<Command>,
) -> Option<PathBuf> {
    let mut picked = None;
    ui.horizontal_wrapped(|ui| {
        let id = ui.label(label).id;
        ui.add(
            egui::TextEdit::singleline(path)
                .desired_width(320.0)
                .hint_text(tr.s("文件路径", "file path")),
        )
        .labelled_by(id);
        if ui.button(tr.s("浏览…", "Browse…")).clicked() {
            out.push(browse);
        }
        let typed = path.trim();
        if ui
            .add_enabled(!typed.is_empty(), egui::Button::new(read))
            .clicked()
        {
            picked = Some(PathBuf::from(typed));
        }
    });
    picked
}

/// The intake table: read from a file (replacing the project's), each row's grade-1 and grade-7
/// intake edited, rows added and removed; applied with 应用 (one undo step).
pub fn intake(app: &Ctx, form: &mut YearsForm, ui: &mut egui::Ui, tr: Tr, out: &mut Vec<Command>) {
    let saved = app.workspace.intake.rows();
    ui.label(
        RichText::new(format!(
            "{}（{} {}）",
            tr.s(
                "招生表：一年级、七年级招生数",
                "Intake table: grade 1 and grade 7"
            ),
            saved.len(),
            tr.s("行", "rows")
        ))
        .strong(),
    );
    ui.label(
        RichText::new(tr.s(
            "有招生数的学校和年份用它；其余一年级沿用基年（或按逐年变化），七年级来自对口小学的六年级。文件列：school_id（学校标识码）、year（年份）、grade_1（一年级）、grade_7（七年级）。",
            "Where a school and year have an intake it is used; elsewhere grade 1 stays as in the base year (or follows the trend) and grade 7 comes from the feeder schools' grade 6. Columns: school_id, year, grade_1, grade_7.",
        ))
        .small(),
    );
    if let Some(p) = path_row(
        ui,
        tr,
        tr.s("从文件读入", "Read from a file"),
        &mut form.intake_path,
        Command::BrowseIntake,
        tr.s("读入", "Read"),
        out,
    ) {
        form.intake = None;
        out.push(Command::LoadIntake(p));
    }
    let data = &app.workspace.loaded.dataset;
    let rows = form.intake.get_or_insert_with(|| saved.clone());
    let mut remove = None;
    if !rows.is_empty() {
        egui::ScrollArea::vertical()
            .id_salt("intake-rows")
            .max_height(INTAKE_HEIGHT)
            .show(ui, |ui| {
                egui::Grid::new("intake-grid").striped(true).show(ui, |ui| {
                    ui.strong(tr.s("学校", "School"));
                    ui.strong(tr.s("年份", "Year"));
                    ui.strong(tr.s("一年级", "Grade 1"));
                    ui.strong(tr.s("七年级", "Grade 7"));
                    ui.end_row();
                    for (i, r) in rows.iter_mut().enumerate() {
                        let name = data.school(&r.school_id).map_or_else(
                            || {
                                format!(
                                    "{}（{}）",
                                    r.school_id,
                                    tr.s("不在数据中", "not in the data")
                                )
                            },
                            |s| s.name.clone(),
                        );
                        ui.label(name).on_hover_text(&r.school_id);
                        ui.label(format!("{}", r.year));
                        for g in [&mut r.grade_1, &mut r.grade_7] {
                            match g {
                                Some(v) => {
                                    let clear = ui
                                        .horizontal(|ui| {
                                            ui.add(
                                                egui::DragValue::new(v)
                                                    .range(0.0..=100_000.0)
                                                    .speed(1.0)
                                                    .max_decimals(0),
                                            );
                                            ui.small_button("×")
                                                .on_hover_text(tr.s("不填", "Clear"))
                                                .clicked()
                                        })
                                        .inner;
                                    if clear {
                                        *g = None;
                                    }
                                }
                                None => {
                                    if ui
                                        .small_button("—")
                                        .on_hover_text(tr.s("填写", "Enter"))
                                        .clicked()
                                    {
                                        *g = Some(0.0);
                                    }
                                }
                            }
                        }
                        if ui.small_button(tr.s("删除", "Delete")).clicked() {
                            remove = Some(i);
                        }
                        ui.end_row();
                    }
                });
            });
    }
    if let Some(i) = remove {
        rows.remove(i);
    }
    // A row for a school of the data and a year.
    ui.horizontal_wrapped(|ui| {
        let id = ui.label(tr.s("添加一行：学校", "Add a row: school")).id;
        let shown = data.school(&form.new_school).map_or_else(
            || tr.s("（选择）", "(choose)").to_string(),
            |s| s.name.clone(),
        );
        egui::ComboBox::from_id_salt("intake-new-school")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for s in &data.schools {
                    ui.selectable_value(&mut form.new_school, s.id.clone(), &s.name);
                }
            })
            .response
            .labelled_by(id);
        let id = ui.label(tr.s("年份", "year")).id;
        ui.add(egui::DragValue::new(&mut form.new_year).range(1900..=2200))
            .labelled_by(id);
        let taken = rows
            .iter()
            .any(|r| r.school_id == form.new_school && r.year == form.new_year);
        if ui
            .add_enabled(
                data.school(&form.new_school).is_some() && !taken,
                egui::Button::new(tr.s("添加", "Add")),
            )
            .clicked()
        {
            rows.push(IntakeRow {
                school_id: form.new_school.clone(),
                year: form.new_year,
                grade_1: Some(0.0),
                grade_7: None,
            });
        }
    });
    let edited = *rows != saved;
    let rows = rows.clone();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                edited,
                egui::Button::new(tr.s("应用招生表", "Apply the intake table")),
            )
            .clicked()
        {
            match Intake::from_rows(&rows) {
                Ok(i) => {
                    form.error = None;
                    out.push(Command::SetIntake(i));
                }
                Err(e) => form.error = Some(e),
            }
        }
        if ui
            .add_enabled(edited, egui::Button::new(tr.s("放弃修改", "Discard edits")))
            .clicked()
        {
            form.intake = None;
        }
        if !saved.is_empty() && ui.button(tr.s("清空招生表", "Clear the table")).clicked() {
            form.intake = None;
            out.push(Command::SetIntake(Intake::default()));
        }
    });
    if let Some(e) = &form.error {
        ui.label(RichText::new(e).color(colors::BELOW));
    }
    // Once applied (or undone to), the form follows the project again.
    if form.intake.as_ref().is_some_and(|r| *r == saved) {
        form.intake = None;
    }
}

/// Years of actual data before the base year: each read from a data file, listed, removable.
pub fn past(app: &Ctx, form: &mut YearsForm, ui: &mut egui::Ui, tr: Tr, out: &mut Vec<Command>) {
    let history = &app.workspace.history;
    ui.label(
        RichText::new(format!(
            "{}（{}）",
            tr.s("往年实际数据", "Past years' actual data"),
            history.len()
        ))
        .strong(),
    );
    ui.label(
        RichText::new(tr.s(
            "早于基年的实际数据（如 2022、2023 年的统计数据）按原样评估，画在推演之前：实线为实际，虚线为推演。",
            "Actual data of years before the base year are judged as they are and drawn before the projection: solid lines are actual, dashed projected.",
        ))
        .small(),
    );
    let base = app.workspace.timeline.map(|t| t.base_year);
    for p in history {
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{}", p.year)).strong());
            ui.label(format!(
                "{}　{} {}",
                p.source,
                p.dataset.schools.len(),
                tr.s("所学校", "schools")
            ));
            if base.is_some_and(|b| p.year >= b) {
                ui.label(
                    RichText::new(tr.s(
                        "（不早于基年，未使用）",
                        "(not before the base year: unused)",
                    ))
                    .color(colors::BELOW),
                );
            }
            if ui.small_button(tr.s("移除", "Remove")).clicked() {
                out.push(Command::RemovePastYear(p.year));
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        let id = ui.label(tr.s("年份", "Year")).id;
        let top = base.map_or(2200, |b| b - 1);
        form.past_year = form.past_year.min(top);
        ui.add(egui::DragValue::new(&mut form.past_year).range(1900..=top))
            .labelled_by(id);
    });
    if let Some(p) = path_row(
        ui,
        tr,
        tr.s("数据文件", "Data file"),
        &mut form.past_path,
        Command::BrowsePastYear,
        tr.s("加入", "Add"),
        out,
    ) {
        out.push(Command::AddPastYear(p, form.past_year));
    }
}
