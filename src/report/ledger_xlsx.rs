//! The ledger (整改台账) as a workbook, as offices keep one: one row per item with the school,
//! what, the cost once and every year, the year and deadline, the responsible unit and person,
//! the status with its note and date, and the evidence — filters on the header, the header frozen
//! and repeated on every printed page, A4 landscape; overdue items in red. A 进度 sheet counts the
//! items done, blocked and overdue by unit and by year.

use crate::ledger::{Ledger, Progress};
use crate::model::Dataset;
use rust_xlsxwriter::{Color, Format, Workbook, XlsxError};

pub const ITEMS_SHEET: &str = "整改台账";
pub const PROGRESS_SHEET: &str = "进度";

/// The columns of the items sheet.
pub const COLUMNS: [&str; 14] = [
    "序号",
    "学校标识码",
    "学校",
    "整改内容",
    "一次性费用（元）",
    "每年费用（元）",
    "年份",
    "截止日期",
    "责任单位",
    "责任人",
    "状态",
    "状态说明",
    "状态日期",
    "佐证材料",
];

/// The workbook; `today` (an ISO date) decides what is overdue.
pub fn workbook(ledger: &Ledger, data: &Dataset, today: &str) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let header = super::xlsx::header_format();
    let money = Format::new().set_num_format("#,##0");
    let red = Format::new().set_font_color(Color::RGB(0xC00000));
    let ws = wb.add_worksheet();
    ws.set_name(ITEMS_SHEET)?;
    for (c, h) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)?;
    }
    for (i, item) in ledger.items.iter().enumerate() {
        let r = i as u32 + 1;
        let overdue = Ledger::overdue(item, today);
        let text = if overdue { red.clone() } else { Format::new() };
        let id = item.change.school_id().unwrap_or("");
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, 1, id)?;
        ws.write_string(r, 2, data.school(id).map_or(id, |s| s.name.as_str()))?;
        ws.write_string_with_format(r, 3, item.change.describe_in(Some(data), true), &text)?;
        ws.write_number_with_format(r, 4, item.once.round(), &money)?;
        ws.write_number_with_format(r, 5, item.per_year.round(), &money)?;
        if let Some(y) = item.year {
            ws.write_number(r, 6, f64::from(y))?;
        }
        ws.write_string(r, 7, &item.deadline)?;
        ws.write_string(r, 8, &item.unit)?;
        ws.write_string(r, 9, &item.person)?;
        let status = if overdue {
            format!("{}（逾期）", item.status.zh())
        } else {
            item.status.zh().to_string()
        };
        ws.write_string_with_format(r, 10, status, &text)?;
        ws.write_string(r, 11, &item.note)?;
        ws.write_string(r, 12, &item.status_date)?;
        ws.write_string(r, 13, item.evidence.join("；"))?;
    }
    let last = ledger.items.len() as u32;
    ws.autofilter(0, 0, last.max(1), COLUMNS.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 0)?;
    for (c, w) in [
        (2, 20),
        (3, 40),
        (4, 14),
        (5, 14),
        (8, 14),
        (11, 24),
        (13, 30),
    ] {
        ws.set_column_width(c, w)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;

    let (by_unit, by_year) = ledger.progress(today);
    let ps = wb.add_worksheet();
    ps.set_name(PROGRESS_SHEET)?;
    let mut r = 0;
    for (title, rows) in [("责任单位", &by_unit), ("年份", &by_year)] {
        for (c, h) in [title, "事项", "已完成", "受阻", "逾期", "完成率"]
            .iter()
            .enumerate()
        {
            ps.write_string_with_format(r, c as u16, *h, &header)?;
        }
        for p in rows.iter() {
            r += 1;
            write_progress(ps, r, p)?;
        }
        r += 2;
    }
    ps.set_column_width(0, 18)?;
    Ok(wb)
}

fn write_progress(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    p: &Progress,
) -> Result<(), XlsxError> {
    ws.write_string(r, 0, &p.key)?;
    for (c, v) in [(1, p.items), (2, p.done), (3, p.blocked), (4, p.overdue)] {
        ws.write_number(r, c, v as f64)?;
    }
    let share = if p.items > 0 {
        p.done as f64 / p.items as f64
    } else {
        0.0
    };
    ws.write_number_with_format(r, 5, share, &Format::new().set_num_format("0%"))?;
    Ok(())
}

/// Writes the workbook.
pub fn write(
    path: &std::path::Path,
    ledger: &Ledger,
    data: &Dataset,
    today: &str,
) -> Result<(), XlsxError> {
    workbook(ledger, data, today)?.save(path)
}
