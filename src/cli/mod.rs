//! The subcommands, one file each: `evaluate`, `report`, `plan`, `project`, `template`, and the
//! hidden `generate` used by benchmarks. `main.rs` opens the window when no subcommand is given;
//! nothing here touches the window's code.

mod args;
mod counties;
mod evaluate;
mod generate;
mod plan;
mod plan_phased;
mod project;
mod report;
mod table;
mod timeline;

pub use args::{Cli, Command, RuleArg};
pub use evaluate::render_table;
pub use generate::{generate_counties, generate_county, generate_county_with, with_grades};

use crate::i18n::Tr;
use crate::io::open::{find_scenario, open_paths, open_sample, OpenError};
use crate::io::{ImportOptions, Imported};
use crate::scenario::Scenario;
use crate::standard::Standard;
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// Parses the command line; `Err` is the exit status after clap printed help, a version or an
/// error.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        let _ = e.print();
        if e.use_stderr() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        }
    })
}

fn print_help() -> ExitCode {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let _ = cmd.print_help();
    println!();
    ExitCode::SUCCESS
}

/// Runs a subcommand; the exit status is 0 when the work ran, 2 for invalid input.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Template { out, per_school } => match if per_school {
            crate::io::template::write_per_school(&out)
        } else {
            crate::io::template::write(&out)
        } {
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
        Command::Project {
            file,
            scenario,
            out,
            read,
        } => project::make_project(file, &scenario, &out, &read.options()),
        Command::Report {
            file,
            sample,
            scenario,
            standard,
            out,
            read,
            meeting,
            base_year,
            to,
        } => report::report(
            report::ReportArgs {
                file,
                sample,
                scenario,
                standard,
                read: read.options(),
                meeting,
                years: base_year.zip(to),
            },
            &out,
        ),
        Command::Plan {
            file,
            sample,
            scenario,
            costs,
            budget,
            rule,
            time_limit,
            round,
            years,
            standard,
            json,
            out,
            progress,
            base_year,
            target_year,
            to,
            annual_budget,
            cv_margin,
            intake,
            intake_trend,
            survival,
            read,
            lang,
        } => plan::plan_command(plan::PlanArgs {
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
            round,
            years,
            standard,
            json,
            out,
            progress,
            phased: base_year.map(|base_year| plan_phased::PhasedCli {
                base_year,
                target_year: target_year.unwrap_or(base_year),
                to: to.unwrap_or(base_year),
                annual_budget,
                cv_margin,
                intake,
                intake_trend,
                survival,
            }),
            read: read.options(),
            tr: Tr(lang),
        }),
        Command::Generate {
            schools,
            out,
            seed,
            wide,
            counties,
            grades,
        } => match std::fs::write(&out, {
            let csv = generate::generate_counties(schools, seed, wide, counties);
            if grades {
                generate::with_grades(&csv)
            } else {
                csv
            }
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cannot write {}: {e}", out.display());
                ExitCode::FAILURE
            }
        },
        Command::Ledger {
            file,
            sample,
            scenario,
            out,
            read,
        } => ledger_command(file, sample, scenario, &out, read.options()),
        Command::Timeline {
            file,
            sample,
            base_year,
            to,
            scenario,
            intake,
            intake_trend,
            survival,
            standard,
            json,
            read,
            lang,
        } => timeline::timeline_command(timeline::TimelineArgs {
            file,
            sample,
            options: (base_year, to, survival, intake_trend),
            scenario,
            intake,
            standard,
            json,
            read: read.options(),
            tr: Tr(lang),
        }),
        Command::Evaluate {
            files,
            sample,
            standard,
            read,
            scenario,
            json,
            summary,
            unweighted_cv,
            by,
            lang,
        } => evaluate::evaluate_command(evaluate::EvaluateArgs {
            files,
            sample,
            standard,
            read: read.options(),
            scenario,
            json,
            summary,
            unweighted_cv,
            by_county: by.is_some(),
            tr: Tr(lang),
        }),
    }
}

/// A scenario that was applied: itself, its cost, and the data before it.
struct Applied {
    scenario: Scenario,
    cost: crate::scenario::CostReport,
    baseline: crate::model::Dataset,
}

/// What `evaluate`, `report` and `plan` work on.
struct Prepared {
    imported: Imported,
    applied: Option<Applied>,
    county: Vec<crate::readiness::CountyEntry>,
    /// A project's 数据更正 (already in its data).
    corrections: Vec<crate::model::correction::Correction>,
    /// A project's meeting.
    meeting: crate::project::Meeting,
    /// The standard named on the command line; else a project's own; else the 2017 national.
    standard: Standard,
    /// A project's unit costs, else the defaults.
    costs: crate::scenario::CostTable,
    /// A project's ledger (整改台账), if it has one.
    ledger: Option<crate::ledger::Ledger>,
}

/// The data of `evaluate`, `report` and `plan`: a data file, a project or the sample, with a
/// scenario applied when one is named, and the standard to judge it by (`--standard`, else a
/// project's own: the project file is opened once). Problems are printed; the error is the exit
/// status.
fn prepare(
    files: Vec<PathBuf>,
    sample: bool,
    read: ImportOptions,
    scenario: Option<String>,
    standard_arg: Option<&str>,
    tr: Tr,
) -> Result<Prepared, ExitCode> {
    let named = match standard_arg.map(crate::io::load_standard).transpose() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return Err(ExitCode::from(2));
        }
    };
    let import_standard = named.clone().unwrap_or_else(Standard::national_2017);
    let opened = if sample {
        open_sample(&import_standard)
    } else {
        if files.is_empty() {
            return Err(print_help());
        }
        open_paths(&files, &import_standard, &read, tr)
    };
    let opened = match opened {
        Ok(o) => o,
        Err(OpenError::Project(e)) => {
            eprintln!("{e}");
            return Err(ExitCode::from(2));
        }
        Err(OpenError::Import(e)) => {
            if tr.zh() {
                eprintln!("导入失败，共 {} 处问题：", e.issues.len());
            } else {
                eprintln!("import failed with {} problem(s):", e.issues.len());
            }
            for issue in &e.issues {
                eprintln!("  {}", issue.message(tr.zh()));
            }
            return Err(ExitCode::from(2));
        }
    };
    let (scenarios, costs, county, corrections, meeting, standard, ledger) = match opened.project {
        Some(p) => (
            p.scenarios,
            p.costs,
            p.county,
            p.corrections,
            p.meeting,
            named.unwrap_or(p.standard),
            p.ledger,
        ),
        None => (
            Vec::new(),
            Default::default(),
            Vec::new(),
            Vec::new(),
            Default::default(),
            import_standard,
            None,
        ),
    };
    let mut imported = opened.imported;
    let mut applied = None;
    if let Some(name) = scenario {
        let sc = match find_scenario(&name, &scenarios) {
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
                eprintln!("{}", e.message(tr.zh()));
                return Err(ExitCode::from(2));
            }
        }
    }
    Ok(Prepared {
        imported,
        applied,
        county,
        corrections,
        meeting,
        standard,
        costs,
        ledger,
    })
}

/// `junheng ledger`: the scenario's changes as the ledger's items, written as a workbook.
fn ledger_command(
    file: Option<PathBuf>,
    sample: bool,
    scenario: String,
    out: &std::path::Path,
    read: ImportOptions,
) -> ExitCode {
    let Prepared { applied, costs, .. } = match prepare(
        file.into_iter().collect(),
        sample,
        read,
        Some(scenario),
        None,
        Tr(crate::i18n::Lang::Zh),
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let Some(applied) = applied else {
        eprintln!("没有方案 / no scenario");
        return ExitCode::from(2);
    };
    let ledger = crate::ledger::Ledger::from_scenario(&applied.baseline, &applied.scenario, &costs);
    match crate::report::ledger_xlsx::write(
        out,
        &ledger,
        &applied.baseline,
        &crate::project::today(),
    ) {
        Ok(()) => {
            eprintln!(
                "已写入整改台账（{} 项）/ ledger written: {}",
                ledger.items.len(),
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("无法写入 / cannot write {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}
