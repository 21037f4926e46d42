//! Schools and datasets: typed, validated, no I/O.

pub mod builder;
pub mod correction;
mod fields;
pub mod headers;
pub mod plausible;

pub use fields::{Field, Measure, Scope, FIELD_COUNT};

use serde::{Deserialize, Serialize};

/// The stage a section belongs to. Primary and junior are evaluated separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Primary,
    Junior,
}

impl Level {
    /// Both levels, primary first.
    pub const BOTH: [Level; 2] = [Level::Primary, Level::Junior];

    /// The key used in JSON (`primary`, `junior`).
    pub fn key(self) -> &'static str {
        match self {
            Level::Primary => "primary",
            Level::Junior => "junior",
        }
    }

    /// 小学 / 初中.
    pub fn zh(self) -> &'static str {
        match self {
            Level::Primary => "小学",
            Level::Junior => "初中",
        }
    }

    /// Primary / Junior.
    pub fn en(self) -> &'static str {
        match self {
            Level::Primary => "Primary",
            Level::Junior => "Junior",
        }
    }

    /// The field holding this section's enrolment.
    pub fn students_field(self) -> Field {
        match self {
            Level::Primary => Field::StudentsPrimary,
            Level::Junior => Field::StudentsJunior,
        }
    }

    /// The fields of this section's enrolment by grade: grades 1–6, or 7–9.
    pub fn grades(self) -> &'static [Field] {
        match self {
            Level::Primary => &[
                Field::Grade1,
                Field::Grade2,
                Field::Grade3,
                Field::Grade4,
                Field::Grade5,
                Field::Grade6,
            ],
            Level::Junior => &[Field::Grade7, Field::Grade8, Field::Grade9],
        }
    }

    /// The field scope of counts that belong to this section.
    pub fn scope(self) -> Scope {
        match self {
            Level::Primary => Scope::Primary,
            Level::Junior => Scope::Junior,
        }
    }

    /// Looks a level up by its key.
    pub fn from_key(key: &str) -> Option<Level> {
        match key {
            "primary" => Some(Level::Primary),
            "junior" => Some(Level::Junior),
            _ => None,
        }
    }
}

/// The kind of a school (学校类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolKind {
    Primary,
    Junior,
    NineYear,
    CompleteSecondary,
    TwelveYear,
    TeachingPoint,
}

impl SchoolKind {
    /// Every kind, in the order of DATA-FORMAT.md.
    pub const ALL: [SchoolKind; 6] = [
        SchoolKind::Primary,
        SchoolKind::Junior,
        SchoolKind::NineYear,
        SchoolKind::CompleteSecondary,
        SchoolKind::TwelveYear,
        SchoolKind::TeachingPoint,
    ];

    /// The English key (`nine_year`).
    pub fn key(self) -> &'static str {
        match self {
            SchoolKind::Primary => "primary",
            SchoolKind::Junior => "junior",
            SchoolKind::NineYear => "nine_year",
            SchoolKind::CompleteSecondary => "complete_secondary",
            SchoolKind::TwelveYear => "twelve_year",
            SchoolKind::TeachingPoint => "teaching_point",
        }
    }

    /// The Chinese name (九年一贯制).
    pub fn zh(self) -> &'static str {
        match self {
            SchoolKind::Primary => "小学",
            SchoolKind::Junior => "初中",
            SchoolKind::NineYear => "九年一贯制",
            SchoolKind::CompleteSecondary => "完全中学",
            SchoolKind::TwelveYear => "十二年一贯制",
            SchoolKind::TeachingPoint => "教学点",
        }
    }

    /// The English name.
    pub fn en(self) -> &'static str {
        match self {
            SchoolKind::Primary => "primary school",
            SchoolKind::Junior => "junior school",
            SchoolKind::NineYear => "nine-year school",
            SchoolKind::CompleteSecondary => "complete secondary school",
            SchoolKind::TwelveYear => "twelve-year school",
            SchoolKind::TeachingPoint => "teaching point",
        }
    }

    /// Parses a kind written in Chinese or English, as users write it.
    pub fn parse(text: &str) -> Option<SchoolKind> {
        // As written (the common case, without a copy); else without spaces, in lower case,
        // with "-" as "_".
        SchoolKind::named(text.trim()).or_else(|| {
            let t: String = text
                .trim()
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
                .collect::<String>()
                .to_lowercase()
                .replace(['-', ' '], "_");
            SchoolKind::named(&t)
        })
    }

    fn named(t: &str) -> Option<SchoolKind> {
        let kind = match t {
            "primary" | "primary_school" | "小学" | "完全小学" | "中心小学" | "中心校" => {
                SchoolKind::Primary
            }
            "junior" | "junior_school" | "junior_high" | "初中" | "初级中学" | "独立初中" => {
                SchoolKind::Junior
            }
            "nine_year" | "nineyear" | "九年一贯制" | "九年一贯制学校" | "九年制" => {
                SchoolKind::NineYear
            }
            "complete_secondary" | "完全中学" | "完中" => SchoolKind::CompleteSecondary,
            "twelve_year" | "十二年一贯制" | "十二年一贯制学校" => {
                SchoolKind::TwelveYear
            }
            "teaching_point" | "教学点" | "小学教学点" => SchoolKind::TeachingPoint,
            _ => return None,
        };
        Some(kind)
    }

    /// The sections this kind of school is evaluated in. A teaching point is evaluated as part of
    /// its central school, so it has none of its own.
    pub fn levels(self) -> &'static [Level] {
        match self {
            SchoolKind::Primary => &[Level::Primary],
            SchoolKind::Junior | SchoolKind::CompleteSecondary => &[Level::Junior],
            SchoolKind::NineYear | SchoolKind::TwelveYear => &[Level::Primary, Level::Junior],
            SchoolKind::TeachingPoint => &[],
        }
    }

    /// The levels whose student and teacher counts a record of this kind may carry.
    pub fn allows(self, scope: Scope) -> bool {
        match scope {
            Scope::School => true,
            Scope::Primary => matches!(
                self,
                SchoolKind::Primary
                    | SchoolKind::NineYear
                    | SchoolKind::TwelveYear
                    | SchoolKind::TeachingPoint
            ),
            Scope::Junior => !matches!(self, SchoolKind::Primary | SchoolKind::TeachingPoint),
            Scope::Senior => matches!(self, SchoolKind::CompleteSecondary | SchoolKind::TwelveYear),
        }
    }
}

/// 城乡分类.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    Urban,
    Town,
    Rural,
}

impl Location {
    /// Parses 城区/镇区/乡村 or urban/town/rural.
    pub fn parse(text: &str) -> Option<Location> {
        match text.trim().to_lowercase().as_str() {
            "urban" | "城区" | "城市" | "主城区" => Some(Location::Urban),
            "town" | "镇区" | "县镇" | "镇" => Some(Location::Town),
            "rural" | "乡村" | "农村" => Some(Location::Rural),
            _ => None,
        }
    }

    /// The English key.
    pub fn key(self) -> &'static str {
        match self {
            Location::Urban => "urban",
            Location::Town => "town",
            Location::Rural => "rural",
        }
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Location::Urban => "城区",
            Location::Town => "镇区",
            Location::Rural => "乡村",
        }
    }
}

/// The numeric fields of one school. An empty cell is kept as "absent", which is different from 0.
#[derive(Debug, Clone)]
pub struct FieldValues([f64; FIELD_COUNT]);

impl PartialEq for FieldValues {
    /// Two absent cells are equal (absent is stored as NaN, which never equals itself).
    fn eq(&self, other: &Self) -> bool {
        self.0
            .iter()
            .zip(&other.0)
            .all(|(a, b)| a == b || (a.is_nan() && b.is_nan()))
    }
}

impl Default for FieldValues {
    fn default() -> Self {
        FieldValues([f64::NAN; FIELD_COUNT])
    }
}

impl FieldValues {
    /// The value of a field, `None` when the cell was empty.
    pub fn get(&self, field: Field) -> Option<f64> {
        let v = self.0[field.index()];
        if v.is_nan() {
            None
        } else {
            Some(v)
        }
    }

    /// The value of a field, 0 when absent.
    pub fn value(&self, field: Field) -> f64 {
        self.get(field).unwrap_or(0.0)
    }

    /// Sets a field; a NaN clears it.
    pub fn set(&mut self, field: Field, value: f64) {
        self.0[field.index()] = value;
    }

    /// Clears a field (an empty cell).
    pub fn clear(&mut self, field: Field) {
        self.0[field.index()] = f64::NAN;
    }
}

/// One row of the data file.
#[derive(Debug, Clone, PartialEq)]
pub struct School {
    /// 学校标识码: unique in a dataset.
    pub id: String,
    /// 学校名称.
    pub name: String,
    pub kind: SchoolKind,
    /// The central school of a teaching point.
    pub parent_id: Option<String>,
    pub township: Option<String>,
    pub location: Option<Location>,
    /// 县区, in a file holding several counties.
    pub county: Option<String>,
    /// 对口初中: the school id of the junior school its graduates go to (DATA-FORMAT §5).
    pub feeds_into: Option<String>,
    pub values: FieldValues,
    /// Cells of columns the app does not know, aligned with [`Dataset::extra_columns`].
    pub extra: Vec<String>,
}

impl School {
    /// A school with no numeric fields filled in.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: SchoolKind) -> School {
        School {
            id: id.into(),
            name: name.into(),
            kind,
            parent_id: None,
            township: None,
            location: None,
            county: None,
            feeds_into: None,
            values: FieldValues::default(),
            extra: Vec::new(),
        }
    }

    /// Sets a field, for building schools in code.
    pub fn with(mut self, field: Field, value: f64) -> School {
        self.values.set(field, value);
        self
    }

    /// A field's value, 0 when absent.
    pub fn value(&self, field: Field) -> f64 {
        self.values.value(field)
    }

    /// Students of a level.
    pub fn students(&self, level: Level) -> f64 {
        self.value(level.students_field())
    }
}

/// A county's schools as loaded from one file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dataset {
    pub schools: Vec<School>,
    /// Headers of columns that matched no known field, kept and shown, never dropped.
    pub extra_columns: Vec<String>,
    /// Where the data came from (a file name, or the embedded sample).
    pub source: String,
}

impl Dataset {
    /// Finds a school by its id.
    pub fn school(&self, id: &str) -> Option<&School> {
        self.schools.iter().find(|s| s.id == id)
    }

    /// The counties named in the data, in the order they first appear; empty when no school
    /// names one. A school without a county belongs to none of them (the importer refuses such
    /// a row in a file that names counties).
    pub fn counties(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for s in &self.schools {
            if let Some(c) = &s.county {
                if seen.insert(c.as_str()) {
                    out.push(c.clone());
                }
            }
        }
        out
    }

    /// The schools of one county, in file order, as a dataset of their own (the standard
    /// judges counties: CVs are computed within one).
    pub fn county_subset(&self, county: &str) -> Dataset {
        Dataset {
            schools: self
                .schools
                .iter()
                .filter(|s| s.county.as_deref() == Some(county))
                .cloned()
                .collect(),
            extra_columns: self.extra_columns.clone(),
            source: self.source.clone(),
        }
    }
}
