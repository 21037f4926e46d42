//! The published worked examples of STANDARD.md and shared/examples, reproduced to 4 decimals,
//! and the boundaries of the school rule.

use junheng::evaluate::{evaluate, weighted_cv, ExclusionReason};
use junheng::io::{load_bytes, ImportOptions};
use junheng::model::{Dataset, Field, Level, School, SchoolKind};
use junheng::Standard;

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn key_index(standard: &Standard, key: &str) -> usize {
    standard
        .indicators
        .iter()
        .position(|i| i.key() == key)
        .expect("indicator exists in the standard")
}

#[test]
fn five_school_handout_cv_is_0_5153() {
    let stats = weighted_cv(
        [45.0, 37.0, 89.0, 76.0, 55.0]
            .into_iter()
            .zip([279.0, 137.0, 935.0, 160.0, 402.0])
            .map(|(p, r): (f64, f64)| (p, r / p)),
    );
    assert_eq!(round4(stats.cv), 0.5153);
    assert!((stats.mean - 6.334437).abs() < 5e-7, "mean {}", stats.mean);
    assert!((stats.sd - 3.263861).abs() < 5e-7, "sd {}", stats.sd);
    // The published rounded figures.
    assert_eq!(format!("{:.2}", stats.mean), "6.33");
    assert_eq!(format!("{:.2}", stats.sd), "3.26");
    assert_eq!(format!("{:.2}", stats.cv), "0.52");
}

#[test]
fn five_school_example_through_the_importer_and_evaluator() {
    let standard = Standard::national_2017();
    let bytes = include_bytes!("data/worked-example-cv.csv");
    let data = load_bytes(
        bytes,
        "worked-example-cv.csv",
        &standard,
        &ImportOptions::default(),
    )
    .expect("the example loads")
    .dataset;
    let ev = evaluate(&data, &standard);
    let k = key_index(&standard, "equipment_value_per_student");
    let cv = &ev.cv_of(Level::Primary)[k];
    assert_eq!(round4(cv.cv), 0.5153);
    assert_eq!(round4(cv.mean), 6.3344);
    assert_eq!(round4(cv.sd), 3.2639);
    // Equals county total resource ÷ county total students.
    assert!((cv.mean - 1913.0 / 302.0).abs() < 1e-12);
    assert!(!cv.met, "0.5153 is over the primary limit of 0.50");
    // The equipment values are the handout's small numbers: every school fails that threshold.
    assert!(ev.units.iter().all(|u| !u.indicators[k].met));
}

#[test]
fn unweighted_forms_do_not_reproduce_the_published_cv() {
    // STANDARD.md: the unweighted population CV is 0.489 and the sample CV 0.546.
    let values: Vec<f64> = [45.0, 37.0, 89.0, 76.0, 55.0]
        .iter()
        .zip([279.0, 137.0, 935.0, 160.0, 402.0])
        .map(|(p, r)| r / p)
        .collect();
    let pop = weighted_cv(values.iter().map(|&x| (1.0, x)));
    assert_eq!(format!("{:.3}", pop.cv), "0.489");
    let n = values.len() as f64;
    let sample_sd = (pop.sd * pop.sd * n / (n - 1.0)).sqrt();
    assert_eq!(format!("{:.3}", sample_sd / pop.mean), "0.546");

    let mut standard = Standard::national_2017();
    standard.def.cv.weighting = junheng::standard::CvWeighting::Unweighted;
    let bytes = include_bytes!("data/worked-example-cv.csv");
    let data = load_bytes(bytes, "w.csv", &standard, &ImportOptions::default())
        .expect("loads")
        .dataset;
    let ev = evaluate(&data, &standard);
    let k = key_index(&standard, "equipment_value_per_student");
    assert_eq!(format!("{:.3}", ev.cv_of(Level::Primary)[k].cv), "0.489");
}

/// A nine-year school: 166 primary and 210 junior students share a whole-school resource.
#[test]
fn nine_year_split_gives_58_50_per_primary_student() {
    let standard = Standard::national_2017();
    let school = School::new("N1", "九年一贯制", SchoolKind::NineYear)
        .with(Field::StudentsPrimary, 166.0)
        .with(Field::StudentsJunior, 210.0)
        .with(Field::EquipmentValueYuan, 23_226.0);
    let data = Dataset {
        schools: vec![school],
        ..Dataset::default()
    };
    let ev = evaluate(&data, &standard);
    let k = key_index(&standard, "equipment_value_per_student");
    let p = ev.units_of(Level::Primary).next().expect("primary section");
    let j = ev.units_of(Level::Junior).next().expect("junior section");
    assert_eq!(format!("{:.2}", p.indicators[k].value), "58.50");
    assert_eq!(format!("{:.3}", p.indicators[k].value), "58.504");
    assert_eq!(format!("{:.3}", j.indicators[k].value), "64.354");
    assert_eq!(format!("{:.1}", p.indicators[k].numerator), "9711.6");
    assert_eq!(format!("{:.1}", j.indicators[k].numerator), "13514.4");
    assert!((p.share + j.share - 1.0).abs() < 1e-12);
    assert!((p.indicators[k].numerator + j.indicators[k].numerator - 23_226.0).abs() < 1e-9);
}

#[test]
fn complete_secondary_school_splits_with_its_senior_part() {
    let standard = Standard::national_2017();
    let school = School::new("C1", "完全中学", SchoolKind::CompleteSecondary)
        .with(Field::StudentsJunior, 1000.0)
        .with(Field::StudentsSenior, 500.0)
        .with(Field::TeachingAreaM2, 17_600.0);
    let ev = evaluate(
        &Dataset {
            schools: vec![school],
            ..Dataset::default()
        },
        &standard,
    );
    assert_eq!(
        ev.units.len(),
        1,
        "a complete secondary school is one junior section"
    );
    let u = &ev.units[0];
    assert_eq!(u.level, Level::Junior);
    // Junior share = 1.1 × 1000 / (1.1 × 1000 + 1.32 × 500) = 1100 / 1760 = 0.625.
    assert!((u.share - 0.625).abs() < 1e-12);
    let k = key_index(&standard, "teaching_area_per_student");
    assert!((u.indicators[k].value - 11.0).abs() < 1e-12);
}

/// A primary school that meets every threshold comfortably; tests then move one indicator.
fn good_primary(id: &str, students: f64) -> School {
    School::new(id, id, SchoolKind::Primary)
        .with(Field::StudentsPrimary, students)
        .with(Field::QualifiedPrimary, students * 0.06)
        .with(Field::BackbonePrimary, students * 0.02)
        .with(Field::PeArtPrimary, students * 0.02)
        .with(Field::TeachingAreaM2, students * 6.0)
        .with(Field::SportsAreaM2, students * 10.0)
        .with(Field::EquipmentValueYuan, students * 3000.0)
        .with(Field::MultimediaRooms, students * 0.03)
}

fn one(school: School) -> junheng::Evaluation {
    evaluate(
        &Dataset {
            schools: vec![school],
            ..Dataset::default()
        },
        &Standard::national_2017(),
    )
}

#[test]
fn a_value_exactly_at_the_threshold_meets_it() {
    // 9 ÷ 1000 × 100 is 0.9 on paper but 0.8999999999999999 in floating point.
    let (nine, thousand) = (
        std::hint::black_box(9.0_f64),
        std::hint::black_box(1000.0_f64),
    );
    assert!(nine / thousand * 100.0 < 0.9);
    let ev = one(good_primary("A", 1000.0).with(Field::PeArtPrimary, 9.0));
    let u = &ev.units[0];
    assert!(
        u.indicators[2].met,
        "PE/art exactly at 0.9 per 100 meets it"
    );
    assert_eq!(u.met_count, 7);
    assert!(u.passes);
    let ev = one(good_primary("A", 500.0).with(Field::QualifiedPrimary, 21.0));
    assert!(
        ev.units[0].indicators[0].met,
        "21 of 500 is exactly 4.2 per 100"
    );
    // One teacher fewer: 20 ÷ 500 × 100 = 4.0 < 4.2, but above 85% (3.57): still passes on 6 of 7.
    let ev = one(good_primary("A", 500.0).with(Field::QualifiedPrimary, 20.0));
    let u = &ev.units[0];
    assert!(!u.indicators[0].met);
    assert_eq!(u.met_count, 6);
    assert!(u.passes);
}

#[test]
fn exactly_85_percent_passes_and_just_under_fails() {
    // Sports area threshold 7.5 m²; 85% is 6.375 m² per student.
    let at = one(good_primary("B", 1000.0).with(Field::SportsAreaM2, 6375.0));
    let u = &at.units[0];
    assert_eq!(u.met_count, 6);
    assert!(u.indicators[4].above_floor);
    assert!(u.passes, "6 of 7 met and the seventh exactly at 85%");

    let under = one(good_primary("B", 1000.0).with(Field::SportsAreaM2, 6374.9));
    let u = &under.units[0];
    assert_eq!(u.met_count, 6);
    assert!(!u.indicators[4].above_floor);
    assert!(!u.passes, "the seventh is just under 85%");
    assert!(
        (u.indicators[4].shortfall - 1125.1).abs() < 1e-6,
        "m² to close the gap"
    );

    // Two indicators missed, both above 85%: fails the 6-of-7 rule.
    let two = one(good_primary("B", 1000.0)
        .with(Field::SportsAreaM2, 7000.0)
        .with(Field::BackbonePrimary, 9.0));
    assert_eq!(two.units[0].met_count, 5);
    assert!(!two.units[0].passes);
}

#[test]
fn a_section_with_zero_students_is_excluded_not_divided() {
    let school = good_primary("Z", 0.0).with(Field::StudentsPrimary, 0.0);
    let ev = one(school);
    assert!(ev.units.is_empty());
    assert_eq!(ev.excluded.len(), 1);
    assert_eq!(ev.excluded[0].reason, ExclusionReason::NoStudents);
    assert_eq!(ev.excluded[0].level, Some(Level::Primary));
    assert_eq!(ev.summary_of(Level::Primary).units, 0);
    assert!(ev.cv_of(Level::Primary).is_empty());
    // A nine-year school without junior students keeps its primary section.
    let nine = School::new("N", "N", SchoolKind::NineYear)
        .with(Field::StudentsPrimary, 100.0)
        .with(Field::StudentsJunior, 0.0)
        .with(Field::EquipmentValueYuan, 100_000.0);
    let ev = one(nine);
    assert_eq!(ev.units.len(), 1);
    assert_eq!(ev.units[0].level, Level::Primary);
    assert!((ev.units[0].share - 1.0).abs() < 1e-12);
    assert_eq!(ev.excluded[0].level, Some(Level::Junior));
    let json = ev.to_json(&Standard::national_2017());
    assert_eq!(json["excluded"][0]["reason"], "section has no students");
}

#[test]
fn teaching_points_merge_into_their_parent_or_are_left_out() {
    let standard = Standard::national_2017();
    let mut tp = School::new("T1", "教学点", SchoolKind::TeachingPoint)
        .with(Field::StudentsPrimary, 20.0)
        .with(Field::SportsAreaM2, 500.0);
    tp.parent_id = Some("P".into());
    let orphan = School::new("T2", "孤立教学点", SchoolKind::TeachingPoint)
        .with(Field::StudentsPrimary, 8.0);
    let mut lost = orphan.clone();
    lost.id = "T3".into();
    lost.parent_id = Some("NOPE".into());
    let parent = good_primary("P", 180.0);
    let data = Dataset {
        schools: vec![parent, tp, orphan, lost],
        ..Dataset::default()
    };
    let ev = evaluate(&data, &standard);
    assert_eq!(ev.units.len(), 1);
    let u = &ev.units[0];
    assert_eq!(u.students, 200.0);
    assert_eq!(u.merged_points, vec!["T1".to_string()]);
    let k = key_index(&standard, "sports_area_per_student");
    assert!((u.indicators[k].value - (1800.0 + 500.0) / 200.0).abs() < 1e-12);
    assert_eq!(ev.excluded.len(), 2);
    assert_eq!(
        ev.excluded[0].reason,
        ExclusionReason::TeachingPointWithoutParent
    );
    assert_eq!(
        ev.excluded[1].reason,
        ExclusionReason::TeachingPointParentMissing("NOPE".into())
    );
    let json = ev.to_json(&standard);
    assert_eq!(
        json["excluded"][0]["reason"],
        "teaching point without parent_id"
    );

    // A provincial rule (Hebei): teaching points under 50 students are left out.
    let mut hebei = standard.clone();
    hebei.def.teaching_points.min_students = 50.0;
    let ev = evaluate(&data, &hebei);
    assert_eq!(ev.units[0].students, 180.0);
    assert!(matches!(
        ev.excluded[0].reason,
        ExclusionReason::TeachingPointTooSmall { .. }
    ));
}

#[test]
fn cv_limits_apply_per_level_and_decide_the_county() {
    let standard = Standard::national_2017();
    // Two primary schools, equal size, sports area 8 and 24 m² per student: mean 16, SD 8, CV 0.5.
    let a = good_primary("A", 1000.0).with(Field::SportsAreaM2, 8000.0);
    let b = good_primary("B", 1000.0).with(Field::SportsAreaM2, 24_000.0);
    let ev = evaluate(
        &Dataset {
            schools: vec![a.clone(), b.clone()],
            ..Dataset::default()
        },
        &standard,
    );
    let k = key_index(&standard, "sports_area_per_student");
    let cv = &ev.cv_of(Level::Primary)[k];
    assert_eq!(round4(cv.cv), 0.5);
    assert!(cv.met, "exactly at the 0.50 limit meets it");
    assert!(ev.resource_allocation_met);
    let c = b.with(Field::SportsAreaM2, 24_100.0);
    let ev = evaluate(
        &Dataset {
            schools: vec![a, c],
            ..Dataset::default()
        },
        &standard,
    );
    assert!(!ev.cv_of(Level::Primary)[k].met);
    assert_eq!(ev.summary_of(Level::Primary).cv_met, 6);
    assert_eq!(ev.summary_of(Level::Primary).passing, 2);
    assert!(!ev.resource_allocation_met);
}

#[test]
fn gaps_are_whole_teachers_and_whole_school_areas() {
    use junheng::evaluate::Verdict;
    let standard = Standard::national_2017();
    // Backbone 1.0 per 100: 1,930 students need 19.3, so 17 backbone teachers lack 3 (2.3 rounded up).
    let ev = one(good_primary("G", 1930.0).with(Field::BackbonePrimary, 17.0));
    let u = &ev.units[0];
    let g = u.gap(1, &standard).expect("a gap");
    assert_eq!((g.field, g.amount), (Field::BackbonePrimary, 3.0));
    assert!(u.gap(0, &standard).is_none(), "met: no gap");
    match u.verdict(&standard) {
        Verdict::PassesWithMissed(m) => {
            assert_eq!(m.len(), 1);
            assert_eq!(m[0].0, 1);
            assert!((m[0].1 - 17.0 / 19.3).abs() < 1e-12);
        }
        other => panic!("unexpected verdict {other:?}"),
    }
    // Exactly at a whole number: 21 of 500 is enough; 20 lacks exactly 1.
    let ev = one(good_primary("G", 500.0).with(Field::QualifiedPrimary, 20.0));
    assert_eq!(ev.units[0].gap(0, &standard).expect("gap").amount, 1.0);

    // A nine-year school's primary section lacks sports area: the whole school must add
    // shortfall ÷ primary share.
    let nine = School::new("N", "N", SchoolKind::NineYear)
        .with(Field::StudentsPrimary, 500.0)
        .with(Field::StudentsJunior, 500.0)
        .with(Field::SportsAreaM2, 7000.0);
    let ev = one(nine);
    let p = ev.units_of(Level::Primary).next().expect("primary");
    let k = key_index(&standard, "sports_area_per_student");
    let share = 500.0 / (500.0 + 1.1 * 500.0);
    assert!((p.share - share).abs() < 1e-12);
    let g = p.gap(k, &standard).expect("gap");
    assert_eq!(g.field, Field::SportsAreaM2);
    // Needs 7.5 × 500 = 3750 m² in its share; has 7000 × share.
    assert!((g.amount - (3750.0 - 7000.0 * share) / share).abs() < 1e-9);
    assert!(matches!(p.verdict(&standard), Verdict::TooFewMet { .. }));

    let under = one(good_primary("B", 1000.0).with(Field::SportsAreaM2, 6000.0));
    match under.units[0].verdict(&standard) {
        Verdict::BelowFloor(b) => assert_eq!(b, vec![(4, 0.8)]),
        other => panic!("unexpected verdict {other:?}"),
    }
}
