//! Reading data files and standards, opening projects, and writing the data template. Reports
//! are [`crate::report`]; project files are [`crate::store`].

pub mod import;
pub mod intake;
pub mod mapping;
pub mod open;
pub mod template;

/// The header table lives in the model (scenarios read records with it too).
pub use crate::model::headers;

pub use import::{
    data_files, decode_text, load_bytes, load_many, load_path, ImportError, ImportOptions,
    Imported, Issue, IssueKind, Long, RowKind, DEFAULT_MAX_ROWS,
};

use crate::standard::{Standard, StandardError};

/// Noto Sans CJK SC, subset to ASCII, punctuation, symbols and every GBK character (SIL OFL 1.1,
/// see `assets/fonts/OFL.txt`): the app's font, and the one embedded in PDF reports.
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular-GBK.otf");
use std::path::Path;

/// Why `--standard NAME|FILE` could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StandardLoadError {
    #[error("无法读取标准文件 {path} / cannot read the standard file {path}: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("{path}: {error}")]
    Invalid { path: String, error: StandardError },
    #[error(transparent)]
    Unknown(StandardError),
}

/// A built-in standard by id, or a user's own standard file (checked exactly as build.rs checks
/// the built-in ones).
pub fn load_standard(name_or_path: &str) -> Result<Standard, StandardLoadError> {
    if Standard::builtin_ids().contains(&name_or_path) {
        return Standard::builtin(name_or_path).map_err(StandardLoadError::Unknown);
    }
    let path = Path::new(name_or_path);
    let looks_like_file = path.extension().is_some() || path.components().count() > 1;
    if !looks_like_file && !path.exists() {
        return Err(StandardLoadError::Unknown(
            Standard::builtin(name_or_path)
                .err()
                .unwrap_or(StandardError::Invalid(Vec::new())),
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|error| StandardLoadError::Read {
        path: name_or_path.to_string(),
        error,
    })?;
    Standard::from_json(&text).map_err(|error| StandardLoadError::Invalid {
        path: name_or_path.to_string(),
        error,
    })
}
