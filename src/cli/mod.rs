//! The subcommands: `evaluate`, `template`, and the hidden `generate` used by benchmarks.

mod generate;
mod table;

pub use generate::{generate_county, generate_county_with};

use crate::evaluate::{evaluate, Evaluation};
use crate::io::{load_path, load_standard, template, ImportOptions, Imported};
use crate::model::Level;
use crate::sample;
use crate::scenario::Scenario;
use crate::standard::{CvWeighting, Standard};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use table::Table;

/// 均衡 junheng — 义务教育优质均衡发展 资源配置评估与规划
/// (compulsory-education high-quality balance: resource allocation evaluation and planning)
#[derive(Debug, Parser)]
#[command(name = "junheng", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A data file to open in the window.
    pub file: Option<PathBuf>,
}

/// Interface language of the command line's text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Lang {
    /// 中文
    #[default]
    Zh,
    /// English
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 评估学校数据 / evaluate a county's school data against the standard
    Evaluate {
        /// The data file (.xlsx, .xls, .ods, .csv or .json)
        #[arg(required_unless_present = "sample", conflicts_with = "sample")]
        file: Option<PathBuf>,
        /// Evaluate the embedded synthetic sample county instead of a file
        #[arg(long)]
        sample: bool,
        /// A built-in standard (national-2017, basic-2012) or a standard JSON file; default: a
        /// project's own standard, else national-2017
        #[arg(long)]
        standard: Option<String>,
        /// The sheet of a workbook to read (default: the first)
        #[arg(long)]
        sheet: Option<String>,
        /// Apply a scenario first: a scenario JSON file, or the name of a scenario in a .junheng project
        #[arg(long)]
        scenario: Option<String>,
        /// Print the JSON of DATA-FORMAT.md §3 instead of a table
        #[arg(long)]
        json: bool,
        /// Print only the summary and the CV table, not a row per section (for large files)
        #[arg(long, conflicts_with = "json")]
        summary: bool,
        /// Compute unweighted CVs (NOT the standard's method; for comparison only)
        #[arg(long)]
        unweighted_cv: bool,
        /// Language of the table and messages
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// 生成空白数据模板 / write an empty data template (.xlsx) with Chinese headers and notes
    Template {
        /// Where to write the template
        #[arg(long)]
        out: PathBuf,
    },
    /// 生成报告 / write the Excel (.xlsx) or PDF report of an evaluation, with a scenario if named
    Report {
        /// The data file or .junheng project
        #[arg(required_unless_present = "sample", conflicts_with = "sample")]
        file: Option<PathBuf>,
        /// Report on the embedded sample county
        #[arg(long)]
        sample: bool,
        /// A scenario JSON file, or the name of a scenario in a project
        #[arg(long)]
        scenario: Option<String>,
        /// A built-in standard (national-2017, basic-2012) or a standard JSON file; default: a
        /// project's own standard, else national-2017
        #[arg(long)]
        standard: Option<String>,
        /// Where to write the report (.xlsx or .pdf)
        #[arg(long)]
        out: PathBuf,
    },
    /// 新建项目文件 / make a project file (.junheng) from a data file (or the sample) and scenario files
    Project {
        /// The data file; the embedded sample when omitted
        file: Option<PathBuf>,
        /// Scenario JSON files to include (repeatable)
        #[arg(long)]
        scenario: Vec<PathBuf>,
        /// Where to write the project
        #[arg(long)]
        out: PathBuf,
    },
    /// 生成方案 / the cheapest additions that make every section and every CV pass (DATA-FORMAT.md §4)
    Plan {
        /// The data file or .junheng project
        #[arg(required_unless_present = "sample", conflicts_with = "sample")]
        file: Option<PathBuf>,
        /// Plan for the embedded sample county
        #[arg(long)]
        sample: bool,
        /// Apply a scenario first (a JSON file, or a scenario of the project); the plan adds to it
        #[arg(long)]
        scenario: Option<String>,
        /// Unit costs: {"costs": {"field": yuan, …}}; only the fields named may change
        #[arg(long)]
        costs: PathBuf,
        /// The most to spend, in yuan: then the most sections passing, fewest CVs over, least cost
        #[arg(long)]
        budget: Option<f64>,
        /// national: 6 of 7 met and the rest ≥ 85%; strict: all met
        #[arg(long, value_enum, default_value_t = RuleArg::National)]
        rule: RuleArg,
        /// Seconds before the best plan so far is returned with its gap
        #[arg(long, default_value_t = 60.0)]
        time_limit: f64,
        /// A built-in standard or a standard JSON file; default: a project's own, else national-2017
        #[arg(long)]
        standard: Option<String>,
        /// Print the JSON of DATA-FORMAT.md §4 instead of an explanation
        #[arg(long)]
        json: bool,
        /// Write the plan as a scenario file (for `evaluate --scenario` or the app)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print progress (round, bound, best plan, gap) to standard error
        #[arg(long)]
        progress: bool,
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// Generate a synthetic county of N schools as CSV (for benchmarks)
    #[command(hide = true)]
    Generate {
        #[arg(long)]
        schools: usize,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Spread the values so that several CVs are over their limits
        #[arg(long)]
        wide: bool,
    },
}

/// Runs the command line; the exit status is 0 when the work ran, 2 for invalid input.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    run(cli)
}

fn print_help() -> ExitCode {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let _ = cmd.print_help();
    println!();
    ExitCode::SUCCESS
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        None => match crate::app::run(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("无法打开窗口 / cannot open the window: {e}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Template { out }) => match template::write(&out) {
            Ok(()) => {
                eprintln!("已写入模板 / template written: {}", out.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!(
                    "无法写入模板 / cannot write the template {}: {e}",
                    out.display()
                );
                ExitCode::FAILURE
            }
        },
        Some(Command::Project {
            file,
            scenario,
            out,
        }) => make_project(file, &scenario, &out),
        Some(Command::Report {
            file,
            sample,
            scenario,
            standard,
            out,
        }) => report(file, sample, scenario, standard.as_deref(), &out),
        Some(Command::Plan {
            file,
            sample,
            scenario,
            costs,
            budget,
            rule,
            time_limit,
            standard,
            json,
            out,
            progress,
            lang,
        }) => plan_command(PlanArgs {
            file,
            sample,
            scenario,
            costs,
            budget,
            rule: match rule {
                RuleArg::National => crate::plan::Rule::National,
                RuleArg::Strict => crate::plan::Rule::Strict,
            },
            time_limit,
            standard,
            json,
            out,
            progress,
            zh: lang == Lang::Zh,
        }),
        Some(Command::Generate {
            schools,
            out,
            seed,
            wide,
        }) => match std::fs::write(&out, generate::generate_county_with(schools, seed, wide)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cannot write {}: {e}", out.display());
                ExitCode::FAILURE
            }
        },
        Some(Command::Evaluate {
            file,
            sample,
            standard,
            sheet,
            scenario,
            json,
            summary,
            unweighted_cv,
            lang,
        }) => {
            let zh = lang == Lang::Zh;
            let mut standard = match resolve_standard(standard.as_deref(), file.as_deref()) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            };
            if unweighted_cv {
                standard.def.cv.weighting = CvWeighting::Unweighted;
            }
            let (imported, applied, county) =
                match prepare(file, sample, sheet, scenario, &standard, zh) {
                    Ok(x) => x,
                    Err(code) => return code,
                };
            let evaluation = evaluate(&imported.dataset, &standard);
            let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            // A closed pipe (`| head`) is not an error worth a panic or a message.
            if json {
                let mut value = evaluation.to_json(&standard);
                if let Some(obj) = value.as_object_mut() {
                    let conditions = crate::evaluate::conditions::evaluate_conditions(
                        &imported.dataset,
                        &standard,
                    );
                    for (k, v) in crate::readiness::to_json(&evaluation, &conditions, &county) {
                        obj.insert(k, v);
                    }
                }
                if let (
                    Some(Applied {
                        scenario: sc,
                        cost: report,
                        ..
                    }),
                    Some(obj),
                ) = (&applied, value.as_object_mut())
                {
                    obj.insert(
                        "scenario".into(),
                        serde_json::json!({"name": sc.name, "changes": sc.changes.len(), "cost": report.total}),
                    );
                }
                let _ = serde_json::to_writer_pretty(&mut stdout, &value);
                let _ = stdout.write_all(b"\n");
            } else {
                for note in &imported.notes {
                    eprintln!("{note}");
                }
                let mut text = String::new();
                if let Some(Applied {
                    scenario: sc,
                    cost: report,
                    ..
                }) = &applied
                {
                    text.push_str(&if zh {
                        format!(
                            "方案“{}”：{} 项变更，费用 {:.2} 万元\n",
                            sc.name,
                            sc.changes.len(),
                            report.total / 10_000.0
                        )
                    } else {
                        format!(
                            "Scenario \"{}\": {} changes, cost {:.0} yuan\n",
                            sc.name,
                            sc.changes.len(),
                            report.total
                        )
                    });
                }
                text.push_str(&render_table(
                    &imported,
                    &evaluation,
                    &standard,
                    zh,
                    !summary,
                ));
                let _ = stdout.write_all(text.as_bytes());
            }
            let _ = stdout.flush();
            ExitCode::SUCCESS
        }
    }
}

/// The school rule of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RuleArg {
    National,
    Strict,
}

struct PlanArgs {
    file: Option<PathBuf>,
    sample: bool,
    scenario: Option<String>,
    costs: PathBuf,
    budget: Option<f64>,
    rule: crate::plan::Rule,
    time_limit: f64,
    standard: Option<String>,
    json: bool,
    out: Option<PathBuf>,
    progress: bool,
    zh: bool,
}

fn plan_command(args: PlanArgs) -> ExitCode {
    let zh = args.zh;
    let standard = match resolve_standard(args.standard.as_deref(), args.file.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
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
    let (imported, applied, _) =
        match prepare(args.file, args.sample, None, args.scenario, &standard, zh) {
            Ok(x) => x,
            Err(code) => return code,
        };
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
        let _ = stdout.write_all(explain_plan(&plan, &standard, &imported.dataset, zh).as_bytes());
    }
    ExitCode::SUCCESS
}

/// The plan in words for a leadership audience: status and cost, per school what to add, what
/// it costs and what it fixes, the totals by resource, the CVs before and after.
pub fn explain_plan(
    plan: &crate::plan::Plan,
    standard: &Standard,
    data: &crate::model::Dataset,
    zh: bool,
) -> String {
    use std::fmt::Write;
    let before = evaluate(data, standard);
    let mut t = String::new();
    let status = match (plan.status, zh) {
        (crate::plan::PlanStatus::Optimal, true) => "最优（已证明费用最低）",
        (crate::plan::PlanStatus::Feasible, true) => "可行（未证明最优）",
        (crate::plan::PlanStatus::Infeasible, true) => "无法全部达标",
        (crate::plan::PlanStatus::Optimal, false) => "optimal (cost proven minimal)",
        (crate::plan::PlanStatus::Feasible, false) => "feasible (not proven optimal)",
        (crate::plan::PlanStatus::Infeasible, false) => "infeasible",
    };
    if zh {
        let _ = writeln!(
            t,
            "方案：{status}；总费用 {:.2} 万元；下界 {:.2} 万元（差距 {:.3}%）；{} 轮，{} 条切平面，{:.2} 秒",
            plan.total_cost / 10_000.0,
            plan.lower_bound / 10_000.0,
            plan.gap() * 100.0,
            plan.rounds,
            plan.cuts,
            plan.elapsed_s
        );
    } else {
        let _ = writeln!(
            t,
            "Plan: {status}; total cost {:.0} yuan; bound {:.0} (gap {:.3}%); {} rounds, {} cuts, {:.2} s",
            plan.total_cost, plan.lower_bound, plan.gap() * 100.0, plan.rounds, plan.cuts, plan.elapsed_s
        );
    }
    let msg = if zh {
        &plan.message_zh
    } else {
        &plan.message_en
    };
    if !msg.is_empty() {
        let _ = writeln!(t, "{msg}");
    }
    let _ = writeln!(t);
    let _ = writeln!(t, "{}", t_lang(zh, "各校投入：", "Per school:"));
    for s in &plan.per_school {
        let adds: Vec<String> = s
            .additions
            .iter()
            .map(|(f, a, _)| {
                let field = crate::model::Field::from_key(f);
                let name = match (field, zh) {
                    (Some(f), true) => f.zh_headers()[0].to_string(),
                    _ => f.clone(),
                };
                let unit = match (field, zh) {
                    (Some(f), true) => f.unit_zh(),
                    (Some(f), false) => f.unit_en(),
                    _ => "",
                };
                format!("+{} {unit} {name}", crate::app::format::thousands(*a))
            })
            .collect();
        let fixes = if s.fixes.is_empty() {
            String::new()
        } else {
            format!(
                "{}{}",
                t_lang(zh, "；达标：", "; reaches: "),
                s.fixes.join(t_lang(zh, "、", ", "))
            )
        };
        let _ = writeln!(
            t,
            "  {} {}：{}；{:.2} {}{fixes}",
            s.school_id,
            s.name,
            adds.join(t_lang(zh, "，", ", ")),
            s.cost / 10_000.0,
            t_lang(zh, "万元", "×10k yuan")
        );
    }
    let _ = writeln!(t);
    let _ = writeln!(t, "{}", t_lang(zh, "按资源合计：", "By resource:"));
    for (f, a, c) in &plan.per_field {
        let name = match (crate::model::Field::from_key(f), zh) {
            (Some(f), true) => f.zh_headers()[0].to_string(),
            _ => f.clone(),
        };
        let _ = writeln!(
            t,
            "  {name}：{}，{:.2} {}",
            crate::app::format::thousands(*a),
            c / 10_000.0,
            t_lang(zh, "万元", "×10k yuan")
        );
    }
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "{}",
        t_lang(zh, "差异系数（前 → 后）：", "CVs (before → after):")
    );
    for level in plan.evaluation.levels() {
        for (k, ind) in standard.indicators.iter().enumerate() {
            let b = before.cv_of(level).get(k).map(|r| r.cv).unwrap_or(0.0);
            let a = &plan.evaluation.cv_of(level)[k];
            let _ = writeln!(
                t,
                "  {} {:<8} {:.3} → {:.3}  {} {:.2} {}",
                t_lang(zh, level.zh(), level.en()),
                ind.short(zh),
                b,
                a.cv,
                if a.met { "≤" } else { ">" },
                a.limit,
                if a.met {
                    t_lang(zh, "达标", "met")
                } else {
                    t_lang(zh, "超限", "over")
                }
            );
        }
    }
    for level in plan.evaluation.levels() {
        let s = plan.evaluation.summary_of(level);
        let b = before.summary_of(level);
        let _ = writeln!(
            t,
            "{}",
            if zh {
                format!(
                    "{}：{} → {} / {} 个评估单元达标",
                    level.zh(),
                    b.passing,
                    s.passing,
                    s.units
                )
            } else {
                format!(
                    "{}: {} → {} of {} sections pass",
                    level.en(),
                    b.passing,
                    s.passing,
                    s.units
                )
            }
        );
    }
    t
}

/// The standard to use: the one named on the command line; else a project's own standard; else
/// the 2017 national standard.
pub fn resolve_standard(
    arg: Option<&str>,
    file: Option<&std::path::Path>,
) -> Result<Standard, String> {
    if let Some(name) = arg {
        return load_standard(name).map_err(|e| e.to_string());
    }
    if let Some(f) = file.filter(|f| {
        f.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("junheng"))
    }) {
        let project = crate::store::open(f).map_err(|e| e.to_string())?;
        return project.standard().map_err(|e| {
            format!("项目中的标准无法使用 / the project's standard cannot be used: {e}")
        });
    }
    Ok(Standard::national_2017())
}

/// A scenario that was applied: itself, its cost, and the data before it.
struct Applied {
    scenario: Scenario,
    cost: crate::scenario::CostReport,
    baseline: crate::model::Dataset,
}

/// The data of `evaluate` and `report`: a data file, a project or the sample, with a scenario
/// applied when one is named. Problems are printed; the error is the exit status.
fn prepare(
    file: Option<PathBuf>,
    sample: bool,
    sheet: Option<String>,
    scenario: Option<String>,
    standard: &Standard,
    zh: bool,
) -> Result<
    (
        Imported,
        Option<Applied>,
        Vec<crate::readiness::CountyEntry>,
    ),
    ExitCode,
> {
    let mut project_scenarios = Vec::new();
    let mut county = Vec::new();
    let mut costs = crate::scenario::CostTable::default();
    let imported = if sample {
        sample::load(standard)
    } else {
        let Some(file) = file else {
            return Err(print_help());
        };
        if file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("junheng"))
        {
            match crate::store::open(&file) {
                Ok(p) => {
                    project_scenarios = p.scenarios;
                    costs = p.costs;
                    county = p.county;
                    Ok(Imported {
                        dataset: p.dataset,
                        notes: Vec::new(),
                        format: t_lang(zh, "均衡项目", "junheng project").to_string(),
                    })
                }
                Err(e) => {
                    eprintln!("{e}");
                    return Err(ExitCode::from(2));
                }
            }
        } else {
            load_path(&file, standard, &ImportOptions { sheet })
        }
    };
    let mut imported = match imported {
        Ok(i) => i,
        Err(e) => {
            if zh {
                eprintln!("导入失败，共 {} 处问题：", e.issues.len());
            } else {
                eprintln!("import failed with {} problem(s):", e.issues.len());
            }
            for issue in &e.issues {
                eprintln!("  {}", issue.message(zh));
            }
            return Err(ExitCode::from(2));
        }
    };
    let mut applied = None;
    if let Some(name) = scenario {
        let found = match project_scenarios.iter().find(|s| s.name == name) {
            Some(s) => Ok(s.clone()),
            None => std::fs::read_to_string(&name)
                .map_err(|e| {
                    if project_scenarios.is_empty() {
                        format!("无法读取方案文件 / cannot read the scenario file {name}: {e}")
                    } else {
                        let names: Vec<&str> =
                            project_scenarios.iter().map(|s| s.name.as_str()).collect();
                        format!(
                            "项目中没有名为“{name}”的方案（有：{}）/ no scenario named \"{name}\" in the project",
                            names.join("、")
                        )
                    }
                })
                .and_then(|text| {
                    Scenario::from_json(&text).map_err(|e| {
                        format!("方案文件格式有误 / the scenario file is invalid: {name}: {e}")
                    })
                }),
        };
        let sc = match found {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                return Err(ExitCode::from(2));
            }
        };
        match crate::scenario::apply(&imported.dataset, &sc) {
            Ok(d) => {
                let cost = crate::scenario::cost_of(&imported.dataset, &sc, &costs);
                let baseline = std::mem::replace(&mut imported.dataset, d);
                applied = Some(Applied {
                    scenario: sc,
                    cost,
                    baseline,
                });
            }
            Err(e) => {
                eprintln!("{}", e.message(zh));
                return Err(ExitCode::from(2));
            }
        }
    }
    Ok((imported, applied, county))
}

fn report(
    file: Option<PathBuf>,
    sample: bool,
    scenario: Option<String>,
    standard: Option<&str>,
    out: &std::path::Path,
) -> ExitCode {
    let standard = match resolve_standard(standard, file.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext != "xlsx" && ext != "pdf" {
        eprintln!(
            "报告文件名应以 .xlsx 或 .pdf 结尾 / the report must be an .xlsx or .pdf file: {}",
            out.display()
        );
        return ExitCode::from(2);
    }
    let (imported, applied, county) = match prepare(file, sample, None, scenario, &standard, true) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let evaluation = evaluate(&imported.dataset, &standard);
    let baseline = applied.as_ref().map(|a| evaluate(&a.baseline, &standard));
    let input = crate::io::report_xlsx::ReportInput {
        data: &imported.dataset,
        evaluation: &evaluation,
        standard: &standard,
        scenario: match (&applied, &baseline) {
            (Some(a), Some(b)) => Some((&a.scenario, &a.cost, b)),
            _ => None,
        },
        made_at: crate::project::now_rfc3339(),
        county: &county,
    };
    let written = if ext == "pdf" {
        crate::io::report_pdf::write(out, &input).map_err(|e| e.to_string())
    } else {
        crate::io::report_xlsx::write(out, &input).map_err(|e| e.to_string())
    };
    match written {
        Ok(()) => {
            eprintln!("已写入报告 / report written: {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "无法写入报告 / cannot write the report {}: {e}",
                out.display()
            );
            ExitCode::FAILURE
        }
    }
}

fn make_project(file: Option<PathBuf>, scenarios: &[PathBuf], out: &std::path::Path) -> ExitCode {
    let standard = Standard::national_2017();
    let imported = match &file {
        Some(f) => load_path(f, &standard, &ImportOptions::default()),
        None => sample::load(&standard),
    };
    let imported = match imported {
        Ok(i) => i,
        Err(e) => {
            eprint!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut project = crate::project::Project::new(imported.dataset, crate::project::now_rfc3339());
    for path in scenarios {
        let sc = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| Scenario::from_json(&t).map_err(|e| e.to_string()))
            .and_then(|sc| {
                crate::scenario::apply(&project.dataset, &sc)
                    .map(|_| sc)
                    .map_err(|e| e.message(true))
            });
        match sc {
            Ok(sc) => project.scenarios.push(sc),
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    if !project.scenarios.is_empty() {
        // The app opens the project showing its first scenario.
        project.view = r#"{"active": 0}"#.to_string();
    }
    match crate::store::save(out, &project) {
        Ok(()) => {
            eprintln!("已写入项目 / project written: {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn t_lang<'a>(zh: bool, a: &'a str, b: &'a str) -> &'a str {
    if zh {
        a
    } else {
        b
    }
}

fn fmt_value(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}")
}

/// Decimals for an indicator's values: money in whole yuan, everything else to 2 places.
fn value_decimals(unit_zh: &str) -> usize {
    if unit_zh == "元" {
        0
    } else {
        2
    }
}

/// The readable table printed by `junheng evaluate` without `--json`.
pub fn render_table(
    imported: &Imported,
    ev: &Evaluation,
    standard: &Standard,
    zh: bool,
    per_section: bool,
) -> String {
    let t = |a: &'static str, b: &'static str| if zh { a } else { b };
    let mut out = String::new();
    let name = if zh {
        &standard.def.name_zh
    } else {
        &standard.def.name_en
    };
    out.push_str(&format!(
        "{} — {}  ({})\n",
        imported.dataset.source, name, imported.format
    ));
    if ev.cv_weighting == CvWeighting::Unweighted {
        out.push_str(t(
            "注意：差异系数按未加权方式计算，这不是标准规定的方法，仅供对照。\n",
            "Note: CVs are UNWEIGHTED, which is not the standard's method; for comparison only.\n",
        ));
    }
    for level in Level::BOTH {
        let s = ev.summary_of(level);
        if s.units == 0 {
            continue;
        }
        let lname = if zh { level.zh() } else { level.en() };
        let cv_total = ev.cv_of(level).len();
        out.push_str(&if zh {
            format!(
                "{lname}：{} 个评估单元，{} 个达标；差异系数 {}/{} 项达标\n",
                s.units, s.passing, s.cv_met, cv_total
            )
        } else {
            format!(
                "{lname}: {} sections, {} pass; {}/{} CVs within limit\n",
                s.units, s.passing, s.cv_met, cv_total
            )
        });
    }
    out.push_str(&format!(
        "{}{}\n",
        t("资源配置：", "Resource allocation: "),
        if ev.resource_allocation_met {
            t("达标", "MET")
        } else {
            t("未达标", "NOT MET")
        }
    ));

    for level in Level::BOTH {
        let units: Vec<_> = ev.units_of(level).collect();
        if units.is_empty() || !per_section {
            continue;
        }
        out.push('\n');
        out.push_str(&format!(
            "{}（{}）\n",
            if zh { level.zh() } else { level.en() },
            t(
                "* 未达标准值，! 低于标准值的 85%",
                "* below threshold, ! below 85% of threshold"
            )
        ));
        let mut header = vec![
            t("学校标识码", "ID").to_string(),
            t("学校", "School").to_string(),
            t("学生数", "Students").to_string(),
        ];
        for ind in &standard.indicators {
            header.push(ind.short(zh).to_string());
        }
        header.push(t("达标项", "Met").to_string());
        header.push(t("结论", "Verdict").to_string());
        header.push(t("未达标指标", "Failing").to_string());
        let mut table = Table::new(header);
        let mut thresholds = vec![
            String::new(),
            t("标准值", "Threshold").to_string(),
            String::new(),
        ];
        for ind in &standard.indicators {
            thresholds.push(fmt_value(
                ind.threshold(level),
                value_decimals(&ind.def.unit_zh),
            ));
        }
        thresholds.extend([String::new(), String::new(), String::new()]);
        table.row(thresholds);
        for u in units {
            let mut row = vec![
                u.school_id.clone(),
                u.name.clone(),
                fmt_value(u.students, 0),
            ];
            for (ind, r) in standard.indicators.iter().zip(&u.indicators) {
                let mark = if r.met {
                    " "
                } else if r.above_floor {
                    "*"
                } else {
                    "!"
                };
                row.push(format!(
                    "{}{mark}",
                    fmt_value(r.value, value_decimals(&ind.def.unit_zh))
                ));
            }
            row.push(format!("{}/{}", u.met_count, u.indicators.len()));
            row.push(
                if u.passes {
                    t("达标", "pass")
                } else {
                    t("未达标", "FAIL")
                }
                .to_string(),
            );
            let failing: Vec<&str> = u
                .failing()
                .map(|k| standard.indicators[k].short(zh))
                .collect();
            row.push(failing.join(t("、", ", ")));
            table.row(row);
        }
        out.push_str(&table.render(&[2, 3, 4, 5, 6, 7, 8, 9, 10]));
    }

    out.push('\n');
    out.push_str(t(
        "校际差异系数（按在校生数加权：X̄ = ΣPᵢXᵢ/P，S = √(Σ(Pᵢ/P)(Xᵢ−X̄)²)，CV = S/X̄）\n",
        "Inter-school coefficient of variation (enrolment-weighted: X̄ = ΣPᵢXᵢ/P, S = √(Σ(Pᵢ/P)(Xᵢ−X̄)²), CV = S/X̄)\n",
    ));
    let mut table = Table::new(
        [
            t("学段", "Level"),
            t("指标", "Indicator"),
            t("差异系数", "CV"),
            t("限值", "Limit"),
            t("均值", "Mean"),
            t("标准差", "SD"),
            t("结论", "Verdict"),
        ]
        .map(String::from)
        .to_vec(),
    );
    for level in Level::BOTH {
        for (ind, r) in standard.indicators.iter().zip(ev.cv_of(level)) {
            let d = value_decimals(&ind.def.unit_zh);
            table.row(vec![
                (if zh { level.zh() } else { level.en() }).to_string(),
                ind.name(zh).to_string(),
                format!("{:.3}", r.cv),
                format!("{:.2}", r.limit),
                fmt_value(r.mean, d),
                fmt_value(r.sd, d),
                if r.met {
                    t("达标", "within")
                } else {
                    t("超限", "OVER")
                }
                .to_string(),
            ]);
        }
        if let Some(c) = &ev.composite[level as usize] {
            table.row(vec![
                (if zh { level.zh() } else { level.en() }).to_string(),
                t("综合差异系数", "Composite CV").to_string(),
                format!("{:.3}", c.cv),
                format!("{:.2}", c.limit),
                String::new(),
                String::new(),
                if c.met {
                    t("达标", "within")
                } else {
                    t("超限", "OVER")
                }
                .to_string(),
            ]);
        }
    }
    out.push_str(&table.render(&[2, 3, 4, 5]));

    if !ev.excluded.is_empty() {
        out.push('\n');
        out.push_str(t("未参与评估：\n", "Left out:\n"));
        for e in &ev.excluded {
            let section = e
                .level
                .map(|l| format!(" {}", if zh { l.zh() } else { l.en() }))
                .unwrap_or_default();
            let reason = if zh { e.reason.zh() } else { e.reason.en() };
            out.push_str(&format!(
                "  {} {}{section}: {reason}\n",
                e.school_id, e.name
            ));
        }
    }
    let merged: Vec<String> = ev
        .units
        .iter()
        .filter(|u| !u.merged_points.is_empty() && u.level == Level::Primary)
        .map(|u| format!("{} ← {}", u.school_id, u.merged_points.join(", ")))
        .collect();
    if !merged.is_empty() {
        out.push_str(&format!(
            "{}{}\n",
            t("教学点并入中心校：", "Teaching points merged: "),
            merged.join("; ")
        ));
    }
    out
}
