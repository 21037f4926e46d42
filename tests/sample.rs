//! The embedded sample county: the totals STANDARD.md quotes from the seed county's own filing,
//! labelled synthetic, and with the mix of results the issue asks for.

use junheng::evaluate::evaluate;
use junheng::model::{Field, Level, SchoolKind};
use junheng::{sample, Standard};

#[test]
fn sample_matches_the_seed_county_totals_and_is_labelled_synthetic() {
    let standard = Standard::national_2017();
    let imported = sample::load(&standard).expect("the sample loads");
    let data = &imported.dataset;
    let count = |k: SchoolKind| data.schools.iter().filter(|s| s.kind == k).count();
    assert_eq!(count(SchoolKind::Primary), 10);
    assert_eq!(count(SchoolKind::Junior), 4);
    assert_eq!(count(SchoolKind::NineYear), 1);
    assert_eq!(count(SchoolKind::TeachingPoint), 4);
    let total = |f: Field| data.schools.iter().map(|s| s.value(f)).sum::<f64>();
    assert_eq!(total(Field::StudentsPrimary), 7623.0);
    assert_eq!(total(Field::StudentsJunior), 2450.0);
    let tp: f64 = data
        .schools
        .iter()
        .filter(|s| s.kind == SchoolKind::TeachingPoint)
        .map(|s| s.value(Field::StudentsPrimary))
        .sum();
    assert_eq!(tp, 52.0);
    let note = data
        .extra_columns
        .iter()
        .position(|c| c == "数据说明")
        .expect("a column says what the data is");
    assert!(data
        .schools
        .iter()
        .all(|s| s.extra[note].contains("合成示例数据") && s.extra[note].contains("synthetic")));
    assert!(imported.dataset.source.contains("合成数据"));
}

#[test]
fn sample_has_a_plausible_mix_of_results() {
    let standard = Standard::national_2017();
    let data = sample::load(&standard).expect("loads").dataset;
    let ev = evaluate(&data, &standard);
    let fails_by = |n: usize| {
        ev.units
            .iter()
            .filter(|u| u.indicators.len() - u.met_count == n)
            .count()
    };
    assert!(fails_by(1) >= 3, "several sections miss one indicator");
    assert!(fails_by(2) >= 2, "some miss two");
    let worst = ev.units.iter().min_by_key(|u| u.met_count).expect("units");
    assert_eq!(worst.school_id, "S10");
    assert!(worst.met_count <= 2, "one school fails badly");
    assert!(
        ev.units.iter().any(|u| !u.passes && u.met_count == 6),
        "6 of 7 but under 85%"
    );
    assert!(
        ev.units.iter().any(|u| u.passes && u.met_count == 6),
        "6 of 7 and the rest above 85%"
    );
    let k = |key: &str| {
        standard
            .indicators
            .iter()
            .position(|i| i.key() == key)
            .expect("key")
    };
    let sports_p = &ev.cv_of(Level::Primary)[k("sports_area_per_student")];
    assert!(
        sports_p.cv > 0.5 && sports_p.cv < 0.6,
        "primary sports CV just over its limit: {}",
        sports_p.cv
    );
    let backbone_j = &ev.cv_of(Level::Junior)[k("backbone_teachers_per_100")];
    assert!(
        backbone_j.cv > 0.40 && backbone_j.met,
        "junior backbone CV near its limit: {}",
        backbone_j.cv
    );
    assert!(!ev.resource_allocation_met);
    assert_eq!(ev.excluded.len(), 1);
    assert_eq!(ev.excluded[0].school_id, "T04");
}

#[test]
fn builtin_standard_is_the_2017_national_one() {
    let s = Standard::national_2017();
    assert_eq!(s.id(), "national-2017");
    assert_eq!(s.indicators.len(), 7);
    assert_eq!(s.cv_limit(Level::Primary), 0.5);
    assert_eq!(s.cv_limit(Level::Junior), 0.45);
    assert_eq!(s.def.school_rule.min_met, 6);
    assert_eq!(s.def.school_rule.floor_ratio, 0.85);
    assert_eq!(
        (
            s.def.split_weights.primary,
            s.def.split_weights.junior,
            s.def.split_weights.senior
        ),
        (1.0, 1.1, 1.32)
    );
    let thresholds: Vec<(f64, f64)> = s
        .indicators
        .iter()
        .map(|i| (i.threshold(Level::Primary), i.threshold(Level::Junior)))
        .collect();
    assert_eq!(
        thresholds,
        [
            (4.2, 5.3),
            (1.0, 1.0),
            (0.9, 0.9),
            (4.5, 5.8),
            (7.5, 10.2),
            (2000.0, 2500.0),
            (2.3, 2.4)
        ]
    );
    assert!(Standard::from_json("{}").is_err());
}
