//! The empty data template (`junheng template --out FILE.xlsx`): Chinese headers, a units row, and
//! a second sheet explaining each column.

use super::headers::TextColumn;
use crate::model::Field;
use rust_xlsxwriter::{Color, DataValidation, Format, FormatBorder, Workbook, XlsxError};
use std::path::Path;

/// The name of the data sheet.
pub const DATA_SHEET: &str = "学校数据";
/// The name of the explanation sheet.
pub const HELP_SHEET: &str = "填表说明";
/// The name of the per-school form's sheet.
pub const FORM_SHEET: &str = "学校填报";
/// The row (0-based) of the per-school form's first item.
pub const FORM_FIRST_ROW: u32 = 2;

/// The template's columns: (Chinese header, English key, unit, explanation zh, explanation en).
pub fn columns() -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    let mut out = Vec::new();
    for t in TextColumn::ALL {
        let (zh, en) = t.doc();
        out.push((t.zh_headers()[0], t.key(), "文本", zh, en));
    }
    for &f in Field::ALL {
        out.push((
            f.zh_headers()[0],
            f.key(),
            f.unit_zh(),
            f.doc_zh(),
            f.doc_en(),
        ));
    }
    out
}

/// Builds the template workbook.
pub fn workbook() -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let units = Format::new()
        .set_italic()
        .set_font_color(Color::RGB(0x595959))
        .set_background_color(Color::RGB(0xF2F2F2))
        .set_border(FormatBorder::Thin);
    let cols = columns();
    let data = wb.add_worksheet();
    data.set_name(DATA_SHEET)?;
    for (c, (zh, _key, unit, _, _)) in cols.iter().enumerate() {
        let c = c as u16;
        data.write_string_with_format(0, c, *zh, &header)?;
        data.write_string_with_format(1, c, *unit, &units)?;
        data.set_column_width(c, (zh.chars().count() as f64 * 2.2).max(10.0))?;
    }
    data.set_row_height(0, 32)?;
    data.set_freeze_panes(2, 2)?;
    // 学校类型 chosen from a list, down the rows a county fills.
    if let Some(c) = cols
        .iter()
        .position(|(zh, ..)| *zh == TextColumn::Kind.zh_headers()[0])
    {
        data.add_data_validation(2, c as u16, 5001, c as u16, &kind_list()?)?;
    }

    let help = wb.add_worksheet();
    help.set_name(HELP_SHEET)?;
    for (c, title) in ["列名", "英文键 (key)", "单位", "说明", "Explanation"]
        .iter()
        .enumerate()
    {
        help.write_string_with_format(0, c as u16, *title, &header)?;
    }
    for (r, (zh, key, unit, doc_zh, doc_en)) in cols.iter().enumerate() {
        let r = r as u32 + 1;
        help.write_string(r, 0, *zh)?;
        help.write_string(r, 1, *key)?;
        help.write_string(r, 2, *unit)?;
        help.write_string(r, 3, *doc_zh)?;
        help.write_string(r, 4, *doc_en)?;
    }
    let notes = [
        "第 2 行是单位行，导入时自动跳过；可删除。教学仪器设备值若以万元填写，把单位改为“万元”即可自动换算为元。",
        "Row 2 holds units and is skipped on import. If equipment value is in 万元, write 万元 as its unit and it is converted to yuan.",
        "教师数按学段分别填写（小学/初中），不拆分；面积、设备值、多媒体教室按全校填写，一贯制学校按 小学1 : 初中1.1 : 高中1.32 的加权学生数分摊。",
        "Teachers are given per section; areas, equipment and multimedia rooms for the whole school, split by weighted enrolment (1 : 1.1 : 1.32).",
        "教学点填写所属中心校的学校标识码后并入中心校评估；未填写的教学点不参与资源配置评估。",
    ];
    let base = cols.len() as u32 + 2;
    for (i, n) in notes.iter().enumerate() {
        help.write_string(base + i as u32, 0, *n)?;
    }
    help.set_column_width(0, 28)?;
    help.set_column_width(1, 24)?;
    help.set_column_width(2, 8)?;
    help.set_column_width(3, 60)?;
    help.set_column_width(4, 70)?;
    Ok(wb)
}

/// The per-school data form (`junheng template --per-school`): one workbook a school fills in,
/// its items down column A and its values in column B; a folder of filled forms is read as one
/// county, each form a school, each problem at the form's own cell.
pub fn per_school_workbook() -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin);
    let input = Format::new()
        .set_background_color(Color::RGB(0xFFF9E0))
        .set_border(FormatBorder::Thin);
    let weak = Format::new()
        .set_font_color(Color::RGB(0x595959))
        .set_text_wrap();
    let title = Format::new().set_bold().set_font_size(14);
    let ws = wb.add_worksheet();
    ws.set_name(FORM_SHEET)?;
    ws.merge_range(
        0,
        0,
        0,
        3,
        "义务教育优质均衡发展 学校数据填报表（每校一份；填好后交县教育局，各校的表放在同一文件夹中一起导入）",
        &title,
    )?;
    for (c, h) in ["项目", "填写", "单位", "说明"].iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &header)?;
    }
    for (i, (zh, _key, unit, doc_zh, _)) in columns().iter().enumerate() {
        let r = FORM_FIRST_ROW + i as u32;
        ws.write_string(r, 0, *zh)?;
        ws.write_blank(r, 1, &input)?;
        ws.write_string(r, 2, *unit)?;
        ws.write_string_with_format(r, 3, *doc_zh, &weak)?;
        if *zh == TextColumn::Kind.zh_headers()[0] {
            ws.add_data_validation(r, 1, r, 1, &kind_list()?)?;
        }
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 18)?;
    ws.set_column_width(2, 8)?;
    ws.set_column_width(3, 70)?;
    ws.set_freeze_panes(2, 0)?;
    Ok(wb)
}

/// The school kinds, as a cell's drop-down list.
fn kind_list() -> Result<DataValidation, XlsxError> {
    DataValidation::new().allow_list_strings(&[
        "小学",
        "初中",
        "九年一贯制",
        "完全中学",
        "十二年一贯制",
        "教学点",
    ])
}

/// Writes the template to a file.
pub fn write(path: &Path) -> Result<(), XlsxError> {
    workbook()?.save(path)
}

/// Writes the per-school form to a file.
pub fn write_per_school(path: &Path) -> Result<(), XlsxError> {
    per_school_workbook()?.save(path)
}
