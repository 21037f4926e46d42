//! Every loaded school with its raw fields and computed values: sortable, filterable by level,
//! township and verdict, with a search box. Rows are virtualised.

use super::super::format;
use super::super::{Command, Ctx, Tr};
use crate::model::{Field, Level, Scope};
use eframe::egui;
use egui_extras::{Column, TableBuilder};
use std::cmp::Ordering;

/// Filters and sort order of the data table.
#[derive(Debug, Clone, Default)]
pub struct TableState {
    pub search: String,
    pub level: Option<Level>,
    pub township: Option<String>,
    /// `Some(true)`: passing only; `Some(false)`: failing only.
    pub passes: Option<bool>,
    /// Column and ascending.
    pub sort: Option<(usize, bool)>,
    /// The cell being corrected: school id, field, the text typed, and whether it still has to
    /// take the keyboard.
    pub editing: Option<(String, Field, String, bool)>,
    /// What was typed that is not a number (nothing corrected).
    pub error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    Id,
    Name,
    Kind,
    Township,
    Level,
    Students,
    Raw(Field),
    Value(usize),
    Met,
    Verdict,
    /// A column of the file that matched no known field: kept and shown.
    Extra(usize),
}

/// A row: an evaluated section, a school or section left out, or a teaching point merged into
/// its central school (index into the evaluation's units, its exclusions, or the dataset).
#[derive(Debug, Clone, Copy)]
enum Row {
    Unit(usize),
    Excluded(usize),
    Merged(usize),
}

const RAW: [Field; 10] = [
    Field::TeachersPrimary,
    Field::QualifiedPrimary,
    Field::BackbonePrimary,
    Field::PeArtPrimary,
    Field::TeachingAreaM2,
    Field::SportsAreaM2,
    Field::EquipmentValueYuan,
    Field::MultimediaRooms,
    Field::ClassesPrimary,
    Field::StudentsSenior,
];

/// The junior counterpart of a primary field.
fn for_level(field: Field, level: Option<Level>) -> Field {
    match (field, level) {
        (Field::TeachersPrimary, Some(Level::Junior)) => Field::TeachersJunior,
        (Field::QualifiedPrimary, Some(Level::Junior)) => Field::QualifiedJunior,
        (Field::BackbonePrimary, Some(Level::Junior)) => Field::BackboneJunior,
        (Field::PeArtPrimary, Some(Level::Junior)) => Field::PeArtJunior,
        (Field::ClassesPrimary, Some(Level::Junior)) => Field::ClassesJunior,
        (f, _) => f,
    }
}

fn raw_header(tr: Tr, f: Field) -> String {
    let zh = match f {
        Field::TeachersPrimary => "专任教师",
        Field::QualifiedPrimary => "高学历教师",
        Field::BackbonePrimary => "骨干教师",
        Field::PeArtPrimary => "体艺教师",
        Field::TeachingAreaM2 => "教学用房㎡",
        Field::SportsAreaM2 => "体育场馆㎡",
        Field::EquipmentValueYuan => "设备值（元）",
        Field::MultimediaRooms => "多媒体教室",
        Field::ClassesPrimary => "班级数",
        Field::StudentsSenior => "高中学生",
        other => other.zh_headers()[0],
    };
    let en = match f {
        Field::TeachersPrimary => "Teachers",
        Field::QualifiedPrimary => "Qualified",
        Field::BackbonePrimary => "Backbone",
        Field::PeArtPrimary => "PE/art",
        Field::TeachingAreaM2 => "Teaching m²",
        Field::SportsAreaM2 => "Sports m²",
        Field::EquipmentValueYuan => "Equipment ¥",
        Field::MultimediaRooms => "Multimedia",
        Field::ClassesPrimary => "Classes",
        Field::StudentsSenior => "Senior students",
        other => other.key(),
    };
    tr.s(zh, en).to_string()
}

enum Key {
    Text(String),
    Num(f64),
}

/// The field a cell shows, where it is one of the data's own values (and so can be corrected).
fn cell_field(col: Col, level: Option<Level>) -> Option<Field> {
    match col {
        Col::Students => level.map(Level::students_field),
        Col::Raw(f) => {
            let f = for_level(f, level);
            let shown = f.scope() == Scope::School
                || f.scope() == Scope::Senior
                || level.is_some_and(|l| l.scope() == f.scope());
            shown.then_some(f)
        }
        _ => None,
    }
}

pub fn show(app: &Ctx, state: &mut TableState, ui: &mut egui::Ui) {
    let tr = app.tr();
    let zh = tr.zh();
    let (data, ev) = match &app.derived.scenario {
        Some(Ok(r)) => (&r.dataset, &r.evaluation),
        _ => (app.base_data(), &app.derived.baseline),
    };
    let standard = &app.standard();
    let mut commands = Vec::new();

    let mut townships: Vec<&str> = data
        .schools
        .iter()
        .filter_map(|s| s.township.as_deref())
        .collect();
    townships.sort_unstable();
    townships.dedup();
    ui.horizontal_wrapped(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .hint_text(tr.s("搜索名称或标识码", "Search name or id"))
                .desired_width(180.0),
        );
        let label_id = ui.label(tr.s("学段", "Level")).id;
        egui::ComboBox::from_id_salt("table-level")
            .selected_text(match state.level {
                None => tr.s("全部学段", "All levels"),
                Some(l) => format::level(tr, l),
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.level, None, tr.s("全部学段", "All levels"));
                for l in Level::BOTH {
                    ui.selectable_value(&mut state.level, Some(l), format::level(tr, l));
                }
            })
            .response
            .labelled_by(label_id);
        let label_id = ui.label(tr.s("乡镇", "Township")).id;
        egui::ComboBox::from_id_salt("table-township")
            .selected_text(
                state
                    .township
                    .clone()
                    .unwrap_or_else(|| tr.s("全部乡镇", "All townships").into()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.township, None, tr.s("全部乡镇", "All townships"));
                for t in &townships {
                    ui.selectable_value(&mut state.township, Some(t.to_string()), *t);
                }
            })
            .response
            .labelled_by(label_id);
        let label_id = ui.label(tr.s("结论", "Verdict")).id;
        egui::ComboBox::from_id_salt("table-pass")
            .selected_text(match state.passes {
                None => tr.s("全部结论", "Any verdict"),
                Some(true) => tr.s("达标", "Pass"),
                Some(false) => tr.s("未达标", "Fail"),
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.passes, None, tr.s("全部结论", "Any verdict"));
                ui.selectable_value(&mut state.passes, Some(true), tr.s("达标", "Pass"));
                ui.selectable_value(&mut state.passes, Some(false), tr.s("未达标", "Fail"));
            })
            .response
            .labelled_by(label_id);
    });

    let mut cols = vec![
        Col::Id,
        Col::Name,
        Col::Kind,
        Col::Township,
        Col::Level,
        Col::Students,
        Col::Verdict,
        Col::Met,
    ];
    cols.extend((0..standard.indicators.len()).map(Col::Value));
    cols.extend(RAW.iter().map(|&f| Col::Raw(f)));
    cols.extend((0..data.extra_columns.len()).map(Col::Extra));

    let school_of = |row: Row| match row {
        Row::Unit(i) => &data.schools[ev.units[i].school],
        Row::Excluded(i) => &data.schools[ev.excluded[i].school],
        Row::Merged(i) => &data.schools[i],
    };
    let level_of = |row: Row| match row {
        Row::Unit(i) => Some(ev.units[i].level),
        Row::Excluded(i) => ev.excluded[i].level,
        Row::Merged(_) => Some(Level::Primary),
    };
    let merged: Vec<usize> = {
        let mut covered = vec![false; data.schools.len()];
        for u in &ev.units {
            covered[u.school] = true;
        }
        for e in &ev.excluded {
            covered[e.school] = true;
        }
        (0..data.schools.len()).filter(|&i| !covered[i]).collect()
    };
    let needle = state.search.trim().to_lowercase();
    let mut rows: Vec<Row> = (0..ev.units.len())
        .map(Row::Unit)
        .chain((0..ev.excluded.len()).map(Row::Excluded))
        .chain(merged.iter().copied().map(Row::Merged))
        .filter(|&row| {
            let s = school_of(row);
            (needle.is_empty()
                || s.name.to_lowercase().contains(&needle)
                || s.id.to_lowercase().contains(&needle))
                && state.level.is_none_or(|l| level_of(row) == Some(l))
                && state
                    .township
                    .as_deref()
                    .is_none_or(|t| s.township.as_deref() == Some(t))
                && state.passes.is_none_or(|p| match row {
                    Row::Unit(i) => ev.units[i].passes == p,
                    Row::Excluded(_) | Row::Merged(_) => false,
                })
        })
        .collect();

    let text = |row: Row, col: Col| -> Key {
        let s = school_of(row);
        let unit = match row {
            Row::Unit(i) => Some(&ev.units[i]),
            Row::Excluded(_) | Row::Merged(_) => None,
        };
        match col {
            Col::Id => Key::Text(s.id.clone()),
            Col::Name => Key::Text(s.name.clone()),
            Col::Kind => Key::Text(if zh { s.kind.zh() } else { s.kind.en() }.to_string()),
            Col::Township => Key::Text(s.township.clone().unwrap_or_default()),
            Col::Level => Key::Text(
                level_of(row)
                    .map(|l| format::level(tr, l))
                    .unwrap_or("")
                    .to_string(),
            ),
            Col::Students => Key::Num(match (unit, level_of(row)) {
                (Some(u), _) => u.students,
                (None, Some(l)) => s.students(l),
                (None, None) => s.value(Field::StudentsPrimary) + s.value(Field::StudentsJunior),
            }),
            Col::Raw(f) => {
                let f = for_level(f, level_of(row));
                let shown = f.scope() == Scope::School
                    || f.scope() == Scope::Senior
                    || level_of(row).is_some_and(|l| l.scope() == f.scope());
                match s.values.get(f) {
                    Some(v) if shown => Key::Num(v),
                    _ => Key::Num(f64::NAN),
                }
            }
            Col::Value(k) => Key::Num(unit.map_or(f64::NAN, |u| u.indicators[k].value)),
            Col::Met => Key::Num(unit.map_or(f64::NAN, |u| u.met_count as f64)),
            Col::Extra(c) => Key::Text(s.extra.get(c).cloned().unwrap_or_default()),
            Col::Verdict => Key::Text(match (unit, row) {
                (Some(u), _) => tr
                    .s(
                        if u.passes { "达标" } else { "未达标" },
                        if u.passes { "Pass" } else { "Fail" },
                    )
                    .to_string(),
                (None, Row::Excluded(i)) => {
                    let r = &ev.excluded[i].reason;
                    if zh {
                        r.zh()
                    } else {
                        r.en()
                    }
                }
                (None, Row::Merged(_)) => format!(
                    "{}{}",
                    tr.s("并入 ", "merged into "),
                    s.parent_id.as_deref().unwrap_or("")
                ),
                (None, Row::Unit(_)) => String::new(),
            }),
        }
    };
    if let Some((c, asc)) = state.sort {
        if let Some(&col) = cols.get(c) {
            rows.sort_by(|&a, &b| {
                let o = match (text(a, col), text(b, col)) {
                    (Key::Num(x), Key::Num(y)) => match (x.is_nan(), y.is_nan()) {
                        (true, true) => Ordering::Equal,
                        (true, false) => Ordering::Greater,
                        (false, true) => Ordering::Less,
                        _ => x.total_cmp(&y),
                    },
                    (Key::Text(x), Key::Text(y)) => x.cmp(&y),
                    _ => Ordering::Equal,
                };
                if asc {
                    o
                } else {
                    o.reverse()
                }
            });
        }
    }
    ui.label(format!(
        "{} {} / {}",
        rows.len(),
        tr.s("行", "rows"),
        ev.units.len() + ev.excluded.len() + merged.len()
    ));
    let header_text = |col: Col| -> String {
        match col {
            Col::Id => tr.s("标识码", "ID").into(),
            Col::Name => tr.s("学校名称", "Name").into(),
            Col::Kind => tr.s("类型", "Kind").into(),
            Col::Township => tr.s("乡镇", "Township").into(),
            Col::Level => tr.s("学段", "Level").into(),
            Col::Students => tr.s("学生数", "Students").into(),
            Col::Raw(f) => raw_header(tr, f),
            Col::Value(k) => standard.indicators[k].short(zh).to_string(),
            Col::Met => tr.s("达标项", "Met").into(),
            Col::Verdict => tr.s("结论", "Verdict").into(),
            Col::Extra(c) => data.extra_columns.get(c).cloned().unwrap_or_default(),
        }
    };
    // 数据更正: values fixed here, listed with where, old → new and when; each can be taken back.
    let corrections = &app.workspace.corrections;
    let corrected: std::collections::HashMap<(&str, Field), &crate::model::correction::Correction> =
        corrections
            .iter()
            .map(|c| ((c.school_id.as_str(), c.field), c))
            .collect();
    let editable = !app.comparing();
    if !corrections.is_empty() {
        egui::CollapsingHeader::new(format!(
            "{}{}{}",
            tr.s("数据更正（", "Corrections ("),
            corrections.len(),
            tr.s("）", ")")
        ))
        .id_salt("corrections")
        .show(ui, |ui| {
            egui::Grid::new("corrections-grid")
                .striped(true)
                .show(ui, |ui| {
                    for (i, c) in corrections.iter().enumerate() {
                        ui.label(format!(
                            "{}（{}）",
                            app.school_name(&c.school_id),
                            c.school_id
                        ));
                        ui.label(c.field.zh_headers()[0]);
                        ui.label(format!(
                            "{} → {}",
                            c.old.map_or("—".to_string(), format::as_typed),
                            format::as_typed(c.new)
                        ));
                        ui.label(egui::RichText::new(&c.at).weak());
                        if ui.button(tr.s("还原", "Revert")).clicked() {
                            commands.push(Command::RevertCorrection(i));
                        }
                        ui.end_row();
                    }
                });
        });
    }
    // Work done (整改台账 items marked 已完成): dated changes the county's current figures
    // include, each listed with its date and taken back here or on the ledger page (undoable).
    if let Some(ledger) = &app.workspace.ledger {
        let done: Vec<(usize, &crate::ledger::Item)> = ledger
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.status == crate::ledger::Status::Done)
            .collect();
        if !done.is_empty() {
            egui::CollapsingHeader::new(format!(
                "{}{}{}",
                tr.s("整改完成（", "Work done ("),
                done.len(),
                tr.s("，已计入现状）", ", in the current figures)")
            ))
            .id_salt("ledger-done")
            .show(ui, |ui| {
                egui::Grid::new("ledger-done-grid")
                    .striped(true)
                    .show(ui, |ui| {
                        for (i, it) in done {
                            ui.label(it.change.describe_in(Some(app.base_data()), tr.zh()));
                            ui.label(egui::RichText::new(&it.status_date).weak());
                            if ui
                                .button(tr.s("改回进行中", "Back to in progress"))
                                .clicked()
                            {
                                let mut next = it.clone();
                                next.status = crate::ledger::Status::InProgress;
                                next.status_date = crate::project::today();
                                commands.push(Command::SetLedgerItem(i, Box::new(next)));
                            }
                            ui.end_row();
                        }
                    });
            });
        }
    }
    ui.label(egui::RichText::new(if editable {
        tr.s(
            "点击学生数或原始数据格可更正数值（回车确认，Esc 取消）；更正可撤销，保存在项目中，重新导入时按学校和字段重新应用。",
            "Click a students or raw-data cell to correct it (Enter to confirm, Esc to cancel); corrections can be undone, are kept in the project and re-applied when a newer file is imported.",
        )
    } else {
        tr.s(
            "显示方案时不能更正数据：请切换到现状（基线）。",
            "Data cannot be corrected while a scenario is shown: switch to the baseline.",
        )
    }).weak());
    for e in app.change_error.iter().chain(&state.error) {
        ui.label(egui::RichText::new(e).color(format::colors::BELOW));
    }
    let mut new_sort = None;
    let mut stop_editing = false;
    let mut start_editing = None;
    let mut bad_number = None;
    egui::ScrollArea::horizontal().show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .id_salt("data-table")
            .striped(true)
            .resizable(true);
        for (i, _) in cols.iter().enumerate() {
            table = table.column(if i == 1 {
                Column::initial(170.0).clip(true)
            } else if i == 6 {
                Column::initial(150.0).clip(true)
            } else {
                Column::initial(86.0).at_least(40.0).clip(true)
            });
        }
        table
            .header(28.0, |mut header| {
                for (i, &col) in cols.iter().enumerate() {
                    header.col(|ui| {
                        let arrow = match state.sort {
                            Some((c, true)) if c == i => " ▲",
                            Some((c, false)) if c == i => " ▼",
                            _ => "",
                        };
                        if ui.button(format!("{}{arrow}", header_text(col))).clicked() {
                            new_sort = Some(match state.sort {
                                Some((c, asc)) if c == i => Some((i, !asc)),
                                _ => Some((i, true)),
                            });
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut r| {
                    let row = rows[r.index()];
                    for &col in &cols {
                        r.col(|ui| {
                            let shown = match (text(row, col), col) {
                                (Key::Text(t), _) => t,
                                (Key::Num(n), _) if n.is_nan() => String::new(),
                                (Key::Num(n), Col::Value(k)) => {
                                    let ind = &standard.indicators[k];
                                    match level_of(row) {
                                        Some(l) => {
                                            format::indicator_against(ind, n, ind.threshold(l))
                                        }
                                        None => format::indicator_value(ind, n),
                                    }
                                }
                                (Key::Num(n), _) => {
                                    if n.fract() == 0.0 {
                                        format::thousands(n)
                                    } else {
                                        format!("{n:.1}")
                                    }
                                }
                            };
                            if col == Col::Name {
                                if let Row::Unit(i) = row {
                                    if ui.link(shown).clicked() {
                                        commands.push(Command::ShowSection(i));
                                    }
                                    return;
                                }
                            }
                            let Some(field) = cell_field(col, level_of(row)).filter(|_| editable)
                            else {
                                ui.label(shown);
                                return;
                            };
                            let id = &school_of(row).id;
                            match &mut state.editing {
                                Some((eid, ef, text, focus)) if eid == id && *ef == field => {
                                    // The new value is typed; the old one shows faint.
                                    let edit = ui.add(
                                        egui::TextEdit::singleline(text)
                                            .hint_text(shown.clone())
                                            .desired_width(f32::INFINITY),
                                    );
                                    if *focus {
                                        edit.request_focus();
                                        *focus = false;
                                    }
                                    let (enter, escape) = ui.input(|i| {
                                        (
                                            i.key_pressed(egui::Key::Enter),
                                            i.key_pressed(egui::Key::Escape),
                                        )
                                    });
                                    if edit.lost_focus() || escape {
                                        if enter && !escape && !text.trim().is_empty() {
                                            match crate::io::import::preview::cell_number(text) {
                                                Some(v) => commands.push(Command::Correct {
                                                    school_id: id.clone(),
                                                    field,
                                                    value: v,
                                                }),
                                                None => bad_number = Some(text.clone()),
                                            }
                                        }
                                        stop_editing = true;
                                    }
                                }
                                _ => {
                                    let fix = corrected.get(&(id.as_str(), field));
                                    let mut text = egui::RichText::new(shown);
                                    if fix.is_some() {
                                        text = text.color(format::colors::NEAR).strong();
                                    }
                                    let mut r =
                                        ui.add(egui::Label::new(text).sense(egui::Sense::click()));
                                    if let Some(c) = fix {
                                        r = r.on_hover_text(format!(
                                            "{}{}（{}）",
                                            tr.s("已更正，原值 ", "Corrected; was "),
                                            c.old.map_or("—".to_string(), format::as_typed),
                                            c.at
                                        ));
                                    }
                                    if r.clicked() {
                                        start_editing =
                                            Some((id.clone(), field, String::new(), true));
                                    }
                                }
                            }
                        });
                    }
                });
            });
    });
    if let Some(s) = new_sort {
        state.sort = s;
    }
    if stop_editing {
        state.editing = None;
    }
    if let Some(e) = start_editing {
        state.editing = Some(e);
        state.error = None;
    }
    if let Some(b) = bad_number {
        state.error = Some(if zh {
            format!("“{b}”不是数字，未更正")
        } else {
            format!("\"{b}\" is not a number: nothing corrected")
        });
    }
    for c in commands {
        app.command(c);
    }
}
