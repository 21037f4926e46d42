//! A scenario's slides: before and after, its cost, what it does at each school.

use super::ReportInput;
use super::{scenario_name, table_slides, tone, verdict, Block, DeckSlide, Line, Table, Tone};
use crate::evaluate::compare::verdict_changes;
use crate::evaluate::Evaluation;
use crate::format;
use crate::model::Level;

pub(super) fn before_after_slide(input: &ReportInput<'_>, base: &Evaluation) -> DeckSlide {
    let ev = input.evaluation;
    let mut rows = Vec::new();
    for level in Level::BOTH {
        let (b, a) = (base.summary_of(level), ev.summary_of(level));
        if a.units == 0 && b.units == 0 {
            continue;
        }
        rows.push(vec![
            (format!("{}达标单元", level.zh()), Tone::Plain),
            (
                format!("{} / {}", b.passing, b.units),
                tone(b.passing == b.units),
            ),
            (
                format!("{} / {}", a.passing, a.units),
                tone(a.passing == a.units),
            ),
        ]);
        rows.push(vec![
            (format!("{}差异系数达标", level.zh()), Tone::Plain),
            (
                format!("{} / {}", b.cv_met, base.cv_of(level).len()),
                tone(b.cv_rule_met),
            ),
            (
                format!("{} / {}", a.cv_met, ev.cv_of(level).len()),
                tone(a.cv_rule_met),
            ),
        ]);
    }
    rows.push(vec![
        ("资源配置".into(), Tone::Plain),
        (
            verdict(base.resource_allocation_met).into(),
            tone(base.resource_allocation_met),
        ),
        (
            verdict(ev.resource_allocation_met).into(),
            tone(ev.resource_allocation_met),
        ),
    ]);
    let changes = verdict_changes(base, ev);
    let mut lines: Vec<Line> = changes
        .iter()
        .take(8)
        .map(|c| {
            Line::new(
                format!(
                    "{} · {} {}",
                    c.name,
                    c.level.zh(),
                    if c.now_passes {
                        "→ 达标"
                    } else {
                        "→ 未达标"
                    }
                ),
                tone(c.now_passes),
                16.0,
            )
        })
        .collect();
    if changes.len() > 8 {
        lines.push(Line::new(
            format!("……共 {} 个评估单元结论改变", changes.len()),
            Tone::Plain,
            16.0,
        ));
    }
    let mut blocks = vec![Block::Table(Table {
        header: vec![String::new(), "现状".into(), "方案".into()],
        rows,
        widths: vec![0.4, 0.3, 0.3],
    })];
    if !lines.is_empty() {
        blocks.push(Block::Lines(lines));
    }
    DeckSlide {
        title: format!("方案前后对比：{}", scenario_name(input)),
        blocks,
    }
}

pub(super) fn cost_slide(cost: &crate::scenario::CostReport) -> DeckSlide {
    let rows = cost
        .per_field
        .iter()
        .map(|(field, units, c)| {
            let (once, yearly) = cost.split_of(*field);
            vec![
                (field.zh_headers()[0].to_string(), Tone::Plain),
                (
                    format!(
                        "{} {}",
                        crate::scenario::amount(Some(*field), *units),
                        field.unit_zh()
                    ),
                    Tone::Plain,
                ),
                (format::wan(*c), Tone::Plain),
                (format::cost_kind(once, yearly, true).into(), Tone::Plain),
            ]
        })
        .collect();
    DeckSlide {
        title: "方案费用".into(),
        blocks: vec![
            Block::Lines(vec![Line::new(
                format!("合计 {}", format::cost_total(cost, true)),
                Tone::Plain,
                28.0,
            )
            .bold()]),
            Block::Table(Table {
                header: vec![
                    "项目".into(),
                    "数量".into(),
                    "费用（万元）".into(),
                    "支出".into(),
                ],
                rows,
                widths: vec![0.4, 0.22, 0.2, 0.18],
            }),
        ],
    }
}

pub(super) fn schools_slides(
    input: &ReportInput<'_>,
    scenario: &crate::scenario::Scenario,
    cost: &crate::scenario::CostReport,
) -> Vec<DeckSlide> {
    let mut rows = crate::scenario::describe::per_school(&scenario.changes, input.data, true);
    let cost_of = |id: &str| {
        cost.per_school
            .iter()
            .find(|(s, _)| s == id)
            .map_or(0.0, |(_, c)| *c)
    };
    rows.sort_by(|x, y| cost_of(&y.0).total_cmp(&cost_of(&x.0)));
    let name = |id: &str| {
        if id.is_empty() {
            "其他变更".to_string()
        } else {
            input
                .data
                .school(id)
                .map_or_else(|| id.to_string(), |s| s.name.clone())
        }
    };
    let table = Table {
        header: vec!["学校".into(), "投入".into(), "费用（万元）".into()],
        rows: rows
            .iter()
            .map(|(id, texts)| {
                vec![
                    (name(id), Tone::Plain),
                    (texts.join("，"), Tone::Plain),
                    (format::wan(cost_of(id)), Tone::Plain),
                ]
            })
            .collect(),
        widths: vec![0.26, 0.56, 0.18],
    };
    table_slides(
        &format!("各校投入：{}", scenario_name(input)),
        Vec::new(),
        table,
    )
}

/// 分年度投入: a dated scenario year by year — what each year spends (one-time, yearly) and what
/// it does — over as many slides as it needs.
pub(super) fn years_spending_slides(
    input: &ReportInput<'_>,
    rows: &[crate::report::YearRow],
) -> Vec<DeckSlide> {
    let total: f64 = rows.iter().map(|r| r.spent).sum();
    let lead = vec![Line::new(
        format!(
            "{}–{} 年合计 {} 万元（各年支出之和：当年一次性费用 + 已投入各项的每年费用）",
            rows.first().map_or(0, |r| r.year),
            rows.last().map_or(0, |r| r.year),
            format::wan(total)
        ),
        Tone::Plain,
        24.0,
    )];
    let table = Table {
        header: vec![
            "年份".into(),
            "当年支出（万元）".into(),
            "一次性".into(),
            "每年".into(),
            "当年投入".into(),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    (r.year.to_string(), Tone::Plain),
                    (format::wan(r.spent), Tone::Plain),
                    (format::wan(r.one_time), Tone::Plain),
                    (format::wan(r.per_year), Tone::Plain),
                    (
                        if r.changes.is_empty() {
                            "—".to_string()
                        } else {
                            r.changes.join("；")
                        },
                        Tone::Plain,
                    ),
                ]
            })
            .collect(),
        widths: vec![0.08, 0.14, 0.11, 0.11, 0.56],
    };
    table_slides(
        &format!("分年度投入：{}", scenario_name(input)),
        lead,
        table,
    )
}
