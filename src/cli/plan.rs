//! `junheng plan`: the cheapest additions that pass (DATA-FORMAT.md §4), as JSON or explained.

use super::{prepare, Prepared};
use crate::evaluate::evaluate;
use crate::i18n::Tr;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) struct PlanArgs {
    pub file: Option<PathBuf>,
    pub sample: bool,
    pub scenario: Option<String>,
    pub costs: PathBuf,
    pub budget: Option<f64>,
    pub rule: crate::plan::Rule,
    pub time_limit: f64,
    pub round: bool,
    pub years: f64,
    pub standard: Option<String>,
    pub json: bool,
    pub out: Option<PathBuf>,
    pub progress: bool,
    /// A phased plan over the years, when `--base-year` is given.
    pub phased: Option<super::plan_phased::PhasedCli>,
    pub read: crate::io::ImportOptions,
    pub tr: Tr,
}

pub(super) fn plan_command(args: PlanArgs) -> ExitCode {
    let tr = args.tr;
    let zh = tr.zh();
    let costs: crate::scenario::CostTable = match std::fs::read_to_string(&args.costs)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "无法读取单价表 / cannot read the costs {}: {e}",
                args.costs.display()
            );
            return ExitCode::from(2);
        }
    };
    let mut options = match crate::plan::PlanOptions::from_costs(costs) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(b) = args.budget {
        if !(b.is_finite() && b >= 0.0) {
            eprintln!("预算应为非负数 / the budget must be 0 or more: {b}");
            return ExitCode::from(2);
        }
    }
    options.budget = args.budget;
    options.rule = args.rule;
    options.time_limit = args.time_limit;
    options.round = args.round;
    options.years = args.years;
    if let Err(e) = options.costs.check() {
        eprintln!("{e}");
        return ExitCode::from(2);
    }
    let Prepared {
        imported,
        applied,
        standard,
        ..
    } = match prepare(
        args.file.into_iter().collect(),
        args.sample,
        args.read,
        args.scenario,
        args.standard.as_deref(),
        tr,
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if let Some(phased) = args.phased {
        // A phased plan starts from the scenario's dated changes on the original data.
        return super::plan_phased::phased_command(
            &imported.dataset,
            &standard,
            options,
            phased,
            applied.map(|a| a.scenario),
            (args.json, args.out, args.progress, tr),
        );
    }
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let show = args.progress;
    let result = crate::plan::plan(&imported.dataset, &standard, &options, &cancel, &mut |p| {
        if show {
            eprintln!(
                    "{} round {:>3}  bound {:>14.2}  best {:>14}  gap {:>8}  CVs over {}  cuts {}  {:.2}s",
                    p.stage,
                    p.round,
                    p.bound,
                    p.best.map_or("-".into(), |b| format!("{b:.2}")),
                    p.gap().map_or("-".into(), |g| format!("{:.4}%", g * 100.0)),
                    p.cvs_over,
                    p.cuts,
                    p.elapsed_s
                );
        }
    });
    let mut plan = match result {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(a) = &applied {
        // The plan adds to the base scenario: its changes come first, so the whole list
        // reproduces the evaluation from the original data.
        let mut all = a.scenario.changes.clone();
        all.append(&mut plan.changes);
        plan.changes = all;
    }
    if let Some(out) = &args.out {
        let sc = plan.scenario(if zh { "生成方案" } else { "Generated plan" });
        let written = serde_json::to_string_pretty(&sc)
            .map_err(|e| e.to_string())
            .and_then(|t| std::fs::write(out, t).map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!("无法写入方案 / cannot write {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
    }
    let mut stdout = std::io::stdout().lock();
    if args.json {
        let _ = serde_json::to_writer_pretty(&mut stdout, &plan.to_json(&standard));
        let _ = stdout.write_all(b"\n");
    } else {
        let before = evaluate(&imported.dataset, &standard);
        let text = crate::plan::explain::explain(&plan, &before, &standard, tr).to_text(tr);
        let _ = stdout.write_all(text.as_bytes());
    }
    ExitCode::SUCCESS
}
