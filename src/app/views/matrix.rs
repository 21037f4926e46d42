//! Schools × indicators, each cell coloured with its value: the one-page picture of where the
//! county stands. Sortable by failures; rows are virtualised, so thousands of sections stay fast.

use super::super::format;
use super::super::{Command, Ctx};
use super::{colored_cell, empty_note, verdict_label};
use eframe::egui;
use egui_extras::{Column, TableBuilder};

pub fn show(app: &Ctx, sort_failures: &mut bool, ui: &mut egui::Ui) {
    let tr = app.tr();
    let ev = app.shown();
    if ev.units.is_empty() {
        empty_note(ui, tr);
        return;
    }
    let standard = &app.standard();
    let mut commands = Vec::new();
    let mut order: Vec<usize> = (0..ev.units.len()).collect();
    if *sort_failures {
        order.sort_by_key(|&i| (ev.units[i].met_count, i));
    }
    ui.horizontal(|ui| {
        ui.label(tr.s(
            "每格为指标值；绿色达到标准值，黄色不低于 85%，红色低于 85%。点击学校名称查看详情。",
            "Each cell is the indicator value: green meets the threshold, amber is at least 85%, red is below. Click a name for details.",
        ));
        let label = if *sort_failures {
            tr.s("按未达标项排序 √", "Sorted by failures √")
        } else {
            tr.s("按未达标项排序", "Sort by failures")
        };
        if ui.button(label).clicked() {
            *sort_failures = !*sort_failures;
        }
    });
    let n_ind = standard.indicators.len();
    TableBuilder::new(ui)
        .id_salt("matrix")
        .striped(true)
        .resizable(true)
        .column(Column::initial(180.0).at_least(100.0).clip(true))
        .column(Column::auto())
        .column(Column::auto())
        .columns(Column::initial(86.0).at_least(60.0), n_ind)
        .column(Column::auto())
        .column(Column::auto())
        .header(44.0, |mut header| {
            header.col(|ui| {
                ui.strong(tr.s("学校", "School"));
            });
            header.col(|ui| {
                ui.strong(tr.s("学段", "Level"));
            });
            header.col(|ui| {
                ui.strong(tr.s("学生数", "Students"));
            });
            for ind in &standard.indicators {
                header.col(|ui| {
                    ui.strong(ind.short(tr.zh()))
                        .on_hover_text(ind.name(tr.zh()));
                });
            }
            header.col(|ui| {
                if ui.button(tr.s("未达标项", "Failures")).clicked() {
                    commands.push(None);
                }
            });
            header.col(|ui| {
                ui.strong(tr.s("结论", "Verdict"));
            });
        })
        .body(|body| {
            body.rows(24.0, order.len(), |mut row| {
                let i = order[row.index()];
                let u = &ev.units[i];
                row.col(|ui| {
                    if ui.link(&u.name).clicked() {
                        commands.push(Some(Command::ShowSection(i)));
                    }
                });
                row.col(|ui| {
                    ui.label(format::level(tr, u.level));
                });
                row.col(|ui| {
                    ui.label(format::thousands(u.students));
                });
                for r in &u.indicators {
                    row.col(|ui| {
                        colored_cell(
                            ui,
                            &format::value_against(r.value, r.threshold),
                            format::status_color(r.met, r.above_floor),
                        );
                    });
                }
                row.col(|ui| {
                    ui.label((u.indicators.len() - u.met_count).to_string());
                });
                row.col(|ui| {
                    ui.label(verdict_label(tr, u.passes));
                });
            });
        });
    for c in commands {
        match c {
            Some(c) => app.command(c),
            None => *sort_failures = !*sort_failures,
        }
    }
}
