//! The guarantee items computed from school data, at and around their boundaries.

use junheng::evaluate::conditions::{evaluate_conditions, Condition, Lack};
use junheng::model::{Dataset, Field, School, SchoolKind};
use junheng::{sample, Standard};

/// A primary school that meets every item; tests move one field.
fn school(kind: SchoolKind) -> School {
    School::new("X", "测试学校", kind)
        .with(Field::StudentsPrimary, 540.0)
        .with(Field::ClassesPrimary, 12.0)
        .with(Field::LargestClassPrimary, 45.0)
        .with(Field::TeachersPrimary, 30.0)
        .with(Field::MusicRooms, 1.0)
        .with(Field::ArtRooms, 1.0)
        .with(Field::SmallestMusicRoomM2, 96.0)
        .with(Field::SmallestArtRoomM2, 90.0)
        .with(Field::CertifiedTeachers, 30.0)
        .with(Field::TrainedTeachers, 30.0)
}

fn lacks(s: School, c: Condition) -> Vec<Lack> {
    let data = Dataset {
        schools: vec![s],
        ..Dataset::default()
    };
    let r = evaluate_conditions(&data, &Standard::national_2017());
    r[0].results
        .iter()
        .find(|x| x.condition == c)
        .expect("item")
        .lacks
        .clone()
}

#[test]
fn one_music_and_one_art_room_per_12_classes() {
    let base = school(SchoolKind::Primary);
    assert!(lacks(
        base.clone().with(Field::ClassesPrimary, 11.0),
        Condition::MusicArtRooms
    )
    .is_empty());
    assert!(
        lacks(base.clone(), Condition::MusicArtRooms).is_empty(),
        "12 classes: one room each"
    );
    let l = lacks(
        base.clone().with(Field::ClassesPrimary, 13.0),
        Condition::MusicArtRooms,
    );
    assert_eq!(
        l,
        vec![
            Lack::MusicRooms {
                needed: 2.0,
                have: 1.0
            },
            Lack::ArtRooms {
                needed: 2.0,
                have: 1.0
            }
        ]
    );
    assert_eq!(l[0].message(true), "缺 1 间音乐教室");
    assert_eq!(l[1].message(true), "缺 1 间美术教室");
    // A room of 95.9 m² is under the 96 m² a music room needs; 90 m² is enough for art.
    let l = lacks(
        base.clone().with(Field::SmallestMusicRoomM2, 95.9),
        Condition::MusicArtRooms,
    );
    assert_eq!(
        l,
        vec![Lack::MusicRoomArea {
            smallest: 95.9,
            minimum: 96.0
        }]
    );
    assert_eq!(l[0].message(true), "最小音乐教室 95.9 平方米 < 96");
    assert!(lacks(
        base.with(Field::SmallestArtRoomM2, 90.0),
        Condition::MusicArtRooms
    )
    .is_empty());
}

#[test]
fn school_size_2000_and_a_nine_year_school_2500() {
    let base = school(SchoolKind::Primary);
    assert!(lacks(
        base.clone().with(Field::StudentsPrimary, 2000.0),
        Condition::SchoolSize
    )
    .is_empty());
    let l = lacks(
        base.with(Field::StudentsPrimary, 2001.0),
        Condition::SchoolSize,
    );
    assert_eq!(
        l,
        vec![Lack::TooManyStudents {
            students: 2001.0,
            maximum: 2000.0
        }]
    );
    assert_eq!(l[0].message(true), "在校生 2001 人 > 2000");
    let nine = school(SchoolKind::NineYear)
        .with(Field::StudentsPrimary, 1500.0)
        .with(Field::StudentsJunior, 1000.0)
        .with(Field::ClassesJunior, 20.0)
        .with(Field::LargestClassJunior, 50.0);
    assert!(
        lacks(nine.clone(), Condition::SchoolSize).is_empty(),
        "2,500 in a nine-year school"
    );
    let l = lacks(
        nine.with(Field::StudentsJunior, 1001.0),
        Condition::SchoolSize,
    );
    assert_eq!(
        l,
        vec![Lack::TooManyStudents {
            students: 2501.0,
            maximum: 2500.0
        }]
    );
}

#[test]
fn class_size_45_primary_50_junior() {
    let l = lacks(
        school(SchoolKind::Primary).with(Field::LargestClassPrimary, 46.0),
        Condition::ClassSize,
    );
    assert_eq!(
        l[0].message(true),
        "小学最大班额 46 > 45，需在班级间调整学生"
    );
    let junior = School::new("J", "初中", SchoolKind::Junior)
        .with(Field::StudentsJunior, 600.0)
        .with(Field::LargestClassJunior, 52.0);
    let l = lacks(junior.clone(), Condition::ClassSize);
    assert_eq!(l[0].message(true), "初中最大班额 52 > 50，需增设 12 个班");
    assert!(lacks(
        junior.with(Field::LargestClassJunior, 50.0),
        Condition::ClassSize
    )
    .is_empty());
}

#[test]
fn every_teacher_certified_and_trained() {
    let base = school(SchoolKind::Primary);
    let l = lacks(
        base.clone().with(Field::CertifiedTeachers, 29.0),
        Condition::CertifiedTeachers,
    );
    assert_eq!(l[0].message(true), "1 名教师未持证（29/30）");
    let l = lacks(
        base.clone().with(Field::TrainedTeachers, 27.0),
        Condition::TrainedTeachers,
    );
    assert_eq!(l[0].message(true), "3 名教师未完成培训（27/30）");
    let l = lacks(base.clone(), Condition::TrainedTeachers);
    assert!(l.is_empty());
    // Missing data is named, and not counted as met.
    let mut no_data = base;
    no_data.values.clear(Field::CertifiedTeachers);
    assert_eq!(
        lacks(no_data, Condition::CertifiedTeachers),
        vec![Lack::NoData(Field::CertifiedTeachers)]
    );
}

#[test]
fn the_sample_county_has_its_gaps_named() {
    let standard = Standard::national_2017();
    let data = sample::load(&standard).expect("sample").dataset;
    let r = evaluate_conditions(&data, &standard);
    assert_eq!(r.len(), 15, "teaching points are not checked on their own");
    let s10 = r.iter().find(|s| s.school_id == "S10").expect("S10");
    let rooms = &s10.results[0];
    assert_eq!(
        rooms
            .lacks
            .iter()
            .map(|l| l.message(true))
            .collect::<Vec<_>>(),
        ["缺 1 间音乐教室", "缺 1 间美术教室"]
    );
    let s01 = r.iter().find(|s| s.school_id == "S01").expect("S01");
    let classes = s01
        .results
        .iter()
        .find(|x| x.condition == Condition::ClassSize)
        .expect("class size");
    assert_eq!(
        classes.lacks[0].message(true),
        "小学最大班额 52 > 45，需增设 3 个班"
    );
}

#[test]
fn adding_classes_in_a_scenario_fixes_class_size() {
    use junheng::scenario::{apply, Change, Scenario};
    let standard = Standard::national_2017();
    let data = sample::load(&standard).expect("sample").dataset;
    let class_lack = |d: &junheng::model::Dataset| -> Vec<String> {
        evaluate_conditions(d, &standard)
            .iter()
            .find(|s| s.school_id == "S01")
            .expect("S01")
            .results
            .iter()
            .find(|x| x.condition == Condition::ClassSize)
            .expect("class size")
            .lacks
            .iter()
            .map(|l| l.message(true))
            .collect()
    };
    // 1,450 students in 30 classes, largest 52: ⌈1450 ÷ 45⌉ = 33 classes needed.
    assert_eq!(class_lack(&data), ["小学最大班额 52 > 45，需增设 3 个班"]);
    let add = |n: f64| Scenario {
        name: "增班".into(),
        changes: vec![Change::Add {
            school_id: "S01".into(),
            field: "classes_primary".into(),
            amount: n,
        }],
        years: Vec::new(),
    };
    // Two more classes: evenly spread, ⌈1450 ÷ 32⌉ = 46, still one class short.
    let two = apply(&data, &add(2.0)).expect("applies");
    let s01 = two.schools.iter().find(|s| s.id == "S01").expect("S01");
    assert_eq!(s01.value(Field::LargestClassPrimary), 46.0);
    assert_eq!(class_lack(&two), ["小学最大班额 46 > 45，需增设 1 个班"]);
    // Three: ⌈1450 ÷ 33⌉ = 44 ≤ 45, met.
    let three = apply(&data, &add(3.0)).expect("applies");
    let s01 = three.schools.iter().find(|s| s.id == "S01").expect("S01");
    assert_eq!(s01.value(Field::LargestClassPrimary), 44.0);
    assert!(class_lack(&three).is_empty());
    // Fewer classes never shrink the largest class.
    let fewer = apply(&data, &add(-1.0)).expect("applies");
    let s01 = fewer.schools.iter().find(|s| s.id == "S01").expect("S01");
    assert_eq!(s01.value(Field::LargestClassPrimary), 52.0);
}
