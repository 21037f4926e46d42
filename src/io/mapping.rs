//! Column mappings made by hand (DATA-FORMAT.md §7): for columns the importer does not
//! recognise, which field each one is — or which several columns add up to one field — saved
//! with the header it was made for, reused for files with the same header, and usable from the
//! command line (`--mapping MAP.json`).
//!
//! ```json
//! {
//!   "header": ["单位代码", "单位名称", "类别", "学生", "体育教师", "音乐教师", "设备"],
//!   "columns": [
//!     {"field": "school_id", "from": ["单位代码"]},
//!     {"field": "pe_art_primary", "from": ["体育教师", "音乐教师"]},
//!     {"field": "equipment_value_yuan", "from": ["设备"], "factor": 10000}
//!   ]
//! }
//! ```

use crate::model::headers::{fold, ColumnKind, TextColumn};
use crate::model::Field;
use serde::{Deserialize, Serialize};

/// The largest mapping file read (a mapping is a few kilobytes).
pub const MAX_MAPPING_BYTES: u64 = 1 << 20;

/// A hand-made mapping of a file's columns to fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The header it was made for, column by column as the file has it (a header of several
    /// rows as paths): a file with the same header gets it again. Empty: any file.
    #[serde(default)]
    pub header: Vec<String>,
    pub columns: Vec<MapRule>,
}

/// One field and the columns it is read from (added up when several).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapRule {
    /// The field's key: `school_id`, `students_primary`, … (DATA-FORMAT.md §1).
    pub field: String,
    /// The file's column headers, as the file has them.
    pub from: Vec<String>,
    /// Multiplies the value read (10000 for a column in 万元); 1 when absent.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub factor: f64,
}

fn one() -> f64 {
    1.0
}

fn is_one(x: &f64) -> bool {
    *x == 1.0
}

/// What a mapped column becomes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    Text(TextColumn),
    Number(Field),
}

impl Target {
    /// The field a key names.
    pub fn of_key(key: &str) -> Option<Target> {
        TextColumn::ALL
            .iter()
            .find(|t| t.key() == key)
            .map(|&t| Target::Text(t))
            .or_else(|| Field::from_key(key).map(Target::Number))
    }

    pub fn key(self) -> &'static str {
        match self {
            Target::Text(t) => t.key(),
            Target::Number(f) => f.key(),
        }
    }

    /// Its Chinese name (the template's header).
    pub fn zh(self) -> &'static str {
        match self {
            Target::Text(t) => t.zh_headers()[0],
            Target::Number(f) => f.zh_headers()[0],
        }
    }

    /// Every field a column can be mapped to: the text columns, then the numeric fields.
    pub fn all() -> Vec<Target> {
        TextColumn::ALL
            .iter()
            .map(|&t| Target::Text(t))
            .chain(Field::ALL.iter().map(|&f| Target::Number(f)))
            .collect()
    }

    /// The column kind the reader uses for it.
    pub fn kind(self, factor: f64) -> ColumnKind {
        match self {
            Target::Text(t) => ColumnKind::Text(t),
            Target::Number(f) => ColumnKind::Number(f, factor),
        }
    }
}

/// Why a mapping cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MappingError {
    #[error("列对应文件无法读取：{0} / the mapping file cannot be read: {0}")]
    Unreadable(String),
    #[error("列对应中的“{0}”不是数据字段 / \"{0}\" in the mapping is not a field")]
    UnknownField(String),
    #[error("列对应中“{0}”没有列 / \"{0}\" in the mapping names no column")]
    NoColumns(String),
    #[error("列对应中“{0}”是文本字段，只能对应一列 / \"{0}\" is a text field: one column only")]
    TextSum(String),
    #[error("列对应中“{field}”的倍数 {factor} 不是正数 / the factor of \"{field}\" must be a positive number")]
    BadFactor { field: String, factor: f64 },
    #[error("列对应中“{0}”出现了两次 / \"{0}\" appears twice in the mapping")]
    Twice(String),
}

impl Mapping {
    /// Reads a mapping from JSON and checks it.
    pub fn from_json(text: &str) -> Result<Mapping, MappingError> {
        let m: Mapping =
            serde_json::from_str(text).map_err(|e| MappingError::Unreadable(e.to_string()))?;
        m.check()?;
        Ok(m)
    }

    /// Every field known, named once, with columns and a positive factor.
    pub fn check(&self) -> Result<(), MappingError> {
        let mut seen = Vec::new();
        for r in &self.columns {
            let target = Target::of_key(&r.field)
                .ok_or_else(|| MappingError::UnknownField(r.field.clone()))?;
            if seen.contains(&target.key()) {
                return Err(MappingError::Twice(r.field.clone()));
            }
            seen.push(target.key());
            if r.from.is_empty() {
                return Err(MappingError::NoColumns(r.field.clone()));
            }
            if matches!(target, Target::Text(_)) && r.from.len() > 1 {
                return Err(MappingError::TextSum(r.field.clone()));
            }
            if !(r.factor.is_finite() && r.factor > 0.0) {
                return Err(MappingError::BadFactor {
                    field: r.field.clone(),
                    factor: r.factor,
                });
            }
        }
        Ok(())
    }

    /// Whether it was made for this header (compared as the importer matches headers:
    /// spaces and bracket styles aside).
    pub fn made_for(&self, headers: &[String]) -> bool {
        !self.header.is_empty()
            && self.header.len() == headers.len()
            && self
                .header
                .iter()
                .zip(headers)
                .all(|(a, b)| fold(a) == fold(b))
    }

    /// The field this header is mapped to, if any.
    pub fn target_of(&self, header: &str) -> Option<Target> {
        let h = fold(header);
        self.columns
            .iter()
            .find(|r| r.from.iter().any(|f| fold(f) == h))
            .and_then(|r| Target::of_key(&r.field))
    }

    /// As JSON, indented, to save.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_is_read_and_checked() {
        let m = Mapping::from_json(
            r#"{"header": ["单位代码", "体育教师", "音乐教师"],
                "columns": [{"field": "school_id", "from": ["单位代码"]},
                            {"field": "pe_art_primary", "from": ["体育教师", "音乐教师"]},
                            {"field": "equipment_value_yuan", "from": ["设备"], "factor": 10000}]}"#,
        )
        .expect("a good mapping");
        assert_eq!(
            m.target_of(" 体育教师 "),
            Some(Target::Number(Field::PeArtPrimary))
        );
        assert_eq!(
            m.target_of("单位代码"),
            Some(Target::Text(TextColumn::SchoolId))
        );
        assert_eq!(m.columns[2].factor, 10_000.0);
        assert!(!m.made_for(&[
            "单位代码".into(),
            "体育教师".into(),
            "音乐教师（人）".into()
        ]));
        assert!(m.made_for(&["单位代码".into(), "体育教师".into(), "音乐教师".into()]));
        assert_eq!(
            Mapping::from_json(r#"{"columns": [{"field": "studnets", "from": ["a"]}]}"#),
            Err(MappingError::UnknownField("studnets".into()))
        );
        assert_eq!(
            Mapping::from_json(r#"{"columns": [{"field": "name", "from": ["a", "b"]}]}"#),
            Err(MappingError::TextSum("name".into()))
        );
        assert!(matches!(
            Mapping::from_json(r#"{"columns": [{"field": "name", "from": ["a"], "factor": -1}]}"#),
            Err(MappingError::BadFactor { .. })
        ));
        assert!(matches!(
            Mapping::from_json(r#"{"columns": [], "extra": 1}"#),
            Err(MappingError::Unreadable(_))
        ));
    }
}
