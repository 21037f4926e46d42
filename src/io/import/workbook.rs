//! Workbooks (xlsx, xls, ods, xlsb) through calamine: the sheet chosen, its cells as the table
//! reader sees them.

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
        super::zipcheck::check_zip(bytes).map_err(|e| fail(IssueKind::BadSpreadsheet(e)))?;
    }
    let opened = std::panic::catch_unwind(|| {
        let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e| e.to_string())?;
        let names = wb.sheet_names();
        let sheets: Vec<String> = match &options.sheet {
            Some(s) if names.contains(s) => vec![s.clone()],
            Some(s) => {
                return Err(format!(
                    "没有名为“{s}”的工作表（有：{}）/ no sheet named \"{s}\"",
                    names.join("、")
                ))
            }
            None => visible_sheets(&wb),
        };
        if sheets.is_empty() {
            return Err(
                "工作簿中没有可见的工作表 / the workbook has no visible worksheet".to_string(),
            );
        }
        // Every visible sheet is read; those that hold a school table (a header naming the
        // school id and name) are the data — several are one county's tables (a 小学 and an 初中
        // sheet), merged by school id. Together they hold at most MAX_SHEET_CELLS cells.
        let mut read = Vec::new();
        let mut total = 0;
        for sheet in sheets {
            let mut cells = sheet_cells(&mut wb, &sheet)?;
            total += cells.cells.len();
            if total > MAX_SHEET_CELLS {
                return Err(format!(
                    "工作簿的工作表共有超过 {MAX_SHEET_CELLS} 个非空单元格，不是学校数据表；可用 --sheet 只读一个 / the workbook's sheets hold more than {MAX_SHEET_CELLS} cells together: not school tables"
                ));
            }
            cells.cells.sort_by_key(|c| c.at);
            // A per-school form (labels down the first column, values beside them) is read
            // as a one-row table.
            let (cells, form) = super::form::as_table(cells, options);
            read.push((sheet, cells, form));
        }
        Ok(read)
    });
    let mut read = match opened {
        Ok(Ok(x)) => x,
        Ok(Err(e)) => return Err(fail(IssueKind::BadSpreadsheet(readable(e)))),
        Err(_) => {
            return Err(fail(IssueKind::BadSpreadsheet(
                "文件已损坏 / the file is damaged".into(),
            )))
        }
    };
    if read.len() > 1 {
        // Only the sheets that hold a school table; the first sheet when none does (its
        // problem is the file's).
        if read
            .iter()
            .any(|(_, cells, _)| header_row(cells, options).is_some())
        {
            read.retain(|(_, cells, _)| header_row(cells, options).is_some());
        } else {
            read.truncate(1);
        }
    }
    if read.len() == 1 {
        let (sheet, cells, form) = read.remove(0);
        return read_sheet(sheet, cells, file, standard, options)
            .map_err(|e| super::form::locate(e, form.as_ref()));
    }
    let partial = ImportOptions {
        partial: true,
        ..options.clone()
    };
    let mut parts = Vec::new();
    let mut issues = Vec::new();
    let names: Vec<String> = read.iter().map(|(s, _, _)| s.clone()).collect();
    for (sheet, cells, form) in read {
        match read_sheet(sheet.clone(), cells, file, standard, &partial) {
            Ok(mut i) => {
                i.dataset.source = format!("{file}（工作表“{sheet}”）");
                parts.push(i);
            }
            Err(e) => issues.extend(super::form::locate(e, form.as_ref()).issues),
        }
    }
    if !issues.is_empty() {
        return Err(ImportError { issues });
    }
    let mut merged = super::many::merge(parts, standard)?;
    merged.dataset.source = file.to_string();
    // Every sheet read is named.
    merged.format = format!(
        "Excel/WPS，工作表“{}” / sheets \"{}\"",
        names.join("”“"),
        names.join("\", \"")
    );
    Ok(merged)
}

/// calamine's English reasons, said first in Chinese where they are common.
fn readable(e: String) -> String {
    if e.contains("Cannot detect file format") {
        format!("无法识别表格格式（不是有效的 xlsx、xls 或 ods 文件）/ {e}")
    } else if e.contains("Zip error") || e.contains("zip") && e.contains("invalid") {
        format!("文件已损坏或不是表格文件 / {e}")
    } else {
        e
    }
}

/// The sheets a user sees: not hidden or very hidden ones, not chart sheets.
fn visible_sheets<RS: std::io::Read + std::io::Seek>(wb: &calamine::Sheets<RS>) -> Vec<String> {
    use calamine::Reader;
    wb.sheets_metadata()
        .iter()
        .filter(|s| {
            s.visible == calamine::SheetVisible::Visible && s.typ == calamine::SheetType::WorkSheet
        })
        .map(|s| s.name.clone())
        .collect()
}

/// A sheet's cells: for xlsx cell by cell, so that only the cells present are held (never a grid
/// sized by the farthest cell), with the formulas, to warn about results saved as 0.
fn sheet_cells<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Sheets<RS>,
    sheet: &str,
) -> Result<SheetCells, String> {
    use calamine::Reader;
    Ok(match wb {
        calamine::Sheets::Xlsx(x) => xlsx_cells(x, sheet)?,
        other => {
            let range = other.worksheet_range(sheet).map_err(|e| e.to_string())?;
            let (top, left) = range.start().unwrap_or((0, 0));
            let cells = range
                .used_cells()
                .map(|(r, c, d)| SheetCell {
                    at: (top + r as u32, left + c as u32),
                    value: d.clone(),
                })
                .collect();
            SheetCells {
                cells,
                formulas: Default::default(),
            }
        }
    })
}

/// The first `n` rows of a workbook's sheet as text (for the mapping window's preview): the
/// sheet named, else the first visible one holding a school table, else the first visible one.
pub(super) fn first_rows(
    bytes: &[u8],
    options: &ImportOptions,
    n: usize,
) -> Result<(String, Vec<Vec<String>>), String> {
    if is_zip(bytes) {
        super::zipcheck::check_zip(bytes)?;
    }
    std::panic::catch_unwind(|| {
        let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e| e.to_string())?;
        let names: Vec<String> = match &options.sheet {
            Some(s) => vec![s.clone()],
            None => visible_sheets(&wb),
        };
        let mut first = None;
        for name in names {
            let mut cells = sheet_cells(&mut wb, &name)?;
            cells.cells.sort_by_key(|c| c.at);
            let left = cells.cells.iter().map(|c| c.at.1).min().unwrap_or(0);
            let rows: Vec<Vec<String>> = cells.rows(left).take(n).map(|r| r.texts()).collect();
            if header_row(&cells, options).is_some() {
                return Ok((name, rows));
            }
            first.get_or_insert((name, rows));
        }
        first.ok_or_else(|| {
            "工作簿中没有可见的工作表 / the workbook has no visible worksheet".into()
        })
    })
    .unwrap_or_else(|_| Err("文件已损坏 / the file is damaged".into()))
}

/// The first row among the first [`HEADER_SEARCH_ROWS`] that names the school id and name.
fn header_row<'a>(cells: &'a SheetCells, options: &ImportOptions) -> Option<SheetRow<'a>> {
    let left = cells.cells.iter().map(|c| c.at.1).min().unwrap_or(0);
    cells
        .rows(left)
        .take(HEADER_SEARCH_ROWS)
        .find(|row| super::mapped::is_header_row(&row.texts(), options))
}

/// Reads one sheet's cells as a school table.
fn read_sheet(
    sheet: String,
    cells: SheetCells,
    file: &str,
    standard: &Standard,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let sheet_level = |kind| ImportError {
        issues: vec![Issue {
            sheet: Some(sheet.clone()),
            ..Issue::file_level(file, kind)
        }],
    };
    if cells
        .cells
        .iter()
        .all(|c| matches!(data_cell(&c.value), Cell::Empty))
    {
        return Err(sheet_level(IssueKind::Empty));
    }
    let left = cells.cells.iter().map(|c| c.at.1).min().unwrap_or(0);
    let rows = cells.rows(left);
    let header = header_row(&cells, options).ok_or_else(|| sheet_level(IssueKind::NoHeader))?;
    let header_row = header.dense();
    if header_row.len() > MAX_COLUMNS {
        return Err(too_many_columns(file, Some(sheet), header_row.len()));
    }
    // A header of several rows (the statistics system's exports) is read as paths; a table's
    // level from the sheet's name, the file's, or the title rows above the header.
    let texts: Vec<Vec<String>> = rows
        .clone()
        .skip_while(|r| r.row != header.row)
        .take(4)
        .map(|r| r.texts())
        .collect();
    let titles: Vec<String> = rows
        .clone()
        .take_while(|r| r.row != header.row)
        .map(|r| r.texts().join(" "))
        .collect();
    let level = super::stats::level_of(
        [sheet.as_str(), file]
            .into_iter()
            .chain(titles.iter().map(String::as_str)),
    );
    let mut layout = super::stats::layout(&texts, level);
    super::mapped::apply(&mut layout, file, Some(&sheet), options)?;
    let sheet_name = sheet.clone();
    let mut table = layout.reader(file, Some(sheet), true, standard);
    table.max_rows = options.max_rows();
    table.partial = options.partial;
    // The rows that hold cells (not the last row's number: one far cell is one row).
    table.reserve(cells.rows(left).count());
    table.column_offset = Some(left as usize);
    let commas = table.commas;
    let extra = layout.sums.len();
    for row in rows.skip_while(|r| r.row != header.row).skip(layout.rows) {
        let row_number = row.row as usize + 1;
        let dense = row.dense();
        table.row(row_number, dense.len() + extra, |c| {
            layout.cell(c, commas, |k| {
                dense
                    .get(k)
                    .copied()
                    .flatten()
                    .map_or(Cell::Empty, data_cell)
            })
        });
        if table.full() {
            break;
        }
        // A number computed by a formula is read as the result saved in the file: where that is
        // 0 or empty, it may be stale (a file not recalculated before saving) — say so.
        for (&at, formula) in cells.formulas_in(row.row) {
            if at.1 >= left && table.is_number_column((at.1 - left) as usize) {
                let letters = crate::model::headers::column_letters(at.1 as usize);
                table.note(format!(
                    "第 {row_number} 行 {letters} 列是公式“={formula}”，文件中保存的结果是 0：如果文件没有在 Excel/WPS 中重新计算后保存，这个值可能已过时 / row {row_number}, column {letters} is the formula \"={formula}\" whose saved result is 0: it may be stale if the file was not recalculated before saving"
                ));
            }
        }
    }
    // The sheet read is always named: in the command line's output and the status bar.
    table.finish(format!(
        "Excel/WPS，工作表“{sheet_name}” / sheet \"{sheet_name}\""
    ))
}

/// One cell of a sheet: 0-based (row, column) and its value.
pub(super) struct SheetCell {
    pub at: (u32, u32),
    pub value: calamine::Data,
}

/// A sheet's cells, only those with a value (sorted by row, then column, before use), and the
/// formulas whose saved result is 0 or empty (kept to warn that they may be stale).
pub(super) struct SheetCells {
    pub cells: Vec<SheetCell>,
    pub formulas: std::collections::BTreeMap<(u32, u32), String>,
}

/// One row's cells (sorted by column), from the table's first column `left`.
#[derive(Clone, Copy)]
struct SheetRow<'a> {
    row: u32,
    left: u32,
    cells: &'a [SheetCell],
}

impl<'a> SheetRow<'a> {
    /// The row's cells as text, from the first column to its last cell.
    fn texts(&self) -> Vec<String> {
        self.dense()
            .iter()
            .map(|d| d.map_or(String::new(), data_text))
            .collect()
    }

    /// The row as a run of cells from the first column to its last cell (at most 16,384, the
    /// widest a sheet is): built one row at a time, never for the whole sheet.
    fn dense(&self) -> Vec<Option<&'a calamine::Data>> {
        let width = self
            .cells
            .last()
            .map_or(0, |c| (c.at.1 - self.left) as usize + 1);
        let mut row = vec![None; width];
        for c in self.cells {
            row[(c.at.1 - self.left) as usize] = Some(&c.value);
        }
        row
    }
}

impl SheetCells {
    /// The formulas of one row whose saved result is 0 or empty, by column.
    fn formulas_in(&self, row: u32) -> impl Iterator<Item = (&(u32, u32), &String)> {
        self.formulas.range((row, 0)..=(row, u32::MAX))
    }

    fn rows(&self, left: u32) -> impl Iterator<Item = SheetRow<'_>> + Clone {
        self.cells
            .chunk_by(|a, b| a.at.0 == b.at.0)
            .map(move |cells| SheetRow {
                row: cells[0].at.0,
                left,
                cells,
            })
    }
}

/// The most cells with a value a sheet may hold (only those present are counted, however far
/// apart): 2²³, 8.4 million, beyond any county's or province's school table (200,000 schools ×
/// 40 columns are 8 million); a power of two, so the list that holds them never grows past it.
pub const MAX_SHEET_CELLS: usize = 1 << 23;

/// Reads an xlsx worksheet's cells one at a time, keeping those with a value (and the formulas
/// whose saved result is 0 or empty), refusing more than [`MAX_SHEET_CELLS`].
fn xlsx_cells<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Xlsx<RS>,
    sheet: &str,
) -> Result<SheetCells, String> {
    let mut reader = wb
        .worksheet_cells_reader(sheet)
        .map_err(|e| e.to_string())?;
    let mut cells = Vec::new();
    let mut formulas = std::collections::BTreeMap::new();
    while let Some(cell) = reader.next_cell_with_formula().map_err(|e| e.to_string())? {
        let value: calamine::Data = cell.value.into();
        let empty = matches!(data_cell(&value), Cell::Empty);
        let zero = empty || matches!(data_cell(&value), Cell::Number(0.0));
        let formula = cell.formula.filter(|f| zero && !f.is_empty());
        if empty && formula.is_none() {
            continue;
        }
        // A sheet ends at XFD1048576: a cell beyond is a damaged or forged file.
        let (r, c) = cell.pos;
        if r >= 1 << 20 || c >= 1 << 14 {
            return Err(format!(
                "工作表“{sheet}”中有单元格超出工作表的范围（最大 XFD1048576）：文件已损坏 / sheet \"{sheet}\" has a cell beyond a sheet's last cell XFD1048576: the file is damaged"
            ));
        }
        if cells.len() >= MAX_SHEET_CELLS {
            return Err(format!(
                "工作表“{sheet}”有超过 {MAX_SHEET_CELLS} 个非空单元格，不是学校数据表 / sheet \"{sheet}\" holds more than {MAX_SHEET_CELLS} cells: not a school table"
            ));
        }
        if let Some(f) = formula {
            formulas.insert(cell.pos, f);
        }
        if !empty {
            cells.push(SheetCell {
                at: cell.pos,
                value,
            });
        }
    }
    Ok(SheetCells { cells, formulas })
}
