//! 列对应: the mapping window. Each column of a file the importer could not place (or placed
//! wrongly) is given a field — or several columns the same field, added up — with a preview of
//! the first rows and the values that will be read; kept for files with the same header, and
//! saved as a file for the command line (`--mapping`).

use super::super::format::colors;
use super::super::{Command, Ctx};
use crate::io::import::preview::{cell_number, Preview};
use crate::io::mapping::{MapRule, Mapping, Target};
use crate::model::headers::{ColumnKind, TextColumn};
use crate::model::Field;
use eframe::egui::{self, RichText};
use std::path::PathBuf;

/// The window's choices, for one file's header.
#[derive(Debug, Default)]
pub struct Draft {
    /// The header the choices are for (a new preview starts them afresh).
    headers: Vec<String>,
    /// Per column: the field it is read as; `None`: not used (kept as an extra column).
    pub choices: Vec<Option<Target>>,
    /// Per column: given in 万元 (read ×10,000).
    pub wan: Vec<bool>,
    pub save_input: String,
    /// The search typed in a column's open list, and which column's list it is.
    pub filter: String,
    filter_for: Option<usize>,
}

impl Draft {
    /// Choices from a saved mapping for this header, else from what the importer recognises.
    fn start(preview: &Preview, saved: &[Mapping]) -> Draft {
        let mapping = saved.iter().find(|m| m.made_for(&preview.headers));
        let mut choices = Vec::new();
        let mut wan = Vec::new();
        for (h, kind) in preview.headers.iter().zip(&preview.kinds) {
            let (choice, factor) = match mapping {
                Some(m) => (
                    m.target_of(h),
                    m.columns
                        .iter()
                        .find(|r| r.from.iter().any(|f| f == h))
                        .map_or(1.0, |r| r.factor),
                ),
                None => match *kind {
                    ColumnKind::Text(t) => (Some(Target::Text(t)), 1.0),
                    ColumnKind::Number(f, factor) => (Some(Target::Number(f)), factor),
                    ColumnKind::Unknown => (None, 1.0),
                },
            };
            choices.push(choice);
            wan.push(factor == 10_000.0);
        }
        Draft {
            headers: preview.headers.clone(),
            choices,
            wan,
            save_input: String::new(),
            filter: String::new(),
            filter_for: None,
        }
    }

    /// The mapping the choices make: each field with its columns, for this header.
    pub fn mapping(&self) -> Mapping {
        let mut columns: Vec<MapRule> = Vec::new();
        for ((h, choice), wan) in self.headers.iter().zip(&self.choices).zip(&self.wan) {
            let Some(t) = choice else { continue };
            let factor = if *wan { 10_000.0 } else { 1.0 };
            match columns.iter_mut().find(|r| r.field == t.key()) {
                Some(r) => {
                    r.from.push(h.clone());
                    r.factor = r.factor.max(factor);
                }
                None => columns.push(MapRule {
                    field: t.key().to_string(),
                    from: vec![h.clone()],
                    factor,
                }),
            }
        }
        Mapping {
            header: self.headers.clone(),
            columns,
        }
    }
}

/// "学校标识码 (school_id)".
fn target_label(t: Target) -> String {
    format!("{} ({})", t.zh(), t.key())
}

pub fn show(app: &Ctx, draft: &mut Draft, ctx: &egui::Context) {
    let Some(session) = &app.mapping else {
        return;
    };
    let tr = app.tr();
    let mut commands = Vec::new();
    let mut open = true;
    let file = session
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    egui::Window::new(format!("{}{file}", tr.s("列对应：", "Column mapping: ")))
        .open(&mut open)
        .collapsible(false)
        .default_width(900.0)
        .min_width(820.0)
        .default_height(620.0)
        .show(ctx, |ui| {
            let preview = match &session.preview {
                None => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(tr.s(
                            "正在读取表头和前几行…",
                            "Reading the header and first rows…",
                        ));
                    });
                    return;
                }
                Some(Err(e)) => {
                    ui.label(RichText::new(e).color(colors::BELOW));
                    return;
                }
                Some(Ok(p)) => p,
            };
            if draft.headers != preview.headers {
                *draft = Draft::start(preview, &app.settings.mappings);
            }
            body(app, ui, preview, draft, &mut commands);
        });
    if !open {
        commands.push(Command::ShowMapping(None));
    }
    for c in commands {
        app.command(c);
    }
}

fn body(
    app: &Ctx,
    ui: &mut egui::Ui,
    preview: &Preview,
    draft: &mut Draft,
    commands: &mut Vec<Command>,
) {
    let tr = app.tr();
    let zh = tr.zh();
    ui.label(tr.s(
        "为每一列选择它对应的数据项；几列选同一数据项时相加（如体育、音乐、美术教师相加为体育艺术专任教师）。不使用的列作为附加列保留并显示。保存后，表头相同的文件自动按此读取。",
        "Choose the field each column is; columns given the same field are added up (PE, music and art teachers into PE/art teachers). Columns not used are kept and shown as extra columns. Kept, it is used again for files with the same header.",
    ));
    if let Some(sheet) = &preview.sheet {
        ui.label(format!("{}{sheet}", tr.s("工作表：", "Sheet: ")));
    }
    let targets = Target::all();
    egui::ScrollArea::vertical()
        .id_salt("mapping-columns")
        .max_height(420.0)
        .show(ui, |ui| {
            egui::Grid::new("mapping-grid")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    ui.strong(tr.s("读作 ← 文件的列", "Read as ← the file's column"));
                    ui.strong(tr.s("前几行的值", "First values"));
                    ui.strong("");
                    ui.end_row();
                    for c in 0..preview.headers.len() {
                        let header = &preview.headers[c];
                        let chosen = draft.choices[c];
                        let shown = chosen.map_or_else(
                            || {
                                tr.s(
                                    "不使用（保留为附加列）",
                                    "Not used (kept as an extra column)",
                                )
                                .to_string()
                            },
                            target_label,
                        );
                        let list = egui::ComboBox::new(("map-column", c), header)
                            .selected_text(RichText::new(shown).color(if chosen.is_some() {
                                colors::MET
                            } else {
                                colors::NEAR
                            }))
                            .width(300.0)
                            .height(480.0)
                            .show_ui(ui, |ui| {
                                // A search over the fields, focused as the list opens.
                                let search = ui.add(
                                    egui::TextEdit::singleline(&mut draft.filter)
                                        .hint_text(tr.s("搜索数据项…", "Search the fields…"))
                                        .desired_width(280.0),
                                );
                                if draft.filter_for != Some(c) {
                                    draft.filter_for = Some(c);
                                    draft.filter.clear();
                                    search.request_focus();
                                }
                                let wanted = crate::model::headers::fold(&draft.filter);
                                if wanted.is_empty() {
                                    ui.selectable_value(
                                        &mut draft.choices[c],
                                        None,
                                        tr.s(
                                            "不使用（保留为附加列）",
                                            "Not used (kept as an extra column)",
                                        ),
                                    );
                                }
                                for &t in &targets {
                                    if wanted.is_empty()
                                        || crate::model::headers::fold(t.zh()).contains(&wanted)
                                        || t.key().contains(&wanted)
                                    {
                                        ui.selectable_value(
                                            &mut draft.choices[c],
                                            Some(t),
                                            target_label(t),
                                        );
                                    }
                                }
                            });
                        if list.inner.is_none() && draft.filter_for == Some(c) {
                            draft.filter_for = None;
                        }
                        let values: Vec<&str> = preview
                            .rows
                            .iter()
                            .take(3)
                            .map(|r| r.get(c).map_or("", |s| s.as_str()))
                            .collect();
                        ui.label(RichText::new(values.join(" · ")).weak());
                        if draft.choices[c] == Some(Target::Number(Field::EquipmentValueYuan)) {
                            ui.checkbox(
                                &mut draft.wan[c],
                                tr.s("单位为万元（×10000）", "in 万元 (×10,000)"),
                            );
                        } else {
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
        });
    let mapping = draft.mapping();
    // What the import needs before it can go on.
    let has = |t: Target| mapping.columns.iter().any(|r| r.field == t.key());
    let missing: Vec<&str> = [TextColumn::SchoolId, TextColumn::Name, TextColumn::Kind]
        .into_iter()
        .filter(|&t| !has(Target::Text(t)))
        .map(|t| t.zh_headers()[0])
        .collect();
    let text_twice: Vec<String> = mapping
        .columns
        .iter()
        .filter(|r| r.from.len() > 1 && matches!(Target::of_key(&r.field), Some(Target::Text(_))))
        .map(|r| Target::of_key(&r.field).map_or(String::new(), |t| t.zh().to_string()))
        .collect();
    ui.separator();
    ui.strong(tr.s(
        "将读入的值（前几行）",
        "The values that will be read (first rows)",
    ));
    values_table(ui, preview, &mapping, zh);
    if !missing.is_empty() {
        ui.label(
            RichText::new(format!(
                "{}{}",
                tr.s("还需对应：", "Still needed: "),
                missing.join("、")
            ))
            .color(colors::BELOW),
        );
    }
    if !text_twice.is_empty() {
        ui.label(
            RichText::new(format!(
                "{}{}",
                tr.s("文本项只能对应一列：", "A text field takes one column: "),
                text_twice.join("、")
            ))
            .color(colors::BELOW),
        );
    }
    let ready = missing.is_empty() && text_twice.is_empty();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                ready,
                egui::Button::new(tr.s("保存并导入", "Keep and import")),
            )
            .clicked()
        {
            commands.push(Command::ApplyMapping(mapping.clone()));
        }
        if ui.button(tr.s("取消", "Cancel")).clicked() {
            commands.push(Command::ShowMapping(None));
        }
    });
    ui.horizontal(|ui| {
        ui.label(tr.s(
            "另存为文件（命令行 --mapping 用）",
            "Save as a file (for --mapping)",
        ));
        ui.add(egui::TextEdit::singleline(&mut draft.save_input).desired_width(280.0));
        let path = draft.save_input.trim().to_string();
        if ui
            .add_enabled(
                ready && !path.is_empty(),
                egui::Button::new(tr.s("保存文件", "Save file")),
            )
            .clicked()
        {
            commands.push(Command::WriteMapping(PathBuf::from(path), mapping.clone()));
        }
    });
    if let Some(session) = &app.mapping {
        match &session.written {
            Some(Ok(p)) => {
                ui.label(format!("{}{}", tr.s("已保存：", "Saved: "), p.display()));
            }
            Some(Err(e)) => {
                ui.label(RichText::new(e).color(colors::BELOW));
            }
            None => {}
        }
    }
}

/// The first rows as they will be read: each mapped field, its columns added up and scaled.
fn values_table(ui: &mut egui::Ui, preview: &Preview, mapping: &Mapping, zh: bool) {
    let col_of = |h: &String| preview.headers.iter().position(|x| x == h);
    egui::ScrollArea::horizontal()
        .id_salt("mapping-values")
        .show(ui, |ui| {
            egui::Grid::new("mapping-values-grid")
                .striped(true)
                .show(ui, |ui| {
                    for r in &mapping.columns {
                        if let Some(t) = Target::of_key(&r.field) {
                            ui.strong(t.zh());
                        }
                    }
                    ui.end_row();
                    for row in &preview.rows {
                        for r in &mapping.columns {
                            let texts: Vec<&str> = r
                                .from
                                .iter()
                                .filter_map(col_of)
                                .map(|c| row.get(c).map_or("", |s| s.trim()))
                                .collect();
                            match Target::of_key(&r.field) {
                                Some(Target::Text(_)) => {
                                    ui.label(texts.concat());
                                }
                                _ => {
                                    let mut sum = 0.0;
                                    let mut bad = None;
                                    for t in &texts {
                                        match cell_number(t) {
                                            Some(v) => sum += v,
                                            None if t.is_empty() => {}
                                            None => bad = Some(*t),
                                        }
                                    }
                                    match bad {
                                        Some(b) => ui.label(
                                            RichText::new(if zh {
                                                format!("“{b}”不是数字")
                                            } else {
                                                format!("\"{b}\" is not a number")
                                            })
                                            .color(colors::BELOW),
                                        ),
                                        None => ui.label(crate::io::import::format_number(
                                            sum * r.factor,
                                        )),
                                    };
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}
