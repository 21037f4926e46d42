//! 县区对比: in data of several counties, each county judged on its own and ranked — its sections
//! passing, its 14 CVs against the limits, what fails — with a chart of the counties side by
//! side. A county's name shows it in every other view.

use super::super::format::{self, colors};
use super::super::{Command, Ctx};
use super::charts::category_plot;
use crate::model::Level;
use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, HLine};

/// Counties drawn with their names under the bars; more are named on hover.
const NAMED_BARS: usize = 30;

pub fn show(app: &Ctx, ui: &mut egui::Ui) {
    let tr = app.tr();
    let zh = tr.zh();
    let ranking = &app.derived.county_ranking;
    if ranking.is_empty() {
        ui.label(tr.s(
            "数据中没有县区列，或只有一个县区。含多个县区（县区、区县或统计三级列）的文件在这里逐县对比。",
            "The data names no county, or only one. A file of several counties (a 县区, 区县 or 统计三级 column) is compared county by county here.",
        ));
        return;
    }
    let standard = app.standard();
    let met = ranking.iter().filter(|r| r.resource_allocation_met).count();
    ui.heading(tr.s("县区对比", "Counties compared"));
    ui.label(if zh {
        format!(
            "{} 个县区，各自分别评估（差异系数在县内计算），{met} 个县区资源配置达标。按达标单元比例、差异系数达标项排序；点击县区名称，所有页面改为显示该县区。",
            ranking.len()
        )
    } else {
        format!(
            "{} counties, each judged on its own (CVs within the county); {met} meet the resource-allocation standard. Ranked by share of sections passing, then CVs met; click a county to show it in every view.",
            ranking.len()
        )
    });
    let mut commands = Vec::new();

    // The chart: share of sections passing, one bar per county in rank order.
    let names: Vec<String> = if ranking.len() <= NAMED_BARS {
        ranking.iter().map(|r| r.county.clone()).collect()
    } else {
        Vec::new()
    };
    let bars: Vec<Bar> = ranking
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let hover = if zh {
                format!(
                    "{}：达标单元 {}/{}（{:.1}%），差异系数 {}/{} 项达标",
                    r.county,
                    r.passing,
                    r.units,
                    r.passing_share * 100.0,
                    r.cv_met,
                    r.cv_total
                )
            } else {
                format!(
                    "{}: {}/{} sections pass ({:.1}%), {}/{} CVs met",
                    r.county,
                    r.passing,
                    r.units,
                    r.passing_share * 100.0,
                    r.cv_met,
                    r.cv_total
                )
            };
            Bar::new(i as f64 - 0.19, r.passing_share * 100.0)
                .width(0.36)
                .name(hover)
                .fill(if r.resource_allocation_met {
                    colors::MET
                } else if r.cv_met == r.cv_total {
                    colors::NEAR
                } else {
                    colors::BELOW
                })
        })
        .collect();
    // Beside each: the share of its CVs within their limits.
    let cv_bars: Vec<Bar> = ranking
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let share = if r.cv_total == 0 {
                0.0
            } else {
                r.cv_met as f64 / r.cv_total as f64
            };
            Bar::new(i as f64 + 0.19, share * 100.0)
                .width(0.36)
                .name(if zh {
                    format!("{}：差异系数 {}/{} 项达标", r.county, r.cv_met, r.cv_total)
                } else {
                    format!("{}: {}/{} CVs met", r.county, r.cv_met, r.cv_total)
                })
                .fill(colors::THRESHOLD.gamma_multiply(0.55))
        })
        .collect();
    let shown = app.workspace.shown_county.clone();
    let shown_at = ranking
        .iter()
        .position(|r| Some(&r.county) == shown.as_ref());
    category_plot("counties-chart", 220.0, names, 105.0)
        .y_axis_label("%")
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::RightTop))
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new(tr.s("达标单元比例", "sections passing"), bars)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            plot.bar_chart(
                BarChart::new(tr.s("差异系数达标比例", "CVs met"), cv_bars)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            plot.hline(
                HLine::new(tr.s("全部达标", "all pass"), 100.0)
                    .color(colors::THRESHOLD)
                    .width(1.5),
            );
            if let Some(i) = shown_at {
                plot.vline(
                    egui_plot::VLine::new(tr.s("当前县区", "shown"), i as f64)
                        .color(colors::FLOOR)
                        .width(1.0),
                );
            }
        });
    ui.horizontal(|ui| {
        for (color, text) in [
            (colors::MET, tr.s("资源配置达标", "resource allocation met")),
            (
                colors::NEAR,
                tr.s(
                    "差异系数全部达标，学校未全部达标",
                    "CVs met, schools not all passing",
                ),
            ),
            (colors::BELOW, tr.s("有差异系数超限", "a CV over its limit")),
        ] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, color);
            ui.label(text);
        }
    });
    ui.separator();

    // The table: one row per county, its 14 CVs coloured against their limits.
    let n_ind = standard.indicators.len();
    TableBuilder::new(ui)
        .id_salt("counties-table")
        .striped(true)
        .resizable(true)
        .column(Column::auto())
        .column(Column::initial(110.0).at_least(70.0).clip(true))
        .column(Column::auto())
        .column(Column::auto())
        .column(Column::auto())
        .columns(Column::initial(58.0).at_least(48.0), 2 * n_ind)
        .column(Column::remainder().at_least(160.0).clip(true))
        .header(44.0, |mut header| {
            for title in [
                tr.s("名次", "Rank"),
                tr.s("县区", "County"),
                tr.s("达标单元", "Passing"),
                tr.s("差异系数", "CVs met"),
                tr.s("资源配置", "Resources"),
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
            for level in Level::BOTH {
                for ind in &standard.indicators {
                    header.col(|ui| {
                        ui.vertical(|ui| {
                            ui.small(format::level(tr, level));
                            ui.strong(ind.short(zh));
                        })
                        .response
                        .on_hover_text(ind.name(zh));
                    });
                }
            }
            header.col(|ui| {
                ui.strong(tr.s("未达标", "Failing"));
            });
        })
        .body(|body| {
            body.rows(26.0, ranking.len(), |mut row| {
                let rank = row.index();
                let r = &ranking[rank];
                let Some(c) = app.derived.by_county.iter().find(|c| c.county == r.county) else {
                    return;
                };
                let ev = &c.evaluation;
                row.col(|ui| {
                    ui.label((rank + 1).to_string());
                });
                row.col(|ui| {
                    let text = if Some(&r.county) == shown.as_ref() {
                        RichText::new(format!("▶ {}", r.county)).strong()
                    } else {
                        RichText::new(&r.county)
                    };
                    if ui
                        .link(text)
                        .on_hover_text(
                            tr.s("在所有页面显示该县区", "Show this county in every view"),
                        )
                        .clicked()
                    {
                        commands.push(Command::SelectCounty(r.county.clone()));
                    }
                });
                row.col(|ui| {
                    ui.label(format!(
                        "{}/{} ({:.1}%)",
                        r.passing,
                        r.units,
                        r.passing_share * 100.0
                    ));
                });
                row.col(|ui| {
                    ui.label(
                        RichText::new(format!("{}/{}", r.cv_met, r.cv_total))
                            .color(super::charts::pass_color(r.cv_met == r.cv_total)),
                    );
                });
                row.col(|ui| {
                    ui.label(super::verdict_label(tr, r.resource_allocation_met));
                });
                for level in Level::BOTH {
                    let cvs = ev.cv_of(level);
                    for k in 0..n_ind {
                        row.col(|ui| match cvs.get(k) {
                            Some(cv) => super::colored_cell(
                                ui,
                                &format::cv_against(cv.cv, cv.limit),
                                if cv.met { colors::MET } else { colors::BELOW },
                            ),
                            None => {
                                ui.weak("—");
                            }
                        });
                    }
                }
                row.col(|ui| {
                    let failing = format::failing_cvs(ev, standard, zh);
                    let not_passing = r.units - r.passing;
                    let mut parts = Vec::new();
                    if not_passing > 0 {
                        parts.push(if zh {
                            format!("{not_passing} 个单元未达标")
                        } else {
                            format!("{not_passing} sections fail")
                        });
                    }
                    parts.extend(failing);
                    ui.label(parts.join(tr.s("；", "; ")));
                });
            });
        });
    for c in commands {
        app.command(c);
    }
}
