//! The slides of a meeting deck as content — the same slides as presentation mode (title, the
//! whole standard, the overview, each failing indicator, the CVs, and for a scenario its
//! before/after, its cost and what it does at each school) — built from a report's input for the
//! PowerPoint writer. Words and numbers only: no files, no drawing.

mod charts;
mod ledger;
mod scenario;
mod years;

use super::ReportInput;
use crate::evaluate::Evaluation;
use crate::format;
use crate::model::Level;
use crate::readiness::AreaStatus;

pub use charts::nice_axis;

/// A table's width on the slide and its type, in points (13.33 in less two half-inch margins).
pub const TABLE_WIDTH_PT: f32 = 888.0;
pub const TABLE_FONT_PT: f32 = 16.0;
/// A table row of one line, and each further line, in points.
pub const ROW_PT: f32 = 32.4;
pub const ROW_LINE_PT: f32 = 19.2;
/// The height under a slide's title, in points, that tables are split to fit.
const BODY_PT: f32 = 410.0;
/// Sections in one chart: a larger level's continue in the next chart, on the next slide.
pub const CHART_ROWS: usize = 30;
/// Failing sections listed on the overview; the rest are counted.
const OVERVIEW_ROWS: usize = 12;

/// What a piece of text or a bar says about where it stands (the writer picks the colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// Reaches its threshold / within its limit.
    Met,
    /// Below its threshold / over its limit.
    Below,
    /// Below its threshold but above the 85 % floor.
    Floor,
    /// Not entered yet (未填写), the baseline beside a scenario, the 85 % line.
    Grey,
    /// A threshold or limit line.
    Reference,
}

/// A line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub tone: Tone,
    /// Points.
    pub size: f32,
    pub bold: bool,
}

impl Line {
    pub(super) fn new(text: impl Into<String>, tone: Tone, size: f32) -> Line {
        Line {
            text: text.into(),
            tone,
            size,
            bold: false,
        }
    }
    pub(super) fn bold(mut self) -> Line {
        self.bold = true;
        self
    }
}

/// A series of bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// One per category; NaN where the category has none (a section the baseline lacks).
    pub values: Vec<f64>,
    /// The series' colour.
    pub tone: Tone,
    /// One per category where bars are coloured each by where they stand; empty otherwise.
    pub tones: Vec<Tone>,
}

/// A reference line across the bars: a threshold, its 85 % floor, a CV limit.
#[derive(Debug, Clone, PartialEq)]
pub struct RefLine {
    /// Its label, at its end: "标准值 4.50".
    pub name: String,
    pub value: f64,
    pub tone: Tone,
}

/// A horizontal bar chart: categories down the side (every one named), values along.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Above the chart: "小学".
    pub title: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub lines: Vec<RefLine>,
    /// Decimals of the value labels (more than the policy's where fewer would put a failing
    /// value onto its bound).
    pub decimals: usize,
    /// The value axis runs from 0 to `max` in steps of `step`.
    pub max: f64,
    pub step: f64,
}

/// A table; the first row is the header.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<(String, Tone)>>,
    /// Each column's share of the width.
    pub widths: Vec<f32>,
}

/// One line of a line chart: a value per category, its colour, dashed throughout (a limit) or
/// only where the chart's categories are projected.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSeries {
    pub name: String,
    /// One per category; NaN where there is none.
    pub values: Vec<f64>,
    pub rgb: (u8, u8, u8),
    /// A reference (a limit): dashed throughout, thinner.
    pub reference: bool,
}

/// A line chart over the years: categories along (the years), values up.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    pub title: String,
    pub categories: Vec<String>,
    pub series: Vec<LineSeries>,
    /// The categories from this index on are projected: the segments leading to them dashed.
    pub projected_from: usize,
    /// The value axis runs from 0 to `max` in steps of `step`, its numbers with these decimals.
    pub max: f64,
    pub step: f64,
    pub decimals: usize,
}

/// What a slide holds, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Room, in points.
    Space(f32),
    Lines(Vec<Line>),
    /// Side by side.
    Charts(Vec<BarChart>),
    /// Side by side.
    LineCharts(Vec<LineChart>),
    Table(Table),
}

/// One slide.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckSlide {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// One indicator at one level in a line: how many sections are below its threshold, how many of
/// those still pass by the school rule (the others reach enough of the seven), and the CV —
/// "小学：3 所低于标准值（其中 2 所仍按学校规则达标），差异系数 0.312".
pub fn indicator_summary(ev: &Evaluation, level: Level, k: usize, zh: bool) -> String {
    let below: Vec<_> = ev
        .units_of(level)
        .filter(|u| !u.indicators[k].met)
        .collect();
    let still = below.iter().filter(|u| u.passes).count();
    let cv = &ev.cv_of(level)[k];
    let cv = format::cv_against(cv.cv, cv.limit);
    match (zh, below.len(), still) {
        (true, 0, _) => format!("{}：全部达到标准值，差异系数 {cv}", level.zh()),
        (true, n, 0) => format!("{}：{n} 所低于标准值，差异系数 {cv}", level.zh()),
        (true, n, s) => format!(
            "{}：{n} 所低于标准值（其中 {s} 所仍按学校规则达标），差异系数 {cv}",
            level.zh()
        ),
        (false, 0, _) => format!("{}: all reach the threshold, CV {cv}", level.en()),
        (false, n, 0) => format!("{}: {n} below the threshold, CV {cv}", level.en()),
        (false, n, s) => format!(
            "{}: {n} below the threshold ({s} of them still pass by the school rule), CV {cv}",
            level.en()
        ),
    }
}

pub(super) fn tone(ok: bool) -> Tone {
    if ok {
        Tone::Met
    } else {
        Tone::Below
    }
}

pub(super) fn verdict(ok: bool) -> &'static str {
    if ok {
        "达标"
    } else {
        "未达标"
    }
}

/// The scenario's name, or "" for the baseline.
pub(super) fn scenario_name(input: &ReportInput<'_>) -> String {
    input
        .scenario
        .map(|(s, _, _)| s.name.clone())
        .unwrap_or_default()
}

/// A text's width in ems: CJK full, the rest about half.
pub fn ems(s: &str) -> f32 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum()
}

/// The lines a table row takes: its longest cell wrapped in its column.
pub fn row_lines(row: &[(String, Tone)], widths: &[f32]) -> usize {
    let total: f32 = widths.iter().sum::<f32>().max(f32::EPSILON);
    row.iter()
        .zip(widths)
        .map(|((text, _), w)| {
            let room = (TABLE_WIDTH_PT * w / total - 14.0).max(TABLE_FONT_PT);
            (ems(text) * TABLE_FONT_PT / room).ceil().max(1.0) as usize
        })
        .max()
        .unwrap_or(1)
}

/// A row's height in points.
pub fn row_height(row: &[(String, Tone)], widths: &[f32]) -> f32 {
    ROW_PT + (row_lines(row, widths) - 1) as f32 * ROW_LINE_PT
}

/// A block of lines' height in points.
pub fn lines_height(lines: &[Line]) -> f32 {
    lines.iter().map(|l| l.size * 1.5).sum::<f32>() + 7.2
}

/// Every slide of the deck.
pub fn build(input: &ReportInput<'_>) -> Vec<DeckSlide> {
    let ev = input.evaluation;
    let mut out = vec![title_slide(input), readiness_slide(input)];
    out.extend(overview_slides(input));
    for k in 0..input.standard.indicators.len() {
        let failing = ev.units.iter().any(|u| !u.indicators[k].met)
            || Level::BOTH
                .iter()
                .any(|l| ev.cv_of(*l).get(k).is_some_and(|r| !r.met));
        if failing {
            out.extend(charts::indicator_slides(input, k));
        }
    }
    out.push(charts::cv_slide(input));
    if let Some(t) = input.timeline {
        out.push(years::cv_years_slide(input.standard, t, input.past));
        out.push(years::passing_years_slide(t, input.past));
        out.extend(years::years_slides(t));
    }
    if let Some(ledger) = input.ledger {
        out.extend(ledger::ledger_slides(ledger));
    }
    if let Some((sc, cost, base)) = input.scenario {
        out.push(scenario::before_after_slide(input, base));
        out.push(scenario::cost_slide(cost));
        if let Some(rows) = input.year_rows() {
            out.extend(scenario::years_spending_slides(input, &rows));
        }
        out.extend(scenario::schools_slides(input, sc, cost));
    }
    out
}

fn title_slide(input: &ReportInput<'_>) -> DeckSlide {
    let mut lines = vec![Line::new(input.county_name(), Tone::Plain, 44.0).bold()];
    if !input.meeting.title.is_empty() {
        lines.push(Line::new(&input.meeting.title, Tone::Plain, 32.0));
    }
    lines.push(Line::new(&input.standard.def.name_zh, Tone::Plain, 22.0));
    let name = scenario_name(input);
    lines.push(Line::new(
        if name.is_empty() {
            "现状（基线）".to_string()
        } else {
            format!("方案：{name}")
        },
        Tone::Plain,
        22.0,
    ));
    let date = if input.meeting.date.is_empty() {
        input.made_at.chars().take(10).collect()
    } else {
        input.meeting.date.clone()
    };
    lines.push(Line::new(date, Tone::Plain, 22.0));
    DeckSlide {
        title: "义务教育优质均衡发展 · 资源配置".into(),
        blocks: vec![Block::Space(90.0), Block::Lines(lines)],
    }
}

fn readiness_slide(input: &ReportInput<'_>) -> DeckSlide {
    let r = input.readiness();
    let mut lines = vec![Line::new(
        if r.verdict {
            "可以通过认定"
        } else {
            "尚未达到认定条件"
        },
        tone(r.verdict),
        32.0,
    )
    .bold()];
    for a in &r.areas {
        let t = match a.status() {
            AreaStatus::Met => Tone::Met,
            AreaStatus::NotEntered => Tone::Grey,
            AreaStatus::NotMet => Tone::Below,
        };
        lines.push(Line::new(
            format!(
                "{}：{}/{} {}",
                a.area.name(true),
                a.met,
                a.total,
                a.word(true)
            ),
            t,
            24.0,
        ));
    }
    for (f, &not_entered) in r.failing.iter().zip(&r.not_entered).take(6) {
        let t = if not_entered { Tone::Grey } else { Tone::Below };
        lines.push(Line::new(f, t, 16.0));
    }
    if r.failing_total > 6 {
        lines.push(Line::new(
            format!("……共 {} 项未达到", r.failing_total),
            Tone::Plain,
            16.0,
        ));
    }
    DeckSlide {
        title: "优质均衡发展达标总览".into(),
        blocks: vec![Block::Lines(lines)],
    }
}

/// A table over as many slides as it needs, each slide's rows fitting its height, the later
/// slides titled （续）.
pub(super) fn table_slides(title: &str, lead: Vec<Line>, table: Table) -> Vec<DeckSlide> {
    let Table {
        header,
        rows,
        widths,
    } = table;
    if rows.is_empty() {
        return vec![DeckSlide {
            title: title.into(),
            blocks: vec![Block::Lines(lead)],
        }];
    }
    // Split the rows where the next would not fit under the header (and the lead, first).
    let mut pages: Vec<Vec<Vec<(String, Tone)>>> = Vec::new();
    let mut page = Vec::new();
    let mut room = BODY_PT - lines_height(&lead) - ROW_PT;
    for row in rows {
        let h = row_height(&row, &widths);
        if h > room && !page.is_empty() {
            pages.push(std::mem::take(&mut page));
            room = BODY_PT - ROW_PT;
        }
        room -= h;
        page.push(row);
    }
    pages.push(page);
    let mut out = Vec::new();
    for (i, page) in pages.into_iter().enumerate() {
        let mut blocks = Vec::new();
        if i == 0 && !lead.is_empty() {
            blocks.push(Block::Lines(lead.clone()));
        }
        blocks.push(Block::Table(Table {
            header: header.clone(),
            rows: page,
            widths: widths.clone(),
        }));
        out.push(DeckSlide {
            title: if i == 0 {
                title.into()
            } else {
                format!("{title}（续）")
            },
            blocks,
        });
    }
    out
}

fn overview_slides(input: &ReportInput<'_>) -> Vec<DeckSlide> {
    let ev = input.evaluation;
    let mut lead = vec![Line::new(
        format!("资源配置：{}", verdict(ev.resource_allocation_met)),
        tone(ev.resource_allocation_met),
        28.0,
    )
    .bold()];
    for level in ev.levels() {
        let s = ev.summary_of(level);
        lead.push(Line::new(
            format!(
                "{}：{} 个评估单元，{} 个达标；差异系数 {}/{} 项达标",
                level.zh(),
                s.units,
                s.passing,
                s.cv_met,
                ev.cv_of(level).len()
            ),
            tone(s.passing == s.units && s.cv_rule_met),
            22.0,
        ));
    }
    let mut failing: Vec<_> = ev.units.iter().filter(|u| !u.passes).collect();
    failing.sort_by_key(|u| u.met_count);
    let n = input.standard.indicators.len();
    if failing.len() > OVERVIEW_ROWS {
        lead.push(Line::new(
            format!(
                "未达标最多的 {OVERVIEW_ROWS} 个评估单元如下；另有 {} 个未达标，见 Excel 报告",
                failing.len() - OVERVIEW_ROWS
            ),
            Tone::Plain,
            16.0,
        ));
    }
    let rows = failing
        .iter()
        .take(OVERVIEW_ROWS)
        .map(|u| {
            let names: Vec<&str> = u
                .failing()
                .map(|k| input.standard.indicators[k].short(true))
                .collect();
            vec![
                (u.name.clone(), Tone::Plain),
                (u.level.zh().to_string(), Tone::Plain),
                (format!("{}/{n}", u.met_count), Tone::Below),
                (names.join("、"), Tone::Plain),
            ]
        })
        .collect();
    table_slides(
        "总体情况",
        lead,
        Table {
            header: vec![
                "未达标的学校".into(),
                "学段".into(),
                "达标项".into(),
                "未达到的指标".into(),
            ],
            rows,
            widths: vec![0.28, 0.1, 0.1, 0.52],
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_axes_end_on_round_numbers_with_round_steps() {
        let close = |(a, b): (f64, f64), (c, d): (f64, f64)| {
            assert!(
                (a - c).abs() < 1e-9 && (b - d).abs() < 1e-9,
                "{a},{b} ≠ {c},{d}"
            );
        };
        close(nice_axis(0.525), (0.6, 0.1));
        close(nice_axis(1.862), (2.5, 0.5));
        close(nice_axis(2.31), (2.5, 0.5));
        close(nice_axis(7.02), (8.0, 2.0));
        close(nice_axis(0.0), (1.0, 0.2));
        close(nice_axis(f64::NAN), (1.0, 0.2));
    }

    #[test]
    fn a_long_cell_takes_more_lines_and_the_table_continues_on_the_next_slide() {
        let widths = [0.26, 0.56, 0.18];
        let row = |changes: &str| {
            vec![
                ("南沟小学".to_string(), Tone::Plain),
                (changes.to_string(), Tone::Plain),
                ("76.70".to_string(), Tone::Plain),
            ]
        };
        assert_eq!(row_lines(&row("骨干教师 +2 人"), &widths), 1);
        // 80 CJK characters at 16 pt in 56 % of 888 pt (483 pt, less margins): 3 lines.
        assert_eq!(row_lines(&row(&"高".repeat(80)), &widths), 3);
        let table = Table {
            header: vec!["学校".into(), "投入".into(), "费用（万元）".into()],
            rows: (0..30).map(|_| row(&"高".repeat(80))).collect(),
            widths: widths.to_vec(),
        };
        let slides = table_slides("各校投入", Vec::new(), table);
        let rows: Vec<usize> = slides
            .iter()
            .map(|s| match &s.blocks[0] {
                Block::Table(t) => t.rows.len(),
                _ => 0,
            })
            .collect();
        assert_eq!(rows.iter().sum::<usize>(), 30);
        // Each slide's rows fit under its header: 32.4 + n × 70.8 ≤ 410 → 5 a slide.
        assert!(rows.iter().all(|n| *n == 5), "{rows:?}");
        assert_eq!(slides[1].title, "各校投入（续）");
    }
}
