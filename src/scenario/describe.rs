//! A change in one line, for lists, undo labels, slides and reports: schools by name where the
//! data is at hand, amounts as people read them (whole people and rooms, m² to 1 decimal, whole
//! 元), and closing a school called 关闭 — never 撤销, which is undo's word.

use super::Change;
use crate::model::{Dataset, Field, Measure};

/// An amount of a field as people read it: "2", "1,628.5", "110,000".
pub fn amount(field: Option<Field>, v: f64) -> String {
    let measure = field.map(|f| f.measure());
    match measure {
        Some(Measure::Area) => {
            let r = (v * 10.0).round() / 10.0;
            if r.fract() == 0.0 {
                crate::format::thousands(r)
            } else {
                let whole = crate::format::thousands(r.trunc());
                let tenth = ((r.abs().fract()) * 10.0).round() as i64;
                let sign = if r < 0.0 && r.trunc() == 0.0 { "-" } else { "" };
                format!("{sign}{whole}.{tenth}")
            }
        }
        Some(_) => crate::format::thousands(v),
        None => crate::format::as_typed(v),
    }
}

impl Change {
    /// A one-line description for lists and undo history (schools by id).
    pub fn describe(&self, zh: bool) -> String {
        self.describe_in(None, zh)
    }

    /// A one-line description, schools named from the data where they are in it.
    pub fn describe_in(&self, data: Option<&Dataset>, zh: bool) -> String {
        let name = |id: &str| {
            data.and_then(|d| d.school(id))
                .map_or_else(|| id.to_string(), |s| s.name.clone())
        };
        let fname = |k: &str| {
            Field::from_key(k)
                .map(|f| {
                    if zh {
                        f.zh_headers()[0].to_string()
                    } else {
                        f.key().to_string()
                    }
                })
                .unwrap_or_else(|| k.to_string())
        };
        let sep = if zh { "：" } else { ": " };
        match self {
            Change::Add {
                school_id,
                field,
                amount: a,
            } => format!(
                "{}{sep}{} {}{}",
                name(school_id),
                fname(field),
                if *a >= 0.0 { "+" } else { "" },
                amount(Field::from_key(field), *a)
            ),
            Change::Set {
                school_id,
                field,
                value,
            } => {
                let v = amount(Field::from_key(field), *value);
                if zh {
                    format!("{}：{} 设为 {v}", name(school_id), fname(field))
                } else {
                    format!("{}: set {} to {v}", name(school_id), fname(field))
                }
            }
            Change::MoveStudents {
                from,
                to,
                section,
                count,
            } => {
                let n = crate::format::thousands(*count);
                if zh {
                    format!(
                        "{} → {}：转出{}学生 {n} 人",
                        name(from),
                        name(to),
                        section.zh()
                    )
                } else {
                    format!(
                        "{} → {}: move {n} {} students",
                        name(from),
                        name(to),
                        section.key()
                    )
                }
            }
            Change::NewSchool { school } => {
                let n = school.get("name").and_then(|v| v.as_str()).unwrap_or("");
                if zh {
                    format!("新建学校 {n}")
                } else {
                    format!("new school {n}")
                }
            }
            Change::Merge { school_ids, into } => {
                let names: Vec<String> = school_ids.iter().map(|id| name(id)).collect();
                if zh {
                    format!(
                        "合并 {} 为 {}（{}）",
                        names.join("、"),
                        into.name,
                        into.kind.zh()
                    )
                } else {
                    format!(
                        "merge {} into {} ({})",
                        names.join(", "),
                        into.name,
                        into.kind.en()
                    )
                }
            }
            Change::Transfer {
                from,
                to,
                count,
                fields,
            } => {
                let n = crate::format::thousands(*count);
                let what: Vec<String> = fields.iter().map(|f| fname(f)).collect();
                if zh {
                    format!(
                        "交流轮岗：{} → {}，{n} 名教师（{}）",
                        name(from),
                        name(to),
                        what.join("、")
                    )
                } else {
                    format!(
                        "transfer {n} teachers ({}) from {} to {}",
                        what.join(", "),
                        name(from),
                        name(to)
                    )
                }
            }
            Change::Close {
                school_id,
                students_to,
            } => {
                if zh {
                    format!(
                        "关闭（撤并）{}，学生并入 {}",
                        name(school_id),
                        name(students_to)
                    )
                } else {
                    format!(
                        "close {}; students go to {}",
                        name(school_id),
                        name(students_to)
                    )
                }
            }
        }
    }
}

/// A scenario's changes grouped by the school they are at, in words: (school id, the changes
/// there), a school's additions as "+2 骨干教师" (the school named once, by the caller), other
/// changes whole under an empty id. Schools in the order they first appear.
pub fn per_school(changes: &[Change], data: &Dataset, zh: bool) -> Vec<(String, Vec<String>)> {
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    for change in changes {
        let (id, text) = match change {
            Change::Add {
                school_id,
                field,
                amount: a,
            } => {
                let text = match Field::from_key(field) {
                    Some(f) => {
                        let sign = if *a >= 0.0 { "+" } else { "" };
                        let n = amount(Some(f), *a);
                        let (noun_zh, noun_en) = crate::format::noun(f);
                        match (zh, f.measure()) {
                            (true, _) => format!("{noun_zh} {sign}{n} {}", f.unit_zh()),
                            (false, Measure::Area | Measure::Money) => {
                                format!("{sign}{n} {} {noun_en}", f.unit_en())
                            }
                            (false, _) => format!("{sign}{n} {noun_en}"),
                        }
                    }
                    None => change.describe_in(Some(data), zh),
                };
                (school_id.clone(), text)
            }
            other => (String::new(), other.describe_in(Some(data), zh)),
        };
        match rows.iter_mut().find(|(s, _)| *s == id) {
            Some(row) => row.1.push(text),
            None => rows.push((id, vec![text])),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{School, SchoolKind};

    #[test]
    fn amounts_and_names_as_people_read_them() {
        let data = Dataset {
            schools: vec![
                School::new("S1", "城关小学", SchoolKind::Primary),
                School::new("S2", "东关小学", SchoolKind::Primary),
            ],
            ..Dataset::default()
        };
        let add = |field: &str, amount: f64| Change::Add {
            school_id: "S1".into(),
            field: field.into(),
            amount,
        };
        assert_eq!(
            add("sports_area_m2", 260.3804409811206).describe_in(Some(&data), true),
            "城关小学：体育运动场馆面积 +260.4"
        );
        assert_eq!(
            add("backbone_primary", 39.00000000045901).describe_in(Some(&data), true),
            "城关小学：小学县级及以上骨干教师数 +39"
        );
        assert_eq!(
            add("equipment_value_yuan", 110000.00000000024).describe_in(None, true),
            "S1：教学仪器设备值 +110,000"
        );
        assert_eq!(
            add("teaching_area_m2", 1628.0).describe_in(Some(&data), false),
            "城关小学: teaching_area_m2 +1,628"
        );
        let close = Change::Close {
            school_id: "S2".into(),
            students_to: "S1".into(),
        };
        assert_eq!(
            close.describe_in(Some(&data), true),
            "关闭（撤并）东关小学，学生并入 城关小学"
        );
        assert!(!close.describe_in(Some(&data), true).contains("撤销"));
        let plan = [
            add("backbone_primary", 2.0),
            close.clone(),
            add("sports_area_m2", 1628.04),
        ];
        assert_eq!(
            per_school(&plan, &data, true),
            vec![
                (
                    "S1".to_string(),
                    vec![
                        "骨干教师 +2 人".to_string(),
                        "体育运动场馆 +1,628 平方米".to_string()
                    ]
                ),
                (
                    String::new(),
                    vec!["关闭（撤并）东关小学，学生并入 城关小学".to_string()]
                ),
            ]
        );
        assert_eq!(
            per_school(&plan[2..], &data, false)[0].1,
            vec!["+1,628 m² of sports ground".to_string()]
        );
    }
}
