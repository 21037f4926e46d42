//! The timeline in the Excel report: a 年度推演 sheet with each year (past actual years, the base
//! year, the projected years) by level — sections, passing, CVs met, each CV and the limit — with
//! a native line chart per level (each indicator's CV by year against the limit, the projected
//! years' segments dashed), and a 首次未达标 sheet of the sections that pass in the base year and
//! first fail later.

use super::ReportInput;
use crate::model::Level;
use crate::timeline::{Timeline, Year};
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLine, ChartLineDashType, ChartPoint, ChartType, Color, Format,
    Workbook, XlsxError,
};

pub const YEARS_SHEET: &str = "年度推演";
pub const FAILURES_SHEET: &str = "首次未达标";

/// Row of the column headers (0-based); the years follow.
pub const HEADER_ROW: u32 = 2;

/// The columns of one level: sections, passing, CVs met, then each indicator's CV, then the
/// limit.
fn level_width(indicators: usize) -> u16 {
    3 + indicators as u16 + 1
}

/// Writes the two sheets.
pub fn write(
    wb: &mut Workbook,
    input: &ReportInput<'_>,
    t: &Timeline,
    header: &Format,
) -> Result<(), XlsxError> {
    let standard = input.standard;
    let n = standard.indicators.len();
    let levels: Vec<Level> = t.levels();
    let years: Vec<(&Year, &str)> = input
        .past
        .iter()
        .map(|y| (y, "实际"))
        .chain(
            t.years
                .iter()
                .enumerate()
                .map(|(i, y)| (y, if i == 0 { "基年" } else { "推演" })),
        )
        .collect();
    let cv_fmt = Format::new().set_num_format("0.000");
    let red = Format::new().set_font_color(Color::RGB(0x9C0006));
    let ws = wb.add_worksheet();
    ws.set_name(YEARS_SHEET)?;
    let last = t.years.last().map_or(t.base_year, |y| y.year);
    ws.write_string_with_format(
        0,
        0,
        format!("年度推演：{}–{last} 年", t.base_year),
        &Format::new().set_bold().set_font_size(16),
    )?;
    ws.write_string(
        1,
        0,
        "按年级推演在校生数，逐年评估；方案中的变更从其年份起计入。图中虚线段为推演年份。",
    )?;
    ws.write_string_with_format(HEADER_ROW, 0, "年份", header)?;
    ws.write_string_with_format(HEADER_ROW, 1, "类别", header)?;
    for (li, level) in levels.iter().enumerate() {
        let c0 = 2 + li as u16 * level_width(n);
        let l = level.zh();
        for (j, h) in ["评估单元", "达标", "差异系数达标"].iter().enumerate() {
            ws.write_string_with_format(HEADER_ROW, c0 + j as u16, format!("{l}{h}"), header)?;
        }
        for (k, ind) in standard.indicators.iter().enumerate() {
            ws.write_string_with_format(
                HEADER_ROW,
                c0 + 3 + k as u16,
                format!("{l} {}", ind.short(true)),
                header,
            )?;
        }
        ws.write_string_with_format(HEADER_ROW, c0 + 3 + n as u16, format!("{l}限值"), header)?;
    }
    for (i, (y, kind)) in years.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        ws.write_number(r, 0, f64::from(y.year))?;
        ws.write_string(r, 1, *kind)?;
        for (li, &level) in levels.iter().enumerate() {
            let c0 = 2 + li as u16 * level_width(n);
            let s = y.evaluation.summary_of(level);
            ws.write_number(r, c0, s.units as f64)?;
            ws.write_number(r, c0 + 1, s.passing as f64)?;
            ws.write_number(r, c0 + 2, s.cv_met as f64)?;
            for (k, c) in y.evaluation.cv_of(level).iter().enumerate() {
                if c.cv.is_finite() {
                    let f = if c.met {
                        &cv_fmt
                    } else {
                        &red.clone().set_num_format("0.000")
                    };
                    ws.write_number_with_format(r, c0 + 3 + k as u16, c.cv, f)?;
                }
            }
            ws.write_number_with_format(
                r,
                c0 + 3 + n as u16,
                standard.cv_limit(level),
                &Format::new().set_num_format("0.00"),
            )?;
        }
    }
    ws.set_column_width(1, 8)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    // A line chart per level under the table.
    let (first, last_row) = (HEADER_ROW + 1, HEADER_ROW + years.len() as u32);
    let base_index = input.past.len();
    let chart_row = last_row + 3;
    for (li, &level) in levels.iter().enumerate() {
        let c0 = 2 + li as u16 * level_width(n);
        let mut chart = Chart::new(ChartType::Line);
        chart
            .title()
            .set_name(&format!("{}差异系数（逐年）", level.zh()));
        for (k, ind) in standard.indicators.iter().enumerate() {
            let (r, g, b) = super::SERIES_RGB[k % super::SERIES_RGB.len()];
            let color = Color::RGB((u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b));
            let line = |dashed: bool| {
                let mut l = ChartLine::new();
                l.set_color(color).set_width(2.0);
                if dashed {
                    l.set_dash_type(ChartLineDashType::Dash);
                }
                l
            };
            // Each point's line is the segment leading to it: dashed after the base year.
            let points: Vec<ChartPoint> = (0..years.len())
                .map(|i| {
                    ChartPoint::new().set_format(ChartFormat::new().set_line(&line(i > base_index)))
                })
                .collect();
            chart
                .add_series()
                .set_name(ind.short(true))
                .set_categories((YEARS_SHEET, first, 0, last_row, 0))
                .set_values((
                    YEARS_SHEET,
                    first,
                    c0 + 3 + k as u16,
                    last_row,
                    c0 + 3 + k as u16,
                ))
                .set_format(ChartFormat::new().set_line(&line(false)))
                .set_points(&points);
        }
        let limit_col = c0 + 3 + n as u16;
        chart
            .add_series()
            .set_name("限值")
            .set_categories((YEARS_SHEET, first, 0, last_row, 0))
            .set_values((YEARS_SHEET, first, limit_col, last_row, limit_col))
            .set_format(
                ChartFormat::new().set_line(
                    ChartLine::new()
                        .set_color(Color::RGB(0xD73A49))
                        .set_width(1.5)
                        .set_dash_type(ChartLineDashType::RoundDot),
                ),
            );
        chart.y_axis().set_name("差异系数").set_min(0.0);
        chart.x_axis().set_name("年份");
        chart.set_width(640).set_height(360);
        ws.insert_chart(chart_row + li as u32 * 20, 0, &chart)?;
        // Sections passing by year against the sections judged.
        let mut passing = Chart::new(ChartType::Line);
        passing
            .title()
            .set_name(&format!("{}达标学校（逐年）", level.zh()));
        for (col, name, rgb, dashed) in [
            (c0 + 1, "达标", 0x2EA043, false),
            (c0, "评估单元", 0x969696, true),
        ] {
            let mut line = ChartLine::new();
            line.set_color(Color::RGB(rgb)).set_width(2.0);
            if dashed {
                line.set_dash_type(ChartLineDashType::RoundDot);
            }
            passing
                .add_series()
                .set_name(name)
                .set_categories((YEARS_SHEET, first, 0, last_row, 0))
                .set_values((YEARS_SHEET, first, col, last_row, col))
                .set_format(ChartFormat::new().set_line(&line));
        }
        passing.y_axis().set_name("评估单元").set_min(0.0);
        passing.x_axis().set_name("年份");
        passing.set_width(480).set_height(360);
        ws.insert_chart(chart_row + li as u32 * 20, 11, &passing)?;
    }
    // 首次未达标.
    let fs = wb.add_worksheet();
    fs.set_name(FAILURES_SHEET)?;
    for (c, h) in ["首次未达标年份", "学校标识码", "学校", "学段", "原因"]
        .iter()
        .enumerate()
    {
        fs.write_string_with_format(0, c as u16, *h, header)?;
    }
    if t.first_failures.is_empty() {
        fs.write_string(1, 0, "基年达标的学校在推演年份内都保持达标。")?;
    }
    for (i, f) in t.first_failures.iter().enumerate() {
        let r = 1 + i as u32;
        fs.write_number(r, 0, f64::from(f.year))?;
        fs.write_string(r, 1, &f.school_id)?;
        fs.write_string(r, 2, &f.name)?;
        fs.write_string(r, 3, f.level.zh())?;
        fs.write_string(r, 4, &f.reason)?;
    }
    fs.set_column_width(0, 14)?;
    fs.set_column_width(2, 22)?;
    fs.set_column_width(4, 60)?;
    Ok(())
}

pub const SPENDING_SHEET: &str = "逐年投入";

/// A dated scenario's 逐年投入 sheet: a row per year — its spending (万元: that year's one-time
/// costs, the yearly costs of everything in place, their sum) and its changes — and the total.
pub fn write_spending(
    wb: &mut Workbook,
    rows: &[super::YearRow],
    header: &Format,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(SPENDING_SHEET)?;
    let wan = Format::new().set_num_format("#,##0.00");
    let wrap = Format::new().set_text_wrap();
    for (c, h) in [
        "年份",
        "当年支出（万元）",
        "一次性（万元）",
        "每年费用（万元）",
        "当年投入",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, header)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_number(row, 0, f64::from(r.year))?;
        ws.write_number_with_format(row, 1, r.spent / 10_000.0, &wan)?;
        ws.write_number_with_format(row, 2, r.one_time / 10_000.0, &wan)?;
        ws.write_number_with_format(row, 3, r.per_year / 10_000.0, &wan)?;
        ws.write_string_with_format(row, 4, r.changes.join("\n"), &wrap)?;
    }
    let total_row = rows.len() as u32 + 1;
    ws.write_string_with_format(total_row, 0, "合计", header)?;
    let total: f64 = rows.iter().map(|r| r.spent).sum();
    ws.write_number_with_format(total_row, 1, total / 10_000.0, &wan)?;
    ws.set_column_width(0, 8)?;
    for c in 1..=3 {
        ws.set_column_width(c, 16)?;
    }
    ws.set_column_width(4, 80)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}
