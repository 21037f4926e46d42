//! 整改台账: the ledger made from a scenario — each measure with its school, cost, year, unit,
//! person and status (each change one undoable edit), filtered and sorted; the progress by unit
//! and by year, overdue in red; where the county stands now (the items done) beside the plan;
//! and the ledger written as a workbook.

use super::super::format::{self, colors};
use super::super::{Command, Ctx, Tr};
use crate::ledger::{Item, Ledger, Status, UNITS};
use eframe::egui::{self, RichText};
use std::collections::HashMap;

/// The filters, the sort and the texts being typed.
#[derive(Debug, Clone, Default)]
pub struct LedgerForm {
    pub school: String,
    pub unit: Option<String>,
    pub year: Option<Option<i32>>,
    pub status: Option<Status>,
    pub sort_by_status: bool,
    /// (item, column) → text being typed: committed when the field loses focus.
    pub drafts: HashMap<(usize, u8), String>,
    pub scenario: usize,
    pub path: String,
}

pub fn show(app: &Ctx, form: &mut LedgerForm, ui: &mut egui::Ui) {
    let tr = app.tr();
    let mut commands = Vec::new();
    // Both ways: the items' table is wider than a 1280 px window.
    egui::ScrollArea::both()
        .id_salt("ledger-page")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(tr.s("整改台账", "Rectification ledger"));
            make(app, form, ui, tr, &mut commands);
            if let Some(ledger) = &app.workspace.ledger {
                ui.separator();
                standing(app, ledger, ui, tr);
                ui.separator();
                items(app, ledger, form, ui, tr, &mut commands);
                ui.separator();
                progress(ledger, ui, tr);
                export(form, ui, tr, &mut commands);
            }
        });
    for c in commands {
        app.command(c);
    }
}

/// Which scenario the ledger is made from, and the button that makes it.
fn make(app: &Ctx, form: &mut LedgerForm, ui: &mut egui::Ui, tr: Tr, out: &mut Vec<Command>) {
    let scenarios = &app.workspace.scenarios;
    if scenarios.is_empty() {
        ui.label(tr.s(
            "还没有方案。在“方案”或“生成方案”页做出方案后，在这里把它的每项变更生成整改台账。",
            "No scenario yet. Make one on the Scenario or Plan page, then turn its changes into the ledger here.",
        ));
        return;
    }
    form.scenario = form.scenario.min(scenarios.len() - 1);
    ui.horizontal_wrapped(|ui| {
        let id = ui.label(tr.s("方案", "Scenario")).id;
        egui::ComboBox::from_id_salt("ledger-scenario")
            .selected_text(&scenarios[form.scenario].name)
            .show_ui(ui, |ui| {
                for (i, s) in scenarios.iter().enumerate() {
                    ui.selectable_value(&mut form.scenario, i, &s.name);
                }
            })
            .response
            .labelled_by(id);
        let label = if app.workspace.ledger.is_some() {
            tr.s("重新生成台账", "Make the ledger again")
        } else {
            tr.s("生成整改台账", "Make the ledger")
        };
        if ui.button(label).clicked() {
            out.push(Command::MakeLedger(form.scenario));
        }
        if app.workspace.ledger.is_some() && ui.button(tr.s("删除台账", "Remove")).clicked() {
            out.push(Command::ClearLedger);
        }
    });
}

/// Where the county stands now (the items done) beside the baseline and the plan.
fn standing(app: &Ctx, ledger: &Ledger, ui: &mut egui::Ui, tr: Tr) {
    let done = ledger
        .items
        .iter()
        .filter(|i| i.status == Status::Done)
        .count();
    ui.label(
        RichText::new(format!(
            "{}{}{} {done} / {} {}",
            tr.s("方案：", "Scenario: "),
            ledger.scenario,
            tr.s("；已完成", "; done"),
            ledger.items.len(),
            tr.s("项", "items")
        ))
        .strong(),
    );
    // The data as imported, and as it stands now (the items done applied: every view's 现状).
    let base = app
        .derived
        .ledger_before
        .as_ref()
        .unwrap_or(&app.derived.baseline);
    let now = match app.derived.ledger_now() {
        Some(Ok(ev)) => ev,
        Some(Err(e)) => {
            ui.label(RichText::new(e).color(colors::BELOW));
            base
        }
        None => base,
    };
    egui::Grid::new("ledger-standing")
        .striped(true)
        .show(ui, |ui| {
            ui.strong("");
            ui.strong(tr.s("导入的数据", "As imported"));
            ui.strong(tr.s("现在（含已完成整改）", "Now (items done)"));
            ui.end_row();
            for level in now.levels() {
                ui.label(format!(
                    "{}{}",
                    format::level(tr, level),
                    tr.s("达标", " passing")
                ));
                for ev in [base, now] {
                    let s = ev.summary_of(level);
                    ui.label(
                        RichText::new(format!("{} / {}", s.passing, s.units))
                            .color(format::status_color(s.passing == s.units, false)),
                    );
                }
                ui.end_row();
                ui.label(format!(
                    "{}{}",
                    format::level(tr, level),
                    tr.s("差异系数", " CVs")
                ));
                for ev in [base, now] {
                    let s = ev.summary_of(level);
                    ui.label(format!("{} / {}", s.cv_met, ev.cv_of(level).len()));
                }
                ui.end_row();
            }
        });
    let left: Vec<&Item> = ledger
        .items
        .iter()
        .filter(|i| i.status != Status::Done)
        .collect();
    if !left.is_empty() {
        let data = &app.workspace.loaded.dataset;
        let words: Vec<String> = left
            .iter()
            .take(5)
            .map(|i| i.change.describe_in(Some(data), tr.zh()))
            .collect();
        ui.label(format!(
            "{}{}{}{}{}",
            tr.s("还差 ", "Still to do: "),
            left.len(),
            tr.s(" 项：", " items: "),
            words.join(tr.s("；", "; ")),
            if left.len() > 5 {
                tr.s("……", "…")
            } else {
                ""
            }
        ));
    }
}

/// The items, filtered and sorted; status and unit chosen from lists, person, deadline and note
/// typed (committed when the field is left).
fn items(
    app: &Ctx,
    ledger: &Ledger,
    form: &mut LedgerForm,
    ui: &mut egui::Ui,
    tr: Tr,
    out: &mut Vec<Command>,
) {
    let data = &app.workspace.loaded.dataset;
    let today = crate::project::today();
    ui.horizontal_wrapped(|ui| {
        let id = ui.label(tr.s("学校", "School")).id;
        ui.add(egui::TextEdit::singleline(&mut form.school).desired_width(120.0))
            .labelled_by(id);
        let id = ui.label(tr.s("责任单位", "Unit")).id;
        egui::ComboBox::from_id_salt("ledger-unit-filter")
            .selected_text(
                form.unit
                    .clone()
                    .unwrap_or_else(|| tr.s("全部", "all").into()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.unit, None, tr.s("全部", "all"));
                let mut units: Vec<&str> = ledger.items.iter().map(|i| i.unit.as_str()).collect();
                units.sort_unstable();
                units.dedup();
                for u in units {
                    ui.selectable_value(&mut form.unit, Some(u.to_string()), u);
                }
            })
            .response
            .labelled_by(id);
        let id = ui.label(tr.s("年份", "Year")).id;
        egui::ComboBox::from_id_salt("ledger-year-filter")
            .selected_text(match form.year {
                None => tr.s("全部", "all").to_string(),
                Some(None) => tr.s("未定", "none").to_string(),
                Some(Some(y)) => y.to_string(),
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.year, None, tr.s("全部", "all"));
                let mut years: Vec<Option<i32>> = ledger.items.iter().map(|i| i.year).collect();
                years.sort_unstable();
                years.dedup();
                for y in years {
                    let name =
                        y.map_or_else(|| tr.s("未定", "none").to_string(), |y| y.to_string());
                    ui.selectable_value(&mut form.year, Some(y), name);
                }
            })
            .response
            .labelled_by(id);
        let id = ui.label(tr.s("状态", "Status")).id;
        egui::ComboBox::from_id_salt("ledger-status-filter")
            .selected_text(form.status.map_or(tr.s("全部", "all"), |s| s.zh()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.status, None, tr.s("全部", "all"));
                for s in Status::ALL {
                    ui.selectable_value(&mut form.status, Some(s), s.zh());
                }
            })
            .response
            .labelled_by(id);
        ui.checkbox(
            &mut form.sort_by_status,
            tr.s("按状态排序", "Sort by status"),
        );
    });
    let mut shown: Vec<usize> = (0..ledger.items.len())
        .filter(|&i| {
            let it = &ledger.items[i];
            let school = it.change.school_id().unwrap_or("");
            let name = data.school(school).map_or(school, |s| s.name.as_str());
            (form.school.trim().is_empty()
                || name.contains(form.school.trim())
                || school.contains(form.school.trim()))
                && form.unit.as_ref().is_none_or(|u| *u == it.unit)
                && form.year.is_none_or(|y| y == it.year)
                && form.status.is_none_or(|s| s == it.status)
        })
        .collect();
    if form.sort_by_status {
        shown.sort_by_key(|&i| (ledger.items[i].status as u8, i));
    }
    egui::Grid::new("ledger-items")
        .striped(true)
        .show(ui, |ui| {
            for h in [
                tr.s("序号", "No."),
                tr.s("学校", "School"),
                tr.s("整改内容", "Measure"),
                tr.s("费用", "Cost"),
                tr.s("年份", "Year"),
                tr.s("截止日期", "Deadline"),
                tr.s("责任单位", "Unit"),
                tr.s("责任人", "Person"),
                tr.s("状态", "Status"),
                tr.s("说明", "Note"),
                tr.s("佐证材料（；分隔）", "Evidence (; between)"),
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for &i in &shown {
                let it = &ledger.items[i];
                let overdue = Ledger::overdue(it, &today);
                let school = it.change.school_id().unwrap_or("");
                ui.label(format!("{}", i + 1));
                ui.label(data.school(school).map_or(school, |s| s.name.as_str()));
                let what = RichText::new(it.change.describe_in(Some(data), tr.zh()));
                ui.label(if overdue {
                    what.color(colors::BELOW)
                } else {
                    what
                });
                ui.label(format::cost_total(
                    &crate::scenario::CostReport {
                        total: it.once + it.per_year,
                        once: it.once,
                        per_year: it.per_year,
                        ..Default::default()
                    },
                    tr.zh(),
                ));
                ui.label(it.year.map_or("—".to_string(), |y| y.to_string()));
                out.extend(text_cell(form, ui, i, 0, &it.deadline, 80.0, |t| Item {
                    deadline: t,
                    ..it.clone()
                }));
                let mut unit = it.unit.clone();
                egui::ComboBox::from_id_salt(("ledger-unit", i))
                    .selected_text(&unit)
                    .width(110.0)
                    .show_ui(ui, |ui| {
                        for u in UNITS {
                            ui.selectable_value(&mut unit, u.to_string(), u);
                        }
                    });
                if unit != it.unit {
                    out.push(Command::SetLedgerItem(
                        i,
                        Box::new(Item { unit, ..it.clone() }),
                    ));
                }
                out.extend(text_cell(form, ui, i, 1, &it.person, 70.0, |t| Item {
                    person: t,
                    ..it.clone()
                }));
                let mut status = it.status;
                let shown_status = if overdue {
                    RichText::new(format!(
                        "{}{}",
                        it.status.zh(),
                        tr.s("（逾期）", " (overdue)")
                    ))
                    .color(colors::BELOW)
                } else {
                    RichText::new(it.status.zh())
                };
                egui::ComboBox::from_id_salt(("ledger-status", i))
                    .selected_text(shown_status)
                    .show_ui(ui, |ui| {
                        for s in Status::ALL {
                            ui.selectable_value(&mut status, s, s.zh());
                        }
                    });
                if status != it.status {
                    out.push(Command::SetLedgerItem(
                        i,
                        Box::new(Item {
                            status,
                            status_date: today.clone(),
                            ..it.clone()
                        }),
                    ));
                }
                out.extend(text_cell(form, ui, i, 2, &it.note, 110.0, |t| Item {
                    note: t,
                    ..it.clone()
                }));
                // Paths of files and photos, separated by ；or ;.
                let evidence = it.evidence.join("；");
                out.extend(text_cell(form, ui, i, 3, &evidence, 140.0, |t| Item {
                    evidence: t
                        .split(['；', ';'])
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(str::to_string)
                        .collect(),
                    ..it.clone()
                }));
                ui.end_row();
            }
        });
    if shown.len() < ledger.items.len() {
        ui.label(format!(
            "{} / {}{}",
            shown.len(),
            ledger.items.len(),
            tr.s(" 项符合筛选", " items match")
        ));
    }
}

/// A typed field of an item, committed when it loses focus.
fn text_cell(
    form: &mut LedgerForm,
    ui: &mut egui::Ui,
    i: usize,
    column: u8,
    saved: &str,
    width: f32,
    with: impl FnOnce(String) -> Item,
) -> Option<Command> {
    let draft = form
        .drafts
        .entry((i, column))
        .or_insert_with(|| saved.to_string());
    let r = ui.add(egui::TextEdit::singleline(draft).desired_width(width));
    if r.lost_focus() {
        let t = draft.trim().to_string();
        form.drafts.remove(&(i, column));
        return (t != saved).then(|| Command::SetLedgerItem(i, Box::new(with(t))));
    }
    if !r.has_focus() && draft != saved {
        // Changed elsewhere (undo, a new ledger): show what is saved.
        *draft = saved.to_string();
    }
    None
}

/// Progress by unit and by year.
fn progress(ledger: &Ledger, ui: &mut egui::Ui, tr: Tr) {
    let (by_unit, by_year) = ledger.progress(&crate::project::today());
    ui.columns(2, |cols| {
        for (ui, (title, rows)) in cols.iter_mut().zip([
            (tr.s("责任单位", "Unit"), by_unit),
            (tr.s("年份", "Year"), by_year),
        ]) {
            egui::Grid::new(("ledger-progress", title))
                .striped(true)
                .show(ui, |ui| {
                    for h in [
                        title,
                        tr.s("事项", "items"),
                        tr.s("已完成", "done"),
                        tr.s("受阻", "blocked"),
                        tr.s("逾期", "overdue"),
                    ] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for p in rows {
                        ui.label(&p.key);
                        ui.label(p.items.to_string());
                        ui.label(p.done.to_string());
                        ui.label(p.blocked.to_string());
                        let o = RichText::new(p.overdue.to_string());
                        ui.label(if p.overdue > 0 {
                            o.color(colors::BELOW)
                        } else {
                            o
                        });
                        ui.end_row();
                    }
                });
        }
    });
}

/// The ledger as a workbook.
fn export(form: &mut LedgerForm, ui: &mut egui::Ui, tr: Tr, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let id = ui.label(tr.s("导出到", "Export to")).id;
        if form.path.is_empty() {
            form.path = super::super::tasks::home_file("整改台账.xlsx")
                .display()
                .to_string();
        }
        ui.add(egui::TextEdit::singleline(&mut form.path).desired_width(320.0))
            .labelled_by(id);
        if ui
            .button(tr.s("导出台账（Excel）", "Export (Excel)"))
            .clicked()
        {
            out.push(Command::ExportLedger(std::path::PathBuf::from(
                form.path.trim(),
            )));
        }
    });
}
