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
    // With a scenario shown: each section's baseline, to mark the values the scenario changes.
    let baseline: std::collections::HashMap<(&str, crate::model::Level), usize> = if app.comparing()
    {
        app.derived
            .baseline
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| ((u.school_id.as_str(), u.level), i))
            .collect()
    } else {
        Default::default()
    };
    // The thresholds first, one row per level shown.
    let levels = ev.levels();
    let thresholds = levels.len();
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
            body.rows(24.0, thresholds + order.len(), |mut row| {
                if row.index() < thresholds {
                    let level = levels[row.index()];
                    row.col(|ui| {
                        ui.strong(tr.s("标准值", "Threshold"));
                    });
                    row.col(|ui| {
                        ui.strong(format::level(tr, level));
                    });
                    row.col(|_| {});
                    for ind in &standard.indicators {
                        row.col(|ui| {
                            ui.strong(format::indicator_threshold(ind, ind.threshold(level)));
                        });
                    }
                    row.col(|_| {});
                    row.col(|_| {});
                    return;
                }
                let i = order[row.index() - thresholds];
                let u = &ev.units[i];
                let before = baseline
                    .get(&(u.school_id.as_str(), u.level))
                    .map(|&b| &app.derived.baseline.units[b]);
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
                for (k, r) in u.indicators.iter().enumerate() {
                    let ind = &standard.indicators[k];
                    let was = before
                        .map(|b| b.indicators[k].value)
                        .filter(|b| (b - r.value).abs() > 1e-9 * r.value.abs().max(1.0));
                    row.col(|ui| {
                        // A value the scenario changes is marked ▲ or ▼, its baseline on hover.
                        let text = match was {
                            Some(b) if r.value > b => {
                                format!(
                                    "{} ▲",
                                    format::indicator_against(ind, r.value, r.threshold)
                                )
                            }
                            Some(_) => {
                                format!(
                                    "{} ▼",
                                    format::indicator_against(ind, r.value, r.threshold)
                                )
                            }
                            None => format::indicator_against(ind, r.value, r.threshold),
                        };
                        colored_cell(ui, &text, format::status_color(r.met, r.above_floor));
                        if let Some(b) = was {
                            ui.interact(ui.max_rect(), ui.scope_id().with(k), egui::Sense::hover())
                                .on_hover_text(format!(
                                    "{} {} → {}",
                                    tr.s("现状", "baseline"),
                                    format::indicator_value(ind, b),
                                    format::indicator_against(ind, r.value, r.threshold)
                                ));
                        }
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
