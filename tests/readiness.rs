//! The whole standard: one verdict from resource allocation, the guarantee items (computed and
//! entered), quality, recognition and the veto list.

use junheng::evaluate::conditions::evaluate_conditions;
use junheng::evaluate::evaluate;
use junheng::model::{Dataset, Field, School, SchoolKind};
use junheng::readiness::{judge, readiness, Area, CountyEntry, CountyItem, ItemStatus, Rule};
use junheng::Standard;

/// A one-school county that passes resource allocation and every computed item.
fn good_county() -> Dataset {
    let s = School::new("A", "甲小学", SchoolKind::Primary)
        .with(Field::StudentsPrimary, 500.0)
        .with(Field::QualifiedPrimary, 30.0)
        .with(Field::BackbonePrimary, 10.0)
        .with(Field::PeArtPrimary, 10.0)
        .with(Field::TeachingAreaM2, 3000.0)
        .with(Field::SportsAreaM2, 5000.0)
        .with(Field::EquipmentValueYuan, 1_500_000.0)
        .with(Field::MultimediaRooms, 15.0)
        .with(Field::ClassesPrimary, 12.0)
        .with(Field::LargestClassPrimary, 42.0)
        .with(Field::TeachersPrimary, 30.0)
        .with(Field::MusicRooms, 1.0)
        .with(Field::ArtRooms, 1.0)
        .with(Field::SmallestMusicRoomM2, 100.0)
        .with(Field::SmallestArtRoomM2, 95.0)
        .with(Field::CertifiedTeachers, 30.0)
        .with(Field::TrainedTeachers, 30.0);
    Dataset {
        schools: vec![s],
        ..Dataset::default()
    }
}

/// The county-level items of the 2017 national standard (its JSON).
fn national_items() -> Vec<CountyItem> {
    Standard::national_2017().county_items().to_vec()
}

/// Every county-level item entered as met.
fn all_met() -> Vec<CountyEntry> {
    national_items()
        .iter()
        .map(|i| CountyEntry {
            key: i.key.clone(),
            value: Some(match i.rule {
                Rule::Yes => 1.0,
                Rule::AtLeast(t) => t,
                Rule::MustNotOccur => 0.0,
            }),
            evidence: "县教育局文件".into(),
        })
        .collect()
}

#[test]
fn a_county_meeting_everything_is_recognised_and_one_veto_fails_it() {
    let standard = Standard::national_2017();
    let data = good_county();
    let ev = evaluate(&data, &standard);
    assert!(ev.resource_allocation_met);
    let conditions = evaluate_conditions(&data, &standard);
    let mut entries = all_met();
    let r = readiness(&ev, &conditions, &entries, &standard, true);
    assert!(r.verdict, "{:?}", r.failing);
    assert!(r.failing.is_empty());
    assert_eq!(r.areas.len(), 5);
    let guarantee = r
        .areas
        .iter()
        .find(|a| a.area == Area::Guarantee)
        .expect("guarantee");
    assert_eq!((guarantee.met, guarantee.total), (5 + 11, 5 + 11));

    // One veto item occurs: the county fails whatever else holds.
    let v = entries
        .iter_mut()
        .find(|e| e.key == "v06_falsified")
        .expect("veto");
    v.value = Some(1.0);
    let r = readiness(&ev, &conditions, &entries, &standard, true);
    assert!(!r.verdict);
    assert_eq!(r.failing, vec!["一票否决：弄虚作假".to_string()]);
    assert!(
        !r.areas
            .iter()
            .find(|a| a.area == Area::Veto)
            .expect("veto")
            .passes
    );
}

#[test]
fn thresholds_and_missing_entries() {
    let items = national_items();
    let item = |key: &str| items.iter().find(|i| i.key == key).expect("item");
    let rotation = item("g10_rotation");
    assert_eq!(
        judge(rotation, Some(10.0)),
        ItemStatus::Met,
        "exactly 10% meets it"
    );
    assert_eq!(judge(rotation, Some(9.9)), ItemStatus::NotMet);
    assert_eq!(judge(rotation, None), ItemStatus::Missing);
    assert_eq!(judge(item("r01_recognition"), Some(85.0)), ItemStatus::Met);
    assert_eq!(
        judge(item("g13_nearby_town"), Some(94.9)),
        ItemStatus::NotMet
    );
    assert_eq!(judge(item("q03_charter"), Some(0.0)), ItemStatus::NotMet);
    assert_eq!(
        judge(item("v01_exam_admission"), Some(0.0)),
        ItemStatus::Met
    );
    assert_eq!(items.iter().filter(|i| i.area == Area::Veto).count(), 6);
    assert_eq!(items.iter().filter(|i| i.area == Area::Quality).count(), 9);

    // Nothing entered: every county item is listed as not entered; a school's lack is named.
    let standard = Standard::national_2017();
    let mut data = good_county();
    data.schools[0].values.set(Field::LargestClassPrimary, 52.0);
    let ev = evaluate(&data, &standard);
    let r = readiness(
        &ev,
        &evaluate_conditions(&data, &standard),
        &[],
        &standard,
        true,
    );
    assert!(!r.verdict);
    assert!(r
        .failing
        .contains(&"甲小学：班额：小学最大班额 52 > 45，需在班级间调整学生".to_string()));
    assert!(r
        .failing
        .contains(&"社会认可度：社会认可度（未填写）".to_string()));
    assert_eq!(r.failing.len(), 1 + items.len());
}

/// A large county's list of what fails is the first 200 in words and the total counted: 300
/// schools each lacking their music room fail 300 items (with resource allocation and the
/// county items not entered, more), and the words stop at 200.
#[test]
fn what_fails_is_listed_up_to_200_and_counted_in_full() {
    let standard = Standard::national_2017();
    let one = good_county().schools.remove(0);
    let schools: Vec<School> = (0..300)
        .map(|i| {
            let mut s = one.clone();
            s.id = format!("A{i}");
            s.name = format!("第{i}小学");
            s.with(Field::MusicRooms, 0.0)
        })
        .collect();
    let data = Dataset {
        schools,
        ..Dataset::default()
    };
    let ev = evaluate(&data, &standard);
    let conditions = evaluate_conditions(&data, &standard);
    let r = readiness(&ev, &conditions, &[], &standard, true);
    let county_items = standard.county_items().len();
    assert_eq!(r.failing.len(), 200);
    // Every school's music room, and every county item (none entered).
    assert_eq!(r.failing_total, 300 + county_items);
    assert!(r.failing[0].starts_with("第0小学："), "{}", r.failing[0]);
    assert!(!r.verdict);
}
