//! The baseline and every scenario side by side: sections passing per level, each CV, the
//! indicators still failing, and the cost.

use super::super::format::{self, colors};
use super::super::{Command, Ctx};
use crate::model::Level;
use eframe::egui::{self, RichText};

pub fn show(app: &Ctx, ui: &mut egui::Ui) {
    let tr = app.tr();
    // Computed when the page was opened or the work changed (command_handling), never here.
    let Some(cols) = &app.derived.columns else {
        return;
    };
    let standard = &app.standard();
    let mut commands = Vec::new();
    ui.heading(tr.s("方案比较", "Compare scenarios"));
    // The year compared, said: a projected year's scenarios are their changes of that year and
    // before on that year's projected data; a past year is actual data, with no scenario.
    if let (Some(y), Some(t)) = (app.workspace.shown_year, app.workspace.timeline) {
        let text = if y < t.base_year {
            tr.s(
                "年为实际数据：方案作用于基年及以后，此页只列现状。",
                " is actual data: scenarios act from the base year on, so only the baseline is listed.",
            )
        } else {
            tr.s(
                "年（推演）：各方案在该年及以前生效的变更，作用于该年推演的数据；费用为方案全部变更的费用。",
                " (projected): each scenario's changes in effect by then, on that year's projected data; the cost is of all its changes.",
            )
        };
        ui.label(RichText::new(format!("{y}{text}")).color(colors::NEAR));
    }
    if cols.len() == 1 {
        ui.label(tr.s(
            "还没有方案。在“方案”页新建方案后，这里并排比较现状与各方案。",
            "No scenario yet. Create one on the Scenario page to compare it with the baseline here.",
        ));
        if ui.button(tr.s("新建方案", "New scenario")).clicked() {
            commands.push(Command::NewScenario);
            commands.push(Command::SetPanel(super::super::Panel::Scenario));
        }
    }
    if cols.len() > 1 {
        chart(app, ui, cols);
    }
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("compare")
            .striped(true)
            .min_col_width(110.0)
            .show(ui, |ui| {
                ui.strong(tr.s("项目", "Item"));
                for c in cols.iter() {
                    ui.strong(&c.name);
                }
                ui.end_row();
                ui.label(tr.s("资源配置", "Resource allocation"));
                for c in cols.iter() {
                    match &c.result {
                        Ok(ev) => ui.label(super::verdict_label(tr, ev.resource_allocation_met)),
                        Err(e) => ui.label(RichText::new(e).color(colors::BELOW)),
                    };
                }
                ui.end_row();
                for level in Level::BOTH {
                    let lname = format::level(tr, level);
                    ui.label(format!("{lname}{}", tr.s("达标单元", " sections passing")));
                    for c in cols.iter() {
                        match &c.result {
                            Ok(ev) => {
                                let s = ev.summary_of(level);
                                ui.label(
                                    RichText::new(format!("{} / {}", s.passing, s.units)).color(
                                        if s.passing == s.units {
                                            colors::MET
                                        } else {
                                            colors::BELOW
                                        },
                                    ),
                                )
                            }
                            Err(_) => ui.label(""),
                        };
                    }
                    ui.end_row();
                }
                for level in Level::BOTH {
                    for (k, ind) in standard.indicators.iter().enumerate() {
                        ui.label(format!(
                            "{} {}{}",
                            format::level(tr, level),
                            ind.short(tr.zh()),
                            tr.s(" 差异系数", " CV")
                        ));
                        for c in cols.iter() {
                            match c.result.as_ref().ok().and_then(|ev| ev.cv_of(level).get(k)) {
                                Some(r) => ui.label(
                                    RichText::new(format::cv_against(r.cv, r.limit))
                                        .color(if r.met { colors::MET } else { colors::BELOW }),
                                ),
                                None => ui.label(""),
                            };
                        }
                        ui.end_row();
                    }
                }
                ui.label(tr.s("未达标的评估单元", "Sections failing"));
                for c in cols.iter() {
                    match &c.result {
                        Ok(ev) => {
                            ui.label(ev.units.iter().filter(|u| !u.passes).count().to_string())
                        }
                        Err(_) => ui.label(""),
                    };
                }
                ui.end_row();
                ui.label(tr.s(
                    "仍有学校未达标的指标",
                    "Indicators some section still misses",
                ));
                for c in cols.iter() {
                    match &c.result {
                        Ok(ev) => {
                            let missing: Vec<String> = standard
                                .indicators
                                .iter()
                                .enumerate()
                                .filter_map(|(k, ind)| {
                                    let n =
                                        ev.units.iter().filter(|u| !u.indicators[k].met).count();
                                    (n > 0).then(|| format!("{}×{n}", ind.short(tr.zh())))
                                })
                                .collect();
                            ui.label(if missing.is_empty() {
                                tr.s("无", "none").to_string()
                            } else {
                                missing.join(tr.s("、", ", "))
                            })
                        }
                        Err(_) => ui.label(""),
                    };
                }
                ui.end_row();
                ui.label(tr.s("超限的差异系数", "CVs over the limit"));
                for c in cols.iter() {
                    match &c.result {
                        Ok(ev) => {
                            let over: Vec<String> = Level::BOTH
                                .iter()
                                .flat_map(|&l| {
                                    standard
                                        .indicators
                                        .iter()
                                        .zip(ev.cv_of(l))
                                        .filter(|(_, r)| !r.met)
                                        .map(move |(i, _)| {
                                            format!("{}{}", format::level(tr, l), i.short(tr.zh()))
                                        })
                                })
                                .collect();
                            ui.label(if over.is_empty() {
                                tr.s("无", "none").to_string()
                            } else {
                                over.join(tr.s("、", ", "))
                            })
                        }
                        Err(_) => ui.label(""),
                    };
                }
                ui.end_row();
                ui.label(tr.s("费用（万元）", "Cost (×10k yuan)"));
                for c in cols.iter() {
                    ui.label(format::wan(c.cost));
                }
                ui.end_row();
            });
    });
    for c in commands {
        app.command(c);
    }
}

/// The baseline and the scenarios side by side: per level, the share of sections passing, and the
/// share of CVs within their limits, each bar named on hover.
fn chart(app: &Ctx, ui: &mut egui::Ui, cols: &[crate::workspace::Column]) {
    use egui_plot::{Bar, BarChart, HLine};
    let tr = app.tr();
    let names: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
    let series = [
        (Level::Primary, false, colors::THRESHOLD),
        (Level::Junior, false, colors::NEAR),
        (Level::Primary, true, colors::THRESHOLD.gamma_multiply(0.45)),
        (Level::Junior, true, colors::NEAR.gamma_multiply(0.45)),
    ];
    let mut charts = Vec::new();
    let mut legend = Vec::new();
    for (s, &(level, cvs, color)) in series.iter().enumerate() {
        let bars: Vec<Bar> = cols
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let ev = c.result.as_ref().ok()?;
                let sum = ev.summary_of(level);
                let (part, whole) = if cvs {
                    (sum.cv_met, ev.cv_of(level).len())
                } else {
                    (sum.passing, sum.units)
                };
                (whole > 0).then(|| {
                    let share = part as f64 / whole as f64 * 100.0;
                    Bar::new(i as f64 - 0.3 + 0.2 * s as f64, share)
                        .width(0.18)
                        .fill(color)
                        .name(format!(
                            "{} · {}{} {part}/{whole}",
                            c.name,
                            format::level(tr, level),
                            if cvs {
                                tr.s("差异系数达标", " CVs met")
                            } else {
                                tr.s("达标单元", " sections passing")
                            }
                        ))
                })
            })
            .collect();
        let name = format!(
            "{}{}",
            format::level(tr, level),
            if cvs {
                tr.s("差异系数达标 %", " CVs met %")
            } else {
                tr.s("达标单元 %", " sections passing %")
            }
        );
        legend.push((color, name.clone()));
        charts.push(BarChart::new(name, bars).element_formatter(Box::new(|b, _| b.name.clone())));
    }
    super::charts::category_plot("compare-chart", 220.0, names, 110.0).show(ui, |plot| {
        for c in charts {
            plot.bar_chart(c);
        }
        plot.hline(
            HLine::new(tr.s("全部达标", "all"), 100.0)
                .color(colors::MET)
                .width(1.0),
        );
    });
    // The legend under the chart, its swatches the bars' colours.
    ui.horizontal_wrapped(|ui| {
        for (color, name) in legend {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, color);
            ui.label(name);
        }
    });
}
