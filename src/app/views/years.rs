//! 年度推演: the settings of the projection (years, survival, grade-1 trend — saved with the
//! project), and what they give: per level each CV by year against its limit, sections passing
//! by year, a school × year grid, and the sections that pass now and fail later.

use super::super::format::{self, colors};
use super::super::{Command, Ctx, Tr};
use super::years_inputs::{self, YearsForm};
use crate::model::Level;
use crate::timeline::Timeline;
use eframe::egui::{self, RichText};
use egui_plot::{HLine, Legend, Line, Plot, PlotPoints};

/// Sections listed in the school × year grid (the rest are counted).
const GRID_ROWS: usize = 80;

pub fn show(app: &Ctx, form: &mut YearsForm, ui: &mut egui::Ui) {
    let tr = app.tr();
    let mut commands = Vec::new();
    egui::ScrollArea::vertical()
        .id_salt("years-page")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            years_inputs::settings(app, form, ui, tr, &mut commands);
            ui.collapsing(tr.s("招生表与往年实际数据", "Intake table and past years"), |ui| {
                years_inputs::intake(app, form, ui, tr, &mut commands);
                ui.separator();
                years_inputs::past(app, form, ui, tr, &mut commands);
            });
            ui.separator();
            if app.derived.years_pending() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr.s("正在推演各年…", "Projecting the years…"));
                });
                return;
            }
            let Some(years) = &app.derived.years else {
                ui.label(tr.s(
                    "设置基年和推演到的年份后，按年级推演在校生数，逐年评估；工具栏的“年份”让每个页面显示所选年份。数据需有一年级至九年级在校生数（grade_1…grade_9）和对口初中（feeds_into）。",
                    "Set the base year and the last year: enrolment is projected grade by grade and every year judged; the toolbar's Year makes every view show that year. The data needs grade_1 … grade_9 and feeds_into.",
                ));
                return;
            };
            match years.shown() {
                Ok(t) => results(app, t, &years.past, ui, tr, &mut commands),
                Err(e) => {
                    ui.label(RichText::new(e).color(colors::BELOW));
                }
            }
        });
    for c in commands {
        app.command(c);
    }
}

/// One axis mark per year from `first` to `last` (every other year past 12 of them), so every
/// year shown is named and none is a fraction.
fn year_marks(first: f64, last: f64) -> impl Fn(egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let every = if last - first > 12.0 { 2.0 } else { 1.0 };
    move |input: egui_plot::GridInput| {
        let mut out = Vec::new();
        let mut y = first;
        while y <= last + 1e-9 {
            if y >= input.bounds.0 && y <= input.bounds.1 {
                out.push(egui_plot::GridMark {
                    value: y,
                    step_size: every,
                });
            }
            y += every;
        }
        out
    }
}

/// An indicator's colour in the charts of the years (the reports use the same).
fn line_color(k: usize) -> egui::Color32 {
    let (r, g, b) = crate::report::SERIES_RGB[k % crate::report::SERIES_RGB.len()];
    egui::Color32::from_rgb(r, g, b)
}

/// A series over the years as two lines: the actual years (past data and the base year) solid,
/// the projected years (from the base year on) dashed.
fn solid_dashed(
    plot: &mut egui_plot::PlotUi,
    name: &str,
    color: egui::Color32,
    width: f32,
    actual: Vec<[f64; 2]>,
    projected: Vec<[f64; 2]>,
) {
    if actual.len() > 1 {
        plot.line(
            Line::new(name, PlotPoints::from(actual))
                .color(color)
                .width(width),
        );
    }
    plot.line(
        Line::new(name, PlotPoints::from(projected))
            .color(color)
            .width(width)
            .style(egui_plot::LineStyle::dashed_loose()),
    );
}

/// Each indicator's CV of one level by year against the limit: the past years' actual data and
/// the base year solid, the projected years dashed (the 年度推演 page and its slide).
pub fn cv_plot(
    app: &Ctx,
    t: &Timeline,
    past: &[crate::timeline::Year],
    level: Level,
    height: f32,
    ui: &mut egui::Ui,
    tr: Tr,
) {
    let standard = app.standard();
    let zh = tr.zh();
    let (first, last) = (
        past.first()
            .or(t.years.first())
            .map_or(0.0, |y| f64::from(y.year)),
        t.years.last().map_or(0.0, |y| f64::from(y.year)),
    );
    let span = (last - first) as i32;
    let actual: Vec<&crate::timeline::Year> = past.iter().chain(t.years.first()).collect();
    let limit = standard.cv_limit(level);
    Plot::new(("years-cv", level))
        .height(height)
        .legend(Legend::default().position(egui_plot::Corner::RightTop))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(limit * 1.2)
        // Room right of the last year for the legend, off the lines.
        .include_x(last + f64::from(span) * 0.35 + 0.5)
        .x_grid_spacer(year_marks(first, last))
        .x_axis_formatter(|m, _| format!("{:.0}", m.value))
        .show(ui, |plot| {
            for (k, ind) in standard.indicators.iter().enumerate() {
                let cv = |y: &&crate::timeline::Year| {
                    y.evaluation
                        .cv_of(level)
                        .get(k)
                        .map(|c| [f64::from(y.year), c.cv])
                };
                solid_dashed(
                    plot,
                    ind.short(zh),
                    line_color(k),
                    2.0,
                    actual.iter().filter_map(cv).collect(),
                    t.years.iter().filter_map(|y| cv(&y)).collect(),
                );
            }
            plot.hline(
                HLine::new(tr.s("限值", "limit"), limit)
                    .color(colors::BELOW)
                    .width(1.5),
            );
        });
}

fn results(
    app: &Ctx,
    t: &Timeline,
    past: &[crate::timeline::Year],
    ui: &mut egui::Ui,
    tr: Tr,
    commands: &mut Vec<Command>,
) {
    let levels: Vec<Level> = t.levels();
    let height = 240.0;
    // The actual years: the past years' data and the base year's.
    let actual: Vec<&crate::timeline::Year> = past.iter().chain(t.years.first()).collect();
    let (first, last) = (
        actual.first().map_or(0.0, |y| f64::from(y.year)),
        t.years.last().map_or(0.0, |y| f64::from(y.year)),
    );
    if !past.is_empty() {
        ui.label(
            RichText::new(tr.s(
                "实线：实际数据；虚线：推演。",
                "Solid: actual data; dashed: projected.",
            ))
            .small(),
        );
    }
    ui.columns(levels.len().max(1), |cols| {
        for (ui, &level) in cols.iter_mut().zip(&levels) {
            ui.label(
                RichText::new(format!(
                    "{}{}",
                    format::level(tr, level),
                    tr.s(" 差异系数（逐年）", " CVs by year")
                ))
                .strong(),
            );
            cv_plot(app, t, past, level, height, ui, tr);
            ui.label(
                RichText::new(format!(
                    "{}{}",
                    format::level(tr, level),
                    tr.s(" 达标学校（逐年）", " sections passing by year")
                ))
                .strong(),
            );
            Plot::new(("years-passing", level))
                .height(height * 0.7)
                .allow_drag(false)
                .allow_zoom(false)
                .allow_scroll(false)
                .include_y(0.0)
                .x_grid_spacer(year_marks(first, last))
                .x_axis_formatter(|m, _| format!("{:.0}", m.value))
                .show(ui, |plot| {
                    let at = |f: fn(&crate::evaluate::LevelSummary) -> usize| {
                        move |y: &&crate::timeline::Year| {
                            [f64::from(y.year), f(y.evaluation.summary_of(level)) as f64]
                        }
                    };
                    let projected: Vec<&crate::timeline::Year> = t.years.iter().collect();
                    solid_dashed(
                        plot,
                        tr.s("达标", "passing"),
                        colors::MET,
                        2.5,
                        actual.iter().map(at(|s| s.passing)).collect(),
                        projected.iter().map(at(|s| s.passing)).collect(),
                    );
                    solid_dashed(
                        plot,
                        tr.s("评估单元", "sections"),
                        colors::FLOOR,
                        1.5,
                        actual.iter().map(at(|s| s.units)).collect(),
                        projected.iter().map(at(|s| s.units)).collect(),
                    );
                });
        }
    });
    ui.add_space(8.0);
    ui.label(
        RichText::new(tr.s(
            "基年达标、之后首次未达标的学校",
            "Sections passing in the base year that fail later",
        ))
        .strong(),
    );
    if t.first_failures.is_empty() {
        ui.label(tr.s(
            "基年达标的学校在推演年份内都保持达标。",
            "Every section passing in the base year keeps passing.",
        ));
    }
    egui::Grid::new("first-failures")
        .striped(true)
        .show(ui, |ui| {
            for f in t.first_failures.iter().take(GRID_ROWS) {
                if ui.link(format!("{}", f.year)).clicked() {
                    commands.push(Command::SelectYear(Some(f.year)));
                }
                ui.label(format!("{}（{}）", f.name, format::level(tr, f.level)));
                ui.label(RichText::new(&f.reason).color(colors::BELOW));
                ui.end_row();
            }
        });
    if t.first_failures.len() > GRID_ROWS {
        ui.label(format!(
            "{}{}",
            t.first_failures.len() - GRID_ROWS,
            tr.s(" 所未列出", " more not listed")
        ));
    }
    ui.add_space(8.0);
    grid(t, ui, tr);
    if !t.notes.is_empty() {
        ui.collapsing(
            format!("{}（{}）", tr.s("说明", "Notes"), t.notes.len()),
            |ui| {
                for n in t.notes.iter().take(200) {
                    ui.label(RichText::new(n).small());
                }
            },
        );
    }
}

/// Each section by year: 达标 (green), every indicator at least 85 % (amber), 未达标 (red).
fn grid(t: &Timeline, ui: &mut egui::Ui, tr: Tr) {
    let Some(base) = t.years.first() else {
        return;
    };
    ui.label(RichText::new(tr.s("学校 × 年份", "Sections by year")).strong());
    ui.label(
        RichText::new(tr.s(
            "√ 达标　≈ 未达标但各项不低于 85%　× 未达标",
            "√ passes   ≈ fails, every indicator ≥ 85%   × fails",
        ))
        .small(),
    );
    // Each year's sections by (school, level), once a frame: the sort and the cells look them
    // up instead of searching every year's list for every section.
    let index: Vec<_> = t
        .years
        .iter()
        .map(crate::timeline::Year::sections)
        .collect();
    // Sections that change first, then those failing throughout.
    let mut rows: Vec<_> = base.evaluation.units.iter().collect();
    rows.sort_by_cached_key(|u| {
        let v: Vec<bool> = index
            .iter()
            .filter_map(|y| y.get(&(u.school_id.as_str(), u.level)).map(|x| x.passes))
            .collect();
        (v.windows(2).all(|w| w[0] == w[1]), u.passes)
    });
    egui::Grid::new("years-grid").striped(true).show(ui, |ui| {
        ui.strong(tr.s("学校", "Section"));
        for y in &t.years {
            ui.strong(format!("{}", y.year));
        }
        ui.end_row();
        for u in rows.iter().take(GRID_ROWS) {
            ui.label(format!("{}（{}）", u.name, format::level(tr, u.level)));
            for y in &index {
                let cell = y.get(&(u.school_id.as_str(), u.level));
                let (text, color) = match cell {
                    Some(x) if x.passes => ("√", colors::MET),
                    Some(x) if x.indicators.iter().all(|r| r.above_floor) => ("≈", colors::NEAR),
                    Some(_) => ("×", colors::BELOW),
                    None => ("—", colors::FLOOR),
                };
                ui.label(RichText::new(text).color(color).strong());
            }
            ui.end_row();
        }
    });
    if rows.len() > GRID_ROWS {
        ui.label(format!(
            "{}{}",
            rows.len() - GRID_ROWS,
            tr.s(" 个评估单元未列出", " more sections not listed")
        ));
    }
}
