//! The charts: CVs against their limit, and one indicator across sections against its threshold.

use super::super::format::{self, colors};
use super::super::{Ctx, Tr};
use crate::evaluate::{CvResult, Evaluation, Unit};
use crate::model::Level;
use crate::standard::Standard;
use eframe::egui::{self, Color32};
use egui_plot::{Bar, BarChart, GridInput, GridMark, HLine, LineStyle, Plot, PlotPoint, Text};

/// The level's 7 CVs as bars against the limit line, green within and red over.
pub fn cv_chart(
    ui: &mut egui::Ui,
    tr: Tr,
    standard: &Standard,
    cvs: &[CvResult],
    baseline: Option<&[CvResult]>,
    level: Level,
    height: f32,
) -> egui::Response {
    let zh = tr.zh();
    let limit = standard.cv_limit(level);
    let bars: Vec<Bar> = cvs
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let ind = &standard.indicators[k];
            let hover = if zh {
                format!(
                    "{}\n差异系数 {}（限值 {:.2}）\n均值 {}  标准差 {}",
                    ind.name(true),
                    format::cv_against(r.cv, r.limit),
                    r.limit,
                    format::indicator_value(ind, r.mean),
                    format::indicator_value(ind, r.sd)
                )
            } else {
                format!(
                    "{}\nCV {} (limit {:.2})\nmean {}  SD {}",
                    ind.name(false),
                    format::cv_against(r.cv, r.limit),
                    r.limit,
                    format::indicator_value(ind, r.mean),
                    format::indicator_value(ind, r.sd)
                )
            };
            Bar::new(k as f64, r.cv)
                .width(0.6)
                .name(hover)
                .fill(if r.met { colors::MET } else { colors::BELOW })
        })
        .collect();
    let names: Vec<String> = standard
        .indicators
        .iter()
        .map(|i| i.short(zh).to_string())
        .collect();
    let max = cvs
        .iter()
        .chain(baseline.unwrap_or_default())
        .map(|r| r.cv)
        .fold(limit, f64::max);
    let ghost = baseline.map(|b| ghost_chart(tr, b.iter().map(|r| r.cv).enumerate(), 0.78));
    category_plot(("cv-chart", level), height, names, max * 1.15)
        .show(ui, |plot| {
            if let Some(ghost) = ghost {
                plot.bar_chart(ghost);
            }
            plot.bar_chart(
                BarChart::new(tr.s("差异系数", "CV"), bars)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            let label = format!("{} {:.2}", tr.s("限值", "limit"), limit);
            plot.hline(
                HLine::new(label.clone(), limit)
                    .color(colors::THRESHOLD)
                    .width(2.0),
            );
            plot.text(
                Text::new("limit-label", PlotPoint::new(-0.5, limit), label)
                    .color(colors::THRESHOLD)
                    .anchor(egui::Align2::LEFT_BOTTOM),
            );
        })
        .response
}

/// What hovering a section's bar shows: school, students, value with its unit, and the gap
/// ("差 3 名骨干教师") or that it meets the threshold.
pub fn section_hover(tr: Tr, standard: &Standard, u: &Unit, k: usize) -> String {
    let ind = &standard.indicators[k];
    let r = &u.indicators[k];
    let gap = u
        .gap(k, standard)
        .map(|g| format::gap(tr, &g))
        .unwrap_or_else(|| tr.s("已达标", "meets the threshold").to_string());
    if tr.zh() {
        format!(
            "{}（{}）\n学生 {} 人\n{} {}\n{gap}",
            u.name,
            format::level(tr, u.level),
            format::thousands(u.students),
            format::indicator_against(ind, r.value, r.threshold),
            ind.unit(true)
        )
    } else {
        format!(
            "{} ({})\n{} students\n{} {}\n{gap}",
            u.name,
            format::level(tr, u.level),
            format::thousands(u.students),
            format::indicator_against(ind, r.value, r.threshold),
            ind.unit(false)
        )
    }
}

/// A chart that can be saved as an image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChartSpec {
    Cv(Level),
    Indicator(Level, usize),
}

impl ChartSpec {
    /// A file name for the image.
    pub fn file_stem(self, app: &crate::app::AppState) -> String {
        match self {
            ChartSpec::Cv(l) => format!("差异系数-{}", l.zh()),
            ChartSpec::Indicator(l, k) => format!(
                "{}-{}",
                app.standard()
                    .indicators
                    .get(k)
                    .map_or("指标", |i| i.short(true)),
                l.zh()
            ),
        }
    }
}

/// Draws a chart on its own, with a title, for an image.
pub fn draw_spec(app: &Ctx, spec: ChartSpec, ui: &mut egui::Ui) {
    let tr = app.tr();
    let ev = app.shown();
    let base = app.comparing().then_some(&app.derived.baseline);
    egui::CentralPanel::default().show(ui, |ui| {
        let height = ui.available_height() - 40.0;
        match spec {
            ChartSpec::Cv(level) => {
                ui.heading(format!(
                    "{} {}",
                    format::level(tr, level),
                    tr.s("校际差异系数", "CVs")
                ));
                cv_chart(
                    ui,
                    tr,
                    app.standard(),
                    ev.cv_of(level),
                    base.map(|b| b.cv_of(level)),
                    level,
                    height,
                );
            }
            ChartSpec::Indicator(level, k) => {
                if let Some(ind) = app.standard().indicators.get(k) {
                    ui.heading(format!(
                        "{} {}",
                        format::level(tr, level),
                        ind.name(tr.zh())
                    ));
                    indicator_chart(ui, tr, app.standard(), ev, base, (level, k), height);
                }
            }
        }
    });
}

/// The context menu every chart has: save it as a PNG image at 2× scale.
pub fn chart_menu(
    response: &egui::Response,
    tr: Tr,
    spec: ChartSpec,
    commands: &mut Vec<crate::app::Command>,
) {
    response.context_menu(|ui| {
        if ui
            .button(tr.s("保存为 PNG 图片（2 倍清晰度）", "Save as PNG (2× scale)"))
            .clicked()
        {
            commands.push(crate::app::Command::ExportChart(spec));
            ui.close();
        }
    });
}

/// The baseline drawn behind a scenario: outlined, unfilled bars (ghosts).
fn ghost_chart(tr: Tr, values: impl Iterator<Item = (usize, f64)>, width: f64) -> BarChart {
    let bars = values
        .map(|(i, v)| {
            Bar::new(i as f64, v)
                .width(width)
                .fill(Color32::TRANSPARENT)
                .stroke(egui::Stroke::new(1.5, colors::FLOOR))
        })
        .collect();
    BarChart::new(tr.s("现状", "baseline"), bars).allow_hover(false)
}

/// The height one named bar of a horizontal chart needs (its name on the axis, readable).
const ROW_HEIGHT: f32 = 22.0;

/// One indicator at one level: a horizontal bar per section, every one named on the axis, the
/// lowest at the top, coloured met / within 85% / below 85%, each with its value; the threshold
/// and 85% lines labelled at their top ends. A county with more sections than fit shows its
/// lowest and says how many more reach the threshold. Hover shows the school, students, value and
/// gap; with a scenario the baseline is drawn as outlines.
/// How many sections' bars a chart of this height draws, names and all.
pub fn rows_in(height: f32) -> usize {
    ((height - 40.0) / ROW_HEIGHT).floor().max(3.0) as usize
}

/// The height a chart needs to draw `n` sections.
pub fn height_for(n: usize) -> f32 {
    n as f32 * ROW_HEIGHT + 41.0
}

pub fn indicator_chart(
    ui: &mut egui::Ui,
    tr: Tr,
    standard: &Standard,
    ev: &Evaluation,
    baseline: Option<&Evaluation>,
    (level, k): (Level, usize),
    height: f32,
) -> egui::Response {
    let ind = &standard.indicators[k];
    let zh = tr.zh();
    let mut units: Vec<&Unit> = ev.units_of(level).collect();
    // Highest first: drawn from the bottom up, so the lowest are at the top.
    units.sort_by(|a, b| {
        b.indicators[k]
            .value
            .total_cmp(&a.indicators[k].value)
            .then_with(|| a.school_id.cmp(&b.school_id))
    });
    let rows = rows_in(height);
    let hidden = units.len().saturating_sub(rows);
    let units = &units[hidden..];
    let threshold = ind.threshold(level);
    let floor = threshold * standard.def.school_rule.floor_ratio;
    let labels = units.len() <= 40;
    let bars: Vec<Bar> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let r = &u.indicators[k];
            let hover = section_hover(tr, standard, u, k);
            Bar::new(i as f64, r.value)
                .width(0.7)
                .name(hover)
                .fill(format::status_color(r.met, r.above_floor))
        })
        .collect();
    let ghost_values: Vec<(usize, f64)> = match baseline {
        Some(b) => units
            .iter()
            .enumerate()
            .filter_map(|(i, u)| crate::evaluate::compare::baseline_value(b, u, k).map(|v| (i, v)))
            .collect(),
        None => Vec::new(),
    };
    let max = units
        .iter()
        .map(|u| u.indicators[k].value)
        .chain(ghost_values.iter().map(|(_, v)| *v))
        .fold(threshold, f64::max);
    let ghost = baseline.map(|_| ghost_chart(tr, ghost_values.into_iter(), 0.85).horizontal());
    let n = units.len();
    let names: Vec<String> = units.iter().map(|u| u.name.clone()).collect();
    let widest = names.iter().map(|s| s.chars().count()).max().unwrap_or(4) as f32;
    let values: Vec<(f64, String)> = units
        .iter()
        .map(|u| {
            let r = &u.indicators[k];
            (r.value, format::indicator_against(ind, r.value, threshold))
        })
        .collect();
    let response = Plot::new(("indicator-chart", level, k))
        .height(height - if hidden > 0 { 22.0 } else { 0.0 })
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid([true, false])
        .include_x(0.0)
        .include_x(max * 1.18)
        .include_y(-0.6)
        .include_y(n as f64 + 0.2)
        .y_axis_min_width(widest * 15.0 + 8.0)
        .y_grid_spacer(category_marks(n))
        .y_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .label_formatter(|_| None)
        .show(ui, |plot| {
            if let Some(ghost) = ghost {
                plot.bar_chart(ghost);
            }
            plot.bar_chart(
                BarChart::new(ind.short(zh).to_string(), bars)
                    .horizontal()
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            if labels {
                for (i, (v, text)) in values.iter().enumerate() {
                    plot.text(
                        Text::new("", PlotPoint::new(*v, i as f64), format!(" {text}"))
                            .anchor(egui::Align2::LEFT_CENTER)
                            .color(ui_text_color()),
                    );
                }
            }
            // A threshold of 0 is "none" (the indicator only enters the CV): no lines.
            if threshold > 0.0 {
                let top = n as f64 - 0.35;
                plot.vline(
                    egui_plot::VLine::new(tr.s("标准值", "threshold"), threshold)
                        .color(colors::THRESHOLD)
                        .width(2.0),
                );
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(threshold, top),
                        format!(
                            "{} {}",
                            tr.s("标准值", "threshold"),
                            format::indicator_threshold(ind, threshold)
                        ),
                    )
                    .anchor(egui::Align2::LEFT_BOTTOM)
                    .color(colors::THRESHOLD),
                );
                let ratio = standard.def.school_rule.floor_ratio;
                if ratio > 0.0 && ratio < 1.0 {
                    plot.vline(
                        egui_plot::VLine::new("85%", floor)
                            .color(colors::FLOOR)
                            .style(LineStyle::dashed_loose())
                            .width(1.5),
                    );
                    plot.text(
                        Text::new(
                            "",
                            PlotPoint::new(floor, top),
                            format!(
                                "{:.0}% {} ",
                                ratio * 100.0,
                                format::indicator_value(ind, floor)
                            ),
                        )
                        .anchor(egui::Align2::RIGHT_BOTTOM)
                        .color(colors::FLOOR),
                    );
                }
            }
        })
        .response;
    if hidden > 0 {
        ui.label(if zh {
            format!("另有 {hidden} 所学校（段）数值更高，未列出；图中为最低的 {n} 所")
        } else {
            format!("{hidden} more sections with higher values are not drawn; the lowest {n} are")
        });
    }
    response
}

/// The text colour of chart labels (dark on light slides, light on dark).
fn ui_text_color() -> Color32 {
    Color32::from_gray(110)
}

/// A bar chart with one named category per bar: fixed (no drag or zoom: these charts are read,
/// not explored), a label under every bar, y from 0 to `max_y`, hover text from the bars.
pub fn category_plot<'a>(
    id: impl egui::AsIdSalt,
    height: f32,
    names: Vec<String>,
    max_y: f64,
) -> Plot<'a> {
    let n = names.len();
    Plot::new(id)
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid([false, true])
        .include_y(0.0)
        .include_y(max_y)
        .include_x(-1.0)
        .include_x(n as f64)
        .x_grid_spacer(category_marks(n))
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .label_formatter(|_| None)
}

/// One axis mark per category (bar), so every bar's name is drawn.
pub fn category_marks(n: usize) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |input: GridInput| {
        (0..n)
            .map(|i| i as f64)
            .filter(|&v| v >= input.bounds.0 && v <= input.bounds.1)
            .map(|value| GridMark {
                value,
                step_size: 1.0,
            })
            .collect()
    }
}

/// A small legend of the bar colours.
pub fn status_legend(ui: &mut egui::Ui, tr: Tr) {
    ui.horizontal(|ui| {
        for (color, text) in [
            (colors::MET, tr.s("达到标准值", "meets threshold")),
            (colors::NEAR, tr.s("不低于 85%", "at least 85%")),
            (colors::BELOW, tr.s("低于 85%", "below 85%")),
        ] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, color);
            ui.label(text);
        }
    });
}

/// Text colour for pass/fail words.
pub fn pass_color(pass: bool) -> Color32 {
    if pass {
        colors::MET
    } else {
        colors::BELOW
    }
}
