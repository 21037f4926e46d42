//! `junheng timeline`: the years of DATA-FORMAT §5 — enrolment projected, dated changes applied,
//! every year judged — as a table or JSON.

use super::{prepare, Prepared};
use crate::i18n::Tr;
use crate::timeline::{timeline, Options};
use std::path::PathBuf;
use std::process::ExitCode;

/// Notes printed under the table; `--json` holds them all.
const NOTES_SHOWN: usize = 10;

pub(super) struct TimelineArgs {
    pub file: Option<PathBuf>,
    pub sample: bool,
    /// (base year, last year, survival, grade-1 trend).
    pub options: (i32, i32, f64, Option<f64>),
    pub scenario: Option<String>,
    pub intake: Option<PathBuf>,
    pub standard: Option<String>,
    pub json: bool,
    pub read: crate::io::ImportOptions,
    pub tr: Tr,
}

pub(super) fn timeline_command(args: TimelineArgs) -> ExitCode {
    let tr = args.tr;
    let (base_year, to, survival, trend) = args.options;
    let mut options = Options::new(base_year, to);
    options.survival = survival;
    options.trend = trend;
    if let Err(e) = options.check() {
        eprintln!("{e}");
        return ExitCode::from(2);
    }
    if let Some(path) = &args.intake {
        match crate::io::intake::load_intake(path) {
            Ok(i) => options.intake = i,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
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
        Ok(p) => p,
        Err(code) => return code,
    };
    // The timeline applies the scenario itself, year by year, to the data before it.
    let (data, scenario) = match &applied {
        Some(a) => (&a.baseline, Some(&a.scenario)),
        None => (&imported.dataset, None),
    };
    let t = match timeline(data, scenario, &standard, &options) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if args.json {
        println!("{}", t.to_json(&standard));
        return ExitCode::SUCCESS;
    }
    let zh = tr.zh();
    println!(
        "{}",
        tr.s(
            "年份  学段  评估单元  达标  差异系数达标  资源配置",
            "Year  Level    Sections  Pass  CVs within  Allocation"
        )
    );
    for y in &t.years {
        let ev = &y.evaluation;
        for level in ev.levels() {
            let s = ev.summary_of(level);
            println!(
                "{}  {}  {:>8}  {:>4}  {:>6}/{}  {}",
                y.year,
                if zh { level.zh() } else { level.en() },
                s.units,
                s.passing,
                s.cv_met,
                ev.cv_of(level).len(),
                if ev.resource_allocation_met {
                    tr.s("达标", "met")
                } else {
                    tr.s("未达标", "not met")
                }
            );
        }
    }
    if t.first_failures.is_empty() {
        println!(
            "{}",
            tr.s(
                "\n基年达标的学校在推演年份内都保持达标。",
                "\nEvery section passing in the base year keeps passing."
            )
        );
    } else {
        println!(
            "{}",
            tr.s(
                "\n基年达标、之后首次未达标的学校：",
                "\nSections passing in the base year that fail later:"
            )
        );
        for f in &t.first_failures {
            println!(
                "  {} {}（{}）：{}",
                f.year,
                f.name,
                if zh { f.level.zh() } else { f.level.en() },
                f.reason
            );
        }
    }
    // The notes (schools without grades…), the first few and a count.
    for n in t.notes.iter().take(NOTES_SHOWN) {
        eprintln!("{n}");
    }
    if t.notes.len() > NOTES_SHOWN {
        eprintln!(
            "…… 另有 {} 条说明（--json 的 notes 列出全部） / {} more notes in --json",
            t.notes.len() - NOTES_SHOWN,
            t.notes.len() - NOTES_SHOWN
        );
    }
    ExitCode::SUCCESS
}
