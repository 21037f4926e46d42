//! Plausibility warnings: values a school can have but very rarely does, which are more often a
//! typing or unit mistake (m² typed for 万元, a column shifted, a row copied) — said after an
//! import so that a planner checks them, never refused.

use super::{Field, Level, School};

/// More sports ground per student than this (m²) is rare: a field counted twice, or hectares.
pub const SPORTS_M2_PER_STUDENT: f64 = 100.0;
/// More qualified teachers per 100 students than this: teachers of another level, or a shift.
pub const QUALIFIED_PER_100: f64 = 20.0;
/// A largest class above this: the standard's limits are 45 and 50; 70 is a typing slip.
pub const LARGEST_CLASS: f64 = 70.0;
/// Less equipment per student than this (元): often 万元 entered in a 元 column.
pub const EQUIPMENT_YUAN_PER_STUDENT: f64 = 100.0;
/// A row repeats another's numbers only if it has at least this many (not two empty rows).
const SAME_ROW_MIN_VALUES: usize = 4;

/// What looks wrong with one school.
#[derive(Debug, Clone, PartialEq)]
pub enum Oddity {
    SportsAreaPerStudent(f64),
    QualifiedPer100(Level, f64),
    LargestClass(Level, f64),
    EquipmentPerStudent(f64),
    /// Every number equals that of an earlier school (its index).
    SameNumbersAs(usize),
}

/// One warning: the school (its index in the list) and what looks wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub school: usize,
    pub oddity: Oddity,
}

impl Warning {
    /// In words; `schools` is the list the warning was found in.
    pub fn message(&self, schools: &[School], zh: bool) -> String {
        let n = |v: f64| crate::format::as_typed((v * 10.0).round() / 10.0);
        match (&self.oddity, zh) {
            (Oddity::SportsAreaPerStudent(v), true) => format!(
                "生均体育运动场馆面积 {} 平方米，超过 {SPORTS_M2_PER_STUDENT}：请核对面积和在校生数",
                n(*v)
            ),
            (Oddity::SportsAreaPerStudent(v), false) => format!(
                "{} m² of sports ground per student, over {SPORTS_M2_PER_STUDENT}: check the area and the enrolment",
                n(*v)
            ),
            (Oddity::QualifiedPer100(level, v), true) => format!(
                "每百名{}学生有 {} 名高于规定学历教师，超过 {QUALIFIED_PER_100}：请核对教师数和在校生数",
                level.zh(),
                n(*v)
            ),
            (Oddity::QualifiedPer100(level, v), false) => format!(
                "{} qualified teachers per 100 {} students, over {QUALIFIED_PER_100}: check the teachers and the enrolment",
                n(*v),
                level.key()
            ),
            (Oddity::LargestClass(level, v), true) => format!(
                "{}最大班额 {} 人，超过 {LARGEST_CLASS}：请核对",
                level.zh(),
                n(*v)
            ),
            (Oddity::LargestClass(level, v), false) => format!(
                "a largest {} class of {}, over {LARGEST_CLASS}: check it",
                level.key(),
                n(*v)
            ),
            (Oddity::EquipmentPerStudent(v), true) => format!(
                "生均教学仪器设备值 {} 元，不到 {EQUIPMENT_YUAN_PER_STUDENT} 元：是否把万元填进了元的列？",
                n(*v)
            ),
            (Oddity::EquipmentPerStudent(v), false) => format!(
                "{} yuan of equipment per student, under {EQUIPMENT_YUAN_PER_STUDENT}: 万元 in a yuan column?",
                n(*v)
            ),
            (Oddity::SameNumbersAs(other), zh) => {
                let other = schools.get(*other).map_or("", |s| s.id.as_str());
                if zh {
                    format!("每个数都与学校“{other}”相同：是否复制了一行？")
                } else {
                    format!("every number equals school \"{other}\"'s: a copied row?")
                }
            }
        }
    }
}

/// The warnings for a list of schools, school by school in order.
pub fn warnings(schools: &[School]) -> Vec<Warning> {
    let mut found = Vec::new();
    // The first school with each fingerprint of its numbers, for copied rows (a match is then
    // compared value by value).
    let mut seen: std::collections::HashMap<u64, usize> =
        std::collections::HashMap::with_capacity(schools.len());
    for (i, s) in schools.iter().enumerate() {
        let mut warn = |oddity| {
            found.push(Warning { school: i, oddity });
        };
        let students: f64 = [
            Field::StudentsPrimary,
            Field::StudentsJunior,
            Field::StudentsSenior,
        ]
        .iter()
        .map(|&f| s.value(f))
        .sum();
        if students > 0.0 {
            if let Some(area) = s.values.get(Field::SportsAreaM2) {
                if area / students > SPORTS_M2_PER_STUDENT {
                    warn(Oddity::SportsAreaPerStudent(area / students));
                }
            }
            if let Some(yuan) = s.values.get(Field::EquipmentValueYuan) {
                if yuan / students < EQUIPMENT_YUAN_PER_STUDENT {
                    warn(Oddity::EquipmentPerStudent(yuan / students));
                }
            }
        }
        for level in Level::BOTH {
            let students = s.students(level);
            let qualified = match level {
                Level::Primary => Field::QualifiedPrimary,
                Level::Junior => Field::QualifiedJunior,
            };
            if students > 0.0 {
                if let Some(q) = s.values.get(qualified) {
                    if q / students * 100.0 > QUALIFIED_PER_100 {
                        warn(Oddity::QualifiedPer100(level, q / students * 100.0));
                    }
                }
            }
            let largest = match level {
                Level::Primary => Field::LargestClassPrimary,
                Level::Junior => Field::LargestClassJunior,
            };
            if let Some(c) = s.values.get(largest).filter(|&c| c > LARGEST_CLASS) {
                warn(Oddity::LargestClass(level, c));
            }
        }
        let filled = Field::ALL
            .iter()
            .filter(|&&f| s.values.get(f).is_some())
            .count();
        if filled >= SAME_ROW_MIN_VALUES {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for &f in Field::ALL {
                s.values.get(f).map(f64::to_bits).hash(&mut h);
            }
            match seen.entry(h.finish()) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    let first = *first.get();
                    if schools[first].values == s.values {
                        warn(Oddity::SameNumbersAs(first));
                    }
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(i);
                }
            }
        }
    }
    found
}
