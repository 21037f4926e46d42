//! One section: its seven indicators as a percentage of threshold, what it lacks in units, and its
//! verdict with the reason.

use super::super::format::{self, colors};
use super::super::{Command, Ctx};
use super::{charts, empty_note, verdict_label, verdict_reason};
use eframe::egui::{self, RichText};
use egui_plot::{Bar, BarChart, HLine, LineStyle};

pub fn show(app: &Ctx, search: &mut String, ui: &mut egui::Ui) {
    let tr = app.tr();
    let ev = app.shown();
    let base = app.comparing().then_some(&app.derived.baseline);
    if ev.units.is_empty() {
        empty_note(ui, tr);
        return;
    }
    let mut commands = Vec::new();
    let selected = app.section.filter(|&i| i < ev.units.len()).unwrap_or(0);
    egui::Panel::left("school-list")
        .resizable(true)
        .default_size(260.0)
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::singleline(search).hint_text(tr.s("搜索学校", "Search schools")),
            );
            let needle = search.trim().to_lowercase();
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (i, u) in ev.units.iter().enumerate() {
                    if !needle.is_empty()
                        && !u.name.to_lowercase().contains(&needle)
                        && !u.school_id.to_lowercase().contains(&needle)
                    {
                        continue;
                    }
                    let mark = if u.passes { "√" } else { "×" };
                    let text = RichText::new(format!(
                        "{mark} {} · {}",
                        u.name,
                        format::level(tr, u.level)
                    ))
                    .color(charts::pass_color(u.passes));
                    if ui.selectable_label(i == selected, text).clicked() {
                        commands.push(Command::ShowSection(i));
                    }
                }
            });
        });
    let u = &ev.units[selected];
    let standard = &app.standard();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!("{} · {}", u.name, format::level(tr, u.level)));
            ui.heading(verdict_label(tr, u.passes));
        });
        ui.label(format!(
            "{} {} · {} {} {}",
            tr.s("学校标识码", "ID"),
            u.school_id,
            tr.s("在校生", "students"),
            format::thousands(u.students),
            tr.s("人", ""),
        ));
        if u.share < 1.0 {
            ui.label(format!(
                "{} {:.1}%",
                tr.s(
                    "一贯制学校：共享的校舍、场地、设备按加权学生数分摊，本学段占",
                    "Combined school: shared rooms, grounds and equipment are split by weighted enrolment; this section's share is"
                ),
                u.share * 100.0
            ));
        }
        if !u.merged_points.is_empty() {
            ui.label(format!(
                "{}{}",
                tr.s("并入的教学点：", "Merged teaching points: "),
                u.merged_points.join(", ")
            ));
        }
        ui.label(
            RichText::new(verdict_reason(tr, u, standard))
                .size(17.0)
                .color(charts::pass_color(u.passes)),
        );
        ui.add_space(4.0);
        let bars: Vec<Bar> = u
            .indicators
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let pct = if r.threshold > 0.0 { r.value / r.threshold * 100.0 } else { 0.0 };
                Bar::new(k as f64, pct)
                    .width(0.6)
                    .name(format!(
                        "{}\n{} / {}  ({:.0}%)",
                        standard.indicators[k].name(tr.zh()),
                        format::indicator_against(&standard.indicators[k], r.value, r.threshold),
                        format::indicator_threshold(&standard.indicators[k], r.threshold),
                        pct
                    ))
                    .fill(format::status_color(r.met, r.above_floor))
            })
            .collect();
        let names: Vec<String> = standard
            .indicators
            .iter()
            .map(|i| i.short(tr.zh()).to_string())
            .collect();
        let ghost: Option<Vec<Bar>> = base.map(|b| {
            u.indicators
                .iter()
                .enumerate()
                .filter_map(|(k, r)| {
                    let before = crate::evaluate::compare::baseline_value(b, u, k)?;
                    let pct = if r.threshold > 0.0 { before / r.threshold * 100.0 } else { 0.0 };
                    Some(
                        Bar::new(k as f64, pct)
                            .width(0.75)
                            .fill(egui::Color32::TRANSPARENT)
                            .stroke(egui::Stroke::new(1.5, colors::FLOOR)),
                    )
                })
                .collect()
        });
        let max = bars
            .iter()
            .chain(ghost.iter().flatten())
            .map(|b| b.value)
            .fold(120.0, f64::max);
        charts::category_plot(("school-chart", selected), 260.0, names, max * 1.05)
            .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
            .show(ui, |plot| {
                if let Some(g) = ghost {
                    plot.bar_chart(BarChart::new(tr.s("现状", "baseline"), g).allow_hover(false));
                }
                plot.bar_chart(
                    BarChart::new(tr.s("占标准值", "of threshold"), bars)
                        .element_formatter(Box::new(|bar, _| bar.name.clone())),
                );
                plot.hline(HLine::new("100%", 100.0).color(colors::THRESHOLD).width(2.0));
                plot.hline(
                    HLine::new("85%", 85.0)
                        .color(colors::FLOOR)
                        .style(LineStyle::dashed_loose()),
                );
            });
        egui::Grid::new("school-grid").striped(true).show(ui, |ui| {
            ui.strong(tr.s("指标", "Indicator"));
            ui.strong(tr.s("现值", "Value"));
            ui.strong(tr.s("标准值", "Threshold"));
            ui.strong(tr.s("占标准值", "Of threshold"));
            ui.strong(tr.s("缺口", "Lacks"));
            ui.strong(tr.s("调整（计入当前方案）", "Adjust (in the current scenario)"));
            ui.end_row();
            for (k, r) in u.indicators.iter().enumerate() {
                let ind = &standard.indicators[k];
                ui.label(format!("{}（{}）", ind.short(tr.zh()), ind.unit(tr.zh())))
                    .on_hover_text(ind.name(tr.zh()));
                match base.and_then(|b| crate::evaluate::compare::baseline_value(b, u, k)) {
                    Some(before) if (before - r.value).abs() > 1e-12 => ui.label(format!(
                        "{} → {}",
                        format::indicator_value(ind, before),
                        format::indicator_against(ind, r.value, r.threshold)
                    )),
                    _ => ui.label(format::indicator_against(ind, r.value, r.threshold)),
                };
                ui.label(format::indicator_threshold(ind, r.threshold));
                let pct = if r.threshold > 0.0 { r.value / r.threshold * 100.0 } else { 0.0 };
                ui.label(
                    RichText::new(format!("{pct:.0}%"))
                        .color(format::status_color(r.met, r.above_floor)),
                );
                match u.gap(k, standard) {
                    Some(g) => ui.label(format::gap(tr, &g)),
                    None => ui.label(tr.s("已达标", "met")),
                };
                if let Some(&field) = ind.numerator(u.level).first() {
                    ui.horizontal(|ui| {
                        for sign in [-1.0, 1.0] {
                            let (amount, text) = format::step(tr, field, sign);
                            if ui.small_button(text).clicked() {
                                commands.push(Command::AddChange(crate::scenario::Change::Add {
                                    school_id: u.school_id.clone(),
                                    field: field.key().to_string(),
                                    amount,
                                }));
                            }
                        }
                    });
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
        by_year(app, u, ui);
    });
    for c in commands {
        app.command(c);
    }
}

/// With a timeline: each indicator of this section by year against its threshold (the
/// scenario's timeline when one is shown).
fn by_year(app: &Ctx, u: &crate::evaluate::Unit, ui: &mut egui::Ui) {
    let tr = app.tr();
    let Some(years) = &app.derived.years else {
        return;
    };
    let Ok(t) = years.shown() else {
        return;
    };
    let standard = app.standard();
    ui.add_space(8.0);
    ui.label(RichText::new(tr.s("逐年（年度推演）", "By year (timeline)")).strong());
    egui::Grid::new("school-by-year")
        .striped(true)
        .show(ui, |ui| {
            // The past years' actual data first, then the timeline's.
            let all: Vec<&crate::timeline::Year> = years.past.iter().chain(&t.years).collect();
            ui.strong(tr.s("指标", "Indicator"));
            for y in &all {
                if y.year < t.base_year {
                    ui.strong(format!("{}{}", y.year, tr.s("（实际）", " (actual)")));
                } else {
                    ui.strong(format!("{}", y.year));
                }
            }
            ui.end_row();
            let cells: Vec<Option<&crate::evaluate::Unit>> = all
                .iter()
                .map(|y| {
                    y.evaluation
                        .units
                        .iter()
                        .find(|x| x.school_id == u.school_id && x.level == u.level)
                })
                .collect();
            ui.label(tr.s("在校生", "Students"));
            for c in &cells {
                ui.label(c.map_or("—".to_string(), |x| format::thousands(x.students)));
            }
            ui.end_row();
            for (k, ind) in standard.indicators.iter().enumerate() {
                ui.label(format!(
                    "{}（{} {}）",
                    ind.short(tr.zh()),
                    tr.s("标准", "threshold"),
                    format::indicator_threshold(ind, ind.threshold(u.level))
                ));
                for c in &cells {
                    match c.and_then(|x| x.indicators.get(k)) {
                        Some(r) => ui.label(
                            RichText::new(format::indicator_against(ind, r.value, r.threshold))
                                .color(format::status_color(r.met, r.above_floor)),
                        ),
                        None => ui.label("—"),
                    };
                }
                ui.end_row();
            }
            ui.label(tr.s("结论", "Verdict"));
            for c in &cells {
                match c {
                    Some(x) => ui.label(
                        RichText::new(if x.passes {
                            tr.s("达标", "passes")
                        } else {
                            tr.s("未达标", "fails")
                        })
                        .color(charts::pass_color(x.passes)),
                    ),
                    None => ui.label("—"),
                };
            }
            ui.end_row();
        });
}
