//! The indicator slides (a chart per level, every section named) and the CV slide.

use super::{indicator_summary, tone, BarChart, Block, DeckSlide, Line, RefLine, Series, Tone};
use super::{ReportInput, CHART_ROWS};
use crate::evaluate::compare::baseline_value;
use crate::format;
use crate::model::Level;

/// Sections of a level beyond which its chart has a slide of its own.
const SIDE_BY_SIDE: usize = 15;

/// The charts of one indicator at one level: every section named, lowest first, the baseline
/// beside a scenario's values, the threshold and its 85 % floor as lines — one chart, or for a
/// level of more than [`CHART_ROWS`] sections one chart each so many, on one value axis.
fn indicator_charts(input: &ReportInput<'_>, level: Level, k: usize) -> Vec<BarChart> {
    let ev = input.evaluation;
    let threshold = input.standard.indicators[k].threshold(level);
    let floor = threshold * input.standard.def.school_rule.floor_ratio;
    let mut units: Vec<_> = ev.units_of(level).collect();
    units.sort_by(|a, b| {
        a.indicators[k]
            .value
            .total_cmp(&b.indicators[k].value)
            .then_with(|| a.school_id.cmp(&b.school_id))
    });
    let values: Vec<f64> = units.iter().map(|u| u.indicators[k].value).collect();
    let tones = units
        .iter()
        .map(|u| {
            let r = &u.indicators[k];
            match (r.met, r.above_floor) {
                (true, _) => Tone::Met,
                (false, true) => Tone::Floor,
                (false, false) => Tone::Below,
            }
        })
        .collect();
    let mut series = Vec::new();
    if let Some((_, _, base)) = input.scenario {
        series.push(Series {
            name: "现状".into(),
            values: units
                .iter()
                .map(|u| baseline_value(base, u, k).unwrap_or(f64::NAN))
                .collect(),
            tone: Tone::Grey,
            tones: Vec::new(),
        });
    }
    let ind = &input.standard.indicators[k];
    let decimals = values
        .iter()
        .map(|v| format::indicator_against_decimals(ind, *v, threshold))
        .max()
        .unwrap_or(2);
    let max = series
        .iter()
        .flat_map(|s| s.values.iter())
        .chain(&values)
        .copied()
        .filter(|v| v.is_finite())
        .fold(threshold, f64::max);
    series.push(Series {
        name: if input.scenario.is_some() {
            "方案".into()
        } else {
            "现状".into()
        },
        values,
        tone: Tone::Met,
        tones,
    });
    let lines = vec![
        RefLine {
            name: format!("标准值 {}", format::indicator_threshold(ind, threshold)),
            value: threshold,
            tone: Tone::Reference,
        },
        RefLine {
            name: format!(
                "{:.0}% {}",
                input.standard.def.school_rule.floor_ratio * 100.0,
                format::indicator_value(ind, floor)
            ),
            value: floor,
            tone: Tone::Grey,
        },
    ];
    let (max, step) = nice_axis(max);
    let names: Vec<String> = units.iter().map(|u| u.name.clone()).collect();
    let n = names.len();
    let chunks = n.div_ceil(CHART_ROWS).max(1);
    (0..chunks)
        .map(|c| {
            let range = c * CHART_ROWS..((c + 1) * CHART_ROWS).min(n);
            BarChart {
                title: if chunks == 1 {
                    level.zh().into()
                } else {
                    format!(
                        "{}（由低到高第 {}–{} 所，共 {n} 所）",
                        level.zh(),
                        range.start + 1,
                        range.end
                    )
                },
                categories: names[range.clone()].to_vec(),
                series: series
                    .iter()
                    .map(|s| Series {
                        name: s.name.clone(),
                        values: s.values[range.clone()].to_vec(),
                        tone: s.tone,
                        tones: s.tones.get(range.clone()).unwrap_or_default().to_vec(),
                    })
                    .collect(),
                lines: lines.clone(),
                decimals,
                max,
                step,
            }
        })
        .collect()
}

/// A round top for a value axis at or above `v` (with a little room for the value labels), and
/// its step: 0.6 by 0.1, 1.2 by 0.2, 2.5 by 0.5, 40 by 10.
pub fn nice_axis(v: f64) -> (f64, f64) {
    if !v.is_finite() || v <= 0.0 {
        return (1.0, 0.2);
    }
    let v = v * 1.08;
    let p = 10f64.powf(v.log10().floor());
    const STEPS: [(f64, f64); 11] = [
        (1.0, 0.2),
        (1.2, 0.2),
        (1.5, 0.25),
        (2.0, 0.4),
        (2.5, 0.5),
        (3.0, 0.5),
        (4.0, 1.0),
        (5.0, 1.0),
        (6.0, 1.0),
        (8.0, 2.0),
        (10.0, 2.0),
    ];
    STEPS
        .iter()
        .map(|(m, s)| (m * p, s * p))
        .find(|(m, _)| *m >= v)
        .unwrap_or((10.0 * p, 2.0 * p))
}

pub(super) fn indicator_slides(input: &ReportInput<'_>, k: usize) -> Vec<DeckSlide> {
    let ev = input.evaluation;
    let name = input.standard.indicators[k].name(true).to_string();
    let levels = ev.levels();
    let line = |level: Level| {
        let cv = &ev.cv_of(level)[k];
        Line::new(
            indicator_summary(ev, level, k, true),
            tone(ev.units_of(level).all(|u| u.indicators[k].met) && cv.met),
            18.0,
        )
    };
    let side_by_side = levels
        .iter()
        .all(|l| ev.units_of(*l).count() <= SIDE_BY_SIDE);
    if side_by_side {
        return vec![DeckSlide {
            title: name,
            blocks: vec![
                Block::Lines(levels.iter().map(|l| line(*l)).collect()),
                Block::Charts(
                    levels
                        .iter()
                        .flat_map(|l| indicator_charts(input, *l, k))
                        .collect(),
                ),
            ],
        }];
    }
    let mut out = Vec::new();
    for &level in &levels {
        for (i, chart) in indicator_charts(input, level, k).into_iter().enumerate() {
            out.push(DeckSlide {
                title: if i == 0 {
                    format!("{name}（{}）", level.zh())
                } else {
                    format!("{name}（{}，续）", level.zh())
                },
                blocks: vec![Block::Lines(vec![line(level)]), Block::Charts(vec![chart])],
            });
        }
    }
    out
}

pub(super) fn cv_slide(input: &ReportInput<'_>) -> DeckSlide {
    let ev = input.evaluation;
    let base = input.scenario.map(|(_, _, b)| b);
    let mut lines = Vec::new();
    let mut charts = Vec::new();
    for level in ev.levels() {
        let s = ev.summary_of(level);
        let cvs = ev.cv_of(level);
        lines.push(Line::new(
            format!("{} {}/{} 项达标", level.zh(), s.cv_met, cvs.len()),
            tone(s.cv_rule_met),
            20.0,
        ));
        let limit = cvs.first().map_or(0.5, |c| c.limit);
        let mut series = Vec::new();
        if let Some(b) = base {
            series.push(Series {
                name: "现状".into(),
                values: b.cv_of(level).iter().map(|c| c.cv).collect(),
                tone: Tone::Grey,
                tones: Vec::new(),
            });
        }
        series.push(Series {
            name: if base.is_some() { "方案" } else { "现状" }.into(),
            values: cvs.iter().map(|c| c.cv).collect(),
            tone: Tone::Met,
            tones: cvs.iter().map(|c| tone(c.met)).collect(),
        });
        let decimals = cvs
            .iter()
            .map(|c| format::cv_decimals(c.cv, c.limit))
            .max()
            .unwrap_or(3);
        let max = series
            .iter()
            .flat_map(|s| s.values.iter())
            .copied()
            .filter(|v| v.is_finite())
            .fold(limit, f64::max);
        charts.push(BarChart {
            title: level.zh().into(),
            categories: input
                .standard
                .indicators
                .iter()
                .take(cvs.len())
                .map(|i| i.short(true).to_string())
                .collect(),
            series,
            lines: vec![RefLine {
                name: format!("上限 {}", format::value(limit)),
                value: limit,
                tone: Tone::Reference,
            }],
            decimals,
            max: nice_axis(max).0,
            step: nice_axis(max).1,
        });
    }
    DeckSlide {
        title: "校际差异系数".into(),
        blocks: vec![Block::Lines(lines), Block::Charts(charts)],
    }
}
