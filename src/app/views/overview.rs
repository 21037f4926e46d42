//! The first thing leadership sees: per level, how many sections pass, the resource-allocation
//! verdict, and the 7 CVs against their limit.

use super::super::{format, Command, Ctx};
use super::{charts, empty_note, verdict_label};
use crate::app::Tr;
use crate::model::Level;
use crate::standard::Standard;
use eframe::egui::{self, RichText};

/// How many failing sections the overview lists (worst first).
const FAILING_SHOWN: usize = 20;

pub fn show(app: &Ctx, ui: &mut egui::Ui) {
    let tr = app.tr();
    let ev = app.shown();
    let base = &app.derived.baseline;
    let comparing = app.comparing();
    if ev.units.is_empty() {
        empty_note(ui, tr);
        return;
    }
    let standard = &app.standard();
    let mut commands = Vec::new();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(tr.s("资源配置", "Resource allocation"));
            ui.heading(verdict_label(tr, ev.resource_allocation_met));
        });
        ledger_line(app, ui, tr, &mut commands);
        if comparing {
            let changes = &app.derived.changes;
            let name = app
                .workspace
                .active
                .and_then(|a| app.workspace.scenarios.get(a))
                .map(|s| s.name.clone())
                .unwrap_or_default();
            ui.label(
                RichText::new(format!(
                    "{}{name}{}",
                    tr.s("正在显示方案“", "Showing scenario \""),
                    tr.s("”；灰色框为现状。", "\"; grey outlines are the baseline.")
                ))
                .strong(),
            );
            ui.horizontal_wrapped(|ui| {
                for c in changes {
                    let text = format!(
                        "{} · {} {}",
                        c.name,
                        format::level(tr, c.level),
                        if c.now_passes {
                            tr.s("→ 达标", "→ passes")
                        } else {
                            tr.s("→ 未达标", "→ fails")
                        }
                    );
                    ui.label(RichText::new(text).color(charts::pass_color(c.now_passes)));
                }
            });
        }
        ui.label(rule_text(tr, standard));
        ui.add_space(6.0);
        let levels = ev.levels();
        ui.columns(levels.len().max(1), |cols| {
            for (col, &level) in cols.iter_mut().zip(&levels) {
                let s = ev.summary_of(level);
                let lname = format::level(tr, level);
                col.group(|ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(lname).heading());
                        let ok = s.passing == s.units && s.cv_rule_met;
                        ui.label(verdict_label(tr, ok).heading());
                    });
                    let passing = match (standard.judges_sections(level), tr.zh()) {
                        (true, true) => {
                            format!("{lname}：{} 个评估单元，{} 个达标", s.units, s.passing)
                        }
                        (true, false) => {
                            format!("{lname}: {} sections, {} pass", s.units, s.passing)
                        }
                        (false, true) => format!("{lname}：{} 个评估单元（不设校级门槛）", s.units),
                        (false, false) => {
                            format!("{lname}: {} sections (no per-school thresholds)", s.units)
                        }
                    };
                    ui.label(
                        RichText::new(passing)
                            .size(18.0)
                            .color(charts::pass_color(s.passing == s.units)),
                    );
                    let n = ev.cv_of(level).len();
                    let cv_line = match (&ev.composite[level as usize], tr.zh()) {
                        (Some(c), true) => format!(
                            "综合差异系数 {} {} {:.2}",
                            format::cv_against(c.cv, c.limit),
                            if c.met { "≤" } else { ">" },
                            c.limit
                        ),
                        (Some(c), false) => format!(
                            "Composite CV {} {} {:.2}",
                            format::cv_against(c.cv, c.limit),
                            if c.met { "≤" } else { ">" },
                            c.limit
                        ),
                        (None, true) => format!(
                            "差异系数：{}/{n} 项不超过 {:.2}",
                            s.cv_met,
                            standard.cv_limit(level)
                        ),
                        (None, false) => format!(
                            "CVs: {}/{n} within {:.2}",
                            s.cv_met,
                            standard.cv_limit(level)
                        ),
                    };
                    ui.label(
                        RichText::new(cv_line)
                            .size(18.0)
                            .color(charts::pass_color(s.cv_rule_met)),
                    );
                    let ghost = comparing.then(|| base.cv_of(level));
                    let r =
                        charts::cv_chart(ui, tr, standard, ev.cv_of(level), ghost, level, 240.0);
                    charts::chart_menu(&r, tr, charts::ChartSpec::Cv(level), &mut commands);
                    egui::Grid::new(("cv-grid", level))
                        .striped(true)
                        .show(ui, |ui| {
                            ui.strong(tr.s("指标", "Indicator"));
                            if comparing {
                                ui.strong(tr.s("现状", "Baseline"));
                            }
                            ui.strong(tr.s("差异系数", "CV"));
                            ui.strong(tr.s("均值", "Mean"));
                            ui.strong(tr.s("标准差", "SD"));
                            ui.end_row();
                            for (k, (ind, r)) in
                                standard.indicators.iter().zip(ev.cv_of(level)).enumerate()
                            {
                                ui.label(ind.short(tr.zh()));
                                if comparing {
                                    let before = base
                                        .cv_of(level)
                                        .get(k)
                                        .map(|b| format::cv_against(b.cv, b.limit))
                                        .unwrap_or_default();
                                    ui.label(format!("{before} →"));
                                }
                                ui.label(
                                    RichText::new(format::cv_against(r.cv, r.limit))
                                        .color(charts::pass_color(r.met)),
                                );
                                ui.label(format::indicator_value(ind, r.mean));
                                ui.label(format::indicator_value(ind, r.sd));
                                ui.end_row();
                            }
                        });
                });
            }
        });
        ui.add_space(8.0);
        // The sections that hold the county back, worst first; the matrix has the rest.
        let mut failing: Vec<(usize, &crate::evaluate::Unit)> = ev
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| !u.passes)
            .collect();
        failing.sort_by_key(|(i, u)| (u.met_count, *i));
        if !failing.is_empty() {
            ui.heading(tr.s("未达标的学校", "Sections that fail"));
            egui::Grid::new("failing").striped(true).show(ui, |ui| {
                for (i, u) in failing.iter().take(FAILING_SHOWN) {
                    if ui.link(&u.name).clicked() {
                        commands.push(Command::ShowSection(*i));
                    }
                    ui.label(format::level(tr, u.level));
                    ui.label(format!("{}/{}", u.met_count, u.indicators.len()));
                    let names: Vec<&str> = u
                        .failing()
                        .map(|k| standard.indicators[k].short(tr.zh()))
                        .collect();
                    ui.label(names.join(tr.s("、", ", ")));
                    ui.end_row();
                }
            });
            if failing.len() > FAILING_SHOWN {
                let more = failing.len() - FAILING_SHOWN;
                let text = if tr.zh() {
                    format!("另有 {more} 个未达标的评估单元：查看达标矩阵")
                } else {
                    format!("{more} more failing sections: open the matrix")
                };
                if ui.link(text).clicked() {
                    commands.push(Command::SetPanel(crate::app::Panel::Matrix));
                }
            }
        }
        if !ev.excluded.is_empty() {
            ui.add_space(6.0);
            ui.collapsing(
                format!("{} ({})", tr.s("未参与评估", "Left out"), ev.excluded.len()),
                |ui| {
                    for e in &ev.excluded {
                        let reason = if tr.zh() {
                            e.reason.zh()
                        } else {
                            e.reason.en()
                        };
                        ui.label(format!("{} {}：{reason}", e.school_id, e.name));
                    }
                },
            );
        }
    });
    for c in commands {
        app.command(c);
    }
}

/// The standard's rules in one sentence, from the standard itself (a province's copy may differ).
pub fn rule_text(tr: Tr, standard: &Standard) -> String {
    let n = standard.indicators.len();
    let rule = &standard.def.school_rule;
    let limit = |l: Level| standard.cv_limit(l);
    let judges = Level::BOTH.iter().any(|l| standard.judges_sections(*l));
    let school = match (judges, tr.zh()) {
        (true, true) => format!(
            "每所学校（学段）{n} 项指标至少 {} 项达到标准值、其余不低于 {:.0}%；",
            rule.min_met,
            rule.floor_ratio * 100.0
        ),
        (true, false) => format!(
            "Each section meets at least {} of {n} thresholds with the rest at {:.0}% or more; ",
            rule.min_met,
            rule.floor_ratio * 100.0
        ),
        (false, true) => "本标准不设校级门槛；".to_string(),
        (false, false) => "No per-school thresholds; ".to_string(),
    };
    let cv = match (standard.composite_limit(Level::Primary), tr.zh()) {
        (Some(p), true) => format!(
            "{n} 项差异系数的平均值（综合差异系数）小学 ≤ {p:.2}、初中 ≤ {:.2}。",
            standard.composite_limit(Level::Junior).unwrap_or(0.0)
        ),
        (Some(p), false) => format!(
            "the mean of the {n} CVs (composite) is at most {p:.2} (primary) and {:.2} (junior).",
            standard.composite_limit(Level::Junior).unwrap_or(0.0)
        ),
        (None, true) => format!(
            "每项指标的校际差异系数小学 ≤ {:.2}、初中 ≤ {:.2}。",
            limit(Level::Primary),
            limit(Level::Junior)
        ),
        (None, false) => format!(
            "each indicator's CV is at most {:.2} (primary) and {:.2} (junior).",
            limit(Level::Primary),
            limit(Level::Junior)
        ),
    };
    format!("{school}{cv}")
}

/// With a ledger: how many of its items are done and where the county stands now, beside the
/// plan; a link to the ledger.
fn ledger_line(app: &Ctx, ui: &mut egui::Ui, tr: Tr, out: &mut Vec<Command>) {
    let Some(ledger) = &app.workspace.ledger else {
        return;
    };
    let done = ledger
        .items
        .iter()
        .filter(|i| i.status == crate::ledger::Status::Done)
        .count();
    let now = match app.derived.ledger_now() {
        Some(Ok(ev)) => ev,
        _ => &app.derived.baseline,
    };
    let levels: Vec<String> = now
        .levels()
        .into_iter()
        .map(|l| {
            let s = now.summary_of(l);
            format!(
                "{}{} / {}{}",
                format::level(tr, l),
                s.passing,
                s.units,
                tr.s(" 达标", " passing")
            )
        })
        .collect();
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{}{done} / {}{}{}",
                tr.s("整改台账：已完成 ", "Ledger: done "),
                ledger.items.len(),
                tr.s(" 项；按已完成的整改，现在 ", " items; with them, now "),
                levels.join(tr.s("，", ", "))
            ))
            .strong(),
        );
        if ui.link(tr.s("查看台账", "Open the ledger")).clicked() {
            out.push(Command::SetPanel(super::super::Panel::Ledger));
        }
    });
}
