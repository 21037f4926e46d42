//! `junheng plan … --base-year Y --target-year T --to Z`: a phased plan over the years
//! (DATA-FORMAT.md §4 "Phased plans"), as JSON or explained year by year.

use crate::i18n::Tr;
use crate::plan::phased::{plan_phased, PhasedOptions, PhasedPlan};
use crate::plan::PlanOptions;
use crate::standard::Standard;
use crate::timeline::Options;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) struct PhasedCli {
    pub base_year: i32,
    pub target_year: i32,
    pub to: i32,
    pub annual_budget: Option<String>,
    pub cv_margin: f64,
    pub intake: Option<PathBuf>,
    pub intake_trend: Option<f64>,
    pub survival: f64,
}

/// `2024=3000000,2025=5000000` as years and budgets; a located refusal otherwise.
pub fn parse_budgets(text: &str) -> Result<BTreeMap<i32, f64>, String> {
    let mut out = BTreeMap::new();
    for part in text
        .split([',', '，'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let parsed = part.split_once('=').and_then(|(y, b)| {
            let y: i32 = y.trim().parse().ok()?;
            let b: f64 = b.trim().parse().ok()?;
            (b.is_finite() && b >= 0.0).then_some((y, b))
        });
        match parsed {
            Some((y, b)) => {
                if out.insert(y, b).is_some() {
                    return Err(format!(
                        "--annual-budget 中 {y} 年出现两次 / --annual-budget names {y} twice"
                    ));
                }
            }
            None => {
                return Err(format!(
                    "--annual-budget 的“{part}”应为 年份=元（如 2025=5000000） / \"{part}\" in --annual-budget must be year=yuan (2025=5000000)"
                ))
            }
        }
    }
    Ok(out)
}

pub(super) fn phased_command(
    data: &crate::model::Dataset,
    standard: &Standard,
    options: PlanOptions,
    args: PhasedCli,
    base: Option<crate::scenario::Scenario>,
    (json, out, progress, tr): (bool, Option<PathBuf>, bool, Tr),
) -> ExitCode {
    let zh = tr.zh();
    let budgets = match args.annual_budget.as_deref().map(parse_budgets) {
        None => BTreeMap::new(),
        Some(Ok(b)) => b,
        Some(Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut timeline = Options::new(args.base_year, args.to);
    timeline.survival = args.survival;
    timeline.trend = args.intake_trend;
    if let Some(path) = &args.intake {
        match crate::io::intake::load_intake(path) {
            Ok(i) => timeline.intake = i,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    let opts = PhasedOptions {
        plan: options,
        timeline,
        target_year: args.target_year,
        budgets,
        cv_margin: args.cv_margin,
        base: base.unwrap_or_default(),
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let result = plan_phased(data, standard, &opts, &cancel, &mut |p| {
        if progress {
            eprintln!(
                "{} round {:>3}  bound {:>14.2}  best {:>14}  CVs over {}  cuts {}  {:.2}s",
                p.stage,
                p.round,
                p.bound,
                p.best.map_or("-".into(), |b| format!("{b:.2}")),
                p.cvs_over,
                p.cuts,
                p.elapsed_s
            );
        }
    });
    let plan = match result {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    for note in &plan.timeline.notes {
        eprintln!("{note}");
    }
    if let Some(out) = &out {
        let mut sc = plan.scenario.clone();
        sc.name = if zh { "分年度方案" } else { "Phased plan" }.to_string();
        let written = serde_json::to_string_pretty(&sc)
            .map_err(|e| e.to_string())
            .and_then(|t| std::fs::write(out, t).map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!("无法写入方案 / cannot write {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
    }
    let mut stdout = std::io::stdout().lock();
    if json {
        let _ = serde_json::to_writer_pretty(&mut stdout, &plan.to_json(standard));
        let _ = stdout.write_all(b"\n");
    } else {
        let _ = stdout.write_all(explain(&plan, data, zh).as_bytes());
    }
    ExitCode::SUCCESS
}

/// The plan year by year: what is added, what that year spends against its budget.
fn explain(plan: &PhasedPlan, data: &crate::model::Dataset, zh: bool) -> String {
    use crate::format::wan;
    let mut s = String::new();
    let status = match (plan.status, zh) {
        (crate::plan::PlanStatus::Optimal, true) => "最优（已证明）",
        (crate::plan::PlanStatus::Feasible, true) => "可行（未证明最优）",
        (crate::plan::PlanStatus::Infeasible, true) => "无法全部达标",
        (crate::plan::PlanStatus::Optimal, false) => "optimal (proven)",
        (crate::plan::PlanStatus::Feasible, false) => "feasible (not proven optimal)",
        (crate::plan::PlanStatus::Infeasible, false) => "infeasible",
    };
    if zh {
        s.push_str(&format!(
            "分年度方案：{status}；合计 {} 万元（一次性 {} 万元，全部到位后每年 {} 万元）\n",
            wan(plan.total_cost),
            wan(plan.one_time_cost),
            wan(plan.per_year_cost)
        ));
    } else {
        s.push_str(&format!(
            "Phased plan: {status}; total {} 万元 (one-time {} 万元, {} 万元 a year once all is in place)\n",
            wan(plan.total_cost),
            wan(plan.one_time_cost),
            wan(plan.per_year_cost)
        ));
    }
    let msg = if zh {
        &plan.message_zh
    } else {
        &plan.message_en
    };
    if !msg.is_empty() {
        s.push_str(msg);
        s.push('\n');
    }
    for y in &plan.years {
        let budget = y
            .budget
            .map(|b| {
                if zh {
                    format!("，预算 {} 万元", wan(b))
                } else {
                    format!(", budget {} 万元", wan(b))
                }
            })
            .unwrap_or_default();
        s.push_str(&if zh {
            format!(
                "\n{} 年：支出 {} 万元（一次性 {}，每年 {}）{budget}\n",
                y.year,
                wan(y.spent),
                wan(y.one_time),
                wan(y.per_year)
            )
        } else {
            format!(
                "\n{}: spends {} 万元 (one-time {}, yearly {}){budget}\n",
                y.year,
                wan(y.spent),
                wan(y.one_time),
                wan(y.per_year)
            )
        });
        for (i, c) in plan.scenario.changes.iter().enumerate() {
            if plan.scenario.year_of(i) != Some(y.year) {
                continue;
            }
            s.push_str("  ");
            s.push_str(&c.describe_in(Some(data), zh));
            s.push('\n');
        }
        if let Some(step) = plan.steps.iter().find(|st| st.year == y.year) {
            for line in step.sentences(data, zh) {
                s.push_str(&format!("  {line}\n"));
            }
        }
    }
    s
}
