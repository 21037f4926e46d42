//! 生成方案: the planner's form (which fields may change at what unit cost, a budget, the rule, a
//! time limit), its progress while it runs on a worker thread (best plan, proven bound, gap,
//! cancel), and the plan explained for a leadership audience once it has opened as a scenario.

use super::scenario::{cost_editor, field_label};
use crate::app::format::{self, colors};
use crate::app::{Command, Ctx, Panel, PlanForm};
use crate::model::Field;
use crate::plan::explain::status_headline;
use crate::plan::{PlanStatus, Rule};
use eframe::egui::{self, RichText};

fn wan(yuan: f64) -> String {
    format!("{} 万元", format::wan(yuan))
}

pub fn show(app: &Ctx, plan_form: &mut PlanForm, ui: &mut egui::Ui) {
    let tr = app.tr();
    let zh = tr.zh();
    let mut commands = Vec::new();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(tr.s("生成方案：达标的最省投入", "Plan: the least spending that passes"));
        ui.label(tr.s(
            "在允许增加的资源中，求出使每个评估单元达标、每项差异系数不超限的最低费用方案（混合整数规划，HiGHS 求解，差异系数约束用外逼近精确处理）。",
            "Among the resources that may be added, the cheapest plan after which every section passes and every CV is within its limit (a mixed-integer model solved with HiGHS; the CV limits handled exactly by outer approximation).",
        ));
        match app.applied_scenario() {
            // A phased plan starts from the scenario shown (start_phased_plan): its dated
            // changes first, its spending within each year's budget.
            Some((sc, _)) if plan_form.phased => ui.label(format!(
                "{}“{}”{}",
                tr.s("在当前方案", "A phased plan on top of the scenario "),
                sc.name,
                tr.s(
                    "之上分年度规划（按年度推演的各年在校生数；方案的变更按年份先行，其支出计入各年预算）。",
                    " (each year's projected enrolment; its changes come first, by year, and what they spend counts against each year's budget).",
                )
            )),
            _ if plan_form.phased => ui.label(tr.s(
                "在现状数据上分年度规划（按年度推演的各年在校生数）。",
                "A phased plan on the baseline data (each year's projected enrolment).",
            )),
            Some((sc, _)) => ui.label(format!(
                "{}“{}”",
                tr.s("在当前方案之上规划：", "Planning on top of the scenario "),
                sc.name
            )),
            _ => ui.label(tr.s("在现状数据上规划。", "Planning on the baseline data.")),
        };
        let running = app.planning.is_some();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    !running && !plan_form.allowed.is_empty(),
                    egui::Button::new(RichText::new(tr.s("生成方案", "Make the plan")).strong().size(18.0)),
                )
                .clicked()
            {
                commands.push(Command::StartPlan);
            }
            if running && ui.button(tr.s("取消", "Cancel")).clicked() {
                commands.push(Command::CancelPlan);
            }
            if let Some(p) = &app.planning {
                ui.spinner();
                let cancelling = p.cancel.load(std::sync::atomic::Ordering::Relaxed);
                ui.label(if cancelling {
                    tr.s("正在取消，本轮结束后返回目前最好的方案…", "Cancelling: the best plan so far comes at the end of this round…")
                } else {
                    tr.s("正在求解…", "Solving…")
                });
                ui.label(format!("{:.1} s", p.started.elapsed().as_secs_f64()));
            }
        });
        if let Some(pr) = app.planning.as_ref().and_then(|p| p.last.as_ref()) {
            let best = pr.best.map_or("—".to_string(), wan);
            let gap = pr
                .gap()
                .map_or("—".to_string(), crate::format::gap_percent);
            ui.label(if zh {
                format!(
                    "第 {} 轮：目前最好方案 {best}；已证明下界 {}；差距 {gap}；{} 项差异系数待收紧；{} 条切平面",
                    pr.round,
                    wan(pr.bound.max(0.0)),
                    pr.cvs_over,
                    pr.cuts
                )
            } else {
                format!(
                    "Round {}: best plan {best}; proven bound {}; gap {gap}; {} CVs still cut; {} cuts",
                    pr.round,
                    wan(pr.bound.max(0.0)),
                    pr.cvs_over,
                    pr.cuts
                )
            });
        }
        ui.separator();
        ui.columns(2, |cols| {
            cols[0].add_enabled_ui(!running, |ui| form(app, plan_form, ui, &mut commands));
            // Keep wrapped text clear of the scroll bar: a right margin the text wraps inside.
            egui::Frame::NONE
                .inner_margin(egui::Margin {
                    left: 0,
                    right: 24,
                    top: 0,
                    bottom: 0,
                })
                .show(&mut cols[1], |ui| {
                    if let Some(outcome) = &app.phased_outcome {
                        super::plan_phased::result(app, outcome, ui, &mut commands);
                        return;
                    }
                    match &app.plan_outcome {
                        None => {
                            ui.label(tr.s(
                                "结果将在此说明：各校投入、费用、因此达标的指标，按资源合计，差异系数前后对比；方案同时作为新方案打开，可在各视图查看、修改、比较。",
                                "The result is explained here: per school what to add, its cost and what it fixes; totals by resource; CVs before and after. It also opens as a new scenario to inspect, edit and compare.",
                            ));
                        }
                        Some(Err(e)) => {
                            ui.label(RichText::new(e).color(colors::BELOW));
                        }
                        Some(Ok(outcome)) => result(app, outcome, ui, &mut commands),
                    }
                });
        });
    });
    for c in commands {
        app.command(c);
    }
}

/// The fields with their unit costs (shared with the scenario cost table), budget, rule, limit.
fn form(app: &Ctx, form: &mut PlanForm, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    let tr = app.tr();
    let fields: Vec<Field> = {
        let mut fs = Vec::new();
        for ind in &app.standard().indicators {
            for level in crate::model::Level::BOTH {
                for &f in ind.numerator(level) {
                    if !fs.contains(&f) {
                        fs.push(f);
                    }
                }
            }
        }
        // The guarantee items computed per school: rooms per 12 classes, and classes for class
        // size (each school's own need, added exactly when allowed).
        for f in [
            Field::MusicRooms,
            Field::ArtRooms,
            Field::ClassesPrimary,
            Field::ClassesJunior,
        ] {
            if !fs.contains(&f) {
                fs.push(f);
            }
        }
        fs
    };
    ui.label(
        RichText::new(tr.s(
            "允许增加的资源与单价（元）",
            "Resources that may be added, and unit costs (yuan)",
        ))
        .strong(),
    );
    egui::Grid::new("plan-fields").striped(true).show(ui, |ui| {
        for f in fields {
            let name = ui.label(field_label(tr, f));
            let mut on = form.allowed.contains(&f);
            if ui
                .checkbox(&mut on, tr.s("可增加", "may add"))
                .labelled_by(name.id)
                .changed()
            {
                if on {
                    form.allowed.push(f);
                } else {
                    form.allowed.retain(|g| *g != f);
                }
            }
            commands.extend(cost_editor(app, ui, f, name.id));
            ui.end_row();
        }
    });
    super::plan_phased::transfer(app, ui, commands);
    super::plan_phased::form(app, form, ui);
    if form.phased {
        // A phased plan costs each addition from its year to the end, within each year's
        // budget: the single-year settings below do not apply.
        rule_and_limit(app, form, ui);
        return;
    }
    ui.horizontal(|ui| {
        let id = ui
            .label(tr.s("每年费用计算年数", "Years of yearly costs counted"))
            .id;
        ui.add(
            egui::DragValue::new(&mut form.years)
                .range(1.0..=crate::plan::MAX_YEARS_COSTED)
                .speed(0.1)
                .max_decimals(0)
                .suffix(tr.s(" 年", " years")),
        )
        .labelled_by(id)
        .on_hover_text(tr.s(
            "方案总费用 = 一次性费用 + 年数 × 每年费用（如教师工资）",
            "The plan's total = one-time + years × yearly (teachers' salaries)",
        ));
    });
    ui.horizontal(|ui| {
        ui.checkbox(&mut form.use_budget, tr.s("预算上限", "Budget"));
        ui.add_enabled(
            form.use_budget,
            egui::DragValue::new(&mut form.budget_wan)
                .speed(10.0)
                .range(0.0..=1e9)
                .suffix(tr.s(" 万元", " ×10k yuan")),
        );
        if form.use_budget {
            ui.label(tr.s(
                "（预算内：先使达标单元最多，再使超限差异系数最少，再使费用最低）",
                "(within it: most sections passing, then fewest CVs over, then least cost)",
            ));
        }
    });
    rule_and_limit(app, form, ui);
}

/// The school rule and the time limit, for either kind of plan.
fn rule_and_limit(app: &Ctx, form: &mut PlanForm, ui: &mut egui::Ui) {
    let tr = app.tr();
    ui.horizontal(|ui| {
        ui.label(tr.s("达标规则：", "Rule:"));
        ui.radio_value(
            &mut form.rule,
            Rule::National,
            tr.s(
                "国家标准（至少 6 项达标，其余 ≥ 85%）",
                "National (6 of 7, the rest ≥ 85%)",
            ),
        );
        ui.radio_value(&mut form.rule, Rule::Strict, tr.s("全部达标", "All met"));
    });
    ui.horizontal(|ui| {
        ui.label(tr.s("时间限制：", "Time limit:"));
        ui.add(
            egui::DragValue::new(&mut form.time_limit)
                .speed(1.0)
                .range(1.0..=3600.0)
                .suffix(tr.s(" 秒", " s")),
        );
    });
}

/// The plan explained (the explanation the command line prints, as widgets): status and cost,
/// per school what to add, what it costs and what it fixes, the totals by resource, the CVs and
/// the sections passing before and after.
fn result(
    app: &Ctx,
    outcome: &crate::app::PlanOutcome,
    ui: &mut egui::Ui,
    commands: &mut Vec<Command>,
) {
    let tr = app.tr();
    let ex = &outcome.explanation;
    let color = match ex.status {
        PlanStatus::Optimal => colors::MET,
        PlanStatus::Feasible if ex.rounded_optimum => colors::MET,
        PlanStatus::Feasible => colors::NEAR,
        PlanStatus::Infeasible => colors::BELOW,
    };
    ui.label(
        RichText::new(status_headline(ex.status, ex.rounded_optimum, tr))
            .color(color)
            .strong()
            .size(20.0),
    );
    ui.label(
        RichText::new(format!(
            "{}{}",
            tr.s("总费用 ", "Total cost "),
            wan(ex.total_cost)
        ))
        .size(20.0),
    );
    ui.label(ex.cost_split(tr));
    ui.label(format!(
        "{}{}{}{}{}{}",
        tr.s("已证明下界 ", "Proven bound "),
        wan(ex.lower_bound.max(0.0)),
        tr.s("，差距 ", ", gap "),
        crate::format::gap_percent(ex.gap),
        tr.s("；", "; "),
        ex.work(tr)
    ));
    if !ex.message.is_empty() {
        // A rounding note is information; a time limit or infeasibility is a warning.
        let color = if ex.rounded_optimum && ex.status != PlanStatus::Infeasible {
            ui.visuals().text_color()
        } else {
            colors::BELOW
        };
        ui.label(RichText::new(&ex.message).color(color));
    }
    ui.horizontal(|ui| {
        ui.label(format!(
            "{}“{}”",
            tr.s("已作为方案打开：", "Opened as the scenario "),
            outcome.scenario
        ));
        if ui.button(tr.s("查看总览", "See the overview")).clicked() {
            commands.push(Command::SetPanel(Panel::Overview));
        }
        if ui.button(tr.s("方案比较", "Compare")).clicked() {
            commands.push(Command::SetPanel(Panel::Compare));
        }
    });
    ui.add_space(6.0);
    ui.label(
        RichText::new(tr.s("各校投入", "Per school"))
            .strong()
            .size(18.0),
    );
    // One block per school: name and cost, then what it gets and what that fixes (wrapped: the
    // column is narrow and the lists can be long).
    for s in &ex.schools {
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{} {}", s.school_id, s.name)).strong());
            ui.label(wan(s.cost));
        });
        ui.add(egui::Label::new(format!("  {}", s.additions.join(tr.s("，", ", ")))).wrap());
        let mut fixes = s.fixes.join(tr.s("、", ", "));
        if !s.now_passing.is_empty() {
            fixes.push_str(&format!(
                "{}{}",
                tr.s("；整体达标：", "; section passes: "),
                s.now_passing.join(tr.s("、", ", "))
            ));
        }
        if !fixes.is_empty() {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("  {}{fixes}", tr.s("因此达标：", "Reaches: ")))
                        .color(colors::MET),
                )
                .wrap(),
            );
        }
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(tr.s("按资源合计", "By resource"))
            .strong()
            .size(18.0),
    );
    egui::Grid::new("plan-fields-total")
        .striped(true)
        .show(ui, |ui| {
            for f in &ex.fields {
                ui.label(&f.name);
                ui.label(format::thousands(f.amount));
                ui.label(wan(f.cost));
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.label(
        RichText::new(tr.s("差异系数：前 → 后", "CVs: before → after"))
            .strong()
            .size(18.0),
    );
    egui::Grid::new("plan-cvs").striped(true).show(ui, |ui| {
        for c in &ex.cvs {
            ui.label(format!("{} {}", format::level(tr, c.level), c.indicator));
            ui.label(format!(
                "{} → {}",
                format::cv_against(c.before, c.limit),
                format::cv_against(c.after, c.limit)
            ));
            ui.label(
                RichText::new(format!("{} {:.2}", if c.met { "≤" } else { ">" }, c.limit))
                    .color(if c.met { colors::MET } else { colors::BELOW }),
            );
            ui.end_row();
        }
    });
    for l in &ex.levels {
        ui.label(l.sentence(tr));
    }
}
