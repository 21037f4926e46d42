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
        let range = wb.worksheet_range(&sheet).map_err(|e| e.to_string())?;
        Ok((sheet, range))
    });
    let (sheet, range) = match opened {
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
    let headers: Vec<String> = rows[header_at].iter().map(data_text).collect();
    let sheet_name = sheet.clone();
    let mut table = TableReader::new(file, Some(sheet), RowKind::Row, &headers, true, standard);
    table.column_offset = Some(start_col as usize);
    for (i, r) in rows.iter().enumerate().skip(header_at + 1) {
        let row_number = start_row as usize + i + 1;
        table.row(row_number, r.len(), |c| {
            r.get(c).map_or(Cell::Empty, data_cell)
        });
    }
    // The sheet read is always named: in the command line's output and the status bar.
    table.finish(format!(
        "Excel/WPS，工作表“{sheet_name}” / sheet \"{sheet_name}\""
    ))
}
