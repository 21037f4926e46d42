//! The JSON shape of a standard file and its validation.
//!
//! Dependency-free apart from serde: `build.rs` includes this file to check every standard in
//! `assets/standards/` at build time, and the library uses it to check a user's own file at run
//! time, so both apply exactly the same rules.

use super::{Field, Scope};
use serde::{Deserialize, Serialize};

/// A value for each evaluated level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerLevel<T> {
    pub primary: T,
    pub junior: T,
}

/// One indicator of resource allocation, e.g. 每百名学生拥有县级以上骨干教师数.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    /// Stable key, e.g. `backbone_teachers_per_100`.
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    /// A short name for table columns and chart axes (e.g. 骨干教师); the key when empty.
    #[serde(default)]
    pub short_zh: String,
    #[serde(default)]
    pub short_en: String,
    /// The unit of the indicator value, e.g. 人 / 平方米 / 元 / 间.
    pub unit_zh: String,
    pub unit_en: String,
    /// Data fields summed into the numerator, per level. A whole-school field is split between a
    /// combined school's sections by weighted enrolment; a section field is taken as it is.
    pub numerator: PerLevel<Vec<String>>,
    /// Multiplier: 100 for "per 100 students", 1 for "per student".
    pub scale: f64,
    /// The value a section must reach, per level. 0 means the standard sets no per-school
    /// threshold for this indicator at that level: it only enters the CV (the 2012 standard).
    pub threshold: PerLevel<f64>,
}

/// How the inter-school coefficient of variation is weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CvWeighting {
    /// Weighted by enrolment, as the standard's method prescribes.
    #[default]
    Enrolment,
    /// Every section counts once. Not the standard's method; only as a labelled option.
    Unweighted,
}

/// The county-level rule on the coefficient of variation (差异系数).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CvRule {
    /// Each indicator's CV must be at most this, per level.
    pub limit: PerLevel<f64>,
    #[serde(default)]
    pub weighting: CvWeighting,
    /// The 2012 standard's composite: the mean of all indicator CVs must be at most this. When
    /// present, the per-indicator limits are shown but only the composite decides.
    #[serde(default)]
    pub composite_limit: Option<PerLevel<f64>>,
}

/// The school pass rule: at least `min_met` indicators reach their threshold and the rest reach
/// `floor_ratio` of theirs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolRule {
    pub min_met: usize,
    pub floor_ratio: f64,
}

/// Weights for splitting a combined school's shared resources (primary 1 : junior 1.1 : senior 1.32).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SplitWeights {
    pub primary: f64,
    pub junior: f64,
    pub senior: f64,
}

/// What happens to teaching points (教学点).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeachingPointRule {
    /// Merge a teaching point into its central school when the data names one.
    pub merge_into_parent: bool,
    /// Teaching points with fewer students are left out (Hebei: 50); 0 keeps all.
    #[serde(default)]
    pub min_students: f64,
}

/// Thresholds of the government-guarantee items computed from school data (STANDARD.md §2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SchoolConditionRules {
    /// One music room and one art room per this many classes (convention: 12).
    pub classes_per_room: f64,
    pub music_room_min_m2: f64,
    pub art_room_min_m2: f64,
    /// Most students in a primary or junior school.
    pub max_students: f64,
    /// Most students in the compulsory part of a nine-year (or twelve-year) school.
    pub max_students_combined: f64,
    /// Largest class allowed, per level.
    pub max_class: PerLevel<f64>,
    /// Share of teachers that must hold a certificate (1 = 100%).
    pub certified_ratio: f64,
    /// Share of teachers that must have completed 360 hours of training in 5 years.
    pub trained_ratio: f64,
}

impl Default for SchoolConditionRules {
    fn default() -> Self {
        SchoolConditionRules {
            classes_per_room: 12.0,
            music_room_min_m2: 96.0,
            art_room_min_m2: 90.0,
            max_students: 2000.0,
            max_students_combined: 2500.0,
            max_class: PerLevel {
                primary: 45.0,
                junior: 50.0,
            },
            certified_ratio: 1.0,
            trained_ratio: 1.0,
        }
    }
}

/// The areas of the whole standard (STANDARD.md §2–§5), and the veto list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    ResourceAllocation,
    Guarantee,
    Quality,
    Recognition,
    Veto,
}

impl Area {
    pub const ALL: [Area; 5] = [
        Area::ResourceAllocation,
        Area::Guarantee,
        Area::Quality,
        Area::Recognition,
        Area::Veto,
    ];

    pub fn name(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Area::ResourceAllocation, true) => "资源配置",
            (Area::ResourceAllocation, false) => "Resource allocation",
            (Area::Guarantee, true) => "政府保障程度",
            (Area::Guarantee, false) => "Government guarantee",
            (Area::Quality, true) => "教育质量",
            (Area::Quality, false) => "Education quality",
            (Area::Recognition, true) => "社会认可度",
            (Area::Recognition, false) => "Social recognition",
            (Area::Veto, true) => "一票否决",
            (Area::Veto, false) => "Veto items",
        }
    }
}

/// How a county-level item is judged. In JSON: `"yes"`, `{"at_least": 85}`, `"must_not_occur"`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Met when the answer is yes.
    Yes,
    /// Met when the value is at least this (a percentage, 元 or points).
    AtLeast(f64),
    /// A veto item: the county fails when it occurred (answer yes).
    MustNotOccur,
}

/// A county-level item of the whole standard: entered by the user, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountyItem {
    /// Stable key, saved with the user's entry.
    pub key: String,
    pub area: Area,
    pub name_zh: String,
    pub name_en: String,
    pub rule: Rule,
    /// The unit of an `at_least` value ("%", "元", "分").
    #[serde(default)]
    pub unit: String,
}

impl CountyItem {
    /// The name in the given language.
    pub fn name(&self, zh: bool) -> &str {
        if zh {
            &self.name_zh
        } else {
            &self.name_en
        }
    }
}

/// A whole standard file, as stored in `assets/standards/` or a user's own JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardDef {
    /// Stable id, e.g. `national-2017`; also the name `--standard` accepts.
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(default)]
    pub source: String,
    pub indicators: Vec<IndicatorDef>,
    pub cv: CvRule,
    pub school_rule: SchoolRule,
    pub split_weights: SplitWeights,
    pub teaching_points: TeachingPointRule,
    /// The guarantee items computed from school data; the national defaults when absent.
    #[serde(default)]
    pub school_conditions: SchoolConditionRules,
    /// The county-level items of the guarantee, quality and recognition areas and the veto
    /// list. Absent in files written before standards carried them: those use the national
    /// 2017 items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county_items: Option<Vec<CountyItem>>,
}

fn positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

impl StandardDef {
    /// Every problem with the definition, in words a user can act on; empty when it is valid.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.id.trim().is_empty() {
            out.push("\"id\" is empty".to_string());
        }
        if self.indicators.is_empty() {
            out.push("\"indicators\" is empty".to_string());
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            let at = format!("indicators[{i}] \"{}\"", ind.key);
            if ind.key.trim().is_empty() {
                out.push(format!("{at}: \"key\" is empty"));
            }
            if self.indicators[..i].iter().any(|o| o.key == ind.key) {
                out.push(format!("{at}: the key is used twice"));
            }
            if ind.name_zh.trim().is_empty() || ind.name_en.trim().is_empty() {
                out.push(format!(
                    "{at}: \"name_zh\" and \"name_en\" must not be empty"
                ));
            }
            if !positive(ind.scale) {
                out.push(format!(
                    "{at}: \"scale\" must be a positive number, not {}",
                    ind.scale
                ));
            }
            for (level, threshold, fields, scope) in [
                (
                    "primary",
                    ind.threshold.primary,
                    &ind.numerator.primary,
                    Scope::Primary,
                ),
                (
                    "junior",
                    ind.threshold.junior,
                    &ind.numerator.junior,
                    Scope::Junior,
                ),
            ] {
                if !(threshold.is_finite() && threshold >= 0.0) {
                    out.push(format!(
                        "{at}: threshold.{level} must be 0 (no per-school threshold) or a positive number, not {threshold}"
                    ));
                }
                if fields.is_empty() {
                    out.push(format!("{at}: numerator.{level} names no field"));
                }
                for key in fields {
                    match Field::from_key(key) {
                        None => out.push(format!(
                            "{at}: numerator.{level} names \"{key}\", which is not a data field"
                        )),
                        Some(field) if field.scope() != Scope::School && field.scope() != scope => {
                            out.push(format!(
                                "{at}: numerator.{level} names \"{key}\", a field of another section"
                            ))
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        for (level, limit) in [
            ("primary", self.cv.limit.primary),
            ("junior", self.cv.limit.junior),
        ] {
            if !positive(limit) {
                out.push(format!(
                    "cv.limit.{level} must be a positive number, not {limit}"
                ));
            }
        }
        if let Some(c) = &self.cv.composite_limit {
            for (level, limit) in [("primary", c.primary), ("junior", c.junior)] {
                if !positive(limit) {
                    out.push(format!(
                        "cv.composite_limit.{level} must be a positive number, not {limit}"
                    ));
                }
            }
        }
        if self.school_rule.min_met > self.indicators.len() {
            out.push(format!(
                "school_rule.min_met is {} but there are only {} indicators",
                self.school_rule.min_met,
                self.indicators.len()
            ));
        }
        let r = self.school_rule.floor_ratio;
        if !(r.is_finite() && (0.0..=1.0).contains(&r)) {
            out.push(format!(
                "school_rule.floor_ratio must be between 0 and 1, not {r}"
            ));
        }
        let w = &self.split_weights;
        for (name, x) in [
            ("primary", w.primary),
            ("junior", w.junior),
            ("senior", w.senior),
        ] {
            if !positive(x) {
                out.push(format!(
                    "split_weights.{name} must be a positive number, not {x}"
                ));
            }
        }
        let c = &self.school_conditions;
        for (name, x) in [
            ("classes_per_room", c.classes_per_room),
            ("music_room_min_m2", c.music_room_min_m2),
            ("art_room_min_m2", c.art_room_min_m2),
            ("max_students", c.max_students),
            ("max_students_combined", c.max_students_combined),
            ("max_class.primary", c.max_class.primary),
            ("max_class.junior", c.max_class.junior),
            ("certified_ratio", c.certified_ratio),
            ("trained_ratio", c.trained_ratio),
        ] {
            if !positive(x) {
                out.push(format!(
                    "school_conditions.{name} must be a positive number, not {x}"
                ));
            }
        }
        for (i, it) in self.county_items.iter().flatten().enumerate() {
            let at = format!("county_items[{i}] \"{}\"", it.key);
            if it.key.trim().is_empty() {
                out.push(format!("{at}: \"key\" is empty"));
            }
            if self
                .county_items
                .iter()
                .flatten()
                .take(i)
                .any(|o| o.key == it.key)
            {
                out.push(format!("{at}: the key is used twice"));
            }
            if it.name_zh.trim().is_empty() || it.name_en.trim().is_empty() {
                out.push(format!(
                    "{at}: \"name_zh\" and \"name_en\" must not be empty"
                ));
            }
            if it.area == Area::ResourceAllocation {
                out.push(format!(
                    "{at}: resource allocation is judged from school data, not entered"
                ));
            }
            if let Rule::AtLeast(t) = it.rule {
                if !(t.is_finite() && t >= 0.0) {
                    out.push(format!("{at}: rule.at_least must be 0 or more, not {t}"));
                }
            }
        }
        let m = self.teaching_points.min_students;
        if !(m.is_finite() && m >= 0.0) {
            out.push(format!(
                "teaching_points.min_students must be 0 or more, not {m}"
            ));
        }
        out
    }
}
