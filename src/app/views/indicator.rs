//! One indicator across every section: sorted bars against the threshold and the 85% line, the
//! level's CV, mean and SD beside.

use super::super::{format, Command, Ctx, LevelChoice};
use super::{charts, empty_note};
use crate::model::Level;
use eframe::egui::{self, RichText};

/// `all`: every section drawn, the chart scrolling, instead of the lowest that fit (a large
/// county's "zoom").
pub fn show(app: &Ctx, all: &mut bool, ui: &mut egui::Ui) {
    let tr = app.tr();
    if app.shown().units.is_empty() {
        empty_note(ui, tr);
        return;
    }
    let mut commands = Vec::new();
    let k = app
        .settings
        .indicator
        .min(app.standard().indicators.len().saturating_sub(1));
    ui.horizontal_wrapped(|ui| {
        for (i, ind) in app.standard().indicators.iter().enumerate() {
            if ui.selectable_label(i == k, ind.short(tr.zh())).clicked() {
                commands.push(Command::SelectIndicator(i));
            }
        }
        ui.separator();
        for (choice, name) in [
            (LevelChoice::Both, tr.s("小学和初中", "Both levels")),
            (LevelChoice::Primary, tr.s("小学", "Primary")),
            (LevelChoice::Junior, tr.s("初中", "Junior")),
        ] {
            if ui
                .selectable_label(app.settings.level == choice, name)
                .clicked()
            {
                commands.push(Command::SetLevel(choice));
            }
        }
    });
    let ind = &app.standard().indicators[k];
    ui.heading(format!("{}（{}）", ind.name(tr.zh()), ind.unit(tr.zh())));
    charts::status_legend(ui, tr);
    let ev = app.shown();
    let base = app.comparing().then_some(&app.derived.baseline);
    let levels: Vec<Level> = app
        .settings
        .level
        .levels()
        .iter()
        .copied()
        .filter(|l| ev.levels().contains(l))
        .collect();
    let height = (ui.available_height() - 90.0).max(220.0);
    let most = levels
        .iter()
        .map(|l| ev.units_of(*l).count())
        .max()
        .unwrap_or(0);
    let fit = charts::rows_in(height);
    if most > fit {
        ui.checkbox(
            all,
            if tr.zh() {
                format!("显示全部 {most} 所（滚动查看）")
            } else {
                format!("Show all {most} (scroll)")
            },
        );
    }
    let chart_height = if *all && most > fit {
        charts::height_for(most)
    } else {
        height
    };
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("indicator-all")
        .auto_shrink([false, false]);
    if !(*all && most > fit) {
        scroll = scroll.vscroll(false);
    }
    scroll.show(ui, |ui| {
        ui.columns(levels.len().max(1), |cols| {
            for (ui, &level) in cols.iter_mut().zip(&levels) {
                let cv = &ev.cv_of(level)[k];
                let units: Vec<_> = ev.units_of(level).collect();
                let met = units.iter().filter(|u| u.indicators[k].met).count();
                let near = units
                    .iter()
                    .filter(|u| !u.indicators[k].met && u.indicators[k].above_floor)
                    .count();
                ui.label(RichText::new(format::level(tr, level)).strong().size(18.0));
                let line = if tr.zh() {
                    format!(
                        "标准值 {}；达标 {met}，不低于85% {near}，低于85% {}",
                        format::indicator_threshold(ind, ind.threshold(level)),
                        units.len() - met - near
                    )
                } else {
                    format!(
                        "threshold {}; met {met}, ≥85% {near}, below 85% {}",
                        format::indicator_threshold(ind, ind.threshold(level)),
                        units.len() - met - near
                    )
                };
                ui.label(line);
                let cv_line = if tr.zh() {
                    format!(
                        "差异系数 {}（限值 {:.2}）  均值 {}  标准差 {}",
                        format::cv_against(cv.cv, cv.limit),
                        cv.limit,
                        format::value(cv.mean),
                        format::value(cv.sd)
                    )
                } else {
                    format!(
                        "CV {} (limit {:.2})  mean {}  SD {}",
                        format::cv_against(cv.cv, cv.limit),
                        cv.limit,
                        format::value(cv.mean),
                        format::value(cv.sd)
                    )
                };
                ui.label(RichText::new(cv_line).color(charts::pass_color(cv.met)));
                if let Some(b) = base {
                    if let Some(bc) = b.cv_of(level).get(k) {
                        ui.label(format!(
                            "{}{} → {}",
                            tr.s("差异系数 现状 ", "CV baseline "),
                            format::cv_against(bc.cv, bc.limit),
                            format::cv_against(cv.cv, cv.limit)
                        ));
                    }
                }
                let r = charts::indicator_chart(
                    ui,
                    tr,
                    app.standard(),
                    ev,
                    base,
                    (level, k),
                    chart_height,
                );
                charts::chart_menu(
                    &r,
                    tr,
                    charts::ChartSpec::Indicator(level, k),
                    &mut commands,
                );
            }
        });
    });
    for c in commands {
        app.command(c);
    }
}
