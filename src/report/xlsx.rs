//! The Excel report: a summary sheet (verdicts, CVs against limits, scenario and cost), a
//! per-section sheet with values, thresholds and met flags (conditional colouring), the raw data,
//! and native Excel charts of the CVs and of each indicator that the finance office can edit.

use super::ReportInput;
use crate::model::headers::TextColumn;
use crate::model::{Dataset, Field, Level};
use rust_xlsxwriter::{
    Chart, ChartType, Color, ConditionalFormatFormula, Format, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use std::path::Path;

pub const SUMMARY_SHEET: &str = "汇总";
pub const SECTIONS_SHEET: &str = "评估单元";
pub const RAW_SHEET: &str = "原始数据";
pub const CHARTS_SHEET: &str = "图表";
pub const READINESS_SHEET: &str = "达标总览";
pub const COUNTIES_SHEET: &str = "县区对比";
pub const CORRECTIONS_SHEET: &str = "数据更正";

/// Row of the first CV line on the summary sheet (0-based), and where the CV columns are.
const CV_FIRST_ROW: u32 = 12;

/// The header cells of every report sheet (the ledger's too).
pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
}

/// The report as a workbook (tests read it back from a buffer).
pub fn workbook(input: &ReportInput<'_>) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let header = header_format();
    let title = Format::new().set_bold().set_font_size(16);
    let value_fmt = Format::new().set_num_format("0.00");
    let cv_fmt = Format::new().set_num_format("0.000");
    let green = Format::new()
        .set_background_color(Color::RGB(0xC6EFCE))
        .set_font_color(Color::RGB(0x006100));
    let amber = Format::new()
        .set_background_color(Color::RGB(0xFFEB9C))
        .set_font_color(Color::RGB(0x9C5700));
    let red = Format::new()
        .set_background_color(Color::RGB(0xFFC7CE))
        .set_font_color(Color::RGB(0x9C0006));
    let standard = input.standard;
    let ev = input.evaluation;
    let n_ind = standard.indicators.len();

    // --- 汇总 ---------------------------------------------------------------------------
    let summary = wb.add_worksheet();
    summary.set_name(SUMMARY_SHEET)?;
    summary.write_string_with_format(0, 0, "义务教育优质均衡发展 · 资源配置评估报告", &title)?;
    summary.write_string(1, 0, format!("数据：{}", input.source()))?;
    summary.write_string(2, 0, format!("标准：{}", standard.def.name_zh))?;
    summary.write_string(3, 0, format!("生成时间：{}", input.made_at))?;
    summary.write_string(5, 0, input.meeting_line())?;
    summary.write_string(
        4,
        0,
        match &input.scenario {
            Some((sc, cost, _)) => format!(
                "方案：{}（{} 项变更，费用 {}）",
                sc.name,
                sc.changes.len(),
                crate::format::cost_total(cost, true)
            ),
            None => "方案：现状（基线）".to_string(),
        },
    )?;
    for (c, h) in ["学段", "评估单元", "达标单元", "差异系数达标项", "结论"]
        .iter()
        .enumerate()
    {
        summary.write_string_with_format(6, c as u16, *h, &header)?;
    }
    for (i, level) in Level::BOTH.iter().enumerate() {
        let s = ev.summary_of(*level);
        let r = 7 + i as u32;
        summary.write_string(r, 0, level.zh())?;
        summary.write_number(r, 1, s.units as f64)?;
        summary.write_number(r, 2, s.passing as f64)?;
        summary.write_number(r, 3, s.cv_met as f64)?;
        let ok = s.passing == s.units && s.cv_rule_met;
        summary.write_string_with_format(
            r,
            4,
            if ok { "达标" } else { "未达标" },
            if ok { &green } else { &red },
        )?;
    }
    for (i, level) in Level::BOTH.iter().enumerate() {
        if let Some(c) = &ev.composite[*level as usize] {
            // The 2012 standard: the mean of the CVs decides, beside the table.
            summary.write_string(7 + i as u32, 5, "综合差异系数")?;
            summary.write_number(7 + i as u32, 6, c.cv)?;
            summary.write_string(7 + i as u32, 7, format!("限值 {:.2}", c.limit))?;
        }
    }
    summary.write_string(9, 0, "资源配置")?;
    summary.write_string_with_format(
        9,
        4,
        if ev.resource_allocation_met {
            "达标"
        } else {
            "未达标"
        },
        if ev.resource_allocation_met {
            &green
        } else {
            &red
        },
    )?;
    let mut cv_headers = vec!["学段", "指标", "差异系数", "限值", "均值", "标准差", "结论"];
    if input.scenario.is_some() {
        cv_headers.push("现状差异系数");
    }
    for (c, h) in cv_headers.iter().enumerate() {
        summary.write_string_with_format(CV_FIRST_ROW - 1, c as u16, *h, &header)?;
    }
    let mut row = CV_FIRST_ROW;
    let mut cv_rows = [(0u32, 0u32); 2];
    for level in Level::BOTH {
        cv_rows[level as usize] = (row, row + ev.cv_of(level).len().saturating_sub(1) as u32);
        for (k, (ind, r)) in standard.indicators.iter().zip(ev.cv_of(level)).enumerate() {
            summary.write_string(row, 0, level.zh())?;
            summary.write_string(row, 1, ind.short(true))?;
            // Never shown rounded onto the limit while over it.
            let shown = Format::new().set_num_format(crate::format::number_format(
                crate::format::cv_decimals(r.cv, r.limit),
            ));
            summary.write_number_with_format(row, 2, r.cv, &shown)?;
            summary.write_number_with_format(row, 3, r.limit, &cv_fmt)?;
            summary.write_number_with_format(row, 4, r.mean, &value_fmt)?;
            summary.write_number_with_format(row, 5, r.sd, &value_fmt)?;
            summary.write_string_with_format(
                row,
                6,
                if r.met { "达标" } else { "超限" },
                if r.met { &green } else { &red },
            )?;
            if let Some((_, _, base)) = &input.scenario {
                if let Some(b) = base.cv_of(level).get(k) {
                    let shown = Format::new().set_num_format(crate::format::number_format(
                        crate::format::cv_decimals(b.cv, b.limit),
                    ));
                    summary.write_number_with_format(row, 7, b.cv, &shown)?;
                }
            }
            row += 1;
        }
    }
    if let Some((_, cost, _)) = &input.scenario {
        row += 1;
        summary.write_string_with_format(row, 0, "方案费用", &header)?;
        summary.write_string_with_format(row, 1, "元", &header)?;
        row += 1;
        summary.write_string(row, 0, "合计")?;
        summary.write_number_with_format(
            row,
            1,
            cost.total,
            &Format::new().set_num_format("#,##0"),
        )?;
        for (name, v) in [("其中一次性", cost.once), ("其中每年", cost.per_year)] {
            row += 1;
            summary.write_string(row, 0, name)?;
            summary.write_number_with_format(row, 1, v, &Format::new().set_num_format("#,##0"))?;
        }
        for (id, c) in &cost.per_school {
            row += 1;
            let name = input.data.school(id).map(|s| s.name.as_str()).unwrap_or(id);
            summary.write_string(row, 0, name)?;
            summary.write_number_with_format(row, 1, *c, &Format::new().set_num_format("#,##0"))?;
        }
    }
    summary.set_column_width(0, 12)?;
    summary.set_column_width(1, 14)?;
    for c in 2..8 {
        summary.set_column_width(c, 12)?;
    }

    // --- 评估单元 -----------------------------------------------------------------------
    let sections = wb.add_worksheet();
    sections.set_name(SECTIONS_SHEET)?;
    let mut headers: Vec<String> = vec![
        "学校标识码".into(),
        "学校名称".into(),
        "学段".into(),
        "在校生数".into(),
    ];
    for ind in &standard.indicators {
        headers.push(format!("{}（{}）", ind.short(true), ind.unit(true)));
        headers.push(format!("{}标准值", ind.short(true)));
        headers.push(format!("{}达标", ind.short(true)));
    }
    headers.push("达标项数".into());
    headers.push("结论".into());
    for (c, h) in headers.iter().enumerate() {
        sections.write_string_with_format(0, c as u16, h, &header)?;
    }
    sections.set_row_height(0, 32)?;
    // Primary sections first, then junior, so each level's charts read a contiguous range.
    let mut level_rows = [(0u32, 0u32); 2];
    let mut r = 1u32;
    for level in Level::BOTH {
        let first = r;
        for u in ev.units_of(level) {
            sections.write_string(r, 0, &u.school_id)?;
            sections.write_string(r, 1, &u.name)?;
            sections.write_string(r, 2, level.zh())?;
            sections.write_number(r, 3, u.students)?;
            for (k, ind) in u.indicators.iter().enumerate() {
                let c = 4 + 3 * k as u16;
                let d = crate::format::indicator_against_decimals(
                    &input.standard.indicators[k],
                    ind.value,
                    ind.threshold,
                );
                if d == 2 {
                    sections.write_number_with_format(r, c, ind.value, &value_fmt)?;
                } else {
                    let shown = Format::new().set_num_format(crate::format::number_format(d));
                    sections.write_number_with_format(r, c, ind.value, &shown)?;
                }
                sections.write_number(r, c + 1, ind.threshold)?;
                sections.write_string(r, c + 2, if ind.met { "√" } else { "×" })?;
            }
            let c = 4 + 3 * n_ind as u16;
            sections.write_number(r, c, u.met_count as f64)?;
            sections.write_string(r, c + 1, if u.passes { "达标" } else { "未达标" })?;
            r += 1;
        }
        level_rows[level as usize] = (first, r.saturating_sub(1));
    }
    let last = r.saturating_sub(1).max(1);
    // Conditional colouring: met, at least 85%, below 85%, recomputed if a value is edited.
    for k in 0..n_ind {
        let c = 4 + 3 * k as u16;
        let v = column_name(c);
        let t = column_name(c + 1);
        for (rule, fmt) in [
            (format!("=${v}2>=${t}2*(1-1E-9)"), &green),
            (
                format!("=AND(${v}2<${t}2*(1-1E-9),${v}2>=0.85*${t}2*(1-1E-9))"),
                &amber,
            ),
            (format!("=${v}2<0.85*${t}2*(1-1E-9)"), &red),
        ] {
            let cf = ConditionalFormatFormula::new()
                .set_rule(rule.as_str())
                .set_format(fmt);
            sections.add_conditional_format(1, c, last, c, &cf)?;
        }
    }
    let verdict_col = 4 + 3 * n_ind as u16 + 1;
    let vc = column_name(verdict_col);
    sections.add_conditional_format(
        1,
        verdict_col,
        last,
        verdict_col,
        &ConditionalFormatFormula::new()
            .set_rule(format!("=${vc}2=\"达标\"").as_str())
            .set_format(&green),
    )?;
    sections.add_conditional_format(
        1,
        verdict_col,
        last,
        verdict_col,
        &ConditionalFormatFormula::new()
            .set_rule(format!("=${vc}2=\"未达标\"").as_str())
            .set_format(&red),
    )?;
    sections.set_column_width(1, 20)?;
    sections.set_freeze_panes(1, 2)?;

    // --- 原始数据 -----------------------------------------------------------------------
    write_raw(wb.add_worksheet(), input.data, &header)?;

    // --- 达标总览 -----------------------------------------------------------------------
    let ready = input.readiness();
    let rs = wb.add_worksheet();
    rs.set_name(READINESS_SHEET)?;
    rs.write_string_with_format(0, 0, "优质均衡发展达标总览", &title)?;
    let (word, fmt) = if ready.verdict {
        ("可以通过认定", &green)
    } else {
        ("尚未达到认定条件", &red)
    };
    rs.write_string_with_format(1, 0, word, fmt)?;
    for (c, h) in ["方面", "达标", "项目数", "结论"].iter().enumerate() {
        rs.write_string_with_format(3, c as u16, *h, &header)?;
    }
    let mut r = 4u32;
    for a in &ready.areas {
        rs.write_string(r, 0, a.area.name(true))?;
        rs.write_number(r, 1, a.met as f64)?;
        rs.write_number(r, 2, a.total as f64)?;
        match a.status() {
            crate::readiness::AreaStatus::Met => {
                rs.write_string_with_format(r, 3, "达标", &green)?
            }
            crate::readiness::AreaStatus::NotEntered => rs.write_string(r, 3, a.word(true))?,
            crate::readiness::AreaStatus::NotMet => {
                rs.write_string_with_format(r, 3, "未达标", &red)?
            }
        };
        r += 1;
    }
    r += 1;
    for (c, h) in ["县级项目", "填写值", "要求", "结论", "佐证材料"]
        .iter()
        .enumerate()
    {
        rs.write_string_with_format(r, c as u16, *h, &header)?;
    }
    for it in input.standard.county_items() {
        r += 1;
        let e = input.county.iter().find(|e| e.key == it.key);
        let value = e.and_then(|e| e.value);
        rs.write_string(r, 0, &it.name_zh)?;
        if let Some(v) = value {
            match it.rule {
                crate::readiness::Rule::AtLeast(_) => rs.write_number(r, 1, v).map(|_| ())?,
                crate::readiness::Rule::Yes => rs
                    .write_string(r, 1, if v >= 0.5 { "是" } else { "否" })
                    .map(|_| ())?,
                crate::readiness::Rule::MustNotOccur => rs
                    .write_string(r, 1, if v >= 0.5 { "发生" } else { "未发生" })
                    .map(|_| ())?,
            }
        }
        let need = match it.rule {
            crate::readiness::Rule::AtLeast(t) => format!("≥ {t} {}", it.unit),
            crate::readiness::Rule::Yes => "是".to_string(),
            crate::readiness::Rule::MustNotOccur => "不得发生".to_string(),
        };
        rs.write_string(r, 2, &need)?;
        let (text, f) = match crate::readiness::judge(it, value) {
            crate::readiness::ItemStatus::Met => ("达标", &green),
            crate::readiness::ItemStatus::NotMet => ("未达标", &red),
            crate::readiness::ItemStatus::Missing => ("未填写", &amber),
        };
        rs.write_string_with_format(r, 3, text, f)?;
        rs.write_string(r, 4, e.map(|e| e.evidence.as_str()).unwrap_or(""))?;
    }
    r += 2;
    rs.write_string_with_format(r, 0, "尚未达到的项目", &header)?;
    for f in &ready.failing {
        r += 1;
        rs.write_string(r, 0, f)?;
    }
    rs.set_column_width(0, 60)?;
    rs.set_column_width(2, 14)?;
    rs.set_column_width(4, 30)?;

    // --- 图表 -------------------------------------------------------------------------
    let charts = wb.add_worksheet();
    charts.set_name(CHARTS_SHEET)?;
    let mut slot = 0u32;
    for level in Level::BOTH {
        if ev.summary_of(level).units == 0 {
            continue;
        }
        let (first, last) = cv_rows[level as usize];
        let mut chart = Chart::new(ChartType::Column);
        chart
            .title()
            .set_name(&format!("{}差异系数与限值", level.zh()));
        chart
            .add_series()
            .set_name("差异系数")
            .set_categories((SUMMARY_SHEET, first, 1, last, 1))
            .set_values((SUMMARY_SHEET, first, 2, last, 2));
        let mut limit = Chart::new(ChartType::Line);
        limit
            .add_series()
            .set_name("限值")
            .set_categories((SUMMARY_SHEET, first, 1, last, 1))
            .set_values((SUMMARY_SHEET, first, 3, last, 3));
        chart.combine(&limit);
        charts.insert_chart(slot_row(slot), slot_col(slot), &chart)?;
        slot += 1;
    }
    for level in Level::BOTH {
        let (first, last) = level_rows[level as usize];
        if ev.summary_of(level).units == 0 {
            continue;
        }
        for (k, ind) in standard.indicators.iter().enumerate() {
            let c = 4 + 3 * k as u16;
            let mut chart = Chart::new(ChartType::Column);
            chart.title().set_name(&format!(
                "{} {}（标准值 {}）",
                level.zh(),
                ind.name(true),
                ind.threshold(level)
            ));
            chart
                .add_series()
                .set_name(ind.short(true))
                .set_categories((SECTIONS_SHEET, first, 1, last, 1))
                .set_values((SECTIONS_SHEET, first, c, last, c));
            let mut line = Chart::new(ChartType::Line);
            line.add_series()
                .set_name("标准值")
                .set_categories((SECTIONS_SHEET, first, 1, last, 1))
                .set_values((SECTIONS_SHEET, first, c + 1, last, c + 1));
            chart.combine(&line);
            charts.insert_chart(slot_row(slot), slot_col(slot), &chart)?;
            slot += 1;
        }
    }
    if let Some(t) = input.timeline {
        super::xlsx_years::write(&mut wb, input, t, &header)?;
    }
    if let Some(rows) = input.year_rows() {
        super::xlsx_years::write_spending(&mut wb, &rows, &header)?;
    }
    if !input.counties.is_empty() {
        write_counties(&mut wb, input, &header, &green, &red)?;
    }
    if !input.corrections.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(CORRECTIONS_SHEET)?;
        for (c, h) in [
            "学校标识码",
            "学校名称",
            "字段",
            "原值",
            "更正为",
            "更正时间",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(0, c as u16, *h, &header)?;
        }
        for (i, c) in input.corrections.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, &c.school_id)?;
            if let Some(s) = input.data.school(&c.school_id) {
                ws.write_string(r, 1, &s.name)?;
            }
            ws.write_string(r, 2, c.field.zh_headers()[0])?;
            if let Some(v) = c.old {
                ws.write_number(r, 3, v)?;
            }
            ws.write_number(r, 4, c.new)?;
            ws.write_string(r, 5, &c.at)?;
        }
        ws.set_column_width(1, 18)?;
        ws.set_column_width(2, 26)?;
        ws.set_column_width(5, 24)?;
    }
    // Printed as a bureau prints: A4 landscape, as wide as the page, the header on every page.
    for ws in wb.worksheets_mut() {
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
    }
    if let Ok(ws) = wb.worksheet_from_name(SECTIONS_SHEET) {
        ws.set_repeat_rows(0, 0)?;
    }
    Ok(wb)
}

/// 县区对比: each county judged on its own, ranked by share of sections passing, then CVs met;
/// its 14 CVs coloured against their limits (numbers, for the user's own sorting and charts).
fn write_counties(
    wb: &mut Workbook,
    input: &ReportInput<'_>,
    header: &Format,
    green: &Format,
    red: &Format,
) -> Result<(), XlsxError> {
    let standard = input.standard;
    let ws = wb.add_worksheet();
    ws.set_name(COUNTIES_SHEET)?;
    ws.write_string(
        0,
        0,
        "各县区分别评估（差异系数在县内计算），按达标单元比例、差异系数达标项排序",
    )?;
    let mut titles: Vec<String> = [
        "名次",
        "县区",
        "学校数",
        "评估单元",
        "达标单元",
        "达标比例",
        "差异系数达标项",
        "差异系数项数",
        "资源配置",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for level in Level::BOTH {
        for ind in &standard.indicators {
            titles.push(format!("{}{}差异系数", level.zh(), ind.short(true)));
        }
    }
    titles.push("未达标的差异系数".into());
    for (c, t) in titles.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, t, header)?;
    }
    let pct = Format::new().set_num_format("0.0%");
    let cv_green = green.clone().set_num_format("0.000");
    let cv_red = red.clone().set_num_format("0.000");
    let ranks = crate::evaluate::counties::ranking(input.counties);
    for (i, r) in ranks.iter().enumerate() {
        let Some(c) = input.counties.iter().find(|c| c.county == r.county) else {
            continue;
        };
        let row = 3 + i as u32;
        ws.write_number(row, 0, (i + 1) as f64)?;
        ws.write_string(row, 1, &r.county)?;
        ws.write_number(row, 2, c.data.schools.len() as f64)?;
        ws.write_number(row, 3, r.units as f64)?;
        ws.write_number(row, 4, r.passing as f64)?;
        ws.write_number_with_format(row, 5, r.passing_share, &pct)?;
        ws.write_number(row, 6, r.cv_met as f64)?;
        ws.write_number(row, 7, r.cv_total as f64)?;
        if r.resource_allocation_met {
            ws.write_string_with_format(row, 8, "达标", green)?;
        } else {
            ws.write_string_with_format(row, 8, "未达标", red)?;
        }
        let mut col = 9u16;
        for level in Level::BOTH {
            let cvs = c.evaluation.cv_of(level);
            for k in 0..standard.indicators.len() {
                if let Some(cv) = cvs.get(k) {
                    let f = if cv.met { &cv_green } else { &cv_red };
                    let f = f.clone().set_num_format(crate::format::number_format(
                        crate::format::cv_decimals(cv.cv, cv.limit),
                    ));
                    ws.write_number_with_format(row, col, cv.cv, &f)?;
                }
                col += 1;
            }
        }
        ws.write_string(
            row,
            col,
            crate::format::failing_cvs(&c.evaluation, standard, true).join("、"),
        )?;
    }
    ws.set_column_width(1, 12)?;
    ws.set_freeze_panes(3, 2)?;
    Ok(())
}

fn slot_row(slot: u32) -> u32 {
    (slot / 2) * 16
}

fn slot_col(slot: u32) -> u16 {
    (slot % 2) as u16 * 9
}

/// Spreadsheet column letters for a 0-based column.
fn column_name(c: u16) -> String {
    crate::model::headers::column_letters(c as usize)
}

fn write_raw(ws: &mut Worksheet, data: &Dataset, header: &Format) -> Result<(), XlsxError> {
    ws.set_name(RAW_SHEET)?;
    let mut c = 0u16;
    for t in TextColumn::ALL {
        ws.write_string_with_format(0, c, t.zh_headers()[0], header)?;
        c += 1;
    }
    for &f in Field::ALL {
        ws.write_string_with_format(0, c, f.zh_headers()[0], header)?;
        c += 1;
    }
    for h in &data.extra_columns {
        ws.write_string_with_format(0, c, h, header)?;
        c += 1;
    }
    for (i, s) in data.schools.iter().enumerate() {
        let r = i as u32 + 1;
        let texts = [
            Some(s.id.as_str()),
            Some(s.name.as_str()),
            Some(s.kind.zh()),
            s.parent_id.as_deref(),
            s.township.as_deref(),
            s.location.map(|l| l.zh()),
            s.county.as_deref(),
        ];
        let mut c = 0u16;
        for t in texts {
            if let Some(t) = t {
                ws.write_string(r, c, t)?;
            }
            c += 1;
        }
        for &f in Field::ALL {
            if let Some(v) = s.values.get(f) {
                ws.write_number(r, c, v)?;
            }
            c += 1;
        }
        for e in &s.extra {
            ws.write_string(r, c, e)?;
            c += 1;
        }
    }
    ws.set_freeze_panes(1, 2)?;
    Ok(())
}

/// Writes the report to a file.
pub fn write(path: &Path, input: &ReportInput<'_>) -> Result<(), XlsxError> {
    workbook(input)?.save(path)
}
