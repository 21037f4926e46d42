//! The timeline's slides: each year's sections passing and CVs met by level, and the sections
//! that pass in the base year and first fail later, with the year and the reason.

use super::DeckSlide;
use super::{table_slides, tone, verdict, Block, Line, LineChart, LineSeries, Table, Tone};
use crate::model::Level;
use crate::standard::Standard;
use crate::timeline::{Timeline, Year};

/// Each level's CVs by year against its limit, as native line charts: the past years' actual
/// data and the base year, then the projected years (their segments dashed).
pub(super) fn cv_years_slide(standard: &Standard, t: &Timeline, past: &[Year]) -> DeckSlide {
    let years: Vec<&Year> = past.iter().chain(&t.years).collect();
    let levels: Vec<Level> = t.levels();
    let charts = levels
        .iter()
        .map(|&level| {
            let limit = standard.cv_limit(level);
            let mut series: Vec<LineSeries> = standard
                .indicators
                .iter()
                .enumerate()
                .map(|(k, ind)| LineSeries {
                    name: ind.short(true).to_string(),
                    values: years
                        .iter()
                        .map(|y| y.evaluation.cv_of(level).get(k).map_or(f64::NAN, |c| c.cv))
                        .collect(),
                    rgb: crate::report::SERIES_RGB[k % crate::report::SERIES_RGB.len()],
                    reference: false,
                })
                .collect();
            series.push(LineSeries {
                name: format!("限值 {limit:.2}"),
                values: vec![limit; years.len()],
                rgb: (215, 58, 73),
                reference: true,
            });
            let highest = series
                .iter()
                .flat_map(|s| s.values.iter().copied())
                .filter(|v| v.is_finite())
                .fold(limit, f64::max);
            let (max, step) = super::nice_axis(highest);
            LineChart {
                title: format!("{}差异系数", level.zh()),
                categories: years.iter().map(|y| format!("{}", y.year)).collect(),
                series,
                projected_from: past.len() + 1,
                max,
                step,
                decimals: 2,
            }
        })
        .collect();
    // Said in words as well as by the dashes, which not every viewer draws.
    let first = years.first().map_or(t.base_year, |y| y.year);
    let last = t.years.last().map_or(t.base_year, |y| y.year);
    let actual = if first == t.base_year {
        format!("{} 年为实际数据", t.base_year)
    } else {
        format!("{first}–{} 年为实际数据", t.base_year)
    };
    let lead = if last > t.base_year {
        format!(
            "{actual}，{}–{last} 年为推演（虚线段；按年级推演在校生数，方案的变更从其年份起计入）",
            t.base_year + 1
        )
    } else {
        actual
    };
    DeckSlide {
        title: "差异系数逐年变化".into(),
        blocks: vec![
            Block::Lines(vec![Line::new(lead, Tone::Plain, 16.0)]),
            Block::LineCharts(charts),
        ],
    }
}

/// Each level's sections passing by year against the sections judged, as native line charts.
pub(super) fn passing_years_slide(t: &Timeline, past: &[Year]) -> DeckSlide {
    let years: Vec<&Year> = past.iter().chain(&t.years).collect();
    let levels: Vec<Level> = t.levels();
    let charts = levels
        .iter()
        .map(|&level| {
            let of = |f: fn(&crate::evaluate::LevelSummary) -> usize| {
                years
                    .iter()
                    .map(|y| f(y.evaluation.summary_of(level)) as f64)
                    .collect::<Vec<f64>>()
            };
            let units = of(|s| s.units);
            let (max, step) = super::nice_axis(units.iter().copied().fold(1.0, f64::max));
            LineChart {
                title: format!("{}达标学校", level.zh()),
                categories: years.iter().map(|y| format!("{}", y.year)).collect(),
                series: vec![
                    LineSeries {
                        name: "达标".into(),
                        values: of(|s| s.passing),
                        rgb: (46, 160, 67),
                        reference: false,
                    },
                    LineSeries {
                        name: "评估单元".into(),
                        values: units,
                        rgb: (150, 150, 150),
                        reference: true,
                    },
                ],
                projected_from: past.len() + 1,
                max,
                step,
                decimals: 0,
            }
        })
        .collect();
    DeckSlide {
        title: "达标学校逐年变化".into(),
        blocks: vec![Block::LineCharts(charts)],
    }
}

pub(super) fn years_slides(t: &Timeline) -> Vec<DeckSlide> {
    let levels: Vec<Level> = t.levels();
    let mut header = vec!["年份".to_string()];
    for l in &levels {
        header.push(format!("{}达标", l.zh()));
        header.push(format!("{}差异系数", l.zh()));
    }
    header.push("资源配置".into());
    let rows = t
        .years
        .iter()
        .map(|y| {
            let ev = &y.evaluation;
            let mut row = vec![(format!("{}", y.year), Tone::Plain)];
            for &l in &levels {
                let s = ev.summary_of(l);
                row.push((
                    format!("{} / {}", s.passing, s.units),
                    tone(s.passing == s.units),
                ));
                row.push((
                    format!("{} / {}", s.cv_met, ev.cv_of(l).len()),
                    tone(s.cv_rule_met),
                ));
            }
            row.push((
                verdict(ev.resource_allocation_met).to_string(),
                tone(ev.resource_allocation_met),
            ));
            row
        })
        .collect();
    let n = header.len() as f32;
    let mut out = table_slides(
        &format!(
            "年度推演：{}–{} 年",
            t.base_year,
            t.years.last().map_or(t.base_year, |y| y.year)
        ),
        vec![Line::new(
            "按年级推演在校生数，逐年评估（方案中的变更从其年份起计入）",
            Tone::Plain,
            18.0,
        )],
        Table {
            header,
            rows,
            widths: vec![1.0 / n; n as usize],
        },
    );
    let failures = t
        .first_failures
        .iter()
        .map(|f| {
            vec![
                (format!("{}", f.year), Tone::Plain),
                (format!("{}（{}）", f.name, f.level.zh()), Tone::Plain),
                (f.reason.clone(), Tone::Below),
            ]
        })
        .collect::<Vec<_>>();
    let lead = if failures.is_empty() {
        vec![Line::new(
            "基年达标的学校在推演年份内都保持达标。",
            Tone::Met,
            20.0,
        )]
    } else {
        vec![Line::new(
            format!("{} 个评估单元基年达标、之后未达标", failures.len()),
            Tone::Below,
            20.0,
        )]
    };
    out.extend(table_slides(
        "何时何校首次未达标",
        lead,
        Table {
            header: vec!["年份".into(), "学校".into(), "原因".into()],
            rows: failures,
            widths: vec![0.1, 0.28, 0.62],
        },
    ));
    out
}
