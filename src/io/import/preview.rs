//! The first rows of a file as the mapping window shows them: its header (a header of several
//! rows as paths), what each column is read as, and a few rows of values — read even where the
//! importer finds no header of its own, so that the columns can be mapped by hand.

use super::stats::{layout, level_of};
use super::{decode_text, ImportError, ImportOptions, IssueKind, HEADER_SEARCH_ROWS, MAX_COLUMNS};
use crate::model::headers::ColumnKind;
use std::path::Path;

/// Rows of values shown under the header.
pub const PREVIEW_ROWS: usize = 5;

/// A file's header and first rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The file's name, and the sheet read in a workbook.
    pub file: String,
    pub sheet: Option<String>,
    /// The file's columns, as the file heads them (paths for a header of several rows).
    pub headers: Vec<String>,
    /// What the importer reads each column as on its own (before any mapping).
    pub kinds: Vec<ColumnKind>,
    /// The first rows under the header, one text per column.
    pub rows: Vec<Vec<String>>,
}

/// Reads the preview of a data file.
pub fn preview_path(path: &Path, options: &ImportOptions) -> Result<Preview, ImportError> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = super::read_bounded(path, &file)?;
    let fail = |kind| ImportError::of_file(&file, kind);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let (sheet, rows) = if super::decode::is_zip(&bytes)
        || super::decode::is_ole(&bytes)
        || matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "xlsb")
    {
        let (sheet, rows) =
            super::workbook::first_rows(&bytes, options, HEADER_SEARCH_ROWS + PREVIEW_ROWS + 4)
                .map_err(|e| fail(IssueKind::BadSpreadsheet(e)))?;
        (Some(sheet), rows)
    } else if ext == "json" {
        return Err(fail(IssueKind::BadJson(
            "JSON 文件的键即字段名，无需列对应 / a JSON file's keys are the fields: no mapping"
                .into(),
        )));
    } else {
        let (text, _) = decode_text(&bytes).map_err(fail)?;
        let delimiter = super::csv::sniff_delimiter(&text);
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for record in reader.records().take(HEADER_SEARCH_ROWS + PREVIEW_ROWS + 4) {
            let record = record.map_err(|e| fail(IssueKind::Unreadable(e.to_string())))?;
            if record.len() > MAX_COLUMNS {
                return Err(super::too_many_columns(&file, None, record.len()));
            }
            rows.push(record.iter().map(str::to_string).collect::<Vec<_>>());
        }
        (None, rows)
    };
    // The header: the row the importer (or a mapping) takes for one; else the first row of
    // several texts and no numbers — the columns to map.
    let at = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|r| super::mapped::is_header_row(r, options))
        .or_else(|| {
            rows.iter().take(HEADER_SEARCH_ROWS).position(|r| {
                let filled: Vec<&String> = r.iter().filter(|c| !c.trim().is_empty()).collect();
                filled.len() >= 3 && filled.iter().all(|c| c.trim().parse::<f64>().is_err())
            })
        })
        .ok_or_else(|| fail(IssueKind::NoHeader))?;
    let titles: Vec<String> = rows[..at].iter().map(|r| r.join(" ")).collect();
    let level = level_of(
        sheet
            .iter()
            .map(String::as_str)
            .chain([file.as_str()])
            .chain(titles.iter().map(String::as_str)),
    );
    let header_rows: Vec<Vec<String>> = rows[at..].iter().take(4).cloned().collect();
    let lay = layout(&header_rows, level);
    let own = lay.own();
    let body: Vec<Vec<String>> = rows[at + lay.rows..]
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .take(PREVIEW_ROWS)
        .map(|r| {
            let mut r = r.clone();
            r.resize(own, String::new());
            r
        })
        .collect();
    Ok(Preview {
        file,
        sheet,
        headers: lay.headers[..own].to_vec(),
        kinds: lay.kinds[..own].to_vec(),
        rows: body,
    })
}

/// A cell's number as the importer reads it (thousands separators only in whole groups).
pub fn cell_number(text: &str) -> Option<f64> {
    super::number::parse_number(text, super::number::Commas::Thousands)
        .ok()
        .flatten()
}
