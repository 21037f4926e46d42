//! CSV: the delimiter sniffed, the header row found below any title rows, each row read.

use super::number::Commas;
use super::*;
use crate::model::headers::{classify, ColumnKind, TextColumn};
use crate::standard::Standard;

pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first.chars().filter(|&x| x == c).count();
    [(b',', count(',')), (b'\t', count('\t')), (b';', count(';'))]
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .filter(|&(_, n)| n > 0)
        .map_or(b',', |(d, _)| d)
}

pub(super) fn load_csv(
    text: &str,
    encoding: &str,
    file: &str,
    standard: &Standard,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let delimiter = sniff_delimiter(text);
    // Before the reader allocates a record: no record over 1 MB, no cell over Excel's limit.
    let records =
        check_lengths(text.as_bytes(), delimiter).map_err(|(row, what, limit)| ImportError {
            issues: vec![Issue {
                row: Some(row),
                ..Issue::file_level(file, IssueKind::TooLong { what, limit })
            }],
        })?;
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut head: Vec<::csv::StringRecord> = Vec::new();
    let mut record = ::csv::StringRecord::new();
    let mut issues = Vec::new();
    let csv_error = |e: ::csv::Error, row: usize| Issue {
        row: Some(row),
        ..Issue::file_level(file, IssueKind::Unreadable(e.to_string()))
    };
    while head.len() < HEADER_SEARCH_ROWS {
        match reader.read_record(&mut record) {
            Ok(true) if record.len() > MAX_COLUMNS => {
                return Err(too_many_columns(file, None, record.len()))
            }
            Ok(true) => head.push(record.clone()),
            Ok(false) => break,
            Err(e) => {
                issues.push(csv_error(e, head.len() + 1));
                return Err(ImportError { issues });
            }
        }
    }
    let header_at = head
        .iter()
        .position(|r| {
            let cells: Vec<String> = r.iter().map(str::to_string).collect();
            super::mapped::is_header_row(&cells, options)
        })
        .ok_or_else(|| ImportError::of_file(file, IssueKind::NoHeader))?;
    // A header of several rows (the statistics system's exports) is read as paths; a table's
    // level from the file's name or the title rows above the header.
    let texts: Vec<Vec<String>> = head[header_at..]
        .iter()
        .take(4)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect();
    let titles: Vec<String> = head[..header_at]
        .iter()
        .map(|r| r.iter().collect::<Vec<_>>().join(" "))
        .collect();
    let level = stats::level_of(std::iter::once(file).chain(titles.iter().map(String::as_str)));
    let mut layout = stats::layout(&texts, level);
    super::mapped::apply(&mut layout, file, None, options)?;
    let mut table = layout.reader(file, None, false, standard);
    table.max_rows = options.max_rows();
    table.partial = options.partial;
    table.cells_bounded = true;
    table.reserve(records);
    if delimiter == b';' {
        // "7018,8" in a semicolon-separated file may be 7018.8: not guessed at.
        table.commas = Commas::Ambiguous;
    }
    let commas = table.commas;
    let extra = layout.sums.len();
    let mut row_number = header_at + layout.rows;
    for r in head.iter().skip(header_at + layout.rows) {
        row_number += 1;
        table.row(row_number, r.len() + extra, |c| {
            layout.cell(c, commas, |k| csv_cell(r, k))
        });
    }
    loop {
        match reader.read_record(&mut record) {
            Ok(true) if record.len() > MAX_COLUMNS => {
                return Err(too_many_columns(file, None, record.len()))
            }
            Ok(true) => {
                row_number += 1;
                table.row(row_number, record.len() + extra, |c| {
                    layout.cell(c, commas, |k| csv_cell(&record, k))
                });
                if table.full() {
                    break;
                }
            }
            Ok(false) => break,
            Err(e) => {
                table.report(csv_error(e, row_number + 1));
                break;
            }
        }
    }
    table.finish(format!("CSV, {encoding}"))
}

/// Finds the first record longer than [`MAX_RECORD_BYTES`] or field longer than
/// [`MAX_CELL_BYTES`], as a CSV reader would split
/// them (quotes hide delimiters and line breaks): its 1-based row and what is too long; else how
/// many records there are (to make room for them at once).
fn check_lengths(bytes: &[u8], delimiter: u8) -> Result<usize, (usize, Long, usize)> {
    // Without quotes a record is a line: the fast way.
    if !bytes.contains(&b'"') {
        let mut lines = 0;
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            lines = i + 1;
            if line.len() > MAX_CELL_BYTES
                && line
                    .split(|&b| b == delimiter)
                    .any(|f| f.len() > MAX_CELL_BYTES)
            {
                return Err((i + 1, Long::Cell, MAX_CELL_BYTES));
            }
            if line.len() > MAX_RECORD_BYTES {
                return Err((i + 1, Long::Record, MAX_RECORD_BYTES));
            }
        }
        return Ok(lines);
    }
    let (mut quoted, mut closed, mut field, mut record, mut row) =
        (false, false, 0usize, 0usize, 1usize);
    for &b in bytes {
        field += 1;
        record += 1;
        let was_closed = std::mem::take(&mut closed);
        match b {
            // A quote opens a field only at its start ("" inside quotes is one quote); elsewhere
            // it is a character, as the reader takes it.
            b'"' if quoted => {
                quoted = false;
                closed = true;
            }
            b'"' if field == 1 || was_closed => quoted = true,
            b'\n' if !quoted => {
                (field, record) = (0, 0);
                row += 1;
            }
            b if b == delimiter && !quoted => field = 0,
            _ => {}
        }
        if field > MAX_CELL_BYTES {
            return Err((row, Long::Cell, MAX_CELL_BYTES));
        }
        if record > MAX_RECORD_BYTES {
            return Err((row, Long::Record, MAX_RECORD_BYTES));
        }
    }
    Ok(row)
}

pub(super) fn csv_cell(r: &::csv::StringRecord, c: usize) -> Cell<'_> {
    match r.get(c) {
        Some(s) if !s.trim().is_empty() => Cell::Text(s),
        _ => Cell::Empty,
    }
}

pub(super) fn is_header<'a>(cells: impl Iterator<Item = &'a str>) -> bool {
    let mut id = false;
    let mut name = false;
    for c in cells {
        match classify(c) {
            ColumnKind::Text(TextColumn::SchoolId) => id = true,
            ColumnKind::Text(TextColumn::Name) => name = true,
            _ => {}
        }
    }
    id && name
}
