//! The plan in words for a leadership audience: status and cost, per school what to add, what it
//! costs and what it fixes, the totals by resource, the CVs and the sections passing before and
//! after. One explanation, read by the command line (as text) and the 生成方案 panel (as widgets).

use super::{Plan, PlanStatus};
use crate::evaluate::Evaluation;
use crate::format::thousands;
use crate::i18n::Tr;
use crate::model::{Field, Level};
use crate::standard::Standard;

/// One school's part, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolLine {
    pub school_id: String,
    pub name: String,
    /// "+2 人 骨干教师", one per addition.
    pub additions: Vec<String>,
    /// Yuan.
    pub cost: f64,
    /// The section-indicators that reach their threshold because of it.
    pub fixes: Vec<String>,
    /// Sections that pass after the plan and did not before.
    pub now_passing: Vec<String>,
}

/// One resource's total.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldLine {
    pub name: String,
    pub amount: f64,
    /// Yuan.
    pub cost: f64,
}

/// One CV before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct CvLine {
    pub level: Level,
    pub indicator: String,
    pub before: f64,
    pub after: f64,
    pub limit: f64,
    pub met: bool,
}

/// Sections passing in one level, before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelLine {
    pub level: Level,
    pub before: usize,
    pub after: usize,
    pub units: usize,
}

/// The whole explanation of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub status: PlanStatus,
    pub total_cost: f64,
    /// What the plan pays once and every year, and the years the total counts.
    pub one_time_cost: f64,
    pub per_year_cost: f64,
    pub years_costed: f64,
    pub lower_bound: f64,
    pub gap: f64,
    pub rounds: usize,
    pub cuts: usize,
    pub seconds: f64,
    /// Why infeasible, a time limit, a cancel, rounding: empty when there is nothing to say.
    pub message: String,
    /// The proven cheapest plan, rounded up to whole m² and 100 元 (see [`super::Plan`]).
    pub rounded_optimum: bool,
    pub schools: Vec<SchoolLine>,
    pub fields: Vec<FieldLine>,
    pub cvs: Vec<CvLine>,
    pub levels: Vec<LevelLine>,
}

/// The name of a plan's status: 最优（已证明费用最低）…
pub fn status_name(status: PlanStatus, tr: Tr) -> &'static str {
    match status {
        PlanStatus::Optimal => tr.s("最优（已证明费用最低）", "optimal (cost proven minimal)"),
        PlanStatus::Feasible => tr.s("可行（未证明最优）", "feasible (not proven optimal)"),
        PlanStatus::Infeasible => tr.s("无法全部达标", "infeasible"),
    }
}

/// A plan's status as the 生成方案 panel's headline says it: 最优：已证明费用最低…
pub fn status_headline(status: PlanStatus, rounded_optimum: bool, tr: Tr) -> &'static str {
    if rounded_optimum {
        return tr.s(
            "最优（取整）：费用最低的方案，面积取整平方米、金额取整百元",
            "Optimal, rounded: the cheapest plan, areas in whole m² and money in 100 yuan",
        );
    }
    match status {
        PlanStatus::Optimal => tr.s("最优：已证明费用最低", "Optimal: cost proven minimal"),
        PlanStatus::Feasible => tr.s("可行：未证明最优", "Feasible: not proven optimal"),
        PlanStatus::Infeasible => tr.s("无法全部达标", "Cannot pass everything"),
    }
}

/// A field's name as the explanation says it (its Chinese header, or its key in English).
fn field_name(key: &str, tr: Tr) -> String {
    match (Field::from_key(key), tr.zh()) {
        (Some(f), true) => f.zh_headers()[0].to_string(),
        _ => key.to_string(),
    }
}

/// "+2 人 骨干教师".
fn addition(key: &str, amount: f64, tr: Tr) -> String {
    let unit = match (Field::from_key(key), tr.zh()) {
        (Some(f), true) => f.unit_zh(),
        (Some(f), false) => f.unit_en(),
        _ => "",
    };
    format!("+{} {unit} {}", thousands(amount), field_name(key, tr))
}

/// "调入 2 名 骨干教师（来自 第3学校）" / "sends 2 backbone teachers to 第3学校".
pub fn moved(m: &super::moves::Move, tr: Tr) -> String {
    let name = field_name(&m.field, tr);
    let n = thousands(m.count);
    match (tr.zh(), m.incoming) {
        (true, true) => format!("交流调入 {n} 名{name}（来自{}）", m.other_name),
        (true, false) => format!("交流调出 {n} 名{name}（到{}）", m.other_name),
        (false, true) => format!("receives {n} {name} from {}", m.other_name),
        (false, false) => format!("sends {n} {name} to {}", m.other_name),
    }
}

/// Explains a plan against the evaluation it started from.
pub fn explain(plan: &Plan, before: &Evaluation, standard: &Standard, tr: Tr) -> Explanation {
    let zh = tr.zh();
    let levels: Vec<Level> = plan.evaluation.levels();
    let mut cvs = Vec::new();
    for &level in &levels {
        for (k, ind) in standard.indicators.iter().enumerate() {
            let Some(after) = plan.evaluation.cv_of(level).get(k) else {
                continue;
            };
            cvs.push(CvLine {
                level,
                indicator: ind.short(zh).to_string(),
                before: before.cv_of(level).get(k).map_or(0.0, |r| r.cv),
                after: after.cv,
                limit: after.limit,
                met: after.met,
            });
        }
    }
    Explanation {
        status: plan.status,
        total_cost: plan.total_cost,
        one_time_cost: plan.one_time_cost,
        per_year_cost: plan.per_year_cost,
        years_costed: plan.years_costed,
        lower_bound: plan.lower_bound,
        gap: plan.gap(),
        rounds: plan.rounds,
        cuts: plan.cuts,
        seconds: plan.elapsed_s,
        message: tr.s(&plan.message_zh, &plan.message_en).to_string(),
        rounded_optimum: plan.rounded_optimum,
        schools: plan
            .per_school
            .iter()
            .map(|s| SchoolLine {
                school_id: s.school_id.clone(),
                name: s.name.clone(),
                additions: s
                    .additions
                    .iter()
                    .map(|(f, a, _)| addition(f, *a, tr))
                    .chain(s.moves.iter().map(|m| moved(m, tr)))
                    .collect(),
                cost: s.cost,
                fixes: s.fixes.clone(),
                now_passing: s.now_passing.clone(),
            })
            .collect(),
        fields: plan
            .per_field
            .iter()
            .map(|(f, a, c)| FieldLine {
                name: field_name(f, tr),
                amount: *a,
                cost: *c,
            })
            .collect(),
        cvs,
        levels: levels
            .iter()
            .map(|&level| LevelLine {
                level,
                before: before.summary_of(level).passing,
                after: plan.evaluation.summary_of(level).passing,
                units: plan.evaluation.summary_of(level).units,
            })
            .collect(),
    }
}

impl LevelLine {
    /// "小学：3 → 11 / 11 个评估单元达标".
    pub fn sentence(&self, tr: Tr) -> String {
        if tr.zh() {
            format!(
                "{}：{} → {} / {} 个评估单元达标",
                self.level.zh(),
                self.before,
                self.after,
                self.units
            )
        } else {
            format!(
                "{}: {} → {} of {} sections pass",
                self.level.en(),
                self.before,
                self.after,
                self.units
            )
        }
    }
}

impl Explanation {
    /// "…；3 轮，12 条切平面，1.20 秒": how the planner got there.
    pub fn work(&self, tr: Tr) -> String {
        if tr.zh() {
            format!(
                "{} 轮，{} 条切平面，{:.2} 秒",
                self.rounds, self.cuts, self.seconds
            )
        } else {
            format!(
                "{} rounds, {} cuts, {:.2} s",
                self.rounds, self.cuts, self.seconds
            )
        }
    }

    /// How the cost falls due: "一次性 130.00 万元；每年 12.00 万元；总费用 = 一次性 + 5 × 每年".
    pub fn cost_split(&self, tr: Tr) -> String {
        let w = crate::format::wan;
        if tr.zh() {
            format!(
                "一次性 {} 万元；每年 {} 万元；总费用 = 一次性 + {} × 每年",
                w(self.one_time_cost),
                w(self.per_year_cost),
                self.years_costed
            )
        } else {
            format!(
                "once {} ×10k yuan; every year {} ×10k yuan; total = once + {} × yearly",
                w(self.one_time_cost),
                w(self.per_year_cost),
                self.years_costed
            )
        }
    }

    /// The explanation as the command line prints it.
    pub fn to_text(&self, tr: Tr) -> String {
        use std::fmt::Write;
        let zh = tr.zh();
        let mut t = String::new();
        let status = status_name(self.status, tr);
        if zh {
            let _ = writeln!(
                t,
                "方案：{status}；总费用 {:.2} 万元；下界 {:.2} 万元（差距 {}）；{}",
                self.total_cost / 10_000.0,
                self.lower_bound / 10_000.0,
                crate::format::gap_percent(self.gap),
                self.work(tr)
            );
        } else {
            let _ = writeln!(
                t,
                "Plan: {status}; total cost {:.0} yuan; bound {:.0} (gap {}); {}",
                self.total_cost,
                self.lower_bound,
                crate::format::gap_percent(self.gap),
                self.work(tr)
            );
        }
        let _ = writeln!(t, "{}", self.cost_split(tr));
        if !self.message.is_empty() {
            let _ = writeln!(t, "{}", self.message);
        }
        let wan = tr.s("万元", "×10k yuan");
        let _ = writeln!(t);
        let _ = writeln!(t, "{}", tr.s("各校投入：", "Per school:"));
        for s in &self.schools {
            let fixes = if s.fixes.is_empty() {
                String::new()
            } else {
                format!(
                    "{}{}",
                    tr.s("；达标：", "; reaches: "),
                    s.fixes.join(tr.s("、", ", "))
                )
            };
            let _ = writeln!(
                t,
                "  {} {}：{}；{:.2} {wan}{fixes}",
                s.school_id,
                s.name,
                s.additions.join(tr.s("，", ", ")),
                s.cost / 10_000.0,
            );
        }
        let _ = writeln!(t);
        let _ = writeln!(t, "{}", tr.s("按资源合计：", "By resource:"));
        for f in &self.fields {
            let _ = writeln!(
                t,
                "  {}：{}，{:.2} {wan}",
                f.name,
                thousands(f.amount),
                f.cost / 10_000.0
            );
        }
        let _ = writeln!(t);
        let _ = writeln!(
            t,
            "{}",
            tr.s("差异系数（前 → 后）：", "CVs (before → after):")
        );
        for c in &self.cvs {
            let _ = writeln!(
                t,
                "  {} {:<8} {:.3} → {:.3}  {} {:.2} {}",
                tr.s(c.level.zh(), c.level.en()),
                c.indicator,
                c.before,
                c.after,
                if c.met { "≤" } else { ">" },
                c.limit,
                if c.met {
                    tr.s("达标", "met")
                } else {
                    tr.s("超限", "over")
                }
            );
        }
        for l in &self.levels {
            let _ = writeln!(t, "{}", l.sentence(tr));
        }
        t
    }
}
