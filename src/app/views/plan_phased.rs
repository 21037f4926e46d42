//! 生成方案, by year: the phased plan's settings (over the 年度推演's years: the target year, the
//! CV margin, each year's budget) and its answer explained year by year — what to build, hire or
//! buy in each year, what that year spends against its budget, and what each step brings to
//! its threshold.

use crate::app::format::{self, colors};
use crate::app::{Command, Ctx, Panel, PhasedOutcome, PlanForm};
use crate::plan::PlanStatus;
use eframe::egui::{self, RichText};

fn wan(yuan: f64) -> String {
    format!("{} 万元", format::wan(yuan))
}

/// The phased settings under the planner's form.
pub fn form(app: &Ctx, form: &mut PlanForm, ui: &mut egui::Ui) {
    let tr = app.tr();
    ui.add_space(6.0);
    let Some(spec) = app.workspace.timeline else {
        form.phased = false;
        ui.add_enabled(
            false,
            egui::Checkbox::new(&mut false, tr.s("分年度规划", "Plan by year")),
        );
        ui.label(
            RichText::new(tr.s(
                "分年度规划需要年度推演：先在“年度推演”页设置基年与推演到的年份。",
                "A phased plan needs the years: set them on the Years page first.",
            ))
            .weak(),
        );
        return;
    };
    ui.checkbox(
        &mut form.phased,
        format!(
            "{}{}–{}{}",
            tr.s("分年度规划（按年度推演 ", "Plan by year (the years "),
            spec.base_year,
            spec.to,
            tr.s(" 年）", ")")
        ),
    )
    .on_hover_text(tr.s(
        "每项投入注明年份，投入后一直保留；从目标年份起每年全部达标；每年支出 = 当年一次性费用 + 已投入各项的每年费用，不超过当年预算；总费用为各年支出之和。",
        "Each addition is dated and stays; every year from the target year passes; each year spends that year's one-time costs plus the yearly costs of all added so far, within its budget; the total is the sum over the years.",
    ));
    if !form.phased {
        return;
    }
    let target = form
        .target_year
        .get_or_insert((spec.base_year + 1).min(spec.to));
    *target = (*target).clamp(spec.base_year, spec.to);
    ui.horizontal(|ui| {
        let id = ui
            .label(tr.s("目标年份（起每年达标）", "Target year (passing from)"))
            .id;
        ui.add(egui::DragValue::new(target).range(spec.base_year..=spec.to))
            .labelled_by(id);
    });
    ui.horizontal(|ui| {
        let id = ui.label(tr.s("差异系数余量", "CV margin")).id;
        ui.add(
            egui::DragValue::new(&mut form.cv_margin)
                .range(0.0..=0.1)
                .speed(0.005)
                .fixed_decimals(3),
        )
        .labelled_by(id)
        .on_hover_text(tr.s(
            "每项差异系数至少比限值低这么多，方案不会恰好卡在限值上",
            "Each CV stays at least this far under its limit",
        ));
    });
    ui.label(tr.s(
        "各年预算（不勾选即不限）",
        "Budget per year (unticked: none)",
    ));
    egui::Grid::new("phased-budgets")
        .striped(true)
        .show(ui, |ui| {
            for year in spec.years() {
                let mut on = form.budgets.contains_key(&year);
                if ui.checkbox(&mut on, format!("{year}")).changed() {
                    if on {
                        form.budgets.insert(year, 1000.0);
                    } else {
                        form.budgets.remove(&year);
                    }
                }
                if let Some(b) = form.budgets.get_mut(&year) {
                    ui.add(
                        egui::DragValue::new(b)
                            .speed(10.0)
                            .range(0.0..=1e9)
                            .suffix(tr.s(" 万元", " ×10k yuan")),
                    );
                } else {
                    ui.label(RichText::new(tr.s("不限", "none")).weak());
                }
                ui.end_row();
            }
        });
}

/// The phased plan explained year by year.
pub fn result(
    app: &Ctx,
    outcome: &Result<PhasedOutcome, String>,
    ui: &mut egui::Ui,
    commands: &mut Vec<Command>,
) {
    let tr = app.tr();
    let zh = tr.zh();
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => {
            ui.label(RichText::new(e).color(colors::BELOW));
            return;
        }
    };
    let plan = &outcome.plan;
    let (headline, color) = match plan.status {
        PlanStatus::Optimal => (
            tr.s(
                "分年度方案：最优（已证明）",
                "Phased plan: optimal (proven)",
            ),
            colors::MET,
        ),
        PlanStatus::Feasible => (
            tr.s(
                "分年度方案：可行（未证明最优）",
                "Phased plan: feasible (not proven optimal)",
            ),
            colors::NEAR,
        ),
        PlanStatus::Infeasible => (
            tr.s("无法每年全部达标", "No plan passes every year"),
            colors::BELOW,
        ),
    };
    ui.label(RichText::new(headline).color(color).strong().size(20.0));
    let msg = if zh {
        &plan.message_zh
    } else {
        &plan.message_en
    };
    if !msg.is_empty() {
        let c = if plan.status == PlanStatus::Infeasible {
            colors::BELOW
        } else {
            ui.visuals().text_color()
        };
        ui.add(egui::Label::new(RichText::new(msg).color(c)).wrap());
    }
    if plan.status == PlanStatus::Infeasible && plan.scenario.changes.is_empty() {
        return;
    }
    ui.label(
        RichText::new(format!(
            "{}{}（{}–{}）",
            tr.s("各年支出合计 ", "Total over the years "),
            wan(plan.total_cost),
            plan.years.first().map_or(0, |y| y.year),
            plan.years.last().map_or(0, |y| y.year)
        ))
        .size(20.0),
    );
    ui.label(format!(
        "{}{}{}{}",
        tr.s("一次性 ", "One-time "),
        wan(plan.one_time_cost),
        tr.s("；全部到位后每年 ", "; every year once all is in place "),
        wan(plan.per_year_cost)
    ));
    ui.label(format!(
        "{}{}{}{}{}{}",
        tr.s("已证明下界 ", "Proven bound "),
        wan(plan.lower_bound.max(0.0)),
        tr.s("，差距 ", ", gap "),
        format::gap_percent(plan.gap()),
        tr.s("；差异系数余量 ", "; CV margin "),
        format::cv(plan.cv_margin)
    ));
    ui.horizontal(|ui| {
        ui.label(format!(
            "{}“{}”",
            tr.s("已作为分年度方案打开：", "Opened as the dated scenario "),
            outcome.scenario
        ));
        if ui.button(tr.s("年度推演", "Years")).clicked() {
            commands.push(Command::SetPanel(Panel::Years));
        }
        if ui.button(tr.s("查看总览", "See the overview")).clicked() {
            commands.push(Command::SetPanel(Panel::Overview));
        }
    });
    let data = app.base_data();
    let name = |id: &str| data.school(id).map_or(id.to_string(), |s| s.name.clone());
    for y in &plan.years {
        ui.add_space(6.0);
        let budget = y
            .budget
            .map(|b| format!("{}{}", tr.s("，预算 ", ", budget "), wan(b)));
        let over = y.budget.is_some_and(|b| y.spent > b + 0.5);
        ui.label(
            RichText::new(format!(
                "{} {}{}{}",
                y.year,
                tr.s("年：支出 ", ": spends "),
                wan(y.spent),
                budget.unwrap_or_default()
            ))
            .strong()
            .size(18.0)
            .color(if over {
                colors::BELOW
            } else {
                ui.visuals().strong_text_color()
            }),
        );
        ui.label(
            RichText::new(format!(
                "{}{}{}{}",
                tr.s("一次性 ", "one-time "),
                wan(y.one_time),
                tr.s("，每年费用 ", ", yearly "),
                wan(y.per_year)
            ))
            .weak(),
        );
        let year_changes: Vec<crate::scenario::Change> = plan
            .scenario
            .changes
            .iter()
            .enumerate()
            .filter(|(i, _)| plan.scenario.year_of(*i) == Some(y.year))
            .map(|(_, c)| c.clone())
            .collect();
        if year_changes.is_empty() {
            ui.label(RichText::new(tr.s("  当年无新增", "  nothing added this year")).weak());
        }
        // One line a school: what it gets that year.
        for (id, texts) in crate::scenario::describe::per_school(&year_changes, data, zh) {
            let who = if id.is_empty() {
                String::new()
            } else {
                format!("{}：", name(&id))
            };
            ui.add(egui::Label::new(format!("  {who}{}", texts.join(tr.s("，", ", ")))).wrap());
        }
        if let Some(step) = plan.steps.iter().find(|s| s.year == y.year) {
            for line in step.sentences(data, zh) {
                ui.add(
                    egui::Label::new(RichText::new(format!("  {line}")).color(colors::MET)).wrap(),
                );
            }
        }
    }
}

/// 交流轮岗 for the planner: whether it may move teachers between schools of one level, which
/// counts, at what yearly cost per teacher, and the most of its teachers a school may send. Each
/// edit is one undo step, kept with the project's cost table.
pub fn transfer(app: &Ctx, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    use crate::model::Field;
    use crate::scenario::TransferCost;
    let tr = app.tr();
    let current = app.workspace.costs.transfer.clone();
    let mut on = current.is_some();
    ui.add_space(6.0);
    if ui
        .checkbox(
            &mut on,
            tr.s(
                "允许交流轮岗（教师在同学段学校间调动）",
                "Allow teacher exchange (moves between schools of a level)",
            ),
        )
        .on_hover_text(tr.s(
            "规划器可把教师从有余的学校调往不足的学校：每调动一名教师每年计一次费用；调出学校仍须达标。",
            "The planner may move teachers from schools with more to schools with fewer, at a yearly cost per teacher moved; senders must still pass.",
        ))
        .changed()
    {
        commands.push(Command::SetTransfer(on.then(|| TransferCost {
            fields: [
                Field::BackbonePrimary,
                Field::BackboneJunior,
                Field::QualifiedPrimary,
                Field::QualifiedJunior,
            ]
            .iter()
            .map(|f| f.key().to_string())
            .collect(),
            per_year: 20_000.0,
            max_out_share: 0.15,
        })));
    }
    let Some(t) = current else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(tr.s("可调动：", "May move:"));
        for f in [
            Field::QualifiedPrimary,
            Field::BackbonePrimary,
            Field::PeArtPrimary,
            Field::QualifiedJunior,
            Field::BackboneJunior,
            Field::PeArtJunior,
        ] {
            let mut has = t.fields.iter().any(|k| k == f.key());
            if ui
                .checkbox(&mut has, tr.s(f.zh_headers()[0], f.key()))
                .changed()
            {
                let mut next = t.clone();
                if has {
                    next.fields.push(f.key().to_string());
                } else {
                    next.fields.retain(|k| k != f.key());
                }
                commands.push(Command::SetTransfer(Some(next)));
            }
        }
    });
    ui.horizontal(|ui| {
        let id = ui
            .label(tr.s("每调动一名教师每年费用", "Yearly cost per teacher moved"))
            .id;
        let mut v = t.per_year;
        let r = ui
            .add(
                egui::DragValue::new(&mut v)
                    .speed(0.0)
                    .update_while_editing(false)
                    .range(0.0..=crate::plan::MAX_UNIT_COST)
                    .custom_formatter(|v, _| format::thousands(v))
                    .custom_parser(|s| s.replace([',', '，', ' '], "").parse().ok())
                    .suffix(tr.s(" 元", " yuan")),
            )
            .labelled_by(id);
        if r.changed() {
            commands.push(Command::SetTransfer(Some(TransferCost {
                per_year: v,
                ..t.clone()
            })));
        }
    });
    ui.horizontal(|ui| {
        let id = ui
            .label(tr.s("每校调出不超过其教师的", "A school sends at most"))
            .id;
        let mut pct = t.max_out_share * 100.0;
        let r = ui
            .add(
                egui::DragValue::new(&mut pct)
                    .speed(0.0)
                    .update_while_editing(false)
                    .range(0.0..=100.0)
                    .max_decimals(1)
                    .suffix(" %"),
            )
            .labelled_by(id);
        if r.changed() {
            commands.push(Command::SetTransfer(Some(TransferCost {
                max_out_share: pct / 100.0,
                ..t.clone()
            })));
        }
    });
}
