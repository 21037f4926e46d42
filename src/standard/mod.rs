//! Standards as data: indicators, thresholds, CV limits and rules, loaded from JSON.
//!
//! The built-in standards are the files in `assets/standards/`, embedded at compile time and
//! checked by `build.rs`; a user's own file goes through the same checks in [`Standard::from_json`].

mod schema;

pub use schema::{
    Area, CountyItem, CvRule, CvWeighting, IndicatorDef, PerLevel, Rule, SchoolConditionRules,
    SchoolRule, SplitWeights, StandardDef, TeachingPointRule,
};

use crate::model::{Field, Level, School, Scope};

/// The built-in standards: (id, JSON text).
const BUILTIN: &[(&str, &str)] = &[
    (
        "national-2017",
        include_str!("../../assets/standards/national-2017.json"),
    ),
    (
        "basic-2012",
        include_str!("../../assets/standards/basic-2012.json"),
    ),
];

/// Why a standard could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StandardError {
    #[error("标准文件不是有效的 JSON 或字段不符 / the standard is not valid JSON of the expected shape: {0}")]
    Parse(String),
    #[error("标准文件有误 / the standard is invalid:\n  {}", .0.join("\n  "))]
    Invalid(Vec<String>),
    #[error("没有名为 \"{0}\" 的内置标准（可用：{1}）/ no built-in standard named \"{0}\" (available: {1})")]
    UnknownName(String, String),
}

/// An indicator with its numerator fields resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub def: IndicatorDef,
    numerator: [Vec<Field>; 2],
}

impl Indicator {
    /// The stable key.
    pub fn key(&self) -> &str {
        &self.def.key
    }

    /// The threshold for a level.
    pub fn threshold(&self, level: Level) -> f64 {
        match level {
            Level::Primary => self.def.threshold.primary,
            Level::Junior => self.def.threshold.junior,
        }
    }

    /// Whether sections of this level are judged against a threshold (0 = CV only).
    pub fn has_threshold(&self, level: Level) -> bool {
        self.threshold(level) > 0.0
    }

    /// The data fields summed into the numerator for a level.
    pub fn numerator(&self, level: Level) -> &[Field] {
        &self.numerator[level as usize]
    }

    /// Whether the numerator is a whole-school resource that is split by weighted enrolment.
    pub fn is_shared(&self, level: Level) -> bool {
        self.numerator(level)
            .iter()
            .any(|f| f.scope() == Scope::School)
    }

    /// The name in the given language.
    pub fn name(&self, zh: bool) -> &str {
        if zh {
            &self.def.name_zh
        } else {
            &self.def.name_en
        }
    }

    /// The short name in the given language (for table columns and chart axes).
    pub fn short(&self, zh: bool) -> &str {
        let s = if zh {
            &self.def.short_zh
        } else {
            &self.def.short_en
        };
        if s.is_empty() {
            &self.def.key
        } else {
            s
        }
    }

    /// The unit in the given language.
    pub fn unit(&self, zh: bool) -> &str {
        if zh {
            &self.def.unit_zh
        } else {
            &self.def.unit_en
        }
    }
}

/// A validated standard, ready for evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Standard {
    pub def: StandardDef,
    pub indicators: Vec<Indicator>,
}

impl Standard {
    /// The county-level items of the whole standard: the standard's own, or — for a file written
    /// before standards carried them — the national 2017 items.
    pub fn county_items(&self) -> &[CountyItem] {
        if let Some(items) = &self.def.county_items {
            return items;
        }
        static NATIONAL: std::sync::OnceLock<Vec<CountyItem>> = std::sync::OnceLock::new();
        NATIONAL.get_or_init(|| {
            Standard::builtin("national-2017")
                .ok()
                .and_then(|s| s.def.county_items)
                .unwrap_or_default()
        })
    }

    /// Parses and checks a standard from JSON text.
    pub fn from_json(text: &str) -> Result<Standard, StandardError> {
        let def: StandardDef =
            serde_json::from_str(text).map_err(|e| StandardError::Parse(e.to_string()))?;
        Standard::from_def(def)
    }

    /// Checks a definition and resolves its fields.
    pub fn from_def(def: StandardDef) -> Result<Standard, StandardError> {
        let problems = def.problems();
        if !problems.is_empty() {
            return Err(StandardError::Invalid(problems));
        }
        let resolve = |keys: &[String]| -> Vec<Field> {
            keys.iter().filter_map(|k| Field::from_key(k)).collect()
        };
        let indicators = def
            .indicators
            .iter()
            .map(|d| Indicator {
                numerator: [resolve(&d.numerator.primary), resolve(&d.numerator.junior)],
                def: d.clone(),
            })
            .collect();
        Ok(Standard { def, indicators })
    }

    /// The ids of the built-in standards.
    pub fn builtin_ids() -> Vec<&'static str> {
        BUILTIN.iter().map(|(id, _)| *id).collect()
    }

    /// A built-in standard by id.
    pub fn builtin(id: &str) -> Result<Standard, StandardError> {
        match BUILTIN.iter().find(|(bid, _)| *bid == id) {
            Some((_, text)) => Standard::from_json(text),
            None => Err(StandardError::UnknownName(
                id.to_string(),
                Standard::builtin_ids().join(", "),
            )),
        }
    }

    /// The 2017 national standard, the default.
    pub fn national_2017() -> Standard {
        match Standard::builtin("national-2017") {
            Ok(s) => s,
            // The file is embedded and checked by build.rs, so this cannot fail at run time.
            Err(e) => unreachable!("embedded national-2017 standard is invalid: {e}"),
        }
    }

    /// Whether the standard judges school sections at this level at all (any indicator with a
    /// threshold). The 2012 standard judges only the CVs.
    pub fn judges_sections(&self, level: Level) -> bool {
        self.indicators.iter().any(|i| i.has_threshold(level))
    }

    /// Whether this is a built-in standard exactly as shipped (not a copy or an edited one).
    pub fn is_builtin(&self) -> bool {
        Standard::builtin(self.id()).is_ok_and(|b| b.def == self.def)
    }

    /// The stable id.
    pub fn id(&self) -> &str {
        &self.def.id
    }

    /// The CV limit for a level.
    pub fn cv_limit(&self, level: Level) -> f64 {
        match level {
            Level::Primary => self.def.cv.limit.primary,
            Level::Junior => self.def.cv.limit.junior,
        }
    }

    /// The composite CV limit for a level, where the standard has one (2012).
    pub fn composite_limit(&self, level: Level) -> Option<f64> {
        self.def.cv.composite_limit.as_ref().map(|c| match level {
            Level::Primary => c.primary,
            Level::Junior => c.junior,
        })
    }

    /// The split weight of a level, or of the senior part with `None`.
    pub fn split_weight(&self, level: Option<Level>) -> f64 {
        let w = &self.def.split_weights;
        match level {
            Some(Level::Primary) => w.primary,
            Some(Level::Junior) => w.junior,
            None => w.senior,
        }
    }

    /// The fields this standard needs that some evaluated sections of the data lack, with how
    /// many sections lack each (for a warning after switching standards).
    pub fn missing_in(&self, data: &crate::model::Dataset) -> Vec<(Field, usize)> {
        let mut out: Vec<(Field, usize)> = Vec::new();
        for school in &data.schools {
            if school.kind == crate::model::SchoolKind::TeachingPoint {
                continue;
            }
            for &level in school.kind.levels() {
                if school.value(level.students_field()) <= 0.0 {
                    continue;
                }
                for f in self.required_fields(level) {
                    if school.values.get(f).is_none() {
                        match out.iter_mut().find(|(g, _)| *g == f) {
                            Some(e) => e.1 += 1,
                            None => out.push((f, 1)),
                        }
                    }
                }
            }
        }
        out
    }

    /// Every data field an existing section of this level needs.
    pub fn required_fields(&self, level: Level) -> Vec<Field> {
        let mut out = vec![level.students_field()];
        for ind in &self.indicators {
            for f in ind.numerator(level) {
                if !out.contains(f) {
                    out.push(*f);
                }
            }
        }
        out
    }

    /// The fields a school's section of this level lacks: its enrolment when that is absent,
    /// else, for a section with students, every field its indicators use that is absent.
    pub fn missing_fields(&self, school: &School, level: Level) -> Vec<Field> {
        let students = level.students_field();
        if school.values.get(students).is_none() {
            return vec![students];
        }
        if school.value(students) <= 0.0 {
            return Vec::new();
        }
        self.required_fields(level)
            .into_iter()
            .filter(|&f| school.values.get(f).is_none())
            .collect()
    }
}

impl Default for Standard {
    fn default() -> Self {
        Standard::national_2017()
    }
}
