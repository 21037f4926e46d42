//! Reading a county's school data: CSV (UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030), xlsx / xls /
//! ods (calamine) and JSON, into a [`Dataset`].
//!
//! Every problem is collected with its location (file, sheet, row as the user sees it, column
//! header, value) so that one import reports them all; nothing here panics on any input.

mod csv;
mod decode;
mod form;
mod issue;
mod json;
mod many;
mod mapped;
mod number;
pub mod preview;
mod stats;
mod table;
mod workbook;
mod zipcheck;

pub use decode::decode_text;
pub use issue::{ImportError, Issue, IssueKind, Long, RowKind};
pub use many::{data_files, load_many};
pub use number::format_number;

use self::csv::load_csv;
use crate::model::Dataset;
use crate::standard::Standard;
use decode::{is_ole, is_zip};
use json::load_json;
use std::path::Path;
use table::TableReader;
use workbook::load_workbook;

/// The largest data file read: far above any county's or province's school data (200,000
/// schools are about 15 MB as CSV).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The most columns a table may have: far more than any school table (the template has about
/// 40), and few enough that a file of millions of columns is refused at once.
pub const MAX_COLUMNS: usize = 1_000;

/// The refusal of a table with too many columns (`at_least`: how many were seen when it stopped).
fn too_many_columns(file: &str, sheet: Option<String>, at_least: usize) -> ImportError {
    ImportError {
        issues: vec![Issue {
            sheet,
            ..Issue::file_level(
                file,
                IssueKind::TooManyColumns {
                    count: at_least,
                    limit: MAX_COLUMNS,
                },
            )
        }],
    }
}

/// The most school rows read unless `--max-rows` says otherwise: above every county and
/// province (all of China has about 200,000 primary and junior schools and teaching points).
pub const DEFAULT_MAX_ROWS: usize = 300_000;

/// The longest cell read, in bytes: Excel's and WPS's own limit of 32,767 characters, in Chinese
/// (up to 4 bytes a character in UTF-8).
pub const MAX_CELL_BYTES: usize = 4 * 32_767;

/// The longest CSV record (one row, with line breaks inside its quotes): 1 MB.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// How many rows from the top are searched for the header row (title rows may stand above it).
const HEADER_SEARCH_ROWS: usize = 20;

/// A successful import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub dataset: Dataset,
    /// Things the user should know that did not stop the import (a skipped totals row).
    pub notes: Vec<String>,
    /// The text encoding of a CSV file, or the format of another.
    pub format: String,
    /// Where each school was read: its row (or record) in its table; empty where the data did
    /// not come from a table (a project).
    pub rows: Vec<usize>,
}

/// Options for an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The sheet of a workbook to read; the first when `None`.
    pub sheet: Option<String>,
    /// The most school rows read; [`DEFAULT_MAX_ROWS`] when `None`.
    pub max_rows: Option<usize>,
    /// One of several tables read together: a school's other section may be in another table
    /// (a nine-year school in the 小学 and the 初中 table), so what a school lacks is checked
    /// once they are merged, not here.
    pub partial: bool,
    /// A column mapping to read the file with (`--mapping`); its columns must be in the file.
    pub mapping: Option<crate::io::mapping::Mapping>,
    /// Mappings saved in the app: one made for the file's header is used.
    pub saved_mappings: Vec<crate::io::mapping::Mapping>,
}

impl ImportOptions {
    pub(crate) fn max_rows(&self) -> usize {
        self.max_rows.unwrap_or(DEFAULT_MAX_ROWS)
    }
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
    let bytes = read_bounded(path, &file)?;
    load_bytes(&bytes, &file, standard, options)
}

/// Why a file cannot be read, in the user's words first (never a bare "os error 2").
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let zh = match e.kind() {
        ErrorKind::NotFound => "文件或文件夹不存在",
        ErrorKind::PermissionDenied => "没有读取权限",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::InvalidData => "文件内容无法读取",
        ErrorKind::UnexpectedEof => "文件不完整",
        _ => "读取出错",
    };
    format!("{zh} / {e}")
}

/// A file's bytes, at most [`MAX_FILE_BYTES`].
fn read_bounded(path: &Path, file: &str) -> Result<Vec<u8>, ImportError> {
    // Read at most the limit (and one byte more to know it was passed): a device such as
    // /dev/zero, or a file that grows, is never read without end.
    read_at_most(path, MAX_FILE_BYTES)
        .map_err(|e| ImportError::of_file(file, IssueKind::Unreadable(io_reason(&e))))?
        .ok_or_else(|| {
            ImportError::of_file(
                file,
                IssueKind::TooLarge {
                    limit: MAX_FILE_BYTES,
                },
            )
        })
}

/// A file's bytes if it holds at most `limit` of them (`None` when it holds more); never reads
/// more than one byte past the limit, whatever the file is.
pub(crate) fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::fs::File::open(path)?, limit + 1),
        &mut bytes,
    )?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Reads a file's bytes; `file` is the name the user knows it by (its extension chooses the
/// format, with the content's magic bytes taking precedence for spreadsheets).
pub fn load_bytes(
    bytes: &[u8],
    file: &str,
    standard: &Standard,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let fail = |kind| ImportError::of_file(file, kind);
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
        return load_json(bytes, file, standard, options);
    }
    let (text, encoding) = decode_text(bytes).map_err(fail)?;
    load_csv(&text, encoding, file, standard, options)
}
