//! The government-guarantee items computable from school data (STANDARD.md §2): music and art
//! rooms per 12 classes and their minimum areas, school size, class size, certified teachers,
//! completed training. Each failing school says what it lacks ("缺 1 间音乐教室").

use crate::model::{Dataset, Field, Level, School, SchoolKind};
use crate::standard::{SchoolConditionRules, Standard};

/// One computed guarantee item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Condition {
    /// (2) music and art rooms: one of each per 12 classes, each of the minimum area.
    MusicArtRooms,
    /// (3) school size.
    SchoolSize,
    /// (4) class size.
    ClassSize,
    /// (12) every teacher holds a teaching certificate.
    CertifiedTeachers,
    /// (8) every teacher completed 360 hours of training in 5 years.
    TrainedTeachers,
}

impl Condition {
    pub const ALL: [Condition; 5] = [
        Condition::MusicArtRooms,
        Condition::SchoolSize,
        Condition::ClassSize,
        Condition::CertifiedTeachers,
        Condition::TrainedTeachers,
    ];

    /// The stable key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Condition::MusicArtRooms => "music_art_rooms",
            Condition::SchoolSize => "school_size",
            Condition::ClassSize => "class_size",
            Condition::CertifiedTeachers => "certified_teachers",
            Condition::TrainedTeachers => "trained_teachers",
        }
    }

    /// The item's name.
    pub fn name(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Condition::MusicArtRooms, true) => "音乐、美术专用教室",
            (Condition::MusicArtRooms, false) => "Music and art rooms",
            (Condition::SchoolSize, true) => "学校规模",
            (Condition::SchoolSize, false) => "School size",
            (Condition::ClassSize, true) => "班额",
            (Condition::ClassSize, false) => "Class size",
            (Condition::CertifiedTeachers, true) => "教师持证上岗率",
            (Condition::CertifiedTeachers, false) => "Certified teachers",
            (Condition::TrainedTeachers, true) => "教师五年 360 学时培训完成率",
            (Condition::TrainedTeachers, false) => "Teachers' 360-hour training",
        }
    }
}

/// What a school lacks on one item.
#[derive(Debug, Clone, PartialEq)]
pub enum Lack {
    MusicRooms {
        needed: f64,
        have: f64,
    },
    ArtRooms {
        needed: f64,
        have: f64,
    },
    MusicRoomArea {
        smallest: f64,
        minimum: f64,
    },
    ArtRoomArea {
        smallest: f64,
        minimum: f64,
    },
    TooManyStudents {
        students: f64,
        maximum: f64,
    },
    ClassTooLarge {
        level: Level,
        largest: f64,
        maximum: f64,
        /// Classes to add so that the students, spread evenly, fit under the maximum (0 when
        /// there are classes enough and only the spread is uneven).
        add_classes: f64,
    },
    Uncertified {
        teachers: f64,
        certified: f64,
    },
    Untrained {
        teachers: f64,
        trained: f64,
    },
    /// The data has no value for a field the item needs.
    NoData(Field),
}

fn n(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x:.1}")
    }
}

impl Lack {
    /// The lack in words: "缺 1 间音乐教室", "最大班额 52 > 50".
    pub fn message(&self, zh: bool) -> String {
        match (self, zh) {
            (Lack::MusicRooms { needed, have }, true) => {
                format!("缺 {} 间音乐教室", n(needed - have))
            }
            (Lack::MusicRooms { needed, have }, false) => {
                format!("{} music room(s) short", n(needed - have))
            }
            (Lack::ArtRooms { needed, have }, true) => {
                format!("缺 {} 间美术教室", n(needed - have))
            }
            (Lack::ArtRooms { needed, have }, false) => {
                format!("{} art room(s) short", n(needed - have))
            }
            (Lack::MusicRoomArea { smallest, minimum }, true) => {
                format!("最小音乐教室 {} 平方米 < {}", n(*smallest), n(*minimum))
            }
            (Lack::MusicRoomArea { smallest, minimum }, false) => {
                format!("smallest music room {} m² < {}", n(*smallest), n(*minimum))
            }
            (Lack::ArtRoomArea { smallest, minimum }, true) => {
                format!("最小美术教室 {} 平方米 < {}", n(*smallest), n(*minimum))
            }
            (Lack::ArtRoomArea { smallest, minimum }, false) => {
                format!("smallest art room {} m² < {}", n(*smallest), n(*minimum))
            }
            (Lack::TooManyStudents { students, maximum }, true) => {
                format!("在校生 {} 人 > {}", n(*students), n(*maximum))
            }
            (Lack::TooManyStudents { students, maximum }, false) => {
                format!("{} students > {}", n(*students), n(*maximum))
            }
            (
                Lack::ClassTooLarge {
                    level,
                    largest,
                    maximum,
                    add_classes,
                },
                true,
            ) => {
                let fix = if *add_classes > 0.0 {
                    format!("，需增设 {} 个班", n(*add_classes))
                } else {
                    "，需在班级间调整学生".to_string()
                };
                format!(
                    "{}最大班额 {} > {}{fix}",
                    level.zh(),
                    n(*largest),
                    n(*maximum)
                )
            }
            (
                Lack::ClassTooLarge {
                    level,
                    largest,
                    maximum,
                    add_classes,
                },
                false,
            ) => {
                let fix = if *add_classes > 0.0 {
                    format!("; add {} classes", n(*add_classes))
                } else {
                    "; rebalance students between classes".to_string()
                };
                format!(
                    "largest {} class {} > {}{fix}",
                    level.key(),
                    n(*largest),
                    n(*maximum)
                )
            }
            (
                Lack::Uncertified {
                    teachers,
                    certified,
                },
                true,
            ) => {
                format!(
                    "{} 名教师未持证（{}/{}）",
                    n(teachers - certified),
                    n(*certified),
                    n(*teachers)
                )
            }
            (
                Lack::Uncertified {
                    teachers,
                    certified,
                },
                false,
            ) => {
                format!(
                    "{} teachers uncertified ({}/{})",
                    n(teachers - certified),
                    n(*certified),
                    n(*teachers)
                )
            }
            (Lack::Untrained { teachers, trained }, true) => {
                format!(
                    "{} 名教师未完成培训（{}/{}）",
                    n(teachers - trained),
                    n(*trained),
                    n(*teachers)
                )
            }
            (Lack::Untrained { teachers, trained }, false) => {
                format!(
                    "{} teachers untrained ({}/{})",
                    n(teachers - trained),
                    n(*trained),
                    n(*teachers)
                )
            }
            (Lack::NoData(f), true) => format!("缺少数据：{}", f.zh_headers()[0]),
            (Lack::NoData(f), false) => format!("no data: {}", f.key()),
        }
    }
}

/// One item for one school: met, or what it lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionResult {
    pub condition: Condition,
    pub lacks: Vec<Lack>,
}

impl ConditionResult {
    /// Met when nothing is lacking (missing data is not met).
    pub fn met(&self) -> bool {
        self.lacks.is_empty()
    }
}

/// The computed items of one school.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolConditions {
    pub school: usize,
    pub school_id: String,
    pub name: String,
    pub results: Vec<ConditionResult>,
}

impl SchoolConditions {
    pub fn all_met(&self) -> bool {
        self.results.iter().all(ConditionResult::met)
    }
}

fn need(school: &School, f: Field, lacks: &mut Vec<Lack>) -> Option<f64> {
    let v = school.values.get(f);
    if v.is_none() {
        lacks.push(Lack::NoData(f));
    }
    v
}

fn check(school: &School, c: Condition, r: &SchoolConditionRules) -> Vec<Lack> {
    let mut lacks = Vec::new();
    let levels = school.kind.levels();
    match c {
        Condition::MusicArtRooms => {
            let classes: f64 = levels
                .iter()
                .map(|l| match l {
                    Level::Primary => school.values.get(Field::ClassesPrimary),
                    Level::Junior => school.values.get(Field::ClassesJunior),
                })
                .map(|v| v.unwrap_or(0.0))
                .sum();
            let needed = (classes / r.classes_per_room).ceil().max(1.0);
            if let Some(have) = need(school, Field::MusicRooms, &mut lacks) {
                if have < needed {
                    lacks.push(Lack::MusicRooms { needed, have });
                }
                if have > 0.0 {
                    if let Some(s) = need(school, Field::SmallestMusicRoomM2, &mut lacks) {
                        if s < r.music_room_min_m2 {
                            lacks.push(Lack::MusicRoomArea {
                                smallest: s,
                                minimum: r.music_room_min_m2,
                            });
                        }
                    }
                }
            }
            if let Some(have) = need(school, Field::ArtRooms, &mut lacks) {
                if have < needed {
                    lacks.push(Lack::ArtRooms { needed, have });
                }
                if have > 0.0 {
                    if let Some(s) = need(school, Field::SmallestArtRoomM2, &mut lacks) {
                        if s < r.art_room_min_m2 {
                            lacks.push(Lack::ArtRoomArea {
                                smallest: s,
                                minimum: r.art_room_min_m2,
                            });
                        }
                    }
                }
            }
        }
        Condition::SchoolSize => {
            let students: f64 = levels.iter().map(|l| school.students(*l)).sum();
            let maximum = if levels.len() > 1 {
                r.max_students_combined
            } else {
                r.max_students
            };
            if students > maximum {
                lacks.push(Lack::TooManyStudents { students, maximum });
            }
        }
        Condition::ClassSize => {
            for &level in levels {
                if school.students(level) <= 0.0 {
                    continue;
                }
                let (f, classes, maximum) = match level {
                    Level::Primary => (
                        Field::LargestClassPrimary,
                        Field::ClassesPrimary,
                        r.max_class.primary,
                    ),
                    Level::Junior => (
                        Field::LargestClassJunior,
                        Field::ClassesJunior,
                        r.max_class.junior,
                    ),
                };
                if let Some(largest) = need(school, f, &mut lacks) {
                    if largest > maximum {
                        let needed = (school.students(level) / maximum).ceil();
                        lacks.push(Lack::ClassTooLarge {
                            level,
                            largest,
                            maximum,
                            add_classes: (needed - school.value(classes)).max(0.0),
                        });
                    }
                }
            }
        }
        Condition::CertifiedTeachers | Condition::TrainedTeachers => {
            let teachers: f64 = levels
                .iter()
                .map(|l| match l {
                    Level::Primary => school.value(Field::TeachersPrimary),
                    Level::Junior => school.value(Field::TeachersJunior),
                })
                .sum();
            let (f, ratio) = if c == Condition::CertifiedTeachers {
                (Field::CertifiedTeachers, r.certified_ratio)
            } else {
                (Field::TrainedTeachers, r.trained_ratio)
            };
            if let Some(have) = need(school, f, &mut lacks) {
                if have + 1e-9 < (teachers * ratio).ceil() {
                    lacks.push(if c == Condition::CertifiedTeachers {
                        Lack::Uncertified {
                            teachers,
                            certified: have,
                        }
                    } else {
                        Lack::Untrained {
                            teachers,
                            trained: have,
                        }
                    });
                }
            }
        }
    }
    lacks
}

/// The computed guarantee items of every school that is evaluated (teaching points belong to
/// their central school and are not checked on their own).
pub fn evaluate_conditions(data: &Dataset, standard: &Standard) -> Vec<SchoolConditions> {
    let rules = &standard.def.school_conditions;
    data.schools
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind != SchoolKind::TeachingPoint)
        .map(|(i, s)| SchoolConditions {
            school: i,
            school_id: s.id.clone(),
            name: s.name.clone(),
            results: Condition::ALL
                .iter()
                .map(|&c| {
                    let mut lacks = check(s, c, rules);
                    // Held for every school of the county (200,000 in the largest files): no
                    // room to spare in each list.
                    lacks.shrink_to_fit();
                    ConditionResult {
                        condition: c,
                        lacks,
                    }
                })
                .collect(),
        })
        .collect()
}
