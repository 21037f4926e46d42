//! Years (DATA-FORMAT §5): each rule of the projection on a small hand-computed county, dated
//! changes applied from their years, and the first failures named with year and reason.

use junheng::model::{Field, Level, School, SchoolKind};
use junheng::scenario::{Change, Scenario};
use junheng::timeline::{project, timeline, Intake, Options};
use junheng::{sample, Dataset, Standard};

fn school(id: &str, kind: SchoolKind, primary: &[f64], junior: &[f64]) -> School {
    let mut s = School::new(id, id, kind);
    for (f, v) in Level::Primary.grades().iter().zip(primary) {
        s.values.set(*f, *v);
    }
    for (f, v) in Level::Junior.grades().iter().zip(junior) {
        s.values.set(*f, *v);
    }
    if !primary.is_empty() {
        s.values.set(Field::StudentsPrimary, primary.iter().sum());
    }
    if !junior.is_empty() {
        s.values.set(Field::StudentsJunior, junior.iter().sum());
    }
    s
}

/// P1 feeds J1; P2 feeds no named school (the pool); N1 is a nine-year school feeding itself;
/// N2 a nine-year school sending its grade 6 to J1; J1, J2 junior schools; P3 has no grades.
fn county() -> Dataset {
    let mut p1 = school(
        "P1",
        SchoolKind::Primary,
        &[100., 90., 80., 70., 60., 50.],
        &[],
    );
    p1.feeds_into = Some("J1".into());
    let p2 = school(
        "P2",
        SchoolKind::Primary,
        &[10., 10., 10., 10., 10., 20.],
        &[],
    );
    let n1 = school("N1", SchoolKind::NineYear, &[30.; 6], &[40., 40., 40.]);
    let mut n2 = school("N2", SchoolKind::NineYear, &[20.; 6], &[10., 10., 10.]);
    n2.feeds_into = Some("J1".into());
    let j1 = school("J1", SchoolKind::Junior, &[], &[200., 190., 180.]);
    let j2 = school("J2", SchoolKind::Junior, &[], &[100., 100., 100.]);
    let mut p3 = School::new("P3", "P3", SchoolKind::Primary);
    p3.values.set(Field::StudentsPrimary, 300.0);
    Dataset {
        schools: vec![p1, p2, n1, n2, j1, j2, p3],
        ..Dataset::default()
    }
}

fn grades(d: &Dataset, id: &str, level: Level) -> Vec<f64> {
    let s = d.school(id).expect("school");
    level
        .grades()
        .iter()
        .map(|g| s.values.get(*g).expect("grade"))
        .collect()
}

fn close(a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len(), "{a:?} vs {b:?}");
    for (x, y) in a.iter().zip(b) {
        assert!((x - y).abs() < 1e-9, "{a:?} vs {b:?}");
    }
}

#[test]
fn every_rule_of_the_projection_on_a_hand_computed_county() {
    let data = county();
    let mut options = Options::new(2024, 2026);
    options.survival = 0.9;
    let mut intake = Intake::default();
    intake
        .entries
        .insert(("P1".into(), 2025), (Some(120.0), None));
    intake
        .entries
        .insert(("J2".into(), 2026), (None, Some(55.0)));
    options.intake = intake;
    let (years, notes) = project(&data, &options);
    assert_eq!(years.len(), 3);
    // The base year as given.
    close(
        &grades(&years[0], "P1", Level::Primary),
        &[100., 90., 80., 70., 60., 50.],
    );
    let y = &years[1];
    let s = 0.9;
    // Grade 1 from the intake table; later grades move up at the survival rate.
    close(
        &grades(y, "P1", Level::Primary),
        &[120., 100. * s, 90. * s, 80. * s, 70. * s, 60. * s],
    );
    // No table entry: the base year's grade 1.
    close(
        &grades(y, "P2", Level::Primary),
        &[10., 10. * s, 10. * s, 10. * s, 10. * s, 10. * s],
    );
    // Grade 7: the feeders' grade 6 of last year, plus the pool (P2's 20) shared by base grade 7
    // (N1 40, N2 10, J1 200, J2 100 of 350).
    let pool = 20.0;
    let share = |g7: f64| pool * g7 / 350.0;
    // N1 feeds itself (30); N2 sends its 20 to J1, with P1's 50.
    close(
        &grades(y, "N1", Level::Junior),
        &[30. + share(40.), 40. * s, 40. * s],
    );
    close(
        &grades(y, "N2", Level::Junior),
        &[share(10.), 10. * s, 10. * s],
    );
    close(
        &grades(y, "J1", Level::Junior),
        &[50. + 20. + share(200.), 200. * s, 190. * s],
    );
    close(
        &grades(y, "J2", Level::Junior),
        &[share(100.), 100. * s, 100. * s],
    );
    // Students are the sum of the grades, not rounded.
    let j1 = y.school("J1").expect("J1");
    assert!(
        (j1.value(Field::StudentsJunior) - grades(y, "J1", Level::Junior).iter().sum::<f64>())
            .abs()
            < 1e-9
    );
    // A school without grades keeps its base-year enrolment, and is named in the notes.
    assert_eq!(
        y.school("P3").expect("P3").value(Field::StudentsPrimary),
        300.0
    );
    assert!(notes.iter().any(|n| n.contains("P3")), "{notes:?}");
    // The table's grade 7 overrides the feeders in 2026.
    assert_eq!(grades(&years[2], "J2", Level::Junior)[0], 55.0);
    // A trend instead of a table: grade 1 grows by (1 + trend) each year.
    let mut trend = Options::new(2024, 2026);
    trend.trend = Some(-0.1);
    let (years, _) = project(&data, &trend);
    close(
        &grades(&years[2], "P2", Level::Primary)[..1],
        &[10. * 0.9 * 0.9],
    );
}

/// The sample county with grades given to 城关第一小学 (1,450 students: 300 a year coming in,
/// 210 leaving): its enrolment grows each year until two of its indicators fall below their
/// thresholds; a dated change holds only from its year.
#[test]
fn a_section_that_passes_now_and_fails_later_is_named_with_its_year_and_reason() {
    let standard = Standard::national_2017();
    let mut data = sample::load(&standard).expect("sample").dataset;
    {
        let s01 = data
            .schools
            .iter_mut()
            .find(|s| s.id == "S01")
            .expect("S01");
        for (f, v) in Level::Primary
            .grades()
            .iter()
            .zip([300., 250., 240., 230., 220., 210.])
        {
            s01.values.set(*f, v);
        }
    }
    let options = Options::new(2024, 2029);
    let t = timeline(&data, None, &standard, &options).expect("a timeline");
    assert_eq!(t.years.len(), 6);
    let enrolment: Vec<f64> = t
        .years
        .iter()
        .map(|y| {
            y.data
                .school("S01")
                .expect("S01")
                .value(Field::StudentsPrimary)
        })
        .collect();
    assert_eq!(enrolment, vec![1450., 1540., 1620., 1690., 1750., 1800.]);
    let f = t
        .first_failures
        .iter()
        .find(|f| f.school_id == "S01")
        .expect("S01 fails in a later year");
    // The first year S01 fails, found by the evaluator year by year.
    let first = t
        .years
        .iter()
        .find(|y| {
            y.evaluation
                .units
                .iter()
                .any(|u| u.school_id == "S01" && !u.passes)
        })
        .expect("a failing year");
    assert_eq!(f.year, first.year);
    assert!(f.year > 2024);
    let students = junheng::format::thousands(enrolment[(f.year - 2024) as usize]);
    assert!(
        f.reason.ends_with(&format!("：在校生 1,450 → {students}")),
        "{}",
        f.reason
    );
    assert!(f.reason.contains(" < "), "{}", f.reason);
    // Schools without grades are named in the notes, their enrolment kept.
    assert!(t.notes.iter().any(|n| n.contains("S02")));
    // A dated change: 2,000 m² of teaching rooms at S01 from 2027 — absent before, there after.
    let mut sc = Scenario::new("分年", Vec::new());
    sc.push(
        Change::Add {
            school_id: "S01".into(),
            field: "teaching_area_m2".into(),
            amount: 2000.0,
        },
        Some(2027),
    );
    let t2 = timeline(&data, Some(&sc), &standard, &options).expect("a timeline");
    let area = |t: &junheng::timeline::Timeline, i: usize| {
        t.years[i]
            .data
            .school("S01")
            .expect("S01")
            .value(Field::TeachingAreaM2)
    };
    assert_eq!(area(&t2, 2), 7300.0);
    assert_eq!(area(&t2, 3), 9300.0);
    assert_eq!(area(&t2, 5), 9300.0);
    // JSON of §5.
    let json = t.to_json(&standard);
    assert_eq!(json["base_year"], 2024);
    assert_eq!(json["years"].as_array().expect("years").len(), 6);
    assert_eq!(json["years"][3]["year"], 2027);
    assert!(json["years"][0]["summary"]["primary"]["units"]
        .as_u64()
        .is_some());
    let ff = json["first_failures"]
        .as_array()
        .expect("first failures")
        .iter()
        .find(|x| x["school_id"] == "S01")
        .expect("S01 in the JSON");
    assert_eq!(ff["section"], "primary");
    assert_eq!(ff["year"], f.year);
}

#[test]
fn options_out_of_range_are_refused() {
    let data = county();
    let standard = Standard::national_2017();
    for (base, to, survival, trend) in [
        (2024, 2023, 1.0, None),
        (2024, 2100, 1.0, None),
        (2024, 2026, 0.0, None),
        (2024, 2026, f64::NAN, None),
        (2024, 2026, 1.0, Some(-1.0)),
    ] {
        let mut o = Options::new(base, to);
        o.survival = survival;
        o.trend = trend;
        assert!(
            timeline(&data, None, &standard, &o).is_err(),
            "{base} {to} {survival}"
        );
    }
}

fn junheng(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(args)
        .output()
        .expect("runs")
}

/// `junheng timeline --json` on a generated county with grades and an intake table: the JSON of
/// §5, equal to the library's; a bad intake cell refused at its row and column.
#[test]
fn the_command_line_prints_the_years_and_refuses_a_bad_intake_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("county.csv");
    let s = |p: &std::path::Path| p.to_str().expect("utf-8").to_string();
    let out = junheng(&[
        "generate",
        "--schools",
        "200",
        "--grades",
        "--out",
        &s(&data),
    ]);
    assert!(out.status.success());
    let intake = dir.path().join("intake.csv");
    std::fs::write(&intake, "school_id,year,grade_1\nG000000,2025,400\n").expect("write");
    let out = junheng(&[
        "timeline",
        &s(&data),
        "--base-year",
        "2024",
        "--to",
        "2027",
        "--intake",
        &s(&intake),
        "--survival",
        "0.98",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let years = json["years"].as_array().expect("years");
    assert_eq!(years.len(), 4);
    // The same as the library.
    let standard = Standard::national_2017();
    let read = junheng::io::load_path(&data, &standard, &Default::default()).expect("reads");
    let mut options = Options::new(2024, 2027);
    options.survival = 0.98;
    options.intake = junheng::io::intake::load_intake(&intake).expect("intake");
    let t = timeline(&read.dataset, None, &standard, &options).expect("timeline");
    // (Numbers compared to 1e-9: a float printed and read back is not always the same bits.)
    let lib = t.to_json(&standard);
    assert_eq!(json["first_failures"], lib["first_failures"]);
    for (a, b) in years.iter().zip(lib["years"].as_array().expect("years")) {
        assert_eq!(a["year"], b["year"]);
        assert_eq!(a["summary"], b["summary"]);
        let (ua, ub) = (
            a["units"].as_array().expect("units"),
            b["units"].as_array().expect("units"),
        );
        assert_eq!(ua.len(), ub.len());
        for (x, y) in ua.iter().zip(ub) {
            assert_eq!(x["school_id"], y["school_id"]);
            assert_eq!(x["passes"], y["passes"]);
            let (sx, sy) = (
                x["students"].as_f64().expect("n"),
                y["students"].as_f64().expect("n"),
            );
            assert!((sx - sy).abs() <= 1e-9 * sy.abs().max(1.0), "{sx} {sy}");
        }
    }
    // G000000's grade 1 in 2025 is the table's.
    let g = t.years[1].data.school("G000000").expect("G000000");
    assert_eq!(g.value(Field::Grade1), 400.0);
    // A bad cell: refused at its row and column, exit 2.
    std::fs::write(&intake, "school_id,year,grade_1\nG000000,2025,四百\n").expect("write");
    let out = junheng(&[
        "timeline",
        &s(&data),
        "--base-year",
        "2024",
        "--to",
        "2027",
        "--intake",
        &s(&intake),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("intake.csv：第 2 行，列“grade_1”：“四百”"),
        "{err}"
    );
}
