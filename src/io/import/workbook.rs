//! Workbooks (xlsx, xls, ods, xlsb) through calamine: the sheet chosen, its cells as the table
//! reader sees them.

use super::csv::is_header;
use super::*;
use crate::standard::Standard;

pub(super) fn data_cell(d: &calamine::Data) -> Cell<'_> {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s)
            }
        }
        Data::Bool(true) => Cell::Text("TRUE"),
        Data::Bool(false) => Cell::Text("FALSE"),
        Data::DateTime(_) => Cell::Text("(日期 date)"),
        Data::Error(_) => Cell::Text("#错误 (#ERROR)"),
    }
}

pub(super) fn data_text(d: &calamine::Data) -> String {
    match data_cell(d) {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.to_string(),
        Cell::Number(n) => format_number(n),
    }
}

pub(super) fn load_workbook(
    bytes: &[u8],
    file: &str,
    standard: &Standard,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    use calamine::Reader;
    let fail = |kind| ImportError::of_file(file, kind);
    // calamine is a parser of untrusted binary input: contain any panic it might raise so a bad
    // file is an error message, never a crash.
    if is_zip(bytes) {
        check_zip(bytes).map_err(|e| fail(IssueKind::BadSpreadsheet(e)))?;
    }
    let opened = std::panic::catch_unwind(|| {
        let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e| e.to_string())?;
        let names = wb.sheet_names();
        let sheet = match &options.sheet {
            Some(s) if names.contains(s) => s.clone(),
            Some(s) => {
                return Err(format!(
                    "没有名为“{s}”的工作表（有：{}）/ no sheet named \"{s}\"",
                    names.join("、")
                ))
            }
            // The first sheet a user sees: not a hidden or very hidden one, not a chart sheet.
            None => wb
                .sheets_metadata()
                .iter()
                .find(|s| {
                    s.visible == calamine::SheetVisible::Visible
                        && s.typ == calamine::SheetType::WorkSheet
                })
                .map(|s| s.name.clone())
                .ok_or_else(|| {
                    "工作簿中没有可见的工作表 / the workbook has no visible worksheet".to_string()
                })?,
        };
        let (range, formulas) = match &mut wb {
            // Cell by cell, so that the grid is bounded before it is allocated; the formulas too,
            // to warn about results saved as 0 that may be stale.
            calamine::Sheets::Xlsx(x) => {
                let range = bounded_xlsx_range(x, &sheet)?;
                let formulas = x.worksheet_formula(&sheet).ok();
                (range, formulas)
            }
            other => (
                other.worksheet_range(&sheet).map_err(|e| e.to_string())?,
                None,
            ),
        };
        Ok((sheet, range, formulas))
    });
    let (sheet, range, formulas) = match opened {
        Ok(Ok(x)) => x,
        Ok(Err(e)) => return Err(fail(IssueKind::BadSpreadsheet(e))),
        Err(_) => {
            return Err(fail(IssueKind::BadSpreadsheet(
                "文件已损坏 / the file is damaged".into(),
            )))
        }
    };
    let (start_row, start_col) = range.start().unwrap_or((0, 0));
    let rows: Vec<&[calamine::Data]> = range.rows().collect();
    if rows
        .iter()
        .all(|r| r.iter().all(|c| matches!(c, calamine::Data::Empty)))
    {
        return Err(ImportError {
            issues: vec![Issue {
                sheet: Some(sheet),
                ..Issue::file_level(file, IssueKind::Empty)
            }],
        });
    }
    let header_at = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|r| {
            let texts: Vec<String> = r.iter().map(data_text).collect();
            is_header(texts.iter().map(String::as_str))
        })
        .ok_or_else(|| ImportError {
            issues: vec![Issue {
                sheet: Some(sheet.clone()),
                ..Issue::file_level(file, IssueKind::NoHeader)
            }],
        })?;
    if rows[header_at].len() > MAX_COLUMNS {
        return Err(too_many_columns(file, Some(sheet), rows[header_at].len()));
    }
    let headers: Vec<String> = rows[header_at].iter().map(data_text).collect();
    let sheet_name = sheet.clone();
    let mut table = TableReader::new(file, Some(sheet), RowKind::Row, &headers, true, standard);
    table.column_offset = Some(start_col as usize);
    for (i, r) in rows.iter().enumerate().skip(header_at + 1) {
        let row_number = start_row as usize + i + 1;
        table.row(row_number, r.len(), |c| {
            r.get(c).map_or(Cell::Empty, data_cell)
        });
        // A number computed by a formula is read as the result saved in the file: where that is
        // 0 or empty, it may be stale (a file not recalculated before saving) — say so.
        if let Some(f) = &formulas {
            for (c, cell) in r.iter().enumerate() {
                if !matches!(data_cell(cell), Cell::Empty | Cell::Number(0.0))
                    || !table.is_number_column(c)
                {
                    continue;
                }
                let at = (start_row + i as u32, start_col + c as u32);
                if let Some(formula) = f.get_value(at).filter(|s| !s.is_empty()) {
                    let letters = crate::model::headers::column_letters(at.1 as usize);
                    table.note(format!(
                        "第 {row_number} 行 {letters} 列是公式“={formula}”，文件中保存的结果是 0：如果文件没有在 Excel/WPS 中重新计算后保存，这个值可能已过时 / row {row_number}, column {letters} is the formula \"={formula}\" whose saved result is 0: it may be stale if the file was not recalculated before saving"
                    ));
                }
            }
        }
    }
    // The sheet read is always named: in the command line's output and the status bar.
    table.finish(format!(
        "Excel/WPS，工作表“{sheet_name}” / sheet \"{sheet_name}\""
    ))
}

/// The most cells a sheet's used area may span (rows × columns from its first to its last
/// cell): 20 million, far beyond any county's or province's school table.
pub const MAX_GRID_CELLS: u64 = 20_000_000;

/// The most a workbook may hold once decompressed, and the most shared strings it may declare:
/// refused before any reader allocates for them (a zip bomb, a forged count).
const MAX_UNZIPPED_BYTES: u64 = 1 << 30;
const MAX_SHARED_STRINGS: u64 = 20_000_000;

/// Reads an xlsx worksheet's cells one at a time and refuses a used area beyond
/// [`MAX_GRID_CELLS`] before the grid is built (one cell at A1 and one at XFD20000 would need
/// 327 million).
fn bounded_xlsx_range<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Xlsx<RS>,
    sheet: &str,
) -> Result<calamine::Range<calamine::Data>, String> {
    let mut reader = wb
        .worksheet_cells_reader(sheet)
        .map_err(|e| e.to_string())?;
    let mut cells = Vec::new();
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0u32, 0u32);
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        let (r, c) = cell.get_position();
        let value: calamine::Data = cell.get_value().clone().into();
        if matches!(value, calamine::Data::Empty) {
            continue;
        }
        (top, left) = (top.min(r), left.min(c));
        (bottom, right) = (bottom.max(r), right.max(c));
        let span = (u64::from(bottom - top) + 1) * (u64::from(right - left) + 1);
        if span > MAX_GRID_CELLS {
            return Err(format!(
                "工作表“{sheet}”的已用区域超过 {MAX_GRID_CELLS} 个单元格（例如远处的单元格 {}{}）；请删除表格外的内容 / the used area of sheet \"{sheet}\" spans more than {MAX_GRID_CELLS} cells (a cell far away at {}{}); delete what is outside the table",
                crate::model::headers::column_letters(c as usize),
                r + 1,
                crate::model::headers::column_letters(c as usize),
                r + 1
            ));
        }
        cells.push(calamine::Cell::new((r, c), value));
    }
    Ok(calamine::Range::from_sparse(cells))
}

/// Checks a zip container before a spreadsheet reader opens it: what it declares it holds once
/// decompressed, and the shared-string count it declares (which readers reserve memory for).
fn check_zip(bytes: &[u8]) -> Result<(), String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| e.to_string())?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(format!(
            "解压后超过 {} MB，不是学校数据表 / over {} MB once decompressed: not a school table",
            MAX_UNZIPPED_BYTES >> 20,
            MAX_UNZIPPED_BYTES >> 20
        ));
    }
    if let Ok(entry) = zip.by_name("xl/sharedStrings.xml") {
        // The count is an attribute of the first element: the first 4 KB hold it.
        let mut head = Vec::new();
        entry
            .take(4096)
            .read_to_end(&mut head)
            .map_err(|e| e.to_string())?;
        let head = String::from_utf8_lossy(&head);
        for attr in ["uniqueCount=\"", "count=\""] {
            if let Some(at) = head.find(attr) {
                let digits: String = head[at + attr.len()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                let n = digits.parse::<u64>().unwrap_or(u64::MAX);
                if n > MAX_SHARED_STRINGS {
                    return Err(format!(
                        "共享字符串表声明了 {digits} 个字符串，超过 {MAX_SHARED_STRINGS}；文件可能已损坏 / the shared-string table declares {digits} strings, more than {MAX_SHARED_STRINGS}: the file may be damaged"
                    ));
                }
            }
        }
    }
    Ok(())
}
