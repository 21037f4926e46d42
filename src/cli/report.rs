//! `junheng report`: the Excel or PDF report of an evaluation, with a scenario if named.

use super::{prepare, Prepared};
use crate::evaluate::evaluate;
use crate::i18n::{Lang, Tr};
use crate::report::{Format, ReportInput};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What to report on.
pub(super) struct ReportArgs {
    pub file: Option<PathBuf>,
    pub sample: bool,
    pub scenario: Option<String>,
    pub standard: Option<String>,
    pub read: crate::io::ImportOptions,
    pub meeting: super::args::MeetingArgs,
    /// (base year, last year) of a 年度推演 to add.
    pub years: Option<(i32, i32)>,
}

pub(super) fn report(args: ReportArgs, out: &Path) -> ExitCode {
    let ReportArgs {
        file,
        sample,
        scenario,
        standard,
        read,
        meeting: meeting_args,
        years,
    } = args;
    let standard = standard.as_deref();
    if Format::of(out).is_none() {
        eprintln!(
            "{}",
            crate::report::ReportError::Extension(out.display().to_string())
        );
        return ExitCode::from(2);
    }
    let Prepared {
        imported,
        applied,
        county,
        corrections,
        meeting,
        standard,
        ledger,
        costs,
        ..
    } = match prepare(
        file.into_iter().collect(),
        sample,
        read,
        scenario,
        standard,
        Tr(Lang::Zh),
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let evaluation = evaluate(&imported.dataset, &standard);
    // A file of several counties: the comparison too (the rest is of the file as one).
    let counties = if imported.dataset.counties().len() > 1 {
        crate::evaluate::counties::evaluate_by_county(&imported.dataset, &standard)
    } else {
        Vec::new()
    };
    let baseline = applied.as_ref().map(|a| evaluate(&a.baseline, &standard));
    // The 年度推演, from the data before the scenario, the scenario applied year by year.
    let timeline = match years {
        Some((from, to)) => {
            let (data, sc) = match &applied {
                Some(a) => (&a.baseline, Some(&a.scenario)),
                None => (&imported.dataset, None),
            };
            match crate::timeline::timeline(
                data,
                sc,
                &standard,
                &crate::timeline::Options::new(from, to),
            ) {
                Ok(t) => Some(t),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            }
        }
        None => None,
    };
    let input = ReportInput {
        data: &imported.dataset,
        evaluation: &evaluation,
        standard: &standard,
        scenario: match (&applied, &baseline) {
            (Some(a), Some(b)) => Some((&a.scenario, &a.cost, b)),
            _ => None,
        },
        made_at: crate::project::now_rfc3339(),
        county: &county,
        counties: &counties,
        shown_county: None,
        corrections: &corrections,
        meeting: &meeting_args.over(meeting),
        timeline: timeline.as_ref(),
        past: &[],
        ledger: ledger.as_ref(),
        costs: Some(&costs),
    };
    match crate::report::write(out, &input) {
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
