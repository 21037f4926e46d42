//! `junheng evaluate`: the evaluation as a table or as the JSON of DATA-FORMAT.md §3.

use super::table::Table;
use super::{prepare, Applied, Prepared};
use crate::evaluate::json::EvaluationJson;
use crate::evaluate::{evaluate, Evaluation};
use crate::i18n::Tr;
use crate::io::Imported;
use crate::model::Level;
use crate::readiness::ReadinessJson;
use crate::standard::{CvWeighting, Standard};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) struct EvaluateArgs {
    pub files: Vec<PathBuf>,
    pub sample: bool,
    pub standard: Option<String>,
    pub read: crate::io::ImportOptions,
    pub scenario: Option<String>,
    pub json: bool,
    pub summary: bool,
    pub unweighted_cv: bool,
    pub by_county: bool,
    pub tr: Tr,
}

/// What `evaluate --json` prints: DATA-FORMAT.md §3's keys, the whole standard's sections, and
/// the scenario applied, in that order.
struct JsonOutput<'a> {
    evaluation: EvaluationJson<'a>,
    readiness: ReadinessJson<'a>,
    scenario: Option<serde_json::Value>,
}

impl serde::Serialize for JsonOutput<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        self.evaluation.write_entries(&mut m)?;
        self.readiness.write_entries(&mut m)?;
        if let Some(sc) = &self.scenario {
            m.serialize_entry("scenario", sc)?;
        }
        m.end()
    }
}

pub(super) fn evaluate_command(args: EvaluateArgs) -> ExitCode {
    let zh = args.tr.zh();
    let tr = args.tr;
    let Prepared {
        imported,
        applied,
        county,
        mut standard,
        ..
    } = match prepare(
        args.files,
        args.sample,
        args.read,
        args.scenario,
        args.standard.as_deref(),
        tr,
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if args.unweighted_cv {
        standard.def.cv.weighting = CvWeighting::Unweighted;
    }
    if args.by_county {
        let code = super::counties::by_county_command(&imported, &standard, args.json, tr);
        std::mem::forget(imported);
        return code;
    }
    let counties = imported.dataset.counties().len();
    if counties > 1 {
        eprintln!(
            "{}",
            if zh {
                format!("注意：文件含 {counties} 个县区，现按一个整体计算差异系数；标准按县评估，请加 --by county 分县评估")
            } else {
                format!("note: the file holds {counties} counties, judged here as one; the standard judges counties: add --by county")
            }
        );
    }
    // With --json the school-level guarantee items are judged too: on the second core, while
    // the sections are evaluated on this one.
    let (evaluation, conditions) = std::thread::scope(|s| {
        let conditions = args.json.then(|| {
            s.spawn(|| {
                crate::evaluate::conditions::evaluate_conditions(&imported.dataset, &standard)
            })
        });
        let evaluation = evaluate(&imported.dataset, &standard);
        // A panic there is a bug: it goes on as one here, never as a JSON missing its items.
        let conditions = conditions
            .map(|c| c.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .unwrap_or_default();
        (evaluation, conditions)
    });
    // What the user should know (a skipped totals row, a formula's saved result of 0) goes to
    // standard error, with the table or the JSON alike.
    for note in &imported.notes {
        eprintln!("{note}");
    }
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // A closed pipe (`| head`) is not an error worth a panic or a message.
    if args.json {
        let output = JsonOutput {
            evaluation: evaluation.json(&standard),
            readiness: ReadinessJson::new(&evaluation, &conditions, &county, &standard),
            scenario: applied.as_ref().map(|a| {
                serde_json::json!({"name": a.scenario.name, "changes": a.scenario.changes.len(), "cost": a.cost.total})
            }),
        };
        // Streamed: nothing of the output is held in memory as a JSON tree. Indented for a
        // person at a terminal; compact for a program or a file (half the bytes: 200,000
        // schools are 180 MB instead of 496 MB).
        let _ = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            serde_json::to_writer_pretty(&mut stdout, &output)
        } else {
            serde_json::to_writer(&mut stdout, &output)
        };
        let _ = stdout.write_all(b"\n");
    } else {
        let mut text = String::new();
        if let Some(Applied {
            scenario: sc,
            cost: report,
            ..
        }) = &applied
        {
            text.push_str(&if zh {
                format!(
                    "方案“{}”：{} 项变更，费用 {}\n",
                    sc.name,
                    sc.changes.len(),
                    crate::format::cost_total(report, true)
                )
            } else {
                format!(
                    "Scenario \"{}\": {} changes, cost {}\n",
                    sc.name,
                    sc.changes.len(),
                    crate::format::cost_total(report, false)
                )
            });
        }
        text.push_str(&render_table(
            &imported,
            &evaluation,
            &standard,
            zh,
            !args.summary,
        ));
        let _ = stdout.write_all(text.as_bytes());
    }
    let _ = stdout.flush();
    // The process ends here and its memory goes back whole: not freed piece by piece (a
    // million allocations for 200,000 schools).
    std::mem::forget(evaluation);
    std::mem::forget(imported);
    ExitCode::SUCCESS
}

fn fmt_value(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}")
}

/// Decimals for an indicator's values: money in whole yuan, everything else to 2 places.
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
            thresholds.push(crate::format::indicator_threshold(
                ind,
                ind.threshold(level),
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
                    crate::format::value_against_with(
                        r.value,
                        r.threshold,
                        crate::format::indicator_decimals(ind)
                    )
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
            let d = crate::format::indicator_decimals(ind);
            table.row(vec![
                (if zh { level.zh() } else { level.en() }).to_string(),
                ind.name(zh).to_string(),
                crate::format::cv_against(r.cv, r.limit),
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
                crate::format::cv_against(c.cv, c.limit),
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
