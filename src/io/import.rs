//! Reading a county's school data: CSV (UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030), xlsx / xls /
//! ods (calamine) and JSON, into a [`Dataset`].
//!
//! Every problem is collected with its location (file, sheet, row as the user sees it, column
//! header, value) so that one import reports them all; nothing here panics on any input.

use super::headers::{classify, column_letters, is_unit_cell, is_wan_yuan, ColumnKind, TextColumn};
use crate::model::{Dataset, Field, Location, School, SchoolKind};
use crate::standard::Standard;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

/// How many rows from the top are searched for the header row (title rows may stand above it).
const HEADER_SEARCH_ROWS: usize = 20;

/// How a row is counted in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A spreadsheet or CSV row, 1-based as the user sees it (the header is row 1 when it is first).
    Row,
    /// The n-th object of a JSON array, 1-based.
    Record,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum IssueKind {
    /// The file could not be read at all.
    Unreadable(String),
    /// The file holds nothing.
    Empty,
    /// The file is not text and not a spreadsheet.
    Binary,
    /// A spreadsheet that calamine could not open, or a sheet that is not there.
    BadSpreadsheet(String),
    /// JSON that is not an array of objects.
    BadJson(String),
    /// No row near the top names the school id and name columns.
    NoHeader,
    /// A required column is not in the file.
    MissingColumn {
        key: &'static str,
        header: &'static str,
    },
    /// A column needed by some schools is not in the file.
    MissingFieldColumn { field: Field, schools: usize },
    /// Two columns map to the same field.
    DuplicateColumn { first: String },
    /// A number column holds something else.
    NotANumber,
    /// A count or area is negative.
    Negative,
    /// A count (students, teachers, rooms) is not a whole number.
    NotWhole,
    /// The kind is not one of the six.
    UnknownKind,
    /// 城乡分类 is not one of the three.
    UnknownLocation,
    /// The school id is used twice.
    DuplicateId { first_row: usize },
    /// A required cell is empty.
    EmptyRequired,
    /// A count is given for a section the school's kind does not have.
    WrongSection { kind: SchoolKind },
}

/// One located problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// The file name as the user named it.
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<usize>,
    pub row_kind: RowKind,
    /// The column header as written in the file (or the expected header for a missing column).
    pub column: Option<String>,
    /// The spreadsheet column letters, where there are any.
    pub column_letters: Option<String>,
    pub value: Option<String>,
    pub kind: IssueKind,
}

impl Issue {
    fn file_level(file: &str, kind: IssueKind) -> Issue {
        Issue {
            file: file.to_string(),
            sheet: None,
            row: None,
            row_kind: RowKind::Row,
            column: None,
            column_letters: None,
            value: None,
            kind,
        }
    }

    fn what(&self, zh: bool) -> String {
        let v = self.value.as_deref().unwrap_or("");
        match (&self.kind, zh) {
            (IssueKind::Unreadable(e), true) => format!("无法读取文件：{e}"),
            (IssueKind::Unreadable(e), false) => format!("cannot read the file: {e}"),
            (IssueKind::Empty, true) => "文件是空的，没有任何数据".into(),
            (IssueKind::Empty, false) => "the file is empty".into(),
            (IssueKind::Binary, true) => {
                "这不是文本表格文件（CSV），也不是 Excel/WPS 表格；请另存为 .xlsx 或 .csv 再导入".into()
            }
            (IssueKind::Binary, false) => {
                "this is neither a text (CSV) file nor a spreadsheet; save it as .xlsx or .csv".into()
            }
            (IssueKind::BadSpreadsheet(e), true) => format!("无法打开表格：{e}"),
            (IssueKind::BadSpreadsheet(e), false) => format!("cannot open the spreadsheet: {e}"),
            (IssueKind::BadJson(e), true) => format!("JSON 应为学校对象的数组：{e}"),
            (IssueKind::BadJson(e), false) => {
                format!("the JSON should be an array of school objects: {e}")
            }
            (IssueKind::NoHeader, true) => format!(
                "前 {HEADER_SEARCH_ROWS} 行中找不到表头：需要一行同时含有“学校标识码”和“学校名称”（或 school_id 和 name）"
            ),
            (IssueKind::NoHeader, false) => format!(
                "no header row in the first {HEADER_SEARCH_ROWS} rows: one row must name both school_id and name (学校标识码, 学校名称)"
            ),
            (IssueKind::MissingColumn { key, header }, true) => {
                format!("缺少必需的列“{header}”（{key}）")
            }
            (IssueKind::MissingColumn { key, header }, false) => {
                format!("the required column \"{key}\" ({header}) is missing")
            }
            (IssueKind::MissingFieldColumn { field, schools }, true) => format!(
                "缺少列“{}”（{}）：有 {schools} 所学校需要它",
                field.zh_headers()[0],
                field.key()
            ),
            (IssueKind::MissingFieldColumn { field, schools }, false) => format!(
                "the column \"{}\" ({}) is missing: {schools} school(s) need it",
                field.key(),
                field.zh_headers()[0]
            ),
            (IssueKind::DuplicateColumn { first }, true) => {
                format!("与列“{first}”是同一项数据，重复了；请删除其中一列")
            }
            (IssueKind::DuplicateColumn { first }, false) => {
                format!("holds the same data as the column \"{first}\"; remove one of them")
            }
            (IssueKind::NotANumber, true) => format!("“{v}”不是数字"),
            (IssueKind::NotANumber, false) => format!("\"{v}\" is not a number"),
            (IssueKind::Negative, true) => format!("“{v}”是负数，应为 0 或正数"),
            (IssueKind::Negative, false) => format!("\"{v}\" is negative; expected 0 or more"),
            (IssueKind::NotWhole, true) => format!("“{v}”应为整数（人数、间数、班数）"),
            (IssueKind::NotWhole, false) => {
                format!("\"{v}\" should be a whole number (a count of people, rooms or classes)")
            }
            (IssueKind::UnknownKind, true) => format!(
                "“{v}”不是已知的学校类型；应为：小学、初中、九年一贯制、完全中学、十二年一贯制、教学点"
            ),
            (IssueKind::UnknownKind, false) => format!(
                "\"{v}\" is not a school kind; expected primary, junior, nine_year, complete_secondary, twelve_year or teaching_point"
            ),
            (IssueKind::UnknownLocation, true) => {
                format!("“{v}”不是已知的城乡分类；应为：城区、镇区、乡村")
            }
            (IssueKind::UnknownLocation, false) => {
                format!("\"{v}\" is not a location; expected urban, town or rural")
            }
            (IssueKind::DuplicateId { first_row }, true) => {
                format!("学校标识码“{v}”重复，第 {first_row} 行已用过")
            }
            (IssueKind::DuplicateId { first_row }, false) => {
                format!("the school id \"{v}\" is used twice; row {first_row} has it already")
            }
            (IssueKind::EmptyRequired, true) => "此项不能为空".into(),
            (IssueKind::EmptyRequired, false) => "this cell must not be empty".into(),
            (IssueKind::WrongSection { kind }, true) => {
                format!("学校类型为“{}”，没有这个学段，但填了“{v}”", kind.zh())
            }
            (IssueKind::WrongSection { kind }, false) => {
                format!("a {} has no such section, but the cell holds \"{v}\"", kind.en())
            }
        }
    }

    /// The whole message in Chinese or English: where, then what.
    pub fn message(&self, zh: bool) -> String {
        let mut at = Vec::new();
        if let Some(sheet) = &self.sheet {
            at.push(if zh {
                format!("工作表“{sheet}”")
            } else {
                format!("sheet \"{sheet}\"")
            });
        }
        if let Some(row) = self.row {
            at.push(match (self.row_kind, zh) {
                (RowKind::Row, true) => format!("第 {row} 行"),
                (RowKind::Row, false) => format!("row {row}"),
                (RowKind::Record, true) => format!("第 {row} 条记录"),
                (RowKind::Record, false) => format!("record {row}"),
            });
        }
        if let Some(col) = &self.column {
            let letters = self
                .column_letters
                .as_ref()
                .map(|l| {
                    if zh {
                        format!("（{l} 列）")
                    } else {
                        format!(" ({l})")
                    }
                })
                .unwrap_or_default();
            at.push(if zh {
                format!("列“{col}”{letters}")
            } else {
                format!("column \"{col}\"{letters}")
            });
        }
        let (colon, sep) = if zh { ("：", "，") } else { (": ", ", ") };
        if at.is_empty() {
            format!("{}{colon}{}", self.file, self.what(zh))
        } else {
            format!(
                "{}{colon}{}{colon}{}",
                self.file,
                at.join(sep),
                self.what(zh)
            )
        }
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(true))
    }
}

/// An import that failed, with every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub issues: Vec<Issue>,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "导入失败，共 {} 处问题：", self.issues.len())?;
        for i in &self.issues {
            writeln!(f, "  {i}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}

/// A successful import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub dataset: Dataset,
    /// Things the user should know that did not stop the import (a skipped totals row).
    pub notes: Vec<String>,
    /// The text encoding of a CSV file, or the format of another.
    pub format: String,
}

/// Options for an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The sheet of a workbook to read; the first when `None`.
    pub sheet: Option<String>,
}

/// A cell as the loaders see it.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
}

/// Reads a file from disk.
pub fn load_path(
    path: &Path,
    standard: &Standard,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = std::fs::read(path).map_err(|e| ImportError {
        issues: vec![Issue::file_level(
            &file,
            IssueKind::Unreadable(e.to_string()),
        )],
    })?;
    load_bytes(&bytes, &file, standard, options)
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Reads a file's bytes; `file` is the name the user knows it by (its extension chooses the
/// format, with the content's magic bytes taking precedence for spreadsheets).
pub fn load_bytes(
    bytes: &[u8],
    file: &str,
    standard: &Standard,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let fail = |kind| ImportError {
        issues: vec![Issue::file_level(file, kind)],
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(fail(IssueKind::Empty));
    }
    let ext = Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if is_zip(bytes)
        || is_ole(bytes)
        || matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "xlsb")
    {
        return load_workbook(bytes, file, standard, options);
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if ext == "json" || (ext != "csv" && matches!(first, Some(b'[') | Some(b'{'))) {
        return load_json(bytes, file, standard);
    }
    let (text, encoding) = decode_text(bytes).map_err(fail)?;
    load_csv(&text, encoding, file, standard)
}

/// Decodes CSV bytes: a BOM decides; otherwise valid UTF-8 is UTF-8, and anything else is
/// detected (GBK/GB18030 for Chinese exports).
pub fn decode_text(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), IssueKind> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && enc == encoding_rs::UTF_8 {
            return Err(IssueKind::Binary);
        }
        return Ok((
            text,
            if enc == encoding_rs::UTF_8 {
                "UTF-8 (BOM)"
            } else {
                enc.name()
            },
        ));
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
        .count();
    if sample.contains(&0) || controls * 100 > sample.len() {
        return Err(IssueKind::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(s), "UTF-8"));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), true);
    // GB18030 is a superset of GBK and GB2312: decode every Chinese guess with it.
    let enc = if guess == encoding_rs::GBK || guess == encoding_rs::GB18030 {
        encoding_rs::GB18030
    } else {
        guess
    };
    let (text, _, _) = enc.decode(bytes);
    let name = if enc == encoding_rs::GB18030 {
        "GBK/GB18030"
    } else {
        enc.name()
    };
    Ok((text, name))
}

fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first.chars().filter(|&x| x == c).count();
    [(b',', count(',')), (b'\t', count('\t')), (b';', count(';'))]
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .filter(|&(_, n)| n > 0)
        .map_or(b',', |(d, _)| d)
}

fn load_csv(
    text: &str,
    encoding: &str,
    file: &str,
    standard: &Standard,
) -> Result<Imported, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());
    let mut head: Vec<csv::StringRecord> = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut issues = Vec::new();
    let csv_error = |e: csv::Error, row: usize| Issue {
        row: Some(row),
        ..Issue::file_level(file, IssueKind::Unreadable(e.to_string()))
    };
    while head.len() < HEADER_SEARCH_ROWS {
        match reader.read_record(&mut record) {
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
        .position(|r| is_header(r.iter()))
        .ok_or_else(|| ImportError {
            issues: vec![Issue::file_level(file, IssueKind::NoHeader)],
        })?;
    let headers: Vec<String> = head[header_at].iter().map(str::to_string).collect();
    let mut table = TableReader::new(file, None, RowKind::Row, &headers, false, standard);
    let mut row_number = header_at + 1;
    for r in &head[header_at + 1..] {
        row_number += 1;
        table.row(row_number, |c| csv_cell(r, c));
    }
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                row_number += 1;
                table.row(row_number, |c| csv_cell(&record, c));
            }
            Ok(false) => break,
            Err(e) => {
                table.issues.push(csv_error(e, row_number + 1));
                break;
            }
        }
    }
    table.finish(format!("CSV, {encoding}"))
}

fn csv_cell(r: &csv::StringRecord, c: usize) -> Cell<'_> {
    match r.get(c) {
        Some(s) if !s.trim().is_empty() => Cell::Text(s),
        _ => Cell::Empty,
    }
}

fn is_header<'a>(cells: impl Iterator<Item = &'a str>) -> bool {
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

fn data_cell(d: &calamine::Data) -> Cell<'_> {
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

fn data_text(d: &calamine::Data) -> String {
    match data_cell(d) {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.to_string(),
        Cell::Number(n) => format_number(n),
    }
}

fn load_workbook(
    bytes: &[u8],
    file: &str,
    standard: &Standard,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    use calamine::Reader;
    let fail = |kind| ImportError {
        issues: vec![Issue::file_level(file, kind)],
    };
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
            None => names
                .first()
                .cloned()
                .ok_or_else(|| "工作簿中没有工作表 / the workbook has no sheet".to_string())?,
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
    let mut table = TableReader::new(file, Some(sheet), RowKind::Row, &headers, true, standard);
    table.column_offset = Some(start_col as usize);
    for (i, r) in rows.iter().enumerate().skip(header_at + 1) {
        let row_number = start_row as usize + i + 1;
        table.row(row_number, |c| r.get(c).map_or(Cell::Empty, data_cell));
    }
    table.finish("Excel/WPS".to_string())
}

fn load_json(bytes: &[u8], file: &str, standard: &Standard) -> Result<Imported, ImportError> {
    use serde_json::Value;
    let fail = |msg: String| ImportError {
        issues: vec![Issue::file_level(file, IssueKind::BadJson(msg))],
    };
    let value: Value = serde_json::from_slice(bytes).map_err(|e| fail(e.to_string()))?;
    let records = match value {
        Value::Array(a) => a,
        Value::Object(mut o) => match o.remove("schools") {
            Some(Value::Array(a)) => a,
            _ => return Err(fail("顶层不是数组 / the top level is not an array".into())),
        },
        _ => return Err(fail("顶层不是数组 / the top level is not an array".into())),
    };
    if records.is_empty() {
        return Err(ImportError {
            issues: vec![Issue::file_level(file, IssueKind::Empty)],
        });
    }
    let mut headers: Vec<String> = Vec::new();
    for r in &records {
        if let Value::Object(o) = r {
            for k in o.keys() {
                if !headers.contains(k) {
                    headers.push(k.clone());
                }
            }
        }
    }
    let mut table = TableReader::new(file, None, RowKind::Record, &headers, false, standard);
    let mut not_objects = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let Value::Object(o) = r else {
            not_objects.push(i + 1);
            continue;
        };
        let texts: Vec<Option<String>> = headers
            .iter()
            .map(|h| match o.get(h) {
                Some(Value::Array(_)) | Some(Value::Object(_)) | Some(Value::Bool(_)) => {
                    o.get(h).map(|v| v.to_string())
                }
                _ => None,
            })
            .collect();
        table.row(i + 1, |c| match headers.get(c).and_then(|h| o.get(h)) {
            None | Some(Value::Null) => Cell::Empty,
            Some(Value::Number(n)) => n.as_f64().map_or(Cell::Empty, Cell::Number),
            Some(Value::String(s)) if s.trim().is_empty() => Cell::Empty,
            Some(Value::String(s)) => Cell::Text(s),
            Some(_) => texts[c].as_deref().map_or(Cell::Empty, Cell::Text),
        });
    }
    for n in not_objects {
        table.issues.push(Issue {
            row: Some(n),
            row_kind: RowKind::Record,
            ..Issue::file_level(
                file,
                IssueKind::BadJson("这一条不是对象 / this record is not an object".into()),
            )
        });
    }
    table.finish("JSON".to_string())
}

/// Formats a number as a user typed it (no trailing ".0").
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Parses a number cell: half- and full-width digits, thousands separators; "-", "—" and "/"
/// mean empty.
fn parse_number(text: &str) -> Result<Option<f64>, ()> {
    let t = text.trim();
    if t.is_empty() || matches!(t, "-" | "—" | "－" | "/" | "--" | "——") {
        return Ok(None);
    }
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '０'..='９' => s.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            '．' => s.push('.'),
            '－' => s.push('-'),
            ',' | '，' | ' ' | '\u{3000}' | '_' => {}
            _ => s.push(c),
        }
    }
    // Only plain decimal notation: "inf", "NaN" and hex are not numbers a user means.
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return Err(());
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(()),
    }
}

/// Turns header + rows into schools, collecting every problem.
struct TableReader<'a> {
    file: &'a str,
    sheet: Option<String>,
    row_kind: RowKind,
    standard: &'a Standard,
    headers: Vec<String>,
    text_col: HashMap<TextColumn, usize>,
    field_col: Vec<Option<(usize, f64)>>,
    extra_cols: Vec<usize>,
    /// Spreadsheet column of the first cell, so messages can name letters.
    column_offset: Option<usize>,
    schools: Vec<School>,
    ids: HashMap<String, usize>,
    issues: Vec<Issue>,
    notes: Vec<String>,
    /// Whether the row right under the header is still to come (it may be a units row).
    first_row: bool,
    /// Schools that need each absent field column.
    missing_need: Vec<usize>,
}

impl<'a> TableReader<'a> {
    fn new(
        file: &'a str,
        sheet: Option<String>,
        row_kind: RowKind,
        headers: &[String],
        letters: bool,
        standard: &'a Standard,
    ) -> TableReader<'a> {
        let columns: Vec<ColumnKind> = headers.iter().map(|h| classify(h)).collect();
        let mut t = TableReader {
            file,
            sheet,
            row_kind,
            standard,
            headers: headers.iter().map(|h| h.trim().to_string()).collect(),
            text_col: HashMap::new(),
            field_col: vec![None; Field::ALL.len()],
            extra_cols: Vec::new(),
            column_offset: letters.then_some(0),
            schools: Vec::new(),
            ids: HashMap::new(),
            issues: Vec::new(),
            notes: Vec::new(),
            first_row: true,
            missing_need: vec![0; Field::ALL.len()],
        };
        for (i, kind) in columns.iter().enumerate() {
            let first = match *kind {
                ColumnKind::Text(tc) => match t.text_col.get(&tc) {
                    Some(&j) => Some(j),
                    None => {
                        t.text_col.insert(tc, i);
                        None
                    }
                },
                ColumnKind::Number(f, factor) => match t.field_col[f.index()] {
                    Some((j, _)) => Some(j),
                    None => {
                        t.field_col[f.index()] = Some((i, factor));
                        None
                    }
                },
                ColumnKind::Unknown => {
                    if !t.headers[i].is_empty() {
                        t.extra_cols.push(i);
                    }
                    None
                }
            };
            if let Some(j) = first {
                let issue = t.issue_at(
                    None,
                    i,
                    None,
                    IssueKind::DuplicateColumn {
                        first: t.headers[j].clone(),
                    },
                );
                t.issues.push(issue);
            }
        }
        for (tc, header) in [
            (TextColumn::SchoolId, "学校标识码"),
            (TextColumn::Name, "学校名称"),
            (TextColumn::Kind, "学校类型"),
        ] {
            if !t.text_col.contains_key(&tc) {
                t.issues.push(Issue::file_level(
                    file,
                    IssueKind::MissingColumn {
                        key: tc.key(),
                        header,
                    },
                ));
                if let Some(last) = t.issues.last_mut() {
                    last.sheet = t.sheet.clone();
                }
            }
        }
        t
    }

    fn issue_at(
        &self,
        row: Option<usize>,
        col: usize,
        value: Option<String>,
        kind: IssueKind,
    ) -> Issue {
        Issue {
            file: self.file.to_string(),
            sheet: self.sheet.clone(),
            row,
            row_kind: self.row_kind,
            column: Some(self.headers.get(col).cloned().unwrap_or_default()),
            column_letters: self.column_offset.map(|o| column_letters(o + col)),
            value,
            kind,
        }
    }

    fn text<'c>(&self, get: &impl Fn(usize) -> Cell<'c>, tc: TextColumn) -> Option<String> {
        let col = *self.text_col.get(&tc)?;
        match get(col) {
            Cell::Empty => None,
            Cell::Text(s) => Some(s.trim().to_string()),
            Cell::Number(n) => Some(format_number(n)),
        }
    }

    /// The units row under the template's header: every filled cell names a unit.
    fn is_units_row<'c>(&self, get: &impl Fn(usize) -> Cell<'c>) -> bool {
        let mut units = 0;
        for c in 0..self.headers.len() {
            match get(c) {
                Cell::Empty => {}
                Cell::Text(s) if is_unit_cell(s) => units += 1,
                _ => return false,
            }
        }
        units >= 2
    }

    fn row<'c>(&mut self, row: usize, get: impl Fn(usize) -> Cell<'c>) {
        if (0..self.headers.len().max(1)).all(|c| matches!(get(c), Cell::Empty)) {
            return;
        }
        if std::mem::take(&mut self.first_row) && self.is_units_row(&get) {
            if let Some((col, _)) = self.field_col[Field::EquipmentValueYuan.index()] {
                if let Cell::Text(u) = get(col) {
                    if is_wan_yuan(u) {
                        self.field_col[Field::EquipmentValueYuan.index()] = Some((col, 10_000.0));
                    }
                }
            }
            return;
        }
        let id = self.text(&get, TextColumn::SchoolId);
        let name = self.text(&get, TextColumn::Name);
        let kind_text = self.text(&get, TextColumn::Kind);
        // A totals row (合计) at the end of a statistics export is not a school.
        if id.is_none()
            && name.as_deref().is_some_and(|n| {
                matches!(
                    n.replace(' ', "").as_str(),
                    "合计" | "总计" | "小计" | "全县合计"
                )
            })
        {
            self.notes.push(match self.row_kind {
                RowKind::Row => {
                    format!("第 {row} 行是合计行，已跳过 / row {row} is a totals row, skipped")
                }
                RowKind::Record => {
                    format!("第 {row} 条是合计，已跳过 / record {row} is a total, skipped")
                }
            });
            return;
        }
        for (tc, value) in [
            (TextColumn::SchoolId, &id),
            (TextColumn::Name, &name),
            (TextColumn::Kind, &kind_text),
        ] {
            if let (Some(&col), None) = (self.text_col.get(&tc), value) {
                let issue = self.issue_at(Some(row), col, None, IssueKind::EmptyRequired);
                self.issues.push(issue);
            }
        }
        let kind = kind_text.as_deref().and_then(|k| {
            let parsed = SchoolKind::parse(k);
            if parsed.is_none() {
                if let Some(&col) = self.text_col.get(&TextColumn::Kind) {
                    let issue =
                        self.issue_at(Some(row), col, Some(k.to_string()), IssueKind::UnknownKind);
                    self.issues.push(issue);
                }
            }
            parsed
        });
        let location = self.text(&get, TextColumn::Location).and_then(|l| {
            let parsed = Location::parse(&l);
            if parsed.is_none() {
                if let Some(&col) = self.text_col.get(&TextColumn::Location) {
                    let issue =
                        self.issue_at(Some(row), col, Some(l.clone()), IssueKind::UnknownLocation);
                    self.issues.push(issue);
                }
            }
            parsed
        });
        if let Some(id) = &id {
            if let Some(&first_row) = self.ids.get(id) {
                if let Some(&col) = self.text_col.get(&TextColumn::SchoolId) {
                    let issue = self.issue_at(
                        Some(row),
                        col,
                        Some(id.clone()),
                        IssueKind::DuplicateId { first_row },
                    );
                    self.issues.push(issue);
                }
            } else {
                self.ids.insert(id.clone(), row);
            }
        }
        let mut school = School::new(
            id.unwrap_or_default(),
            name.unwrap_or_default(),
            kind.unwrap_or(SchoolKind::Primary),
        );
        school.parent_id = self.text(&get, TextColumn::ParentId);
        school.township = self.text(&get, TextColumn::Township);
        school.location = location;
        let mut bad_fields = Vec::new();
        for &f in Field::ALL {
            let Some((col, factor)) = self.field_col[f.index()] else {
                continue;
            };
            let cell = get(col);
            let (value, shown) = match cell {
                Cell::Empty => continue,
                Cell::Number(n) => (Ok(Some(n)), format_number(n)),
                Cell::Text(s) => (parse_number(s), s.trim().to_string()),
            };
            match value {
                Ok(None) => {}
                Err(()) => {
                    let issue = self.issue_at(Some(row), col, Some(shown), IssueKind::NotANumber);
                    self.issues.push(issue);
                    bad_fields.push(f);
                }
                Ok(Some(v)) if v < 0.0 => {
                    let issue = self.issue_at(Some(row), col, Some(shown), IssueKind::Negative);
                    self.issues.push(issue);
                    bad_fields.push(f);
                }
                Ok(Some(v)) => {
                    let v = if f.measure().is_count() {
                        let r = v.round();
                        if (v - r).abs() > 1e-6 {
                            let issue = self.issue_at(
                                Some(row),
                                col,
                                Some(shown.clone()),
                                IssueKind::NotWhole,
                            );
                            self.issues.push(issue);
                        }
                        r
                    } else {
                        v * factor
                    };
                    if let Some(k) = kind {
                        if v > 0.0 && !k.allows(f.scope()) {
                            let issue = self.issue_at(
                                Some(row),
                                col,
                                Some(shown),
                                IssueKind::WrongSection { kind: k },
                            );
                            self.issues.push(issue);
                        }
                    }
                    school.values.set(f, v);
                }
            }
        }
        if let Some(k) = kind {
            self.check_required(row, k, &school, &bad_fields);
        }
        for &c in &self.extra_cols {
            school.extra.push(match get(c) {
                Cell::Empty => String::new(),
                Cell::Text(s) => s.to_string(),
                Cell::Number(n) => format_number(n),
            });
        }
        // A row with problems is still kept so that later rows are checked against it (duplicate
        // ids); a failed import returns no data at all.
        self.schools.push(school);
    }

    /// An existing section needs its students, and a section with students needs every field the
    /// standard's indicators use.
    fn check_required(
        &mut self,
        row: usize,
        kind: SchoolKind,
        school: &School,
        reported: &[Field],
    ) {
        if kind == SchoolKind::TeachingPoint {
            return;
        }
        let mut needed: Vec<Field> = Vec::new();
        for &level in kind.levels() {
            let sf = level.students_field();
            if school.values.get(sf).is_none() {
                if !reported.contains(&sf) {
                    needed.push(sf);
                }
                continue;
            }
            if school.value(sf) > 0.0 {
                for f in self.standard.required_fields(level) {
                    if !needed.contains(&f)
                        && !reported.contains(&f)
                        && school.values.get(f).is_none()
                    {
                        needed.push(f);
                    }
                }
            }
        }
        for f in needed {
            match self.field_col[f.index()] {
                Some((col, _)) => {
                    let issue = self.issue_at(Some(row), col, None, IssueKind::EmptyRequired);
                    self.issues.push(issue);
                }
                None => self.missing_need[f.index()] += 1,
            }
        }
    }

    fn finish(mut self, format: String) -> Result<Imported, ImportError> {
        for &f in Field::ALL {
            let n = self.missing_need[f.index()];
            if n > 0 {
                let mut issue = Issue::file_level(
                    self.file,
                    IssueKind::MissingFieldColumn {
                        field: f,
                        schools: n,
                    },
                );
                issue.sheet = self.sheet.clone();
                self.issues.push(issue);
            }
        }
        if self.schools.is_empty() && self.issues.is_empty() {
            let mut issue = Issue::file_level(self.file, IssueKind::Empty);
            issue.sheet = self.sheet.clone();
            self.issues.push(issue);
        }
        if !self.issues.is_empty() {
            return Err(ImportError {
                issues: self.issues,
            });
        }
        let extra_columns = self
            .extra_cols
            .iter()
            .map(|&c| self.headers[c].clone())
            .collect();
        Ok(Imported {
            dataset: Dataset {
                schools: self.schools,
                extra_columns,
                source: self.file.to_string(),
            },
            notes: self.notes,
            format,
        })
    }
}
