//! Presentation mode (F5): full screen, large type, one slide at a time — title, overview, one
//! slide per failing indicator, the CVs, and for a scenario its before/after and its cost.

use super::super::format::{self, colors};
use super::super::{AppState, Ctx, Tr};
use super::{charts, verdict_label};
use crate::model::Level;
use eframe::egui::{self, FontId, RichText, TextStyle};

/// One slide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slide {
    Title,
    /// The whole standard: four areas, veto items, one verdict.
    Readiness,
    Overview,
    /// An indicator that some section misses or whose CV is over its limit.
    Indicator(usize),
    Cvs,
    /// The scenario against the baseline.
    BeforeAfter,
    Cost,
    /// Per school, what the scenario adds (a generated plan's "what to do, where").
    Schools,
    /// The 年度推演: each year's sections passing and CVs met, and what first fails when.
    Years,
    /// A dated scenario (a phased plan): what each year spends and how much it adds.
    Spending,
}

/// The slides for what is shown now.
pub fn slides(app: &AppState) -> Vec<Slide> {
    let ev = app.shown();
    let mut out = vec![Slide::Title, Slide::Readiness, Slide::Overview];
    for k in 0..app.standard().indicators.len() {
        let failing = ev.units.iter().any(|u| !u.indicators[k].met)
            || Level::BOTH
                .iter()
                .any(|l| ev.cv_of(*l).get(k).is_some_and(|r| !r.met));
        if failing {
            out.push(Slide::Indicator(k));
        }
    }
    out.push(Slide::Cvs);
    if timeline(app).is_some() {
        out.push(Slide::Years);
    }
    if app.comparing() {
        out.push(Slide::BeforeAfter);
        out.push(Slide::Cost);
        out.push(Slide::Schools);
        if spending(app).is_some() {
            out.push(Slide::Spending);
        }
    }
    out
}

/// The shown scenario's spending year by year, when its changes are dated: from the timeline's
/// base year (else its first change's year) to its last year (else its last change's), with the
/// number of changes taking effect each year.
pub fn spending(app: &AppState) -> Option<Vec<(crate::plan::phased::YearSpend, usize)>> {
    let sc = app.workspace.active_scenario()?;
    let span = app.workspace.timeline.map(|t| (t.base_year, t.to));
    let years = crate::plan::phased::by_year(sc, &app.workspace.costs, span)?;
    Some(years.into_iter().map(|(y, c)| (y, c.len())).collect())
}

/// The slide's title, as shown at its top.
pub fn title(app: &AppState, slide: Slide) -> String {
    let tr = app.tr();
    match slide {
        Slide::Title => tr
            .s(
                "义务教育优质均衡发展 · 资源配置",
                "High-quality balanced education · resource allocation",
            )
            .to_string(),
        Slide::Readiness => tr
            .s("优质均衡发展达标总览", "The whole standard")
            .to_string(),
        Slide::Overview => tr.s("总体情况", "Where the county stands").to_string(),
        Slide::Indicator(k) => app.standard().indicators[k].name(tr.zh()).to_string(),
        Slide::Cvs => tr
            .s("校际差异系数", "Inter-school coefficients of variation")
            .to_string(),
        Slide::BeforeAfter => format!(
            "{}{}",
            tr.s("方案前后对比：", "Before and after: "),
            scenario_name(app)
        ),
        Slide::Cost => format!("{}{}", tr.s("方案费用：", "Cost: "), scenario_name(app)),
        Slide::Schools => format!(
            "{}{}",
            tr.s("各校投入：", "Per school: "),
            scenario_name(app)
        ),
        Slide::Years => tr.s("年度推演", "Year by year").to_string(),
        Slide::Spending => format!(
            "{}{}",
            tr.s("分年度投入：", "Spending by year: "),
            scenario_name(app)
        ),
    }
}

/// The timeline shown on the 年度推演 page (the scenario's when one is shown), if any.
fn timeline(app: &AppState) -> Option<&crate::timeline::Timeline> {
    app.derived.years.as_ref()?.shown().ok()
}

fn scenario_name(app: &AppState) -> String {
    app.workspace
        .active
        .and_then(|a| app.workspace.scenarios.get(a))
        .map(|s| s.name.clone())
        .unwrap_or_default()
}

/// Large type for the meeting room: body 28 pt, headings 44 pt; chart axis labels use the body
/// size, so no chart text is under 18 pt at 1080p.
fn large_type(ui: &mut egui::Ui) {
    let style = ui.style_mut();
    style
        .text_styles
        .insert(TextStyle::Heading, FontId::proportional(44.0));
    style
        .text_styles
        .insert(TextStyle::Body, FontId::proportional(28.0));
    style
        .text_styles
        .insert(TextStyle::Button, FontId::proportional(28.0));
    style
        .text_styles
        .insert(TextStyle::Small, FontId::proportional(20.0));
    style.spacing.item_spacing = egui::vec2(16.0, 12.0);
}

/// The presenter's footer: the page, the keys, save and leave.
fn footer(app: &Ctx, ui: &mut egui::Ui, index: usize, count: usize) {
    let tr = app.tr();
    egui::Panel::bottom("slide-footer").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(format!("{} / {}", index + 1, count));
            ui.label(tr.s(
                "→ 空格 PageDown 下一页 · ← PageUp 上一页 · Esc 退出",
                "→ Space PageDown next · ← PageUp back · Esc leave",
            ));
            if ui
                .small_button(tr.s("保存全部幻灯片为 PNG", "Save all slides as PNG"))
                .clicked()
            {
                app.command(super::super::Command::ExportSlides);
            }
            if ui.small_button(tr.s("退出演示", "Leave")).clicked() {
                app.command(super::super::Command::StopPresentation);
            }
        });
    });
}

/// Draws the current slide into the whole window, with the presenter's footer (page, keys,
/// buttons) when `controls`; an exported image has none.
pub fn show(app: &Ctx, ui: &mut egui::Ui, index: usize, controls: bool) {
    let tr = app.tr();
    let all = slides(app);
    let index = index.min(all.len().saturating_sub(1));
    let slide = all[index];
    if controls {
        footer(app, ui, index, all.len());
    }
    egui::CentralPanel::default().show(ui, |ui| {
        large_type(ui);
        ui.heading(RichText::new(title(app, slide)).strong());
        ui.add_space(12.0);
        match slide {
            Slide::Title => title_slide(app, ui, tr),
            Slide::Readiness => readiness_slide(app, ui, tr),
            Slide::Overview => overview_slide(app, ui, tr),
            Slide::Indicator(k) => indicator_slide(app, ui, tr, k),
            Slide::Cvs => cv_slide(app, ui, tr),
            Slide::BeforeAfter => before_after_slide(app, ui, tr),
            Slide::Cost => cost_slide(app, ui, tr),
            Slide::Schools => schools_slide(app, ui, tr),
            Slide::Years => years_slide(app, ui, tr),
            Slide::Spending => spending_slide(app, ui, tr),
        }
    });
}

fn title_slide(app: &Ctx, ui: &mut egui::Ui, tr: Tr) {
    ui.add_space(60.0);
    let ws = &app.workspace;
    let fallback = ws
        .shown_county
        .clone()
        .unwrap_or_else(|| crate::project::county_from_source(&ws.loaded.source));
    ui.label(
        RichText::new(ws.meeting.county_or(&fallback))
            .size(56.0)
            .strong(),
    );
    if !ws.meeting.title.is_empty() {
        ui.label(RichText::new(&ws.meeting.title).size(36.0));
    }
    ui.label(if tr.zh() {
        &app.standard().def.name_zh
    } else {
        &app.standard().def.name_en
    });
    let name = scenario_name(app);
    ui.label(if name.is_empty() {
        tr.s("现状（基线）", "Baseline").to_string()
    } else {
        format!("{}{name}", tr.s("方案：", "Scenario: "))
    });
    ui.label(if ws.meeting.date.is_empty() {
        crate::project::today()
    } else {
        ws.meeting.date.clone()
    });
}

fn readiness_slide(app: &Ctx, ui: &mut egui::Ui, tr: Tr) {
    let zh = tr.zh();
    // Computed once per change (command_handling), never per frame.
    let r = &app.derived.readiness;
    ui.label(
        RichText::new(if r.verdict {
            tr.s("可以通过认定", "Ready for recognition")
        } else {
            tr.s("尚未达到认定条件", "Not yet ready")
        })
        .size(40.0)
        .color(charts::pass_color(r.verdict)),
    );
    for a in &r.areas {
        ui.label(
            RichText::new(format!(
                "{}：{}/{} {}",
                a.area.name(zh),
                a.met,
                a.total,
                a.word(zh)
            ))
            .color(super::readiness::area_color(a.status())),
        );
    }
    if !r.failing.is_empty() {
        ui.add_space(8.0);
        for (f, &not_entered) in r.failing.iter().zip(&r.not_entered).take(6) {
            let color = if not_entered {
                colors::FLOOR
            } else {
                colors::BELOW
            };
            ui.label(RichText::new(f).size(22.0).color(color));
        }
        if r.failing_total > 6 {
            ui.label(
                RichText::new(format!(
                    "{}{}{}",
                    tr.s("……共 ", "… "),
                    r.failing_total,
                    tr.s(" 项未达到", " items in all")
                ))
                .size(22.0),
            );
        }
    }
}

fn overview_slide(app: &Ctx, ui: &mut egui::Ui, tr: Tr) {
    let ev = app.shown();
    ui.horizontal(|ui| {
        ui.label(tr.s("资源配置", "Resource allocation"));
        ui.label(verdict_label(tr, ev.resource_allocation_met).size(40.0));
    });
    for level in Level::BOTH {
        let s = ev.summary_of(level);
        if s.units == 0 {
            continue;
        }
        let n = ev.cv_of(level).len();
        let line = if tr.zh() {
            format!(
                "{}：{} 个评估单元，{} 个达标；差异系数 {}/{n} 项达标",
                level.zh(),
                s.units,
                s.passing,
                s.cv_met
            )
        } else {
            format!(
                "{}: {} sections, {} pass; {}/{n} CVs within limit",
                level.en(),
                s.units,
                s.passing,
                s.cv_met
            )
        };
        ui.label(
            RichText::new(line).color(charts::pass_color(s.passing == s.units && s.cv_rule_met)),
        );
    }
    let mut failing: Vec<_> = ev.units.iter().filter(|u| !u.passes).collect();
    failing.sort_by_key(|u| u.met_count);
    if !failing.is_empty() {
        ui.add_space(12.0);
        ui.label(RichText::new(tr.s("未达标的学校", "Sections that fail")).strong());
        for u in failing.iter().take(8) {
            let names: Vec<&str> = u
                .failing()
                .map(|k| app.standard().indicators[k].short(tr.zh()))
                .collect();
            ui.label(format!(
                "{} · {}：{}",
                u.name,
                format::level(tr, u.level),
                names.join(tr.s("、", ", "))
            ));
        }
    }
}

pub use crate::report::deck::indicator_summary;

fn indicator_slide(app: &Ctx, ui: &mut egui::Ui, tr: Tr, k: usize) {
    let ev = app.shown();
    let base = app.comparing().then_some(&app.derived.baseline);
    let levels = ev.levels();
    let height = (ui.available_height() - 110.0).max(200.0);
    ui.columns(levels.len().max(1), |cols| {
        for (ui, &level) in cols.iter_mut().zip(&levels) {
            large_type(ui);
            let cv = &ev.cv_of(level)[k];
            ui.label(
                RichText::new(indicator_summary(ev, level, k, tr.zh())).color(charts::pass_color(
                    ev.units_of(level).all(|u| u.indicators[k].met) && cv.met,
                )),
            );
            charts::indicator_chart(ui, tr, app.standard(), ev, base, (level, k), height);
        }
    });
}

fn cv_slide(app: &Ctx, ui: &mut egui::Ui, tr: Tr) {
    let ev = app.shown();
    let base = app.comparing().then_some(&app.derived.baseline);
    let levels = ev.levels();
    let height = (ui.available_height() - 80.0).max(200.0);
    ui.columns(levels.len().max(1), |cols| {
        for (ui, &level) in cols.iter_mut().zip(&levels) {
            large_type(ui);
            let s = ev.summary_of(level);
            ui.label(
                RichText::new(format!(
                    "{} {}/{} {}",
                    format::level(tr, level),
                    s.cv_met,
                    ev.cv_of(level).len(),
                    tr.s("项达标", "within limit")
                ))
                .color(charts::pass_color(s.cv_rule_met)),
            );
            let ghost = base.map(|b| b.cv_of(level));
            charts::cv_chart(
                ui,
                tr,
                app.standard(),
                ev.cv_of(level),
                ghost,
                level,
                height,
            );
        }
    });
}

fn before_after_slide(app: &Ctx, ui: &mut egui::Ui, tr: Tr) {
    let ev = app.shown();
    let base = &app.derived.baseline;
    egui::Grid::new("before-after")
        .striped(true)
        .show(ui, |ui| {
            ui.strong("");
            ui.strong(tr.s("现状", "Baseline"));
            ui.strong(tr.s("方案", "Scenario"));
            ui.end_row();
            for level in Level::BOTH {
                let (b, a) = (base.summary_of(level), ev.summary_of(level));
                if a.units == 0 && b.units == 0 {
                    continue;
                }
                ui.label(format!(
                    "{}{}",
                    format::level(tr, level),
                    tr.s("达标单元", " passing")
                ));
                ui.label(format!("{} / {}", b.passing, b.units));
                ui.label(format!("{} / {}", a.passing, a.units));
                ui.end_row();
                ui.label(format!(
                    "{}{}",
                    format::level(tr, level),
                    tr.s("差异系数达标", " CVs within")
                ));
                ui.label(format!("{} / {}", b.cv_met, base.cv_of(level).len()));
                ui.label(format!("{} / {}", a.cv_met, ev.cv_of(level).len()));
                ui.end_row();
            }
            ui.label(tr.s("资源配置", "Resource allocation"));
            ui.label(verdict_label(tr, base.resource_allocation_met));
            ui.label(verdict_label(tr, ev.resource_allocation_met));
            ui.end_row();
        });
    ui.add_space(12.0);
    for c in app.derived.changes.iter().take(10) {
        ui.label(
            RichText::new(format!(
                "{} · {} {}",
                c.name,
                format::level(tr, c.level),
                if c.now_passes {
                    tr.s("→ 达标", "→ passes")
                } else {
                    tr.s("→ 未达标", "→ fails")
                }
            ))
            .color(if c.now_passes {
                colors::MET
            } else {
                colors::BELOW
            }),
        );
    }
}

fn spending_slide(app: &Ctx, ui: &mut egui::Ui, tr: Tr) {
    let Some(years) = spending(app) else {
        return;
    };
    let total: f64 = years.iter().map(|(y, _)| y.spent).sum();
    ui.label(
        RichText::new(format!(
            "{}{} {}",
            tr.s("各年支出合计 ", "Total over the years "),
            format::wan(total),
            tr.s("万元", "×10k yuan")
        ))
        .size(40.0)
        .strong(),
    );
    egui::Grid::new("spending-slide")
        .striped(true)
        .show(ui, |ui| {
            for h in [
                tr.s("年份", "Year"),
                tr.s("当年支出（万元）", "Spent (×10k yuan)"),
                tr.s("一次性", "One-time"),
                tr.s("每年费用", "Yearly"),
                tr.s("新增/调动", "Changes"),
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for (y, n) in &years {
                ui.label(y.year.to_string());
                ui.label(format::wan(y.spent));
                ui.label(format::wan(y.one_time));
                ui.label(format::wan(y.per_year));
                ui.label(format!("{n} {}", tr.s("项", "")));
                ui.end_row();
            }
        });
}

fn cost_slide(app: &Ctx, ui: &mut egui::Ui, tr: Tr) {
    let Some(Ok(r)) = &app.derived.scenario else {
        return;
    };
    ui.label(
        RichText::new(format!(
            "{}{}",
            tr.s("合计 ", "Total "),
            format::cost_total(&r.cost, tr.zh())
        ))
        .size(40.0)
        .strong(),
    );
    egui::Grid::new("cost-slide").striped(true).show(ui, |ui| {
        for (field, units, cost) in &r.cost.per_field {
            ui.label(if tr.zh() {
                field.zh_headers()[0]
            } else {
                field.key()
            });
            ui.label(format!(
                "{} {}",
                format::thousands(*units),
                if tr.zh() {
                    field.unit_zh()
                } else {
                    field.unit_en()
                }
            ));
            ui.label(format!(
                "{} {}",
                format::wan(*cost),
                tr.s("万元", "×10k yuan")
            ));
            let (once, yearly) = r.cost.split_of(*field);
            ui.label(crate::format::cost_kind(once, yearly, tr.zh()));
            ui.end_row();
        }
    });
    ui.add_space(12.0);
    egui::Grid::new("cost-slide-schools")
        .striped(true)
        .show(ui, |ui| {
            for (id, c) in r.cost.per_school.iter().take(12) {
                ui.label(app.school_name(id));
                ui.label(format!("{} {}", format::wan(*c), tr.s("万元", "×10k yuan")));
                ui.end_row();
            }
        });
}

/// Per school: what the scenario changes there, and what it costs; the costliest first.
fn schools_slide(app: &Ctx, ui: &mut egui::Ui, tr: Tr) {
    let (Some(Ok(r)), Some(a)) = (&app.derived.scenario, app.workspace.active) else {
        return;
    };
    let Some(sc) = app.workspace.scenarios.get(a) else {
        return;
    };
    let zh = tr.zh();
    // (school id, the changes there in words).
    let mut rows = crate::scenario::describe::per_school(&sc.changes, app.base_data(), zh);
    let cost_of = |id: &str| {
        r.cost
            .per_school
            .iter()
            .find(|(s, _)| s == id)
            .map_or(0.0, |(_, c)| *c)
    };
    rows.sort_by(|x, y| cost_of(&y.0).total_cmp(&cost_of(&x.0)));
    let shown = 9;
    // One row per school: its name, what changes there (wrapping in the width left by the name
    // and the cost, never one character a line), and the cost; the rows top-aligned.
    let name_width = 300.0;
    let cost_width = 240.0;
    let changes_width = (ui.available_width() - name_width - cost_width - 48.0).max(320.0);
    for (i, (id, texts)) in rows.iter().take(shown).enumerate() {
        let name = if id.is_empty() {
            tr.s("其他变更", "Other changes").to_string()
        } else {
            app.school_name(id)
        };
        let frame = egui::Frame::new().inner_margin(egui::Margin::symmetric(0, 4));
        let frame = if i % 2 == 1 {
            frame.fill(ui.visuals().faint_bg_color)
        } else {
            frame
        };
        frame.show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.allocate_ui(egui::vec2(name_width, 0.0), |ui| {
                    ui.set_width(name_width);
                    ui.add(egui::Label::new(RichText::new(name).strong()).wrap());
                });
                ui.allocate_ui(egui::vec2(changes_width, 0.0), |ui| {
                    ui.set_width(changes_width);
                    ui.add(egui::Label::new(texts.join(tr.s("，", ", "))).wrap());
                });
                ui.allocate_ui(egui::vec2(cost_width, 0.0), |ui| {
                    ui.set_width(cost_width);
                    ui.label(format!(
                        "{} {}",
                        format::wan(cost_of(id)),
                        tr.s("万元", "×10k yuan")
                    ));
                });
            });
        });
    }
    if rows.len() > shown {
        ui.label(format!(
            "{}{}{}",
            tr.s("另有 ", "and "),
            rows.len() - shown,
            tr.s(" 所学校，见报告", " more schools: see the report")
        ));
    }
}

/// Each year: sections passing and CVs met per level, the verdict; then what first fails when.
fn years_slide(app: &Ctx, ui: &mut egui::Ui, tr: Tr) {
    let Some(t) = timeline(app) else {
        return;
    };
    let levels = t.levels();
    // Each level's CVs by year against the limit (actual years solid, projected dashed).
    let past = app
        .derived
        .years
        .as_ref()
        .map_or(&[][..], |y| y.past.as_slice());
    ui.columns(levels.len().max(1), |cols| {
        for (ui, &level) in cols.iter_mut().zip(&levels) {
            ui.label(
                RichText::new(format!(
                    "{}{}",
                    format::level(tr, level),
                    tr.s(" 差异系数（逐年）", " CVs by year")
                ))
                .size(20.0)
                .strong(),
            );
            super::years::cv_plot(app, t, past, level, 260.0, ui, tr);
        }
    });
    ui.add_space(8.0);
    egui::Grid::new("years-slide").striped(true).show(ui, |ui| {
        ui.strong(tr.s("年份", "Year"));
        for l in &levels {
            ui.strong(format!(
                "{}{}",
                format::level(tr, *l),
                tr.s("达标", " passing")
            ));
            ui.strong(format!(
                "{}{}",
                format::level(tr, *l),
                tr.s("差异系数", " CVs")
            ));
        }
        ui.strong(tr.s("资源配置", "Allocation"));
        ui.end_row();
        for y in &t.years {
            let ev = &y.evaluation;
            ui.label(format!("{}", y.year));
            for &l in &levels {
                let s = ev.summary_of(l);
                ui.label(
                    RichText::new(format!("{} / {}", s.passing, s.units))
                        .color(charts::pass_color(s.passing == s.units)),
                );
                ui.label(
                    RichText::new(format!("{} / {}", s.cv_met, ev.cv_of(l).len()))
                        .color(charts::pass_color(s.cv_rule_met)),
                );
            }
            ui.label(verdict_label(tr, ev.resource_allocation_met));
            ui.end_row();
        }
    });
    ui.add_space(12.0);
    for f in t.first_failures.iter().take(6) {
        ui.label(
            RichText::new(format!("{} {}：{}", f.year, f.name, f.reason))
                .size(20.0)
                .color(colors::BELOW),
        );
    }
    if t.first_failures.len() > 6 {
        ui.label(
            RichText::new(format!(
                "{}{}{}",
                tr.s("……共 ", "… "),
                t.first_failures.len(),
                tr.s(" 个评估单元之后未达标", " sections fail later")
            ))
            .size(20.0),
        );
    }
}
