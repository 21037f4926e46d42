//! The empty data template (`junheng template --out FILE.xlsx`): Chinese headers, a units row, and
//! a second sheet explaining each column.

use super::headers::TextColumn;
use crate::model::Field;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};
use std::path::Path;

/// The name of the data sheet.
pub const DATA_SHEET: &str = "学校数据";
/// The name of the explanation sheet.
pub const HELP_SHEET: &str = "填表说明";

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

/// Writes the template to a file.
pub fn write(path: &Path) -> Result<(), XlsxError> {
    workbook()?.save(path)
}
